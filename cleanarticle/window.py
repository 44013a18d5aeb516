"""The article window: block scores, the best run of blocks, and what lies outside it.

Also the test for page chrome around the article (``has_chrome``), the trim that
keeps cleaning idempotent, and the guard that gives paragraphs back when the
window's inference would leave almost nothing.
"""

from __future__ import annotations

import array
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, overload

from .classify import Decision, Decisions, is_prose, removed
from .context import DOUBLED_LINE_RULE
from .features import (
    LineFeatures,
    TextMeasure,
    best_window,
    is_chrome,
    line_score,
    run_scaled,
    widened,
)
from .segment import Segmentation

#: The article going on after a box of chrome (see ``continuation``).
CONTINUATION_GAP_UNITS: Final = 80
CONTINUATION_MIN_PROSE: Final = 3
#: A page's last prose is its legal footer or cookie notice, not the article's end.
CONTINUATION_TAIL_UNITS: Final = 10
CONTINUATION_PROSE_WORDS: Final = 30
CONTINUATION_SHARE: Final = 0.3
#: The over-removal guard fires when the context pass removed at least this many
#: article-like paragraphs and the body keeps under this share of their length.
GUARD_MIN_PARAGRAPHS: Final = 3
GUARD_KEPT_SHARE: Final = 0.2
#: Blocks of chrome in a row that show a text still has its page around it
#: (``has_chrome``): a menu, a share strip, a teaser list. Fewer are an article's
#: own labels ("Foto: dpa" over a subheading).
CHROME_RUN_BLOCKS: Final = 3


class Blocks(Sequence[range]):
    """Line ranges of the text's blocks, held as the blocks' first lines.

    A list of ``range`` objects cost as much memory as the text itself; the blocks
    tile the lines, so their starts (and the line count) say the same in a few
    bytes each. Slicing gives ``Blocks``; an item is the block's line range.
    """

    __slots__ = ("_bounds",)

    def __init__(self, bounds: array.array[int]) -> None:
        #: Every block's first line, then the line count.
        self._bounds = bounds

    def __len__(self) -> int:
        return len(self._bounds) - 1

    @overload
    def __getitem__(self, index: int) -> range: ...

    @overload
    def __getitem__(self, index: slice) -> Blocks: ...

    def __getitem__(self, index: int | slice) -> range | Blocks:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("Blocks slices take no step")
            return Blocks(self._bounds[start : max(start, stop) + 1])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("block index out of range")
        return range(self._bounds[index], self._bounds[index + 1])

    def __iter__(self) -> Iterator[range]:
        bounds = self._bounds
        return map(range, bounds, itertools.islice(bounds, 1, None))


def blocks(seg: Segmentation) -> Blocks:
    """Line ranges of the text's blocks: a line and the hard-wrapped lines after it."""
    lines = seg.lines
    bounds = array.array("q", (k for k in range(len(lines)) if not lines[k].wrapped or k == 0))
    bounds.append(len(lines))
    return Blocks(bounds)


@dataclass(frozen=True, slots=True)
class BlockScores:
    """The text's blocks (line ranges, see ``blocks``) and their run-scaled scores."""

    groups: Blocks
    scores: array.array[float]
    #: Per block: its features, None when a rule removed it.
    features: list[LineFeatures | None]


def score_blocks(seg: Segmentation, decisions: Decisions, measure: TextMeasure) -> BlockScores:
    """Score every block once, for the article window and its continuation."""
    groups = blocks(seg)
    lines = seg.lines
    scores = array.array("d")
    features: list[LineFeatures | None] = []
    for group in groups:
        if len(group) == 1:
            line = lines[group.start]
            text = line.text
            removed = all(decisions[i] is not None for i in range(line.first, line.last))
        else:
            chosen = [lines[k] for k in group]
            text = " ".join(line.text for line in chosen)
            removed = all(decisions[i] is not None for line in chosen for i in line.units)
        found = measure.features(text)
        scores.append(line_score(found, removed))
        features.append(None if removed else found)
    return BlockScores(groups, run_scaled(scores), features)


def article_window(seg: Segmentation, scored: BlockScores) -> tuple[int, int]:
    """The unit range of the article: the best-scoring run of blocks."""
    groups = scored.groups
    start, end = best_window(scored.scores)
    if start == end:
        return 0, 0
    lines = seg.lines

    def text(k: int) -> str:
        return " ".join(lines[i].text for i in groups[k])

    start, end = widened(scored.features, start, end, text)
    return seg.lines[groups[start].start].first, seg.lines[groups[end - 1].stop - 1].last


def continuation(
    seg: Segmentation, scored: BlockScores, measure: TextMeasure, window: tuple[int, int]
) -> range:
    """Units of the article that go on after a box of chrome inside it, if any.

    A gallery or share widget in the middle of a story is a long run of short lines
    that the window does not bridge. What follows it is the article's end when it
    is paragraphs of reporting (CONTINUATION_MIN_PROSE of CONTINUATION_PROSE_WORDS
    words or more) that score at least CONTINUATION_SHARE of the window, within
    CONTINUATION_GAP_UNITS units of it, and the page goes on after them; teaser
    boxes (a title line, a one-sentence blurb) and footers do not pass.
    """
    groups, scores = scored.groups, scored.scores
    first_after = next(
        (k for k, g in enumerate(groups) if seg.lines[g.start].first >= window[1]), len(groups)
    )
    inside = sum(
        score
        for k, score in enumerate(scores)
        if window[0] <= seg.lines[groups[k].start].first < window[1]
    )
    start, end = best_window(scores[first_after:])
    if start == end:
        return range(0)
    start, end = start + first_after, end + first_after
    first_unit = seg.lines[groups[start].start].first
    prose = 0
    for group in groups[start:end]:
        text = " ".join(seg.lines[k].text for k in group)
        if measure.features(text).prose and measure.words(text) >= CONTINUATION_PROSE_WORDS:
            prose += 1
    last_unit = seg.lines[groups[end - 1].stop - 1].last
    if (
        first_unit - window[1] > CONTINUATION_GAP_UNITS
        or len(seg.units) - last_unit < CONTINUATION_TAIL_UNITS
        or prose < CONTINUATION_MIN_PROSE
        or sum(scores[start:end]) < CONTINUATION_SHARE * inside
    ):
        return range(0)
    return range(first_unit, last_unit)


def apply_window(
    seg: Segmentation,
    decisions: Decisions,
    window: tuple[int, int],
    protected: frozenset[int],
    measure: TextMeasure,
    lead_in: range = range(0),
    more: range = range(0),
) -> None:
    """Remove the page chrome outside the article window (header units excepted).

    Inside ``lead_in`` (the stretch between the headline and the scored window),
    only units that score as prose are kept: bylines, image labels, share strips
    and fragments go. Keeping nothing that scores below zero keeps cleaning
    idempotent: on the cleaned body the window spans these units on its own.
    """
    start, end = window
    if start == end:
        return  # nothing looks like an article: leave the rules' verdict alone
    for index, unit in enumerate(seg.units):
        if decisions[index] is not None or index in protected:
            continue
        if index in lead_in:
            if line_score(measure.features(unit.text), False) <= 0:
                decisions[index] = _outside(unit.text, "before", measure)
            continue
        if start <= index < end or index in more:
            continue
        decisions[index] = _outside(unit.text, "before" if index < start else "after", measure)


def _outside(text: str, where: str, measure: TextMeasure) -> Decision:
    """The decision on a unit outside the article: prose is "other" (a teaser's
    text, a sidebar's story), the rest "navigation" (menus, labels, links).

    Every context step that cuts outside the article files a unit the same way,
    so that ``CleanConfig.keep`` keeps the same units whichever step cut them
    (on the body cleaned again, another step may be the one that cuts).
    """
    return _OUTSIDE[where, is_prose(text, measure)]


#: The decisions ``_outside`` gives, made once: a page of a million short lines
#: outside the article took 8 MB of them, one a unit.
_OUTSIDE: Final = {
    (where, prose): Decision("other" if prose else "navigation", f"context.{where}-article")
    for where in ("before", "after")
    for prose in (False, True)
}


def trim_to_window(
    seg: Segmentation,
    decisions: Decisions,
    measure: TextMeasure,
    header: frozenset[int],
    keep: frozenset[str],
) -> None:
    """Cut kept units at the edges that a clean of the body would cut again.

    The cleaned body has lost its removed lines and its hard wraps (paragraphs are
    joined by blank lines), so its article window can be narrower than the one
    that produced it. Scoring what is kept, one paragraph at a time as the body
    presents it, and cutting outside that window makes cleaning idempotent.
    """
    paragraphs = [item for item in _body_items(seg, decisions, header, keep) if item is not None]
    scores = []
    features: list[LineFeatures | None] = []
    for group in paragraphs:
        text = _joined(seg, group)
        found = measure.features(text)
        features.append(found)
        scores.append(line_score(found, False))
    start, end = best_window(run_scaled(scores))
    if start == end:
        return
    start, end = widened(features, start, end, lambda k: _joined(seg, paragraphs[k]))
    for position, group in enumerate(paragraphs):
        if start <= position < end:
            continue
        where = "before" if position < start else "after"
        for index in group:
            decisions[index] = _outside(seg.units[index].text, where, measure)


def has_chrome(
    seg: Segmentation,
    decisions: Decisions,
    header: frozenset[int],
    measure: TextMeasure,
    keep: frozenset[str],
) -> bool:
    """Whether the text still has page chrome around the article: at least
    ``CHROME_RUN_BLOCKS`` removed units or chrome-scoring paragraphs (menu items,
    labels, teaser titles) in a row, header units left out.

    Text without such a run is an article already cut out of its page, by an
    extractor or by hand: its short lines are subheadings, captions and fact boxes,
    and the article window would only cut into it. On the dev corpus' trafilatura
    renderings, leaving the window off there gets 25 tfe snippets more right and 7
    fewer (3 fewer on the scraped renderings), and F1 rises on aeb (0.953 to 0.954)
    and mozr (0.916 to 0.920); clean_html turns the window off after an extractor
    for the same reason.

    The paragraphs are the body's as a clean of it sees them (``_body_items``),
    and removed units only lengthen runs: a body cleaned again, with fewer units,
    has no longer run, so a text without chrome gives a body without chrome.
    """
    run = 0
    for item in _body_items(seg, decisions, header, keep):
        chrome = item is None or is_chrome(line_score(measure.features(_joined(seg, item)), False))
        run = run + 1 if chrome else 0
        if run >= CHROME_RUN_BLOCKS:
            return True
    return False


def _body_items(
    seg: Segmentation, decisions: Decisions, header: frozenset[int], keep: frozenset[str]
) -> Iterator[list[int] | None]:
    """The text as its body will read, in order: each paragraph (adjacent kept
    units of one line, header units left out; a hard-wrapped line kept whole goes
    on the paragraph that ends its line above, as ``clean._build_result`` joins
    them) as its unit indices, and ``None`` for each removed unit. A unit decided
    in a category of ``keep`` stays in the body (``CleanConfig.keep``), so it is
    read as kept."""
    units, lines = seg.units, seg.lines
    paragraph: list[int] = []
    for index, unit in enumerate(units):
        if index in header:
            continue
        if removed(decisions[index], keep):
            if paragraph:
                yield paragraph
                paragraph = []
            yield None
            continue
        if paragraph and (unit.line != units[paragraph[-1]].line or paragraph[-1] != index - 1):
            previous = units[paragraph[-1]]
            line = lines[unit.line]
            if (
                paragraph[-1] == index - 1
                and line.wrapped
                and line.first == index
                and lines[previous.line].last == index
            ):
                paragraph.append(index)  # a hard wrap: the paragraph goes on
                continue
            yield paragraph
            paragraph = []
        paragraph.append(index)
    if paragraph:
        yield paragraph


def _joined(seg: Segmentation, group: list[int]) -> str:
    """The text of a ``_body_items`` paragraph; the lines of a hard-wrapped one are
    joined by a space, as ``blocks`` joins them for scoring."""
    if len(group) == 1:
        return seg.units[group[0]].text
    first, last = seg.units[group[0]], seg.units[group[-1]]
    if first.line != last.line:
        # One pass over the group: a wrapped paragraph may have a million lines.
        return " ".join(
            _joined(seg, list(on_line))
            for _, on_line in itertools.groupby(group, key=lambda i: seg.units[i].line)
        )
    line = seg.lines[first.line]
    return line.text[first.start - line.start : last.end - line.start]


def guard_over_removal(
    seg: Segmentation,
    decisions: Decisions,
    measure: TextMeasure,
    keep: frozenset[str],
) -> str | None:
    """Give back article paragraphs when the context pass would leave almost nothing.

    Phrase rules carry explicit evidence, the context pass only inference: when it
    removed at least ``GUARD_MIN_PARAGRAPHS`` long punctuated paragraphs and the
    body keeps less than ``GUARD_KEPT_SHARE`` of such text, the inference is wrong
    (an article the window mistook for chrome), so those paragraphs are kept.

    Returns:
        A note saying what was kept, or ``None`` when the guard did not fire.
    """
    kept = sum(len(u.text) for i, u in enumerate(seg.units) if not removed(decisions[i], keep))
    # A line printed twice is a widget's by what it is, not by where the window
    # fell: cleaning the body again would remove the copies the guard gave back.
    inferred = [
        i
        for i, unit in enumerate(seg.units)
        if removed(d := decisions[i], keep)
        and d.rule.startswith("context.")
        and d.rule != DOUBLED_LINE_RULE
        and is_prose(unit.text, measure)
    ]
    inferred_chars = sum(len(seg.units[i].text) for i in inferred)
    if len(inferred) < GUARD_MIN_PARAGRAPHS or kept >= GUARD_KEPT_SHARE * inferred_chars:
        return None
    for index in inferred:
        decisions[index] = None
    return (
        f"over-removal guard: kept {len(inferred)} article-like paragraphs that the "
        f"context pass would have removed, leaving {kept} characters of body"
    )
