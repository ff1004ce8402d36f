"""Byline lines give author names and the site; ordinary sentences are not bylines; byline names join the authors."""

from __future__ import annotations

import pytest

from newscli.bylines import Byline, parse_byline
from newscli.parsers.authors import AuthorContext, add_byline, people
from newscli.parsers.sitenames import SiteNames


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("كتب أحمد سالم محرر موقع الخبر اليوم", Byline(["أحمد سالم"], "الخبر اليوم")),
        ("كتب محمود فؤاد محرر موقع صوت المدينة", Byline(["محمود فؤاد"], "صوت المدينة")),
        ("بقلم: سارة علي", Byline(["سارة علي"], None)),
        ("متابعة: ياسمين حسن", Byline(["ياسمين حسن"], None)),
        ("كتب أحمد سالم و محمد علي", Byline(["أحمد سالم", "محمد علي"], None)),
        ("كتب أحمد وليد", Byline(["أحمد وليد"], None)),
        ("كتبت سلمى يوسف", Byline(["سلمى يوسف"], None)),  # the feminine lead word is not كتب + ت
        ("كتبته منى خالد", Byline(["منى خالد"], None)),
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


# Names a byline adds to the authors the page's metadata already gives (newscli.parsers.authors.add_byline).
SITE = AuthorContext(SiteNames.build(["Börsen-Zeitung"], ["https://www.example-news.org/a"]))


@pytest.mark.parametrize(
    ("known", "found", "expected"),
    [
        # the byline repeats a known author with a job title after the name
        (["Holger Zschäpitz"], ["Holger Zschäpitz Leitender Wirtschaftsredakteur"], ["Holger Zschäpitz"]),
        # ... or with the agency glued to the second name
        (["Samya Kullab", "Vasilisa Stepanenko"], ["Samya Kullab", "Vasilisa Stepanenko The Associated Press"],
         ["Samya Kullab", "Vasilisa Stepanenko"]),
        # a byline naming a known author brings the others
        (["Jane Doe"], ["Jane Doe", "John Smith"], ["Jane Doe", "John Smith"]),
        # a byline naming no known author belongs to another article
        (["Nicole Opitz"], ["Isabella Caldart"], ["Nicole Opitz"]),
        # a person replaces the site standing in as author
        (["Börsen-Zeitung"], ["Anna Martel"], ["Anna Martel"]),
        # an agency's abbreviation does not
        (["Börsen-Zeitung"], ["APA"], ["Börsen-Zeitung"]),
        # nothing known yet: the byline's people
        ([], ["Anna Martel", "example-news.org"], ["Anna Martel"]),
    ],
)  # fmt: skip
def test_byline_names_join_the_known_authors(known: list[str], found: list[str], expected: list[str]) -> None:
    assert add_byline(known, found, SITE) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Elena Oberholzer (obe)", ["Elena Oberholzer"]),
        ("신현주 기자", ["신현주"]),
        ("東京 太郎 記者", ["東京 太郎"]),
        ("Von Juliane Rohr", ["Juliane Rohr"]),
        ("Anna Martel und Lea Wagner, Nairobi", ["Anna Martel", "Lea Wagner", "Nairobi"]),
        ("María García y José Pérez", ["María García", "José Pérez"]),
        ("أحمد سالم و محمد علي", ["أحمد سالم", "محمد علي"]),
        ("وليد خالد", ["وليد خالد"]),
        ("Jane Roe jane.roe@example.org", ["Jane Roe"]),
        # "and" between one-word parts joins an organisation's name, not two people
        ("Kirche und Leben, Münster", ["Kirche und Leben", "Münster"]),
        ("Le Figaro et AFP", ["Le Figaro et AFP"]),
        # an entity escaped twice by the page
        ("Redacci&oacute;n Diario", ["Redacción Diario"]),
        ("Börsen-Zeitung", []),
        ("(Image: Getty Images)", []),
    ],
)  # fmt: skip
def test_author_field_gives_people(field: str, expected: list[str]) -> None:
    assert people([field], SITE) == expected
