"""The local engine: worker processes fed one source at a time, results handed back in input order.

A hand-rolled pool rather than ProcessPoolExecutor because a per-input timeout must kill exactly the
worker that is stuck (the executor cannot), and a dead worker must fail one input, not the whole pool.
"""

from __future__ import annotations

import collections
import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from newscli.batch.worker import Job, run_source
from newscli.errors import Failure
from newscli.parsers import Item
from newscli.sources import Source

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
TASKS_PER_WORKER = 500  # recycle a worker after this many inputs, so a slow leak cannot grow forever
# Inputs read ahead per worker. Results leave in input order, so a slow input at the head holds the
# window: with 4 per worker the other workers idled 1.5 % of a traf-dev batch (simulated from measured
# page times), with 16 they do not. Memory stays bounded: a slot holds a source (a path) or its articles.
WINDOW_PER_WORKER = 16
PRELOAD = ["newscli.batch.preload"]


def _worker_main(conn: Connection, job: Job, alive: Connection) -> None:
    """Worker loop: receive a source, send back its items; None means stop."""
    _die_with_parent(alive)
    while True:
        try:
            source = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if source is None:
            return
        conn.send(run_source(source, job))


def _die_with_parent(alive: Connection) -> None:
    """Exit as soon as the batch process is gone: its end of `alive` closes even on kill -9."""
    import threading

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            alive.recv()
        os._exit(1)

    threading.Thread(target=watch, name="newscli-parent-watch", daemon=True).start()


def _ensure_forkserver() -> None:
    """Start the forkserver (and multiprocessing's resource tracker) if it is not running yet."""
    from multiprocessing import forkserver

    forkserver.ensure_running()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored while a helper process is exec'd, so it ignores Ctrl-C from birth.

    A Ctrl-C reaches the whole process group: the forkserver, mid-way through importing the extraction
    stack, and the workers it forks printed KeyboardInterrupt tracebacks. An ignored signal stays
    ignored through exec, and the forkserver hands SIG_IGN down to every worker; the batch process
    handles Ctrl-C and stops its workers itself. SIGINT is blocked meanwhile, so one that arrives in
    this moment waits and is delivered to the batch process once its handler is back.

    Two ways the wait could lose it are closed: multiprocessing's resource tracker unblocks SIGINT when
    it has started (so it is started before the moment, not inside it), and ignoring a signal discards
    one already pending (so a pending one is noted first, and raised once the handler is back).
    """
    import signal
    import threading
    from multiprocessing import resource_tracker

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    arrived = signal.SIGINT in signal.sigpending()
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler if handler is not None else signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    if arrived:
        signal.raise_signal(signal.SIGINT)


def context() -> BaseContext:
    """forkserver where there is one (heavy libraries imported once, no fork of a threaded parent)."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class _Worker:
    """One worker process, its pipe, and what it is doing."""

    process: BaseProcess
    conn: Connection
    alive: Connection  # never written; the worker exits when it closes
    done: int = 0
    seq: int | None = None
    started: float = 0.0


@dataclass
class _Slot(Generic[T]):
    """One input in the window: its tag, its source, and its items once known."""

    tag: T
    source: Source | None
    items: list[Item] | None = None


@dataclass
class LocalEngine:
    """Run sources on `jobs` worker processes (or in this process when jobs is 1 and there is no timeout)."""

    job: Job
    jobs: int = 1
    timeout: float | None = None
    tasks_per_worker: int = TASKS_PER_WORKER
    _workers: list[_Worker] = field(default_factory=list)

    def run(self, inputs: Iterable[tuple[T, Source | None]]) -> Iterator[tuple[T, list[Item] | None]]:
        """Items per input, in input order; a None source passes through untouched (a skipped input)."""
        if self.jobs <= 1 and self.timeout is None:
            for tag, source in inputs:
                yield tag, None if source is None else run_source(source, self.job)
            return
        try:
            yield from self._parallel(inputs)
        finally:
            self.close()

    def _parallel(self, inputs: Iterable[tuple[T, Source | None]]) -> Iterator[tuple[T, list[Item] | None]]:
        """The window loop: read ahead, dispatch to idle workers, collect, emit the head when it is ready."""
        pending = iter(inputs)
        window: collections.deque[_Slot[T]] = collections.deque()
        todo: collections.deque[int] = collections.deque()
        first = 0  # sequence number of window[0]
        exhausted = False
        limit = max(1, self.jobs) * WINDOW_PER_WORKER
        while True:
            while not exhausted and len(window) < limit:
                nxt = next(pending, None)
                if nxt is None:
                    exhausted = True
                    break
                window.append(_Slot(nxt[0], nxt[1], None if nxt[1] is not None else []))
                if nxt[1] is not None:
                    todo.append(first + len(window) - 1)
            self._dispatch(todo, window, first)
            while window and window[0].items is not None:
                slot = window.popleft()
                first += 1
                yield slot.tag, slot.items if slot.source is not None else None
            if exhausted and not window:
                return
            if any(w.seq is not None for w in self._workers):
                self._collect(window, first)

    def _dispatch(
        self, todo: collections.deque[int], window: collections.deque[_Slot[T]], first: int
    ) -> None:
        """Give queued inputs to idle workers, starting workers up to `jobs`."""
        while todo:
            worker = self._idle()
            if worker is None:
                return
            seq = todo.popleft()
            worker.seq, worker.started = seq, time.monotonic()
            worker.conn.send(window[seq - first].source)

    def _idle(self) -> _Worker | None:
        """An idle worker (recycling one that has done its share), or a new one, or None when all are busy."""
        for index, worker in enumerate(self._workers):
            if worker.seq is None:
                if worker.done >= self.tasks_per_worker:
                    self._stop(worker)
                    self._workers[index] = worker = self._spawn()
                return worker
        if len(self._workers) < self.jobs:
            self._workers.append(self._spawn())
            return self._workers[-1]
        return None

    def _spawn(self) -> _Worker:
        """Start one worker process."""
        ctx: Any = context()
        parent, child = ctx.Pipe()
        alive_r, alive_w = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_worker_main, args=(child, self.job, alive_r), daemon=True)
        if ctx.get_start_method() == "forkserver":
            with _sigint_ignored():  # only the exec of the forkserver, on first use
                _ensure_forkserver()
            process.start()
        else:
            with _sigint_ignored():
                process.start()
        child.close()
        alive_r.close()
        return _Worker(process, parent, alive_w)

    def _collect(self, window: collections.deque[_Slot[T]], first: int) -> None:
        """Wait for a result or the first timeout; a dead or stuck worker fails its input, is replaced."""
        from multiprocessing.connection import wait

        busy = [w for w in self._workers if w.seq is not None]
        wait_for = None
        if self.timeout is not None:
            wait_for = max(0.0, min(w.started for w in busy) + self.timeout - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=wait_for)
        now = time.monotonic()
        for worker in busy:
            assert worker.seq is not None
            slot = window[worker.seq - first]
            assert slot.source is not None
            if worker.conn in ready:
                try:
                    slot.items = worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=5)
                    code = worker.process.exitcode
                    message = f"the worker process died (exit {code})"
                    slot.items = [Failure(slot.source.name, "crashed", message)]
                    self._replace(worker)
                    continue
                worker.seq, worker.done = None, worker.done + 1
            elif self.timeout is not None and now - worker.started >= self.timeout:
                message = f"no result after {self.timeout:g} s; the worker was stopped (see --timeout)"
                slot.items = [Failure(slot.source.name, "timeout", message)]
                self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and put a fresh one in its place."""
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        worker.alive.close()
        self._workers[self._workers.index(worker)] = self._spawn()

    def _stop(self, worker: _Worker) -> None:
        """Ask an idle worker to finish, then make sure it has."""
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        worker.alive.close()

    def close(self) -> None:
        """Stop every worker: idle ones politely, busy ones (interrupted run) at once."""
        for worker in self._workers:
            if worker.seq is None:
                self._stop(worker)
            else:
                worker.process.kill()
                worker.process.join()
                worker.conn.close()
                worker.alive.close()
        self._workers.clear()
