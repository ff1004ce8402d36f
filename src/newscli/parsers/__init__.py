"""Sniff what a source holds and hand it to the parser registered for that kind."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscli.errors import Failure, InputError
from newscli.model import Article, fingerprint
from newscli.sources import DEFAULT_MAX_BYTES, Source

if TYPE_CHECKING:
    from newscli.parsers.html import ExtractOptions

Item = Article | Failure
RAW_KINDS = frozenset({"html", "text", "warc"})

_HTML_MARKERS = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title|h1|section)[\s>/]", re.I
)
_BOMS = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_GZIP_MAGIC = b"\x1f\x8b"
JSONL_NAMES = (".jsonl", ".ndjson")
PAGE_NAMES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".txt", ".text", ".md")


@dataclass(frozen=True)
class ParseOptions:
    """What parsing needs to know: extraction options and the size cap."""

    extract: ExtractOptions | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    since: str | None = None  # a database yields only articles dated on or after this (newscli digest)


def sniff(source: Source) -> str:
    """The kind of a source: html, text, jsonl, json, sqlite, warc, gzip, binary or empty.

    A name that says JSON Lines (.jsonl, .ndjson, also gzipped) is believed whatever its first line
    holds, so one odd line can never turn a file of records into one plain-text article. A page taken
    out of a WARC archive is a page: never read as an archive or a database itself.
    """
    head = source.head()
    name = source.name.lower()
    stem = name.removesuffix(".gz")
    record = "warc_record" in source.hints
    if head.startswith(_SQLITE_MAGIC) and not record:
        return "sqlite"
    if not record and (head.startswith(b"WARC/") or name.endswith((".warc", ".warc.gz"))):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    for bom, codec in _BOMS.items():
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("utf-8")
            break
    body = head.lstrip()
    if not body:
        return "empty"
    if stem.endswith(JSONL_NAMES) and (not _looks_binary(head) or b"\n{" in head or body.startswith(b"{")):
        return "jsonl"
    if _looks_binary(head):
        return "binary"
    if body.startswith(b"{"):
        return "jsonl"
    if stem.endswith(".json"):
        return "json"
    if body.startswith(b"[") and not stem.endswith(PAGE_NAMES):
        return "jsonl" if _json_lines(body) else "json"
    if _HTML_MARKERS.search(head) or name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def _json_lines(body: bytes) -> bool:
    """Whether text starting with '[' is JSON Lines (a first line that is JSON by itself, and more lines)
    rather than one JSON array (as `--to json` writes it, over many lines, or on one line)."""
    import json

    first, _, rest = body.partition(b"\n")
    if not rest.strip():
        return False
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True


def _looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: an image, an archive, random bytes."""
    if b"\x00" in head[:1024]:
        return True
    controls = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    return controls > max(8, len(head[:4096]) // 50)


def parse(source: Source, options: ParseOptions) -> Iterator[tuple[Item, bool]]:
    """Articles (or failures) from one source, each flagged True when freshly extracted from a page."""
    try:
        kind = sniff(source)
        if kind == "gzip":
            yield from parse(_gunzip(source, options.max_bytes), options)
            return
        for item in PARSERS[kind](source, options):
            yield item, kind in RAW_KINDS
    except InputError as exc:
        yield Failure(source.name, exc.reason, exc.message), False
    except OSError as exc:
        yield Failure(source.name, "unreadable", exc.strerror or str(exc)), False
    except RecursionError:
        yield Failure(source.name, "too_deep", "document nesting is too deep to process"), False
    except Exception as exc:  # a bug in a parser fails this input only; the others go on
        yield Failure(source.name, "internal_error", f"{type(exc).__name__}: {exc}"), False


def _gunzip(source: Source, max_bytes: int) -> Source:
    """A gzip-compressed page or record file, decompressed within the size cap."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(source.read(max_bytes))) as handle:
            data = handle.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError("bad_gzip", f"not a readable gzip file ({exc})") from None
    if len(data) > max_bytes:
        raise InputError("too_large", f"decompressed input is larger than {max_bytes:,} bytes")
    if data.startswith(_GZIP_MAGIC):
        raise InputError("bad_gzip", "nested gzip is not supported")
    return Source(name=source.name, data=data, url=source.url, hints=source.hints)


def _raw(source: Source, article: Article, options: ParseOptions) -> Article:
    """Stamp the fields every freshly parsed page gets: id from its bytes, source, URL, the extract stage."""
    article.id = hashlib.sha256(source.read(options.max_bytes)).hexdigest()[:16]
    article.source = source.name
    article.url = article.url or source.url
    article.add_stage("extract", fingerprint(options.extract) if options.extract else fingerprint({}))
    if source.hints.get("truncated"):  # a WARC record the crawler cut short (WARC-Truncated)
        article.warn("truncated_record")
    return article


def _parse_html(source: Source, options: ParseOptions) -> Iterator[Item]:
    """An HTML page through the extractor."""
    from newscli.parsers.html import ExtractOptions, parse_html

    extract = options.extract or ExtractOptions()
    source.read(min(options.max_bytes, extract.max_bytes))
    yield _raw(source, parse_html(source, extract), options)


def _parse_text(source: Source, options: ParseOptions) -> Iterator[Item]:
    """A plain-text article: headline, byline, key points, paragraphs."""
    from newscli.decode import decode_html
    from newscli.parsers.text import parse_text

    extract_encoding = options.extract.encoding if options.extract else None
    decoded = decode_html(source.read(options.max_bytes), override=extract_encoding)
    article = parse_text(source, decoded.text)
    if decoded.guessed:
        article.warn("encoding_guessed")
    if article.language is None:
        from newscli.lang.detect import detect_language, text_direction

        article.language = detect_language(f"{article.title or ''}\n{article.text}")
        article.direction = text_direction(article.language, article.text)
    yield _raw(source, article, options)


def _parse_records(source: Source, options: ParseOptions) -> Iterator[Item]:
    """JSON Lines records, one per line."""
    from newscli.parsers.records import read_records

    yield from read_records(source)


def _parse_json(source: Source, options: ParseOptions) -> Iterator[Item]:
    """A JSON array of records (what `--to json` writes)."""
    from newscli.parsers.records import read_json_array

    yield from read_json_array(source, options.max_bytes)


def _parse_sqlite(source: Source, options: ParseOptions) -> Iterator[Item]:
    """A newscli SQLite database read back."""
    from newscli.parsers.sqlite import read_sqlite

    if source.path is None:
        raise InputError("unsupported", "a SQLite database must be given as a file, not on stdin")
    yield from read_sqlite(source.path, source.name, options.since)


def _parse_warc(source: Source, options: ParseOptions) -> Iterator[Item]:
    """The HTML response records of a WARC archive, each extracted as a page; damage is a Failure."""
    from newscli.parsers.warc import iter_records

    for page in iter_records(source, options.max_bytes):
        if isinstance(page, Source):
            yield from (item for item, _fresh in parse(page, options))
        elif isinstance(page, Failure):
            yield page


def _empty(source: Source, options: ParseOptions) -> Iterator[Item]:
    """Nothing but white space."""
    raise InputError("empty", "empty input")


def _binary(source: Source, options: ParseOptions) -> Iterator[Item]:
    """Bytes that are not text."""
    raise InputError("binary", "binary data, not HTML, text or JSON Lines")


PARSERS: dict[str, Callable[[Source, ParseOptions], Iterator[Item]]] = {
    "html": _parse_html,
    "text": _parse_text,
    "jsonl": _parse_records,
    "json": _parse_json,
    "sqlite": _parse_sqlite,
    "warc": _parse_warc,
    "empty": _empty,
    "binary": _binary,
}
