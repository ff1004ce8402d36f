"""Page metadata from an lxml tree: meta tags, JSON-LD, <time> and the URL; nothing is ever guessed."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from newscli.parsers.authors import (
    AuthorContext,
    is_organisation,
    jsonld_names,
    markup_names,
    name_shaped,
    people,
    stand_ins,
)
from newscli.parsers.html_title import choose_title
from newscli.parsers.labelled import labelled_authors, labelled_date
from newscli.parsers.sitenames import SiteNames, compact

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
# Days a CMS writes for "no date": a zero Unix timestamp (shifted west by a time zone) and .NET's minimum.
PLACEHOLDER_DAYS = frozenset({"1970-01-01", "1969-12-31", "0001-01-01"})
_ISO_DATE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_SPLIT_TAGS = re.compile(r"[,;،]")  # each part is stripped after: no \s* runs to backtrack over


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
    h1: str | None = None
    authors_context: AuthorContext = field(default_factory=AuthorContext)


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


def _first_value(values: dict[str, list[str]], key: str) -> str | None:
    """The first value of one meta key."""
    return next(iter(values.get(key, [])), None)


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


def jsonld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every object of every JSON-LD script on the page, in page order."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        objects += _walk_jsonld(data)
    return objects


def jsonld_article(tree: Any, objects: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON-LD object that describes the article (a *Article type beats a WebPage), or {}."""
    best: dict[str, Any] = {}
    for obj in jsonld_objects(tree) if objects is None else objects:
        kinds = _types(obj)
        is_article = bool(kinds & ARTICLE_TYPES) and kinds != {"WebPage"}
        replaces = not best or "WebPage" in _types(best)
        if (is_article and replaces) or (kinds == {"WebPage"} and not best):
            best = obj
    return best


def _url_of(value: Any) -> str | None:
    """A URL from a JSON-LD image/url value (string, ImageObject or list)."""
    if isinstance(value, list):
        return _url_of(value[0]) if value else None
    if isinstance(value, dict):
        return _clean(value.get("url") or value.get("@id"))
    return _clean(value)


def iso_date(value: str | None) -> str | None:
    """ISO 8601 date or timestamp from a metadata value; None for a bare year, a placeholder or garbage."""
    found = _parsed_date(value)
    return None if found is None or found[:10] in PLACEHOLDER_DAYS else found


def _parsed_date(value: str | None) -> str | None:
    """ISO 8601 date or timestamp from a metadata value, as written."""
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
            return day_value.date().isoformat()  # four-digit years: %Y gives "1" for year 1
        stamp = f"{day_value.date().isoformat()}T{int(hour):02d}:{minute}:{second or '00'}"
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
    seen: set[str] = set()
    for value in raw:
        for tag in _SPLIT_TAGS.split(str(value)):
            tag = " ".join(tag.split())
            if tag and tag.lower() not in seen:
                seen.add(tag.lower())
                tags.append(tag)
    return tags


def _by_id(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """JSON-LD objects by their @id, so references ({"@id": …}) can be followed."""
    return {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str) and len(obj) > 1}


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD value with a bare {"@id": …} reference replaced by the object it names."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _site_names(
    values: dict[str, list[str]],
    objects: list[dict[str, Any]],
    publisher: Any,
    urls: list[str | None],
    titles: list[str | None],
) -> SiteNames:
    """The page's names for its own site: site-name meta tags, the publisher, the WebSite object, the host.

    A "site name" that repeats one of the page's titles is a misfilled field and is left out.
    """
    names: list[str | None] = [v for key in META_KEYS["sitename"] for v in values.get(key, [])[:1]]
    names += [_clean(obj.get("name")) for obj in objects if "WebSite" in _types(obj)]
    if isinstance(publisher, dict):
        names.append(_clean(publisher.get("name")))
    folded = {" ".join(t.split()).casefold() for t in titles if t}
    return SiteNames.build([n for n in names if n and n.casefold() not in folded], urls)


def _sections(tree: Any, values: dict[str, list[str]], ld: dict[str, Any]) -> frozenset[str]:
    """The site sections the page says it belongs to (article:section, articleSection, category links)."""
    section = ld.get("articleSection")
    names = [*values.get("article:section", []), *(section if isinstance(section, list) else [section])]
    names += [
        a.text_content() for a in tree.xpath("//a[contains(concat(' ', @rel, ' '), ' category ')]")[:20]
    ]
    return frozenset(compact(n) for n in names if isinstance(n, str) and compact(n))


def _authors(
    tree: Any, values: dict[str, list[str]], ld: dict[str, Any], by_id: dict[str, Any], context: AuthorContext
) -> list[str]:
    """People named as authors by JSON-LD, else author meta tags, else author markup; else the site itself."""
    value = ld.get("author")
    items = [_resolve(item, by_id) for item in (value if isinstance(value, list) else [value])]
    # an organisation that is the site itself published the article: it stands in only when no person wrote it
    own = [i for i in items if isinstance(i, dict) and "Organization" in _types(i) and _is_own(i, context)]
    sources: list[Callable[[], list[str]]] = [lambda: jsonld_names([i for i in items if i not in own])]
    sources += [lambda key=key: _meta_names(values, key) for key in META_KEYS["author"]]  # type: ignore[misc]
    sources += [lambda: markup_names(tree)]
    # a label's value is free text ("jd", "Wer schreibt für uns?"): only names read as names count
    sources += [lambda: [n for n in people(labelled_authors(tree), context) if name_shaped(n)]]
    fields: list[list[str]] = [jsonld_names(own)]
    for source in sources:
        fields.append(source())
        if found := people(fields[-1], context):
            return found
    return next((found for names in fields if (found := stand_ins(names, context))), [])


def _is_own(item: dict[str, Any], context: AuthorContext) -> bool:
    """A JSON-LD organisation named like the site ("n-tv NACHRICHTEN" on n-tv.de) or by an abbreviation."""
    return isinstance(item.get("name"), str) and is_organisation(item["name"], context)


def _meta_names(values: dict[str, list[str]], key: str) -> list[str]:
    """The values of one author meta tag, profile URLs left out."""
    return [v for v in values.get(key, []) if not v.startswith(("http://", "https://"))]


def _date(tree: Any, values: dict[str, list[str]], ld: dict[str, Any], url: str | None) -> str | None:
    """Publication date: JSON-LD, then meta tags, then <time>, then a date in the URL, then a labelled one."""
    candidates = [ld.get("datePublished"), ld.get("dateCreated")]
    candidates += [v for key in META_KEYS["date"] for v in values.get(key, [])[:1]]
    for value in candidates:
        found = iso_date(value) if isinstance(value, str) else None
        if found:
            return found
    return _time_element_date(tree) or url_date(url) or labelled_date(tree)


def _headline(ld: dict[str, Any], values: dict[str, list[str]]) -> str | None:
    """The headline the page declares: JSON-LD's, else a headline meta tag (name= or microdata itemprop=)."""
    headline = ld.get("headline")
    return headline if isinstance(headline, str) else _first_value(values, "headline")


def read_metadata(tree: Any, url: str | None = None) -> PageMeta:
    """Everything the page declares about the article, from its head, JSON-LD and markup."""
    values = meta_values(tree)
    objects = jsonld_objects(tree)
    ld = jsonld_article(tree, objects)
    by_id = _by_id(objects)
    publisher = _resolve(ld.get("publisher"), by_id)
    h1s = tree.xpath("//body//h1")
    canonical = _canonical(tree, values, ld, url)
    title_tag = tree.find(".//title")
    headline = _headline(ld, values)
    candidates = {
        "headline": html.unescape(headline) if headline else None,
        "h1": _text_of(h1s[0] if h1s else None),
        "og:title": _first(values, "title"),
        "twitter:title": _first_value(values, "twitter:title"),
        "<title>": _text_of(title_tag),
    }
    urls = [url, canonical, *values.get("og:url", [])[:1]]
    site = _site_names(values, objects, publisher, urls, list(candidates.values()))
    context = AuthorContext(site, _sections(tree, values, ld))
    return PageMeta(
        title=choose_title(candidates, site),
        authors=_authors(tree, values, ld, by_id, context),
        date=_date(tree, values, ld, url or canonical),
        sitename=_first(values, "sitename")
        or (_clean(publisher.get("name")) if isinstance(publisher, dict) else None),
        description=_first(values, "description") or _clean(ld.get("description")),
        tags=_tags(values, ld),
        image=_first(values, "image") or _url_of(ld.get("image")),
        canonical_url=canonical,
        language=tree.get("lang") or _first(values, "language"),
        h1=_text_of(h1s[0] if h1s else None),
        authors_context=context,
    )
