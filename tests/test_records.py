"""Reading JSON Lines: a malformed line is one failure naming the line; the others come through."""

from __future__ import annotations

from newscli.errors import Failure
from newscli.model import Article
from newscli.parsers.records import read_records
from newscli.sources import Source


def _read(data: bytes) -> list[Article | Failure]:
    return list(read_records(Source(name="in.jsonl", data=data)))


def test_malformed_line_fails_alone_and_names_its_line() -> None:
    items = _read(b'{"title": "one", "text": "a"}\n{"title": \n\n{"title": "three", "text": "c"}\n')
    assert [i.title for i in items if isinstance(i, Article)] == ["one", "three"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(f.source, f.reason) for f in failures] == [("in.jsonl:2", "bad_json")]


def test_wrong_shapes_are_named_failures() -> None:
    items = _read(b'[1, 2]\n{"authors": "Jane"}\n{"schema": "newscli.article/9"}\n\xff\xfe{}\n')
    assert [(i.source, i.reason) for i in items if isinstance(i, Failure)] == [
        ("in.jsonl:1", "bad_record"),
        ("in.jsonl:2", "bad_record"),
        ("in.jsonl:3", "bad_schema"),
        ("in.jsonl:4", "bad_encoding"),
    ]


def test_lone_surrogate_is_refused_not_written() -> None:
    (item,) = _read(b'{"title": "\\ud800", "text": "x"}\n')
    assert isinstance(item, Failure) and item.reason == "bad_encoding"


def test_record_without_schema_gets_the_current_one() -> None:
    (item,) = _read('{"text": "نص فقط"}'.encode())
    assert isinstance(item, Article) and item.schema == "newscli.article/1" and item.text == "نص فقط"


def test_failure_line_is_one_line_with_reason() -> None:
    assert Failure("a\nb.html", "empty", "empty input").line() == "newscli: a\\nb.html: empty input [empty]"
