"""Compose the stages: which ones a command runs on fresh pages and on records, one article at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newscli.errors import Failure, InputError
from newscli.model import Article
from newscli.parsers import Item, ParseOptions, parse
from newscli.sources import Source

if TYPE_CHECKING:
    from newscli.clean import CleanOptions
    from newscli.summarize import SummarizeOptions


@dataclass(frozen=True)
class PipelineOptions:
    """Every stage's options in one place; a stage left at None uses its defaults."""

    parse: ParseOptions = field(default_factory=ParseOptions)
    clean: CleanOptions | None = None
    summarize: SummarizeOptions | None = None


def _clean(article: Article, options: PipelineOptions) -> Article:
    """Drop boilerplate and normalise text."""
    from newscli.clean import CleanOptions, clean_article

    return clean_article(article, options.clean or CleanOptions())


def _summarize(article: Article, options: PipelineOptions) -> Article:
    """Add summary bullets."""
    from newscli.summarize import SummarizeOptions, summarize_article

    return summarize_article(article, options.summarize or SummarizeOptions())


STAGES: dict[str, Callable[[Article, PipelineOptions], Article]] = {"clean": _clean, "summarize": _summarize}

# For each command: the stages run on a freshly extracted page, and those run on a record read back.
COMMAND_STAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "extract": ((), ()),
    "clean": (("clean",), ("clean",)),
    "summarize": (("clean", "summarize"), ("summarize",)),
    "export": (("clean", "summarize"), ()),
    "run": (("clean", "summarize"), ("clean", "summarize")),
    "digest": (("clean",), ()),  # records are grouped as they are; fresh pages are cleaned first
}


def process(sources: Iterable[Source | Failure], command: str, options: PipelineOptions) -> Iterator[Item]:
    """Parse each source and run the command's stages, turning every expected error into a Failure."""
    on_fresh, on_record = COMMAND_STAGES[command]
    for source in sources:
        if isinstance(source, Failure):
            yield source
            continue
        for item, fresh in parse(source, options.parse):
            if isinstance(item, Failure):
                yield item
            else:
                yield run_stages(item, on_fresh if fresh else on_record, options)
        source.forget()


def run_stages(article: Article, stages: Iterable[str], options: PipelineOptions) -> Item:
    """One article through the given stages, or the Failure of the first stage that refused it."""
    for name in stages:
        try:
            article = STAGES[name](article, options)
        except InputError as exc:
            return Failure(article.source or article.id or "-", exc.reason, exc.message)
    return article
