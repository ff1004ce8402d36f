"""The headline: the page's title candidates, cleared of the site name, section and date, and compared."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newscli.parsers.sitenames import SiteNames

# Separators between a headline and what sites add to it: spaced dashes and bars, and the bars and
# full-width colon that stand unspaced in CJK and Korean titles.
_SEPARATOR = re.compile(r"\s+[|\-–—·•/»«]\s+|\s*[|｜ㅣ│：]\s*")
_SEPARATOR_CHARS = frozenset("|-–—·•/»«｜ㅣ│：")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日")
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero widths
SECTION_WORDS = 2  # a section label beside the site name has at most this many words
SECTION_CHARS = 20  # and at most this many characters
MIN_HEADLINE_CHARS = 8  # a cleaned title shorter than this is not kept


@dataclass
class TitleContext:
    """What a title is cleaned against: the site's names and the page's headlines (JSON-LD, <h1>)."""

    site: SiteNames
    headlines: list[str] = field(default_factory=list)
    at_end: bool = True  # which end of the title is being cleaned


def _norm(text: str) -> str:
    """Form in which two candidates are compared: whitespace squashed, casefolded."""
    return " ".join(text.split()).casefold()


def _segments(title: str) -> tuple[list[str], list[str]]:
    """The title cut at separators: (texts, the separators between them)."""
    texts, seps, start = [], [], 0
    for match in _SEPARATOR.finditer(title):
        texts.append(title[start : match.start()])
        seps.append(match.group())
        start = match.end()
    texts.append(title[start:])
    return texts, seps


def _is_site(segment: str, context: TitleContext) -> bool:
    """The segment names the site ("Golem.de", "DIE WELT"; at the end also "NTV Haber", "Mirror Online")."""
    return context.site.matches(segment, loose=context.at_end)


def _is_date(segment: str, context: TitleContext) -> bool:
    """The segment is a date ("28.04.2023")."""
    return _DATE.fullmatch(segment.strip()) is not None


def _is_section(segment: str, context: TitleContext) -> bool:
    """A short label ("Europa", "National") — dropped only next to a site name or date already dropped."""
    words = segment.split()
    return 0 < len(words) <= SECTION_WORDS and len(segment) <= SECTION_CHARS and not segment.endswith("?")


Rule = Callable[[str, TitleContext], bool]
# Affix tests: a segment at either end of a title is dropped when one of these says it is not the headline.
AFFIX_RULES: dict[str, Rule] = {"site name": _is_site, "date": _is_date}
# Tests for a segment that stands beside an affix already dropped on the same side.
NEIGHBOUR_RULES: dict[str, Rule] = {"section beside site": _is_section}


def strip_affixes(title: str, context: TitleContext) -> str:
    """The title without the site name, dates and sections that stand at its ends."""
    texts, seps = _segments(title)
    if len(texts) == 1:
        return title
    start, end = 0, len(texts)
    for side in (-1, 0):
        context.at_end, dropped = side == -1, False
        while end - start > 1:
            index = end - 1 if side == -1 else start
            segment = texts[index].strip()
            rules = list(AFFIX_RULES.values()) + (list(NEIGHBOUR_RULES.values()) if dropped else [])
            if not segment or any(rule(segment, context) for rule in rules):
                dropped = True
                end, start = (end - 1, start) if side == -1 else (end, start + 1)
            else:
                break
    kept = _join(texts, seps, start, end)
    if len(kept) < MIN_HEADLINE_CHARS or context.site.matches(kept):
        return title  # what is left is no headline: the page's title is its site's name or a label
    return kept


def _join(texts: list[str], seps: list[str], start: int, end: int) -> str:
    """Segments start..end-1 with the separators that stood between them."""
    joined = texts[start]
    for index in range(start + 1, end):
        joined += seps[index - 1] + texts[index]
    return joined.strip()


def strip_shared(title: str, context: TitleContext) -> str:
    """A title that is another candidate plus a separated affix ("<h1> - Site") is that candidate.

    The other candidate marks where the headline ends, so an unspaced dash ("…-Politik") counts here.
    """
    folded = _norm(title)
    for other in context.headlines:
        core = _norm(other)
        if not core or core == folded or len(core) * 2 < len(folded):
            continue
        if folded.startswith(core) and folded[len(core) :].lstrip()[:1] in _SEPARATOR_CHARS:
            return other
        if folded.endswith(core) and folded[: -len(core)].rstrip()[-1:] in _SEPARATOR_CHARS:
            return other
    return title


# Title sources, most trusted first, as before: the sharing titles (which most often carry the site name,
# hence the cleaning), then the JSON-LD headline, the <h1> and <title>. Putting the JSON-LD headline first
# was measured worse on fundus-dev (84.1 vs 89.4 title exact).
TITLE_ORDER = ("og:title", "twitter:title", "headline", "h1", "<title>")
HEADLINES = ("headline", "h1")  # the candidates that mark where a headline ends (others may be cut short)
CLEANERS: dict[str, Callable[[str, TitleContext], str]] = {
    "affixes": strip_affixes,
    "shared affix": strip_shared,
}


def choose_title(candidates: dict[str, str | None], site: SiteNames) -> str | None:
    """The headline: each candidate cleaned of site, section and date, the most trusted one kept."""
    raw = {name: " ".join(value.translate(_INVISIBLE).split()) for name, value in candidates.items() if value}
    raw = {name: value for name, value in raw.items() if value}
    cleaned: dict[str, str] = {}
    for name, value in raw.items():
        context = TitleContext(site, [v for n, v in raw.items() if n != name and n in HEADLINES])
        for clean in CLEANERS.values():
            value = clean(value, context)
        cleaned[name] = value
    for name in TITLE_ORDER:
        if cleaned.get(name):
            return cleaned[name]
    return None
