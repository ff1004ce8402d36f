"""The terminal view of a digest (only when stdout is a terminal): one panel per story."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from newscli.stories.record import Story
from newscli.stories.writers import attributed, direction, facts, link_label

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def render_stories(stories: Iterable[Story], console: Console) -> int:
    """Print each story as a panel; right-to-left stories are right-aligned, never reordered."""
    from newscli.view import render

    return render(stories, console, story_panel)


def story_panel(story: Story) -> RenderableType:
    """Title, a facts line, bullets naming their source, then the sources."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    justify: Literal["left", "right"] = "right" if direction(story) == "rtl" else "left"
    parts: list[RenderableType] = [Text(facts(story), style="dim", justify=justify)]
    for bullet, rank in attributed(story):
        line = Text(f"• {bullet}", justify=justify)
        if rank is not None:
            line.append(f" ({link_label(story, rank)})", style="dim")
        parts.append(line)
    sources = ", ".join(link_label(story, i) for i in range(len(story.articles)))
    parts.append(Text(f"Sources: {sources}", style="dim", justify=justify))
    title = Text(story.title or "Untitled story", style="bold")
    return Panel(Group(*parts), title=title, title_align=justify, padding=(0, 1))
