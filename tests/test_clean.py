"""The clean stage: rule categories, actions, guard, dispatch, hygiene, explain, keep, user rules."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from newscli.clean import CleanOptions, clean_article, render_removed
from newscli.errors import UsageError
from newscli.model import Article

BODY = [
    "The council approved the budget on Tuesday after a long debate in the chamber.",
    "The plan sets aside money for road repairs in the eastern districts over three years.",
    "Residents welcomed the decision, which follows years of complaints about potholes.",
    "Two councillors voted against it, saying the money should go to public transport.",
    "The first works are expected to begin in May, the mayor said after the vote.",
]
EXPLAIN = CleanOptions(explain=True)


def _clean(
    lines: list[str], language: str | None = "en", options: CleanOptions = EXPLAIN, **fields: object
) -> Article:
    """Clean an article whose paragraphs are the given lines."""
    return clean_article(Article(language=language, text="\n\n".join(lines), **fields), options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "line", "position", "rule", "category"),
    [
        ("ar", "اقرأ أيضاً: ارتفاع أسعار الذهب", 2, "ar.related.read", "related"),
        ("en", "Share this article", 2, "en.share.button", "share"),
        ("fr", "Suivez-nous sur Facebook et Instagram", 2, "fr.follow.us", "follow"),
        ("es", "Tu dirección de correo electrónico no será publicada.", 5, "es.comment.email", "comment"),
        ("de", "Newsletter abonnieren: Nachrichten am Morgen", 2, "de.newsletter.signup", "newsletter"),
        (
            "ar",
            "تمت ترجمة هذا الخبر باستخدام ادوات الترجمة الفورية من Google",
            5,
            "ar.mt_notice.translated",
            "mt_notice",
        ),
        ("en", "ADVERTISEMENT", 2, "en.ad.marker", "ad"),
        ("en", "Photo: Jane Park / Reuters", 2, "en.credit.photo", "credit"),
        ("fr", "© Sud Matin 2024 – Tous droits réservés", 5, "fr.copyright.line", "copyright"),
        ("en", "Published: 12 March 2024, 09:30 GMT", 0, "en.dateline.stamp", "dateline"),
        ("en", "Home » News » Local", 0, "en.nav.crumbs", "nav"),
        ("en", "Subscribe to continue reading", 5, "en.paywall.continue", "paywall"),
        (
            "de",
            "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
            5,
            "de.cookie.notice",
            "cookie",
        ),
    ],
)
def test_each_category_drops_its_line(
    language: str, line: str, position: int, rule: str, category: str
) -> None:
    """One line of each category is removed, explained by its rule id and category; the article stays."""
    article = _clean([*BODY[:position], line, *BODY[position:]], language)
    assert article.text == "\n\n".join(BODY)
    assert article.removed == [{"text": line, "rule": rule, "category": category, "stage": "clean"}]


def test_byline_moves_to_authors_and_site() -> None:
    """A head byline leaves the text; its names fill `authors`, its site `sitename`."""
    article = _clean(["كتب محمود فؤاد محرر موقع صوت المدينة", *BODY], "ar")
    assert (article.authors, article.sitename) == (["محمود فؤاد"], "صوت المدينة")
    assert article.text == "\n\n".join(BODY)
    assert article.removed[0]["rule"] == "ar.byline.lead"


def test_byline_does_not_overwrite_known_authors() -> None:
    """Authors already known are kept; the byline line is still removed."""
    article = _clean(["By Ann Lee", *BODY], authors=["Known Writer"])
    assert article.authors == ["Known Writer"]
    assert article.text == "\n\n".join(BODY)


def test_sentence_starting_with_by_is_kept() -> None:
    """A head line that starts like a byline but is a sentence (parse_byline says no) stays."""
    line = "By Monday afternoon the water had started to recede."
    assert _clean([line, *BODY]).text == "\n\n".join([line, *BODY])


def test_tags_line_fills_tags() -> None:
    """A tail "Tags:" line becomes the record's tags."""
    article = _clean([*BODY, "Tags: budget, roads, city council"])
    assert article.tags == ["budget", "roads", "city council"]
    assert article.text == "\n\n".join(BODY)


def test_a_wire_dateline_opening_the_lead_is_article_text_and_stays() -> None:
    """ "LONDON (Reuters) - " is the story's dateline: every gold keeps it (docs/cleaning.md)."""
    lead = "LONDON (Reuters) - The bank raised rates by a quarter point."
    article = _clean([lead, *BODY])
    assert article.text == "\n\n".join([lead, *BODY])
    assert article.removed == []


def test_a_strip_rule_removes_only_its_span(tmp_path: Path) -> None:
    """strip: a user's rule that matches the start of a line removes that span; the sentence after it stays."""
    rules = tmp_path / "wire.tsv"
    rules.write_text(
        "my.wire\tdateline\tstrip\thead\t^[a-z]+ \\((reuters|ap)\\) ?[-–—:] ?\n", encoding="utf-8"
    )
    options = CleanOptions(explain=True, rules_file=rules)
    article = _clean(["LONDON (Reuters) - The bank raised rates by a quarter point.", *BODY], options=options)
    assert article.text.split("\n\n")[0] == "The bank raised rates by a quarter point."
    assert article.removed[0] == {
        "text": "LONDON (Reuters) -",
        "rule": "my.wire",
        "category": "dateline",
        "stage": "clean",
    }


def test_comment_block_at_the_end_is_dropped_whole() -> None:
    """drop_tail: "Leave a Reply" past half the text removes it and the form lines after it."""
    article = _clean([*BODY, "Leave a Reply", "Great piece, thanks", "Agreed with the mayor"])
    assert article.text == "\n\n".join(BODY)
    assert [r["rule"] for r in article.removed] == ["en.comment.block"] * 3


def test_related_block_mid_article_drops_only_headline_lines() -> None:
    """An inline "Recommended for you" takes the headlines after it, not the next sentence."""
    article = _clean([*BODY[:2], "Recommended for you", "Why sleep matters", *BODY[2:]])
    assert article.text == "\n\n".join(BODY)


def test_head_rule_does_not_fire_in_the_middle() -> None:
    """A head-only rule (section label) leaves the same line alone mid-article."""
    lines = [*BODY[:3], "Health", *BODY[3:]]
    assert _clean(lines).text == "\n\n".join(lines)


def test_a_bare_link_the_author_wrote_is_kept() -> None:
    """A line that is only a URL is a reference or product link the article gives, not site furniture."""
    lines = [*BODY[:2], "http://amzn.to/2iJFhRj", *BODY[2:], "www.council.example/budget-2024"]
    assert _clean(lines).text == "\n\n".join(lines)


def test_long_sentence_like_line_is_guarded() -> None:
    """A line over the word limit is an article sentence even if it starts like boilerplate."""
    line = "Read more: " + " ".join(["the council said it would publish every decision"] * 5) + "."
    assert line in _clean([*BODY, line]).text


def test_mixed_script_page_gets_both_rule_sets() -> None:
    """An English page with an Arabic related line: Arabic rules apply too."""
    article = _clean([*BODY[:2], "اقرأ أيضاً: خبر آخر", *BODY[2:]], "en")
    assert article.text == "\n\n".join(BODY)


def test_unknown_language_uses_the_scripts_present() -> None:
    """language None: rules chosen from the script of the lines."""
    article = _clean([*BODY[:2], "Lire aussi : Les trains de nuit reviennent", *BODY[2:]], None)
    assert article.text == "\n\n".join(BODY)


def test_title_and_highlights_repeated_at_top_are_removed() -> None:
    """The title and the highlights repeated as the first lines are dropped."""
    article = _clean(
        ["Budget approved", "• Money for roads", *BODY],
        title="Budget approved",
        highlights=["Money for roads"],
    )
    assert article.text == "\n\n".join(BODY)
    assert [r["rule"] for r in article.removed] == ["hygiene.title", "hygiene.highlight"]


def test_a_paragraph_repeated_further_down_is_the_authors_and_stays() -> None:
    """Only a repeat of the title or a highlight at the top goes; a sentence said twice in the body stays.

    Dropping exact and near-duplicate body lines gained on no dev page and cost held-out pages (lists,
    listings, refrains and Readability.js's test pages repeat lines on purpose): docs/cleaning.md.
    """
    near = BODY[1].replace("three years", "three long years")
    article = _clean([*BODY, BODY[0], near])
    assert article.text == "\n\n".join([*BODY, BODY[0], near])
    assert article.removed == []


def test_keep_category_leaves_its_lines() -> None:
    """--keep share: share lines stay, other boilerplate still goes."""
    keep_share = CleanOptions(keep=frozenset({"share"}))
    article = _clean([*BODY, "Share this article", "Advertisement"], options=keep_share)
    assert article.text == "\n\n".join([*BODY, "Share this article"])


def test_user_rules_file_applies(tmp_path: Path) -> None:
    """--rules FILE: a user's rule (same TSV format) removes its line and explains it by its id."""
    rules = tmp_path / "mine.tsv"
    rules.write_text("my.promo\tad\tdrop\tany\t^buy our mugs\\b.*$\n", encoding="utf-8")
    article = _clean([*BODY, "Buy our mugs today"], options=CleanOptions(explain=True, rules_file=rules))
    assert article.text == "\n\n".join(BODY)
    assert article.removed[0]["rule"] == "my.promo"


def test_bad_user_rules_file_is_a_usage_error(tmp_path: Path) -> None:
    """A typo in a rules file names the file and line."""
    rules = tmp_path / "bad.tsv"
    rules.write_text("x\tnot_a_category\tdrop\tany\t^x$\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.tsv:1: unknown category 'not_a_category'"):
        _clean(BODY, options=CleanOptions(rules_file=rules))


def test_bad_pattern_in_user_rules_is_a_usage_error_before_any_line_is_cleaned(tmp_path: Path) -> None:
    """User rules are compiled when read, so a broken expression names its file and line up front."""
    rules = tmp_path / "bad.tsv"
    rules.write_text("# mine\nok\tad\tdrop\tany\t^ok$\nx\tad\tdrop\tany\t^(unclosed\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.tsv:3: bad pattern: missing \), unterminated subpattern"):
        _clean(BODY, options=CleanOptions(rules_file=rules))


def test_every_bundled_rule_compiles() -> None:
    """Bundled patterns compile on first use, so this is where a broken one is caught."""
    from newscli.clean_rules import bundled_rules

    rules = [rule for name in ("ar", "en", "fr", "es", "de", "neutral") for rule in bundled_rules(name)]
    assert len(rules) >= 200
    assert all(rule.pattern.pattern == rule.source for rule in rules)


def test_no_normalize_keeps_text_as_written() -> None:
    """--no-normalize: spacing and tatweel are left alone, boilerplate still goes."""
    lines = ["قال الوزير ، إن العـــام الجديد يبدأ في سبتمبر المقبل بعد اجتماع موسع مع المديرين.", "إعلان"]
    article = _clean(lines, "ar", CleanOptions(normalize=False))
    assert article.text == lines[0]


def test_normalize_applies_to_text_title_and_highlights() -> None:
    """Default: display normalization on title, highlights and text."""
    article = _clean(["Hello , world ."], title="Title !", highlights=["Point ."])
    assert (article.title, article.highlights, article.text) == ("Title!", ["Point."], "Hello, world.")


def test_explain_off_records_nothing() -> None:
    """Without --explain the record's `removed` stays empty."""
    assert _clean([*BODY, "Advertisement"], options=CleanOptions()).removed == []


def test_cleaning_twice_equals_cleaning_once() -> None:
    """Idempotent: a second clean changes no field, not even `stages`."""
    sample = Path(__file__).resolve().parents[1] / "samples" / "ar-school-year.txt"
    once = clean_article(Article(text=sample.read_text(encoding="utf-8")), EXPLAIN)
    assert clean_article(once, EXPLAIN) == once
    assert [s["stage"] for s in once.stages] == ["clean"]


def test_input_article_is_not_modified() -> None:
    """clean_article returns a new record."""
    article = Article(language="en", text="\n\n".join([*BODY, "Advertisement"]))
    clean_article(article, EXPLAIN)
    assert article.text.endswith("Advertisement")


def test_render_removed_plain_lines_off_terminal() -> None:
    """Not a terminal: one tab-separated line per removal."""
    out = io.StringIO()
    render_removed(
        [{"text": "Advertisement", "rule": "en.ad.marker", "category": "ad", "stage": "clean"}],
        Console(file=out, force_terminal=False, width=200),
    )
    assert out.getvalue() == "removed\ten.ad.marker\tad\tAdvertisement\n"


def test_render_removed_table_on_terminal() -> None:
    """On a terminal: a Rich table with the rule and the text."""
    out = io.StringIO()
    render_removed(
        [{"text": "Advertisement", "rule": "en.ad.marker", "category": "ad", "stage": "clean"}],
        Console(file=out, force_terminal=True, width=100, color_system=None),
    )
    assert "en.ad.marker" in out.getvalue() and "Advertisement" in out.getvalue() and "┃" in out.getvalue()


@pytest.mark.parametrize(
    ("pattern", "literals", "at_start"),
    [
        (r"^(read|see|watch)\s*:", ("read", "see", "watch"), True),
        (r"^.{0,40}\b(sign up|subscribe|register)\s+", ("sign up", "subscribe", "register"), False),
        (r"^.{0,30}(تمت|تم)\s+ترجمه", ("تمت", "تم"), False),
        (r"^advertisement$", ("advertisement",), True),
        (r"^(?:Foo|bar)baz", ("foo", "bar"), True),
        (r"^abc?d", ("ab",), True),
    ],
)
def test_rule_hint_is_the_literal_text_a_match_must_hold(
    pattern: str, literals: tuple[str, ...], at_start: bool
) -> None:
    from newscli.clean_rules import Hint, literal_hint

    assert literal_hint(pattern) == Hint(literals, at_start)


@pytest.mark.parametrize(
    "pattern", [r"^(also\s+)?(read|see)", r"^[a-z]+\s", r"^(a|b)?x", r"(?:x)", r"^(?=a)b", r"^\s*x"]
)
def test_rule_without_a_sure_literal_gets_no_hint(pattern: str) -> None:
    from newscli.clean_rules import literal_hint

    assert literal_hint(pattern) is None


def test_no_bundled_rule_hint_ever_rules_out_a_line_its_pattern_matches() -> None:
    import random

    from newscli.clean_rules import bundled_rules
    from newscli.lang.normalize import normalize_match

    data = Path(__file__).parent / "data" / "clean_lines"
    lines = [
        normalize_match(row.split("\t", 1)[1])
        for path in sorted(data.glob("*.tsv"))
        for row in path.read_text(encoding="utf-8").splitlines()
        if "\t" in row and not row.startswith("#")
    ]
    rnd = random.Random(7)
    lines += [" ".join(rnd.sample(line.split(), len(line.split()))) for line in lines]  # shuffled words
    rules = [rule for name in ("ar", "en", "fr", "es", "de", "neutral") for rule in bundled_rules(name)]
    hinted = [rule for rule in rules if rule.hint is not None]
    assert len(hinted) >= len(rules) * 3 // 4
    matched = 0
    for rule in hinted:
        for line in lines:
            if rule.pattern.search(line):
                matched += 1
                assert rule.hint.allows(line), (rule.id, line)
    assert matched >= 300


def test_markdown_table_keeps_its_header_and_delimiter_rows() -> None:
    table = ["| Team | Points |", "|---|---|", "| Alpha | 3 |", "| Beta | 1 |"]
    article = _clean([BODY[0], "\n".join(table), BODY[1]])
    assert (article.text, article.removed) == ("\n\n".join([BODY[0], "\n".join(table), BODY[1]]), [])


def test_symbol_only_line_is_still_dropped_as_navigation() -> None:
    article = _clean([BODY[0], "» | «", BODY[1]])
    assert article.removed == [
        {"text": "» | «", "rule": "neutral.nav.symbols", "category": "nav", "stage": "clean"}
    ]


def test_line_of_x_marks_is_not_a_share_button() -> None:
    article = _clean([BODY[0], "x x x", BODY[1]])
    assert (article.text, article.removed) == ("\n\n".join([BODY[0], "x x x", BODY[1]]), [])


def test_share_bar_naming_x_among_networks_is_dropped() -> None:
    article = _clean([BODY[0], "Facebook X WhatsApp", BODY[1]])
    assert article.removed == [
        {
            "text": "Facebook X WhatsApp",
            "rule": "neutral.share.networks",
            "category": "share",
            "stage": "clean",
        }
    ]


@pytest.mark.parametrize(
    ("language", "line", "position", "rule", "category"),
    [
        ("en", "Want more like this? Sign up here", 5, "en.newsletter.cta", "newsletter"),
        (
            "en",
            "Get the latest reviews delivered right in your inbox.",
            5,
            "en.newsletter.latest",
            "newsletter",
        ),
        ("en", "Subscribe now to our digital edition for the full story.", 5, "en.paywall.story", "paywall"),
        ("en", "Become a member and support independent journalism.", 5, "en.paywall.member", "paywall"),
        ("en", "For breaking news download our apps for iOS and Android.", 5, "en.follow.apps", "follow"),
        ("en", "We may earn a commission if you buy through our links.", 1, "en.ad.disclosure", "ad"),
        (
            "de",
            "Abonnieren Sie jetzt unseren kostenlosen Wander-Newsletter!",
            5,
            "de.newsletter.more",
            "newsletter",
        ),
        (
            "de",
            "Sie haben sich soeben zu unserem Newsletter angemeldet.",
            5,
            "de.newsletter.with",
            "newsletter",
        ),
        ("de", "Werden Sie jetzt Mitglied und lesen Sie alle Artikel.", 5, "de.paywall.member", "paywall"),
        ("de", "Dieser Artikel enthält Affiliate-Links.", 0, "de.ad.disclosure", "ad"),
        ("es", "Hazte miembro y disfruta de beneficios exclusivos", 5, "es.paywall.member", "paywall"),
        ("es", "Este artículo contiene enlaces de afiliados.", 0, "es.ad.disclosure", "ad"),
        ("fr", "Devenez membre et soutenez une information indépendante.", 5, "fr.paywall.member", "paywall"),
        ("fr", "Cet article contient des liens affiliés.", 0, "fr.ad.disclosure", "ad"),
    ],
)
def test_calls_to_action_and_disclosures_are_dropped(
    language: str, line: str, position: int, rule: str, category: str
) -> None:
    """Sign-up links, membership offers, app prompts and affiliate notices leave; the article stays."""
    article = _clean([*BODY[:position], line, *BODY[position:]], language)
    assert article.text == "\n\n".join(BODY)
    assert article.removed == [{"text": line, "rule": rule, "category": category, "stage": "clean"}]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Brokers may earn a commission of up to three percent on each sale, the regulator said."),
        ("en", "She wanted to become a member of the rowing club after she moved to the coast."),
        ("en", "Customers can download the free app for iPhone from next week, the company said."),
        ("en", "Residents who want the new recycling bins should sign up now at the town hall."),
        ("de", "Viele Blogs enthalten Affiliate-Links, sagt die Verbraucherzentrale."),
        ("de", "Wer Mitglied im Alpenverein werden will, zahlt einen ermäßigten Beitrag."),
        ("fr", "Pour devenir membre de l'association, il faut habiter la commune depuis un an."),
    ],
)
def test_article_sentences_near_a_call_to_action_are_kept(language: str, line: str) -> None:
    """The same words in reported speech or news (a broker's commission, joining a club) are article text."""
    article = _clean([*BODY[:2], line, *BODY[2:]], language)
    assert (article.text, article.removed) == ("\n\n".join([*BODY[:2], line, *BODY[2:]]), [])


@pytest.mark.parametrize(
    ("language", "heading", "rule"),
    [
        ("en", "Further reading", "en.related.heading"),
        ("de", "Weitere Themen", "de.related.heading"),
        ("de", "Top-Themen bei Wanderzeit", "de.related.heading"),
        ("de", "Lesen Sie auch die folgenden Beiträge:", "de.related.further"),
        ("de", "Zum Weiterlesen:", "de.related.further"),
    ],
)
def test_related_reading_heading_takes_its_list_at_the_end(language: str, heading: str, rule: str) -> None:
    """A related-reading heading past half the text drops itself and the short list lines after it."""
    links = ["- Warum Schuhe drücken", "- Die besten Wege im Harz"]
    article = _clean([*BODY, heading, *links], language)
    assert article.text == "\n\n".join(BODY)
    assert [r["rule"] for r in article.removed] == [rule] * 3
