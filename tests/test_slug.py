"""Slugs and file names: every script's letters kept; no traversal, no controls; bounded; deterministic."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscli.export.slug import MAX_NAME_BYTES, MAX_SLUG_BYTES, collision_key, safe_name, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Harbor bridge reopens after two-year repair", "harbor-bridge-reopens-after-two-year-repair"),
        ("افتتاح أكبر محطة لتحلية المياه", "افتتاح-أكبر-محطة-لتحلية-المياه"),
        ("La bibliothèque ouvre le dimanche", "la-bibliothèque-ouvre-le-dimanche"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\System32", "windows-system32"),
        ("line one\nline two\r\n\tthree", "line-one-line-two-three"),
        ("nul\x00byte\x1bescape\x7fdel", "nul-byte-escape-del"),
        ("\u202eevil\u202c rtl\u200f override", "evil-rtl-override"),
        ("Ｆｕｌｌｗｉｄｔｈ ＡＢＣ", "fullwidth-abc"),
        ("!!! ... ??? ///", ""),
        ("", ""),
        ("العدد ٣٥ من ٢٠٢٤", "العدد-٣٥-من-٢٠٢٤"),
    ],
)
def test_slug_of_title(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_500_character_title_is_cut_at_a_word_within_the_byte_bound() -> None:
    slug = slugify("word " * 100)
    assert slug == "-".join(["word"] * 16)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES


def test_long_arabic_title_is_cut_on_a_character_boundary() -> None:
    slug = slugify("محطة" * 200)
    assert slug == "محطة" * 10
    assert len(slug.encode("utf-8")) == MAX_SLUG_BYTES


@pytest.mark.parametrize(("name", "safe"), [("CON", "CON_"), ("aux.txt", "aux.txt_"), ("com1", "com1_")])
def test_windows_reserved_names_are_suffixed(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize(
    ("name", "safe"), [("..", ""), (".hidden", "hidden"), ("-rf", "rf"), ("a/../b", "a-..-b")]
)
def test_file_names_never_hide_traverse_or_look_like_options(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_names_differing_only_in_case_or_normalization_collide() -> None:
    assert collision_key("Café.md") == collision_key("cafe\u0301.MD")


@given(st.text())
def test_any_text_gives_a_safe_bounded_idempotent_slug(text: str) -> None:
    slug = slugify(text)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert not any(ch in slug for ch in '/\\:*?"<>|.') and not slug.startswith("-") and not slug.endswith("-")
    assert all(unicodedata.category(ch)[0] in "LNM" or ch == "-" for ch in slug)
    assert slugify(slug) == slug
    assert slugify(text) == slug


@given(st.text())
def test_any_text_gives_a_safe_bounded_file_name(text: str) -> None:
    name = safe_name(text)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + 1
    assert "/" not in name and "\\" not in name and name not in (".", "..")
    assert not name.startswith((".", "-")) and not any(
        unicodedata.category(ch) in ("Cc", "Cf") for ch in name
    )
