"""Arabic words without their attached prefixes, for matching: Snowball's Arabic stemmer keeps many.

"لتحلية" and "تحلية", "والاستفزازات" and "الاستفزازات" are one word to a reader; Snowball leaves the
conjunction and preposition on most of them, so two reports of one event share fewer stems than words.
"""

from __future__ import annotations

# و/ف, then ب/ك/ل, then ال, in every combination a word can carry (not "لال": it is written "لل").
PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل") for a in ("", "ال") if p + a != "لال"}
        | {c + "لل" for c in ("", "و", "ف")},
        key=lambda prefix: (-len(prefix), prefix),
    )[:-1]
)
ARTICLE = ("ال", "لل")  # the definite article, and ل + ال (whose alef is not written)
# Letters a word keeps after its prefix goes. A prefix with the article is unmistakable; the shorter
# a prefix without it, the more words merely begin with its letters ("وزراء", "بحر", "كتاب"), so
# such a prefix goes only from longer words.
WITH_ARTICLE = 3
WITHOUT_ARTICLE = {2: 4, 1: 5}  # by the prefix's length


def strip_prefixes(word: str) -> str:
    """The word without its longest attached prefix, when enough letters remain (WITH_ARTICLE …)."""
    for prefix in PREFIXES:
        if word.startswith(prefix):
            needed = WITH_ARTICLE if prefix.endswith(ARTICLE) else WITHOUT_ARTICLE[len(prefix)]
            if len(word) - len(prefix) >= needed:
                return word[len(prefix) :]
    return word
