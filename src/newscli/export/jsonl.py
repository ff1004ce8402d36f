"""JSON Lines: one record per line, the format every newscli stage reads back."""

from __future__ import annotations

from ..model import Article
from .base import ExportOptions, StreamWriter


class JsonLinesWriter(StreamWriter):
    """One compact JSON object per line, all fields (unknown ones too), UTF-8."""

    name = "jsonl"
    extension = "jsonl"
    summary = "JSON Lines, one record per line (the pipeline format; keeps every field)"

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """The record's line."""
        return (article.to_json() + "\n").encode("utf-8")
