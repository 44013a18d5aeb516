"""Checks of bench/metrics.py on hand-made examples (no corpus needed)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import metrics  # noqa: E402


def test_tokenize_uses_unicode_word_runs() -> None:
    assert metrics.tokenize("Hello, wörld! 42 straße_x") == ["Hello", "wörld", "42", "straße_x"]
    assert metrics.tokenize(None) == []


def test_shingles_are_four_token_windows() -> None:
    assert metrics.shingles("a b c d e") == Counter({"a b c d": 1, "b c d e": 1})
    assert metrics.shingles("a b c d a b c d") == Counter(
        {"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}
    )


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert metrics.shingles("a, b!") == Counter({"a b": 1})
    assert metrics.shingles(" ... ") == Counter()
    assert metrics.shingles(None) == Counter()


def test_counts_are_normalised_per_document() -> None:
    counts = metrics.shingle_counts("a b c d e f", "a b c d e x")
    assert counts == metrics.Counts(0.5, 0.25, 0.25)
    assert metrics.document_precision(counts) == pytest.approx(2 / 3)
    assert metrics.document_recall(counts) == pytest.approx(2 / 3)


def test_counts_use_multisets() -> None:
    counts = metrics.shingle_counts("a b c d a b c d", "a b c d")
    assert counts == metrics.Counts(0.2, 0.0, 0.8)
    assert metrics.document_precision(counts) == 1.0
    assert metrics.document_recall(counts) == pytest.approx(0.2)


def test_identical_and_empty_documents() -> None:
    same = metrics.shingle_counts("One two three four five.", "One two, three four five")
    assert metrics.document_precision(same) == metrics.document_recall(same) == 1.0
    # Tokens keep their case, as in the benchmark.
    assert metrics.shingle_counts("One two", "one two") == metrics.Counts(0.0, 0.5, 0.5)
    both_empty = metrics.shingle_counts("", "")
    assert both_empty == metrics.Counts(0.0, 0.0, 0.0)
    assert metrics.document_precision(both_empty) == metrics.document_recall(both_empty) == 1.0


def test_empty_prediction_has_no_precision_and_zero_recall() -> None:
    counts = metrics.shingle_counts("some gold text here", "")
    assert metrics.document_precision(counts) is None
    assert metrics.document_recall(counts) == 0.0
    spurious = metrics.shingle_counts("", "invented text")
    assert metrics.document_precision(spurious) == 0.0
    assert metrics.document_recall(spurious) is None


def test_body_scores_average_documents_then_take_f1() -> None:
    perfect = metrics.shingle_counts("a b c d e", "a b c d e")
    missing = metrics.shingle_counts("a b c d e", "")
    half = metrics.shingle_counts("a b c d e f", "a b c d e x")
    scores = metrics.body_scores([perfect, missing, half])
    assert scores.precision == pytest.approx((1 + 2 / 3) / 2)
    assert scores.recall == pytest.approx((1 + 0 + 2 / 3) / 3)
    p, r = scores.precision, scores.recall
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
    assert scores.documents == 3
    assert metrics.body_scores([]) == metrics.BodyScores(0.0, 0.0, 0.0, 0)


def test_f1_of_zeros_is_zero() -> None:
    assert metrics.f1_score(0.0, 0.0) == 0.0
    assert metrics.f1_score(1.0, 0.5) == pytest.approx(2 / 3)


def test_fold_unifies_case_quotes_and_whitespace() -> None:
    assert metrics.fold("  “Hello”\n\t World’s «x» ") == '"hello" world"s "x"'
    assert metrics.fold("A\u00a0B") == "a b"


def test_snippet_hits_and_pooled_accuracy() -> None:
    body = "The “quick” brown fox.\n\nJumps over"
    hits = metrics.snippet_hits(
        body,
        with_=['the "QUICK"  brown', "jumps over the dog"],
        without=["Share this", "FOX.", "   "],
    )
    assert hits == metrics.SnippetHits(1, 2, 1, 2)
    assert (hits.correct, hits.total) == (2, 4)
    other = metrics.SnippetHits(2, 2, 0, 0)
    assert metrics.snippet_accuracy([hits, other]) == pytest.approx(4 / 6)
    assert metrics.snippet_accuracy([]) == 0.0


def test_snippet_failures_name_the_snippets() -> None:
    missed, leaked = metrics.snippet_failures(
        "Kept text. Share this", ["kept  TEXT", "lost"], ["share this"]
    )
    assert (missed, leaked) == (["lost"], ["share this"])


def test_title_match_folds_and_rejects_none() -> None:
    assert metrics.title_match("  ‘Hello’   World ", "'hello' world")
    assert not metrics.title_match(None, "Hello")
    assert not metrics.title_match("Hello world - Site", "Hello world")
    assert metrics.title_accuracy([("A", "a"), (None, "b")]) == 0.5
    assert metrics.title_accuracy([]) == 0.0


def test_gate_skips_without_corpus(tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonl.gz"
    run = subprocess.run(
        [sys.executable, str(BENCH / "gate.py"), "--data", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "corpus not found, skipping" in run.stdout


def test_gate_floors_name_text_renderings_and_html(tmp_path: Path) -> None:
    import gate

    floors = tmp_path / "floors.toml"
    floors.write_text(
        "max_errors = 1\n[article_text.aeb]\nf1 = 0.9\n[html.title]\naccuracy = 0.8\n",
        encoding="utf-8",
    )
    loaded = gate.load_floors(floors)
    assert loaded.minimums == {"article_text": {"aeb_f1": 0.9}, "html": {"title_accuracy": 0.8}}
    assert loaded.max_errors == 1
    floors.write_text("[pdf.aeb]\nf1 = 0.9\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown rendering"):
        gate.load_floors(floors)


def test_the_gold_body_rendering_scores_the_pages_that_have_one() -> None:
    import peers
    import quality

    article = (
        "The council voted on Monday to close the bridge to lorries after engineers found "
        "cracks in two of its supporting piers during a routine inspection last month.\n"
        "Repairs are expected to take eight months, and buses will use a diversion through "
        "the town centre while the work goes on, the council said."
    )
    pages = [
        quality.Page("aeb/1", "aeb", {"gold_body": article}, gold_body=article, gold_title="T"),
        quality.Page("tfe/1", "tfe", {"gold_body": ""}, gold_title="T", with_=("bridge",)),
    ]
    systems = {"cleanarticle": peers.TEXT_PEERS["cleanarticle"]}
    results = quality.evaluate(pages, [quality.CLEAN_RENDERING], systems, workers=1)
    figures = results[quality.CLEAN_RENDERING]["cleanarticle"]
    assert figures["aeb_f1"] == 1.0  # the clean article comes out whole
    assert figures["tfe_snippet_accuracy"] is None  # the page without a gold body: not run
    assert figures["title_accuracy"] is None  # and a gold body has no headline to find
    assert quality.parse_args(["--renderings", "gold_body"]).renderings == ["gold_body"]
