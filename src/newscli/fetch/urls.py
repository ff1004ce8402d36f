"""URL keys: one string per page however a feed spells its URL (case, default port, fragment, trackers)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit


def url_key(url: str) -> str:
    """The page's identity: scheme and host lowercased, default port and trailing slash dropped (courlan's
    normalization, as trafilatura uses), no fragment, tracking parameters (courlan's list: utm_*, fbclid,
    ref...) dropped and the others sorted; parameters without a value are kept (`?12345` names a page)."""
    from courlan import normalize_url
    from courlan.clean import TRACKERS_RE

    parts = urlsplit(url.strip())
    try:
        base = str(normalize_url(parts._replace(query="", fragment=""), trailing_slash=False))
    except ValueError:
        base = parts._replace(query="", fragment="").geturl()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode(sorted((k, v) for k, v in pairs if not TRACKERS_RE.search(k.lower())))
    return f"{base}?{query}" if query else base


def canonical_key(url: str | None) -> str | None:
    """The key of a URL that can name one article: None for no URL or a site's home page (some sites
    declare their home page canonical on every page)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    if urlsplit(url).path.strip("/") == "":
        return None
    return url_key(url)
