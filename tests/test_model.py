"""The article record: field order, unknown fields kept, lossless JSON round trip."""

from __future__ import annotations

import json

import pytest

from newscli.model import FIELD_NAMES, SCHEMA, Article, fingerprint
from newscli.parsers.records import record_from_json


def test_record_fields_come_in_schema_order() -> None:
    assert list(Article().to_dict()) == [
        "schema", "id", "source", "url", "canonical_url", "title", "authors", "date", "sitename",
        "description", "tags", "image", "language", "direction", "highlights", "text", "summary",
        "removed", "stages", "warnings",
    ]  # fmt: skip
    assert FIELD_NAMES[0] == "schema" and Article().schema == SCHEMA == "newscli.article/1"


def test_round_trip_keeps_unknown_fields_after_known_ones() -> None:
    line = (
        '{"schema": "newscli.article/1", "id": "a1", "title": "عنوان", "text": "نص", '
        '"x_score": 0.5, "x_tags": {"k": [1, 2]}}'
    )
    article = record_from_json(line.encode("utf-8"))
    assert article.extra == {"x_score": 0.5, "x_tags": {"k": [1, 2]}}
    out = json.loads(article.to_json())
    assert list(out)[-2:] == ["x_score", "x_tags"]
    assert record_from_json(article.to_json().encode("utf-8")) == article


def test_json_line_keeps_arabic_letters_unescaped() -> None:
    assert '"title": "خبر"' in Article(title="خبر").to_json()


def test_fingerprint_is_stable_and_depends_on_options() -> None:
    assert fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})
    assert len(fingerprint({})) == 12


def test_fingerprint_of_sets_is_the_same_in_every_process() -> None:
    import subprocess
    import sys

    code = (
        "from newscli.model import fingerprint\n"
        "print(fingerprint({'keep': frozenset({'ad', 'credit', 'share', 'nav'})}))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert runs == {fingerprint({"keep": ["ad", "credit", "nav", "share"]}) + "\n"}


def test_nan_and_infinity_from_a_lenient_reader_are_written_as_null() -> None:
    article = Article(
        id="n", stages=[{"score": float("nan")}], extra={"x": [float("inf"), -float("inf"), 1.5]}
    )
    line = article.to_json()
    assert '"stages": [{"score": null}]' in line and '"x": [null, null, 1.5]' in line
    json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in the output"))
