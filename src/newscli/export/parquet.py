"""Parquet (optional extra newscli[parquet]): a typed columnar file for pandas, DuckDB, Spark."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import FIELD_NAMES, LIST_FIELDS, Article, json_text
from .base import ExportOptions

JSON_FIELDS = frozenset({"removed", "stages", "extra"})  # nested objects: stored as JSON text
STRING_LISTS = LIST_FIELDS - JSON_FIELDS
COLUMNS: tuple[str, ...] = (*FIELD_NAMES, "extra")
ROW_GROUP = 1000  # articles held in memory at once


def _pyarrow() -> Any:
    """Import pyarrow, or say which extra installs it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError(
            "missing_extra", "--to parquet needs pyarrow: pip install 'newscli[parquet]'"
        ) from None
    return pyarrow


def schema(pa: Any) -> Any:
    """Strings, lists of strings, and JSON text for nested fields."""
    return pa.schema([(c, pa.list_(pa.string()) if c in STRING_LISTS else pa.string()) for c in COLUMNS])


def _value(article: Article, column: str) -> Any:
    """One cell: JSON text for nested fields, the value itself otherwise."""
    if column == "extra":
        return json_text(article.extra, sort_keys=True)
    value = getattr(article, column)
    return json_text(value) if column in JSON_FIELDS else value


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Articles in groups of ROW_GROUP."""
    stream = iter(articles)
    while batch := list(islice(stream, ROW_GROUP)):
        yield batch


class ParquetWriter:
    """Row groups of ROW_GROUP articles, written to a temporary file renamed into place."""

    name = "parquet"
    extension = "parquet"
    summary = "Apache Parquet file (needs the extra newscli[parquet])"
    streams = False
    per_article = False

    def write_file(self, articles: Iterable[Article], path: Path, options: ExportOptions) -> int:
        """Write every article to one Parquet file."""
        from ..atomic import atomic_path

        pa = _pyarrow()
        table_schema = schema(pa)
        count = 0
        with atomic_path(path, options.overwrite) as tmp:
            writer = pa.parquet.ParquetWriter(str(tmp), table_schema, compression="zstd")
            try:
                for batch in _batches(articles):
                    columns = {c: [_value(a, c) for a in batch] for c in COLUMNS}
                    writer.write_table(pa.table(columns, schema=table_schema))
                    count += len(batch)
            finally:
                writer.close()
        return count

    def write_stream(
        self, articles: Iterable[Article], out: Any, options: ExportOptions, flush: bool = False
    ) -> int:
        """Parquet needs a seekable file with a footer: no stdout."""
        raise UsageError("needs_file", "--to parquet writes a file: add -o articles.parquet")

    def document(self, article: Article, options: ExportOptions) -> bytes:
        """One Parquet file per article makes no sense."""
        raise UsageError(
            "needs_file", "--to parquet writes one file: use -o articles.parquet, not a directory"
        )


def read_parquet(path: Path) -> Iterator[Article]:
    """Read a newscli Parquet file back as articles (used by tests and for round trips)."""
    pa = _pyarrow()
    parquet_file = pa.parquet.ParquetFile(str(path))
    for batch in parquet_file.iter_batches(batch_size=ROW_GROUP):
        for record in batch.to_pylist():
            data = {k: (json.loads(v) if k in JSON_FIELDS else v) for k, v in record.items()}
            extra = data.pop("extra") or {}
            article = Article.from_dict({k: v for k, v in data.items()})
            article.extra = extra
            yield article
