"""Run every golden fixture in fixtures/ (schema in fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import HEADER_RULES, check_invariants

from cleanarticle import CATEGORIES, clean_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KEYS = {
    "comment",
    "source",
    "language",
    "input",
    "input_file",
    "kind",
    "url",
    "headline",
    "standfirst",
    "body",
    "paragraphs",
    "must_keep",
    "must_drop",
    "categories",
    "removed_nothing",
    "xfail",
}


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "input_file" in case:
        case["input"] = (path.parent / case["input_file"]).read_text(encoding="utf-8")
    return case


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*/*.json")):
        case = _load(path)
        name = f"{path.parent.name}/{path.stem}"
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
        params.append(pytest.param(path, id=name, marks=marks))
    return params


CASES = _cases()


def _fold(text: str) -> str:
    return " ".join(text.split())


def _run(case: dict[str, Any]) -> Any:
    if case.get("kind", "text") == "html":
        from cleanarticle import clean_html  # type: ignore[attr-defined]

        return clean_html(case["input"], url=case.get("url"))
    return clean_text(case["input"], url=case.get("url"))


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 30


# The schema holds for known failures too: only the behaviour tests carry xfail.
@pytest.mark.parametrize("path", [pytest.param(*p.values, id=p.id) for p in CASES])
def test_fixture_schema(path: Path) -> None:
    case = _load(path)
    assert set(case) <= KEYS | {"input"}, set(case) - KEYS
    assert case["comment"].strip() and case["source"].strip() and case["language"]
    assert "input" in case
    assert set(case.get("categories", [])) <= set(CATEGORIES)
    body = _fold(case["input"])
    for snippet in case.get("must_keep", []) + case.get("must_drop", []):
        assert _fold(snippet) in body, f"snippet not in input: {snippet!r}"


@pytest.mark.parametrize("path", CASES)
def test_fixture(path: Path) -> None:
    case = _load(path)
    result = _run(case)
    body = _fold(result.body)
    if "headline" in case:
        assert result.headline == case["headline"]
    if "standfirst" in case:
        assert result.standfirst == case["standfirst"]
    if "body" in case:
        assert result.body == case["body"]
    if "paragraphs" in case:
        assert len(result.paragraphs) == case["paragraphs"]
    missing = [s for s in case.get("must_keep", []) if _fold(s) not in body]
    assert not missing, f"lost article text: {missing}"
    leaked = [s for s in case.get("must_drop", []) if _fold(s) in body]
    assert not leaked, f"boilerplate left in body: {leaked}"
    found = {r.category for r in result.removals if r.rule not in HEADER_RULES}
    assert set(case.get("categories", [])) <= found
    if case.get("removed_nothing"):
        assert [r for r in result.removals if r.rule not in HEADER_RULES] == []


@pytest.mark.parametrize("path", [p for p in CASES if not p.marks])
def test_fixture_invariants(path: Path) -> None:
    case = _load(path)
    if case.get("kind", "text") == "html":
        result = _run(case)
        assert result.extracted_text is not None
        check_invariants(result.extracted_text, result)
    else:
        check_invariants(case["input"], _run(case))
