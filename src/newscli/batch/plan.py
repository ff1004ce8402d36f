"""Turn the run's sources into units of work: WARC archives opened into pages, unchanged inputs skipped."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscli.batch.state import Entry, State
from newscli.errors import Failure, NewscliError
from newscli.fetch.items import Skipped
from newscli.sources import Source

if TYPE_CHECKING:
    from newscli.export import ExportOptions


WARC_SUFFIXES = (".warc", ".warc.gz")
WARC_MAGIC = b"WARC/"


@dataclass
class Unit:
    """One input: a source to run (None when skipped or failed early), and what to record afterwards."""

    key: str
    source: Source | None = None
    failure: Failure | None = None
    entry: Entry | None = None
    skipped: bool = False
    why: str = "unchanged"  # why it was skipped: unchanged, duplicate, robots
    note: str | None = None  # the -v line saying so


@dataclass
class Counts:
    """What the run did, for the summary line and the exit code."""

    processed: int = 0  # inputs run through the stages this run
    new: int = 0  # ... that gave articles (or nothing to store, without failing)
    failed: int = 0  # ... that failed (or could not even be read)
    unchanged: int = 0  # done before with the same options (--state): not read again
    duplicates: int = 0  # the same URL again, or articles all stored already (--state)
    robots: int = 0  # disallowed by robots.txt: never requested
    articles: int = 0
    not_html: int = 0

    def add_skip(self, why: str) -> None:
        """Count one input skipped for this reason (unchanged, duplicate, robots)."""
        field = {"unchanged": "unchanged", "duplicate": "duplicates", "robots": "robots"}[why]
        setattr(self, field, getattr(self, field) + 1)

    @property
    def skipped(self) -> int:
        """Inputs left out on purpose."""
        return self.unchanged + self.duplicates + self.robots


@dataclass(frozen=True)
class Policy:
    """When to redo an input: the options fingerprint, --force and --retry-failed."""

    fingerprint: str
    force: bool = False
    retry_failed: bool = False
    max_bytes: int = 20_000_000


def plan(
    sources: Iterable[Source | Failure | Skipped], state: State | None, policy: Policy, counts: Counts
) -> Iterator[Unit]:
    """Units in input order; a WARC archive becomes one unit per HTML record (non-HTML records counted)."""
    from newscli.parsers.warc import NotHtml, iter_records

    for source in sources:
        if isinstance(source, Failure):
            yield Unit(source.source, failure=source)
            continue
        if isinstance(source, Skipped):
            yield Unit(source.key, skipped=True, why=source.reason, note=source.line())
            continue
        try:
            is_warc = _is_warc(source)
        except OSError as exc:
            yield Unit(source.name, failure=Failure(source.name, "unreadable", exc.strerror or str(exc)))
            continue
        pages: Iterable[Source | Failure | NotHtml] = [source]
        if is_warc:
            pages = iter_records(source, policy.max_bytes)
        for page in pages:
            if isinstance(page, NotHtml):
                counts.not_html += 1
            elif isinstance(page, Failure):
                yield Unit(page.source, failure=page)
            else:
                yield _decide(page, state, policy)


def _is_warc(source: Source) -> bool:
    """A WARC archive, by name or magic, read without caching the head (a batch holds many sources)."""
    if source.name.lower().endswith(WARC_SUFFIXES):
        return True
    if source.path is not None:
        with source.path.open("rb") as handle:
            return handle.read(len(WARC_MAGIC)) == WARC_MAGIC
    return source.data is not None and source.data.startswith(WARC_MAGIC)


def _decide(source: Source, state: State | None, policy: Policy) -> Unit:
    """Run or skip one source; its bytes are hashed only when size and mtime do not vouch for it.

    A fetched page is known by its URL's key (a tracking parameter does not make it new), a file by its name.
    """
    key = source.hints.get("key", source.name)
    try:
        if source.path is None and source.data is None:
            source.read(policy.max_bytes)  # stdin: a stream cannot travel to a worker process
        if state is None:
            return Unit(key, source)
        stat = source.path.stat() if source.path is not None else None
        size, mtime = (stat.st_size, stat.st_mtime_ns) if stat else (None, None)
        old = state.get(key)
        same_file = old is not None and stat is not None and (old.size, old.mtime_ns) == (size, mtime)
        digest = old.digest if same_file and old is not None and not policy.force else _digest(source)
    except NewscliError as exc:
        return Unit(key, failure=Failure(source.name, exc.reason, exc.message))
    except OSError as exc:
        return Unit(key, failure=Failure(source.name, "unreadable", exc.strerror or str(exc)))
    entry = Entry(key, size, mtime, digest, policy.fingerprint, "ok")
    unchanged = old is not None and (old.digest, old.fingerprint) == (digest, policy.fingerprint)
    if (
        unchanged
        and old is not None
        and not policy.force
        and (old.outcome == "ok" or not policy.retry_failed)
    ):
        return Unit(key, entry=old, skipped=True)
    return Unit(key, source, entry=entry)


def _digest(source: Source) -> str:
    """SHA-256 of the input's bytes, read in chunks (a large file is never held whole)."""
    digest = hashlib.sha256()
    if source.data is not None or source.path is None:
        digest.update(source.data or b"")
    else:
        with source.path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def options_fingerprint(command: str, pipeline: object, export: ExportOptions | None) -> str:
    """A stable hash of everything that shapes the output: version, command, stage and export options.

    Files named in the options (e.g. --rules) count by their content, so editing them redoes the inputs.
    """
    from newscli.version import __version__

    out = None
    if export is not None:
        output = os.path.abspath(os.fspath(export.output)) if export.output else None
        out = {"to": export.to, "output": output, "name_template": export.name_template, "bom": export.bom}
    data = {"version": __version__, "command": command, "pipeline": _plain(pipeline, True), "export": out}
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _plain(value: Any, files: bool) -> Any:
    """JSON-ready form of an options value: sets sorted, paths with their content's hash."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), files) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(str(_plain(v, files)) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v, files) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, files) for k, v in value.items()}
    if isinstance(value, Path):
        if files and value.is_file():
            return f"{value}@{hashlib.sha256(value.read_bytes()).hexdigest()[:16]}"
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
