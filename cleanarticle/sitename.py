"""Site names in page titles: recognise them, and cut them off at separators.

"Headline | Section | The Guardian", "Headline - 21/12/2018 - Esporte - Folha",
"Blog Name » Headline": the site name, with the sections and dates next to it, is
cut only at a separator with spaces on both sides (or a bare ``|``), so hyphenated
words ("Spider-Man", "Covid-19") stay whole. A colon counts as a separator only when
what it cuts off is a known site name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import regex

_CJK: Final = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
#: Separators a site name hangs on. Chinese, Japanese and Korean titles put no
#: spaces around them ("武汉的声音：...的城！-新华网"); there a dash, underscore or bar
#: between CJK characters (or after CJK punctuation) separates, as no word is
#: hyphenated there.
SEPARATOR_RE: Final = regex.compile(
    r"\s+(?:[\-–—·»«›‹•~/]|::|:)\s+|\s*[|│]\s*"
    rf"|(?<=[{_CJK}\u3000-\u303f\uff00-\uffef])[\-_–—](?=[{_CJK}])"
)
_CJK_RE: Final = regex.compile(rf"[{_CJK}]+")
#: A CJK site name ("新华网", "网易新闻") is at most this many characters ...
CJK_SITE_CHARS: Final = 8
#: Separators that set off section names ("Politics | Headline | Site"), unlike dashes,
#: which also join a headline's own halves ("Hund vertreibt Einbrecher – Zeugenaufruf").
SECTION_SEPARATORS: Final = frozenset({"|", "│", "»", "›", "/", "·", "•"})
#: Without a site-name signal, a last part of at most this many words goes ...
GENERIC_SITE_WORDS: Final = 4
#: ... when what remains is at least this many times longer (in words), so that in
#: "Bundesliga: Dortmund - Mönchengladbach live sehen!" neither half is cut.
GENERIC_RATIO: Final = 2
#: A host name's label this long identifies the site inside a part of the title.
HOST_LABEL_CHARS: Final = 6
#: A page title has at most this many parts between separators; a line with more (a
#: menu, a ticker) is not split into site name and title runs: that work grows with
#: the square of the parts (a hostile first line of 1,000 separators took 14 s).
TITLE_MAX_PARTS: Final = 12
#: A part this short may be an abbreviated site name ("Folha" for "Folha de S.Paulo").
SHORT_SITE_WORDS: Final = 3
_DATE_RE: Final = regex.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_DOMAIN_END_RE: Final = regex.compile(r"(?:com|net|org|info|de|at|ch|fr|es|it|nl|pt|uk|co|eu|io)+")
_FOLD_RE: Final = regex.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower-case, punctuation-free form used to compare title lines.

    >>> fold("Spider-Man: No Way Home!")
    'spider man no way home'
    """
    folded: str = _FOLD_RE.sub(" ", text.casefold())
    return folded.strip()


def strip_site(title: str, sites: Iterable[str] = ()) -> str:
    """Cut site names, sections and dates off a page title.

    Args:
        title: a page title.
        sites: known names of the site. Without one, only a short capitalised last
            part ("BBC News", "TechCrunch") much shorter than the rest goes.

    Returns:
        The title without them (whitespace normalised); never empty.

    >>> strip_site("Tite diz que errou - 21/12/2018 - Esporte - Folha", ["Folha de S.Paulo"])
    'Tite diz que errou'
    >>> strip_site("Friend portability is the must-have Facebook regulation – TechCrunch")
    'Friend portability is the must-have Facebook regulation'
    >>> strip_site("Spider-Man: No Way Home review")
    'Spider-Man: No Way Home review'
    """
    title = " ".join(title.split())
    sites = [s for s in sites if fold(s)]
    parts = SEPARATOR_RE.split(title)
    if len(parts) > TITLE_MAX_PARTS:
        return title
    raw_seps = SEPARATOR_RE.findall(title)
    seps = [s.strip() for s in raw_seps]
    lo, hi = 0, len(parts)
    # A known site name ends the headline wherever it sits: what follows it is a
    # tagline ("Headline : Blog | Tagline | Founded 2005"); a prefix goes alone.
    for k in range(1, len(parts)):
        if is_site(parts[k], sites) or (
            k + 1 < len(parts) and is_site(_join(parts, raw_seps, k, k + 2), sites)
        ):
            hi = k
            break
    known = hi < len(parts)
    prefix_sep = None
    while hi - lo > 1:
        if is_site(parts[lo], sites):
            lo += 1
        elif hi - lo > 2 and is_site(_join(parts, raw_seps, lo, lo + 2), sites):
            lo += 2
        else:
            break
        known = True
        prefix_sep = seps[lo - 1]
    # "Title - 21/12/2018 - Esporte - Folha": a date starts the page's metadata.
    for k in range(lo + 1, hi):
        if _DATE_RE.fullmatch(parts[k]):
            hi = k
            break
    # A section before a known site name ("Title | Section | The Guardian"), or an
    # unknown site name ("Title – TechCrunch").
    while (
        hi - lo > 1
        and (
            seps[hi - 2] in SECTION_SEPARATORS
            or (not known and seps[hi - 2] != ":")
            # "Site - Headline - Section - News": the site's own separator, written
            # again after the headline, keeps on marking metadata.
            or seps[hi - 2] == prefix_sep
        )
        and _generic_site(parts[hi - 1], parts[lo : hi - 1])
    ):
        hi -= 1
    while (
        known
        and hi - lo > 1
        and seps[lo] in SECTION_SEPARATORS
        and _generic_site(parts[lo], parts[lo + 1 : hi])
    ):
        lo += 1
    return _join(parts, raw_seps, lo, hi) or title


def strip_known_site(text: str, sites: Iterable[str]) -> str:
    """``text`` without a trailing known site name ("Headline | Umweltbundesamt").

    >>> strip_known_site("Atomkraft ist nicht nachhaltig | Umweltbundesamt", ["Umweltbundesamt"])
    'Atomkraft ist nicht nachhaltig'
    """
    parts = SEPARATOR_RE.split(text)
    raw_seps = SEPARATOR_RE.findall(text)
    if len(parts) > 1 and is_site(parts[-1], sites):
        return _join(parts, raw_seps, 0, len(parts) - 1) or text
    return text


def real_sites(sites: list[str]) -> list[str]:
    """Drop site "names" that are page titles ("Headline - BLINKER" as og:site_name)."""
    return [s for s in sites if strip_site(s, [o for o in sites if o != s]) == s]


def is_site(text: str, sites: Iterable[str]) -> bool:
    """Whether ``text`` names the site: equal to a known name, or a short form of one.

    >>> is_site("Folha", ["Folha de S.Paulo"]), is_site("agrarheute.com", ["agrarheute"])
    (True, True)
    >>> is_site("Daily Mail editor resigns", ["Daily Mail"])
    False
    """
    squashed = _squash(text)
    if not squashed:
        return False
    words = len(fold(text).split())
    for site in sites:
        other = _squash(site)
        if not other:
            continue
        if squashed == other:
            return True
        # "Folha" / "Folha de S.Paulo", "Mail Online" / "Daily Mail Online": a short
        # part that starts or ends the site's name, at a word boundary.
        if words <= SHORT_SITE_WORDS and len(squashed) >= 4 and _word_edge(fold(text), fold(site)):
            return True
        # "agrarheute.com" / "agrarheute": the site's name plus a domain ending.
        if squashed.startswith(other) and _DOMAIN_END_RE.fullmatch(squashed[len(other) :]):
            return True
        # "European Championships Munich 2022" / "munich2022.com": a short part that
        # ends with the label of the site's host name (not one that starts with it:
        # "Parallels Desktop 15 for Mac" on parallels.com is a product's page title);
        # "EFC Bayrische Bembel Regensburg" / "bayrische-bembel.de": one that holds
        # the words of a hyphenated host label, in order, anywhere.
        label = _host_label(other) if "." in site else None
        if (
            label is not None
            and words <= GENERIC_SITE_WORDS
            and (squashed.endswith(label) or _holds_phrase(text, site))
        ):
            return True
    return False


def _join(parts: list[str], seps: list[str], lo: int, hi: int) -> str:
    if lo < 0 or hi > len(parts) or lo >= hi:
        return ""
    pieces = [parts[lo]]
    for k in range(lo + 1, hi):
        sep = seps[k - 1]
        # Separators are written spaced, except the unspaced ones of CJK titles.
        spaced = sep != sep.strip() or sep in ("|", "│")
        pieces.append(f" {sep.strip()} " if spaced else sep)
        pieces.append(parts[k])
    return "".join(pieces).strip()


def _generic_site(part: str, rest: list[str]) -> bool:
    """A short, capitalised part much shorter than the rest: a site or section name."""
    if _CJK_RE.fullmatch(part):
        # ... and the rest at least GENERIC_RATIO times longer, in characters.
        rest_chars = sum(len(p) for p in rest)
        return len(part) <= CJK_SITE_CHARS and rest_chars >= GENERIC_RATIO * len(part)
    words = part.split()
    if not words or len(words) > GENERIC_SITE_WORDS:
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    if part.rstrip().endswith(("?", "!")):
        return False
    rest_words = sum(len(p.split()) for p in rest)
    return rest_words >= max(3, GENERIC_RATIO * len(words))


def _host_label(squashed_site: str) -> str | None:
    """``munich2022`` for a squashed host name ``munich2022com``; None for other names.

    Only labels of six characters or more: "welt" or "bild" also start headlines.
    """
    for ending in _DOMAIN_END_RE.finditer(squashed_site):
        if ending.end() == len(squashed_site) and ending.start() >= HOST_LABEL_CHARS:
            return squashed_site[: ending.start()]
    return None


def _holds_phrase(text: str, host: str) -> bool:
    """Whether ``text`` holds the words of ``host``'s hyphenated first label."""
    label = host.split(".", 1)[0]
    if "-" not in label:
        return False
    return f" {fold(label)} " in f" {fold(text)} "


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


def _word_edge(short: str, long_: str) -> bool:
    if long_.startswith(short) and (len(long_) == len(short) or long_[len(short)] == " "):
        return True
    cut = len(long_) - len(short)
    return long_.endswith(short) and (cut == 0 or long_[cut - 1] == " ")
