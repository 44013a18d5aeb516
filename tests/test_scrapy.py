"""``CleanArticlePipeline``: settings, items of both kinds, errors, and a real crawl.

The crawl runs Scrapy in a subprocess (a Twisted reactor cannot be restarted inside
the test process) against pages served by ``http.server`` on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import importlib
import json
import logging
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

scrapy = pytest.importorskip("scrapy")
from scrapy.utils.test import get_crawler  # noqa: E402

from cleanarticle import CleanConfig, clean_text  # noqa: E402
from cleanarticle.contrib.scrapy import CleanArticlePipeline  # noqa: E402
from cleanarticle.extras import MissingExtraError  # noqa: E402
from cleanarticle.records import result_record  # noqa: E402

STORY = (
    "Storm hits the coast tonight\n"
    "Waves broke over the harbour wall as the storm reached the town on Monday.\n"
    "Advertisement\n"
    "Residents were told to stay indoors until the wind dropped in the evening.\n"
    "Share on Facebook\n"
)


def has_html() -> bool:
    try:
        import cleanarticle.html  # noqa: F401
    except ImportError:
        return False
    return True


class Article(scrapy.Item):  # type: ignore[misc]
    url = scrapy.Field()
    text = scrapy.Field()
    cleanarticle = scrapy.Field()
    cleanarticle_error = scrapy.Field()


def pipeline(**settings: Any) -> CleanArticlePipeline:
    return CleanArticlePipeline.from_crawler(get_crawler(settings_dict=settings))


def test_dict_item_gets_the_result() -> None:
    item = pipeline().process_item({"url": "https://example.org/a", "text": STORY})
    assert item["cleanarticle"] == result_record(clean_text(STORY))
    assert item["cleanarticle_error"] is None
    assert item["text"] == STORY  # the input is kept


def test_scrapy_item_and_settings() -> None:
    pipe = pipeline(CLEANARTICLE_KEEP=["social", "advertising"], CLEANARTICLE_TEXT_FIELD="text")
    item = pipe.process_item(Article(url="https://example.org/a", text=STORY))
    assert isinstance(item, Article)
    keep = CleanConfig(keep=frozenset({"social", "advertising"}))
    assert item["cleanarticle"] == result_record(clean_text(STORY, config=keep))
    assert {r["category"] for r in item["cleanarticle"]["removals"]}.isdisjoint(keep.keep)


def test_separate_output_fields() -> None:
    item = pipeline(CLEANARTICLE_OUTPUT_FIELD="").process_item({"text": STORY})
    assert item["headline"] == clean_text(STORY).headline
    assert item["body"] == clean_text(STORY).body
    assert "cleanarticle" not in item


def test_failed_item_is_passed_on_with_the_reason(caplog: pytest.LogCaptureFixture) -> None:
    pipe = pipeline()
    with caplog.at_level(logging.WARNING):
        item = pipe.process_item({"url": "https://example.org/empty", "title": "x"})
    assert item == {
        "url": "https://example.org/empty",
        "title": "x",
        "cleanarticle_error": "missing field 'text'",
    }
    assert "https://example.org/empty: missing field 'text'" in caplog.text


def test_undeclared_item_field_is_logged_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    class Bare(scrapy.Item):  # type: ignore[misc]
        text = scrapy.Field()

    with caplog.at_level(logging.ERROR):
        item = pipeline().process_item(Bare(text=STORY))
    assert dict(item) == {"text": STORY}
    assert "declare it (cleanarticle = scrapy.Field())" in caplog.text


def test_disabled_by_setting() -> None:
    with pytest.raises(scrapy.exceptions.NotConfigured):
        pipeline(CLEANARTICLE_ENABLED=False)


def test_missing_scrapy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "itemadapter", None)  # import itemadapter fails
    monkeypatch.delitem(sys.modules, "cleanarticle.contrib.scrapy")
    with pytest.raises(MissingExtraError, match=r"pip install 'cleanarticle\[scrapy\]'"):
        importlib.import_module("cleanarticle.contrib.scrapy")


ARTICLE = """<html><head><title>{title}</title></head><body>
<nav><a href="index.html">Home</a></nav>
<article><h1>{title}</h1>
<p>Waves broke over the harbour wall as the storm reached the town on {day}, and the
council opened the school hall for families from the seafront.</p>
<p>Advertisement</p>
<p>Residents were told to stay indoors until the wind dropped in the evening, the
police said, and the coast road stays closed until the morning.</p>
<p>Share on Facebook</p>
</article></body></html>
"""

SPIDER = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess


class Article(scrapy.Item):
    url = scrapy.Field()
    text = scrapy.Field()
    cleanarticle = scrapy.Field()
    cleanarticle_error = scrapy.Field()


class Site(scrapy.Spider):
    name = "site"
    start_urls = [sys.argv[1] + "/index.html"]

    def parse(self, response):
        yield {"url": response.url, "title": response.css("title::text").get()}
        yield from response.follow_all(css="ul a", callback=self.parse_article)

    def parse_article(self, response):
        yield {"url": response.url, "html": response.text}
        blocks = response.css("article > *")
        text = "\\n".join(" ".join(" ".join(b.css("*::text").getall()).split()) for b in blocks)
        yield Article(url=response.url, text=text)


process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleanarticle.contrib.scrapy.CleanArticlePipeline": 300},
    "CLEANARTICLE_KEEP": ["advertising"],
    "FEEDS": {sys.argv[2]: {"format": "jsonlines"}},
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_ENABLED": False,
})
process.crawl(Site)
process.start()
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """Three small pages on 127.0.0.1, a free port, served from a thread."""
    root = tmp_path / "site"
    root.mkdir()
    links = "".join(f'<li><a href="a{i}.html">Story {i}</a></li>' for i in (1, 2))
    (root / "index.html").write_text(
        f"<html><head><title>News</title></head><body><ul>{links}</ul></body></html>",
        encoding="utf-8",
    )
    for i, day in ((1, "Monday"), (2, "Tuesday")):
        page = ARTICLE.format(title=f"Storm hits the coast on day {i}", day=day)
        (root / f"a{i}.html").write_text(page, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_real_crawl_cleans_every_item(site: str, tmp_path: Path) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(textwrap.dedent(SPIDER), encoding="utf-8")
    out = tmp_path / "items.jsonl"
    proc = subprocess.run(
        [sys.executable, str(script), site, str(out)],
        capture_output=True,
        text=True,
        timeout=50,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 5  # the index, and two items per article
    index = next(i for i in items if i["url"].endswith("/index.html"))
    assert index["cleanarticle_error"] == "missing field 'text'"
    assert "cannot clean item" in proc.stderr  # logged, not dropped
    texts = [i for i in items if "text" in i]
    assert sorted(i["url"].rsplit("/", 1)[1] for i in texts) == ["a1.html", "a2.html"]
    keep = CleanConfig(keep=frozenset({"advertising"}))  # CLEANARTICLE_KEEP
    for item in texts:
        result = item["cleanarticle"]
        assert item["cleanarticle_error"] is None
        assert result == result_record(clean_text(item["text"], config=keep))
        assert result["headline"].startswith("Storm hits the coast on day")
        assert "Residents were told to stay indoors" in result["body"]
        assert "advertising" not in result["counts"]
        assert "Share on Facebook" not in result["body"]
    pages = [i for i in items if "html" in i]
    assert len(pages) == 2
    for item in pages:
        if not has_html():  # the HTML adapter lands separately
            assert "cannot clean HTML" in item["cleanarticle_error"]
            continue
        assert item["cleanarticle_error"] is None, item["cleanarticle_error"]
        assert item["cleanarticle"]["source"] == "html"
        assert "Residents were told to stay indoors" in item["cleanarticle"]["body"]
        assert "Share on Facebook" not in item["cleanarticle"]["body"]
