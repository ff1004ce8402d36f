"""HTML page -> Article: decoding, metadata, key points, main text (trafilatura + checks), language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newscli.errors import InputError, UsageError
from newscli.model import Article
from newscli.sources import Source

BYLINE_LOOKAHEAD = 3  # paragraphs at the top of the text where a byline may stand


@dataclass(frozen=True)
class ExtractOptions:
    """How to extract: ``fast`` checks the precise pass only when it found nothing; limits, encoding.

    ``without`` names mechanisms to switch off (see ``MECHANISMS``): the ablation of benchmarks/extraction.py.
    """

    fast: bool = False
    encoding: str | None = None
    max_bytes: int = 20_000_000
    without: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        """An unknown --encoding is a usage error up front, not one failure per input."""
        from newscli.decode import whatwg_name

        if self.encoding is not None and whatwg_name(self.encoding) is None:
            message = f"unknown --encoding {self.encoding!r}; try utf-8, windows-1256 or iso-8859-6"
            raise UsageError("unknown_encoding", message)
        unknown = sorted(self.without - set(MECHANISMS))
        if unknown:
            message = f"unknown mechanism {unknown[0]!r}; choose from {', '.join(MECHANISMS)}"
            raise UsageError("unknown_mechanism", message)


# Every mechanism newscli adds around trafilatura, by the name `ExtractOptions.without` switches off.
MECHANISMS = (
    "source_breaks",  # a line break in the page's source is a space (as a browser shows it), not a new line
    "layout_tables",  # tables that lay out the page become blocks before extraction (data tables stay)
    "fragments",  # an article split over several containers of one class is joined before extraction
    "second_opinion",  # a short precise result is checked against trafilatura's full cascade
    "standfirst",  # the standfirst under the headline (the element showing the description) leads the text
    "drop_title",  # a first line repeating the headline leaves the text
    "drop_byline",  # a byline at the top leaves the text (and gives the authors)
    "key_points",  # the publisher's key points go to `highlights` and leave the text
    "script_article",  # a page whose markup holds no article gives the article HTML its scripts carry
)


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


def _lead_with(lines: list[str], standfirst: str) -> list[str]:
    """The standfirst becomes the first paragraph, unless the text already holds it."""
    wanted = " ".join(standfirst.split())
    probe = wanted[: len(wanted) // 2].casefold()
    if any(probe in line.casefold() for line in lines):
        return lines
    return [wanted, *lines]


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
    from newscli.parsers.html_tree import depth_capped, load_tree
    from newscli.parsers.source_breaks import spaces_for_breaks

    data = source.read(options.max_bytes)  # InputError("too_large") past --max-bytes
    decoded = decode_html(data, declared=source.hints.get("charset"), override=options.encoding)
    html = decoded.text if "source_breaks" in options.without else spaces_for_breaks(decoded.text)
    tree, truncated = load_tree(html)
    try:
        article = _article(tree, source, options)
    except InputError as exc:
        if exc.reason != "no_main_text":
            raise
        # Deep nesting is cut by libxml2 whatever the markup says: re-serialising cannot bring it back.
        repairable = not truncated and not depth_capped(tree)
        retried = _second_chance(tree, html, repairable, source, options)
        if retried is None:
            raise
        article = retried
    if truncated:
        article.warn("truncated")
    article.language = detect_language(article.text, hint=article.language)
    article.direction = text_direction(article.language, article.text)
    if decoded.guessed:
        article.warn("encoding_guessed")
    return article


def _article(tree: Any, source: Source, options: ExtractOptions, text_tree: Any = None) -> Article:
    """A parsed page's record, main text from ``text_tree`` when given; `language` is only the page's hint."""
    from newscli.parsers.html_meta import read_metadata
    from newscli.parsers.html_tree import byline_candidates, find_highlights, find_standfirst
    from newscli.parsers.main_text import has_article, main_text

    off = options.without
    meta = read_metadata(tree, source.url)
    highlights = find_highlights(tree) if "key_points" not in off else []
    bylines = byline_candidates(tree)
    standfirst = find_standfirst(tree, meta.description) if "standfirst" not in off else None
    text = main_text(tree if text_tree is None else text_tree, options.fast, without=off)
    lines = [" ".join(line.split()) for line in text.splitlines()]
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
    lines = [line for line in lines if line]
    if "drop_title" not in off:
        lines = _drop_title(lines, [meta.title, meta.h1])
    if "drop_byline" not in off:
        lines = _apply_byline(article, lines, bylines, meta)
    lines = _apply_highlights(article, lines, highlights)
    if lines and standfirst:
        lines = _lead_with(lines, standfirst)
    article.text = "\n\n".join(lines)
    if not has_article(article.text):
        raise InputError("no_main_text", "no article text found on the page (an index, login or empty page?)")
    return article


def _second_chance(
    tree: Any, html: str, repairable: bool, source: Source, options: ExtractOptions
) -> Article | None:
    """A page with no article text gets two more tries: its markup repaired, the article its scripts hold."""
    from newscli.parsers.embedded import article_page, embedded_article
    from newscli.parsers.html_tree import load_tree

    repaired = _repaired_markup(html) if repairable else None
    if repaired is not None:
        try:
            return _warned(_article(load_tree(repaired)[0], source, options), "markup_repaired")
        except InputError:
            pass
    if "script_article" in options.without:
        return None
    markup = embedded_article(tree)
    if markup is None:
        return None
    return _warned(_article(tree, source, options, text_tree=article_page(markup)), "from_script")


def _warned(article: Article, warning: str) -> Article:
    """The article, with a warning added."""
    article.warn(warning)
    return article


def _repaired_markup(html: str) -> str | None:
    """The page re-serialised by BeautifulSoup's forgiving parser, or None when that changes nothing.

    lxml gives up on some broken markup that BeautifulSoup's html.parser recovers from (an unclosed
    <title> or comment swallowing the page), so a page with no text gets this one second chance.
    """
    from bs4 import BeautifulSoup

    repaired = str(BeautifulSoup(html, "html.parser"))
    return repaired if repaired != html else None
