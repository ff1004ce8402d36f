"""Whitespace collapsing that stops early: a page-sized text is not folded just to learn it is too long."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")  # the same whitespace as str.split(): no backtracking, one pass at most


def collapse_within(text: str, limit: int) -> str | None:
    """`" ".join(text.split())`, or None as soon as that is known to be longer than `limit` characters."""
    words: list[str] = []
    length = -1
    for match in _WORD.finditer(text):
        word = match[0]
        length += len(word) + 1
        if length > limit:
            return None
        words.append(word)
    return " ".join(words)
