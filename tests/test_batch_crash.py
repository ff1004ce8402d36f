"""Crash safety with real processes: kill -9 at several points, run again, every article exactly once."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_batch import STORY, make_inputs

DRIVER = """
import sys
from pathlib import Path
from newscli.batch import BatchOptions, run_batch
from newscli.env import Environment
from newscli.export import ExportOptions
from newscli.runner import Request
inputs, state, to, output, jobs = sys.argv[1:6]
request = Request(command="run", inputs=(inputs,), export=ExportOptions(to=to, output=output))
options = BatchOptions(jobs=int(jobs), state=Path(state))
sys.exit(run_batch(request, options, Environment.from_process()))
"""

SINKS = {"jsonl": ("jsonl", "out.jsonl"), "sqlite": ("sqlite", "news.db"), "directory": ("jsonl", "out/")}


def start(tmp: Path, sink: str, jobs: int = 1, **environ: str) -> subprocess.Popen[bytes]:
    """A batch run in its own process, with test hooks in its environment."""
    to, output = SINKS[sink]
    env = {**os.environ, "NEWSCLI_TEST_CHECKPOINT_EVERY": "2", **environ}
    args = [str(tmp / "in"), str(tmp / "state.db"), to, f"{tmp}/{output}", str(jobs)]
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def run(tmp: Path, sink: str, jobs: int = 1, **environ: str) -> int:
    """Run to the end (or to the crash hook) and return the exit status."""
    process = start(tmp, sink, jobs, **environ)
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
        "jsonl": ("written:1", "written:4", "merge:1", "closed:1"),
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
    crashed = run(tmp_path, sink, NEWSCLI_TEST_CRASH=point)
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
    assert run(tmp_path, sink, NEWSCLI_TEST_CRASH="written:2") == -signal.SIGKILL
    assert run(tmp_path, sink) == 0
    assert output_ids(tmp_path, sink) == expected_ids(tmp_path)


def test_kill_9_from_outside_during_a_parallel_run_then_rerun_is_exactly_once(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 8)
    process = start(tmp_path, "sqlite", jobs=2, NEWSCLI_TEST_SLEEP="a05.txt:60")
    deadline = time.monotonic() + 60
    while not (tmp_path / "news.db").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert run(tmp_path, "sqlite", jobs=2) == 0
    assert output_ids(tmp_path, "sqlite") == expected_ids(tmp_path)
