"""``cleanarticle.contrib.dask`` on a real two-process ``LocalCluster``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from cleanarticle import CleanConfig, clean_text  # noqa: E402
from cleanarticle.contrib.dask import clean_bag, clean_dataframe_column, clean_frame  # noqa: E402
from cleanarticle.extras import MissingExtraError  # noqa: E402
from cleanarticle.records import result_record, result_row  # noqa: E402

STORY = (
    "Storm hits the coast tonight\n"
    "Waves broke over the harbour wall as the storm reached the town on {day}.\n"
    "Advertisement\n"
    "Residents were told to stay indoors until the wind dropped in the evening.\n"
    "Share on Facebook\n"
)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two worker processes of one thread each: the shape of a real deployment."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_bag_of_records_on_a_cluster(client: Any) -> None:
    records = [{"id": i, "text": STORY.format(day=day)} for i, day in enumerate(DAYS)]
    records.append({"id": 99, "html": None})
    bag = db.from_sequence(records, npartitions=3)
    out = clean_bag(bag, config=CleanConfig(keep=frozenset({"advertising"}))).compute()
    assert [r["id"] for r in out] == [*range(len(DAYS)), 99]
    keep = CleanConfig(keep=frozenset({"advertising"}))
    for record, result in zip(records, out, strict=False):
        if "text" in record:
            assert result["cleanarticle"] == result_record(clean_text(record["text"], config=keep))
            assert result["text"] == record["text"]
    assert out[-1]["cleanarticle"] == {"error": "missing field 'text'"}
    assert len(client.scheduler_info()["workers"]) == 2


def test_dataframe_column_on_a_cluster(client: Any) -> None:
    texts = [STORY.format(day=day) for day in DAYS] + [None]
    frame = pd.DataFrame({"page": texts, "n": range(len(texts))})
    ddf = dd.from_pandas(frame, npartitions=2)
    cleaned = clean_dataframe_column(ddf, "page")
    assert list(cleaned.columns) == [
        "page", "n", "headline", "standfirst", "body", "language", "removed", "categories",
        "error",
    ]  # fmt: skip
    out = cleaned.compute()
    assert list(out["n"]) == list(range(len(texts)))
    for text, (_, row) in zip(texts[:-1], out.iloc[:-1].iterrows(), strict=True):
        expected = result_row(clean_text(text))
        got = {k: None if pd.isna(row[k]) else row[k] for k in expected}
        assert got == expected
        assert pd.isna(row["error"])
    last = out.iloc[-1]
    assert last["error"] == "field 'page' has no value"
    assert pd.isna(last["body"]) and pd.isna(last["removed"])
    assert str(out["body"].dtype) == "string" and str(out["removed"].dtype) == "Int64"
    assert "page" in frame.columns and "body" not in frame.columns  # input untouched


def test_prefix_and_taken_names() -> None:
    frame = pd.DataFrame({"body": [STORY.format(day="Monday")]})
    with pytest.raises(ValueError, match="columns already exist: body"):
        clean_dataframe_column(dd.from_pandas(frame, npartitions=1), "body")
    out = clean_frame(frame, "body", prefix="clean_")
    assert out.loc[0, "clean_body"] == clean_text(frame.loc[0, "body"]).body
    assert "clean_error" in out.columns


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    monkeypatch.delitem(sys.modules, "cleanarticle.contrib.dask")
    with pytest.raises(MissingExtraError, match=r"pip install 'cleanarticle\[dask\]'"):
        importlib.import_module("cleanarticle.contrib.dask")
