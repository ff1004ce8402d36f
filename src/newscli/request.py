"""What one command asked for and how its outcome is told: the request, the tally, the exit code.

Both the single-run runner and the batch runner use these, so they live below both (no import circle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newscli.errors import ExitCode
from newscli.model import Article
from newscli.pipeline import PipelineOptions

if TYPE_CHECKING:
    from newscli.batch.options import BatchOptions
    from newscli.export import ExportOptions
    from newscli.fetch.options import FetchOptions
    from newscli.stories.digest import DigestOptions


@dataclass(frozen=True)
class Request:
    """Everything one command invocation asked for, independent of Typer."""

    command: str
    inputs: tuple[str, ...] = ()
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    export: ExportOptions | None = None
    urls_file: Path | None = None
    fetch: FetchOptions | None = None
    batch: BatchOptions | None = None
    digest: DigestOptions | None = None


@dataclass
class Tally:
    """How many inputs became articles and how many failed."""

    written: int = 0
    failed: int = 0


def exit_code(tally: Tally) -> ExitCode:
    """0 all good, 3 some failed, 1 nothing processed."""
    if tally.failed and tally.written:
        return ExitCode.PARTIAL
    if not tally.written:
        return ExitCode.NOTHING_PROCESSED
    return ExitCode.OK


def describe(article: Article) -> str:
    """The -v line for an article: what it is and how it was made, with its warnings."""
    paragraphs = sum(1 for p in article.text.split("\n\n") if p.strip())
    stages = "+".join(str(s.get("stage")) for s in article.stages) or "none"
    plural = "" if paragraphs == 1 else "s"
    parts = [article.language or "language unknown", f"{paragraphs} paragraph{plural}", f"stages {stages}"]
    if article.summary:
        parts.append(f"{len(article.summary)} bullets")
    if article.warnings:
        parts.append("warnings: " + ", ".join(article.warnings))
    return f"newscli: {article.source or article.id or '-'}: ok ({'; '.join(parts)})"
