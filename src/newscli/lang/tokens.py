"""Matching-only word tokens: normalized, stop words removed, lightly stemmed.

These tokens compare sentences with each other; they are never shown to a user,
so Arabic is folded aggressively here (diacritics, tatweel, alef/ya/ta marbuta).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_WORD = re.compile(r"\w+")
_AR_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")

# Language code -> Snowball algorithm name (pure-Python stemmers from snowballstemmer).
STEMMERS: dict[str, str] = {"ar": "arabic", "en": "english", "fr": "french", "es": "spanish", "de": "german"}
STOP_WORD_LANGUAGES: tuple[str, ...] = ("ar", "de", "en", "es", "fr")


def normalize_for_matching(text: str) -> str:
    """Fold case, compatibility forms and Arabic spelling variants so equal words compare equal."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if _ARABIC_SCRIPT.search(text):
        text = _AR_MARKS.sub("", text).translate(_AR_FOLD)
    return text


@lru_cache(maxsize=16)
def stop_words(language: str | None) -> frozenset[str]:
    """The shipped stop-word list for a language (normalized), empty when none is shipped."""
    if language not in STOP_WORD_LANGUAGES:
        return frozenset()
    from importlib.resources import files

    raw = files("newscli.lang").joinpath(f"data/stopwords-{language}.txt").read_text(encoding="utf-8")
    words = (w for line in raw.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=16)
def _stemmer(language: str | None) -> Callable[[str], str]:
    """A cached word stemmer for the language, or the identity when none is available."""
    name = STEMMERS.get(language or "")
    if name is None:
        return _identity
    try:
        import snowballstemmer  # type: ignore[import-untyped]
    except ImportError:
        return _identity
    stem_word: Callable[[str], str] = snowballstemmer.stemmer(name).stemWord
    return lru_cache(maxsize=200_000)(stem_word)


def _identity(word: str) -> str:
    """The no-op stemmer."""
    return word


def base_language(language: str | None) -> str | None:
    """The primary subtag of a BCP 47 tag ("ar-EG" -> "ar")."""
    return language.split("-")[0].split("_")[0].lower() if language else None


def tokens(text: str, language: str | None = None) -> list[str]:
    """Content-word tokens of a text for similarity and overlap, in order."""
    language = base_language(language)
    stops = stop_words(language)
    stem = _stemmer(language)
    words = _WORD.findall(normalize_for_matching(text))
    return [stem(w) for w in words if w not in stops and not (len(w) == 1 and not w.isdigit())]
