"""RELIABILITY.md table cells: hostile text from a run can never break the table or become markup."""

from __future__ import annotations

from tests.robustness.report import MAX_SHOWN, cell, code


def test_cell_escapes_markup_pipes_and_newlines() -> None:
    """A description with tags, a pipe and a newline stays one inert cell."""
    assert cell("<script>a|b\nc & d") == "&lt;script&gt;a\\|b c &amp; d"


def test_code_span_escapes_pipes_and_shortens_long_lines() -> None:
    """An error line is a code span of at most MAX_SHOWN characters, pipes escaped."""
    assert code("newscli: a|b: x [y]") == "`newscli: a\\|b: x [y]`"
    assert code("x" * 500) == "`" + "x" * (MAX_SHOWN - 1) + "…`"
