"""Group articles into stories: tf-idf over content words, candidate pairs from an inverted index, then
centroid linkage so a chain of loosely related articles never becomes one story."""

from __future__ import annotations

import heapq
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

Vector = dict[str, float]

# An article is compared on its VECTOR_TERMS strongest terms; the INDEX_TERMS strongest find candidates.
VECTOR_TERMS = 40
INDEX_TERMS = 12
# Two articles are compared only if they share this many index terms (a name and a place, say).
MIN_SHARED = 2
# A term in more than this share of a language's articles finds no candidates (it names no one event).
COMMON_SHARE = 0.05
COMMON_FLOOR = 50
# Inverse document frequency counts at least this many articles: in a small collection a term two
# reports share is not common, it is the story (an unseen term is taken to be rare in the news).
IDF_MIN_ARTICLES = 1000


@dataclass(frozen=True)
class Point:
    """One article as grouping sees it: language, day (ordinal or None) and unit tf-idf vector."""

    language: str | None
    day: int | None
    vector: Vector


class Vocabulary:
    """Document frequencies per language, gathered in a first pass, to weight terms in the second."""

    def __init__(self) -> None:
        self._df: dict[str | None, Counter[str]] = defaultdict(Counter)
        self._count: Counter[str | None] = Counter()

    def add(self, language: str | None, terms: dict[str, int]) -> None:
        """Count one article's terms."""
        self._df[language].update(terms.keys())
        self._count[language] += 1

    def vector(self, language: str | None, terms: dict[str, int]) -> Vector:
        """The article's unit tf-idf vector over its VECTOR_TERMS strongest terms (smoothed idf)."""
        df, n = self._df[language], max(self._count[language], IDF_MIN_ARTICLES)
        weights = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in terms.items()}
        top = heapq.nlargest(VECTOR_TERMS, weights.items(), key=lambda tw: (tw[1], tw[0]))
        # Terms come back from disk as new strings: interned, 10,000 vectors share one copy of each.
        return _unit({sys.intern(t): w for t, w in top})


@dataclass(frozen=True)
class GroupingOptions:
    """How alike two reports must be to tell the same story."""

    link: float = 0.35  # cosine of two articles' vectors to consider them one story
    merge: float = 0.35  # cosine of two groups' centroids to join them
    window_days: int = 3  # dated articles further apart than this are never one story


def group(points: Sequence[Point], options: GroupingOptions | None = None) -> list[list[int]]:
    """Indices of `points` grouped into stories (each group sorted, groups by their first index).

    Articles of different languages are never one story.
    """
    options = options or GroupingOptions()
    by_language: dict[str | None, list[int]] = defaultdict(list)
    for index, point in enumerate(points):
        by_language[point.language].append(index)
    groups: list[list[int]] = []
    for members in by_language.values():
        groups.extend(_group_language([points[i] for i in members], members, options))
    return sorted(groups)


def _group_language(points: list[Point], members: list[int], options: GroupingOptions) -> list[list[int]]:
    """Stories among articles of one language (positions mapped back through `members`)."""
    pairs = _candidate_pairs(points, options)
    parent = list(range(len(points)))
    centroid: dict[int, Vector] = {i: dict(p.vector) for i, p in enumerate(points)}
    days: dict[int, tuple[int, int] | None] = {
        i: (p.day, p.day) if p.day is not None else None for i, p in enumerate(points)
    }

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in pairs:
        a, b = find(i), find(j)
        if a == b:
            continue
        span = _joined_span(days[a], days[b])
        if span is not None and span[1] - span[0] > options.window_days:
            continue
        if _cosine(centroid[a], centroid[b]) < options.merge:
            continue
        keep, gone = min(a, b), max(a, b)
        parent[gone] = keep
        centroid[keep] = _add(centroid.pop(gone), centroid[keep])
        days[keep] = span
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(points)):
        clusters[find(i)].append(members[i])
    return list(clusters.values())


def _candidate_pairs(points: list[Point], options: GroupingOptions) -> list[tuple[float, int, int]]:
    """Pairs (similarity, i, j) alike enough to link, strongest first; only pairs sharing index terms."""
    n = len(points)
    limit = max(COMMON_FLOOR, int(COMMON_SHARE * n))
    postings: dict[str, list[int]] = defaultdict(list)
    pairs: list[tuple[float, int, int]] = []
    for i, point in enumerate(points):
        shared: Counter[int] = Counter()
        for term in _index_terms(point.vector):
            posting = postings[term]
            if len(posting) <= limit:
                shared.update(posting)
            posting.append(i)
        for j, count in shared.items():
            if count < MIN_SHARED or not _near(point.day, points[j].day, options.window_days):
                continue
            similarity = _cosine(point.vector, points[j].vector)
            if similarity >= options.link:
                pairs.append((similarity, j, i))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def _index_terms(vec: Vector) -> list[str]:
    """The INDEX_TERMS strongest terms of a vector (ties broken by the term, for determinism)."""
    return [t for t, _ in heapq.nlargest(INDEX_TERMS, vec.items(), key=lambda tw: (tw[1], tw[0]))]


def _near(a: int | None, b: int | None, window: int) -> bool:
    """Dated articles must be within the window; an undated one may join anything."""
    return a is None or b is None or abs(a - b) <= window


def _joined_span(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """The first and last day of two groups together (None when neither has a date)."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _unit(vector: Vector) -> Vector:
    """Scale to length 1 (empty stays empty)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _add(a: Vector, b: Vector) -> Vector:
    """The sum of two centroids (unnormalized, so a big group weighs more)."""
    if len(a) > len(b):
        a, b = b, a
    out = dict(b)
    for t, v in a.items():
        out[t] = out.get(t, 0.0) + v
    return out


def _cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two sparse vectors of any length."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
