"""Decide which units are boilerplate: phrase rules first, then the context pass.

The order matters and is part of the design: phrase rules (block, line, section)
decide what they recognise; only then do context steps look at neighbours, so a
context step can extend a removal but never pre-empt a rule's explanation.
"""

from __future__ import annotations

import array
import bisect
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, TypeGuard, overload

import regex

from .features import (
    LineFeatures,
    TextMeasure,
    best_window,
    is_chrome,
    line_score,
    list_head,
    list_tail,
    run_scaled,
)
from .matcher import Matcher, Prefilter, fold
from .rules import Rule
from .segment import Line, Segmentation, Unit


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a unit is removed."""

    category: str
    rule: str


Decisions = list[Decision | None]

#: A unit this short between two removed units goes with them. Four words covers
#: the labels that sit inside boilerplate boxes ("Comments", "Share this article",
#: "Most read", a lone date) and nothing that is a sentence.
SANDWICH_MAX_WORDS: Final = 4
#: Words of a line that, printed twice in a row, is a widget's (``_mark_doubled_lines``).
DOUBLED_LINE_WORDS: Final = 8
DOUBLED_LINE_MAX_WORDS: Final = 50
DOUBLED_LINE_MAX_COPIES: Final = 4
DOUBLED_LINE_RULE: Final = "context.doubled-line"
#: Words of a teaser title that is removed where it repeats one a related rule
#: removed (``_mark_repeated_teasers``); sentences end in these.
TEASER_MAX_WORDS: Final = 20
#: A cut-off teaser over a read-more link has at least this many words
#: (``_read_more_teasers``); the ids of the rules for bare read-more links end so.
TEASER_MIN_WORDS: Final = 8
#: A related list's cards (``_teaser_cards``): at least this many, each this many
#: units at most before its closing widget.
CARD_MIN_CARDS: Final = 2
CARD_MAX_UNITS: Final = 3
READ_MORE_LABEL_RULES: Final = (".read-more-label", ".read-more-minutes")
#: Units under the headline and standfirst where a repeated teaser is the dek.
DEK_ZONE_UNITS: Final = 2
#: A byline this long or shorter names its author (``_mark_byline_names``); a
#: longer unit a byline rule removed is an author box or a section's sweep.
BYLINE_NAME_SOURCE_WORDS: Final = 12
#: Capitalised words in a row that may be a name: "Yaima Puig Meneses".
NAME_MIN_WORDS: Final = 2
NAME_MAX_WORDS: Final = 4
_SENTENCE_END: Final = (".", "!", "?", "…", ".“", '."', ".”")
#: Slides of a gallery (see ``_mark_galleries``): counters in a run, and the most
#: units from one counter to the next (the caption's lines and a credit).
GALLERY_MIN_SLIDES: Final = 3
GALLERY_GAP_UNITS: Final = 6
_SLIDE_COUNTER_RE: Final = regex.compile(
    r"(?:[-–—•·*]\s+)?(\d{1,3})\s*/\s*(\d{1,3})(?!\d|\s*[/.:-]\s*\d)"
)
#: Units between two comment-thread lines (a reply link and the next commenter's
#: link or a thread heading) that are taken as one comment: name, date, up to a
#: few paragraphs.
COMMENT_GAP_UNITS: Final = 6
#: A feed of dated teasers (``_dated_feeds``): at least this many byline lines
#: (dates, names) a rule removed, each at most FEED_GAP_UNITS units after the last.
FEED_MIN_RECORDS: Final = 3
FEED_GAP_UNITS: Final = 4
#: Article-like paragraph: enough words to be a sentence of reporting.
CONTENT_MIN_WORDS: Final = 20
#: A punctuated line of this many words is a sentence, not a teaser headline.
SENTENCE_MIN_WORDS: Final = 10
#: A section that runs "until content" ends at one punctuated paragraph this long,
#: or at two punctuated sentences in a row.
RESUME_ALONE_WORDS: Final = 20
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
        rule = matcher.section_rule(unit.text, words) if seen_content else None
        if rule is None:
            index += 1
            continue
        decision = Decision(rule.category, rule.id)
        end = index + 1
        while end < len(units):
            if rule.until == "content" and _content_resumes(seg, decisions, end, measure):
                break
            end += 1
        for k in range(index, end):
            decisions[k] = decisions[k] or decision
        index = end


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


def _is_prose(text: str, measure: TextMeasure) -> bool:
    return _punctuated(text, CONTENT_MIN_WORDS, measure)


def apply_context(
    seg: Segmentation,
    decisions: Decisions,
    protected: frozenset[int],
    measure: TextMeasure,
    keep: frozenset[str],
) -> None:
    """Extend removals to short units sandwiched between removed ones, and to the
    list a removed line introduces ("Join now or renew to get:" and its perks);
    remove comment threads, teasers repeated from a related list and lines printed
    twice in a row.

    ``protected`` units (headline, standfirst) are never touched; units removed in
    a ``keep`` category are in the body (``_mark_doubled_lines`` sees them there).
    """
    units = seg.units
    for index, decision in enumerate(decisions):
        if decision is None or decision.rule.startswith("context."):
            continue
        if not units[index].text.endswith(":"):
            continue
        item = index + 1
        while (
            item < len(units)
            and decisions[item] is None
            and item not in protected
            and measure.features(units[item].text).bulleted
        ):
            decisions[item] = Decision(decision.category, "context.introduced-list")
            item += 1
    _comment_threads(decisions, protected)
    _dated_feeds(decisions, protected)
    _read_more_teasers(seg, decisions, protected, measure)
    _teaser_cards(seg, decisions, protected)
    _mark_repeated_teasers(seg, decisions, protected, measure)
    _mark_byline_names(seg, decisions, protected, measure)
    _mark_doubled_lines(seg, decisions, protected, measure, keep)
    for index in range(1, len(units) - 1):
        if decisions[index] is not None or index in protected:
            continue
        before, after = decisions[index - 1], decisions[index + 1]
        if before is None or after is None:
            continue
        text = units[index].text
        if measure.words(text) <= SANDWICH_MAX_WORDS and not _is_prose(text, measure):
            decisions[index] = Decision(before.category, "context.sandwiched")


def _mark_doubled_lines(
    seg: Segmentation,
    decisions: Decisions,
    protected: frozenset[int],
    measure: TextMeasure,
    keep: frozenset[str],
) -> None:
    """Remove a line printed twice in a row, both copies: a photo's caption and its
    expanded copy, a teaser's title and its link, the headline again in a gallery.

    An article does not say the same sentence twice back to back; lines a rule
    removed between the copies do not count, as they are not in the body (a
    gallery shows the pair again under the first). At most DOUBLED_LINE_MAX_COPIES
    copies: a line repeated on and on is no widget's but the text itself, whatever
    went wrong with it. Lines of DOUBLED_LINE_WORDS to DOUBLED_LINE_MAX_WORDS words
    only: a poem's or a song's refrain is shorter, and a paragraph longer than a
    caption printed twice is the article's (a page whose text is one paragraph
    twice over), and so are copies when the body has no other prose. The headline
    and the standfirst are not in the body: a single repeat of one stays
    (tfe/evang.at's dek, printed again under its photo).
    """
    units = seg.units
    # The units of the body: the header's are not among them, and those a step
    # removed in a category that CleanConfig.keep keeps are.
    body = [i for i, d in enumerate(decisions) if not _removed(d, keep) and i not in protected]
    prose = Counter(units[i].text for i in body if _is_prose(units[i].text, measure))
    left = sum(prose.values())  # paragraphs of prose the body keeps

    def goes(run: list[int]) -> bool:
        """Remove the run if it is copies of a widget's line; say whether it went."""
        nonlocal left
        text = units[run[0]].text
        if not 2 <= len(run) <= DOUBLED_LINE_MAX_COPIES:
            return False
        if not DOUBLED_LINE_WORDS <= measure.words(text) <= DOUBLED_LINE_MAX_WORDS:
            return False
        if left == prose[text]:
            return False  # all the prose the body has: its text, not a widget's
        for index in run:
            decisions[index] = Decision("other", DOUBLED_LINE_RULE)
        if prose[text]:  # the copies were prose: the body keeps less of it
            left -= len(run)
            prose[text] -= len(run)
        return True

    # Runs of copies on a stack: when a run goes, the copies on either side of it
    # meet (A, B, B, A), in one pass over the body however deep they nest.
    runs: list[list[int]] = []
    for index in body:
        text = units[index].text
        while runs and units[runs[-1][0]].text != text and goes(runs[-1]):
            runs.pop()
        if runs and units[runs[-1][0]].text == text:
            runs[-1].append(index)
        else:
            runs.append([index])
    while runs and goes(runs[-1]):
        runs.pop()


def _comment_threads(decisions: Decisions, protected: frozenset[int]) -> None:
    """Remove what lies between two comment-thread lines a few units apart.

    A thread alternates a commenter's name and date, the comment and a reply link
    ("Antworten", "Reply"); the rules find the headers, links and headings, but a
    comment reads like article prose. The units left between two lines a comment
    rule removed, at most ``COMMENT_GAP_UNITS`` apart, are the comments of that
    thread (a date a byline rule removed may stand between).
    """
    previous: int | None = None
    for index, decision in enumerate(decisions):
        if decision is None or decision.category != "comments":
            continue
        if decision.rule.startswith("context."):
            previous = None
            continue
        if previous is not None and 1 < index - previous <= COMMENT_GAP_UNITS + 1:
            between = range(previous + 1, index)
            if not any(k in protected for k in between):
                for k in between:
                    decisions[k] = decisions[k] or Decision("comments", "context.comment-thread")
        previous = index


def _dated_feeds(decisions: Decisions, protected: frozenset[int]) -> None:
    """Remove what lies between the dates of a feed of teasers.

    A list of other stories under the article gives each one a title, an author,
    a date and its opening lines; the rules know the dates (bylines), and the
    openings read like prose. FEED_MIN_RECORDS byline lines or more, each at most
    FEED_GAP_UNITS units after the one before, with kept units between, are such a
    feed: an article puts its byline once. On the dev corpus' article and page
    texts, 5 of about 200 units between such lines are gold text.
    """
    dates = [
        index
        for index, decision in enumerate(decisions)
        if decision is not None
        and decision.category == "byline"
        and not decision.rule.startswith("context.")
    ]
    run: list[int] = []
    for index in [*dates, len(decisions) + FEED_GAP_UNITS + 2]:
        if run and index - run[-1] <= FEED_GAP_UNITS + 1:
            run.append(index)
            continue
        if len(run) >= FEED_MIN_RECORDS:
            between = range(run[0] + 1, run[-1])
            if not any(k in protected for k in between):
                for k in between:
                    decisions[k] = decisions[k] or Decision("related", "context.dated-feed")
        run = [index]


def _read_more_teasers(
    seg: Segmentation, decisions: Decisions, protected: frozenset[int], measure: TextMeasure
) -> None:
    """Remove a teaser's cut-off opening over a bare "Read more" link.

    "In recent months, hundreds of people ... have died due to" over "Read more":
    a unit of TEASER_MIN_WORDS words or more that ends in no sentence end, right
    above a unit a read-more label rule removed. On the dev corpus' article and
    page texts, 47 such units over a read-more label, none of them gold text; an
    article's sentence ends before the link (and "Read more: <title>" links, the
    read-more prefix rules, stand between paragraphs, so they do not count).
    """
    units = seg.units
    for index in range(1, len(units)):
        decision, above = decisions[index], index - 1
        if (
            decision is not None
            and decision.rule.endswith(READ_MORE_LABEL_RULES)
            and decisions[above] is None
            and above not in protected
            and measure.words(units[above].text) >= TEASER_MIN_WORDS
            and not measure.features(units[above].text).terminal
        ):
            decisions[above] = Decision("related", "context.read-more-teaser")


def _teaser_cards(seg: Segmentation, decisions: Decisions, protected: frozenset[int]) -> None:
    """Remove the cards of a related list: teasers that each end in the same widget.

    Under "You may like...", some sites print each teaser's opening in full (it
    reads as prose, so the list heading's section stops at it) and close every
    card with the same removed strip ("Whatsapp Facebook Pint Download"). After a
    related rule's removal, CARD_MIN_CARDS or more runs of at most CARD_MAX_UNITS
    kept units, each followed by a removal of the same text, are such cards.
    """
    units = seg.units
    for heading, decision in enumerate(decisions):
        if (
            decision is None
            or decision.category != "related"
            or decision.rule.startswith("context.")
            # A bare "Read more" link sits between an article's paragraphs.
            or decision.rule.endswith(READ_MORE_LABEL_RULES)
        ):
            continue
        cards: list[range] = []
        closing: str | None = None
        start = heading + 1
        # The widget may open each card instead of closing it.
        opener = decisions[start] if start < len(units) else None
        if opener is not None and opener.category != "advertising":
            closing = units[start].text
            start += 1
        while start < len(units) and decisions[start] is None and start not in protected:
            end = start
            while end < len(units) and decisions[end] is None and end not in protected:
                end += 1
            widget = decisions[end] if end < len(units) else None
            # Ad slots recur between an article's paragraphs: they close no card.
            if widget is None or widget.category == "advertising" or end - start > CARD_MAX_UNITS:
                break
            text = units[end].text
            if closing is not None and text != closing:
                # The last card ends where the list does, at other chrome.
                if len(cards) >= CARD_MIN_CARDS:
                    cards.append(range(start, end))
                break
            closing = text
            cards.append(range(start, end))
            start = end + 1
        if len(cards) >= CARD_MIN_CARDS:
            for card in cards:
                for index in card:
                    decisions[index] = Decision("related", "context.teaser-card")


def _mark_repeated_teasers(
    seg: Segmentation, decisions: Decisions, protected: frozenset[int], measure: TextMeasure
) -> None:
    """Remove the other copies of a teaser that a related-list rule removed.

    Pages show one teaser in several widgets (a box at the top, "Most read" at
    the bottom); the rules know the list by its heading, not the box elsewhere.
    A unit of at most ``TEASER_MAX_WORDS`` words without a closing full stop, the
    same text as a unit a related rule removed, is that teaser again.
    """
    units = seg.units
    removed = {
        units[i].text
        for i, decision in enumerate(decisions)
        if decision is not None
        and decision.category == "related"
        and not decision.rule.startswith("context.")
    }
    if not removed:
        return
    # Under the headline, a repeat is the article's own dek, listed among the
    # related articles too.
    last_header = max(protected, default=-1)
    dek_zone = range(last_header + 1, last_header + 1 + DEK_ZONE_UNITS) if protected else ()
    for index, unit in enumerate(units):
        text = unit.text
        if (
            decisions[index] is None
            and index not in protected
            and index not in dek_zone
            and text in removed
            and measure.words(text) <= TEASER_MAX_WORDS
            and not text.endswith(_SENTENCE_END)
        ):
            decisions[index] = Decision("related", "context.repeated-teaser")


def _mark_byline_names(
    seg: Segmentation, decisions: Decisions, protected: frozenset[int], measure: TextMeasure
) -> None:
    """Remove a line that is only the name a removed byline gives.

    "By Marcus Theurer, London" goes by rule; the name again on a line of its own
    (under the article, over an author box, beside a photo) is the same credit.
    Names are runs of NAME_MIN_WORDS to NAME_MAX_WORDS capitalised words in a
    byline of at most BYLINE_NAME_SOURCE_WORDS words; a line goes only when it is
    one of them whole (a sentence about the author stays).
    """
    units = seg.units
    names: set[str] = set()
    previous: Decision | None = None
    for index, decision in enumerate(decisions):
        if (
            decision is not None
            and decision.category == "byline"
            and not decision.rule.startswith("context.")
            # Not the units a section rule sweeps up after its heading (an author
            # box's teasers and menus): they carry the heading's rule too.
            and (previous is None or previous.rule != decision.rule)
            and measure.words(units[index].text) <= BYLINE_NAME_SOURCE_WORDS
        ):
            names.update(_names(units[index].text))
        previous = decision
    if not names:
        return
    index = 0
    while index < len(units):
        text = units[index].text
        if decisions[index] is not None or index in protected:
            index += 1
            continue
        if text.rstrip(".,;") in names:
            decisions[index] = Decision("byline", "context.byline-name")
            bio = _next_kept(decisions, protected, index)
            if bio is not None and _about(units[bio].text, text, measure):
                # "Emiliano Bellini" over "Emiliano joined pv magazine in 2017.":
                # the name heads a bio.
                decisions[bio] = Decision("byline", "context.author-box")
                index = bio
        about = _ABOUT_RE.fullmatch(text)
        if about is not None and about.group(1) in names:
            # "Über Moritz Bachmann" over his bio: the box goes up to the bio's
            # first paragraph of prose, that one included.
            decisions[index] = Decision("byline", "context.author-box")
            index += 1
            while index < len(units) and decisions[index] is None and index not in protected:
                decisions[index] = Decision("byline", "context.author-box")
                index += 1
                if _is_prose(units[index - 1].text, measure):
                    break
            continue
        index += 1


def _next_kept(decisions: Decisions, protected: frozenset[int], index: int) -> int | None:
    """The unit right after ``index`` when no rule removed it and it is no header unit."""
    following = index + 1
    if following < len(decisions) and decisions[following] is None and following not in protected:
        return following
    return None


def _about(text: str, name: str, measure: TextMeasure) -> bool:
    """Whether ``text`` is prose that opens with a word of ``name`` (a bio)."""
    first = text.split(None, 1)[0] if text.strip() else ""
    return measure.features(text).prose and first in name.split()


def _names(text: str) -> Iterator[str]:
    """Every run of NAME_MIN_WORDS to NAME_MAX_WORDS capitalised words in ``text``
    ("By Marcus Theurer, London": "By Marcus", "By Marcus Theurer", "Marcus Theurer")."""
    for run in _CAPITALISED_RUN_RE.finditer(text):
        words = run.group().split()
        for size in range(NAME_MIN_WORDS, min(NAME_MAX_WORDS, len(words)) + 1):
            for start in range(len(words) - size + 1):
                yield " ".join(words[start : start + size])


#: The heading of an author box: "About" and a name, in the languages with rules.
_ABOUT_RE: Final = regex.compile(
    r"(?:about|über|à\s+propos\s+de|sobre|acerca\s+de|su|over)\s+(.+?)\s*:?", regex.IGNORECASE
)
#: Capitalised words in a row, one space apart ("Marcus Theurer", "René Tamayo").
_CAPITALISED_RUN_RE: Final = regex.compile(r"\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*)+")


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

    start, end = list_head(scored.features, start), list_tail(scored.features, end, text)
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
    return _OUTSIDE[where, _is_prose(text, measure)]


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
    start, end = (
        list_head(features, start),
        list_tail(features, end, lambda k: _joined(seg, paragraphs[k])),
    )
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
        if _removed(decisions[index], keep):
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


def _removed(decision: Decision | None, keep: frozenset[str]) -> TypeGuard[Decision]:
    """Whether a unit so decided is out of the body: ``CleanConfig.keep`` keeps
    the units decided in its categories (``clean._build_result``)."""
    return decision is not None and decision.category not in keep


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
    kept = sum(len(u.text) for i, u in enumerate(seg.units) if not _removed(decisions[i], keep))
    # A line printed twice is a widget's by what it is, not by where the window
    # fell: cleaning the body again would remove the copies the guard gave back.
    inferred = [
        i
        for i, unit in enumerate(seg.units)
        if _removed(d := decisions[i], keep)
        and d.rule.startswith("context.")
        and d.rule != DOUBLED_LINE_RULE
        and _is_prose(unit.text, measure)
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
