"""The runner with a fake environment: terminal view versus JSON Lines, stdin rules, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscli.errors import ExitCode, UsageError
from newscli.runner import Request, Tally, execute, exit_code
from tests.conftest import SAMPLES, FakeEnv

RECORDS = str(SAMPLES / "records.jsonl")


def test_terminal_stdout_gets_the_readable_view() -> None:
    env = FakeEnv.make(stdout_tty=True)
    assert execute(Request("extract", inputs=(RECORDS,)), env) == ExitCode.OK
    assert "Solar roofs become mandatory for new homes" in env.out
    assert "Every new home built from next year must carry solar panels" in env.out
    assert '"schema"' not in env.out
    assert "\x1b[" not in env.out  # NO_COLOR is honoured


def test_piped_stdout_gets_json_lines() -> None:
    env = FakeEnv.make(stdout_tty=False)
    assert execute(Request("extract", inputs=(RECORDS,)), env) == ExitCode.OK
    lines = env.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('{"schema": "newscli.article/1", "id": "rec-solar-roofs", "source": "records"')
    assert env.err == ""


def test_force_color_colours_the_terminal_view() -> None:
    env = FakeEnv.make(stdout_tty=True, environ={"FORCE_COLOR": "1", "COLUMNS": "100"})
    execute(Request("extract", inputs=(RECORDS,)), env)
    assert "\x1b[" in env.out


def test_arabic_view_is_right_aligned_and_never_reordered() -> None:
    line = '{"title": "عنوان الخبر", "text": "هذا نص الخبر.", "direction": "rtl"}\n'
    env = FakeEnv.make(stdin=line.encode("utf-8"), stdout_tty=True)
    execute(Request("extract"), env)
    body_line = next(line for line in env.out.splitlines() if "هذا نص الخبر." in line)
    assert body_line.rstrip("│ ").endswith("هذا نص الخبر.")
    assert body_line.index("هذا") > 50


def test_piped_stdin_is_read_when_no_input_is_given() -> None:
    env = FakeEnv.make(stdin=b'{"title": "from stdin", "text": "x"}\n')
    assert execute(Request("extract"), env) == ExitCode.OK
    assert '"title": "from stdin"' in env.out


def test_terminal_stdin_without_input_is_a_usage_error() -> None:
    env = FakeEnv.make(stdin_tty=True)
    with pytest.raises(UsageError, match="no input given"):
        execute(Request("extract"), env)


@pytest.mark.parametrize(
    ("written", "failed", "code"),
    [(2, 0, ExitCode.OK), (2, 1, ExitCode.PARTIAL), (0, 1, ExitCode.NOTHING_PROCESSED), (0, 0, 1)],
)
def test_exit_code_says_what_happened(written: int, failed: int, code: int) -> None:
    assert exit_code(Tally(written=written, failed=failed)) == code


def test_verbose_says_what_each_article_is_and_quiet_default_says_nothing() -> None:
    env = FakeEnv.make()
    env.verbose = True
    execute(Request("extract", inputs=(RECORDS,)), env)
    assert env.err.splitlines() == [
        "newscli: records: ok (en; 3 paragraphs; stages none)",
        "newscli: records: ok (fr; 3 paragraphs; stages none)",
    ]
    plain = FakeEnv.make()
    execute(Request("extract", inputs=(RECORDS,)), plain)
    assert plain.err == ""


def test_a_watched_stderr_gets_a_progress_bar_and_failure_lines_still_print(tmp_path: Path) -> None:
    (tmp_path / "a-empty.html").write_bytes(b"")
    (tmp_path / "b.jsonl").write_text('{"title": "kept", "text": "x"}\n')
    env = FakeEnv.make(environ={"COLUMNS": "80", "NO_COLOR": "1"})
    env.stderr_isatty = True
    assert execute(Request("extract", inputs=(str(tmp_path),)), env) == ExitCode.PARTIAL
    assert "newscli extract" in env.err  # the bar's label, drawn on stderr only
    assert f"newscli: {tmp_path / 'a-empty.html'}: empty input [empty]" in env.err
    assert [json.loads(line)["title"] for line in env.out.splitlines()] == ["kept"]
