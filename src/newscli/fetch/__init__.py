"""The network: bounded requests, per-host politeness and robots.txt, feeds and sitemaps, duplicates.

`client` asks one URL within a whole-URL budget and refuses private addresses; `crawl` schedules many
URLs across hosts politely and expands feeds and sitemaps (`listings`) into article URLs; `urls`
normalizes URLs into keys; `duplicates` recognises an article already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newscli.fetch.options import USER_AGENT, FetchOptions

if TYPE_CHECKING:
    from newscli.errors import Failure
    from newscli.sources import Source

__all__ = ["USER_AGENT", "FetchOptions", "fetch"]


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
