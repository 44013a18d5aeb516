"""Scoring functions for the cleanarticle benchmark: pure, corpus-free, dependency-free.

Body precision/recall/F1 follow scrapinghub/article-extraction-benchmark (``evaluate.py``):
texts are tokenised as ``\\w+`` matches, tokens are grouped into shingles of four, each
document gets TP/FP/FN counts over the two shingle multisets, normalised to sum to one so
that long documents weigh no more than short ones, and precision and recall are averaged
over documents before F1 is taken from the two means.

Snippet accuracy (trafilatura evaluation pages) and title accuracy compare folded strings:
case, whitespace runs and quote characters are made uniform first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Shingle size used by article-extraction-benchmark.
SHINGLE_SIZE = 4

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_WS_RE = re.compile(r"\s+", re.UNICODE)
_QUOTES = "‘’‚‛“”„‟«»‹›'\"`´"
_QUOTE_TABLE = str.maketrans(dict.fromkeys(_QUOTES, '"'))


@dataclass(frozen=True, slots=True)
class Counts:
    """Normalised true-positive, false-positive and false-negative shares of one document."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class BodyScores:
    """Mean precision and recall over documents, and F1 of the two means."""

    precision: float
    recall: float
    f1: float
    documents: int


def tokenize(text: str | None) -> list[str]:
    """Split ``text`` into ``\\w+`` tokens (Unicode word characters); ``None`` gives none.

    Tokens keep their case, as in the benchmark.
    """
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of ``size``-token shingles of ``text``.

    As in the benchmark, a text with fewer than ``size`` tokens (but at least one) yields
    a single shingle made of all its tokens; an empty text yields none.

    >>> sorted(shingles("a b c d e"))
    ['a b c d', 'b c d e']
    >>> shingles("a b")
    Counter({'a b': 1})
    """
    tokens = tokenize(text)
    grams = (" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_counts(gold: str | None, predicted: str | None) -> Counts:
    """TP/FP/FN of ``predicted`` against ``gold`` over shingle multisets, normalised.

    The three counts are divided by their sum so each document has equal weight; when
    both texts are empty all three are zero.
    """
    true = shingles(gold)
    pred = shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return Counts(0.0, 0.0, 0.0)
    return Counts(tp / total, fp / total, fn / total)


def document_precision(counts: Counts) -> float | None:
    """Precision of one document, or ``None`` when it is undefined (empty prediction).

    A document with neither false positives nor false negatives (identical texts, or both
    empty) scores 1.
    """
    if counts.fp == 0 and counts.fn == 0:
        return 1.0
    if counts.tp + counts.fp > 0:
        return counts.tp / (counts.tp + counts.fp)
    return None


def document_recall(counts: Counts) -> float | None:
    """Recall of one document, or ``None`` when it is undefined (empty gold).

    A document with neither false positives nor false negatives scores 1.
    """
    if counts.fp == 0 and counts.fn == 0:
        return 1.0
    if counts.tp + counts.fn > 0:
        return counts.tp / (counts.tp + counts.fn)
    return None


def _mean(values: Iterable[float | None]) -> float:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of ``precision`` and ``recall`` (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def body_scores(documents: Sequence[Counts]) -> BodyScores:
    """Benchmark P/R/F1 over ``documents``.

    Precision is averaged over documents where it is defined, recall likewise, and F1 is
    computed from the two means. A mean over no defined values is 0 (so no documents, or
    only empty predictions, give a precision of 0).
    """
    precision = _mean(document_precision(c) for c in documents)
    recall = _mean(document_recall(c) for c in documents)
    return BodyScores(precision, recall, f1_score(precision, recall), len(documents))


def fold(text: str) -> str:
    """Fold ``text`` for lenient comparison.

    NFC-normalises, maps every quote character (‘’‚‛“”„‟«»‹›'"`´) to ``"``, lowercases
    with ``casefold`` and collapses whitespace runs to one space, trimming both ends.
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_TABLE).casefold()
    return _WS_RE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class SnippetHits:
    """Snippet outcome of one page: correct ``with``/``without`` decisions and totals."""

    with_found: int
    with_total: int
    without_absent: int
    without_total: int

    @property
    def correct(self) -> int:
        """Snippets handled correctly: present ``with`` plus absent ``without`` ones."""
        return self.with_found + self.without_absent

    @property
    def total(self) -> int:
        """All scored snippets of the page."""
        return self.with_total + self.without_total


def snippet_hits(body: str | None, with_: Sequence[str], without: Sequence[str]) -> SnippetHits:
    """Check which ``with`` snippets occur in ``body`` and which ``without`` ones do not.

    Comparison is on folded strings (see :func:`fold`); snippets that fold to nothing are
    ignored.
    """
    folded_body = fold(body or "")
    wanted = [s for s in map(fold, with_) if s]
    unwanted = [s for s in map(fold, without) if s]
    found = sum(1 for s in wanted if s in folded_body)
    absent = sum(1 for s in unwanted if s not in folded_body)
    return SnippetHits(found, len(wanted), absent, len(unwanted))


def snippet_failures(
    body: str | None, with_: Sequence[str], without: Sequence[str]
) -> tuple[list[str], list[str]]:
    """The ``with`` snippets missing from ``body`` and the ``without`` ones present in it.

    Same folding as :func:`snippet_hits`; the snippets are returned as given.
    """
    folded_body = fold(body or "")
    missed = [s for s in with_ if fold(s) and fold(s) not in folded_body]
    leaked = [s for s in without if fold(s) and fold(s) in folded_body]
    return missed, leaked


def snippet_accuracy(pages: Iterable[SnippetHits]) -> float:
    """Share of all snippets, pooled over ``pages``, that were handled correctly (0 if none)."""
    correct = total = 0
    for hits in pages:
        correct += hits.correct
        total += hits.total
    return correct / total if total else 0.0


def title_match(predicted: str | None, gold: str) -> bool:
    """Whether ``predicted`` equals ``gold`` after folding; ``None`` never matches."""
    return predicted is not None and fold(predicted) == fold(gold)


def title_accuracy(pairs: Iterable[tuple[str | None, str]]) -> float:
    """Share of ``(predicted, gold)`` pairs whose titles match (0 if there are none)."""
    results = [title_match(pred, gold) for pred, gold in pairs]
    return sum(results) / len(results) if results else 0.0
