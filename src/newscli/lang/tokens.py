"""Matching-only word tokens: normalized, stop words removed, lightly stemmed.

These tokens compare sentences with each other; they are never shown to a user,
so text is folded aggressively (lang.normalize.normalize_match: diacritics, tatweel,
alef/yeh/teh marbuta, case) and stemmed with Snowball (ar, en, fr, es, de). Snowball's stemmers
run in C through PyStemmer (a dependency; snowballstemmer picks it up by itself), with identical stems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from newscli.lang.arabic import strip_prefixes
from newscli.lang.normalize import fold_text, normalize_match
from newscli.short_cache import short_text_cache

_WORD = re.compile(r"\w+")
# Language code -> Snowball algorithm name (pure-Python stemmers from snowballstemmer).
STEMMERS: dict[str, str] = {"ar": "arabic", "en": "english", "fr": "french", "es": "spanish", "de": "german"}
STOP_WORD_LANGUAGES: tuple[str, ...] = ("ar", "de", "en", "es", "fr")
# Median share of a news text's words that are in the shipped stop list (summ-dev and fundus-dev
# articles; Arabic is lower because its particles are written attached to the next word).
TYPICAL_STOP_SHARE: dict[str, float] = {"ar": 0.23, "de": 0.44, "en": 0.46, "es": 0.45, "fr": 0.46}


@lru_cache(maxsize=16)
def stop_words(language: str | None) -> frozenset[str]:
    """The shipped stop-word list for a language (normalized), empty when none is shipped."""
    if language not in STOP_WORD_LANGUAGES:
        return frozenset()
    from importlib.resources import files

    raw = files("newscli.lang").joinpath(f"data/stopwords-{language}.txt").read_text(encoding="utf-8")
    words = (w for line in raw.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(normalize_match(w) for w in words)


@lru_cache(maxsize=16)
def _stemmer(language: str | None, prefixes: bool = False) -> Callable[[str], str]:
    """A cached word stemmer for the language, or the identity when none is available.

    With `prefixes`, Arabic words lose their attached prefixes first (lang.arabic), which Snowball
    mostly keeps: for matching reports that word the same facts differently.
    """
    name = STEMMERS.get(language or "")
    if name is None:
        return _identity
    import snowballstemmer

    snowball: Callable[[str], str] = snowballstemmer.stemmer(name).stemWord
    stem_word = (lambda word: snowball(strip_prefixes(word))) if prefixes and language == "ar" else snowball
    return short_text_cache(200_000)(stem_word)  # words are short; a page-long "word" is not kept


def _identity(word: str) -> str:
    """The no-op stemmer."""
    return word


# Sentences are folded once each: normalize_match's cache would keep thousands of them for nothing.
_fold = fold_text


def base_language(language: str | None) -> str | None:
    """The primary subtag of a BCP 47 tag ("ar-EG" -> "ar")."""
    return language.split("-")[0].split("_")[0].lower() if language else None


def tokens(text: str, language: str | None = None, prefixes: bool = False) -> list[str]:
    """Content-word tokens of a text for similarity and overlap, in order (`prefixes`: see _stemmer)."""
    return counted_tokens(text, language, prefixes)[0]


def counted_tokens(text: str, language: str | None = None, prefixes: bool = False) -> tuple[list[str], int]:
    """The content-word tokens and how many words they were taken from (stop words included)."""
    language = base_language(language)
    stops = stop_words(language)
    stem = _stemmer(language, prefixes)
    words = [w for w in _WORD.findall(_fold(text)) if len(w) > 1 or w.isdigit()]
    return [stem(w) for w in words if w not in stops], len(words)


def language_fit(content: int, words: int, language: str | None) -> float:
    """How well the language's word lists fit a text, from 0 (not at all) to 1 (as well as usual).

    A text in a dialect or a mislabelled language has far fewer of the language's stop words than
    usual (Moroccan Darija scores 0.07-0.09 against Modern Standard Arabic's 0.23), so its tokens
    are noise to the statistics built on them. Full fit from 70 % of the typical share, none below 40 %.
    """
    typical = TYPICAL_STOP_SHARE.get(base_language(language) or "")
    if not typical or not words:
        return 0.0
    relative = (words - content) / words / typical
    return min(1.0, max(0.0, (relative - 0.4) / 0.3))
