"""A story's bullets drawn from all its articles: what several sources report comes first, no fact twice."""

from __future__ import annotations

from collections.abc import Sequence

from newscli.model import Article
from newscli.summarize import candidates, clean_sentence, summarize_text
from newscli.summarize_methods import MAX_CANDIDATES, Document, Weights, confidence, select

# Each article of a story offers at most this many sentences (its lead holds its news) ...
PER_ARTICLE = 30
# ... and at least this many, however many articles share the MAX_CANDIDATES budget.
MIN_PER_ARTICLE = 5
# Two reports word the same fact differently: a lower bar than within one article, and a sentence
# whose content words are mostly in a chosen bullet is a repeat too.
STORY_DUPLICATE = 0.45
STORY_CONTAINED = 0.7
WEIGHTS = Weights()


def story_bullets(
    articles: Sequence[Article], keys: Sequence[str], language: str | None, title: str | None, n: int
) -> tuple[list[str], list[str]]:
    """Up to N bullets for the story and, for each, the key of the article it came from.

    One article: the bullets `newscli summarize -n N` gives it (the publisher's key points when it
    has them). Several: sentences scored by their position in their own article (a later article's
    positions count one sentence lower than the earlier one's), how central they
    are among all the story's sentences (a fact several sources report is central), the story
    title's words and their length; then chosen best first, skipping what repeats a chosen bullet.
    Bullets appear in story order: the earliest article's first, each article's in its own order.
    """
    if len(articles) == 1:
        return _single(articles[0], keys[0], language, n)
    per = max(MIN_PER_ARTICLE, min(PER_ARTICLE, MAX_CANDIDATES // len(articles)))
    sentences: list[str] = []
    owners: list[tuple[int, int]] = []  # (article rank, position in its article) of each sentence
    for rank, article in enumerate(articles):
        for position, sentence in enumerate(candidates(article.text, language)[:per]):
            sentences.append(sentence)
            owners.append((rank, position))
    doc = Document.build(sentences, language, title)
    if n <= 0 or not doc.sentences:
        return [], []
    # The earliest report breaks the story: a later report's lead counts like its second sentence.
    positions = [1.0 / (1.0 + WEIGHTS.position_decay * (p + r)) for r, p in owners[: len(doc.sentences)]]
    chosen = select(doc, n, positions, WEIGHTS, confidence(doc), STORY_DUPLICATE, STORY_CONTAINED)
    picked = sorted(chosen, key=owners.__getitem__)
    return [doc.sentences[i] for i in picked], [keys[owners[i][0]] for i in picked]


def _single(article: Article, key: str, language: str | None, n: int) -> tuple[list[str], list[str]]:
    """A one-article story: the article's own summary, as the summarize stage makes it."""
    if article.highlights:
        bullets = [p for p in (clean_sentence(h) for h in article.highlights) if p][:n]
    else:
        bullets = summarize_text(article.text, n, language=language, title=article.title)
    return bullets, [key] * len(bullets)
