"""Feeds and sitemaps into the URLs they list: RSS 0.9x/1.0/2.0 and Atom with feedparser, sitemaps (urlset,
sitemapindex, news sitemaps) with ultimate-sitemap-parser, an HTML page's feed links with trafilatura."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from urllib.parse import urljoin

from newscli.errors import InputError

FEED_ROOTS = frozenset({"rss", "rdf", "feed", "channel"})  # RSS 2.0 / 0.9x, RSS 1.0 (rdf:RDF), Atom
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
GZIP_MAGIC = b"\x1f\x8b"
HEAD = 8192


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap lists: page URLs, or (a sitemap index) more sitemaps."""

    kind: str  # "feed", "sitemap", "sitemapindex" or "discovered" (feed links of an HTML page)
    urls: tuple[str, ...]


def root_name(data: bytes) -> str | None:
    """The local name of an XML document's root element, lowercased, found by a linear scan of its head
    (past the BOM, the XML declaration, comments, processing instructions and the doctype)."""
    text = data[:HEAD].removeprefix(b"\xef\xbb\xbf")
    at = 0
    while True:
        at = text.find(b"<", at)
        if at < 0 or at + 1 >= len(text):
            return None
        if text.startswith(b"<!--", at):
            end = text.find(b"-->", at + 4)
            at = end + 3 if end >= 0 else len(text)
        elif text.startswith((b"<?", b"<!"), at):
            end = text.find(b">", at + 2)
            at = end + 1 if end >= 0 else len(text)
        else:
            end = at + 1
            while end < len(text) and text[end : end + 1] not in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
                end += 1
            name = text[at + 1 : end].decode("ascii", "replace")
            return name.rpartition(":")[2].lower() or None


def kind_of(data: bytes) -> str | None:
    """ "feed", "sitemap" or None (a page) from the root element."""
    name = root_name(data)
    if name in FEED_ROOTS:
        return "feed"
    if name in SITEMAP_ROOTS:
        return "sitemap"
    return None


def gunzipped(data: bytes, max_bytes: int) -> bytes:
    """A gzip body (sitemap.xml.gz) decompressed within the byte cap; other bodies as they are."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError("bad_gzip", f"not a readable gzip file ({exc})") from None
    if len(out) > max_bytes:
        raise InputError("too_large", f"decompressed input is larger than {max_bytes:,} bytes")
    return out


def read_listing(data: bytes, base: str) -> Listing | None:
    """The URLs a feed or sitemap lists (absolute, in document order), or None when the data is neither."""
    kind = kind_of(data)
    if kind == "feed":
        return Listing("feed", _absolute(_feed_links(data, base), base))
    if kind == "sitemap":
        nested, urls = _sitemap_links(data)
        return Listing("sitemapindex" if nested else "sitemap", _absolute(urls, base))
    return None


def _feed_links(data: bytes, base: str) -> list[str]:
    """Each entry's link (feedparser resolves xml:base and relative links against the feed's URL)."""
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": base},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    links = [entry.get("link") for entry in parsed.entries]
    if not parsed.entries and parsed.get("bozo"):
        raise InputError("bad_feed", f"not a readable feed ({parsed.get('bozo_exception')})")
    return [link for link in links if isinstance(link, str) and link.strip()]


def _sitemap_links(data: bytes) -> tuple[bool, list[str]]:
    """(is an index, the locations it lists): a sitemap index lists sitemaps, a urlset lists pages."""
    import logging

    from usp.objects.sitemap import IndexXMLSitemap, InvalidSitemap
    from usp.tree import sitemap_from_str

    logging.getLogger("usp").setLevel(logging.CRITICAL)  # its notes on sloppy sitemaps are not errors
    parsed = sitemap_from_str(data.decode("utf-8", "replace"))
    if isinstance(parsed, IndexXMLSitemap):
        return True, [sub.url for sub in parsed.sub_sitemaps]
    if isinstance(parsed, InvalidSitemap):
        raise InputError("bad_sitemap", f"not a readable sitemap ({parsed.reason})")
    return False, [page.url for page in parsed.all_pages()]


def discover_feeds(data: bytes, url: str, charset: str | None = None) -> tuple[str, ...]:
    """The feeds an HTML page links to (<link rel=alternate type=application/rss+xml...>), via trafilatura."""
    from courlan import get_hostinfo
    from trafilatura.feeds import FeedParameters, determine_feed

    from newscli.decode import decode_html

    domain, base = get_hostinfo(url)
    html = decode_html(data, declared=charset).text
    return _absolute(determine_feed(html, FeedParameters(base, domain or "", url)), url)


def _absolute(urls: list[str], base: str) -> tuple[str, ...]:
    """http(s) URLs made absolute against the document's URL, in document order."""
    out = (urljoin(base, url.strip()) for url in urls)
    return tuple(url for url in out if url.startswith(("http://", "https://")))
