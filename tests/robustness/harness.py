"""Run the real command line in a child process, measuring its exit code, time and peak memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launch.py")
HANG_GUARD = 60.0  # seconds: a child still running after this is a hang, not a slow run


@dataclass(frozen=True)
class Outcome:
    """What one run of newscli did."""

    code: int
    stdout: bytes
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def shell_code(self) -> int:
        """The status as a shell's `$?` shows it: death by signal N is 128 + N (SIGINT: 130)."""
        return self.code if self.code >= 0 else 128 - self.code

    @property
    def error_lines(self) -> list[str]:
        """The stderr lines that report a failed input (one per failure, by the contract)."""
        return [line for line in self.stderr.splitlines() if line.startswith("newscli: ")]


def child_env(**extra: str) -> dict[str, str]:
    """The child's environment: this one, without colour or terminal width surprises."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCLI_", "FORCE_COLOR"))}
    env.update({"NO_COLOR": "1", "COLUMNS": "100", "PYTHONHASHSEED": "0"}, **extra)
    return env


def run_newscli(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    stdin: bytes = b"",
    timeout: float = HANG_GUARD,
    preexec_fn: Callable[[], None] | None = None,
    after_start: Callable[[subprocess.Popen[bytes]], None] | None = None,
    env: dict[str, str] | None = None,
    module: str = "newscli",
) -> Outcome:
    """Run `python -m newscli ARGS`; kill it past `timeout` (a hang guard) and report what it did.

    `module="tests.faults"` runs the same command line with the faults of NEWSCLI_FAULTS injected.

    Streams go through temporary files, so a child writing megabytes never blocks on a full pipe. The
    child runs under tests.robustness.launch (which measures its peak memory with os.wait4), in its own
    session, so Ctrl-C can reach the whole group and the hang guard can kill it all.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as inp,
        tempfile.NamedTemporaryFile("r", encoding="ascii") as rusage,
    ):
        inp.write(stdin)
        inp.seek(0)
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, str(LAUNCHER), rusage.name, module, *args],
            stdin=inp,
            stdout=out,
            stderr=err,
            cwd=cwd or ROOT,
            env=env or child_env(),
            preexec_fn=preexec_fn,
            start_new_session=True,
        )
        try:
            if after_start is not None:
                after_start(proc)
        finally:
            status = _wait(proc, started + timeout)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        return Outcome(
            code=code,
            stdout=out.read(),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_rss_mb=int(rusage.read() or 0) / 1024,
        )


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> int:
    """Reap the child's wait status; kill its whole group (and fail loudly) once the deadline passes."""
    while True:
        if proc.returncode is not None:  # Popen.poll() already reaped it: rebuild the wait status
            code = proc.returncode
            return -code if code < 0 else code << 8
        pid, status = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            return status
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            os.waitpid(proc.pid, 0)
            raise TimeoutError(f"newscli still running after the hang guard: {proc.args!r}")
        time.sleep(0.02)
