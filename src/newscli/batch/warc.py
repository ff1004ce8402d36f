"""WARC archives (.warc, .warc.gz) as a stream of page sources: one per HTML response record."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from newscli.errors import Failure
from newscli.sources import DEFAULT_MAX_BYTES, Source

if TYPE_CHECKING:
    from newscli.parsers import Item, ParseOptions

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGE_RECORDS = frozenset({"response", "resource"})  # request, metadata, warcinfo records carry no page


@dataclass(frozen=True)
class NotHtml:
    """A page record that is not HTML (an image, a PDF, JSON): skipped, but counted."""

    source: str
    content_type: str


def _media_type(content_type: str) -> tuple[str, str | None]:
    """'text/html; charset=windows-1256' → ('text/html', 'windows-1256')."""
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _content_type(record: Any) -> str:
    """The payload's Content-Type: the HTTP header of a response, the WARC header of a resource."""
    if record.http_headers is not None:
        return str(record.http_headers.get_header("Content-Type") or "")
    return str(record.rec_headers.get_header("Content-Type") or "")


def _open(source: Source) -> BinaryIO:
    """The archive as a binary stream, read from disk when it is a file (never loaded whole)."""
    if source.path is not None:
        return source.path.open("rb")
    return io.BytesIO(source.read())


def iter_records(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | Failure | NotHtml]:
    """Each HTML page record as a Source (`file.warc.gz#<record-id>`, target URI, charset hint), in order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with _open(source) as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type in PAGE_RECORDS:
                    yield _page(source, record, max_bytes)
        except ArchiveLoadFailed as exc:
            yield Failure(source.name, "bad_warc", f"not a readable WARC archive ({exc})")
        except Exception as exc:  # warcio raises anything from AttributeError to ValueError on damage
            yield Failure(source.name, "bad_warc", f"the archive is damaged ({type(exc).__name__}: {exc})")


def _page(archive: Source, record: Any, max_bytes: int) -> Source | Failure | NotHtml:
    """One record as a page source, a non-HTML marker, or a failure when it is too large."""
    record_id = str(record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    name = f"{archive.name}#{record_id}"
    media, charset = _media_type(_content_type(record))
    if media not in HTML_TYPES:
        return NotHtml(name, media)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return Failure(name, "too_large", f"record is larger than {max_bytes:,} bytes (see --max-bytes)")
    hints = {"charset": charset} if charset else {}
    return Source(name=name, data=data, url=record.rec_headers.get_header("WARC-Target-URI"), hints=hints)


def parse_warc(source: Source, options: ParseOptions) -> Iterator[Item]:
    """Every HTML record of an archive through the page parser (the `warc` entry of the parser registry)."""
    from newscli.parsers import parse

    for page in iter_records(source, options.max_bytes):
        if isinstance(page, Source):
            for item, _fresh in parse(page, options):
                yield item
        elif isinstance(page, Failure):
            yield page
