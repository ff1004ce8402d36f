"""One run at a time per state file: an flock on `<state>.lock`, released by the kernel even on kill -9."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from newscli.errors import NewscliError, cannot_write


class Locked(NewscliError):
    """Another run holds the lock: try again later (exit 75)."""


def lock_path(state: Path) -> Path:
    """The lock file that sits next to the state file."""
    return state.with_name(state.name + ".lock")


@contextlib.contextmanager
def hold_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block, or raise Locked at once (never wait).

    A lock that cannot be made (read-only folder, a directory in its place) is an OutputError naming it.
    """
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            state = path.with_suffix("")
            message = f"another newscli run (pid {holder}) is using {state}; try again later"
            raise Locked("locked", message) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError as exc:
            raise cannot_write(path, exc) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays (deleting it would race a waiting run)
