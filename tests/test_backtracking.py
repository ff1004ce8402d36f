"""No regular expression backtracks over page-sized text: the shapes that did are gone, results unchanged.

Speed is measured in benchmarks/regex_audit.py; these tests pin the behaviour and the linear shapes.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newscli.clean import CleanOptions, _tags_meta, clean_article
from newscli.lang.normalize import match_offsets, normalize_match
from newscli.lang.spaces import collapse_within
from newscli.model import Article

_TEXT = st.text(
    alphabet=st.sampled_from(list("ab ,;|•·،\t\n\u00a0\u2003AÉé\u0627\u064e\u0640\ufdfa\u200f\u00ad-–()")),
    max_size=40,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_match_offsets_gives_the_matching_form_with_whitespace_collapsed(text: str) -> None:
    folded, index = match_offsets(text)
    assert folded == normalize_match(text)
    assert len(index) == len(folded)
    assert index == sorted(index) and all(0 <= i < len(text) for i in index)


def test_match_offsets_point_a_collapsed_space_at_the_run_it_stands_for() -> None:
    assert match_offsets("  Ab \t\u00a0cd  ") == ("ab cd", [2, 3, 4, 7, 8])


_OLD_TAG_SPLIT = re.compile(r"\s*[,،;؛|•·]\s*")  # quadratic on a long run of spaces


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT)
def test_tags_line_is_split_as_before(value: str) -> None:
    article = Article()
    _tags_meta(article, "Tags: " + value)
    assert article.tags == [t for t in _OLD_TAG_SPLIT.split(value.strip()) if t]


def test_tags_line_with_a_long_run_of_spaces_splits_at_once() -> None:
    article = Article()
    _tags_meta(article, "Tags: economy" + " " * 200_000 + "x, transport ,  trains")
    assert article.tags == ["economy" + " " * 200_000 + "x", "transport", "trains"]


ARABIC_BODY = (
    "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية، "
    "بطاقة إنتاجية تبلغ نصف مليون متر مكعب يومياً."
)
ARABIC_MORE = "وقال الوزير إن المحطة ستوفر المياه لأكثر من مليوني نسمة في المدن المجاورة خلال الصيف المقبل."


# A wire-dateline rule as the bundled Arabic rules had it until datelines were kept as article text: the
# shape (optional separators around a run of spaces) that used to try every split of a long run.
WIRE_RULE = "my.wire\tdateline\tstrip\thead\t^[^\\s(]{2,25}( [^\\s(]{2,15})? ?[-–—]? ?\\(?(رويترز|وام|واس)\\)? ?[-–—:] ?\n"


def test_a_strip_rule_sees_a_long_run_of_spaces_collapsed(tmp_path: Path) -> None:
    # Without normalizing, the line keeps its spaces; a rule's ` ?[-–—]? ?` would try every split of
    # them (minutes at this size) if it saw the raw text. Rules see the collapsed matching form.
    rules = tmp_path / "wire.tsv"
    rules.write_text(WIRE_RULE, encoding="utf-8")
    first = "القاهرة" + " " * 100_000 + "الجديدة (وام) - " + ARABIC_BODY
    article = Article(language="ar", text=first + "\n\n" + ARABIC_MORE)
    cleaned = clean_article(article, CleanOptions(normalize=False, explain=True, rules_file=rules))
    assert cleaned.text == ARABIC_BODY + "\n\n" + ARABIC_MORE
    assert [(r["rule"], r["text"]) for r in cleaned.removed] == [
        ("my.wire", "القاهرة" + " " * 100_000 + "الجديدة (وام) -")
    ]


def test_json_ld_keywords_with_a_long_run_of_spaces_split_at_once() -> None:
    from newscli.parsers.html_meta import read_metadata
    from newscli.parsers.html_tree import load_tree

    keywords = "transport" + " " * 200_000 + "x ,  trains;Trains، قطارات"
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "keywords": "'
        + keywords
        + '"}</script></head><body><p>Text.</p></body></html>'
    )
    assert read_metadata(load_tree(page)[0]).tags == ["transport x", "trains", "قطارات"]


def test_json_ld_author_and_headline_with_long_space_runs_and_many_at_signs_are_read_at_once() -> None:
    from newscli.parsers.html_meta import read_metadata
    from newscli.parsers.html_tree import load_tree

    spaces = " " * 200_000
    page = (
        "<html><head><title>Harbor bridge approved" + spaces + "| The Ledger</title>"
        '<meta property="og:site_name" content="The Ledger">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Jane' + spaces + "Doe," + spaces + 'John Smith"},'
        '{"@type": "Person", "name": "Ann Lee ' + "a@" * 50_000 + 'b"}]}</script>'
        "</head><body><p>Text.</p></body></html>"
    )
    meta = read_metadata(load_tree(page)[0])
    assert meta.title == "Harbor bridge approved"
    assert meta.authors == ["Jane Doe", "John Smith"]  # the '@' word is checked for an address, then too long


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003\u2028\u3000\u200bé")),
        max_size=60,
    ),
    st.integers(min_value=0, max_value=40),
)
def test_collapse_within_is_split_and_join_or_none_past_the_limit(text: str, limit: int) -> None:
    collapsed = " ".join(text.split())
    assert collapse_within(text, limit) == (collapsed if len(collapsed) <= limit else None)


def test_a_page_sized_paragraph_is_not_a_byline_candidate_nor_a_byline() -> None:
    from newscli.bylines import parse_byline
    from newscli.parsers.html_tree import byline_candidates, load_tree

    prose = "word " * 2_000_000  # 10 MB on one line
    page = f"<html><body><h1>Title</h1><p>By Jane Doe</p><p>{prose}</p></body></html>"
    assert byline_candidates(load_tree(page)[0]) == ["By Jane Doe"]
    assert parse_byline("By Jane Doe" + " " * 1_000_000) is not None
    assert parse_byline("By Jane Doe " + prose) is None


# The name and title patterns only ever see whitespace-collapsed text; written for single spaces they have
# no adjacent unbounded repeats at all. Each pins the old pattern's result on collapsed text.
_SPLITTERS = {
    "bylines._AR_SPLIT": (r"\s*[،,]\s*|\s+و\s+", 0),
    "bylines._LATIN_SPLIT": (
        r"\s*,\s*(?:and\s+|et\s+|y\s+|und\s+|e\s+|en\s+)?|\s+(?:and|et|y|und|e|en|&)\s+",
        0,
    ),
    "parsers.authors._LIST": (r"\s*[,;،、|]\s*", 0),
    "parsers.authors._AND": (r"\s+(?:&|and|und|et|y|e|en|og|och|ve|dan|и|و)\s+", re.IGNORECASE),
    "parsers.authors._ROLE_SUFFIX": (r"\s*(?:기자|특파원|記者|记者|特派員)$", 0),
    "parsers.html_title._SEPARATOR": (r"\s+[|\-–—·•/»«]\s+|\s*[|｜ㅣ│：]\s*", 0),
}
# Words and separators the patterns care about (space-separated here, joined by single spaces below).
_PIECES = "Anna AND and und et y e en & و سالم , ، ; 、 | ｜ ㅣ │ ： - – / » 기자 記者 A,B x|y a-b Ö"
_COLLAPSED = st.lists(st.sampled_from(_PIECES.split(" ")), max_size=12).map(lambda words: " ".join(words))


@pytest.mark.parametrize("where", sorted(_SPLITTERS))
@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=_COLLAPSED)
def test_single_space_patterns_match_as_the_old_ones_did_on_collapsed_text(where: str, text: str) -> None:
    module_name, _, attribute = where.rpartition(".")
    new = getattr(importlib.import_module(f"newscli.{module_name}"), attribute)
    old = re.compile(*_SPLITTERS[where])
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


_OLD_RULES = {
    ("neutral", "neutral.dateline.numeric"): r"^\d{1,4}[\s/.\-]+(\d{1,2}|[^\W\d]{3,12})[\s/.\-]+\d{2,4}"
    r"(\s*[-–|،,]?\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm|gmt|utc|ص|م)?)?$",
}
_RULE_PIECES = (
    "القاهرة الجديدة ( وام ) واس - – : , ، 12 3 2024 03/12/2024 12.03.2024 mars 10:30 10:30:15 am gmt ص x"
)
_MATCHING_FORM = st.lists(st.sampled_from(_RULE_PIECES.split(" ")), max_size=10).map(lambda w: " ".join(w))


@pytest.mark.parametrize(("language", "rule_id"), sorted(_OLD_RULES))
@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=_MATCHING_FORM)
@example(text="القاهرة الجديدة - (وام) - الخبر")
@example(text="12 03 2024 - 10:30 am")
def test_dateline_rules_match_as_before_on_the_matching_form(language: str, rule_id: str, text: str) -> None:
    from newscli.clean_rules import bundled_rules

    rule = next(r for r in bundled_rules(language) if r.id == rule_id)
    old = re.compile(_OLD_RULES[(language, rule_id)], re.IGNORECASE)
    assert [m.span() for m in rule.pattern.finditer(text)] == [m.span() for m in old.finditer(text)]
