"""File input and output for the CLI: decoding with clear errors, atomic writes."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from .errors import CleanArticleError


class InputError(CleanArticleError):
    """An input file cannot be read or decoded; the message names the file."""


class OutputError(CleanArticleError):
    """An output file cannot be written; the message names the file."""


def read_input(name: str, encoding: str = "utf-8") -> str:
    """Read ``name`` (``-`` is standard input) and decode it strictly.

    Raises:
        InputError: missing, a directory, unreadable, or not valid ``encoding``
            (the message gives the byte offset of the first bad byte).
    """
    label = "<stdin>" if name == "-" else name
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{label}: no such file") from err
    except IsADirectoryError as err:
        raise InputError(f"{label}: is a directory") from err
    except PermissionError as err:
        raise InputError(f"{label}: permission denied") from err
    except OSError as err:
        raise InputError(f"{label}: cannot read: {err.strerror or err}") from err
    return decode(data, label, encoding)


def decode(data: bytes, label: str, encoding: str = "utf-8") -> str:
    """Decode ``data`` strictly; a UTF-8 byte-order mark is dropped."""
    try:
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(
            b"\xef\xbb\xbf"
        ):
            data = data[3:]
        return data.decode(encoding)
    except LookupError as err:
        raise InputError(f"unknown encoding {encoding!r}") from err
    except UnicodeDecodeError as err:
        raise InputError(
            f"{label}: not valid {encoding} at byte offset {err.start} "
            f"(byte 0x{data[err.start]:02x}); pass --encoding to name the right one"
        ) from err


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and an interrupted write leaves the old
    file as it was.

    Raises:
        OutputError: the folder does not exist or is not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
