"""One progress bar per pipeline: only the stage whose stdout is not a pipe draws, and only on a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from newscli.progress import BarReporter, LineReporter, reporter, shows_bar
from newscli.runner import Request, execute
from tests.conftest import ROOT, SAMPLES, FakeEnv

RECORDS = str(SAMPLES / "records.jsonl")


@pytest.mark.parametrize(
    ("stderr_tty", "stdout_pipe", "quiet", "bar"),
    [
        (True, False, False, True),  # last stage, writing to a file or the terminal
        (True, True, False, False),  # a stage feeding the next one, or a pager
        (False, False, False, False),  # nobody watches stderr
        (True, False, True, False),  # -q
    ],
)
def test_bar_only_on_a_watched_stderr_of_the_pipelines_last_stage(
    stderr_tty: bool, stdout_pipe: bool, quiet: bool, bar: bool
) -> None:
    env = FakeEnv.make(stderr_tty=stderr_tty, stdout_pipe=stdout_pipe)
    env.quiet = quiet
    assert shows_bar(env) is bar
    report = reporter(env, None, "newscli extract")
    assert isinstance(report, BarReporter if bar else LineReporter)
    report.close()


def test_stage_writing_into_a_pipe_draws_nothing_on_a_terminal() -> None:
    env = FakeEnv.make(stderr_tty=True, stdout_pipe=True)
    execute(Request("extract", inputs=(RECORDS,)), env)
    assert env.err == ""
    assert len(env.out.splitlines()) == 2


def test_last_stage_of_a_pipeline_draws_its_bar() -> None:
    env = FakeEnv.make(stdin=(SAMPLES / "records.jsonl").read_bytes(), stderr_tty=True)
    execute(Request("export"), env)
    assert "newscli export" in env.err


def _stderr_on_a_terminal(args: list[str], stdout: int | None) -> bytes:
    """Run newscli with stderr on a pseudo-terminal and return what it drew there."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscli", *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave,
        cwd=ROOT, env=env,
    )  # fmt: skip
    os.close(slave)
    drawn = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    proc.wait(timeout=60)
    os.close(master)
    return drawn


def test_real_pipe_on_stdout_keeps_a_terminal_stderr_clean(tmp_path: Path) -> None:
    reader = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    drawn = _stderr_on_a_terminal(["extract", RECORDS, "samples/ar-water-plant.html"], reader.stdin.fileno())
    reader.stdin.close()
    reader.wait(timeout=60)
    assert drawn == b""


def test_real_file_on_stdout_gets_the_bar_on_a_terminal_stderr(tmp_path: Path) -> None:
    with (tmp_path / "out.jsonl").open("wb") as out:
        drawn = _stderr_on_a_terminal(["extract", RECORDS, "samples/ar-water-plant.html"], out.fileno())
    assert b"newscli extract" in drawn
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 3
