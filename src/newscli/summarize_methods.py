"""Extractive sentence selectors: each picks N sentence indices from a prepared document."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newscli.lang.tokens import counted_tokens, language_fit, tokens

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
    centrality: float = 0.3
    title: float = 0.15
    length: float = 0.2
    redundancy: float = 1.3
    position_decay: float = 0.35
    long_sentence: int = 25  # content words past which a sentence starts to lose (run-ons, lists)
    # How much a sentence must out-score the lead's next sentence to replace it, divided by N:
    # the fewer the bullets, the surer a departure from the lead must be.
    lead_margin: float = 0.1


@dataclass
class Document:
    """Candidate sentences with their matching tokens, unit tf-idf vectors and the language fit."""

    sentences: list[str]
    language: str | None
    title: str | None
    tokens: list[list[str]] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    fit: float = 0.0  # how well the language's word lists fit the text (lang.tokens.language_fit)

    @classmethod
    def build(cls, sentences: list[str], language: str | None, title: str | None) -> Document:
        """Tokenize and weight the first MAX_CANDIDATES sentences once for every feature."""
        doc = cls(sentences[:MAX_CANDIDATES], language, title)
        words = 0
        for sentence in doc.sentences:
            toks, count = counted_tokens(sentence, language)
            doc.tokens.append(toks)
            words += count
        doc.fit = language_fit(sum(map(len, doc.tokens)), words, language)
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


def confidence(doc: Document) -> float:
    """How far the scores may pull the summary away from the lead: 1 normally, 0 with no real signal.

    The signal is weak when the language's word lists do not fit the text (a dialect, an unknown
    or mislabelled language): stop words are not removed and stems do not match, so centrality and
    redundancy measure noise. (Few bullets are the other weak case; the lead margin handles it.)
    """
    return doc.fit


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


def length_scores(doc: Document, long: int) -> list[float]:
    """0 for a sentence of up to `long` content words, growing negative for run-ons and lists."""
    return [-max(0.0, (len(toks) - long) / long) for toks in doc.tokens]


def position_scores(count: int, decay: float) -> list[float]:
    """News puts the gist first: 1 for the first sentence, decaying after."""
    return [1.0 / (1.0 + decay * i) for i in range(count)]


def select(
    doc: Document,
    n: int,
    positions: Sequence[float],
    weights: Weights,
    trust: float,
    duplicate: float = DUPLICATE_SIMILARITY,
    contained: float = 1.0,
) -> list[int]:
    """The N best sentences by position plus `trust` times the content features, without repeats.

    `trust` in [0, 1] blends the content evidence (centrality, title, length, redundancy) into the
    position prior: at 0 the choice is the lead's, at 1 the full score. A candidate is a repeat when
    its cosine to a chosen sentence reaches `duplicate`, or when at least `contained` of its content
    words are in one (a short report of a fact already told at length).
    """
    features = zip(
        positions, centrality_scores(doc), title_scores(doc), length_scores(doc, weights.long_sentence),
        strict=True,
    )  # fmt: skip
    score = [
        weights.position * p + trust * (weights.centrality * c + weights.title * t + weights.length * ln)
        for p, c, t, ln in features
    ]
    repeat = _Repeats(doc, duplicate, contained)
    return _greedy(doc, n, score, trust * weights.redundancy, weights.lead_margin / max(n, 1), repeat)


@dataclass
class _Repeats:
    """Measures how much a candidate repeats the chosen sentences (cosine, and word containment)."""

    doc: Document
    duplicate: float
    contained: float

    def overlap(self, candidate: int, chosen: int) -> float:
        """The redundancy of `candidate` after `chosen` was picked: 1.0 marks a repeat."""
        similarity = cosine(self.doc.vectors[candidate], self.doc.vectors[chosen])
        if similarity >= self.duplicate:
            return 1.0
        if self.contained < 1.0:
            words = set(self.doc.tokens[candidate])
            if words and len(words & set(self.doc.tokens[chosen])) >= self.contained * len(words):
                return 1.0
        return similarity


def _greedy(
    doc: Document, n: int, score: list[float], redundancy: float, margin: float, repeat: _Repeats
) -> list[int]:
    """Maximal marginal relevance: best score minus overlap with picks; no near-duplicates.

    A candidate replaces the lead's next sentence only when it beats it by `margin` (the lead's
    next sentence is the earliest usable one not chosen yet).
    """
    pool = [i for i, toks in enumerate(doc.tokens) if len(toks) >= MIN_TOKENS]
    if len(pool) < n:
        pool = list(range(len(doc.sentences)))
    overlap = dict.fromkeys(pool, 0.0)
    chosen: list[int] = []
    while overlap and len(chosen) < n:
        value = {i: score[i] - redundancy * o for i, o in overlap.items()}
        best = max(value, key=lambda i: (value[i], -i))
        first = min(overlap)
        if value[best] - value[first] < margin and overlap[first] < repeat.duplicate:
            best = first
        if overlap.pop(best) < repeat.duplicate:
            chosen.append(best)
            for i in overlap:
                overlap[i] = max(overlap[i], repeat.overlap(i, best))
    return chosen


def scored(weights: Weights, *, fallback: bool = True) -> Callable[[Document, int], list[int]]:
    """A selector combining position, centrality, title and length with redundancy control.

    With `fallback`, the content features count only as far as `confidence(doc)` allows, so a
    weak signal gives the lead rather than a guess.
    """

    def pick(doc: Document, n: int) -> list[int]:
        """Pick the N best-scoring sentences."""
        trust = confidence(doc) if fallback else 1.0
        return select(doc, n, position_scores(len(doc.sentences), weights.position_decay), weights, trust)

    return pick


Selector = Callable[[Document, int], list[int]]

# --method registry: name -> selector. "default" must beat "lead" (see benchmarks/summarize.py).
METHODS: dict[str, Selector] = {
    "default": scored(Weights()),
    "lead": lead,
    "centrality": scored(Weights(position=0.0, centrality=1.0, title=0.3, lead_margin=0.0), fallback=False),
}
