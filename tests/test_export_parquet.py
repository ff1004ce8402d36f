"""Parquet export (optional extra newscli[parquet]): typed columns, the same records back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newscli.export import ExportOptions, write_articles
from newscli.model import Article
from tests.conftest import golden_records

pa = pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install 'newscli[parquet]')")
pq = pytest.importorskip("pyarrow.parquet")

GOLDEN = Path(__file__).parent / "golden"


def records() -> list[Article]:
    """The hand-written English and Arabic records."""
    return golden_records()


def export(articles: list[Article], path: Path, overwrite: bool = False) -> int:
    """Export to a Parquet file."""
    return write_articles(
        iter(articles), ExportOptions(to="parquet", output=path, overwrite=overwrite), io.BytesIO()
    )


def test_parquet_round_trip_gives_the_same_records(tmp_path: Path) -> None:
    from newscli.export.parquet import read_parquet

    articles = records()
    articles[1].extra = {"custom": [1, 2]}
    assert export(articles, tmp_path / "a.parquet") == 2
    assert list(read_parquet(tmp_path / "a.parquet")) == articles


def test_parquet_lists_of_strings_are_typed_lists(tmp_path: Path) -> None:
    export(records(), tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    authors_type = table.schema.field("authors").type
    assert pa.types.is_list(authors_type) and pa.types.is_string(authors_type.value_type)
    assert table.column("authors").to_pylist() == [["Jane Miller", "Tom O'Brien"], ["أحمد سالم"]]
    assert table.column("title").to_pylist()[1] == "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية"


def test_parquet_same_records_give_identical_bytes(tmp_path: Path) -> None:
    export(records(), tmp_path / "a.parquet")
    export(records(), tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_parquet_empty_stream_is_a_valid_empty_table(tmp_path: Path) -> None:
    assert export([], tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
