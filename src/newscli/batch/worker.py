"""What runs inside a worker process (local pool or Dask): one source through the pipeline."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from newscli.errors import Failure
from newscli.parsers import Item
from newscli.pipeline import PipelineOptions, process
from newscli.sources import Source


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the source: the command, its options, and test hooks."""

    command: str
    pipeline: PipelineOptions
    hooks: Mapping[str, str] = field(default_factory=dict)


def run_source(source: Source, job: Job) -> list[Item]:
    """The articles and failures of one source; a bug in a stage becomes a failure, not a dead batch."""
    _test_hooks(source, job.hooks)
    try:
        return list(process([source], job.command, job.pipeline))
    except Exception as exc:  # the batch must go on; the reason names the bug
        return [Failure(source.name, "internal_error", f"{type(exc).__name__}: {exc}")]


def _test_hooks(source: Source, hooks: Mapping[str, str]) -> None:
    """Tests only: sleep on, or die on, inputs whose name contains a marker (NEWSCLI_TEST_* variables)."""
    sleep = hooks.get("NEWSCLI_TEST_SLEEP")  # "marker:seconds"
    if sleep:
        marker, _, seconds = sleep.rpartition(":")
        if marker in source.name:
            time.sleep(float(seconds))
    die = hooks.get("NEWSCLI_TEST_WORKER_EXIT")  # "marker"
    if die and die in source.name:
        os._exit(70)
