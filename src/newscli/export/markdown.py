"""Markdown: YAML front matter with the metadata, then title, summary bullets and text."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

from ..model import Article
from .base import ExportOptions, StreamWriter, direction, paragraphs, printable

FRONT_MATTER_FIELDS = (
    "title", "authors", "date", "sitename", "description", "tags", "language", "direction",
    "url", "canonical_url", "image", "source", "id",
)  # fmt: skip

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
_LINE_START_SPECIAL = frozenset("#>-+=")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
# not printable in YAML 1.1 (or a line break there): must be escaped inside a double-quoted scalar
_YAML_UNSAFE = frozenset({"\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"})


def _yaml_char(ch: str) -> str:
    """Escape a character YAML would reject or read as a line break."""
    if ch in _YAML_UNSAFE or unicodedata.category(ch) in ("Cc", "Cs"):
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return ch


def yaml_scalar(value: Any) -> str:
    """A YAML value that can never break the front matter: strings double-quoted (JSON escapes)."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return "".join(_yaml_char(ch) for ch in quoted)


def front_matter(article: Article) -> str:
    """The known metadata as YAML between '---' lines; unknown (None or empty) fields are left out."""
    lines = ["---"]
    for name in FRONT_MATTER_FIELDS:
        value = getattr(article, name)
        if value is None or value == []:
            continue
        lines.append(f"{name}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def escape_line(line: str) -> str:
    """Backslash-escape what Markdown would read as markup, so the text shows exactly as written."""
    line = _INLINE_SPECIAL.sub(r"\\\1", line.strip())
    marker = _ORDERED_MARKER.match(line)
    if marker:
        return f"{marker.group(1)}\\{marker.group(2)}{line[marker.end() :]}"
    if line[:1] in _LINE_START_SPECIAL:
        return "\\" + line
    return line


def escape_block(text: str) -> str:
    """Escape each line of a paragraph (so no line starts a heading, list, quote or code block)."""
    return "\n".join(escape_line(line) for line in text.splitlines() if line.strip())


class MarkdownWriter(StreamWriter):
    """One Markdown document per article; a right-to-left body is wrapped in a dir="rtl" div."""

    name = "markdown"
    extension = "md"
    summary = "Markdown with YAML front matter (title, summary bullets, text; RTL wrapped in <div dir=rtl>)"

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """Front matter, then the body; articles in one file are separated by a blank line."""
        article = printable(article)
        body: list[str] = []
        if article.title:
            body.append("# " + escape_line(" ".join(article.title.split())))
        if article.summary:
            body.append("\n".join("- " + escape_line(" ".join(b.split())) for b in article.summary))
        body.extend(escape_block(p) for p in paragraphs(article.text))
        if direction(article) == "rtl":
            lang = f' lang="{html.escape(article.language, quote=True)}"' if article.language else ""
            body = [f'<div dir="rtl"{lang}>', *body, "</div>"]
        text = ("\n" if index else "") + front_matter(article) + "\n" + "\n\n".join(body) + "\n"
        return text.encode("utf-8")
