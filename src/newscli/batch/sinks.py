"""Where an incremental run writes: each sink is idempotent by article id, so a redone input never duplicates.

`checkpoints` says whether what was written so far is durable after `sync()` (then the runner commits
the state as it goes); the JSON Lines file is rewritten once at `close()`, so its state is committed then.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from newscli.batch.state import State
from newscli.errors import Failure, UsageError, cannot_write, is_storage_error, safe_text
from newscli.model import Article

if TYPE_CHECKING:
    from newscli.export import ExportOptions, Writer


class Sink(Protocol):
    """One output of an incremental run."""

    checkpoints: bool

    def write(self, article: Article) -> None:
        """Add or replace this article in the output."""
        ...

    def drop(self, ids: list[str]) -> None:
        """Remove articles that a changed input no longer produces."""
        ...

    def sync(self) -> None:
        """Make everything written so far durable (for checkpointing sinks)."""
        ...

    def close(self) -> None:
        """Finish the output (it is complete and durable afterwards)."""
        ...

    def abort(self) -> None:
        """Stop after an interruption, keeping what is durable and leaving no partial file."""
        ...


def remove_stale_temporaries(path: Path, directory: bool) -> None:
    """Delete temporary files a killed run left beside (or in) an output; only under the lock."""
    folder, pattern = (path, ".*.tmp") if directory else (path.parent, f".{path.name}.*.tmp")
    if folder.is_dir():
        for stale in folder.glob(pattern):
            with contextlib.suppress(OSError):
                stale.unlink()


class StreamSink:
    """stdout: each article written and flushed as it comes (a stream cannot take anything back)."""

    checkpoints = True

    def __init__(self, writer: Writer, options: ExportOptions, out: BinaryIO) -> None:
        """Refuse formats that cannot stream (sqlite, parquet) with the writer's own message."""
        from newscli.export.base import StreamWriter

        if not isinstance(writer, StreamWriter):
            writer.write_stream(iter(()), out, options)
            raise UsageError("needs_file", f"--to {writer.name} cannot be written to stdout")
        self.writer, self.options, self.out = writer, options, out
        self.count = 0

    def write(self, article: Article) -> None:
        """Head before the first article, then the article; flushed for a waiting reader."""
        if self.count == 0:
            self.out.write(self.writer.head(None, False, self.options))
        self.out.write(self.writer.item(article, self.count, self.options))
        self.out.flush()
        self.count += 1

    def drop(self, ids: list[str]) -> None:
        """What was streamed earlier cannot be taken back."""

    def sync(self) -> None:
        """Flushed already."""
        self.out.flush()

    def close(self) -> None:
        """The tail (closing bracket, footer), only if a head was written."""
        if self.count:
            self.out.write(self.writer.tail(self.count, self.options))
        self.out.flush()

    def abort(self) -> None:
        """Leave the stream as it is."""
        self.out.flush()


class JsonLinesFileSink:
    """One JSON Lines file merged atomically at the end: earlier runs' records kept, each id once."""

    checkpoints = False

    def __init__(self, path: Path, state: State, overwrite: bool) -> None:
        """Refuse to adopt an existing file this state did not write, unless --overwrite."""
        self.path, self.state = path, state
        self.meta_key = f"jsonl:{safe_text(os.path.abspath(path))}"
        adopted = state.get_meta(self.meta_key) is not None
        if path.exists() and not adopted and not overwrite:
            raise UsageError("output_exists", f"{path} already exists: pass --overwrite to replace it")
        self.keep_old = adopted
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.spool_path = Path(name)
        self.spool = os.fdopen(fd, "wb")
        self.written: set[str] = set()
        self.dropped: set[str] = set()

    def write(self, article: Article) -> None:
        """Spool the record (once per id)."""
        if article.id and article.id in self.written:
            return
        if article.id:
            self.written.add(article.id)
        self.spool.write((article.to_json() + "\n").encode("utf-8"))

    def drop(self, ids: list[str]) -> None:
        """Leave these ids out of the merged file."""
        self.dropped.update(ids)

    def sync(self) -> None:
        """Nothing is durable before the merge."""

    def close(self) -> None:
        """Old records (minus replaced and dropped ids), then the new ones, atomically into place."""
        from newscli.atomic import atomic_write

        try:
            self.spool.close()
            if self.written or self.dropped or not self.path.exists() or not self.keep_old:
                with atomic_write(self.path, overwrite=True) as out:
                    if self.keep_old and self.path.exists():
                        self._copy_old(out)
                    with self.spool_path.open("rb") as spool:
                        while chunk := spool.read(1 << 20):
                            out.write(chunk)
            self.state.set_meta(self.meta_key, "1")
        finally:
            self.spool_path.unlink(missing_ok=True)

    def _copy_old(self, out: BinaryIO) -> None:
        """Stream the previous file, skipping records whose id is replaced or dropped."""
        skip = self.written | self.dropped
        with self.path.open("rb") as old:
            for line in old:
                if line.strip() and _record_id(line) not in skip:
                    out.write(line if line.endswith(b"\n") else line + b"\n")

    def abort(self) -> None:
        """Discard the spool (even if closing it fails: disk full); the previous file stays as it was."""
        with contextlib.suppress(OSError):
            self.spool.close()
        self.spool_path.unlink(missing_ok=True)


def _record_id(line: bytes) -> str | None:
    """The id of one JSON Lines record (None when the line is not a record)."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value.get("id") if isinstance(value, dict) else None


class SqliteSink:
    """A newscli database: upsert by id in one transaction per checkpoint, dropped ids deleted."""

    checkpoints = True

    def __init__(self, path: Path) -> None:
        """Open (creating) the database at the current schema."""
        from newscli.export.sqlite import connect

        self.path = path
        self.batch: list[Article] = []
        self.dropped: list[str] = []
        with self._storage():
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = connect(path)

    @contextlib.contextmanager
    def _storage(self) -> Iterator[None]:
        """The disk refusing a write (full, read-only, no permission): one OutputError naming the database."""
        try:
            yield
        except Exception as exc:
            if not is_storage_error(exc):
                raise
            raise cannot_write(self.path, exc) from None

    def write(self, article: Article) -> None:
        """Queue the article for the next checkpoint."""
        self.batch.append(article)

    def drop(self, ids: list[str]) -> None:
        """Queue ids to delete at the next checkpoint."""
        self.dropped.extend(ids)

    def sync(self) -> None:
        """Delete dropped ids and upsert queued articles, then forget them."""
        from newscli.export.sqlite import upsert

        with self._storage():
            if self.dropped:
                self.db.execute("BEGIN")
                try:
                    self.db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in self.dropped])
                    self.db.execute("COMMIT")
                except BaseException:
                    if self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    raise
            upsert(self.db, self.batch)
        self.batch.clear()
        self.dropped.clear()

    def close(self) -> None:
        """Write what is queued and close (closed even when the write fails)."""
        try:
            self.sync()
        finally:
            self.db.close()

    def abort(self) -> None:
        """Keep what is queued (it is complete per article), then close."""
        self.close()


class DirectorySink:
    """One file per article; names are reserved in the state before writing, so a re-run reuses them."""

    checkpoints = True

    def __init__(self, path: Path, writer: Writer, options: ExportOptions, state: State) -> None:
        """Delete files of a crashed run's uncommitted articles, then seed the namer with names in use."""
        from newscli.export.destinations import Namer
        from newscli.export.slug import collision_key

        if not writer.per_article:
            writer.document(Article(), options)  # raises the writer's own usage error
        self.path, self.writer, self.options, self.state = path, writer, options, state
        path.mkdir(parents=True, exist_ok=True)
        orphans = state.orphan_files()
        for name in orphans.values():
            (path / name).unlink(missing_ok=True)
        state.forget_files(orphans)
        self.names = state.file_names()
        self.namer = Namer(options.name_template, writer.extension)
        self.namer.used = {collision_key(name) for name in self.names.values()}

    def write(self, article: Article) -> None:
        """Write the article's file atomically under its reserved (or a new, reserved) name."""
        from newscli.atomic import atomic_write

        name = self.names.get(article.id or "")
        if name is None:
            name = self.namer.name(article)
            if article.id:
                self.names[article.id] = name
                self.state.set_file(article.id, name)
        with atomic_write(self.path / name, overwrite=True) as out:
            out.write(self.writer.document(article, self.options))

    def drop(self, ids: list[str]) -> None:
        """Delete the files of articles no input produces any more."""
        for article_id in ids:
            name = self.names.pop(article_id, None)
            if name:
                (self.path / name).unlink(missing_ok=True)
        self.state.forget_files(ids)

    def sync(self) -> None:
        """Each file was fsynced as it was written."""

    def close(self) -> None:
        """Nothing left to write."""

    def abort(self) -> None:
        """Every written file is complete."""


class ErrorReport:
    """The --errors report: one JSON object per failed input; a failed write names the report."""

    def __init__(self, path: Path, out: BinaryIO) -> None:
        """Write to `out`, the temporary file that becomes `path`."""
        self.path, self.out = path, out

    def write(self, failure: Failure) -> None:
        """Add one failure."""
        record = {"source": failure.source, "reason": failure.reason, "message": failure.message}
        try:
            self.out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:
            raise cannot_write(self.path, exc) from None


@contextlib.contextmanager
def error_report(path: Path | None) -> Iterator[ErrorReport | None]:
    """--errors FILE, written atomically at the end of the run (an empty file when nothing failed).

    A report that cannot be written is an OutputError naming it; an error of the run itself passes
    through untouched (the report is then discarded).
    """
    if path is None:
        yield None
        return
    from newscli.atomic import atomic_write

    with contextlib.ExitStack() as stack:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = stack.enter_context(atomic_write(path, overwrite=True))
        except OSError as exc:
            raise cannot_write(path, exc) from None
        yield ErrorReport(path, out)
        try:
            stack.close()  # fsync and rename into place
        except OSError as exc:
            raise cannot_write(path, exc) from None
