"""What grouping needs to know about one article: its key, language, day and content-word counts."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from newscli.lang.tokens import base_language, tokens
from newscli.model import Article

# Words of the body that count: reports of one event agree most in their first paragraphs.
BODY_TOKENS = 300
# A title word counts as much as this many body words (titles name the event).
TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Fingerprint:
    """The compact view of an article that grouping works on (the article itself waits on disk)."""

    key: str
    language: str | None
    day: int | None
    terms: dict[str, int]


def article_key(article: Article) -> str:
    """The article's id, or for a record without one the hash of its title and text."""
    if article.id:
        return article.id
    blob = f"{article.title or ''}\n{article.text}".encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def article_language(article: Article) -> str | None:
    """The record's language (primary subtag), detected from the text when the record has none."""
    if article.language:
        return base_language(article.language)
    from newscli.lang.detect import detect_language

    return detect_language(f"{article.title or ''}\n{article.text}")


def article_day(value: str | None) -> int | None:
    """The day an ISO 8601 date falls on (as an ordinal), None when unknown or unreadable."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def fingerprint(article: Article, language: str | None) -> Fingerprint:
    """Content-word counts of the title (weighted) and the first BODY_TOKENS words of the body."""
    terms: Counter[str] = Counter(tokens(_head(article.text), language, prefixes=True)[:BODY_TOKENS])
    for term in tokens(article.title or "", language, prefixes=True):
        terms[term] += TITLE_WEIGHT
    return Fingerprint(article_key(article), language, article_day(article.date), dict(terms))


def _head(text: str) -> str:
    """Enough of the body to hold BODY_TOKENS content words (tokenizing all of a long text is waste)."""
    return text[: BODY_TOKENS * 12]
