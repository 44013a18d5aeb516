"""Clean a stream of documents in worker processes, keeping the input order.

Documents go to the workers in chunks; at most ``IN_FLIGHT_PER_JOB`` chunks per worker
are out at once, so memory stays bounded on inputs of any size, and results come back
in submission order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Final

from .config import CleanConfig
from .records import clean_content, failure_reason, result_record
from .sink import dump_record
from .sources import Document

#: Chunks queued per worker: enough that a worker never waits for the parent to
#: send the next one, few enough to bound memory (4 x 8 pages of HTML per worker).
IN_FLIGHT_PER_JOB: Final = 4
#: Reason recorded for the documents a crashed worker took with it.
WORKER_DIED: Final = (
    "a worker process died (crashed or killed, for example out of memory) while this "
    "record was queued; retry with --resume"
)

#: A cleaned document: its id, whether it succeeded, and its JSONL line (UTF-8, with
#: the newline), encoded in the worker so the parent only writes.
Outcome = tuple[str | None, bool, bytes]

_worker_config: CleanConfig | None = None


def default_jobs() -> int:
    """The CPUs this process may run on (the affinity mask, where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def clean_document(doc: Document, config: CleanConfig | None) -> Outcome:
    """Clean one document into an output line, or an errors-file line on failure.

    Never raises for a bad document: a reader error, a cleaner error and even an
    unexpected exception become an error line, so one page cannot end a long run.
    """
    if doc.error is not None:
        return doc.id, False, _error_line(doc, doc.error)
    try:
        result = clean_content(doc.kind, doc.content, url=doc.url, config=config)
    except Exception as err:  # one bad page must not end a long run
        return doc.id, False, _error_line(doc, failure_reason(err))
    record = {"id": doc.id, "input": doc.input, "url": doc.url, **result_record(result)}
    try:
        return doc.id, True, dump_record(record)
    except UnicodeEncodeError as err:
        char = ord(err.object[err.start])
        reason = f"the text holds a lone surrogate U+{char:04X}, which is not Unicode text"
        return doc.id, False, _error_line(doc, reason)


def _error_line(doc: Document, reason: str) -> bytes:
    record = {"id": doc.id, "input": doc.input, "url": doc.url, "error": reason}
    try:
        return dump_record(record)
    except UnicodeEncodeError:  # a lone surrogate in the id or url: escape everything
        return (json.dumps(record) + "\n").encode("ascii")


def clean_stream(
    documents: Iterable[Document],
    config: CleanConfig | None,
    *,
    jobs: int,
    chunk_size: int = 8,
) -> Generator[Outcome, None, None]:
    """Clean ``documents`` with ``jobs`` processes; outcomes come in input order.

    With ``jobs == 1`` everything runs in this process. Closing the iterator early
    (or an exception in the consumer) stops the workers.
    """
    if jobs <= 1:
        for doc in documents:
            yield clean_document(doc, config)
        return
    pool = _Pool(jobs, config)
    pending: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
    completed = False
    try:
        for chunk in _chunks(documents, chunk_size):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
        completed = True
    finally:
        pool.close(wait=completed)


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _collect(chunk: list[Document], future: Future[list[Outcome]]) -> Iterator[Outcome]:
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        outcomes = [(doc.id, False, _error_line(doc, WORKER_DIED)) for doc in chunk]
    yield from outcomes


class _Pool:
    """A process pool that replaces itself when a worker dies."""

    def __init__(self, jobs: int, config: CleanConfig | None) -> None:
        self._jobs = jobs
        self._config = config
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self._jobs, initializer=_init_worker, initargs=(self._config,))

    def submit(self, chunk: list[Document]) -> Future[list[Outcome]]:
        try:
            return self._executor.submit(_clean_chunk, chunk)
        except BrokenProcessPool:
            # The chunks already queued fail with WORKER_DIED; the rest go on.
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(_clean_chunk, chunk)

    def close(self, *, wait: bool) -> None:
        if not wait:
            # Interrupted: do not let the workers finish their queued chunks. The
            # executor has no public way to stop running workers.
            processes = getattr(self._executor, "_processes", None) or {}
            for process in list(processes.values()):
                process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=not wait)


def _init_worker(config: CleanConfig | None) -> None:
    global _worker_config
    _worker_config = config
    # Ctrl-C reaches the whole process group: the parent alone decides what to do.
    # SIGTERM must kill a worker, not run a handler inherited from the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _clean_chunk(chunk: list[Document]) -> list[Outcome]:
    return [clean_document(doc, _worker_config) for doc in chunk]
