"""The SQLite store as sqlite-utils and Datasette see it: their search finds English and Arabic words,
Arabic ones under attached prefixes too, through plain FTS queries."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newscli.export import ExportOptions, write_articles
from newscli.export.search_words import PREFIXES, search_words, word_forms
from newscli.export.sqlite import migrate
from newscli.model import Article
from newscli.parsers.sqlite import read_sqlite

ARABIC = Article(
    id="ar-1",
    title="افتتاح أكبر محطة لتحلية المياه",
    language="ar",
    text="حذّر الوزير من والاستفزازات على الحدود.\n\nوقال إن المشروع سيزوّد المدينةَ بالمياه، "
    "وإنّ الطاقةَ الشمسيّة ستغطي ثلث احتياجاتها وللأطفال مدارس جديدة.",
)
ENGLISH = Article(
    id="en-1", title="Harbor bridge reopens", language="en", text="The bridges carry 40,000 cars."
)
FRENCH = Article(id="fr-1", title="Le café rouvre", language="fr", text="Un café près de la gare.")


def export(path: Path, *articles: Article) -> None:
    """Write the articles into a newscli database."""
    write_articles(iter(articles), ExportOptions(to="sqlite", output=path), io.BytesIO())


def run_sqlite_utils(path: Path, query: str) -> subprocess.CompletedProcess[bytes]:
    """The real `sqlite-utils search DB articles QUERY -c id` command."""
    command = [sys.executable, "-m", "sqlite_utils", "search", str(path), "articles", query, "-c", "id"]
    return subprocess.run(command, capture_output=True, check=False, timeout=60)


def sqlite_utils_search(path: Path, query: str) -> list[str]:
    """Ids sqlite-utils finds, best first."""
    done = run_sqlite_utils(path, query)
    assert done.returncode == 0, done.stderr
    return [row["id"] for row in json.loads(done.stdout)]


@pytest.fixture
def news_db(tmp_path: Path) -> Path:
    """A database holding an Arabic, an English and a French article."""
    export(tmp_path / "news.db", ARABIC, ENGLISH, FRENCH)
    return tmp_path / "news.db"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("bridge", ["en-1"]),
        ("cafe", ["fr-1"]),  # unicode61 remove_diacritics: "café" is found typed without its accent
        ("محطة", ["ar-1"]),
        ("تحلية", ["ar-1"]),  # written "لتحلية"
        ("الاستفزازات", ["ar-1"]),  # written "والاستفزازات"
        ("استفزازات", ["ar-1"]),
        ("المياه", ["ar-1"]),  # "المياه" and "بالمياه"
        ("مياه", ["ar-1"]),
        ("الأطفال", ["ar-1"]),  # written "وللأطفال" (و + ل + ال, the alef unwritten)
        ("اطفال", ["ar-1"]),  # typed without hamza
        ("الطاقة", ["ar-1"]),  # written with harakat "الطاقةَ"
        ("الشمسية", ["ar-1"]),  # written "الشمسيّة"
        ("حذر", ["ar-1"]),  # written "حذّر"
        ("المدينة", ["ar-1"]),
        ("تاريخ", []),
    ],
)
def test_sqlite_utils_search_finds_english_and_arabic_words(
    news_db: Path, query: str, ids: list[str]
) -> None:
    assert sqlite_utils_search(news_db, query) == ids


def test_sqlite_utils_sees_the_full_text_index(news_db: Path) -> None:
    import sqlite_utils

    assert sqlite_utils.Database(news_db)["articles"].detect_fts() == "articles_fts"


def test_datasette_search_box_finds_arabic_words_under_prefixes(news_db: Path) -> None:
    """What Datasette's search box sends (`_search=`, each word quoted) finds the article."""
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    async def search(query: str) -> tuple[int, list[str]]:
        response = await Datasette([str(news_db)]).client.get(
            "/news/articles.json", params={"_search": query, "_shape": "array", "_col": "title"}
        )
        return response.status_code, [row["id"] for row in response.json()]

    async def searches() -> list[tuple[int, list[str]]]:
        return [await search(q) for q in ("تحلية", "الاستفزازات المياه", "bridge", "تحلية bridge")]

    assert asyncio.run(searches()) == [(200, ["ar-1"]), (200, ["ar-1"]), (200, ["en-1"]), (200, [])]


def test_search_words_column_holds_the_forms_the_text_does_not_spell(news_db: Path) -> None:
    db = sqlite3.connect(news_db)
    rows = dict(db.execute("SELECT id, search_words FROM articles"))
    assert rows["en-1"] == rows["fr-1"] == ""
    forms = rows["ar-1"].split()
    assert forms == sorted(forms)
    assert {"تحلية", "الاستفزازات", "مياه", "الأطفال", "الطاقة", "حذر"} <= set(forms)
    assert "المياه" not in forms  # the title spells it
    assert "لتحلية" not in forms  # already in the text, indexed from there


def test_word_forms_strip_each_attached_prefix() -> None:
    assert sorted(word_forms("والاستفزازات")) == ["استفزازات", "الاستفزازات", "والاستفزازات"]
    assert sorted(word_forms("لتحلية")) == ["تحلية", "تحليه", "لتحلية", "لتحليه"]
    assert sorted(word_forms("للمياه")) == ["المياه", "للمياه", "لمياه", "مياه"]
    assert sorted(word_forms("فبالماء")) == ["الماء", "بالماء", "فبالماء", "ماء"]
    assert sorted(word_forms("وكالبحر")) == ["البحر", "بحر", "كالبحر", "وكالبحر"]


def test_word_forms_keep_short_words_and_fold_letters() -> None:
    assert sorted(word_forms("بلد")) == ["بلد"]  # "لد" is too short to be a word left by "ب"
    assert sorted(word_forms("مُحَطَّة")) == ["محطة", "محطه"]
    assert sorted(word_forms("إسرائيل")) == ["إسرائيل", "اسرائيل"]
    assert sorted(word_forms("بالمياه", prefixes=False)) == ["بالمياه"]


def test_prefixes_are_every_combination_of_conjunction_preposition_and_article() -> None:
    assert PREFIXES == (  # longest first: a word loses the longest prefix it carries
        "فبال", "فكال", "وبال", "وكال", "بال", "فال", "فلل", "كال", "وال", "ولل", "ال", "فب", "فك", "فل",
        "لل", "وب", "وك", "ول", "ب", "ف", "ك", "ل", "و",
    )  # fmt: skip


def test_search_words_of_persian_text_keep_prefix_letters() -> None:
    assert search_words(["کتاب بزرگ"], "fa") == "كتاب"  # only the folded kaf: no "تاب" from a "ب" prefix


def test_version_2_database_is_migrated_and_its_rows_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=2) == 2
    db.execute(
        "INSERT INTO articles (schema, id, title, text, language) VALUES ('newscli.article/1', 'old-ar', 'محطة لتحلية المياه', 'نص', 'ar')"
    )
    db.close()
    v2 = run_sqlite_utils(path, "تحلية")  # v2's index (content='articles'): invisible to sqlite-utils
    assert (v2.returncode, v2.stderr) == (
        1,
        b"Error: Table 'articles' is not configured for full-text search\n",
    )
    export(path, ENGLISH)
    assert sqlite_utils_search(path, "تحلية") == ["old-ar"]
    assert sqlite_utils_search(path, "bridge") == ["en-1"]
    assert [a.id for a in read_sqlite(path)] == ["old-ar", "en-1"]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (3,)
