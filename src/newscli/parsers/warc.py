"""WARC archives (.warc, .warc.gz): each HTML page record as a source, and any damage said, never hidden.

The framing is checked strictly: a record is a version line, headers, exactly Content-Length bytes and a
blank line; a compressed archive must end where its gzip data ends; a record whose WARC-Block-Digest
does not match its bytes is damaged. An archive that breaks yields the pages before the break, then one
Failure saying where it broke and what was lost; a partial record is never passed on as a whole page.
(warcio reads on past damage by design, to replay what it can, and prints warnings on stderr: it writes
the test archives but does not read them here.)
"""

from __future__ import annotations

import base64
import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newscli.errors import Failure, InputError, clip, quote
from newscli.sources import DEFAULT_MAX_BYTES, Source

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGE_RECORDS = frozenset({"response", "resource"})  # request, metadata, warcinfo records carry no page
VERSIONS = frozenset({b"WARC/1.1", b"WARC/1.0", b"WARC/0.18", b"WARC/0.17"})
HTTP_SCHEMES = ("http:", "https:")
MAX_LINE = 64 * 1024  # bytes of one header line
MAX_HEADERS = 1000  # header lines of one record
_CHUNK = 1 << 16


@dataclass(frozen=True)
class NotHtml:
    """A page record that is not HTML (an image, a PDF, JSON): skipped, but counted."""

    source: str
    content_type: str


class Damaged(Exception):
    """The archive breaks here: nothing after this point can be trusted."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


class _CutShort(ValueError):
    """Headers that stop where the data stops."""


class _BadPage(Exception):
    """One record's page cannot be read (its own HTTP part is broken); the archive goes on."""


class _Gunzipped:
    """A .warc.gz (one gzip member per record, or one for all) read as the WARC it holds, strictly:
    compressed data that stops inside a member is `truncated`, a bad checksum or bytes that are not gzip
    are `bad_warc` (Python's gzip module reads a cut member's partial data without a word)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.buffer = bytearray()
        self.input = b""
        self.inflater: zlib._Decompress | None = None

    def _fill(self) -> bool:
        """Decompress more into the buffer; False at the clean end of the compressed data."""
        while True:
            if not self.input:
                self.input = self.raw.read(_CHUNK)
                if not self.input:
                    if self.inflater is not None and not self.inflater.eof:
                        raise Damaged("truncated", "the compressed archive is cut short")
                    return False
            if self.inflater is None or self.inflater.eof:  # a new member starts here
                self.input = self.input.lstrip(b"\0")  # zero padding after a member is allowed
                if not self.input:
                    continue
                if not b"\x1f\x8b".startswith(self.input[:2]):
                    raise Damaged("bad_warc", "bytes that are not gzip follow the compressed archive")
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                out = self.inflater.decompress(self.input, _CHUNK)
            except zlib.error as exc:
                raise Damaged("bad_warc", f"the compressed archive is damaged ({exc})") from None
            self.input = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            if out:
                self.buffer += out
                return True

    def read(self, size: int) -> bytes:
        """Up to `size` bytes (fewer only at the end)."""
        while len(self.buffer) < size and self._fill():
            pass
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def readline(self, size: int) -> bytes:
        """One line, at most `size` bytes."""
        start = 0
        while True:
            end = self.buffer.find(b"\n", start, size)
            if end >= 0:
                return self.read(end + 1)
            if len(self.buffer) >= size:
                return self.read(size)
            start = len(self.buffer)
            if not self._fill():
                return self.read(len(self.buffer))


class _Block:
    """The Content-Length bytes of one record: never reads past them, counts and hashes what it gives."""

    def __init__(self, stream: _Gunzipped | BinaryIO, length: int, digest: str | None) -> None:
        self.stream, self.length, self.left = stream, length, length
        self.expected, self.hash = _digest(digest)

    def _took(self, data: bytes) -> bytes:
        self.left -= len(data)
        if self.hash is not None:
            self.hash.update(data)
        return data

    def read(self, size: int) -> bytes:
        """Up to `size` bytes of the block (b'' at its end, or where the archive stops early)."""
        size = min(size, self.left)
        return self._took(self.stream.read(size)) if size > 0 else b""

    def readline(self, size: int) -> bytes:
        """One line of the block, at most `size` bytes."""
        size = min(size, self.left)
        return self._took(self.stream.readline(size)) if size > 0 else b""

    def drain(self) -> None:
        """Read what the record holds beyond what was used."""
        while self.read(_CHUNK):
            pass

    def digest_matches(self) -> bool:
        """Whether the block's bytes match its WARC-Block-Digest (True when there is none to check)."""
        if self.hash is None or self.expected is None:
            return True
        raw = self.hash.digest()
        encodings = {base64.b32encode(raw).decode("ascii"), raw.hex(), base64.b64encode(raw).decode("ascii")}
        return (
            self.expected in encodings
            or self.expected.upper() in encodings
            or self.expected.lower() in encodings
        )


def _digest(value: str | None) -> tuple[str | None, hashlib._Hash | None]:
    """The expected value and a fresh hash for a `sha1:BASE32` style digest header (None: not checkable)."""
    if not value or ":" not in value:
        return None, None
    algorithm, _, expected = value.partition(":")
    algorithm = algorithm.strip().lower().replace("-", "")
    if algorithm not in {"sha1", "sha256", "sha512", "md5"}:
        return None, None
    return expected.strip(), hashlib.new(algorithm)


def _headers(stream: _Gunzipped | BinaryIO | _Block, what: str) -> dict[str, str]:
    """`Name: value` lines up to a blank line, names lower-cased; ValueError says what is wrong."""
    headers: dict[str, str] = {}
    last = ""
    for _ in range(MAX_HEADERS):
        line = stream.readline(MAX_LINE)
        if not line.endswith(b"\n"):
            if len(line) < MAX_LINE:
                raise _CutShort(f"the {what}s stop in the middle")
            raise ValueError(f"a {what} line is too long")
        text = line.rstrip(b"\r\n").decode("utf-8", "replace")
        if not text:
            return headers
        if text[0] in " \t" and last:
            headers[last] += " " + text.strip()
            continue
        name, colon, value = text.partition(":")
        if not colon:
            raise ValueError(f"a {what} line has no colon: {_shown(line)}")
        last = name.strip().lower()
        headers[last] = value.strip()
    raise ValueError(f"more than {MAX_HEADERS} {what} lines")


def _shown(line: bytes) -> str:
    """A line that is not what it should be, as an error shows it: printable ASCII, short."""
    return quote(line[:200], 60)


def _framed(stream: _Gunzipped | BinaryIO) -> Iterator[tuple[int, dict[str, str], _Block]]:
    """Each record: its number, WARC headers and block (the caller finishes it with `_finish`)."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE)
        while line in (b"\r\n", b"\n"):  # blank lines between records are tolerated
            line = stream.readline(MAX_LINE)
        if not line:
            return
        number += 1
        if line.rstrip(b"\r\n") not in VERSIONS:
            start = "the archive does not start" if number == 1 else f"record {number} does not start"
            found = _shown(line)
            raise Damaged("bad_warc", f"{start} with a WARC version line (found {found})")
        try:
            headers = _headers(stream, "WARC header")
        except ValueError as exc:
            reason = "truncated" if isinstance(exc, _CutShort) else "bad_warc"
            raise Damaged(reason, f"record {number}: {exc}") from None
        length = headers.get("content-length", "")
        if not (length.isascii() and length.isdigit()):
            raise Damaged("bad_warc", f"record {number} has no valid Content-Length")
        yield number, headers, _Block(stream, int(length), headers.get("warc-block-digest"))


def _finish(number: int, block: _Block, stream: _Gunzipped | BinaryIO) -> None:
    """Read the rest of a record and its closing blank line; Damaged when the archive breaks inside it."""
    block.drain()
    if block.left:
        read = block.length - block.left
        raise Damaged(
            "truncated", f"the archive ends inside record {number} ({read:,} of {block.length:,} bytes)"
        )
    end = stream.read(4)
    if end != b"\r\n\r\n":
        if len(end) < 4 and b"\r\n\r\n".startswith(end):
            raise Damaged(
                "truncated", f"the archive ends just after record {number}, before its closing line"
            )
        raise Damaged("bad_warc", f"record {number} is longer than its Content-Length says")


def _open(source: Source, max_bytes: int) -> BinaryIO:
    """The archive as a binary stream, read from disk when it is a file (never loaded whole)."""
    if source.path is not None:
        return source.path.open("rb")
    return io.BytesIO(source.read(max_bytes))


def iter_records(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source | Failure | NotHtml]:
    """Each HTML page record as a Source (`file.warc.gz#<record-id>`, target URI, charset hint), in order;
    a record that cannot be read is a Failure, and an archive that breaks ends with one Failure saying so."""
    pages = 0
    try:
        with _open(source, max_bytes) as raw:
            stream: _Gunzipped | BinaryIO = _Gunzipped(raw) if raw.read(2) == b"\x1f\x8b" else raw
            raw.seek(0)
            records = 0
            for number, headers, block in _framed(stream):
                records = number
                page = _page(source, number, headers, block, max_bytes)
                _finish(number, block, stream)
                if not block.digest_matches():
                    message = "the record's bytes do not match its WARC-Block-Digest (damaged)"
                    page = Failure(_name(source, number, headers), "bad_warc", message)
                if page is not None:
                    pages += isinstance(page, Source)
                    yield page
            if not records:
                yield Failure(source.name, "empty", "the archive holds no records")
    except Damaged as exc:
        read = (
            f"{pages:,} page{'' if pages == 1 else 's'} read before it, the rest is lost"
            if pages
            else "no page read"
        )
        yield Failure(source.name, exc.reason, f"{exc.message}; {read}")
    except InputError as exc:
        yield Failure(source.name, exc.reason, exc.message)
    except OSError as exc:
        yield Failure(source.name, "unreadable", exc.strerror or str(exc))


def _name(archive: Source, number: int, headers: dict[str, str]) -> str:
    """`archive#record-id` (the record's number when it has no id)."""
    record_id = headers.get("warc-record-id", "").strip().strip("<>") or f"record-{number}"
    return f"{archive.name}#{clip(record_id)}"


def _page(
    archive: Source, number: int, headers: dict[str, str], block: _Block, max_bytes: int
) -> Source | Failure | NotHtml | None:
    """One record as a page source, a non-HTML marker, a failure, or None for records that hold no page."""
    if headers.get("warc-type", "").lower() not in PAGE_RECORDS:
        return None
    name = _name(archive, number, headers)
    uri = headers.get("warc-target-uri", "").strip().strip("<>") or None
    try:
        http: dict[str, str] = {}
        if headers.get("warc-type", "").lower() == "response" and (uri or "").lower().startswith(
            HTTP_SCHEMES
        ):
            status = block.readline(MAX_LINE)
            if not status.startswith(b"HTTP/"):
                found = _shown(status)
                raise _BadPage(f"the response does not start with an HTTP status line (found {found})")
            http = _headers(block, "HTTP header")
        content_type = http.get("content-type") if http else headers.get("content-type")
        media, charset = _media_type(content_type or "")
        if media not in HTML_TYPES:
            return NotHtml(name, media)
        data = _payload(block, http, max_bytes)
    except (_BadPage, ValueError) as exc:
        return Failure(name, "bad_record", str(exc))
    except InputError as exc:
        return Failure(name, exc.reason, exc.message)
    hints = {"charset": charset} if charset else {}
    hints["warc_record"] = "1"
    if headers.get("warc-truncated"):
        hints["truncated"] = headers["warc-truncated"]
    return Source(name=name, data=data, url=uri, hints=hints)


def _payload(block: _Block, http: dict[str, str], max_bytes: int) -> bytes:
    """The page's bytes: chunked transfer and gzip/deflate content encoding undone, at most max_bytes."""
    chunked = http.get("transfer-encoding", "").strip().lower() == "chunked"
    data = _dechunked(block, max_bytes) if chunked else block.read(max_bytes + 1)
    encoding = http.get("content-encoding", "").strip().lower()
    if len(data) <= max_bytes and encoding in ("gzip", "x-gzip", "deflate"):
        data = _inflated(data, max_bytes)
    elif encoding not in ("", "identity"):
        raise InputError("unsupported", f"content encoding {quote(encoding)} is not supported")
    if len(data) > max_bytes:
        raise InputError("too_large", f"record is larger than {max_bytes:,} bytes (see --max-bytes)")
    return data


def _dechunked(block: _Block, max_bytes: int) -> bytes:
    """A chunked HTTP body joined, at most max_bytes + 1 bytes; a body that does not start with a chunk
    size is taken as it is (crawlers often store the body already joined, header unchanged)."""
    out = bytearray()
    first = True
    while len(out) <= max_bytes:
        line = block.readline(64)
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            if first:
                return bytes(line + block.read(max_bytes + 1 - len(line)))
            raise _BadPage("the page's chunked body is damaged") from None
        first = False
        if size == 0:
            break
        want = min(size, max_bytes + 1 - len(out))
        chunk = block.read(want)
        out += chunk
        if len(chunk) < want or (want == size and block.read(2) != b"\r\n"):
            raise _BadPage("the page's chunked body is cut short or damaged")
    return bytes(out)


def _inflated(data: bytes, max_bytes: int) -> bytes:
    """gzip, zlib or raw deflate content, stopped past max_bytes; damaged or cut data is an error."""
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):  # gzip or zlib header, then raw deflate
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, max_bytes + 1)
        except zlib.error:
            continue
        if inflater.eof or len(out) > max_bytes:
            return out
        raise _BadPage("the page's compressed content is cut short")
    raise _BadPage("the page's compressed content is damaged")


def _media_type(content_type: str) -> tuple[str, str | None]:
    """'text/html; charset=windows-1256' → ('text/html', 'windows-1256')."""
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset
