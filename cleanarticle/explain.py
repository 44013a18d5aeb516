"""``cleanarticle explain``: show what was removed, in the terminal or as an HTML report.

``cleanarticle explain FILE`` prints the input with every removed span coloured by
category (or marked ``[category:rule]...[/]`` without colour), then a legend with the
count per category. ``--report OUT.html`` writes a self-contained page instead (see
``report.py``); with several inputs, or a directory, ``--report DIR`` writes one page
per document and an ``index.html`` into ``DIR``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, TextIO

from .clean import clean_text
from .cli import (
    EXIT_ERROR,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_OUTPUT,
    _fail,
    _same_file,
    add_config_options,
    config_from_args,
    looks_like_html,
)
from .config import CleanConfig
from .errors import CleanArticleError, DecodeError
from .html import clean_html
from .io import InputError, OutputError, decode, read_input, run_command, write_atomic
from .report import (
    Explained,
    IndexEntry,
    is_move,
    legend_rows,
    pieces,
    printable,
    render_document,
    render_index,
)
from .result import CleanResult
from .rules import load_rules

#: ANSI SGR parameters per category (256-colour foregrounds, readable on dark and
#: light backgrounds), and the distinct style of the headline/standfirst moves.
ANSI_STYLES: Final = {
    "donation": "38;5;208",
    "subscription": "38;5;203",
    "newsletter": "38;5;75",
    "comments": "38;5;141",
    "social": "38;5;44",
    "advertising": "38;5;197",
    "consent": "38;5;178",
    "related": "38;5;114",
    "navigation": "38;5;245",
    "promo": "38;5;213",
    "legal": "38;5;137",
    "byline": "38;5;185",
    "credit": "38;5;110",
    "other": "38;5;246",
    "move": "1;4;38;5;35",
}
_RESET: Final = "\x1b[0m"

EPILOG = """\
Without --report, prints each input with its removed spans coloured by category, then a
legend with the number of spans per category. Colour is used when standard output is a
terminal and NO_COLOR is not set (--color overrides both); without colour every span is
marked [category:rule]...[/].

--report OUT.html writes one self-contained HTML page. With several inputs, a directory
among them, or an OUT that ends in / or is a directory, OUT is a folder that receives
one page per document and an index.html (the folder is created if its parent exists).

exit codes: as for cleanarticle (0 ok, 1 refused, 2 usage, 3 input, 4 output); with
several inputs, every readable one is still explained and the first failure's code is
returned.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanarticle explain",
        description="Show what cleanarticle removes from an article, and why.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="scraped text file, a directory of them, or - for standard input",
    )
    parser.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the terminal output (default auto: when stdout is a terminal "
        "and NO_COLOR is unset)",
    )
    parser.add_argument("--report", metavar="OUT", help="write an HTML report to OUT")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html", action="store_true", help="the inputs are HTML pages (default: detected)"
    )
    kind.add_argument("--text", action="store_true", help="the inputs are scraped text")
    add_config_options(parser)
    parser.add_argument(
        "--encoding",
        help="input encoding (default: utf-8 for text; for HTML the byte-order mark, "
        "the page's <meta charset>, utf-8, then detection)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cleanarticle explain``; returns the exit code (see ``EPILOG``)."""
    return run_command(build_parser(), argv, _run_reporting)


def _run_reporting(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except UnicodeEncodeError as err:
        # As in cli.py: a narrow standard output (PYTHONIOENCODING=ascii) gets one line.
        return _fail(
            f"standard output ({err.encoding}) cannot encode U+{ord(err.object[err.start]):04X};"
            " use --report FILE (written as UTF-8) or set PYTHONIOENCODING=utf-8",
            EXIT_OUTPUT,
        )


def _run(args: argparse.Namespace) -> int:
    try:
        job = _Job(
            config=config_from_args(args),
            encoding=args.encoding,
            kind="html" if args.html else "text" if args.text else None,
        )
        # A bad rule file fails once, here, not once per input.
        load_rules(args.language or "en", job.config.rules)
        names = list(_expand(args.files))
    except InputError as err:
        return _fail(str(err), EXIT_INPUT)
    except CleanArticleError as err:
        return _fail(str(err), EXIT_ERROR)
    if not names:
        return _fail("no input files (the directories given are empty)", EXIT_INPUT)
    batch = len(names) > 1 or any(f != "-" and Path(f).is_dir() for f in args.files)
    if args.report is None:
        return _print_all(names, job, colour=_use_colour(args.color), headers=batch)
    report: str = args.report
    if batch or report.endswith(("/", os.sep)) or Path(report).is_dir():
        return _write_batch(names, job, Path(report))
    if names[0] != "-" and _same_file(report, names[0]):
        return _fail(f"{report}: --report names the input file", EXIT_OUTPUT)
    code, doc = job.explain(names[0])
    if doc is None:
        return code
    try:
        write_atomic(report, render_document(doc))
    except OutputError as err:
        return _fail(str(err), EXIT_OUTPUT)
    print(f"wrote {report}")
    return EXIT_OK


# --- inputs ------------------------------------------------------------------------------


class _Job:
    """How every input is read and cleaned: the config, the encoding, text or HTML."""

    def __init__(self, config: CleanConfig, encoding: str | None, kind: str | None) -> None:
        self.config = config
        self.encoding = encoding
        #: ``"html"``, ``"text"``, or ``None``: decided per input, as the main CLI does.
        self.kind = kind

    def explain(self, name: str) -> tuple[int, Explained | None]:
        """Read and clean one input; on failure print the error and return its exit code."""
        code, doc, message = self.try_explain(name)
        if doc is None:
            _fail(message, code)
        return code, doc

    def try_explain(self, name: str) -> tuple[int, Explained | None, str]:
        """Read and clean one input: ``(exit code, document or None, error message)``."""
        label = "<stdin>" if name == "-" else name
        try:
            # latin-1 maps each byte to one character: the round trip gives the raw
            # bytes, read with read_input's checks and messages.
            data = read_input(name, "latin-1").encode("latin-1")
            if self.kind == "html" or (self.kind is None and looks_like_html(name, data)):
                page = data if self.encoding is None else decode(data, label, self.encoding)
                result = clean_html(page, config=self.config)
                text = result.extracted_text or ""
            else:
                text = decode(data, label, self.encoding or "utf-8")
                result = clean_text(text, config=self.config)
        except InputError as err:
            return EXIT_INPUT, None, str(err)
        except DecodeError as err:
            return EXIT_INPUT, None, f"{label}: {err}"
        except CleanArticleError as err:
            return EXIT_ERROR, None, f"{label}: {err}"
        # The offsets refer to the text read, or for HTML to the text extracted from it.
        return EXIT_OK, Explained(label, text, result), ""


def _expand(files: Sequence[str]) -> Iterator[str]:
    """The inputs: files as given, a directory as the files directly inside it.

    Hidden files and subdirectories of a directory are skipped; ``-`` is standard input.
    """
    for name in files:
        folder = Path(name)
        if name == "-" or not folder.is_dir():
            yield name
            continue
        try:
            entries = sorted(folder.iterdir())
        except OSError as err:
            raise InputError(f"{name}: cannot list: {err.strerror or err}") from err
        yield from (str(p) for p in entries if p.is_file() and not p.name.startswith("."))


# --- terminal ------------------------------------------------------------------------------


def _use_colour(choice: str, stream: TextIO | None = None) -> bool:
    """``--color``: ``always``/``never`` win; ``auto`` asks for a terminal and no NO_COLOR."""
    if choice != "auto":
        return choice == "always"
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _print_all(names: Sequence[str], job: _Job, *, colour: bool, headers: bool) -> int:
    code = EXIT_OK
    for i, name in enumerate(names):
        if headers:
            label = "<stdin>" if name == "-" else name
            sys.stdout.write(("\n" if i else "") + f"==> {printable(label)} <==\n")
        failed, doc = job.explain(name)
        if doc is None:
            code = code or failed
            continue
        sys.stdout.write(render_terminal(doc, colour=colour))
        sys.stdout.flush()
    return code


def render_terminal(doc: Explained, *, colour: bool) -> str:
    """The input with removed spans styled (or marked), then the legend with counts.

    Without colour a span reads ``[category:rule]text[/]``. Control characters in
    the input are shown as symbols, so the input cannot drive the terminal.
    """
    parts: list[str] = []
    for piece in pieces(doc.text, doc.result.removals):
        text = printable(piece.text)
        removal = piece.removal
        if removal is None:
            parts.append(text)
        elif colour:
            parts.append(_styled(text, "move" if is_move(removal) else removal.category))
        else:
            parts.append(f"[{removal.category}:{removal.rule}]{text}[/]")
    shown = "".join(parts)
    if not shown.endswith("\n"):
        shown += "\n"
    return shown + "\n" + legend(doc.result, colour=colour)


def legend(result: CleanResult, *, colour: bool) -> str:
    """The legend: one row per category (styled as in the text) with its span count."""
    rows = legend_rows(result)
    removed = sum(count for _, key, count in rows if key != "move")
    kept = len(result.paragraphs)
    lines = [
        f"-- {removed} span{_s(removed)} removed, {kept} paragraph{_s(kept)} kept "
        f"(language {result.language}) --"
    ]
    if not colour and rows:
        lines.append("spans are marked [category:rule]...[/]")
    width = max((len(label) for label, _, _ in rows), default=0)
    for label, key, count in rows:
        pad = " " * (width - len(label))
        shown = (_styled(label, key) if colour else label) + pad
        note = "  (category other: kept as headline and standfirst)" if key == "move" else ""
        lines.append(f"  {shown}  {count:>3}{note}")
    return "\n".join(lines) + "\n"


def _styled(text: str, key: str) -> str:
    # Close the style at every line end so pagers (less -R) and wrapped lines stay sane.
    start = f"\x1b[{ANSI_STYLES[key]}m"
    return "\n".join(f"{start}{line}{_RESET}" if line else "" for line in text.split("\n"))


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# --- batch report --------------------------------------------------------------------------

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def page_names(names: Sequence[str]) -> list[str]:
    """A distinct, safe file name per input: ``dir/a b.txt`` -> ``a_b.txt.html``.

    Only ``[A-Za-z0-9._-]``, no leading dot, never ``index.html``: a page cannot
    land outside the report folder or replace the index.

    >>> page_names(["a/x.txt", "b/x.txt", "-", "../index"])
    ['x.txt.html', 'x.txt-2.html', 'stdin.html', 'index-2.html']
    """
    taken = {"index.html"}
    out = []
    for name in names:
        base = "stdin" if name == "-" else Path(name).name
        stem = _UNSAFE.sub("_", base).lstrip(".")[:100] or "document"
        candidate, n = f"{stem}.html", 1
        while candidate in taken:
            n += 1
            candidate = f"{stem}-{n}.html"
        taken.add(candidate)
        out.append(candidate)
    return out


def _write_batch(names: Sequence[str], job: _Job, folder: Path) -> int:
    """One page per input and ``index.html``, all inside ``folder``."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        return _fail(
            f"{folder}: cannot create the report folder: {err.strerror or err}", EXIT_OUTPUT
        )
    pages = page_names(names)
    for name, page in zip(names, pages, strict=True):
        if name != "-" and _same_file(str(folder / page), name):
            return _fail(f"{folder / page}: the report would replace an input file", EXIT_OUTPUT)
    code = EXIT_OK
    entries: list[IndexEntry] = []
    try:
        for name, page in zip(names, pages, strict=True):
            failed, doc, message = job.try_explain(name)
            label = "<stdin>" if name == "-" else name
            if doc is None:
                _fail(message, failed)
                code = code or failed
                entries.append(IndexEntry(label, None, error=message))
                continue
            write_atomic(folder / page, render_document(doc, index_href="index.html"))
            entries.append(IndexEntry(label, page, doc.result))
        write_atomic(folder / "index.html", render_index(entries))
    except OutputError as err:
        return _fail(str(err), EXIT_OUTPUT)
    print(f"wrote {folder / 'index.html'} ({len(entries)} document{_s(len(entries))})")
    return code
