"""Run one command end to end: sources, stages, output, failures on stderr, and the exit code."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newscli.env import Environment
from newscli.errors import ExitCode, Failure, OutputError, UsageError
from newscli.model import Article
from newscli.parsers import Item
from newscli.pipeline import PipelineOptions, process
from newscli.sources import Source, iter_sources

if TYPE_CHECKING:
    from newscli.batch import BatchOptions
    from newscli.export import ExportOptions
    from newscli.fetch import FetchOptions
    from newscli.progress import Reporter
    from newscli.stories.digest import DigestOptions
    from newscli.stories.record import Story


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


def execute(request: Request, env: Environment) -> ExitCode:
    """Run the request; every expected problem is a stderr line and an exit code, never a traceback."""
    if request.batch is not None:
        from newscli.batch import run_batch

        return run_batch(request, request.batch, env)
    if request.digest is not None:
        return _digest(request, request.digest, env)
    tally = Tally()
    view = request.export is None and env.stdout_isatty
    report = _progress(request, env, view)
    items = process(with_downloads(sources_for(request, env), request), request.command, request.pipeline)
    articles = _reported(items, tally, request, env, report)
    try:
        if view:
            from newscli.view import render

            render(articles, env.console(stdout=True))
        else:
            _write(articles, request, env)
    finally:
        report.close()
    return exit_code(tally)


def _digest(request: Request, options: DigestOptions, env: Environment) -> ExitCode:
    """Group the inputs' articles into stories; write them, or show them on a terminal."""
    from newscli.stories.digest import digest

    tally = Tally()
    view = request.export is None and env.stdout_isatty
    report = _progress(request, env, view)
    items = process(with_downloads(sources_for(request, env), request), request.command, request.pipeline)
    stories = digest(_reported(items, tally, request, env, report), options)
    try:
        if view:
            from newscli.stories.view import render_stories

            render_stories(stories, env.console(stdout=True))
        else:
            _write_stories(stories, request, env)
    finally:
        report.close()
    return exit_code(tally)


def _write_stories(stories: Iterable[Story], request: Request, env: Environment) -> None:
    """Write the digest; a failed write is one OutputError naming the output, with no half file left."""
    from newscli.stories.writers import write_stories

    export = request.export
    to, output = (export.to or None, export.output) if export else (None, None)
    try:
        target = None if output is None else str(output)
        write_stories(stories, to, target, bool(export and export.overwrite), env.stdout)
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = str(output) if output not in (None, "-") else "stdout"
        raise OutputError("output", f"{where}: cannot write ({exc.strerror or exc})") from None


def _progress(request: Request, env: Environment, view: bool) -> Reporter:
    """A progress bar on a watched stderr, unless the terminal view, --explain or -v print there too."""
    from newscli.progress import LineReporter, reporter

    explain = request.pipeline.clean is not None and request.pipeline.clean.explain
    if view or explain or env.verbose:
        return LineReporter(env)
    return reporter(env, None, f"newscli {request.command}")


def _write(articles: Iterable[Article], request: Request, env: Environment) -> None:
    """Export the articles; a failed write is one OutputError naming the output, with no half file left."""
    from newscli.export import ExportOptions, write_articles

    export = request.export or ExportOptions(to="jsonl")
    try:
        write_articles(articles, export, env.stdout)
    except BrokenPipeError:
        raise
    except OSError as exc:  # disk full, permissions: the atomic writer left no half file
        target = str(export.output) if export.output not in (None, "-") else "stdout"
        raise OutputError("output", f"{target}: cannot write ({exc.strerror or exc})") from None


def exit_code(tally: Tally) -> ExitCode:
    """0 all good, 3 some failed, 1 nothing processed."""
    if tally.failed and tally.written:
        return ExitCode.PARTIAL
    if not tally.written:
        return ExitCode.NOTHING_PROCESSED
    return ExitCode.OK


def sources_for(request: Request, env: Environment) -> Iterator[Source | Failure]:
    """The command's inputs; piped stdin when none is given, never a wait on a terminal."""
    inputs = list(request.inputs)
    if request.urls_file is not None:
        inputs.extend(_read_url_list(request.urls_file))
    if not inputs:
        if env.stdin_isatty:
            raise UsageError(
                "no_input", "no input given (pass files, directories, globs, URLs or '-', or pipe data in)"
            )
        inputs = ["-"]
    return iter_sources(inputs, env.stdin)


def _read_url_list(path: Path) -> list[str]:
    """URLs from a file, one per line; blank lines and # comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("bad_urls_file", f"cannot read --urls file {path}: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def with_downloads(sources: Iterable[Source | Failure], request: Request) -> Iterator[Source | Failure]:
    """Download URL sources (in runs, so the fetcher can be polite per host); pass others through."""
    pending: list[str] = []
    for source in sources:
        if isinstance(source, Source) and source.hints.get("fetch"):
            pending.append(source.name)
            continue
        if pending:
            yield from _fetch(pending, request)
            pending = []
        yield source
    if pending:
        yield from _fetch(pending, request)


def _fetch(urls: list[str], request: Request) -> Iterator[Source | Failure]:
    """The fetcher's sources for these URLs (imported only when a URL is given)."""
    from newscli.fetch import FetchOptions, fetch

    yield from fetch(urls, request.fetch or FetchOptions())


def _reported(
    items: Iterable[Item], tally: Tally, request: Request, env: Environment, report: Reporter
) -> Iterator[Article]:
    """Articles only; each failure becomes one stderr line, and --explain shows what cleaning removed."""
    explain = request.pipeline.clean is not None and request.pipeline.clean.explain
    for item in items:
        report.advance(isinstance(item, Failure))
        if isinstance(item, Failure):
            tally.failed += 1
            report.line(item.line())
            continue
        if explain and item.removed and not env.quiet:
            from newscli.clean import render_removed

            render_removed(item.removed, env.console())
        env.debug(describe(item))
        tally.written += 1
        yield item


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
