"""Page metadata from an lxml tree: meta tags, JSON-LD, <time> and the URL; nothing is ever guessed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

# JSON-LD types that describe the article itself (not the site or a breadcrumb).
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "TechArticle",
        "ScholarlyArticle", "Report", "SocialMediaPosting", "WebPage", "Review",
    }
)  # fmt: skip
# Meta keys per field, strongest first (name, property and itemprop are read alike, lowercased).
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "date": (
        "article:published_time", "og:article:published_time", "datepublished", "publishdate", "pubdate",
        "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "article.published", "og:published_time",
    ),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"),
    "sitename": ("og:site_name", "application-name", "publisher"),
    "description": ("description", "og:description", "twitter:description", "dc.description"),
    "tags": ("article:tag", "news_keywords", "keywords", "parsely-tags"),
    "image": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"),
    "url": ("og:url",),
    "language": ("og:locale", "content-language", "language", "dc.language"),
}  # fmt: skip
_ISO_DATE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
_SPLIT_TAGS = re.compile(r"\s*[,;،]\s*")


@dataclass
class PageMeta:
    """What the page says about itself; every field None/empty when the page does not say."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    sitename: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    article_body: str | None = None
    h1: str | None = None


def _clean(value: Any) -> str | None:
    """Whitespace-normalised text, None when empty or not text."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def meta_values(tree: Any) -> dict[str, list[str]]:
    """All <meta> contents by lowercased name/property/itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = _clean(meta.get("content"))
        if key and content:
            values.setdefault(key.strip().lower(), []).append(content)
    return values


def _first(values: dict[str, list[str]], field_name: str) -> str | None:
    """The strongest meta value for a field."""
    for key in META_KEYS[field_name]:
        if values.get(key):
            return values[key][0]
    return None


def _walk_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, @graph and nested lists included."""
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity"):
            if key in node:
                yield from _walk_jsonld(node[key])


def _types(obj: dict[str, Any]) -> set[str]:
    """The object's @type values as a set."""
    kind = obj.get("@type")
    return {str(t) for t in kind} if isinstance(kind, list) else {str(kind)}


def jsonld_article(tree: Any) -> dict[str, Any]:
    """The JSON-LD object that describes the article (a *Article type beats a WebPage), or {}."""
    best: dict[str, Any] = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for obj in _walk_jsonld(data):
            kinds = _types(obj)
            is_article = bool(kinds & ARTICLE_TYPES) and kinds != {"WebPage"}
            replaces = not best or "WebPage" in _types(best)
            if (is_article and replaces) or (kinds == {"WebPage"} and not best):
                best = obj
    return best


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author (string, object or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not name.startswith(("http://", "https://")):
            names.append(name)
    return names


def _url_of(value: Any) -> str | None:
    """A URL from a JSON-LD image/url value (string, ImageObject or list)."""
    if isinstance(value, list):
        return _url_of(value[0]) if value else None
    if isinstance(value, dict):
        return _clean(value.get("url") or value.get("@id"))
    return _clean(value)


def iso_date(value: str | None) -> str | None:
    """ISO 8601 date or timestamp from a metadata value; None for a bare year or anything unparseable."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            day_value = datetime(int(year), int(month), int(day))
        except ValueError:
            return None
        if hour is None:
            return day_value.strftime("%Y-%m-%d")
        stamp = f"{day_value:%Y-%m-%d}T{int(hour):02d}:{minute}:{second or '00'}"
        if zone:
            zone = "+00:00" if zone == "Z" else (zone if ":" in zone else f"{zone[:3]}:{zone[3:]}")
        return stamp + (zone or "")
    return _rfc2822(value)


def _rfc2822(value: str) -> str | None:
    """Dates written the e-mail way ("Tue, 19 Nov 2019 10:00:00 GMT")."""
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    return moment.astimezone(timezone.utc).isoformat() if moment.utcoffset() is None else moment.isoformat()


def url_date(url: str | None) -> str | None:
    """A full date written in the URL path (/2025/03/14/), never a year or month alone."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return iso_date("-".join(f"{int(part):02d}" for part in match.groups()))


def _time_element_date(tree: Any) -> str | None:
    """The first <time datetime> (or itemprop=datePublished) with a full date."""
    for node in tree.xpath("//*[@itemprop='datePublished'][@datetime or @content] | //time[@datetime]"):
        found = iso_date(node.get("datetime") or node.get("content"))
        if found:
            return found
    return None


def _text_of(node: Any) -> str | None:
    """Visible text of an element, whitespace-normalised."""
    return _clean(node.text_content()) if node is not None else None


def _canonical(tree: Any, values: dict[str, list[str]], ld: dict[str, Any], base: str | None) -> str | None:
    """<link rel=canonical>, then og:url, then the JSON-LD url; made absolute against the page URL."""
    links = [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    candidate = _clean(links[0]) if links else None
    candidate = candidate or _first(values, "url") or _url_of(ld.get("url") or ld.get("mainEntityOfPage"))
    if not candidate:
        return None
    return urljoin(base, candidate) if base else candidate


def _tags(values: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    """article:tag values, else JSON-LD keywords, else keyword meta tags; de-duplicated in order."""
    raw: list[str] = list(values.get("article:tag", []))
    if not raw:
        keywords = ld.get("keywords")
        raw = [str(k) for k in keywords] if isinstance(keywords, list) else ([keywords] if keywords else [])
    if not raw:
        raw = [v for key in META_KEYS["tags"][1:] for v in values.get(key, [])[:1]][:1]
    tags: list[str] = []
    for value in raw:
        for tag in _SPLIT_TAGS.split(str(value)):
            tag = " ".join(tag.split())
            if tag and tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
    return tags


def _authors(values: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    """JSON-LD author names, else the author meta tags (split on "and" and commas), URLs left out."""
    names = _names(ld.get("author"))
    if not names:
        for key in META_KEYS["author"]:
            for value in values.get(key, []):
                if not value.startswith(("http://", "https://")):
                    names.extend(n for n in _SPLIT_NAMES.split(value) if n)
            if names:
                break
    unique: list[str] = []
    for name in names:
        if name.lower() not in {u.lower() for u in unique}:
            unique.append(name)
    return unique


def _date(tree: Any, values: dict[str, list[str]], ld: dict[str, Any], url: str | None) -> str | None:
    """Publication date: JSON-LD, then meta tags, then <time>, then a date in the URL."""
    candidates = [ld.get("datePublished"), ld.get("dateCreated")]
    candidates += [v for key in META_KEYS["date"] for v in values.get(key, [])[:1]]
    for value in candidates:
        found = iso_date(value) if isinstance(value, str) else None
        if found:
            return found
    return _time_element_date(tree) or url_date(url)


def read_metadata(tree: Any, url: str | None = None) -> PageMeta:
    """Everything the page declares about the article, from its head, JSON-LD and markup."""
    values = meta_values(tree)
    ld = jsonld_article(tree)
    publisher = ld.get("publisher")
    h1s = tree.xpath("//body//h1")
    canonical = _canonical(tree, values, ld, url)
    title_tag = tree.find(".//title")
    return PageMeta(
        title=_first(values, "title") or _clean(ld.get("headline")) or _text_of(h1s[0] if h1s else None)
        or _text_of(title_tag),
        authors=_authors(values, ld),
        date=_date(tree, values, ld, url or canonical),
        sitename=_first(values, "sitename")
        or (_clean(publisher.get("name")) if isinstance(publisher, dict) else None),
        description=_first(values, "description") or _clean(ld.get("description")),
        tags=_tags(values, ld),
        image=_first(values, "image") or _url_of(ld.get("image")),
        canonical_url=canonical,
        language=tree.get("lang") or _first(values, "language"),
        article_body=ld.get("articleBody") if isinstance(ld.get("articleBody"), str) else None,
        h1=_text_of(h1s[0] if h1s else None),
    )
