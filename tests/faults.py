"""Fault injection for tests, from the outside: newscli's production code carries no test switch.

Faults are described by a small JSON object (the NEWSCLI_FAULTS variable for a child process):

    {"slow": {"a05.txt": 60}}      an input whose name holds the marker takes that many seconds (in its worker)
    {"exit": {"a00.txt": 70}}      the worker handling such an input dies at once with that exit code
    {"kill": "written:4"}          SIGKILL the batch process the 4th time it reaches the point `written`
    {"events": 7}                  write "point n" lines to file descriptor 7 as points are reached
    {"checkpoint_every": 2}        commit the batch state every 2 inputs instead of every 200

Points of a batch run: `written` (an article went to the sink), `committed` (the state committed a
transaction), `rename` (an atomic file is about to be moved into place), `closed` (the sink closed).

Three ways in:
- `python -m tests.faults ARGS...` is `newscli ARGS...` with NEWSCLI_FAULTS applied, in this process
  and in every worker (the module joins the forkserver's preload list, and patches the forked workers'
  parser registry when the forkserver imports it);
- `install(config, patch)` inside a test process, with pytest's monkeypatch as `patch`, and
- `fork_workers(monkeypatch)` so worker processes fork from the test process and inherit the patches.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

ENV = "NEWSCLI_FAULTS"


class Patcher(Protocol):
    """What install() needs to replace attributes and dict items (pytest's MonkeyPatch fits)."""

    def setattr(self, target: object, name: str, value: object) -> None: ...

    def setitem(self, mapping: Any, name: object, value: object) -> None: ...


class _ForGood:
    """A Patcher that never undoes (for a child process that exits afterwards)."""

    def setattr(self, target: object, name: str, value: object) -> None:
        setattr(target, name, value)

    def setitem(self, mapping: Any, name: object, value: object) -> None:
        mapping[name] = value


def install(config: dict[str, Any], patch: Patcher | None = None) -> None:
    """Apply the faults of `config` to this process (and to workers forked from it later)."""
    patch = patch or _ForGood()
    _install_worker_faults(config, patch)
    _install_points(config, patch)
    if "checkpoint_every" in config:
        import newscli.batch.runner as runner

        patch.setattr(runner, "CHECKPOINT_EVERY", int(config["checkpoint_every"]))


def _install_worker_faults(config: dict[str, Any], patch: Patcher) -> None:
    """Slow or dying inputs: every parser in the registry is wrapped, so the fault fires wherever it runs."""
    slow: dict[str, float] = config.get("slow", {})
    dies: dict[str, int] = config.get("exit", {})
    if not slow and not dies:
        return
    from newscli import parsers

    def faulty(parse: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        @functools.wraps(parse)
        def wrapper(source: Any, options: Any) -> Iterator[Any]:
            for marker, code in dies.items():
                if marker in source.name:
                    os._exit(code)
            for marker, seconds in slow.items():
                if marker in source.name:
                    time.sleep(seconds)
            return parse(source, options)

        return wrapper

    for kind, parse in list(parsers.PARSERS.items()):
        patch.setitem(parsers.PARSERS, kind, faulty(parse))


def _install_points(config: dict[str, Any], patch: Patcher) -> None:
    """Count the named points of a batch run; report them on the events descriptor, kill at the chosen one."""
    kill_point, _, nth = str(config.get("kill", "")).partition(":")
    events = config.get("events")
    if not kill_point and events is None:
        return
    import newscli.atomic as atomic
    from newscli.batch import sinks, state

    counts: dict[str, int] = {}

    def reached(point: str) -> None:
        counts[point] = counts.get(point, 0) + 1
        if events is not None:
            os.write(int(events), f"{point} {counts[point]}\n".encode("ascii"))
        if point == kill_point and counts[point] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)

    def after(point: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            reached(point)
            return result

        return wrapper

    def before(point: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            reached(point)
            return function(*args, **kwargs)

        return wrapper

    for sink in (sinks.StreamSink, sinks.JsonLinesFileSink, sinks.SqliteSink, sinks.DirectorySink):
        patch.setattr(sink, "write", after("written", sink.write))
        patch.setattr(sink, "close", after("closed", sink.close))
    patch.setattr(state.State, "commit", after("committed", state.State.commit))
    patch.setattr(atomic, "_commit", before("rename", atomic._commit))


def fork_workers(patch: Patcher) -> None:
    """Make the batch pool fork its workers from this process, so they inherit what install() patched."""
    import multiprocessing

    from newscli.batch import pool

    patch.setattr(pool, "context", lambda: multiprocessing.get_context("fork"))


def _from_environment() -> dict[str, Any]:
    """The faults this process was started with."""
    return dict(json.loads(os.environ.get(ENV) or "{}"))


def main() -> None:
    """`newscli ARGS` with the faults of NEWSCLI_FAULTS, here and in the forkserver's workers."""
    from newscli.batch import pool
    from newscli.cli import main as newscli_main

    install(_from_environment())
    pool.PRELOAD.append("tests.faults")  # the forkserver imports this module: its workers get the faults too
    sys.argv = ["newscli", *sys.argv[1:]]
    newscli_main()


if __name__ == "__main__":
    main()
elif os.environ.get(ENV) and "multiprocessing.forkserver" in sys.modules and "pytest" not in sys.modules:
    _install_worker_faults(_from_environment(), _ForGood())  # imported by the forkserver's preload
