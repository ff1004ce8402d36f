"""Atomic file writing: a crash or an error never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# Temporary files this process may have created and not yet moved into place or removed. A name goes
# in before its file is created and leaves only after the file is gone, so an interrupt that lands at
# any moment in between (even inside a `finally`) leaves the name here for `remove_unfinished`.
_unfinished: set[Path] = set()


def remove_unfinished() -> None:
    """Delete the temporary files an interrupted write left behind (the entry point's last step)."""
    for tmp in sorted(_unfinished):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        _unfinished.discard(tmp)


def _create_temporary(path: Path) -> Path:
    """A new empty file beside `path`, with the permissions a new file gets (0666 less the umask)."""
    while True:
        tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}.tmp")
        _unfinished.add(tmp)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:  # nothing was created; on a name clash (1 in 2**64) the file is not ours
            _unfinished.discard(tmp)
            if isinstance(exc, FileExistsError):
                continue
            raise
        os.close(fd)
        return tmp


def _commit(tmp: Path, path: Path, overwrite: bool) -> None:
    """Move the finished temporary file into place; without overwrite, never clobber a file."""
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if path exists, with no window for a race
    except FileExistsError:
        raise
    except OSError:  # a filesystem without hard links: check, then rename
        if path.exists():
            raise FileExistsError(17, "File exists", str(path)) from None
        os.replace(tmp, path)
    else:
        tmp.unlink()


@contextlib.contextmanager
def atomic_path(path: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block succeeds it becomes `path`.

    For libraries that want a file name (sqlite, pyarrow) rather than a stream.
    Raises FileExistsError (before and after the block) when `path` exists and not `overwrite`.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise FileExistsError(17, "File exists", str(path))
    tmp = _create_temporary(path)
    try:
        yield tmp
        _commit(tmp, path, overwrite)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        _unfinished.discard(tmp)


@contextlib.contextmanager
def atomic_write(path: Path, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Open a binary stream whose bytes appear at `path` only once the block succeeds (fsynced)."""
    with atomic_path(path, overwrite) as tmp, open(tmp, "wb") as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())
