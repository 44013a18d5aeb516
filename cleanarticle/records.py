"""Clean one field of a dict-like record: the shared step of batch, Scrapy, Dask and Spark.

Two output shapes:

- ``result_record(result)``: the full result as a JSON-ready dict (``to_dict()``
  without the ``paragraphs`` list, which repeats ``body``), for record pipelines.
- ``result_row(result)``: flat scalar columns (``ROW_COLUMNS``), for data frames and
  Spark, where a list of removal dicts would not fit a column type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from .clean import clean_text
from .config import CleanConfig
from .errors import CleanArticleError
from .extras import MissingExtraError
from .result import CleanResult

#: The columns ``result_row`` returns, in order (plus ``error`` from ``clean_rows``).
ROW_COLUMNS: Final = ("headline", "standfirst", "body", "language", "removed", "categories")
#: Where ``clean_rows`` and ``clean_records`` put the reason a record failed.
ERROR_FIELD: Final = "error"


class RecordError(CleanArticleError):
    """A record lacks the field to clean, or the field holds no text."""


def pick_content(
    record: Mapping[str, Any], *, text_field: str | None, html_field: str | None
) -> tuple[str, str | bytes]:
    """Choose what to clean in ``record``: ``("html", value)`` or ``("text", value)``.

    The HTML field is used when it is named and present (not ``None`` or empty), else
    the text field. With neither field named, the text field is ``"text"``.

    Raises:
        RecordError: no named field holds a ``str`` (or, for HTML, ``bytes``).

    >>> pick_content({"html": "", "text": "Hi"}, text_field="text", html_field="html")
    ('text', 'Hi')
    """
    if text_field is None and html_field is None:
        text_field = "text"
    if html_field is not None:
        value = record.get(html_field)
        if isinstance(value, str | bytes) and value:
            return "html", value
        if value not in (None, "", b"") or text_field is None:
            raise RecordError(_field_problem(record, html_field, "HTML (str or bytes)"))
    assert text_field is not None
    value = record.get(text_field)
    if isinstance(value, str):
        return "text", value
    raise RecordError(_field_problem(record, text_field, "text (str)"))


def _field_problem(record: Mapping[str, Any], field: str, want: str) -> str:
    if field not in record:
        return f"missing field {field!r}"
    value = record[field]
    if value is None or type(value).__name__ == "NAType" or _is_nan(value):  # pd.NA, NaN
        return f"field {field!r} has no value"
    if isinstance(value, str | bytes) and not value:
        return f"field {field!r} is empty"
    return f"field {field!r} holds {type(value).__name__}, not {want}"


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value


def clean_content(
    kind: str, content: str | bytes, *, url: str | None = None, config: CleanConfig | None = None
) -> CleanResult:
    """``clean_html`` for ``kind == "html"``, else ``clean_text``.

    Raises:
        MissingExtraError: HTML input, and this installation has no HTML support.
        CleanArticleError: whatever the cleaner raises (size limit, rule file, timeout).
        TypeError: text input that is not a ``str``.
    """
    if kind == "html":
        try:
            from .html import clean_html
        except ImportError as err:  # the HTML adapter is a separate module
            raise MissingExtraError(
                "this installation of cleanarticle cannot clean HTML (cleanarticle.html "
                f"failed to import: {err})"
            ) from err
        return clean_html(content, url=url, config=config)
    if not isinstance(content, str):
        raise TypeError("text content must be str")
    return clean_text(content, url=url, config=config)


def clean_record(
    record: Mapping[str, Any],
    *,
    text_field: str | None = "text",
    html_field: str | None = None,
    url_field: str | None = None,
    config: CleanConfig | None = None,
) -> CleanResult:
    """Clean the text (or HTML) field of ``record``.

    Args:
        record: any mapping, for example one parsed JSON line.
        text_field: the field that holds scraped text.
        html_field: the field that holds HTML; used instead of ``text_field`` when present.
        url_field: the field that holds the page's address, if any.
        config: options; ``CleanConfig()`` by default.

    Raises:
        RecordError: the record has no usable field.
        CleanArticleError: the cleaner refused the content.
    """
    kind, content = pick_content(record, text_field=text_field, html_field=html_field)
    url = record.get(url_field) if url_field else None
    return clean_content(
        kind, content, url=url if isinstance(url, str) and url else None, config=config
    )


def failure_reason(err: BaseException) -> str:
    """The one-line reason a record failed: the message of a ``CleanArticleError``,
    the exception type and message of anything else (a bug to report).

    >>> failure_reason(RecordError("missing field 'text'"))
    "missing field 'text'"
    >>> failure_reason(ValueError("boom"))
    'internal error: ValueError: boom'
    """
    if isinstance(err, CleanArticleError):
        return str(err)
    return f"internal error: {type(err).__name__}: {err}"


def result_record(result: CleanResult) -> dict[str, Any]:
    """The full result as a JSON-ready dict: ``to_dict()`` less ``paragraphs``."""
    data = result.to_dict()
    del data["paragraphs"]
    return data


def result_row(result: CleanResult) -> dict[str, Any]:
    """Flat scalar columns (``ROW_COLUMNS``): ``removed`` counts removals and
    ``categories`` lists their categories, comma-separated in vocabulary order."""
    return {
        "headline": result.headline,
        "standfirst": result.standfirst,
        "body": result.body,
        "language": result.language,
        "removed": len(result.removals),
        "categories": ",".join(result.category_counts()),
    }


def clean_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_field: str | None = "text",
    html_field: str | None = None,
    url_field: str | None = None,
    config: CleanConfig | None = None,
    output_field: str = "cleanarticle",
) -> Iterator[dict[str, Any]]:
    """Yield each record with ``result_record`` under ``output_field``.

    A record that cannot be cleaned is yielded too, with ``{"error": reason}`` under
    ``output_field``: nothing is dropped.
    """
    for record in records:
        out = dict(record)
        try:
            result = clean_record(
                record,
                text_field=text_field,
                html_field=html_field,
                url_field=url_field,
                config=config,
            )
        except Exception as err:  # one bad page must not end a long job
            out[output_field] = {ERROR_FIELD: failure_reason(err)}
        else:
            out[output_field] = result_record(result)
        yield out


def clean_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    text_field: str | None = "text",
    html_field: str | None = None,
    url_field: str | None = None,
    config: CleanConfig | None = None,
    prefix: str = "",
) -> Iterator[dict[str, Any]]:
    """Yield each row extended with the ``ROW_COLUMNS`` and ``error`` (names prefixed).

    Every row gets every column, so the output has one schema: a row that cannot be
    cleaned has ``None`` in the result columns and the reason in ``error``.
    This is a ready ``mapPartitions`` function for Spark (see docs/pipelines.md).
    """
    empty = {prefix + name: None for name in (*ROW_COLUMNS, ERROR_FIELD)}
    for row in rows:
        out = dict(row)
        try:
            result = clean_record(
                row,
                text_field=text_field,
                html_field=html_field,
                url_field=url_field,
                config=config,
            )
        except Exception as err:  # one bad page must not end a long job
            out.update(empty)
            out[prefix + ERROR_FIELD] = failure_reason(err)
        else:
            out.update({prefix + k: v for k, v in result_row(result).items()})
            out[prefix + ERROR_FIELD] = None
        yield out
