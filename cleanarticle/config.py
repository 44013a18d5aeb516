"""``CleanConfig``: the one frozen object that tunes a clean (change it with ``replace``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import CleanArticleError
from .result import CATEGORY_SET

#: Languages with built-in rule files and stopword lists.
SUPPORTED_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")

#: 20 MB of text: well above any real article page (the dev corpus tops out near
#: 2 MB of HTML) and small enough that a hostile input cannot exhaust memory.
DEFAULT_MAX_INPUT_CHARS = 20_000_000


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Options for ``clean_text`` and ``clean_html``.

    Attributes:
        keep: categories that are *not* removed (for example ``{"byline"}``).
        language: an ISO 639-1 code to force, or ``None`` to detect it from the text
            (rules of the detected language and of English always both apply).
        rules: extra rule files (same TOML format as the built-in ones), loaded after
            the built-in files; a rule with an existing id replaces it.
        disable: rule ids to switch off.
        headline: look for a headline and standfirst at the top of the text.
        context: run the context pass (trailing sections, sandwiched lines, page
            chrome around the article) after the phrase rules. The article window
            of that pass is only drawn when the text has page chrome (three
            removed or chrome-like lines in a row); text without it is taken
            for an article already cut out of its page.
        max_input_chars: inputs longer than this raise ``InputTooLargeError``.
        regex_timeout: seconds a single rule may run on one block before
            ``PatternTimeoutError`` is raised.
    """

    keep: frozenset[str] = frozenset()
    language: str | None = None
    rules: tuple[Path, ...] = ()
    disable: frozenset[str] = frozenset()
    headline: bool = True
    context: bool = True
    max_input_chars: int = DEFAULT_MAX_INPUT_CHARS
    regex_timeout: float = 1.0

    def __post_init__(self) -> None:
        # Accept any iterable from callers but store immutable, hashable values,
        # so a config can be a cache key and shared across threads.
        object.__setattr__(self, "keep", _frozen(self.keep, "keep"))
        object.__setattr__(self, "disable", _frozen(self.disable, "disable"))
        object.__setattr__(self, "rules", tuple(Path(p) for p in self.rules))
        unknown = sorted(self.keep - CATEGORY_SET)
        if unknown:
            raise CleanArticleError(
                f"unknown categories in keep: {', '.join(unknown)} "
                f"(known: {', '.join(sorted(CATEGORY_SET))})"
            )
        if self.language is not None and self.language not in SUPPORTED_LANGUAGES:
            raise CleanArticleError(
                f"unsupported language {self.language!r} "
                f"(supported: {', '.join(SUPPORTED_LANGUAGES)}, or None to detect)"
            )
        if self.max_input_chars <= 0:
            raise CleanArticleError("max_input_chars must be positive")
        if self.regex_timeout <= 0:
            raise CleanArticleError("regex_timeout must be positive")


def _frozen(values: Iterable[str] | str, name: str) -> frozenset[str]:
    if isinstance(values, str):
        # frozenset("donation") would be a set of letters: a silent wrong result.
        raise TypeError(f"{name} takes a collection of strings, not a single string")
    return frozenset(values)
