"""The batch run: lock, plan, run on an engine, write through a sink, commit the state, summarize."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscli import stop
from newscli.batch.lock import Locked, hold_lock, lock_path
from newscli.batch.options import ENGINES, BatchOptions
from newscli.batch.plan import Counts, Policy, Unit, options_fingerprint, plan
from newscli.batch.sinks import ErrorReport, Sink, error_report, remove_stale_temporaries
from newscli.batch.state import Entry, State
from newscli.batch.worker import Job
from newscli.env import Environment
from newscli.errors import (
    ExitCode,
    Failure,
    NewscliError,
    Terminated,
    UsageError,
    cannot_write,
    is_storage_error,
)
from newscli.fetch.items import Listed, Skipped
from newscli.inputs import sources_for, with_downloads
from newscli.model import Article
from newscli.parsers import Item
from newscli.progress import Reporter, reporter
from newscli.request import Request, describe
from newscli.sources import Source

if TYPE_CHECKING:
    from newscli.batch.seen import Seen
    from newscli.export import ExportOptions
    from newscli.fetch.duplicates import Duplicates, Fingerprint
    from newscli.fetch.items import Memory

CHECKPOINT_EVERY = 200  # inputs between state commits (checkpointing sinks)
CHECKPOINT_SECONDS = 5.0  # ... or seconds, whichever comes first

Outcome = tuple[Unit, list[Article], list[Failure], list["Fingerprint"]]


def run_batch(request: Request, options: BatchOptions, env: Environment) -> ExitCode:
    """Run every input of the request as one batch; the exit code says what a cron job should do."""
    if options.engine not in ENGINES:
        raise UsageError("bad_engine", f"--engine {options.engine!r}: choose one of {', '.join(ENGINES)}")
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("bad_jobs", "--jobs must be at least 1")
    try:
        with _sigterm_raises():
            return _Run(request, options, env).run()
    except Locked as exc:
        env.error(f"newscli: {exc.message}")
        return ExitCode.LOCKED


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into an exception in the main thread, so outputs and state end consistent."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    previous = signal.signal(signal.SIGTERM, stop.handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Run:
    """One batch run's moving parts."""

    def __init__(self, request: Request, options: BatchOptions, env: Environment) -> None:
        """Remember the request; nothing starts yet."""
        self.request, self.options, self.env = request, options, env
        self.counts = Counts()
        self.started = time.monotonic()
        self.seen: Seen | None = None
        self.duplicates: Duplicates | None = None

    def run(self) -> ExitCode:
        """Lock, run, summarize; an interruption keeps what is durable and exits 130 or 143."""
        with contextlib.ExitStack() as stack:
            state, memory = None, None
            if self.options.state is not None:
                stack.enter_context(hold_lock(lock_path(self.options.state)))
                state = State(self.options.state)
                stack.callback(state.close)
                self._remove_stale_temporaries()
                memory = self._follow(state)
            found: Iterable[Source | Failure] = sources_for(self.request, self.env)
            bar = self.env.stderr_isatty and not self.env.quiet
            if bar and not self._fetches():
                found = list(found)  # a total for the bar (URLs are counted as they come instead)
            report = reporter(self.env, len(found) if isinstance(found, list) else None)
            stack.callback(report.close)
            sources: Iterable[Source | Failure | Skipped] = self._listings(
                with_downloads(found, self.request, memory, report.note)
            )
            errors = stack.enter_context(error_report(self.options.errors))
            units = plan(sources, state, self._policy(), self.counts)
            results = self._engine().run((unit, unit.source) for unit in units)
            outcomes = self._outcomes(results, report, errors)
            try:
                if state is None:
                    self._write(outcomes)
                else:
                    self._write_incremental(outcomes, state)
            except (KeyboardInterrupt, Terminated) as exc:
                stop.clear()
                report.close()
                self._summary("interrupted")
                return ExitCode.TERMINATED if isinstance(exc, Terminated) else ExitCode.INTERRUPTED
            except BrokenPipeError:  # the reader went away (`| head -1`): the command line ends quietly
                raise
            except Exception as exc:  # disk full, permissions: no half file left, the state did not advance
                if not is_storage_error(exc):
                    raise
                output = self.request.export.output if self.request.export else None
                target = str(output) if output not in (None, "-") else "stdout"
                raise cannot_write(target, exc) from None
        self._summary("done")
        return self._exit_code()

    def _fetches(self) -> bool:
        """True when the request names URLs (its inputs are then known only as they are fetched)."""
        from newscli.sources import URL_PREFIXES

        inputs = self.request.inputs
        return self.request.urls_file is not None or any(i.startswith(URL_PREFIXES) for i in inputs)

    def _follow(self, state: State) -> Memory:
        """With --state: what earlier runs fetched and stored, for the crawler and the duplicate check."""
        from newscli.batch.seen import Seen
        from newscli.fetch.duplicates import Duplicates

        self.seen = Seen(state)
        self.duplicates = Duplicates()
        self.seen.load(self.duplicates)
        return self.seen.snapshot(self._policy())

    def _listings(
        self, items: Iterable[Source | Failure | Skipped | Listed]
    ) -> Iterator[Source | Failure | Skipped]:
        """Feeds and sitemaps read are remembered (with --state) for a conditional request next time."""
        for item in items:
            if not isinstance(item, Listed):
                yield item
            elif self.seen is not None:
                self.seen.remember(item)

    def _policy(self) -> Policy:
        """When inputs are redone, from the options and the options fingerprint."""
        request, parse = self.request, self.request.pipeline.parse
        fingerprint = options_fingerprint(request.command, request.pipeline, self._export())
        return Policy(fingerprint, self.options.force, self.options.retry_failed, parse.max_bytes)

    def _export(self) -> ExportOptions:
        """The export asked for, its format settled (`-o news.db` means sqlite; JSON Lines by default)."""
        from newscli.export import ExportOptions, chosen_format

        export = self.request.export or ExportOptions(to="jsonl")
        return replace(export, to=chosen_format(export))

    def _engine(self) -> Any:
        """The engine that runs units: local worker processes or a Dask cluster."""
        job = Job(self.request.command, self.request.pipeline)
        jobs = self.options.jobs or os.cpu_count() or 1
        if self.options.engine == "dask":
            from newscli.batch.dask_engine import DaskEngine

            return DaskEngine(job, jobs, self.options.timeout, self.options.scheduler)
        from newscli.batch.pool import LocalEngine

        return LocalEngine(job, jobs, self.options.timeout)

    def _outcomes(
        self, results: Iterable[tuple[Unit, list[Item] | None]], report: Reporter, errors: ErrorReport | None
    ) -> Iterator[Outcome]:
        """Each unit's articles and failures, in order; failures go to stderr and --errors as they come."""
        explain = self.request.pipeline.clean is not None and self.request.pipeline.clean.explain
        for unit, items in results:
            stop.check()  # a Ctrl-C swallowed where it landed stops the run here (see stop.py)
            if unit.skipped:
                self.counts.add_skip(unit.why)
                if unit.note:
                    self.env.debug(unit.note)
                report.advance(False)
                continue
            found = [unit.failure] if unit.failure else [i for i in items or () if isinstance(i, Failure)]
            articles = [i for i in items or () if isinstance(i, Article)]
            for failure in found:
                report.line(failure.line())
                if errors is not None:
                    errors.write(failure)
            stored, prints = self._unique(unit, articles)
            if explain and not self.env.quiet:
                self._explain(stored)
            for article in stored:
                self.env.debug(describe(article))
            self.counts.processed += 1
            self.counts.failed += bool(found)
            duplicate = bool(articles) and not stored and not found
            self.counts.duplicates += duplicate
            self.counts.new += not found and not duplicate
            self.counts.articles += len(stored)
            report.advance(bool(found))
            yield unit, stored, found, prints
        stop.check()

    def _unique(self, unit: Unit, articles: list[Article]) -> tuple[list[Article], list[Fingerprint]]:
        """With --state, each article is stored once: one already stored (by another input, this run or an
        earlier one) is left out, unless --keep-duplicates. Returns what to store and its fingerprints."""
        if self.duplicates is None:
            return articles, []
        stored, prints = [], []
        for article in articles:
            print_ = self.duplicates.fingerprint(article, unit.key)
            original = self.duplicates.original(print_)
            if original is not None and not self.options.keep_duplicates:
                line = f"newscli: {article.source}: same article as {original}, not stored [duplicate]"
                self.env.debug(line)
                continue
            self.duplicates.add(print_)
            stored.append(article)
            prints.append(print_)
        return stored, prints

    def _explain(self, articles: list[Article]) -> None:
        """--explain: what cleaning removed, as the single-run command shows it."""
        from newscli.clean import render_removed

        for article in articles:
            if article.removed:
                render_removed(article.removed, self.env.console())

    def _write(self, outcomes: Iterable[Outcome]) -> None:
        """Without state: exactly what `newscli run` writes, only faster (same bytes, same order)."""
        articles = (article for _, found, _, _ in outcomes for article in found)
        if self.request.export is None and self.env.stdout_isatty:
            from newscli.view import render

            render(articles, self.env.console(stdout=True))
            return
        from newscli.export import write_articles

        write_articles(articles, self._export(), self.env.stdout)

    def _write_incremental(self, outcomes: Iterable[Outcome], state: State) -> None:
        """Write through the sink and commit the state only after what it describes is durable."""
        sink = _open_sink(self._export(), state, self.env)
        pending: list[tuple[Entry, list[str]]] = []
        prints: list[tuple[str, list[Fingerprint]]] = []
        every = CHECKPOINT_EVERY
        last = time.monotonic()

        def commit() -> None:
            state.commit(pending)
            if self.seen is not None:
                self.seen.commit(prints)
            pending.clear()
            prints.clear()

        try:
            for unit, articles, found, unit_prints in outcomes:
                if unit.entry is None:
                    continue  # failed before it could be read: nothing to remember
                ids = [a.id for a in articles if a.id]
                sink.drop(state.superseded(unit.key, ids))
                for article in articles:
                    sink.write(article)
                pending.append((_entry(unit.entry, found), ids))
                prints.append((unit.key, unit_prints))
                if sink.checkpoints and (
                    len(pending) >= every or time.monotonic() - last >= CHECKPOINT_SECONDS
                ):
                    sink.sync()
                    commit()
                    last = time.monotonic()
        except BaseException:
            if _aborted(sink) and sink.checkpoints:
                commit()  # only what the sink still made durable
            raise
        sink.close()
        commit()

    def _remove_stale_temporaries(self) -> None:
        """Under the lock: temporary files that a killed run left beside the outputs."""
        from newscli.export.destinations import resolve

        export = self.request.export
        dest = resolve(export.output if export else None)
        if dest.path is not None:
            remove_stale_temporaries(dest.path, dest.kind == "directory")
        if self.options.errors is not None:
            remove_stale_temporaries(self.options.errors, False)

    def _summary(self, how: str) -> None:
        """The one line a cron log keeps: new, unchanged, skipped (why), failed, articles, time, rate."""
        c, seconds = self.counts, time.monotonic() - self.started
        rate = c.processed / seconds if seconds > 0 else 0.0
        why = [f"{n} {name}" for n, name in ((c.robots, "robots"), (c.duplicates, "duplicates")) if n]
        skipped = f"{c.robots + c.duplicates} skipped" + (f" ({', '.join(why)})" if why else "")
        line = (
            f"newscli: run {how}: {c.new} new, {c.unchanged} unchanged, {skipped}, {c.failed} failed; "
            f"{c.articles} articles in {seconds:.1f} s ({rate:.1f} pages/s)"
        )
        if c.not_html:
            line += f"; {c.not_html} non-HTML WARC records skipped"
        self.env.info(line)

    def _exit_code(self) -> ExitCode:
        """0: no input failed (all skipped is success) · 3: some failed · 1: all failed."""
        c = self.counts
        if not c.failed:
            return ExitCode.OK
        if c.articles or c.skipped or c.processed > c.failed:
            return ExitCode.PARTIAL
        return ExitCode.NOTHING_PROCESSED


def _aborted(sink: Sink) -> bool:
    """Stop the sink after an error; False when it could not make what it holds durable (disk full)."""
    try:
        sink.abort()
    except (OSError, NewscliError):
        return False
    return True


def _entry(entry: Entry, found: list[Failure]) -> Entry:
    """The state entry after the run: ok, or failed with the first failure's reason."""
    if not found:
        return replace(entry, outcome="ok", reason=None, message=None)
    return replace(entry, outcome="failed", reason=found[0].reason, message=found[0].message)


def _open_sink(export: ExportOptions, state: State, env: Environment) -> Sink:
    """The sink for where the export goes: stdout, a JSON Lines file, a database, or a directory."""
    from newscli.batch.sinks import DirectorySink, JsonLinesFileSink, SqliteSink, StreamSink
    from newscli.export import get_writer
    from newscli.export.destinations import resolve

    writer = get_writer(export.to)
    dest = resolve(export.output)
    if dest.path is None:
        return StreamSink(writer, export, env.stdout)
    if dest.kind == "directory":
        return DirectorySink(dest.path, writer, export, state)
    openers: dict[str, Callable[[Path], Sink]] = {
        "jsonl": lambda path: JsonLinesFileSink(path, state, export.overwrite),
        "sqlite": SqliteSink,
    }
    if writer.name not in openers:
        raise UsageError(
            "not_incremental",
            f"--state cannot add to a {writer.name} file: use --to jsonl, --to sqlite or -o DIR/",
        )
    return openers[writer.name](dest.path)
