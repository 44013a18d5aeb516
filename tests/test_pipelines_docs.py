"""Every snippet of docs/pipelines.md runs, in order, on small local data.

- ``sh`` blocks: ``cleanarticle batch`` lines run in process and must succeed;
  ``pip install`` lines must name extras that pyproject.toml defines; ``dask`` lines
  must use options the installed ``dask`` command has (a real cluster is out of reach).
- ``python`` blocks run in one namespace, in a folder holding the data they read.
  ``Client("tcp://scheduler:8786")`` connects to the ``LocalCluster`` an earlier
  block started. The Scrapy settings build a pipeline that cleans an item; the Spark
  partition function runs on Row-like objects. A python block after
  ``<!-- no-test -->`` (the Spark driver) is compiled only.
- ``json`` blocks parse, with the keys of a real output record.
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleanarticle.batch import main as batch_main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "pipelines.md"
FENCE = re.compile(
    r"(?:<!--\s*(?P<marker>[^>]*?)\s*-->\s*\n)?^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$",
    re.S | re.M,
)
STORY = (
    "Storm hits the coast tonight\n"
    "Waves broke over the harbour wall as the storm reached the town on {day}.\n"
    "Advertisement\n"
    "Residents were told to stay indoors until the wind dropped in the evening.\n"
    "Share on Facebook\n"
)
PAGE = (
    "<html><head><title>Storm hits the coast tonight</title></head><body><article>"
    "<h1>Storm hits the coast tonight</h1>"
    "<p>Waves broke over the harbour wall as the storm reached the town on Monday, "
    "and the council opened the school hall for families from the seafront.</p>"
    "<p>Residents were told to stay indoors until the wind dropped in the evening, "
    "the police said, and the coast road stays closed until the morning.</p>"
    "<p>Share on Facebook</p></article></body></html>"
)


def blocks() -> list[tuple[str, str]]:
    """``(kind, body)`` of every fenced block; kind is the info string, with
    ``" no-test"`` added when ``<!-- no-test -->`` precedes the block."""
    return [
        (m["info"].strip() + (" no-test" if m["marker"] == "no-test" else ""), m["body"])
        for m in FENCE.finditer(DOC.read_text("utf-8"))
    ]


def make_data(folder: Path) -> None:
    """The files the snippets name: pages/, articles.jsonl, crawl.warc.gz."""
    pages = folder / "pages"
    (pages / "world").mkdir(parents=True)
    (pages / "storm.txt").write_text(STORY.format(day="Monday"), encoding="utf-8")
    (pages / "world" / "flood.txt.gz").write_bytes(
        gzip.compress(STORY.format(day="Friday").encode())
    )
    (pages / "world" / "page.html").write_text(PAGE, encoding="utf-8")
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as handle:
        for i, day in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday")):
            record = {
                "id": f"a{i}",
                "url": f"https://example.org/{i}",
                "text": STORY.format(day=day),
            }
            handle.write(json.dumps(record) + "\n")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(folder / "crawl.warc.gz", "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/storm", "response", payload=io.BytesIO(PAGE.encode()),
                http_headers=http,
            )
        )  # fmt: skip
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/wet", "conversion",
                payload=io.BytesIO(STORY.format(day="Sunday").encode()),
                warc_content_type="text/plain",
            )
        )  # fmt: skip


def run_sh(code: str) -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"
    ]
    for line in code.splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[:2] == ["cleanarticle", "batch"]:
            assert batch_main(words[2:]) == 0, line
        elif words[:2] == ["pip", "install"]:
            for spec in words[2:]:
                names = re.fullmatch(r"cleanarticle\[([\w,-]+)\]", spec)
                assert names, spec
                assert set(names.group(1).split(",")) <= set(extras), spec
        elif words[0] == "dask":
            # The dask command's subcommands are click commands of distributed.cli.
            command = importlib.import_module(f"distributed.cli.dask_{words[1]}").main
            options = {opt for param in command.params for opt in param.opts}
            assert {w for w in words if w.startswith("--")} <= options, line
        else:
            pytest.fail(f"docs/pipelines.md has a shell line no test exercises: {line}")


class Row(tuple):  # type: ignore[type-arg]
    """The part of ``pyspark.sql.Row`` a partition function sees: fields and asDict()."""

    __fields__: tuple[str, ...] = ()

    def __new__(cls, **values: Any) -> Row:
        row = super().__new__(cls, tuple(values.values()))
        row.__fields__ = tuple(values)
        return row

    def asDict(self) -> dict[str, Any]:
        return dict(zip(self.__fields__, self, strict=True))


def check_after(namespace: dict[str, Any], done: set[str]) -> None:
    """Exercise what a python block defined: the Scrapy settings, the Spark function."""
    if "ITEM_PIPELINES" in namespace and "scrapy" not in done:
        done.add("scrapy")
        from scrapy.utils.misc import load_object
        from scrapy.utils.test import get_crawler

        settings = {k: v for k, v in namespace.items() if k.isupper()}
        (path,) = settings["ITEM_PIPELINES"]
        crawler = get_crawler(settings_dict=settings)
        pipeline = load_object(path).from_crawler(crawler)
        item = pipeline.process_item(
            {"url": "https://example.org/", "text": STORY.format(day="Monday")}
        )
        assert item["cleanarticle_error"] is None
        assert "Residents were told to stay indoors" in item["cleanarticle"]["body"]
    if "clean_partition" in namespace and "spark" not in done:
        done.add("spark")
        rows = [
            Row(id="a", url="https://example.org/a", text=STORY.format(day="Monday")),
            Row(id="b", url=None, text=None),
        ]
        out = list(namespace["clean_partition"](iter(rows)))
        assert [o["id"] for o in out] == ["a", "b"]
        assert out[0]["error"] is None and out[0]["removed"] >= 2
        assert out[1]["error"] == "field 'text' has no value" and out[1]["body"] is None
        assert set(out[0]) == set(out[1])  # one schema


@pytest.fixture
def docs_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    pytest.importorskip("warcio")
    pytest.importorskip("scrapy")
    pytest.importorskip("dask.dataframe")
    make_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def test_every_snippet_runs(
    docs_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import dask.distributed

    namespace: dict[str, Any] = {"__name__": "__docs__"}
    clients: list[Any] = []

    class Client(dask.distributed.Client):  # type: ignore[misc]
        """Client("tcp://scheduler:8786") connects to the docs' own LocalCluster."""

        def __init__(self, address: Any = None, *args: Any, **kwargs: Any) -> None:
            if isinstance(address, str) and address.startswith("tcp://scheduler:"):
                address = namespace["cluster"]
            super().__init__(address, *args, **kwargs)
            clients.append(self)

    monkeypatch.setattr(dask.distributed, "Client", Client)
    kinds: list[str] = []
    done: set[str] = set()
    try:
        for info, code in blocks():
            kinds.append(info)
            if info == "sh":
                run_sh(code)
            elif info == "python":
                exec(compile(code, str(DOC), "exec"), namespace)
                check_after(namespace, done)
            elif info == "python no-test":
                compile(code, str(DOC), "exec")
            elif info == "json":
                record = json.loads(code)
                real = json.loads(Path("cleaned.jsonl").read_text("utf-8").splitlines()[0])
                assert list(record) == list(real)
            elif info == "":
                assert code.startswith("cleanarticle batch: ")
            else:
                pytest.fail(f"unknown block kind {info!r} in docs/pipelines.md")
    finally:
        for made in clients:
            made.close()
        if "cluster" in namespace:
            namespace["cluster"].close()
    assert done == {"scrapy", "spark"}
    assert kinds.count("python") >= 5
    # What the snippets wrote.
    assert len(Path("pages.jsonl").read_text("utf-8").splitlines()) == 3
    assert [json.loads(x)["id"] for x in Path("cleaned.jsonl").read_text("utf-8").splitlines()] == [
        "a0", "a1", "a2", "a3"
    ]  # fmt: skip
    crawl = [json.loads(x) for x in Path("crawl.jsonl").read_text("utf-8").splitlines()]
    assert [r["source"] for r in crawl] == ["html", "text"]
    bag = [json.loads(x) for f in sorted(Path("cleaned-bag").iterdir()) for x in f.open()]
    assert [r["id"] for r in bag] == ["a0", "a1", "a2", "a3"]
    assert all("Advertisement" not in r["cleanarticle"]["body"] for r in bag)
    import pandas as pd

    table = pd.read_parquet("cleaned-table")
    assert list(table["id"]) == ["a0", "a1", "a2", "a3"] and table["error"].isna().all()
    assert len(list(Path("cleaned-cluster").iterdir())) >= 1
    assert "a0 Storm hits the coast tonight" in capsys.readouterr().out
