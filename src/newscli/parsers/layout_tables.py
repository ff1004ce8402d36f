"""Tables used for page layout become plain blocks, so the extractor weighs their cells as it weighs divs.

Pages built before CSS layouts (and many still served) put the whole page in a <table>: masthead,
menu, article and footer are cells of one grid. trafilatura's precision pass treats a table as content
and returns the grid entire, menus and footer included, as Markdown rows. Renaming the grid's own rows
and cells to <div> lets it score the article cell apart from the rest, as it does on any other page.

A table is layout when it holds another table, or when it carries none of the marks of a data table
(a summary, caption, header cells, column groups) and one of its cells holds LAYOUT_CELL_CHARS
characters: a data table's cells hold values, not paragraphs. Data tables, inside a layout or not, are
kept as they are.
"""

from __future__ import annotations

from typing import Any

LAYOUT_CELL_CHARS = 200  # a cell holding this many characters holds prose: the table lays out a page
DATA_MARKS = ("caption", "thead", "tfoot", "colgroup", "th")  # a table with any of these holds data
TABLE_PARTS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})


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


def unbox_layout_tables(tree: Any) -> int:
    """Rename every layout table, with its own rows and cells, to <div>; returns how many tables.

    Each table's own parts are reached without entering the tables nested in it, so every element is
    visited a bounded number of times whatever the nesting.
    """
    layout = [table for table in tree.iter("table") if is_layout(table)]
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
