"""Tables used for page layout become plain blocks, so the extractor weighs their cells as it weighs divs.

Pages built before CSS layouts (and many still served) put the whole page in a <table>: masthead,
menu, article and footer are cells of one grid. trafilatura's precision pass treats a table as content
and returns the grid entire, menus and footer included, as Markdown rows. Renaming the grid's own rows
and cells to <div> lets it score the article cell apart from the rest, as it does on any other page.

A table is layout when it holds another table, or when it carries none of the marks of a data table
(a summary, caption, header cells, column groups) and one of its cells holds LAYOUT_CELL_CHARS
characters: a data table's cells hold values, not paragraphs. Data tables, inside a layout or not, are
kept as they are.

A table is navigation when it holds no other table and at least NAV_LINK_SHARE of its text is link text
(a menu, a list of sections or of other stories laid out as rows), whatever cells it marks as headers:
only a caption or a summary says a table of links is data. trafilatura drops such a table itself only
from 200 characters up; a shorter one, renamed to <div>, meets the link-density test it gives every
block, instead of coming back as rows beside the article, or in place of it.
"""

from __future__ import annotations

from typing import Any

LAYOUT_CELL_CHARS = 200  # a cell holding this many characters holds prose: the table lays out a page
DATA_MARKS = ("caption", "thead", "tfoot", "colgroup", "th")  # a table with any of these holds data
TABLE_PARTS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})
NAV_LINK_SHARE = 0.8  # trafilatura's own share for link-rich tables under 1,000 characters


def _holds(cell: Any, chars: int) -> bool:
    """Whether an element's text reaches `chars` characters (stops reading once it does)."""
    found = 0
    for piece in cell.itertext():
        found += len(piece.strip())
        if found >= chars:
            return True
    return False


def is_layout(table: Any) -> bool:
    """Whether a <table> lays out the page rather than holding data (see the module's docstring)."""
    if next(table.iterdescendants("table"), None) is not None:
        return True
    if table.get("summary") or next(table.iterdescendants(*DATA_MARKS), None) is not None:
        return False
    return any(_holds(cell, LAYOUT_CELL_CHARS) for cell in table.iterdescendants("td"))


def _text_chars(element: Any) -> int:
    """Characters of an element's text, each piece stripped (whitespace between cells does not count)."""
    return sum(len(piece.strip()) for piece in element.itertext())


def is_navigation(table: Any) -> bool:
    """Whether a <table> is a block of links rather than content (see the module's docstring)."""
    if next(table.iterdescendants("table"), None) is not None:
        return False  # a grid: is_layout judges it, and its nested tables are judged on their own
    if table.get("summary") or next(table.iterdescendants("caption"), None) is not None:
        return False
    total = _text_chars(table)
    links = sum(_text_chars(link) for link in table.iterdescendants("a"))
    return total > 0 and links >= NAV_LINK_SHARE * total


def unbox_layout_tables(tree: Any) -> int:
    """Rename every layout or navigation table, with its own rows and cells, to <div>; returns how many.

    Each table's own parts are reached without entering the tables nested in it, so every element is
    visited a bounded number of times whatever the nesting.
    """
    layout = [table for table in tree.iter("table") if is_layout(table) or is_navigation(table)]
    parts = []
    for table in layout:
        stack = list(table)
        while stack:
            node = stack.pop()
            if node.tag == "table":
                continue  # a nested table is judged on its own
            if node.tag in TABLE_PARTS:
                parts.append(node)
            stack.extend(node)
    for node in parts + layout:
        node.tag = "div"
    return len(layout)
