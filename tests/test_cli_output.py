"""`-o DIR` naming a directory that exists writes one file per article into it, trailing '/' or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run_cli

RECORD_NAMES = ["la-bibliothèque-municipale-ouvre-le-dimanche", "solar-roofs-become-mandatory-for-new-homes"]


@pytest.mark.parametrize("to", [[], ["--to", "markdown"], ["--to", "json"]])
def test_export_into_an_existing_directory_without_a_trailing_slash(tmp_path: Path, to: list[str]) -> None:
    (tmp_path / "out").mkdir()
    done = run_cli("export", str(SAMPLES / "records.jsonl"), *to, "-o", str(tmp_path / "out"))
    extension = {"markdown": "md", "json": "json"}.get(to[-1] if to else "", "jsonl")
    assert (done.returncode, done.stderr) == (0, b"")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{n}.{extension}" for n in RECORD_NAMES]


def test_run_into_an_existing_directory_without_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    done = run_cli("run", str(SAMPLES / "records.jsonl"), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{n}.jsonl" for n in RECORD_NAMES]


def test_a_file_path_that_does_not_exist_is_one_file(tmp_path: Path) -> None:
    done = run_cli("export", str(SAMPLES / "records.jsonl"), "-o", str(tmp_path / "out"))
    assert done.returncode == 0
    assert (tmp_path / "out").is_file() and len((tmp_path / "out").read_bytes().splitlines()) == 2
