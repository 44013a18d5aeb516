"""``cleanarticle batch``: clean many documents into one JSONL file, in parallel, resumably.

Inputs are read as one ordered stream (``sources.py``), cleaned by worker processes
(``parallel.py``) and written one complete line at a time (``sink.py``), so the output
of ``--jobs 2`` equals that of ``--jobs 1`` record for record, and an interrupted run
leaves a valid file that ``--resume`` continues.
"""

from __future__ import annotations

import argparse
import codecs
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from .clean import clean_text
from .cli import add_config_options, config_from_args
from .config import DEFAULT_MAX_INPUT_CHARS
from .errors import CleanArticleError
from .io import InputError, OutputError, run_command
from .parallel import clean_stream, default_jobs
from .sink import Interrupted, JsonlSink, SignalGuard, completed_ids
from .sources import Document, Fields, ReadStats, check_inputs, read_documents

EXIT_OK: Final = 0
EXIT_ERROR: Final = 1  # the configuration was refused (a bad rule file)
EXIT_USAGE: Final = 2  # bad command line
EXIT_INPUT: Final = 3  # an input named on the command line cannot be read
EXIT_OUTPUT: Final = 4  # the output cannot be written, or names an input
EXIT_FAILED: Final = 5  # the run finished, but some records failed (see the errors file)
EXIT_INTERRUPTED: Final = 130  # Ctrl-C; 143 after SIGTERM (128 + the signal number)

#: Bytes per character a UTF-8 file can need: files over ``max_chars`` times this are
#: refused without being read.
_BYTES_PER_CHAR: Final = 4

EPILOG = """\
inputs:
  FILE.txt, FILE.html, FILE.htm (and .gz)   one document per file; its id is its path
  DIRECTORY                                 those files below it, recursively, sorted
  FILE.jsonl (and .jsonl.gz)                one document per line (--text-field, ...)
  FILE.warc, .warc.gz, .wet, .wet.gz        HTML responses and WET conversion records
                                            (needs: pip install 'cleanarticle[warc]')

output: one JSON object per line, in input order: "id", "input" (FILE, FILE:LINE or
  FILE@OFFSET), "url", then the result's to_dict() without "paragraphs" ("headline",
  "standfirst", "body", "language", "source", "notes", "removals", "counts")
failed records go to the errors file: {"id", "input", "url", "error"}

exit codes:
  0    every record was written
  1    the configuration was refused (a bad --rules file)
  2    bad command line
  3    an input cannot be read (missing, unreadable, WARC without the warc extra)
  4    the output cannot be written, or -o/--errors names an input
  5    finished, but some records failed: they are in the errors file
  130  interrupted by Ctrl-C (143: by SIGTERM); the output is valid, --resume continues
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanarticle batch",
        description="Clean many scraped articles into one JSONL file.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, archives")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="JSONL output file")
    parser.add_argument(
        "--errors", metavar="PATH", help="failed records (default: OUT.errors.jsonl)"
    )
    parser.add_argument(
        "--resume", action="store_true", help="skip ids already in OUT, append the rest"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes (default: the CPUs available)",
    )
    parser.add_argument(
        "--chunk-size",
        type=_positive,
        default=8,
        metavar="N",
        help="documents sent to a worker at a time (default 8)",
    )
    group = parser.add_argument_group("reading")
    group.add_argument("--text-field", metavar="NAME", help="scraped text (default: text)")
    group.add_argument("--html-field", metavar="NAME", help="HTML, used when present")
    group.add_argument("--url-field", metavar="NAME", help="the page's address")
    group.add_argument(
        "--id-field", metavar="NAME", help="record id (default: id when present, else FILE:LINE)"
    )
    group.add_argument(
        "--encoding", default="utf-8", metavar="ENC", help="encoding of .txt files (default utf-8)"
    )
    clean = parser.add_argument_group("cleaning")
    add_config_options(clean)
    clean.add_argument(
        "--max-chars",
        type=_positive,
        default=DEFAULT_MAX_INPUT_CHARS,
        metavar="N",
        help=f"longer documents fail (default {DEFAULT_MAX_INPUT_CHARS:,})",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal and tqdm is installed)",
    )
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


@dataclass(slots=True)
class Counts:
    """The run's tally; ``read == written + failed + skipped`` once it is over."""

    read: int = 0
    written: int = 0
    failed: int = 0
    skipped: int = 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cleanarticle batch``; returns the exit code (see ``EPILOG``)."""
    return run_command(build_parser(), argv, _run_reporting)


def _run_reporting(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except InputError as err:
        return _fail(str(err), EXIT_INPUT)
    except OutputError as err:
        return _fail(str(err), EXIT_OUTPUT)
    except CleanArticleError as err:
        return _fail(str(err), EXIT_ERROR)
    except Interrupted as stop:  # a second signal while stopping
        return _fail(f"interrupted by {stop}", 128 + stop.signum)


def _run(args: argparse.Namespace) -> int:
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        return _fail(f"unknown encoding {args.encoding!r}", EXIT_USAGE)
    out = Path(args.output)
    errors = Path(args.errors) if args.errors else Path(f"{args.output}.errors.jsonl")
    paths = check_inputs(args.inputs)
    _check_outputs(out, errors, paths)
    config = config_from_args(args, max_input_chars=args.max_chars)
    # Fail once, here, on a bad rule file rather than once per record; this also
    # compiles the English rules before worker processes are forked.
    clean_text("Warm up.", config=config)
    fields = Fields(args.text_field, args.html_field, args.url_field, args.id_field, args.encoding)
    done = completed_ids(out) if args.resume else set()
    stats = ReadStats()
    documents = read_documents(
        paths,
        fields,
        max_bytes=args.max_chars * _BYTES_PER_CHAR,
        exclude=frozenset({out.resolve(), errors.resolve()}),
        stats=stats,
    )
    counts = Counts()
    started = time.monotonic()
    signum = 0
    # The errors file starts afresh on --resume too: failed records are not in OUT,
    # so they are retried, and fail again into the new errors file.
    with (
        SignalGuard() as guard,
        _progress(args.progress) as bar,
        JsonlSink(out, append=args.resume, guard=guard) as sink,
        JsonlSink(errors, append=False, guard=guard) as error_sink,
    ):
        outcomes = clean_stream(
            _skip_done(documents, done, counts),
            config,
            jobs=args.jobs or default_jobs(),
            chunk_size=args.chunk_size,
        )
        try:
            for _, ok, line in outcomes:
                # A signal waits until the record is both written and counted, so
                # the summary always matches the output.
                with guard.held():
                    (sink if ok else error_sink).write(line)
                    if ok:
                        counts.written += 1
                    else:
                        counts.failed += 1
                bar.update(1)
        except Interrupted as stop:
            signum = stop.signum
        finally:
            outcomes.close()  # stops the workers at once when interrupted
    _summary(counts, stats, out, errors, time.monotonic() - started, signum)
    if signum:
        return 128 + signum
    return EXIT_FAILED if counts.failed else EXIT_OK


def _skip_done(documents: Iterator[Document], done: set[str], counts: Counts) -> Iterator[Document]:
    for doc in documents:
        counts.read += 1
        if doc.error is None and doc.id in done:
            counts.skipped += 1
            continue
        yield doc


def _check_outputs(out: Path, errors: Path, inputs: list[Path]) -> None:
    """Refuse outputs that would overwrite an input, a directory, or each other.

    Raises:
        OutputError: with the reason.
    """
    named = {p.resolve() for p in inputs if p.is_file()}
    for option, path in (("-o", out), ("--errors", errors)):
        if path.resolve() in named:
            raise OutputError(f"{path}: {option} names an input file; choose another path")
        if path.is_dir():
            raise OutputError(f"{path}: {option} names a directory")
        if not path.parent.is_dir():
            raise OutputError(f"{path}: no such directory {str(path.parent)!r}")
    if out.resolve() == errors.resolve():
        raise OutputError(f"{out}: -o and --errors name the same file")


class _NoBar:
    def update(self, n: int) -> None:
        del n


@contextmanager
def _progress(wanted: bool | None) -> Iterator[Any]:
    """A tqdm bar on stderr when wanted (default: stderr is a terminal) and installed."""
    if wanted is None:
        wanted = sys.stderr.isatty()
    if wanted:
        try:
            from tqdm import tqdm
        except ImportError:
            wanted = False
    if not wanted:
        yield _NoBar()
        return
    with tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True) as bar:
        yield bar


def _summary(
    counts: Counts, stats: ReadStats, out: Path, errors: Path, seconds: float, signum: int
) -> None:
    """One line on stderr; ``read`` adds up from the other counts."""
    done = counts.written + counts.failed
    parts = [f"{counts.read} read", f"{counts.written} written to {out}"]
    parts.append(f"{counts.failed} failed" + (f" (see {errors})" if counts.failed else ""))
    if counts.skipped:
        parts.append(f"{counts.skipped} skipped (already in {out})")
    unfinished = counts.read - done - counts.skipped
    if unfinished:
        parts.append(f"{unfinished} unfinished")
    if stats.ignored_records:
        parts.append(f"{stats.ignored_records} WARC records ignored (not HTML pages or WET text)")
    rate = done / seconds if seconds > 0 else 0.0
    head = f"interrupted by {signal.Signals(signum).name}: " if signum else ""
    print(
        f"cleanarticle batch: {head}{', '.join(parts)}; {seconds:.1f} s, {rate:.1f} docs/s",
        file=sys.stderr,
    )


def _fail(message: str, code: int) -> int:
    print(f"cleanarticle batch: {message}", file=sys.stderr)
    return code
