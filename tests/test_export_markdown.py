"""Markdown export: front matter that YAML reads back exactly, text that renders exactly, RTL wrapping."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscli.export import ExportOptions, write_articles
from newscli.export.markdown import escape_line, front_matter
from newscli.model import Article


def markdown(*articles: Article) -> str:
    """Export articles as Markdown."""
    out = io.BytesIO()
    write_articles(iter(articles), ExportOptions(to="markdown"), out)
    return out.getvalue().decode("utf-8")


def load_front_matter(text: str) -> object:
    """Parse the YAML between the first two '---' lines with PyYAML."""
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(text.split("---\n")[1])


def rendered_text(source: str) -> str:
    """The text a CommonMark renderer shows for a single line of Markdown."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], source
    return "".join(child.content for child in tokens[1].children or [])


def test_front_matter_has_known_fields_and_leaves_out_unknown_ones() -> None:
    article = Article(id="a1", title="T", authors=["Ann"], language="en", date=None, tags=[])
    assert front_matter(article) == '---\ntitle: "T"\nauthors: ["Ann"]\nlanguage: "en"\nid: "a1"\n---\n'


def test_hostile_title_cannot_break_out_of_front_matter() -> None:
    title = 'x"\n---\nevil: true\n# \u2028 \x85 \x00 \\ : [ {'
    data = load_front_matter(front_matter(Article(id="h", title=title)))
    assert data == {"title": title, "id": "h"}


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_any_title_reads_back_from_yaml_exactly(title: str) -> None:
    data = load_front_matter(front_matter(Article(id="h", title=title)))
    assert data == {"title": title, "id": "h"}


@pytest.mark.parametrize(
    "line",
    ["# not a heading", "- not a list", "1. not a list", "> not a quote", "<script>x</script>",
     "*not emphasis*", "[not](a link)", "a_b_c & d", "`code`", "+ plus", "=====", "| a | b |"],
)  # fmt: skip
def test_markup_in_text_renders_as_the_same_text(line: str) -> None:
    assert rendered_text(escape_line(line)) == line


def test_rtl_article_is_wrapped_in_a_dir_rtl_div_with_its_language() -> None:
    text = markdown(Article(id="ar", title="عنوان", language="ar", text="نص."))
    body = text.split("---\n", 2)[2]
    assert body == '\n<div dir="rtl" lang="ar">\n\n# عنوان\n\nنص.\n\n</div>\n'


def test_ltr_article_has_title_bullets_and_paragraphs_without_wrapper() -> None:
    text = markdown(
        Article(id="en", title="Title", language="en", summary=["One.", "Two."], text="P1.\n\nP2.")
    )
    assert text.split("---\n", 2)[2] == "\n# Title\n\n- One.\n- Two.\n\nP1.\n\nP2.\n"


def test_articles_in_one_file_are_separated_by_a_blank_line() -> None:
    text = markdown(Article(id="a", title="A"), Article(id="b", title="B"))
    assert text == '---\ntitle: "A"\nid: "a"\n---\n\n# A\n\n---\ntitle: "B"\nid: "b"\n---\n\n# B\n'
