"""JSON: one valid array of records, streamed one element at a time."""

from __future__ import annotations

from ..model import Article
from .base import ExportOptions, StreamWriter


class JsonArrayWriter(StreamWriter):
    """A JSON array with one record per line; a per-article file holds the bare object."""

    name = "json"
    extension = "json"
    summary = "one JSON array of records (a single object per file with -o DIR/)"

    def head(self, first: Article | None, single: bool, options: ExportOptions) -> bytes:
        """Open the array."""
        return b"["

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """One element, preceded by a comma after the first."""
        return (("\n" if index == 0 else ",\n") + article.to_json()).encode("utf-8")

    def tail(self, count: int, options: ExportOptions) -> bytes:
        """Close the array ('[]' when empty)."""
        return b"\n]\n" if count else b"]\n"

    def document(self, article: Article, options: ExportOptions) -> bytes:
        """A file for one article is the object itself, not a one-element array."""
        return (article.to_json() + "\n").encode("utf-8")
