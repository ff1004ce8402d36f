"""SQLite export: upsert by id, FTS5 search, round trip, schema versions and migrations."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from newscli.errors import Failure, InputError, UsageError
from newscli.export import ExportOptions, write_articles
from newscli.export.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate
from newscli.model import Article
from newscli.parsers.sqlite import looks_like_sqlite, read_sqlite
from tests.conftest import golden_records

GOLDEN = Path(__file__).parent / "golden"


def records() -> list[Article]:
    """The hand-written English and Arabic records."""
    return golden_records()


def export(articles: list[Article], path: Path, overwrite: bool = False) -> int:
    """Export to a database file."""
    return write_articles(
        iter(articles), ExportOptions(to="sqlite", output=path, overwrite=overwrite), io.BytesIO()
    )


def search(path: Path, query: str) -> list[str]:
    """Ids of articles whose title or text match an FTS5 query, best first."""
    db = sqlite3.connect(path)
    sql = (
        "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank"
    )
    return [i for (i,) in db.execute(sql, (query,))]


def test_round_trip_gives_the_same_records_back(tmp_path: Path) -> None:
    articles = records()
    articles[0].extra = {"custom_field": {"kept": True}}
    export(articles, tmp_path / "news.db")
    assert list(read_sqlite(tmp_path / "news.db")) == articles


def test_same_article_twice_is_one_row_updated(tmp_path: Path) -> None:
    en, ar = records()
    export([en, ar], tmp_path / "news.db")
    export([replace(en, title="Harbor bridge reopens: corrected title")], tmp_path / "news.db")
    back = list(read_sqlite(tmp_path / "news.db"))
    assert [a.id for a in back] == ["en-harbor-bridge-0001", "ar-water-plant-0001"]
    assert back[0].title == "Harbor bridge reopens: corrected title"


def test_full_text_search_follows_updates(tmp_path: Path) -> None:
    en, ar = records()
    export([en, ar], tmp_path / "news.db")
    assert search(tmp_path / "news.db", "bridge") == ["en-harbor-bridge-0001"]
    export([replace(en, title="Harbor tunnel", text="A tunnel.")], tmp_path / "news.db")
    assert search(tmp_path / "news.db", "bridge") == []
    assert search(tmp_path / "news.db", "tunnel") == ["en-harbor-bridge-0001"]


def test_full_text_search_finds_arabic_words_and_prefixes(tmp_path: Path) -> None:
    export(records(), tmp_path / "news.db")
    assert search(tmp_path / "news.db", "لتحلية") == ["ar-water-plant-0001"]
    assert search(tmp_path / "news.db", "title:محط*") == ["ar-water-plant-0001"]


def test_list_fields_are_stored_as_json(tmp_path: Path) -> None:
    export(records(), tmp_path / "news.db")
    db = sqlite3.connect(tmp_path / "news.db")
    authors, tags = db.execute(
        "SELECT authors, tags FROM articles WHERE id = 'en-harbor-bridge-0001'"
    ).fetchone()
    assert (authors, tags) == ('["Jane Miller", "Tom O\'Brien"]', '["transport", "city"]')
    assert db.execute("SELECT value FROM articles, json_each(authors) WHERE language = 'ar'").fetchall() == [
        ("أحمد سالم",)
    ]


def test_database_carries_schema_version_and_application_id(tmp_path: Path) -> None:
    export([], tmp_path / "news.db")
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert looks_like_sqlite((tmp_path / "news.db").read_bytes()[:16])


def test_old_schema_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "news.db", isolation_level=None)
    assert migrate(db, target=1) == 1
    db.close()
    en, ar = records()
    export([en], tmp_path / "news.db")
    export([ar], tmp_path / "news.db")
    db = sqlite3.connect(tmp_path / "news.db")
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    indexes = db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_%'")
    assert sorted(n for (n,) in indexes) == ["articles_date", "articles_language"]
    assert [a.id for a in read_sqlite(tmp_path / "news.db")] == [en.id, ar.id]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    export([], tmp_path / "news.db")
    sqlite3.connect(tmp_path / "news.db").execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(UsageError, match="newer than this newscli") as error:
        export(records(), tmp_path / "news.db")
    assert error.value.reason == "newer_schema"


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "other.db")
    db.execute("CREATE TABLE accounts (x)")
    db.commit()
    with pytest.raises(UsageError, match="did not make") as error:
        export(records(), tmp_path / "other.db")
    assert error.value.reason == "not_newscli_db"
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("accounts",)]


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("my notes, not a database\n" * 100)
    with pytest.raises(UsageError, match="not an SQLite database"):
        export(records(), tmp_path / "notes.db")
    assert (tmp_path / "notes.db").read_text().startswith("my notes")


def test_overwrite_starts_a_fresh_database(tmp_path: Path) -> None:
    en, ar = records()
    export([en], tmp_path / "news.db")
    export([ar], tmp_path / "news.db", overwrite=True)
    assert [a.id for a in read_sqlite(tmp_path / "news.db")] == [ar.id]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db"]


def test_record_without_id_is_refused_and_the_batch_rolled_back(tmp_path: Path) -> None:
    en, _ = records()
    with pytest.raises(InputError, match="sqlite keys articles by id"):
        export([en, Article(source="x.html")], tmp_path / "news.db")
    assert list(read_sqlite(tmp_path / "news.db")) == []


def test_sqlite_to_stdout_says_which_flag_fixes_it() -> None:
    with pytest.raises(UsageError, match=r"add -o news\.db"):
        write_articles(iter(records()), ExportOptions(to="sqlite"), io.BytesIO())


def test_sqlite_to_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a directory"):
        write_articles(iter(records()), ExportOptions(to="sqlite", output=f"{tmp_path}/out/"), io.BytesIO())


def test_same_records_give_identical_query_results(tmp_path: Path) -> None:
    export(records(), tmp_path / "a.db")
    export(records(), tmp_path / "b.db")
    dumps = [
        list(sqlite3.connect(tmp_path / f"{n}.db").execute("SELECT * FROM articles ORDER BY rowid"))
        for n in "ab"
    ]
    assert dumps[0] == dumps[1]


def test_reading_a_database_without_articles_table_is_an_input_error(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE accounts (x)")
    with pytest.raises(InputError, match="not a newscli database"):
        list(read_sqlite(tmp_path / "other.db"))


def test_a_damaged_value_fails_its_row_only_named_by_rowid(tmp_path: Path) -> None:
    en, ar = records()
    export([en, ar], tmp_path / "news.db")
    with sqlite3.connect(tmp_path / "news.db") as db:
        db.execute("UPDATE articles SET tags = 'not json[' WHERE id = ?", (en.id,))
    back = list(read_sqlite(tmp_path / "news.db", "news.db"))
    assert back[1] == ar
    assert isinstance(back[0], Failure)
    assert (back[0].source, back[0].reason) == ("news.db#1", "bad_record")
    assert back[0].message.startswith("column 'tags' does not hold JSON (")


def test_text_that_is_not_utf8_fails_its_row_instead_of_stopping_the_reading(tmp_path: Path) -> None:
    en, ar = records()
    export([en, ar], tmp_path / "news.db")
    with sqlite3.connect(tmp_path / "news.db") as db:
        db.execute("UPDATE articles SET title = CAST(? AS TEXT) WHERE id = ?", (b"caf\xe9", en.id))
    back = list(read_sqlite(tmp_path / "news.db", "news.db"))
    assert back == [Failure("news.db#1", "bad_encoding", "column 'title' is not valid UTF-8 (byte 3)"), ar]


def test_a_database_that_cannot_be_created_is_a_storage_error_not_a_wrong_file(tmp_path: Path) -> None:
    from newscli.export.sqlite import connect

    with pytest.raises(sqlite3.OperationalError, match="unable to open"):  # the caller names the output
        connect(tmp_path / "missing" / "news.db")
    (tmp_path / "text.db").write_text("not a database")
    with pytest.raises(UsageError, match="is not an SQLite database"):
        connect(tmp_path / "text.db")
