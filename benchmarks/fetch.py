"""Benchmark: polite concurrent fetching against a local server (10 hosts on 127.0.0.1-10, 50 ms latency).

    python benchmarks/fetch.py                      # 200 articles, --delay 0.1, --concurrency 8
    python benchmarks/fetch.py --articles 100 --delay 0.2

The sites run in a separate process (so serving does not compete with the fetcher for the GIL). The URL
list is grouped by host (the order a naive fetcher handles worst). Measures the fetch layer alone
(newscli.fetch.fetch, what `newscli run URL...` and `--urls FILE` call before extraction):
  1. `--concurrency 8` (the default) against the politeness limit: per host, robots.txt plus its
     articles, one request at a time, `--delay` between the starts of two: (requests - 1) x delay +
     latency for the busiest host. Target: within 1.3x.
  2. against one-at-a-time fetching, two ways: `--concurrency 1` (newscli's scheduler, still moving to
     another host while one waits out its delay), and in input order waiting out each host's delay
     (what newscli did before, one URL after the other). Target: >= 5x faster.
Every page is checked to have arrived. Nothing is written inside the project; nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

HOSTS = [f"127.0.0.{n}" for n in range(1, 11)]


def serve(latency: float, articles: int, conn: multiprocessing.connection.Connection) -> None:
    """Child process: one site per host, each serving its share of the articles; sends the base URLs."""
    import contextlib

    from tests.helpers_http import PAGE, site

    with contextlib.ExitStack() as stack:
        sites = [stack.enter_context(site(host, latency)) for host in HOSTS]
        for number in range(articles):
            sites[number % len(sites)].add(f"/news/{number}", PAGE)
        conn.send([s.base for s in sites])
        conn.recv()  # until the parent is done


def warm_up() -> None:
    """Import what the first fetch would (urllib3, courlan, protego), so imports are not timed."""
    import courlan  # noqa: F401
    import protego  # noqa: F401

    import newscli.fetch.crawl  # noqa: F401


def timed(urls: list[str], options: object) -> float:
    """Seconds to fetch every URL; fails loudly if one did not arrive."""
    from newscli.fetch import fetch
    from newscli.sources import Source

    started = time.perf_counter()
    items = list(fetch(urls, options))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    missing = [i for i in items if not isinstance(i, Source)]
    assert len(items) == len(urls) and not missing, missing[:3]
    return seconds


def in_order(urls: list[str], options: object) -> float:
    """One URL after the other in input order, waiting out the host's delay (the pre-crawler fetcher)."""
    from newscli.fetch.client import Attempt, get

    started = time.perf_counter()
    last: dict[str, float] = {}
    for url in urls:
        host = url.split("/")[2]
        wait = last.get(host, -1e9) + options.delay - time.perf_counter()  # type: ignore[attr-defined]
        if wait > 0:
            time.sleep(wait)
        last[host] = time.perf_counter()
        response = get(url, options, Attempt(time.monotonic() + 30))  # type: ignore[arg-type]
        assert response.status == 200
    return time.perf_counter() - started


def main() -> int:
    """Run the three measures and print them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    from newscli.fetch import FetchOptions

    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(args.latency, args.articles, child), daemon=True)
    server.start()
    bases = parent.recv()
    by_host = [
        [f"{base}/news/{n}" for n in range(args.articles) if n % len(bases) == i]
        for i, base in enumerate(bases)
    ]
    urls = [url for host_urls in by_host for url in host_urls]  # grouped by host
    options = FetchOptions(timeout=30, delay=args.delay, concurrency=args.concurrency, allow_private=True)
    warm_up()
    try:
        requests = max(len(h) for h in by_host) + 1  # robots.txt first
        limit = (requests - 1) * args.delay + args.latency
        concurrent = timed(urls, options)
        single = timed(urls, replace(options, concurrency=1))
        ordered = in_order(urls, options)
    finally:
        parent.send("stop")
        server.join(timeout=5)
    rows = [
        (f"politeness limit (busiest host: {requests} requests)", limit, ""),
        (f"--concurrency {args.concurrency}", concurrent, f"{concurrent / limit:.2f}x the limit"),
        ("--concurrency 1", single, f"{single / concurrent:.1f}x slower"),
        ("one at a time in input order, waiting delays", ordered, f"{ordered / concurrent:.1f}x slower"),
    ]
    latency = f"{args.latency * 1000:.0f} ms latency"
    print(f"{args.articles} articles on {len(bases)} hosts, {latency}, --delay {args.delay:g}")
    for label, seconds, note in rows:
        print(f"{label:<48} {seconds:6.2f} s  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
