"""Incremental state in SQLite: per input its content hash, options fingerprint, outcome and article ids.

The state is only ever committed after the outputs it describes are durable, so after a crash it can
lag behind the outputs (the next run redoes those inputs, and every sink writes idempotently by id)
but never run ahead of them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newscli.errors import UsageError, cannot_write, is_storage_error

if TYPE_CHECKING:
    import sqlite3

APPLICATION_ID = 0x6E637374  # "ncst": marks a file as a newscli batch state
SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    key TEXT PRIMARY KEY NOT NULL, size INTEGER, mtime_ns INTEGER, digest TEXT NOT NULL,
    fingerprint TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT, message TEXT
);
CREATE TABLE IF NOT EXISTS produced (key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id));
CREATE INDEX IF NOT EXISTS produced_id ON produced (id);
CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Entry:
    """What the state knows about one input."""

    key: str
    size: int | None
    mtime_ns: int | None
    digest: str
    fingerprint: str
    outcome: str  # "ok" or "failed"
    reason: str | None = None
    message: str | None = None


class State:
    """The state database of one batch configuration (kept open for the run, under the lock)."""

    def __init__(self, path: Path) -> None:
        """Open or create the state file; refuse a file that is not a newscli state.

        A state newscli cannot write (read-only folder, disk full, a directory in its place) is an
        OutputError naming it, like any output; a file that is not a newscli state is a usage error.
        """
        import sqlite3

        self.path = path
        with self._checked():
            self.db: sqlite3.Connection = sqlite3.connect(path, isolation_level=None)
            app = int(self.db.execute("PRAGMA application_id").fetchone()[0])
            tables = int(self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
            if app != APPLICATION_ID and (app or tables):
                self.db.close()
                raise UsageError("bad_state", f"{path} is not a newscli state file; choose another --state")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")  # a kill loses no commit
            self.db.executescript(f"BEGIN; {SCHEMA} PRAGMA application_id = {APPLICATION_ID}; COMMIT;")

    @contextlib.contextmanager
    def _checked(self) -> Iterator[None]:
        """SQLite errors as newscli's: the storage refusing is an OutputError, damage a usage error."""
        import sqlite3

        try:
            yield
        except sqlite3.Error as exc:
            if is_storage_error(exc):
                raise cannot_write(self.path, exc) from None
            message = f"{self.path} is not a usable state database ({exc}); choose another --state"
            raise UsageError("bad_state", message) from None

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(Exception):
            self.db.close()

    def get(self, key: str) -> Entry | None:
        """The entry of an input, or None when it was never seen."""
        with self._checked():
            row = self.db.execute(
                "SELECT key, size, mtime_ns, digest, fingerprint, outcome, reason, message"
                " FROM inputs WHERE key = ?",
                (key,),
            ).fetchone()
        return Entry(*row) if row else None

    def superseded(self, key: str, new_ids: Iterable[str]) -> list[str]:
        """Ids an input produced before but not now, and that no other input still produces."""
        keep = set(new_ids)
        with self._checked():
            rows = self.db.execute(
                "SELECT p.id FROM produced p WHERE p.key = ? AND NOT EXISTS "
                "(SELECT 1 FROM produced o WHERE o.id = p.id AND o.key != p.key) ORDER BY p.id",
                (key,),
            ).fetchall()
        return [r[0] for r in rows if r[0] not in keep]

    def commit(self, entries: Iterable[tuple[Entry, list[str]]]) -> None:
        """Record inputs and the ids they produced, all in one transaction (none of it if it fails)."""
        with self._checked():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for entry, ids in entries:
                    self.db.execute(
                        "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (entry.key, entry.size, entry.mtime_ns, entry.digest, entry.fingerprint,
                         entry.outcome, entry.reason, entry.message),
                    )  # fmt: skip
                    self.db.execute("DELETE FROM produced WHERE key = ?", (entry.key,))
                    rows = [(entry.key, i) for i in ids]
                    self.db.executemany("INSERT OR IGNORE INTO produced VALUES (?, ?)", rows)
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:  # SQLite may have rolled back by itself (disk full)
                    self.db.execute("ROLLBACK")
                raise

    def file_names(self) -> dict[str, str]:
        """Article id → file name in the output directory."""
        with self._checked():
            return dict(self.db.execute("SELECT id, name FROM files").fetchall())

    def orphan_files(self) -> dict[str, str]:
        """Files named for articles that no committed input produced (a run died before committing)."""
        with self._checked():
            query = "SELECT id, name FROM files WHERE id NOT IN (SELECT id FROM produced)"
            return dict(self.db.execute(query).fetchall())

    def set_file(self, article_id: str, name: str) -> None:
        """Reserve a file name for an article before the file is written (so a re-run reuses it)."""
        with self._checked():
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (article_id, name))

    def forget_files(self, ids: Iterable[str]) -> None:
        """Drop the file names of articles whose files were deleted."""
        with self._checked():
            self.db.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in ids])

    def get_meta(self, key: str) -> str | None:
        """A run-level value (e.g. which outputs this state has written)."""
        with self._checked():
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a run-level value."""
        with self._checked():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
