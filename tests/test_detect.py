"""Language detection from text and writing direction."""

from __future__ import annotations

import pytest

from newscli.lang.detect import detect_language, primary_tag, text_direction

TEXTS = {
    "ar": "أعلنت وزارة التربية والتعليم اليوم أن العام الدراسي الجديد سيبدأ في الأسبوع الأول من شهر سبتمبر.",
    "fa": "وزیر بهداشت روز گذشته بیمارستان جدیدی را در شهر افتتاح کرد و گفت که این بیمارستان پذیرش می‌کند.",
    "he": "השירות המטאורולוגי הודיע היום כי הטמפרטורות צפויות לרדת באופן משמעותי בימים הקרובים.",
    "en": "The city council voted on Thursday night to fund a cable-stayed bridge across the harbor.",
    "fr": "La fréquentation des trains de nuit a doublé en deux ans, selon un rapport publié mardi.",
}


@pytest.mark.parametrize(("language", "text"), sorted(TEXTS.items()))
def test_language_is_detected_from_text(language: str, text: str) -> None:
    assert detect_language(text) == language


def test_wrong_html_lang_hint_does_not_override_clear_text() -> None:
    assert detect_language(TEXTS["ar"], hint="en-US") == "ar"


def test_too_short_text_has_no_language() -> None:
    assert detect_language("OK") is None


DIRECTIONS = [("ar", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("fr", "ltr")]


@pytest.mark.parametrize(("language", "expected"), DIRECTIONS)
def test_direction_follows_language(language: str, expected: str) -> None:
    assert text_direction(language, "") == expected


def test_direction_falls_back_to_script() -> None:
    assert (text_direction(None, "مرحبا"), text_direction(None, "hello"), text_direction(None, "123")) == (
        "rtl",
        "ltr",
        None,
    )


def test_primary_tag_normalises_bcp47() -> None:
    tags = [primary_tag(t) for t in ("ar-EG", "en_US", "FR", "", None, "x1")]
    assert tags == ["ar", "en", "fr", None, None, None]
