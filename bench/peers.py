"""Peer systems for the benchmark, each ``(input, language, url) -> (headline, body)``.

Text-path peers (``TEXT_PEERS``) take a scraped-text rendering; HTML-path peers
(``HTML_PEERS``) take the page's HTML. ``language`` is an ISO 639-1 code or ``None``;
peers that need one detect it from their input with :func:`detect_language`, a stopword
vote over jusText's own stoplists that does not depend on the package under test.
``url`` is the page's address (from the corpus record): HTML extractors that take one
(trafilatura, cleanarticle, newspaper4k) get it, as a pipeline would give it.

Text-path peers other than ``cleanarticle`` have no notion of a headline, so they all
report the first non-empty input line as headline (the fairest cheap choice, and the
same for all of them), and drop that line from the body when the body starts with it.

Third-party imports happen inside the peers, so this module imports without them;
:func:`unavailable_reason` tells whether a peer can run here.
"""

from __future__ import annotations

import contextlib
import functools
import html as html_lib
import importlib
import io
import re
from collections import Counter
from collections.abc import Callable
from typing import Any, Final

Result = tuple[str | None, str]
Peer = Callable[[str, str | None, str | None], Result]

#: ISO 639-1 code -> jusText stoplist name, for the languages detection considers.
JUSTEXT_LANGUAGES: Final = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "ru": "Russian",
    "uk": "Ukrainian",
    "sv": "Swedish",
    "da": "Danish",
    "nb": "Norwegian_Bokmal",
    "fi": "Finnish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "tr": "Turkish",
    "el": "Greek",
    "ca": "Catalan",
    "hr": "Croatian",
    "sl": "Slovenian",
    "id": "Indonesian",
    "vi": "Vietnamese",
}
#: Words sampled for language detection.
_SAMPLE_WORDS: Final = 2000
#: Below this share of distinctive stopword hits the language is reported as unknown.
_MIN_SHARE: Final = 0.02

_WORD_RE: Final = re.compile(r"\w+")
_BLOCK_TAGS: Final = frozenset(
    (
        *("p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"),
        *("ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "form", "main", "section"),
        *("article", "header", "footer", "aside", "nav", "figure", "figcaption"),
    )
)

# --- helpers -----------------------------------------------------------------------------


def nonempty_lines(text: str) -> list[str]:
    """The stripped, non-empty lines of ``text``."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def first_line(text: str) -> str | None:
    """The first non-empty line of ``text``, stripped, or ``None``."""
    lines = nonempty_lines(text)
    return lines[0] if lines else None


def split_headline(text: str, body_lines: list[str]) -> Result:
    """First input line as headline; ``body_lines`` joined, minus a leading copy of it."""
    headline = first_line(text)
    if body_lines and headline is not None and body_lines[0].strip() == headline:
        body_lines = body_lines[1:]
    return headline, "\n\n".join(body_lines)


def lines_as_html(text: str) -> str:
    """Wrap each non-empty line of ``text`` in an escaped ``<p>`` inside ``<article>``."""
    paragraphs = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in nonempty_lines(text))
    return f"<html><body><article>\n{paragraphs}</article></body></html>"


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, with line breaks around block elements."""
    import lxml.html

    if not markup.strip():
        return ""
    tree = lxml.html.fromstring(markup)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return "\n".join(nonempty_lines(tree.text_content()))


def page_title(markup: str) -> str | None:
    """The text of the page's ``<title>``, or ``None``."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, TypeError):
        return None
    title = tree.findtext(".//title")
    return title.strip() if title and title.strip() else None


# --- language ------------------------------------------------------------------------------


@functools.cache
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


@functools.cache
def _distinctive_words() -> dict[str, frozenset[str]]:
    """Per candidate language, its stoplist words found in no other candidate's stoplist.

    jusText's stoplists come from Wikipedia and several (Finnish, Slovak, ...) hold many
    English words; voting with shared words alone would mislabel English pages.
    """
    lists = {code: _stoplist(name) for code, name in JUSTEXT_LANGUAGES.items()}
    seen = Counter(word for words in lists.values() for word in words)
    return {code: frozenset(w for w in words if seen[w] == 1) for code, words in lists.items()}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the candidate language whose distinctive stopwords ``text`` uses most.

    Votes with the lowercased ``\\w+`` tokens of the first 2000 words over the words
    unique to each candidate stoplist (:data:`JUSTEXT_LANGUAGES`); ``None`` when the
    winner's hits are under 2 % of the words (e.g. CJK text, or too little text).
    """
    words = [w.lower() for w in _WORD_RE.findall(text[: _SAMPLE_WORDS * 12])][:_SAMPLE_WORDS]
    if not words:
        return None
    votes = {
        code: sum(1 for w in words if w in table) for code, table in _distinctive_words().items()
    }
    best = max(votes, key=lambda code: votes[code])
    return best if votes[best] >= _MIN_SHARE * len(words) else None


def _justext_paragraphs(markup: str, language: str | None) -> list[Any]:
    """jusText's non-boilerplate paragraphs; unknown languages use its stopword-free mode."""
    import justext

    name = JUSTEXT_LANGUAGES.get(language or "")
    if name is None:
        paragraphs = justext.justext(markup, frozenset(), stopwords_low=0, stopwords_high=0)
    else:
        paragraphs = justext.justext(markup, _stoplist(name))
    return [p for p in paragraphs if not p.is_boilerplate]


# --- text-path peers -----------------------------------------------------------------------


def identity(text: str, language: str | None = None, url: str | None = None) -> Result:
    """No cleaning: the first non-empty line is the headline, every other line the body."""
    lines = nonempty_lines(text)
    if not lines:
        return None, ""
    return lines[0], "\n\n".join(lines[1:])


def justext_text(text: str, language: str | None = None, url: str | None = None) -> Result:
    """jusText over the lines wrapped as ``<p>`` elements; first line as headline."""
    language = language or detect_language(text)
    kept = _justext_paragraphs(lines_as_html(text), language)
    return split_headline(text, [p.text for p in kept])


def trafilatura_text(text: str, language: str | None = None, url: str | None = None) -> Result:
    """trafilatura ``extract`` over the lines wrapped as HTML; first line as headline.

    Its metadata finds no title in such synthetic HTML, hence the first-line headline.
    """
    import trafilatura

    body = trafilatura.extract(lines_as_html(text), include_comments=False) or ""
    return split_headline(text, nonempty_lines(body))


#: Line endings C4 keeps (its ``. ? ! "`` plus typographic and CJK equivalents).
C4_END_MARKS: Final = (".", "!", "?", '"', "”", "’", "»", "…", "。", "！", "？")
#: Substrings that make C4 drop a line (lowercased).
C4_BAD_SUBSTRINGS: Final = (
    "javascript",
    "lorem ipsum",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
#: C4 keeps lines of at least this many words.
C4_MIN_WORDS: Final = 3


def c4_keeps(line: str) -> bool:
    """Whether C4's line filter keeps ``line``."""
    lowered = line.lower()
    return (
        line.endswith(C4_END_MARKS)
        and len(line.split()) >= C4_MIN_WORDS
        and not any(bad in lowered for bad in C4_BAD_SUBSTRINGS)
    )


def c4_filter(text: str, language: str | None = None, url: str | None = None) -> Result:
    """C4-style line filter (line-level rules only, no page-level drops); first-line headline."""
    return split_headline(text, [line for line in nonempty_lines(text) if c4_keeps(line)])


def cleanarticle_text(text: str, language: str | None = None, url: str | None = None) -> Result:
    """``cleanarticle.clean_text`` (it detects the language itself)."""
    from cleanarticle import clean_text

    result = clean_text(text)
    return result.headline, result.body


# --- HTML-path peers -----------------------------------------------------------------------


def _trafilatura_html(markup: str, precision: bool, url: str | None) -> Result:
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup, url=url, include_comments=False, favor_precision=precision, with_metadata=True
    )
    if doc is None:
        return None, ""
    return getattr(doc, "title", None) or None, getattr(doc, "text", None) or ""


def trafilatura_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """trafilatura defaults (comments excluded), title from its metadata."""
    return _trafilatura_html(markup, precision=False, url=url)


def trafilatura_precision_html(
    markup: str, language: str | None = None, url: str | None = None
) -> Result:
    """trafilatura with ``favor_precision=True``, title from its metadata."""
    return _trafilatura_html(markup, precision=True, url=url)


def readability_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """readability-lxml ``summary()`` as text, ``short_title()`` as headline."""
    from readability import Document

    doc = Document(markup)
    return doc.short_title() or None, html_to_text(doc.summary(html_partial=True))


def justext_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """jusText on the raw HTML; headline: its first kept heading, else ``<title>``."""
    language = language or detect_language(html_to_text(markup))
    kept = _justext_paragraphs(markup, language)
    headings = [p.text for p in kept if p.is_heading]
    headline = headings[0] if headings else page_title(markup)
    return headline, "\n\n".join(p.text for p in kept)


def cleanarticle_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """``cleanarticle.clean_html`` (looked up at run time: the package may not have it yet)."""
    result = importlib.import_module("cleanarticle").clean_html(markup, url=url)
    return result.headline, result.body


def newspaper_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """newspaper4k's ``Article`` parsed from the given HTML (untested where not installed)."""
    import newspaper

    # fetch_images=False: parse() otherwise downloads the top image to measure it.
    article = newspaper.Article(url or "", fetch_images=False)
    article.download(input_html=markup)
    # parse() prints a line for every publish date it cannot read.
    with contextlib.redirect_stdout(io.StringIO()):
        article.parse()
    return article.title or None, article.text or ""


def goose_html(markup: str, language: str | None = None, url: str | None = None) -> Result:
    """goose3 on the given HTML (untested where not installed)."""
    from goose3 import Goose

    with Goose() as goose:
        article = goose.extract(raw_html=markup)
    return article.title or None, article.cleaned_text or ""


TEXT_PEERS: Final[dict[str, Peer]] = {
    "identity": identity,
    "justext": justext_text,
    "trafilatura": trafilatura_text,
    "c4": c4_filter,
    "cleanarticle": cleanarticle_text,
}

HTML_PEERS: Final[dict[str, Peer]] = {
    "trafilatura": trafilatura_html,
    "trafilatura_precision": trafilatura_precision_html,
    "readability": readability_html,
    "justext": justext_html,
    "newspaper4k": newspaper_html,
    "goose3": goose_html,
    "cleanarticle": cleanarticle_html,
}

#: What each peer needs to import: (module, attribute or ``None``).
_REQUIREMENTS: Final = {
    "justext": ("justext", None),
    "trafilatura": ("trafilatura", None),
    "trafilatura_precision": ("trafilatura", None),
    "readability": ("readability", "Document"),
    "newspaper4k": ("newspaper", "Article"),
    "goose3": ("goose3", "Goose"),
}


def unavailable_reason(name: str, task: str = "text") -> str | None:
    """Why peer ``name`` cannot run here (a missing import), or ``None`` if it can."""
    module: str
    attribute: str | None
    if name == "cleanarticle":
        module, attribute = "cleanarticle", "clean_text" if task == "text" else "clean_html"
    else:
        module, attribute = _REQUIREMENTS.get(name, ("builtins", None))
    try:
        imported = importlib.import_module(module)
    except Exception as exc:  # any import-time failure makes the peer unavailable
        return f"cannot import {module}: {type(exc).__name__}: {exc}"
    if attribute is not None and not hasattr(imported, attribute):
        return f"{module} has no {attribute}"
    return None
