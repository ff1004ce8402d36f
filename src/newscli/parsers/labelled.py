"""Fields a page prints as a label and a value ("Datum 28.04.2023", "Author: Jane Doe"): read only when
its metadata and markup say nothing, because a label in the reader's language is the page's own word."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

# Labels of the publication date (never "updated"/"modified": that is another date), casefolded.
DATE_LABELS = frozenset(
    {
        "date", "published", "published on", "posted", "posted on", "publication date", "date published",
        "datum", "veröffentlicht", "veröffentlicht am", "erschienen", "erschienen am", "publiziert",
        "publiziert am", "publié", "publié le", "date de publication", "fecha", "publicado", "publicado el",
        "publicado em", "fecha de publicación", "data", "pubblicato", "pubblicato il",
        "data di pubblicazione", "gepubliceerd", "gepubliceerd op", "tarih", "yayınlanma tarihi",
        "yayın tarihi", "التاريخ", "تاريخ النشر", "نشر في", "نشر بتاريخ", "opublikowano", "data publikacji",
        "publicerad", "publisert", "udgivet", "julkaistu",
    }
)  # fmt: skip
# Labels of the article's authors, casefolded.
AUTHOR_LABELS = frozenset(
    {
        "author", "authors", "written by", "autor", "autorin", "autorin/autor", "autor/autorin", "autoren",
        "auteur", "auteurs", "autora", "autore", "yazar", "الكاتب", "بقلم",
    }
)  # fmt: skip
_NOT_LABELS = frozenset({"script", "style", "a", "option", "title", "button", "textarea"})
MAX_LABEL = 40  # characters: a label is a word or three
MAX_VALUE = 80  # characters: a date or a byline, not a paragraph
# Dates htmldate is asked to accept: fixed bounds, so the answer never depends on the day it runs.
EARLIEST, LATEST = datetime(1990, 1, 1), datetime(2099, 12, 31)


def _norm(text: str) -> str:
    """A label as compared: spaces collapsed, a closing colon dropped, casefolded."""
    return " ".join(text.split()).rstrip(":：").strip().casefold()


def _value_after(node: Any) -> str:
    """The text that follows a label element: its own tail, else the next element's text."""
    value = " ".join((node.tail or "").split()).lstrip(":： ")
    if value:
        return value
    following = node.getnext()
    while following is not None and not isinstance(following.tag, str):  # a comment between the two
        following = following.getnext()
    return " ".join(following.text_content().split()) if following is not None else ""


def labelled_values(tree: Any, labels: frozenset[str]) -> Iterator[str]:
    """Values the page prints after one of ``labels``, in document order.

    A label is an element's whole text ("<dt>Date</dt><dd>…</dd>", "<strong>Datum</strong> 28.04.2023")
    or the start of an element's text up to a colon ("<p>Published: April 28, 2023</p>").
    """
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in _NOT_LABELS or len(node) or not node.text:
            continue
        own = node.text
        if len(own) <= MAX_LABEL and _norm(own) in labels:
            value = _value_after(node)
        else:
            head, colon, rest = own[: MAX_LABEL + 1].partition(":")
            value = " ".join((rest + own[MAX_LABEL + 1 :]).split()) if colon and _norm(head) in labels else ""
        # a value that is a label again ("Auteur", "Auteur(s) :", the variant for small screens) is none
        if value and len(value) <= MAX_VALUE and _norm(value) not in labels and value[-1] not in ":：":
            yield value


def _ambiguous(value: str) -> bool:
    """A numeric date whose day and month could be swapped ("3/4/2023"): a US and a European reading."""
    first, _, rest = value.partition("/")
    second = rest.partition("/")[0]
    numbers = [part.strip() for part in (first, second)]
    if not all(part.isdigit() and len(part) <= 2 for part in numbers):
        return False
    day, month = (int(part) for part in numbers)
    return day != month and day <= 12 and month <= 12


def labelled_date(tree: Any) -> str | None:
    """The first labelled value that is a full date (day, month and year; a year or month alone is not)."""
    from htmldate.extractors import try_date_expr

    for value in labelled_values(tree, DATE_LABELS):
        if _ambiguous(value):
            continue
        found = try_date_expr(value, "%Y-%m-%d", False, EARLIEST, LATEST)
        if found:
            return str(found)
    return None


def labelled_authors(tree: Any) -> list[str]:
    """The first labelled author value, as written (people() splits and vets it)."""
    first = next(labelled_values(tree, AUTHOR_LABELS), None)
    return [first] if first else []
