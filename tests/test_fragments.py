"""An article split over several containers of one class is read whole; posts and teaser cards are not joined."""

from __future__ import annotations

import pytest

from newscli.parsers.fragments import join_fragments
from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.html_tree import load_tree
from newscli.sources import Source

PROSE = (
    "The survey ship spent nine weeks in the strait, measuring how fast the ice shelf thins in summer "
    "and how much warmer water now reaches its underside from the open sea."
)


def paragraphs(part: int, count: int = 2) -> str:
    return "".join(f"<p>{PROSE} Part {part}, paragraph {n}.</p>" for n in range(count))


def expected(*parts: int, count: int = 2) -> list[str]:
    return [f"{PROSE} Part {part}, paragraph {n}." for part in parts for n in range(count)]


def split_page() -> str:
    """A long feature cut into three chunks (one per grid cell), a promotion box and an ad between them."""
    cell = '<div class="grid__cell"><div class="article-body">{}</div></div>'
    return (
        "<html><head><title>Under the ice</title></head><body><main><article><h1>Under the ice</h1>"
        '<div class="grid">'
        + cell.format(paragraphs(1))
        + '<div class="promo"><a href="/subscribe">Subscribe for unlimited access to every feature</a></div>'
        + cell.format(paragraphs(2))
        + '<div class="ad">Advertisement</div>'
        + cell.format(paragraphs(3))
        + "</div></article></main></body></html>"
    )


def text_of(html: str, **options: object) -> str:
    return parse_html(Source(name="page", data=html.encode()), ExtractOptions(**options)).text  # type: ignore[arg-type]


def test_an_article_split_over_three_containers_is_read_whole_in_order() -> None:
    assert text_of(split_page()).split("\n\n") == expected(1, 2, 3)


def test_without_the_mechanism_only_the_first_chunk_is_read() -> None:
    assert text_of(split_page(), without=frozenset({"fragments"})).split("\n\n") == expected(1)


def test_the_fast_mode_saves_the_join_and_reads_the_first_chunk() -> None:
    assert text_of(split_page(), fast=True).split("\n\n") == expected(1)


def test_the_later_chunks_move_into_the_first_and_what_lies_between_stays_out() -> None:
    tree, _ = load_tree(split_page())
    assert join_fragments(tree) == 2
    first = next(el for el in tree.iter("div") if el.get("class") == "article-body")
    assert [el.get("class") for el in first] == [None, None, "article-body", "article-body"]
    assert [el.get("class") for el in tree.iter("div") if el.getparent().get("class") == "grid"] == [
        "grid__cell",
        "promo",
        "grid__cell",
        "ad",
        "grid__cell",
    ]


def test_posts_with_their_own_titles_are_not_joined() -> None:
    post = '<div class="post"><h2>{}</h2><div class="entry-content">{}</div></div>'
    page = (
        "<html><head><title>Field notes</title></head><body><div class='posts'>"
        + post.format("Nine weeks in the strait", paragraphs(1))
        + post.format("What the cores show", paragraphs(2))
        + "</div></body></html>"
    )
    tree, _ = load_tree(page)
    assert join_fragments(tree) == 0
    assert text_of(page).split("\n\n")[-2:] == expected(1)


def test_teaser_cards_that_repeat_the_class_are_not_joined() -> None:
    card = (
        '<div class="card"><div class="article-content"><a href="/story/{0}">Story {0}: {1}</a></div></div>'
    )
    teasers = "".join(card.format(n, PROSE) for n in range(4))
    tree, _ = load_tree(f"<html><body><div class='rail'>{teasers}</div></body></html>")
    assert join_fragments(tree) == 0


def test_a_short_chunk_is_not_prose() -> None:
    cell = '<div class="cell"><div class="article-body">{}</div></div>'
    page = f"<html><body><div>{cell.format(paragraphs(1))}{cell.format('<p>Share this story</p>')}</div></body></html>"
    tree, _ = load_tree(page)
    assert join_fragments(tree) == 0


def test_containers_nested_in_one_another_are_not_chunks() -> None:
    nested = '<div class="article-body">' * 200 + paragraphs(1) + "</div>" * 200
    tree, _ = load_tree(f"<html><body>{nested}</body></html>")
    assert join_fragments(tree) == 0


def test_a_page_without_a_repeated_article_class_is_left_alone() -> None:
    page = f"<html><body><div class='article-body'>{paragraphs(1)}</div><div class='aside'>{PROSE}</div></body></html>"
    tree, _ = load_tree(page)
    assert join_fragments(tree) == 0


def test_a_trafilatura_without_its_token_lists_still_joins_the_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trafilatura import xpaths

    from newscli.parsers import fragments

    monkeypatch.delattr(xpaths, "_ARTICLE_CONTENT_CLASS_TOKENS")
    fragments._token_tests.cache_clear()
    try:
        tree, _ = load_tree(split_page())
        assert join_fragments(tree) == 2
    finally:
        monkeypatch.undo()
        fragments._token_tests.cache_clear()
