"""The Typer command line: options in, a runner.Request out; no logic and no heavy imports here."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from newscli.version import __version__

if TYPE_CHECKING:  # the option types, imported for real only inside the builders below
    from typer import _click as click  # the click Typer runs on (for the help formatter types)

    from newscli.batch import BatchOptions
    from newscli.clean import CleanOptions
    from newscli.export import ExportOptions
    from newscli.fetch import FetchOptions
    from newscli.runner import Request
    from newscli.stories.digest import DigestOptions
    from newscli.summarize import SummarizeOptions


_P = inspect.Parameter
_IO, _EXTRACT, _CLEAN, _SUMMARIZE, _BATCH = (
    "Input and output",
    "Extraction",
    "Cleaning",
    "Summarizing",
    "Batch",
)
_FETCH = "Fetching URLs"
_DIGEST = "Stories"


_METAVARS = {
    "to": "FORMAT", "output": "PATH", "name_template": "TEMPLATE", "encoding": "NAME", "max_bytes": "BYTES",
    "urls": "FILE", "fetch_timeout": "SECONDS", "keep": "CATEGORY", "rules": "FILE", "bullets": "N",
    "ratio": "FRACTION", "method": "NAME", "order": "ORDER", "jobs": "N", "timeout": "SECONDS",
    "state": "FILE", "errors": "FILE", "engine": "ENGINE", "scheduler": "ADDRESS",
    "concurrency": "N", "delay": "SECONDS", "user_agent": "TEXT",
    "min_articles": "N", "since": "DATE",
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
    help="Files, directories, globs, URLs, or '-' for stdin (default: piped stdin).",
    show_default=False,
    metavar="[INPUT]...",
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
                 help="About 15 % less CPU a page; skips the check that finds the article "
                 "where the first pass kept only a teaser."),
            _opt("encoding", None, str | None, "--encoding", panel=_EXTRACT,
                 help="Decode pages with this encoding instead of detecting it."),
            _opt("max_bytes", 20_000_000, int, "--max-bytes", panel=_EXTRACT, min=1,
                 help="Refuse inputs larger than this many bytes."),
            _opt("urls", None, Path | None, "--urls", panel=_FETCH,
                 help="Also fetch the URLs in this file (one a line): pages, feeds or sitemaps."),
            _opt("fetch_timeout", 20.0, float, "--fetch-timeout", panel=_FETCH, min=0.1,
                 help="Seconds one URL may take in all: connect, headers, body and retries."),
            _opt("concurrency", 8, int, "--concurrency", panel=_FETCH, min=1,
                 help="Requests at once, across hosts (one at a time per host)."),
            _opt("delay", 1.0, float, "--delay", panel=_FETCH, min=0.0,
                 help="Seconds between two requests to one host."),
            _opt("user_agent", None, str | None, "--user-agent", panel=_FETCH,
                 help="User-Agent header (default: newscli and its version); robots.txt is read for it."),
            _opt("allow_private", False, bool, "--allow-private", panel=_FETCH,
                 help="Also fetch loopback, private and link-local addresses (refused by default)."),
            _opt("discover", False, bool, "--discover", panel=_FETCH,
                 help="A page given as input is replaced by the feeds it links to."),
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
            _opt("keep_duplicates", False, bool, "--keep-duplicates", panel=_BATCH,
                 help="With --state: also store articles already stored under another URL or input."),
            _opt("errors", None, Path | None, "--errors", panel=_BATCH,
                 help="Write one JSON object per failed input to this file."),
            _opt("engine", "local", str, "--engine", panel=_BATCH,
                 help="local, or dask (needs newscli[dask])."),
            _opt("scheduler", None, str | None, "--scheduler", panel=_BATCH,
                 help="Dask scheduler address (default: a local cluster)."),
        ],
        "digest": [  # `newscli digest`: its own output formats, and what makes a story
            _P("inputs", _P.POSITIONAL_OR_KEYWORD, default=None,
               annotation=Annotated[list[str] | None, _INPUTS]),
            _opt("to", None, str | None, "--to", "-t", panel=_IO,
                 help="Output format: jsonl, markdown, html "
                      "(default: a readable view on a terminal, JSON Lines otherwise)."),
            _opt("output", None, str | None, "--output", "-o", panel=_IO,
                 help="Write the digest to this file."),
            _opt("overwrite", False, bool, "--overwrite", panel=_IO, help="Replace an existing output file."),
            _opt("quiet", False, bool, "--quiet", "-q", panel=_IO, help="Only errors on stderr."),
            _opt("verbose", False, bool, "--verbose", "-v", panel=_IO,
                 help="Say what happened to each article."),
            _opt("bullets", 3, int, "--bullets", "-n", panel=_DIGEST, min=1, help="Bullets per story."),
            _opt("min_articles", 1, int, "--min-articles", panel=_DIGEST, min=1,
                 help="Leave out stories told by fewer articles than this."),
            _opt("since", None, str | None, "--since", panel=_DIGEST,
                 help="Only articles dated on or after DATE (ISO 8601, e.g. 2024-05-01)."),
        ],
    }
# fmt: on

COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "extract": (
        "Extract each article's main text and metadata from pages, text files, URLs or WARC archives.",
        ("io", "extract"),
    ),
    "clean": ("Remove boilerplate lines, normalize text, parse bylines.", ("io", "extract", "clean")),
    "summarize": (
        "Add N extractive summary bullets in the article's language.",
        ("io", "extract", "clean", "summarize"),
    ),
    "export": (
        "Write articles as JSON Lines, JSON, CSV, TSV, Markdown, HTML, text, SQLite or Parquet.",
        ("io", "extract", "clean", "summarize"),
    ),
    "run": (
        "Extract, clean, summarize and export in one command; parallel, incremental, cron-safe.",
        ("io", "extract", "clean", "summarize", "batch"),
    ),
    "digest": (
        "Group articles about the same story and write one summary per story (a daily digest).",
        ("digest", "extract", "clean"),
    ),
}

# (what it does, the command line) for each command's help and its generated docs page; "" is newscli's.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("The whole job on the samples: one Markdown file per article",
         "newscli run samples/ --to markdown -o out/"),
        ("The same, stage by stage through pipes",
         "newscli extract samples/ | newscli clean | newscli summarize |\n"
         "  newscli export --to markdown -o out/"),
        ("Help on one command", "newscli export -h"),
    ),
    "extract": (
        ("A page as a readable view on the terminal (JSON Lines when piped)",
         "newscli extract samples/ar-water-plant.html"),
        ("Every page of a folder to JSON Lines",
         "newscli extract samples/ > articles.jsonl"),
        ("A page from the web, waiting at most 10 seconds",
         "newscli extract https://example.com/news/story.html --fetch-timeout 10"),
    ),
    "clean": (
        ("Extract and clean a page, showing each removed line and its rule",
         "newscli clean samples/ar-water-plant.html --explain"),
        ("Clean the records a previous stage wrote",
         "newscli extract samples/ | newscli clean > clean.jsonl"),
        ("Keep photo credits",
         "newscli clean samples/ --keep credit"),
    ),
    "summarize": (
        ("Three bullets for a page, as Markdown",
         "newscli summarize samples/en-harbor-bridge.html --to markdown"),
        ("Five bullets by centrality for each record",
         "newscli summarize articles.jsonl -n 5 --method centrality"),
        ("Two bullets for a page on stdin",
         "cat samples/fr-trains-nuit.html | newscli summarize -n 2"),
    ),
    "export": (
        ("One Markdown file per article",
         "newscli export articles.jsonl --to markdown -o out/"),
        ("A database sqlite-utils and Datasette can search (Arabic too)",
         "newscli export articles.jsonl -o news.db"),
        ("CSV for a spreadsheet program",
         "newscli export articles.jsonl --to csv --bom -o news.csv"),
    ),
    "run": (
        ("Everything on the samples, one Markdown file per article",
         "newscli run samples/ --to markdown -o out/"),
        ("Cron: only new pages, into a searchable database, failures listed",
         "newscli run crawl/ -o news.db --state news.state --errors failed.jsonl"),
        ("Four workers, giving up on a page after 30 seconds",
         "newscli run crawl/ -j 4 --timeout 30 -o out.jsonl"),
    ),
    "digest": (
        ("Today's stories from a folder of pages, as a terminal view (JSON Lines when piped)",
         "newscli digest samples/"),
        ("Stories of the database since a date, as an HTML page",
         "newscli digest news.db --since 2026-11-30 --to html -o digest.html"),
        ("Only stories reported by at least two articles, two bullets each",
         "newscli digest articles.jsonl --min-articles 2 -n 2 --to markdown"),
    ),
}  # fmt: skip


def _examples_text(name: str) -> str | None:
    """A command's examples as the help's closing section: a comment line, then the command."""
    examples = EXAMPLES.get(name, ())
    return "\n\n".join(f"# {what}\n{line}" for what, line in examples) or None


class _HelpFormat:
    """Examples printed as written: click would re-wrap them as prose."""

    epilog: str | None

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The Examples section, one line each."""
        if self.epilog:
            with formatter.section("Examples"):
                for line in self.epilog.splitlines():
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n" if line else "\n")


class _Command(_HelpFormat, TyperCommand):
    """A command whose options show under their panels' headings.

    Plain text: Typer's Rich help renderer would cost ~75 ms of imports on every `--help`.
    """

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Arguments, then each panel's options in the order the panels first appear, then --help."""
        sections: dict[str, list[tuple[str, str]]] = {"Arguments": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            panel = "Arguments" if param.param_type_name == "argument" else _panel(param)
            sections.setdefault(panel, []).append(record)
        for title, rows in sections.items():
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _panel(param: click.Parameter) -> str:
    """The help panel an option belongs to ("Options" for --help and options without one)."""
    return getattr(param, "rich_help_panel", None) or "Options"


class _Group(_HelpFormat, TyperGroup):
    """The top-level command: its examples printed as written."""


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
    from newscli import stop
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
        stop.clear()
        env.error("newscli: interrupted")
        return ExitCode.INTERRUPTED
    except Terminated:
        stop.clear()
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
        parse=ParseOptions(extract=extract, max_bytes=o["max_bytes"], since=o.get("since")),
        clean=_clean_options(o) if "explain" in o else None,
        summarize=_summarize_options(o) if "ratio" in o else None,
    )
    return Request(
        command=name,
        inputs=tuple(o["inputs"] or ()),
        pipeline=pipeline,
        export=_export_options(o),
        urls_file=o["urls"],
        fetch=_fetch_options(o),
        batch=_batch_options(o) if "jobs" in o else None,
        digest=_digest_options(o) if "min_articles" in o else None,
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


def _digest_options(o: dict[str, Any]) -> DigestOptions:
    """What `newscli digest` groups and writes."""
    from newscli.stories.digest import DigestOptions

    return DigestOptions(bullets=o["bullets"], min_articles=o["min_articles"], since=o["since"])


def _export_options(o: dict[str, Any]) -> ExportOptions | None:
    """Output flags; None means "the terminal view or JSON Lines, whichever fits stdout"."""
    if o["to"] is None and o["output"] is None:
        return None
    from newscli.export import ExportOptions

    return ExportOptions(
        to=o["to"] or "",
        output=o["output"],
        overwrite=o["overwrite"],
        name_template=o.get("name_template", "{slug}"),
        bom=o.get("bom", False),
    )


def _fetch_options(o: dict[str, Any]) -> FetchOptions:
    """URL fetching flags."""
    from newscli.fetch import FetchOptions

    fetch = FetchOptions(
        timeout=o["fetch_timeout"],
        max_bytes=o["max_bytes"],
        concurrency=o["concurrency"],
        delay=o["delay"],
        allow_private=o["allow_private"],
        discover=o["discover"],
    )
    return replace(fetch, user_agent=o["user_agent"]) if o["user_agent"] else fetch


def _batch_options(o: dict[str, Any]) -> BatchOptions:
    """Batch flags of `newscli run`."""
    from newscli.batch import BatchOptions

    return BatchOptions(
        jobs=o["jobs"],
        timeout=o["timeout"],
        state=o["state"],
        retry_failed=o["retry_failed"],
        force=o["force"],
        keep_duplicates=o["keep_duplicates"],
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
        cls=_Group,
        help="Turn news web pages into clean, summarized, exportable articles (JSON Lines between stages).",
        epilog=_examples_text(""),
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_main)
    for name, (help_text, groups) in COMMANDS.items():
        full = invoked is None or name == invoked
        command = _make_command(name, help_text, groups if full else ())
        examples = _examples_text(name)
        app.command(name, cls=_Command, help=help_text, short_help=help_text, epilog=examples)(command)
    return app


def invoked_command(argv: list[str], environ: Mapping[str, str]) -> str:
    """The command this process runs, so only it is built: argv[1], or the command word being completed.

    During shell completion the shell runs `newscli` with no arguments and passes the words typed so
    far in variables (bash: COMP_WORDS; zsh, fish, PowerShell: _TYPER_COMPLETE_ARGS).
    """
    if environ.get(COMPLETE_VAR):
        typed = environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or ""
        return next((word for word in typed.split()[1:] if word in COMMANDS), "")
    first = argv[1] if len(argv) > 1 else ""
    return first if first in COMMANDS else ""


COMPLETE_VAR = "_NEWSCLI_COMPLETE"


def main() -> None:
    """Console-script entry point: SIGTERM unwinds like Ctrl-C, so no temporary file is left behind."""
    from newscli import collector, stop

    stop.install()
    collector.pause()  # resumed by the runner after the first input: see collector.py
    try:
        build_app(invoked_command(sys.argv, os.environ))(prog_name="newscli", complete_var=COMPLETE_VAR)
    finally:
        collector.resume()
        _remove_unfinished_files()
        _skip_final_collection()


def _remove_unfinished_files() -> None:
    """Delete what an interrupted write left (see atomic.py); a run that wrote no file never loaded it."""
    atomic = sys.modules.get("newscli.atomic")
    if atomic is not None:
        atomic.remove_unfinished()


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
