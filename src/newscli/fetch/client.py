"""One URL, bounded: a deadline for the whole URL, private addresses refused after DNS and at every redirect.

Each request runs on its own connection to an address checked here (so DNS cannot answer differently
between the check and the connection), redirects are followed by hand (each hop is checked again), and
the scheduler cuts the socket when the URL's deadline passes: a server sending one byte or one header a
second cannot hold a request past its budget.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
import urllib3.connection

from newscli.errors import InputError
from newscli.fetch.options import FetchOptions

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
CHUNK = 65536
# What newscli reads: pages, feeds and sitemaps (also gzipped, e.g. sitemap.xml.gz).
ACCEPTED_TYPES = frozenset(
    {
        "text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml",
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
        "application/gzip", "application/x-gzip", "application/octet-stream",
    }
)  # fmt: skip


class FetchError(InputError):
    """A URL that could not be fetched; `retry_in` is set when asking again later may work."""

    def __init__(self, reason: str, message: str, retry_in: float | None = None) -> None:
        super().__init__(reason, message)
        self.retry_in = retry_in


@dataclass
class Response:
    """A page (status 200) or a "not modified" answer (304) to a conditional request."""

    url: str
    status: int
    body: bytes = b""
    media_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Attempt:
    """One URL in flight: its deadline, and the sockets the scheduler cuts once the deadline has passed."""

    deadline: float
    cut: bool = False
    sockets: list[Any] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remaining(self) -> float:
        """Seconds left; a timeout error when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0 or self.cut:
            raise FetchError("timeout", "")
        return left

    def attach(self, sock: Any) -> None:
        """Remember a socket so it can be cut; cut it at once when the deadline already passed."""
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            cut = self.cut
        if cut:
            _shut(sock)

    def abort(self) -> None:
        """The deadline passed: unblock whatever read or write the request is stuck in."""
        with self.lock:
            self.cut = True
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: Any) -> None:
    """Shut a socket down for both directions, so a blocked recv returns at once."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Pinned:
    """A connection to addresses already resolved and checked, its socket registered with the attempt."""

    attempt: Attempt
    addresses: list[str]

    def _new_conn(self) -> socket.socket:
        """Connect to the first checked address that answers, within the attempt's budget."""
        error: OSError | None = None
        for address in self.addresses:
            try:
                port = int(getattr(self, "port", 0) or 0)
                sock = socket.create_connection((address, port), self.attempt.remaining())
            except OSError as exc:
                error = exc
                continue
            self.attempt.attach(sock)
            return sock
        assert error is not None
        raise error

    def connect(self) -> None:
        """Connect (and for HTTPS, shake hands), then register the socket reads will use."""
        super().connect()  # type: ignore[misc]
        self.attempt.attach(getattr(self, "sock", None))


class _PinnedHTTP(_Pinned, urllib3.connection.HTTPConnection):
    """HTTP over a checked address."""


class _PinnedHTTPS(_Pinned, urllib3.connection.HTTPSConnection):
    """HTTPS over a checked address; the certificate is still verified against the host name."""


def public(address: str) -> bool:
    """True for an address on the public internet (not loopback, private, link-local, shared, reserved...)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses that may be asked; an error naming why none may."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("dns", f"cannot resolve {host} ({getattr(exc, 'strerror', None) or exc})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    allowed = [a for a in addresses if allow_private or public(a)]
    if not allowed:
        shown = addresses[0] if addresses else host
        raise FetchError(
            "private_address", f"{host} is a private address ({shown}); pass --allow-private to fetch it"
        )
    return allowed


def get(url: str, options: FetchOptions, attempt: Attempt, headers: dict[str, str] | None = None) -> Response:
    """GET one URL, following redirects by hand; a FetchError names what went wrong."""
    for _ in range(MAX_REDIRECTS + 1):
        response = _hop(url, options, attempt, headers or {})
        if isinstance(response, Response):
            return response
        url = response
    raise FetchError("http", f"more than {MAX_REDIRECTS} redirects")


def _hop(url: str, options: FetchOptions, attempt: Attempt, headers: dict[str, str]) -> Response | str:
    """One request: a Response, or the URL a redirect points to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("usage", "only http:// and https:// URLs can be fetched")
    try:
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("bad_url", "the URL's port is not a number") from None
    if not host:
        raise FetchError("bad_url", "the URL names no host")
    try:
        addresses = resolve(host, port, options.allow_private)
        kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = kind(host, port, timeout=attempt.remaining())
        conn.attempt, conn.addresses = attempt, addresses
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            sent = {
                "User-Agent": options.user_agent,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                **headers,
            }
            conn.request("GET", target, headers=sent, preload_content=False)
            response = conn.getresponse()
            attempt.remaining()  # a cut socket can look like a short, complete answer
            if response.status in REDIRECTS and response.headers.get("location"):
                return urljoin(url, response.headers["location"].strip())
            return _response(response, url, options, attempt, conn)
        finally:
            conn.close()
    except FetchError as exc:
        if exc.reason == "timeout" or attempt.cut:
            raise _timeout(options) from None
        raise
    except Exception as exc:  # every network error becomes one reason
        raise _classify(exc, attempt, options) from None


def _response(response: Any, url: str, options: FetchOptions, attempt: Attempt, conn: Any) -> Response:
    """Check status and type, then read the capped body within the budget."""
    status = int(response.status)
    if status == 304:
        return Response(url=url, status=304)
    if status >= 300:
        message = f"HTTP {status} {response.reason or ''}".rstrip()
        retry_in = None  # not worth asking again
        if status in RETRY_STATUSES:  # again after Retry-After, or after a backoff (0.0)
            retry_in = _retry_after(response.headers.get("retry-after")) or 0.0
        raise FetchError(f"http_{status}", message, retry_in)
    media, charset = _media_type(response.headers.get("content-type", ""))
    if media not in ACCEPTED_TYPES:
        raise FetchError("content_type", f"content type {media} is not a web page, feed or sitemap")
    limit = options.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError("too_large", f"over the {limit:,}-byte limit (--max-bytes)")
    body = bytearray()
    while True:
        if conn.sock is not None:
            conn.sock.settimeout(attempt.remaining())
        chunk = response.read(CHUNK, decode_content=True)
        if not chunk:
            break
        body += chunk
        if len(body) > limit:
            raise FetchError("too_large", f"over the {limit:,}-byte limit (--max-bytes)")
    attempt.remaining()
    return Response(
        url=url,
        status=status,
        body=bytes(body),
        media_type=media,
        charset=charset,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _timeout(options: FetchOptions) -> FetchError:
    """The one timeout error: the whole URL took longer than its budget."""
    return FetchError("timeout", f"no complete answer within {options.timeout:g} s (--fetch-timeout)")


def _classify(exc: BaseException, attempt: Attempt, options: FetchOptions) -> FetchError:
    """Name a network error: timeout, refused, tls, or a dropped connection (worth one more try)."""
    if attempt.cut or time.monotonic() >= attempt.deadline:
        return _timeout(options)
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for error in chain:
        if isinstance(error, ConnectionRefusedError):
            return FetchError("refused", "the server refused the connection")
        if isinstance(error, (ssl.SSLError, ssl.CertificateError, urllib3.exceptions.SSLError)):
            return FetchError("tls", f"TLS failed ({error})")
        if isinstance(error, (socket.timeout, TimeoutError)):
            return _timeout(options)
    return FetchError("network", f"connection failed ({exc})", retry_in=0.0)


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _media_type(header: str) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header."""
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None
