"""Text normalization: display-safe (written to the record) and matching-only (never written out)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newscli.short_cache import short_text_cache

TATWEEL = "\u0640"
ZWNJ, ZWJ = "\u200c", "\u200d"

# Arabic presentation forms A and B: glyph variants that must become ordinary letters. The one-character
# pattern is for searching: the regex engine scans for a leading class quickly, not for a repeated one.
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
# Bidi embeddings/overrides/isolates/marks, zero-width space/joiners-that-are-not-ZWNJ/ZWJ, BOM, soft hyphen.
_CONTROLS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad]")
# A word written in presentation forms, with the combining marks between its glyphs.
_PRESENTATION_WORD = re.compile("[\ufb50-\ufdff\ufe70-\ufefe\u064b-\u065f\u0670]+")
_AR_LETTER = "\u0621-\u063f\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc"
_TATWEEL_RUN = re.compile(f"{TATWEEL}+")
# One space (spaces are single by then) before closing punctuation. French typography keeps a space
# before ; : ! ? and after « / before ».
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.،؛؟!?:)](?:\s|$|[^\w\s]))")
_SPACE_BEFORE_PUNCT_FR = re.compile(r" (?=[,.،)](?:\s|$|[^\w\s]))")


def normalize_display(text: str, language: str | None = None) -> str:
    """Make stored text canonical without changing what a reader sees or what the words are."""
    if _PRESENTATION_FORM.search(text) and not _visual_order(text):
        text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _CONTROLS.sub("", text)
    if TATWEEL in text:
        text = _TATWEEL_RUN.sub(_tatweel, text)
    # Every run of spaces, tabs, NBSPs... inside a line becomes one space; none is left at a line's ends.
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    french = (language or "").lower().split("-")[0] == "fr"
    text = (_SPACE_BEFORE_PUNCT_FR if french else _SPACE_BEFORE_PUNCT).sub("", text)
    return unicodedata.normalize("NFC", text)  # last: removing a control can bring two marks together


def _visual_order(text: str) -> bool:
    """Whether presentation-form Arabic is stored in visual (reversed) order, as some old pages do.

    In logical order a word starts with an initial (or isolated) form and ends with a final one; stored
    reversed, it starts with a final form. Turning reversed glyphs into letters would spell every word
    backwards, and reordering is never ours to do, so such text is left exactly as written.
    """
    votes = 0
    for word in _PRESENTATION_WORD.findall(text):
        letters = [c for c in word if not unicodedata.combining(c)]
        if len(letters) < 2:
            continue
        first, last = _form(letters[0]), _form(letters[-1])
        votes += (first == "FINAL" or last == "INITIAL") - (first == "INITIAL" or last == "FINAL")
    return votes > 0


@lru_cache(maxsize=1024)
def _form(char: str) -> str:
    """The positional form a presentation-form letter encodes: INITIAL, MEDIAL, FINAL or ISOLATED."""
    name = unicodedata.name(char, "")
    return next((form for form in ("INITIAL", "MEDIAL", "FINAL", "ISOLATED") if f" {form} FORM" in name), "")


def _tatweel(match: re.Match[str]) -> str:
    """Keep one tatweel where it carries meaning ("1445هـ", "بـ«", "الـ100"); drop stretching."""
    text, start, end = match.string, match.start(), match.end()
    letter = text[start - 1] if start > 0 else ""
    before = text[: max(start - 1, 0)].rstrip(TATWEEL)[-1:]  # stretching before the letter does not count
    after = text[end] if end < len(text) else ""
    if not _is_ar_letter(letter):
        return ""
    lone_letter = not _is_ar_letter(before)
    attaches_to_symbol = after != "" and not after.isspace() and not _is_ar_letter(after)
    return TATWEEL if lone_letter or attaches_to_symbol else ""


def _is_ar_letter(char: str) -> bool:
    """Whether a character is an Arabic-script letter (the joining kind tatweel stretches)."""
    return bool(char) and re.match(f"[{_AR_LETTER}]", char) is not None


# Folds applied after diacritics are gone: alef wasla, alef maqsura, teh marbuta, Persian yeh/kaf.
_HAMZA_SEATS = frozenset("\u0624\u0626")  # ؤ ئ are letters, not a letter plus a diacritic: kept
_FOLDS = {"\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643"}


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The matching form of one character: no diacritics, folded letters, casefolded, no invisibles."""
    if char == TATWEEL or _CONTROLS.match(char) or char in (ZWNJ, ZWJ):
        return ""
    if char.isspace():
        return " "
    if char in _HAMZA_SEATS:
        return char
    if "\ufb50" <= char <= "\ufeff":
        char = unicodedata.normalize("NFKC", char)
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = "".join(_FOLDS.get(c, c) for c in base)
    return base.casefold()


class _FoldTable(dict[int, str]):
    """A str.translate table that fills itself from fold_char, so folding runs at C speed."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()
# Characters the table changes beyond casefolding; ASCII and typographic punctuation fold by casefold alone.
_NEEDS_TABLE = re.compile("[^\x00-\x7f\u2018\u2019\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb]")


def fold_text(text: str) -> str:
    """Fold text for rules and comparisons only: no diacritics, alef/yeh/teh marbuta folded, casefolded."""
    folded = text.translate(_FOLD_TABLE) if _NEEDS_TABLE.search(text) else text.casefold()
    return " ".join(folded.split())


# The cleaner folds the same lines in several passes and checks: they are worth a cache. Sentences
# and texts folded once for tokens are not (lang.tokens calls fold_text).
normalize_match = short_text_cache(maxsize=16384)(fold_text)


def match_offsets(text: str) -> tuple[str, list[int]]:
    r"""normalize_match(text), plus the index in `text` of each of its characters.

    Spaces are collapsed here too: a rule regex then never meets a run of whitespace, which is where
    patterns like `\s*[-–]?\s*` try every split of the run before failing.
    """
    out: list[str] = []
    index: list[int] = []
    space: int | None = None  # where the pending run of whitespace began
    for i, char in enumerate(text):
        for folded in fold_char(char):
            if folded.isspace():
                space = i if space is None else space
                continue
            if space is not None and out:
                out.append(" ")
                index.append(space)
            space = None
            out.append(folded)
            index.append(i)
    return "".join(out), index
