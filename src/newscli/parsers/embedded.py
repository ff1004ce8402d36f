"""The article HTML a script-rendered page carries in its hydration state (React Query, Next.js, Nuxt):
read only when the page's markup holds no article text, so such a page gives its article, not an error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

MIN_LITERAL = 400  # characters of a string literal worth decoding: shorter ones are labels and URLs
MIN_PARAGRAPHS = 3  # <p> elements in the article HTML
MIN_TEXT = 400  # characters of paragraph text
MAX_DEPTH = 2  # JSON held in a JavaScript string (Next.js flight data) is escaped twice
MIN_TITLE_WORDS = 3  # a title of fewer words (Chinese, Japanese) is compared by character pairs
_PUNCTUATION = "\"'«»“”‘’„,.:;!?…()[]|-–—·•/"
_MARKS = ("<p", "\\u003cp", "\\u003Cp")  # a paragraph start, as written raw or JSON-escaped


def _literals(script: str) -> Iterator[str]:
    """The double-quoted string literals of a script, escapes left as written: one linear scan."""
    start = script.find('"')
    while start >= 0:
        end = start + 1
        while end < len(script) and script[end] != '"':
            end += 2 if script[end] == "\\" else 1
        yield script[start + 1 : end]
        start = script.find('"', end + 1)


def _html_strings(script: str, depth: int = 1) -> Iterator[str]:
    """Decoded string values of a script that hold paragraph markup."""
    for literal in _literals(script):
        if len(literal) < MIN_LITERAL or not any(mark in literal for mark in _MARKS):
            continue
        try:
            value = json.loads(f'"{literal}"')
        except ValueError:
            continue
        if "<p" in value or "<P" in value:
            yield value
        elif depth < MAX_DEPTH:
            yield from _html_strings(value, depth + 1)


def _paragraph_text(markup: str) -> str:
    """The text of the paragraphs of an HTML fragment ("" when it has fewer than MIN_PARAGRAPHS)."""
    from lxml import etree, html

    try:
        paragraphs = html.fragment_fromstring(markup, create_parent="div").iter("p")
    except (ValueError, etree.LxmlError):
        return ""
    texts = [" ".join(p.text_content().split()) for p in paragraphs]
    return " ".join(t for t in texts if t) if len(texts) >= MIN_PARAGRAPHS else ""


def _title_parts(tree: Any) -> set[str]:
    """The <title>'s words (character pairs for a title written without spaces), casefolded."""
    node = tree.find(".//title")
    title = " ".join((node.text_content() if node is not None else "").casefold().split())
    words = {w.strip(_PUNCTUATION) for w in title.split()} - {""}
    if len(words) >= MIN_TITLE_WORDS:
        return words
    solid = "".join(title.split())
    return {solid[i : i + 2] for i in range(len(solid) - 1)}


def _about_the_page(text: str, parts: set[str]) -> bool:
    """Whether the text shares at least half the title's words: the page's article, not a related story's."""
    if not parts:
        return True
    folded = text.casefold()
    return sum(part in folded for part in parts) * 2 >= len(parts)


def embedded_article(tree: Any) -> str | None:
    """The longest article HTML (by paragraph text) in the page's inline scripts that is about the page."""
    parts = _title_parts(tree)
    best, best_length = None, MIN_TEXT - 1
    for script in tree.iter("script"):
        kind = (script.get("type") or "").casefold()
        if script.get("src") or "json+ld" in kind or "ld+json" in kind or not script.text:
            continue
        for markup in _html_strings(script.text):
            text = _paragraph_text(markup)
            if len(text) > best_length and _about_the_page(text, parts):
                best, best_length = markup, len(text)
    return best


def article_page(markup: str) -> Any:
    """A page holding only the article HTML, to read the main text from; metadata still comes from the page.

    The served page is left whole: libxml2 moves a head's meta tags into the body after a stray element, so
    emptying its body would lose the title, authors and date.
    """
    from lxml import etree, html

    page = html.Element("html")
    article = etree.SubElement(etree.SubElement(page, "body"), "article")
    article.append(html.fragment_fromstring(markup, create_parent="div"))
    return page
