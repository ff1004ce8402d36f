"""The command-line contract, through real subprocesses: inputs, pipes, exit codes, stderr manners."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, head_one, records, run_cli

EN, AR, FR = "en-harbor-bridge.html", "ar-water-plant.html", "fr-trains-nuit.html"
EN_TITLE = "City Council Approves New Harbor Bridge After Decade of Debate"
AR_TITLE = "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية"
FR_TITLE = "Le retour des trains de nuit séduit les voyageurs"
TXT_TITLE = "وزارة التربية تعلن موعد بدء العام الدراسي الجديد"
AR2_TITLE = "رئيس الوزراء يفتتح محطة تحلية مياه البحر الجديدة على الساحل"  # the same story, another site
EN2_TITLE = "Harbor bridge wins council vote, construction to start next spring"
JSONL_TITLES = ["Solar roofs become mandatory for new homes", "La bibliothèque municipale ouvre le dimanche"]
ALL_TITLES = [TXT_TITLE, AR2_TITLE, AR_TITLE, EN2_TITLE, EN_TITLE, FR_TITLE, *JSONL_TITLES]
STAGES_ON_PAGES = {
    "extract": ["extract"],
    "clean": ["extract", "clean"],
    "summarize": ["extract", "clean", "summarize"],
    "export": ["extract", "clean", "summarize"],
    "run": ["extract", "clean", "summarize"],
}


@pytest.mark.parametrize("command", list(STAGES_ON_PAGES))
def test_each_command_reads_a_directory_in_sorted_order(command: str) -> None:
    result = run_cli(command, "samples/")
    assert result.returncode == 0, result.stderr.decode()
    if command == "run":  # a batch ends with one summary line on stderr, nothing else
        (summary,) = result.stderr.decode().splitlines()
        assert summary.startswith(
            "newscli: run done: 7 new, 0 unchanged, 0 skipped, 0 failed; 8 articles in "
        )
    else:
        assert result.stderr == b""
    out = records(result.stdout)
    assert [r["title"] for r in out] == ALL_TITLES
    assert [s["stage"] for s in out[2]["stages"]] == STAGES_ON_PAGES[command]


@pytest.mark.parametrize("command", list(STAGES_ON_PAGES))
def test_each_command_reads_a_file_a_glob_dash_and_piped_stdin(command: str) -> None:
    page = (SAMPLES / EN).read_bytes()
    by_file = records(run_cli(command, f"samples/{EN}").stdout)
    by_glob = records(run_cli(command, "samples/*.html").stdout)
    by_dash = records(run_cli(command, "-", stdin=page).stdout)
    by_pipe = records(run_cli(command, stdin=page).stdout)
    assert [r["title"] for r in by_file] == [EN_TITLE]
    assert [r["title"] for r in by_glob] == [AR2_TITLE, AR_TITLE, EN2_TITLE, EN_TITLE, FR_TITLE]
    assert [(r["title"], r["source"]) for r in by_dash] == [(EN_TITLE, "-")]
    assert by_pipe == by_dash
    assert by_file[0]["id"] == by_dash[0]["id"] == by_glob[3]["id"]


def _pipe(*commands: list[str]) -> tuple[list[dict[str, object]], list[bytes]]:
    """Run `newscli A | newscli B | ...` as real processes connected by OS pipes."""
    procs: list[subprocess.Popen[bytes]] = []
    errors = [tempfile.TemporaryFile() for _ in commands]  # noqa: SIM115 (closed below)
    previous = None
    for args, err in zip(commands, errors, strict=True):
        proc = subprocess.Popen(
            [sys.executable, "-m", "newscli", *args],
            stdin=previous.stdout if previous else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=ROOT,
        )
        if previous and previous.stdout:
            previous.stdout.close()
        procs.append(proc)
        previous = proc
    out, _ = procs[-1].communicate(timeout=120)
    codes = [p.wait(timeout=120) for p in procs]
    errs = []
    for err in errors:
        err.seek(0)
        errs.append(err.read())
        err.close()
    assert codes == [0] * len(procs), errs
    return json.loads(out), errs


def test_four_stage_pipe_on_the_english_page() -> None:
    (article,), errs = _pipe(
        ["extract", f"samples/{EN}"],
        ["clean"],
        ["summarize", "-n", "3"],
        ["export", "--to", "json"],
    )
    assert errs == [b"", b"", b"", b""]
    assert article["title"] == EN_TITLE
    assert article["authors"] == ["Jane Doe", "John Smith"]
    assert article["language"] == "en" and article["direction"] == "ltr"
    assert len(article["summary"]) == 3
    assert article["summary"][0].startswith("The city council voted 7-2 on Thursday night")
    assert "Read more:" not in article["text"] and "Share this article" not in article["text"]
    assert [s["stage"] for s in article["stages"]] == ["extract", "clean", "summarize"]


def test_four_stage_pipe_on_the_arabic_page() -> None:
    (article,), errs = _pipe(
        ["extract", f"samples/{AR}"],
        ["clean"],
        ["summarize", "-n", "3"],
        ["export", "--to", "json"],
    )
    assert errs == [b"", b"", b"", b""]
    assert article["title"] == AR_TITLE
    assert article["authors"] == ["أحمد سالم"] and article["sitename"] == "الخبر اليوم"
    assert article["language"] == "ar" and article["direction"] == "rtl" and article["date"] is None
    highlights = [
        "المحطة تنتج نصف مليون متر مكعب من المياه يومياً",
        "المشروع يخدم أكثر من مليوني نسمة في خمس محافظات",
        "الطاقة الشمسية تغطي ثلث احتياجات المحطة من الكهرباء",
    ]
    assert article["highlights"] == highlights
    assert article["summary"] == highlights
    for boilerplate in ("اقرأ |", "تمت ترجمة", "اترك تعليق", "لن يتم نشر"):
        assert boilerplate not in article["text"]


def test_bad_inputs_fail_one_line_each_and_the_rest_is_written(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good_one, good_two = '{"title": "good one", "text": "First."}', '{"title": "good two", "text": "Second."}'
    (tmp_path / "mixed.jsonl").write_text(f'{good_one}\n{{"title": "broken\n{good_two}\n')
    result = run_cli("extract", str(tmp_path), f"samples/{EN}")
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == [
        f"newscli: {tmp_path / 'empty.html'}: empty input [empty]",
        f"newscli: {tmp_path / 'image.html'}: binary data, not HTML, text or JSON Lines [binary]",
        f"newscli: {tmp_path / 'mixed.jsonl'}:2: invalid JSON"
        " (Unterminated string starting at: line 1 column 11 (char 10)) [bad_json]",
    ]
    assert [r["title"] for r in records(result.stdout)] == ["good one", "good two", EN_TITLE]


def test_nothing_processed_exits_1_and_missing_file_is_named(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nope.html"))
    assert result.returncode == 1
    assert result.stdout == b""
    assert (
        result.stderr.decode()
        == f"newscli: {tmp_path / 'nope.html'}: no such file or directory [not_found]\n"
    )


@pytest.mark.parametrize(("command", "count"), [("extract", 3000), ("run", 400)])
def test_head_one_ends_quietly(tmp_path: Path, command: str, count: int) -> None:
    many = tmp_path / "many.jsonl"
    line = json.dumps({"title": "t", "text": "Word after word. " * 60}) + "\n"
    many.write_text(line * count)  # far more than a pipe buffer holds
    first, status, stderr = head_one(command, str(many), timeout=60)
    assert (status, stderr) == (0, b"")
    assert json.loads(first)["title"] == "t"


def test_no_input_on_a_terminal_prints_help_and_exits_2() -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "newscli", "extract"],
            stdin=terminal,
            capture_output=True,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"Usage: newscli extract [OPTIONS] [INPUT]..." in result.stderr


def test_version_is_printed() -> None:
    from newscli import __version__

    assert run_cli("--version").stdout.decode() == f"newscli {__version__}\n"


def test_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    result = run_cli("export", "samples/records.jsonl", "--to", "docx")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "newscli: error: --to 'docx': choose one of jsonl, json, csv, tsv, markdown, html, txt, sqlite, parquet\n"
    )


@pytest.mark.parametrize(
    "args",
    [["--help"], ["extract", "--help"], ["export", "samples/records.jsonl", "--to", "csv"]],
)
def test_help_and_export_do_not_import_the_extraction_stack(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from newscli.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('trafilatura', 'lxml', 'bs4', 'charset_normalizer', 'py3langid')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.stderr.decode().strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("args", "status"), [(["--version"], 0), (["extract", "no-such-file.html"], 1)])
def test_main_freezes_the_heap_on_the_way_out_so_exit_skips_the_last_collection(
    args: list[str], status: int
) -> None:
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "from newscli.cli import main\n"
        f"sys.argv = ['newscli', *{args!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == status
    assert result.stderr.decode().splitlines()[-1] == "frozen True"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["clean", "--keep", "adverts"],
            "newscli: error: unknown --keep category 'adverts'; choose one of: related,",
        ),
        (
            ["summarize", "--method", "magic"],
            "newscli: error: unknown --method 'magic'; choose one of: centrality,",
        ),
        (
            ["summarize", "--order", "random"],
            "newscli: error: unknown --order 'random'; choose one of: document,",
        ),
        (
            ["extract", "--encoding", "klingon"],
            "newscli: error: unknown --encoding 'klingon'; try utf-8, windows-1256 or iso-8859-6",
        ),
    ],
)
def test_unknown_choices_fail_before_reading_input(args: list[str], message: str) -> None:
    result = run_cli(*args, "samples/records.jsonl")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().startswith(message)


def test_clean_on_a_plain_text_arabic_article_gives_fields_and_drops_boilerplate() -> None:
    result = run_cli("clean", "samples/ar-school-year.txt")
    assert result.returncode == 0 and result.stderr == b""
    (article,) = records(result.stdout)
    assert article["title"] == TXT_TITLE
    assert article["authors"] == ["محمود فؤاد"] and article["sitename"] == "صوت المدينة"
    assert article["language"] == "ar" and article["direction"] == "rtl"
    assert article["highlights"] == [
        "العام الدراسي يبدأ في الأسبوع الأول من سبتمبر",
        "توزيع الكتب المدرسية قبل بدء الدراسة بأسبوعين",
        "تعيين ثلاثة آلاف معلم جديد في المدارس الحكومية",
    ]
    paragraphs = article["text"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("أعلنت وزارة التربية والتعليم اليوم أن العام الدراسي الجديد سيبدأ")
    assert paragraphs[3].endswith("ومن المتوقع الانتهاء منها قبل نهاية شهر أغسطس.")


def test_quiet_run_prints_no_summary_and_verbose_names_warnings(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    body = "<p>" + "ذهب الوزير إلى المؤتمر وتحدث عن خطة المياه الجديدة في المدن الساحلية. " * 6 + "</p>"
    page.write_bytes(f"<html><body><article>{body * 3}</article></body></html>".encode("windows-1256"))
    quiet = run_cli("run", str(page), "-q", "-j", "1")
    assert quiet.returncode == 0 and quiet.stderr == b""
    verbose = run_cli("extract", str(page), "-v")
    assert (
        verbose.stderr.decode()
        == f"newscli: {page}: ok (ar; 1 paragraph; stages extract; warnings: encoding_guessed)\n"
    )


def test_incremental_run_takes_the_format_from_the_output_name(tmp_path: Path) -> None:
    db, state = tmp_path / "news.db", tmp_path / "state.db"
    first = run_cli("run", "samples/", "-o", str(db), "--state", str(state))
    again = run_cli("run", "samples/", "-o", str(db), "--state", str(state))
    assert (first.returncode, again.returncode) == (0, 0)
    assert first.stderr.decode().startswith(
        "newscli: run done: 7 new, 0 unchanged, 0 skipped, 0 failed; 8 articles in "
    )
    assert again.stderr.decode().startswith(
        "newscli: run done: 0 new, 7 unchanged, 0 skipped, 0 failed; 0 articles in "
    )
    assert [r["title"] for r in records(run_cli("export", str(db), "--to", "jsonl").stdout)] == ALL_TITLES
