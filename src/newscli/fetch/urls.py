"""URL keys: one string per page however a feed spells its URL (case, default port, fragment, trackers)."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_key(url: str) -> str:
    """The page's identity: scheme and host lowercased, default port, fragment and tracking parameters
    (utm_*, fbclid, ref...) dropped, no trailing slash; courlan's normalization, as trafilatura uses."""
    from courlan import normalize_url

    try:
        return str(normalize_url(urlsplit(url.strip())._replace(fragment=""), trailing_slash=False))
    except ValueError:
        return url.strip()


def canonical_key(url: str | None) -> str | None:
    """The key of a page's declared canonical URL, unless it cannot name one article (a home page)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    if urlsplit(url).path.strip("/") == "":
        return None  # sites that declare their home page canonical on every page
    return url_key(url)
