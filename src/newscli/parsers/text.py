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
        from newscli.decode import decode_html

        text = decode_html(source.read()).text
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
    """Blocks separated by blank lines; within a block a line continues the previous one only when
    that one looks hard-wrapped (nearly full width, ending mid-sentence), otherwise it stands alone."""
    out: list[str] = []
    for block in _BLANK.split(body):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        width = max((len(line) for line in lines), default=0)
        previous = ""
        for line in lines:
            if previous and _wrapped(previous, width):
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
            previous = line
    return out


def _wrapped(line: str, width: int) -> bool:
    """Whether a physical line was cut at a fixed width rather than ended by its writer."""
    return len(line) >= max(_WRAP_MIN_CHARS, 0.6 * width) and not line.endswith(_SENTENCE_ENDS)
