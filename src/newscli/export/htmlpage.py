"""HTML: a standalone page that works offline, every text escaped, lang and dir on each article."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from ..model import Article
from .base import ExportOptions, StreamWriter, direction, paragraphs, printable

# No script may run in an exported page, even if a future bug let markup through the escaping.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"
SAFE_SCHEMES = frozenset({"http", "https"})


def _css() -> str:
    """The page style, shipped as package data beside this module."""
    from importlib.resources import files

    return files("newscli.export").joinpath("page.css").read_text(encoding="utf-8")


def _attrs(article: Article) -> str:
    """lang (only when known) and dir attributes for an element holding this article."""
    lang = f' lang="{escape(article.language)}"' if article.language else ""
    return f'{lang} dir="{direction(article)}"'


def _link(url: str | None) -> str:
    """A link to the original, only for http(s) URLs (a javascript: URL would be a script)."""
    if not url:
        return ""
    if urlsplit(url).scheme.lower() not in SAFE_SCHEMES:
        return escape(url)
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>'


def _meta(article: Article) -> str:
    """The byline paragraph: authors, site, date, link; '' when none is known."""
    parts = [escape(", ".join(article.authors))] if article.authors else []
    if article.sitename:
        parts.append(escape(article.sitename))
    if article.date:
        parts.append(f'<time datetime="{escape(article.date)}">{escape(article.date)}</time>')
    link = _link(article.canonical_url or article.url)
    if link:
        parts.append(link)
    return f'<p class="meta">{" · ".join(parts)}</p>\n' if parts else ""


class HtmlWriter(StreamWriter):
    """One page: several articles, or one article per page with -o DIR/."""

    name = "html"
    extension = "html"
    summary = "standalone offline HTML page (escaped; lang/dir per article, RTL right-aligned, print style)"

    def head(self, first: Article | None, single: bool, options: ExportOptions) -> bytes:
        """Doctype, head with the inline style; the page takes the language of a single article."""
        first = printable(first) if first is not None else None
        title = (first.title if single and first and first.title else None) or "newscli export"
        html_attrs = _attrs(first) if single and first else ""
        return (
            f'<!DOCTYPE html>\n<html{html_attrs}>\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="generator" content="newscli">\n'
            f"<title>{escape(' '.join(title.split()))}</title>\n"
            f"<style>\n{_css()}</style>\n</head>\n<body>\n<main>\n"
        ).encode()

    def item(self, article: Article, index: int, options: ExportOptions) -> bytes:
        """One <article> with its own lang and dir."""
        article = printable(article)
        ident = f' id="article-{escape(article.id)}"' if article.id else ""
        out = [f"<article{ident}{_attrs(article)}>\n"]
        if article.title:
            out.append(f"<h1>{escape(' '.join(article.title.split()))}</h1>\n")
        out.append(_meta(article))
        if article.summary:
            bullets = "".join(f"<li>{escape(b)}</li>\n" for b in article.summary)
            out.append(f'<ul class="summary">\n{bullets}</ul>\n')
        out.extend(f"<p>{escape(p)}</p>\n" for p in paragraphs(article.text))
        out.append("</article>\n")
        return "".join(out).encode("utf-8")

    def tail(self, count: int, options: ExportOptions) -> bytes:
        """Close the page."""
        return b"</main>\n</body>\n</html>\n"
