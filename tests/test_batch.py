"""Batch runs through the library API: order, timeouts, incremental state, lock, outputs, error report."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from newscli.batch import BatchOptions, run_batch
from newscli.batch.lock import hold_lock, lock_path
from newscli.errors import ExitCode, OutputError, UsageError
from newscli.export import ExportOptions
from newscli.runner import Request, execute
from tests.conftest import FakeEnv
from tests.faults import fork_workers, install

STORY = (
    "{title}\n\nThe city council approved the new harbor bridge on Monday after a long debate.\n\n"
    "The bridge will connect the old town with the port district, officials said. Work starts next year.\n\n"
    "Residents welcomed the decision, though some worried about traffic during the works.\n"
)


def make_inputs(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Plain-text articles a00.txt, a01.txt, ... each with its own headline."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"a{number:02d}.txt"
        path.write_text(
            STORY.format(title=f"Council approves harbor bridge number {number}"), encoding="utf-8"
        )
        paths.append(path)
    return paths


def batch(
    inputs: Path, env: FakeEnv | None = None, export: ExportOptions | None = None, **options: object
) -> tuple[ExitCode, FakeEnv]:
    """Run one batch over a folder with the given BatchOptions fields."""
    env = env or FakeEnv.make()
    request = Request(command="run", inputs=(str(inputs),), export=export)
    return run_batch(request, BatchOptions(**options), env), env  # type: ignore[arg-type]


def jsonl(path: Path) -> list[dict[str, object]]:
    """Records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary(env: FakeEnv) -> str:
    """The summary line without its timing part."""
    line = [entry for entry in env.err.splitlines() if entry.startswith("newscli: run ")][-1]
    return line.split(" articles in ")[0]


def test_two_jobs_write_the_same_bytes_in_input_order_as_one_job(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 6)
    one, env_one = batch(tmp_path / "in", jobs=1)
    two, env_two = batch(tmp_path / "in", jobs=2)
    single = FakeEnv.make()
    execute(Request(command="run", inputs=(str(tmp_path / "in"),)), single)
    assert (one, two) == (ExitCode.OK, ExitCode.OK)
    assert env_two.out == env_one.out == single.out
    assert [r["title"] for r in map(json.loads, env_two.out.splitlines())] == [
        f"Council approves harbor bridge number {n}" for n in range(6)
    ]


def test_stuck_input_is_killed_after_timeout_and_fails_with_reason_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_inputs(tmp_path / "in", 3)
    fork_workers(monkeypatch)
    install({"slow": {"a01.txt": 30}}, monkeypatch)
    code, env = batch(tmp_path / "in", jobs=2, timeout=1.0, errors=tmp_path / "errors.jsonl")
    assert code == ExitCode.PARTIAL
    assert [r["source"] for r in map(json.loads, env.out.splitlines())] == [
        str(tmp_path / "in" / "a00.txt"),
        str(tmp_path / "in" / "a02.txt"),
    ]
    assert jsonl(tmp_path / "errors.jsonl") == [
        {
            "source": str(tmp_path / "in" / "a01.txt"),
            "reason": "timeout",
            "message": "no result after 1 s; the worker was stopped (see --timeout)",
        }
    ]


def test_dead_worker_fails_only_its_input_as_crashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_inputs(tmp_path / "in", 3)
    fork_workers(monkeypatch)
    install({"exit": {"a00.txt": 70}}, monkeypatch)
    code, env = batch(tmp_path / "in", jobs=2)
    assert code == ExitCode.PARTIAL
    assert len(env.out.splitlines()) == 2
    assert f"newscli: {tmp_path / 'in' / 'a00.txt'}: the worker process died (exit 70) [crashed]" in env.err


def test_second_run_skips_unchanged_inputs_and_says_so(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 3)
    state = tmp_path / "state.db"
    first, env_first = batch(tmp_path / "in", state=state, jobs=1)
    second, env_second = batch(tmp_path / "in", state=state, jobs=1)
    assert (first, second) == (ExitCode.OK, ExitCode.OK)
    assert summary(env_first) == "newscli: run done: 3 new, 0 unchanged, 0 skipped, 0 failed; 3"
    assert summary(env_second) == "newscli: run done: 0 new, 3 unchanged, 0 skipped, 0 failed; 0"
    assert env_second.out == ""


def test_summary_line_gives_seconds_and_pages_per_second(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 2)
    _, env = batch(tmp_path / "in", jobs=1)
    assert re.fullmatch(
        r"newscli: run done: 2 new, 0 unchanged, 0 skipped, 0 failed; 2 articles in \d+\.\d s \(\d+\.\d pages/s\)\n",
        env.err,
    )


def test_changed_input_replaces_its_old_article_in_a_jsonl_file(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path / "in", 3)
    state, out = tmp_path / "state.db", tmp_path / "out.jsonl"
    export = ExportOptions(to="jsonl", output=str(out))
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    old_ids = [r["id"] for r in jsonl(out)]
    paths[1].write_text(STORY.format(title="Council rejects the bridge after all"), encoding="utf-8")
    code, env = batch(tmp_path / "in", export=export, state=state, jobs=1)
    titles = [r["title"] for r in jsonl(out)]
    assert code == ExitCode.OK
    assert summary(env) == "newscli: run done: 1 new, 2 unchanged, 0 skipped, 0 failed; 1"
    assert sorted(titles) == sorted(
        ["Council approves harbor bridge number 0", "Council rejects the bridge after all",
         "Council approves harbor bridge number 2"]
    )  # fmt: skip
    assert old_ids[1] not in [r["id"] for r in jsonl(out)]


def test_new_inputs_are_added_to_a_jsonl_file_without_losing_or_repeating_earlier_ones(
    tmp_path: Path,
) -> None:
    make_inputs(tmp_path / "in", 2)
    state, out = tmp_path / "state.db", tmp_path / "out.jsonl"
    export = ExportOptions(to="jsonl", output=str(out))
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    make_inputs(tmp_path / "in", 2, start=2)
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    assert [r["title"] for r in jsonl(out)] == [
        f"Council approves harbor bridge number {n}" for n in range(4)
    ]


def test_existing_jsonl_file_is_not_adopted_without_overwrite(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    out.write_text("{}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists: pass --overwrite"):
        batch(
            tmp_path / "in",
            export=ExportOptions(to="jsonl", output=str(out)),
            state=tmp_path / "s.db",
            jobs=1,
        )


def test_failed_input_is_skipped_next_time_unless_retry_failed(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    state = tmp_path / "state.db"
    first, _ = batch(tmp_path / "in", state=state, jobs=1)
    second, env_second = batch(tmp_path / "in", state=state, jobs=1)
    third, env_third = batch(tmp_path / "in", state=state, jobs=1, retry_failed=True)
    assert (first, second, third) == (ExitCode.PARTIAL, ExitCode.OK, ExitCode.PARTIAL)
    assert summary(env_second) == "newscli: run done: 0 new, 3 unchanged, 0 skipped, 0 failed; 0"
    assert summary(env_third) == "newscli: run done: 0 new, 2 unchanged, 0 skipped, 1 failed; 0"


def test_force_redoes_every_input(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 2)
    state = tmp_path / "state.db"
    batch(tmp_path / "in", state=state, jobs=1)
    _, env = batch(tmp_path / "in", state=state, jobs=1, force=True)
    assert summary(env) == "newscli: run done: 2 new, 0 unchanged, 0 skipped, 0 failed; 2"


def test_changed_options_redo_every_input(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 2)
    state = tmp_path / "state.db"
    batch(tmp_path / "in", state=state, jobs=1)
    _, env = batch(tmp_path / "in", export=ExportOptions(to="csv"), state=state, jobs=1)
    assert summary(env) == "newscli: run done: 2 new, 0 unchanged, 0 skipped, 0 failed; 2"


def test_second_run_on_a_locked_state_exits_75_at_once(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    state = tmp_path / "state.db"
    with hold_lock(lock_path(state)):
        code, env = batch(tmp_path / "in", state=state, jobs=1)
    assert code == ExitCode.LOCKED == 75
    assert re.fullmatch(
        rf"newscli: another newscli run \(pid \d+\) is using {re.escape(str(state))}; try again later\n",
        env.err,
    )


def test_errors_file_holds_one_json_object_per_failed_input(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    (tmp_path / "in" / "empty.txt").write_bytes(b"  \n")
    code, _ = batch(tmp_path / "in", jobs=1, errors=tmp_path / "errors.jsonl")
    assert code == ExitCode.PARTIAL
    assert jsonl(tmp_path / "errors.jsonl") == [
        {"source": str(tmp_path / "in" / "empty.txt"), "reason": "empty", "message": "empty input"}
    ]


def test_directory_output_keeps_file_names_and_deletes_a_superseded_article(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path / "in", 2)
    state, out = tmp_path / "state.db", tmp_path / "out"
    export = ExportOptions(to="jsonl", output=f"{out}/")
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    before = sorted(p.name for p in out.iterdir())
    paths[0].write_text(STORY.format(title="A different headline"), encoding="utf-8")
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    assert before == [
        "council-approves-harbor-bridge-number-0.jsonl",
        "council-approves-harbor-bridge-number-1.jsonl",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "a-different-headline.jsonl",
        "council-approves-harbor-bridge-number-1.jsonl",
    ]


def test_sqlite_output_holds_each_article_once_after_a_change(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path / "in", 2)
    state, out = tmp_path / "state.db", tmp_path / "news.db"
    export = ExportOptions(to="sqlite", output=str(out))
    batch(tmp_path / "in", export=export, state=state, jobs=1)
    paths[1].write_text(STORY.format(title="A different headline"), encoding="utf-8")
    batch(tmp_path / "in", export=export, state=state, jobs=1, force=True)
    with sqlite3.connect(out) as db:
        titles = sorted(row[0] for row in db.execute("SELECT title FROM articles"))
    assert titles == ["A different headline", "Council approves harbor bridge number 0"]


def test_state_mode_refuses_a_single_csv_file_naming_the_alternatives(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    with pytest.raises(UsageError, match="use --to jsonl, --to sqlite or -o DIR/"):
        batch(
            tmp_path / "in",
            export=ExportOptions(to="csv", output=str(tmp_path / "o.csv")),
            state=tmp_path / "s",
        )


def test_a_file_that_is_not_a_state_is_refused(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(UsageError, match="is not a newscli state file"):
        batch(tmp_path / "in", state=other, jobs=1)


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.k3j2h1.tmp"
    stale.write_text("half a rec", encoding="utf-8")
    batch(tmp_path / "in", export=ExportOptions(to="jsonl", output=str(out)), state=tmp_path / "s.db", jobs=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl", "s.db", "s.db.lock"]


def test_unknown_engine_is_a_usage_error_naming_the_choices(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="choose one of local, dask"):
        batch(tmp_path, engine="spark")


def test_a_state_path_that_cannot_be_used_is_one_output_error_naming_it(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 1)
    (tmp_path / "s.lock").mkdir()
    with pytest.raises(OutputError) as lock:
        batch(tmp_path / "in", state=tmp_path / "s", jobs=1)
    (tmp_path / "dir").mkdir()
    with pytest.raises(OutputError) as state:
        batch(tmp_path / "in", state=tmp_path / "dir", jobs=1)
    assert lock.value.message == f"{tmp_path}/s.lock: cannot write (Is a directory)"
    assert state.value.message == f"{tmp_path}/dir: cannot write (unable to open database file)"
