"""The story record (schema newscli.story/1) that `newscli digest` writes, one per group of articles."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "newscli.story/1"


@dataclass
class Story:
    """A group of articles about one event, with bullets drawn from all of them (each traceable)."""

    schema: str = SCHEMA
    id: str = ""
    title: str | None = None
    language: str | None = None
    date: str | None = None
    articles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    bullet_sources: list[str] = field(default_factory=list)
    # Not part of the record: the URL of each article (None when unknown), for writers that link sources.
    links: list[str | None] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The record's fields in schema order."""
        return {
            "schema": self.schema,
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "date": self.date,
            "articles": self.articles,
            "sources": self.sources,
            "summary": self.summary,
            "bullet_sources": self.bullet_sources,
        }

    def to_json(self) -> str:
        """One JSON Lines line (no newline), in the same dialect as article records."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(", ", ": "))


def story_id(article_ids: list[str]) -> str:
    """A stable id: the same articles always make the same story id, whatever their order."""
    blob = "\n".join(sorted(article_ids)).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]
