"""File input and output for the CLI: decoding with clear errors, atomic writes."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import CleanArticleError


class InputError(CleanArticleError):
    """An input file cannot be read or decoded; the message names the file."""


class OutputError(CleanArticleError):
    """An output file cannot be written; the message names the file."""


def run_command(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    run: Callable[[argparse.Namespace], int],
) -> int:
    """Parse ``argv`` (default: the process's arguments) and ``run`` the command.

    The frame every CLI command shares: argparse's exits (``--help``, a usage error)
    become return codes instead of ``SystemExit``, and a reader that goes away
    (``cleanarticle ... | head``) ends the command successfully.
    """
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return run(args)
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


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
    """Decode ``data`` strictly; a UTF-8 byte-order mark is dropped.

    Raises:
        InputError: an unknown encoding, bytes that are not valid ``encoding``, or
            a decoded text holding a lone surrogate (which no output can encode).
    """
    try:
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and data.startswith(
            b"\xef\xbb\xbf"
        ):
            data = data[3:]
        text = data.decode(encoding)
    except LookupError as err:
        # Python knows rot13, base64, zlib...: codecs, but not from bytes to text.
        why = ": not a text encoding" if "not a text encoding" in str(err) else ""
        raise InputError(f"unknown encoding {encoding!r}{why}") from err
    except UnicodeDecodeError as err:
        raise InputError(
            f"{label}: not valid {encoding} at byte offset {err.start} "
            f"(byte 0x{data[err.start]:02x}); pass --encoding to name the right one"
        ) from err
    except UnicodeError as err:
        # Some codecs (punycode, undefined) fail with a bare UnicodeError, no offset.
        raise InputError(f"{label}: not valid {encoding}: {err}") from err
    # Strict codecs never produce lone surrogates, but escape codecs do
    # ("\\udcff" read with --encoding unicode_escape); refused here, they would
    # otherwise crash the UTF-8 write of the result (tests/test_cli_robustness.py).
    surrogate = _SURROGATE_RE.search(text)
    if surrogate is not None:
        raise InputError(
            f"{label}: decoding as {encoding} gives a lone surrogate "
            f"U+{ord(surrogate.group()):04X} at character offset {surrogate.start()}, "
            "which is not text; pass --encoding to name the right one"
        )
    return text


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    A reader never sees a half-written file, and an interrupted write leaves the old
    file as it was.

    Raises:
        OutputError: the folder does not exist or is not writable, or ``text`` holds
            a lone surrogate, which UTF-8 cannot encode.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    try:
        # mkstemp creates the file 0600; give it the mode a plain open() would have
        # (the file it replaces keeps its own mode).
        os.fchmod(fd, _target_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    except UnicodeEncodeError as err:
        # A lone surrogate in ``text``: not UTF-8, and not a traceback either.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(
            f"{target}: cannot write: U+{ord(err.object[err.start]):04X} at character "
            f"offset {err.start} cannot be encoded as UTF-8"
        ) from err
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _target_mode(target: Path) -> int:
    """The permission bits for a new ``target``: those of the file it replaces, else
    ``0o666`` less the process umask, as ``open(target, "w")`` would give."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        pass
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask
