"""What ``cleanarticle explain`` shows: the input cut into kept and removed pieces, and the
self-contained HTML report pages (one per document, plus an index for a batch).

The pages load nothing: CSS is inline, there is no script, and a Content-Security-Policy
``<meta>`` forbids every fetch, so a report can be opened, mailed or archived as it is.
All text from the input is HTML-escaped; control characters are shown as visible symbols.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from . import __version__
from .clean import HEADLINE_RULE, STANDFIRST_RULE
from .result import CATEGORIES, CleanResult, Removal

#: Label of the legend row for the headline and standfirst moves (category ``other``).
MOVE_LABEL: Final = "headline/standfirst"
#: Breaks that ``segment.py`` treats as line ends; shown as plain newlines.
_LINE_BREAKS: Final = frozenset("\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Explained:
    """One document: its display name, the text the offsets refer to, and its result."""

    name: str
    text: str
    result: CleanResult


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of the explained text: kept (``removal is None``) or removed."""

    text: str
    removal: Removal | None


def is_move(removal: Removal) -> bool:
    """True for the removals that move a line into ``headline``/``standfirst``.

    They are category ``other`` with rule ``headline``, ``standfirst`` or
    ``headline.<how>`` (``headline.page-title``): text that is kept, elsewhere.

    >>> is_move(Removal(0, 5, "Title", "other", "headline"))
    True
    >>> is_move(Removal(0, 5, "Share", "social", "en.social.share"))
    False
    """
    rule = removal.rule
    return removal.category == "other" and any(
        rule == base or rule.startswith(base + ".") for base in (HEADLINE_RULE, STANDFIRST_RULE)
    )


def pieces(text: str, removals: Sequence[Removal]) -> Iterator[Piece]:
    """Cut ``text`` into alternating kept and removed pieces, in order.

    Removals are taken in start order; a span that overlaps the previous one is
    clipped to where that one ends (the cleaner never produces overlaps, but a
    hand-made trail might), and an empty one is skipped.

    >>> r = Removal(4, 8, "Ads\\n", "advertising", "en.ad")
    >>> [(p.text, p.removal is not None) for p in pieces("Hi.\\nAds\\nBye.", [r])]
    [('Hi.\\n', False), ('Ads\\n', True), ('Bye.', False)]
    """
    pos = 0
    for removal in sorted(removals, key=lambda r: (r.start, r.end)):
        start, end = max(removal.start, pos), min(removal.end, len(text))
        if start >= end:
            continue
        if start > pos:
            yield Piece(text[pos:start], None)
        yield Piece(text[start:end], removal)
        pos = end
    if pos < len(text):
        yield Piece(text[pos:], None)


def _printable_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(32) if chr(code) not in "\t\n"}
    table[0x7F] = "\u2421"
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})
    table.update({ord(char): "\n" for char in _LINE_BREAKS | {"\r"}})
    return table


_PRINTABLE: Final = _printable_table()


def printable(text: str) -> str:
    """``text`` made safe to print or embed: controls become visible symbols.

    Every line break ``segment.py`` knows becomes ``\\n`` (``\\r\\n`` one ``\\n``);
    other C0 controls and DEL become their Unicode control pictures (ESC shows as
    ``␛``), C1 controls the replacement character. A terminal escape in the input
    can therefore not recolour or move the terminal, and the HTML stays valid.

    >>> printable("a\\r\\nb\\x1b[31mc\\u2028d\\te")
    'a\\nb␛[31mc\\nd\\te'
    """
    return text.replace("\r\n", "\n").translate(_PRINTABLE)


def legend_rows(result: CleanResult) -> list[tuple[str, str, int]]:
    """``(label, style key, count)`` per category present, moves in their own row.

    The style key is the category name, or ``"move"`` for the headline/standfirst
    moves, whose label is ``MOVE_LABEL``. Rows follow the category vocabulary.
    """
    counts = dict.fromkeys(CATEGORIES, 0)
    moves = 0
    for removal in result.removals:
        if is_move(removal):
            moves += 1
        else:
            counts[removal.category] += 1
    rows = [(name, name, n) for name, n in counts.items() if n]
    if moves:
        rows.append((MOVE_LABEL, "move", moves))
    return rows


# --- HTML --------------------------------------------------------------------------------

#: Background and accent colour per category: pastel fills that keep black text readable.
COLOURS: Final = {
    "donation": ("#ffe0b2", "#e65100"),
    "subscription": ("#ffcdd2", "#c62828"),
    "newsletter": ("#bbdefb", "#1565c0"),
    "comments": ("#e1bee7", "#6a1b9a"),
    "social": ("#b2ebf2", "#00838f"),
    "advertising": ("#f8bbd0", "#ad1457"),
    "consent": ("#fff59d", "#9e7c00"),
    "related": ("#c8e6c9", "#2e7d32"),
    "navigation": ("#cfd8dc", "#455a64"),
    "promo": ("#d1c4e9", "#4527a0"),
    "legal": ("#d7ccc8", "#5d4037"),
    "byline": ("#f0f4c3", "#827717"),
    "credit": ("#b3e5fc", "#0277bd"),
    "other": ("#e0e0e0", "#616161"),
}

#: The table of removals starts unfolded when it is this short.
OPEN_TABLE_ROWS: Final = 50

_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'"

_BASE_CSS: Final = """\
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1f2328;background:#f6f7f9}
header,main,.removals,footer{max-width:1400px;margin:0 auto;padding:0 24px}
header{padding-top:20px}
h1{font-size:22px;margin:0 0 4px;word-break:break-all}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#57606a;margin:0 0 10px}
a{color:#0969da}
.meta{color:#57606a;margin:0 0 14px}
.crumbs{margin:0 0 8px;font-size:14px}
.legend{display:flex;flex-wrap:wrap;gap:6px 8px;margin:0 0 18px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px;background:#fff;border:1px solid #d0d7de;
border-radius:14px;padding:2px 10px 2px 4px;font-size:13px}
.legend b{font-variant-numeric:tabular-nums}
.chip{border-radius:10px;padding:0 8px;white-space:nowrap}
main.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px;align-items:start}
@media (max-width:900px){main.cols{grid-template-columns:minmax(0,1fr)}}
section.panel{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 18px}
.source{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.6 ui-monospace,SFMono-Regular,
Menlo,Consolas,monospace;margin:0}
mark.rm{color:inherit;background:var(--fill);border-bottom:2px solid var(--accent);
border-radius:2px;padding:1px 0}
mark.move{background:#dafbe1;border-bottom:2px dashed #1a7f37;font-weight:600}
.chip{background:var(--fill);border:1px solid var(--accent)}
.chip.move{background:#dafbe1;border:1px dashed #1a7f37}
.kept .headline{font-size:21px;line-height:1.3;margin:0 0 8px}
.kept .standfirst{font-size:16px;color:#424a53;margin:0 0 14px;font-style:italic}
.kept .body p{margin:0 0 12px;overflow-wrap:anywhere}
.none{color:#8c959f;font-style:italic}
.removals{margin-top:20px}
details{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 18px}
summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:10px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{color:#57606a;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td code{font-size:12px;white-space:nowrap}
td.err{color:#cf222e}
footer{color:#8c959f;font-size:12px;padding:20px 24px 28px}
"""


def _category_css() -> str:
    rules = [
        f".c-{name}{{--fill:{fill};--accent:{accent}}}" for name, (fill, accent) in COLOURS.items()
    ]
    return "\n".join(rules) + "\n"


CSS: Final = _BASE_CSS + _category_css()


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f"{body}"
        f"<footer>Made by cleanarticle {_e(__version__)} <code>explain</code>.</footer>\n"
        "</body>\n</html>\n"
    )


def _chip(label: str, key: str) -> str:
    css = "move" if key == "move" else f"c-{key}"
    return f'<span class="chip {css}">{_e(label)}</span>'


def _legend(result: CleanResult) -> str:
    rows = legend_rows(result)
    if not rows:
        return '<p class="none">Nothing was removed.</p>\n'
    items = []
    for label, key, count in rows:
        hint = ' title="category other: moved into the headline and standfirst fields"'
        items.append(f"<li{hint if key == 'move' else ''}>{_chip(label, key)}<b>{count}</b></li>")
    return '<ul class="legend">\n' + "\n".join(items) + "\n</ul>\n"


def _mark(piece: Piece, index: int) -> str:
    removal = piece.removal
    assert removal is not None
    move = is_move(removal)
    css = f"rm c-{removal.category}" + (" move" if move else "")
    title = f"{removal.category} \u00b7 {removal.rule} \u00b7 {removal.start}\u2013{removal.end}"
    if move:
        title += " (kept as the " + ("standfirst" if "standfirst" in removal.rule else "headline")
        title += ")"
    return (
        f'<mark id="r{index}" class="{css}" title="{_e(title)}" data-rule="{_e(removal.rule)}"'
        f' data-start="{removal.start}" data-end="{removal.end}">{_e(piece.text)}</mark>'
    )


def _numbered(result: CleanResult) -> dict[Removal, int]:
    """Removal -> its 1-based number in input order (the ``#rN`` anchors)."""
    ordered = sorted(result.removals, key=lambda r: (r.start, r.end))
    return {removal: i for i, removal in reversed(list(enumerate(ordered, 1)))}


def _source(doc: Explained) -> str:
    parts: list[str] = []
    numbers = _numbered(doc.result)
    for piece in pieces(doc.text, doc.result.removals):
        if piece.removal is None:
            parts.append(_e(piece.text))
        else:
            parts.append(_mark(piece, numbers[piece.removal]))
    lang = _e(doc.result.language)
    return f'<pre class="source" lang="{lang}">' + "".join(parts) + "</pre>\n"


def _kept(result: CleanResult) -> str:
    lang = _e(result.language)
    out = [f'<div lang="{lang}">']
    if result.headline:
        out.append(f'<h3 class="headline">{_e(result.headline)}</h3>')
    else:
        out.append('<p class="none">No headline found.</p>')
    if result.standfirst:
        out.append(f'<p class="standfirst">{_e(result.standfirst)}</p>')
    out.append('<div class="body">')
    out.extend(f"<p>{_e(p)}</p>" for p in result.paragraphs)
    if not result.paragraphs:
        out.append('<p class="none">No body text kept.</p>')
    out.append("</div></div>")
    return "\n".join(out) + "\n"


def _removal_table(result: CleanResult) -> str:
    if not result.removals:
        return ""
    rows = []
    for i, r in enumerate(sorted(result.removals, key=lambda r: (r.start, r.end)), 1):
        excerpt = " ".join(r.text.split())
        excerpt = excerpt if len(excerpt) <= 140 else excerpt[:139] + "\u2026"
        key = "move" if is_move(r) else r.category
        rows.append(
            f'<tr><td class="num"><a href="#r{i}">{i}</a></td><td>{_chip(r.category, key)}</td>'
            f'<td><code>{_e(r.rule)}</code></td><td class="num">{r.start}\u2013{r.end}</td>'
            f"<td>{_e(excerpt)}</td></tr>"
        )
    return (
        f'<div class="removals"><details{" open" if len(rows) <= OPEN_TABLE_ROWS else ""}>\n'
        f"<summary>All {len(rows)} removals</summary>\n<table>\n"
        "<tr><th>#</th><th>category</th><th>rule</th><th>offsets</th><th>text</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>\n</details></div>\n"
    )


def _summary_line(result: CleanResult) -> str:
    moved = sum(is_move(r) for r in result.removals)
    removed = len(result.removals) - moved
    return (
        f"language {result.language} \u00b7 source {result.source} \u00b7 "
        f"{removed} span{'s' if removed != 1 else ''} removed \u00b7 "
        f"{moved} moved to headline/standfirst \u00b7 "
        f"{len(result.paragraphs)} paragraph{'s' if len(result.paragraphs) != 1 else ''} kept"
    )


def render_document(doc: Explained, *, index_href: str | None = None) -> str:
    """The report page of one document.

    Args:
        doc: the document and its result.
        index_href: a link back to the batch index, if the page belongs to one.

    Returns:
        A complete, self-contained HTML page.
    """
    crumbs = ""
    if index_href is not None:
        crumbs = f'<p class="crumbs"><a href="{_e(index_href)}">\u2190 all documents</a></p>\n'
    body = (
        "<header>\n"
        + crumbs
        + f'<h1>{_e(doc.name)}</h1>\n<p class="meta">{_e(_summary_line(doc.result))}</p>\n'
        + _legend(doc.result)
        + '</header>\n<main class="cols">\n'
        + '<section class="panel original"><h2>Input, removed spans highlighted</h2>\n'
        + _source(doc)
        + "</section>\n"
        + '<section class="panel kept"><h2>Kept: headline, standfirst, body</h2>\n'
        + _kept(doc.result)
        + "</section>\n</main>\n"
        + _removal_table(doc.result)
    )
    return _page(f"cleanarticle explain: {doc.name}", body)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One row of a batch index: a page that was written, or an error."""

    name: str
    page: str | None
    result: CleanResult | None = None
    error: str | None = None


def render_index(entries: Sequence[IndexEntry]) -> str:
    """The batch index page: one row per document, linking to its page.

    Args:
        entries: the documents in input order; ``page`` is a file name in the same folder.

    Returns:
        A complete, self-contained HTML page.
    """
    totals: dict[tuple[str, str], int] = {}
    rows = []
    for entry in entries:
        name = _e(entry.name)
        if entry.page is not None:
            name = f'<a href="{_e(quote(entry.page))}">{name}</a>'
        if entry.result is None:
            rows.append(
                f'<tr><td>{name}</td><td class="err" colspan="4">{_e(entry.error or "")}</td></tr>'
            )
            continue
        legend_row = legend_rows(entry.result)
        for label, key, count in legend_row:
            totals[label, key] = totals.get((label, key), 0) + count
        chips = " ".join(f"{_chip(label, key)}&nbsp;{count}" for label, key, count in legend_row)
        removed = sum(not is_move(r) for r in entry.result.removals)
        rows.append(
            f"<tr><td>{name}</td><td>{_e(entry.result.language)}</td>"
            f'<td class="num">{removed}</td><td class="num">{len(entry.result.paragraphs)}</td>'
            f"<td>{chips}</td></tr>"
        )
    failed = sum(entry.result is None for entry in entries)
    meta = f"{len(entries)} documents" + (f", {failed} failed" if failed else "")
    order = {name: i for i, name in enumerate((*CATEGORIES, "move"))}
    legend = "\n".join(
        f"<li>{_chip(label, key)}<b>{count}</b></li>"
        for (label, key), count in sorted(totals.items(), key=lambda item: order[item[0][1]])
    )
    body = (
        "<header>\n<h1>cleanarticle explain</h1>\n"
        f'<p class="meta">{_e(meta)}</p>\n'
        + (f'<ul class="legend">\n{legend}\n</ul>\n' if legend else "")
        + '</header>\n<main>\n<section class="panel"><table>\n'
        '<tr><th>document</th><th>language</th><th class="num">removed</th>'
        '<th class="num">paragraphs kept</th>'
        "<th>by category</th></tr>\n" + "\n".join(rows) + "\n</table></section>\n</main>\n"
    )
    return _page("cleanarticle explain: index", body)
