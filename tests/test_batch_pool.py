"""The local pool: bounded read-ahead (memory does not grow with the number of inputs), order kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newscli.batch.pool import WINDOW_PER_WORKER, LocalEngine
from newscli.batch.worker import Job
from newscli.model import Article
from newscli.pipeline import PipelineOptions
from newscli.sources import Source
from tests.faults import fork_workers, install
from tests.test_batch import make_inputs


def test_a_slow_first_input_holds_at_most_the_window_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_inputs(tmp_path / "in", 3 * 2 * WINDOW_PER_WORKER)
    fork_workers(monkeypatch)
    install({"slow": {"a00.txt": 2}}, monkeypatch)
    consumed: list[int] = []

    def inputs() -> Iterator[tuple[int, Source]]:
        for number, path in enumerate(paths):
            consumed.append(number)
            yield number, Source(name=str(path), path=path)

    job = Job("extract", PipelineOptions())
    results = LocalEngine(job, jobs=2).run(inputs())
    first = next(results)
    assert (first[0], len(consumed)) == (0, 2 * WINDOW_PER_WORKER)  # read ahead while a00 sleeps, no more
    rest = list(results)
    assert [tag for tag, _ in rest] == list(range(1, len(paths)))
    assert all(isinstance(items[0], Article) for _, items in [first, *rest] if items)
