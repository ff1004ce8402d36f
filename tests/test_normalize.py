"""Display-safe and matching-only normalization."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newscli.lang.normalize import normalize_display, normalize_match


def test_presentation_forms_become_letters() -> None:
    """Arabic presentation-form glyphs (U+FExx) are stored as ordinary letters."""
    assert normalize_display("\ufedf\ufe8e\ufe91") == "لاب"


def test_stretching_tatweel_is_removed() -> None:
    """Tatweel between letters is decoration and goes."""
    assert normalize_display("الـــعـــام الجديـــد") == "العام الجديد"


def test_tatweel_after_hijri_year_is_kept() -> None:
    """ "1445هـ" keeps its tatweel: it marks the abbreviation."""
    assert normalize_display("عام 1445هـــ الهجري") == "عام 1445هـ الهجري"


def test_tatweel_before_quote_is_kept() -> None:
    """ "بـ«…»" keeps the tatweel joining the prefix letter to the quote."""
    assert normalize_display("وصفه بـــ«الممتاز»") == "وصفه بـ«الممتاز»"


def test_bidi_and_zero_width_controls_removed_but_zwnj_kept() -> None:
    """RLM, LRE/PDF, ZWSP and BOM are dropped; ZWNJ (meaningful in Persian) stays."""
    assert normalize_display("\u200fمرحبا\u202a\u200b a\u202c\ufeff می\u200cخواهم") == "مرحبا a می\u200cخواهم"


def test_spaces_unified_and_no_space_before_punctuation() -> None:
    """NBSP and runs of spaces become one space; no space before , . ، ؛ ؟ ! ? : )."""
    text = "قال\u00a0\u00a0الوزير ، إن  العام ؟ (نعم ) Hello , world !"
    assert normalize_display(text) == "قال الوزير، إن العام؟ (نعم) Hello, world!"


def test_french_typography_keeps_space_before_high_punctuation() -> None:
    """In French the space before : ; ! ? stays, the one before , . goes."""
    assert normalize_display("Il a dit : « oui » ; vraiment ? Bon , d'accord .", "fr") == (
        "Il a dit : « oui » ; vraiment ? Bon, d'accord."
    )


def test_decimal_after_space_is_not_glued() -> None:
    """A space before ".5" is not a space before a full stop."""
    assert normalize_display("rose de .5 point") == "rose de .5 point"


def test_diacritics_digits_and_quotes_kept_in_display() -> None:
    """Display normalization keeps tashkeel, Arabic-Indic digits and quotes as written."""
    assert normalize_display("«مُحَمَّد» ولد عام ١٩٩٠") == "«مُحَمَّد» ولد عام ١٩٩٠"


def test_paragraph_breaks_survive() -> None:
    """Blank lines between paragraphs are kept; spaces around them are not."""
    assert normalize_display("one  \n\n  two") == "one\n\ntwo"


def test_every_kind_of_space_inside_a_line_becomes_one_space_and_line_ends_are_trimmed() -> None:
    """Tabs, CR, NBSP, ideographic and line-separator spaces count as spaces; newlines stay newlines."""
    text = "\t a\u3000\u3000b\r\n\u00a0c \u2028 d\u2009\n\n \x0b\n e "
    assert normalize_display(text) == "a b\nc d\n\n\ne"


def test_match_folds_arabic_letters_and_diacritics() -> None:
    """Matching form: tashkeel and tatweel gone, أ إ آ -> ا, ى -> ي, ة -> ه."""
    assert normalize_match("اقرأ أيضاً: إلى المدرسةِ الـكبرى") == "اقرا ايضا: الي المدرسه الكبري"


def test_match_keeps_hamza_seats() -> None:
    """ؤ and ئ are letters of their own and stay."""
    assert normalize_match("الرئيسية مسؤول") == "الرئيسيه مسؤول"


def test_match_casefolds_and_strips_latin_accents() -> None:
    """Matching form of Latin text: casefolded, accents stripped, ß -> ss."""
    assert normalize_match("À LIRE ÉGALEMENT  Straße") == "a lire egalement strasse"


@given(st.text(alphabet=st.sampled_from(list("ab ,.:!?؟،)\n\u0640بهل«1\u00a0\u200f\ufefb")), max_size=40))
def test_display_normalization_is_idempotent(text: str) -> None:
    """Normalizing twice gives the same text as once."""
    once = normalize_display(text)
    assert normalize_display(once) == once


def test_presentation_forms_in_logical_order_become_letters() -> None:
    assert normalize_display("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ") == "السلام عليكم"


def test_presentation_forms_stored_in_visual_order_are_left_as_written() -> None:
    reversed_glyphs = "ْﺐِﺒْﺣَﺃ َﻚَﺒﻴِﺒَﺣ ﺎًﻧْﻮَﻫ"  # "أحبب حبيبك هونا" stored right-to-left, as old pages do
    assert normalize_display(reversed_glyphs) == reversed_glyphs
