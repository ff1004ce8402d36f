"""The article body: layout tables unboxed, trafilatura's precise pass, then checks that may replace it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MIN_TEXT_LETTERS = 60  # fewer letters than this in the main text: the page has no article
SHORT_TEXT_CHARS = 1500  # a precise result shorter than this is checked against trafilatura's full cascade
KEEP_SHARE = 0.5  # keep the precise result unless it has less than this share of the other's text


def has_article(text: str) -> bool:
    """Whether a text holds MIN_TEXT_LETTERS letters (a script-neutral length); stops reading once it does."""
    found = 0
    for char in text:
        found += char.isalpha()
        if found >= MIN_TEXT_LETTERS:
            return True
    return False


def _trafilatura(tree: Any, **options: Any) -> str:
    """Main text by trafilatura (which works on its own copy of the tree), paragraphs one per line."""
    import trafilatura

    return trafilatura.extract(tree, include_comments=False, **options) or ""


def precise(tree: Any) -> str:
    """trafilatura's precision mode without its fallbacks: the first candidate on every page."""
    return _trafilatura(tree, favor_precision=True, fast=True)


def _page_text_length(tree: Any) -> int:
    """Characters of all text in the page's body (scripts included): a bound on any extraction's length."""
    body = tree.find(".//body")
    return sum(len(piece) for piece in (body if body is not None else tree).itertext())


def _second_opinion(tree: Any, text: str) -> str:
    """A short precise result is compared with trafilatura's full cascade (readability, jusText, recall).

    The precise pass sometimes keeps only a teaser, a lead sentence or a menu; the full cascade, which
    re-reads the page with two other algorithms, then holds the article. The precise result is kept
    unless it has less than half as much text.
    """
    page = _page_text_length(tree)
    if len(text) >= SHORT_TEXT_CHARS or len(text) >= KEEP_SHARE * page or page < MIN_TEXT_LETTERS:
        # long enough, or already half of all the text the page has, or the page has too few characters
        # to hold an article at all: no cascade can outvote it
        return text
    other = _trafilatura(tree)
    return text if len(text) >= KEEP_SHARE * len(other) else other


Check = Callable[[Any, str], str]
# The checks after the precise pass, in order; each may replace the text. Their names are the ones the
# ablation table of benchmarks/extraction.py switches off one at a time.
CHECKS: dict[str, Check] = {
    "second_opinion": _second_opinion,
}


def main_text(tree: Any, fast: bool = False, without: frozenset[str] = frozenset()) -> str:
    """The article body, one paragraph per line.

    Layout tables are unboxed first (in both modes: it costs one walk of the tables); the default mode
    then joins an article split over several containers (a walk of the page's containers, ~3 % of a
    page's time, which --fast saves). The default mode runs every check; --fast runs them only when the
    precise pass found no article, so --fast finds an article wherever the default mode does, and costs
    one pass on every other page.
    """
    from newscli.parsers.fragments import join_fragments
    from newscli.parsers.layout_tables import unbox_layout_tables

    if "layout_tables" not in without:
        unbox_layout_tables(tree)
    if not fast and "fragments" not in without:
        join_fragments(tree)
    text = precise(tree)
    if fast and has_article(text):
        return text
    for name, check in CHECKS.items():
        if name not in without:
            text = check(tree, text)
    return text
