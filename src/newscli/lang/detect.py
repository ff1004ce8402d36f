"""Language and writing direction of an article, detected from its text (``<html lang>`` is only a hint)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Primary language tags written right to left.
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv", "ku", "syr", "arc"})
# Script name prefixes (first word of unicodedata.name) that are written right to left.
RTL_SCRIPTS = frozenset({"ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO", "SAMARITAN", "MANDAIC"})
MIN_LETTERS = 12  # below this, a text is too short for a statistical guess
SAMPLE_CHARS = 2000  # detection reads this much: more costs time and changes nothing on articles
# Codes CLD2 still uses for languages whose BCP 47 tag changed.
_RENAMED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "tl": "fil", "mo": "ro"}
# C0/C1 controls and lone surrogates make CLD2 refuse the whole input.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

Guesses = list[tuple[str, int]]


def primary_tag(tag: str | None) -> str | None:
    """ "ar-EG" / "en_US" / "FR" -> "ar" / "en" / "fr"; None for empty or malformed tags."""
    if not tag:
        return None
    head = tag.strip().replace("_", "-").split("-")[0].lower()
    return head if head.isalpha() and 2 <= len(head) <= 3 else None


def _cld2(sample: str, hint: str | None) -> Guesses:
    """CLD2's guesses as (tag, percent of text), best first; compiled tables, ~1 ms to load."""
    import pycld2

    hints = {"hintLanguage": hint} if hint in _cld2_codes() else {}
    try:
        _, _, details = pycld2.detect(_UNSAFE.sub(" ", sample), **hints)
    except pycld2.error:
        return []
    return [(_RENAMED.get(code, code), percent) for _, code, percent, _ in details if code != "un"]


@cache
def _cld2_codes() -> frozenset[str]:
    """Language codes CLD2 accepts as a hint."""
    import pycld2

    return frozenset(code for _, code in pycld2.LANGUAGES)


def detect_language(text: str, hint: str | None = None) -> str | None:
    """BCP 47 primary tag of the text ("ar", "en", "fr"), None when unknown or too short."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None
    guesses = _cld2(sample, primary_tag(hint))
    return primary_tag(guesses[0][0]) if guesses else None


def _script(char: str) -> str:
    """First word of a letter's Unicode name: its script, roughly ("ARABIC", "LATIN", "CJK")."""
    return unicodedata.name(char, "?").split(" ")[0]


def dominant_script(text: str) -> str | None:
    """The script most letters of the text are written in, None when there are no letters."""
    counts: dict[str, int] = {}
    for char in text[:SAMPLE_CHARS]:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def text_direction(language: str | None, text: str) -> str | None:
    """ "rtl" or "ltr": from the language when known, else from the script most letters use."""
    tag = primary_tag(language)
    if tag:
        return "rtl" if tag in RTL_LANGUAGES else "ltr"
    script = dominant_script(text)
    if script is None:
        return None
    return "rtl" if script in RTL_SCRIPTS else "ltr"
