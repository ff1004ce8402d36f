"""The summarize stage: extractive bullet points, or the publisher's own key points."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newscli.errors import InputError, UsageError
from newscli.lang.sentences import split_sentences
from newscli.model import Article, fingerprint
from newscli.summarize_methods import METHODS, Document

__all__ = ["METHODS", "ORDERS", "SummarizeOptions", "clean_sentence", "summarize_article", "summarize_text"]

_SPACES = re.compile(r"\s+")
_LIST_MARK = re.compile(r"^(?:[•●▪◦·*‣–—-]|\d{1,2}[.)])\s+")
# Opening mark -> closing mark; a mark without its partner in a bullet is dropped.
_PAIRS = {"“": "”", "«": "»", "‹": "›", "(": ")", "[": "]", "„": "“"}
_STRAIGHT = '"'
_LINE_END = re.compile(r"[.!?؟۔。！？:：\"'”’»)\]]\s*$")


@dataclass(frozen=True)
class SummarizeOptions:
    """What the summarize stage was asked for (fingerprinted into the record's stages)."""

    bullets: int = 3
    ratio: float | None = None
    method: str = "default"
    order: str = "document"
    ignore_highlights: bool = False

    def __post_init__(self) -> None:
        """Refuse an unknown method or order up front, before any input is read."""
        _check_choice("method", self.method, METHODS)
        _check_choice("order", self.order, ORDERS)


def clean_sentence(sentence: str) -> str:
    """A sentence fit to be a bullet: one line, no list mark, no unpaired quote or bracket."""
    text = _LIST_MARK.sub("", _SPACES.sub(" ", sentence).strip())
    return _drop_unpaired(text).strip()


def _drop_unpaired(text: str) -> str:
    """Remove quote marks and brackets whose partner lies in another sentence."""
    drop: set[int] = set()
    stack: list[int] = []
    closers = {c: o for o, c in _PAIRS.items()}
    for i, ch in enumerate(text):
        if ch in _PAIRS and not (ch == "“" and stack and text[stack[-1]] == "„"):
            stack.append(i)
        elif ch in closers:
            if stack and text[stack[-1]] == closers[ch]:
                stack.pop()
            else:
                drop.add(i)
    drop.update(stack)
    straight = [i for i, ch in enumerate(text) if ch == _STRAIGHT]
    if len(straight) % 2:
        drop.add(straight[0] if text.lstrip().startswith(_STRAIGHT) else straight[-1])
    return "".join(ch for i, ch in enumerate(text) if i not in drop)


def unwrap(text: str) -> str:
    """Rejoin hard-wrapped lines (most lines full width, ending mid-sentence) so sentences stay whole."""
    lines = text.split("\n")
    full = [len(line.strip()) for line in lines if line.strip()]
    if len(full) < 4:
        return text
    width = statistics.median(full)
    open_lines = sum(1 for line in lines if line.strip() and not _LINE_END.search(line))
    if width < 40 or open_lines <= len(full) / 2:
        return text
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        wrapped = previous.strip() and not _LINE_END.search(previous) and len(previous.strip()) >= 0.6 * width
        if wrapped and line.strip():
            out[-1] = previous.rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def candidates(text: str, language: str | None) -> list[str]:
    """Cleaned, distinct sentences of the text, in document order."""
    seen: set[str] = set()
    out: list[str] = []
    for sentence in split_sentences(unwrap(text), language):
        cleaned = clean_sentence(sentence)
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            out.append(cleaned)
    return out


def _document_order(picked: list[int]) -> list[int]:
    """Bullets as they appear in the article (the default)."""
    return sorted(picked)


def _score_order(picked: list[int]) -> list[int]:
    """Bullets best first, as the method ranked them."""
    return picked


ORDERS: dict[str, Callable[[list[int]], list[int]]] = {"document": _document_order, "score": _score_order}


def summarize_text(
    text: str,
    n: int,
    *,
    language: str | None = None,
    title: str | None = None,
    method: str = "default",
    order: str = "document",
) -> list[str]:
    """Up to N whole sentences of the text that best summarize it (the pure core)."""
    return _pick(candidates(text, language), n, language, title, method, order)


def _pick(
    sentences: list[str], n: int, language: str | None, title: str | None, method: str, order: str
) -> list[str]:
    """The chosen candidate sentences, in the asked order."""
    _check_choice("method", method, METHODS)
    _check_choice("order", order, ORDERS)
    doc = Document.build(sentences, language, title)
    if n <= 0 or not doc.sentences:
        return []
    return [doc.sentences[i] for i in ORDERS[order](METHODS[method](doc, n))]


def _check_choice(option: str, value: str, registry: Mapping[str, object]) -> None:
    """Reject an unknown registry key with a message naming the valid ones."""
    if value not in registry:
        valid = ", ".join(sorted(registry))
        raise UsageError(f"unknown_{option}", f"unknown --{option} {value!r}; choose one of: {valid}")


def bullet_count(options: SummarizeOptions, sentence_count: int) -> int:
    """N from --bullets, or from --ratio (a fraction of the sentences, at least one)."""
    if options.ratio is None:
        return options.bullets
    return max(1, round(options.ratio * sentence_count))


def summarize_article(article: Article, options: SummarizeOptions) -> Article:
    """Set article.summary (the publisher's highlights when present) and record the stage."""
    if not article.text.strip() and not (article.highlights and not options.ignore_highlights):
        raise InputError("empty_text", "the article has no text to summarize")
    language = _language(article)
    if article.highlights and not options.ignore_highlights:
        points = [p for p in (clean_sentence(h) for h in article.highlights) if p]
        article.summary = points[: bullet_count(options, len(points))]
        used = "highlights"
    else:
        sentences = candidates(article.text, language)
        if not sentences:
            raise InputError("empty_text", "the article has no sentences to summarize")
        n = bullet_count(options, len(sentences))
        article.summary = _pick(sentences, n, language, article.title, options.method, options.order)
        used = options.method
    article.add_stage("summarize", fingerprint(options), method=used)
    return article


def _language(article: Article) -> str | None:
    """The article's language, detected from its text when the record does not say."""
    if article.language:
        return article.language
    from newscli.lang.detect import detect_language

    return detect_language(article.text)
