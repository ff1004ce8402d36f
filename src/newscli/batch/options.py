"""How a batch runs: the options of `newscli run`, read by every part of the batch package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
