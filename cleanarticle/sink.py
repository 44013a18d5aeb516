"""JSONL output that survives interruption: whole lines only, signals held during a write.

Every record is one line written by one unbuffered ``write`` (looped only if the
system writes part of it), with SIGINT and SIGTERM held until the line is complete,
so a killed run leaves a file of complete records. ``completed_ids`` reads such a file
back for ``--resume``, cutting a trailing partial line left by a harder kill
(SIGKILL, power loss).
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, BinaryIO, Final

from .io import OutputError

#: How ``batch`` serialises a record: ``json.dumps`` with these separators and the
#: ``id`` key first, so ``--resume`` can read ids without parsing whole records.
_ID_PREFIX: Final = '{"id": '
_DECODER: Final = json.JSONDecoder()


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; ``signum`` says which.

    A ``BaseException``, like ``KeyboardInterrupt``, so that the ``except Exception``
    that keeps one bad record from ending a run does not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class SignalGuard:
    """Within ``with guard:``, SIGINT and SIGTERM raise ``Interrupted``, except inside
    ``with guard.held():``, where they wait until the block ends.

    Outside the main thread (where Python cannot set handlers) it does nothing.
    """

    def __init__(self) -> None:
        self._holding = False
        self._pending: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        del frame
        if self._holding:
            self._pending = signum
        else:
            raise Interrupted(signum)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold signals for the duration of the block, then deliver a pending one.

        Blocks nest: only the outermost one delivers, so a caller can hold a write
        and the bookkeeping that goes with it as one step.
        """
        if self._holding:
            yield
            return
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
            pending, self._pending = self._pending, None
            if pending is not None:
                raise Interrupted(pending)


class JsonlSink:
    """Append lines to a file, each one whole, under a ``SignalGuard``.

    Raises:
        OutputError: the file cannot be opened or written.
    """

    def __init__(self, path: Path, *, append: bool, guard: SignalGuard | None = None) -> None:
        self.path = path
        self._guard = guard or SignalGuard()
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        try:
            self._fd = os.open(path, flags, 0o666)
        except OSError as err:
            raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err

    def write(self, line: bytes) -> None:
        """Write ``line``, one complete line ending in a newline, whole."""
        if not line.endswith(b"\n") or b"\n" in line[:-1]:
            raise ValueError("write() takes exactly one line, ending in a newline")
        data = memoryview(line)
        with self._guard.held():
            try:
                while data:
                    data = data[os.write(self._fd, data) :]
            except OSError as err:
                raise OutputError(f"{self.path}: cannot write: {err.strerror or err}") from err

    def close(self) -> None:
        """Flush to disk and close (an ``fsync``: the records survive a power cut)."""
        if self._fd < 0:
            return
        try:
            os.fsync(self._fd)
        except OSError:
            pass  # not every file supports it (pipes, /dev/null)
        finally:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> JsonlSink:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def dump_record(record: dict[str, Any]) -> bytes:
    """One UTF-8 JSONL line for ``record``, whose first key must be ``id``.

    Raises:
        UnicodeEncodeError: a string holds a lone surrogate (JSON input can carry one
            as an escape, ``"\\udcff"``), which UTF-8 cannot encode.

    >>> dump_record({"id": "a", "body": "Zoë"})
    b'{"id": "a", "body": "Zo\\xc3\\xab"}\\n'
    """
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def completed_ids(path: Path) -> set[str]:
    """The ids of the records in ``path``, after cutting a trailing partial line.

    A missing file has none. The file is streamed, not loaded whole.

    Raises:
        OutputError: the file cannot be read or truncated, or a line is not a record.
    """
    ids: set[str] = set()
    try:
        with open(path, "r+b") as handle:
            _cut_partial_line(handle)
            handle.seek(0)
            for lineno, raw in enumerate(handle, 1):
                try:
                    ids.add(_line_id(raw.decode("utf-8")))
                except (ValueError, KeyError, TypeError) as err:
                    raise OutputError(
                        f"{path}:{lineno}: not a record of cleanarticle batch, cannot resume"
                    ) from err
    except FileNotFoundError:
        return set()
    except OSError as err:
        raise OutputError(f"{path}: cannot resume: {err.strerror or err}") from err
    return ids


def _cut_partial_line(handle: BinaryIO, block: int = 1 << 16) -> None:
    """Truncate ``handle`` after its last newline (to nothing if it has none)."""
    end = handle.seek(0, os.SEEK_END)
    pos = end
    while pos > 0:
        start = max(0, pos - block)
        handle.seek(start)
        chunk = handle.read(pos - start)
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            pos = start + newline + 1
            break
        pos = start
    if pos != end:
        handle.truncate(pos)


def _line_id(line: str) -> str:
    if line.startswith(_ID_PREFIX):
        value, _ = _DECODER.raw_decode(line, len(_ID_PREFIX))
    else:
        value = json.loads(line)["id"]
    if not isinstance(value, str):
        raise TypeError("id is not a string")
    return value
