"""Batch runs for cron: parallel, incremental, crash-safe, locked; WARC input; optional Dask engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscli.env import Environment
    from newscli.errors import ExitCode
    from newscli.request import Request

__all__ = ["ENGINES", "BatchOptions", "run_batch"]

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; every field maps to one `newscli run` option."""

    jobs: int | None = None  # --jobs N (default: the number of cores)
    timeout: float | None = None  # --timeout SECONDS per input: the worker is killed, reason "timeout"
    state: Path | None = None  # --state FILE (SQLite): skip unchanged inputs, lock against a second run
    retry_failed: bool = False  # --retry-failed: redo inputs that failed last time
    force: bool = False  # --force: redo every input
    keep_duplicates: bool = False  # --keep-duplicates: store an article again under another URL or input
    errors: Path | None = None  # --errors FILE: one JSON object per failed input
    engine: str = "local"  # --engine local|dask
    scheduler: str | None = None  # --scheduler ADDRESS of a Dask scheduler (default: a local cluster)


def run_batch(request: Request, options: BatchOptions, env: Environment) -> ExitCode:
    """Run the request over all its inputs as a batch (see newscli.batch.runner)."""
    from newscli.batch.runner import run_batch as run

    return run(request, options, env)
