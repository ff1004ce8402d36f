"""Ctrl-C and SIGTERM that are never lost, even when they land where Python cannot raise them.

Python raises KeyboardInterrupt wherever the main thread is when the signal arrives. If that is inside
a weakref callback or a `__del__` (the import system's module locks use one), the interpreter prints
"Exception ignored in: …" and the run goes on as if nothing had happened: seen under load as a Ctrl-C
that let a 400-page batch finish with exit 0. So the handlers also note the signal, the loops that drive
a run call `check()` between inputs (a stop that was swallowed is raised again there), and whoever
handles the stop calls `clear()`.
"""

from __future__ import annotations

import signal

from newscli.errors import Terminated

_pending: int | None = None


def install() -> None:
    """Handle SIGINT and SIGTERM with `handler` (the command-line entry point; main thread only)."""
    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def handler(signum: int, frame: object) -> None:
    """Note the signal, then raise it: KeyboardInterrupt for SIGINT, Terminated for SIGTERM."""
    global _pending
    _pending = signum
    raise _exception(signum)


def check() -> None:
    """Raise a stop that arrived but was never handled (swallowed where it landed)."""
    if _pending is not None:
        raise _exception(_pending)


def clear() -> None:
    """The stop has been handled: the run is ending with its exit code."""
    global _pending
    _pending = None


def _exception(signum: int) -> BaseException:
    """The exception a signal unwinds the run with."""
    return Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
