"""CSV and TSV: RFC 4180 quoting, formula injection neutralized, lists as JSON, the optional BOM."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscli.export import ExportOptions, write_articles
from newscli.export.base import printable_text
from newscli.export.delimited import cell, neutralize
from newscli.model import FIELD_NAMES, Article


def export(articles: list[Article], to: str = "csv", bom: bool = False) -> bytes:
    """Export to an in-memory stdout."""
    out = io.BytesIO()
    write_articles(iter(articles), ExportOptions(to=to, bom=bom), out)
    return out.getvalue()


def rows(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    """Parse exported bytes back with the csv module."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://evil.example", "click")', '\'=HYPERLINK("http://evil.example", "click")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("a = b", "a = b"),
        ("سعر = 5", "سعر = 5"),
    ],
)
def test_formula_cells_are_prefixed_with_an_apostrophe(value: str, shown: str) -> None:
    assert neutralize(value) == shown


def test_injected_title_reads_back_as_text() -> None:
    article = Article(id="x", title='=cmd|" /C calc"!A0', text="@risky start")
    (row,) = rows(export([article]))
    assert row["title"] == '\'=cmd|" /C calc"!A0'
    assert row["text"] == "'@risky start"


def test_header_is_the_record_fields_in_schema_order() -> None:
    header = export([]).decode("utf-8")
    assert header == ",".join(FIELD_NAMES) + "\r\n"


def test_quotes_commas_and_newlines_are_quoted_per_rfc_4180() -> None:
    article = Article(id="q", title='He said "yes", then left', text="one\n\ntwo")
    line = export([article]).decode("utf-8").split("\r\n", 1)[1]
    assert ',"He said ""yes"", then left",' in line
    assert ',"one\n\ntwo",' in line
    assert line.endswith("\r\n")


def test_lists_are_json_and_empty_lists_and_unknowns_are_empty() -> None:
    article = Article(id="l", authors=["Ann", "Bo | Co"], tags=[], date=None)
    (row,) = rows(export([article]))
    assert row["authors"] == '["Ann", "Bo | Co"]'
    assert row["tags"] == ""
    assert row["date"] == ""


def test_bom_comes_only_with_the_flag_and_only_once() -> None:
    articles = [Article(id="a"), Article(id="b")]
    assert export(articles, bom=True).startswith(b"\xef\xbb\xbfschema,id,")
    assert export(articles, bom=True).count(b"\xef\xbb\xbf") == 1
    assert not export(articles).startswith(b"\xef\xbb\xbf")


def test_tsv_uses_tabs_and_quotes_cells_holding_tabs() -> None:
    article = Article(id="t", title="a\tb", sitename="Site")
    data = export([article], "tsv")
    assert data.split(b"\r\n")[0] == "\t".join(FIELD_NAMES).encode()
    (row,) = rows(data, "\t")
    assert (row["title"], row["sitename"]) == ("a\tb", "Site")
    assert b'\t"a\tb"\t' in data


def test_arabic_cells_are_utf8_unchanged() -> None:
    (row,) = rows(export([Article(id="ar", title="افتتاح محطة", language="ar")]))
    assert (row["title"], row["language"]) == ("افتتاح محطة", "ar")


@given(st.text())
def test_any_title_round_trips_except_the_neutralizing_apostrophe_and_control_characters(title: str) -> None:
    (row,) = rows(export([Article(id="h", title=title)]))
    assert row["title"] == cell(printable_text(title) if title else None)


def test_nul_and_other_control_characters_never_reach_a_cell() -> None:
    data = export([Article(id="c", title="a\x00b\x1b[31mc\x7f", text="x\x0cy\x85z", tags=["t\x00"])])
    (row,) = rows(data)
    assert (row["title"], row["text"], row["tags"]) == ("ab[31mc", "x yz", '["t"]')
    assert not [b for b in data if b < 9 or 13 < b < 32 or b == 0x7F]
