"""Sentence splitting for news text in any script, without model files.

Rules: ``. ! ? ؟ ۔ 。 ！ ？`` and line breaks end sentences; ``، ؛ :`` do not. A stop
followed by a lower-case word, a decimal (3.5), a title (Mr., Dr., Sen.), an
initial (J., د.), an abbreviation before a lower-case or non-Latin word (U.S., a.m.)
does not end a sentence. Closing quotes and brackets after the stop stay with it.
"""

from __future__ import annotations

import re

# A run of stops, then closing quotes/brackets (also French "pas. »").
_STOP = re.compile(r"(?:\.{2,}|…|[.!?؟۔。！？‼⁉])+(?:[\"'”’»›)\]」』]|[ \u00a0\u202f]+[»›](?=\s|$))*")
_CJK_STOPS = frozenset("。！？")
_ELLIPSIS = re.compile(r"\.{2,}|…")
_OPENERS = "\"'“‘«‹([¿¡„"
_CLOSERS = "\"'”’»›)]"
_INITIAL_NEXT = re.compile(r"\w\.")

# Capitalised words after which a single period is not a sentence end.
_ABBREVIATION_WORDS = """
    Mr Mrs Ms Mx Dr Prof St Ste Jr Sr Sra Srta Sres Gen Sen Rep Gov Lt Col Sgt Capt Cmdr Adm Mt Ft
    No Nr Nos Rev Hon Inc Ltd Co Corp Bros vs Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mme Mlle Mmes Mgr Me Hr Fr Dres Pr Art Vol Fig Abs Bd Dott Sig Ing"""
ABBREVIATIONS: frozenset[str] = frozenset(_ABBREVIATION_WORDS.split())
# Languages that write ordinals as "3." before a capitalised noun ("am 3. Oktober").
_ORDINAL_LANGUAGES = frozenset({"de", "da", "no", "nb", "fi", "cs", "pl", "hu", "sk", "sl", "hr", "sr", "tr"})


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Split text into whole sentences (stripped, in order) so bullets never cut one in half."""
    out: list[str] = []
    for line in text.splitlines():
        start = 0
        for match in _STOP.finditer(line):
            if _ends_sentence(line, start, match, language):
                sentence = line[start : match.end()].strip()
                if sentence:
                    out.append(sentence)
                start = match.end()
        tail = line[start:].strip()
        if tail:
            out.append(tail)
    return out


def _ends_sentence(line: str, start: int, match: re.Match[str], language: str | None) -> bool:
    """Decide whether the stop in ``match`` ends the sentence that began at ``start``."""
    stops = match.group(0).rstrip(_CLOSERS + " \u00a0\u202f")
    if stops[-1] in _CJK_STOPS:
        return True
    rest = line[match.end() :]
    if not rest.strip():
        return True
    before = line[start : match.start()]
    word = before.rsplit(None, 1)[-1].strip(_OPENERS + _CLOSERS) if before.strip() else ""
    if not rest[0].isspace():
        # "…للإنسان .وللناي": Arabic often has no space after the stop.
        return _is_arabic_letter(rest[0]) and len(word) > 1 and "." not in word
    following = rest.lstrip().lstrip(_OPENERS)
    first = following[:1]
    if first.isalpha() and first.islower():
        return False
    if stops.strip(".…") or not stops:
        return True  # "!" or "?" in the run
    if _ELLIPSIS.fullmatch(stops):
        return first.isupper()
    return _period_ends_sentence(word, following, language)


def _period_ends_sentence(word: str, following: str, language: str | None) -> bool:
    """A single period after ``word``, before a word that is not lower-case."""
    first = following[:1]
    if not word:
        return True  # "جاهزة ." : a detached stop
    if word in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        # "J. R. Miller", "د. محمد" are initials; "10 h. ¡Qué" ends unless "z. B." follows.
        return word.islower() and not _INITIAL_NEXT.match(following)
    if "." in word:
        return first.isupper()  # "the U.K. Economists" ends; "U.S. إن" does not
    return not (word.isdigit() and len(word) <= 2 and language in _ORDINAL_LANGUAGES)


def _is_arabic_letter(char: str) -> bool:
    """True for letters of the Arabic script blocks."""
    return char.isalpha() and ("\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f")
