"""``cleanarticle.records``: choosing the field, the two output shapes, nothing dropped."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path
from typing import Any

import pytest

from cleanarticle import CleanConfig, clean_text
from cleanarticle.extras import MissingExtraError, require
from cleanarticle.records import (
    ROW_COLUMNS,
    RecordError,
    clean_records,
    clean_rows,
    pick_content,
    result_record,
    result_row,
)
from cleanarticle.sink import completed_ids

STORY = (
    "Storm hits the coast tonight\n"
    "Waves broke over the harbour wall as the storm reached the town on Monday.\n"
    "Advertisement\n"
    "Residents were told to stay indoors until the wind dropped in the evening.\n"
)


@pytest.mark.parametrize(
    ("record", "fields", "expected"),
    [
        ({"text": "a"}, (None, None), ("text", "a")),
        ({"html": "<p>a</p>", "text": "a"}, ("text", "html"), ("html", "<p>a</p>")),
        ({"html": b"<p>a</p>"}, (None, "html"), ("html", b"<p>a</p>")),
        ({"html": None, "text": "a"}, ("text", "html"), ("text", "a")),
        ({"html": "", "text": "a"}, ("text", "html"), ("text", "a")),
    ],
    ids=["default-text", "html-first", "html-bytes", "html-none", "html-empty"],
)
def test_pick_content(
    record: dict[str, Any], fields: tuple[str | None, str | None], expected: tuple[str, Any]
) -> None:
    text_field, html_field = fields
    assert pick_content(record, text_field=text_field, html_field=html_field) == expected


@pytest.mark.parametrize(
    ("record", "fields", "message"),
    [
        ({}, ("text", None), "missing field 'text'"),
        ({"text": None}, ("text", None), "field 'text' has no value"),
        ({"text": float("nan")}, ("text", None), "field 'text' has no value"),
        ({"text": ["a"]}, ("text", None), "field 'text' holds list, not text (str)"),
        ({"html": 3, "text": "a"}, ("text", "html"), "field 'html' holds int, not HTML"),
        ({"html": ""}, (None, "html"), "field 'html' is empty"),
    ],
    ids=["missing", "none", "nan", "list", "html-int", "html-only-empty"],
)
def test_pick_content_refuses(
    record: dict[str, Any], fields: tuple[str | None, str | None], message: str
) -> None:
    text_field, html_field = fields
    with pytest.raises(RecordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pick_content(record, text_field=text_field, html_field=html_field)


def test_clean_records_keeps_every_record() -> None:
    records = [{"id": 1, "text": STORY}, {"id": 2}]
    out = list(clean_records(iter(records), config=CleanConfig(keep=frozenset({"advertising"}))))
    assert out[0]["cleanarticle"] == result_record(
        clean_text(STORY, config=CleanConfig(keep=frozenset({"advertising"})))
    )
    assert "paragraphs" not in out[0]["cleanarticle"]
    assert out[1] == {"id": 2, "cleanarticle": {"error": "missing field 'text'"}}
    assert records[1] == {"id": 2}  # inputs are not changed


def test_clean_rows_have_one_schema() -> None:
    rows = list(clean_rows([{"text": STORY}, {"text": 7}], prefix="c_"))
    assert set(rows[0]) == set(rows[1]) == {"text"} | {f"c_{n}" for n in (*ROW_COLUMNS, "error")}
    assert {k[2:]: v for k, v in rows[0].items() if k.startswith("c_")} == {
        **result_row(clean_text(STORY)),
        "error": None,
    }
    assert rows[1]["c_error"] == "field 'text' holds int, not text (str)"
    assert rows[1]["c_body"] is None


def test_unexpected_exception_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanarticle import records

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(records, "clean_content", broken)
    (row,) = clean_rows([{"text": STORY}])
    assert row["error"] == "internal error: ZeroDivisionError: a bug"


def test_require_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "warcio", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'cleanarticle\[warc\]'") as info:
        require("warcio", "warc")
    assert isinstance(info.value, ImportError)


def test_completed_ids_on_missing_and_partial_files(tmp_path: Path) -> None:
    assert completed_ids(tmp_path / "none.jsonl") == set()
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a", "body": ""}\n{"body": "x", "id": "b"}\n{"id": "c", "bo')
    assert completed_ids(out) == {"a", "b"}
    assert out.read_bytes().endswith(b'"b"}\n')
    out.write_bytes(b'{"id": "no newline at all"')
    assert completed_ids(out) == set() and out.read_bytes() == b""


@pytest.mark.parametrize(
    "module",
    ["records", "extras", "sources", "sink"],
)
def test_doctests(module: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(f"cleanarticle.{module}"))
    assert failures == 0
