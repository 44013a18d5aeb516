"""The output of a clean and its explanation: ``CleanResult``, ``Removal`` and categories."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from .segment import continues, strip_edges

#: The one category vocabulary used in rule files, results, config and the CLI.
CATEGORIES: Final = (
    "donation",
    "subscription",
    "newsletter",
    "comments",
    "social",
    "advertising",
    "consent",
    "related",
    "navigation",
    "promo",
    "legal",
    "byline",
    "credit",
    "other",
)
CATEGORY_SET: Final = frozenset(CATEGORIES)


@dataclass(frozen=True, slots=True)
class Removal:
    """One span of the input that the cleaner removed.

    ``start``/``end`` are offsets into the original input string, so
    ``original[start:end] == text`` always holds.
    """

    start: int
    end: int
    text: str
    category: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What ``clean_text``/``clean_html`` return.

    ``body`` is ``paragraphs`` joined by one blank line. A paragraph is one line
    of the input, or several when the input hard-wraps it (they are joined by one
    line break); every line of it is a verbatim slice of the input (after
    ``source`` extraction for HTML).
    """

    headline: str | None
    standfirst: str | None
    paragraphs: tuple[str, ...]
    removals: tuple[Removal, ...]
    language: str
    source: str = "text"
    #: Safeguards that changed the outcome, in words (e.g. the over-removal guard).
    notes: tuple[str, ...] = ()
    #: The text the offsets refer to when it is not the caller's input (HTML path).
    extracted_text: str | None = field(default=None, repr=False)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def category_counts(self) -> dict[str, int]:
        """Number of removals per category, in vocabulary order."""
        counts = {name: 0 for name in CATEGORIES}
        for removal in self.removals:
            counts[removal.category] += 1
        return {name: n for name, n in counts.items() if n}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field, removals included."""
        return {
            "headline": self.headline,
            "standfirst": self.standfirst,
            "body": self.body,
            "paragraphs": list(self.paragraphs),
            "language": self.language,
            "source": self.source,
            "notes": list(self.notes),
            "removals": [r.to_dict() for r in self.removals],
            "counts": self.category_counts(),
        }


def apply_removals(text: str, removals: Iterable[Removal]) -> str:
    """Replay a removal trail: delete every removed span and rebuild paragraphs.

    The text left between removals is split into lines; lines are stripped and
    empty ones dropped. A line that goes on with the sentence of the line right
    above it (a hard wrap: ``segment.continues``, no blank line and no removal
    between) stays in its paragraph after one line break; paragraphs are joined
    by one blank line, the way ``CleanResult.body`` is built. Headline and
    standfirst are removals too (category ``other``, rules ``headline``/
    ``standfirst``), so the replay gives exactly the body.

    >>> r = Removal(0, 4, "Ads\\n", "advertising", "en.ad.label")
    >>> apply_removals("Ads\\nHello world.", [r])
    'Hello world.'
    >>> apply_removals("The council said it\\nwould meet.\\nShare", [])
    'The council said it\\nwould meet.\\n\\nShare'
    """
    pieces: list[str] = []
    pos = 0
    for removal in sorted(removals, key=lambda r: r.start):
        pieces.append(text[pos : removal.start])
        # A removal inside a line must not fuse its neighbours into one word, and
        # it ends the paragraph: the text on either side is not one wrapped line.
        pieces.append("\n\n")
        pos = max(pos, removal.end)
    pieces.append(text[pos:])
    paragraphs: list[str] = []
    previous = ""  # the last line kept, "" after a blank line
    # Strip as segment() does (zero-width characters too), not with str.strip().
    for line in map(strip_edges, _split_lines("".join(pieces))):
        if not line:
            previous = ""
        elif previous and continues(previous, line):
            paragraphs[-1] += "\n" + line
            previous = line
        else:
            paragraphs.append(line)
            previous = line
    return "\n\n".join(paragraphs)


def _split_lines(text: str) -> list[str]:
    # str.splitlines knows \r, \r\n, \x0b, \x0c, \x1c-\x1e, \x85, U+2028, U+2029:
    # the same breaks segment.py uses.
    return text.splitlines()
