"""The Arabic word forms a reader types, indexed beside the text so plain FTS queries find them.

SQLite's unicode61 tokenizer keeps "لتحلية" and "والاستفزازات" whole, so a search for "تحلية" or
"الاستفزازات" misses them. sqlite-utils and Datasette send plain FTS queries and cannot stem them, so
the stemming happens on the index side: for each Arabic word the database also indexes its forms
without harakat and tatweel, without attached prefixes (و ف, then ب ك ل, then ال; and لل = ل + ال), and
folded (أ إ آ ٱ → ا, ى → ي, ة → ه) for readers who type without hamza.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..lang.arabic import ARTICLE, PREFIXES
from ..lang.normalize import normalize_match

# Arabic letters with their harakat and tatweel: one character class, so the scan is linear.
_ARABIC_WORD = re.compile("[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06fa-\u06fc]+")
# Harakat, Quranic marks, superscript alef and tatweel: not typed by readers.
_MARKS = {code: None for code in (*range(0x064B, 0x0660), 0x0670, 0x0640)}
_PREFIX_SET = frozenset(PREFIXES)
_LONGEST = max(map(len, PREFIXES))


def word_forms(word: str, prefixes: bool = True) -> frozenset[str]:
    """The forms of one Arabic word a reader may search for (the word itself included)."""
    bare = word.translate(_MARKS)
    forms = {bare}
    for size in range(1, min(_LONGEST, len(bare) - 2) + 1) if prefixes else ():
        prefix, rest = bare[:size], bare[size:]
        if prefix in _PREFIX_SET and len(rest) >= (2 if prefix.endswith(ARTICLE) else 3):
            forms.add(rest)
            if prefix.endswith("لل"):
                forms.add("ال" + rest)
    return frozenset(forms | {normalize_match(form) for form in forms})


# Forms already worked out, per prefix mode: news vocabulary repeats from article to article, and a
# plain dict is looked up at C speed. Emptied when it grows past _CACHE_WORDS, so memory stays bounded.
_CACHE: dict[bool, dict[str, frozenset[str]]] = {True: {}, False: {}}
_CACHE_WORDS = 200_000


def search_words(texts: Iterable[str | None], language: str | None = None) -> str:
    """Space-separated forms of the texts' Arabic words that the texts do not already spell, sorted.

    Prefixes are removed only from Arabic (or unknown-language) text: Persian and Urdu words written
    in Arabic letters have other prefixes, and still get their harakat-free and folded forms.
    """
    words: set[str] = set()
    for text in texts:
        if text and not text.isascii():  # isascii is a C-speed screen for the common English case
            words.update(_ARABIC_WORD.findall(text))
    prefixes = (language or "ar").split("-")[0].lower() == "ar"
    cache = _CACHE[prefixes]
    if len(cache) > _CACHE_WORDS:
        cache.clear()
    for word in words.difference(cache):
        cache[word] = word_forms(word, prefixes)
    forms = set().union(*map(cache.__getitem__, words))
    return " ".join(sorted(forms - words))
