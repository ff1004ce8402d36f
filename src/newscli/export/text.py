"""Plain text: title, summary bullets and paragraphs, for reading or for tools that want no markup."""

from __future__ import annotations

from ..model import Article
from .base import ExportOptions, StreamWriter, paragraphs, printable

SEPARATOR = "\n* * *\n\n"


class TextWriter(StreamWriter):
    """Title line, bullets marked '•', paragraphs separated by a blank line; '* * *' between articles."""

    name = "txt"
    extension = "txt"
    summary = "plain text: title, summary bullets, paragraphs"

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """One article as plain text (direction is left to the reader's display: text is in logical order)."""
        article = printable(article)
        blocks: list[str] = []
        if article.title:
            blocks.append(" ".join(article.title.split()))
        if article.summary:
            blocks.append("\n".join("• " + " ".join(b.split()) for b in article.summary))
        blocks.extend(paragraphs(article.text))
        return ((SEPARATOR if index else "") + "\n\n".join(blocks) + "\n").encode("utf-8")
