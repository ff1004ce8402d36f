"""newscli: turn news web pages into clean, summarized, exportable articles.

The library's face, one call per stage (each imports what it needs when first called, so
`import newscli` stays instant)::

    import newscli

    article = newscli.extract(html, url="https://example.com/story")
    article = newscli.summarize(newscli.clean(article), bullets=3)
    for record in newscli.read("crawl/"):
        ...
"""

from __future__ import annotations

import io
import os
import sys
import types
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newscli.version import __version__

if TYPE_CHECKING:
    from newscli.model import Article

__all__ = ["__version__", "clean", "extract", "read", "summarize"]


def extract(html: str | bytes, url: str | None = None) -> Article:
    """One web page's article: main text and metadata, as `newscli extract` gives it.

    `html` is the page as text, or as bytes decoded the way newscli decodes files (byte order mark,
    declared charset, detection). `url`, when known, is where the page was fetched from: the record's
    `url` and `source` (the page's own address goes to `canonical_url`). Raises TypeError for other
    argument types, and newscli.errors.InputError (with a `reason` such as "no_main_text") when the
    page has no article.
    """
    if not isinstance(html, (str, bytes)):
        raise TypeError(f"newscli.extract() takes the page as str or bytes, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"newscli.extract() takes url as str or None, not {type(url).__name__}")
    from newscli.errors import Failure, InputError
    from newscli.parsers import PARSERS, ParseOptions
    from newscli.parsers.html import ExtractOptions
    from newscli.sources import Source

    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    source = Source(name=url or "<string>", data=data, url=url)
    for item in PARSERS["html"](source, ParseOptions(extract=ExtractOptions())):  # the `extract` stage
        if isinstance(item, Failure):
            raise InputError(item.reason, item.message)
        item.source = url
        return item
    raise InputError("no_main_text", "the page gave no article")


def clean(article: Article) -> Article:
    """A cleaned copy of the article, as `newscli clean` makes it: boilerplate lines removed, text
    normalized, bylines moved to `authors`. The argument is left unchanged. Raises TypeError for
    anything but a newscli.model.Article."""
    from newscli.clean import CleanOptions, clean_article

    return clean_article(_article("clean", article), CleanOptions())


def summarize(article: Article, bullets: int = 3) -> Article:
    """A copy of the article with `summary` set to `bullets` extractive sentences in its language (the
    publisher's key points when it gave some), as `newscli summarize -n BULLETS` does to a record.

    Summarize a cleaned article (`summarize(clean(a))`) for the command line's results on a page.
    Raises TypeError for a wrong argument type, ValueError for fewer than one bullet, and
    newscli.errors.InputError ("empty_text") for an article with nothing to summarize.
    """
    import copy

    from newscli.summarize import SummarizeOptions, summarize_article

    if not isinstance(bullets, int) or isinstance(bullets, bool):
        raise TypeError(f"newscli.summarize() takes bullets as int, not {type(bullets).__name__}")
    if bullets < 1:
        raise ValueError(f"newscli.summarize() needs at least one bullet, not {bullets}")
    return summarize_article(copy.deepcopy(_article("summarize", article)), SummarizeOptions(bullets=bullets))


def read(path: str | os.PathLike[str], *, skip_errors: bool = False) -> Iterator[Article]:
    """The articles of any input newscli reads, one at a time: an HTML page (extracted), a plain-text
    article, JSON Lines or a JSON array of records (another tool's JSON too), a newscli SQLite
    database, a WARC archive, a .gz of those, a directory (walked in sorted order), a glob, or a URL
    (fetched: the only case that uses the network).

    Pages are extracted, records are read as they are (no cleaning or summarizing: call clean and
    summarize). The first input that fails raises newscli.errors.InputError naming it, unless
    `skip_errors` is true. Raises TypeError when `path` is not a str or a path.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"newscli.read() takes a path as str or os.PathLike, not {type(path).__name__}")
    from newscli.errors import Failure, InputError
    from newscli.fetch.items import Skipped
    from newscli.inputs import with_downloads
    from newscli.parsers import ParseOptions
    from newscli.parsers.html import ExtractOptions
    from newscli.pipeline import PipelineOptions, process
    from newscli.request import Request
    from newscli.sources import Source, iter_sources

    stdin = sys.stdin.buffer if sys.stdin else io.BytesIO()
    fetched = with_downloads(iter_sources([os.fspath(path)], stdin), Request("extract"))
    sources = (  # a URL that robots.txt refuses is a failure here; feeds' bookkeeping is dropped
        Failure(item.source, item.reason, item.message) if isinstance(item, Skipped) else item
        for item in fetched
        if isinstance(item, (Source, Failure, Skipped))
    )
    options = PipelineOptions(parse=ParseOptions(extract=ExtractOptions()))  # as `newscli extract` runs
    for item in process(sources, "extract", options):
        if isinstance(item, Failure):
            if skip_errors:
                continue
            raise InputError(item.reason, f"{item.source}: {item.message}")
        yield item


def _article(function: str, value: Any) -> Article:
    """The argument, if it is an Article; TypeError naming the function otherwise."""
    from newscli.model import Article

    if not isinstance(value, Article):
        raise TypeError(f"newscli.{function}() takes a newscli.model.Article, not {type(value).__name__}")
    return value


class _Package(types.ModuleType):
    """newscli's module object: `newscli.clean` and `newscli.summarize` stay the functions above.

    Importing the submodules newscli.clean and newscli.summarize (which the functions themselves do)
    would otherwise rebind those names to the modules; the modules stay reachable as always through
    `from newscli.clean import ...` and sys.modules.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        """Keep an API function when the import system binds a same-named submodule."""
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
