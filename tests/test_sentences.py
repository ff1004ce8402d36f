"""The sentence splitter: Arabic-aware stops, abbreviations, decimals, quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscli.lang.sentences import split_sentences

LANG_CASES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "lang-cases.json"


def _shared_cases() -> list[Any]:
    """The gold sentence splits from the shared data, when it is present."""
    if not LANG_CASES.exists():
        return [pytest.param(None, id="shared-data-absent")]
    data = json.loads(LANG_CASES.read_text(encoding="utf-8"))["sentences"]
    return [
        pytest.param(case, id=f"{part}-{i}-{case['lang']}")
        for part in data
        for i, case in enumerate(data[part])
    ]


@pytest.mark.parametrize("case", _shared_cases())
def test_shared_gold_cases_split_exactly(case: dict[str, Any] | None) -> None:
    if case is None:
        pytest.skip(f"{LANG_CASES} is absent")
    assert split_sentences(case["text"], case["lang"]) == case["gold"]


def test_arabic_comma_semicolon_and_colon_do_not_end_a_sentence() -> None:
    text = "قال الوزير: إن الخطة جاهزة، والتنفيذ قريب؛ وأضاف أن الميزانية متوفرة."
    assert split_sentences(text, "ar") == [text]


def test_arabic_question_mark_ends_a_sentence() -> None:
    assert split_sentences("متى تبدأ الدراسة؟ في سبتمبر.", "ar") == ["متى تبدأ الدراسة؟", "في سبتمبر."]


def test_arabic_doctor_abbreviation_is_not_a_stop() -> None:
    text = "التقى د. أحمد سالم بالوزير. وناقشا الخطة."
    assert split_sentences(text, "ar") == ["التقى د. أحمد سالم بالوزير.", "وناقشا الخطة."]


def test_arabic_stop_without_following_space_still_splits() -> None:
    assert split_sentences("انتهى الاجتماع.وبدأ المؤتمر الصحفي.", "ar") == [
        "انتهى الاجتماع.",
        "وبدأ المؤتمر الصحفي.",
    ]


def test_line_break_ends_a_headline_without_a_stop() -> None:
    assert split_sentences("افتتاح محطة جديدة\nافتتح الوزير المحطة اليوم.") == [
        "افتتاح محطة جديدة",
        "افتتح الوزير المحطة اليوم.",
    ]


def test_decimal_and_initials_stay_inside_the_sentence() -> None:
    text = "Growth hit 3.5 percent, said J. K. Rowling. Prices fell."
    assert split_sentences(text, "en") == ["Growth hit 3.5 percent, said J. K. Rowling.", "Prices fell."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'He said: "We are ready." Then he left.'
    assert split_sentences(text, "en") == ['He said: "We are ready."', "Then he left."]


def test_french_spaced_guillemet_stays_with_its_sentence() -> None:
    text = "Il a dit : « Nous partons. » Puis il est sorti."
    assert split_sentences(text, "fr") == ["Il a dit : « Nous partons. »", "Puis il est sorti."]


def test_german_ordinal_date_is_not_a_stop() -> None:
    text = "Die Wahl findet am 3. Oktober statt. Alle sind eingeladen."
    assert split_sentences(text, "de") == ["Die Wahl findet am 3. Oktober statt.", "Alle sind eingeladen."]


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
