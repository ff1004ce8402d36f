"""Titles, authors and dates from hand-written pages: site names, sections and dates leave titles; only people are authors."""

from __future__ import annotations

import json

import pytest

from newscli.model import Article
from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.html_meta import PageMeta, read_metadata
from newscli.parsers.html_tree import load_tree
from newscli.sources import Source

BODY = "".join(
    f"<p>The harbour authority said on Monday that the new ferry terminal will open in the spring, after two "
    f"years of construction work and a long public consultation with residents. Part {i}.</p>"
    for i in range(3)
)


def meta(head: str = "", body: str = "") -> PageMeta:
    """read_metadata on a page with the given <head> and <body> markup."""
    return read_metadata(load_tree(f"<html><head>{head}</head><body>{body}{BODY}</body></html>")[0])


def extract(head: str = "", body: str = "") -> Article:
    """parse_html on the same kind of page (bylines in the text are read too)."""
    html = f"<html><head>{head}</head><body><article>{body}{BODY}</article></body></html>"
    return parse_html(Source(name="page.html", data=html.encode("utf-8")), ExtractOptions())


def og(prop: str, value: str) -> str:
    """An Open Graph meta tag."""
    return f'<meta property="{prop}" content="{value}">'


def named(name: str, value: str) -> str:
    """A name= meta tag."""
    return f'<meta name="{name}" content="{value}">'


def ld(obj: dict[str, object]) -> str:
    """A JSON-LD script."""
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


# --- titles -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # the site name after a bar, declared by og:site_name
        (og("og:title", "Anleihen im Aufwind | Börsen-Zeitung") + og("og:site_name", "Börsen-Zeitung"), "Anleihen im Aufwind"),
        # the site name known only from the host name
        (og("og:title", "Typhoon nears the east coast - Taipei Times") + og("og:url", "https://www.taipeitimes.com/News/1"),
         "Typhoon nears the east coast"),
        # full-width colon before a Japanese site name
        (og("og:title", "東京で初雪を観測：朝日新聞デジタル") + og("og:site_name", "朝日新聞デジタル"), "東京で初雪を観測"),
        # the site name with a word more at the end ("NTV Haber" for NTV)
        (og("og:title", "Pos soruşturması: 4 şüpheli tutuklandı | NTV Haber") + og("og:site_name", "NTV"),
         "Pos soruşturması: 4 şüpheli tutuklandı"),
        # a name at the start is dropped only when it is the site's exactly
        (og("og:title", "Tageblatt.lu | Beleidigen und beschuldigen: Zoff ums Material") + og("og:site_name", "Tageblatt.lu"),
         "Beleidigen und beschuldigen: Zoff ums Material"),
    ],
)  # fmt: skip
def test_site_name_leaves_the_title(head: str, expected: str) -> None:
    assert meta(head).title == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # a site name newscli cannot tell from the page's names, after the <h1>
        (og("og:title", "Police arrest two suspects after theft - Samastipur News"),
         "<h1>Police arrest two suspects after theft</h1>", "Police arrest two suspects after theft"),
        # a section, the site and a date after the <h1>
        (og("og:title", "Ukrainische Gegenoffensive: Ziele, Chancen | Europa | DW | 28.04.2023"),
         "<h1>Ukrainische Gegenoffensive: Ziele, Chancen</h1>", "Ukrainische Gegenoffensive: Ziele, Chancen"),
        # a section and the site after an unspaced dash, the JSON-LD headline marking the end
        (og("og:title", "민주당 선호투표제 도입 또다시 불발-정치ㅣ한국일보")
         + ld({"@type": "NewsArticle", "headline": "민주당 선호투표제 도입 또다시 불발"}), "", "민주당 선호투표제 도입 또다시 불발"),
        # the same marked by a headline meta tag (name= or microdata itemprop=) when JSON-LD has none
        (og("og:title", "민주당 선호투표제 도입 또다시 불발-정치ㅣ한국일보") + named("headline", "민주당 선호투표제 도입 또다시 불발"),
         "", "민주당 선호투표제 도입 또다시 불발"),
        (og("og:title", "icScotland - Ryan dismayed by Gloucester")
         + '<meta itemprop="headline" content="Ryan dismayed by Gloucester">', "", "Ryan dismayed by Gloucester"),
        # a kicker before the headline
        (og("og:title", "Vierschanzentournee | Beleidigen und beschuldigen: Zoff ums Material"),
         "<h1>Beleidigen und beschuldigen: Zoff ums Material</h1>", "Beleidigen und beschuldigen: Zoff ums Material"),
    ],
)  # fmt: skip
def test_affix_the_headline_lacks_leaves_the_title(head: str, body: str, expected: str) -> None:
    assert meta(head, body).title == expected


def test_affix_longer_than_the_headline_stays() -> None:
    head = og("og:title", "Letters: Coddling criminals | Undermining road | Tax dollars | Recount cost")
    assert (
        meta(head, "<h1>Letters</h1>").title
        == "Letters: Coddling criminals | Undermining road | Tax dollars | Recount cost"
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # a phrase holding the site's name is part of the headline ("Welpen" is the site)
        (og("og:title", "Welpen kaufen – Tipps zu jeder Hunderasse") + og("og:site_name", "Welpen"),
         "Welpen kaufen – Tipps zu jeder Hunderasse"),
        # a headline that starts with the site's name keeps it
        (og("og:title", "The Guardian view on the harbour: a city on the brink") + og("og:site_name", "The Guardian"),
         "The Guardian view on the harbour: a city on the brink"),
        # a colon is not a separator: the kicker stays
        (og("og:title", "Brexit: talks resume in Brussels - Example Times") + og("og:site_name", "Example Times"),
         "Brexit: talks resume in Brussels"),
        # what would be left is too short to be a headline: the page's title stays whole
        (og("og:title", "Home | Example Times") + og("og:site_name", "Example Times"), "Home | Example Times"),
        # a "site name" that repeats the title is a misfilled field, not a site name
        (og("og:title", "Harbour news - Ferry timetable") + og("og:site_name", "Harbour news - Ferry timetable"),
         "Harbour news - Ferry timetable"),
    ],
)  # fmt: skip
def test_title_keeps_what_is_not_an_affix(head: str, expected: str) -> None:
    assert meta(head).title == expected


def test_sharing_title_comes_before_the_json_ld_headline() -> None:
    head = og("og:title", "Bridge approved after decade of debate") + ld(
        {"@type": "NewsArticle", "headline": "Council votes yes"}
    )
    assert meta(head).title == "Bridge approved after decade of debate"


def test_json_ld_headline_is_unescaped_and_invisible_characters_leave_titles() -> None:
    head = ld({"@type": "NewsArticle", "headline": "Samsung soll Smartphones zerst&ouml;ren"})
    assert meta(head).title == "Samsung soll Smartphones zerstören"
    assert (
        meta("", "<h1>Verfas\u00adsungs\u00adbe\u00adschwerde eingelegt</h1>").title
        == "Verfassungsbeschwerde eingelegt"
    )


# --- authors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # an e-mail address, alone or after a name; a user handle
        (named("author", "redaktion@example.org"), []),
        (named("author", "Jane Roe jane.roe@example.org"), ["Jane Roe"]),
        (named("author", "sv_team"), []),
        # a section of the site ("Nachrichten" is also the page's article:section)
        (named("author", "Nachrichten") + og("article:section", "Nachrichten"), []),
        # the site's name with its address in brackets
        (named("author", "Deutsche Welle (www.dw.com)") + og("og:site_name", "DW.COM"), []),
        # a picture credit
        (named("author", "(Image: Getty Images)"), []),
        # initials in brackets after a name
        (named("author", "Elena Oberholzer (obe)"), ["Elena Oberholzer"]),
        # two names and a place in one field
        (named("author", "Anna Martel und Lea Wagner, Nairobi"), ["Anna Martel", "Lea Wagner", "Nairobi"]),
        # a name, a description and the site's host
        (named("author", "Povilas Aleksandravičius, Mykolo Romerio universiteto Žmogaus ir visuomenės studijų "
                         "fakulteto profesorius, Lrt.lt"), ["Povilas Aleksandravičius"]),
        # a reporter title after a Korean name; the site's name beside it
        (named("author", "한국일보") + named("author", "신현주 기자") + og("og:site_name", "한국일보"), ["신현주"]),
    ],
)  # fmt: skip
def test_only_people_are_authors(head: str, expected: list[str]) -> None:
    assert meta(head).authors == expected


def test_json_ld_person_by_given_and_family_name_and_by_reference() -> None:
    graph = {"@graph": [
        {"@type": "NewsArticle", "headline": "H", "author": [
            {"@type": "Person", "givenName": "Anna Giulia", "familyName": "Fink"},
            {"@id": "https://example.org/#/person/1"},
        ]},
        {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Birgit Baumann"},
    ]}  # fmt: skip
    assert meta(ld(graph)).authors == ["Anna Giulia Fink", "Birgit Baumann"]


def test_site_as_author_stands_in_only_when_no_person_is_named() -> None:
    site = og("og:site_name", "NTV.com.tr") + ld(
        {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Organization", "name": "NTV"}}
    )
    assert meta(site).authors == ["NTV"]
    assert extract(site, "<h1>H</h1><p class='byline'>By Ayşe Yılmaz</p>").authors == ["Ayşe Yılmaz"]
    acronym = named("author", "LTO") + og("og:site_name", "Legal Tribune Online")
    assert meta(acronym, '<p>von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>').authors == [
        "Dr. Max Kolter"
    ]


def test_agency_abbreviation_in_a_byline_does_not_replace_the_site() -> None:
    head = named("author", "Salzburger Nachrichten") + og("og:site_name", "Salzburger Nachrichten")
    assert extract(head, "<h1>H</h1><p class='byline'>von APA</p>").authors == ["Salzburger Nachrichten"]


def test_author_markup_gives_one_bylines_names() -> None:
    body = (
        '<div class="meta"><ul><li><a href="/author/nflakin/">Nathaniel Flakin</a></li>'
        '<li><a href="/author/all/">All authors</a></li></ul></div>'
        '<aside><div><div><ul><li><a href="/author/other/">Someone Else</a></li></ul></div></div></aside>'
    )
    assert meta("", body).authors == ["Nathaniel Flakin"]


def test_microdata_author_names_are_read_as_written() -> None:
    body = (
        '<div itemprop="author"><span itemprop="name">Monika Bolliger und Anna Trechsel, Sweidah</span></div>'
    )
    assert meta("", body).authors == ["Monika Bolliger", "Anna Trechsel", "Sweidah"]


def test_byline_name_with_a_job_title_is_the_known_author() -> None:
    head = ld(
        {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Holger Zschäpitz"}}
    )
    body = "<h1>H</h1><p class='byline'>Von Holger Zschäpitz Leitender Wirtschaftsredakteur</p>"
    assert extract(head, body).authors == ["Holger Zschäpitz"]


def test_byline_naming_no_known_author_is_another_articles() -> None:
    head = named("author", "Nicole Opitz")
    body = "<h1>H</h1><p class='byline'>von Isabella Caldart</p>"
    assert extract(head, body).authors == ["Nicole Opitz"]


def test_byline_naming_a_known_author_adds_the_others() -> None:
    head = named("author", "Jane Doe")
    assert extract(head, "<h1>H</h1><p class='byline'>By Jane Doe and John Smith</p>").authors == [
        "Jane Doe",
        "John Smith",
    ]


def test_byline_name_extending_a_known_author_is_not_added_again() -> None:
    head = ld({"@type": "NewsArticle", "headline": "H", "author": "Samya Kullab and Vasilisa Stepanenko"})
    body = "<h1>H</h1><p class='byline'>By Samya Kullab and Vasilisa Stepanenko The Associated Press</p>"
    assert extract(head, body).authors == ["Samya Kullab", "Vasilisa Stepanenko"]


# --- dates --------------------------------------------------------------------------------------------


def test_publication_date_is_preferred_over_modified_dates() -> None:
    head = og("article:modified_time", "2024-05-06T10:00:00+02:00") + ld(
        {
            "@type": "NewsArticle",
            "headline": "H",
            "dateModified": "2024-05-06",
            "datePublished": "2024-05-03T08:00:00+02:00",
        }
    )
    assert meta(head).date == "2024-05-03T08:00:00+02:00"


def test_modified_date_alone_is_not_a_publication_date() -> None:
    head = og("article:modified_time", "2024-05-06T10:00:00+02:00") + ld(
        {"@type": "NewsArticle", "dateModified": "2024-05-06"}
    )
    assert meta(head).date is None


@pytest.mark.parametrize(
    "placeholder", ["1970-01-01T01:00:00+01:00", "1969-12-31T19:00:00-05:00", "0001-01-01"]
)
def test_a_placeholder_date_is_no_date_and_the_next_source_gives_it(placeholder: str) -> None:
    # a zero Unix timestamp (or .NET's minimum) is what a CMS writes when it has no date
    head = og("article:published_time", placeholder) + '<meta name="date" content="2021-04-28">'
    assert (meta(og("article:published_time", placeholder)).date, meta(head).date) == (None, "2021-04-28")


def test_date_in_the_title_is_not_taken_as_the_date() -> None:
    page = meta(
        og("og:title", "Ziele, Chancen, Risiken | DW | 28.04.2023"), "<h1>Ziele, Chancen, Risiken</h1>"
    )
    assert (page.title, page.date) == ("Ziele, Chancen, Risiken", None)
