"""Turn command-line arguments (files, directories, globs, '-', stdin, URLs) into a stream of sources."""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

from newscli.errors import Failure, InputError, safe_text

# File endings a directory walk picks up; anything else in a directory is skipped.
INPUT_SUFFIXES = (
    ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx",
    ".txt", ".text", ".md",
    ".jsonl", ".ndjson", ".json",
    ".db", ".sqlite", ".sqlite3",
    ".html.gz", ".htm.gz", ".jsonl.gz", ".warc", ".warc.gz",
)  # fmt: skip
GLOB_CHARS = frozenset("*?[")
URL_PREFIXES = ("http://", "https://")
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Source:
    """Raw input before parsing; `name` is what errors and the record's `source` show.

    `name` is always valid Unicode: a file name that is not UTF-8 keeps its real bytes in `path` (so it
    opens) and shows them escaped in `name` (`d/\\xff\\xfe.html`), so records, stderr lines, the state
    database and the error report can always hold it.
    """

    name: str
    data: bytes | None = None
    path: Path | None = None
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    stream: BinaryIO | None = None
    _head: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        """Carry the name safely, whatever it was made from (argv, a directory listing, a glob, a URL)."""
        self.name = safe_text(self.name)
        if self.url is not None and safe_text(self.url) != self.url:
            self.url = _percent_encoded(self.url)

    def head(self, size: int = 8192) -> bytes:
        """The first bytes, for sniffing, without consuming a stream."""
        if self.data is not None:
            return self.data[:size]
        if self._head is None:
            if self.path is not None:
                with self.path.open("rb") as handle:
                    self._head = handle.read(size)
            elif self.stream is not None:
                peek = getattr(self.stream, "peek", None)
                self._head = peek(size)[:size] if peek else b""
            else:
                self._head = b""
        return self._head

    def read(self, limit: int = DEFAULT_MAX_BYTES) -> bytes:
        """All bytes, refusing more than `limit` (so a 5 GB file is an error, not an out-of-memory)."""
        if self.data is None:
            if self.path is not None:
                if self.path.stat().st_size > limit:
                    raise InputError("too_large", f"input is larger than {limit:,} bytes (see --max-bytes)")
                self.data = self.path.read_bytes()
            elif self.stream is not None:
                self.data = self.stream.read(limit + 1)
                self.stream = None  # consumed; a source holding bytes can also travel to a worker process
            else:
                self.data = b""
        if len(self.data) > limit:
            raise InputError("too_large", f"input is larger than {limit:,} bytes (see --max-bytes)")
        return self.data

    def forget(self) -> None:
        """Drop the bytes read from a file once the source is parsed: they can be read again, and a long
        run holds its list of sources to the end (a directory walk), so kept they would add up to every
        page of the run. Bytes from a stream or a download are all there is: those stay."""
        if self.path is not None:
            self.data = self._head = None

    def lines(self) -> Iterator[bytes]:
        """Lines one at a time, so a large JSON Lines input streams."""
        if self.data is not None:
            yield from self.data.splitlines()
        elif self.path is not None:
            with self.path.open("rb") as handle:
                yield from handle
        elif self.stream is not None:
            yield from self.stream


def iter_sources(args: Iterable[str], stdin: BinaryIO) -> Iterator[Source | Failure]:
    """Each argument in order: a path, a directory (recursive, sorted), a glob, '-' (stdin) or a URL."""
    for arg in args:
        if arg == "-":
            yield Source(name="-", stream=_peekable(stdin))
        elif arg.startswith(URL_PREFIXES):
            yield Source(name=arg, url=arg, hints={"fetch": "1"})
        else:
            yield from _local(arg)


def _percent_encoded(url: str) -> str:
    """A URL given with bytes that are not UTF-8 (from argv): those bytes percent-encoded, as browsers do."""
    from urllib.parse import quote

    return quote(url.encode("utf-8", "surrogateescape"), safe=":/?#[]@!$&'()*+,;=%~")


def _peekable(stream: BinaryIO) -> BinaryIO:
    """A stream whose first bytes can be sniffed without consuming them."""
    if hasattr(stream, "peek"):
        return stream
    return cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, stream)))


def _local(arg: str) -> Iterator[Source | Failure]:
    """Sources for one local argument, or a failure saying why there are none."""
    path = Path(arg)
    if path.is_dir():
        found = False  # streamed: a list would hold every source of a large folder to the end of the run
        for item in _walk(path):
            found = True
            yield item
        if not found:
            yield Failure(arg, "no_inputs", "directory holds no HTML, text or JSON Lines files")
    elif path.is_file():
        yield Source(name=arg, path=path)
    elif GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield Failure(arg, "not_found", "no file matches this pattern")
        for match in matches:
            yield from _local(match) if Path(match).is_dir() else [Source(name=match, path=Path(match))]
    elif path.exists() or path.is_symlink():
        yield Failure(arg, "not_a_file", "not a regular file or directory")
    else:
        yield Failure(arg, "not_found", "no such file or directory")


def _walk(root: Path) -> Iterator[Source | Failure]:
    """Input files below a directory: sorted, hidden ones and unknown endings skipped, symlink loops safe,
    and a subdirectory that cannot be read reported rather than silently skipped."""
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        yield from (_unreadable(error) for error in errors)
        errors.clear()
        stat = os.stat(dirpath)
        if (stat.st_dev, stat.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                path = Path(dirpath, name)
                if path.is_file():
                    yield Source(name=str(path), path=path)
    yield from (_unreadable(error) for error in errors)


def _unreadable(error: OSError) -> Failure:
    """A directory os.walk could not list."""
    return Failure(os.fsdecode(error.filename), "unreadable", error.strerror or str(error))
