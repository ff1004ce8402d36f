"""The collector is paused for start-up only: the runner turns it back on after the first input."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscli import collector
from newscli.errors import ExitCode
from newscli.runner import Request, execute
from tests.conftest import SAMPLES, FakeEnv

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(SAMPLES / "en-harbor-bridge.html")


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """Each test starts and ends with the collector on, nothing frozen, and the module at rest."""
    yield
    collector._state = "running"
    gc.unfreeze()
    gc.enable()


def test_pause_then_two_inputs_freeze_the_start_up_heap_once_and_unfreeze_it_after() -> None:
    collector.pause()
    assert (collector.state(), gc.isenabled()) == ("paused", False)
    collector.resume()
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count() > 0) == ("frozen", True, True)
    collector.resume()
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count()) == ("running", True, 0)
    collector.resume()
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count()) == ("running", True, 0)


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    collector.pause()
    collector.resume()
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count()) == ("running", False, 0)


def test_the_runner_turns_the_collector_back_on_after_the_inputs() -> None:
    collector.pause()
    env = FakeEnv.make()
    assert execute(Request("extract", inputs=(PAGE,)), env) == ExitCode.OK
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count()) == ("running", True, 0)
    assert len(env.out.splitlines()) == 1


def test_the_runner_leaves_the_collector_alone_when_nobody_paused_it() -> None:
    assert execute(Request("extract", inputs=(PAGE,)), FakeEnv.make()) == ExitCode.OK
    assert (collector.state(), gc.isenabled(), gc.get_freeze_count()) == ("running", True, 0)


def test_the_console_entry_point_pauses_before_typer_is_imported() -> None:
    code = (
        "import gc, sys\n"
        "import newscli.__main__ as entry\n"
        "import newscli.collector as collector\n"
        "real = collector.pause\n"
        "def pause():\n"
        "    real()\n"
        "    print('typer loaded', 'typer' in sys.modules, 'collector on', gc.isenabled(), file=sys.stderr)\n"
        "collector.pause = pause\n"
        "sys.argv = ['newscli', '--version']\n"
        "entry.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 0
    assert result.stderr.decode().splitlines()[0] == "typer loaded False collector on False"
