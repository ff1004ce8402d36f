"""Arabic attached prefixes for matching: the longest goes when enough of the word remains."""

from __future__ import annotations

import pytest

from newscli.lang.arabic import strip_prefixes
from newscli.lang.tokens import tokens


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("والاستفزازات", "استفزازات"),  # و + ال
        ("للاطفال", "اطفال"),  # ل + ال, the alef unwritten
        ("وللاطفال", "اطفال"),
        ("بالمدينه", "مدينه"),
        ("المياه", "مياه"),
        ("لتحليه", "تحليه"),  # a lone ل goes from a long word
        ("وزراء", "وزراء"),  # ... but not from a short one: the و is the word's own
        ("وقال", "وقال"),
        ("بحر", "بحر"),
        ("ال", "ال"),
    ],
)
def test_strip_prefixes_removes_the_longest_attached_prefix_only_when_enough_remains(
    word: str, expected: str
) -> None:
    assert strip_prefixes(word) == expected


def test_matching_tokens_share_stems_across_prefixes_that_plain_tokens_keep_apart() -> None:
    first, second = "افتتاح محطة لتحلية المياه", "تحلية مياه البحر"
    assert set(tokens(first, "ar")) & set(tokens(second, "ar")) == set()
    assert set(tokens(first, "ar", prefixes=True)) & set(tokens(second, "ar", prefixes=True)) == {
        "تحل",
        "ميا",
    }
