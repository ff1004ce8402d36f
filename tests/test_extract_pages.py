"""Generated pages: hidden elements, dates never invented, bad pages refused in bounded time."""

from __future__ import annotations

import pytest

from newscli.errors import InputError
from newscli.parsers.html import ExtractOptions, parse_html
from newscli.parsers.html_meta import iso_date, url_date
from newscli.parsers.html_tree import WORK_ELEMENTS, cut_after, depth_capped, load_tree
from newscli.sources import Source

PARAGRAPH = (
    "The harbour authority said on Monday that the new ferry terminal will open in the spring, "
    "after two years of construction work and a long public consultation with local residents."
)


def run(html: str, **options: object) -> object:
    """parse_html on an in-memory page."""
    return parse_html(Source(name="page", data=html.encode("utf-8")), ExtractOptions(**options))  # type: ignore[arg-type]


def article_page(extra: str = "", head: str = "") -> str:
    """A plausible article page with four paragraphs and optional extra body markup."""
    body = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(4))
    return f"<html><head><title>T</title>{head}</head><body><article><h1>T</h1>{body}{extra}</article></body>"


@pytest.mark.parametrize("hidden", [
    '<p aria-hidden="true">SECRET aria text that nobody sees on the page at all.</p>',
    '<p style="display: none">SECRET display none text that nobody sees on the page.</p>',
    '<p style="VISIBILITY:hidden">SECRET invisible text that nobody sees on the page.</p>',
])  # fmt: skip
def test_hidden_elements_are_dropped(hidden: str) -> None:
    article = run(article_page(hidden))
    assert "SECRET" not in article.text  # type: ignore[attr-defined]


def test_container_with_the_hidden_attribute_is_kept() -> None:
    """Scripts reveal such containers (streamed rendering parks whole articles in them, tabs, "read more")."""
    article = run(
        article_page("<div hidden><p>Revealed by a script: the rest of the story, told in full.</p></div>")
    )
    assert article.text.split("\n\n")[-1] == "Revealed by a script: the rest of the story, told in full."  # type: ignore[attr-defined]


def test_bare_year_in_text_is_not_a_date() -> None:
    article = run(article_page("<p>The plan was first announced in 2020 by the council.</p>"))
    assert article.date is None  # type: ignore[attr-defined]


def test_time_element_gives_the_date() -> None:
    article = run(article_page('<time datetime="2024-02-29">29 Feb</time>'))
    assert article.date == "2024-02-29"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-14T09:30:00Z", "2025-03-14T09:30:00+00:00"),
    ("2025-03-14 09:30", "2025-03-14T09:30:00"),
    ("2025-3-4", "2025-03-04"),
    ("Tue, 19 Nov 2019 10:00:00 +0100", "2019-11-19T10:00:00+01:00"),
    ("2020", None),
    ("2025-02-30", None),
    ("yesterday", None),
])  # fmt: skip
def test_iso_date_accepts_only_full_dates(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_url_date_needs_year_month_and_day() -> None:
    assert (url_date("https://x.example/2025/03/14/story"), url_date("https://x.example/2025/03/story")) == (
        "2025-03-14",
        None,
    )


@pytest.mark.parametrize("html", [
    "",
    "<html><body></body></html>",
    "<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav><form>Login</form></body></html>",
])  # fmt: skip
def test_page_without_article_is_no_main_text(html: str) -> None:
    with pytest.raises(InputError) as error:
        run(html)
    assert error.value.reason == "no_main_text"


def test_page_over_max_bytes_is_too_large() -> None:
    with pytest.raises(InputError) as error:
        run(article_page(), max_bytes=100)
    assert error.value.reason == "too_large"


def test_deep_nesting_finishes() -> None:
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 100_000 + "</body></html>"
    with pytest.raises(InputError) as error:  # libxml2 stops at depth 256: nothing readable is left
        run(html)
    assert error.value.reason == "no_main_text"


def test_million_row_table_is_cut_to_the_work_budget_and_has_no_article() -> None:
    html = "<html><body><table>" + "<tr><td>1</td></tr>" * 1_000_000 + "</table></body></html>"
    with pytest.raises(InputError) as error:
        run(html)
    assert error.value.reason == "no_main_text"


def test_page_over_the_work_budget_keeps_its_beginning_and_warns() -> None:
    paragraphs = "".join(f"<p>{PARAGRAPH} Number {i}.</p>" for i in range(WORK_ELEMENTS))
    article = run(f"<html><body><article><h1>T</h1>{paragraphs}</article></body></html>")
    lines = article.text.split("\n\n")  # type: ignore[attr-defined]
    # html, body, article and h1 come first: the budget leaves room for WORK_ELEMENTS - 4 paragraphs
    assert (article.warnings, lines[0], lines[-1]) == (  # type: ignore[attr-defined]
        ["truncated"],
        f"{PARAGRAPH} Number 0.",
        f"{PARAGRAPH} Number {WORK_ELEMENTS - 5}.",
    )


def test_load_tree_leaves_at_most_the_work_budget_of_elements() -> None:
    tree, truncated = load_tree("<html><body>" + "<div><p>x</p></div>" * WORK_ELEMENTS + "</body></html>")
    assert (truncated, sum(1 for _ in tree.iter())) == (True, WORK_ELEMENTS)


def test_page_of_exactly_the_work_budget_is_not_cut() -> None:
    tree, truncated = load_tree("<html><body>" + "<p>x</p>" * (WORK_ELEMENTS - 2) + "</body></html>")
    assert (truncated, sum(1 for _ in tree.iter())) == (False, WORK_ELEMENTS)


def test_cut_after_touches_each_later_element_once() -> None:
    """The cut removes the node's children and the following siblings up the ancestor chain, no more."""
    tree, _ = load_tree(
        "<html><body><div><p>a<b>x</b></p><p>b</p></div><div><p>c</p></div><p>d</p></body></html>"
    )
    first = tree.find(".//p")
    assert (cut_after(first), [e.tag for e in tree.iter()]) == (4, ["html", "body", "div", "p"])


def test_depth_capped_tells_a_tree_cut_by_libxml2() -> None:
    deep, _ = load_tree("<html><body>" + "<div>" * 1000 + "x" + "</div>" * 1000 + "</body></html>")
    shallow, _ = load_tree("<html><body>" + "<div>" * 100 + "x" + "</div>" * 100 + "</body></html>")
    assert (depth_capped(deep), depth_capped(shallow)) == (True, False)


def test_guessed_encoding_adds_a_warning() -> None:
    arabic = "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة"
    html = article_page().replace(PARAGRAPH, arabic)
    article = parse_html(Source(name="p", data=html.encode("cp1256")), ExtractOptions())
    assert (article.warnings, article.language) == (["encoding_guessed"], "ar")


@pytest.mark.parametrize(
    "broken",
    [
        "<html><head><title>Ferry terminal\n</head><body><article>{body}</article></body></html>",
        "<html><body><!-- navigation starts <nav>x</nav><article>{body}</article></body></html>",
    ],
)
def test_markup_lxml_gives_up_on_is_repaired_by_beautifulsoup(broken: str) -> None:
    body = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(3))
    article = run(broken.format(body=body))
    assert article.text.split("\n\n") == [f"{PARAGRAPH} Part {i}." for i in range(3)]  # type: ignore[attr-defined]
    assert article.warnings == ["markup_repaired"]  # type: ignore[attr-defined]


def test_page_without_text_is_still_refused_after_repair() -> None:
    with pytest.raises(InputError) as caught:
        run("<html><head><title>Log in</title></head><body><form><input name=user></form></body></html>")
    assert caught.value.reason == "no_main_text"


def test_fast_mode_finds_the_article_the_default_mode_finds() -> None:
    """Text straight in a <div> split by <br>: the precise pass finds nothing, trafilatura's full cascade does."""
    page = f"<html><body><div>{PARAGRAPH}<br>{PARAGRAPH} Again.<br>{PARAGRAPH} Third.</div></body></html>"
    default, fast = run(page), run(page, fast=True)
    assert default.text == fast.text == f"{PARAGRAPH}\n\n{PARAGRAPH} Again.\n\n{PARAGRAPH} Third."  # type: ignore[attr-defined]


def test_short_precise_result_is_replaced_when_the_full_cascade_holds_twice_as_much() -> None:
    """A lead paragraph in <p>, the rest in list items: the precise pass keeps the lead only."""
    items = "".join(f"<li>{PARAGRAPH} Item {i}.</li>" for i in range(4))
    page = f"<html><body><div><p>{PARAGRAPH} Lead.</p><ul>{items}</ul></div></body></html>"
    text = run(page).text  # type: ignore[attr-defined]
    assert text.split("\n\n")[0] == f"{PARAGRAPH} Lead." and f"{PARAGRAPH} Item 3." in text
    assert main_text_without_checks(page) == f"{PARAGRAPH} Lead."


def main_text_without_checks(page: str) -> str:
    """The precise pass alone (the second opinion switched off)."""
    options = {"without": frozenset({"second_opinion"})}
    return run(page, **options).text  # type: ignore[attr-defined]


def test_unknown_mechanism_to_switch_off_is_a_usage_error() -> None:
    from newscli.errors import UsageError

    with pytest.raises(UsageError) as error:
        ExtractOptions(without=frozenset({"hover_cards"}))
    assert error.value.reason == "unknown_mechanism"


STANDFIRST = (
    "The new ferry terminal opens in spring after two years of building work and a long public consultation."
)


def standfirst_page(description: str) -> str:
    """A page whose standfirst sits in a header outside the article body, described by the meta description."""
    body = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(4))
    head = f'<title>T</title><meta name="description" content="{description}">'
    return f"<html><head>{head}</head><body><header><h1>T</h1><div class='teaser'>{STANDFIRST}</div></header><article>{body}</article></body></html>"


def test_standfirst_shown_as_the_description_leads_the_text() -> None:
    article = run(standfirst_page(STANDFIRST))
    assert article.text.split("\n\n")[:2] == [STANDFIRST, f"{PARAGRAPH} Part 0."]  # type: ignore[attr-defined]


def test_cut_description_still_finds_its_standfirst() -> None:
    article = run(standfirst_page(STANDFIRST[:90] + "…"))
    assert article.text.split("\n\n")[0] == STANDFIRST  # type: ignore[attr-defined]


def test_description_cut_from_a_long_body_paragraph_adds_nothing() -> None:
    article = run(standfirst_page(PARAGRAPH[:100]))
    assert article.text.split("\n\n")[0] == f"{PARAGRAPH} Part 0."  # type: ignore[attr-defined]


@pytest.fixture
def trafilatura_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The options of every trafilatura pass the extraction makes, in order."""
    from newscli.parsers import main_text

    calls: list[dict[str, object]] = []
    real = main_text._trafilatura

    def counting(tree: object, **options: object) -> str:
        calls.append(options)
        return real(tree, **options)

    monkeypatch.setattr(main_text, "_trafilatura", counting)
    return calls


def test_second_opinion_is_not_asked_when_the_precise_text_is_half_the_page(
    trafilatura_calls: list[dict[str, object]],
) -> None:
    """A short page: the precise pass already holds most of its text, so no cascade can outvote it (one pass)."""
    run(article_page())
    assert trafilatura_calls == [{"favor_precision": True, "fast": True}]


def test_second_opinion_is_not_asked_when_the_whole_page_is_too_short_for_an_article(
    trafilatura_calls: list[dict[str, object]],
) -> None:
    """A page whose whole text is under 60 characters (libxml2 drops a text node over 10 MB) fails in one pass."""
    from newscli.errors import InputError

    with pytest.raises(InputError) as failed:
        run("<html><head><title>Short</title></head><body><p>Only a few words here.</p></body></html>")
    assert (failed.value.reason, trafilatura_calls) == (
        "no_main_text",
        [{"favor_precision": True, "fast": True}],
    )
