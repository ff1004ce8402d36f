"""The parsed page: loading with limits, finding the publisher's key points and byline candidates."""

from __future__ import annotations

import itertools
from typing import Any

from newscli.errors import InputError
from newscli.lang.spaces import collapse_within

# trafilatura's time grows faster than the page past a few tens of thousands of elements (40,000 paragraphs
# take 2.3x the time of 20,000): the work is bounded by extracting from the first WORK_ELEMENTS elements
# only (the record then carries the warning `truncated`). The largest dev page has ~10,000 elements.
WORK_ELEMENTS = 30_000
DEPTH_LIMIT = 255  # libxml2 cuts a document nested deeper than 256 elements
HIGHLIGHT_ITEMS = (2, 6)  # a key-points list has this many items
HIGHLIGHT_CHARS = (15, 250)  # and each item is a sentence of this length
HIGHLIGHT_LOOKAHEAD = 3  # elements after the headline where the list may start


def load_tree(text: str) -> tuple[Any, bool]:
    """An lxml tree of the page and whether it was cut to WORK_ELEMENTS; InputError when there is no page."""
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        raise InputError("no_main_text", "the page has no HTML body to extract from")
    last = next(itertools.islice(tree.iter(), WORK_ELEMENTS - 1, None), None)
    if last is None:
        return tree, False
    if next(last.iterdescendants(), None) is None and _nothing_follows(last):
        return tree, False
    cut_after(last)
    return tree, True


def _nothing_follows(node: Any) -> bool:
    """Whether no element comes after `node` in document order (it is the last one)."""
    while node is not None:
        if node.getnext() is not None:
            return False
        node = node.getparent()
    return True


def cut_after(node: Any) -> int:
    """Remove every element that comes after `node` in document order; returns how many were removed.

    Its children, then the following siblings of it and of each ancestor: each element is touched once.
    """
    removed = 0
    for child in list(node):
        node.remove(child)
        removed += 1
    while node is not None:
        parent = node.getparent()
        if parent is not None:
            for sibling in list(node.itersiblings()):
                parent.remove(sibling)
                removed += 1
        node = parent
    return removed


def depth_capped(tree: Any) -> bool:
    """Whether the tree reaches libxml2's depth limit (the parser dropped what lay deeper)."""
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth >= DEPTH_LIMIT:
            return True
    return False


def _text(node: Any) -> str:
    """Visible text of an element, whitespace-normalised."""
    return " ".join(node.text_content().split())


def _is_key_points(node: Any) -> list[str]:
    """The items of a list that reads like publisher key points (short sentences, not links), else []."""
    if node.tag not in ("ul", "ol"):
        return []
    (fewest, most), (shortest, longest) = HIGHLIGHT_ITEMS, HIGHLIGHT_CHARS
    items = [collapse_within(li.text_content(), longest) for li in node.iterchildren("li")]
    texts = [item for item in items if item is not None and shortest <= len(item)]
    if not fewest <= len(items) <= most or len(texts) < len(items):
        return []
    link_chars = sum(len(_text(a)) for a in node.iter("a"))
    return texts if link_chars * 2 < sum(map(len, texts)) else []


def find_highlights(tree: Any) -> list[str]:
    """Key points: a short bullet list of sentences directly under the (first) headline."""
    for h1 in tree.xpath("//body//h1")[:1]:
        node = h1
        for _ in range(HIGHLIGHT_LOOKAHEAD):
            node = node.getnext()
            while node is not None and not isinstance(node.tag, str):
                node = node.getnext()
            if node is None:
                break
            items = _is_key_points(node) or next(
                (found for child in node.iterchildren() if (found := _is_key_points(child))), []
            )
            if items:
                return items
            if node.tag == "p" and collapse_within(node.text_content(), HIGHLIGHT_CHARS[1]) is None:
                break  # the article body has started
    return []


STANDFIRST_PROBE = 40  # characters of the description an element's own text must start with
STANDFIRST_MATCH = 80  # characters of the description the element's whole text must start with
STANDFIRST_SLACK = 1.5  # and it may be this much longer than the description (a cut description)
STANDFIRST_TRIES = 3  # elements whose own text starts like the description that are looked at
_NOT_SHOWN = frozenset({"head", "title", "meta", "script", "style", "noscript", "template"})


def _fold(text: str) -> str:
    """Whitespace-collapsed, casefolded text without a final ellipsis or full stop (cut descriptions)."""
    return " ".join(text.split()).casefold().rstrip(".… ")


def find_standfirst(tree: Any, description: str | None) -> str | None:
    """The page's standfirst: the element showing the meta description (publishers put it under the headline).

    One pass reads only each element's own leading text; the whole text is read for the first few
    elements that start like the description. An element much longer than the description is a body
    paragraph the description was cut from, not a standfirst.
    """
    wanted = _fold(description or "")
    if len(wanted) < STANDFIRST_MATCH:
        return None
    probe, tries = wanted[:STANDFIRST_PROBE], 0
    first_word = probe.split()[0]
    for node in tree.iter():
        own = node.text.lstrip()[: len(first_word)] if node.text else ""
        if own.casefold() != first_word or not isinstance(node.tag, str) or node.tag in _NOT_SHOWN:
            continue
        if _fold(node.text[: 2 * STANDFIRST_PROBE]).startswith(probe):
            text = _text(node)
            folded = _fold(text)
            if folded.startswith(wanted[:STANDFIRST_MATCH]) and len(folded) <= STANDFIRST_SLACK * len(wanted):
                return text
            tries += 1
            if tries >= STANDFIRST_TRIES:
                break
    return None


# Where a byline usually stands: marked as one, or among the first elements after the headline.
_BYLINE_MARKED = (
    "//body//*[contains(@class, 'byline') or contains(@class, 'author') or contains(@class, 'auteur')"
    " or @rel='author' or contains(@itemprop, 'author')]"
)
BYLINE_CHARS = 160  # a longer element is prose, not a byline
BYLINE_AFTER_H1 = 8  # elements after the headline that are looked at


def byline_candidates(tree: Any) -> list[str]:
    """Short texts that may be bylines: marked ones first, then those right after the headline."""
    nodes = list(itertools.islice(tree.xpath(_BYLINE_MARKED), 10))
    for h1 in tree.xpath("//body//h1")[:1]:
        nodes += list(itertools.islice(h1.itersiblings(), BYLINE_AFTER_H1))
    texts: list[str] = []
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        text = collapse_within(node.text_content(), BYLINE_CHARS)
        if text and text not in texts:
            texts.append(text)
    return texts
