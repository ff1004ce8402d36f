"""HTML page -> Article: decoding, metadata, key points, main text (trafilatura + checks), language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newscli.errors import InputError, UsageError
from newscli.model import Article
from newscli.sources import Source

MIN_TEXT_LETTERS = 60  # fewer letters than this in the main text: the page has no article
SHORT_TEXT_CHARS = 1500  # a precise extraction shorter than this is checked against a recall-oriented one
KEEP_SHARE = 0.5  # keep the precise result unless it has less than this share of the other's text
BYLINE_LOOKAHEAD = 3  # paragraphs at the top of the text where a byline may stand


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: ``fast`` skips the second opinion and fallbacks; limits and encoding override."""

    fast: bool = False
    encoding: str | None = None
    max_bytes: int = 20_000_000

    def __post_init__(self) -> None:
        """An unknown --encoding is a usage error up front, not one failure per input."""
        from newscli.decode import whatwg_name

        if self.encoding is not None and whatwg_name(self.encoding) is None:
            message = f"unknown --encoding {self.encoding!r}; try utf-8, windows-1256 or iso-8859-6"
            raise UsageError("unknown_encoding", message)


def _trafilatura(tree: Any, **options: Any) -> str:
    """Main text by trafilatura on a (copied) tree, paragraphs one per line."""
    import trafilatura

    return trafilatura.extract(tree, include_comments=False, fast=True, **options) or ""


def _letters(text: str) -> int:
    """How many letters a text has (a script-neutral length)."""
    return sum(1 for c in text if c.isalpha())


def _second_opinion(tree: Any, text: str) -> str:
    """A short precise result is compared with trafilatura's standard run; the one that agrees is kept."""
    if len(text) >= SHORT_TEXT_CHARS:
        return text
    other = _trafilatura(tree)
    return text if len(text) >= KEEP_SHARE * len(other) else other


def _structured_body(body: str | None, text: str) -> str:
    """The JSON-LD articleBody when the extraction is implausibly short next to it."""
    if not body or _letters(text) >= MIN_TEXT_LETTERS * 4:
        return text
    lines = [" ".join(line.split()) for line in body.splitlines()]
    candidate = "\n".join(line for line in lines if line)
    return candidate if _letters(candidate) > 2 * _letters(text) else text


def _full_fallback(tree: Any, text: str) -> str:
    """Nothing usable yet: let trafilatura try its own fallback extractors (readability, jusText)."""
    if _letters(text) >= MIN_TEXT_LETTERS:
        return text
    import trafilatura

    return trafilatura.extract(tree, include_comments=False, favor_recall=True) or text


Step = Callable[[Any, str, Any], str]
# Mode -> steps after the first, precise extraction; each may replace the text.
MODES: dict[bool, tuple[Step, ...]] = {
    False: (
        lambda tree, text, meta: _second_opinion(tree, text),
        lambda tree, text, meta: _structured_body(meta.article_body, text),
        lambda tree, text, meta: _full_fallback(tree, text),
    ),
    True: (),
}


def main_text(tree: Any, meta: Any, fast: bool) -> str:
    """The article body, one paragraph per line: precise extraction, then the mode's checks."""
    text = _trafilatura(tree, favor_precision=True)
    for step in MODES[fast]:
        text = step(tree, text, meta)
    return text


def _drop_leading(lines: list[str], drop: Callable[[str], bool]) -> list[str]:
    """Remove the lines at the top of the text that `drop` recognises."""
    head = [line for line in lines[:BYLINE_LOOKAHEAD] if not drop(line)]
    return head + lines[BYLINE_LOOKAHEAD:]


def _apply_byline(article: Article, lines: list[str], candidates: list[str], meta: Any) -> list[str]:
    """A byline near the headline gives authors (and the site), and leaves the top of the text."""
    from newscli.bylines import parse_byline
    from newscli.parsers.authors import add_byline

    found = [b for b in (parse_byline(c) for c in candidates) if b is not None][:1]

    def is_byline(line: str) -> bool:
        byline = parse_byline(line)
        if byline is not None and not found:
            found.append(byline)
        return byline is not None

    lines = _drop_leading(lines, is_byline)
    for byline in found:
        article.authors = add_byline(article.authors, byline.authors, meta.authors_context)
        article.sitename = article.sitename or byline.sitename
    return lines


def _drop_title(lines: list[str], titles: list[str | None]) -> list[str]:
    """The headline has its own field: a first line repeating it leaves the text."""
    known = {" ".join(t.split()).casefold() for t in titles if t}
    return lines[1:] if lines and lines[0].casefold() in known else lines


def _apply_highlights(article: Article, lines: list[str], highlights: list[str]) -> list[str]:
    """Key points go to `highlights` and leave the text (they are not body paragraphs)."""
    article.highlights = highlights
    wanted = {" ".join(h.split()) for h in highlights}
    return [line for line in lines if line.lstrip("-•*· ").strip() not in wanted]


def parse_html(source: Source, options: ExtractOptions) -> Article:
    """One web page to one article record, or InputError naming why the page cannot give one."""
    from newscli.decode import decode_html
    from newscli.lang.detect import detect_language, text_direction

    data = source.read(options.max_bytes)  # InputError("too_large") past --max-bytes
    decoded = decode_html(data, declared=source.hints.get("charset"), override=options.encoding)
    try:
        article = _article(decoded.text, source, options)
    except InputError as exc:
        repaired = _repaired_markup(decoded.text) if exc.reason == "no_main_text" else None
        if repaired is None:
            raise
        article = _article(repaired, source, options)
        article.warn("markup_repaired")
    article.language = detect_language(article.text, hint=article.language)
    article.direction = text_direction(article.language, article.text)
    if decoded.guessed:
        article.warn("encoding_guessed")
    return article


def _article(html: str, source: Source, options: ExtractOptions) -> Article:
    """Metadata, key points, byline and main text of decoded markup; `language` holds only the page's hint."""
    from newscli.parsers.html_meta import read_metadata
    from newscli.parsers.html_tree import byline_candidates, drop_hidden, find_highlights, load_tree

    tree = load_tree(html)
    meta = read_metadata(tree, source.url)
    drop_hidden(tree)
    highlights = find_highlights(tree)
    bylines = byline_candidates(tree)
    lines = [" ".join(line.split()) for line in main_text(tree, meta, options.fast).splitlines()]
    article = Article(
        url=source.url or meta.canonical_url,
        canonical_url=meta.canonical_url,
        title=meta.title,
        authors=list(meta.authors),
        date=meta.date,
        sitename=meta.sitename,
        description=meta.description,
        tags=list(meta.tags),
        image=meta.image,
        language=meta.language,
    )
    lines = _drop_title([line for line in lines if line], [meta.title, meta.h1])
    lines = _apply_highlights(article, _apply_byline(article, lines, bylines, meta), highlights)
    article.text = "\n\n".join(lines)
    if _letters(article.text) < MIN_TEXT_LETTERS:
        raise InputError("no_main_text", "no article text found on the page (an index, login or empty page?)")
    return article


def _repaired_markup(html: str) -> str | None:
    """The page re-serialised by BeautifulSoup's forgiving parser, or None when that changes nothing.

    lxml gives up on some broken markup that BeautifulSoup's html.parser recovers from (an unclosed
    <title> or comment swallowing the page), so a page with no text gets this one second chance.
    """
    from bs4 import BeautifulSoup

    repaired = str(BeautifulSoup(html, "html.parser"))
    return repaired if repaired != html else None
