"""The labelled line set: no article line is ever dropped, and >= 95% of boilerplate lines are caught."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newscli.clean import CleanOptions, clean_article
from newscli.lang.normalize import normalize_display
from newscli.model import Article

DATA = Path(__file__).parent / "data" / "clean_lines"
LANGUAGES = ("ar", "en", "fr", "es", "de")


@dataclass
class Page:
    """One invented page: its lines in order, each labelled article (A) or boilerplate (B)."""

    name: str
    lines: list[tuple[str, str]]


def load_pages(language: str) -> list[Page]:
    """Pages of a language's labelled file."""
    pages: list[Page] = []
    for raw in (DATA / f"{language}.tsv").read_text(encoding="utf-8").splitlines():
        if raw.startswith("# page:"):
            pages.append(Page(raw.split(":", 1)[1].strip(), []))
        elif raw.strip() and not raw.startswith("#"):
            label, text = raw.split("\t", 1)
            pages[-1].lines.append((label, text))
    return pages


def score(language: str) -> tuple[int, int, int, int, list[str], list[str]]:
    """(article lines, article lines dropped, boilerplate lines, caught) plus the lines that went wrong."""
    articles = dropped = boiler = caught = 0
    lost: list[str] = []
    missed: list[str] = []
    for page in load_pages(language):
        text = "\n\n".join(text for _, text in page.lines)
        cleaned = clean_article(Article(language=language, text=text), CleanOptions())
        survivors = set(cleaned.text.split("\n"))
        for label, line in page.lines:
            kept = normalize_display(line, language) in survivors
            if label == "A":
                articles += 1
                dropped += not kept
                if not kept:
                    lost.append(f"{page.name}: {line}")
            else:
                boiler += 1
                caught += not kept
                if kept:
                    missed.append(f"{page.name}: {line}")
    return articles, dropped, boiler, caught, lost, missed


def test_labelled_set_is_large_enough() -> None:
    """The set holds >= 300 boilerplate and >= 600 article lines over five languages."""
    labels = [label for lang in LANGUAGES for page in load_pages(lang) for label, _ in page.lines]
    assert labels.count("B") >= 300
    assert labels.count("A") >= 600


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_article_line_dropped_and_boilerplate_caught(language: str) -> None:
    """Precision 1.0 (no article line dropped) and recall >= 95% of boilerplate lines, per language."""
    articles, dropped, boiler, caught, lost, missed = score(language)
    print(
        f"{language}: article lines dropped {dropped}/{articles}; boilerplate caught {caught}/{boiler}"
        f" = {caught / boiler:.1%}"
    )
    assert lost == []
    assert caught / boiler >= 0.95, missed
