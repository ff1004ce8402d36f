"""The parsed page: loading with limits, finding the publisher's key points and byline candidates."""

from __future__ import annotations

import itertools
from typing import Any

from newscli.errors import InputError

# trafilatura's run time grows with the element count (300,000 elements take ~6 s): refuse beyond this.
MAX_ELEMENTS = 150_000
HIGHLIGHT_ITEMS = (2, 6)  # a key-points list has this many items
HIGHLIGHT_CHARS = (15, 250)  # and each item is a sentence of this length
HIGHLIGHT_LOOKAHEAD = 3  # elements after the headline where the list may start


def load_tree(text: str) -> Any:
    """An lxml tree of the page, or InputError when there is no page or it is too big to process in time."""
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        raise InputError("no_main_text", "the page has no HTML body to extract from")
    count = sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS + 1))
    if count > MAX_ELEMENTS:
        raise InputError("too_large", f"the page has more than {MAX_ELEMENTS:,} elements; newscli refuses it")
    return tree


def _text(node: Any) -> str:
    """Visible text of an element, whitespace-normalised."""
    return " ".join(node.text_content().split())


def _is_key_points(node: Any) -> list[str]:
    """The items of a list that reads like publisher key points (short sentences, not links), else []."""
    if node.tag not in ("ul", "ol"):
        return []
    items = [_text(li) for li in node.iterchildren("li")]
    (fewest, most), (shortest, longest) = HIGHLIGHT_ITEMS, HIGHLIGHT_CHARS
    if not fewest <= len(items) <= most or not all(shortest <= len(i) <= longest for i in items):
        return []
    link_chars = sum(len(_text(a)) for a in node.iter("a"))
    return items if link_chars * 2 < sum(len(i) for i in items) else []


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
            if node.tag == "p" and len(_text(node)) > HIGHLIGHT_CHARS[1]:
                break  # the article body has started
    return []


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
        text = _text(node)
        if text and len(text) <= BYLINE_CHARS and text not in texts:
            texts.append(text)
    return texts
