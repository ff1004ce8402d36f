"""Atomic writes: all or nothing, no clobbering without overwrite, no temporary files left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newscli import atomic
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


def _interrupt_once(real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, except that its first call raises KeyboardInterrupt after doing its work (a late Ctrl-C)."""
    calls = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if not calls:
            calls.append(1)
            raise KeyboardInterrupt
        return result

    return wrapper


def test_an_interrupt_right_after_the_temporary_is_created_leaves_it_for_remove_unfinished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "close", _interrupt_once(os.close))
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "out.txt") as out:
        out.write(b"never")
    assert [name.endswith(".tmp") for name in os.listdir(tmp_path)] == [True]
    atomic.remove_unfinished()
    assert os.listdir(tmp_path) == []
    assert atomic._unfinished == set()


def test_an_interrupt_inside_the_cleanup_leaves_the_temporary_for_remove_unfinished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_unlink = Path.unlink
    calls: list[Path] = []

    def unlink_interrupted(self: Path, missing_ok: bool = False) -> None:
        calls.append(self)
        if len(calls) == 1:
            raise KeyboardInterrupt  # before the file is removed
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink_interrupted)
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "out.txt") as out:
        out.write(b"partial")
        raise RuntimeError("the write failed")
    assert len(os.listdir(tmp_path)) == 1
    atomic.remove_unfinished()
    assert os.listdir(tmp_path) == []


def test_a_temporary_name_held_by_another_file_is_skipped_and_that_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter([b"\x00" * 8, b"\x01" * 8])
    monkeypatch.setattr(atomic.os, "urandom", lambda n: next(draws))
    theirs = tmp_path / ".out.txt.0000000000000000.tmp"
    theirs.write_bytes(b"someone else's")
    with atomic_write(tmp_path / "out.txt") as out:
        out.write(b"mine")
    assert sorted(os.listdir(tmp_path)) == [".out.txt.0000000000000000.tmp", "out.txt"]
    assert theirs.read_bytes() == b"someone else's"
    assert (tmp_path / "out.txt").read_bytes() == b"mine"


def test_the_entry_point_removes_unfinished_temporaries_on_the_way_out(tmp_path: Path) -> None:
    left = tmp_path / ".out.jsonl.0123456789abcdef.tmp"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import newscli.atomic as atomic\n"
        f"left = Path({str(left)!r})\n"
        "left.write_bytes(b'half')\n"
        "atomic._unfinished.add(left)\n"
        "from newscli.__main__ import main\n"
        "sys.argv = ['newscli', '--version']\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert result.returncode == 0
    assert not left.exists()
