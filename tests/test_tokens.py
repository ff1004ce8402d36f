"""Matching tokens: PyStemmer's C stemmers give the pure-Python Snowball stems, the cache holds no texts."""

from __future__ import annotations

import importlib

import pytest

from newscli.lang import tokens as tokens_module
from newscli.lang.tokens import counted_tokens, tokens

WORDS = {
    "arabic": ["المستشفيات", "والمدارس", "بالمحطة", "يكتبون", "الكتاب", "مكتبة", "سيارات", "فقال"],
    "english": ["running", "generously", "hospitals", "councillors", "connection", "argued", "cities"],
    "french": ["bibliothèques", "ouvrira", "nationales", "grèves", "voyageurs", "demandées"],
    "german": ["Krankenhäuser", "Bürgermeisterin", "gefahren", "Verhandlungen"],
    "spanish": ["hospitales", "corriendo", "nacionales", "bibliotecas"],
}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_pystemmer_gives_the_pure_python_snowball_stems(language: str) -> None:
    stemmer_c = pytest.importorskip("Stemmer").Stemmer(language)
    module = importlib.import_module(f"snowballstemmer.{language}_stemmer")
    pure = getattr(module, f"{language.capitalize()}Stemmer")()
    words = [w.lower() for w in WORDS[language]]
    assert stemmer_c.stemWords(words) == [pure.stemWord(w) for w in words]


def test_snowballstemmer_runs_on_pystemmer_when_it_is_installed() -> None:
    pytest.importorskip("Stemmer")
    import snowballstemmer

    assert type(snowballstemmer.stemmer("english")).__module__ == "Stemmer"


def test_tokens_are_folded_filtered_and_stemmed() -> None:
    assert tokens("The councillors argued about the hospitals.", "en") == ["councillor", "argu", "hospit"]
    assert tokens("وقال الوزير إن المستشفيات جاهزة", "ar") == ["وزير", "مستشف", "جاهز"]
    assert counted_tokens("The councillors argued about the hospitals.", "en") == (
        ["councillor", "argu", "hospit"],
        6,
    )


def test_tokens_do_not_fill_the_shared_fold_cache_with_texts() -> None:
    from newscli.lang.normalize import normalize_match

    before = normalize_match.cache_info().currsize
    tokens("A sentence that nobody folded before, about harbours and bridges.", "en")
    assert normalize_match.cache_info().currsize == before
    assert tokens_module._fold("Ça Va") == "ca va"
