"""Recognise byline lines ("By A and B", "كتب <name> محرر موقع <site>") and take names and site from them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscli.lang.spaces import collapse_within


@dataclass(frozen=True)
class Byline:
    """Who wrote an article, and for which site when the byline says so."""

    authors: list[str]
    sitename: str | None = None


_SEP = r"\s*[:：\-–—|]?\s*"
_AR_LEAD = r"(?:كتبته|كتبت|كتبه|كتب|بقلم|إعداد|اعداد|تحرير|تقرير|متابعة|حوار)(?=[\s:：\-–—|])"  # a whole word
_AR_ROLE = r"(?:محرر|محررة|مراسل|مراسلة|الصحفي|الصحفية|المحرر|المحررة)"
_AR_OUTLET = r"(?:موقع|صحيفة|جريدة|وكالة|مجلة|قناة)"
_AR_BYLINE = re.compile(
    rf"^{_AR_LEAD}{_SEP}(?P<names>.+?)"
    rf"(?:\s*[-–—|،,]?\s*(?:{_AR_ROLE}\s+)?(?:{_AR_OUTLET})\s+(?P<site>.+?)|\s*[-–—|]\s*(?:{_AR_ROLE})\s*)?$"
)
_AR_NOT_NAME = re.compile(r"(?:^|\s)(?:في|على|عن|إلى|الى|أن|ان|إن|من|التي|الذي|هذا|هذه|قد|لقد|كان)(?:\s|$)")
_AR_SPLIT = re.compile(r" ?[،,] ?| و ")

_LATIN_LEAD = r"(?:(?:written|reported|posted|story)\s+by|by|par|por|von|di|door)"
_LATIN_BYLINE = re.compile(
    rf"^{_LATIN_LEAD}\s*:?\s+(?P<names>[^|•·]+?)(?:\s*[|•·,–—-]\s*(?P<site>[^|•·]+?))?\s*$",
    re.IGNORECASE,
)
_LATIN_SPLIT = re.compile(r" ?, ?(?:and |et |y |und |e |en )?| (?:and|et|y|und|e|en|&) ")
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’.-]*|(?:de|da|del|della|van|von|der|den|le|la|al|bin|ibn|el)|[A-Z]\.)$"
)
_MAX_NAME_WORDS = 5


def parse_byline(line: str) -> Byline | None:
    """The byline's names (and site), or None when the line is not a byline but, say, a sentence."""
    collapsed = collapse_within(line, 160)
    if not collapsed:
        return None
    return _parse_arabic(collapsed) or _parse_latin(collapsed)


def _parse_arabic(line: str) -> Byline | None:
    """Arabic bylines: a lead word (كتب, بقلم …), names, and optionally the editor's site."""
    match = _AR_BYLINE.match(line)
    if not match:
        return None
    names_part = match.group("names").strip(" -–—|:،,")
    if line.endswith((".", "؟", "!", "?")) or _AR_NOT_NAME.search(names_part):
        return None
    names = [n.strip() for n in _AR_SPLIT.split(names_part) if n.strip()]
    if not names or any(len(n.split()) > _MAX_NAME_WORDS for n in names):
        return None
    site = match.group("site")
    return Byline(authors=names, sitename=site.strip(" .،,") if site else None)


def _parse_latin(line: str) -> Byline | None:
    """Latin-script bylines: "By A, B and C", "Par A et B", "Von A | Site"."""
    match = _LATIN_BYLINE.match(line)
    if not match:
        return None
    names_part = match.group("names")
    site = match.group("site")
    if site and _looks_like_names(site) and not _looks_like_site(site):
        names_part, site = f"{names_part}, {site}", None
    names = [n.strip(" .") for n in _LATIN_SPLIT.split(names_part) if n.strip(" .")]
    if not names or not all(_looks_like_name(n) for n in names):
        return None
    return Byline(authors=names, sitename=site.strip() if site else None)


def _looks_like_name(text: str) -> bool:
    """A person's name: one to five capitalised words (particles such as "de" or "van" allowed)."""
    words = text.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][0].isupper()
    )


def _looks_like_names(text: str) -> bool:
    """A list of names joined by commas or "and"."""
    return all(_looks_like_name(n) for n in _LATIN_SPLIT.split(text.strip()) if n)


def _looks_like_site(text: str) -> bool:
    """A site or outlet rather than a person (a domain, "The …", a news-ish word)."""
    lowered = text.lower()
    return (
        "." in text
        or lowered.startswith("the ")
        or any(
            w in lowered
            for w in ("news", "times", "post", "press", "agency", "ledger", "journal", "herald", "reuters")
        )
    )
