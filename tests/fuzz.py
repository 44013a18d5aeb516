"""Long fuzz run over ``clean_text`` and ``clean_html`` (issue 5; see docs/robustness.md).

Uses the strategies of ``tests/test_properties.py`` but, unlike the property tests,
does not stop at the first failure: every generated input is run, every failure is
classified (crash, documented error, broken structural invariant, not idempotent),
and the shortest input of each kind is kept. No shrinking, no example database.

    python tests/fuzz.py                       # the default budget, about 24,000 inputs
    python tests/fuzz.py --scale 0.1           # a quick look
    python tests/fuzz.py --only real_lines --json out.json

The exit code is 1 when an input crashed (an exception that is not a documented
error) or broke a structural invariant, else 0; idempotence failures are reported,
and known (see the xfails in test_properties.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import check_invariants
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_properties import (
    ANY_TEXT,
    ANY_TEXT_SURROGATES,
    CONFIGS,
    HTML_AS_TEXT,
    ODD_LINES,
    REAL_LINES,
    article_with_boilerplate,
    html_bytes,
    html_page,
)

from cleanarticle import (
    CleanConfig,
    CleanResult,
    InputTooLargeError,
    PatternTimeoutError,
    clean_text,
)
from cleanarticle.errors import DecodeError

#: name -> (strategy of (input, config), entry point, inputs in the default budget)
TARGETS: dict[str, tuple[st.SearchStrategy[Any], str, int]] = {
    "any_text": (st.tuples(ANY_TEXT, st.none()), "text", 6_000),
    "any_text_surrogates": (st.tuples(ANY_TEXT_SURROGATES, st.none()), "text", 4_000),
    "odd_lines": (st.tuples(ODD_LINES, st.none()), "text", 3_000),
    "real_lines": (st.tuples(REAL_LINES, st.none()), "text", 3_000),
    "article_with_boilerplate": (st.tuples(article_with_boilerplate(), st.none()), "text", 2_000),
    "real_lines_configs": (st.tuples(REAL_LINES, CONFIGS), "text", 1_000),
    "html_pages": (st.tuples(html_page(), st.none()), "html", 2_000),
    "text_as_html": (st.tuples(HTML_AS_TEXT, st.none()), "html", 1_500),
    "html_bytes": (st.tuples(html_bytes(), st.none()), "html", 1_500),
}


@dataclass
class Finding:
    kind: str
    detail: str
    count: int = 0
    shortest: str | bytes = ""

    def add(self, text: str | bytes) -> None:
        self.count += 1
        if not self.shortest or len(text) < len(self.shortest):
            self.shortest = text


@dataclass
class Report:
    target: str
    inputs: int = 0
    seconds: float = 0.0
    findings: dict[tuple[str, str], Finding] = field(default_factory=dict)

    def record(self, kind: str, detail: str, text: str | bytes) -> None:
        key = (kind, detail)
        self.findings.setdefault(key, Finding(kind, detail)).add(text)


def _run_one(text: str | bytes, config: CleanConfig | None, entry: str) -> tuple[CleanResult, str]:
    if entry == "html":
        from cleanarticle.html import clean_html

        result: CleanResult = clean_html(text, config=config)
        assert result.extracted_text is not None
        return result, result.extracted_text
    return clean_text(text, config=config), text


def classify(text: str | bytes, config: CleanConfig | None, entry: str, report: Report) -> None:
    """Run one input and record what went wrong, if anything."""
    report.inputs += 1
    try:
        result, source = _run_one(text, config, entry)
    except (InputTooLargeError, PatternTimeoutError, DecodeError) as err:
        report.record("documented error", type(err).__name__, text)
        return
    except Exception as err:
        where = traceback.extract_tb(err.__traceback__)[-1]
        report.record("crash", f"{type(err).__name__} at {where.filename}:{where.lineno}", text)
        return
    try:
        check_invariants(source, result, config, idempotent=False)
        json.dumps(result.to_dict())
    except Exception as err:
        line = traceback.extract_tb(err.__traceback__)[-1]
        report.record("invariant", f"{type(err).__name__} at {line.line}", text)
        return
    try:
        check_invariants(source, result, config)
    except AssertionError:
        report.record("not idempotent", "cleaning the body again removes more", text)


def fuzz(name: str, examples: int) -> Report:
    strategy, entry, _ = TARGETS[name]
    report = Report(name)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(case: tuple[str, CleanConfig | None]) -> None:
        classify(case[0], case[1], entry, report)

    started = time.perf_counter()
    run()
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every budget")
    parser.add_argument("--only", action="append", choices=sorted(TARGETS), default=[])
    parser.add_argument("--json", type=Path, help="write the findings here")
    args = parser.parse_args(argv)
    reports = []
    for name in args.only or list(TARGETS):
        examples = max(1, int(TARGETS[name][2] * args.scale))
        report = fuzz(name, examples)
        reports.append(report)
        _print(report)
    total = sum(r.inputs for r in reports)
    seconds = sum(r.seconds for r in reports)
    print(f"total: {total:,} inputs in {seconds:,.0f} s")
    if args.json:
        args.json.write_text(
            json.dumps([_as_dict(r) for r in reports], ensure_ascii=True, indent=1) + "\n"
        )
    bad = {"crash", "invariant"}
    return int(any(key[0] in bad for r in reports for key in r.findings))


def _print(report: Report) -> None:
    print(f"{report.target}: {report.inputs:,} inputs in {report.seconds:,.0f} s", flush=True)
    for finding in report.findings.values():
        print(
            f"  {finding.kind}: {finding.detail} x{finding.count}; shortest "
            f"{finding.shortest[:200]!r}",
            flush=True,
        )


def _as_dict(report: Report) -> dict[str, Any]:
    return {
        "target": report.target,
        "inputs": report.inputs,
        "seconds": round(report.seconds, 1),
        "findings": [
            # Bytes inputs (clean_html) are written as their repr().
            {**vars(f), "shortest": f.shortest if isinstance(f.shortest, str) else repr(f.shortest)}
            for f in report.findings.values()
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
