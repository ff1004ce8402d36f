"""Read a newscli SQLite database back as articles, so `newscli export news.db --to jsonl` round-trips."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article

SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_like_sqlite(head: bytes) -> bool:
    """True when the first bytes of a file are an SQLite database header."""
    return head.startswith(SQLITE_MAGIC)


def read_sqlite(path: Path, since: str | None = None) -> Iterator[Article]:
    """Every article in the database (with `since`, those dated on or after it), in the order they were
    first written (read-only, streamed)."""
    import sqlite3

    from ..export.sqlite import COLUMNS, JSON_COLUMNS

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
        where, args = ("WHERE date >= ?", (since,)) if since is not None else ("", ())
        cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM articles {where} ORDER BY rowid", args)
    except sqlite3.DatabaseError as exc:
        raise InputError("not_newscli_db", f"{path}: not a newscli database ({exc})") from None
    try:
        for values in cursor:
            data = dict(zip(COLUMNS, values, strict=True))
            data.update((c, json.loads(data[c])) for c in JSON_COLUMNS)
            extra = data.pop("extra")
            yield Article.from_dict({**extra, **data})
    finally:
        db.close()
