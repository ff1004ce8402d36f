"""newscli digest: stories from multi-source articles (English, Arabic), formats, filters, bad inputs."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newscli.model import Article
from newscli.parsers.sqlite import read_sqlite
from newscli.runner import Request, execute
from newscli.stories.digest import DigestOptions, digest
from newscli.stories.record import Story, story_id
from newscli.stories.writers import STORY_FORMATS, render
from tests.conftest import GOLDEN, ROOT, FakeEnv, head_one, records, run_cli

DATA = ROOT / "tests" / "data" / "digest"
INPUTS = (str(DATA / "en.jsonl"), str(DATA / "ar.jsonl"))


def _articles() -> list[Article]:
    """The hand-written articles: three reports of a bridge vote, two of a heat wave, one marathon;
    two Arabic reports of a desalination plant and one of exam dates."""
    lines = [line for path in INPUTS for line in Path(path).read_text(encoding="utf-8").splitlines()]
    return [Article.from_dict(json.loads(line)) for line in lines]


def _stories(**options: object) -> list[Story]:
    return list(digest(iter(_articles()), DigestOptions(**options)))  # type: ignore[arg-type]


def test_reports_of_one_event_become_one_story_whatever_their_source() -> None:
    assert [s.articles for s in _stories()] == [
        ["en-ledger-bridge", "en-radio-bridge", "en-times-bridge"],
        ["ar-khabar-water", "ar-sawt-water"],
        ["en-ledger-heat", "en-times-heat"],
        ["ar-khabar-exams"],
        ["en-ledger-marathon"],
    ]


def test_english_story_record_is_exact() -> None:
    assert _stories()[0].to_dict() == {
        "schema": "newscli.story/1",
        "id": "932357f7f22984a4",
        "title": "Harbor bridge wins council vote, costs 412 million dollars",
        "language": "en",
        "date": "2025-03-14T09:30:00+00:00",
        "articles": ["en-ledger-bridge", "en-radio-bridge", "en-times-bridge"],
        "sources": [
            "https://coastal-ledger.example/news/harbor-bridge",
            "https://port-radio.example/bridge",
            "https://bay-times.example/2025/03/15/bridge-vote",
        ],
        "summary": [
            "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge across the harbor, "
            "ending more than ten years of argument over how to link the old port with the eastern districts.",
            "The bridge will carry two traffic lanes, a protected cycle track and a wide footpath.",
            "The harbor bridge approved by the city council on Thursday will cost 412 million dollars, "
            "according to a budget memo.",
        ],
        "bullet_sources": ["en-ledger-bridge", "en-ledger-bridge", "en-times-bridge"],
    }


def test_arabic_story_record_is_exact() -> None:
    assert _stories()[1].to_dict() == {
        "schema": "newscli.story/1",
        "id": "dced9d697ac93fe3",
        "title": "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية",
        "language": "ar",
        "date": "2025-04-02",
        "articles": ["ar-khabar-water", "ar-sawt-water"],
        "sources": [
            "https://alkhabar.example/news/water-plant",
            "https://sawt.example/2025/04/02/desalination",
        ],
        "summary": [
            "افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية بطاقة إنتاجية تبلغ نصف مليون متر مكعب يوميا.",
            "وقال رئيس الوزراء إن محطة التحلية تمثل خطوة أساسية نحو تأمين مياه الشرب للأجيال القادمة.",
            "أعلن وزير الموارد المائية أن محطة تحلية مياه البحر التي افتتحها رئيس الوزراء اليوم تخدم أكثر من مليوني نسمة في خمس محافظات.",
        ],
        "bullet_sources": ["ar-khabar-water", "ar-khabar-water", "ar-sawt-water"],
    }


def test_a_one_article_story_carries_that_articles_summary() -> None:
    marathon = _stories()[-1]
    assert marathon.to_dict() == {
        "schema": "newscli.story/1",
        "id": story_id(["en-ledger-marathon"]),
        "title": "Local runner sets marathon course record",
        "language": "en",
        "date": "2025-03-16T12:00:00+00:00",
        "articles": ["en-ledger-marathon"],
        "sources": ["https://coastal-ledger.example/sport/marathon"],
        "summary": [
            "Amira Haddad won the city marathon on Sunday in 2 hours 21 minutes, a course record.",
            "More than 9,000 runners finished the race in cool morning weather.",
            "Haddad said she would now prepare for the national championships.",
        ],
        "bullet_sources": ["en-ledger-marathon"] * 3,
    }


def test_a_fact_told_by_two_sources_is_one_bullet() -> None:
    bridge = _stories(bullets=6)[0]
    # The radio's lead ("The city council backed a cable-stayed bridge across the harbor on Thursday.")
    # and the Times' last line ("The city council voted 7-2 to fund the cable-stayed bridge across the
    # harbor.") say nothing the ledger's lead did not: neither becomes a bullet.
    assert list(zip(bridge.bullet_sources, bridge.summary, strict=True)) == [
        (
            "en-ledger-bridge",
            "The city council voted 7-2 on Thursday night to fund a cable-stayed bridge across the harbor, ending more than ten years of argument over how to link the old port with the eastern districts.",
        ),
        (
            "en-ledger-bridge",
            "The bridge will carry two traffic lanes, a protected cycle track and a wide footpath.",
        ),
        (
            "en-ledger-bridge",
            "Mayor Elena Ruiz called the vote the most important transport decision in a generation.",
        ),
        ("en-ledger-bridge", "Construction is expected to begin next spring."),
        (
            "en-times-bridge",
            "The harbor bridge approved by the city council on Thursday will cost 412 million dollars, according to a budget memo.",
        ),
        (
            "en-times-bridge",
            "Sixty percent of the money for the harbor bridge will come from a regional transport fund, and the rest from municipal bonds.",
        ),
    ]


def test_story_id_is_the_hash_of_the_sorted_article_ids() -> None:
    expected = hashlib.sha256(b"ar-khabar-water\nar-sawt-water").hexdigest()[:16]
    assert story_id(["ar-sawt-water", "ar-khabar-water"]) == expected == _stories()[1].id


def test_input_order_does_not_change_a_byte() -> None:
    shuffled = _articles()
    random.Random(7).shuffle(shuffled)
    fmt = STORY_FORMATS["jsonl"]
    first = b"".join(render(digest(iter(_articles())), fmt))
    assert b"".join(render(digest(iter(shuffled)), fmt)) == first


def test_an_id_seen_twice_is_one_article() -> None:
    twice = _articles() + _articles()[:2]
    assert [s.articles for s in digest(iter(twice))] == [s.articles for s in _stories()]


def test_dated_reports_a_week_apart_are_two_stories() -> None:
    articles = [a for a in _articles() if a.id in ("en-ledger-heat", "en-times-heat")]
    articles[1].date = "2025-03-24T15:00:00+00:00"
    assert [s.articles for s in digest(iter(articles))] == [["en-times-heat"], ["en-ledger-heat"]]


def test_articles_in_different_languages_are_never_one_story() -> None:
    english = _articles()[0]
    twin = Article.from_dict({**english.to_dict(), "id": "same-text-tagged-fr", "language": "fr"})
    assert [s.articles for s in digest(iter([english, twin]))] == [
        ["same-text-tagged-fr"],
        ["en-ledger-bridge"],
    ]


@pytest.mark.parametrize(
    ("to", "golden"), [("jsonl", "digest.jsonl"), ("markdown", "digest.md"), ("html", "digest.html")]
)
def test_each_format_matches_its_golden_file(to: str, golden: str) -> None:
    result = run_cli("digest", *INPUTS, "--to", to)
    assert result.returncode == 0
    assert result.stderr == b""
    assert result.stdout == (GOLDEN / golden).read_bytes()


def test_json_lines_is_the_default_in_a_pipe() -> None:
    result = run_cli("digest", *INPUTS)
    assert result.stdout == (GOLDEN / "digest.jsonl").read_bytes()
    assert [r["schema"] for r in records(result.stdout)] == ["newscli.story/1"] * 5


def test_output_file_format_follows_its_extension(tmp_path: Path) -> None:
    target = tmp_path / "today.md"
    result = run_cli("digest", *INPUTS, "-o", str(target))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert target.read_bytes() == (GOLDEN / "digest.md").read_bytes()


def test_markdown_wraps_each_arabic_story_in_an_rtl_block() -> None:
    page = (GOLDEN / "digest.md").read_text(encoding="utf-8")
    block = page.split('<div dir="rtl" lang="ar">\n\n')[1].split("\n\n</div>")[0]
    assert block.startswith(
        "## افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية\n\n2025-04-02 · ar · 2 articles\n"
    )
    assert page.count('<div dir="rtl" lang="ar">') == 2
    assert "Harbor bridge" not in block


def test_html_gives_each_story_its_language_and_direction() -> None:
    page = (GOLDEN / "digest.html").read_text(encoding="utf-8")
    sections = [line for line in page.splitlines() if line.startswith("<section")]
    assert sections == [
        '<section id="story-932357f7f22984a4" lang="en" dir="ltr">',
        '<section id="story-dced9d697ac93fe3" lang="ar" dir="rtl">',
        '<section id="story-5905d26b296f55bf" lang="en" dir="ltr">',
        '<section id="story-d9f04d192bcc9d07" lang="ar" dir="rtl">',
        '<section id="story-d26c6d5d48b80fa5" lang="en" dir="ltr">',
    ]
    assert "<script" not in page
    assert "Content-Security-Policy" in page


def test_titles_bullets_and_links_are_escaped_and_only_http_is_linked() -> None:
    hostile = Article(
        id="x1",
        title="<script>alert(1)</script> & *bold*",
        url="javascript:alert(1)",
        language="en",
        text="The <b>mayor</b> said [this](http://evil.example) would happen on Monday morning.",
    )
    stories = list(digest(iter([hostile])))
    html = b"".join(render(stories, STORY_FORMATS["html"])).decode()
    assert "<h2>&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold*</h2>" in html
    assert (
        "<li>The &lt;b&gt;mayor&lt;/b&gt; said [this](http://evil.example) would happen on Monday morning.</li>"
        in html
    )
    assert "href" not in html.split("<main>")[1]
    markdown = b"".join(render(stories, STORY_FORMATS["markdown"])).decode()
    assert "## \\<script\\>alert(1)\\</script\\> \\& \\*bold\\*" in markdown
    assert (
        "- The \\<b\\>mayor\\</b\\> said \\[this\\](http://evil.example) would happen on Monday morning."
        in markdown
    )
    assert "Sources: javascript:alert(1)" in markdown


def test_min_articles_keeps_only_stories_told_by_that_many() -> None:
    result = run_cli("digest", *INPUTS, "--min-articles", "2")
    assert [r["articles"] for r in records(result.stdout)] == [
        ["en-ledger-bridge", "en-radio-bridge", "en-times-bridge"],
        ["ar-khabar-water", "ar-sawt-water"],
        ["en-ledger-heat", "en-times-heat"],
    ]
    assert result.returncode == 0


def test_bullets_option_sets_bullets_per_story() -> None:
    result = run_cli("digest", *INPUTS, "-n", "1")
    assert [len(r["summary"]) for r in records(result.stdout)] == [1, 1, 1, 1, 1]


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    """The articles stored in a newscli SQLite database."""
    path = tmp_path / "news.db"
    result = run_cli("export", *INPUTS, "--to", "sqlite", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_since_with_a_database_keeps_articles_dated_on_or_after_it(database: Path) -> None:
    result = run_cli("digest", str(database), "--since", "2025-03-15")
    assert result.returncode == 0
    assert [r["articles"] for r in records(result.stdout)] == [
        ["ar-khabar-water", "ar-sawt-water"],
        ["ar-khabar-exams"],
        ["en-ledger-marathon"],
        ["en-times-bridge"],
    ]


def test_the_database_reader_filters_in_sql(database: Path) -> None:
    assert [a.id for a in read_sqlite(database, since="2025-03-16")] == [
        "en-ledger-marathon",
        "ar-khabar-water",
        "ar-sawt-water",
        "ar-khabar-exams",
    ]
    assert len(list(read_sqlite(database))) == 9


def test_since_takes_a_date_time_and_leaves_out_undated_records(tmp_path: Path) -> None:
    undated = tmp_path / "undated.jsonl"
    undated.write_text(
        '{"id": "u", "title": "No date", "text": "An article that says nothing of when it was written."}\n'
    )
    result = run_cli("digest", *INPUTS, str(undated), "--since", "2025-03-14T12:00")
    assert [r["articles"] for r in records(result.stdout)] == [  # largest first, then newest
        ["ar-khabar-water", "ar-sawt-water"],
        ["en-radio-bridge", "en-times-bridge"],
        ["ar-khabar-exams"],
        ["en-ledger-marathon"],
        ["en-times-heat"],
    ]


def test_bad_since_is_a_usage_error_before_any_input_is_read() -> None:
    result = run_cli("digest", "no-such-file.jsonl", "--since", "yesterday")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "newscli: error: --since 'yesterday' is not an ISO 8601 date such as 2024-05-01 or 2024-05-01T06:00\n"
    )


def test_a_bad_line_is_reported_and_the_rest_still_grouped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "b1", "text": \n')
    result = run_cli("digest", *INPUTS, str(broken))
    assert result.returncode == 3
    assert len(records(result.stdout)) == 5
    assert result.stderr.decode().startswith(f"newscli: {broken}:1: invalid JSON (")
    assert result.stderr.decode().endswith(" [bad_json]\n")


def test_nothing_readable_exits_1_with_no_output(tmp_path: Path) -> None:
    result = run_cli("digest", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    assert result.stdout == b""
    assert (
        result.stderr.decode()
        == f"newscli: {tmp_path / 'missing.jsonl'}: no such file or directory [not_found]\n"
    )


def test_an_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    result = run_cli("digest", *INPUTS, "--to", "csv")
    assert (result.returncode, result.stdout) == (2, b"")
    assert (
        result.stderr.decode() == "newscli: error: --to 'csv': digest writes one of jsonl, markdown, html\n"
    )


def test_an_existing_output_needs_overwrite_and_a_directory_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "digest.html"
    target.write_text("keep me")
    result = run_cli("digest", *INPUTS, "-o", str(target))
    assert result.returncode == 2
    assert (
        result.stderr.decode() == f"newscli: error: {target} already exists: pass --overwrite to replace it\n"
    )
    assert target.read_text() == "keep me"
    assert run_cli("digest", *INPUTS, "-o", str(target), "--overwrite").returncode == 0
    assert target.read_bytes() == (GOLDEN / "digest.html").read_bytes()
    folder = run_cli("digest", *INPUTS, "-o", f"{tmp_path}/")
    assert folder.returncode == 2
    assert (
        folder.stderr.decode()
        == "newscli: error: digest writes one file: use -o digest.jsonl, not a directory\n"
    )


def test_head_one_ends_quietly(tmp_path: Path) -> None:
    many = tmp_path / "many.jsonl"
    with many.open("w") as out:
        for i in range(2000):
            text = f"Village{i} elected Mayor{i} on Sunday. Turnout in Village{i} reached {i} voters."
            out.write(json.dumps({"id": f"a{i:04d}", "language": "en", "text": text}) + "\n")
    first, status, stderr = head_one("digest", str(many), "-n", "1")
    assert (status, stderr) == (0, b"")
    assert json.loads(first)["schema"] == "newscli.story/1"


def test_terminal_view_right_aligns_arabic_stories() -> None:
    env = FakeEnv.make(stdout_tty=True)
    assert execute(Request("digest", inputs=INPUTS, digest=DigestOptions()), env) == 0
    title_line = next(
        line for line in env.out.splitlines() if "تأجيل امتحانات الثانوية العامة أسبوعا" in line
    )
    assert title_line.rstrip("╮").endswith("تأجيل امتحانات الثانوية العامة أسبوعا ─")
    assert "• Amira Haddad won the city marathon on Sunday in 2 hours 21 minutes, a course record." in env.out
    assert "(bay-times.example)" in env.out  # multi-source bullets name their source
    assert '"schema"' not in env.out


@pytest.mark.parametrize("args", [["--help"], ["digest", "--help"]])
def test_help_imports_neither_the_stories_nor_the_extraction_stack(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from newscli.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('newscli.stories', 'newscli.stories.digest', 'trafilatura', 'bs4', 'rich.panel')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.stderr.decode().strip().splitlines()[-1] == "[]"


def test_digest_of_records_never_loads_the_html_extractor() -> None:
    code = (
        "import sys\n"
        "from newscli.cli import app\n"
        f"try:\n    app(['digest', *{list(INPUTS)!r}, '-o', '/dev/null', '--overwrite'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('trafilatura', 'bs4', 'lxml') if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert done.stderr.decode().strip().splitlines()[-1] == "[]"
