"""``cleanarticle explain``: terminal output, colour choice, and the HTML report pages."""

from __future__ import annotations

import doctest
import io
import os
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleanarticle import clean_text, explain, report
from cleanarticle.cli import EXIT_ERROR, EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE
from cleanarticle.cli import main as cli_main
from cleanarticle.explain import main
from cleanarticle.report import is_move, printable

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ce8a6d2438927ba.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
ESC = "\x1b"
HOSTILE = (
    "Storm hits the coast\n"
    "A sentence of the story \x1b[31mwith an escape <script>alert(1)</script> & more.\n"
    'Another sentence, long enough to be kept, with "quotes" and <b>tags</b>.\n'
    "Share on Facebook\n"
    "Advertisement\n"
)


def as_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """The captured standard output claims to be a colour terminal.

    Called inside the test: in a fixture, ``sys.stdout`` is not yet capsys's stream.
    """
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)


# --- terminal ------------------------------------------------------------------------------


def test_plain_output_marks_every_span(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert ESC not in out
    result = clean_text(SEED_TEXT)
    for removal in result.removals:
        assert f"[{removal.category}:{removal.rule}]{removal.text}[/]" in out
    # The kept text is printed as it is, glued sentence included.
    assert "all the difference.[/]Russian soldiers are reportedly" in out


def test_legend_and_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--color", "never", str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    legend = out[out.index("\n-- ") :].splitlines()
    assert legend[1] == "-- 4 spans removed, 13 paragraphs kept (language en) --"
    rows = {line.split()[0]: int(line.split()[1]) for line in legend[3:]}
    assert rows == {"donation": 1, "comments": 3, "headline/standfirst": 2}
    assert "category other" in legend[-1]


def test_colour_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    as_tty(monkeypatch)
    assert main([str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "[donation:" not in out
    donation = explain.ANSI_STYLES["donation"]
    assert f"{ESC}[{donation}mYour support helps us to tell the story{ESC}[0m" in out
    # The headline move has its own style, distinct from every category's.
    move = explain.ANSI_STYLES["move"]
    assert move not in {v for k, v in explain.ANSI_STYLES.items() if k != "move"}
    assert f"{ESC}[{move}mRussian soldiers quit over forced Ukraine" in out
    # The legend shows each label in its style.
    assert f"{ESC}[{donation}mdonation{ESC}[0m" in out


def test_styles_close_at_every_line_end(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    as_tty(monkeypatch)
    assert main([str(SEED)]) == EXIT_OK
    for line in capsys.readouterr().out.splitlines():
        assert line.count(f"{ESC}[") == 2 * line.count(f"{ESC}[0m"), line


@pytest.mark.parametrize(
    ("env", "argv", "coloured"),
    [
        ({"NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": ""}, [], True),  # no-color.org: an empty value does not count
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({}, ["--color", "never"], False),
        ({"TERM": "dumb"}, [], False),
    ],
    ids=["no-color", "no-color-empty", "always-beats-no-color", "never", "dumb-terminal"],
)
def test_colour_choice(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    argv: list[str],
    coloured: bool,
) -> None:
    as_tty(monkeypatch)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main([*argv, str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert (ESC in out) is coloured
    assert ("[donation:" in out) is not coloured


def test_always_colour_into_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--color=always", str(SEED)]) == EXIT_OK
    assert ESC in capsys.readouterr().out


def test_input_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE + "bell\x07 and\rreturn\x9b", encoding="utf-8")
    for colour in ("never", "always"):
        assert main(["--color", colour, str(path)]) == EXIT_OK
        out = capsys.readouterr().out
        stripped = out
        for style in explain.ANSI_STYLES.values():
            stripped = stripped.replace(f"{ESC}[{style}m", "")
        stripped = stripped.replace(f"{ESC}[0m", "")
        assert ESC not in stripped and "\x07" not in stripped and "\r" not in stripped
        assert "\x9b" not in stripped
        assert "␛[31mwith an escape" in stripped


def test_dispatched_from_the_main_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["explain", "--color", "never", str(SEED)]) == EXIT_OK
    assert "[comments:en.comments.heading]Comments[/]" in capsys.readouterr().out


def test_keep_and_disable(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--keep", "comments", "--disable", "en.donation.independent-appeal", str(SEED)]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert "[comments:" not in out and "en.donation.independent-appeal" not in out
    assert "[other:headline]" in out


def test_extra_rule_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(
        'language = "en"\ncategory = "promo"\n\n[[rule]]\nid = "my.promo.wages"\n'
        "category = \"promo\"\npattern = '^soldiers.\\s+wages\\s+have'\nmax_words = 40\n"
        'example = "Soldiers\' wages have gone up"\ncomment = "test"\n',
        encoding="utf-8",
    )
    assert main(["--rules", str(rules), str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "[promo:my.promo.wages]Soldiers’ wages have gone up" in out
    assert "  promo " in out


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    assert main(["-"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("[other:headline]Russian soldiers quit")


def test_narrow_standard_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert main([str(SEED)]) == EXIT_OUTPUT
    assert "cannot encode U+2019" in capsys.readouterr().err


def test_several_files_get_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "b.txt"
    other.write_text(HOSTILE, encoding="utf-8")
    assert main([str(SEED), str(other)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"==> {SEED} <==\n")
    assert f"\n==> {other} <==\n" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["/nonexistent/x.txt"], EXIT_INPUT, "no such file"),
        (["--language", "xx", str(SEED)], EXIT_USAGE, "invalid choice"),
        (["--color", "sometimes", str(SEED)], EXIT_USAGE, "invalid choice"),
        ([], EXIT_USAGE, "required"),
        (["--disable", "no.such.rule", str(SEED)], EXIT_ERROR, "unknown rule ids"),
        (["--encoding", "klingon", str(SEED)], EXIT_INPUT, "unknown encoding"),
        (["--rules", "/nonexistent/r.toml", str(SEED)], EXIT_ERROR, "cannot read rule file"),
    ],
    ids=["missing", "language", "color", "no-file", "disable", "encoding", "rules"],
)
def test_errors_and_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    assert main(argv) == code
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_undecodable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 news\n".encode("latin-1"))
    assert main([str(path)]) == EXIT_INPUT
    assert "byte offset 3" in capsys.readouterr().err
    assert main(["--encoding", "latin-1", str(path)]) == EXIT_OK


def test_one_bad_file_in_many(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.txt"), str(SEED)]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert "no such file" in captured.err
    assert "[donation:" in captured.out  # the good file is still explained


CP1252_PAGE = (
    b'<html><head><meta charset="windows-1252"><title>Caf\xe9 opens</title></head><body>'
    b"<article><h1>Caf\xe9 opens</h1><p>The caf\xe9 on Dock Street opened on Monday after "
    b"a year of repairs, the owner said.</p><p>Share on Facebook</p></article></body></html>"
)


def test_html_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from cleanarticle import clean_html

    page = tmp_path / "page.html"
    page.write_bytes(CP1252_PAGE)
    # An .html file is cleaned as HTML; its bytes go to clean_html, which reads the charset.
    for argv in ([str(page)], ["--html", str(page)]):
        assert main(["--color", "never", *argv]) == EXIT_OK
        out = capsys.readouterr().out
        assert "[other:headline]Café opens[/]\nThe café on Dock Street" in out
        assert "[social:en.social.share-on]Share on Facebook[/]" in out
    # As text, the same bytes are not UTF-8.
    assert main(["--text", str(page)]) == EXIT_INPUT
    assert "not valid utf-8" in capsys.readouterr().err
    # Content that opens as an HTML document is detected without the suffix.
    bare = tmp_path / "page"
    bare.write_bytes(CP1252_PAGE)
    assert main(["--color", "never", str(bare)]) == EXIT_OK
    assert "Café opens" in capsys.readouterr().out
    # The report's offsets refer to the extracted text.
    out_page = tmp_path / "r.html"
    assert main([str(page), "--report", str(out_page)]) == EXIT_OK
    result = clean_html(CP1252_PAGE)
    parsed, source = parse(out_page)
    assert_self_contained(parsed, source)
    assert [m["text"] for m in parsed.marks] == [r.text for r in result.removals]
    assert "source html" in source


def test_html_and_text_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--html", "--text", str(SEED)]) == EXIT_USAGE
    assert "not allowed with" in capsys.readouterr().err


def test_doctests() -> None:
    for module in (explain, report):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__


# --- HTML report ---------------------------------------------------------------------------


class Page(HTMLParser):
    """The parts of a report page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.kept: list[str] = []
        self._stack: list[str] = []
        self._mark: dict[str, str] | None = None
        self._in_kept = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "mark":
            self._mark = {**attributes, "text": ""}
            self.marks.append(self._mark)
        if tag == "a":
            self.links.append(attributes.get("href", ""))
        if tag == "section":
            self._stack.append(attributes.get("class", ""))
            self._in_kept += "kept" in attributes.get("class", "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None
        if tag == "section" and self._stack:
            self._in_kept -= "kept" in self._stack.pop().split()

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark["text"] += data
        if self._in_kept:
            self.kept.append(data)


def parse(path: Path) -> tuple[Page, str]:
    source = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(source)
    page.close()
    return page, source


def assert_self_contained(page: Page, source: str) -> None:
    lowered = source.lower()
    assert "<script" not in lowered
    assert "<link" not in lowered and "@import" not in lowered and "url(" not in lowered
    for tag, attributes in page.tags:
        assert "src" not in attributes and "srcset" not in attributes, tag
        assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
        href = attributes.get("href")
        if href is not None:  # relative links within the report only
            assert ":" not in href and not href.startswith(("/", "\\", ".")), href
    assert "Content-Security-Policy" in source and "default-src 'none'" in source


def check_document_page(path: Path, text: str) -> Page:
    """Every removal is a mark with its category class, rule in the title, exact text."""
    page, source = parse(path)
    assert_self_contained(page, source)
    result = clean_text(text)
    assert len(page.marks) == len(result.removals)
    by_span = {(int(m["data-start"]), int(m["data-end"])): m for m in page.marks}
    for removal in result.removals:
        mark = by_span[removal.start, removal.end]
        classes = mark["class"].split()
        assert "rm" in classes and f"c-{removal.category}" in classes
        assert ("move" in classes) is is_move(removal)
        assert removal.rule in mark["title"] and removal.category in mark["title"]
        assert mark["data-rule"] == removal.rule
        assert mark["text"] == printable(removal.text)
    kept = "".join(page.kept)
    for paragraph in result.paragraphs:
        assert printable(paragraph) in kept
    if result.headline:
        assert result.headline in kept
    return page


def test_report_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main([str(SEED), "--report", str(out)]) == EXIT_OK
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temp file left
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    page = check_document_page(out, SEED_TEXT)
    source = out.read_text(encoding="utf-8")
    # Legend with counts, the move shown apart from the categories.
    assert '<span class="chip c-donation">donation</span><b>1</b>' in source
    assert '<span class="chip c-comments">comments</span><b>3</b>' in source
    assert '<span class="chip move">headline/standfirst</span><b>2</b>' in source
    assert "index.html" not in page.links  # a single page has no index


def test_report_escapes_the_input(tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main([str(src), "--report", str(out)]) == EXIT_OK
    page = check_document_page(out, HOSTILE)
    source = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in source
    assert "&lt;b&gt;tags&lt;/b&gt;" in source and "<b>tags" not in source
    assert ESC not in source and "␛[31m" in source
    assert {m["class"] for m in page.marks} >= {"rm c-social", "rm c-advertising"}


def test_report_refuses_to_replace_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SEED_TEXT, encoding="utf-8")
    assert main([str(src), "--report", str(src)]) == EXIT_OUTPUT
    assert "names the input" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == SEED_TEXT


def test_report_unwritable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), "--report", str(tmp_path / "no" / "r.html")]) == EXIT_OUTPUT
    assert "cannot write" in capsys.readouterr().err
    assert main([str(SEED), str(SEED), "--report", str(tmp_path / "no" / "dir")]) == EXIT_OUTPUT
    assert "cannot create the report folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_batch_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "x.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / ".hidden.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "sub" / "ignored.txt").write_text(HOSTILE, encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(SEED_TEXT, encoding="utf-8")  # same name, other folder
    (other / "index").write_text(SEED_TEXT, encoding="utf-8")  # must not replace index.html
    out = tmp_path / "report"
    argv = [str(inputs), str(other / "x.txt"), str(other / "index"), str(SEED)]
    assert main([*argv, "--report", str(out)]) == EXIT_OK
    assert capsys.readouterr().out == f"wrote {out / 'index.html'} (4 documents)\n"
    written = sorted(p.name for p in out.iterdir())
    assert written == [
        "000_5ce8a6d2438927ba.txt.html",
        "index-2.html",
        "index.html",
        "x.txt-2.html",
        "x.txt.html",
    ]
    # Nothing was written anywhere else.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "other", "report"]
    index, source = parse(out / "index.html")
    assert_self_contained(index, source)
    assert sorted(index.links) == sorted(n for n in written if n != "index.html")
    for link in index.links:
        assert (out / link).is_file()
        page, _ = parse(out / link)
        assert page.links[0] == "index.html"
    check_document_page(out / "x.txt.html", HOSTILE)
    check_document_page(out / "x.txt-2.html", SEED_TEXT)
    assert str(inputs / "x.txt") in source and ".hidden" not in source


def test_batch_report_lists_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    assert main([str(missing), str(SEED), "--report", f"{out}/"]) == EXIT_INPUT
    assert "no such file" in capsys.readouterr().err
    index, source = parse(out / "index.html")
    assert index.links == ["000_5ce8a6d2438927ba.txt.html"]
    assert str(missing) in source and "no such file" in source


def test_single_file_into_a_folder(tmp_path: Path) -> None:
    assert main([str(SEED), "--report", str(tmp_path)]) == EXIT_OK
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "000_5ce8a6d2438927ba.txt.html",
        "index.html",
    ]


def test_page_names_stay_inside_the_folder() -> None:
    names = explain.page_names(["../../etc/passwd", "a/b/..", "x y/é.txt", ".bashrc", "index"])
    assert names == ["passwd.html", "document.html", "_.txt.html", "bashrc.html", "index-2.html"]
    for name in names:
        assert "/" not in name and not name.startswith(".")
