"""What every writer shares: the options, the writer contract, and streaming of head/items/tail."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from ..model import Article

RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"}
)
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})
# What no text format wants: C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates. HTML
# and XML forbid them, CSV readers stop at NUL, terminals act on escape sequences. Vertical tab and form
# feed become spaces; JSON formats keep everything (JSON escapes it).
_CONTROLS: dict[int, str | None] = {
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000)]),
    0x0B: " ",
    0x0C: " ",
}
_TEXT_FIELDS = ("id", "source", "url", "canonical_url", "title", "date", "sitename", "description", "image",
                "language", "direction", "text")  # fmt: skip
_LIST_FIELDS = ("authors", "tags", "highlights", "summary", "warnings")


@dataclass(frozen=True)
class ExportOptions:
    """How and where to export; built by the CLI from flags, usable as a plain library object."""

    to: str = "jsonl"
    output: Path | str | None = None  # a str keeps a trailing "/" that Path would drop
    overwrite: bool = False
    name_template: str = "{slug}"
    bom: bool = False


class Writer(Protocol):
    """One export format: the registry maps `--to` names to these."""

    name: str
    extension: str
    summary: str
    streams: bool  # can write to stdout / a stream; False for databases and columnar files
    per_article: bool  # can write one file per article into a directory

    def write_file(self, articles: Iterable[Article], path: Path, options: ExportOptions) -> int:
        """Write all articles to one file (atomically); return how many were written."""
        ...

    def write_stream(
        self, articles: Iterable[Article], out: BinaryIO, options: ExportOptions, flush: bool = False
    ) -> int:
        """Write all articles to a binary stream; return how many were written."""
        ...

    def document(self, article: Article, options: ExportOptions) -> bytes:
        """The bytes of a file that holds just this article (for `-o DIR/`)."""
        ...


class StreamWriter:
    """A format that is a head, one chunk per article, and a tail: streams in constant memory."""

    name = ""
    extension = ""
    summary = ""
    streams = True
    per_article = True

    def head(self, first: Article | None, single: bool, options: ExportOptions) -> bytes:
        """Bytes before the first article (`single`: the stream holds exactly one article)."""
        return b""

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """Bytes of one article; `index` counts from 0."""
        raise NotImplementedError

    def tail(self, count: int, options: ExportOptions) -> bytes:
        """Bytes after the last article."""
        return b""

    def document(self, article: Article, options: ExportOptions) -> bytes:
        """A whole file holding only this article."""
        return self.head(article, True, options) + self.item(article, 0, options) + self.tail(1, options)

    def write_stream(
        self, articles: Iterable[Article], out: BinaryIO, options: ExportOptions, flush: bool = False
    ) -> int:
        """Stream head, items and tail; flush after each item when a reader waits on a pipe."""
        first, second, rest = _peek_two(articles)
        out.write(self.head(first, first is not None and second is None, options))
        count = 0
        for count, article in enumerate(_chain(first, second, rest), start=1):
            out.write(self.item(article, count - 1, options))
            if flush:
                out.flush()
        out.write(self.tail(count, options))
        out.flush()
        return count

    def write_file(self, articles: Iterable[Article], path: Path, options: ExportOptions) -> int:
        """Stream into a temporary file that replaces `path` only when complete."""
        from ..atomic import atomic_write

        with atomic_write(path, options.overwrite) as out:
            return self.write_stream(articles, out, options)


def _peek_two(articles: Iterable[Article]) -> tuple[Article | None, Article | None, Iterator[Article]]:
    """The first two articles and the rest, so a head can know whether the stream holds one article."""
    rest = iter(articles)
    first = next(rest, None)
    second = next(rest, None) if first is not None else None
    return first, second, rest


def _chain(first: Article | None, second: Article | None, rest: Iterator[Article]) -> Iterator[Article]:
    """Put the peeked articles back in front of the rest."""
    for article in (first, second):
        if article is not None:
            yield article
    yield from rest


def printable_text(text: str) -> str:
    """Text as text formats show it: control characters taken out (tab and line breaks kept)."""
    return text.translate(_CONTROLS)


def printable(article: Article) -> Article:
    """The article as text formats (HTML, Markdown, CSV, TXT) show it: control characters taken out."""
    changes: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and printable_text(value) != value:
            changes[name] = printable_text(value)
    for name in _LIST_FIELDS:
        values = getattr(article, name)
        if any(isinstance(v, str) and printable_text(v) != v for v in values):
            changes[name] = [printable_text(v) if isinstance(v, str) else v for v in values]
    return dataclasses.replace(article, **changes) if changes else article  # type: ignore[arg-type]


def direction(article: Article) -> str:
    """The article's writing direction: the record's, else its language's, else 'auto' (browser decides)."""
    if article.direction in ("rtl", "ltr"):
        return article.direction
    lang = (article.language or "").lower()
    if not lang:
        return "auto"
    parts = lang.split("-")
    rtl = lang in RTL_LANGUAGES or parts[0] in RTL_LANGUAGES or bool(_RTL_SCRIPTS.intersection(parts[1:]))
    return "rtl" if rtl else "ltr"


def paragraphs(text: str) -> list[str]:
    """The body's paragraphs (blank-line separated), stripped, empty ones dropped."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
