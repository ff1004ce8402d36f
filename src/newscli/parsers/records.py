"""Read article records from JSON Lines (or a JSON array), one bad line never stopping the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newscli.errors import Failure, InputError, quote
from newscli.model import SCHEMA, Article
from newscli.parsers.foreign import foreign_article, is_foreign
from newscli.sources import Source

_SCHEMA_FAMILY = SCHEMA.rsplit("/", 1)[0] + "/"
_MAX_LINE = 50_000_000


def read_records(source: Source) -> Iterator[Article | Failure]:
    """Each line a record; a malformed line becomes a failure named `source:line`."""
    for number, raw in enumerate(source.lines(), start=1):
        if not raw.strip():
            continue
        where = f"{source.name}:{number}"
        try:
            yield record_from_json(raw, where)
        except InputError as exc:
            yield Failure(where, exc.reason, exc.message)


def read_json_array(source: Source, max_bytes: int) -> Iterator[Article | Failure]:
    """A JSON array of records, as written by `--to json`."""
    try:
        items = json.loads(source.read(max_bytes))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("bad_json", f"invalid JSON ({exc})") from None
    if not isinstance(items, list):
        raise InputError("bad_record", "a JSON file must hold an array of article records")
    for number, item in enumerate(items, start=1):
        where = f"{source.name}#{number}"
        try:
            yield record_from_dict(item, where)
        except InputError as exc:
            yield Failure(where, exc.reason, exc.message)


def record_from_json(raw: bytes, where: str | None = None) -> Article:
    """One JSON Lines line as an Article, or InputError saying what is wrong with it."""
    if len(raw) > _MAX_LINE:
        raise InputError("too_large", f"line is longer than {_MAX_LINE:,} bytes")
    try:
        text = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        raise InputError("bad_encoding", f"line is not valid UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError("too_deep", "JSON nesting is too deep") from None
    except ValueError as exc:
        raise InputError("bad_json", f"invalid JSON ({exc})") from None
    return record_from_dict(data, where)


def record_from_dict(data: Any, where: str | None = None) -> Article:
    """Check a decoded record's shape and build the Article, keeping unknown fields.

    An object without newscli's schema tag is another tool's (trafilatura --json...): it is mapped by
    newscli.parsers.foreign, its `source` being `where` (the input and line it came from).
    """
    if not isinstance(data, dict):
        raise InputError("bad_record", f"a record must be a JSON object, not {type(data).__name__}")
    if is_foreign(data):
        return _checked(foreign_article(data, where))
    schema = data["schema"]
    if schema != SCHEMA:
        family = isinstance(schema, str) and schema.startswith(_SCHEMA_FAMILY)
        raise InputError(
            "bad_schema",
            f"unsupported record schema {quote(schema)}" + ("" if family else " (not a newscli record)"),
        )
    problems = [name for name, kind in _TYPES.items() if name in data and not _fits(data[name], kind)]
    if problems:
        raise InputError("bad_record", f"wrong type for field(s): {', '.join(problems)}")
    if "text" in data and data["text"] is None:
        data = {**data, "text": ""}
    article = _checked(Article.from_dict(data))
    if article.direction is None:  # records written before direction existed, or by hand
        from newscli.lang.detect import text_direction

        article.direction = text_direction(article.language, article.text)
    return article


def _checked(article: Article) -> Article:
    """The article, if it can be written out again (no lone surrogate anywhere in it)."""
    try:
        article.to_json().encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("bad_encoding", "record holds a lone surrogate (invalid Unicode)") from None
    return article


_TYPES: dict[str, str] = {
    "id": "str?", "source": "str?", "url": "str?", "canonical_url": "str?", "title": "str?", "date": "str?",
    "sitename": "str?", "description": "str?", "image": "str?", "language": "str?", "direction": "str?",
    "text": "str?", "authors": "list[str]", "tags": "list[str]", "highlights": "list[str]",
    "summary": "list[str]", "removed": "list[dict]", "stages": "list[dict]", "warnings": "list[str]",
}  # fmt: skip


def _fits(value: Any, kind: str) -> bool:
    """Whether a field's value has the type the schema gives it."""
    if kind == "str?":
        return value is None or isinstance(value, str)
    inner = str if kind == "list[str]" else dict
    return isinstance(value, list) and all(isinstance(v, inner) for v in value)
