"""Run one command end to end: sources, stages, output, failures on stderr, and the exit code."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newscli import collector, stop
from newscli.env import Environment
from newscli.errors import ExitCode, Failure, cannot_write, is_storage_error
from newscli.inputs import pages, sources_for, with_downloads
from newscli.model import Article
from newscli.parsers import Item
from newscli.pipeline import process
from newscli.request import Request, Tally, describe, exit_code

if TYPE_CHECKING:
    from newscli.progress import Reporter
    from newscli.stories.digest import DigestOptions
    from newscli.stories.record import Story

__all__ = ["Request", "Tally", "execute", "exit_code"]


def execute(request: Request, env: Environment) -> ExitCode:
    """Run the request; every expected problem is a stderr line and an exit code, never a traceback."""
    if request.batch is not None:
        from newscli.batch import run_batch

        collector.resume()  # the pages go through worker processes: this one keeps no page stack
        return run_batch(request, request.batch, env)
    tally = Tally()
    view = request.export is None and env.stdout_isatty
    report = _progress(request, env, view)
    sources = pages(with_downloads(sources_for(request, env), request, note=report.note), env)
    items = process(sources, request.command, request.pipeline)
    articles = _reported(items, tally, request, env, report)
    try:
        if request.digest is not None:
            _tell_stories(articles, request, request.digest, env, view)
        elif view:
            from newscli.view import render

            render(articles, env.console(stdout=True))
        else:
            _write(articles, request, env)
    finally:
        collector.resume()
        report.close()
    return exit_code(tally)


def _tell_stories(
    articles: Iterable[Article], request: Request, options: DigestOptions, env: Environment, view: bool
) -> None:
    """Group the articles into stories; show them on a terminal, or write them."""
    from newscli.stories.digest import digest

    stories = digest(articles, options)
    if view:
        from newscli.stories.view import render_stories

        render_stories(stories, env.console(stdout=True))
    else:
        _write_stories(stories, request, env)


def _write_stories(stories: Iterable[Story], request: Request, env: Environment) -> None:
    """Write the digest; a failed write is one OutputError naming the output, with no half file left."""
    from newscli.stories.writers import write_stories

    export = request.export
    to, output = (export.to or None, export.output) if export else (None, None)
    with _writing(output):
        target = None if output is None else str(output)
        write_stories(stories, to, target, bool(export and export.overwrite), env.stdout)


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
    with _writing(export.output):
        write_articles(articles, export, env.stdout)


@contextlib.contextmanager
def _writing(output: object) -> Iterator[None]:
    """A failed write (disk full, permissions; OS or SQLite) is one OutputError naming the output."""
    try:
        yield
    except BrokenPipeError:
        raise
    except Exception as exc:
        if not is_storage_error(exc):
            raise
        raise cannot_write(str(output) if output not in (None, "-") else "stdout", exc) from None


def _reported(
    items: Iterable[Item], tally: Tally, request: Request, env: Environment, report: Reporter
) -> Iterator[Article]:
    """Articles only; each failure becomes one stderr line, and --explain shows what cleaning removed."""
    explain = request.pipeline.clean is not None and request.pipeline.clean.explain
    for item in items:
        stop.check()  # a Ctrl-C swallowed where it landed stops the run here (see stop.py)
        collector.resume()  # the first input has loaded what the command imports (see collector.py)
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
    stop.check()
