"""A local test site on 127.0.0.x: pages, feeds, sitemaps, robots.txt, redirects, slow and silent answers,
429 with Retry-After, ETag/Last-Modified; it counts the requests each path received."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = "<html><head><title>t</title></head><body><p>صفحة عربية للاختبار</p></body></html>".encode()
HUGE_BYTES = 3_000_000
ARTICLE = (Path(__file__).resolve().parents[1] / "samples" / "en-harbor-bridge.html").read_bytes()
ETAG = '"feed-v1"'
LAST_MODIFIED = "Mon, 06 May 2024 08:00:00 GMT"

# Five distinct stories (each over 50 words, so near-duplicate text can be judged).
STORIES = {
    "harbor": (
        "Council approves the harbor bridge",
        [
            "The city council approved the new harbor bridge on Monday after a decade of debate, clearing "
            "the way for construction to begin next spring along the eastern waterfront.",
            "The bridge will link the old town with the port district. Engineers expect the crossing to cut "
            "commuting times by a third, while shop owners hope for more visitors on weekends.",
            "Opponents warned about noise and traffic during the works and asked for a second study of the "
            "river currents, which the council declined by seven votes to four.",
        ],
    ),
    "trains": (
        "Night trains return to the northern line",
        [
            "Night trains will run again on the northern line from December, the rail operator announced, "
            "ending a gap of twelve years since the last sleeper service was withdrawn.",
            "Each train will carry six sleeping cars and a dining car. Tickets go on sale in October, with "
            "lower fares for students and for travellers who book a month ahead.",
            "Passenger groups welcomed the plan but asked for more stops in small towns, where buses are "
            "rare after dark and families depend on the railway for long journeys.",
        ],
    ),
    "water": (
        "Desalination plant opens on the coast",
        [
            "A desalination plant opened on the southern coast on Thursday and will supply drinking water "
            "to two hundred thousand homes during the long and dry summer months.",
            "The plant uses solar panels for part of its power. Its builders say the brine is diluted before "
            "it returns to the sea, a claim marine biologists intend to check independently.",
            "Farmers in the valley asked whether the water would reach their fields as well; the ministry "
            "replied that irrigation is planned for a second phase after three years.",
        ],
    ),
    "school": (
        "School year starts with new science labs",
        [
            "Pupils returned to classrooms this week, and forty schools opened science laboratories that "
            "were built over the summer with money from a regional education fund.",
            "Teachers received training in the new equipment, from microscopes to small weather stations "
            "on the roofs. Parents were invited to open days on Saturday mornings.",
            "Unions said staff shortages remain the main problem and called for higher salaries, warning "
            "that some laboratories could stay closed if teachers keep leaving the profession.",
        ],
    ),
    "market": (
        "Covered market reopens after repairs",
        [
            "The covered market in the old quarter reopened on Saturday after eighteen months of repairs to "
            "its iron roof, which had leaked since a storm two winters ago.",
            "Most of the sixty traders came back, selling fish, cheese, spices and flowers under the restored "
            "glass panels. A few stalls remain empty and the city is looking for young tenants.",
            "Visitors praised the brighter hall, though some regulars missed the old wooden benches that were "
            "removed to make room for a small stage for weekend concerts.",
        ],
    ),
}


def story_page(slug: str, *, canonical: str | None = None, chrome: str = "Daily Harbor News") -> bytes:
    """An article page for one of the stories, with an optional rel=canonical and its own site chrome."""
    title, paragraphs = STORIES[slug]
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {chrome}</title>{link}"
        f'<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>'
        f"<header><a href='/'>{chrome}</a></header><article><h1>{title}</h1>{body}</article>"
        f"<footer>© {chrome}</footer></body></html>"
    ).encode()


def rss(items: list[str]) -> bytes:
    """An RSS 2.0 feed listing these links (relative or absolute)."""
    entries = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<link>/</link><description>test feed</description>{entries}</channel></rss>"
    ).encode()


def rss1(items: list[str]) -> bytes:
    """An RSS 1.0 (RDF) feed."""
    entries = "".join(f'<item rdf:about="{u}"><title>{u}</title><link>{u}</link></item>' for u in items)
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="/"><title>News</title><link>/</link>'
        f"</channel>{entries}</rdf:RDF>"
    ).encode()


def atom(items: list[str]) -> bytes:
    """An Atom 1.0 feed (a self link and an enclosure that are not articles)."""
    entries = "".join(
        f'<entry><title>{u}</title><id>{u}</id><link rel="alternate" href="{u}"/>'
        f'<link rel="enclosure" href="/audio.mp3"/></entry>'
        for u in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        f'<link rel="self" href="/atom.xml"/>{entries}</feed>'
    ).encode()


def urlset(items: list[str], news: bool = False) -> bytes:
    """A sitemap; with `news`, a Google News sitemap."""
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    extra = "<news:news><news:title>t</news:title></news:news>" if news else ""
    entries = "".join(f"<url><loc>{u}</loc>{extra}</url>" for u in items)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
        f"{entries}</urlset>"
    ).encode()


def sitemapindex(items: list[str]) -> bytes:
    """A sitemap index."""
    entries = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>"
    ).encode()


Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    """Looks the path up in its site's routes and counts the request."""

    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def send(self, status: int, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        """One complete response."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up first
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

    def do_GET(self) -> None:
        """Dispatch on the path (query included); unknown paths are 404."""
        site = self.server.site
        with site.lock:
            site.hits[self.path] += 1
            site.starts.append((self.path, time.monotonic()))
            site.inflight += 1
            site.max_inflight = max(site.max_inflight, site.inflight)
        try:
            if site.latency:
                time.sleep(site.latency)
            route = site.routes.get(self.path) or site.routes.get(self.path.partition("?")[0])
            if route is None:
                self.send(404, b"not found", "text/plain")
            else:
                route(self)
        finally:
            with site.lock:
                site.inflight -= 1


class _Server(ThreadingHTTPServer):
    """The HTTP server, knowing its site."""

    site: Site
    daemon_threads = True


class Site:
    """Routes (path -> handler), request counts per path, and the base URL once serving."""

    def __init__(self, host: str = "127.0.0.1", latency: float = 0.0) -> None:
        """A site with the standard routes, not yet serving."""
        self.host, self.latency = host, latency
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()  # 304 answers per path
        self.starts: list[tuple[str, float]] = []  # (path, time.monotonic()) of each request, in order
        self.inflight = self.max_inflight = 0
        self.lock = threading.Lock()
        self.base = ""
        self.routes: dict[str, Route] = dict(ROUTES)

    def add(self, path: str, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        """A static route."""
        self.routes[path] = lambda h: h.send(200, body, content_type, **headers)

    def feed(self, path: str, body: bytes, content_type: str = "application/rss+xml") -> None:
        """A route that answers 304 to a request carrying its ETag or Last-Modified, the body otherwise."""

        def route(h: Handler) -> None:
            if h.headers.get("If-None-Match") == ETAG or h.headers.get("If-Modified-Since") == LAST_MODIFIED:
                with self.lock:
                    self.not_modified[path] += 1
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    h.send_response(304)
                    h.send_header("ETag", ETAG)
                    h.end_headers()
                return
            h.send(200, body, content_type, ETag=ETAG, Last_Modified=LAST_MODIFIED)

        self.routes[path] = route


def _slow(handler: Handler) -> None:
    """Answer only after two seconds."""
    time.sleep(2)
    handler.send(200, PAGE)


def _slow_loris(handler: Handler) -> None:
    """Headers at once, then one byte of the body every 0.2 s for a minute."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "300")
        handler.end_headers()
        for _ in range(300):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.2)


def _slow_headers(handler: Handler) -> None:
    """One header line every 0.2 s, for a minute."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for number in range(300):
            handler.wfile.write(f"X-Slow-{number}: 1\r\n".encode())
            handler.wfile.flush()
            time.sleep(0.2)


def _silent(handler: Handler) -> None:
    """Accept the request and never answer (for a minute)."""
    time.sleep(60)


def _huge(handler: Handler) -> None:
    """A body larger than the tests' byte cap, without a Content-Length."""
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(HUGE_BYTES // 65536 + 1):
            handler.wfile.write(b"x" * 65536)


def _once_then(status: int, **headers: str) -> Route:
    """`status` on the first request to the path, the page afterwards."""

    def route(handler: Handler) -> None:
        if handler.server.site.hits[handler.path] == 1:
            handler.send(status, b"busy", "text/plain", **headers)
        else:
            handler.send(200, PAGE)

    return route


ROUTES: dict[str, Route] = {
    "/article": lambda h: h.send(200, ARTICLE, "text/html; charset=utf-8"),
    "/page": lambda h: h.send(200, PAGE, "text/html; charset=windows-1256"),
    "/redirect": lambda h: h.send(302, b"", Location="/page"),
    "/redirect-loopback": lambda h: h.send(
        302, b"", Location=f"http://127.0.0.1:{h.server.server_port}/page"
    ),
    "/redirect-metadata": lambda h: h.send(302, b"", Location="http://169.254.169.254/latest/meta-data/"),
    "/slow": _slow,
    "/slow-loris": _slow_loris,
    "/slow-headers": _slow_headers,
    "/silent": _silent,
    "/huge": _huge,
    "/image": lambda h: h.send(200, b"\x89PNG....", "image/png"),
    "/gzip": lambda h: h.send(200, gzip.compress(PAGE), Content_Encoding="gzip"),
    "/flaky": _once_then(503),
    "/busy": _once_then(429, Retry_After="1"),
    "/busy-long": lambda h: h.send(429, b"busy", "text/plain", Retry_After="3600"),
    "/robots.txt": lambda h: h.send(
        200, b"User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n", "text/plain"
    ),
    "/private/secret": lambda h: h.send(200, PAGE),
}


@contextmanager
def site(host: str = "127.0.0.1", latency: float = 0.0) -> Iterator[Site]:
    """Serve a Site in a thread for the duration of a test (127.0.0.x only)."""
    assert host.startswith("127."), "tests never serve or request beyond the loopback range"
    served = Site(host, latency)
    server = _Server((host, 0), Handler)
    server.site = served
    served.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve() -> Iterator[str]:
    """The standard site; yields its base URL."""
    with site() as served:
        yield served.base
