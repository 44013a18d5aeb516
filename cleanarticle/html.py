"""HTML adapter: safe parse, the article's blocks via trafilatura, the page's headline.

``clean_html`` decodes bytes (``charset.py``), parses with lxml's HTML parser (which
never loads a DTD, expands no entity declarations and fetches nothing; depth and size
limits stay on), extracts the article as text with one block per line, reads the
headline and dek from the markup (``title.py``) and runs the same boilerplate pass
as ``clean_text``. Removal offsets refer to ``CleanResult.extracted_text``.
"""

from __future__ import annotations

import dataclasses
import html.parser
import logging
import re
from collections.abc import Iterator
from typing import Any, Final

import lxml.html
import regex
from lxml import etree
from lxml.html import HtmlElement

from .charset import decode_html
from .clean import clean_extracted
from .config import CleanConfig
from .errors import CleanArticleError, InputTooLargeError
from .headline import fold
from .result import CleanResult
from .sitename import is_site
from .standfirst import keep_lede, with_standfirst
from .title import PageTitle, read_page_title

logger = logging.getLogger(__name__)

_DEFAULT_CONFIG = CleanConfig()
#: trafilatura options, chosen on the dev corpus (docs/index.md, "HTML input").
EXTRACT_OPTIONS: Final[dict[str, Any]] = {
    "output_format": "txt",
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_recall": True,
    "fast": True,
}
#: Slower, fuller trafilatura run for pages where the fast run found little.
FALLBACK_OPTIONS: Final[dict[str, Any]] = {**EXTRACT_OPTIONS, "favor_recall": False, "fast": False}
#: A fast extraction shorter than this is retried with ``FALLBACK_OPTIONS``.
SHORT_EXTRACTION_CHARS: Final = 800
#: Split article bodies (``add_split_chunks``): paragraphs this long identify the
#: extracted text's container; at most this many same-class containers, whose class
#: names an article body, and together adding at least this share of the extracted
#: length. Calibrated on the dev corpus: generic wrappers (``wpb_wrapper``, ``box``)
#: come by the dozen and are not bodies.
CHUNK_PARAGRAPH_CHARS: Final = 60
MAX_CHUNKS: Final = 6
MIN_CHUNK_SHARE: Final = 0.3
_CHUNK_CLASS_RE: Final = regex.compile(r"body|article|content|text|story|entry|post", regex.I)
#: Start and end tags of elements whose line breaks are kept (``unwrap_source_lines``).
_VERBATIM_TAG_RE: Final = re.compile(
    r"<(/?)(pre|textarea|listing|xmp|plaintext|code|script|style)\b", re.IGNORECASE
)
#: HTML whitespace around a source line break (not U+00A0, which is visible).
_SOURCE_SPACE: Final = " \t\r\f"
_ASIDE_TAGS: Final = frozenset({"figure", "figcaption", "aside", "nav", "footer", "form"})
#: Elements whose text is never article text, for the fallback text extraction.
_SKIP_TAGS: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "iframe",
        "object",
        "select",
        "option",
        "button",
        "canvas",
        "math",
    }
)
_BLOCK_TAGS: Final = frozenset(
    {
        "p",
        "div",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "form",
        "main",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "body",
        "html",
    }
)


def clean_html(
    html: str | bytes, *, url: str | None = None, config: CleanConfig | None = None
) -> CleanResult:
    """Clean an HTML page: extract the article, then remove its boilerplate.

    Args:
        html: the page, as text or as the bytes served (decoded from the byte-order
            mark, the declared charset, UTF-8, or a detector, in that order).
        url: the page's address, if known: its host name helps recognise the site
            name in the page title. Nothing is ever fetched.
        config: options; ``CleanConfig()`` by default.

    Returns:
        A ``CleanResult`` with ``source == "html"``; removal offsets refer to
        ``result.extracted_text``, the article text extracted from the page.

    Raises:
        TypeError: ``html`` is neither ``str`` nor ``bytes``.
        InputTooLargeError: ``html`` is longer than ``config.max_input_chars``
            (characters for ``str``, bytes for ``bytes``).
        DecodeError: the bytes' encoding cannot be determined.
        CleanArticleError: the page cannot be parsed at all.
        RuleError, PatternTimeoutError: as for ``clean_text``.
    """
    if not isinstance(html, str | bytes):
        raise TypeError(
            f"clean_html() takes the page as str or bytes, not {type(html).__name__}; "
            "for scraped text use clean_text()"
        )
    config = config or _DEFAULT_CONFIG
    if len(html) > config.max_input_chars:
        unit = "characters" if isinstance(html, str) else "bytes"
        raise InputTooLargeError(
            f"input has {len(html):,} {unit}, over the limit of "
            f"{config.max_input_chars:,} (CleanConfig.max_input_chars)"
        )
    text = html if isinstance(html, str) else decode_html(html)
    if not text.strip():
        return clean_extracted("", config=config, source="html")
    tree, complete = parse_html(unwrap_source_lines(text))
    page = read_page_title(tree, url) if tree is not None else PageTitle()
    extracted, isolated = extract_text(tree if complete else None, text)
    headline = page.headline if config.headline else None
    text_config = config
    if isolated:
        # trafilatura has already cut the article out of the page: the text pass's
        # article window would only cut into it again (dev corpus, docs/index.md).
        text_config = dataclasses.replace(config, context=False)
    if config.headline and headline is None and _single_block(extracted):
        # No title in the markup and one block of text: that block is the article,
        # not a headline over an empty body.
        text_config = dataclasses.replace(text_config, headline=False)
    result = clean_extracted(extracted, config=text_config, title=headline, source="html")
    if (
        headline is None
        and result.headline is not None
        and is_site(result.headline, page.site_names)
    ):
        # The text pass took the site's name over the article (a logo, an <h1>
        # that only names the site) for its headline; the markup says it is none.
        text_config = dataclasses.replace(text_config, headline=False)
        result = clean_extracted(extracted, config=text_config, source="html")
    if config.headline and tree is not None:
        result = with_standfirst(keep_lede(result, tree), page.description, tree)
    return result


def _single_block(text: str) -> bool:
    return sum(1 for line in text.splitlines() if line.strip()) <= 1


def parse_html(text: str) -> tuple[HtmlElement | None, bool]:
    """Parse ``text`` with lxml's HTML parser.

    The HTML parser never reads a DTD, so no entity declaration is expanded (no
    billion laughs, no ``SYSTEM "file:///etc/passwd"``), and ``no_network`` forbids
    any fetch. ``huge_tree`` stays off: libxml2 then stops at 256 levels of nesting.

    Returns:
        The tree (``None`` if lxml cannot parse the page at all) and whether it is
        complete: a tree cut short at a libxml2 limit still has the page's head
        (for the headline), but its text comes from the streaming extraction.
    """
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.LxmlError, ValueError, RecursionError) as err:
        logger.debug("lxml cannot parse the page: %s", err)
        return None, False
    if any(_cut_short(entry) for entry in parser.error_log):
        logger.debug("the page exceeds libxml2's limits; using the streaming fallback")
        return tree, False
    return tree, True


def _cut_short(entry: Any) -> bool:
    return entry.level_name == "FATAL" or "Excessive depth" in str(entry.message)


def extract_text(tree: HtmlElement | None, text: str) -> tuple[str, bool]:
    """The article's text, one block per line: trafilatura, else every visible block.

    trafilatura gets the parsed tree (it copies it and never parses the raw page
    itself). When it finds nothing, or fails, or there is no complete tree, the
    page's visible text is streamed out block by block; the boilerplate pass then
    finds the article in it as it does in scraped page text.

    Returns:
        The text, and whether it is the article alone (trafilatura's) rather than
        the whole page's.
    """
    if tree is not None:
        extracted = _trafilatura(tree, EXTRACT_OPTIONS)
        if len(extracted) < SHORT_EXTRACTION_CHARS:
            # Fast mode skips trafilatura's second opinions (readability, jusText);
            # a short result is where they help (calibrated on the dev corpus).
            fuller = _trafilatura(tree, FALLBACK_OPTIONS)
            extracted = fuller if len(fuller) > len(extracted) else extracted
        if extracted.strip():
            return add_split_chunks(tree, extracted), True
    try:
        return stream_text(text), False
    except Exception as err:  # html.parser is lenient; this is the last resort
        raise CleanArticleError(f"cannot extract text from the page: {err}") from err


def unwrap_source_lines(text: str) -> str:
    """Join the lines the page's source wraps inside its text, as a browser shows them.

    A browser collapses whitespace outside preformatted elements, so a paragraph
    written over several source lines reads as one; trafilatura's text output keeps
    those line breaks, and each piece would then be judged as a line of its own
    (mozr/title-en-dash). Every line break outside ``<pre>``-like, script and style
    elements becomes one space with the indentation around it. Done on the markup,
    not the tree: string operations cost a fraction of a walk over every text node.

    >>> unwrap_source_lines("<p>One\\n    two</p>\\n<pre>a\\n  b</pre>")
    '<p>One two</p> <pre>a\\n  b</pre>'
    """
    pieces: list[str] = []
    start = 0
    verbatim: str | None = None
    for match in _VERBATIM_TAG_RE.finditer(text):
        closing, tag = match.group(1), match.group(2).lower()
        if verbatim is None and not closing:
            pieces.append(_join_lines(text[start : match.start()]))
            start, verbatim = match.start(), tag
        elif closing and tag == verbatim:
            pieces.append(text[start : match.start()])
            start, verbatim = match.start(), None
    rest = text[start:]
    pieces.append(rest if verbatim else _join_lines(rest))
    return "".join(pieces)


def _join_lines(text: str) -> str:
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = (line.strip(_SOURCE_SPACE) for line in lines[1:-1])
    return " ".join(
        [lines[0].rstrip(_SOURCE_SPACE), *filter(None, inner), lines[-1].lstrip(_SOURCE_SPACE)]
    )


def add_split_chunks(tree: HtmlElement, extracted: str) -> str:
    """Add the rest of an article body that the page splits into sibling chunks.

    Some publishers cut the body into several containers of one class, with ads
    between them (``div.article__body`` twice on wired.com); trafilatura keeps the
    first. When the container of the extracted paragraphs has a few same-class,
    article-like twins holding paragraphs the extraction lacks, their paragraphs
    are added in page order, before or after the extracted text.
    """
    known = {fold(line) for line in extracted.splitlines() if len(line) >= CHUNK_PARAGRAPH_CHARS}
    anchor = next((p for p in tree.iter("p") if _long(p) and fold(p.text_content()) in known), None)
    container = anchor.getparent() if anchor is not None else None
    while container is not None and not container.get("class"):
        container = container.getparent()
    if container is None or container.tag in ("body", "html"):
        return extracted
    label = container.get("class")
    if not _CHUNK_CLASS_RE.search(label):
        return extracted
    twins = [e for e in tree.iter(container.tag) if e.get("class") == label]
    if not 2 <= len(twins) <= MAX_CHUNKS:
        return extracted
    before: list[str] = []
    after: list[str] = []
    target = before
    for twin in twins:
        if twin is container:
            target = after
            continue
        if _related(twin, container):
            continue
        for block in twin.iter("p", "h2", "h3", "h4"):
            text = " ".join(block.text_content().split())
            if text and fold(text) not in known and not _in_aside(block, twin):
                target.append(text)
    added = sum(len(line) for line in before + after if len(line) >= CHUNK_PARAGRAPH_CHARS)
    if added < MIN_CHUNK_SHARE * len(extracted):
        return extracted
    return "\n".join([*before, extracted, *after])


def _long(element: HtmlElement) -> bool:
    return len(element.text_content()) >= CHUNK_PARAGRAPH_CHARS


def _related(a: HtmlElement, b: HtmlElement) -> bool:
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _in_aside(element: HtmlElement, stop: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in _ASIDE_TAGS:
            return True
    return False


def _trafilatura(tree: HtmlElement, options: dict[str, Any]) -> str:
    import trafilatura

    try:
        extracted = trafilatura.extract(tree, **options)
    except Exception as err:  # any failure of the heuristic extractor: fall back
        logger.debug("trafilatura failed: %s: %s", type(err).__name__, err)
        return ""
    return str(extracted) if extracted else ""


def stream_text(text: str) -> str:
    """Visible text of a page, one block per line, without building a tree.

    Uses the standard library's event parser: no depth limit, no recursion, only
    the HTML5 named character references (no entity declarations).

    >>> stream_text("<body><h1>Title</h1><p>One &amp; two</p><script>x()</script></body>")
    'Title\\nOne & two'
    """
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "\n".join(collector.lines())


class _TextCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._pieces.append(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # "<![" without a keyword html.parser knows ("<![ ", "<![x]>") raises
        # AssertionError there (Python 3.11-3.13, found by tests/fuzz.py); HTML5
        # reads it as a bogus comment up to the next ">", and so does this.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def lines(self) -> Iterator[str]:
        for line in "".join(self._pieces).split("\n"):
            cleaned = " ".join(line.split())
            if cleaned:
                yield cleaned
