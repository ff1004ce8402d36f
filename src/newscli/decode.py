"""Bytes to text for web pages: BOM, strict UTF-8, a clean declared charset, then detection.

trafilatura ignores ``<meta charset>`` and samples only the head and tail of a page, so newscli
decodes the bytes itself and hands text on. Encoding names are WHATWG names ("windows-1256").
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import AnyStr

from newscli.errors import InputError

# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">. The spaces
# around an optional quote are `\s*(?:["']\s*)?`, not `\s*["']?\s*`: two adjacent `\s*` would share a
# run of spaces in every possible way before failing (0.56 s on an 8 KB prescan of spaces).
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_PRESCAN_BYTES = 8192
# Detection looks at the runs of text between tags that hold a non-ASCII character, so a large ASCII
# head or tail (scripts, styles, markup) cannot drown the few bytes that matter. The runs are found by
# single-character searches (no repetition, nothing to backtrack): see `_non_ascii_runs`. A scan is
# (a non-ASCII character, a tag edge, "<", ">"), for bytes and for text.
_BYTES_SCAN = (re.compile(rb"[\x80-\xff]"), re.compile(rb"[<>]"), b"<", b">")
_TEXT_SCAN = (re.compile(r"[^\x00-\x7f]"), re.compile(r"[<>]"), "<", ">")
_SAMPLE_BYTES = 65536
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
)
# Arabic code pages that decode the same bytes into different, plausible-looking text.
_ARABIC_PAGES = ("windows-1256", "iso-8859-6")
# WHATWG's default for undeclared Western pages; preferred when detection finds it as good as its best.
_FALLBACK = "windows-1252"
NEARLY_UTF8 = 50  # non-ASCII characters that decode as UTF-8 for each broken sequence (see _from_nearly_utf8)


@dataclass(frozen=True)
class Decoded:
    """Text of a page and how it was obtained (``guessed``: the encoding came from detection)."""

    text: str
    encoding: str
    guessed: bool


def whatwg_name(label: str) -> str | None:
    """The WHATWG encoding name for a label ("latin1" -> "windows-1252"), None if unknown."""
    import webencodings

    found = webencodings.lookup(label.strip())
    if found is not None:
        return str(found.name)
    try:  # Python codec names as charset_normalizer reports them ("cp1256", "iso8859_6")
        python_name = codecs.lookup(label).name
    except LookupError:
        return None
    return _python_to_whatwg().get(python_name)


@cache
def _python_to_whatwg() -> dict[str, str]:
    """Python codec name -> WHATWG name, built once from webencodings' label table."""
    import webencodings

    table: dict[str, str] = {}
    for name in sorted(set(webencodings.LABELS.values())):
        encoding = webencodings.lookup(name)
        if encoding is not None:
            table.setdefault(encoding.codec_info.name, name)
    return table


def _codec(name: str) -> str:
    """The Python codec that implements a WHATWG encoding."""
    import webencodings

    found = webencodings.lookup(name)
    return str(found.codec_info.name) if found is not None else name


def _strict(data: bytes, name: str) -> str | None:
    """Decode without any replacement, or None when the bytes do not fit the encoding."""
    try:
        return data.decode(_codec(name))
    except (UnicodeDecodeError, LookupError):
        return None


def declared_charsets(data: bytes, declared: str | None = None) -> list[str]:
    """WHATWG names declared for the page: transport (HTTP/WARC) first, then the first <meta> in the head."""
    labels = [declared] if declared else []
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match:
        labels.append(match.group(1).decode("ascii", "replace"))
    names: list[str] = []
    for label in labels:
        name = whatwg_name(label)
        if name and name.startswith("utf-16"):
            name = "utf-8"  # WHATWG: a <meta> cannot declare UTF-16 in bytes that are not UTF-16
        if name and name not in names:
            names.append(name)
    return names


def _non_ascii_runs(
    text: AnyStr, scan: tuple[re.Pattern[AnyStr], re.Pattern[AnyStr], AnyStr, AnyStr], end: int
) -> Iterator[AnyStr]:
    """The maximal runs without `<` or `>` in text[:end] that hold a non-ASCII character, in order.

    Linear: the next non-ASCII character is searched from where the last run ended, then its run is
    widened backwards (never past that point) and forwards to the nearest `<`/`>`; every character is
    looked at a bounded number of times, whatever the page.
    """
    non_ascii, edge, lt, gt = scan
    position = 0  # where the last run ended: its closing `<`/`>`, or the start
    while (hit := non_ascii.search(text, position, end)) is not None:
        start = max(text.rfind(lt, position, hit.start()), text.rfind(gt, position, hit.start())) + 1
        edge_hit = edge.search(text, hit.end(), end)
        position = edge_hit.start() if edge_hit is not None else end
        yield text[start:position]


def non_ascii_sample(data: bytes) -> bytes:
    """The text runs that contain non-ASCII bytes, joined: the part of the page detection should judge."""
    runs: list[bytes] = []
    size = 0
    for found in _non_ascii_runs(data, _BYTES_SCAN, len(data)):
        run = found.strip()
        runs.append(run)
        size += len(run) + 1
        if size >= _SAMPLE_BYTES:
            break
    return b"\n".join(runs)


def arabic_share(text: str) -> float:
    """Share of non-ASCII letters that are Arabic script: how Arabic a decoding reads."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


def _reads_cleanly(text: str, name: str) -> bool:
    """True unless the non-ASCII text looks like mojibake, or the other Arabic code page reads more Arabic."""
    from charset_normalizer.md import mess_ratio

    end = min(len(text), _SAMPLE_BYTES * 4)
    sample = "\n".join(run.strip() for run in _non_ascii_runs(text, _TEXT_SCAN, end))
    if not sample:
        return True
    if name in _ARABIC_PAGES:
        other = next(c for c in _ARABIC_PAGES if c != name)
        alternative = sample.encode(_codec(name)).decode(_codec(other), "replace")
        if arabic_share(alternative) > arabic_share(sample) + 0.05:
            return False
    return mess_ratio(sample, 0.2) < 0.2


def detect(data: bytes) -> str:
    """Guess the encoding from the non-ASCII part; Arabic code pages decided by how Arabic they read."""
    from charset_normalizer import from_bytes

    sample = non_ascii_sample(data)
    results = list(from_bytes(sample)) if sample else []
    tied = [whatwg_name(m.encoding) for m in results if m.chaos <= results[0].chaos + 0.005]
    name = _FALLBACK if _FALLBACK in tied else (tied[0] if tied else None)
    candidates = _ARABIC_PAGES if name in _ARABIC_PAGES else ()
    if not candidates and name is not None and arabic_share(_strict(sample, name) or "") > 0.5:
        candidates = _ARABIC_PAGES
    if candidates:
        scored = [(arabic_share(sample.decode(_codec(c), "replace")), -i) for i, c in enumerate(candidates)]
        return candidates[-max(scored)[1]]
    return name or _FALLBACK


def _override(data: bytes, override: str) -> Decoded:
    """Decode with the user's encoding, or say clearly why that cannot work."""
    name = whatwg_name(override)
    if name is None:
        raise InputError("encoding", f"unknown encoding {override!r}; try utf-8 or windows-1256")
    text = _strict(data, name)
    if text is None:
        raise InputError("encoding", f"the bytes are not valid {name}; try another --encoding or none")
    return Decoded(text.lstrip("\ufeff"), name, False)


def _from_bom(data: bytes) -> Decoded | None:
    """A byte order mark wins over everything but an override."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(_codec(name), "replace"), name, False)
    return None


def decode_html(data: bytes, *, declared: str | None = None, override: str | None = None) -> Decoded:
    """Turn page bytes into text the way a careful browser would, saying whether the encoding was guessed."""
    if override:
        return _override(data, override)
    steps: tuple[Callable[[], Decoded | None], ...] = (
        lambda: _from_bom(data),
        lambda: _from_utf8(data, declared),
        lambda: _from_declaration(data, declared),
        lambda: _from_nearly_utf8(data),
    )
    for step in steps:
        found = step()
        if found is not None:
            return found
    name = detect(data)
    return Decoded(data.decode(_codec(name), "replace"), name, True)


def _from_utf8(data: bytes, declared: str | None) -> Decoded | None:
    """Valid UTF-8 is UTF-8 (pure ASCII keeps a declared ASCII-compatible name)."""
    text = _strict(data, "utf-8")
    if text is None:
        return None
    if text.isascii():
        names = [n for n in declared_charsets(data, declared) if _strict(data, n) == text]
        return Decoded(text, names[0] if names else "utf-8", False)
    return Decoded(text, "utf-8", False)


def _from_nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken sequences (a character cut by a truncated teaser) is still UTF-8.

    Text in a legacy code page is nearly all invalid UTF-8 (an accented letter is one byte followed by
    ASCII), so a page whose non-ASCII characters decode as UTF-8 at least NEARLY_UTF8 times as often as
    they fail is read as UTF-8, the broken bytes replaced (what a browser shows), not guessed at.
    """
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    decoded = len(text) - len(text.encode("ascii", "ignore")) - broken
    if decoded >= NEARLY_UTF8 * broken:
        return Decoded(text, "utf-8", False)
    return None


def _from_declaration(data: bytes, declared: str | None) -> Decoded | None:
    """A declared charset, only if it decodes every byte and the result does not read as mojibake."""
    for name in declared_charsets(data, declared):
        text = _strict(data, name)
        if text is not None and _reads_cleanly(text, name):
            return Decoded(text, name, False)
    return None
