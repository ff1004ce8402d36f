"""Metadata and text of the hand-written sample pages, with exact expected values."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscli.model import Article
from newscli.parsers.html import ExtractOptions, parse_html
from newscli.sources import Source

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def extract(name: str, fast: bool = False) -> Article:
    """parse_html on one sample file."""
    path = SAMPLES / name
    return parse_html(Source(name=str(path), data=path.read_bytes(), path=path), ExtractOptions(fast=fast))


@pytest.fixture(scope="module")
def arabic() -> Article:
    """The Arabic sample, extracted once."""
    return extract("ar-water-plant.html")


def test_arabic_byline_gives_author_and_site(arabic: Article) -> None:
    assert (arabic.authors, arabic.sitename) == (["أحمد سالم"], "الخبر اليوم")


def test_arabic_language_and_direction_are_detected(arabic: Article) -> None:
    assert (arabic.language, arabic.direction) == ("ar", "rtl")


def test_arabic_key_points_become_highlights_and_leave_the_text(arabic: Article) -> None:
    assert arabic.highlights == [
        "المحطة تنتج نصف مليون متر مكعب من المياه يومياً",
        "المشروع يخدم أكثر من مليوني نسمة في خمس محافظات",
        "الطاقة الشمسية تغطي ثلث احتياجات المحطة من الكهرباء",
    ]
    assert not set(arabic.highlights) & set(arabic.text.split("\n\n"))


def test_arabic_page_without_date_metadata_has_no_date(arabic: Article) -> None:
    assert arabic.date is None  # the text mentions "عام 2020": a bare year is not a date


def test_arabic_metadata_from_head(arabic: Article) -> None:
    assert arabic.title == "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية"
    assert arabic.canonical_url == "https://alkhabar-alyoum.example/news/water-plant-opening"
    assert arabic.image == "https://alkhabar-alyoum.example/images/water-plant.jpg"
    assert arabic.tags == []


def test_arabic_text_starts_with_first_paragraph_without_title_or_byline(arabic: Article) -> None:
    first = arabic.text.split("\n\n")[0]
    assert first.startswith("افتتح رئيس الوزراء صباح اليوم أكبر محطة")
    assert "كتب أحمد سالم" not in arabic.text


def test_english_byline_and_meta_give_both_authors() -> None:
    article = extract("en-harbor-bridge.html")
    assert article.authors == ["Jane Doe", "John Smith"]
    assert article.date == "2025-03-14T09:30:00+00:00"
    assert (article.title, article.sitename) == (
        "City Council Approves New Harbor Bridge After Decade of Debate",
        "The Coastal Ledger",
    )
    assert article.tags == ["Transport", "City Council"]
    assert (article.language, article.direction) == ("en", "ltr")
    assert article.url == "https://coastal-ledger.example/news/2025/03/harbor-bridge-approved"


def test_french_metadata_from_json_ld() -> None:
    article = extract("fr-trains-nuit.html")
    assert (article.authors, article.date, article.sitename) == (
        ["Claire Martin"],
        "2024-11-05T07:00:00+01:00",
        "Le Courrier du Rail",
    )
    assert (article.language, article.url, article.canonical_url) == ("fr", None, None)


def test_source_url_is_kept_over_canonical() -> None:
    path = SAMPLES / "ar-water-plant.html"
    source = Source(name="u", data=path.read_bytes(), url="https://mirror.example/p")
    article = parse_html(source, ExtractOptions())
    assert (article.url, article.canonical_url) == (
        "https://mirror.example/p",
        "https://alkhabar-alyoum.example/news/water-plant-opening",
    )


def test_fast_mode_gives_the_same_sample_text() -> None:
    assert extract("en-harbor-bridge.html", fast=True).text == extract("en-harbor-bridge.html").text
