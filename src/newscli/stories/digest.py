"""The digest stage: articles in, stories out, in bounded memory (the articles wait on disk)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from newscli.errors import UsageError
from newscli.model import Article
from newscli.stories.fingerprint import article_day, article_language, fingerprint
from newscli.stories.grouping import GroupingOptions, Point, Vocabulary, group
from newscli.stories.record import Story, story_id
from newscli.stories.spill import Spill
from newscli.stories.summary import story_bullets


@dataclass(frozen=True)
class DigestOptions:
    """What `newscli digest` was asked for."""

    bullets: int = 3
    min_articles: int = 1
    since: str | None = None  # ISO 8601 date or date-time; articles dated before it (or undated) are left out
    grouping: GroupingOptions = field(default_factory=GroupingOptions)

    def __post_init__(self) -> None:
        """Refuse impossible values before any input is read."""
        if self.bullets < 1:
            raise UsageError("bad_bullets", "-n/--bullets must be at least 1")
        if self.min_articles < 1:
            raise UsageError("bad_min_articles", "--min-articles must be at least 1")
        if self.since is not None:
            check_since(self.since)


def check_since(value: str) -> None:
    """A --since value must be an ISO 8601 date (2024-05-01) or date-time (2024-05-01T06:00)."""
    try:
        (date if len(value) == 10 else datetime).fromisoformat(value)
    except ValueError:
        raise UsageError(
            "bad_since", f"--since {value!r} is not an ISO 8601 date such as 2024-05-01 or 2024-05-01T06:00"
        ) from None


def is_since(article: Article, since: str | None) -> bool:
    """Whether an article is dated on or after `since` (compared as written, like the database index)."""
    return since is None or (article.date is not None and article.date >= since)


@dataclass
class _Entry:
    """One kept article while the digest runs: its key, language, day and where it waits on disk."""

    key: str
    language: str | None
    date: str | None  # as the record has it, when it names a day
    day: int | None
    slot: int


def digest(articles: Iterable[Article], options: DigestOptions | None = None) -> Iterator[Story]:
    """Group the articles into stories and summarize each; the same articles give the same bytes.

    Articles are taken in id order (so input order does not matter); an id seen twice is one
    article. Stories come out largest first, then newest, then by id.
    """
    options = options or DigestOptions()
    records, terms = Spill(), Spill()
    try:
        vocabulary = Vocabulary()
        entries = _collect(articles, options, records, terms, vocabulary)
        points = [Point(e.language, e.day, vocabulary.vector(e.language, terms.get(e.slot))) for e in entries]
        groups = [g for g in group(points, options.grouping) if len(g) >= options.min_articles]
        stories = [_story([entries[i] for i in g], [points[i] for i in g], records, options) for g in groups]
    finally:
        records.close()
        terms.close()
    stories.sort(key=lambda s: (-len(s.articles), -(article_day(s.date) or 0), s.id))
    yield from stories


def _collect(
    articles: Iterable[Article], options: DigestOptions, records: Spill, terms: Spill, vocabulary: Vocabulary
) -> list[_Entry]:
    """Fingerprint each article, count its terms, put it and them on disk; return the entries in key order."""
    entries: dict[str, _Entry] = {}
    for article in articles:
        if not is_since(article, options.since):
            continue
        language = article_language(article)
        fp = fingerprint(article, language)
        if fp.key in entries:
            continue
        slot = records.add(article.to_dict())
        terms.add(fp.terms)
        vocabulary.add(language, fp.terms)
        entries[fp.key] = _Entry(fp.key, language, article.date if fp.day is not None else None, fp.day, slot)
    return [entries[key] for key in sorted(entries)]


def _story(entries: list[_Entry], points: list[Point], records: Spill, options: DigestOptions) -> Story:
    """The story record of one group: its articles in date order (undated last), bullets from all."""
    order = sorted(
        range(len(entries)), key=lambda i: (entries[i].date is None, entries[i].date or "", entries[i].key)
    )
    members = [entries[i] for i in order]
    articles = [Article.from_dict(records.get(e.slot)) for e in members]
    keys = [e.key for e in members]
    language = members[0].language
    title = _central_title(articles, [points[i] for i in order])
    bullets, sources = story_bullets(articles, keys, language, title, options.bullets)
    return Story(
        id=story_id(keys),
        title=title,
        language=language,
        date=members[0].date,
        articles=keys,
        sources=[_source(a) for a in articles],
        summary=bullets,
        bullet_sources=sources,
        links=[a.canonical_url or a.url for a in articles],
    )


def _central_title(articles: list[Article], points: list[Point]) -> str | None:
    """The title of the article closest to the story's centre (the earliest on a tie), None if untitled."""
    total: dict[str, float] = {}
    for point in points:
        for term, weight in point.vector.items():
            total[term] = total.get(term, 0.0) + weight
    chosen, best = None, -1.0
    for article, point in zip(articles, points, strict=True):
        title = " ".join((article.title or "").split())
        closeness = sum(w * total.get(t, 0.0) for t, w in point.vector.items())
        if title and closeness > best + 1e-12:
            chosen, best = title, closeness
    return chosen


def _source(article: Article) -> str:
    """Where an article came from, for a reader: its URL, else its site name, else its input."""
    return article.canonical_url or article.url or article.sitename or article.source or article.id or "-"
