"""The network: bounded requests, per-host politeness and robots.txt, feeds and sitemaps, duplicates.

`client` asks one URL within a whole-URL budget and refuses private addresses; `crawl` schedules many
URLs across hosts politely and expands feeds and sitemaps (`listings`) into article URLs; `urls`
normalizes URLs into keys; `duplicates` recognises an article already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newscli import __version__

if TYPE_CHECKING:
    from newscli.errors import Failure
    from newscli.sources import Source

USER_AGENT = f"newscli/{__version__} (news article extractor; robots.txt obeyed)"
ROBOTS_TOKEN = "newscli"  # the name robots.txt groups are matched against


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched; each field maps to one command-line option."""

    timeout: float = 20.0  # --fetch-timeout: budget for one URL (connect, headers, body, retries)
    max_bytes: int = 20_000_000  # --max-bytes
    concurrency: int = 8  # --concurrency: requests at once, across hosts (one at a time per host)
    delay: float = 1.0  # --delay: seconds between the starts of two requests to one host
    user_agent: str = USER_AGENT  # --user-agent
    allow_private: bool = False  # --allow-private: also fetch loopback, private and link-local addresses
    discover: bool = False  # --discover: an HTML page given as input is replaced by the feeds it links to
    retries: int = 2  # more attempts after a 429, a 5xx or a dropped connection, within the budget
    backoff: float = 0.5  # first retry waits this long (or --delay, whichever is longer), then twice as long
    max_wait: float = 60.0  # the longest Retry-After honoured; a longer one fails the URL


def fetch(urls: Iterable[str], options: FetchOptions) -> Iterator[Source | Failure]:
    """Each URL's page as a Source (final URL, charset, content type as hints) or a Failure naming the reason.

    Feeds and sitemaps are expanded into the pages they list; pages robots.txt disallows are left out.
    """
    from newscli.fetch.crawl import Crawler
    from newscli.fetch.items import Listed, Skipped
    from newscli.sources import Source

    listed = (url.strip() for url in urls)
    roots = [Source(name=url, url=url) for url in listed if url and not url.startswith("#")]
    for item in Crawler(options).run(roots):
        if not isinstance(item, (Listed, Skipped)):
            yield item
