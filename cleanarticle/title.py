"""The headline and the dek of an HTML page, read from its markup and metadata.

Candidates are the page's ``<h1>`` headings, ``og:title`` (or ``twitter:title``), the
JSON-LD ``headline`` and the ``<title>``. They are reconciled: a heading that the
metadata repeats (whole, as a run of its parts, or as most of it) wins, because the
heading is what the reader sees and the metadata confirms it is the article's own.
Site names, recognised from ``og:site_name``, JSON-LD publisher and website names,
feed link titles, the logo heading and the URL's host name, are cut off the
metadata titles (``sitename.py``) and are never the headline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

import regex
from lxml import etree
from lxml.html import HtmlElement

from .headline import fold
from .sitename import is_site, real_sites, strip_known_site, strip_site

#: Where a title is cut into parts that a heading may repeat: separators and colons.
_SEGMENT_RE: Final = regex.compile(r"\s+(?:[\-–—·»«›‹•~/]|::)\s+|\s*[|│:]\s*")
#: A heading longer than this is a paragraph styled as a heading, not a headline.
MAX_HEADLINE_WORDS: Final = 40
#: Only the first few ``<h2>`` are considered: the article's own comes early.
MAX_SUBHEADINGS: Final = 10
#: Word overlap (shared words over the longer text's words) from which an unconfirmed
#: ``<h1>`` is preferred to the metadata title: 0.2 on the dev corpus (0.5: 278 of 330
#: titles right, 0.2: 285, 0.1: 286 but on the edge of taking any heading at all).
MIN_SIMILARITY: Final = 0.2
#: An ``<h1>`` of at least this many words, every one of which the metadata title
#: holds, is confirmed by it (in any order, with words between). Every word: a
#: heading with a kicker or section the metadata lacks is not the metadata's.
COVERED_MIN_WORDS: Final = 3
#: JSON-LD blocks larger than this are not parsed (they are product catalogues).
MAX_JSON_LD_CHARS: Final = 200_000
#: JSON-LD nesting followed at most (``@graph`` lists and their items).
MAX_JSON_LD_DEPTH: Final = 6
_ARTICLE_TYPES: Final = frozenset(
    {
        *("article", "newsarticle", "blogposting", "reportagenewsarticle", "report"),
        *("analysisnewsarticle", "opinionnewsarticle", "techarticle", "scholarlyarticle"),
        *("webpage", "liveblogposting", "review", "socialmediaposting", "posting"),
    }
)
#: A feed link's title names the site: "Bloghaus » Feed", "EMACSPEAK - Atom".
_FEED_TITLE_RE: Final = regex.compile(
    r"^(?P<site>.+?)(?:\s+»\s+.*|\s+-\s+(?:rss|atom)|\s+(?:rss|atom)\s+feed)$", regex.I
)
_HOME_PATHS: Final = frozenset({"", "/", "/index.html", "/index.php", "/index.htm"})
_LOGO_CLASS_RE: Final = regex.compile(r"site[-_]?(?:title|name|logo)|logo|brand", regex.I)
#: Inside a heading, these elements are separate pieces ("Kicker" + "Headline").
_SPACED_TAGS: Final = frozenset({"br", "p", "div", "span", "small", "time"})
#: Classes that hide a heading from the reader (Bootstrap, WordPress, Drupal, ...).
_HIDDEN_CLASSES: Final = frozenset(
    {
        *("hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden"),
        *("screen-reader-text", "element-invisible", "offscreen", "u-hidden"),
    }
)
_DISPLAY_NONE_RE: Final = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
#: A kicker (German "Dachzeile") set in the heading above the headline proper:
#: ``<h1><span class="dachzeile">Interne Unterlagen im Netz</span> <span
#: class="headline">Daten von Rheinmetall gehackt</span></h1>``. News templates name
#: it by these words; the headline is the heading without it.
_KICKER_CLASS_RE: Final = regex.compile(
    r"kicker|overline|roofline|topline|dachzeile|eyebrow|super-?title|pre-?title", regex.I
)


@dataclass(frozen=True, slots=True)
class PageTitle:
    """What the page says about itself: headline, dek and the site's names."""

    headline: str | None = None
    description: str | None = None
    site_names: tuple[str, ...] = ()


def read_page_title(tree: HtmlElement, url: str | None = None) -> PageTitle:
    """Read the headline, the description and the site names of a parsed page.

    Args:
        tree: the parsed document (not modified).
        url: the page's address, if known (its host name is a site-name signal).

    Returns:
        A ``PageTitle``; ``headline`` is ``None`` when the page names no article.
    """
    meta = _meta_tags(tree)
    ld_headline, ld_sites = _json_ld(tree)
    logos, headings, kickers = _headings(tree)
    subheadings = [h for h in (_clean(element_text(e)) for e in tree.iter("h2")) if h]
    sites = _site_names(meta, ld_sites, _feed_sites(tree), logos, url)
    title = _clean(_first_text(tree, "title"))
    og_title = _clean(meta.get("og:title") or meta.get("twitter:title"))
    description = _clean(meta.get("og:description") or meta.get("description"))
    headline = choose_headline(
        title=title,
        og_title=og_title,
        ld_headline=_clean(ld_headline),
        headings=headings,
        subheadings=subheadings[:MAX_SUBHEADINGS],
        sites=sites,
        kickers=kickers,
    )
    return PageTitle(headline, description, tuple(sites))


def choose_headline(
    *,
    title: str | None,
    og_title: str | None = None,
    ld_headline: str | None = None,
    headings: Iterable[str] = (),
    subheadings: Iterable[str] = (),
    sites: Iterable[str] = (),
    kickers: Mapping[str, str] | None = None,
) -> str | None:
    """Reconcile the headline candidates of a page.

    Args:
        title: the ``<title>``.
        og_title: ``og:title`` (or ``twitter:title``).
        ld_headline: the JSON-LD article ``headline``.
        headings: the ``<h1>`` texts, logo headings excluded; ``subheadings`` the
            ``<h2>`` texts, looked at when no ``<h1>`` is confirmed.
        sites: names of the site (see ``read_page_title``).
        kickers: heading text -> the kicker set above it inside the ``<h1>`` (the
            heading text is without it).

    Returns:
        The headline, or ``None`` when the page offers none but its site name.

    >>> choose_headline(title="Stars align over Lisbon | Travel | The Guardian",
    ...                 headings=["The Guardian", "Stars align over Lisbon"],
    ...                 sites=["The Guardian"])
    'Stars align over Lisbon'
    >>> choose_headline(title="The Guardian", sites=["The Guardian"]) is None
    True
    """
    sites = real_sites([s for s in sites if fold(s)])
    metas: list[tuple[str, str]] = []
    for raw in (og_title, ld_headline, title):
        stripped = strip_site(raw, sites) if raw else None
        if raw and stripped and not is_site(stripped, sites):
            metas.append((raw, stripped))
    # "Headline | Site" as the visible heading too: the site name goes.
    h1s = [strip_known_site(h, sites) for h in headings if fold(h) and not is_site(h, sites)]
    h2s = [h for h in subheadings if len(fold(h).split()) >= 2 and not is_site(h, sites)]
    # A heading that the metadata repeats is the article's own headline.
    for tier in (h1s, h2s):
        confirmed = _confirmed(tier, metas, sites, strict=tier is h2s)
        if confirmed is not None:
            return confirmed
    # The metadata title is the kicker of a heading: the heading is the article's.
    for heading, kicker in (kickers or {}).items():
        if heading in h1s and any(fold(kicker) == fold(m) for _, m in metas):
            return heading
    candidates = list(dict.fromkeys(stripped for _, stripped in metas))
    # A heading with a kicker ("Tunesien Große Aufgaben ..."): the metadata's part.
    for candidate in candidates:
        for heading in h1s:
            folded = fold(candidate)
            if _contains(fold(heading), folded) and _enough(folded, fold(heading)):
                return candidate
    for heading in h1s:
        if any(_similarity(heading, c) >= MIN_SIMILARITY for c in candidates):
            return heading
    agreed = _agreed_part(candidates)
    if agreed is not None:
        return agreed
    if candidates:
        return candidates[0]
    return h1s[0] if h1s else None


def _confirmed(
    headings: list[str], metas: list[tuple[str, str]], sites: list[str], *, strict: bool
) -> str | None:
    """The first heading that a metadata title repeats, whole or as a run of its parts."""
    for heading in headings:
        h = fold(heading)
        if any(h in (fold(raw), fold(stripped)) for raw, stripped in metas):
            return heading
    # "Truckwash A31Das etwas andere Branchenbuch": a template that glues the site's
    # name to the headline without a separator.
    for heading in headings:
        for _, stripped in metas:
            rest = stripped[len(heading) :]
            if stripped.startswith(heading) and rest[:1].isupper() and is_site(rest, sites):
                return heading
    for heading in headings:
        h = fold(heading)
        for raw, _ in metas:
            runs = _segment_runs(raw)
            if h in runs and (len(h.split()) >= 2 or h == runs[0]):
                return heading
    if strict:
        return None
    for heading in headings:
        h = fold(heading)
        if any(_contains(fold(m), h) and _enough(h, fold(m)) for _, m in metas):
            return heading
    # "Parallels Desktop 15 for Mac" under "Run Windows on Mac - Parallels Desktop 15
    # Virtual Machine for Mac": the title holds every word of the heading.
    for heading in headings:
        words = set(fold(heading).split())
        if len(words) < COVERED_MIN_WORDS:
            continue
        for raw, _ in metas:
            if words <= set(fold(raw).split()):
                return heading
    return None


def _agreed_part(candidates: list[str]) -> str | None:
    """The longest run of parts that every metadata title has, when they differ.

    "Industriell Revolutioniert?: Anno 1800 Beta" (og:title) and "Vorschauen: Anno
    1800 Beta" (``<title>``, site name cut): what both say is the headline. Needs two
    words or more, so that a shared section name is not taken.
    """
    if len(candidates) < 2:
        return None
    runs = [set(_segment_runs(c)) for c in candidates]
    shared = set.intersection(*runs)
    best = max(shared, key=lambda run: len(run.split()), default=None)
    if best is None or len(best.split()) < 2 or best in {fold(c) for c in candidates}:
        return None
    for part in _segment_parts(candidates[0]):
        if fold(part) == best:
            return part
    return None


def _segment_parts(title: str) -> list[str]:
    """Runs of consecutive parts of ``title`` as written (see ``_segment_runs``)."""
    cuts = [0]
    for found in _SEGMENT_RE.finditer(title):
        cuts.extend(found.span())
    cuts.append(len(title))
    spans = list(zip(cuts[::2], cuts[1::2], strict=True))
    return [
        title[spans[i][0] : spans[j][1]] for i in range(len(spans)) for j in range(i, len(spans))
    ]


def _segment_runs(title: str) -> list[str]:
    """Folded runs of consecutive parts of ``title`` cut at separators and colons."""
    parts = [fold(p) for p in _SEGMENT_RE.split(title)]
    return [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def _contains(haystack: str, needle: str) -> bool:
    if not needle:
        return False
    padded = f" {haystack} "
    return f" {needle} " in padded


def _enough(part: str, whole: str) -> bool:
    """A folded ``part`` of ``whole`` is its headline when it is at least half of it."""
    return len(part.split()) * 2 >= len(whole.split())


def _similarity(a: str, b: str) -> float:
    """Shared words over the longer text's words."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


# --- reading the tree ----------------------------------------------------------------------


def _first_text(tree: HtmlElement, tag: str) -> str | None:
    for element in tree.iter(tag):
        return element.text_content()  # type: ignore[no-any-return]
    return None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content)
    return found


def _headings(tree: HtmlElement) -> tuple[list[str], list[str], dict[str, str]]:
    """The ``<h1>`` texts, split into logo headings (a link home) and the others.

    A heading's kicker and its ``<small>`` print (a date, categories) are not part
    of it; the kickers are returned too, by heading text.
    """
    logos: list[str] = []
    headings: list[str] = []
    kickers: dict[str, str] = {}
    for element in tree.iter("h1"):
        if _is_hidden(element):
            continue
        asides = [
            node
            for node in element.iterdescendants()
            if isinstance(node.tag, str)
            and (node.tag == "small" or _KICKER_CLASS_RE.search(node.get("class") or ""))
        ]
        text = _clean(element_text(element, skip=frozenset(asides)))
        if not text:  # nothing but a kicker: that is the heading
            text, asides = _clean(element_text(element)), []
        if not text or len(text.split()) > MAX_HEADLINE_WORDS:
            continue
        kicker = _clean(" ".join(element_text(a) for a in asides if a.tag != "small"))
        if kicker:
            kickers[text] = kicker
        (logos if _is_logo(element) else headings).append(text)
    return logos, headings, kickers


def _is_hidden(element: HtmlElement) -> bool:
    """Hidden from the reader: a screen-reader label ("News") or a collapsed copy."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if _DISPLAY_NONE_RE.search(element.get("style") or ""):
        return True
    return any(c in _HIDDEN_CLASSES for c in (element.get("class") or "").lower().split())


def _is_logo(element: HtmlElement) -> bool:
    for link in element.iter("a"):
        href = (link.get("href") or "").strip()
        if href and urlsplit(href).path in _HOME_PATHS and not urlsplit(href).query:
            return True
    for node in (element, element.getparent()):
        if node is not None and _LOGO_CLASS_RE.search(node.get("class") or ""):
            return True
    return False


def element_text(element: HtmlElement, skip: frozenset[HtmlElement] = frozenset()) -> str:
    """Text of an element with a space at line breaks and inline-block boundaries.

    The text of ``skip`` elements (descendants) is left out; their tails are kept.
    """
    pieces: list[str] = []
    skipping = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if node in skip:
            skipping += 1 if event == "start" else -1
            if event == "end" and node.tail and not skipping:
                pieces.append(" " + node.tail)
            continue
        if skipping:
            continue
        if not isinstance(node.tag, str):
            if event == "end" and node.tail:
                pieces.append(node.tail)
            continue
        if event == "start":
            if node.tag in _SPACED_TAGS:
                pieces.append(" ")
            if node.tag in ("script", "style", "template"):
                continue
            if node.text:
                pieces.append(node.text)
        else:
            if node.tag in _SPACED_TAGS:
                pieces.append(" ")
            if node is not element and node.tail:
                pieces.append(node.tail)
    return "".join(pieces)


def _feed_sites(tree: HtmlElement) -> list[str]:
    """Site names from feed links: "Bloghaus » Feed", "EMACSPEAK - Atom"."""
    sites: list[str] = []
    for link in tree.iter("link"):
        kind = (link.get("type") or "").lower()
        label = link.get("title")
        if not label or not ("rss" in kind or "atom" in kind):
            continue
        match = _FEED_TITLE_RE.match(" ".join(label.split()))
        if match:
            sites.append(match["site"])
    return sites


def _site_names(
    meta: dict[str, str],
    ld_sites: list[str],
    feed_sites: list[str],
    logos: list[str],
    url: str | None,
) -> list[str]:
    names = [
        *(meta.get("og:site_name"), meta.get("application-name")),
        *(*ld_sites, *feed_sites, *logos, _host_name(url)),
    ]
    seen: dict[str, str] = {}
    for name in names:
        cleaned = _clean(name)
        if cleaned and fold(cleaned):
            seen.setdefault(fold(cleaned), cleaned)
    return list(seen.values())


def _host_name(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def _json_ld(tree: HtmlElement) -> tuple[str | None, list[str]]:
    """The article's ``headline`` and the publisher and website names from JSON-LD."""
    headline: str | None = None
    sites: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for node in _ld_nodes(data):
            declared = node.get("@type")
            kinds = {
                k.lower()
                for k in (declared if isinstance(declared, list) else [declared])
                if isinstance(k, str)
            }
            text = node.get("headline")
            if headline is None and kinds & _ARTICLE_TYPES and isinstance(text, str):
                headline = text
            if "website" in kinds and isinstance(node.get("name"), str):
                sites.append(node["name"])
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                sites.append(publisher["name"])
    return headline, sites


def _ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document (``@graph`` lists included), depth-limited."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, level = stack.pop()
        if level > MAX_JSON_LD_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((x, level + 1) for x in reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend((x, level + 1) for x in reversed(graph))
