"""Cheap, offline language detection and stopword lists.

Detection counts hits of each language's most frequent function words, the same
signal jusText uses for paragraph quality. It needs no model and no network, runs in
microseconds on the few hundred words it samples, and is right for the languages that
have rule files, which is all the cleaner needs it for.
"""

from __future__ import annotations

import functools
from collections import Counter
from importlib import resources
from typing import Final

import regex

#: Languages with a stopword list, in tie-break order (English first: most pages).
LANGUAGES: Final = ("en", "de", "fr", "es", "pt", "it", "nl")
#: Words sampled for detection: enough for a stable vote, cheap on 10 MB inputs.
SAMPLE_WORDS: Final = 1500
#: Below this share of stopword hits no language is trusted and English is assumed.
MIN_SHARE: Final = 0.05

_WORD_RE: Final = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """The function-word list of ``language`` (empty for a language without one)."""
    if language not in LANGUAGES:
        return frozenset()
    data = resources.files("cleanarticle") / "data" / f"stopwords-{language}.txt"
    words = data.read_text(encoding="utf-8").split("\n")
    return frozenset(w for line in words if not line.startswith("#") for w in line.split())


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language ``text`` is most likely in.

    Falls back to ``"en"`` when the text has too few function words of any language.

    >>> detect_language("Der Bundestag hat am Freitag über das Gesetz abgestimmt.")
    'de'
    """
    words = [w.lower() for w in _WORD_RE.findall(text[: SAMPLE_WORDS * 12])[:SAMPLE_WORDS]]
    if not words:
        return "en"
    # Count each distinct word once, then look up only the words a list has.
    counts = Counter(words)
    best, best_hits = "en", 0
    for language in LANGUAGES:
        hits = sum(counts[w] for w in stopwords(language).intersection(counts))
        if hits > best_hits:
            best, best_hits = language, hits
    return best if best_hits >= MIN_SHARE * len(words) else "en"
