"""Atomic file writing: a crash or an error never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    """The process umask, read without changing it for longer than a moment."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    fd, name = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        yield tmp
        _commit(tmp, path, overwrite)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_write(path: Path, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Open a binary stream whose bytes appear at `path` only once the block succeeds (fsynced)."""
    with atomic_path(path, overwrite) as tmp, open(tmp, "wb") as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())
