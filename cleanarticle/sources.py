"""Batch inputs read as one stream of documents: files, directories, JSONL, WARC and WET.

Every document carries an ``id`` (for ``--resume``) and its ``input`` location
(``path``, ``path:line`` or ``path@offset``). A document that cannot be read (a bad
JSON line, a missing field, undecodable bytes, an oversized file, a truncated archive)
is still yielded, with ``error`` set, so the caller can account for it.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

from .errors import CleanArticleError
from .extras import require
from .io import InputError, decode
from .records import RecordError, pick_content

#: Extensions a directory walk picks up (each also with ``.gz``).
DIRECTORY_SUFFIXES: Final = (".txt", ".html", ".htm")
#: HTTP content types of WARC response records that are pages to clean.
HTML_TYPES: Final = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Document:
    """One input document; ``kind`` is ``"text"`` or ``"html"``."""

    id: str | None
    input: str
    kind: str = "text"
    content: str | bytes = ""
    url: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    """Field names of JSONL records (``--text-field`` and friends)."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    id: str | None = None
    #: Encoding of text files (JSONL, HTML and WARC bring their own).
    encoding: str = "utf-8"


@dataclass(slots=True)
class ReadStats:
    """What a read skipped that is not a document (WARC request, metadata, ... records)."""

    ignored_records: int = 0


def input_format(path: Path) -> str:
    """``"jsonl"``, ``"warc"``, ``"html"`` or ``"text"``, from the name (``.gz`` aside).

    >>> input_format(Path("crawl.warc.gz")), input_format(Path("a.HTM")), input_format(Path("x"))
    ('warc', 'html', 'text')
    """
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".warc", ".wet")):
        return "warc"
    if name.endswith((".html", ".htm")):
        return "html"
    return "text"


def check_inputs(names: Sequence[str]) -> list[Path]:
    """Check that every named input exists and can be read, before anything is written.

    Raises:
        InputError: a name is missing, unreadable or not a file or directory, or names
            a WARC file while the ``warc`` extra is not installed.
    """
    paths = []
    for name in names:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file or directory")
        if not (path.is_file() or path.is_dir()):
            raise InputError(f"{name}: not a file or directory")
        if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            raise InputError(f"{name}: permission denied")
        if path.is_file() and input_format(path) == "warc":
            try:
                require("warcio", "warc")
            except CleanArticleError as err:
                raise InputError(f"{name}: {err}") from err
        paths.append(path)
    return paths


def walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` with a ``DIRECTORY_SUFFIXES`` name, in sorted order.

    Symbolic links to directories are not followed (no loops).
    """
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.lower().removesuffix(".gz").endswith(DIRECTORY_SUFFIXES):
                yield Path(root) / name


def read_documents(
    paths: Sequence[Path],
    fields: Fields,
    *,
    max_bytes: int,
    exclude: frozenset[Path] = frozenset(),
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Every document of every input, in command-line order (directories sorted).

    Args:
        paths: checked inputs (``check_inputs``).
        fields: JSONL field names.
        max_bytes: larger files and records become error documents unread.
        exclude: resolved paths never to read (the batch's own output files).
        stats: counts what is skipped as not a document.
    """
    stats = stats if stats is not None else ReadStats()
    for path in paths:
        files = walk(path) if path.is_dir() else iter([path])
        for file in files:
            if file.resolve() in exclude:
                continue
            fmt = input_format(file)
            if fmt == "jsonl":
                yield from read_jsonl(file, fields, max_bytes=max_bytes)
            elif fmt == "warc":
                yield from read_warc(file, max_bytes=max_bytes, stats=stats)
            else:
                yield read_file(file, fmt, max_bytes=max_bytes, encoding=fields.encoding)


def _open(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return cast(BinaryIO, gzip.open(path, "rb"))
    return open(path, "rb")


#: What reading a damaged file raises: OS errors, bad or truncated gzip streams.
_READ_ERRORS: Final = (OSError, EOFError, zlib.error)


def read_file(path: Path, fmt: str, *, max_bytes: int, encoding: str = "utf-8") -> Document:
    """One text or HTML file (``.gz`` too) as one document; its id is its path."""
    label = str(path)
    try:
        with _open(path) as handle:
            data = handle.read(max_bytes + 1)
    except _READ_ERRORS as err:
        return Document(label, label, error=f"cannot read: {_reason(err)}")
    if len(data) > max_bytes:
        return Document(label, label, error=f"over the size limit of {max_bytes:,} bytes")
    if fmt == "html":
        # Bytes: the HTML adapter finds the charset in the page itself.
        return Document(label, label, "html", data)
    try:
        return Document(label, label, "text", decode(data, label, encoding))
    except InputError as err:
        return Document(label, label, error=str(err))


def read_jsonl(path: Path, fields: Fields, *, max_bytes: int) -> Iterator[Document]:
    """One document per non-blank line of a JSONL file (``.jsonl.gz`` too).

    The id is the ``fields.id`` value when named (required then), else the record's
    ``"id"`` when it has one, else ``path:line``.
    """
    lineno = 0
    try:
        with _open(path) as handle:
            for lineno, raw in enumerate(handle, 1):
                if raw.strip():
                    yield _jsonl_document(raw, f"{path}:{lineno}", fields, max_bytes)
    except _READ_ERRORS as err:
        where = f"{path}:{lineno + 1}"
        yield Document(None, where, error=f"cannot read past line {lineno}: {_reason(err)}")


def _jsonl_document(raw: bytes, where: str, fields: Fields, max_bytes: int) -> Document:
    if len(raw) > max_bytes:
        return Document(None, where, error=f"over the size limit of {max_bytes:,} bytes")
    try:
        record = json.loads(decode(raw, where))
    except InputError as err:
        return Document(None, where, error=str(err))
    except json.JSONDecodeError as err:
        return Document(None, where, error=f"bad JSON: {err}")
    if not isinstance(record, dict):
        return Document(None, where, error=f"a JSON {type(record).__name__}, not an object")
    doc_id = _record_id(record, fields.id, where)
    if doc_id is None:
        return Document(None, where, error=f"no usable id in field {fields.id!r}")
    url = record.get(fields.url) if fields.url else None
    url = url if isinstance(url, str) and url else None
    try:
        kind, content = pick_content(record, text_field=fields.text, html_field=fields.html)
    except RecordError as err:
        return Document(doc_id, where, url=url, error=str(err))
    return Document(doc_id, where, kind, content, url)


def _record_id(record: dict[str, Any], field: str | None, where: str) -> str | None:
    value = record.get(field or "id")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    return None if field else where


def read_warc(path: Path, *, max_bytes: int, stats: ReadStats) -> Iterator[Document]:
    """HTML ``response`` and ``resource`` records and WET ``conversion`` records.

    The id is the ``WARC-Record-ID``, the url the ``WARC-Target-URI``, the location
    ``path@offset``. Other records (requests, metadata, redirects, images) are counted
    in ``stats.ignored_records``.
    """
    archive = require("warcio.archiveiterator", "warc")
    offset = 0
    try:
        with open(path, "rb") as handle:
            records = archive.ArchiveIterator(handle)
            for record in records:
                doc = _warc_document(record, str(path), max_bytes)
                # The offset is known once the record has been read (warcio reads to
                # its end to find it), so ask only after _warc_document.
                offset = records.get_record_offset()
                if doc is None:
                    stats.ignored_records += 1
                    continue
                where = f"{path}@{offset}"
                yield dataclasses.replace(doc, id=doc.id or where, input=where)
    except Exception as err:  # warcio raises its own ArchiveLoadFailed and plain errors
        yield Document(None, f"{path}@{offset}", error=f"cannot read WARC: {_reason(err)}")


def _warc_document(record: Any, label: str, max_bytes: int) -> Document | None:
    """The document in ``record`` (its ``input`` left for the caller), or ``None``."""
    headers = record.rec_headers
    kind = record.rec_type
    if kind in ("response", "resource"):
        ctype = headers.get_header("Content-Type") or ""
        if kind == "response":
            http = record.http_headers
            if http is None or http.get_statuscode() != "200":
                return None
            ctype = http.get_header("Content-Type") or ""
        if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
            return None
        fmt = "html"
    elif kind == "conversion":
        fmt = "text"
    else:
        return None
    doc_id = headers.get_header("WARC-Record-ID")
    where = ""  # set by the caller
    url = headers.get_header("WARC-Target-URI") or None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Document(doc_id, where, url=url, error=f"over the size limit of {max_bytes:,} bytes")
    if fmt == "html":
        return Document(doc_id, where, "html", _html_payload(data, ctype), url)
    try:
        return Document(doc_id, where, "text", decode(data, label), url)
    except InputError as err:
        return Document(doc_id, where, url=url, error=str(err))


def _html_payload(data: bytes, content_type: str) -> str | bytes:
    """Decode with the HTTP charset when it is given and right; else leave the bytes to
    the HTML adapter, which reads the page's own ``<meta charset>``."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            try:
                return data.decode(value.strip().strip("\"'"))
            except (LookupError, UnicodeDecodeError):
                break
    return data


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
