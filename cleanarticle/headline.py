"""Find the headline and the standfirst (dek) at the top of a scraped article.

The headline is the first substantive, title-like unit that no rule removed. When
the text starts with the page's ``<title>`` ("Headline | Site"), the line that repeats
it further down is the headline and the title line goes. Site names are stripped only
at a separator with spaces on both sides, so "Spider-Man" and "Covid-19" stay whole.
The standfirst is a summary line between the headline and the body.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace
from typing import Final

import regex

from .classify import Decision, Decisions
from .features import without_symbols
from .rules import word_count
from .segment import Line, Segmentation, Unit
from .sitename import TITLE_MAX_PARTS, fold, strip_site

__all__ = ["Header", "find_header", "fold", "locate_header", "strip_site_name"]

#: A repeated title is looked for this many units above the article window:
#: headlines sit just above the article, after the page's menus.
SEARCH_UNITS: Final = 40
#: ... and this many units into it, for a window that starts at the headline.
LOOKAHEAD_UNITS: Final = 3
#: Word overlap with the page title from which a line is the article's heading.
MIN_TITLE_SIMILARITY: Final = 0.5
#: Inside the article window only a near-exact copy of the page title is a headline.
INSIDE_SIMILARITY: Final = 0.8
#: A heading containing the page title (or contained in it) of this many words
#: scores as near-equal.
CONTAINED_MIN_WORDS: Final = 3
CONTAINED_SIMILARITY: Final = 0.85
#: The first line is the headline from three words up ("Supported by" is a label).
HEADLINE_FIRST_WORDS: Final = 3
#: Below the first line, a headline has this many words; shorter lines at the
#: top of an article are section labels ("Tech", "Personal Technology: Review").
HEADLINE_LABEL_WORDS: Final = 4
#: Kept units under a two-word first line where a heading makes it a kicker.
SHORT_TITLE_REACH: Final = 3
#: A sentence this long that restates the page title is the lede, not its heading.
LEDE_WORDS: Final = 20
#: Words of a kicker glued in front of the on-page heading (``_without_kicker``).
KICKER_MAX_WORDS: Final = 3
#: A headline has 2 to 30 words (the dev corpus' gold titles: 2 to 27).
HEADLINE_MIN_WORDS: Final = 2
HEADLINE_MAX_WORDS: Final = 30
#: Words of a line in capitals that make it a menu bar, not a headline (``_caps_menu``).
CAPS_MENU_WORDS: Final = 5
#: A standfirst is one or two sentences: 6 to 60 words.
STANDFIRST_MIN_WORDS: Final = 6
STANDFIRST_MAX_WORDS: Final = 60
#: Units (removed lines, share strips, kickers) skipped between headline and dek.
STANDFIRST_SKIP_UNITS: Final = 6
#: A punctuated line that a share strip sets apart from the body is a dek up to
#: this length; a first paragraph is usually longer.
STANDFIRST_SET_APART_WORDS: Final = 45
#: Categories whose rules remove the article's heading along with what they are
#: for: section rules ("Aktuelles" until the content) and "Von ..." bylines. A
#: repeat of the page title that one of them removed is still the headline.
SWEPT_CATEGORIES: Final = frozenset({"related", "byline"})
#: A first line without separators this close above the article window is the
#: article's own headline (article text, trafilatura output), not a page title.
ARTICLE_TOP_UNITS: Final = 5
#: The article's heading sits at most this many units above the article window.
ABOVE_ARTICLE_UNITS: Final = 4
#: ... and shares this many words with the page title (or all of its own).
ABOVE_ARTICLE_SHARED: Final = 2
#: A site name is short: at most five words ("The Sydney Morning Herald").
SITE_MAX_WORDS: Final = 5

_SEPARATOR_RE: Final = regex.compile(r"\s+[|\-–—·»«:•/│]\s+|\s*[│|]\s*(?=\S)")
#: Where a page title splits into parts: the site-name separators, the bar-like
#: letter U+01C0 some sites use for a bar, and a colon after a word ("Chronik: ...").
_PART_RE: Final = regex.compile(r"\s+(?:[\-–—·»«›‹•~/:]|::)\s+|\s*[|│ǀ]\s*|(?<=\S):\s+")
_TERMINAL: Final = (".", "!", "?", "…", "。", "！", "？")
#: Words from which a line holding the end of a sentence is prose, not a headline:
#: the dev corpus' gold titles of two sentences have at most 14 words ("Ein
#: entspannter Start ins neue Jahr 2016 – be happy! Alles andere kann warten…").
SENTENCES_MAX_WORDS: Final = 16
#: The end of a sentence inside a line: a mark, a space and a capital letter, not
#: after an initial or an abbreviation ("Dr. Who", "Nr. 5").
_SENTENCE_END_RE: Final = regex.compile(
    r"(?<!\b\p{Lu}|\b(?:Dr|St|Mr|Mrs|Ms|Nr|No|Vol))[.!?…]\s+\p{Lu}"
)
#: A line that is a web address: the page's URL, a share link; never a title or a dek.
_URL_RE: Final = regex.compile(r"\s*(?:https?:)?//\S+\s*$|\s*www\.\S+\s*$", regex.IGNORECASE)
#: Where the words of a line start.
_WORD_START_RE: Final = regex.compile(r"(?<!\S)\S")
#: Closing quotes and brackets, looked past for a sentence's final mark.
_CLOSING_MARKS: Final = "\"'”’»“)]"
#: A host name as a part of a page title: "gizmeo.eu", "www.example.co.uk".
_DOMAIN_RE: Final = regex.compile(r"\s*(?:[\w-]+\.)+\p{L}{2,6}\s*")
_PREFIX_SEPARATORS: Final = frozenset({"|", "»", "•"})
#: A clock time, or a year with a day's number, in a short line marks a dateline
#: or byline, not a title ("Online: Feb 18, 2020", "12:34 pm").
_DATED_RE: Final = regex.compile(
    r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b|uhr\b|h\b)?|\b\d{1,2}\s*[ap]\.?m\b"
    r"|\b\d{1,2}\b.*\b(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d\b.*\b\d{1,2}\b",
    regex.IGNORECASE,
)
_YEAR_RE: Final = regex.compile(r"\b(?:1[89]|20)\d\d\b")
#: Lines of up to this many words with a date or time are never headlines ...
DATED_MAX_WORDS: Final = 6
#: ... nor are lines of a year and at most one more word ("Mai 2022"). A year
#: alone does not date a longer line: 8 of the 330 gold titles of the dev corpus
#: are short ones with a year ("Fünf HR-Trends 2023", "Anno 1800 Beta").
YEAR_LINE_WORDS: Final = 2
#: A full date (day, month and year) marks a byline or dateline at any length:
#: 2 of the 330 gold titles of the dev corpus have one, and both are found as
#: repeats of the page title, which is not checked for dates.
_FULL_DATE_RE: Final = regex.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d\b"  # 31.10.2023
    r"|\b(?:19|20)\d\d-\d\d-\d\d(?:\b|(?=T\d))"  # 2023-10-31, 2019-01-07T17:27:31
    r"|\b\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+(?:19|20)\d\d\b"  # 31. Oktober 2023, 5 March 2014
    r"|\b\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s+(?:19|20)\d\d\b"  # June 19th, 2018
)
#: A dateline (a short line with a full date, or a byline the rules removed) ...
DATELINE_MAX_WORDS: Final = 15
#: ... has the headline at most this many units above it.
DATELINE_REACH_UNITS: Final = 3
#: Words of a heading over a dateline that may end in a full stop (a blog's title
#: written as a sentence); a line of reporting is longer.
DOTTED_TITLE_WORDS: Final = 12
#: A line of this many comma-separated parts, none longer than TAG_WORDS words,
#: is a list of categories or tags ("Allgemein, Essen und Trinken, Gesellschaft,
#: Kommentare, Lifestyle"), not a headline.
TAG_LIST_PARTS: Final = 4
#: A breadcrumb trail (``_breadcrumb``): at most this many words after a home link,
#: or in each part between spaced slashes or arrows.
BREADCRUMB_MAX_WORDS: Final = 6
BREADCRUMB_PART_WORDS: Final = 3
_HOME_RE: Final = regex.compile(
    r"(home|homepage|inicio|início|startseite|accueil|start)\s", regex.IGNORECASE
)
#: A photo credit's label after the caption's words ("... Salmünster - Fotos: M. P.").
_CREDIT_RE: Final = regex.compile(
    r"\S\s+(?:fotos?|photos?|bild(?:er)?|image|credits?|quelle|source)\s*:\s*\S",
    regex.IGNORECASE,
)
#: A byline that names the author: "von Martina Scharmann", "By Jane Smith".
_AUTHOR_LINE_RE: Final = regex.compile(r"(?i:by|von|vom|par|por|di|da|door|af|av)\s+\p{Lu}")
_TRAIL_SEPARATOR_RE: Final = regex.compile(r"\s+[/>»›]\s+")
_TRAIL_HINT_RE: Final = regex.compile(r"\s[/>»›]\s")
#: A trail names the page when it has this many items, all but the last short
#: ("Startseite", "Sie sind hier: Startseite").
CRUMB_MIN_PARTS: Final = 3
CRUMB_PART_WORDS: Final = 4
CRUMB_PAGE_WORDS: Final = 3
#: Trails looked at, the first ones in the text.
CRUMB_MAX_TRAILS: Final = 4
TAG_WORDS: Final = 3
#: Separators a breadcrumb trail ends in when its last item, the page, is set apart.
_CRUMB_ENDS: Final = frozenset(">»›/")


@dataclass(frozen=True, slots=True)
class Header:
    """Where headline and standfirst were found (unit indices) and their text."""

    headline: str | None = None
    headline_unit: int | None = None
    standfirst: str | None = None
    standfirst_unit: int | None = None
    #: Units that only repeat the headline (the page's <title> line).
    title_units: tuple[int, ...] = ()
    #: The dateline or byline under the headline, skipped for the standfirst.
    dateline_unit: int | None = None
    #: Bare web addresses right above or under the headline (the page's own URL).
    link_units: tuple[int, ...] = ()
    #: The units after the first of a line that the header takes whole (headline,
    #: standfirst, dateline), ascending: the segmenter cut the line at a glue-like
    #: join ("Siben|Lab privacy policy"), and each goes as the unit before it goes.
    joined: tuple[int, ...] = ()

    @property
    def units(self) -> frozenset[int]:
        found = (
            self.headline_unit,
            self.standfirst_unit,
            self.dateline_unit,
            *self.title_units,
            *self.link_units,
            *self.joined,
        )
        return frozenset(i for i in found if i is not None)


def strip_site_name(title: str, *, heading: bool = False) -> str:
    """Strip site-name prefixes and suffixes at spaced separators.

    ``heading``: the line is an on-page heading under the page's title, where a
    dash joins the headline's own halves ("Hund vertreibt Einbrecher – Zeugenaufruf");
    only a pipe or guillemet there sets off a site name.

    >>> strip_site_name("Russian soldiers quit over forced Ukraine fighting | The Independent")
    'Russian soldiers quit over forced Ukraine fighting'
    >>> strip_site_name("Spider-Man: No Way Home review - BBC News")
    'Spider-Man: No Way Home review'
    >>> strip_site_name("Covid-19 vaccine roll-out begins")
    'Covid-19 vaccine roll-out begins'
    >>> strip_site_name("Wie man eine runde Tischdecke herstellt | homify")
    'Wie man eine runde Tischdecke herstellt'
    >>> strip_site_name("FUTURE of HOPE – Island befreit sich von den Bankstern – der Film")
    'FUTURE of HOPE – Island befreit sich von den Bankstern – der Film'
    >>> strip_site_name("Makrophotos von Insekten » gizmeo.eu | inside the machine")
    'Makrophotos von Insekten'
    >>> strip_site_name("Remote Support mit Smart Glasses – AR-Kundenservice der Zukunft?")
    'Remote Support mit Smart Glasses – AR-Kundenservice der Zukunft?'
    """
    parts = _SEPARATOR_RE.split(title)
    seps = _SEPARATOR_RE.findall(title)
    if not 2 <= len(parts) <= TITLE_MAX_PARTS:
        return title.strip()  # no separator, or too many for a page title
    # Keep the longest part with the separators that belong to it: drop short
    # site-like parts from the right, then from the left.
    lo, hi = 0, len(parts)
    # A bare domain names the site, and what follows it is its tagline
    # ("Makrophotos von Insekten » gizmeo.eu | inside the machine").
    for k in range(1, len(parts)):
        if _DOMAIN_RE.fullmatch(parts[k]) and (
            not heading or seps[k - 1].strip() in _PREFIX_SEPARATORS
        ):
            hi = k
            break
    while (
        hi - lo > 1
        and (not heading or seps[hi - 2].strip() in _PREFIX_SEPARATORS)
        and (_site_like(parts[hi - 1]) or _brand_after_bar(seps[hi - 2], parts[hi - 1]))
        and _longer(parts[lo : hi - 1], parts[hi - 1])
    ):
        hi -= 1
    # A prefix goes only at a pipe or guillemet ("BBC | Title"); "Sazerac - alles
    # über den Cocktail" starts with the subject, not the site.
    while (
        hi - lo > 1
        and seps[lo].strip() in _PREFIX_SEPARATORS
        and _site_like(parts[lo])
        and _longer(parts[lo + 1 : hi], parts[lo])
    ):
        lo += 1
    if (lo, hi) == (0, len(parts)):
        return title.strip()
    pieces = [parts[lo]]
    for k in range(lo + 1, hi):
        pieces.append(seps[k - 1])
        pieces.append(parts[k])
    return "".join(pieces).strip()


def _brand_after_bar(separator: str, part: str) -> bool:
    """One word after a bar at the end is the site's brand, whatever its case ("| homify")."""
    return separator.strip() in ("|", "│") and len(part.split()) == 1


def _site_like(part: str) -> bool:
    words = part.split()
    if not words or len(words) > SITE_MAX_WORDS:
        return False
    # Site names are capitalised or domain-like; "what happens next" is not one, nor
    # is a part led by a lower-case article ("der Film", "the movie").
    if len(words) > 1 and words[0].isalpha() and words[0].islower() and len(words[0]) <= 3:
        return False
    # A question or an exclamation is the headline's second half, not a site name
    # ("Remote Support mit Smart Glasses – AR-Kundenservice der Zukunft?").
    if part.rstrip().endswith(("?", "!")):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or "." in w for w in words if len(w) > 3)


def _longer(rest: list[str], part: str) -> bool:
    return sum(len(p.split()) for p in rest) >= max(2, len(part.split()))


def cut_kicker(seg: Segmentation, decisions: Decisions, header: Header) -> Header:
    """The header with a kicker glued in front of its headline cut off.

    Only a headline found in the text is cut, against the page title on the first
    line left (``_without_kicker``); a headline from HTML metadata is the page's own.
    """
    if header.headline is None or header.headline_unit is None:
        return header
    restated = _heading_below(seg, decisions, header, header.headline, header.headline_unit)
    if restated is not None:
        return restated
    title_line = _title_line(seg, decisions)
    if title_line is None or header.headline_unit in title_line.units:
        return header
    return replace(header, headline=_without_kicker(header.headline, title_line.text))


def _heading_below(
    seg: Segmentation, decisions: Decisions, header: Header, headline: str, unit: int
) -> Header | None:
    """The header moved to the page's own heading, just below a headline that is a
    teaser or the page title's shorter form.

    Two shapes, both with a kicker of at most KICKER_MAX_WORDS words: a teaser
    with the kicker glued on over the heading ("Lokales Lübeck So lief die Auktion
    ..." over "So lief die Auktion ..."), and the heading with its kicker under
    the title's shorter form ("Weihnachten nicht zunehmen: 10 Tipps" over
    "Abnehm-Tricks für Weihnachten Weihnachten nicht zunehmen: 10 Tipps für ein
    schlankes Fest"). The headline is the heading without the kicker; the unit
    above goes with it, as a repeat of the title does.
    """
    if len(headline.split()) <= HEADLINE_MIN_WORDS:
        return None
    suffixes = {_spaced(tail) for tail in _kicker_tails(headline)}
    opening = _spaced(headline) + " "
    for index in range(unit + 1, min(len(seg.units), unit + 1 + STANDFIRST_SKIP_UNITS)):
        if decisions[index] is not None:
            continue
        text = seg.units[index].text
        found = text if _spaced(text) in suffixes else _fuller(text, opening)
        if found is None and text.endswith(_TERMINAL) and word_count(text) >= STANDFIRST_MIN_WORDS:
            return None  # a sentence: the body has started, and a later heading is its own
        if found is not None:
            below = header.standfirst_unit is not None and header.standfirst_unit > index
            # The rest of the header (a dateline) stays with it.
            return replace(
                header,
                headline=found,
                headline_unit=index,
                standfirst=header.standfirst if below else None,
                standfirst_unit=header.standfirst_unit if below else None,
                title_units=(*header.title_units, unit),
            )
    return None


def _fuller(text: str, opening: str) -> str | None:
    """``text`` from the word that starts ``opening`` (a headline, spaced, and a
    space) at most KICKER_MAX_WORDS words in, when it goes on and reads as a title."""
    starts = [word.start() for word in _WORD_START_RE.finditer(text)]
    for start in starts[: KICKER_MAX_WORDS + 1]:
        tail = text[start:]
        if _spaced(tail).startswith(opening) and _title_like(tail):
            return tail
    return None


def attach_links(seg: Segmentation, decisions: Decisions, header: Header) -> Header:
    """The header with the bare web addresses next to its headline: the page's own
    URL printed over or under the heading ("https://www.ctpost.com/news/article/
    Deval-Patrick-takes-nascent-2020-campaign-to-14847854.php"), never a title or a
    dek and not the article's text. Kept units at most STANDFIRST_SKIP_UNITS above
    the headline or under the header are looked at (a video player's labels may
    come between).
    """
    if header.headline_unit is None:
        return header
    last = max(header.units)
    near = itertools.chain(
        range(max(0, header.headline_unit - STANDFIRST_SKIP_UNITS), header.headline_unit),
        range(last + 1, min(len(seg.units), last + 1 + STANDFIRST_SKIP_UNITS)),
    )
    links = tuple(i for i in near if decisions[i] is None and _URL_RE.match(seg.units[i].text))
    return replace(header, link_units=links) if links else header


def _title_line(seg: Segmentation, decisions: Decisions) -> Line | None:
    """The page title: the whole line of the first unit no rule removed, if any.

    The whole line, because the segmenter may have cut the title at a glued-looking
    join ("wien.ORF.at", "BeyssOnManagement").
    """
    top = next((i for i, d in enumerate(decisions) if d is None), None)
    return None if top is None else seg.lines[seg.units[top].line]


def _without_kicker(headline: str, title: str) -> str:
    """The headline without a short kicker in front that the page title leaves out.

    The on-page heading may carry its kicker glued on ("Montréal La fin des
    trottinettes ..." under the title "La fin des trottinettes ... | Le Devoir",
    "Eintracht Presse: Eintracht Frankfurt stellt ..."): when the heading, after at
    most KICKER_MAX_WORDS words, goes on with a run of whole parts of the title,
    verbatim up to case and spacing, and the title does not hold the whole heading,
    the headline is that run.

    >>> _without_kicker("Montréal La fin des trottinettes", "La fin des trottinettes | Le Devoir")
    'La fin des trottinettes'
    >>> _without_kicker("Spider-Man: No Way Home review", "Spider-Man: No Way Home review - BBC")
    'Spider-Man: No Way Home review'
    >>> _without_kicker("Banane, Bananen, Banana (Musa paradisica)", "Banane (Musa paradisica)")
    'Banane, Bananen, Banana (Musa paradisica)'
    """
    if _spaced(headline) in _spaced(title):
        return headline  # the title holds the kicker too ("Home Issues Prison official: ...")
    runs = _verbatim_runs(title)
    return next((tail for tail in _kicker_tails(headline) if _spaced(tail) in runs), headline)


def _kicker_tails(headline: str) -> list[str]:
    """``headline`` without its first one to KICKER_MAX_WORDS words, shortest cut
    first, each leaving at least HEADLINE_MIN_WORDS words.

    >>> _kicker_tails("Lokales Lübeck So lief die Auktion")
    ['Lübeck So lief die Auktion', 'So lief die Auktion', 'lief die Auktion']
    >>> _kicker_tails("Zwei Worte")
    []
    """
    words = headline.split()
    last_cut = min(KICKER_MAX_WORDS, len(words) - HEADLINE_MIN_WORDS)
    return [" ".join(words[cut:]) for cut in range(1, last_cut + 1)]


def _verbatim_runs(title: str) -> frozenset[str]:
    """Runs of adjacent parts of a page title, separators kept (``_spaced``)."""
    separators = list(_PART_RE.finditer(title))
    starts = [0] + [m.end() for m in separators]
    ends = [m.start() for m in separators] + [len(title)]
    if len(starts) > TITLE_MAX_PARTS:
        return frozenset()  # as in title_runs
    return frozenset(
        _spaced(title[starts[lo] : ends[hi]])
        for lo in range(len(starts))
        for hi in range(lo, len(ends))
    )


def _spaced(text: str) -> str:
    return " ".join(text.casefold().split())


def locate_header(
    seg: Segmentation,
    decisions: Decisions,
    window: tuple[int, int],
    title_hint: str | None = None,
) -> Header:
    """The header of the article: ``find_header``, then ``cut_kicker`` (for a headline
    found in the text) and ``attach_links``.

    The header is looked for in the text as the body will show it: a line the rules
    left whole is one unit, however the segmenter cut it. A heading with a glue-like
    join ("SibenLab privacy policy", "MedienpädagogIn in München gesucht") is cut
    in two, and half a line is never a headline; whole again, it can be one. On the
    dev corpus 3 gold titles of article text and page text each are such lines.
    """
    joined = _joinable(seg, decisions)
    if not joined:
        return _header(seg, decisions, window, title_hint)
    # The first unit of each such line holds the whole line and the others stand
    # aside as if removed: unit indices stay those of ``seg``.
    units = list(seg.units)
    view_decisions = list(decisions)
    rest: dict[int, range] = {}
    for number in joined:
        line = seg.lines[number]
        units[line.first] = Unit(line.start, line.end, line.text, number)
        rest[line.first] = range(line.first + 1, line.last)
        for i in rest[line.first]:
            view_decisions[i] = _JOINED
    view = Segmentation(seg.lines, tuple(units))
    header = _header(view, view_decisions, window, title_hint)

    def whole(found: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(k for i in found for k in (i, *rest.get(i, ())))

    taken = (header.headline_unit, header.standfirst_unit, header.dateline_unit)
    return replace(
        header,
        title_units=whole(header.title_units),
        link_units=whole(header.link_units),
        joined=tuple(sorted(k for i in taken if i is not None for k in rest.get(i, ()))),
    )


#: What the units after the first of a line taken whole are, to the header finder.
_JOINED: Final = Decision("other", "headline.joined")


def _joinable(seg: Segmentation, decisions: Decisions) -> list[int]:
    """The numbers of the lines of two or more units that no rule touched."""
    return [
        number
        for number, line in enumerate(seg.lines)
        if line.last - line.first > 1 and all(decisions[i] is None for i in line.units)
    ]


def _header(
    seg: Segmentation, decisions: Decisions, window: tuple[int, int], title_hint: str | None
) -> Header:
    header = find_header(seg, decisions, window, title_hint)
    if title_hint is None:
        header = cut_kicker(seg, decisions, header)
    return attach_links(seg, decisions, header)


def find_header(
    seg: Segmentation,
    decisions: Decisions,
    window: tuple[int, int],
    title_hint: str | None = None,
) -> Header:
    """Locate headline and standfirst among the units no rule removed.

    ``window`` is the unit range of the article: the headline sits above it, or
    inside it when teasers before the article made the window start too early (then
    only a near-exact copy of the page title counts). ``title_hint`` is a known
    headline (HTML metadata): it is the headline, and a unit repeating it goes.
    """
    units = seg.units
    body_start = window[0]
    limit = min(len(units), max(body_start + LOOKAHEAD_UNITS, window[1]))
    kept = [i for i in range(limit) if decisions[i] is None and _alone(seg, decisions, i)]
    if title_hint is not None:
        return _hinted_header(seg, decisions, kept, title_hint)
    if not kept:
        return Header()
    first = kept[0]
    title_line = _title_line(seg, decisions)
    if title_line is None:
        return Header()
    top = next(i for i in title_line.units if decisions[i] is None)
    repeat = _title_repeat(seg, decisions, title_line, body_start)
    if repeat is not None and _crumb_end(seg, repeat):
        # The repeat is the trail's current page; the heading sits under it.
        below = [
            found
            for found in (
                _above_dateline(seg, decisions, kept, body_start, after=repeat),
                _above_article(seg, kept, body_start),
            )
            if found is not None and found > repeat
        ]
        if below:
            title_units = (
                *(i for i in title_line.units if decisions[i] is None),
                repeat,
            )
            own = strip_site_name(units[below[0]].text, heading=True)
            header = Header(own, below[0], title_units=title_units)
            return _with_standfirst(seg, decisions, header, below[0], body_start)
    if repeat is not None:
        title_units = tuple(i for i in title_line.units if decisions[i] is None)
        headline = _as_titled(units[repeat].text, title_line.text)
        header = Header(headline, repeat, title_units=title_units)
        return _with_standfirst(seg, decisions, header, repeat, body_start)
    crumbed = _crumb_heading(seg, decisions, body_start)
    if crumbed is not None:
        return _with_standfirst(seg, decisions, crumbed, crumbed.headline_unit or 0, body_start)
    similar = _similar_heading(seg, kept, body_start)
    if similar is not None:
        return _with_standfirst(seg, decisions, similar, similar.headline_unit or 0, body_start)
    dated = _above_dateline(seg, decisions, kept, body_start)
    if dated is not None:
        header = Header(strip_site_name(units[dated].text, heading=dated != top), dated)
        return _with_standfirst(seg, decisions, header, dated, body_start)
    heading = _above_article(seg, kept, body_start)
    if heading is not None:
        header = Header(strip_site_name(units[heading].text, heading=True), heading)
        return _with_standfirst(seg, decisions, header, heading, body_start)
    for position, i in enumerate(kept):
        text = units[i].text
        if i >= body_start + LOOKAHEAD_UNITS:
            break
        min_words = HEADLINE_FIRST_WORDS if i == first else HEADLINE_LABEL_WORDS
        if i == first and _short_title(seg, i, kept[position + 1 :]):
            min_words = HEADLINE_MIN_WORDS
        if _title_like(text) and word_count(text) >= min_words:
            # The top line right over the article is its heading, not a page title:
            # a dash there joins the headline's halves.
            heading = i != top or body_start - i <= ARTICLE_TOP_UNITS
            header = Header(strip_site_name(text, heading=heading), i)
            return _with_standfirst(seg, decisions, header, i, body_start)
        if word_count(text) > HEADLINE_MAX_WORDS:
            break  # the body has started: no headline at the top
    return Header()


def _short_title(seg: Segmentation, index: int, after: list[int]) -> bool:
    """A first line of two words is the title ("Rasende Polizisten", "Blockhaus 3")
    when the body follows it, no heading first: over one it is a kicker or a label
    ("Dringlicher Appell", "Supported by"). Capitals only or a domain name it a section or a
    site, and a line its sentence goes on in is a name ("James Lynch" over "from
    University of Michigan").
    """
    text = seg.units[index].text
    if text.isupper() or _DOMAIN_RE.fullmatch(text):
        return False
    number = seg.units[index].line + 1
    if number < len(seg.lines) and seg.lines[number].wrapped:
        return False
    # The body starts within reach, with no heading first: a menu item is
    # followed by more menu items.
    for index in after[:SHORT_TITLE_REACH]:
        following = seg.units[index].text
        if _title_like(following) and word_count(following) >= HEADLINE_LABEL_WORDS:
            return False
        if following.endswith(_TERMINAL):
            return True
    return False


def _similar_heading(seg: Segmentation, kept: list[int], body_start: int) -> Header | None:
    """The heading most like the page title on the first line, with the title unit.

    The page <title> ("Headline - Site") usually comes first and the article's own
    heading restates it, sometimes reworded or extended. A short first line with a
    date ("31. Oktober 2023") is a dateline, not the page title, and a first line
    without separators right above the article is the article's own headline.
    """
    units = seg.units
    first = kept[0]
    if _short_dated(units[first].text):
        return None
    if body_start - first <= ARTICLE_TOP_UNITS and not _has_parts(units[first].text):
        return None
    title = strip_site_name(units[first].text)
    title_words = set(fold(title).split())
    best, best_similarity = None, MIN_TITLE_SIMILARITY
    for i in kept[1:]:
        if i < body_start - SEARCH_UNITS:
            continue
        words = set(fold(units[i].text).split())
        similarity = _similarity(words, title_words)
        inside = i >= body_start + LOOKAHEAD_UNITS
        # The word overlap first: it rules out most units, and costs less.
        if (
            similarity > best_similarity
            and (not inside or _overlap(words, title_words) >= INSIDE_SIMILARITY)
            and _title_like(units[i].text)
            and not _lede_like(units[i].text)
        ):
            best, best_similarity = i, similarity
    if best is None:
        return None
    title_units = (first,) if fold(units[best].text) == fold(title) else ()
    return Header(strip_site_name(units[best].text), best, title_units=title_units)


def _lede_like(text: str) -> bool:
    """A sentence of LEDE_WORDS words or more that ends in a mark: the article's
    first sentence restating the title ("Snopes fact checker and staff writer David
    Emery posted to Twitter asking if there were “any un-angry Trump supporters?”")."""
    return word_count(text) >= LEDE_WORDS and text.rstrip(_CLOSING_MARKS).endswith(_TERMINAL)


def _above_dateline(
    seg: Segmentation, decisions: Decisions, kept: list[int], body_start: int, after: int = -1
) -> int | None:
    """The headline just above the article's byline or dateline.

    Headline, author, then "31. Oktober 2023" or "Feb 18, 2020": the last
    dateline above the article window anchors the headline, the first title-like
    line of ``HEADLINE_LABEL_WORDS`` or more words at most ``DATELINE_REACH_UNITS``
    above it (an author's name or an agency's is shorter). Datelines inside the
    window belong to the article's text (a photo's date, a table), but for one
    right under the window's first unit: the window may start at the heading.
    Only units after ``after`` count.
    """
    units = seg.units
    kept_set = set(kept)
    anchor = None
    # The window may start at the heading itself, the byline right under it.
    if (
        after < body_start < len(units) - 1
        and body_start in kept_set
        and _dateline(units[body_start + 1].text, decisions[body_start + 1])
        and _headline_sized(units[body_start].text)
    ):
        return body_start
    for d in range(body_start - 1, max(kept[0], body_start - SEARCH_UNITS), -1):
        if not _dateline(units[d].text, decisions[d]):
            continue
        # A header has several such lines ("31.03.2020", "6 Min."): the one under
        # the heading may be farther up, within reach of the one under it.
        if anchor is not None and anchor - d > DATELINE_REACH_UNITS:
            return None
        anchor = d
        above = [
            k
            for k in range(max(kept[0], after + 1, d - DATELINE_REACH_UNITS), d)
            if k in kept_set and _headline_sized(units[k].text)
        ]
        if above:
            return above[0]
        swept = _swept_heading(seg, decisions, d)
        if swept is not None and swept > after:
            return swept
        # Right over "von Martina Scharmann" the line is no author's name, so a
        # heading of two words ("Solidarität = Nachbarschaftshilfe") counts.
        k = d - 1
        if (
            k > after
            and k in kept_set
            and _AUTHOR_LINE_RE.match(units[d].text)
            and _title_like(_without_full_stop(units[k].text))
        ):
            return k
    return None


def _headline_sized(text: str) -> bool:
    """A title of HEADLINE_LABEL_WORDS or more words (a blog's may end in a full stop)."""
    return _title_like(_without_full_stop(text)) and word_count(text) >= HEADLINE_LABEL_WORDS


def _swept_heading(seg: Segmentation, decisions: Decisions, dateline: int) -> int | None:
    """The heading right over ``dateline`` (an author's name between at most) that
    a related list's section swept up: the list ran on into the article's header.

    A teaser list over the article ("Auch interessant", "Meistgelesen") has no end
    the rules can see before the article's first paragraph; the heading it took
    is the unit nearest the dateline, not the teaser titles farther up.
    """
    units = seg.units
    k = dateline - 1
    if k >= 0 and word_count(units[k].text) < HEADLINE_LABEL_WORDS:
        k -= 1  # the author's name
    swept = decisions[k] if k >= 0 else None
    if swept is None or swept.category != "related" or swept.rule.startswith("context."):
        return None
    return k if _headline_sized(units[k].text) and _alone(seg, decisions, k) else None


def _above_article(seg: Segmentation, kept: list[int], body_start: int) -> int | None:
    """The article's own heading: the kept unit right above the article window,
    when the page's <title> is far above it, with menus between.

    A page title often words the story otherwise than the heading on the page (an
    SEO title: "Privatkredit-Zinsen: So ermitteln Sie Ihre Kosten | smava" over
    "Wie hoch sind die Zinsen für einen Privatkredit?"), too differently for
    ``_similar_heading``. The first line must split like a page title
    (``_has_parts``): a first line without separators is the article's own
    heading. The unit must be title-like, no table row, and share words with the
    title: a section's heading over a sidebar the window took for the article
    ("Letzte Artikel") does not. On the dev corpus: 6 gold titles more, none lost.
    """
    units = seg.units
    first = kept[0]
    title = units[first].text
    if body_start - first <= ARTICLE_TOP_UNITS or not _has_parts(title):
        return None
    if not _title_like(title) or word_count(title) < HEADLINE_FIRST_WORDS:
        return None
    # kept is ascending and spans the window: the last kept unit above it.
    position = bisect.bisect_left(kept, body_start) - 1
    if position < 1 or body_start - kept[position] > ABOVE_ARTICLE_UNITS:
        return None
    above = kept[position]
    text = units[above].text
    if not _title_like(text) or word_count(text) < HEADLINE_MIN_WORDS or _table_row(text):
        return None
    # It restates the page title in other words; a section's heading over a
    # sidebar the window took for the article ("Letzte Artikel") shares none.
    words = set(fold(text).split())
    shared = words & set(fold(strip_site_name(title)).split())
    return above if len(shared) >= ABOVE_ARTICLE_SHARED or words <= shared else None


def _as_titled(repeat: str, title: str) -> str:
    """The repeat of the page title without a closing full stop the title lacks.

    A page may set its headline again as the first sentence of the article, the
    full stop added ("... et aller bien." under "... et aller bien"); a repeat that
    keeps its full stop in the title ("Nebelsuppe.") keeps it here too. A repeat
    of the whole title is spelled as the title is ("Forums-Regeln" over a heading
    "Forums - Regeln") when the two start and end alike: a title that adds marks at
    either end ("...: Tach auch!", "Truckwash A31,") is the worse spelling.
    """
    if fold(repeat) == fold(title) and _same_ends(repeat, title):
        return title
    if repeat.endswith(".") and not repeat.endswith("..") and repeat not in title:
        cut = repeat[:-1].rstrip()
        if cut in title:
            return cut
    return repeat


def _same_ends(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` start with the same character and end with the same one,
    case aside."""
    return a[:1].casefold() == b[:1].casefold() and a[-1:].casefold() == b[-1:].casefold()


def _without_full_stop(text: str) -> str:
    """``text`` without one closing full stop, when it is short enough for a title.

    Over a byline or dateline, a blog's heading may be a sentence ("Warum ich lieber
    Bauchgeburt statt Kaiserschnitt sage."); elsewhere a full stop marks reporting.
    """
    if text.endswith(".") and not text.endswith("..") and word_count(text) <= DOTTED_TITLE_WORDS:
        return text[:-1]
    return text


def _dateline(text: str, decision: Decision | None) -> bool:
    if decision is not None:
        return decision.category == "byline"
    return word_count(text) <= DATELINE_MAX_WORDS and _FULL_DATE_RE.search(text) is not None


def _title_repeat(
    seg: Segmentation, decisions: Decisions, title_line: Line, body_start: int
) -> int | None:
    """The line nearest above the article that repeats part of the page title.

    The first line is the page's ``<title>``: "Headline | Site", "Site » Blog Archiv »
    Headline", "Kicker: Headline - Site". A later line equal to one part of it, or
    to a run of adjacent parts, is the article's own heading. The site name is
    repeated too (a logo above the menus, a footer), and so are kickers and
    sections (breadcrumbs); of the repeats that may be the headline, the one
    closest to the article window wins: blogs put the site name first and the
    post title just above the post. A related or byline rule's removal does not
    disqualify a repeat of two or more words: section rules ("Aktuelles", "Von
    ...") sweep up the heading under them; a one-word one ("News") is a label.
    """
    units = seg.units
    title = title_line.text
    runs = title_runs(title)
    if not runs:
        return None
    core = fold(strip_site(title))
    # A unit that starts with a letter or digit folds to a text that starts with
    # it, case folded: one not starting a run is no repeat, and is not folded (the
    # units above the article of a whole page are many: menus, teasers).
    starts = frozenset(run[0] for run in runs)
    best = None
    # Repeats met so far: a part of the title repeated above another (a blog's name
    # over its menus) is the site's name, however long ("Nebelsuppe. | Das Leben,
    # der Meister und ich...", repeated as the header, then "Nebelsuppe." over the
    # post), when the other sits right over the article.
    seen: set[str] = set()
    # A window that starts at the title line itself (article text) starts under it.
    end = max(body_start, title_line.last) + LOOKAHEAD_UNITS
    for i in range(title_line.last, min(len(units), end)):
        text = units[i].text
        if text[0].isalnum() and text[0].casefold()[0] not in starts:
            continue
        folded = fold(text)
        if folded not in runs:
            continue
        if (
            word_count(text) <= HEADLINE_MAX_WORDS
            and (
                _covers(folded, core)
                or (body_start - i <= ABOVE_ARTICLE_UNITS and _beside(seg, i, folded, core, seen))
            )
            and _alone(seg, decisions, i)
            and _may_be_heading(text, decisions[i])
        ):
            best = i
        seen.add(folded)
    return best


def _beside(seg: Segmentation, index: int, repeat: str, core: str, seen: set[str]) -> bool:
    """Whether ``core`` is ``repeat`` and a repeat in ``seen``, one after the other,
    and unit ``index`` (the repeat) is the only unit of its text: a field of a
    listing repeats ("Herkunft: / D.O.Ca. Rioja, Spanien" under every wine), a
    heading does not."""
    if core.startswith(repeat + " "):
        rest = core[len(repeat) + 1 :]
    elif core.endswith(" " + repeat):
        rest = core[: -len(repeat) - 1]
    else:
        return False
    text = seg.units[index].text
    return rest in seen and sum(unit.text == text for unit in seg.units) == 1


def _may_be_heading(text: str, decision: Decision | None) -> bool:
    """A unit no rule removed, or a heading swept up by a related or byline rule."""
    if decision is None:
        return True
    return decision.category in SWEPT_CATEGORIES and word_count(text) >= HEADLINE_MIN_WORDS


def _covers(repeat: str, core: str) -> bool:
    """Whether a repeated title part is the headline, not a site name or a kicker.

    ``core`` is the title without what ``strip_site`` takes for site names and
    sections. The repeat contains it, or lies inside it and leaves out at most a
    site name's worth of words ("Unbefriedigt" of "Unbefriedigt | Deviante Pfade";
    not "Lübeck" of "Lübeck: So war die Auktion für St. Johannes"). A repeat of
    more words than a site name has that opens the title is the headline whatever
    follows: a journal's "Headline: Subtitle: Journal: Vol 172, No 7" repeats its
    headline over its subtitle on the page, and neither reads as a site name.
    """
    if f" {core} " in f" {repeat} ":
        return True
    if f" {repeat} " not in f" {core} ":
        return False
    if len(repeat.split()) > SITE_MAX_WORDS and f"{core} ".startswith(f"{repeat} "):
        return True
    left_out = len(core.split()) - len(repeat.split())
    return left_out <= max(SITE_MAX_WORDS, len(repeat.split()))


def title_runs(title: str) -> frozenset[str]:
    """Folded runs of adjacent parts of a page title split at its separators.

    >>> sorted(title_runs("Kicker: Big news - Site"))
    ['big news', 'big news site', 'kicker', 'kicker big news', 'kicker big news site', 'site']
    """
    parts = _PART_RE.split(title)
    if len(parts) > TITLE_MAX_PARTS:
        return frozenset()  # a menu or a ticker on one line, not a page title
    parts = [fold(part) for part in parts]
    runs = set()
    for lo in range(len(parts)):
        for hi in range(lo + 1, len(parts) + 1):
            run = " ".join(p for p in parts[lo:hi] if p)
            if run:
                runs.add(run)
    return frozenset(runs)


def _has_parts(title: str) -> bool:
    """Whether a line splits like a page title ("Headline | Site", "Kicker:")."""
    return title.endswith(":") or _PART_RE.search(title) is not None


def _similarity(a: set[str], b: set[str]) -> float:
    """Word overlap of two titles; one containing the other counts nearly as equal.

    The article's heading often extends the page title ("10 Tipps" in <title>,
    "10 Tipps für ein schlankes Fest" on the page): containment of a title of
    three or more words scores 0.9, below an exact copy.
    """
    overlap = _overlap(a, b)
    if len(a & b) == min(len(a), len(b)) >= CONTAINED_MIN_WORDS:
        return max(overlap, CONTAINED_SIMILARITY)
    return overlap


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared words over the words of the longer title (0 if either has none)."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _alone(seg: Segmentation, decisions: Decisions, index: int) -> bool:
    """The unit is all that is left of its line (a headline is never half a line),
    and the line neither goes on a sentence from the line above nor has its own
    sentence go on in the line below (``_continues``): a hard-wrapped paragraph's
    first line is no headline, nor its second a standfirst."""
    number = seg.units[index].line
    line = seg.lines[number]
    if line.wrapped and _continues(seg.lines[number - 1].text):
        return False
    if _continues(line.text) and _wrapped_on(seg, number + 1):
        return False
    return all(i == index or decisions[i] is not None for i in line.units)


def _wrapped_on(seg: Segmentation, number: int) -> bool:
    """Line ``number`` is a hard wrap that goes on a paragraph: it ends a sentence or
    wraps on into the next line. A byline under a headline ("vom Krimiblogger",
    "von Die Tagespresse 31. Oktober 2023") starts in lower case too, but the
    article starts under it."""
    lines = seg.lines
    if number >= len(lines) or not lines[number].wrapped:
        return False
    after = lines[number + 1] if number + 1 < len(lines) else None
    return lines[number].text.endswith(_TERMINAL) or (after is not None and after.wrapped)


def _continues(above: str) -> bool:
    """Whether a hard-wrapped line under ``above`` goes on its sentence: ``above``
    ends in a comma, a hyphen or a lower-case word ("which were released online
    ... on social media," over "show Nigerian actress ..."; "James Lynch" over
    "from University of Michigan"). A lower-case line under a kicker or a date
    ("FINTECH 20. Juni 2019" over "creditshelf kooperiert ...") may be a headline.
    """
    last = above[-1:]
    return last in ",-" or last.islower()


def _hinted_header(seg: Segmentation, decisions: Decisions, kept: list[int], title: str) -> Header:
    folded = fold(title)
    for i in kept[: LOOKAHEAD_UNITS + 2]:
        if fold(strip_site_name(seg.units[i].text)) == folded:
            return _with_standfirst(seg, decisions, Header(title, i), i, i + 1)
    return Header(title)


def _title_like(text: str) -> bool:
    words = word_count(text)
    if not HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
        return False
    if _short_dated(text) or _FULL_DATE_RE.search(text) or _tag_list(text):
        return False
    if _caps_menu(text) or _breadcrumb(text) or _URL_RE.match(text) or "://" in text:
        return False
    if "©" in text or _CREDIT_RE.search(text):
        return False  # a caption with its credit ("... gemacht, ©BillionPhotos.com")
    # A headline is not a sentence of reporting ending in a full stop, nor a label;
    # nor is a quoted sentence (a pull quote: '... and peace.”').
    end = text.rstrip(_CLOSING_MARKS)
    if end.endswith((".", ":", ",", ";", "。")) and not end.endswith("..."):
        return False
    # Nor is a long line of two sentences: a lead-in ("Also, we hope you have as
    # much fun as we did! Here's what he had to say…").
    return words <= SENTENCES_MAX_WORDS or _SENTENCE_END_RE.search(text) is None


def _caps_menu(text: str) -> bool:
    """A menu bar in capitals: "NEWS FEATURES BEAUTY ENTERTAINMENT ROYALS HEALTH".

    Five or more upper-case words of four or more letters each; a headline set in
    capitals has short words ("OF", "THE", "FÜR") or figures among them.
    """
    words = text.split()
    return len(words) >= CAPS_MENU_WORDS and all(
        len(w) >= 4 and w.isalpha() and w.isupper() for w in words
    )


def _table_row(text: str) -> bool:
    """A row of a table as extractors write it: "| Herkunft | Sidamo (Äthiopien) |"."""
    return text.startswith("|") and text.endswith("|")


def _short_dated(text: str) -> bool:
    """A short line with a date or a time.

    >>> _short_dated("Januar 2022"), _short_dated("Online: Feb 18, 2020")
    (True, True)
    >>> _short_dated("Fünf HR-Trends 2023")
    False
    """
    words = word_count(text)
    if words > DATED_MAX_WORDS:
        return False
    if _DATED_RE.search(text):
        return True
    return words <= YEAR_LINE_WORDS and _YEAR_RE.search(text) is not None


def _breadcrumb(text: str) -> bool:
    """A breadcrumb trail: section names after a home link, or joined by slashes.

    >>> _breadcrumb("National / Crime & Legal"), _breadcrumb("Inicio VENEZUELA CIUDAD")
    (True, True)
    >>> _breadcrumb("Accueil > Actualités > Décisions de l’AG Éducation IDF du mardi 10 septembre")
    True
    >>> _breadcrumb("Home prices rise again in March"), _breadcrumb("AC/DC announce a tour")
    (False, False)
    """
    words = text.split()
    if _HOME_RE.match(text) and len(words) <= BREADCRUMB_MAX_WORDS:
        return all(w[:1].isupper() or w == "&" for w in words)
    parts = _TRAIL_SEPARATOR_RE.split(text)
    if len(parts) > 2 and _HOME_RE.fullmatch(parts[0] + " "):
        return True  # "Accueil > Actualités > Décisions de l'AG du 10 septembre"
    return len(parts) > 1 and all(len(p.split()) <= BREADCRUMB_PART_WORDS for p in parts)


def _crumb_end(seg: Segmentation, index: int) -> bool:
    """The unit is the last item of a breadcrumb trail: the unit above is the trail,
    ending in its separator ("Tonight News > Unterhaltung > Promis >")."""
    if index == 0:
        return False
    above = seg.units[index - 1].text.rstrip()
    return above[-1:] in _CRUMB_ENDS and _breadcrumb(above[:-1].rstrip())


def _crumb_heading(seg: Segmentation, decisions: Decisions, body_start: int) -> Header | None:
    """The heading that a breadcrumb trail names as the page: the trail's last item
    ("home / Betrieb / IT / Cyber-Angriffe: 20 Prozent vom IT-Budget ...") printed
    again as a heading of its own, or at the end of one after a kicker of at most
    KICKER_MAX_WORDS words ("Investitionen in IT-Sicherheit Cyber-Angriffe: ...").
    A last item of fewer than CRUMB_PAGE_WORDS words may be a section's name
    ("Politik > Energie-Krise"): it counts only for the unit right under its trail.
    Of several such units, the one nearest the article window's start, at most
    SEARCH_UNITS units away.
    """
    units = seg.units
    trails: dict[int, str] = {}
    for index, unit in enumerate(units):
        if _TRAIL_HINT_RE.search(unit.text) and (page := _trail_page(unit.text)) is not None:
            trails[index] = page
            if len(trails) == CRUMB_MAX_TRAILS:
                break  # a page has one or two trails; a text of thousands is no page
    if not trails:
        return None
    titles = {page for page in trails.values() if len(page.split()) >= CRUMB_PAGE_WORDS}
    best: Header | None = None
    best_distance = SEARCH_UNITS + 1
    near = range(max(0, body_start - SEARCH_UNITS), min(len(units), body_start + SEARCH_UNITS))
    for index in near:
        if abs(index - body_start) >= best_distance or index in trails:
            continue
        text = units[index].text
        if not _alone(seg, decisions, index) or not _may_be_heading(text, decisions[index]):
            continue
        under = trails.get(index - 1)
        for page in (*titles, *(() if under is None else (under,))):
            found = _ending_in(text, page)
            if found is not None:
                best = Header(found, index)
                best_distance = abs(index - body_start)
    return best


def _trail_page(text: str) -> str | None:
    """The last item of a breadcrumb trail of three or more items, when it reads as a
    title; ``None`` for any other text."""
    parts = _TRAIL_SEPARATOR_RE.split(text.strip())
    if len(parts) < CRUMB_MIN_PARTS:
        return None
    *trail, page = parts
    if any(len(part.split()) > CRUMB_PART_WORDS for part in trail):
        return None
    return page if _title_like(page) else None


def _ending_in(text: str, page: str) -> str | None:
    """``text`` or its end, when it is ``page`` or ``page`` after a short kicker."""
    if fold(text) == fold(page):
        return text
    if text.endswith(" " + page) and len(text[: -len(page)].split()) <= KICKER_MAX_WORDS:
        return text[-len(page) :]
    return None


def _tag_list(text: str) -> bool:
    """A comma-separated list of short parts: the categories or tags of a post.

    >>> _tag_list("Allgemein, Essen und Trinken, Gesellschaft, Kommentare, Lifestyle")
    True
    >>> _tag_list("Turkey, Poland and three Caribbean islands added to quarantine list")
    False
    """
    parts = text.split(",")
    return len(parts) >= TAG_LIST_PARTS and all(len(p.split()) <= TAG_WORDS for p in parts)


def _with_standfirst(
    seg: Segmentation, decisions: Decisions, header: Header, index: int, body_start: int
) -> Header:
    """Add the standfirst: the first real line under the headline, when it reads as a dek.

    A dek is set apart from the body: it lacks terminal punctuation, or the article
    window starts after it. A punctuated paragraph inside the window is the lede,
    even when a byline, date or image credit separates it from the next one: on the
    dev corpus, such paragraphs are body text in the gold of 19 pages (3 aeb and
    mozr gold bodies, 16 pages' tfe snippets) and a dek kept apart on 4.
    """
    units = seg.units
    k = index + 1
    # Skip removed units and short chrome (share strips, kickers) under the headline.
    while (
        k < len(units)
        and k - index <= STANDFIRST_SKIP_UNITS
        and (decisions[k] is not None or word_count(units[k].text) < STANDFIRST_MIN_WORDS)
    ):
        k += 1
    if k >= len(units) or k - index > STANDFIRST_SKIP_UNITS or decisions[k] is not None:
        return header
    # A dek is a line of its own (or one taken whole: ``locate_header``), not part
    # of a hard-wrapped paragraph.
    others = seg.lines[units[k].line].units
    if (
        units[k].line == units[index].line
        or any(i != k and decisions[i] is not _JOINED for i in others)
        or not _alone(seg, decisions, k)
    ):
        return header
    text = units[k].text
    words = word_count(text)
    if _URL_RE.match(text):
        return header  # a link under the headline ("//www.nbcdfw.com/news/..."), not a dek
    if _dateline_under(text, words):
        # "Reuters November 18, 2019 11:03 PM": a dek comes above the byline, and
        # the paragraph under it is the lede.
        return replace(header, dateline_unit=k)
    if not STANDFIRST_MIN_WORDS <= words <= STANDFIRST_MAX_WORDS or text.endswith(":"):
        return header
    if header.headline and fold(text) == fold(header.headline):
        # The heading set twice ("Zwischenbilanz: ..." / "Feature" / "Zwischenbilanz: ...").
        return replace(header, title_units=(*header.title_units, k))
    if header.headline and fold(text).startswith(fold(header.headline) + " "):
        # A caption that names the place or the subject again ("Essen-Westviertel
        # Ehemaliges Press- und Hammerwerk Ost ..." under "Essen-Westviertel").
        return header
    following = k + 1
    while following < len(units) and decisions[following] is not None:
        following += 1
    if following >= len(units):
        return header  # the only paragraph left is the body, not a dek
    share_strip = any(
        d is not None and d.category == "social" for d in decisions[k + 1 : following]
    )
    if (
        not without_symbols(text).endswith(_TERMINAL)
        or k < body_start
        or (share_strip and words <= STANDFIRST_SET_APART_WORDS)
    ):
        return replace(header, standfirst=text, standfirst_unit=k)
    return header


def _dateline_under(text: str, words: int) -> bool:
    """A dateline or byline, not a dek: a short line with a date or a time that does
    not end like a sentence ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "11/19/2019
    by Lars Brandle", "Veröffentlicht am 15/07/2014 von Guido Beyss")."""
    if words > DATELINE_MAX_WORDS or without_symbols(text).endswith(_TERMINAL):
        return False
    return _FULL_DATE_RE.search(text) is not None or _DATED_RE.search(text) is not None
