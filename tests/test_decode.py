"""The decoding matrix: generated pages in Arabic and European code pages, with and without declarations."""

from __future__ import annotations

import codecs
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscli.decode import _BYTES_SCAN, _META_CHARSET, _TEXT_SCAN, _non_ascii_runs, decode_html
from newscli.errors import InputError

ARABIC = (
    "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية، "
    "بطاقة إنتاجية تبلغ نصف مليون متر مكعب يومياً."
)
FRENCH = "Le retour des trains de nuit séduit les voyageurs à l'été, ça déçoit l'État."
PY = {"windows-1256": "cp1256", "iso-8859-6": "iso8859_6", "iso-8859-1": "latin1", "windows-1252": "cp1252"}


def page(paragraph: str, meta: str = "") -> str:
    """A minimal page around one paragraph."""
    return f"<html><head>{meta}<title>t</title></head><body><p>{paragraph}</p></body></html>"


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
@pytest.mark.parametrize("declared", [None, "windows-1256", "iso-8859-6", "windows-1252", "utf-8"])
def test_arabic_code_page_comes_back_exactly(encoding: str, declared: str | None) -> None:
    meta = f'<meta charset="{declared}">' if declared else ""
    decoded = decode_html(page(ARABIC, meta).encode(PY[encoding]))
    assert ARABIC in decoded.text
    assert decoded.encoding == encoding
    assert decoded.guessed is (declared != encoding)


def test_large_windows_1256_page_with_ascii_head_and_tail_is_detected() -> None:
    head = "<html><head><script>" + "var x = 1;\n" * 600 + "</script></head><body>"
    tail = "<footer>" + "plain ascii footer text " * 250 + "</footer></body></html>"
    data = (head + f"<p>{ARABIC}</p>" * 3 + tail).encode("cp1256")
    assert data[:5000].isascii() and data[-5000:].isascii()
    decoded = decode_html(data)
    assert (ARABIC in decoded.text, decoded.encoding, decoded.guessed) == (True, "windows-1256", True)


def test_http_declared_charset_is_used_when_it_decodes_cleanly() -> None:
    decoded = decode_html(page(ARABIC).encode("cp1256"), declared="windows-1256")
    assert (ARABIC in decoded.text, decoded.encoding, decoded.guessed) == (True, "windows-1256", False)


@pytest.mark.parametrize("encoding", ["iso-8859-1", "windows-1252"])
@pytest.mark.parametrize("declare", [True, False])
def test_european_page_comes_back_exactly(encoding: str, declare: bool) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">' if declare else ""
    decoded = decode_html(page(FRENCH, meta).encode(PY[encoding]))
    assert FRENCH in decoded.text
    assert decoded.encoding == "windows-1252"  # WHATWG maps iso-8859-1 to windows-1252
    assert decoded.guessed is not declare


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
])  # fmt: skip
def test_byte_order_mark_decides(bom: bytes, codec: str, name: str) -> None:
    decoded = decode_html(bom + page(ARABIC, '<meta charset="windows-1256">').encode(codec))
    assert (decoded.text.startswith("<html>"), ARABIC in decoded.text, decoded.encoding) == (True, True, name)


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    decoded = decode_html(page(ARABIC, '<meta charset="windows-1256">').encode("utf-8"))
    assert (ARABIC in decoded.text, decoded.encoding, decoded.guessed) == (True, "utf-8", False)


def test_override_is_used_as_given() -> None:
    decoded = decode_html(page(ARABIC).encode("cp1256"), override="cp1256")
    assert (ARABIC in decoded.text, decoded.encoding, decoded.guessed) == (True, "windows-1256", False)


def test_unknown_override_is_an_encoding_error() -> None:
    with pytest.raises(InputError) as error:
        decode_html(b"<p>x</p>", override="klingon-8")
    assert (error.value.reason, error.value.message) == (
        "encoding",
        "unknown encoding 'klingon-8'; try utf-8 or windows-1256",
    )


def test_override_that_cannot_decode_is_an_encoding_error() -> None:
    with pytest.raises(InputError) as error:
        decode_html(page(ARABIC).encode("cp1256"), override="utf-8")
    assert (error.value.reason, error.value.message) == (
        "encoding",
        "the bytes are not valid utf-8; try another --encoding or none",
    )


# --- the non-ASCII scan is linear and finds exactly what the old backtracking patterns found ---------

OLD_RUN_BYTES = re.compile(rb"[^<>]*[\x80-\xff][^<>]*")  # the patterns the scan replaced: quadratic
OLD_RUN_TEXT = re.compile(r"[^<>]*[^\x00-\x7f][^<>]*")  # over long runs, fine on small inputs
OLD_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)


class _Counted:
    """A pattern proxy that adds up how many characters each search looked at."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]) -> None:
        self.pattern, self.tally = pattern, tally

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        found = self.pattern.search(text, pos, endpos)
        self.tally[0] += (found.end() if found else endpos) - pos
        return found


class _CountedText(str):
    """Text whose rfind adds up the characters it looked at."""

    tally: list[int]

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:
        self.tally[0] += end - start
        return super().rfind(sub, start, end)


def _characters_examined(text: str) -> int:
    """How many characters the scan's searches looked at, all runs of the text consumed."""
    tally = [0]
    counted = _CountedText(text)
    counted.tally = tally
    non_ascii, edge, lt, gt = _TEXT_SCAN
    scan = (_Counted(non_ascii, tally), _Counted(edge, tally), lt, gt)
    for _ in _non_ascii_runs(counted, scan, len(text)):  # type: ignore[arg-type]
        pass
    return tally[0]


@pytest.mark.parametrize(
    "text",
    [
        "x" * 1_000_000 + "é",  # a 1 MB ASCII run (a script) before one accented letter
        "é" + "x" * 1_000_000,
        "é<" * 500_000,  # many short runs: every run is widened only back to the last edge
        "é>" * 500_000,
        "<" * 500_000 + "é" + ">" * 500_000,
        ("<p>" + "a" * 997 + "é") * 1000,
    ],
    ids=[
        "ascii-run-then-accent",
        "accent-then-ascii-run",
        "runs-ended-by-lt",
        "runs-ended-by-gt",
        "edges",
        "paragraphs",
    ],
)
def test_non_ascii_scan_looks_at_each_character_a_bounded_number_of_times(text: str) -> None:
    assert len(text) >= 1_000_000
    assert _characters_examined(text) <= 3 * len(text)


def test_non_ascii_scan_uses_only_single_character_searches() -> None:
    for scan in (_BYTES_SCAN, _TEXT_SCAN):
        for pattern in scan[:2]:
            source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
            assert re.fullmatch(r"\[[^\]*+?{]+\]", source), source  # one character class, no repetition


@pytest.mark.parametrize("meta", ["", '<meta charset="windows-1252">'], ids=["detected", "declared"])
def test_windows_1252_page_with_a_megabyte_inline_script_decodes_exactly(meta: str) -> None:
    script = "<script>var data = {" + '"k": "value", ' * 75_000 + "};</script>"
    text = f"<html><head>{meta}{script}</head><body><p>{FRENCH}</p></body></html>"
    decoded = decode_html(text.encode("cp1252"))
    assert len(script) > 1_000_000
    assert (decoded.text, decoded.encoding, decoded.guessed) == (text, "windows-1252", not meta)


_PIECES = st.sampled_from(
    ["<", ">", "<p>", "</b>", " ", "\n", "x", "ascii text ", "é", "ا", "\x80", "€", "\u200f"]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=60), st.integers(min_value=0, max_value=400))
def test_non_ascii_runs_are_those_the_old_pattern_found(pieces: list[str], end: int) -> None:
    text = "".join(pieces)
    end = min(end, len(text))
    assert list(_non_ascii_runs(text, _TEXT_SCAN, end)) == [
        m.group() for m in OLD_RUN_TEXT.finditer(text, 0, end)
    ]
    data = text.encode("utf-8")
    assert list(_non_ascii_runs(data, _BYTES_SCAN, len(data))) == [
        m.group() for m in OLD_RUN_BYTES.finditer(data)
    ]


_META_PIECES = st.sampled_from(
    [
        "<meta",
        "<META ",
        " charset",
        "charset",
        "=",
        " ",
        "\t",
        '"',
        "'",
        "utf-8",
        "windows-1256",
        ">",
        "<",
        "x",
        ";",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_META_PIECES, max_size=30))
def test_meta_charset_finds_what_the_old_pattern_found(pieces: list[str]) -> None:
    head = "".join(pieces).encode("ascii")
    old, new = OLD_META_CHARSET.search(head), _META_CHARSET.search(head)
    assert (new and (new.span(), new.group(1))) == (old and (old.span(), old.group(1)))


def test_meta_charset_prescan_of_spaces_after_the_equals_sign_is_linear() -> None:
    # `\s*["']?\s*` tried every split of this run between its two `\s*`; the new form tries one
    assert _META_CHARSET.search(b"<meta charset=" + b" " * 8192 + b"!") is None
    assert re.search(r"\\s\*\[\"'\]\?\\s\*", _META_CHARSET.pattern.decode()) is None


def test_utf8_page_with_one_cut_character_stays_utf8_with_that_character_replaced() -> None:
    body = "Zamknięcie granicy: przemyt 653 tys. paczek papierosów " * 40  # 80 good non-ASCII, 1 broken
    cut = "teaser ucięty w połowie znaku: papieros".encode() + "ó".encode()[:1] + b"..."
    page = (
        b'<html><head><meta charset="utf-8"></head><body><p>'
        + body.encode()
        + b"</p><p>"
        + cut
        + b"</p></body></html>"
    )
    decoded = decode_html(page)
    assert (decoded.encoding, decoded.guessed) == ("utf-8", False)
    assert body in decoded.text and "papieros\ufffd..." in decoded.text


def test_legacy_code_page_is_not_taken_for_nearly_utf8() -> None:
    sentence = "Le gouvernement a présenté mercredi un projet de loi sur la sécurité routière, très attendu. "
    page = "<html><body><p>" + sentence * 3 + "</p></body></html>"
    decoded = decode_html(page.encode("windows-1252"))
    assert (decoded.encoding, decoded.guessed) == ("windows-1252", True) and sentence * 3 in decoded.text
