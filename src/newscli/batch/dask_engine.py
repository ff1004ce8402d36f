"""The Dask engine: the same per-source work on a Dask cluster (`--engine dask`, extra `newscli[dask]`)."""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from newscli.batch.worker import Job, run_source
from newscli.errors import Failure, UsageError
from newscli.parsers import Item
from newscli.sources import Source

T = TypeVar("T")
WINDOW_PER_WORKER = 8  # tasks in flight per worker: enough to hide network latency, bounded memory


@dataclass
class DaskEngine:
    """Submit each source as a task, collect results in input order with a bounded window."""

    job: Job
    jobs: int = 2
    timeout: float | None = None
    scheduler: str | None = None

    def run(self, inputs: Iterable[tuple[T, Source | None]]) -> Iterator[tuple[T, list[Item] | None]]:
        """Items per input in input order; a None source passes through (a skipped input)."""
        client, cluster = self._connect()
        try:
            job = client.scatter(self.job, broadcast=True)
            window: collections.deque[tuple[T, Source | None, Any]] = collections.deque()
            limit = max(1, self.jobs) * WINDOW_PER_WORKER
            for tag, source in inputs:
                future = None if source is None else client.submit(run_source, source, job, pure=False)
                window.append((tag, source, future))
                if len(window) >= limit:
                    yield self._result(*window.popleft())
            while window:
                yield self._result(*window.popleft())
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _result(self, tag: T, source: Source | None, future: Any) -> tuple[T, list[Item] | None]:
        """One task's items; a task that outlives --timeout is cancelled and fails with reason timeout."""
        if future is None or source is None:
            return tag, None
        from dask.distributed import TimeoutError as DaskTimeout

        try:
            items: list[Item] = future.result(timeout=self.timeout)
        except (DaskTimeout, TimeoutError):
            future.cancel()
            message = f"no result after {self.timeout:g} s; the task was cancelled (see --timeout)"
            return tag, [Failure(source.name, "timeout", message)]
        except Exception as exc:  # a worker lost mid-task, a task that raised: fail this input only
            return tag, [
                Failure(source.name, "crashed", f"the Dask task failed ({type(exc).__name__}: {exc})")
            ]
        return tag, items

    def _connect(self) -> tuple[Any, Any]:
        """A client of the given scheduler, or of a new local cluster of `jobs` single-threaded processes."""
        import importlib

        try:
            distributed: Any = importlib.import_module("dask.distributed")  # untyped; optional extra
        except ImportError:
            raise UsageError(
                "needs_dask", "--engine dask needs Dask: pip install 'newscli[dask]' (dask and distributed)"
            ) from None
        if self.scheduler:
            return distributed.Client(self.scheduler), None
        cluster = distributed.LocalCluster(
            n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        return distributed.Client(cluster), cluster
