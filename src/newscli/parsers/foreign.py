"""JSON objects written by other tools (trafilatura --json, scrapers, feeds) read as articles.

An object without newscli's `schema` tag is another tool's: it is an article when it carries one
(`text`, else `raw_text`, else `html`, which is extracted like a page), and its metadata is mapped onto
the record's fields by the names tools use. Fields not mapped are kept, as a record keeps fields it
does not know; an object with no article in it is refused (`bad_record`), never written as a blank row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any

from newscli.errors import InputError
from newscli.model import Article

# The keys that carry the article itself, in order of preference.
CARRIERS: tuple[str, ...] = ("text", "raw_text", "html")
# Record field <- keys other tools use for it, first present wins (newscli's own name first).
# trafilatura --json: title author hostname date source (the URL) source-hostname (the site's name)
# excerpt categories tags language image; newspaper and feed tools: headline, authors, link, top_image...
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "direction": ("direction", "dir"),
    "url": ("url", "link", "source"),
    "canonical_url": ("canonical_url", "canonical"),
    "title": ("title", "headline"),
    "authors": ("authors", "author", "byline"),
    "date": ("date", "date_published", "published", "publish_date", "datePublished"),
    "sitename": ("sitename", "source-hostname", "site_name", "hostname"),
    "description": ("description", "excerpt", "meta_description"),
    "image": ("image", "top_image"),
    "language": ("language", "lang"),
    "highlights": ("highlights",),
    "summary": ("summary",),
    "removed": ("removed",),
    "stages": ("stages",),
    "warnings": ("warnings",),
}
TAG_KEYS: tuple[str, ...] = ("tags", "categories", "keywords")  # all of them, merged in this order


def _text(value: Any, key: str) -> str | None:
    """A string field: stripped, empty is unknown; anything else than a string is refused."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("bad_record", f"wrong type for field(s): {key}")
    return value.strip() or None


def _names(value: Any, key: str, separators: str = ";") -> list[str]:
    """A list field: a list of strings, or one string of items split at the separators ("A; B")."""
    if value is None:
        return []
    if isinstance(value, str):
        for separator in separators[1:]:
            value = value.replace(separator, separators[0])
        items = value.split(separators[0])
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise InputError("bad_record", f"wrong type for field(s): {key}")
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def _objects(value: Any, key: str) -> list[dict[str, Any]]:
    """A list of objects (newscli's removed and stages)."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    raise InputError("bad_record", f"wrong type for field(s): {key}")


def _url(value: Any, key: str) -> str | None:
    """A web address; `source` names one only when it is a URL (elsewhere it is a file name)."""
    text = _text(value, key)
    return text if text and text.startswith(("http://", "https://")) else None


def _date(value: Any, key: str) -> str | None:
    """An ISO 8601 date or date-time; any other form is unknown, never guessed."""
    text = _text(value, key)
    try:
        datetime.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None
    return text


def _id(value: Any, key: str) -> str | None:
    """Another tool's id: a string or a number (a database key), as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value, key)


def _summary(value: Any, key: str) -> list[str]:
    """Bullets: a list of strings, or one summary string as one bullet."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    return _names(value, key)


_CONVERT: dict[str, Callable[[Any, str], Any]] = {
    "id": _id, "url": _url, "canonical_url": _url, "date": _date, "authors": _names, "highlights": _names,
    "warnings": _names, "summary": _summary, "removed": _objects, "stages": _objects,
}  # fmt: skip


def paragraphs(text: str) -> str:
    """Blank-line paragraphs; text with single line breaks only (trafilatura's) has one paragraph a line."""
    text = text.replace("\r\n", "\n").strip()
    lines = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return "\n\n".join(line.strip() for line in lines if line.strip())


def _without_title(text: str, title: str | None) -> str:
    """The text without a first paragraph that repeats the title (trafilatura's text starts with it)."""
    first, _, rest = text.partition("\n\n")
    return rest if title and rest and first.strip() == title.strip() else text


def is_foreign(data: dict[str, Any]) -> bool:
    """Whether a decoded object is another tool's (no newscli schema tag)."""
    return "schema" not in data


def foreign_article(data: dict[str, Any], where: str | None = None) -> Article:
    """Map another tool's object onto an Article, or InputError("bad_record") when it holds no article."""
    carrier = next((key for key in CARRIERS if isinstance(data.get(key), str) and data[key].strip()), None)
    if carrier is None:
        wrong = [key for key in CARRIERS if data.get(key) is not None and not isinstance(data[key], str)]
        if wrong:
            raise InputError("bad_record", f"wrong type for field(s): {', '.join(wrong)}")
        if any(key in data for key in CARRIERS):
            raise InputError("bad_record", "the object's text is empty")
        raise InputError("bad_record", "not an article: the object has no text, raw_text or html field")
    used = {carrier, *(key for key in CARRIERS if key in data)}
    mapped: dict[str, Any] = {}
    for field, keys in ALIASES.items():
        for key in keys:
            if key in data and (key != "source" or _url(data[key], key)):
                convert: Callable[[Any, str], Any] = _CONVERT.get(field, _text)
                mapped[field] = convert(data[key], key)
                used.add(key)
                break
    tags = [tag for key in TAG_KEYS if key in data for tag in _names(data[key], key, ";,")]
    used.update(key for key in TAG_KEYS if key in data)
    article = _extracted(data["html"], mapped, where) if carrier == "html" else Article()
    if carrier != "html":
        article.text = paragraphs(data[carrier])
        article.id = _digest(json.dumps(data, sort_keys=True, ensure_ascii=False))
    for field, value in mapped.items():
        if value not in (None, []):
            setattr(article, field, value)
    article.tags = list(dict.fromkeys([*article.tags, *tags]))
    article.text = _without_title(article.text, article.title)
    article.source = where
    article.extra = {key: value for key, value in data.items() if key not in used}
    _detect(article)
    return article


def _digest(text: str) -> str:
    """The record id: the first 16 hex digits of the SHA-256 of the bytes it came from."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _extracted(html: str, mapped: dict[str, Any], where: str | None) -> Article:
    """The page an object carries, extracted as `newscli extract` would (same id for the same bytes)."""
    from newscli.model import fingerprint
    from newscli.parsers.html import ExtractOptions, parse_html
    from newscli.sources import Source

    options = ExtractOptions()
    data = html.encode("utf-8", "surrogatepass")
    article = parse_html(Source(name=where or "-", data=data, url=mapped.get("url")), options)
    article.id = hashlib.sha256(data).hexdigest()[:16]
    article.add_stage("extract", fingerprint(options))
    return article


def _detect(article: Article) -> None:
    """Language from the text when the object gave none (a primary tag when it did), then direction."""
    from newscli.lang.detect import detect_language, primary_tag, text_direction

    given = primary_tag(article.language)
    article.language = given or detect_language(f"{article.title or ''}\n{article.text}")
    if article.direction not in ("rtl", "ltr"):
        article.direction = text_direction(article.language, article.text)
