"""The context pass: what a unit's neighbours say about it once the rules have spoken.

Each step removes units that no phrase rule names but whose place gives them away:
a short line between two removals, the list a removed line introduces, comment
threads, feeds and cards of teasers, a line printed twice, the author's name again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Final

import regex

from .classify import Decision, Decisions, is_prose, removed
from .features import TextMeasure
from .segment import Segmentation

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
#: Units between two comment-thread lines (a reply link and the next commenter's
#: link or a thread heading) that are taken as one comment: name, date, up to a
#: few paragraphs.
COMMENT_GAP_UNITS: Final = 6
#: A feed of dated teasers (``_dated_feeds``): at least this many byline lines
#: (dates, names) a rule removed, each at most FEED_GAP_UNITS units after the last.
FEED_MIN_RECORDS: Final = 3
FEED_GAP_UNITS: Final = 4


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
    # Sandwiched labels go before the doubled lines are looked for, and again after:
    # a label between two removed lines may be all that parts a line's two copies
    # ("Tweet" between a share strip and a copyright line), and the body cleaned
    # again has neither, so the copies meet there.
    _mark_sandwiched(seg, decisions, protected, measure)
    _mark_doubled_lines(seg, decisions, protected, measure, keep)
    _mark_sandwiched(seg, decisions, protected, measure)


def _mark_sandwiched(
    seg: Segmentation, decisions: Decisions, protected: frozenset[int], measure: TextMeasure
) -> None:
    """Remove a short unit that is no prose between two removed units."""
    units = seg.units
    for index in range(1, len(units) - 1):
        if decisions[index] is not None or index in protected:
            continue
        before, after = decisions[index - 1], decisions[index + 1]
        if before is None or after is None:
            continue
        text = units[index].text
        if measure.words(text) <= SANDWICH_MAX_WORDS and not is_prose(text, measure):
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
    body = [i for i, d in enumerate(decisions) if not removed(d, keep) and i not in protected]
    prose = Counter(units[i].text for i in body if is_prose(units[i].text, measure))
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
                if is_prose(units[index - 1].text, measure):
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
