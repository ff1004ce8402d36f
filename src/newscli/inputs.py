"""A request's inputs as one stream: local sources as they are, URLs downloaded (feeds expanded)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newscli.env import Environment
from newscli.errors import Failure, UsageError
from newscli.request import Request
from newscli.sources import Source, iter_sources


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
