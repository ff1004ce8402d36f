"""Plain-text articles: headline, byline, key-point bullets, then paragraphs."""

from __future__ import annotations

import re

from newscli.model import Article
from newscli.sources import Source

_BULLET = re.compile(r"^\s*[•\-*–·▪◦]\s+(?P<item>\S.*)$")
_BLANK = re.compile(r"\n\s*\n")
_WRAP_MIN_CHARS = 50
_SENTENCE_ENDS = (".", "!", "?", "؟", "…", ":", "»", '"', "”")
_BYLINE_WINDOW = 3  # lines after the headline where a byline may stand


def parse_text(source: Source, text: str | None = None) -> Article:
    """Read a plain-text article; boilerplate is left for the clean stage, which knows the rules."""
    from newscli.bylines import parse_byline

    if text is None:
        text = source.read().decode("utf-8-sig")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    article = Article()
    position = _skip_blank(lines, 0)
    if position < len(lines):
        article.title = lines[position].strip()
        position += 1
    for index in range(position, min(position + _BYLINE_WINDOW, len(lines))):
        byline = parse_byline(lines[index].strip()) if lines[index].strip() else None
        if byline is not None:
            article.authors, article.sitename = list(byline.authors), byline.sitename
            del lines[index]
            break
    position = _skip_blank(lines, position)
    while position < len(lines) and (bullet := _BULLET.match(lines[position])):
        article.highlights.append(bullet.group("item").strip())
        position += 1
    article.text = "\n\n".join(_paragraphs("\n".join(lines[position:])))
    return article


def _skip_blank(lines: list[str], position: int) -> int:
    """The index of the next non-empty line."""
    while position < len(lines) and not lines[position].strip():
        position += 1
    return position


def _paragraphs(body: str) -> list[str]:
    """Blocks separated by blank lines; a hard-wrapped block is one paragraph, other lines stand alone."""
    out: list[str] = []
    for block in _BLANK.split(body):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if _hard_wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a block is prose wrapped at a fixed width (lines nearly full, ending mid-sentence)."""
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    return width >= _WRAP_MIN_CHARS and all(
        len(line) >= 0.6 * width and not line.endswith(_SENTENCE_ENDS) for line in lines[:-1]
    )
