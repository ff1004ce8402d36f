"""An article split over several containers of one kind is joined, so the precise pass reads all of it.

Publishers cut long articles into chunks (one container per screen, ads and boxes between them), each
chunk a container with the same tag and class. trafilatura reads only the *first* element its body
XPath finds, so it returns the first chunk: a third of a long feature, a news page up to its first ad.
readability-lxml joins such siblings (it adds a bonus to siblings sharing the top candidate's class);
this does the same on the tree before the precise pass: the later containers that match the same body
XPath, with the first one's tag and class, at its depth, within a few levels of it, are moved into it.

A chunk must read as prose: at least FRAGMENT_CHARS characters, at most half of them link text, and no
<h1> (a second article's headline). Teaser cards of related stories, which also repeat one class, are
short and mostly links, and stay where they are; the posts of a blog's front page, each with its title
in a heading beside its body container, are separate articles and stay apart too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

MAX_UP = 6  # the chunks' nearest common ancestor is at most this many levels above the first one
FRAGMENT_CHARS = 200  # a chunk holding less text than this is not prose
MAX_LINK_SHARE = 0.5  # a chunk whose text is more than this share of link text is a teaser list
HEADINGS = ("h1", "h2", "h3")


def _wrappers(other: Any, ancestors: list[Any]) -> list[Any] | None:
    """`other`'s ancestors below the one it shares with the first chunk at the same height, if within reach.

    Sharing the k-th ancestor puts both at one depth; the walk stops after MAX_UP levels, so each match
    costs a bounded number of steps whatever the page's depth.
    """
    wrappers: list[Any] = []
    for level, ancestor in enumerate(other.iterancestors()):
        if level >= min(MAX_UP, len(ancestors)):
            return None
        if ancestor is ancestors[level]:
            return wrappers
        wrappers.append(ancestor)
    return None


def _headings(element: Any) -> int:
    """How many headings an element holds (lxml walks the subtree in C)."""
    return sum(1 for _ in element.iterdescendants(*HEADINGS))


def _titled(chunk: Any, wrappers: list[Any], counted: dict[Any, int]) -> bool:
    """Whether the chunk's wrappers hold a heading outside it: it is another post, with its own title.

    `counted` keeps each wrapper's count, so a wrapper around many chunks is read once.
    """
    if not wrappers:
        return False
    top = wrappers[-1]
    if top not in counted:
        counted[top] = _headings(top)
    return counted[top] > _headings(chunk)


def _prose(element: Any) -> bool:
    """Whether a chunk reads as prose: enough text, mostly not links, no headline of its own."""
    if next(element.iterdescendants("h1"), None) is not None:
        return False
    text = sum(len(piece.strip()) for piece in element.itertext())
    if text < FRAGMENT_CHARS:
        return False
    links = sum(len(piece.strip()) for link in element.iterdescendants("a") for piece in link.itertext())
    return links <= MAX_LINK_SHARE * text


def _move_into(target: Any, element: Any) -> None:
    """Move `element` to the end of `target`, leaving its tail text where it was."""
    tail, element.tail = element.tail, None
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent = element.getparent()
            parent.text = (parent.text or "") + tail
    target.append(element)


@cache
def _token_tests() -> tuple[Any, Any]:
    """The class and id patterns of trafilatura's first body XPath (None where this version hides them)."""
    import re

    from trafilatura import xpaths

    classes = getattr(xpaths, "_ARTICLE_CONTENT_CLASS_TOKENS", None)
    ids = getattr(xpaths, "_ARTICLE_CONTENT_ID_TOKENS", None)
    if not classes or not ids:
        return None, None
    return re.compile("|".join(classes)).search, re.compile("|".join(ids)).search


def _repeats(tree: Any) -> bool:
    """Whether two containers that trafilatura's first body XPath can match share a class.

    That XPath costs ~1.5 ms a page; one walk over the containers with the same patterns, each distinct
    class tested once (~0.3 ms), lets the pages without a repeated article class (93 % of the dev pages)
    skip it.
    """
    class_test, id_test = _token_tests()
    if class_test is None:
        return True
    tested: dict[str, bool] = {}
    found: set[str] = set()
    for element in tree.iter("article", "div", "main", "section"):
        key = element.get("class")
        if key is None:
            continue
        hit = tested.get(key)
        if hit is None:
            hit = tested[key] = key in ("post", "entry") or class_test(key) is not None
        if not hit and element.get("itemprop") != "articleBody" and id_test(element.get("id") or "") is None:
            continue
        if key in found:
            return True
        found.add(key)
    return False


def join_fragments(tree: Any) -> int:
    """Move the later chunks of a split article into the first one; returns how many were moved."""
    from trafilatura.xpaths import BODY_XPATH

    if not _repeats(tree):
        return 0
    matches = BODY_XPATH[0](tree)  # the only one of them that can find more than one element
    if len(matches) < 2:
        return 0
    first = matches[0]
    ancestors = list(first.iterancestors())
    chunks = []
    counted: dict[Any, int] = {}
    for element in matches[1:]:
        if element.tag != first.tag or element.get("class") != first.get("class"):
            continue
        wrappers = _wrappers(element, ancestors)
        if wrappers is not None and not _titled(element, wrappers, counted) and _prose(element):
            chunks.append(element)
    for chunk in chunks:
        _move_into(first, chunk)
    return len(chunks)
