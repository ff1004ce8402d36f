"""Destinations: stdout (streamed), one file, one file per article; names, collisions, --overwrite."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscli.errors import UsageError
from newscli.export import FORMATS, ExportOptions, chosen_format, format_for_path, write_articles
from newscli.model import Article
from tests.conftest import golden_records

GOLDEN = Path(__file__).parent / "golden"


def records() -> list[Article]:
    """The hand-written English and Arabic records."""
    return golden_records()


def run(articles: list[Article], **options: object) -> bytes:
    """Export with the given options; return what went to stdout."""
    out = io.BytesIO()
    write_articles(iter(articles), ExportOptions(**options), out)  # type: ignore[arg-type]
    return out.getvalue()


def test_one_file_holds_every_article(tmp_path: Path) -> None:
    assert run(records(), to="json", output=tmp_path / "all.json") == b""
    assert [a["id"] for a in json.loads((tmp_path / "all.json").read_text())] == [a.id for a in records()]


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    run(records(), to="txt", output=tmp_path / "a" / "b" / "news.txt")
    assert (tmp_path / "a" / "b" / "news.txt").read_text(encoding="utf-8").startswith("Harbor bridge")


def test_existing_file_needs_overwrite_and_is_left_unchanged(tmp_path: Path) -> None:
    (tmp_path / "news.jsonl").write_text("keep me\n")
    with pytest.raises(UsageError, match="already exists: pass --overwrite") as error:
        run(records(), output=tmp_path / "news.jsonl")
    assert error.value.reason == "output_exists"
    assert (tmp_path / "news.jsonl").read_text() == "keep me\n"


def test_overwrite_replaces_a_file_with_identical_bytes_each_time(tmp_path: Path) -> None:
    run(records(), to="html", output=tmp_path / "news.html")
    first = (tmp_path / "news.html").read_bytes()
    run(records(), to="html", output=tmp_path / "news.html", overwrite=True)
    assert (tmp_path / "news.html").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.html"]


def test_trailing_slash_means_one_file_per_article(tmp_path: Path) -> None:
    assert run(records(), to="markdown", output=f"{tmp_path}/out/") == b""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "harbor-bridge-reopens-after-two-year-repair-city-says.md",
        "افتتاح-أكبر-محطة-لتحلية-المياه-في-المنطقة.md",
    ]


def test_existing_directory_means_one_file_per_article(tmp_path: Path) -> None:
    run(records(), to="json", output=tmp_path)
    data = json.loads((tmp_path / "harbor-bridge-reopens-after-two-year-repair-city-says.json").read_text())
    assert data["id"] == "en-harbor-bridge-0001"  # a per-article JSON file is the object, not an array


def test_name_template_fields(tmp_path: Path) -> None:
    run(records(), to="txt", output=f"{tmp_path}/", name_template="{date}-{lang}-{source_stem}-{id}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2024-05-14-en-en-harbor-bridge-en-harbor-bridge-0001.txt",
        "ar-ar-water-plant-ar-water-plant-0001.txt",  # unknown date: the field is empty, not invented
    ]


def test_unknown_template_field_is_a_usage_error_listing_the_fields(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"use the fields \{slug\} \{id\} \{date\} \{title\} \{lang\}"):
        run(records(), to="txt", output=f"{tmp_path}/", name_template="{author}")


def test_colliding_names_get_the_id_then_a_number(tmp_path: Path) -> None:
    same = [Article(id="first", title="Same"), Article(id="second", title="same"), Article(title="SAME")]
    run(same, to="txt", output=f"{tmp_path}/")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same-2.txt", "same-second.txt", "same.txt"]
    assert (tmp_path / "same-second.txt").read_text() == "same\n"


def test_hostile_titles_stay_inside_the_directory(tmp_path: Path) -> None:
    hostile = [
        Article(id="1", title="../../etc/passwd"),
        Article(id="2", title="a\nb\x00c"),
        Article(id="3", title="?!..."),
        Article(id="4", title="x" * 500),
    ]
    run(hostile, to="txt", output=f"{tmp_path}/out/")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["3.txt", "a-b-c.txt", "etc-passwd.txt", "x" * 80 + ".txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_second_run_into_a_directory_needs_overwrite(tmp_path: Path) -> None:
    run(records(), to="html", output=f"{tmp_path}/")
    with pytest.raises(UsageError, match="pass --overwrite"):
        run(records(), to="html", output=f"{tmp_path}/")
    run(records(), to="html", output=f"{tmp_path}/", overwrite=True)
    assert len(list(tmp_path.iterdir())) == 2


def test_dash_output_is_stdout() -> None:
    assert run(records()[:1], output="-") == (records()[0].to_json() + "\n").encode("utf-8")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_to_stdout_is_one_valid_array(count: int) -> None:
    articles = [Article(id=str(i)) for i in range(count)]
    assert [a["id"] for a in json.loads(run(articles, to="json"))] == [str(i) for i in range(count)]


class Recorder(io.BytesIO):
    """A stdout that notes what had been flushed when the next article was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed = b""

    def flush(self) -> None:
        self.flushed = self.getvalue()


def test_jsonl_to_stdout_is_flushed_before_the_next_article_is_read() -> None:
    out = Recorder()
    seen: list[bytes] = []

    def articles() -> Iterator[Article]:
        for i in range(4):
            seen.append(out.flushed)
            yield Article(id=str(i))

    assert write_articles(articles(), ExportOptions(), out) == 4
    # two are read ahead (a page head needs to know if there is just one),
    # then each line is out before the next article is read
    assert [s.count(b"\n") for s in seen] == [0, 0, 2, 3]


def test_unknown_format_lists_the_choices() -> None:
    with pytest.raises(
        UsageError, match="choose one of jsonl, json, csv, tsv, markdown, html, txt, sqlite, parquet"
    ):
        run(records(), to="docx")


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ("news.db", "sqlite"),
        ("a.sqlite3", "sqlite"),
        ("x.MD", "markdown"),
        ("x.ndjson", "jsonl"),
        ("x.pdf", None),
    ],
)
def test_format_for_path_infers_the_format_from_the_extension(path: str, to: str | None) -> None:
    assert format_for_path(path) == to


@pytest.mark.parametrize("to", ["sqlite", "parquet"])
def test_file_only_formats_refuse_stdout(to: str) -> None:
    with pytest.raises(UsageError, match="add -o"):
        run(records(), to=to)


def test_exporting_imports_no_extraction_stack(tmp_path: Path) -> None:
    code = f"""
import io, json, sys
from pathlib import Path
from newscli.export import FORMATS, ExportOptions, write_articles
from newscli.model import Article
from newscli.parsers.sqlite import read_sqlite
lines = Path({str(GOLDEN / "records.jsonl")!r}).read_text(encoding="utf-8").splitlines()
articles = [Article.from_dict(json.loads(line)) for line in lines]
for name in {[n for n in FORMATS if n != "parquet"]!r}:
    options = ExportOptions(to=name, output=Path({str(tmp_path)!r}) / name)
    write_articles(iter(articles), options, io.BytesIO())
list(read_sqlite(Path({str(tmp_path)!r}) / "sqlite"))
heavy = ("trafilatura", "lxml", "bs4", "charset_normalizer", "py3langid", "typer", "rich")
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
    assert sorted(set(FORMATS) - {"parquet"}) == sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    ("output", "to"),
    [("news.db", "sqlite"), ("x.md", "markdown"), ("x.unknown", "jsonl"), (None, "jsonl"), ("dir/", "jsonl")],
)
def test_without_to_the_format_follows_the_output_extension(output: str | None, to: str) -> None:
    assert chosen_format(ExportOptions(to="", output=output)) == to


def test_lazy_registry_knows_each_writers_extension_without_importing_it() -> None:
    from newscli.export import _WRITERS

    assert {name: FORMATS[name].extension for name in FORMATS} == {
        n: ext for n, (_, _, ext) in _WRITERS.items()
    }
    assert [FORMATS[name].name for name in FORMATS] == list(_WRITERS)
