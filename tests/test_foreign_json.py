"""JSON from other tools: objects carrying an article are read with their metadata mapped; others refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscli.errors import Failure, InputError
from newscli.model import Article
from newscli.parsers.foreign import paragraphs
from newscli.parsers.records import read_json_array, read_records, record_from_json
from newscli.sources import Source
from tests.conftest import SAMPLES, records, run_cli

# The shape trafilatura's --json --with-metadata writes (its field names, values written for this test).
TRAFILATURA = {
    "title": "Night trains return",
    "author": "Claire Martin; Paul Roux",
    "hostname": "rail.example",
    "date": "2024-11-05",
    "fingerprint": "66ff8ce58fb2eee3",
    "id": None,
    "license": None,
    "comments": "",
    "raw_text": "Night trains return Sleeper services are back.",
    "text": "Night trains return\nSleeper services are back on three lines.\nTickets go on sale today.",
    "language": None,
    "image": "https://rail.example/train.jpg",
    "pagetype": "article",
    "filedate": "2026-01-01",
    "source": "https://rail.example/news/night-trains",
    "source-hostname": "The Rail Courier",
    "excerpt": "Sleeper services are back.",
    "categories": "Transport",
    "tags": "trains;Europe",
}


def read(obj: object, where: str = "in.jsonl:1") -> Article:
    """One JSON Lines line holding `obj`."""
    return record_from_json(json.dumps(obj, ensure_ascii=False).encode("utf-8"), where)


def test_trafilatura_json_fields_are_mapped_onto_the_record() -> None:
    article = read(TRAFILATURA)
    assert article.to_dict() == {
        "schema": "newscli.article/1",
        "id": article.id,
        "source": "in.jsonl:1",
        "url": "https://rail.example/news/night-trains",
        "canonical_url": None,
        "title": "Night trains return",
        "authors": ["Claire Martin", "Paul Roux"],
        "date": "2024-11-05",
        "sitename": "The Rail Courier",
        "description": "Sleeper services are back.",
        "tags": ["trains", "Europe", "Transport"],
        "image": "https://rail.example/train.jpg",
        "language": "en",
        "direction": "ltr",
        "highlights": [],
        "text": "Sleeper services are back on three lines.\n\nTickets go on sale today.",  # no title line
        "summary": [],
        "removed": [],
        "stages": [],
        "warnings": [],
        "hostname": "rail.example",
        "fingerprint": "66ff8ce58fb2eee3",
        "license": None,
        "comments": "",
        "pagetype": "article",
        "filedate": "2026-01-01",
    }


def test_id_is_a_hash_of_the_object_so_the_same_object_gets_the_same_id() -> None:
    assert read(TRAFILATURA).id == read(dict(reversed(TRAFILATURA.items()))).id
    assert read(TRAFILATURA).id != read({**TRAFILATURA, "title": "Other"}).id
    assert len(read(TRAFILATURA).id or "") == 16


def test_real_trafilatura_json_output_of_a_sample_is_read() -> None:
    import trafilatura

    html = (SAMPLES / "en-harbor-bridge.html").read_text(encoding="utf-8")
    line = trafilatura.extract(html, output_format="json", with_metadata=True)
    article = read(json.loads(line))
    assert (article.title, article.authors, article.date, article.sitename, article.language) == (
        "City Council Approves New Harbor Bridge After Decade of Debate",
        ["Jane Doe"],
        "2025-03-14",
        "The Coastal Ledger",
        "en",
    )
    assert article.url == "https://coastal-ledger.example/news/2025/03/harbor-bridge-approved"
    assert article.tags == ["Transport", "City Council"]
    assert article.text.startswith(
        "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge"
    )


@pytest.mark.parametrize(
    ("obj", "field", "value"),
    [
        ({"text": "x", "authors": ["A", "B"]}, "authors", ["A", "B"]),
        ({"text": "x", "byline": "Ana Ruiz"}, "authors", ["Ana Ruiz"]),
        ({"text": "x", "headline": "H"}, "title", "H"),
        ({"text": "x", "link": "https://a.example/1"}, "url", "https://a.example/1"),
        ({"text": "x", "source": "crawl/page.html"}, "url", None),  # a file name is not a URL
        ({"text": "x", "date": "14/03/2025"}, "date", None),  # not ISO 8601: unknown, never guessed
        ({"text": "x", "date": "2025"}, "date", None),  # a bare year is no date
        ({"text": "x", "published": "2025-03-14T08:00:00Z"}, "date", "2025-03-14T08:00:00Z"),
        ({"text": "x", "keywords": "a, b;c"}, "tags", ["a", "b", "c"]),
        ({"text": "x", "summary": "One line."}, "summary", ["One line."]),
        ({"text": "x", "id": 123}, "id", "123"),
        ({"text": "x", "lang": "ar-EG"}, "language", "ar"),
        ({"raw_text": "flat text"}, "text", "flat text"),
        ({"text": "a\n\nb\nc"}, "text", "a\n\nb\nc"),  # blank-line paragraphs are kept as they are
        ({"text": "T\nBody.", "title": "T"}, "text", "Body."),
        ({"text": "T", "title": "T"}, "text", "T"),  # a text that is only the title stays
    ],
)
def test_metadata_names_other_tools_use_are_mapped(obj: dict[str, object], field: str, value: object) -> None:
    assert getattr(read(obj), field) == value


def test_arabic_object_gets_language_and_direction_detected() -> None:
    article = read({"text": "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية."})
    assert (article.language, article.direction) == ("ar", "rtl")


def test_object_carrying_a_page_is_extracted_with_the_same_id_as_the_file() -> None:
    html = (SAMPLES / "en-harbor-bridge.html").read_text(encoding="utf-8")
    article = read({"html": html, "url": "https://mirror.example/p", "lang": "en"})
    extracted = records(run_cli("extract", "samples/en-harbor-bridge.html").stdout)[0]
    assert article.id == extracted["id"]
    assert (article.title, article.url, article.text) == (
        extracted["title"],
        "https://mirror.example/p",
        extracted["text"],
    )
    assert [s["stage"] for s in article.stages] == ["extract"]


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"a": 1}, "not an article: the object has no text, raw_text or html field"),
        ({"title": "only a title"}, "not an article: the object has no text, raw_text or html field"),
        ({"text": "  "}, "the object's text is empty"),
        ({"text": None, "html": ""}, "the object's text is empty"),
        ({"text": 5}, "wrong type for field(s): text"),
        ({"text": "x", "title": 5}, "wrong type for field(s): title"),
        ({"text": "x", "author": {"name": "A"}}, "wrong type for field(s): author"),
    ],
)
def test_object_without_an_article_is_refused(obj: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as error:
        read(obj)
    assert (error.value.reason, error.value.message) == ("bad_record", message)


def test_cli_refuses_an_object_without_an_article() -> None:
    done = run_cli("export", "--to", "jsonl", stdin=b'{"a":1}\n')
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        b"",
        b"newscli: -:1: not an article: the object has no text, raw_text or html field [bad_record]\n",
    )


def test_json_array_of_other_tools_objects_is_read(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([TRAFILATURA, {"a": 1}]), encoding="utf-8")
    items = list(read_json_array(Source(name="items.json", path=path), 10_000_000))
    assert isinstance(items[0], Article) and items[0].source == "items.json#1"
    assert isinstance(items[1], Failure) and (items[1].source, items[1].reason) == (
        "items.json#2",
        "bad_record",
    )


def test_records_read_back_without_direction_get_it_recomputed() -> None:
    items = list(read_records(Source(name="records.jsonl", path=SAMPLES / "records.jsonl")))
    assert [(a.language, a.direction) for a in items if isinstance(a, Article)] == [
        ("en", "ltr"),
        ("fr", "ltr"),
    ]
    line = b'{"schema": "newscli.article/1", "id": "x", "text": "\xd9\x86\xd8\xb5 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a"}'
    assert record_from_json(line).direction == "rtl"  # no language: the script decides


def test_records_keep_the_direction_they_carry() -> None:
    line = b'{"schema": "newscli.article/1", "id": "x", "language": "en", "direction": "rtl", "text": "t"}'
    assert record_from_json(line).direction == "rtl"


def test_trafilatura_style_single_line_breaks_become_paragraphs() -> None:
    assert paragraphs("Title\nFirst para.\r\nSecond para.\n") == "Title\n\nFirst para.\n\nSecond para."
