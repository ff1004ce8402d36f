"""What one hostile-input run is and what it must show: the scenario, the case, and the verdict."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.robustness.harness import HANG_GUARD, ROOT, Outcome, child_env, run_newscli

MAX_RSS_MB = 1536  # generous: a bound that catches "reads everything into memory", not a benchmark

Check = Callable[[Outcome, Path], None]


@dataclass(frozen=True)
class Line:
    """An expected stderr line: its start, its end, and text it must hold."""

    start: str
    end: str = ""
    holds: str = ""

    def matches(self, line: str) -> bool:
        """Whether a real stderr line is this one."""
        return line.startswith(self.start) and line.endswith(self.end) and self.holds in line


def failed(name: str, reason: str) -> Line:
    """The contract's error line for a failed input: `newscli: <input>: <message> [<reason>]`."""
    return Line(f"newscli: {name}: ", f" [{reason}]")


@dataclass(frozen=True)
class Interrupt:
    """A signal sent to the run once `when(folder)` holds (SIGINT to the whole group, like Ctrl-C)."""

    signum: int
    when: Callable[[Path], bool]

    def sender(self, folder: Path) -> Callable[[subprocess.Popen[bytes]], None]:
        """The callback that waits for the moment and sends the signal."""

        def send(proc: subprocess.Popen[bytes]) -> None:
            """Poll for the moment; fail if the run ends (or the guard passes) before it comes."""
            deadline = time.monotonic() + HANG_GUARD
            while not self.when(folder):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("the run ended before the moment to interrupt it")
                time.sleep(0.01)
            if self.signum == signal.SIGINT:
                os.killpg(proc.pid, signal.SIGINT)
            else:
                proc.send_signal(self.signum)  # the launcher forwards it to newscli

        return send


@dataclass
class Scenario:
    """One prepared run: the arguments and everything the run must show."""

    args: list[str]
    code: int | tuple[int, ...]  # the exit status, or the statuses a case's own checks tell apart
    errors: list[Line] | None = field(default_factory=list)  # every `newscli: ...` line (None: own checks)
    articles: int | None = 1  # JSON Lines records expected on stdout (None: not counted)
    checks: list[Check] = field(default_factory=list)
    preexec: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes = b""
    interrupt: Interrupt | None = None
    faults: dict[str, Any] | None = None  # injected from outside (tests/faults.py), e.g. a slow input
    timeout: float = HANG_GUARD  # the hang guard: generous, never a speed assertion


@dataclass(frozen=True)
class Case:
    """A hostile input (or hostile moment) and how to build its run."""

    name: str
    what: str
    build: Callable[[Path], Scenario]
    bug: str | None = None  # a known defect: "<what goes wrong>: owner <module>" (a strict xfail)
    slow: bool = False
    needs: str | None = None  # a newscli module the case needs (skipped until it exists)


def run_case(case: Case, folder: Path) -> tuple[Scenario, Outcome]:
    """Build the case's inputs in `folder` and run newscli there."""
    scenario = case.build(folder)
    env = dict(scenario.env)
    if scenario.faults is not None:
        env.update({"NEWSCLI_FAULTS": json.dumps(scenario.faults), "PYTHONPATH": str(ROOT)})
    outcome = run_newscli(
        scenario.args,
        cwd=folder,
        stdin=scenario.stdin,
        timeout=scenario.timeout,
        preexec_fn=scenario.preexec,
        env=child_env(**env),
        after_start=scenario.interrupt.sender(folder) if scenario.interrupt else None,
        module="newscli" if scenario.faults is None else "tests.faults",
    )
    return scenario, outcome


def verify(scenario: Scenario, outcome: Outcome, folder: Path) -> None:
    """Assert the contract: no traceback, exit code, the error lines, every good article, bounded memory."""
    if "Traceback" in outcome.stderr:
        last = outcome.stderr.strip().splitlines()[-1]
        raise AssertionError(f"a traceback ({last}) on stderr:\n{outcome.stderr[-2000:]}")
    expected = f"exit {outcome.code}, expected {scenario.code}"
    # A run that ends by re-raising Ctrl-C on itself (as Python does for an interrupt still pending at
    # exit) is exit 130 to a shell, a script or cron: death by signal N counts as 128 + N.
    assert outcome.shell_code in codes(scenario), f"{expected}\n{outcome.stderr[-500:]}"
    if scenario.errors is not None:
        lines = outcome.error_lines
        assert len(lines) == len(scenario.errors), lines
        for line, want in zip(lines, scenario.errors, strict=True):
            assert want.matches(line), f"{line!r} is not {want}"
    if scenario.articles is not None:
        written = outcome.stdout.count(b"\n")
        assert written == scenario.articles, f"{written} articles, expected {scenario.articles}"
    assert outcome.peak_rss_mb < MAX_RSS_MB, f"peak memory {outcome.peak_rss_mb:.0f} MB"
    for check in scenario.checks:
        check(outcome, folder)


def codes(scenario: Scenario) -> tuple[int, ...]:
    """The exit statuses the scenario allows."""
    return scenario.code if isinstance(scenario.code, tuple) else (scenario.code,)


def never_in_stdout(*needles: str) -> Check:
    """A check that none of these strings reach the output."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Fail when a forbidden string is in stdout."""
        text = outcome.stdout.decode("utf-8", "replace")
        found = [needle for needle in needles if needle in text]
        assert not found, f"forbidden text in output: {found}"

    return check
