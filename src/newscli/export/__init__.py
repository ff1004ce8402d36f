"""Export articles to every format in one registry, to stdout, one file, or one file per article."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError
from ..model import Article
from .base import ExportOptions, Writer
from .destinations import Destination, Namer, resolve

__all__ = [
    "FORMATS",
    "ExportOptions",
    "Writer",
    "chosen_format",
    "format_for_path",
    "get_writer",
    "write_articles",
]

# --to name -> (module, writer class or instance, file extension), in the order help and docs list them.
_WRITERS: dict[str, tuple[str, str, str]] = {
    "jsonl": ("jsonl", "JsonLinesWriter", "jsonl"),
    "json": ("jsonarray", "JsonArrayWriter", "json"),
    "csv": ("delimited", "CSV", "csv"),
    "tsv": ("delimited", "TSV", "tsv"),
    "markdown": ("markdown", "MarkdownWriter", "md"),
    "html": ("htmlpage", "HtmlWriter", "html"),
    "txt": ("text", "TextWriter", "txt"),
    "sqlite": ("sqlite", "SqliteWriter", "db"),
    "parquet": ("parquet", "ParquetWriter", "parquet"),
}


class _Registry(Mapping[str, Writer]):
    """The writers by name; a writer's module is imported on first use, so a jsonl export loads no other."""

    def __init__(self) -> None:
        self._loaded: dict[str, Writer] = {}

    def __getitem__(self, name: str) -> Writer:
        if name not in self._loaded:
            module, attr, _ = _WRITERS[name]
            found = getattr(import_module(f".{module}", __name__), attr)
            self._loaded[name] = found() if isinstance(found, type) else found
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_WRITERS)

    def __len__(self) -> int:
        return len(_WRITERS)


FORMATS: Mapping[str, Writer] = _Registry()

# file extensions that name a format, so `-o news.db` can imply `--to sqlite`
EXTENSIONS: dict[str, str] = {
    **{extension: name for name, (_, _, extension) in _WRITERS.items()},
    "ndjson": "jsonl", "markdown": "markdown", "htm": "html", "text": "txt", "sqlite": "sqlite",
    "sqlite3": "sqlite",
}  # fmt: skip


def get_writer(name: str) -> Writer:
    """The writer registered under `name`, or a usage error listing the choices."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError("unknown_format", f"--to {name!r}: choose one of {', '.join(FORMATS)}") from None


def chosen_format(options: ExportOptions) -> str:
    """`--to`, else the format the output file's extension implies (news.db: sqlite), else jsonl."""
    if options.to:
        return options.to
    dest = resolve(options.output)
    return (format_for_path(dest.path) if dest.kind == "file" and dest.path else None) or "jsonl"


def format_for_path(path: Path | str) -> str | None:
    """The format a file name's extension implies (news.db → sqlite), or None."""
    suffix = Path(os.fspath(path)).suffix.lower().lstrip(".")
    return EXTENSIONS.get(suffix)


def _exists(path: Path) -> UsageError:
    """The error for an output that is already there, naming the flag that fixes it."""
    return UsageError("output_exists", f"{path} already exists: pass --overwrite to replace it")


def _to_stdout(
    writer: Writer, articles: Iterable[Article], dest: Destination, options: ExportOptions, stdout: BinaryIO
) -> int:
    """Stream to stdout, flushing after every article so `| head -1` sees it at once."""
    if not writer.streams:
        raise UsageError("needs_file", f"--to {writer.name} writes a file: add -o news.{writer.extension}")
    return writer.write_stream(articles, stdout, options, flush=True)


def _to_file(
    writer: Writer, articles: Iterable[Article], dest: Destination, options: ExportOptions, stdout: BinaryIO
) -> int:
    """All articles in one file, written atomically."""
    assert dest.path is not None
    dest.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return writer.write_file(articles, dest.path, options)
    except FileExistsError:
        raise _exists(dest.path) from None


def _to_directory(
    writer: Writer, articles: Iterable[Article], dest: Destination, options: ExportOptions, stdout: BinaryIO
) -> int:
    """One file per article, named by --name-template, each written atomically."""
    from ..atomic import atomic_write

    assert dest.path is not None
    if not writer.per_article:
        hint = f"use -o news.{writer.extension}, not a directory"
        raise UsageError("needs_file", f"--to {writer.name} writes one file: {hint}")
    namer = Namer(options.name_template, writer.extension)
    dest.path.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        path = dest.path / namer.name(article)
        try:
            with atomic_write(path, options.overwrite) as out:
                out.write(writer.document(article, options))
        except FileExistsError:
            raise _exists(path) from None
        count += 1
    return count


DESTINATIONS: dict[str, Callable[[Writer, Iterable[Article], Destination, ExportOptions, BinaryIO], int]] = {
    "stdout": _to_stdout,
    "file": _to_file,
    "directory": _to_directory,
}


def write_articles(articles: Iterable[Article], options: ExportOptions, stdout: BinaryIO) -> int:
    """Write articles as `options.to` to `options.output` (None: stdout); return how many were written.

    An empty `to` takes the format from the output file's extension (news.db: sqlite), else jsonl.
    Consumes `articles` lazily; raises UsageError for an impossible request (e.g. sqlite to stdout,
    an existing output without --overwrite) with the flag that fixes it.
    """
    writer = get_writer(chosen_format(options))
    dest = resolve(options.output)
    return DESTINATIONS[dest.kind](writer, articles, dest, options, stdout)
