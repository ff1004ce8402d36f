"""What runs inside a worker process (local pool or Dask): one source through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from newscli.errors import Failure
from newscli.parsers import Item
from newscli.pipeline import PipelineOptions, process
from newscli.sources import Source


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the source: the command and its options."""

    command: str
    pipeline: PipelineOptions


def run_source(source: Source, job: Job) -> list[Item]:
    """The articles and failures of one source; a bug in a stage becomes a failure, not a dead batch."""
    try:
        return list(process([source], job.command, job.pipeline))
    except Exception as exc:  # the batch must go on; the reason names the bug
        return [Failure(source.name, "internal_error", f"{type(exc).__name__}: {exc}")]
