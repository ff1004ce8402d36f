"""File-name slugs that keep Arabic (and every other script's) letters but are safe on any filesystem."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG_BYTES = 80
MAX_NAME_BYTES = 200  # well under the 255-byte limit of ext4, APFS and NTFS, leaving room for suffixes

_KEEP = ("L", "N", "M")  # letters, digits, combining marks (Arabic harakat, Indic vowel signs)
_DASHES = re.compile(r"-{2,}")
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)


def _char(ch: str, keep: str) -> str:
    """One character of a slug: kept, dropped (format controls) or turned into a dash."""
    category = unicodedata.category(ch)
    if category[0] in _KEEP or ch in keep:
        return ch
    return "" if category == "Cf" else "-"  # bidi marks, ZWJ/ZWNJ: invisible, not word breaks


def _truncate(text: str, max_bytes: int) -> str:
    """Cut to at most `max_bytes` of UTF-8 on a character boundary, preferring a dash boundary."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    cut = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
    if "-" in cut[len(cut) // 2 :]:
        cut = cut[: cut.rindex("-")]
    return cut


def _tidy(text: str, max_bytes: int) -> str:
    """Collapse dash runs, trim separators at the ends, bound the length."""
    text = _DASHES.sub("-", text).strip("-_.")
    text = _truncate(text, max_bytes).strip("-_.")
    # a mark cannot start a name (it would attach to nothing)
    while text and unicodedata.category(text[0])[0] == "M":
        text = text[1:].lstrip("-_.")
    return text


def slugify(text: str | None, max_bytes: int = MAX_SLUG_BYTES) -> str:
    """A lowercase dash-separated slug of `text`, keeping letters of any script; '' when nothing is left."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    slug = "".join(_char(ch, "") for ch in text)
    return unicodedata.normalize("NFC", _tidy(slug, max_bytes))


def safe_name(text: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """Make a whole file name stem safe: no separators, traversal, controls, reserved names; case kept."""
    text = unicodedata.normalize("NFKC", text)
    name = unicodedata.normalize("NFC", _tidy("".join(_char(ch, "-_.") for ch in text), max_bytes))
    if name.split(".")[0].casefold() in _WINDOWS_RESERVED:
        name = f"{name}_"
    return name


def collision_key(name: str) -> str:
    """Names that one filesystem or another would treat as the same file get the same key."""
    return unicodedata.normalize("NFC", name).casefold()
