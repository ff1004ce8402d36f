"""A line break in the page's source is a space, so a hard-wrapped paragraph stays one paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.source_breaks import spaces_for_breaks
from newscli.sources import Source

LEAD = "The council voted on Tuesday to rebuild the harbour wall before winter, after storms in March"
REST = (
    "flooded the lower town twice and closed the ferry for nine days, the mayor said at a press conference."
)
OTHER = (
    "Work starts in May and is to end before the autumn storms; the ferry keeps running while the "
    "wall is rebuilt, with a temporary landing stage on the north side of the harbour."
)


def linked_page() -> str:
    """A paragraph whose link text starts on a new source line after an icon (a sprite sheet before it)."""
    link = f"<a href='/storms'>\n   <svg class='icon'>\n    <use href='#cart'></use>\n   </svg> {REST}</a>"
    return (
        "<html><head><title>Harbour wall</title></head><body><div class='body'>"
        "<svg width='0' height='0'><defs><svg id='cart'></svg></defs></svg>"
        f"<div><p>{LEAD} {link}</p><p>{OTHER}</p><p>{OTHER} Again.</p></div></div></body></html>"
    )


def wrapped_page() -> str:
    """An article typed as text loose in two <div>s, hard-wrapped in the source."""
    return (
        "<html><head><title>Harbour wall</title></head><body><article>"
        f"<div>\n  {LEAD}\n  {REST}\n</div><div>\n  {OTHER}\n  {OTHER}\n</div></article></body></html>"
    )


def text_of(html: str, **options: object) -> str:
    return parse_html(Source(name="page", data=html.encode()), ExtractOptions(**options)).text  # type: ignore[arg-type]


def test_a_link_whose_text_starts_on_a_new_source_line_stays_inside_its_paragraph() -> None:
    assert text_of(linked_page()).split("\n\n") == [f"{LEAD} {REST}", OTHER, f"{OTHER} Again."]


def test_without_the_mechanism_the_source_break_splits_the_paragraph() -> None:
    expected = [LEAD, REST, OTHER, f"{OTHER} Again."]
    assert text_of(linked_page(), without=frozenset({"source_breaks"})).split("\n\n") == expected


def test_hard_wrapped_text_loose_in_a_div_is_one_paragraph_per_div() -> None:
    assert text_of(wrapped_page()).split("\n\n") == [f"{LEAD} {REST}", f"{OTHER} {OTHER}"]
    assert text_of(wrapped_page(), without=frozenset({"source_breaks"})).split("\n\n") == [
        LEAD,
        REST,
        OTHER,
        OTHER,
    ]


def page(first_paragraph: str) -> str:
    """An article whose first paragraph is given as markup, followed by two plain paragraphs."""
    return (
        "<html><head><title>Harbour wall</title></head><body><article><h1>Harbour wall to be rebuilt</h1>"
        f"{first_paragraph}<p>{OTHER}</p><p>{OTHER} Again.</p></article></body></html>"
    )


def test_a_br_still_breaks_the_line() -> None:
    html = page(f"<p>{LEAD}<br>\n    {REST}</p>")
    assert text_of(html).split("\n\n")[:2] == [LEAD, REST]


def test_preformatted_text_scripts_and_styles_keep_their_line_breaks() -> None:
    html = "<div>a\n  b<PRE class=x>x\n  <b>y\r\n</b></pre>c\r\nd<script>// note\nrun()</script>\n<style>p{}\n</style>e\nf"
    expected = "<div>a   b<PRE class=x>x\n  <b>y\r\n</b></pre>c  d<script>// note\nrun()</script> <style>p{}\n</style>e f"
    assert spaces_for_breaks(html) == expected


def test_an_element_whose_name_only_starts_like_pre_is_not_preformatted() -> None:
    assert spaces_for_breaks("<prefix>a\nb</prefix>") == "<prefix>a b</prefix>"


def test_an_unclosed_preformatted_element_keeps_its_breaks_to_the_end() -> None:
    assert spaces_for_breaks("a\nb<textarea>c\nd") == "a b<textarea>c\nd"


def test_markup_without_a_line_break_is_returned_as_it_is() -> None:
    html = "<p>two  spaces\tand a tab</p>"
    assert spaces_for_breaks(html) is html


_PIECES = [*"ab \n\r\t<>/é", "<pre>", "</pre>", "<SCRIPT>", "</script>", "<prefix>"]
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_MARKUP)
def test_only_line_breaks_change_and_each_becomes_one_space(html: str) -> None:
    spaced = spaces_for_breaks(html)
    assert len(spaced) == len(html)
    assert all(new == old or (old in "\n\r" and new == " ") for old, new in zip(html, spaced, strict=True))
