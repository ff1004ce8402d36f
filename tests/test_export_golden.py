"""Golden files: every streamable format, on an English, an Arabic and a mixed stream, byte for byte."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from newscli.export import FORMATS, ExportOptions, write_articles
from newscli.model import Article
from tests.conftest import golden_records

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NEWSCLI_UPDATE_GOLDEN") == "1"  # regenerate after a deliberate change
STREAMED = [name for name, writer in FORMATS.items() if writer.streams]


def records() -> dict[str, list[Article]]:
    """The hand-written English and Arabic records, alone and together."""
    en, ar = golden_records()
    return {"en": [en], "ar": [ar], "mixed": [en, ar]}


def export(articles: list[Article], to: str) -> bytes:
    """Export to an in-memory stdout."""
    out = io.BytesIO()
    write_articles(iter(articles), ExportOptions(to=to), out)
    return out.getvalue()


def check_golden(name: str, data: bytes) -> None:
    """Compare with (or, when updating, write) a golden file."""
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(data)
    assert data == path.read_bytes()


def test_every_format_is_covered_by_a_golden_test() -> None:
    assert sorted(FORMATS) == ["csv", "html", "json", "jsonl", "markdown", "parquet", "sqlite", "tsv", "txt"]
    assert sorted(STREAMED) == ["csv", "html", "json", "jsonl", "markdown", "tsv", "txt"]


@pytest.mark.parametrize("sample", ["en", "ar", "mixed"])
@pytest.mark.parametrize("to", STREAMED)
def test_export_matches_golden_file(to: str, sample: str) -> None:
    data = export(records()[sample], to)
    check_golden(f"{sample}.{FORMATS[to].extension}", data)


@pytest.mark.parametrize("to", STREAMED)
def test_same_records_give_byte_identical_output(to: str) -> None:
    assert export(records()["mixed"], to) == export(records()["mixed"], to)


@pytest.mark.parametrize("to", ["jsonl", "json"])
def test_json_formats_give_the_records_back(to: str) -> None:
    data = export(records()["mixed"], to).decode("utf-8")
    decoded = [json.loads(line) for line in data.splitlines()] if to == "jsonl" else json.loads(data)
    assert [Article.from_dict(d) for d in decoded] == records()["mixed"]


def test_sqlite_schema_matches_golden_file(tmp_path: Path) -> None:
    write_articles(
        iter(records()["mixed"]), ExportOptions(to="sqlite", output=tmp_path / "news.db"), io.BytesIO()
    )
    db = sqlite3.connect(tmp_path / "news.db")
    schema = "\n".join(
        sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    )
    check_golden("schema.sql", (schema + "\n").encode("utf-8"))
