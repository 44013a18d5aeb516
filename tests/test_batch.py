"""``cleanarticle batch``: inputs, the output and errors files, resume, parallel order."""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import clean_text
from cleanarticle.batch import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main
from cleanarticle.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ce8a6d2438927ba.txt"
STORY = (
    "Storm hits the coast tonight\n"
    "Waves broke over the harbour wall as the storm reached the town on Monday.\n"
    "Advertisement\n"
    "Residents were told to stay indoors until the wind dropped in the evening.\n"
    "Share on Facebook\n"
)
PAGE = (
    "<html><head><title>Storm hits the coast tonight</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    "<h1>Storm hits the coast tonight</h1>"
    "<p>Waves broke over the harbour wall as the storm reached the town on Monday, "
    "and the council opened the school hall for families from the seafront.</p>"
    "<p>Residents were told to stay indoors until the wind dropped in the evening, "
    "the police said, and the coast road stays closed until the morning.</p>"
    "<p>Share on Facebook</p></article></body></html>"
)


def has_html() -> bool:
    try:
        import cleanarticle.html  # noqa: F401
    except ImportError:
        return False
    return True


needs_html = pytest.mark.skipif(not has_html(), reason="cleanarticle.html not available")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary(stderr: str) -> dict[str, int]:
    """The counts of the summary line: read, written, failed, skipped, unfinished."""
    line = [s for s in stderr.splitlines() if s.startswith("cleanarticle batch:")][-1]
    counts = {name: 0 for name in ("read", "written", "failed", "skipped", "unfinished")}
    for number, name in re.findall(r"(\d+) (read|written|failed|skipped|unfinished)", line):
        counts[name] = int(number)
    return counts


def write_jsonl(path: Path, records: list[Any]) -> None:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write((record if isinstance(record, str) else json.dumps(record)) + "\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of text files: nested, gzipped, one undecodable, one to ignore."""
    folder = tmp_path / "pages"
    (folder / "b").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b" / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "b" / "c.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (folder / "b" / "latin1.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    return folder


def test_directory_is_walked_in_sorted_order(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    assert main([str(corpus), "-o", str(out), "--jobs", "1"]) == EXIT_FAILED
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [
        str(corpus / "a.txt"),
        str(corpus / "b" / "c.txt.gz"),
        str(corpus / "b" / "seed.txt"),
    ]
    first = records[0]
    expected = clean_text(STORY).to_dict()
    del expected["paragraphs"]
    assert first == {
        "id": str(corpus / "a.txt"),
        "input": str(corpus / "a.txt"),
        "url": None,
        **expected,
    }
    assert "Advertisement" not in first["body"] and "Share on" not in first["body"]
    assert list(first) == ["id", "input", "url", *expected]
    assert records[1]["body"] == first["body"]  # the .gz file is the same story
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert [e["id"] for e in errors] == [str(corpus / "b" / "latin1.txt")]
    assert "not valid utf-8 at byte offset 3" in errors[0]["error"]
    assert summary(capsys.readouterr().err) == {
        "read": 4, "written": 3, "failed": 1, "skipped": 0, "unfinished": 0
    }  # fmt: skip


def test_encoding_option_decodes_text_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    latin = corpus / "b" / "latin1.txt"
    assert main([str(latin), "-o", str(out), "--encoding", "latin-1", "-j", "1"]) == EXIT_OK
    assert "Café au lait" in read_jsonl(out)[0]["body"] + str(read_jsonl(out)[0]["headline"])


def test_jsonl_fields_and_gzip(tmp_path: Path) -> None:
    data = tmp_path / "pages.jsonl.gz"
    write_jsonl(
        data,
        [
            {"key": "k1", "page_text": STORY, "link": "https://example.org/storm"},
            {"key": 2, "page_text": SEED.read_text(encoding="utf-8"), "link": ""},
        ],
    )
    out = tmp_path / "out.jsonl"
    argv = [str(data), "-o", str(out), "--text-field", "page_text", "--id-field", "key"]
    assert main([*argv, "--url-field", "link", "-j", "1"]) == EXIT_OK
    records = read_jsonl(out)
    assert [(r["id"], r["input"], r["url"]) for r in records] == [
        ("k1", f"{data}:1", "https://example.org/storm"),
        ("2", f"{data}:2", None),
    ]
    assert records[1]["headline"].startswith("Russian soldiers quit")


def test_jsonl_ids_default_to_id_then_line(tmp_path: Path) -> None:
    data = tmp_path / "pages.jsonl"
    write_jsonl(data, [{"id": "a", "text": STORY}, {"text": STORY}])
    out = tmp_path / "out.jsonl"
    assert main([str(data), "-o", str(out), "-j", "1"]) == EXIT_OK
    assert [r["id"] for r in read_jsonl(out)] == ["a", f"{data}:2"]


def test_bad_records_go_to_the_errors_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "pages.jsonl"
    write_jsonl(
        data,
        [
            {"id": "ok", "text": STORY},
            "{not json",
            {"id": "no-text", "body": STORY},
            "[1, 2]",
            {"id": "number", "text": 42},
            {"id": "huge", "text": STORY * 5},
            {"id": "ok2", "text": STORY},
            '{"id": "lone", "text": "A lone surrogate \\udcff is no text at all, so it fails."}',
        ],
    )
    with open(data, "ab") as handle:
        handle.write(b'{"id": "bytes", "text": "caf\xe9"}\n\n')  # and a blank line
    out, errors = tmp_path / "out.jsonl", tmp_path / "failed.jsonl"
    argv = [str(data), "-o", str(out), "--errors", str(errors), "--max-chars", "1000"]
    assert main([*argv, "-j", "1"]) == EXIT_FAILED
    assert [r["id"] for r in read_jsonl(out)] == ["ok", "ok2"]
    failed = {e["input"].rsplit(":", 1)[1]: (e["id"], e["error"]) for e in read_jsonl(errors)}
    assert failed.keys() == {"2", "3", "4", "5", "6", "8", "9"}
    assert failed["2"][0] is None and failed["2"][1].startswith("bad JSON")
    assert failed["3"] == ("no-text", "missing field 'text'")
    assert failed["4"][1] == "a JSON list, not an object"
    assert failed["5"] == ("number", "field 'text' holds int, not text (str)")
    assert failed["6"][0] == "huge" and "over the limit of 1,000" in failed["6"][1]
    assert "lone surrogate U+DCFF" in failed["8"][1]
    assert "not valid utf-8" in failed["9"][1]
    err = capsys.readouterr().err
    counts = summary(err)
    assert counts == {"read": 9, "written": 2, "failed": 7, "skipped": 0, "unfinished": 0}
    assert counts["read"] == counts["written"] + counts["failed"]
    assert str(errors) in err


def test_truncated_gzip_is_one_error_and_the_run_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl.gz"
    whole = gzip.compress("".join(json.dumps({"text": STORY}) + "\n" for _ in range(50)).encode())
    broken.write_bytes(whole[: len(whole) // 2])
    fine = tmp_path / "fine.txt"
    fine.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(broken), str(fine), "-o", str(out), "-j", "1"]) == EXIT_FAILED
    assert read_jsonl(out)[-1]["id"] == str(fine)
    (error,) = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert "cannot read past line" in error["error"]


def make_warc(path: Path, *, html: bool = True, wet: bool = True) -> None:
    """A small archive: HTML responses (one 404), a request, an image, WET text."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)

        if html:
            request = io.BytesIO(b"GET /storm HTTP/1.1\r\n\r\n")
            url = "https://example.org/storm"
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            response(
                "https://example.org/storm", "200 OK", "text/html; charset=utf-8", PAGE.encode()
            )
            response("https://example.org/gone", "404 Not Found", "text/html", b"<p>gone</p>")
            response("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG")
        if wet:
            record = writer.create_warc_record(
                "https://example.org/wet",
                "conversion",
                payload=io.BytesIO(STORY.encode()),
                warc_content_type="text/plain",
            )
            writer.write_record(record)


def test_wet_conversion_records_are_cleaned_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("warcio")
    archive = tmp_path / "crawl.wet.gz"
    make_warc(archive, html=False)
    out = tmp_path / "out.jsonl"
    assert main([str(archive), "-o", str(out), "-j", "1"]) == EXIT_OK
    (record,) = read_jsonl(out)
    assert record["url"] == "https://example.org/wet"
    assert record["id"].startswith("<urn:uuid:") and record["input"].startswith(f"{archive}@")
    assert record["headline"] == "Storm hits the coast tonight"
    assert record["source"] == "text"


@needs_html
def test_warc_responses_are_cleaned_as_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("warcio")
    archive = tmp_path / "crawl.warc.gz"
    make_warc(archive)
    out = tmp_path / "out.jsonl"
    assert main([str(archive), "-o", str(out), "-j", "1"]) == EXIT_OK
    html_record, wet_record = read_jsonl(out)
    assert html_record["url"] == "https://example.org/storm"
    assert html_record["source"] == "html"
    from cleanarticle.html import clean_html

    expected = clean_html(PAGE, url="https://example.org/storm").to_dict()
    del expected["paragraphs"]
    assert html_record == {
        "id": html_record["id"],
        "input": html_record["input"],
        "url": html_record["url"],
        **expected,
    }
    assert "Residents were told to stay indoors" in html_record["body"]
    assert "Share on Facebook" not in html_record["body"]
    assert wet_record["source"] == "text"
    err = capsys.readouterr().err
    assert summary(err)["read"] == 2
    assert "3 WARC records ignored" in err  # the request, the 404 and the image


@needs_html
def test_html_files_and_jsonl_html_field(tmp_path: Path) -> None:
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress(PAGE.encode()))
    data = tmp_path / "pages.jsonl"
    write_jsonl(data, [{"id": "h", "html": PAGE, "text": "ignored"}, {"id": "t", "text": STORY}])
    out = tmp_path / "out.jsonl"
    argv = [str(page), str(data), "-o", str(out), "--html-field", "html", "--text-field", "text"]
    assert main([*argv, "-j", "1"]) == EXIT_OK
    records = read_jsonl(out)
    assert [r["source"] for r in records] == ["html", "html", "text"]
    from cleanarticle.html import clean_html

    assert records[0]["body"] == clean_html(PAGE.encode()).body
    assert records[1]["body"] == clean_html(PAGE).body
    assert all("Residents were told to stay indoors" in r["body"] for r in records)


def test_warc_without_warcio_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "warcio", None)  # import warcio now fails
    out = tmp_path / "out.jsonl"
    assert main([str(archive), "-o", str(out)]) == EXIT_INPUT
    assert "pip install 'cleanarticle[warc]'" in capsys.readouterr().err
    assert not out.exists()


def mixed_inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(13):
        (folder / f"{i:02d}.txt").write_text(STORY.replace("Monday", f"day {i}"), encoding="utf-8")
    (folder / "07.txt").write_bytes(b"\xff bad bytes")
    data = tmp_path / "pages.jsonl"
    texts = [SEED.read_text(encoding="utf-8"), STORY, "{oops", {"id": "x"}]
    write_jsonl(
        data, [t if isinstance(t, dict) or t == "{oops" else {"text": t} for t in texts * 6]
    )
    return [str(folder), str(data)]


def test_two_jobs_write_what_one_job_writes(tmp_path: Path) -> None:
    inputs = mixed_inputs(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main([*inputs, "-o", str(out), "--jobs", jobs, "--chunk-size", "3"]) == EXIT_FAILED
        outputs.append((out.read_bytes(), Path(f"{out}.errors.jsonl").read_bytes()))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0].splitlines()) == 12 + 12 and len(outputs[0][1].splitlines()) == 13


def test_resume_cuts_a_partial_line_and_skips_written_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = mixed_inputs(tmp_path)
    full = tmp_path / "full.jsonl"
    main([*inputs, "-o", str(full), "-j", "1"])
    lines = full.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:10]) + lines[10][:25])  # killed mid-record
    capsys.readouterr()
    assert main([*inputs, "-o", str(out), "--resume", "-j", "2"]) == EXIT_FAILED
    assert out.read_bytes() == full.read_bytes()
    counts = summary(capsys.readouterr().err)
    assert counts == {"read": 37, "written": 14, "failed": 13, "skipped": 10, "unfinished": 0}


def test_resume_refuses_a_file_that_is_not_batch_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "a.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("precious notes\n", encoding="utf-8")
    assert main([str(story), "-o", str(out), "--resume"]) == EXIT_OUTPUT
    assert out.read_text(encoding="utf-8") == "precious notes\n"
    assert "cannot resume" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("signum", "jobs"), [(signal.SIGINT, "1"), (signal.SIGTERM, "2")], ids=["sigint", "sigterm"]
)
def test_interrupted_run_leaves_valid_output_that_resume_completes(
    tmp_path: Path, signum: int, jobs: str
) -> None:
    data = tmp_path / "many.jsonl"
    write_jsonl(
        data, [{"id": f"d{i}", "text": STORY.replace("Monday", f"day {i}")} for i in range(600)]
    )
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "cleanarticle", "batch", str(data), "-o", str(out), "-j", jobs]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 2000:
            break
        time.sleep(0.02)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, err
    assert f"interrupted by {signal.Signals(signum).name}" in err
    records = read_jsonl(out)  # every line is a whole record
    assert 0 < len(records) < 600
    assert [r["id"] for r in records] == [f"d{i}" for i in range(len(records))]
    counts = summary(err)
    assert counts["read"] == counts["written"] + counts["unfinished"]
    assert counts["written"] == len(records)
    assert main([str(data), "-o", str(out), "--resume", "-j", "2"]) == EXIT_OK
    assert [r["id"] for r in read_jsonl(out)] == [f"d{i}" for i in range(600)]


def test_output_onto_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "pages.jsonl"
    write_jsonl(data, [{"text": STORY}])
    before = data.read_bytes()
    assert main([str(data), "-o", str(data)]) == EXIT_OUTPUT
    assert main([str(data), "-o", str(tmp_path / "o.jsonl"), "--errors", str(data)]) == EXIT_OUTPUT
    assert data.read_bytes() == before
    assert "names an input file" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.jsonl"]


def test_own_output_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.txt"  # a name the folder walk would pick up
    assert main([str(tmp_path), "-o", str(out), "-j", "1"]) == EXIT_OK
    assert [r["id"] for r in read_jsonl(out)] == [str(tmp_path / "a.txt")]


def test_missing_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main([str(tmp_path / "nope.jsonl"), "-o", str(out)]) == EXIT_INPUT
    assert "nope.jsonl: no such file or directory" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [[], ["a.txt"], ["a.txt", "-o", "o.jsonl", "--jobs", "0"], ["a.txt", "-o", "o", "--keep", "x"]],
    ids=["nothing", "no-output", "zero-jobs", "bad-category"],
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_USAGE
    assert "usage: cleanarticle batch" in capsys.readouterr().err


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main([str(tmp_path / "a.txt"), "-o", str(out), "--encoding", "nope"]) == EXIT_USAGE
    assert not out.exists()


def test_cli_dispatches_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert cli_main(["batch", str(tmp_path / "a.txt"), "-o", str(out), "-j", "1"]) == EXIT_OK
    assert read_jsonl(out)[0]["headline"] == "Storm hits the coast tonight"


def test_progress_bar_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main([str(tmp_path / "a.txt"), "-o", str(out), "-j", "1", "--progress"]) == EXIT_OK
    assert "1 docs" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "-j", "1"]) == EXIT_OK
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("cleanarticle batch: 1 read, 1 written")


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)
def test_a_dead_worker_fails_its_records_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker killed mid-run (out of memory, say): the records it held are failures
    with a reason, the order holds, and a new pool cleans the rest."""
    from cleanarticle import parallel
    from cleanarticle.sources import Document

    real = parallel.clean_document

    def crash_on_boom(doc: Document, config: Any) -> Any:
        if doc.id == "boom":
            os._exit(1)
        return real(doc, config)

    monkeypatch.setattr(parallel, "clean_document", crash_on_boom)
    docs = [Document(f"d{i}", f"in:{i}", "text", STORY) for i in range(40)]
    docs.insert(3, Document("boom", "in:boom", "text", STORY))
    outcomes = list(parallel.clean_stream(docs, None, jobs=2, chunk_size=1))
    assert [o[0] for o in outcomes] == [d.id for d in docs]
    failed = {o[0]: json.loads(o[2])["error"] for o in outcomes if not o[1]}
    assert failed["boom"] == parallel.WORKER_DIED
    assert len(failed) < len(docs) // 2  # the records after the crash were cleaned
