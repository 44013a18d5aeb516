"""Quality gate: fail when cleanarticle scores below the floors pinned in ``floors.toml``.

Runs only cleanarticle (no peers), on the renderings that ``floors.toml`` names (the text
renderings through ``clean_text``, ``[html...]`` tables through ``clean_html``), prints
each metric against its floor and exits 1 if any is below (or if there are more errors
than ``max_errors``, or cleanarticle cannot be imported). Exits 0 with "corpus not found,
skipping" when the corpus is missing, so it can run where the corpus is not laid out.

Usage (from the repo root)::

    python bench/gate.py [--data PATH] [--floors PATH] [--write-floors]

``--write-floors`` rewrites the floors file from this run: every measured figure minus
``--margin`` (0.02), rounded down to two decimals. Review the diff before committing it.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers
import quality

FLOORS: Final = Path(__file__).resolve().with_name("floors.toml")
SYSTEM: Final = "cleanarticle"
#: What a floors table may name: the text renderings and the gold body (``clean_text``)
#: and the raw page (``clean_html``).
GATED: Final = (*quality.RENDERINGS, quality.CLEAN_RENDERING, quality.HTML_RENDERING)
#: What ``--write-floors`` pins, as ``[rendering.group] metric = floor`` tables; a table
#: entry checks the figure ``group_metric``. Precision and recall floors (``aeb``/``mozr``
#: ``precision`` and ``recall``) can be added by hand; they are not pinned by default
#: because a change may trade one for the other while F1 improves.
PINNED: Final = {
    "aeb": ("f1",),
    "mozr": ("f1",),
    "tfe": ("snippet_accuracy",),
    "title": ("accuracy",),
}


@dataclass(frozen=True, slots=True)
class Floors:
    """Pinned minimum figures per rendering, and the most page errors allowed in total."""

    minimums: dict[str, dict[str, float]]
    max_errors: int


@dataclass(frozen=True, slots=True)
class Check:
    """One figure against its floor."""

    rendering: str
    metric: str
    value: float | None
    floor: float

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value >= self.floor


def load_floors(path: Path) -> Floors:
    """Parse ``floors.toml``: ``max_errors`` and ``[rendering.group] metric = floor`` tables."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    minimums: dict[str, dict[str, float]] = {}
    for rendering, groups in data.items():
        if not isinstance(groups, dict):
            continue
        if rendering not in GATED:
            raise ValueError(f"{path}: unknown rendering [{rendering}]")
        minimums[rendering] = {
            f"{group}_{metric}": float(floor)
            for group, values in groups.items()
            for metric, floor in values.items()
        }
    return Floors(minimums, int(data.get("max_errors", 0)))


def check(results: dict[str, dict[str, Any]], floors: Floors) -> list[Check]:
    """Compare ``results`` (rendering -> metrics of cleanarticle) with ``floors``."""
    return [
        Check(rendering, metric, results[rendering].get(metric), floor)
        for rendering, minimums in floors.minimums.items()
        for metric, floor in minimums.items()
    ]


def report(checks: Sequence[Check], errors: int, max_errors: int) -> bool:
    """Print every check and the error count; return whether all passed."""
    for c in checks:
        value = "missing" if c.value is None else f"{c.value:.4f}"
        status = "ok" if c.ok else "BELOW FLOOR"
        print(f"{c.rendering:<15} {c.metric:<22} {value:>8}  floor {c.floor:.2f}  {status}")
    errors_ok = errors <= max_errors
    print(f"{'errors':<38} {errors:>8}  max {max_errors}  {'ok' if errors_ok else 'TOO MANY'}")
    return errors_ok and all(c.ok for c in checks)


def floors_toml(results: dict[str, dict[str, Any]], margin: float) -> str:
    """A floors file pinning every figure of ``results`` at ``value - margin``, rounded down."""
    lines = [
        "# Floors for bench/gate.py: cleanarticle's figures on ../shared/data/dev.jsonl.gz,",
        f"# measured by `python bench/gate.py --write-floors`, minus {margin:g}, rounded down.",
        "# Raise a floor when cleanarticle improves; lower one only with a reason in the commit.",
        f"max_errors = {sum(r['errors'] for r in results.values())}",
    ]
    for rendering, figures in results.items():
        for group, names in PINNED.items():
            values = {n: figures.get(f"{group}_{n}") for n in names}
            if all(v is None for v in values.values()):
                continue
            lines += ["", f"[{rendering}.{group}]"]
            lines += [
                f"{n} = {_round_down(v - margin):.2f}" for n, v in values.items() if v is not None
            ]
    return "\n".join(lines) + "\n"


def _round_down(value: float) -> float:
    return max(0.0, math.floor(round(value * 100, 6)) / 100)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=quality.DEFAULT_DATA, help="corpus")
    parser.add_argument("--floors", type=Path, default=FLOORS, help="floors file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per page (0: none)")
    parser.add_argument("--write-floors", action="store_true", help="rewrite the floors file")
    parser.add_argument("--margin", type=float, default=0.02, help="for --write-floors")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_file():
        print(f"corpus not found, skipping: {args.data}")
        return 0
    reason = peers.unavailable_reason(SYSTEM, "text")
    if reason is not None:
        print(f"gate FAILED: {SYSTEM} cannot run: {reason}")
        return 1
    renderings = list(GATED) if args.write_floors else list(load_floors(args.floors).minimums)
    pages = quality.load_pages(args.data, renderings, quality.SOURCES)
    print(f"gate: {SYSTEM} on {len(pages)} pages x {', '.join(renderings)}", flush=True)
    results: dict[str, dict[str, Any]] = {}
    for peer, group in (
        (peers.TEXT_PEERS[SYSTEM], [r for r in renderings if r != quality.HTML_RENDERING]),
        (peers.HTML_PEERS[SYSTEM], [r for r in renderings if r == quality.HTML_RENDERING]),
    ):
        if group:
            evaluated = quality.evaluate(pages, group, {SYSTEM: peer}, args.workers, args.timeout)
            results |= {rendering: by_system[SYSTEM] for rendering, by_system in evaluated.items()}
    if args.write_floors:
        args.floors.write_text(floors_toml(results, args.margin), encoding="utf-8")
        print(f"wrote {args.floors}")
    floors = load_floors(args.floors)
    errors = sum(figures["errors"] for figures in results.values())
    if report(check(results, floors), errors, floors.max_errors):
        print("gate passed")
        return 0
    print("gate FAILED: a figure is below its floor (see above)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
