"""A local HTTP server on 127.0.0.1 with one route per network case the fetch tests need."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = "<html><head><title>t</title></head><body><p>صفحة عربية للاختبار</p></body></html>".encode()
HUGE_BYTES = 3_000_000


class Handler(BaseHTTPRequestHandler):
    """Routes: /article, /page, /redirect, /missing, /slow, /huge, /image, /gzip, /flaky (503 once per server)."""

    flaky_hits = 0

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, body: bytes, content_type: str = "text/html", **headers: str) -> None:
        """One complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up first
            self.wfile.write(body)

    def do_GET(self) -> None:
        """Dispatch on the path."""
        route = ROUTES.get(self.path)
        if route is None:
            self._send(404, b"not found", "text/plain")
        else:
            route(self)


def _slow(handler: Handler) -> None:
    """Answer only after two seconds."""
    time.sleep(2)
    handler._send(200, PAGE)


def _huge(handler: Handler) -> None:
    """A body larger than the tests' byte cap, without a Content-Length."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(HUGE_BYTES // 65536 + 1):
            handler.wfile.write(b"x" * 65536)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _flaky(handler: Handler) -> None:
    """503 on the first request, the page afterwards."""
    Handler.flaky_hits += 1
    if Handler.flaky_hits == 1:
        handler._send(503, b"busy", "text/plain")
    else:
        handler._send(200, PAGE)


ARTICLE = (Path(__file__).resolve().parents[1] / "samples" / "en-harbor-bridge.html").read_bytes()

ROUTES = {
    "/article": lambda h: h._send(200, ARTICLE, "text/html; charset=utf-8"),
    "/page": lambda h: h._send(200, PAGE, "text/html; charset=windows-1256"),
    "/redirect": lambda h: h._send(302, b"", Location="/page"),
    "/slow": _slow,
    "/huge": _huge,
    "/image": lambda h: h._send(200, b"\x89PNG....", "image/png"),
    "/gzip": lambda h: h._send(200, gzip.compress(PAGE), Content_Encoding="gzip"),
    "/flaky": _flaky,
}


@contextmanager
def serve() -> Iterator[str]:
    """Run the server in a thread for the duration of a test; yields its base URL."""
    Handler.flaky_hits = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
