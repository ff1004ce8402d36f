"""Arguments become sources: files, sorted recursive directories, globs, '-', and named failures."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newscli.parsers import sniff
from newscli.sources import Source, iter_sources


def _names(args: list[str], stdin: bytes = b"") -> list[str]:
    sources = iter_sources(args, io.BytesIO(stdin))
    return [s.name if isinstance(s, Source) else f"!{s.reason}:{s.source}" for s in sources]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in [
        "b.html",
        "a.txt",
        "sub/c.jsonl",
        "sub/z.png",
        ".hidden.html",
        ".git/x.html",
        "sub/deeper/d.htm",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    return tmp_path


def test_directory_is_walked_sorted_skipping_hidden_and_unknown(tree: Path) -> None:
    assert [Path(n).relative_to(tree).as_posix() for n in _names([str(tree)])] == [
        "a.txt", "b.html", "sub/c.jsonl", "sub/deeper/d.htm",
    ]  # fmt: skip


def test_glob_matches_are_sorted(tree: Path) -> None:
    assert [Path(n).name for n in _names([str(tree / "**" / "*.htm*")])] == ["b.html", "d.htm"]


def test_dash_is_stdin_and_missing_inputs_fail_by_name(tree: Path) -> None:
    assert _names(["-", str(tree / "nope.html"), str(tree / "*.xyz")]) == [
        "-",
        f"!not_found:{tree / 'nope.html'}",
        f"!not_found:{tree / '*.xyz'}",
    ]


def test_symlink_loop_in_directory_ends(tree: Path) -> None:
    os.symlink(tree, tree / "sub" / "loop")
    names = [Path(n).relative_to(tree).as_posix() for n in _names([str(tree)])]
    assert names == ["a.txt", "b.html", "sub/c.jsonl", "sub/deeper/d.htm"]


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    assert _names([str(tmp_path)]) == [f"!no_inputs:{tmp_path}"]


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page", "html"),
        (b"  \n\t ", "page.html", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.html", "binary"),
        (b'{"text": "x"}\n', "-", "jsonl"),
        (b'[{"text": "x"}]', "all.json", "json"),
        (b"Headline\nBy Jane Doe\n\nBody text.", "a.txt", "text"),
        (b"\xef\xbb\xbf<html><p>x</p></html>", "bom", "html"),
        ("<html><p>x</p></html>".encode("utf-16"), "utf16", "html"),
        (b"\x1f\x8b\x08\x00", "page.html.gz", "gzip"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "news.db", "sqlite"),
        (b'[1,2]\n{"text": "x"}\n', "a.jsonl", "jsonl"),
        (b"Plain words first\n{}\n", "a.ndjson", "jsonl"),
        (b'[1,2]\n{"text": "x"}\n', "-", "jsonl"),
        (b'[{"text": "x"}, {"text": "y"}]\n', "-", "json"),
        (b'[\n{"text": "x"}\n]\n', "-", "json"),
        (b'"a string"', "a.json", "json"),
        (b"[1,2] is how the list starts", "notes.txt", "text"),
    ],
)
def test_sniff_tells_what_a_source_holds(data: bytes, name: str, kind: str) -> None:
    assert sniff(Source(name=name, data=data)) == kind


def test_a_file_name_that_is_not_utf8_opens_and_is_shown_escaped(tmp_path: Path) -> None:
    raw = os.fsdecode(bytes(tmp_path) + b"/\xff\xfe.html")
    Path(raw).write_bytes(b"<p>x</p>")
    (source,) = iter_sources([raw], io.BytesIO())
    assert isinstance(source, Source)
    assert source.name == f"{tmp_path}/\\xff\\xfe.html"
    assert source.read() == b"<p>x</p>"


def test_a_page_taken_from_a_warc_archive_is_never_read_as_an_archive_itself() -> None:
    assert sniff(Source(name="a.warc#urn:1", data=b"WARC/1.0\r\n", hints={"warc_record": "1"})) == "text"
