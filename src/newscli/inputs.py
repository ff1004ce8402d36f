"""A request's inputs as one stream: local sources as they are, URLs downloaded (feeds expanded)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newscli.env import Environment
from newscli.errors import Failure, UsageError
from newscli.fetch.items import Listed, Memory, Skipped
from newscli.request import Request
from newscli.sources import Source, iter_sources

if TYPE_CHECKING:
    from newscli.fetch.crawl import Crawler

LISTING_SUFFIXES = (".xml", ".xml.gz", ".rss", ".atom", ".rdf")


def sources_for(request: Request, env: Environment) -> Iterator[Source | Failure]:
    """The command's inputs; piped stdin when none is given, never a wait on a terminal."""
    inputs = list(request.inputs)
    if request.urls_file is not None:
        inputs.extend(_read_url_list(request.urls_file))
    if not inputs:
        if env.stdin_isatty:
            raise UsageError(
                "no_input", "no input given (pass files, directories, globs, URLs or '-', or pipe data in)"
            )
        inputs = ["-"]
    return iter_sources(inputs, env.stdin)


def _read_url_list(path: Path) -> list[str]:
    """URLs from a file, one per line; blank lines and # comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("bad_urls_file", f"cannot read --urls file {path}: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def with_downloads(
    sources: Iterable[Source | Failure],
    request: Request,
    memory: Memory | None = None,
    note: Callable[[str], None] | None = None,
) -> Iterator[Source | Failure | Skipped | Listed]:
    """URLs fetched (concurrently, politely) and feeds or sitemaps, remote or local, expanded into the pages
    they list; other sources pass through. Runs of URLs go to the crawler together, order is kept.
    `note` hears the crawler's fetched/queued per host as items come."""
    crawler: Crawler | None = None
    pending: list[Source] = []

    def crawled() -> Iterator[Source | Failure | Skipped | Listed]:
        nonlocal crawler
        crawler = crawler or _crawler(request, memory)
        for item in crawler.run(pending):
            if note is not None:
                note(crawler.status)
            yield item

    for source in sources:
        if isinstance(source, Source) and (source.hints.get("fetch") or _maybe_listing(source)):
            pending.append(source)
            continue
        if pending:
            yield from crawled()
            pending = []
        yield source
    if pending:
        yield from crawled()


def pages(
    items: Iterable[Source | Failure | Skipped | Listed], env: Environment
) -> Iterator[Source | Failure]:
    """Sources and failures only: robots.txt refusals are said, other skips only with -v."""
    for item in items:
        if isinstance(item, Skipped):
            (env.info if item.reason == "robots" else env.debug)(item.line())
        elif not isinstance(item, Listed):
            yield item


def _maybe_listing(source: Source) -> bool:
    """A local file named like a feed or sitemap (the crawler reads it; a page after all passes through)."""
    return source.path is not None and source.name.lower().endswith(LISTING_SUFFIXES)


def _crawler(request: Request, memory: Memory | None) -> Crawler:
    """The crawler for this request (imported only when a URL or a feed file is given)."""
    from newscli.fetch import FetchOptions
    from newscli.fetch.crawl import Crawler

    return Crawler(request.fetch or FetchOptions(), memory)
