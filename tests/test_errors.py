"""How a problem is said: one encodable line, values quoted short, storage errors told from wrong files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from newscli.errors import (
    Failure,
    InputError,
    OutputError,
    Terminated,
    cannot_write,
    clip,
    is_storage_error,
    quote,
    safe_text,
)


def test_undecodable_file_name_bytes_are_shown_escaped_and_always_encode() -> None:
    name = os.fsdecode(b"d/\xff\xfe caf\xe9.html")
    assert safe_text(name) == "d/\\xff\\xfe caf\\xe9.html"
    assert safe_text("lone \ud800 surrogate") == "lone \\ud800 surrogate"
    assert safe_text("خبر عاجل.html") == "خبر عاجل.html"


def test_a_failure_carries_an_encodable_name_and_gives_one_line() -> None:
    failure = Failure(os.fsdecode(b"bad\n\xff.html"), "empty", "empty\ninput")
    assert failure.source == "bad\n\\xff.html"
    assert failure.line() == "newscli: bad\\n\\xff.html: empty\\ninput [empty]"
    failure.line().encode("utf-8")


def test_a_ten_megabyte_value_is_quoted_with_its_start_end_and_true_length() -> None:
    quoted = quote("x" * 10_000_000)
    assert quoted == "'" + "x" * 133 + "'…[9,999,834 characters]…'" + "x" * 33 + "'"
    assert len(quote(["y" * 1000] * 1000)) <= 210
    assert quote("short") == "'short'"


def test_every_message_is_bounded_even_from_a_library() -> None:
    error = InputError("bad_json", "invalid JSON (" + "z" * 1_000_000 + ")")
    assert len(error.message) < 450 and error.message.endswith("zzz)")
    assert len(Failure("x", "r", "m" * 1_000_000).line()) < 450
    assert clip("a" * 300, 200) == "a" * 133 + "…[134 characters]…" + "a" * 33


def test_storage_errors_are_told_from_files_holding_the_wrong_thing(tmp_path: Path) -> None:
    (tmp_path / "text.db").write_text("not a database")
    with pytest.raises(sqlite3.DatabaseError) as wrong:
        sqlite3.connect(tmp_path / "text.db").execute("PRAGMA user_version")
    with pytest.raises(sqlite3.OperationalError) as missing_folder:
        sqlite3.connect(tmp_path / "no" / "such.db").execute("PRAGMA user_version")
    assert not is_storage_error(wrong.value)
    assert is_storage_error(missing_folder.value)
    assert is_storage_error(PermissionError(13, "Permission denied"))
    assert not is_storage_error(OutputError("output", "database or disk is full"))  # said already
    assert not is_storage_error(ValueError("disk is full"))  # not SQLite's


def test_cannot_write_is_one_output_error_naming_the_path() -> None:
    error = cannot_write(os.fsdecode(b"ro/\xff.db"), sqlite3.OperationalError("database or disk is full"))
    assert (error.reason, error.message) == ("output", "ro/\\xff.db: cannot write (database or disk is full)")
    assert (
        cannot_write("x", IsADirectoryError(21, "Is a directory")).message
        == "x: cannot write (Is a directory)"
    )


def test_sigterm_cannot_be_swallowed_by_a_generic_safety_net() -> None:
    with pytest.raises(Terminated):
        try:
            raise Terminated()
        except Exception:  # what a per-input safety net catches
            pytest.fail("Terminated was caught as an ordinary error")
