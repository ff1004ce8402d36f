"""A Ctrl-C or SIGTERM swallowed where it landed still stops the run at the next input."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscli import stop
from newscli.errors import ExitCode, Terminated
from newscli.runner import Request, execute
from tests.conftest import SAMPLES, FakeEnv

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(SAMPLES / "en-harbor-bridge.html")


@pytest.fixture(autouse=True)
def _nothing_pending() -> Iterator[None]:
    """No stop is left pending for the next test."""
    yield
    stop.clear()


def _swallowed(signum: int) -> None:
    """The handler ran where its exception could not propagate (a weakref callback, a __del__)."""
    with pytest.raises((KeyboardInterrupt, Terminated)):
        stop.handler(signum, None)


def test_a_swallowed_ctrl_c_is_raised_again_by_check_until_cleared() -> None:
    _swallowed(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        stop.check()
    with pytest.raises(KeyboardInterrupt):
        stop.check()
    stop.clear()
    stop.check()


def test_a_swallowed_sigterm_comes_back_as_terminated() -> None:
    _swallowed(signal.SIGTERM)
    with pytest.raises(Terminated):
        stop.check()


def test_the_runner_stops_at_the_next_input_when_a_stop_was_swallowed() -> None:
    _swallowed(signal.SIGINT)
    env = FakeEnv.make()
    with pytest.raises(KeyboardInterrupt):
        execute(Request("extract", inputs=(PAGE, PAGE)), env)
    assert env.out == ""


def test_the_runner_runs_normally_when_nothing_is_pending() -> None:
    env = FakeEnv.make()
    assert execute(Request("extract", inputs=(PAGE,)), env) == ExitCode.OK
    assert len(env.out.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "signum", "code", "lines"),
    [
        (["extract", PAGE], signal.SIGINT, 130, ["newscli: interrupted"]),
        (["extract", PAGE], signal.SIGTERM, 143, ["newscli: terminated"]),
        (
            ["run", PAGE, PAGE.replace("en-harbor-bridge", "fr-trains-nuit"), "-j", "2", "-q"],
            signal.SIGINT,
            130,
            [],
        ),
    ],
)
def test_a_stop_swallowed_at_start_up_ends_the_command_with_its_exit_code(
    args: list[str], signum: int, code: int, lines: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    code_text = (
        "import sys\n"
        "import newscli.stop as stop\n"
        "install = stop.install\n"
        "def swallowed():\n"
        "    install()\n"
        "    try:\n"
        f"        stop.handler({int(signum)}, None)\n"
        "    except BaseException:\n"
        "        pass\n"
        "stop.install = swallowed\n"
        "from newscli.__main__ import main\n"
        f"sys.argv = ['newscli', *{args!r}, '-o', {str(out)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code_text], capture_output=True, cwd=ROOT, timeout=120, check=False
    )
    assert result.returncode == code, result.stderr.decode()
    assert result.stderr.decode().splitlines() == lines
    assert not out.exists()
