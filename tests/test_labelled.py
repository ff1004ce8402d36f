"""Dates and authors a page prints as a label and a value are read when its metadata names none."""

from __future__ import annotations

import pytest

from newscli.parsers.html_meta import PageMeta, read_metadata
from newscli.parsers.html_tree import load_tree
from newscli.parsers.labelled import labelled_authors, labelled_date, labelled_values

BODY = (
    "<p>The harbour authority said on Monday that the new ferry terminal will open in the spring, after two "
    "years of construction work and a long public consultation with residents.</p>"
)


def tree(body: str) -> object:
    """The lxml tree of a page with this body."""
    return load_tree(f"<html><head></head><body>{body}{BODY}</body></html>")[0]


def meta(head: str, body: str) -> PageMeta:
    """read_metadata on a page with this head and body."""
    return read_metadata(load_tree(f"<html><head>{head}</head><body>{body}{BODY}</body></html>")[0])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<ul><li><strong>Datum</strong>\n28.04.2023\n</li></ul>", "2023-04-28"),  # the label's tail
        ("<dl><dt>Date</dt><dd>April 28, 2023</dd></dl>", "2023-04-28"),  # the next element
        ("<dl><dt>Fecha</dt><!-- x --><dd>28/04/2023</dd></dl>", "2023-04-28"),  # a comment between
        ("<p>Published: Friday 28 April 2023, 10:32</p>", "2023-04-28"),  # label and value in one text
        ("<span>Veröffentlicht am:</span> <time>28. April 2023, 14:26 Uhr</time>", "2023-04-28"),
        ("<div><b>تاريخ النشر</b> 2023-04-28</div>", "2023-04-28"),
    ],
)
def test_labelled_date_is_read(body: str, expected: str) -> None:
    assert labelled_date(tree(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<p><strong>Date</strong> 2023</p>",  # a year alone is not a date
        "<p><strong>Date</strong> April 2023</p>",  # nor a month
        "<p><strong>Date</strong> 3/4/2023</p>",  # 3 April or March 4: the page does not say which
        "<p><strong>Updated</strong> 28.04.2023</p>",  # another date than the publication's
        "<p><a href='/archive'>Date</a> 28.04.2023</p>",  # a link is a control, not a label
        "<p>Date night ideas: 28.04.2023</p>",  # a heading that starts like a label
        "<p><strong>Date</strong> to be announced, check this page again in April 2023 for news</p>",
    ],
)
def test_no_labelled_date_is_invented(body: str) -> None:
    assert labelled_date(tree(body)) is None


def test_the_first_labelled_date_is_taken() -> None:
    body = "<p><b>Date:</b> not yet</p><p><b>Date:</b> 2 May 2024</p><p><b>Date:</b> 9 May 2024</p>"
    assert labelled_date(tree(body)) == "2024-05-02"


def test_long_values_are_not_labelled_values() -> None:
    assert (
        list(labelled_values(tree(f"<p><b>Author</b> {'Jane Doe ' * 12}</p>"), frozenset({"author"}))) == []
    )


def test_labelled_author_is_read_as_written() -> None:
    body = "<ul><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>"
    assert labelled_authors(tree(body)) == ["Roman Goncharenko"]


def test_labelled_fields_fill_only_what_the_metadata_leaves_empty() -> None:
    body = "<ul><li><strong>Datum</strong> 28.04.2023</li><li><strong>Autor</strong> Jana Novak</li></ul>"
    declared = '<meta property="article:published_time" content="2023-04-27"><meta name="author" content="Ines Roth">'
    assert (meta("", body).date, meta("", body).authors) == ("2023-04-28", ["Jana Novak"])
    assert (meta(declared, body).date, meta(declared, body).authors) == ("2023-04-27", ["Ines Roth"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p><b>Autor</b> jd</p>", []),  # initials or a handle
        ("<div><span>Auteur</span><span>Auteur</span></div>", []),  # the label again, not a value
        ("<div><div>Auteur :</div><div>Auteur(s) :</div></div>", []),  # another label
        ("<dl><dt>Autoren</dt><dd>Wer schreibt für uns?</dd></dl>", []),  # a heading, not a name
        ("<p>Author: release date and image DPI in there</p>", []),  # a sentence that follows a label
        ("<p><b>Written by</b> Anna de la Cruz and Lea Wagner</p>", ["Anna de la Cruz", "Lea Wagner"]),
        ("<p><b>بقلم</b> أحمد سالم</p>", ["أحمد سالم"]),  # a script without case
    ],
)
def test_a_labelled_author_counts_only_when_it_reads_as_names(body: str, expected: list[str]) -> None:
    assert meta("", body).authors == expected
