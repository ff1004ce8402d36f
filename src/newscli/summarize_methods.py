"""Extractive sentence selectors: each picks N sentence indices from a prepared document."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from newscli.lang.tokens import tokens

# Sentences past this index are never candidates: keeps a 10,000-sentence text fast
# and news puts what matters first anyway.
MAX_CANDIDATES = 400
# Sentences with fewer content words than this are datelines, bylines or fragments.
MIN_TOKENS = 4
# A candidate this similar (cosine) to one already chosen says nothing new.
DUPLICATE_SIMILARITY = 0.6


@dataclass(frozen=True)
class Weights:
    """How much each feature counts in the default method's sentence score."""

    position: float = 1.0
    centrality: float = 0.4
    title: float = 0.6
    length: float = 0.2
    redundancy: float = 1.3
    position_decay: float = 0.35


@dataclass
class Document:
    """Candidate sentences with their matching tokens and unit tf-idf vectors."""

    sentences: list[str]
    language: str | None
    title: str | None
    tokens: list[list[str]] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)

    @classmethod
    def build(cls, sentences: list[str], language: str | None, title: str | None) -> Document:
        """Tokenize and weight the first MAX_CANDIDATES sentences once for every feature."""
        doc = cls(sentences[:MAX_CANDIDATES], language, title)
        doc.tokens = [tokens(s, language) for s in doc.sentences]
        df = Counter(t for toks in doc.tokens for t in set(toks))
        n = len(doc.sentences)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        doc.vectors = [_tf_idf(toks, idf) for toks in doc.tokens]
        return doc


def _tf_idf(toks: list[str], idf: dict[str, float]) -> dict[str, float]:
    """A sentence's unit vector: log term frequency times inverse sentence frequency."""
    return _unit({t: (1 + math.log(c)) * idf[t] for t, c in Counter(toks).items()})


def _unit(vector: dict[str, float]) -> dict[str, float]:
    """Scale a sparse vector to length 1 (empty stays empty)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two unit sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def lead(doc: Document, n: int) -> list[int]:
    """The first N sentences: the strong baseline for news."""
    return list(range(min(n, len(doc.sentences))))


def centrality_scores(doc: Document) -> list[float]:
    """Degree centrality on the cosine graph, in linear time: u_i . (sum of u_j) - 1."""
    total: dict[str, float] = {}
    for vec in doc.vectors:
        for t, v in vec.items():
            total[t] = total.get(t, 0.0) + v
    raw = [max(0.0, cosine(vec, total) - 1.0) if vec else 0.0 for vec in doc.vectors]
    top = max(raw, default=0.0)
    return [r / top if top else 0.0 for r in raw]


def title_scores(doc: Document) -> list[float]:
    """Share of the title's content words that each sentence contains."""
    title = set(tokens(doc.title, doc.language)) if doc.title else set()
    if not title:
        return [0.0] * len(doc.sentences)
    return [len(title & set(toks)) / len(title) for toks in doc.tokens]


def length_scores(doc: Document) -> list[float]:
    """Favour full informative sentences over fragments and run-ons."""
    return [min(1.0, len(toks) / 12) - max(0.0, (len(toks) - 45) / 45) for toks in doc.tokens]


def position_scores(doc: Document, decay: float) -> list[float]:
    """News puts the gist first: 1 for the first sentence, decaying after."""
    return [1.0 / (1.0 + decay * i) for i in range(len(doc.sentences))]


def scored(weights: Weights) -> Callable[[Document, int], list[int]]:
    """A selector combining position, centrality, title overlap and length, with redundancy control."""

    def select(doc: Document, n: int) -> list[int]:
        """Pick the N best-scoring sentences, skipping what repeats an earlier pick."""
        features = zip(
            position_scores(doc, weights.position_decay),
            centrality_scores(doc),
            title_scores(doc),
            length_scores(doc),
            strict=True,
        )
        score = [
            weights.position * p + weights.centrality * c + weights.title * t + weights.length * ln
            for p, c, t, ln in features
        ]
        return _greedy(doc, n, score, weights.redundancy)

    return select


def _greedy(doc: Document, n: int, score: list[float], redundancy: float) -> list[int]:
    """Maximal marginal relevance: best score minus overlap with picks; no near-duplicates."""
    pool = [i for i, toks in enumerate(doc.tokens) if len(toks) >= MIN_TOKENS]
    if len(pool) < n:
        pool = list(range(len(doc.sentences)))
    overlap = dict.fromkeys(pool, 0.0)
    chosen: list[int] = []
    while overlap and len(chosen) < n:
        best = max(overlap, key=lambda i: (score[i] - redundancy * overlap[i], -i))
        if overlap.pop(best) < DUPLICATE_SIMILARITY:
            chosen.append(best)
            for i in overlap:
                overlap[i] = max(overlap[i], cosine(doc.vectors[i], doc.vectors[best]))
    return chosen


Selector = Callable[[Document, int], list[int]]

# --method registry: name -> selector. "default" must beat "lead" (see benchmarks/summarize.py).
METHODS: dict[str, Selector] = {
    "default": scored(Weights()),
    "lead": lead,
    "centrality": scored(Weights(position=0.0, centrality=1.0, title=0.3, length=0.2)),
}
