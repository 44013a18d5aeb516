"""``clean_text``: the short orchestration loop from input text to ``CleanResult``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .classify import Decision, Decisions, apply_rules, mark_inline
from .config import CleanConfig
from .context import apply_context
from .errors import InputTooLargeError
from .features import TextMeasure
from .headline import Header, locate_header
from .language import detect_language, stopwords
from .matcher import compile_matcher
from .result import CleanResult, Removal
from .rules import load_rules
from .segment import Segmentation, segment
from .window import (
    apply_window,
    article_window,
    continuation,
    guard_over_removal,
    has_chrome,
    score_blocks,
    trim_to_window,
)

_DEFAULT_CONFIG = CleanConfig()
#: Rule ids of the removals that move text to the headline/standfirst fields.
HEADLINE_RULE = "headline"
STANDFIRST_RULE = "standfirst"
TITLE_RULE = "headline.page-title"
#: The dateline or byline between headline and standfirst (category "byline").
DATELINE_RULE = "headline.dateline"
#: A bare web address next to the headline (category "navigation").
LINK_RULE = "headline.link"


def clean_text(
    text: str, *, url: str | None = None, config: CleanConfig | None = None
) -> CleanResult:
    """Clean scraped article text.

    Args:
        text: the scraped text, one block per line.
        url: the page's address, if known (reserved for publisher-specific rules).
        config: options; ``CleanConfig()`` by default.

    Returns:
        The headline, standfirst, body paragraphs (verbatim slices of ``text``) and
        every removal with its category, rule id and offsets into ``text``.

    Raises:
        TypeError: ``text`` is not a ``str`` (decode bytes first, or use ``clean_html``).
        InputTooLargeError: ``text`` is longer than ``config.max_input_chars``.
        RuleError: a rule file named in ``config.rules`` is malformed.
        PatternTimeoutError: a rule pattern exceeded ``config.regex_timeout``.

    >>> r = clean_text("Big news today\\nThe council voted on Monday.\\nShare on Facebook")
    >>> r.headline, r.body
    ('Big news today', 'The council voted on Monday.')
    """
    if not isinstance(text, str):
        raise TypeError(
            f"clean_text() takes a str, not {type(text).__name__}; "
            "decode bytes first (for HTML bytes use clean_html())"
        )
    config = config or _DEFAULT_CONFIG
    if len(text) > config.max_input_chars:
        raise InputTooLargeError(
            f"input has {len(text):,} characters, over the limit of "
            f"{config.max_input_chars:,} (CleanConfig.max_input_chars)"
        )
    del url  # accepted for API stability; no rule uses it yet
    return clean_extracted(text, config=config)


def clean_extracted(
    text: str,
    *,
    config: CleanConfig,
    title: str | None = None,
    source: str = "text",
) -> CleanResult:
    """The boilerplate pass shared by ``clean_text`` and ``clean_html``.

    Args:
        text: one block per line (validated by the caller).
        config: options.
        title: the headline when the caller knows it (from HTML metadata): a unit
            near the top that repeats it becomes the headline unit, and the
            headline is ``title`` whether or not the text repeats it.
        source: recorded in the result (``"text"`` or ``"html"``).
    """
    if config.language is not None:
        return _clean_once(text, config, config.language, title, source)
    language = detect_language(text)
    result = _clean_once(text, config, language, title, source)
    # Boilerplate can outvote the article (an English licence footer on a Spanish
    # page): the body's language is the article's. Cleaning again in it keeps the
    # result what a clean of the body would give.
    body_language = detect_language(result.body) if result.body else language
    if body_language != language:
        again = _clean_once(text, config, body_language, title, source)
        # Text of two languages can flip: cleaned in the second, its body may be in
        # the first again (an Italian sentence over a Spanish footer: cleaned as
        # Italian, the footer is the body, which a clean as Spanish removes). The
        # second clean stands only if a clean of its body leaves that body whole.
        if _settled(again.body, config):
            result = again
    return result


def _settled(body: str, config: CleanConfig) -> bool:
    """Whether cleaning ``body`` again, in the language it is in, keeps it whole."""
    if not body:
        return True
    again = dataclasses.replace(config, headline=False)
    return _clean_once(body, again, detect_language(body), None, "text").body == body


def _clean_once(
    text: str, config: CleanConfig, language: str, title: str | None, source: str
) -> CleanResult:
    seg, decisions, header, note = _decide(text, config, language, title)
    result = _build_result(text, seg, decisions, header, language, config.keep)
    if note is not None:
        result = dataclasses.replace(result, notes=(note,))
    if source == "text":
        return result
    return dataclasses.replace(result, source=source, extracted_text=text)


def _decide(
    text: str, config: CleanConfig, language: str, title: str | None
) -> tuple[Segmentation, Decisions, Header, str | None]:
    """Every unit's decision, the header, and the over-removal note, if any.

    A function of its own so that the per-document memo of line features and the
    block scores, together as large as the text, are freed before the result
    copies the text (peak memory, bench/speed.py).
    """
    rules = load_rules(language, config.rules, config.disable)
    matcher = compile_matcher(rules, config.keep, config.regex_timeout)
    spans = matcher.inline_spans(text)
    seg = segment(text, [at for start, end, _ in spans for at in (start, end)])
    decisions: Decisions = [None] * len(seg.units)
    mark_inline(seg, spans, decisions)
    measure = TextMeasure(stopwords(language))
    apply_rules(seg, matcher, decisions, measure)
    scored = score_blocks(seg, decisions, measure)
    window = article_window(seg, scored)
    header = locate_header(seg, decisions, window, title) if config.headline else Header()
    if title is None and _nothing_after(header, decisions):
        # A text of one line, or one whose only line left is "the headline": it is
        # the body (a scraped paragraph cut short), not a title over nothing.
        header = Header()
    article = _reconcile(window, header, seg, decisions, measure)
    ended = _ended_article(window, header, seg, decisions, measure)
    if ended is not None:
        article = window = ended
    # Text without page chrome is an article already cut out of its page: the
    # window has nothing to cut away there but the article's own short lines.
    if config.context and _page_chrome(seg, decisions, header, measure, config.keep):
        # Between a headline and a window widened up to it, only chrome lines go.
        lead_in = range(article[0], max(article[0], window[0]))
        more = continuation(seg, scored, measure, article)
        apply_window(seg, decisions, article, header.units, measure, lead_in, more)
        apply_context(seg, decisions, header.units, measure, config.keep)
        trim_to_window(seg, decisions, measure, header.units, config.keep)
    note = guard_over_removal(seg, decisions, measure, config.keep)
    return seg, decisions, header, note


def _page_chrome(
    seg: Segmentation,
    decisions: Decisions,
    header: Header,
    measure: TextMeasure,
    keep: frozenset[str],
) -> bool:
    """Whether the text has page chrome around the article (``has_chrome``); when
    it has none, ``decisions`` have taken the context steps, all it gets.

    Chrome the rules leave is enough. A text without chrome must give a body
    without chrome (idempotence), so the test that finds none is the one on the
    body as it will be: the decisions after the context steps, tried on a copy.
    """
    if has_chrome(seg, decisions, header.units, measure, keep):
        return True
    without_window = list(decisions)
    apply_context(seg, without_window, header.units, measure, keep)
    if has_chrome(seg, without_window, header.units, measure, keep):
        return True
    decisions[:] = without_window
    return False


#: A headline this many units above the article window still owns the text between.
HEADLINE_REACH_UNITS = 40
#: ... and so does one farther above, when a paragraph of prose starts within this
#: many units under it (a dek, an image caption and a byline come first).
LEAD_PROSE_UNITS = 8
#: Words of that paragraph: a sentence of reporting, not a caption.
PROSE_LEAD_WORDS = 20
#: Paragraphs of such prose inside the window above a headline that is the article's
#: own (printed first, its headline repeated lower down), not a ticker's.
HEADLINE_STORY_PARAGRAPHS = 2


def _reconcile(
    window: tuple[int, int],
    header: Header,
    seg: Segmentation,
    decisions: Decisions,
    measure: TextMeasure,
) -> tuple[int, int]:
    """Align the article window with the headline.

    What precedes the article's own headline is not the article (a ticker of other
    stories), unless it is the story itself (``_story_above``). Article text between
    the headline and the window, cut off by a box of teasers or ads in the middle of
    the story (or by a chart's labels, which score as a long run of menu lines), is
    the article's beginning: the window is widened to it and the context pass keeps
    only its prose.
    """
    if header.headline_unit is None:
        return window
    # The text opens with its headline (its URL over it at most): the window stands.
    if header.title_units == () and min((header.headline_unit, *header.link_units)) == 0:
        return window
    last_header = max(header.units)
    inside = window[0] <= last_header < window[1]
    above = last_header < window[0]
    near = window[0] <= last_header + HEADLINE_REACH_UNITS
    if inside and _story_above(
        seg, decisions, measure, range(window[0], last_header), header.headline or ""
    ):
        return window
    if inside or (above and (near or _prose_starts(seg, decisions, measure, last_header))):
        return last_header + 1, window[1]
    return window


#: Words kept between a headline and the end of its article (comments, tags) that
#: make it the article, though none of it reads as prose (a table, a calendar).
ENDED_ARTICLE_WORDS = 20
#: Rule ids whose removal ends an article: its tags, its comment section.
_END_CATEGORIES = frozenset({"comments"})
_END_RULE_SUFFIXES = (".tags-label",)


def _ended_article(
    window: tuple[int, int],
    header: Header,
    seg: Segmentation,
    decisions: Decisions,
    measure: TextMeasure,
) -> tuple[int, int] | None:
    """The article between the headline and its end, when the window lies past it.

    An article's tags and comment section close it. A window that starts after
    them, below the headline, with fewer words of prose than the rules kept between
    the headline and that end, has found a sidebar's blurb: the article is what lies
    between. A table or a list (a race calendar) scores as chrome line by line, but
    it is the story.
    """
    if header.headline_unit is None:
        return None
    last_header = max(header.units)
    if last_header >= window[0]:
        return None
    words = 0
    for index in range(last_header + 1, window[0]):
        decision = decisions[index]
        if decision is None:
            words += measure.words(seg.units[index].text)
        elif decision.category in _END_CATEGORIES or decision.rule.endswith(_END_RULE_SUFFIXES):
            inside = sum(
                measure.words(seg.units[k].text)
                for k in range(*window)
                if decisions[k] is None and measure.features(seg.units[k].text).prose
            )
            if words >= max(ENDED_ARTICLE_WORDS, inside):
                return last_header + 1, index
            return None
    return None


def _prose_starts(
    seg: Segmentation, decisions: Decisions, measure: TextMeasure, after: int
) -> bool:
    """A kept paragraph of running text comes within LEAD_PROSE_UNITS units of ``after``."""
    end = min(len(seg.units), after + 1 + LEAD_PROSE_UNITS)
    return any(_lead_paragraph(seg, decisions, measure, i) for i in range(after + 1, end))


def _lead_paragraph(
    seg: Segmentation, decisions: Decisions, measure: TextMeasure, index: int
) -> bool:
    """The unit is kept and reads as reporting: prose of PROSE_LEAD_WORDS words or more."""
    if decisions[index] is not None:
        return False
    features = measure.features(seg.units[index].text)
    return features.prose and features.words >= PROSE_LEAD_WORDS


def _story_above(
    seg: Segmentation, decisions: Decisions, measure: TextMeasure, window: range, headline: str
) -> bool:
    """The window holds paragraphs of reporting above the headline, not a ticker.

    A page that prints its article first and the same headline again lower down (a
    teaser box, a slider) puts HEADLINE_STORY_PARAGRAPHS or more kept paragraphs of
    prose above it. A ticker of other stories does too, but lists this one among
    them: a unit above that holds the headline means the units above are teasers.
    """
    folded = headline.casefold()
    paragraphs = 0
    for index in window:
        if folded in seg.units[index].text.casefold():
            return False
        paragraphs += _lead_paragraph(seg, decisions, measure, index)
    return paragraphs >= HEADLINE_STORY_PARAGRAPHS


def _nothing_after(header: Header, decisions: Decisions) -> bool:
    """No unit after the header is left for the body."""
    if header.headline_unit is None:
        return False
    last = max(header.units)
    return all(
        decision is not None or index in header.units
        for index, decision in enumerate(decisions[last + 1 :], start=last + 1)
    )


def _build_result(
    text: str,
    seg: Segmentation,
    decisions: Decisions,
    header: Header,
    language: str,
    keep: frozenset[str],
) -> CleanResult:
    # A copy of the decisions list, not a dict of the removed units: 8 bytes a unit.
    marks = list(decisions)
    for i in header.title_units:
        marks[i] = Decision("other", TITLE_RULE)
    if header.headline_unit is not None:
        marks[header.headline_unit] = Decision("other", HEADLINE_RULE)
    if header.standfirst_unit is not None:
        marks[header.standfirst_unit] = Decision("other", STANDFIRST_RULE)
    if header.dateline_unit is not None and marks[header.dateline_unit] is None:
        marks[header.dateline_unit] = Decision("byline", DATELINE_RULE)
    for i in header.link_units:
        if marks[i] is None:
            marks[i] = Decision("navigation", LINK_RULE)
    for i in header.joined:
        marks[i] = marks[i - 1]  # the rest of a header line goes as its first unit
    paragraphs: list[str] = []
    removals: list[_Span] = []
    # Whether the last paragraph runs to the end of the line before: a wrapped line
    # kept from its start goes on with it (as apply_removals rebuilds it).
    open_end = False
    for line in seg.lines:
        run_start: int | None = None
        run_end = 0
        goes_on = open_end and line.wrapped
        open_end = False
        for i in line.units:
            unit = seg.units[i]
            mark = marks[i]
            if mark is not None and mark.category in keep and mark.rule not in _HEADER_RULES:
                mark = None
            if mark is None:
                run_start = unit.start if run_start is None else run_start
                run_end = unit.end
                continue
            if run_start is not None:
                _add_paragraph(paragraphs, text[run_start:run_end], goes_on)
                run_start = None
            goes_on = False
            _add_removal(removals, text, unit.start, unit.end, mark)
        if run_start is not None:
            _add_paragraph(paragraphs, text[run_start:run_end], goes_on)
            open_end = True
    return CleanResult(
        headline=header.headline,
        standfirst=header.standfirst,
        paragraphs=tuple(paragraphs),
        removals=tuple(span.removal(text) for span in removals),
        language=language,
    )


_HEADER_RULES = frozenset({HEADLINE_RULE, STANDFIRST_RULE, TITLE_RULE})


def _add_paragraph(paragraphs: list[str], piece: str, goes_on: bool) -> None:
    """Add the kept ``piece`` of a line: to the last paragraph after a line break
    when it goes on with it (a hard wrap), else as a paragraph of its own."""
    if goes_on:
        paragraphs[-1] += "\n" + piece
    else:
        paragraphs.append(piece)


@dataclass(slots=True)
class _Span:
    """A removal being built: extended in place while a rule's run continues, so
    that its Removal (and the slice of its text) is made once, keeping long runs
    linear."""

    start: int
    end: int
    mark: Decision

    def removal(self, text: str) -> Removal:
        start, end = self.start, self.end
        return Removal(start, end, text[start:end], self.mark.category, self.mark.rule)


def _add_removal(removals: list[_Span], text: str, start: int, end: int, mark: Decision) -> None:
    """Add a removal span, merging it into the previous one when a block rule continues."""
    if removals:
        last = removals[-1]
        if (
            last.mark.rule == mark.rule
            # Header units are one removal each, but for the pieces of one header line.
            and (mark.rule not in _HEADER_RULES or last.end == start)
            and not text[last.end : start].strip()
        ):
            last.end = end
            return
    removals.append(_Span(start, end, mark))
