"""Command-line front end: ``cleanarticle FILE|-`` over the public API."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .clean import clean_text
from .config import SUPPORTED_LANGUAGES, CleanConfig
from .errors import CleanArticleError, DecodeError
from .io import InputError, OutputError, decode, read_input, run_command, write_atomic
from .result import CATEGORIES, CleanResult

EXIT_OK = 0
EXIT_ERROR = 1  # the cleaner refused the input (too large, a rule file is malformed, ...)
EXIT_USAGE = 2  # bad command line (argparse's own code)
EXIT_INPUT = 3  # the input cannot be read or decoded
EXIT_OUTPUT = 4  # the output cannot be written

EPILOG = """\
exit codes:
  0  success (also when the reader of standard output closes early, as with | head)
  1  the input was refused: over the size limit, a bad rule file, a pattern timeout
  2  bad command line
  3  the input cannot be read: missing, a directory, unreadable, undecodable bytes
  4  the output cannot be written, or -o names the input without --in-place
"""


def add_config_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The CleanConfig options every command shares: --keep, --language, --rules, --disable."""
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        choices=CATEGORIES,
        metavar="CATEGORY",
        help=f"do not remove this category (repeatable): {', '.join(CATEGORIES)}",
    )
    parser.add_argument(
        "--language", choices=SUPPORTED_LANGUAGES, help="force the language instead of detecting it"
    )
    parser.add_argument(
        "--rules", action="append", default=[], metavar="FILE", help="extra rule file (repeatable)"
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE_ID",
        help="switch a rule off (repeatable)",
    )


def config_from_args(args: argparse.Namespace, **options: Any) -> CleanConfig:
    """The ``CleanConfig`` the options of ``add_config_options`` ask for, plus ``options``."""
    return CleanConfig(
        keep=frozenset(args.keep),
        language=args.language,
        rules=tuple(Path(p) for p in args.rules),
        disable=frozenset(args.disable),
        **options,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanarticle",
        description="Strip publisher boilerplate from a scraped article and print "
        "its headline, standfirst and body.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help="scraped text file, or - for standard input")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the full result as JSON")
    output.add_argument(
        "--explain", action="store_true", help="list every removal: category, rule and text"
    )
    add_config_options(parser)
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html", action="store_true", help="the input is an HTML page (default: detected)"
    )
    kind.add_argument("--text", action="store_true", help="the input is scraped text")
    parser.add_argument(
        "--encoding",
        help="input encoding (default: utf-8 for text; for HTML the byte-order mark, "
        "the page's <meta charset>, utf-8, then detection)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT (atomically)")
    parser.add_argument(
        "--in-place", action="store_true", help="allow -o to name the input file itself"
    )
    parser.add_argument("--version", action="version", version=f"cleanarticle {__version__}")
    return parser


#: Subcommands: ``cleanarticle NAME ...`` runs ``module.main(rest)``. A file that
#: happens to have one of these names is still reachable as ``./NAME``.
SUBCOMMANDS = {"batch": "cleanarticle.batch", "explain": "cleanarticle.explain"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (see ``EPILOG``)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        module = importlib.import_module(SUBCOMMANDS[args_list[0]])
        code: int = module.main(args_list[1:])
        return code
    return run_command(build_parser(), args_list, _run)


def _run(args: argparse.Namespace) -> int:
    if (
        args.output
        and args.file != "-"
        and _same_file(args.output, args.file)
        and not args.in_place
    ):
        return _fail(
            f"{args.output}: -o names the input file; add --in-place to overwrite it", EXIT_OUTPUT
        )
    try:
        config = config_from_args(args)
        result = _clean_input(args, config)
        rendered = render(result, json_output=args.json, explain=args.explain)
        if args.output:
            write_atomic(args.output, rendered)
        else:
            sys.stdout.write(rendered)
            sys.stdout.flush()
    except InputError as err:
        return _fail(str(err), EXIT_INPUT)
    except DecodeError as err:
        return _fail(f"{args.file}: {err}", EXIT_INPUT)
    except OutputError as err:
        return _fail(str(err), EXIT_OUTPUT)
    except UnicodeEncodeError as err:
        # Standard output in a narrow encoding (PYTHONIOENCODING=ascii, a latin-1
        # terminal) cannot show every character of the result: one line, not a traceback.
        return _fail(
            f"standard output ({err.encoding}) cannot encode U+{ord(err.object[err.start]):04X};"
            " use -o FILE (written as UTF-8) or set PYTHONIOENCODING=utf-8",
            EXIT_OUTPUT,
        )
    except CleanArticleError as err:
        return _fail(f"{args.file}: {err}", EXIT_ERROR)
    return EXIT_OK


def _clean_input(args: argparse.Namespace, config: CleanConfig) -> CleanResult:
    """Read the input once and clean it as HTML or as text (``--html``/``--text``, else
    detected: see ``looks_like_html``)."""
    label = "<stdin>" if args.file == "-" else args.file
    # latin-1 maps each byte to one character: the round trip gives the raw bytes,
    # read with read_input's error handling.
    data = read_input(args.file, "latin-1").encode("latin-1")
    if args.html or (not args.text and looks_like_html(args.file, data)):
        from .html import clean_html

        page = data if args.encoding is None else decode(data, label, args.encoding)
        return clean_html(page, config=config)
    return clean_text(decode(data, label, args.encoding or "utf-8"), config=config)


#: How far into the input ``looks_like_html`` searches for ``<body``.
SNIFF_BYTES = 65_536
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_STARTS = (b"<!doctype html", b"<html")


def looks_like_html(name: str, data: bytes) -> bool:
    """An ``.html``/``.htm`` file name, or content that opens as an HTML document.

    >>> looks_like_html("-", b"\\xef\\xbb\\xbf  <!DOCTYPE html><p>x")
    True
    >>> looks_like_html("notes.txt", b"Use <b> for bold")
    False
    """
    if name.lower().endswith(_HTML_SUFFIXES):
        return True
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(_HTML_STARTS) or b"<body" in head


def render(result: CleanResult, *, json_output: bool = False, explain: bool = False) -> str:
    """The CLI's text for one result."""
    if json_output:
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if explain:
        lines = [
            f"{r.category}\t{r.rule}\t{r.start}-{r.end}\t{_one_line(r.text)}"
            for r in result.removals
        ]
        return "\n".join(lines) + ("\n" if lines else "")
    parts = [p for p in (result.headline, result.standfirst, result.body) if p]
    return "\n\n".join(parts) + "\n"


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _fail(message: str, code: int) -> int:
    print(f"cleanarticle: {message}", file=sys.stderr)
    return code
