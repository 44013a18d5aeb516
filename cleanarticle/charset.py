"""Decode the bytes of an HTML page: byte-order mark, declared charset, UTF-8, detector.

The order follows what browsers do, with one exception: a page that declares a
single-byte legacy charset but is valid UTF-8 with non-ASCII characters is read as
UTF-8 (a legacy text that happens to form valid multi-byte UTF-8 sequences is
vanishingly rare; a wrong declaration is common). An encoding that cannot be
determined raises ``DecodeError``: a wrong guess would be silent mojibake.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from .errors import DecodeError

#: The charset declaration is looked for in this many leading bytes. Browsers scan
#: 1024; pages with long heads (inline styles, analytics) put it later.
DECLARATION_BYTES: Final = 4096
#: Detector candidates this close (in charset-normalizer's "chaos" ratio) to the best
#: one count as ties, broken by :data:`_PREFERRED`: on short French or German texts
#: cp1252 and cp1257 decode equally well, and cp1252 is by far the likelier.
CHAOS_TIE: Final = 0.05
#: A detector result messier than this is not trusted.
MAX_CHAOS: Final = 0.2

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_RE: Final = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:+-]+)""", re.IGNORECASE
)
_XML_DECL_RE: Final = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.:+-]+)""", re.I)
#: WHATWG encoding labels that name a superset, or that Python does not know.
_ALIASES: Final = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-mac-roman": "mac-roman",
}
#: Tie-break order for detector results: the most common encodings of web pages.
_PREFERRED: Final = ("utf_8", "cp1252", "iso8859_15", "cp1250", "cp1251", "cp1254")


def decode_html(data: bytes) -> str:
    """Decode an HTML page's bytes.

    Args:
        data: the page as served.

    Returns:
        The text (a byte-order mark is dropped).

    Raises:
        DecodeError: no byte-order mark, no usable declaration, not UTF-8, and the
            detector finds no plausible encoding either.

    >>> decode_html(b'<meta charset="windows-1252"><p>caf\\xe9</p>')
    '<meta charset="windows-1252"><p>café</p>'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                break  # a BOM followed by something else: fall through to the rest
    declared = declared_encoding(data[:DECLARATION_BYTES])
    if declared is not None:
        try:
            text = data.decode(declared)
        except UnicodeError:
            pass
        else:
            if _single_byte(declared) and not text.isascii():
                utf8 = _utf8(data)
                return text if utf8 is None else utf8
            return text
    utf8 = _utf8(data)
    return _detect(data) if utf8 is None else utf8


def declared_encoding(head: bytes) -> str | None:
    """The Python codec named by ``<meta charset>``, ``http-equiv`` or ``<?xml encoding>``.

    A UTF-16/32 declaration found by scanning bytes as ASCII is wrong by construction
    (browsers read it as UTF-8); unknown labels are ignored.

    >>> declared_encoding(b'<meta http-equiv="content-type" content="text/html; charset=latin1">')
    'cp1252'
    """
    match = _XML_DECL_RE.search(head) or _META_RE.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # "rot13", "base64", "zlib" are codecs but not text encodings: bytes.decode()
    # refuses them with LookupError. A page declaring one declares nothing usable.
    if not getattr(info, "_is_text_encoding", True):
        return None
    name = info.name
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _single_byte(encoding: str) -> bool:
    return encoding.startswith(("cp125", "iso8859", "latin", "mac-", "cp874", "cp1252"))


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.chaos <= MAX_CHAOS]
    if not matches:
        raise DecodeError(
            "cannot determine the character encoding of the HTML bytes (no byte-order "
            "mark, no <meta charset>, not UTF-8, and no plausible encoding detected); "
            "decode them yourself and pass a str"
        )
    best = min(m.chaos for m in matches)
    ties = [m for m in matches if m.chaos <= best + CHAOS_TIE]
    ties.sort(key=lambda m: _rank(m.encoding))
    return str(ties[0])


def _rank(encoding: str) -> int:
    try:
        return _PREFERRED.index(encoding)
    except ValueError:
        return len(_PREFERRED)
