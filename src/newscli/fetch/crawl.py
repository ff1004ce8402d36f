"""Many URLs at once, politely: one request at a time per host and `--delay` between two, robots.txt first,
Retry-After honoured; feeds and sitemaps expanded in place; everything handed on in input order.

A scheduler thread owns all the bookkeeping; each request runs in a thread of its own and reports back
through a queue. The scheduler cuts a request's socket when the URL's deadline passes and gives up on it
`GRACE` seconds later even if it is stuck where no socket can be cut (a DNS lookup): no URL holds the run
longer than its budget, and a stuck thread never keeps the process (and its --state lock) alive.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newscli.errors import Failure, InputError
from newscli.fetch.client import Attempt, FetchError, Response, get
from newscli.fetch.items import Listed, Memory, NoMemory, Skipped
from newscli.fetch.listings import Listing, discover_feeds, gunzipped, kind_of, read_listing
from newscli.fetch.options import FetchOptions
from newscli.fetch.urls import url_key
from newscli.sources import Source

Item = Source | Failure | Skipped | Listed
WINDOW = 500  # URLs read ahead of the one handed on next (bounds memory; spans many hosts)
GRACE = 0.5  # seconds past a deadline before a request stuck outside a socket is given up
MAX_DEPTH = 4  # feeds and sitemaps nested deeper than this are not followed (loops, traps)
ROBOTS_BYTES = 500_000  # robots.txt past this size is ignored, as Google does
UNREACHABLE = frozenset({"dns", "refused", "timeout", "tls", "network", "private_address"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(eq=False)
class _Node:
    """One URL (or local feed file) in input order; a feed's node gets its listed URLs as children."""

    pos: tuple[int, ...]
    name: str
    url: str
    key: str
    depth: int
    done: bool = False
    items: list[Item] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    deadline: float | None = None
    tries: int = 0


@dataclass(eq=False)
class _Host:
    """Politeness state of one origin (scheme://host:port)."""

    origin: str
    queue: list[tuple[tuple[int, ...], int, _Node]] = field(default_factory=list)
    busy: bool = False
    ready_at: float = 0.0
    robots: str = "unknown"  # unknown, asking, known
    rules: Any = None  # a Protego parser; None allows everything
    disallowed: str | None = None  # robots.txt answered 5xx: the whole site counts as disallowed
    failure: FetchError | None = None  # robots.txt could not be reached: neither can the pages
    fetched: int = 0


@dataclass(eq=False)
class _Running:
    """A request in flight: the node (None for robots.txt), its host, its attempt."""

    node: _Node | None
    host: _Host
    attempt: Attempt


class _End:
    """The scheduler finished."""


@dataclass
class _Crash:
    """The scheduler hit a bug: re-raised in the consumer, so it is not swallowed."""

    error: BaseException


class Crawler:
    """Fetch URLs and local feed files in order; reusable across runs of inputs (hosts stay known)."""

    def __init__(self, options: FetchOptions, memory: Memory | None = None) -> None:
        """Nothing starts before `run`."""
        self.options = options
        self.memory: Memory = memory or NoMemory()
        self.hosts: dict[str, _Host] = {}
        self.seen: set[str] = set()
        self.status = ""  # "fetched/queued per host", refreshed by the scheduler for progress displays
        self._events: queue.Queue[tuple[Attempt, Response | FetchError]] = queue.Queue()
        self._running: dict[int, _Running] = {}
        self._tie = itertools.count()
        self._stop = threading.Event()
        self._out: queue.Queue[Item | _End | _Crash] = queue.Queue()
        self._live = 0
        self._waiting = 0

    def run(self, roots: Iterable[Source]) -> Iterator[Item]:
        """Pages, failures, skips and feed notes, in input order (a feed's pages where the feed was)."""
        self._stop.clear()
        self._out = queue.Queue()
        thread = threading.Thread(target=self._main, args=(iter(roots),), name="newscli-fetch", daemon=True)
        thread.start()
        try:
            while True:
                item = self._out.get()
                if isinstance(item, _End):
                    return
                if isinstance(item, _Crash):
                    raise item.error
                yield item
        finally:
            self._stop.set()

    def _main(self, roots: Iterator[Source]) -> None:
        """The scheduler thread."""
        try:
            self._loop(roots)
        except BaseException as exc:  # handed to the consumer, which raises it
            self._out.put(_Crash(exc))
        else:
            self._out.put(_End())

    def _loop(self, roots: Iterator[Source]) -> None:
        """Read inputs, hand on what is finished in order, start what may start, wait for news."""
        order: deque[_Node] = deque()
        number = itertools.count()
        exhausted = False
        while not self._stop.is_set():
            while not exhausted and self._live < WINDOW:
                root = next(roots, None)
                if root is None:
                    exhausted = True
                else:
                    order.append(self._root(root, (next(number),)))
            self._emit(order)
            if exhausted and not order:
                return
            self._expire()
            self._start(order)
            self._refresh_status()
            self._wait()

    def _root(self, source: Source, pos: tuple[int, ...]) -> _Node:
        """A node for an input: a URL to fetch, or a local feed or sitemap file read at once."""
        if source.url:
            return self._node(pos, source.name, source.url, 0)
        node = self._new(pos, source.name, source.name, source.name, 0)
        try:
            data = gunzipped(source.read(self.options.max_bytes), self.options.max_bytes)
            listing = read_listing(data, "")
        except InputError as exc:
            self._finish(node, [Failure(source.name, exc.reason, exc.message)])
            return node
        except OSError as exc:
            self._finish(node, [Failure(source.name, "unreadable", exc.strerror or str(exc))])
            return node
        if listing is None:
            self._finish(node, [source])  # not a feed after all: a page like any other file
        else:
            node.children = self._children(node, listing)
            self._finish(node, [])
        return node

    def _new(self, pos: tuple[int, ...], name: str, url: str, key: str, depth: int) -> _Node:
        """A node, counted as live until it is handed on."""
        self._live += 1
        return _Node(pos, name, url, key, depth)

    def _node(self, pos: tuple[int, ...], name: str, url: str, depth: int) -> _Node:
        """A URL's node: queued on its host, or settled at once (a duplicate, already done, unfetchable)."""
        key = url_key(url)
        node = self._new(pos, name, url, key, depth)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            self._finish(node, [Failure(name, "usage", "only http:// and https:// URLs can be fetched")])
        elif not parts.netloc:
            self._finish(node, [Failure(name, "bad_url", "the URL names no host")])
        elif key in self.seen:
            self._finish(node, [Skipped(name, "duplicate", "listed again in this run; fetched once", key)])
        elif self.memory.settled(key):
            self.seen.add(key)
            self._finish(node, [Skipped(name, "unchanged", "already processed with the same options", key)])
        else:
            self.seen.add(key)
            origin = f"{parts.scheme}://{parts.netloc}".lower()
            host = self.hosts.setdefault(origin, _Host(origin))
            heapq.heappush(host.queue, (pos, next(self._tie), node))
        return node

    def _children(self, node: _Node, listing: Listing | Listed) -> list[_Node]:
        """Nodes for the URLs a feed or sitemap lists, placed where the feed was."""
        if node.depth >= MAX_DEPTH:
            message = f"feeds or sitemaps nested more than {MAX_DEPTH} deep are not followed"
            node.items.append(Failure(node.name, "too_deep", message))
            return []
        return [self._node((*node.pos, i), url, url, node.depth + 1) for i, url in enumerate(listing.urls)]

    def _finish(self, node: _Node, items: list[Item]) -> None:
        """The node's outcome is known; it waits to be handed on in order."""
        node.items[:0] = items
        node.done = True
        self._waiting += 1

    def _emit(self, order: deque[_Node]) -> None:
        """Hand on every finished node at the head of the order (a feed's children take its place)."""
        while order and order[0].done:
            node = order.popleft()
            self._live -= 1
            self._waiting -= 1
            for item in node.items:
                self._out.put(item)
            order.extendleft(reversed(node.children))

    def _start(self, order: deque[_Node]) -> None:
        """Start requests on hosts that may be asked now, lowest input position first, up to --concurrency."""
        while len(self._running) < self.options.concurrency:
            now = time.monotonic()
            head = order[0] if order else None
            crowded = self._out.qsize() + self._waiting >= WINDOW
            ready = [
                h
                for h in self.hosts.values()
                if h.queue and not h.busy and h.ready_at <= now and (not crowded or h.queue[0][2] is head)
            ]
            if not ready:
                return
            host = min(ready, key=lambda h: h.queue[0][0])
            if host.robots == "unknown":
                self._launch(None, host, f"{host.origin}/robots.txt", now + self.options.timeout)
                continue
            node = heapq.heappop(host.queue)[2]
            refusal = self._refusal(host, node)
            if refusal is not None:
                self._finish(node, [refusal])
                continue
            if node.deadline is None:
                node.deadline = now + self.options.timeout
            self._launch(node, host, node.url, node.deadline)

    def _refusal(self, host: _Host, node: _Node) -> Item | None:
        """Why the node must not be requested (robots.txt), or None."""
        if host.failure is not None:
            return Failure(node.name, host.failure.reason, host.failure.message)
        if host.disallowed is not None:
            return Skipped(node.name, "robots", host.disallowed, node.key)
        if host.rules is not None and not host.rules.can_fetch(node.url, self.options.user_agent):
            return Skipped(node.name, "robots", "robots.txt disallows it; not fetched", node.key)
        return None

    def _launch(self, node: _Node | None, host: _Host, url: str, deadline: float) -> None:
        """One request in its own thread; the host waits --delay before the next one starts."""
        now = time.monotonic()
        host.busy = True
        host.ready_at = max(host.ready_at, now + self.options.delay)
        if node is None:
            host.robots = "asking"
        attempt = Attempt(deadline)
        self._running[id(attempt)] = _Running(node, host, attempt)
        headers = self._conditional(node) if node is not None else {}
        args = (url, attempt, headers)
        threading.Thread(target=self._request, args=args, name="newscli-get", daemon=True).start()

    def _conditional(self, node: _Node) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a feed read before, so an unchanged one costs a 304."""
        memo = self.memory.listing(node.key)
        headers = {}
        if memo is not None and memo.etag:
            headers["If-None-Match"] = memo.etag
        if memo is not None and memo.last_modified:
            headers["If-Modified-Since"] = memo.last_modified
        return headers

    def _request(self, url: str, attempt: Attempt, headers: dict[str, str]) -> None:
        """Request thread: fetch and report back."""
        outcome: Response | FetchError
        try:
            outcome = get(url, self.options, attempt, headers)
        except FetchError as exc:
            outcome = exc
        except Exception as exc:  # a bug must fail one URL, not hang the run
            outcome = FetchError("internal_error", f"{type(exc).__name__}: {exc}")
        self._events.put((attempt, outcome))

    def _wait(self) -> None:
        """Sleep until a request reports, a deadline passes or a host may be asked again."""
        now = time.monotonic()
        moments = [r.attempt.deadline + (GRACE if r.attempt.cut else 0.0) for r in self._running.values()]
        if len(self._running) < self.options.concurrency:
            moments += [h.ready_at for h in self.hosts.values() if h.queue and not h.busy]
        timeout = min([0.5, *(m - now for m in moments)])
        try:
            event = self._events.get(timeout=max(0.001, timeout))
        except queue.Empty:
            return
        while True:
            self._settle(*event)
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return

    def _expire(self) -> None:
        """Cut requests past their deadline; give up on those still silent GRACE seconds later."""
        now = time.monotonic()
        for running in list(self._running.values()):
            attempt = running.attempt
            if now >= attempt.deadline and not attempt.cut:
                attempt.abort()
            elif attempt.cut and now >= attempt.deadline + GRACE:
                message = f"no complete answer within {self.options.timeout:g} s (--fetch-timeout)"
                self._settle(attempt, FetchError("timeout", message))

    def _settle(self, attempt: Attempt, outcome: Response | FetchError) -> None:
        """A request ended (or was given up): record it on its host and its node."""
        running = self._running.pop(id(attempt), None)
        if running is None:
            return  # given up on already; the late answer is dropped
        host, node = running.host, running.node
        host.busy = False
        host.fetched += 1
        if node is None:
            self._robots(host, outcome)
        elif isinstance(outcome, FetchError):
            self._failed(node, host, outcome)
        else:
            self._finish(node, self._read(node, outcome))

    def _robots(self, host: _Host, outcome: Response | FetchError) -> None:
        """RFC 9309: rules from a 200, none after a 4xx, all disallowed after a 5xx; unreachable stays so."""
        host.robots = "known"
        if isinstance(outcome, Response):
            from protego import Protego

            text = outcome.body[:ROBOTS_BYTES].decode("utf-8", "replace")
            host.rules = Protego.parse(text) if outcome.status == 200 else None
        elif outcome.reason in UNREACHABLE:
            host.failure = outcome
        elif outcome.reason.startswith(("http_5", "http_429")):
            host.disallowed = f"robots.txt answered {outcome.message}: the site counts as disallowed for now"

    def _failed(self, node: _Node, host: _Host, error: FetchError) -> None:
        """Ask again later (Retry-After or backoff) while tries and budget last; else fail the URL."""
        message = error.message
        if error.retry_in is not None and node.tries < self.options.retries:
            wait = error.retry_in or self.options.backoff * 2**node.tries
            if wait > self.options.max_wait:
                message += f"; asked to wait {wait:g} s (Retry-After), more than {self.options.max_wait:g} s"
                host.ready_at = max(host.ready_at, time.monotonic() + self.options.max_wait)
            elif node.deadline is not None and time.monotonic() + wait < node.deadline:
                node.tries += 1
                host.ready_at = max(host.ready_at, time.monotonic() + wait)
                heapq.heappush(host.queue, (node.pos, next(self._tie), node))
                return
        self._finish(node, [Failure(node.name, error.reason, message)])

    def _read(self, node: _Node, response: Response) -> list[Item]:
        """A page becomes a Source; a feed or sitemap (or, with --discover, a page's feed links) its URLs."""
        if response.status == 304:
            memo = self.memory.listing(node.key)
            if memo is None:
                return [Failure(node.name, "http_304", "HTTP 304 Not Modified to an unconditional request")]
            node.children = self._children(node, memo)
            return []
        try:
            listing = self._listing(node, response)
        except InputError as exc:
            return [Failure(node.name, exc.reason, exc.message)]
        if listing is not None:
            node.children = self._children(node, listing)
            return [Listed(node.url, node.key, response.etag, response.last_modified, listing.urls)]
        hints = {"content_type": response.media_type, "key": node.key}
        if response.charset:
            hints["charset"] = response.charset
        return [Source(name=node.name, data=response.body, url=response.url, hints=hints)]

    def _listing(self, node: _Node, response: Response) -> Listing | None:
        """The URLs the response lists, or None for a page."""
        data = response.body
        if data.startswith(b"\x1f\x8b") or kind_of(data) is not None:
            listing = read_listing(gunzipped(data, self.options.max_bytes), response.url)
            if listing is not None:
                return listing
        if self.options.discover and node.depth == 0 and response.media_type in HTML_TYPES:
            feeds = discover_feeds(data, response.url, response.charset)
            if feeds:
                return Listing("discovered", feeds)
        return None

    def _refresh_status(self) -> None:
        """The progress note: fetched/queued for the busiest hosts."""
        hosts = sorted(self.hosts.values(), key=lambda h: (-len(h.queue), h.origin))
        shown = [f"{urlsplit(h.origin).netloc} {h.fetched}/{h.fetched + len(h.queue)}" for h in hosts[:3]]
        more = f" +{len(hosts) - 3} hosts" if len(hosts) > 3 else ""
        self.status = ", ".join(shown) + more
