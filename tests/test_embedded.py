"""A page rendered by its scripts gives the article HTML its hydration state holds, only when its markup has none."""

from __future__ import annotations

import json

import pytest

from newscli.errors import InputError
from newscli.parsers.embedded import embedded_article
from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.html_tree import load_tree
from newscli.sources import Source

PARAGRAPHS = [
    "The harbour authority said on Monday that the new ferry terminal will open in the spring, after two "
    "years of construction work and a long public consultation with residents.",
    "Residents of the lower town had asked for a second pier, which the authority rejected on cost grounds; "
    "the council will vote on a smaller jetty in June instead.",
    "Ferry operators welcomed the news and said timetables for the summer season would be published in April, "
    "with more crossings on weekends and a night service on Fridays.",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
TEXT = "\n\n".join(PARAGRAPHS)
HEAD = "<head><title>Ferry terminal to open in spring</title></head>"


def state_script(markup: str, extra: str = "") -> str:
    """A hydration-state script holding ``markup`` as a JSON string, escaped the way frameworks escape it."""
    value = json.dumps(markup).replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script>window.__STATE__ = {{"detail": {{"title": "Ferry", "contentHtml": {value}}}{extra}}};</script>'


def page(body: str) -> str:
    return f"<html>{HEAD}<body>{body}</body></html>"


def extract(html: str, **options: object) -> tuple[str, list[str]]:
    article = parse_html(Source(name="page.html", data=html.encode()), ExtractOptions(**options))  # type: ignore[arg-type]
    return article.text, article.warnings  # type: ignore[attr-defined]


def test_script_rendered_page_gives_the_article_its_state_holds() -> None:
    html = page(f"<div id='root'>Loading…</div>{state_script(ARTICLE)}")
    assert extract(html) == (TEXT, ["from_script"])


def test_title_and_metadata_still_come_from_the_head() -> None:
    html = page(f"<div id='root'></div>{state_script(ARTICLE)}")
    article = parse_html(Source(name="page.html", data=html.encode()), ExtractOptions())
    assert article.title == "Ferry terminal to open in spring"


def test_metadata_libxml2_moved_into_the_body_is_kept() -> None:
    # A stray element in the head makes libxml2 put the rest of the head (meta tags, JSON-LD) in the body.
    head = (
        "<head><title>Ferry terminal to open in spring</title><div></div>"
        '<meta name="author" content="Jane Doe">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05"}</script>'
        "</head>"
    )
    html = f"<html>{head}<body><div id='root'></div>{state_script(ARTICLE)}</body></html>"
    article = parse_html(Source(name="page.html", data=html.encode()), ExtractOptions())
    assert (article.text, article.authors, article.date) == (TEXT, ["Jane Doe"], "2024-03-05")


def test_state_escaped_twice_in_a_javascript_string_is_read() -> None:
    inner = json.dumps({"body": ARTICLE}).replace("<", "\\u003c")
    flight = json.dumps([1, inner])
    html = page(f"<div id='root'></div><script>self.__next_f.push({flight})</script>")
    assert extract(html) == (TEXT, ["from_script"])


def test_markup_article_wins_and_the_state_is_not_read() -> None:
    other = "".join(f"<p>{p} Other version.</p>" for p in PARAGRAPHS)
    html = page(f"<article>{ARTICLE}</article>{state_script(other)}")
    assert extract(html) == (TEXT, [])


def test_switched_off_the_page_stays_an_error() -> None:
    html = page(f"<div id='root'></div>{state_script(ARTICLE)}")
    with pytest.raises(InputError) as caught:
        extract(html, without=frozenset({"script_article"}))
    assert caught.value.reason == "no_main_text"


def test_the_longest_article_html_in_the_scripts_is_chosen() -> None:
    comments = "".join(f"<p>Comment {i}: {PARAGRAPHS[0][:120]}</p>" for i in range(3))
    tree = load_tree(page(state_script(comments) + state_script(ARTICLE)))[0]
    assert embedded_article(tree) == ARTICLE


RELATED = "".join(
    f"<p>Storms closed the mountain pass again on Tuesday, and the road agency said snow ploughs would "
    f"work through the night to clear drifts of up to two metres near the summit. Update {i}.</p>"
    for i in range(4)
)


def test_a_longer_related_story_in_the_state_is_not_the_article() -> None:
    tree = load_tree(page(state_script(RELATED) + state_script(ARTICLE)))[0]
    assert embedded_article(tree) == ARTICLE


def test_a_state_holding_only_other_stories_gives_no_article() -> None:
    assert embedded_article(load_tree(page(state_script(RELATED)))[0]) is None


def test_a_title_without_spaces_is_matched_by_character_pairs() -> None:
    html = f"<html><head><title>渡船码头春季开放</title></head><body>{state_script(ARTICLE)}</body></html>"
    chinese = "".join(f"<p>渡船码头将于春季开放，港务局周一表示。{p}</p>" for p in PARAGRAPHS)
    assert embedded_article(load_tree(html)[0]) is None
    html = html.replace(state_script(ARTICLE), state_script(chinese))
    assert embedded_article(load_tree(html)[0]) == chinese


@pytest.mark.parametrize(
    "script",
    [
        state_script("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])),  # two paragraphs are no article
        f'<script type="application/ld+json">{json.dumps({"articleBody": ARTICLE})}</script>',  # JSON-LD
        f'<script src="/app.js">{json.dumps(ARTICLE)}</script>',  # an external script's fallback text
        '<script>var s = "' + ARTICLE.replace("<", "\\u003c") + '\\x41";</script>',  # \x is no JSON escape
    ],
)
def test_no_article_html_is_found(script: str) -> None:
    assert embedded_article(load_tree(page(script))[0]) is None
