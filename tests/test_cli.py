"""The CLI, run in process through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanarticle.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ce8a6d2438927ba.txt"
HEADLINE = "Russian soldiers quit over forced Ukraine fighting, report claims"


def test_prints_headline_standfirst_body(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(HEADLINE + "\n\nNews agency Reuters")
    assert "Your support" not in out and "Join our commenting forum" not in out
    assert out.rstrip().endswith("central and eastern regions.")


def test_json_is_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", str(SEED)]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["headline"] == HEADLINE
    assert data["counts"] == {"donation": 1, "comments": 3, "other": 2}
    assert {r["category"] for r in data["removals"]} == {"donation", "comments", "other"}


def test_explain_lists_removals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", str(SEED)]) == EXIT_OK
    rows = capsys.readouterr().out.splitlines()
    assert rows[2].startswith("donation\ten.donation.independent-appeal\t")
    assert rows[-1].split("\t")[0:2] == ["comments", "en.comments.heading"]


def test_keep_category(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--keep", "comments", str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Join our commenting forum" in out and "Your support" not in out


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    fake = io.TextIOWrapper(io.BytesIO(SEED.read_bytes()))
    monkeypatch.setattr(sys, "stdin", fake)
    assert main(["-"]) == EXIT_OK
    assert capsys.readouterr().out.startswith(HEADLINE)


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert main([str(SEED), "-o", str(out)]) == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith(HEADLINE)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temp file left


def test_output_onto_input_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "a.txt"
    copy.write_bytes(SEED.read_bytes())
    assert main([str(copy), "-o", str(copy)]) == EXIT_OUTPUT
    assert "--in-place" in capsys.readouterr().err
    assert copy.read_bytes() == SEED.read_bytes()
    assert main([str(copy), "-o", str(copy), "--in-place"]) == EXIT_OK
    assert copy.read_text(encoding="utf-8").startswith(HEADLINE)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
    ],
    ids=["missing", "directory"],
)
def test_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message) -> None:  # type: ignore[no-untyped-def]
    assert main([str(make(tmp_path))]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_undecodable_bytes_named_with_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Caf\u00e9 au lait".encode("latin-1"))
    assert main([str(bad)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "latin.txt" in err and "byte offset 3" in err
    assert main(["--encoding", "latin-1", str(bad)]) == EXIT_OK
    assert "Café au lait" in capsys.readouterr().out


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "-o", str(tmp_path / "no" / "such" / "dir.txt")]) == EXIT_OUTPUT
    assert "cannot write" in capsys.readouterr().err


def test_bad_usage_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--keep", "nonsense", str(SEED)]) == EXIT_USAGE
    assert main([]) == EXIT_USAGE


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    for code in ("0", "1", "2", "3", "4"):
        assert f"\n  {code}  " in out
