"""Speed benchmark: throughput, scaling and adversarial inputs (issue 6).

Four parts, each printed as a table (and all figures written with ``--json``):

1. **text**: ``clean_text`` beside jusText and trafilatura (the ``bench/peers.py``
   wrappers) on the corpus' ``article_text`` and ``page_text`` renderings: MB/s and
   pages/s (median of ``--repeats`` passes, the systems interleaved in each pass so
   that load on a shared machine hits them alike), the ratio to jusText, and the
   largest per-page peak of Python allocations (tracemalloc, in a separate untimed
   pass; lxml's own C allocations are not traced, so the peers' figure is low).
   A reference row, "(one \\w+ scan)", times a single ``regex`` word scan of the
   same pages: the ceiling of any pure-Python cleaner that reads the words.
2. **html**: ``cleanarticle.clean_html`` (when importable) against
   ``trafilatura.extract`` on the raw HTML, the same way.
3. **scaling**: ordinary text (the corpus' article texts, concatenated) cut to
   1, 10 and 50 MB as one document: time, peak allocations, the 10MB/1MB and
   50MB/10MB time ratios (targets <= 12 and <= 6) and peak / input (target <= 10).
4. **adversarial**: inputs of the same sizes as an ordinary-text baseline (1 and 10
   MB): one line without newlines, a million one-word lines, a repeated boilerplate
   phrase with and without newlines, a run of punctuation, nested brackets and
   quotes, every rule's example with its last character changed, a first line (the
   page title) of half the input in " | " separators, one token of glued joins, "@"
   signs, dots and hyphens, and long lines of a name followed by its first word
   again (where an inline rule starts its scan). Target: none takes
   more than twice the ordinary text of its size.

Also reported: cold start-up (rule loading and matcher compilation) per language.

Run from the repo root; ``--quick`` is a CI-size run (a page sample, 0.1/1/5 MB):

    python bench/speed.py --quick
    python bench/speed.py --json /tmp/speed.json
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers
import regex

from cleanarticle import CleanConfig, clean_text
from cleanarticle.errors import CleanArticleError

#: The corpus, next to the repo: ``<repo>/../shared/data/dev.jsonl.gz``.
DEFAULT_DATA: Final = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl.gz"
MB: Final = 1_000_000
RENDERINGS: Final = ("article_text", "page_text")
TEXT_SYSTEMS: Final = ("cleanarticle", "justext", "trafilatura")
#: The reference row of the text tables (``word_scan``).
WORD_SCAN: Final = "(one \\w+ scan)"
#: Targets of issue 6 (ratios measured in the same run).
TARGET_JUSTEXT_RATIO: Final = 10.0
TARGET_SCALE_10_1: Final = 12.0
TARGET_SCALE_50_10: Final = 6.0
TARGET_MEMORY_RATIO: Final = 10.0
TARGET_ADVERSARIAL_RATIO: Final = 2.0

#: A system under test, called with one input (the peers' optional language and URL unset).
Runner = Callable[..., object]


# --- helpers -------------------------------------------------------------------------------


def load_pages(path: Path, step: int) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        pages = [json.loads(line) for line in handle]
    return pages[::step]


def utf8_size(texts: Sequence[str]) -> int:
    return sum(len(text.encode("utf-8", "surrogatepass")) for text in texts)


def run_all(runner: Runner, inputs: Sequence[str]) -> tuple[float, int]:
    """Seconds to run ``runner`` over ``inputs``, and how many raised."""
    errors = 0
    started = time.perf_counter()
    for text in inputs:
        try:
            runner(text)
        except Exception:  # a peer's failure on one page is counted, not fatal
            errors += 1
    return time.perf_counter() - started, errors


def peak_allocations(runner: Runner, inputs: Sequence[str]) -> int:
    """The largest tracemalloc peak (bytes) of one ``runner`` call over ``inputs``."""
    worst = 0
    tracemalloc.start()
    try:
        for text in inputs:
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            with contextlib.suppress(Exception):  # failures are counted by the timed pass
                runner(text)
            worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
    finally:
        tracemalloc.stop()
    return worst


def median_times(
    runners: dict[str, Runner], inputs: Sequence[str], repeats: int
) -> dict[str, dict[str, Any]]:
    """Median seconds per system over ``repeats`` interleaved passes (after a warm-up)."""
    for runner in runners.values():  # warm-up: rule compilation, imports, caches of peers
        run_all(runner, inputs[: max(1, len(inputs) // 10)])
    times: dict[str, list[float]] = {name: [] for name in runners}
    errors: dict[str, int] = dict.fromkeys(runners, 0)
    for _ in range(repeats):
        for name, runner in runners.items():
            seconds, failed = run_all(runner, inputs)
            times[name].append(seconds)
            errors[name] = failed
    return {
        name: {
            "seconds": statistics.median(values),
            "spread": (max(values) - min(values)) / statistics.median(values),
            "errors": errors[name],
        }
        for name, values in times.items()
    }


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header]] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [title, "  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        lines.append("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(lines) + "\n"


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


# --- 1 and 2: corpus throughput ----------------------------------------------------------------


def cleanarticle_runner(text: str) -> object:
    return peers.cleanarticle_text(text)


_WORD_RE: Final = regex.compile(r"\w+")


def word_scan(text: str) -> object:
    """A reference, not a cleaner: one ``regex`` pass that finds the words of the
    text, the least any pure-Python cleaner that reads words must do. Its MB/s
    is a ceiling for ``clean_text``, measured in the same run."""
    return _WORD_RE.findall(text)


def compile_every_language() -> None:
    """Load and compile every built-in language's rules, so that no timed pass pays
    the start-up cost (reported on its own by ``startup``): the warm-up of
    ``median_times`` sees a tenth of the pages, not every language."""
    from cleanarticle.rules import builtin_languages

    for language in builtin_languages():
        clean_text("Warm-up.", config=CleanConfig(language=language))


def text_throughput(
    pages: list[dict[str, Any]], repeats: int, memory: bool
) -> dict[str, dict[str, Any]]:
    compile_every_language()
    runners: dict[str, Runner] = {"cleanarticle": cleanarticle_runner}
    for name in TEXT_SYSTEMS[1:]:
        if peers.unavailable_reason(name) is None:
            runners[name] = peers.TEXT_PEERS[name]
    runners[WORD_SCAN] = word_scan
    figures: dict[str, dict[str, Any]] = {}
    for rendering in RENDERINGS:
        inputs = [page.get(rendering) or "" for page in pages]
        figures[rendering] = throughput(
            f"text: {rendering}", runners, inputs, repeats, memory, baseline="justext"
        )
    return figures


def throughput(
    label: str,
    runners: dict[str, Runner],
    inputs: list[str],
    repeats: int,
    memory: bool,
    *,
    baseline: str,
) -> dict[str, Any]:
    """MB/s, pages/s, peak MB and ``x_<baseline>`` (speed ratio) of each runner."""
    size = utf8_size(inputs)
    progress(f"{label}, {len(inputs)} pages, {size / MB:.2f} MB")
    timed = median_times(runners, inputs, repeats)
    for name, result in timed.items():
        result["mb_per_s"] = size / MB / result["seconds"]
        result["pages_per_s"] = len(inputs) / result["seconds"]
        if memory:
            result["peak_mb"] = peak_allocations(runners[name], inputs) / MB
    base = timed.get(baseline)
    for result in timed.values():
        result[f"x_{baseline}"] = base["seconds"] / result["seconds"] if base else None
    return {"mb": size / MB, "pages": len(inputs), "systems": timed}


def html_throughput(
    pages: list[dict[str, Any]], repeats: int, memory: bool
) -> dict[str, Any] | None:
    runners: dict[str, Runner] = {}
    if peers.unavailable_reason("cleanarticle", "html") is None:
        import cleanarticle

        runners["cleanarticle"] = cleanarticle.clean_html
    if peers.unavailable_reason("trafilatura") is None:
        import trafilatura

        runners["trafilatura"] = trafilatura.extract
    if not runners:
        return None
    inputs = [page.get("html") or "" for page in pages]
    return throughput("html", runners, inputs, repeats, memory, baseline="trafilatura")


# --- 3 and 4: one large document ------------------------------------------------------------


def ordinary_text(pages: list[dict[str, Any]]) -> str:
    return "\n\n".join(page.get("article_text") or "" for page in pages)


def cut(base: str, chars: int) -> str:
    """``base`` repeated and cut to ``chars`` characters (at a line end when possible)."""
    text = (base + "\n\n") * (chars // (len(base) + 2) + 1)
    text = text[:chars]
    end = text.rfind("\n")
    return text[:end] if end > chars // 2 else text


def near_misses() -> str:
    """Every built-in rule's example with its last character changed, one a line."""
    from cleanarticle.rules import builtin_languages, builtin_rules

    lines = []
    for language in ("any", *builtin_languages()):
        for rule in builtin_rules(language):
            example = rule.example.strip()
            if example:
                last = "x" if example[-1] != "x" else "y"
                lines.append(example[:-1] + last)
    return "\n".join(lines)


def adversarial_inputs(base: str, chars: int) -> dict[str, str]:
    words = base.split()
    return {
        "ordinary text": cut(base, chars),
        "one line, no newlines": cut(" ".join(base.split("\n")), chars).replace("\n", " "),
        "one-word lines": cut("\n".join(words), chars),
        "'Share on Facebook' lines": cut("Share on Facebook\n" * 1000, chars),
        "'Share on Facebook' one line": cut("Share on Facebook " * 1000, chars).replace("\n", " "),
        "punctuation run": ("!?.,;:-…" * (chars // 8 + 1))[:chars],
        "nested brackets/quotes": cut("([{«“\"'" * 50 + "word" + "'\"”»}])" * 50 + "\n", chars),
        "near-miss rule examples": cut(near_misses(), chars),
        # A first line is read as a page title split at its separators.
        "first line of separators": cut("a | " * (chars // 8) + "\n" + base, chars),
        # One token with glued joins, "@" signs, dots and hyphens: what the segmenter
        # tests for URLs and addresses before cutting it (cubic before 2026-11-28).
        "glued token of @, dots, hyphens": (_GLUED_TOKEN * (chars // len(_GLUED_TOKEN) + 1))[
            :chars
        ],
        # Captions printed twice, nested: each pair that goes brings the next
        # together (quadratic in a first version of the doubled-line step).
        "nested doubled lines": cut(nested_doubles(chars // 2) + "\n" + base, chars),
        # A name followed by its first word again, everywhere, and no "MORE": where
        # the hover-card inline rule starts its bounded scan (en.related.name-hover-card).
        "repeated names": cut(("Ab Cd Ab Cd said. " * 110 + "\n") * (chars // 1980 + 1), chars),
    }


def nested_doubles(chars: int) -> str:
    """Distinct caption-like lines, then the same lines in reverse: X1..Xk Xk..X1."""
    lines = []
    for number in itertools.count():
        lines.append(f"Caption number {number} shows the mayor at the bridge on Monday")
        if 2 * sum(len(line) + 1 for line in lines) >= chars:
            break
    return "\n" + "\n".join([*lines, *reversed(lines)])


_GLUED_TOKEN = "ShareFooo" + "a@" * 40 + "aB.c-" * 20 + "x-." * 10


def one_document(text: str, repeats: int, memory: bool) -> dict[str, Any]:
    config = CleanConfig(max_input_chars=max(len(text), 1))
    result: dict[str, Any] = {"mb": utf8_size([text]) / MB}
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            clean_text(text, config=config)
        except CleanArticleError as err:
            result["error"] = f"{type(err).__name__}: {err}"
            times.append(time.perf_counter() - started)
            break
        times.append(time.perf_counter() - started)
    result["seconds"] = statistics.median(times)
    if memory and "error" not in result:
        tracemalloc.start()
        try:
            clean_text(text, config=config)
            result["peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
        finally:
            tracemalloc.stop()
        result["peak_x_input"] = result["peak_mb"] / result["mb"]
    return result


def scaling(base: str, sizes: Sequence[float], repeats: int, memory: bool) -> dict[str, Any]:
    clean_text(base[:100_000])  # compile the rules before timing
    runs = {}
    for size in sizes:
        progress(f"scaling: {size:g} MB")
        # The largest size runs once (a 50 MB run is long enough to be stable).
        times = repeats if size < max(sizes) or max(sizes) < 10 else 1
        runs[f"{size:g}"] = one_document(cut(base, int(size * MB)), times, memory)
    keys = list(runs)
    ratios = {
        f"{b}/{a}": runs[b]["seconds"] / runs[a]["seconds"] for a, b in itertools.pairwise(keys)
    }
    return {"runs": runs, "time_ratios": ratios}


def adversarial(base: str, sizes: Sequence[float], repeats: int, memory: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for size in sizes:
        figures = {}
        for name, text in adversarial_inputs(base, int(size * MB)).items():
            progress(f"adversarial: {size:g} MB, {name}")
            figures[name] = one_document(text, repeats, memory)
        baseline = figures["ordinary text"]["seconds"]
        for result in figures.values():
            result["x_ordinary"] = result["seconds"] / baseline
        out[f"{size:g}"] = figures
    return out


def startup() -> dict[str, dict[str, float]]:
    """Cold rule loading and matcher compilation per language (caches cleared, the
    ``regex`` module's pattern cache too)."""
    from cleanarticle import matcher, rules

    figures = {}
    for language in rules.builtin_languages():
        rules.builtin_rules.cache_clear()
        rules._load_rules.cache_clear()
        matcher.compile_matcher.cache_clear()
        regex.purge()
        started = time.perf_counter()
        ruleset = rules.load_rules(language)
        loaded = time.perf_counter()
        matcher.compile_matcher(ruleset, frozenset(), CleanConfig().regex_timeout)
        done = time.perf_counter()
        figures[language] = {"load_s": loaded - started, "compile_s": done - loaded}
    return figures


# --- report --------------------------------------------------------------------------------


def _throughput_table(title: str, block: dict[str, Any], ratio: str, ratio_label: str) -> str:
    """One throughput table: a row per system, its ratio to the baseline under ``ratio``."""
    rows = [
        [
            name,
            r["mb_per_s"],
            r["pages_per_s"],
            r[ratio] if r[ratio] is not None else "-",
            r.get("peak_mb", "-"),
            f"{100 * r['spread']:.0f}%",
            r["errors"],
        ]
        for name, r in block["systems"].items()
    ]
    header = ["system", "MB/s", "pages/s", ratio_label, "peak MB", "spread", "errors"]
    return table(title, header, rows)


def report(figures: dict[str, Any]) -> str:
    parts = []
    for rendering, block in figures.get("text", {}).items():
        title = (
            f"text: {rendering} ({block['pages']} pages, {block['mb']:.2f} MB; "
            f"target cleanarticle >= {TARGET_JUSTEXT_RATIO:g}x jusText)"
        )
        parts.append(_throughput_table(title, block, "x_justext", "x jusText"))
    html_block = figures.get("html")
    if html_block:
        title = f"html ({html_block['pages']} pages, {html_block['mb']:.2f} MB)"
        parts.append(_throughput_table(title, html_block, "x_trafilatura", "x trafilatura"))
    if "scaling" in figures:
        runs = figures["scaling"]["runs"]
        rows = [
            [
                f"{size} MB",
                r["seconds"],
                r["mb"] / r["seconds"],
                r.get("peak_mb", "-"),
                r.get("peak_x_input", "-"),
                r.get("error", ""),
            ]
            for size, r in runs.items()
        ]
        ratios = ", ".join(f"{k}: {v:.2f}" for k, v in figures["scaling"]["time_ratios"].items())
        parts.append(
            table(
                f"scaling, one document (time ratios {ratios}; targets <= "
                f"{TARGET_SCALE_10_1:g} and <= {TARGET_SCALE_50_10:g}, peak <= "
                f"{TARGET_MEMORY_RATIO:g}x input)",
                ["size", "seconds", "MB/s", "peak MB", "peak/input", "error"],
                rows,
            )
        )
    for size, block in figures.get("adversarial", {}).items():
        rows = [
            [name, r["seconds"], r["x_ordinary"], r.get("peak_x_input", "-"), r.get("error", "")]
            for name, r in block.items()
        ]
        parts.append(
            table(
                f"adversarial, {size} MB (target <= {TARGET_ADVERSARIAL_RATIO:g}x ordinary text)",
                ["input", "seconds", "x ordinary", "peak/input", "error"],
                rows,
            )
        )
    if "startup" in figures:
        rows = [[lang, r["load_s"], r["compile_s"]] for lang, r in figures["startup"].items()]
        parts.append(table("cold start-up per language", ["language", "load s", "compile s"], rows))
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quick", action="store_true", help="CI-size run: page sample, 0.1-5 MB")
    parser.add_argument("--repeats", type=int, default=None, help="passes per figure (median)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    parser.add_argument(
        "--parts",
        default="text,html,scaling,adversarial,startup",
        help="comma-separated subset of text,html,scaling,adversarial,startup",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc passes")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    repeats = args.repeats or (2 if args.quick else 3)
    pages = load_pages(args.data, 10 if args.quick else 1)
    memory = not args.no_memory
    sizes = (0.1, 1.0, 5.0) if args.quick else (1.0, 10.0, 50.0)
    hostile_sizes = (0.1, 1.0) if args.quick else (1.0, 10.0)
    base = ordinary_text(pages)
    figures: dict[str, Any] = {"quick": args.quick, "repeats": repeats}
    if "text" in parts:
        figures["text"] = text_throughput(pages, repeats, memory)
    if "html" in parts:
        html_pages = pages[::4] if args.quick else pages
        html_block = html_throughput(html_pages, repeats, memory)
        if html_block is not None:
            figures["html"] = html_block
    if "scaling" in parts:
        figures["scaling"] = scaling(base, sizes, repeats, memory)
    if "adversarial" in parts:
        figures["adversarial"] = adversarial(base, hostile_sizes, repeats, memory)
    if "startup" in parts:
        figures["startup"] = startup()
    print(report(figures))
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
