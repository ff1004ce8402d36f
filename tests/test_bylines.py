"""Byline lines give author names and the site; ordinary sentences are not bylines."""

from __future__ import annotations

import pytest

from newscli.bylines import Byline, parse_byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("كتب أحمد سالم محرر موقع الخبر اليوم", Byline(["أحمد سالم"], "الخبر اليوم")),
        ("كتب محمود فؤاد محرر موقع صوت المدينة", Byline(["محمود فؤاد"], "صوت المدينة")),
        ("بقلم: سارة علي", Byline(["سارة علي"], None)),
        ("متابعة: ياسمين حسن", Byline(["ياسمين حسن"], None)),
        ("كتب أحمد سالم و محمد علي", Byline(["أحمد سالم", "محمد علي"], None)),
        ("كتب أحمد وليد", Byline(["أحمد وليد"], None)),
        ("By Jane Doe and John Smith", Byline(["Jane Doe", "John Smith"], None)),
        ("By Anna Lee, Tom Wu and Ben Ode", Byline(["Anna Lee", "Tom Wu", "Ben Ode"], None)),
        ("By Anna Lee | Reuters", Byline(["Anna Lee"], "Reuters")),
        ("Par Claire Martin", Byline(["Claire Martin"], None)),
        ("Por María García y José Pérez", Byline(["María García", "José Pérez"], None)),
        ("Von Max Müller und Eva Braun", Byline(["Max Müller", "Eva Braun"], None)),
    ],
)
def test_byline_gives_names_and_site(line: str, expected: Byline) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "كتب الوزير على حسابه في تويتر أن الحكومة ستعلن القرار.",
        "By the end of the year, prices rose.",
        "by and large the plan worked",
        "Par ailleurs, le gouvernement a annoncé une réforme.",
        "",
    ],
)
def test_sentence_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None
