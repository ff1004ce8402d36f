"""Download pages politely: timeouts, a size cap, a content-type check, retries, a per-host delay."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from newscli import __version__
from newscli.errors import Failure, InputError
from newscli.sources import Source

# Content types newscli can extract an article from.
ACCEPTED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"}
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 65536


@dataclass(frozen=True)
class FetchOptions:
    """Network limits: per-request timeout (s), byte cap, retries, seconds between requests to one host."""

    timeout: float = 20.0
    max_bytes: int = 20_000_000
    retries: int = 2
    delay: float = 1.0
    user_agent: str = f"newscli/{__version__}"
    backoff: float = 0.5  # first retry waits this long, then twice as long each time


@dataclass
class _Politeness:
    """When each host was last asked, so consecutive requests to one host are spaced by `delay`."""

    delay: float
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str) -> None:
        """Sleep until the host may be asked again."""
        since = time.monotonic() - self.last.get(host, float("-inf"))
        if since < self.delay:
            self.sleep(self.delay - since)
        self.last[host] = time.monotonic()


class _Retryable(Exception):
    """A failure worth trying again (connection trouble, 429, 5xx)."""

    def __init__(self, error: InputError) -> None:
        super().__init__(error.message)
        self.error = error


def _media_type(headers: Any) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header."""
    from email.message import Message

    message = Message()
    message["content-type"] = headers.get("content-type", "") or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _read_capped(response: Any, url: str, options: FetchOptions, deadline: float) -> bytes:
    """The (decompressed) body, refused once it passes the byte cap or the overall time limit."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > options.max_bytes:
        raise InputError("too_large", f"over the {options.max_bytes:,}-byte limit (--max-bytes)")
    body = bytearray()
    for chunk in response.stream(CHUNK, decode_content=True):
        body += chunk
        if len(body) > options.max_bytes:
            raise InputError("too_large", f"over the {options.max_bytes:,}-byte limit (--max-bytes)")
        if time.monotonic() > deadline:
            raise InputError("timeout", f"download took over {options.timeout:g} s (--fetch-timeout)")
    return bytes(body)


def _get(pool: Any, url: str, options: FetchOptions) -> Source:
    """One attempt: request, check status and type, read the capped body."""
    import urllib3

    deadline = time.monotonic() + options.timeout
    try:
        response = pool.request(
            "GET",
            url,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout),
            retries=urllib3.Retry(total=None, connect=0, read=0, status=0, redirect=10),
            preload_content=False,
        )
    except urllib3.exceptions.MaxRetryError as exc:
        reason = exc.reason
        if isinstance(reason, urllib3.exceptions.TimeoutError):
            error = InputError("timeout", f"no answer within {options.timeout:g} s (--fetch-timeout)")
            raise _Retryable(error) from None
        if isinstance(reason, urllib3.exceptions.ResponseError):
            raise InputError("http", "too many redirects") from None
        raise _Retryable(InputError("network", f"cannot connect ({reason})")) from None
    except urllib3.exceptions.HTTPError as exc:
        raise _Retryable(InputError("network", f"{exc}")) from None
    try:
        return _response_source(response, url, options, deadline)
    except (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.ProtocolError) as exc:
        raise _Retryable(InputError("network", f"download interrupted ({exc})")) from None
    finally:
        response.release_conn()


def _response_source(response: Any, url: str, options: FetchOptions, deadline: float) -> Source:
    """Turn a response into a Source, or the InputError that says why not."""
    final_url = urljoin(url, response.geturl() or url)
    if response.status >= 400:
        error = InputError("http", f"HTTP {response.status} {response.reason or ''}".rstrip())
        raise _Retryable(error) if response.status in RETRY_STATUSES else error
    media, charset = _media_type(response.headers)
    if media not in ACCEPTED_TYPES:
        raise InputError("content_type", f"content type {media} is not a web page")
    data = _read_capped(response, url, options, deadline)
    hints = {"content_type": media}
    if charset:
        hints["charset"] = charset
    return Source(name=url, data=data, url=final_url, hints=hints)


def fetch_one(
    pool: Any, url: str, options: FetchOptions, sleep: Callable[[float], None] = time.sleep
) -> Source:
    """One URL with retries and exponential backoff; raises the last InputError when all attempts fail."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise InputError("usage", "only http:// and https:// URLs can be fetched")
    for attempt in range(options.retries + 1):
        try:
            return _get(pool, url, options)
        except _Retryable as exc:
            if attempt == options.retries:
                raise exc.error from None
            sleep(options.backoff * 2**attempt)
    raise AssertionError("unreachable")


def fetch(urls: Iterable[str], options: FetchOptions) -> Iterator[Source | Failure]:
    """Each URL as a Source (final URL, charset and content type as hints) or a Failure naming the reason."""
    import urllib3

    pool = urllib3.PoolManager(num_pools=32)
    polite = _Politeness(options.delay)
    for raw in urls:
        url = raw.strip()
        if not url or url.startswith("#"):
            continue
        polite.wait(urlsplit(url).netloc.lower())
        try:
            yield fetch_one(pool, url, options)
        except InputError as exc:
            yield Failure(url, exc.reason, exc.message)
