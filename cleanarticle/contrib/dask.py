"""Clean Dask bags of records and text columns of Dask data frames.

Both build a lazy graph from ``cleanarticle.records``; run it on any scheduler: threads,
a ``LocalCluster`` or a multi-machine cluster (``Client("tcp://scheduler:8786")``), as
docs/pipelines.md shows. Cleaning is CPU-bound Python, so use processes
(``LocalCluster(processes=True)`` or ``dask-worker --nthreads 1``), not threads.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from ..config import CleanConfig
from ..extras import require
from ..records import ERROR_FIELD, ROW_COLUMNS, clean_records, clean_rows

_pd = require("pandas", "dask")
require("dask.bag", "dask")
require("dask.dataframe", "dask")

#: pandas dtypes of the new columns: nullable strings and a nullable count (missing
#: values are ``pd.NA``), which Parquet and Arrow store as they are.
_DTYPES = {name: "string" for name in (*ROW_COLUMNS, ERROR_FIELD)} | {"removed": "Int64"}


def clean_bag(
    bag: Any,
    *,
    text_field: str | None = "text",
    html_field: str | None = None,
    url_field: str | None = None,
    config: CleanConfig | None = None,
    output_field: str = "cleanarticle",
) -> Any:
    """A bag of the records of ``bag``, each with its result under ``output_field``.

    ``bag`` holds mappings (for example from ``dask.bag.read_text(...).map(json.loads)``).
    Each output record is a copy of the input record plus ``output_field``:
    ``result_record(result)``, or ``{"error": reason}`` for a record that could not
    be cleaned (nothing is dropped). See ``cleanarticle.records.clean_records``.
    """
    return bag.map_partitions(
        functools.partial(
            _clean_partition,
            text_field=text_field,
            html_field=html_field,
            url_field=url_field,
            config=config,
            output_field=output_field,
        )
    )


def _clean_partition(records: Iterable[Any], **options: Any) -> list[dict[str, Any]]:
    return list(clean_records(records, **options))


def clean_dataframe_column(
    ddf: Any,
    column: str,
    *,
    html: bool = False,
    url_column: str | None = None,
    config: CleanConfig | None = None,
    prefix: str = "",
) -> Any:
    """``ddf`` with new columns from cleaning ``column`` (text, or HTML if ``html``).

    New columns, each named ``prefix + name``: ``headline``, ``standfirst``, ``body``,
    ``language``, ``categories`` (removed categories, comma-separated), ``removed``
    (number of removals) and ``error`` (why a row failed, else missing). Strings
    are pandas ``string`` columns and ``removed`` is ``Int64``; a row that failed has
    ``pd.NA`` in all but ``error``.

    Raises:
        ValueError: a new column's name is already taken (pass a ``prefix``).
    """
    names = [prefix + name for name in (*ROW_COLUMNS, ERROR_FIELD)]
    taken = sorted(set(names) & set(ddf.columns))
    if taken:
        raise ValueError(f"columns already exist: {', '.join(taken)}; pass prefix=")
    meta = ddf._meta.assign(
        **{prefix + name: _pd.Series(dtype=dtype) for name, dtype in _DTYPES.items()}
    )
    return ddf.map_partitions(
        clean_frame,
        column,
        html=html,
        url_column=url_column,
        config=config,
        prefix=prefix,
        meta=meta,
    )


def clean_frame(
    frame: Any,
    column: str,
    *,
    html: bool = False,
    url_column: str | None = None,
    config: CleanConfig | None = None,
    prefix: str = "",
) -> Any:
    """The pandas step of ``clean_dataframe_column``: a copy of ``frame`` with the new
    columns (``frame`` itself is not changed)."""
    urls = frame[url_column].tolist() if url_column else [None] * len(frame)
    url_key = "\0url"  # not a column name, so it cannot collide with ``column``
    records = ({column: v, url_key: u} for v, u in zip(frame[column].tolist(), urls, strict=True))
    rows = list(
        clean_rows(
            records,
            text_field=None if html else column,
            html_field=column if html else None,
            url_field=url_key,
            config=config,
            prefix=prefix,
        )
    )
    out = frame.copy()
    for name, dtype in _DTYPES.items():
        key = prefix + name
        out[key] = _pd.Series([row[key] for row in rows], index=frame.index, dtype=dtype)
    return out
