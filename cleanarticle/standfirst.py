"""The standfirst (dek) of an HTML page, decided with the markup's help.

The text pass finds a standfirst from the text alone; the page knows more. Its
description (``og:description``, ``<meta name="description">``) is a dek when an
element of the page holds exactly that text and it is not the first body paragraph,
and a short paragraph the text pass took for a dek is the lede when the page writes
it as a plain ``<p>``. Moves into and out of the body keep the removal trail exact.
"""

from __future__ import annotations

import dataclasses
from typing import Final

import regex
from lxml.html import HtmlElement

from .clean import STANDFIRST_RULE
from .headline import fold
from .result import CleanResult, Removal, apply_removals
from .segment import continues, strip_edges

#: The standfirst is looked for among this many paragraphs at the top of the body.
STANDFIRST_PARAGRAPHS: Final = 3
_HEADING_TAGS: Final = ("h2", "h3", "h4", "h5", "h6")
#: Elements a dek is written in when it is not a sub-heading.
_DEK_TAGS: Final = ("p", "div", "span", "strong", "em", "section", "header")
#: Class names that mark a paragraph as a dek rather than the lede.
_DEK_CLASS_RE: Final = regex.compile(
    r"dek|standfirst|sub-?head|sub-?title|summary|teaser|lead|intro|excerpt|abstract|deck|strap",
    regex.I,
)
_BOXES: Final = frozenset({"div", "section", "header"})


def with_standfirst(
    result: CleanResult, description: str | None, tree: HtmlElement | None
) -> CleanResult:
    """Set the standfirst from the page's description when the page shows it as a dek.

    The description is a dek when an element of the page holds exactly its text and
    that text is not a body paragraph: a body paragraph that is the description is the
    article's lede, copied into the metadata, and stays where it is; a description
    that is only an excerpt (cut short with "…") or not on the page is metadata.
    A dek in a sub-heading (``h2`` to ``h6``) that the extraction kept at the top of
    the body moves out of it (recorded as a ``standfirst`` removal).
    """
    if result.standfirst is not None or not description or tree is None:
        return result
    wanted = fold(description)
    if not wanted:
        return result
    text = result.extracted_text or ""
    spans = _paragraph_spans(text, result.removals)
    if len(spans) != len(result.paragraphs) or _paragraphs(text, result.removals) != list(
        result.paragraphs
    ):
        return result  # the trail does not rebuild the paragraphs: leave them alone
    at = next(
        (k for k, (s, e) in enumerate(spans[:STANDFIRST_PARAGRAPHS]) if fold(text[s:e]) == wanted),
        None,
    )
    holder = _holder(tree, wanted)
    if holder is None or (at is not None and holder not in _HEADING_TAGS):
        return result
    if at is None or at + 1 >= len(spans):
        return dataclasses.replace(result, standfirst=description)
    start, end = spans[at]
    removal = Removal(start, end, text[start:end], "other", STANDFIRST_RULE)
    return dataclasses.replace(
        result,
        standfirst=text[start:end],
        paragraphs=result.paragraphs[:at] + result.paragraphs[at + 1 :],
        removals=tuple(sorted((*result.removals, removal), key=lambda r: r.start)),
    )


def keep_lede(result: CleanResult, tree: HtmlElement) -> CleanResult:
    """Give back to the body a "standfirst" that the page writes as a plain paragraph.

    The text pass takes a short first paragraph under the headline for a dek; the
    markup knows better: a ``<p>`` without a dek-like class is the article's lede.
    """
    moved = [r for r in result.removals if r.rule == STANDFIRST_RULE]
    if len(moved) != 1 or _paragraph_holder(tree, fold(moved[0].text)) != "p":
        return result
    text = result.extracted_text or ""
    removals = tuple(r for r in result.removals if r is not moved[0])
    if _paragraphs(text, result.removals) != list(result.paragraphs):
        return result  # the trail does not rebuild the paragraphs: leave them alone
    return dataclasses.replace(
        result, standfirst=None, paragraphs=tuple(_paragraphs(text, removals)), removals=removals
    )


def _paragraph_holder(tree: HtmlElement, wanted: str) -> str | None:
    """``"p"`` when a plain paragraph (no dek-like class) holds exactly ``wanted``."""
    for element in tree.iter("p"):
        if _DEK_CLASS_RE.search(element.get("class") or ""):
            continue
        own = fold(element.text or "")
        if own and not wanted.startswith(own[:40]):
            continue
        if fold(element.text_content()) == wanted:
            return "p"
    return None


def _paragraphs(text: str, removals: tuple[Removal, ...]) -> list[str]:
    body = apply_removals(text, removals)
    return body.split("\n\n") if body else []


def _holder(tree: HtmlElement, wanted: str) -> str | None:
    """The tag of an element whose whole text is ``wanted`` (folded), headings first."""
    found: str | None = None
    for element in tree.iter(*_HEADING_TAGS, *_DEK_TAGS):
        own = fold(element.text or "")
        # Cheap filters before the full text: the element's own text starts the dek,
        # and a container without text of its own is not read whole (its text is big).
        if (own and not wanted.startswith(own[:40])) or (not own and element.tag in _BOXES):
            continue
        if fold(element.text_content()) == wanted:
            if element.tag in _HEADING_TAGS:
                return str(element.tag)
            found = found or str(element.tag)
    return found


def _paragraph_spans(text: str, removals: tuple[Removal, ...]) -> list[tuple[int, int]]:
    """Offsets of the kept paragraphs, rebuilt as ``apply_removals`` rebuilds them:
    a hard-wrapped paragraph spans its lines (and the line breaks between)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*((r.start, r.end) for r in removals), (len(text), len(text))]:
        offset = pos
        previous = ""  # the last line kept; a removal or a blank line ends a paragraph
        for line in text[pos:start].splitlines(keepends=True):
            content = strip_edges(line)
            if content:
                at = text.find(content, offset)
                if previous and continues(previous, content):
                    spans[-1] = (spans[-1][0], at + len(content))
                else:
                    spans.append((at, at + len(content)))
            previous = content
            offset += len(line)
        pos = max(pos, end)
    return spans
