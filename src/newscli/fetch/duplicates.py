"""Recognise an article already stored: same bytes (id), same URL or canonical URL, or nearly the same text.

Near-identical text is found with a 64-bit SimHash over word 3-shingles (Charikar; as used for web
crawls by Manku et al.): two texts are the same article when their hashes differ in at most
`MAX_DISTANCE` bits. On 190 distinct news texts (aeb-dev and summ-dev Arabic) the closest two
distinct articles differ in 16 bits; a copy with a line added, a byline prepended, a word changed or the
last paragraph dropped differs in 0-6 bits for 93% of them. Candidates are found through bands (the
pigeonhole principle: hashes within 6 bits share at least one of 7 bands exactly), so a lookup never
compares against every stored article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newscli.fetch.urls import canonical_key
from newscli.model import Article

MAX_DISTANCE = 6
MIN_WORDS = 50  # shorter texts (a brief, an error page) are too alike by chance to judge by text
SHINGLE = 3
BANDS = 7  # MAX_DISTANCE + 1
_EDGES = [round(64 * i / BANDS) for i in range(BANDS + 1)]
_LANE = 20  # bits per counter in the packed sum (up to a million shingles)
_MASK = (1 << _LANE) - 1
# For each byte position and byte value: that byte's 8 bits spread into 8 counters of the packed sum.
_SPREAD = [
    [sum(((value >> bit) & 1) << (_LANE * (8 * position + bit)) for bit in range(8)) for value in range(256)]
    for position in range(8)
]


def words(text: str) -> list[str]:
    """Casefolded words with punctuation dropped, in any script."""
    folded = ("".join(ch for ch in word if ch.isalnum()) for word in text.casefold().split())
    return [word for word in folded if word]


def simhash(text: str) -> int | None:
    """The text's 64-bit SimHash over word 3-shingles, or None when it is too short to judge."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return None
    total, count = 0, 0
    blake = hashlib.blake2b
    for start in range(len(tokens) - SHINGLE + 1):
        shingle = " ".join(tokens[start : start + SHINGLE]).encode("utf-8")
        h = int.from_bytes(blake(shingle, digest_size=8).digest(), "little")
        total += sum(_SPREAD[position][(h >> (8 * position)) & 255] for position in range(8))
        count += 1
    return sum(1 << bit for bit in range(64) if 2 * ((total >> (_LANE * bit)) & _MASK) > count)


def _bands(value: int) -> Iterator[tuple[int, int]]:
    """(band number, the band's bits) for each of the BANDS slices of a hash."""
    for band in range(BANDS):
        low, high = _EDGES[band], _EDGES[band + 1]
        yield band, (value >> low) & ((1 << (high - low)) - 1)


def article_keys(article: Article) -> list[str]:
    """What makes two records the same article, text aside: the id, the URL, the canonical URL."""
    keys = [f"id:{article.id}"] if article.id else []
    keys += [f"url:{key}" for key in map(canonical_key, (article.url, article.canonical_url)) if key]
    return list(dict.fromkeys(keys))


@dataclass
class Fingerprint:
    """An article's keys and text hash, and the input that stored it."""

    owner: str
    keys: list[str]
    hash: int | None


@dataclass
class Duplicates:
    """The articles stored so far (this run, and earlier runs when loaded from the state)."""

    owners: dict[str, str] = field(default_factory=dict)  # key -> input that stored it
    bands: list[dict[int, list[tuple[int, str]]]] = field(default_factory=lambda: [{} for _ in range(BANDS)])

    def fingerprint(self, article: Article, owner: str) -> Fingerprint:
        """What the index needs to know about an article from `owner` (an input's key)."""
        return Fingerprint(owner, article_keys(article), simhash(article.text))

    def original(self, print_: Fingerprint) -> str | None:
        """The input that stored the same article earlier (not this input itself), or None when it is new."""
        for key in print_.keys:
            owner = self.owners.get(key)
            if owner is not None and owner != print_.owner:
                return owner
        if print_.hash is None:
            return None
        for band, bits in _bands(print_.hash):
            for other, owner in self.bands[band].get(bits, ()):
                if owner != print_.owner and (other ^ print_.hash).bit_count() <= MAX_DISTANCE:
                    return owner
        return None

    def add(self, print_: Fingerprint) -> None:
        """Remember a stored article."""
        for key in print_.keys:
            self.owners.setdefault(key, print_.owner)
        if print_.hash is not None:
            for band, bits in _bands(print_.hash):
                self.bands[band].setdefault(bits, []).append((print_.hash, print_.owner))

    def load(self, keys: Iterable[tuple[str, str]], hashes: Iterable[tuple[int, str]]) -> None:
        """Earlier runs' articles, from the state."""
        for key, owner in keys:
            self.owners.setdefault(key, owner)
        for value, owner in hashes:
            self.add(Fingerprint(owner, [], value))
