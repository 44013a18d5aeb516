"""CLI robustness: unreadable and odd inputs, broken pipes, safe output, exit codes.

In process through ``cleanarticle.cli.main(argv)``; through a subprocess only where
the behaviour needs a real process (a pipe closed by ``head``, the interpreter's own
standard output encoding). Tests run as root in CI, where ``chmod 000`` does not stop
a read, so permission failures are simulated by raising ``PermissionError``.
"""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cleanarticle import clean_text, cli
from cleanarticle import io as cio
from cleanarticle.cli import (
    EXIT_ERROR,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    main,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_5ce8a6d2438927ba.txt"
HEADLINE = "Russian soldiers quit over forced Ukraine fighting, report claims"


def _one_line_error(err: str, *needles: str) -> None:
    """Errors are one line on standard error, prefixed, never a traceback."""
    assert err.count("\n") == 1 and err.startswith("cleanarticle: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(SEED.read_bytes())
    return path


# -- inputs that cannot be read ------------------------------------------------------------


def test_unreadable_file(
    article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main([str(article)]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert captured.out == ""
    _one_line_error(captured.err, str(article), "permission denied")


def test_read_error_from_the_device(
    article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: Path) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))

    monkeypatch.setattr(Path, "read_bytes", broken)
    assert main([str(article)]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, str(article), "cannot read", os.strerror(errno.EIO))


def test_missing_file_writes_no_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.txt"
    assert main([str(tmp_path / "nope.txt"), "-o", str(out)]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, "nope.txt", "no such file")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_directory_as_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, str(tmp_path), "is a directory")


def test_file_named_like_a_subcommand_is_reachable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "batch").write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["./batch"]) == EXIT_OK
    assert capsys.readouterr().out.startswith(HEADLINE)


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([str(empty)]) == EXIT_OK
    assert capsys.readouterr().out.strip() == ""
    assert main(["--json", str(empty)]) == EXIT_OK
    assert '"body": ""' in capsys.readouterr().out


# -- bytes that are not text ---------------------------------------------------------------


def test_undecodable_byte_deep_in_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    data = SEED.read_bytes() * 3
    offset = len(data) - 100
    bad.write_bytes(data[:offset] + b"\xff" + data[offset:])
    assert main([str(bad)]) == EXIT_INPUT
    _one_line_error(
        capsys.readouterr().err, str(bad), f"byte offset {offset}", "0xff", "--encoding"
    )


def test_undecodable_utf16_and_encoding_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    assert main([str(wide)]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, "wide.txt", "not valid utf-8 at byte offset 0")
    assert main(["--encoding", "utf-16", str(wide)]) == EXIT_OK
    assert capsys.readouterr().out.startswith(HEADLINE)


def test_utf8_byte_order_mark_is_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    assert main(["--json", str(bom)]) == EXIT_OK
    assert '"headline": "Russian soldiers' in capsys.readouterr().out


def test_undecodable_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Caf\xe9 au lait")))
    assert main(["-"]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, "<stdin>", "byte offset 3")


@pytest.mark.parametrize(
    ("encoding", "data", "message"),
    [
        ("no-such-codec", b"text", "unknown encoding 'no-such-codec'"),
        ("rot13", b"text", "unknown encoding 'rot13': not a text encoding"),
        ("punycode", b"abc-\xff", "not valid punycode"),  # a bare UnicodeError
        ("unicode_escape", b"Storm\\udcff hits", "lone surrogate U+DCFF at character offset 5"),
    ],
    ids=["unknown", "not-a-text-codec", "punycode", "escape-codec-lone-surrogate"],
)
def test_odd_encodings_give_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, data: bytes, message: str
) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert main(["--encoding", encoding, str(path)]) == EXIT_INPUT
    _one_line_error(capsys.readouterr().err, message)


# Found by the fuzz run; charset.declared_encoding now ignores non-text codecs.
def test_html_page_declaring_a_non_text_codec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        b'<html><head><meta charset="rot13"></head><body><p>The council voted on Monday '
        b"to approve the new budget after a long debate in the chamber.</p></body></html>"
    )
    assert main([str(page)]) == EXIT_OK
    assert "The council voted on Monday" in capsys.readouterr().out


# -- standard output -----------------------------------------------------------------------


#: Over a pipe's buffer (64 KiB on Linux) in every output mode, so that the writer is
#: still writing when ``head`` leaves: 2,000 article lines, each after a share strip.
BIG_INPUT = (
    "Share on Facebook\nThe council voted on Monday to approve the plan, officials said.\n"
) * 2_000
PIPE_BUFFER = 64 * 1024


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text(BIG_INPUT, encoding="utf-8")
    result = clean_text(BIG_INPUT)
    for options in ({}, {"json_output": True}, {"explain": True}):
        assert len(cli.render(result, **options).encode()) > PIPE_BUFFER, options
    return path


@pytest.mark.parametrize("mode", [[], ["--json"], ["--explain"]], ids=["text", "json", "explain"])
def test_broken_pipe_is_not_an_error(big_input: Path, tmp_path: Path, mode: list[str]) -> None:
    # What a user types: cleanarticle big.txt | head -c 10
    command = " ".join([sys.executable, "-m", "cleanarticle", *mode, str(big_input)])
    script = f'{command} 2>"{tmp_path}/err" | head -c 10 >/dev/null; echo "${{PIPESTATUS[0]}}"'
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    assert done.stdout.strip() == str(EXIT_OK)
    assert (tmp_path / "err").read_text() == ""  # no traceback, no message


def test_narrow_stdout_encoding_gives_one_line_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    arabic = tmp_path / "ar.txt"
    arabic.write_text(
        "الحكومة توافق على الميزانية الجديدة\n"
        "وافق مجلس الوزراء يوم الاثنين على مشروع الميزانية الجديدة بعد نقاش طويل.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cleanarticle", str(arabic)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == EXIT_OUTPUT
    _one_line_error(done.stderr, "standard output (ascii) cannot encode U+0627", "-o FILE")
    # With -o the result is written as UTF-8 whatever standard output is.
    out = tmp_path / "out.txt"
    assert main([str(arabic), "-o", str(out)]) == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith("الحكومة")


# -- -o and --in-place ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        lambda p: str(p),
        lambda p: str(p.parent / "." / p.name),
        lambda p: str(p.parent / "sub" / ".." / p.name),
        lambda p: os.path.relpath(p),
    ],
    ids=["same", "dot", "dotdot", "relative"],
)
def test_output_onto_the_input_is_refused_however_spelt(
    article: Path, capsys: pytest.CaptureFixture[str], spelling: object
) -> None:
    (article.parent / "sub").mkdir()
    before = article.read_bytes()
    out = spelling(article)  # type: ignore[operator]
    assert main([str(article), "-o", out]) == EXIT_OUTPUT
    _one_line_error(capsys.readouterr().err, "names the input file", "--in-place")
    assert article.read_bytes() == before


def test_output_onto_a_symlink_to_the_input_is_refused(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = article.parent / "link.txt"
    link.symlink_to(article)
    before = article.read_bytes()
    assert main([str(article), "-o", str(link)]) == EXIT_OUTPUT
    assert main([str(link), "-o", str(article)]) == EXIT_OUTPUT
    assert article.read_bytes() == before and link.is_symlink()


def test_in_place_rewrites_the_input(article: Path) -> None:
    assert main([str(article), "-o", str(article), "--in-place"]) == EXIT_OK
    cleaned = article.read_text(encoding="utf-8")
    assert cleaned.startswith(HEADLINE) and "Join our commenting forum" not in cleaned
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt"]


# -- atomic writes -------------------------------------------------------------------------


def _old_output(tmp_path: Path) -> Path:
    out = tmp_path / "out.txt"
    out.write_text("the previous result\n", encoding="utf-8")
    return out


def test_failed_rename_keeps_the_old_file_and_leaves_no_temp_file(
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _old_output(tmp_path)

    def no_rename(src: str, dst: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(cio.os, "replace", no_rename)
    assert main([str(article), "-o", str(out)]) == EXIT_OUTPUT
    _one_line_error(capsys.readouterr().err, str(out), "cannot write")
    assert out.read_text(encoding="utf-8") == "the previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "out.txt"]


def test_disk_full_mid_write_keeps_the_old_file(
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _old_output(tmp_path)
    real_fsync = os.fsync
    seen: list[int] = []

    def full(fd: int) -> None:
        seen.append(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cio.os, "fsync", full)
    assert main([str(article), "-o", str(out)]) == EXIT_OUTPUT
    monkeypatch.setattr(cio.os, "fsync", real_fsync)
    _one_line_error(capsys.readouterr().err, str(out), os.strerror(errno.ENOSPC))
    assert seen, "the write went through fsync"
    assert out.read_text(encoding="utf-8") == "the previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "out.txt"]


def test_interrupt_mid_write_keeps_the_old_file(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _old_output(tmp_path)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main([str(article), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "the previous result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "out.txt"]


def test_temp_file_is_written_beside_the_target(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same folder, so the rename is atomic (never across file systems).
    folders: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        folders.append(os.path.dirname(name))
        return fd, name

    monkeypatch.setattr(cio.tempfile, "mkstemp", spy)
    out = tmp_path / "deep" / "out.txt"
    out.parent.mkdir()
    assert main([str(article), "-o", str(out)]) == EXIT_OK
    assert folders == [str(out.parent)]


def test_unencodable_text_is_an_output_error_without_temp_file(tmp_path: Path) -> None:
    out = _old_output(tmp_path)
    with pytest.raises(cio.OutputError, match="U\\+DCFF at character offset 3"):
        cio.write_atomic(out, "abc\udcff")
    assert out.read_text(encoding="utf-8") == "the previous result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_output_into_a_read_only_folder(
    article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(cio.tempfile, "mkstemp", denied)
    assert main([str(article), "-o", str(tmp_path / "out.txt")]) == EXIT_OUTPUT
    _one_line_error(capsys.readouterr().err, "cannot write", os.strerror(errno.EACCES))


# -- exit codes: constants, --help and docs agree ------------------------------------------

CONSTANTS = {
    EXIT_OK: "success",
    EXIT_ERROR: "the input was refused",
    EXIT_USAGE: "bad command line",
    EXIT_INPUT: "the input cannot be read",
    EXIT_OUTPUT: "the output cannot be written",
}


def test_exit_code_constants_are_distinct() -> None:
    assert sorted(CONSTANTS) == [0, 1, 2, 3, 4]
    assert cli.EXIT_USAGE == 2  # argparse's own code for a bad command line


def test_help_lists_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    help_text = capsys.readouterr().out
    listed = dict(re.findall(r"^  (\d+)  (.+)$", help_text.split("exit codes:")[1], re.M))
    assert {int(code) for code in listed} == set(CONSTANTS)
    for code, meaning in CONSTANTS.items():
        assert listed[str(code)].startswith(meaning), (code, listed[str(code)])


def test_docs_list_every_exit_code() -> None:
    # The exit-code table lives in docs/cli.md (it moved there from docs/index.md).
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = docs.split("## Exit codes", 1)[1]
    documented = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells and cells[0].isdigit() and cells[1]:
            documented[int(cells[0])] = cells[1]
    assert set(documented) == set(CONSTANTS)
    for code, meaning in CONSTANTS.items():
        assert documented[code].startswith(meaning), (code, documented[code])


def test_every_exit_path_uses_a_documented_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_rules = tmp_path / "bad.toml"
    bad_rules.write_text("this is = = not toml", encoding="utf-8")
    codes = {
        main([str(SEED)]),
        main(["--rules", str(bad_rules), str(SEED)]),
        main(["--no-such-option"]),
        main([str(tmp_path / "missing")]),
        main([str(SEED), "-o", str(tmp_path / "no" / "dir" / "x")]),
    }
    assert codes == set(CONSTANTS)
    err = capsys.readouterr().err
    assert "Traceback" not in err
