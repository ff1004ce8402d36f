"""HTML export: everything escaped, only http(s) links, lang and dir on each article."""

from __future__ import annotations

import io

from newscli.export import ExportOptions, write_articles
from newscli.model import Article


def page(*articles: Article) -> str:
    """Export articles to one HTML page."""
    out = io.BytesIO()
    write_articles(iter(articles), ExportOptions(to="html"), out)
    return out.getvalue().decode("utf-8")


def test_markup_in_every_field_is_escaped() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    text = page(
        Article(id="x", title=hostile, authors=[hostile], sitename=hostile, text=hostile, summary=[hostile])
    )
    assert "<img" not in text
    # in <title>, <h1>, authors, site, bullet, paragraph
    assert text.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 6


def test_script_title_becomes_text_in_heading_and_page_title() -> None:
    text = page(Article(id="s", title="<script>alert(1)</script>"))
    assert "<script" not in text
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in text
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in text


def test_javascript_url_is_shown_but_not_linked() -> None:
    text = page(Article(id="j", url="javascript:alert(1)"))
    assert "href" not in text.split("<main>")[1]
    assert "javascript:alert(1)" in text


def test_http_url_is_linked_with_escaped_attribute() -> None:
    text = page(Article(id="h", url='https://example.com/a?b=1&c="2"'))
    assert '<a href="https://example.com/a?b=1&amp;c=&quot;2&quot;" rel="noopener noreferrer">' in text


def test_each_article_carries_its_own_lang_and_dir() -> None:
    text = page(Article(id="e", language="en"), Article(id="a", language="ar"), Article(id="u"))
    assert '<article id="article-e" lang="en" dir="ltr">' in text
    assert '<article id="article-a" lang="ar" dir="rtl">' in text
    assert '<article id="article-u" dir="auto">' in text  # unknown language: no lang, browser decides
    assert "<html>" in text  # a mixed page claims no single language


def test_single_article_page_takes_its_language_and_direction() -> None:
    text = page(Article(id="a", language="ar", title="عنوان"))
    assert '<html lang="ar" dir="rtl">' in text
    assert "<title>عنوان</title>" in text


def test_page_forbids_scripts_and_needs_no_network() -> None:
    text = page(Article(id="p"))
    assert "default-src 'none'; style-src 'unsafe-inline'" in text
    assert "http" not in text.split("<main>")[0].replace("http-equiv", "")


def test_print_style_and_rtl_alignment_are_in_the_page() -> None:
    text = page(Article(id="p"))
    assert "@media print" in text
    assert 'article[dir="rtl"] {\n  text-align: right;' in text


def test_paragraphs_become_one_p_each() -> None:
    text = page(Article(id="p", text="First.\n\n\n\nSecond\nline."))
    assert "<p>First.</p>\n<p>Second\nline.</p>\n" in text


def test_empty_stream_is_a_valid_empty_page() -> None:
    text = page()
    assert text.startswith("<!DOCTYPE html>\n<html>\n")
    assert text.endswith("<main>\n</main>\n</body>\n</html>\n")
