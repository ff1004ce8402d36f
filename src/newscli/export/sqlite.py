"""SQLite: the embedded database for collecting articles over time (upsert by id, FTS5, migrations)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, UsageError, is_storage_error
from ..model import FIELD_NAMES, LIST_FIELDS, Article, json_text
from .base import ExportOptions

if TYPE_CHECKING:
    import sqlite3

APPLICATION_ID = 0x6E657773  # "news": marks a database as newscli's (PRAGMA application_id)
COLUMNS: tuple[str, ...] = (*FIELD_NAMES, "extra")
JSON_COLUMNS = frozenset(LIST_FIELDS | {"extra"})
BATCH = 2000  # rows per transaction: bounded memory, and a crash loses at most one batch

_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY NOT NULL,
    schema TEXT, source TEXT, url TEXT, canonical_url TEXT, title TEXT,
    authors TEXT NOT NULL DEFAULT '[]', date TEXT, sitename TEXT, description TEXT,
    tags TEXT NOT NULL DEFAULT '[]', image TEXT, language TEXT, direction TEXT,
    highlights TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '[]', removed TEXT NOT NULL DEFAULT '[]',
    stages TEXT NOT NULL DEFAULT '[]', warnings TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""
_V2 = """
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_language ON articles(language);
"""
# v3: the index sqlite-utils and Datasette recognise (content="articles", double quotes), with words kept
# whole through their harakat (Mn is a token character), and Arabic search forms beside title and text.
_V3 = """
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
ALTER TABLE articles ADD COLUMN search_words TEXT NOT NULL DEFAULT '';
UPDATE articles SET search_words = newscli_search_words(title, text, language);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, search_words, content="articles",
    tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co Mn'"
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, search_words)
        VALUES (new.rowid, new.title, new.text, new.search_words);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, search_words)
        VALUES ('delete', old.rowid, old.title, old.text, old.search_words);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, search_words)
        VALUES ('delete', old.rowid, old.title, old.text, old.search_words);
    INSERT INTO articles_fts(rowid, title, text, search_words)
        VALUES (new.rowid, new.title, new.text, new.search_words);
END;
"""
# MIGRATIONS[n] takes a database from user_version n to n + 1; append, never edit a released step.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


def _version(db: sqlite3.Connection) -> int:
    """The schema version stored in the database header."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _check_ours(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a database that some other program made, or a newer newscli."""
    app = int(db.execute("PRAGMA application_id").fetchone()[0])
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app not in (0, APPLICATION_ID) or (app == 0 and tables):
        raise UsageError("not_newscli_db", f"{path} is a database newscli did not make; choose another -o")
    if _version(db) > SCHEMA_VERSION:
        raise UsageError(
            "newer_schema",
            f"{path} has schema version {_version(db)}, newer than this newscli's {SCHEMA_VERSION}",
        )


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the migrations the database lacks, each in its own transaction; return the new version."""
    db.create_function("newscli_search_words", 3, _search_words, deterministic=True)  # for the v3 step
    for version in range(_version(db), target):
        try:
            db.executescript(
                f"BEGIN; {MIGRATIONS[version]} PRAGMA application_id = {APPLICATION_ID};"
                f" PRAGMA user_version = {version + 1}; COMMIT;"
            )
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return _version(db)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a newscli database at the current schema version."""
    import sqlite3

    try:
        db = sqlite3.connect(path, isolation_level=None)
        _check_ours(db, path)
    except sqlite3.DatabaseError as exc:
        if is_storage_error(exc):  # cannot create or write it: the caller names the output
            raise
        raise UsageError(
            "not_a_database", f"{path} is not an SQLite database ({exc}); choose another -o"
        ) from None
    migrate(db)
    return db


def _search_words(title: str | None, text: str | None, language: str | None) -> str:
    """The Arabic search forms of an article's title and text (the search_words column)."""
    from .search_words import search_words

    return search_words((title, text), language)


def row(article: Article) -> tuple[Any, ...]:
    """An article as column values (list fields and unknown fields as JSON text), then its search words."""
    if not article.id:
        raise InputError(
            "missing_id", f"{article.source or 'a record'}: no id, and sqlite keys articles by id"
        )
    values = {**{name: getattr(article, name) for name in FIELD_NAMES}, "extra": article.extra}
    fields = tuple(
        json_text(values[c], sort_keys=c == "extra") if c in JSON_COLUMNS else values[c] for c in COLUMNS
    )
    return (*fields, _search_words(article.title, article.text, article.language))


WRITTEN = (*COLUMNS, "search_words")  # the record's columns (what reading gives back), then the index's
UPSERT = (
    f"INSERT INTO articles ({', '.join(WRITTEN)}) VALUES ({', '.join('?' for _ in WRITTEN)}) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in WRITTEN if c != 'id')}"
)


def upsert(db: sqlite3.Connection, articles: Iterable[Article]) -> int:
    """Insert or update articles by id, in batches; return how many were written."""
    count = 0
    batch: list[tuple[Any, ...]] = []
    for article in articles:
        batch.append(row(article))
        count += 1
        if len(batch) >= BATCH:
            _flush(db, batch)
    _flush(db, batch)
    return count


def _flush(db: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    """Write one batch in one transaction, then empty it."""
    if batch:
        db.execute("BEGIN")
        try:
            db.executemany(UPSERT, batch)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        batch.clear()


class SqliteWriter:
    """Upsert into a database file; --overwrite builds a fresh database and swaps it in atomically."""

    name = "sqlite"
    extension = "db"
    summary = (
        "SQLite database: table 'articles' keyed by id (upsert), FTS5 index 'articles_fts' on title and "
        "text (with Arabic search forms), searchable with sqlite-utils and Datasette"
    )
    streams = False
    per_article = False

    def write_file(self, articles: Iterable[Article], path: Path, options: ExportOptions) -> int:
        """Add or update articles in `path` (a new database with --overwrite)."""
        if not options.overwrite:
            db = connect(path)
            try:
                return upsert(db, articles)
            finally:
                db.close()
        from ..atomic import atomic_path

        with atomic_path(path, overwrite=True) as tmp:
            db = connect(tmp)
            try:
                return upsert(db, articles)
            finally:
                db.close()

    def write_stream(
        self, articles: Iterable[Article], out: Any, options: ExportOptions, flush: bool = False
    ) -> int:
        """A database cannot be streamed."""
        raise UsageError("needs_file", "--to sqlite writes a database file: add -o news.db")

    def document(self, article: Article, options: ExportOptions) -> bytes:
        """A database per article makes no sense."""
        raise UsageError(
            "needs_file", "--to sqlite writes one database file: use -o news.db, not a directory"
        )
