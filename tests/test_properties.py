"""Property tests: the parsers and the cleaner fail only with newscli's own errors, and cleaning is stable.

Example counts stay modest so the suite is fast; NEWSCLI_FUZZ_EXAMPLES=2000 runs a long fuzz.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscli.errors import NewscliError
from newscli.model import FIELD_NAMES, Article
from newscli.sources import Source

EXAMPLES = int(os.environ.get("NEWSCLI_FUZZ_EXAMPLES", "40"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a shared, loaded machine: speed lives in benchmarks/
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # the default run is the same every time; a long run explores
)

ARABIC_LETTERS = frozenset(
    chr(c)
    for lo, hi in ((0x0621, 0x063F), (0x0641, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FC))
    for c in range(lo, hi + 1)
)
HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))

# Characters that make text hard: Arabic letters, harakat, tatweel, presentation forms, bidi controls,
# zero-width characters, odd spaces and line breaks, combining marks, Latin and punctuation.
_TRICKY = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
    "\ufefb\ufef5\ufe8d\ufe91\ufdf2\ufb50"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
    " \t\n\r\u00a0\u2009\u3000\u2028\u2029\x0b\x0c\x85"
    "\u0301\u0308e\u00e9Aa1٣۴.,;:!?؟،؛«»\"'()-–—•*|<>&#/\\"
)
tricky_text = st.text(alphabet=st.sampled_from(_TRICKY), max_size=200) | st.text(max_size=200)

_BOILERPLATE = (
    "Read more: the council's full decision",
    "اقرأ أيضا: تفاصيل القرار",
    "Lire aussi : les trains de nuit",
    "Share this article on Facebook",
    "Advertisement",
    "© 2025 The Coastal Ledger. All rights reserved.",
    "This article was machine-translated.",
    "By Jane Doe and John Smith",
    "بقلم: أحمد علي - القاهرة",
    "• Point one of the story",
    "The council voted 7-2 to fund a cable-stayed bridge linking the old port to the eastern districts.",
    "وافق المجلس على تمويل محطة جديدة لتحلية المياه في المدينة الساحلية.",
)
body_lines = st.lists(st.sampled_from(_BOILERPLATE) | tricky_text, max_size=12)
languages = st.sampled_from([None, "en", "ar", "fr", "de", "es", "xx", ""])


def _article(
    title: str | None, lines: list[str], sep: str, language: str | None, highlights: list[str]
) -> Article:
    """An article as the extractor or a record file could hand it to the cleaner."""
    return Article(
        title=title, text=sep.join(lines), language=language, highlights=highlights, id="a1", source="x"
    )


articles = st.builds(
    _article,
    st.none() | tricky_text,
    body_lines,
    st.sampled_from(["\n", "\n\n", " "]),
    languages,
    st.lists(st.sampled_from(_BOILERPLATE) | tricky_text, max_size=4),
)


def _only_newscli_errors(call: object, *args: object, **kwargs: object) -> object:
    """Call it; a NewscliError is an allowed answer (returned), anything else propagates and fails."""
    try:
        return call(*args, **kwargs)  # type: ignore[operator]
    except NewscliError as exc:
        return exc


# ---------------------------------------------------------------- decoder

_CHARSETS = st.sampled_from(
    ["utf-8", "windows-1256", "iso-8859-6", "latin1", "utf-16", "x-bogus", "", "ascii"]
)
html_bytes = st.builds(
    lambda charset, body, tail: (
        b'<html><head><meta charset="' + charset.encode() + b'"></head><body>' + body + tail
    ),
    _CHARSETS,
    st.binary(max_size=300),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"</body></html>", "مرحبا".encode("cp1256")]),
)


@fuzz
@given(data=st.binary(max_size=600) | html_bytes, declared=st.none() | _CHARSETS)
def test_decoder_raises_only_newscli_errors(data: bytes, declared: str | None) -> None:
    """decode_html gives text (or a NewscliError) for any bytes and any declared charset."""
    from newscli.decode import Decoded, decode_html

    result = _only_newscli_errors(decode_html, data, declared=declared)
    assert isinstance(result, (Decoded, NewscliError))
    if isinstance(result, Decoded):
        assert isinstance(result.text, str)


@fuzz
@given(data=st.binary(max_size=300), override=_CHARSETS)
def test_decoder_with_encoding_override_raises_only_newscli_errors(data: bytes, override: str) -> None:
    """--encoding with any label (known, unknown, empty) never crashes the decoder."""
    from newscli.decode import Decoded, decode_html

    assert isinstance(_only_newscli_errors(decode_html, data, override=override), (Decoded, NewscliError))


# ---------------------------------------------------------------- plain-text parser


@fuzz
@given(text=st.lists(st.sampled_from(_BOILERPLATE) | tricky_text, max_size=10).map("\n".join))
def test_plain_text_parser_raises_only_newscli_errors(text: str) -> None:
    """parse_text reads any text into an article whose body is a string."""
    from newscli.parsers.text import parse_text

    result = _only_newscli_errors(
        parse_text, Source(name="t.txt", data=text.encode("utf-8", "surrogatepass")), text
    )
    assert isinstance(result, (Article, NewscliError))
    if isinstance(result, Article):
        assert isinstance(result.text, str)


@fuzz
@given(data=st.binary(max_size=400))
def test_plain_text_parser_on_raw_bytes_raises_only_newscli_errors(data: bytes) -> None:
    """parse_text decoding the source's bytes itself (invalid UTF-8 included) fails only with InputError."""
    from newscli.parsers.text import parse_text

    assert isinstance(
        _only_newscli_errors(parse_text, Source(name="t.txt", data=data)), (Article, NewscliError)
    )


# ---------------------------------------------------------------- record reader

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(st.sampled_from([*FIELD_NAMES, "extra", ""]), json_values, max_size=8)
record_lines = (
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    | records.map(lambda r: json.dumps(r).encode())
    | json_values.map(lambda v: json.dumps(v).encode())
    | st.binary(max_size=200)
    | st.builds(lambda n: b"[" * n + b"]" * n, st.integers(0, 100_000))
)


@fuzz
@given(raw=record_lines)
def test_record_reader_raises_only_newscli_errors(raw: bytes) -> None:
    """Any JSON Lines line is an Article or an InputError naming what is wrong."""
    from newscli.parsers.records import record_from_json

    result = _only_newscli_errors(record_from_json, raw)
    assert isinstance(result, (Article, NewscliError))
    if isinstance(result, Article):
        result.to_json().encode("utf-8")  # a record read back can always be written out again


# ---------------------------------------------------------------- cleaner


@fuzz
@given(article=articles)
def test_cleaner_raises_only_newscli_errors(article: Article) -> None:
    """clean_article takes any article."""
    from newscli.clean import CleanOptions, clean_article

    for options in (CleanOptions(), CleanOptions(explain=True, normalize=False)):
        assert isinstance(_only_newscli_errors(clean_article, article, options), (Article, NewscliError))


@fuzz
@given(article=articles)
def test_clean_is_idempotent(article: Article) -> None:
    """Cleaning a cleaned article changes nothing, field for field."""
    from newscli.clean import CleanOptions, clean_article

    once = clean_article(article, CleanOptions())
    assert clean_article(once, CleanOptions()).to_dict() == once.to_dict()


# ---------------------------------------------------------------- display normalization


def _letters(text: str, alphabet: frozenset[str]) -> list[str]:
    """The characters of `alphabet` a reader sees, in order: invisible format characters (Cf) left out,
    compatibility forms made ordinary letters, marks in canonical order."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return [ch for ch in unicodedata.normalize("NFKC", visible) if ch in alphabet]


@fuzz
@given(text=tricky_text, language=languages)
def test_display_normalization_keeps_every_arabic_letter_in_order(text: str, language: str | None) -> None:
    """normalize_display never drops, adds or reorders an Arabic letter (presentation forms count)."""
    from newscli.lang.normalize import normalize_display

    assert _letters(normalize_display(text, language), ARABIC_LETTERS) == _letters(text, ARABIC_LETTERS)


@fuzz
@given(text=tricky_text, language=languages)
def test_display_normalization_keeps_every_haraka(text: str, language: str | None) -> None:
    """Vowel marks are what a reader sees: display normalization keeps them all, in order."""
    from newscli.lang.normalize import normalize_display

    assert _letters(normalize_display(text, language), HARAKAT) == _letters(text, HARAKAT)


@fuzz
@given(text=tricky_text, language=languages)
def test_display_normalization_is_idempotent(text: str, language: str | None) -> None:
    """Normalizing normalized text changes nothing (so records are stable through repeated stages)."""
    from newscli.lang.normalize import normalize_display

    once = normalize_display(text, language)
    assert normalize_display(once, language) == once


_LATIN_TEXT = st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("‘’“”„–—…«»éÉßİ\u00a0"))


@fuzz
@given(text=tricky_text | _LATIN_TEXT)
def test_matching_form_is_the_per_character_fold_with_spaces_collapsed(text: str) -> None:
    """The casefold shortcut for plain lines gives exactly what folding each character would."""
    from newscli.lang.normalize import fold_char, normalize_match

    assert normalize_match(text) == " ".join("".join(fold_char(c) for c in text).split())


# Removing an invisible control between two harakat must not leave them out of canonical order (a later
# pass would reorder them). Pinned as examples, so the default (derandomized) run always checks it.
_MARKS_AROUND_CONTROL = "\u064c\u202a\u064b"  # dammatan, LEFT-TO-RIGHT EMBEDDING, fathatan


def test_display_normalization_is_idempotent_when_a_control_separates_two_harakat() -> None:
    """The text comes out in NFC, so a second pass has nothing left to do."""
    from newscli.lang.normalize import normalize_display

    once = normalize_display(_MARKS_AROUND_CONTROL)
    assert (once, normalize_display(once)) == ("\u064b\u064c", "\u064b\u064c")


def test_clean_is_idempotent_when_a_control_separates_two_harakat() -> None:
    """Cleaning twice gives the same title as cleaning once."""
    from newscli.clean import CleanOptions, clean_article

    once = clean_article(Article(title=_MARKS_AROUND_CONTROL, text="x"), CleanOptions())
    assert clean_article(once, CleanOptions()).title == once.title == "\u064b\u064c"


# ---------------------------------------------------------------- every reader, through the whole pipeline
#
# A folder holding one hostile input (random bytes, or a damaged file of a kind newscli reads, under a
# random name that may not be UTF-8) beside two good inputs goes through `extract` and `run --state`:
# nothing may escape as an exception, the good inputs must be written, every output line must be strict
# JSON, and every stderr line must be one `newscli: <input>: <message> [<reason>]` line.

GOOD_PAGE = "en-harbor-bridge.html"
KINDS = (".html", ".txt", ".jsonl", ".json", ".db", ".warc", ".warc.gz", ".html.gz", ".jsonl.gz")
finite_or_not = st.floats(allow_nan=True, allow_infinity=True)
json_any = st.recursive(
    st.none() | st.booleans() | st.integers() | finite_or_not | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
records_any = st.dictionaries(st.sampled_from([*FIELD_NAMES, "extra", "x"]), json_any, max_size=8)
file_names = (
    st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40
    )
    | st.binary(min_size=1, max_size=40).map(
        lambda b: os.fsdecode(b.replace(b"/", b"_").replace(b"\x00", b"_"))
    )
).filter(lambda name: not name.startswith(".") and len(os.fsencode(name)) < 200)


def _page_bytes(data: st.DataObject) -> bytes:
    """An HTML page with random bytes spliced into it."""
    from tests.conftest import SAMPLES

    page = (SAMPLES / GOOD_PAGE).read_bytes()
    at = data.draw(st.integers(0, len(page)), label="splice at")
    return page[:at] + data.draw(st.binary(max_size=300), label="spliced") + page[at:]


def _jsonl_bytes(data: st.DataObject) -> bytes:
    """Lines of random records, random JSON values (NaN included) and raw bytes."""
    line = (
        records_any.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        | json_any.map(lambda v: json.dumps(v).encode())
        | st.binary(max_size=80)
    )
    return b"\n".join(data.draw(st.lists(line, max_size=6), label="lines"))


def _json_bytes(data: st.DataObject) -> bytes:
    """A JSON array of random values and records (or any JSON value, or bytes)."""
    value = st.lists(records_any | json_any, max_size=5).map(json.dumps) | json_any.map(json.dumps)
    return data.draw(value.map(str.encode) | st.binary(max_size=200), label="json")


def _database_bytes(data: st.DataObject, folder: Path) -> bytes:
    """A newscli database with random values of random types in random columns (or its bytes damaged)."""
    import sqlite3

    from newscli.export import ExportOptions, write_articles
    from newscli.export.sqlite import COLUMNS

    path = folder / "scratch.db"
    with open(os.devnull, "wb") as nowhere:
        write_articles(
            [Article(id="p1", title="t", text="x")], ExportOptions(to="sqlite", output=str(path)), nowhere
        )
    integers = st.integers(-(2**63), 2**63 - 1)
    value = st.none() | integers | finite_or_not | st.text(max_size=30) | st.binary(max_size=30)
    changes = data.draw(
        st.dictionaries(st.sampled_from([c for c in COLUMNS if c != "id"]), value, max_size=4)
    )
    with sqlite3.connect(path) as db:
        for column, new in changes.items():
            with contextlib.suppress(sqlite3.IntegrityError):  # NOT NULL columns keep their value
                db.execute(f"UPDATE articles SET {column} = ?", (new,))
    raw = path.read_bytes()
    path.unlink()
    if data.draw(st.booleans(), label="damage the file"):
        at = data.draw(st.integers(100, len(raw) - 1))
        raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4096)) + raw[at + 4096 :]
    return raw


def _warc_bytes(data: st.DataObject, gzipped: bool) -> bytes:
    """A WARC of a page and a random payload, cut or overwritten at a random place (or not)."""
    import io as _io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = _io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, payload in enumerate([_page_bytes(data), data.draw(st.binary(max_size=500))]):
        kind = data.draw(st.sampled_from(["text/html", "image/png", "text/html; charset=x-bogus"]))
        http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        headers = {"WARC-Record-ID": f"<urn:uuid:{n}>"}
        writer.write_record(
            writer.create_warc_record(
                f"https://e.org/{n}", "response", payload=_io.BytesIO(payload), http_headers=http,
                warc_headers_dict=headers,
            )
        )  # fmt: skip
    raw = out.getvalue()
    damage = data.draw(st.sampled_from(["none", "cut", "overwrite"]), label="damage")
    at = len(raw) * data.draw(st.integers(0, 1000), label="damage at (per mille)") // 1000  # dates vary
    if damage == "cut":
        return raw[:at]
    if damage == "overwrite":
        return raw[:at] + data.draw(st.binary(min_size=1, max_size=64)) + raw[at + 64 :]
    return raw


def _hostile_bytes(data: st.DataObject, kind: str, folder: Path) -> bytes:
    """Bytes for a file of this kind: random, or built and damaged as the kind's reader would meet them."""
    import gzip as _gzip

    if data.draw(st.booleans(), label="random bytes"):
        return data.draw(st.binary(max_size=2000), label="bytes")
    makers = {
        ".html": _page_bytes, ".txt": lambda d: d.draw(tricky_text).encode("utf-8", "surrogatepass"),
        ".jsonl": _jsonl_bytes, ".json": _json_bytes, ".db": lambda d: _database_bytes(d, folder),
        ".warc": lambda d: _warc_bytes(d, False), ".warc.gz": lambda d: _warc_bytes(d, True),
        ".html.gz": lambda d: _gzip.compress(_page_bytes(d), mtime=0),
        ".jsonl.gz": lambda d: _gzip.compress(_jsonl_bytes(d), mtime=0),
    }  # fmt: skip
    raw = makers[kind](data)
    if kind.endswith(".gz") and kind != ".warc.gz" and data.draw(st.booleans(), label="cut the gzip"):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    return raw


def _hostile_folder(data: st.DataObject, root: Path) -> tuple[Path, str, str]:
    """root/in holding the hostile file and two good inputs; returns the folder and the good inputs' ids."""
    from tests.conftest import SAMPLES

    folder = root / "in"
    folder.mkdir()
    kind = data.draw(st.sampled_from(KINDS), label="kind")
    name = data.draw(file_names, label="name") + kind
    (folder / name).write_bytes(_hostile_bytes(data, kind, root))
    page = (SAMPLES / GOOD_PAGE).read_bytes()
    (folder / "zz-good.html").write_bytes(page)
    record = (SAMPLES / "records.jsonl").read_bytes().splitlines()[0]
    (folder / "zz-good.jsonl").write_bytes(record + b"\n")
    return folder, hashlib.sha256(page).hexdigest()[:16], json.loads(record)["id"]


def _assert_contract(env: object, code: int, page_id: str, record_id: str) -> None:
    """Good inputs written, strict JSON out, one well-formed line per failure, no bug caught by a net."""
    import re

    from tests.conftest import FakeEnv

    assert isinstance(env, FakeEnv)
    out = env.stdout.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    records = [json.loads(line, parse_constant=_not_json) for line in out.split("\n") if line]
    ids = [r["id"] for r in records]
    assert page_id in ids and record_id in ids, ids
    lines = env.err.splitlines()
    failures = [line for line in lines if not line.startswith("newscli: run ")]
    assert code == (3 if failures else 0), (code, lines)
    for line in failures:
        line.encode("utf-8")
        assert re.fullmatch(r"newscli: .+: .+ \[[a-z_]+\]", line), line
        assert "[internal_error]" not in line and len(line) < 1500, line


def _not_json(name: str) -> None:
    """json.loads hook: NaN and Infinity are not JSON."""
    raise AssertionError(f"{name} in the output")


@fuzz
@given(data=st.data())
def test_any_input_under_any_name_beside_good_ones_never_crashes_extract(data: st.DataObject) -> None:
    """`extract FOLDER`: no exception, the good page and record written, strict JSON, one line per failure."""
    import tempfile

    from newscli.export import ExportOptions
    from newscli.runner import Request, execute
    from tests.conftest import FakeEnv

    with tempfile.TemporaryDirectory() as scratch:
        folder, page_id, record_id = _hostile_folder(data, Path(scratch))
        env = FakeEnv.make()
        code = execute(
            Request(command="extract", inputs=(str(folder),), export=ExportOptions(to="jsonl")), env
        )
        _assert_contract(env, code, page_id, record_id)


@settings(fuzz, max_examples=max(10, EXAMPLES // 4))
@given(data=st.data())
def test_any_input_under_any_name_beside_good_ones_never_crashes_an_incremental_run(
    data: st.DataObject,
) -> None:
    """`run FOLDER --state s -o out.db` twice: no exception, the names and records reach the state and the
    database, and the second run skips what the first did."""
    import tempfile

    from newscli.batch import BatchOptions, run_batch
    from newscli.export import ExportOptions
    from newscli.runner import Request
    from tests.conftest import FakeEnv

    with tempfile.TemporaryDirectory() as scratch:
        folder, page_id, record_id = _hostile_folder(data, Path(scratch))
        state, out = Path(scratch) / "s", Path(scratch) / "out.db"
        request = Request(command="run", inputs=(str(folder),), export=ExportOptions(to="", output=str(out)))
        for _ in range(2):
            env = FakeEnv.make()
            code = run_batch(request, BatchOptions(jobs=1, state=state), env)
            assert code in (0, 3), env.err
        back = FakeEnv.make()
        execute_code = _export_back(out, back)
        _assert_contract(back, execute_code, page_id, record_id)


def _export_back(database: Path, env: object) -> int:
    """`export out.db --to jsonl` into env."""
    from newscli.export import ExportOptions
    from newscli.runner import Request, execute

    return execute(Request(command="export", inputs=(str(database),), export=ExportOptions(to="jsonl")), env)  # type: ignore[arg-type]
