"""The decoding matrix: generated pages in Arabic and European code pages, with and without declarations."""

from __future__ import annotations

import codecs

import pytest

from newscli.decode import decode_html
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
        "encoding", "unknown encoding 'klingon-8'; try utf-8 or windows-1256"
    )


def test_override_that_cannot_decode_is_an_encoding_error() -> None:
    with pytest.raises(InputError) as error:
        decode_html(page(ARABIC).encode("cp1256"), override="utf-8")
    assert (error.value.reason, error.value.message) == (
        "encoding", "the bytes are not valid utf-8; try another --encoding or none"
    )
