"""Score cleanarticle and peer systems on the development corpus.

Usage (from the repo root)::

    python bench/quality.py                       # text task, all renderings, all peers
    python bench/quality.py --systems cleanarticle,identity --limit 20
    python bench/quality.py --task html --json /tmp/html.json

One table is printed per rendering (rows: systems). See ``bench/README.md`` for the metrics.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import signal
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metrics
import peers

#: The corpus, next to the repo: ``<repo>/../shared/data/dev.jsonl.gz``.
DEFAULT_DATA: Final = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl.gz"
RENDERINGS: Final = ("article_text", "page_text", "extracted_text")
#: The gold article body itself as input: what a clean of text that is already clean
#: leaves (aeb and mozr pages, the ones with a gold body). A cleaner that harms no
#: article scores 1.0 but for the headline it takes off the first line.
CLEAN_RENDERING: Final = "gold_body"
SOURCES: Final = ("aeb", "mozr", "tfe")
#: Rendering name used for the HTML task.
HTML_RENDERING: Final = "html"
#: Table columns: (metric key, header, format).
COLUMNS: Final = (
    ("aeb_precision", "aeb P", "{:.3f}"),
    ("aeb_recall", "aeb R", "{:.3f}"),
    ("aeb_f1", "aeb F1", "{:.3f}"),
    ("mozr_f1", "mozr F1", "{:.3f}"),
    ("tfe_snippet_accuracy", "tfe snip", "{:.3f}"),
    ("title_accuracy", "title", "{:.3f}"),
    ("pages_per_second", "pages/s", "{:.1f}"),
    ("errors", "errors", "{:d}"),
)


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus record, reduced to the inputs and gold fields the bench uses."""

    id: str
    source: str
    inputs: dict[str, str]
    url: str | None = None
    gold_body: str | None = None
    gold_title: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one system returned for one page and rendering."""

    rendering: str
    system: str
    index: int
    headline: str | None
    body: str
    seconds: float
    error: str | None = None


@dataclass(slots=True)
class Tally:
    """Per-page scores of one (rendering, system), accumulated for the summary."""

    counts: dict[str, list[metrics.Counts]] = field(default_factory=lambda: defaultdict(list))
    snippets: list[metrics.SnippetHits] = field(default_factory=list)
    titles: list[tuple[str | None, str]] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    errors: int = 0


# --- corpus --------------------------------------------------------------------------------


def load_pages(
    path: Path, renderings: Sequence[str], sources: Sequence[str], limit: int | None = None
) -> list[Page]:
    """Read the corpus, keeping ``renderings`` as inputs, the first ``limit`` pages a source."""
    pages: list[Page] = []
    per_source: dict[str, int] = defaultdict(int)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            source = record["source"]
            if source not in sources or (limit is not None and per_source[source] >= limit):
                continue
            per_source[source] += 1
            pages.append(_page(record, renderings))
    return pages


def _page(record: dict[str, Any], renderings: Sequence[str]) -> Page:
    return Page(
        id=record["id"],
        source=record["source"],
        inputs={name: record.get(name) or "" for name in renderings},
        url=record.get("url") or None,
        gold_body=record.get("gold_body"),
        gold_title=record.get("gold_title"),
        with_=tuple(record.get("with") or ()),
        without=tuple(record.get("without") or ()),
    )


# --- running -------------------------------------------------------------------------------

_PAGES: list[Page] = []
_PEERS: dict[str, peers.Peer] = {}
_TIMEOUT: float = 0.0


class PageTimeout(Exception):
    """A system took longer than ``--timeout`` seconds on one page."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise PageTimeout(f"no result within {_TIMEOUT:g} s")


def _run_one(job: tuple[str, str, int]) -> Outcome:
    """Run one system on one page's rendering; any exception becomes an empty body."""
    rendering, system, index = job
    page = _PAGES[index]
    text = page.inputs[rendering]
    start = time.perf_counter()
    if _TIMEOUT > 0:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, _TIMEOUT)
    try:
        headline, body = _PEERS[system](text, None, page.url)
        error = None
    except Exception as exc:  # a failing system scores an empty body on that page
        headline, body, error = None, "", f"{type(exc).__name__}: {exc}"[:500]
    finally:
        if _TIMEOUT > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    return Outcome(rendering, system, index, headline, body or "", seconds, error)


def run(
    pages: list[Page],
    renderings: Sequence[str],
    systems: dict[str, peers.Peer],
    workers: int = 2,
    timeout: float = 60.0,
) -> Iterator[Outcome]:
    """Run every system on every page of every rendering, yielding outcomes as they come.

    Uses a pool of ``workers`` forked processes (none when ``workers`` is 1) and reports
    progress on stderr.
    """
    global _PAGES, _PEERS, _TIMEOUT
    _PAGES, _PEERS, _TIMEOUT = pages, systems, timeout
    jobs = [
        (r, s, i)
        for r in renderings
        for s in systems
        for i in range(len(pages))
        if r != CLEAN_RENDERING or pages[i].gold_body
    ]
    progress = _Progress(len(jobs), Counter((r, s) for r, s, _ in jobs))
    if workers <= 1:
        outcomes: Iterable[Outcome] = map(_run_one, jobs)
        for outcome in outcomes:
            progress.update(outcome)
            yield outcome
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for outcome in pool.imap_unordered(_run_one, jobs, chunksize=4):
            progress.update(outcome)
            yield outcome


class _Progress:
    """Prints a line on stderr whenever a (rendering, system) pair is complete."""

    def __init__(self, total_jobs: int, pages: Counter[tuple[str, str]]) -> None:
        self.total_jobs, self.pages, self.done = total_jobs, pages, 0
        self.per_pair: dict[tuple[str, str], int] = defaultdict(int)
        self.start = time.perf_counter()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        key = (outcome.rendering, outcome.system)
        self.per_pair[key] += 1
        if self.per_pair[key] == self.pages[key]:
            elapsed = time.perf_counter() - self.start
            print(
                f"[{self.done}/{self.total_jobs} {elapsed:6.1f}s] {key[0]} / {key[1]} done",
                file=sys.stderr,
                flush=True,
            )


# --- scoring -------------------------------------------------------------------------------


def score(page: Page, outcome: Outcome, tally: Tally) -> dict[str, Any]:
    """Add ``outcome`` to ``tally`` and return the page's record for ``--per-page``."""
    tally.pages += 1
    tally.seconds += outcome.seconds
    tally.errors += outcome.error is not None
    record: dict[str, Any] = {
        "id": page.id,
        "source": page.source,
        "rendering": outcome.rendering,
        "system": outcome.system,
        "headline": outcome.headline,
        "seconds": round(outcome.seconds, 4),
        "error": outcome.error,
    }
    if page.gold_body is not None:
        counts = metrics.shingle_counts(page.gold_body, outcome.body)
        tally.counts[page.source].append(counts)
        precision = metrics.document_precision(counts)
        recall = metrics.document_recall(counts)
        record.update(p=precision, r=recall, f1=metrics.f1_score(precision or 0.0, recall or 0.0))
    if page.with_ or page.without:
        hits = metrics.snippet_hits(outcome.body, page.with_, page.without)
        tally.snippets.append(hits)
        missed, leaked = metrics.snippet_failures(outcome.body, page.with_, page.without)
        record.update(snippets=_hits_dict(hits), missed=missed, leaked=leaked)
    # The gold body holds no headline to find: no title score on it.
    if page.gold_title is not None and outcome.rendering != CLEAN_RENDERING:
        tally.titles.append((outcome.headline, page.gold_title))
        record.update(
            gold_title=page.gold_title,
            title_ok=metrics.title_match(outcome.headline, page.gold_title),
        )
    return record


def _hits_dict(hits: metrics.SnippetHits) -> dict[str, int]:
    return {
        "with_found": hits.with_found,
        "with_total": hits.with_total,
        "without_absent": hits.without_absent,
        "without_total": hits.without_total,
    }


def summarize(tally: Tally) -> dict[str, Any]:
    """The figures of one (rendering, system); a metric with no pages to score is ``None``."""
    summary: dict[str, Any] = {}
    for source in ("aeb", "mozr"):
        docs = tally.counts.get(source, [])
        scores = metrics.body_scores(docs) if docs else None
        summary[f"{source}_precision"] = scores.precision if scores else None
        summary[f"{source}_recall"] = scores.recall if scores else None
        summary[f"{source}_f1"] = scores.f1 if scores else None
        summary[f"{source}_pages"] = len(docs)
    snippets = tally.snippets
    summary["tfe_snippet_accuracy"] = metrics.snippet_accuracy(snippets) if snippets else None
    summary["tfe_snippets"] = sum(hits.total for hits in snippets)
    summary["title_accuracy"] = metrics.title_accuracy(tally.titles) if tally.titles else None
    summary["title_pages"] = len(tally.titles)
    summary["pages"] = tally.pages
    summary["seconds"] = round(tally.seconds, 3)
    summary["pages_per_second"] = tally.pages / tally.seconds if tally.seconds > 0 else None
    summary["errors"] = tally.errors
    return summary


def evaluate(
    pages: list[Page],
    renderings: Sequence[str],
    systems: dict[str, peers.Peer],
    workers: int = 2,
    timeout: float = 60.0,
    per_page: Any = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Run and score; returns ``{rendering: {system: {metric: value}}}``.

    ``per_page``, if given, is a text file that receives one JSON line per page result.
    """
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for outcome in run(pages, renderings, systems, workers, timeout):
        page = pages[outcome.index]
        record = score(page, outcome, tallies[outcome.rendering, outcome.system])
        if per_page is not None:
            per_page.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {
        rendering: {system: summarize(tallies[rendering, system]) for system in systems}
        for rendering in renderings
    }


# --- output --------------------------------------------------------------------------------


def format_table(rendering: str, results: dict[str, dict[str, Any]], notes: dict[str, str]) -> str:
    """A fixed-width table of ``results`` (system -> metrics), unavailable systems as notes."""
    headers = ["system", *(header for _, header, _ in COLUMNS)]
    rows = [
        [system, *(_cell(figures, key, fmt) for key, _, fmt in COLUMNS)]
        for system, figures in results.items()
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [f"## {rendering}", _row(headers, widths), _row(["-" * w for w in widths], widths)]
    lines += [_row(row, widths) for row in rows]
    lines += [f"  {system}: not run ({reason})" for system, reason in notes.items()]
    return "\n".join(lines)


def _cell(figures: dict[str, Any], key: str, fmt: str) -> str:
    value = figures.get(key)
    return "-" if value is None else fmt.format(value)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    first = cells[0].ljust(widths[0])
    rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
    return "| " + " | ".join([first, *rest]) + " |"


# --- command line --------------------------------------------------------------------------


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="corpus (.jsonl.gz)")
    parser.add_argument("--task", choices=("text", "html"), default="text")
    parser.add_argument(
        "--renderings",
        type=_csv,
        default=list(RENDERINGS),
        help="comma-separated text renderings (text task only)",
    )
    parser.add_argument("--systems", type=_csv, default=None, help="comma-separated systems")
    parser.add_argument("--sources", type=_csv, default=list(SOURCES))
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each source")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    parser.add_argument("--per-page", type=Path, default=None, help="write per-page JSONL here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per page (0: none)")
    args = parser.parse_args(argv)
    catalogue = peers.TEXT_PEERS if args.task == "text" else peers.HTML_PEERS
    args.systems = args.systems or list(catalogue)
    for name in args.systems:
        if name not in catalogue:
            parser.error(f"unknown {args.task} system {name!r}; choose from {', '.join(catalogue)}")
    for name in args.renderings:
        if name not in (*RENDERINGS, CLEAN_RENDERING):
            choices = ", ".join((*RENDERINGS, CLEAN_RENDERING))
            parser.error(f"unknown rendering {name!r}; choose from {choices}")
    if args.task == "html":
        args.renderings = [HTML_RENDERING]
    return args


def select_systems(names: Sequence[str], task: str) -> tuple[dict[str, peers.Peer], dict[str, str]]:
    """The runnable peers among ``names``, and the reason each other one cannot run."""
    catalogue = peers.TEXT_PEERS if task == "text" else peers.HTML_PEERS
    runnable: dict[str, peers.Peer] = {}
    notes: dict[str, str] = {}
    for name in names:
        reason = peers.unavailable_reason(name, task)
        if reason is None:
            runnable[name] = catalogue[name]
        else:
            notes[name] = reason
    return runnable, notes


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_file():
        print(f"corpus not found: {args.data}", file=sys.stderr)
        return 2
    systems, notes = select_systems(args.systems, args.task)
    pages = load_pages(args.data, args.renderings, args.sources, args.limit)
    print(f"{len(pages)} pages, systems: {', '.join(systems)}", file=sys.stderr)
    if args.per_page is not None:
        with args.per_page.open("w", encoding="utf-8") as per_page:
            results = evaluate(
                pages, args.renderings, systems, args.workers, args.timeout, per_page
            )
    else:
        results = evaluate(pages, args.renderings, systems, args.workers, args.timeout)
    for rendering, by_system in results.items():
        print(format_table(rendering, by_system, notes) + "\n")
    if args.json is not None:
        payload = {
            r: {**by_system, **{s: {"unavailable": n} for s, n in notes.items()}}
            for r, by_system in results.items()
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
