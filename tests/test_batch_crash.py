"""Crash safety with real processes: kill -9 at several points, run again, every article exactly once."""

from __future__ import annotations

import hashlib
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_batch import STORY, make_inputs

SINKS = {"jsonl": ("jsonl", "out.jsonl"), "sqlite": ("sqlite", "news.db"), "directory": ("jsonl", "out/")}


def start(
    tmp: Path, sink: str, jobs: int = 1, pass_fds: tuple[int, ...] = (), **faults: object
) -> subprocess.Popen[bytes]:
    """`newscli run` over tmp/in in its own process, with faults injected from outside (tests.faults)."""
    to, output = SINKS[sink]
    config = {"checkpoint_every": 2, **faults}
    env = {**os.environ, "NEWSCLI_FAULTS": json.dumps(config), "PYTHONPATH": str(ROOT)}
    args = ["run", str(tmp / "in"), "--state", str(tmp / "state.db"), "--to", to, "-o", f"{tmp}/{output}"]
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults", *args, "-j", str(jobs), "-q"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=pass_fds,
    )


def run(tmp: Path, sink: str, jobs: int = 1, **faults: object) -> int:
    """Run to the end (or to the injected kill) and return the exit status."""
    process = start(tmp, sink, jobs, **faults)
    process.communicate(timeout=120)
    return process.returncode


def expected_ids(tmp: Path) -> list[str]:
    """The article ids of the current inputs (the hash of each file's bytes)."""
    return sorted(hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in (tmp / "in").iterdir())


def output_ids(tmp: Path, sink: str) -> list[str]:
    """Every article id found in the output, duplicates kept; fails on a half-written record."""
    if sink == "sqlite":
        with sqlite3.connect(tmp / "news.db") as db:
            return sorted(row[0] for row in db.execute("SELECT id FROM articles"))
    files = sorted((tmp / "out").iterdir()) if sink == "directory" else [tmp / "out.jsonl"]
    lines = [line for f in files if f.exists() for line in f.read_text(encoding="utf-8").splitlines()]
    return sorted(json.loads(line)["id"] for line in lines)


def temporaries(tmp: Path) -> list[str]:
    """Temporary files anywhere under the test folder."""
    return sorted(p.name for p in tmp.rglob("*.tmp"))


POINTS = [
    (sink, point)
    for sink, points in {
        "jsonl": ("written:1", "written:4", "rename:1", "closed:1"),
        "sqlite": ("written:1", "written:4", "committed:1", "committed:2", "closed:1"),
        "directory": ("written:1", "written:4", "committed:1", "committed:2", "closed:1"),
    }.items()
    for point in points
]


@pytest.mark.parametrize(("sink", "point"), POINTS)
def test_kill_at_any_point_then_rerun_gives_each_article_exactly_once(
    tmp_path: Path, sink: str, point: str
) -> None:
    make_inputs(tmp_path / "in", 6)
    crashed = run(tmp_path, sink, kill=point)
    output_ids(tmp_path, sink)  # whatever the crash left is whole records only
    assert crashed == -signal.SIGKILL
    assert run(tmp_path, sink) == 0
    assert output_ids(tmp_path, sink) == expected_ids(tmp_path)
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("sink", list(SINKS))
def test_kill_while_redoing_changed_inputs_leaves_only_current_articles(tmp_path: Path, sink: str) -> None:
    paths = make_inputs(tmp_path / "in", 4)
    assert run(tmp_path, sink) == 0
    paths[0].write_text(STORY.format(title="A changed headline"), encoding="utf-8")
    make_inputs(tmp_path / "in", 2, start=4)
    assert run(tmp_path, sink, kill="written:2") == -signal.SIGKILL
    assert run(tmp_path, sink) == 0
    assert output_ids(tmp_path, sink) == expected_ids(tmp_path)


def wait_for_event(read_end: int, event: str, timeout: float = 120) -> None:
    """Block until the run reports `event` on its events pipe (fails if the run ends or time runs out)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while f"{event}\n".encode() not in seen:
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no {event!r} event within {timeout} s; saw {seen!r}"
        chunk = os.read(read_end, 4096)
        assert chunk, f"the run ended before {event!r}; saw {seen!r}"
        seen += chunk


def test_kill_9_from_outside_during_a_parallel_run_then_rerun_is_exactly_once(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 8)
    read_end, write_end = os.pipe()
    try:
        process = start(
            tmp_path, "sqlite", jobs=2, pass_fds=(write_end,), slow={"a05.txt": 60}, events=write_end
        )
        os.close(write_end)
        wait_for_event(read_end, "committed 2")  # a00-a03 committed; a05 hangs in its worker
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    finally:
        os.close(read_end)
    assert process.returncode == -signal.SIGKILL
    assert len(output_ids(tmp_path, "sqlite")) >= 4
    assert run(tmp_path, "sqlite", jobs=2) == 0
    assert output_ids(tmp_path, "sqlite") == expected_ids(tmp_path)
