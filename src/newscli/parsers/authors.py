"""Author names from JSON-LD, meta tags and author markup, kept only when they name people."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newscli.parsers.sitenames import SiteNames, capitalised, compact, looks_like_host

# Between two names in one field: commas, semicolons, "&", and "and" in the languages newscli reads.
_LIST = re.compile(r" ?[,;،、|] ?")
_AND = re.compile(r" (?:&|and|und|et|y|e|en|og|och|ve|dan|и|و) ", re.IGNORECASE)
_DOT_WORD = re.compile(r"\.\w")
_ROLE_SUFFIX = re.compile(r" ?(?:기자|특파원|記者|记者|特派員)$")
MAX_NAME_WORDS = 6  # more words than this is a description, not a name
MAX_NAME_CHARS = 60
MIN_ABBREVIATION, MAX_ABBREVIATION = 2, 5  # letters of an organisation's abbreviation (AP, AFP, APA)
MAX_MARKUP_NAMES = 4  # author markup beyond this many names is a list of other articles' authors


@dataclass
class AuthorContext:
    """What a name is checked against: the site's own names and the page's section names."""

    site: SiteNames = field(default_factory=SiteNames)
    sections: frozenset[str] = frozenset()


def _is_address(name: str, context: AuthorContext) -> bool:
    """A web address, or a name with one ("Example News (www.example.org)"): a credit line, not a person."""
    return "://" in name or "www." in name.lower()


def _is_site(name: str, context: AuthorContext) -> bool:
    """The site's own name ("NTV" on ntv.com.tr, "LTO" for Legal Tribune Online)."""
    return context.site.matches(name)


def _is_abbreviation(name: str, context: AuthorContext) -> bool:
    """One word in capitals ("APA", "AFP"): an agency or outlet, not a person."""
    return (
        " " not in name
        and MIN_ABBREVIATION <= len(name) <= MAX_ABBREVIATION
        and name.isalpha()
        and name.isupper()
    )


def _is_section(name: str, context: AuthorContext) -> bool:
    """A section of the site ("Nachrichten"), as the page names its sections."""
    return compact(name) in context.sections


def _is_not_name_shaped(name: str, context: AuthorContext) -> bool:
    """Too long, with digits, a colon or brackets (a caption, a description), or a handle ("@jd", "a_b")."""
    words = name.split()
    return (
        not any(c.isalpha() for c in name)
        or len(words) > MAX_NAME_WORDS
        or len(name) > MAX_NAME_CHARS
        or any(c.isdigit() or c in ":()[]{}<>=@_#" for c in name)
        or looks_like_host(name)
    )


Check = Callable[[str, AuthorContext], bool]
# Tests that a name is not a person's; any one of them drops it.
NOT_A_PERSON: dict[str, Check] = {
    "address": _is_address,
    "site name": _is_site,
    "abbreviation": _is_abbreviation,
    "section name": _is_section,
    "not name-shaped": _is_not_name_shaped,
}


def _strip_email(name: str) -> str:
    """ "Jane Roe jane.roe@example.org" -> "Jane Roe"; an address alone leaves nothing."""
    return " ".join(word for word in name.split() if not _is_email(word))


def _is_email(word: str) -> bool:
    """Something@host.tld in one word (a linear scan: `\\S@\\S+\\.\\w` backtracks over many '@')."""
    at = word.find("@", 1)
    return at > 0 and _DOT_WORD.search(word, at + 2) is not None


def _strip_parenthesis(name: str) -> str:
    """ "Elena Oberholzer (obe)" -> "Elena Oberholzer": initials or an affiliation in brackets go."""
    head = name.split("(", 1)[0].strip()
    return head or name


def _strip_role(name: str) -> str:
    """ "신현주 기자" -> "신현주": a reporter title written after the name."""
    return _ROLE_SUFFIX.sub("", name).strip() or name


# Rewrites applied to every name before the checks.
TIDY: dict[str, Callable[[str], str]] = {
    "e-mail": _strip_email,
    "parenthesis": _strip_parenthesis,
    "role word": _strip_role,
}


def _split(value: str) -> list[str]:
    """ "Anna Martel und Lea Wagner, Nairobi" -> three names.

    Split at "and" only when every part has two words or more: "Kirche und Leben", "Jobs & Hire" and
    "Le Figaro et AFP" are each one credit.
    """
    names: list[str] = []
    for item in _LIST.split(value):
        parts = _AND.split(item)
        names += parts if all(len(part.split()) >= 2 for part in parts) else [item]
    return names


def _tidied(names: list[str], context: AuthorContext, split: bool) -> list[str]:
    """Each field split into names (a byline-shaped field read as a byline), tidied, addresses left out."""
    from newscli.bylines import parse_byline

    tidied: list[str] = []
    for value in (" ".join(html.unescape(name).split()) for name in names):  # single spaces: linear splits
        byline = parse_byline(value)
        for part in byline.authors if byline else (_split(value) if split else [value]):
            name = " ".join(part.split()).strip(" .-–—")
            if not name or ("address" in NOT_A_PERSON and _is_address(name, context)):
                continue
            for tidy in TIDY.values():
                name = tidy(name)
            if name and name.casefold() not in {t.casefold() for t in tidied}:
                tidied.append(name)
    return tidied


def people(names: list[str], context: AuthorContext, split: bool = True) -> list[str]:
    """The names that are people's, split where one field holds several, tidied, de-duplicated."""
    return [
        n for n in _tidied(names, context, split) if not any(c(n, context) for c in NOT_A_PERSON.values())
    ]


def is_organisation(name: str, context: AuthorContext) -> bool:
    """The site ("BR24 Redaktion" on BR24's pages, "NTV Haber" on NTV's) or an agency's abbreviation."""
    if "site name" in NOT_A_PERSON and context.site.matches(name, loose=True):
        return True
    return "abbreviation" in NOT_A_PERSON and _is_abbreviation(name, context)


def stand_ins(names: list[str], context: AuthorContext) -> list[str]:
    """Organisations named as authors (the site, "APA"): the authors only when no person is named."""
    return [n for n in _tidied(names, context, True) if is_organisation(n, context)]


def jsonld_names(items: list[Any]) -> list[str]:
    """Names from JSON-LD authors: text, or a Person's name (or given and family name); URLs left out."""
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if not isinstance(name, str):
                parts = [item.get("givenName"), item.get("familyName")]
                name = " ".join(p for p in parts if isinstance(p, str))
            names.append(name)
    return [" ".join(n.split()) for n in names if n and not n.startswith(("http://", "https://"))]


# Author markup, most explicit first: schema.org microdata, rel=author, links to an author's page.
_AUTHOR_PATHS = ("/author/", "/authors/", "/autor/", "/autoren/", "/auteur/", "/autore/", "/autori/")
_MARKUP = (
    "//body//*[@itemprop='author']",
    "//body//a[contains(concat(' ', @rel, ' '), ' author ')]",
    "//body//a[" + " or ".join(f"contains(@href, '{p}')" for p in _AUTHOR_PATHS) + "]",
)
NEAR = 3  # author elements of one byline share an ancestor at most this many levels up
_PARTICLE_CHARS = 3  # lower-case words this short are name particles (de, van, bin, von)


def _ancestors(node: Any) -> set[Any]:
    """The element's ancestors up to NEAR levels."""
    found = set()
    for _ in range(NEAR):
        node = node.getparent()
        if node is None:
            break
        found.add(node)
    return found


def name_shaped(text: str) -> bool:
    """Capitalised words and short particles ("Anna de la Cruz"), as link texts that are names are."""
    return not text[:1].islower() and capitalised(text, _PARTICLE_CHARS)


def markup_names(tree: Any) -> list[str]:
    """Names the page marks as its authors: the first kind of author markup found, one byline's worth.

    Author elements far from the first one belong to other articles (teasers, "more from" lists).
    """
    for xpath in _MARKUP:
        nodes = list(itertools.islice(tree.xpath(xpath), 20))
        if not nodes:
            continue
        near = _ancestors(nodes[0])
        names: list[str] = []
        for node in nodes:
            if node is not nodes[0] and not _ancestors(node) & near:
                continue
            inner = node.xpath(".//*[@itemprop='name']") if node.get("itemprop") == "author" else []
            for part in inner or [node]:
                text = " ".join((part.get("content") or part.text_content()).split())
                # a link's text is often a label ("All authors"); microdata says what it holds
                if (inner or node.tag != "a" or name_shaped(text)) and text and text not in names:
                    names.append(text)
        if names:
            return names[:MAX_MARKUP_NAMES]
    return []


def _same_person(name: str, known: str) -> bool:
    """Equal, held inside the known name, or the known name with more after it ("Jane Doe Senior Editor")."""
    low, other = name.casefold(), known.casefold()
    if low == other or low in other:
        return True
    rest = name[len(known) :] if low.startswith(other) else ""
    return bool(rest) and not rest[0].islower()


def add_byline(known: list[str], found: list[str], context: AuthorContext) -> list[str]:
    """Names from a byline join the known ones only when it names one of them (or none is known yet).

    A byline that names nobody known is another article's; a found name that starts with a known one
    or lies inside one is that same person.
    """
    found = people(found, context, split=False)
    if found and all(is_organisation(k, context) for k in known):
        return found
    if known and not any(_same_person(name, k) for name in found for k in known):
        return known
    return known + [name for name in found if not any(_same_person(name, k) for k in known)]
