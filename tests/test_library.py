"""The library entry point: newscli.extract/clean/summarize/read give what the commands give."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newscli
from newscli.errors import InputError
from newscli.model import Article
from tests.conftest import ROOT, SAMPLES, records, run_cli

EN = SAMPLES / "en-harbor-bridge.html"
AR = SAMPLES / "ar-water-plant.html"
AR_KEY_POINTS = [
    "المحطة تنتج نصف مليون متر مكعب من المياه يومياً",
    "المشروع يخدم أكثر من مليوني نسمة في خمس محافظات",
    "الطاقة الشمسية تغطي ثلث احتياجات المحطة من الكهرباء",
]


def cli_record(command: str, page: Path, *options: str) -> dict[str, object]:
    """The one record a command writes for a page, with `source` as the library sets it (no URL: None)."""
    (record,) = records(run_cli(command, str(page.relative_to(ROOT)), *options).stdout)
    return {**record, "source": None}


def test_import_newscli_loads_nothing_else() -> None:
    code = "import sys, newscli\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
    code += "('newscli', 'trafilatura', 'lxml', 'bs4', 'typer', 'rich', 'click')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=True)
    assert done.stdout.decode().strip() == "['newscli', 'newscli.version']"


def test_extract_gives_the_record_newscli_extract_gives() -> None:
    article = newscli.extract(EN.read_bytes())
    assert article.to_dict() == cli_record("extract", EN)
    assert (article.title, article.language, article.direction, article.sitename) == (
        "City Council Approves New Harbor Bridge After Decade of Debate",
        "en",
        "ltr",
        "The Coastal Ledger",
    )


def test_extract_takes_text_or_bytes_and_the_url() -> None:
    as_text = newscli.extract(AR.read_text(encoding="utf-8"), url="https://example.com/water")
    as_bytes = newscli.extract(AR.read_bytes())
    page_url = "https://alkhabar-alyoum.example/news/water-plant-opening"  # the page's own og:url
    assert (as_text.url, as_text.source, as_text.canonical_url) == ("https://example.com/water",) * 2 + (
        page_url,
    )
    assert (as_bytes.url, as_bytes.source, as_bytes.canonical_url) == (page_url, None, page_url)
    assert (as_text.title, as_text.text, as_text.id) == (as_bytes.title, as_bytes.text, as_bytes.id)
    assert (as_text.title, as_text.authors, as_text.language, as_text.direction) == (
        "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية",
        ["أحمد سالم"],
        "ar",
        "rtl",
    )


def test_clean_gives_a_cleaned_copy_like_newscli_clean() -> None:
    article = newscli.extract(AR.read_bytes())
    cleaned = newscli.clean(article)
    assert cleaned.to_dict() == cli_record("clean", AR)
    notice = "تمت ترجمة هذا الخبر باستخدام ادوات الترجمة الفورية من Google"
    assert article.text.endswith(notice) and notice not in cleaned.text  # the argument is untouched
    assert [s["stage"] for s in article.stages] == ["extract"]


def test_summarize_adds_bullets_like_newscli_summarize() -> None:
    summary = newscli.summarize(newscli.clean(newscli.extract(AR.read_bytes())))
    assert summary.summary == AR_KEY_POINTS  # the publisher's key points
    assert summary.to_dict() == cli_record("summarize", AR)
    two = newscli.summarize(newscli.clean(newscli.extract(EN.read_bytes())), bullets=2)
    assert two.summary == [
        "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge across the harbor, "
        "ending more than ten years of argument over how to link the old port with the fast-growing "
        "eastern districts.",
        "The bridge will carry two traffic lanes, a protected cycle track and a wide footpath.",
    ]
    assert two.to_dict() == cli_record("summarize", EN, "-n", "2")


def test_summarize_leaves_its_argument_unchanged() -> None:
    article = Article(id="x", language="en", text="One sentence here. Another sentence there. A third one.")
    newscli.summarize(article, bullets=1)
    assert (article.summary, article.stages) == ([], [])


def test_read_iterates_every_input_kind_in_a_directory() -> None:
    titles = [a.title for a in newscli.read(SAMPLES)]
    assert titles == [
        "وزارة التربية تعلن موعد بدء العام الدراسي الجديد",
        "رئيس الوزراء يفتتح محطة تحلية مياه البحر الجديدة على الساحل",
        "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية",
        "Harbor bridge wins council vote, construction to start next spring",
        "City Council Approves New Harbor Bridge After Decade of Debate",
        "Le retour des trains de nuit séduit les voyageurs",
        "Solar roofs become mandatory for new homes",
        "La bibliothèque municipale ouvre le dimanche",
    ]
    assert [a.to_dict() for a in newscli.read(str(EN))] == [{**cli_record("extract", EN), "source": str(EN)}]


def test_read_raises_on_a_bad_input_unless_told_to_skip(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "kept", "text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        list(newscli.read(tmp_path))
    assert (error.value.reason, error.value.message) == ("empty", f"{tmp_path / 'a.html'}: empty input")
    assert [a.title for a in newscli.read(tmp_path, skip_errors=True)] == ["kept"]


def test_url_fills_the_record_when_the_page_names_none() -> None:
    page = (
        "<html><body><article><h1>Title</h1><p>"
        + "A sentence of the article body. " * 12
        + "</p></article></body></html>"
    )
    article = newscli.extract(page, url="https://example.com/a")
    assert (article.url, article.source, article.title) == (
        "https://example.com/a",
        "https://example.com/a",
        "Title",
    )


def test_extract_of_a_page_without_an_article_raises_input_error() -> None:
    with pytest.raises(InputError) as error:
        newscli.extract("<html><body><nav>Home</nav></body></html>")
    assert error.value.reason == "no_main_text"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: newscli.extract(123), "newscli.extract() takes the page as str or bytes, not int"),  # type: ignore[arg-type]
        (lambda: newscli.extract("<p>x</p>", url=5), "newscli.extract() takes url as str or None, not int"),  # type: ignore[arg-type]
        (lambda: newscli.clean("text"), "newscli.clean() takes a newscli.model.Article, not str"),  # type: ignore[arg-type]
        (
            lambda: newscli.summarize({"text": "x"}),
            "newscli.summarize() takes a newscli.model.Article, not dict",
        ),  # type: ignore[arg-type]
        (
            lambda: newscli.summarize(Article(text="x"), bullets="3"),
            "newscli.summarize() takes bullets as int, not str",
        ),  # type: ignore[arg-type]
        (
            lambda: newscli.summarize(Article(text="x"), bullets=True),
            "newscli.summarize() takes bullets as int, not bool",
        ),
        (lambda: list(newscli.read(42)), "newscli.read() takes a path as str or os.PathLike, not int"),  # type: ignore[arg-type]
        (
            lambda: list(newscli.read(b"samples")),
            "newscli.read() takes a path as str or os.PathLike, not bytes",
        ),  # type: ignore[arg-type]
    ],
)
def test_wrong_argument_types_raise_a_clear_type_error(call: object, message: str) -> None:
    with pytest.raises(TypeError) as error:
        call()  # type: ignore[operator]
    assert str(error.value) == message


def test_zero_bullets_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^newscli.summarize\(\) needs at least one bullet, not 0$"):
        newscli.summarize(Article(text="x"), bullets=0)


def test_submodules_of_the_same_name_do_not_replace_the_functions() -> None:
    import newscli.clean
    import newscli.summarize
    from newscli.clean import CleanOptions

    assert callable(newscli.clean) and newscli.clean.__name__ == "clean"
    assert newscli.summarize.__name__ == "summarize"
    assert (
        CleanOptions.__module__ == "newscli.clean"
        and sys.modules["newscli.clean"].CleanOptions is CleanOptions
    )
