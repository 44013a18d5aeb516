"""Split text into lines and units with offsets into the input.

A *line* is one line of the input, stripped of surrounding whitespace. A *unit* is a
line, or a piece of a line where scraping glued two blocks together without a space
("...makes all the difference.Russian soldiers are...", "AdvertisementThe minister").
Rules look at units so that the boilerplate half of a glued line can go while the
article half stays; kept units of one line are re-joined verbatim, so splitting a
line that turns out to be all article text changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

import regex

# The same line breaks as str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85,
# U+2028, U+2029. Anything else (NUL, other controls) stays inside a line.
_LINE_BREAKS: Final = r"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Unicode whitespace plus zero-width characters, which scraped text carries at line
# edges (U+200B, U+FEFF) and which str.strip() does not remove, plus C0/C1 control
# characters (NUL, ESC, U+001F, ...): a line of only controls is not a paragraph,
# and a headline should not end in a NUL (tests/test_hostile.py). Bidi and other
# format characters (Cf) stay: they change how a right-to-left line is shown.
_EDGE_SPACE: Final = "\\s\\p{Cc}\u200b\u200c\u200d\u2060\ufeff"
_CONTENT_RE: Final = regex.compile(rf"[^{_EDGE_SPACE}](?:.*[^{_EDGE_SPACE}])?", regex.DOTALL)
# The stripped content of every line in one scan of the text: from a non-edge
# character to the last non-edge one before the next line break. Line breaks are
# edge characters (\p{Cc} or \s), so a match never spans two lines and starts at
# the first non-edge character of a line, as _CONTENT_RE on each line does.
_LINE_CONTENT_RE: Final = regex.compile(rf"[^{_EDGE_SPACE}](?:[^{_LINE_BREAKS}]*[^{_EDGE_SPACE}])?")

# A glued sentence join: a word of two or more lower-case letters or digits, then
# terminal punctuation and an optional closing quote, then directly a capital.
# Two letters before the stop keep "U.S.Army", "e.g.The" and "J.R.R.Tolkien" whole;
# a digit or letter after the stop (decimals, "v1.2") never starts a split.
_SENTENCE_GLUE: Final = r"(?<=[\p{Ll}\d]{2}[.!?…][\"'”’»)\]]?)(?=[\p{Lu}\"“«])"
# A glued word join: a lower-case letter then a capitalised word, where the left
# word has four or more letters ("AdvertisementThe", "CommentsShare"). The length
# floor keeps "iPhone", "McDonald" and "YouTube" whole. The left word starts after a
# non-letter or is itself a capitalised word glued on ("WeberDisclaimerComments"
# splits twice): were it only the former, the piece "DisclaimerComments" would split
# again when the body is cleaned a second time (found by tests/test_properties.py).
# Two kinds of inner capital are words, not joins: German's gender-inclusive plural
# ("LehrerInnen", 6 German pages of the dev corpus) and an "In" that no sentence
# follows ("LinkedIn-Profil", "PfarrerIn."). "In" before a space stays a
# join: "AdvertisementIn a wide-ranging interview" is a label glued on (the
# singular "MedienpädagogIn in München" is cut too, and rejoined when kept). Nor is
# a handle or a hashtag cut ("@BuildingTwenty", "#JetFuelCantMeltSteelBeams"):
# camel case is how they spell words; the bound keeps the look back short.
_WORD_GLUE: Final = (
    r"(?<=(?:(?<![\p{L}\d])\p{Lu}?|(?<=\p{Ll})\p{Lu})\p{Ll}{3,}\p{Ll})(?=\p{Lu}\p{Ll})"
    r"(?<![@#][\p{L}\d_]{0,40})"
    r"(?!Innen(?!\p{L})|In(?![\p{L}\p{Zs}\t]))"
)
_GLUE_RE: Final = regex.compile(f"{_SENTENCE_GLUE}|{_WORD_GLUE}")
# The character after a cut of either join, preceded by one that can come before a
# cut: the class first, so the engine skips ahead to the rare capitals and quotes.
_GLUE_CANDIDATE_RE: Final = regex.compile(r"[\p{Lu}\"“«](?<=[\p{Ll}.!?…\"'”’»)\]][\p{Lu}\"“«])")
# A token that is a URL, a domain or an e-mail address is never split inside. Each
# alternative finds what its plain form finds (URLISH_PLAIN, checked against it by
# tests/test_segment.py), in time linear in the line: the plain forms tried every
# position of a long token, "\S+@" scanning to its end from each, so that a line of
# 8,000 characters of "a@" with one glued join took 52 s, and twice that, 408 s.
# An e-mail address is tried from the start of a token only, up to its first "@"
# after the first character; a domain from the start of a run of word characters,
# hyphens and dots, or just after a dot that the run's hyphens alone precede, and
# up to its first top-level domain (the span goes on to the token's end either
# way), over whole labels: backtracking into a chain of 40,000 labels took 1.6 s.
_TOP_LEVEL_DOMAINS: Final = "com|org|net|de|uk|fr|es|it|pt|br|io|co"
_URLISH_RE: Final = regex.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<!\S)\S[^\s@]*@\S+\.\S+"
    r"|(?:(?<![\w.-])|(?<=(?<![\w-])-*\.))-*+\K"
    rf"\b[\w-]++(?:\.[\w-]++)*?\.(?:{_TOP_LEVEL_DOMAINS})\b\S*",
    regex.IGNORECASE,
)
#: The plain form of ``_URLISH_RE``: the specification its linear form must meet.
URLISH_PLAIN: Final = (
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.(?:{_TOP_LEVEL_DOMAINS})\b\S*"
)


# A line ending in one of these closes its block: the next line is not a wrap.
_NO_WRAP_ENDINGS: Final = (".", "!", "?", ":", ";", "…", '"', "”", "»")

# Chinese and Japanese have no lower case to show a wrap; a line ending in one of
# these commas is in mid-sentence, and the next line goes on with it.
_CJK_COMMAS: Final = ("、", "，")


# Unit and Line are named tuples, not frozen dataclasses: a text of a million short
# lines makes a million of each, and a tuple is built in C (segmenting one-word lines
# took 40% less time).
class Unit(NamedTuple):
    """A piece of one line: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    line: int


class Line(NamedTuple):
    """One non-empty input line and the indices of its units."""

    start: int
    end: int
    text: str
    first: int
    last: int  # exclusive
    #: The line continues the previous one: a hard wrap inside a sentence (no blank
    #: line between, the previous line ends without punctuation, this one starts in
    #: lower case, or the previous one ends in a CJK comma). Wrapped lines are
    #: scored as one block.
    wrapped: bool = False

    @property
    def units(self) -> range:
        return range(self.first, self.last)


@dataclass(frozen=True, slots=True)
class Segmentation:
    lines: tuple[Line, ...]
    units: tuple[Unit, ...]


def segment(text: str, cuts: Sequence[int] = ()) -> Segmentation:
    """Cut ``text`` into non-empty stripped lines, and lines into glued units.

    ``cuts`` are more offsets to cut lines at, besides the glued joins: the ends
    of the spans that inline rules remove (``Matcher.inline_spans``).

    >>> seg = segment("Comments\\nIt ends here.Next one starts")
    >>> [u.text for u in seg.units]
    ['Comments', 'It ends here.', 'Next one starts']
    """
    lines: list[Line] = []
    units: list[Unit] = []
    # Both scans run once over the whole text: what they find is what a scan of
    # each line would find (see _LINE_CONTENT_RE and _glue_cuts). The sentinel cut
    # past the end saves a bounds check a line.
    found = _glue_cuts(text)
    if cuts:
        found = sorted({*found, *cuts})
    bounds = [*found, len(text) + 1]
    next_cut = 0
    # The loop runs once a line (a million times for a text of one-word lines):
    # tuples are built with tuple.__new__, skipping the named tuples' Python-level
    # __new__.
    new = tuple.__new__
    add_line, add_unit = lines.append, units.append
    previous: Line | None = None
    for content in _LINE_CONTENT_RE.finditer(text):
        start, end = content.span()
        line_text = content.group()
        index = len(lines)
        first = len(units)
        while bounds[next_cut] <= start:
            next_cut += 1
        if bounds[next_cut] < end:
            inside = []
            while bounds[next_cut] < end:
                inside.append(bounds[next_cut] - start)
                next_cut += 1
            for piece_start, piece_end in _glue_pieces(line_text, start, inside):
                add_unit(new(Unit, (piece_start, piece_end, text[piece_start:piece_end], index)))
        else:
            add_unit(new(Unit, (start, end, line_text, index)))
        wrapped = (
            previous is not None
            and continues(previous.text, line_text)
            and _is_gap_of_one_break(text[previous.end : start])
        )
        previous = new(Line, (start, end, line_text, first, len(units), wrapped))
        add_line(previous)
    return Segmentation(tuple(lines), tuple(units))


def strip_edges(line: str) -> str:
    """``line`` without the edge characters ``segment`` strips from every line.

    Not ``str.strip()``: that keeps zero-width characters (U+200B, U+FEFF) and NUL,
    which ``segment`` strips; ``apply_removals`` must strip exactly as ``segment``
    does or the trail would not replay (found by tests/test_properties.py).

    >>> strip_edges("\u200b Hello\u00a0\ufeff")
    'Hello'
    """
    content = _CONTENT_RE.search(line)
    return "" if content is None else content.group()


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence of ``previous`` (both stripped
    lines, next to each other): it starts in lower case, or ``previous`` ends in a
    CJK comma, and ``previous`` does not end a sentence or a clause.

    ``segment`` marks such a line ``wrapped`` when one line break alone parts the
    two; ``result.apply_removals`` keeps the break in the paragraph.
    """
    return (line[:1].islower() or previous.endswith(_CJK_COMMAS)) and not previous.endswith(
        _NO_WRAP_ENDINGS
    )


def _is_gap_of_one_break(gap: str) -> bool:
    """Whether ``gap`` (between two lines' content) is one line break: a blank line
    ends a paragraph; edge spaces around the break ("in new \nmake-up") do not."""
    if gap == "\n":
        return True  # the common case, decided without a scan
    # One break: the gap with a character after it splits in two.
    return _LINE_CONTENT_RE.search(gap) is None and len((gap + "x").splitlines()) == 2


def _glue_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where ``_GLUE_RE`` splits a line.

    A cut needs a lower-case letter or closing punctuation right before it and a
    capital or opening quote right after it, which prose seldom has (". The" has a
    space): ``_GLUE_CANDIDATE_RE`` finds those few places and ``_GLUE_RE`` decides
    there. Over the whole text rather than per line, the lookarounds of
    ``_GLUE_RE`` see the same characters inside a line; beyond its ends they meet
    line breaks or stripped edge characters, which none of them accepts, just as
    they fail at the ends of a line on its own.
    """
    return [
        found.start()
        for found in _GLUE_CANDIDATE_RE.finditer(text)
        if _GLUE_RE.match(text, found.start())
    ]


def _glue_pieces(line: str, start: int, cuts: list[int]) -> list[tuple[int, int]]:
    """Offsets (into the text) of the pieces of ``line`` (at ``start``) cut at ``cuts``."""
    protected = [m.span() for m in _URLISH_RE.finditer(line)]
    cuts = [c for c in cuts if not any(a < c < b for a, b in protected)]
    bounds = [0, *cuts, len(line)]
    pieces = []
    for a, b in itertools.pairwise(bounds):
        # Pieces keep their own trailing spaces out, so offsets stay on text.
        piece = line[a:b]
        stripped = piece.rstrip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            pieces.append((start + a + lead, start + a + len(stripped)))
    return pieces
