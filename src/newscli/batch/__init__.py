"""Batch runs for cron: parallel, incremental, crash-safe, locked; WARC input; optional Dask engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newscli.batch.options import ENGINES, BatchOptions

if TYPE_CHECKING:
    from newscli.env import Environment
    from newscli.errors import ExitCode
    from newscli.request import Request

__all__ = ["ENGINES", "BatchOptions", "run_batch"]


def run_batch(request: Request, options: BatchOptions, env: Environment) -> ExitCode:
    """Run the request over all its inputs as a batch (see newscli.batch.runner)."""
    from newscli.batch.runner import run_batch as run

    return run(request, options, env)
