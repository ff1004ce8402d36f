"""Read a newscli SQLite database back as articles, so `newscli export news.db --to jsonl` round-trips.

Each row is checked like a JSON Lines record: a damaged value (a JSON column that is not JSON, text that
is not UTF-8, a number where text belongs) fails that row only, named `news.db#<rowid>`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Failure, InputError, clip
from ..model import Article

SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_like_sqlite(head: bytes) -> bool:
    """True when the first bytes of a file are an SQLite database header."""
    return head.startswith(SQLITE_MAGIC)


def read_sqlite(path: Path, name: str | None = None, since: str | None = None) -> Iterator[Article | Failure]:
    """Every article in the database (with `since`, those dated on or after it), in the order they were
    first written (read-only, streamed).

    Raises InputError when the file is not a newscli database; a damaged row is a Failure, and damage
    that stops the reading midway is a last Failure naming the database.
    """
    import sqlite3

    from ..export.sqlite import COLUMNS

    name = name or str(path)
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
        db.text_factory = bytes  # decoded per value below, so one bad value cannot stop the reading
        where, args = ("WHERE date >= ?", (since,)) if since is not None else ("", ())
        cursor = db.execute(f"SELECT rowid, {', '.join(COLUMNS)} FROM articles {where} ORDER BY rowid", args)
    except sqlite3.DatabaseError as exc:
        raise InputError("not_newscli_db", f"not a newscli database ({exc})") from None
    try:
        while True:
            try:
                values = cursor.fetchone()
            except sqlite3.DatabaseError as exc:
                yield Failure(name, "bad_database", f"the database is damaged; reading stopped here ({exc})")
                return
            if values is None:
                return
            try:
                yield _article(dict(zip(COLUMNS, values[1:], strict=True)))
            except InputError as exc:
                yield Failure(f"{name}#{values[0]}", exc.reason, exc.message)
    finally:
        db.close()


def _article(row: dict[str, Any]) -> Article:
    """One row as an Article, checked like a record read from JSON Lines."""
    from ..export.sqlite import JSON_COLUMNS
    from .records import record_from_dict

    data: dict[str, Any] = {}
    for column, value in row.items():
        value = _text(column, value)
        if column in JSON_COLUMNS and value is not None:
            try:
                value = json.loads(value)
            except (ValueError, RecursionError) as exc:
                message = f"column {column!r} does not hold JSON ({clip(str(exc))})"
                raise InputError("bad_record", message) from None
        data[column] = value
    extra = data.pop("extra") or {}
    if not isinstance(extra, dict):
        raise InputError("bad_record", "column 'extra' does not hold a JSON object")
    return record_from_dict({**extra, **data})


def _text(column: str, value: Any) -> Any:
    """A TEXT or BLOB value as text (strict UTF-8); numbers and NULL as they are."""
    if not isinstance(value, bytes):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("bad_encoding", f"column {column!r} is not valid UTF-8 (byte {exc.start})") from None
