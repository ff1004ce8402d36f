"""Caches of line-level work keep short lines only: a page-sized line is not held for the rest of a batch."""

from __future__ import annotations

from newscli.clean_rules import any_rule_matches, rules_for
from newscli.lang.normalize import normalize_match
from newscli.short_cache import MAX_CHARS, short_text_cache


def test_short_arguments_are_cached_and_long_ones_computed_each_time() -> None:
    calls: list[str] = []

    @short_text_cache(maxsize=8)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    long_text = "a" * (MAX_CHARS + 1)
    results = [upper("ab"), upper("ab"), upper(long_text), upper(long_text)]
    assert results == ["AB", "AB", long_text.upper(), long_text.upper()]
    assert calls == ["ab", long_text, long_text]
    assert upper.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_folding_a_page_sized_line_leaves_the_caches_as_they_were() -> None:
    line = "Read more: " + "The council approved the plan " * 100_000
    rules = rules_for(("en",))
    sizes = (normalize_match.cache_info, any_rule_matches.cache_info)  # type: ignore[attr-defined]
    before = [size().currsize for size in sizes]
    folded = normalize_match(line)
    assert folded == " ".join(line.casefold().split())
    assert any_rule_matches(rules, folded) is any_rule_matches.__wrapped__(rules, folded) is False  # type: ignore[attr-defined]
    assert [size().currsize for size in sizes] == before
