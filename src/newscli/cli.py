"""The Typer command line: options in, a runner.Request out; no logic and no heavy imports here."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newscli import __version__

if TYPE_CHECKING:  # the option types, imported for real only inside the builders below
    from newscli.batch import BatchOptions
    from newscli.clean import CleanOptions
    from newscli.export import ExportOptions
    from newscli.fetch import FetchOptions
    from newscli.runner import Request
    from newscli.summarize import SummarizeOptions


_P = inspect.Parameter
_IO, _EXTRACT, _CLEAN, _SUMMARIZE, _BATCH = (
    "Input and output",
    "Extraction",
    "Cleaning",
    "Summarizing",
    "Batch",
)


_METAVARS = {
    "to": "FORMAT", "output": "PATH", "name_template": "TEMPLATE", "encoding": "NAME", "max_bytes": "BYTES",
    "urls": "FILE", "fetch_timeout": "SECONDS", "keep": "CATEGORY", "rules": "FILE", "bullets": "N",
    "ratio": "FRACTION", "method": "NAME", "order": "ORDER", "jobs": "N", "timeout": "SECONDS",
    "state": "FILE", "errors": "FILE", "engine": "ENGINE", "scheduler": "ADDRESS",
}  # fmt: skip


def _opt(name: str, default: Any, kind: Any, *flags: str, help: str, panel: str, **extra: Any) -> _P:
    """One command-line option as a signature parameter, grouped under a help panel."""
    info = typer.Option(*flags, help=help, rich_help_panel=panel, metavar=_METAVARS.get(name), **extra)
    return _P(name, _P.KEYWORD_ONLY, default=default, annotation=Annotated[kind, info])


def _complete_formats(incomplete: str) -> list[str]:
    """Shell completion for --to, from the export registry."""
    from newscli.export import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


_INPUTS = typer.Argument(
    help="Files, directories, globs, URLs, or '-' for stdin (default: piped stdin).", show_default=False
)

# fmt: off
@functools.cache
def option_groups() -> dict[str, list[_P]]:
    """Option groups, one option a line: a command's signature is the groups it needs (built when used)."""
    return {
        "io": [
            _P("inputs", _P.POSITIONAL_OR_KEYWORD, default=None,
               annotation=Annotated[list[str] | None, _INPUTS]),
            _opt("to", None, str | None, "--to", "-t", panel=_IO, autocompletion=_complete_formats,
                 help="Output format: jsonl, json, csv, tsv, markdown, html, txt, sqlite, parquet "
                      "(default: a readable view on a terminal, JSON Lines otherwise)."),
            _opt("output", None, str | None, "--output", "-o", panel=_IO,
                 help="Write to this file, or to this directory (ending in '/') with one file per article."),
            _opt("overwrite", False, bool, "--overwrite", panel=_IO, help="Replace existing output files."),
            _opt("name_template", "{slug}", str, "--name-template", panel=_IO,
                 help="File names in an output directory: {slug} {id} {date} {title} {lang} {source_stem}."),
            _opt("bom", False, bool, "--bom", panel=_IO,
                 help="Start CSV/TSV with a BOM (for spreadsheet programs)."),
            _opt("quiet", False, bool, "--quiet", "-q", panel=_IO, help="Only errors on stderr."),
            _opt("verbose", False, bool, "--verbose", "-v", panel=_IO,
                 help="Say what happened to each article."),
        ],
        "extract": [
            _opt("fast", False, bool, "--fast", panel=_EXTRACT,
                 help="Faster extraction, slightly lower quality."),
            _opt("encoding", None, str | None, "--encoding", panel=_EXTRACT,
                 help="Decode pages with this encoding instead of detecting it."),
            _opt("max_bytes", 20_000_000, int, "--max-bytes", panel=_EXTRACT, min=1,
                 help="Refuse inputs larger than this many bytes."),
            _opt("urls", None, Path | None, "--urls", panel=_EXTRACT,
                 help="Also fetch the URLs in this file (one a line)."),
            _opt("fetch_timeout", 20.0, float, "--fetch-timeout", panel=_EXTRACT, min=0.1,
                 help="Seconds to wait for a URL."),
        ],
        "clean": [
            _opt("explain", False, bool, "--explain", panel=_CLEAN,
                 help="Show each removed line and its rule on stderr; keep them in the record's 'removed'."),
            _opt("keep", None, list[str] | None, "--keep", panel=_CLEAN,
                 help="Keep lines of this category (repeatable), e.g. --keep credit."),
            _opt("rules", None, Path | None, "--rules", panel=_CLEAN,
                 help="Extra cleaning rules (same format as built-in)."),
            _opt("normalize", True, bool, "--normalize/--no-normalize", panel=_CLEAN,
                 help="Normalize Unicode and spacing."),
        ],
        "summarize": [
            _opt("bullets", 3, int, "--bullets", "-n", panel=_SUMMARIZE, min=1,
                 help="Number of summary bullets."),
            _opt("ratio", None, float | None, "--ratio", panel=_SUMMARIZE, min=0.0, max=1.0,
                 help="Summary length as a fraction of the sentences (instead of -n)."),
            _opt("method", "default", str, "--method", panel=_SUMMARIZE,
                 help="Summarizer: default, lead, centrality."),
            _opt("order", "document", str, "--order", panel=_SUMMARIZE,
                 help="Bullet order: document or score."),
            _opt("ignore_highlights", False, bool, "--ignore-highlights", panel=_SUMMARIZE,
                 help="Summarize even when the publisher gave key points."),
        ],
        "batch": [
            _opt("jobs", None, int | None, "--jobs", "-j", panel=_BATCH, min=1,
                 help="Worker processes (default: the number of cores)."),
            _opt("timeout", None, float | None, "--timeout", panel=_BATCH, min=0.1,
                 help="Give up on an input after this many seconds (reason 'timeout')."),
            _opt("state", None, Path | None, "--state", panel=_BATCH,
                 help="SQLite state file: skip inputs already done with the same options."),
            _opt("retry_failed", False, bool, "--retry-failed", panel=_BATCH,
                 help="With --state: redo failed inputs."),
            _opt("force", False, bool, "--force", panel=_BATCH, help="With --state: redo every input."),
            _opt("errors", None, Path | None, "--errors", panel=_BATCH,
                 help="Write one JSON object per failed input to this file."),
            _opt("engine", "local", str, "--engine", panel=_BATCH,
                 help="local, or dask (needs newscli[dask])."),
            _opt("scheduler", None, str | None, "--scheduler", panel=_BATCH,
                 help="Dask scheduler address (default: a local cluster)."),
        ],
    }
# fmt: on

COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "extract": ("Extract each article's main text and metadata.", ("io", "extract")),
    "clean": ("Remove boilerplate lines, normalize text, parse bylines.", ("io", "extract", "clean")),
    "summarize": (
        "Add N extractive summary bullets in the article's language.",
        ("io", "extract", "clean", "summarize"),
    ),
    "export": (
        "Write articles as jsonl, json, csv, markdown, html, txt, sqlite, ...",
        ("io", "extract", "clean", "summarize"),
    ),
    "run": (
        "Extract, clean, summarize and export in one command; parallel, incremental, cron-safe.",
        ("io", "extract", "clean", "summarize", "batch"),
    ),
}


def _make_command(name: str, help_text: str, groups: tuple[str, ...]) -> Callable[..., None]:
    """A Typer command whose parameters are the given option groups."""

    def command(ctx: typer.Context, **options: Any) -> None:
        raise typer.Exit(_invoke(ctx, name, options))

    params = [_P("ctx", _P.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    params += [p for group in groups for p in option_groups()[group]]
    params.sort(key=lambda p: p.kind)
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = help_text
    command.__name__ = name
    return command


def _invoke(ctx: typer.Context, name: str, options: dict[str, Any]) -> int:
    """Build the request, run it, and map every expected problem to one stderr line and an exit code."""
    from newscli.env import Environment
    from newscli.errors import ExitCode, NewscliError, OutputError, Terminated
    from newscli.runner import execute

    env = Environment.from_process()
    env.quiet, env.verbose = options.get("quiet", False), options.get("verbose", False)
    try:
        request = _request(name, options)
        if not request.inputs and request.urls_file is None and env.stdin_isatty:
            with contextlib.redirect_stdout(sys.stderr):  # Typer's rich help prints itself to stdout
                help_text = ctx.get_help()
            typer.echo(help_text, err=True, nl=bool(help_text))
            return ExitCode.USAGE
        return execute(request, env)
    except OutputError as exc:
        env.error(f"newscli: {exc.message} [{exc.reason}]")
        return ExitCode.NOTHING_PROCESSED
    except NewscliError as exc:
        env.error(f"newscli: error: {exc.message}")
        return ExitCode.USAGE
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except KeyboardInterrupt:
        env.error("newscli: interrupted")
        return ExitCode.INTERRUPTED
    except Terminated:
        env.error("newscli: terminated")
        return ExitCode.TERMINATED


def _silence_stdout() -> None:
    """After the reader went away (`| head -1`), point stdout at /dev/null so exit flushes quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _request(name: str, o: dict[str, Any]) -> Request:
    """Translate parsed options into the library's option objects (each module imported only when used)."""
    from newscli.parsers import ParseOptions
    from newscli.parsers.html import ExtractOptions
    from newscli.pipeline import PipelineOptions
    from newscli.runner import Request

    extract = ExtractOptions(fast=o["fast"], encoding=o["encoding"], max_bytes=o["max_bytes"])
    pipeline = PipelineOptions(
        parse=ParseOptions(extract=extract, max_bytes=o["max_bytes"]),
        clean=_clean_options(o) if "explain" in o else None,
        summarize=_summarize_options(o) if "bullets" in o else None,
    )
    return Request(
        command=name,
        inputs=tuple(o["inputs"] or ()),
        pipeline=pipeline,
        export=_export_options(o),
        urls_file=o["urls"],
        fetch=_fetch_options(o) if o["urls"] or any("://" in i for i in o["inputs"] or ()) else None,
        batch=_batch_options(o) if "jobs" in o else None,
    )


def _clean_options(o: dict[str, Any]) -> CleanOptions:
    """Cleaning flags."""
    from newscli.clean import CleanOptions

    keep = frozenset(o["keep"] or ())
    return CleanOptions(explain=o["explain"], keep=keep, rules_file=o["rules"], normalize=o["normalize"])


def _summarize_options(o: dict[str, Any]) -> SummarizeOptions:
    """Summarizing flags."""
    from newscli.summarize import SummarizeOptions

    return SummarizeOptions(
        bullets=o["bullets"],
        ratio=o["ratio"],
        method=o["method"],
        order=o["order"],
        ignore_highlights=o["ignore_highlights"],
    )


def _export_options(o: dict[str, Any]) -> ExportOptions | None:
    """Output flags; None means "the terminal view or JSON Lines, whichever fits stdout"."""
    if o["to"] is None and o["output"] is None:
        return None
    from newscli.export import ExportOptions

    return ExportOptions(
        to=o["to"] or "",
        output=o["output"],
        overwrite=o["overwrite"],
        name_template=o["name_template"],
        bom=o["bom"],
    )


def _fetch_options(o: dict[str, Any]) -> FetchOptions:
    """URL fetching flags."""
    from newscli.fetch import FetchOptions

    return FetchOptions(timeout=o["fetch_timeout"], max_bytes=o["max_bytes"])


def _batch_options(o: dict[str, Any]) -> BatchOptions:
    """Batch flags of `newscli run`."""
    from newscli.batch import BatchOptions

    return BatchOptions(
        jobs=o["jobs"],
        timeout=o["timeout"],
        state=o["state"],
        retry_failed=o["retry_failed"],
        force=o["force"],
        errors=o["errors"],
        engine=o["engine"],
        scheduler=o["scheduler"],
    )


def _version(value: bool) -> None:
    """--version: print and stop."""
    if value:
        typer.echo(f"newscli {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn news web pages into clean, summarized, exportable articles."""


def build_app(invoked: str | None = None) -> typer.Typer:
    """The Typer app; with `invoked`, only that command gets its options (the others just their help line).

    Typer turns every command's signature into options on each start, so a process that runs one
    command builds only that one (the lazily loaded subcommands click's documentation recommends).
    """
    app = typer.Typer(
        name="newscli",
        help="Turn news web pages into clean, summarized, exportable articles (JSON Lines between stages).",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_main)
    for name, (help_text, groups) in COMMANDS.items():
        full = invoked is None or name == invoked
        app.command(name, help=help_text)(_make_command(name, help_text, groups if full else ()))
    return app


def main() -> None:
    """Console-script entry point: SIGTERM unwinds like Ctrl-C, so no temporary file is left behind."""
    signal.signal(signal.SIGTERM, _terminate)
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        build_app(first if first in COMMANDS else "")()
    finally:
        _skip_final_collection()


def _skip_final_collection() -> None:
    """Freeze the heap on the way out: the OS frees it, so the interpreter's last full collection is waste.

    That collection walks and frees what the imports built (~35,000 tracked objects, mostly cyclic:
    modules, classes, functions) and costs ~30 ms, more than extracting one page. Work that needs a
    finalizer run (atomic writes, worker pools, locks) is closed explicitly before this point, never
    left to the collector; module teardown still runs.
    """
    import gc

    gc.freeze()


def __getattr__(name: str) -> typer.Typer:
    """`from newscli.cli import app`: every command complete (tests, docs); built on demand, not at import."""
    if name == "app":
        return build_app()
    raise AttributeError(name)


def _terminate(signum: int, frame: object) -> None:
    """The SIGTERM handler."""
    from newscli.errors import Terminated

    raise Terminated()
