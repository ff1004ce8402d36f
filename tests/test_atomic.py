"""Atomic writes: all or nothing, no clobbering without overwrite, no temporary files left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newscli.atomic import atomic_path, atomic_write


def test_file_appears_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_write(target) as out:
        out.write(b"half")
        assert not target.exists()
        out.write(b" and half")
    assert target.read_bytes() == b"half and half"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_error_in_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target, overwrite=True) as out:
        out.write(b"new, but broken")
        raise RuntimeError("crash mid-write")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_existing_file_is_kept_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError), atomic_write(target) as out:
        out.write(b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_file_created_during_the_write_is_not_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(FileExistsError), atomic_write(target) as out:
        out.write(b"mine")
        target.write_bytes(b"someone else's")
    assert target.read_bytes() == b"someone else's"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_overwrite_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with atomic_write(target, overwrite=True) as out:
        out.write(b"new")
    assert target.read_bytes() == b"new"


def test_new_file_gets_the_usual_permissions_not_the_temporary_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "out.txt") as out:
            out.write(b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


def test_atomic_path_hands_a_library_a_file_name_in_the_same_directory(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "data.bin") as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".data.bin.")
        tmp.write_bytes(b"ok")
    assert (tmp_path / "data.bin").read_bytes() == b"ok"
    assert os.listdir(tmp_path) == ["data.bin"]
