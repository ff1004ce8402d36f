"""Shared test helpers: run the real command line, find samples and the shared data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscli.env import Environment
from newscli.model import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden"


def golden_records() -> list[Article]:
    """The hand-written English and Arabic records the export tests share (tests/golden/records.jsonl)."""
    lines = (GOLDEN / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article.from_dict(json.loads(line)) for line in lines]


def run_cli(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m newscli ARGS` as a user would, capturing both streams."""
    return subprocess.run(
        [sys.executable, "-m", "newscli", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )


def head_one(*args: str, timeout: float = 120) -> tuple[bytes, int, bytes]:
    """`python -m newscli ARGS | head -1`: the first line, then the reader goes away.

    Returns the line, the exit status and everything written to stderr.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    status = proc.wait(timeout=timeout)
    return first, status, proc.stderr.read()


def records(stdout: bytes) -> list[dict[str, Any]]:
    """Decode JSON Lines output."""
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


class FakeEnv(Environment):
    """An Environment over in-memory streams, so terminal/pipe behaviour is a unit test."""

    @classmethod
    def make(
        cls,
        stdin: bytes = b"",
        *,
        stdin_tty: bool = False,
        stdout_tty: bool = False,
        stderr_tty: bool = False,
        stdout_pipe: bool = False,
        environ: dict[str, str] | None = None,
    ) -> FakeEnv:
        """Streams in memory; TTY flags, whether stdout is a pipe, and variables as given."""
        return cls(
            stdin=io.BytesIO(stdin),
            stdout=io.BytesIO(),
            stderr=io.StringIO(),
            stdin_isatty=stdin_tty,
            stdout_isatty=stdout_tty,
            stderr_isatty=stderr_tty,
            stdout_ispipe=stdout_pipe,
            environ=environ or {"COLUMNS": "100", "NO_COLOR": "1"},
        )

    @property
    def out(self) -> str:
        """What was written to stdout."""
        assert isinstance(self.stdout, io.BytesIO)
        return self.stdout.getvalue().decode("utf-8")

    @property
    def err(self) -> str:
        """What was written to stderr."""
        assert isinstance(self.stderr, io.StringIO)
        return self.stderr.getvalue()


@pytest.fixture
def shared() -> Path:
    """The read-only shared data folder; skips the test when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not available")
    return SHARED
