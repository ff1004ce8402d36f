"""The readable terminal view of articles (used only when stdout is a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from newscli.model import Article

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_MAX_PARAGRAPHS = 12
T = TypeVar("T")


def render(items: Iterable[T], console: Console, panel: Callable[[T], RenderableType] | None = None) -> int:
    """Print each item (articles by default) as a panel; right-to-left ones right-aligned, never reordered."""
    draw: Callable[[Any], RenderableType] = panel or article_panel
    count = 0
    for item in items:
        console.print(draw(item))
        count += 1
    return count


def article_panel(article: Article) -> RenderableType:
    """Title, a metadata line, then key points, summary bullets or the text."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    justify: Literal["left", "right"] = "right" if article.direction == "rtl" else "left"
    parts: list[RenderableType] = []
    meta = " · ".join(
        v
        for v in (", ".join(article.authors), article.date, article.sitename, article.language, article.url)
        if v
    )
    if meta:
        parts.append(Text(meta, style="dim", justify=justify))
    sections = [("Key points", article.highlights)]
    if article.summary != article.highlights:
        sections.append(("Summary", article.summary))
    for heading, bullets in sections:
        if bullets:
            parts.append(Text(f"\n{heading}", style="bold", justify=justify))
            parts.extend(Text(f"• {b}", justify=justify) for b in bullets)
    if not article.summary:
        paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
        parts.extend(Text(f"\n{p}", justify=justify) for p in paragraphs[:_MAX_PARAGRAPHS])
        if len(paragraphs) > _MAX_PARAGRAPHS:
            parts.append(Text(f"… {len(paragraphs) - _MAX_PARAGRAPHS} more paragraphs", style="dim"))
    for warning in article.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    title = Text(article.title or article.source or "(untitled)", style="bold")
    return Panel(Group(*parts), title=title, title_align=justify, subtitle=article.source, padding=(0, 1))
