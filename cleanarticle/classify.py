"""Decide which units the phrase rules remove, and hold the decisions every step shares.

The order matters and is part of the design: phrase rules (inline, block, line, section)
decide what they recognise; only then do the context pass (``context``) and the
article window (``window``) look at neighbours, so a later step can extend a
removal but never pre-empt a rule's explanation.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, TypeGuard

import regex

from .features import TextMeasure
from .matcher import Matcher, Prefilter, fold
from .rules import Rule
from .segment import Line, Segmentation, Unit


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a unit is removed."""

    category: str
    rule: str


Decisions = list[Decision | None]

#: Slides of a gallery (see ``_mark_galleries``): counters in a run, and the most
#: units from one counter to the next (the caption's lines and a credit).
GALLERY_MIN_SLIDES: Final = 3
GALLERY_GAP_UNITS: Final = 6
_SLIDE_COUNTER_RE: Final = regex.compile(
    r"(?:[-–—•·*]\s+)?(\d{1,3})\s*/\s*(\d{1,3})(?!\d|\s*[/.:-]\s*\d)"
)
#: Article-like paragraph: enough words to be a sentence of reporting.
CONTENT_MIN_WORDS: Final = 20
#: A punctuated line of this many words is a sentence, not a teaser headline.
SENTENCE_MIN_WORDS: Final = 10
#: A section that runs "until content" ends at one punctuated paragraph this long,
#: or at two punctuated sentences in a row.
RESUME_ALONE_WORDS: Final = 20
#: Characters of units folded and joined at a time to look up block rules' start
#: literals: enough that the per-chunk work is negligible, few enough that the copies
#: are (lower-casing non-ASCII text takes a buffer of 12 bytes a character).
BLOCK_CHUNK_CHARS: Final = 1 << 16


def apply_rules(
    seg: Segmentation, matcher: Matcher, decisions: Decisions, measure: TextMeasure
) -> None:
    """Mark every unit a phrase rule recognises (block, then line, then section rules),
    and the slides of a photo gallery."""
    _apply_block_rules(seg, matcher, decisions)
    _apply_line_rules(seg, matcher, decisions, measure)
    _apply_section_rules(seg, matcher, decisions, measure)
    _mark_galleries(seg, decisions)


def mark_inline(
    seg: Segmentation, spans: Sequence[tuple[int, int, Rule]], decisions: Decisions
) -> None:
    """Mark the units inside the spans of inline rules (``Matcher.inline_spans``),
    each with its rule. ``segment`` cut the lines at the spans' ends, so a span's
    units lie wholly inside it."""
    if not spans:
        return
    units = seg.units
    starts = [unit.start for unit in units]
    for start, end, rule in spans:
        decision = Decision(rule.category, rule.id)
        index = bisect.bisect_left(starts, start)
        while index < len(units) and units[index].end <= end:
            decisions[index] = decision
            index += 1


def _mark_galleries(seg: Segmentation, decisions: Decisions) -> None:
    """Remove a gallery's slides: counters that count up ("1/50 United goin down",
    "2/50 Star Wars boosts economy", ...; after a list bullet, "- 1/50 ...") and
    the captions between them.

    A counter alone is no evidence ("1/2 cup flour" starts a recipe line); a run of
    ``GALLERY_MIN_SLIDES`` counters of one total, each the next number and at most
    ``GALLERY_GAP_UNITS`` after the last, is a slideshow of other stories.
    """
    units = seg.units
    run: list[int] = []
    last = (0, 0)
    for index, unit in enumerate(units):
        found = _SLIDE_COUNTER_RE.match(unit.text)
        if found is None:
            continue
        number, total = int(found[1]), int(found[2])
        follows = run and last == (number - 1, total) and index - run[-1] <= GALLERY_GAP_UNITS
        if not follows:
            _mark_slides(run, decisions)
            run = []
        if 1 <= number <= total:
            run.append(index)
            last = (number, total)
    _mark_slides(run, decisions)


def _mark_slides(counters: list[int], decisions: Decisions) -> None:
    if len(counters) < GALLERY_MIN_SLIDES:
        return
    for k in range(counters[0], counters[-1] + 1):
        decisions[k] = decisions[k] or Decision("related", "context.gallery")


def _apply_block_rules(seg: Segmentation, matcher: Matcher, decisions: Decisions) -> None:
    units = seg.units
    if not matcher.block or not units:
        return
    starts = _block_starts(units, matcher.block_filters)
    for rule, (_, may_end), candidates in zip(
        matcher.block, matcher.block_filters, starts, strict=True
    ):
        end_pattern = rule.end
        assert end_pattern is not None  # guaranteed by rules._parse_rule for kind "block"
        next_free = 0
        for index in range(len(units)) if candidates is None else candidates:
            if index < next_free or decisions[index] is not None:
                continue
            if not matcher.search(rule.pattern, units[index].text):
                continue
            for last in range(index, min(len(units), index + rule.max_lines)):
                text = units[last].text
                if may_end.may_match(fold(text)) and matcher.search(end_pattern, text):
                    for k in range(index, last + 1):
                        decisions[k] = decisions[k] or Decision(rule.category, rule.id)
                    next_free = last + 1
                    break


def _block_starts(
    units: tuple[Unit, ...], filters: Sequence[tuple[Prefilter, Prefilter]]
) -> list[list[int] | None]:
    """Per block rule, the indices (ascending) of the units its start may match
    (``None``: a rule without start literals may match any unit).

    The units are folded and joined a chunk at a time, and each rule's start
    literals looked up in the chunk once, not in every unit: one pass over the
    text, holding at most a chunk's copies of it (the copies of the whole text
    set the peak memory of a long text).
    """
    found: list[list[int] | None] = [
        None if may_start.literals is None else [] for may_start, _ in filters
    ]
    for chunk_start, chunk_end in _chunks(units):
        chunk = units[chunk_start:chunk_end]
        joined = fold("\n".join(unit.text for unit in chunk))
        offsets = list(itertools.accumulate((len(u.text) + 1 for u in chunk[:-1]), initial=0))
        for holding, (may_start, _) in zip(found, filters, strict=True):
            if holding is not None and may_start.literals is not None:
                holding.extend(
                    chunk_start + i for i in _units_holding(may_start.literals, joined, offsets)
                )
    return found


def _chunks(units: tuple[Unit, ...]) -> Iterator[tuple[int, int]]:
    """Consecutive unit ranges of about ``BLOCK_CHUNK_CHARS`` characters each."""
    start = size = 0
    for index, unit in enumerate(units):
        size += len(unit.text) + 1
        if size >= BLOCK_CHUNK_CHARS:
            yield start, index + 1
            start, size = index + 1, 0
    if start < len(units):
        yield start, len(units)


def _units_holding(literals: frozenset[str], joined: str, offsets: list[int]) -> list[int]:
    """Indices (ascending) of the units whose folded text holds one of ``literals``.

    ``joined`` is the units' folded texts joined by newlines, ``offsets`` where each
    starts. A literal is found wherever it occurs; the unit it starts in is a
    candidate (a literal never holds a newline, so it cannot start in one unit and
    be found whole in the next).
    """
    found: set[int] = set()
    for literal in literals:
        at = joined.find(literal)
        while at >= 0:
            found.add(bisect.bisect_right(offsets, at) - 1)
            at = joined.find(literal, at + 1)
    return sorted(found)


def _apply_line_rules(
    seg: Segmentation, matcher: Matcher, decisions: Decisions, measure: TextMeasure
) -> None:
    units = seg.units
    # Pages repeat lines (menus, share strips, "Advertisement"): a line's verdict is
    # looked up once per document (a text of one repeated share line: 4x faster).
    verdicts: dict[str, Decision | None] = {}
    for line in seg.lines:
        first, last = line.first, line.last
        if all(decisions[i] is not None for i in range(first, last)):
            continue
        text = line.text
        folded = None
        if text in verdicts:
            decision = verdicts[text]
        else:
            folded = fold(text)
            rule = matcher.line_rule(text, measure.words(text), folded)
            decision = verdicts[text] = _decision(rule)
        if decision is not None:
            for i in range(first, last):
                decisions[i] = decisions[i] or decision
            continue
        if last - first == 1:
            continue
        folded = folded or fold(text)
        for i in range(first, last):
            if decisions[i] is None:
                unit = units[i]
                # fold() keeps lengths: the unit's folded text is a slice of the line's.
                piece = folded[unit.start - line.start : unit.end - line.start]
                unit_rule = matcher.line_rule(unit.text, measure.words(unit.text), piece)
                decisions[i] = _decision(unit_rule)
        _apply_to_rejoined(seg, matcher, decisions, measure, line, folded)


def _apply_to_rejoined(
    seg: Segmentation,
    matcher: Matcher,
    decisions: Decisions,
    measure: TextMeasure,
    line: Line,
    folded: str,
) -> None:
    """Test each run of two or more adjacent units the rules left on a cut line as
    the one paragraph the body will have: kept units of a line are re-joined.

    "ShareWhatsApp" is cut at "Share|Whats|App"; "Share" goes, and "Whats" and
    "App" match no rule apart, but the body's "WhatsApp" is a line a second clean
    removes (found by tests/fuzz.py).
    """
    units = seg.units
    i = line.first
    while i < line.last:
        if decisions[i] is not None:
            i += 1
            continue
        j = i
        while j < line.last and decisions[j] is None:
            j += 1
        if j - i >= 2 and (i, j) != (line.first, line.last):
            start, end = units[i].start - line.start, units[j - 1].end - line.start
            run = line.text[start:end]
            decision = _decision(matcher.line_rule(run, measure.words(run), folded[start:end]))
            for k in range(i, j):
                decisions[k] = decision
        i = j


def _decision(rule: Rule | None) -> Decision | None:
    return None if rule is None else Decision(rule.category, rule.id)


def _apply_section_rules(
    seg: Segmentation, matcher: Matcher, decisions: Decisions, measure: TextMeasure
) -> None:
    units = seg.units
    # Each unit inside a related list is also tried as a thread's start
    # (``_thread_starts``): the verdict on a text is looked up once per document, as
    # line rules do (a megabyte of one-word lines: 2.1 s -> 1.8 s).
    verdicts: dict[str, Rule | None] = {}

    def section_rule(text: str) -> Rule | None:
        if text in verdicts:
            return verdicts[text]
        found = verdicts[text] = matcher.section_rule(text, measure.words(text))
        return found

    seen_content = False
    index = 0
    while index < len(units):
        unit = units[index]
        if not seen_content and decisions[index] is not None:
            index += 1  # neither content nor, before content, a section heading
            continue
        words = measure.words(unit.text)
        if decisions[index] is None and words >= CONTENT_MIN_WORDS:
            seen_content = True
            index += 1
            continue
        # Before any article text, a "Comments" link is page navigation, not a thread.
        rule = section_rule(unit.text) if seen_content else None
        if rule is None:
            index += 1
            continue
        decision = Decision(rule.category, rule.id)
        end = index + 1
        while end < len(units):
            if rule.until == "content" and (
                _content_resumes(seg, decisions, end, measure)
                or _thread_starts(section_rule(units[end].text))
            ):
                break
            end += 1
        for k in range(index, end):
            decisions[k] = decisions[k] or decision
        index = end


def _thread_starts(found: Rule | None) -> bool:
    """The unit whose section rule is ``found`` starts a section that runs to the
    end (a comment thread: "There are 13 comments"): it ends a related list above
    it, which would stop at the first comment that reads like article text."""
    return found is not None and found.until == "end"


def _content_resumes(
    seg: Segmentation, decisions: Decisions, index: int, measure: TextMeasure
) -> bool:
    """Article text resumes at ``index``: a long paragraph, or two punctuated sentences.

    Teasers in a related list are headlines: short and without a full stop.
    """
    units = seg.units
    if decisions[index] is not None or not _is_sentence(units[index].text, measure):
        return False
    if measure.words(units[index].text) >= RESUME_ALONE_WORDS:
        return True
    following = index + 1
    return (
        following < len(units)
        and decisions[following] is None
        and _is_sentence(units[following].text, measure)
    )


def _punctuated(text: str, min_words: int, measure: TextMeasure) -> bool:
    """At least ``min_words`` words, ending in terminal punctuation or a closing mark."""
    return text.rstrip()[-1:] in '.!?"”’»)' and measure.words(text) >= min_words


def _is_sentence(text: str, measure: TextMeasure) -> bool:
    return _punctuated(text, SENTENCE_MIN_WORDS, measure)


def is_prose(text: str, measure: TextMeasure) -> bool:
    """A paragraph of reporting: CONTENT_MIN_WORDS words or more, ending in a sentence
    end. The context pass and the window judge units by it."""
    return _punctuated(text, CONTENT_MIN_WORDS, measure)


def removed(decision: Decision | None, keep: frozenset[str]) -> TypeGuard[Decision]:
    """Whether a unit so decided is out of the body: ``CleanConfig.keep`` keeps
    the units decided in its categories (``clean._build_result``)."""
    return decision is not None and decision.category not in keep
