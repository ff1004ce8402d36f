"""Layout tables become blocks before extraction; data tables stay tables."""

from __future__ import annotations

from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.html_tree import load_tree
from newscli.parsers.layout_tables import is_layout, is_navigation, unbox_layout_tables
from newscli.sources import Source

PROSE = (
    "The council voted on Tuesday to rebuild the harbour wall before winter, after storms in March "
    "flooded the lower town twice and closed the ferry for nine days."
)
MENU = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td></tr>" for i in range(8))
VALUES = "".join(f"<tr><td>Team {i}</td><td>{10 - i}</td></tr>" for i in range(3))
FOOTER = "About us · Advertise · Careers · Terms of use · Privacy · Feedback · Sitemap. Copyright 2008."


def grid_page() -> str:
    """A page laid out as one table: a menu table in the left cell, the article in the right one, a footer row."""
    article = "".join(f"<p>{PROSE} Part {i}.</p>" for i in range(4))
    return (
        "<html><head><title>Harbour wall</title></head><body><table width='1000'>"
        f"<tr><td><table>{MENU}</table></td><td><h2>Harbour wall to be rebuilt</h2>{article}</td></tr>"
        f"<tr><td colspan='2'>{FOOTER}</td></tr></table></body></html>"
    )


def text_of(html: str, **options: object) -> str:
    return parse_html(Source(name="page", data=html.encode()), ExtractOptions(**options)).text  # type: ignore[arg-type]


def first_table(html: str) -> object:
    tree, _ = load_tree(f"<html><body>{html}</body></html>")
    return next(tree.iter("table"))


def test_a_page_laid_out_as_a_table_gives_the_article_without_menu_and_footer() -> None:
    assert text_of(grid_page()).split("\n\n") == [f"{PROSE} Part {i}." for i in range(4)]


def test_without_the_mechanism_the_whole_grid_comes_back_as_table_rows() -> None:
    lines = text_of(grid_page(), without=frozenset({"layout_tables"})).split("\n\n")
    assert lines[0].startswith("| | Harbour wall to be rebuilt The council voted")
    assert lines[1:] == [f"| {FOOTER} | |"] + [f"| Section {i} |" for i in range(8)]


def test_a_data_table_inside_an_article_keeps_its_header_row() -> None:
    rows = "".join(f"<tr><td>Team {i}</td><td>{10 - i}</td></tr>" for i in range(3))
    body = "".join(f"<p>{PROSE} Part {i}.</p>" for i in range(3))
    page = (
        f"<html><body><article>{body}<table><tr><th>Team</th><th>Points</th></tr>{rows}</table>"
        "</article></body></html>"
    )
    assert text_of(page).split("\n\n")[3:] == [
        "| Team | Points |",
        "|---|---|",
        "| Team 0 | 10 |",
        "| Team 1 | 9 |",
        "| Team 2 | 8 |",
    ]


def test_a_table_holding_another_table_lays_out_the_page() -> None:
    assert is_layout(first_table("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"))


def test_a_table_of_short_values_is_data() -> None:
    table = first_table(f"<table>{VALUES}</table>")
    assert not is_layout(table)
    assert not is_navigation(table)


def test_a_table_whose_text_is_links_is_navigation_even_with_header_cells() -> None:
    assert is_navigation(first_table(f"<table>{MENU}</table>"))
    assert is_navigation(first_table(f"<table><tr><th><a href='/'>Home</a></th></tr>{MENU}</table>"))
    assert not is_layout(first_table(f"<table>{MENU}</table>"))


def test_a_caption_or_a_summary_keeps_a_table_of_links_data() -> None:
    assert not is_navigation(first_table(f"<table><caption>Sources</caption>{MENU}</table>"))
    assert not is_navigation(first_table(f"<table summary='Sources'>{MENU}</table>"))


def test_a_table_with_one_link_per_row_beside_its_values_is_not_navigation() -> None:
    rows = "".join(f"<tr><td><a href='/t{i}'>Team {i}</a></td><td>won 3, drawn 1, lost {i}</td></tr>" for i in range(3))
    assert not is_navigation(first_table(f"<table>{rows}</table>"))


def test_a_short_table_of_story_links_beside_the_article_does_not_come_back_as_rows() -> None:
    links = "".join(f"<tr><td><a href='/n{i}'>Story {i}</a></td><th>&nbsp;</th></tr>" for i in range(5))
    body = "".join(f"<p>{PROSE} Part {i}.</p>" for i in range(3))
    page = f"<html><body><div><table>{links}</table><h1>Harbour</h1>{body}</div></body></html>"
    lines = text_of(page).split("\n\n")
    assert [line for line in lines if "Story" in line or line.startswith("|")] == []
    assert lines[-3:] == [f"{PROSE} Part {i}." for i in range(3)]
    assert text_of(page, without=frozenset({"layout_tables"})).startswith("| Story 0 | |")


def test_a_cell_of_prose_makes_an_unmarked_table_layout_but_a_header_cell_keeps_it_data() -> None:
    prose = f"<tr><td>{PROSE} {PROSE}</td></tr>"
    assert is_layout(first_table(f"<table>{prose}</table>"))
    assert not is_layout(first_table(f"<table><tr><th>Note</th></tr>{prose}</table>"))


def test_only_the_layout_and_navigation_tables_own_rows_and_cells_are_renamed() -> None:
    tree, _ = load_tree(grid_page().replace(f"{FOOTER}</td>", f"{FOOTER}<table>{VALUES}</table></td>"))
    assert unbox_layout_tables(tree) == 2  # the grid and the menu in its left cell
    assert [el.tag for el in tree.iter("table", "tr", "td")] == ["table"] + ["tr", "td", "td"] * 3
