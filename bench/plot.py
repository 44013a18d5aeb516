"""Plot body F1 against time per page, from the ``--json`` output of ``quality.py``.

Usage (from the repo root)::

    python bench/quality.py --json /tmp/q.json
    python bench/plot.py /tmp/q.json -o docs/img/f1_vs_time.png
    python bench/plot.py /tmp/q.json /tmp/html.json --metric mozr_f1

One point per (rendering, system): x is seconds per page (log scale, single core:
the system's summed per-page time over the pages), y is the F1 named by ``--metric``.
Colour is the system, marker shape the rendering. Needs matplotlib (the ``docs`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

#: Marker per rendering; the HTML task's only rendering is ``html``.
MARKERS: Final = {"article_text": "o", "page_text": "s", "extracted_text": "^", "html": "D"}
#: cleanarticle stands out; peers get muted colours in a fixed order.
COLOURS: Final = {
    "cleanarticle": "#d62728",
    "identity": "#7f7f7f",
    "justext": "#1f77b4",
    "trafilatura": "#2ca02c",
    "trafilatura_precision": "#98df8a",
    "c4": "#9467bd",
    "readability": "#8c564b",
    "newspaper4k": "#e377c2",
    "goose3": "#bcbd22",
}
METRIC_LABELS: Final = {
    "aeb_f1": "body F1 (aeb pages)",
    "mozr_f1": "body F1 (mozr pages)",
    "tfe_snippet_accuracy": "snippet accuracy (tfe pages)",
    "title_accuracy": "title accuracy",
}


def points(
    figures: dict[str, dict[str, dict[str, Any]]], metric: str
) -> list[tuple[str, str, float, float]]:
    """``(rendering, system, seconds per page, metric)`` for every system that ran.

    >>> points({"article_text": {"a": {"aeb_f1": 0.9, "pages_per_second": 4.0},
    ...                           "b": {"unavailable": "not installed"}}}, "aeb_f1")
    [('article_text', 'a', 0.25, 0.9)]
    """
    out = []
    for rendering, systems in figures.items():
        for system, values in systems.items():
            speed, score = values.get("pages_per_second"), values.get(metric)
            if speed and score is not None:
                out.append((rendering, system, 1.0 / speed, float(score)))
    return out


def plot(data: list[tuple[str, str, float, float]], metric: str, output: Path) -> None:
    """Draw the scatter plot into ``output`` (PNG, 960x540 pixels)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(8.0, 4.5), dpi=120)
    systems = sorted({system for _, system, _, _ in data}, key=_system_order)
    renderings = [r for r in MARKERS if any(rendering == r for rendering, *_ in data)]
    for rendering, system, seconds, score in data:
        ax.scatter(
            seconds,
            score,
            marker=MARKERS.get(rendering, "x"),
            s=70 if system == "cleanarticle" else 45,
            color=COLOURS.get(system, "#17becf"),
            edgecolor="black" if system == "cleanarticle" else "none",
            linewidth=0.8,
            zorder=3,
        )
    ax.set_xscale("log")
    ax.set_xlabel("seconds per page (log scale, one core)")
    ax.set_ylabel(METRIC_LABELS.get(metric, metric))
    ax.grid(True, which="major", linestyle=":", linewidth=0.6, zorder=0)
    ax.set_title(f"{METRIC_LABELS.get(metric, metric)} against time per page", fontsize=11)
    system_handles = [
        Line2D([], [], linestyle="", marker="o", color=COLOURS.get(s, "#17becf"), label=s)
        for s in systems
    ]
    rendering_handles = [
        Line2D([], [], linestyle="", marker=MARKERS[r], color="#555555", label=r)
        for r in renderings
    ]
    # Legends outside the axes, so that no point hides under them.
    first = ax.legend(
        handles=system_handles,
        title="system",
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=8,
        frameon=False,
    )
    ax.add_artist(first)
    second = ax.legend(
        handles=rendering_handles,
        title="input",
        loc="lower left",
        bbox_to_anchor=(1.02, 0.0),
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(output, format="png", bbox_inches="tight", bbox_extra_artists=[first, second])
    plt.close(fig)


def _system_order(system: str) -> tuple[int, str]:
    names = list(COLOURS)
    return (names.index(system) if system in names else len(names), system)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("json", nargs="+", type=Path, help="quality.py --json output(s)")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/img/f1_vs_time.png"))
    parser.add_argument("--metric", default="aeb_f1", help="figure on the y axis (aeb_f1)")
    args = parser.parse_args(argv)
    data: list[tuple[str, str, float, float]] = []
    for path in args.json:
        data += points(json.loads(path.read_text(encoding="utf-8")), args.metric)
    if not data:
        print(f"no system has both {args.metric} and pages_per_second", file=sys.stderr)
        return 1
    plot(data, args.metric, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
