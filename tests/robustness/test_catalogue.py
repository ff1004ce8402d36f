"""Every hostile input in the catalogue, run through the real command line."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

from tests.robustness.catalogue import CASES
from tests.robustness.scenario import Case, run_case, verify


def _param(case: Case) -> object:
    """A pytest parameter for a case: slow ones marked, known defects as strict xfails."""
    marks = [pytest.mark.slow] if case.slow else []
    if case.bug:
        marks.append(pytest.mark.xfail(strict=True, reason=case.bug))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_hostile_input_gives_exit_code_error_lines_and_good_articles(case: Case, tmp_path: Path) -> None:
    """The case's exit code, one error line per bad input naming it, every good article, bounded memory."""
    if case.needs and importlib.util.find_spec(case.needs) is None:
        pytest.skip(f"{case.needs} is not there yet")
    try:
        scenario, outcome = run_case(case, tmp_path)
    except subprocess.SubprocessError as exc:  # the preexec_fn could not drop root's override
        pytest.skip(f"cannot make file permissions apply to the child here: {exc}")
    verify(scenario, outcome, tmp_path)
