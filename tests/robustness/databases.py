"""SQLite under attack: damaged values and pages in a newscli database read back, the disk filling
under the -o database or the --state database, and state or output paths newscli cannot use.

One kind of problem, one answer: a file newscli cannot write (full, read-only, a directory in the
way) is `newscli: <path>: cannot write (<why>) [output]` and exit 1, whether it is the output, the
state, its lock or the error report; a file that holds the wrong thing is a usage error (exit 2).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.robustness.harness import Outcome, child_env, run_newscli
from tests.robustness.inputs import good_page, good_record, without_file_permission_override
from tests.robustness.names import strict_json_lines
from tests.robustness.outputs import limit_file_size, many_records
from tests.robustness.scenario import Check, Line, Scenario, failed

SCHEMA_10MB = "x" * 10_000_000
GOOD_ID = json.loads(good_record())["id"]


def newscli_database(path: Path, count: int, text: str = "Body of record {n}, a few words long.") -> None:
    """A database written by newscli's own sqlite writer."""
    from newscli.export import ExportOptions, write_articles
    from newscli.model import Article

    articles = (Article(id=f"r{n:04d}", title=f"Record {n}", text=text.format(n=n)) for n in range(count))
    with open(os.devnull, "wb") as nowhere:
        write_articles(articles, ExportOptions(to="sqlite", output=str(path)), nowhere)


# Each damage: (SQL with one ? for the value, the value, the reason its row fails with).
DAMAGE: list[tuple[str, object, str]] = [
    ("UPDATE articles SET tags = ? WHERE id = 'r0001'", "not json[", "bad_record"),
    ("UPDATE articles SET stages = ? WHERE id = 'r0002'", "[1,2", "bad_record"),
    ("UPDATE articles SET title = ? WHERE id = 'r0003'", b"\xff\xfe\x00binary", "bad_encoding"),
    ("UPDATE articles SET text = CAST(? AS TEXT) WHERE id = 'r0004'", b"caf\xe9", "bad_encoding"),
    ("UPDATE articles SET extra = ? WHERE id = 'r0005'", "[1]", "bad_record"),
    ("UPDATE articles SET authors = ? WHERE id = 'r0006'", '{"name": 1}', "bad_record"),
    ("UPDATE articles SET summary = ? WHERE id = 'r0007'", "[NaN]", "bad_record"),
    ("UPDATE articles SET schema = ? WHERE id = 'r0008'", SCHEMA_10MB, "bad_schema"),
]


def damaged_values(folder: Path) -> Scenario:
    """Eight rows with one damaged value each, two good rows, and two more inputs beside the database."""
    newscli_database(folder / "h.db", 10)
    with sqlite3.connect(folder / "h.db") as db:
        for sql, value, _ in DAMAGE:
            db.execute(sql, (value,))
    (folder / "other.jsonl").write_bytes(good_record() + b"\n")
    good = good_page(folder)
    return Scenario(
        ["export", "h.db", "other.jsonl", good, "--to", "jsonl"],
        code=3,
        errors=[failed(f"h.db#{n + 2}", reason) for n, (_, _, reason) in enumerate(DAMAGE)],
        articles=2 + 1 + 1,
        checks=[sources_end_with([GOOD_ID, good]), lines_shorter_than(1000)],
    )


def sources_end_with(last: list[str]) -> Check:
    """A check that the output is strict JSON and its last records are these (the `source` of a page,
    the `id` of a record read back), in order."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Compare the last records."""
        records = strict_json_lines(outcome)[-len(last) :]
        tail = [r["id"] if r["id"] in last else r["source"] for r in records]
        assert tail == last, tail

    return check


def lines_shorter_than(limit: int) -> Check:
    """A check that no stderr line repeats a long value."""

    def check(outcome: Outcome, folder: Path) -> None:
        """The longest stderr line."""
        longest = max((len(line) for line in outcome.stderr.splitlines()), default=0)
        assert longest < limit, f"a stderr line of {longest:,} characters"

    return check


def damaged_pages(folder: Path) -> Scenario:
    """A database whose middle half is overwritten: the rows before the damage are written, one line
    says the rest could not be read, the inputs after it are still processed."""
    newscli_database(folder / "h.db", 3000)
    data = bytearray((folder / "h.db").read_bytes())
    data[len(data) // 4 : len(data) * 3 // 4] = b"Z" * (len(data) * 3 // 4 - len(data) // 4)
    (folder / "h.db").write_bytes(bytes(data))
    (folder / "other.jsonl").write_bytes(good_record() + b"\n")
    good = good_page(folder)
    return Scenario(
        ["export", "h.db", "other.jsonl", good, "--to", "jsonl"],
        code=3,
        errors=[failed("h.db", "bad_database")],
        articles=None,
        checks=[sources_end_with([GOOD_ID, good])],
    )


# ---------------------------------------------------------------- the disk fills under SQLite


def is_whole_database(name: str, at_least: int = 0) -> Check:
    """A check that the database left behind (if any) passes SQLite's integrity check."""

    def check(outcome: Outcome, folder: Path) -> None:
        """PRAGMA integrity_check and a row count."""
        path = folder / name
        if not path.exists():
            return
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("SELECT count(*) FROM articles").fetchone()[0] >= at_least

    return check


def export_disk_full(folder: Path) -> Scenario:
    """The file-size limit is hit while `export` fills -o x.db: one [output] line, a sound database."""
    many_records(folder, 5_000)
    return Scenario(
        ["export", "many.jsonl", "-o", "x.db"],
        code=1,
        errors=[failed("x.db", "output")],
        articles=0,
        checks=[is_whole_database("x.db")],
        preexec=limit_file_size,
    )


def overwrite_disk_full(folder: Path) -> Scenario:
    """The same with --overwrite over an existing database: the old one is kept byte for byte."""
    many_records(folder, 5_000)
    newscli_database(folder / "x.db", 3)
    before = (folder / "x.db").read_bytes()

    def old_database_kept(outcome: Outcome, folder: Path) -> None:
        """Same bytes, and no temporary database beside it."""
        assert (folder / "x.db").read_bytes() == before
        assert not [p.name for p in folder.iterdir() if p.name.startswith(".x.db.")]

    return Scenario(
        ["export", "many.jsonl", "-o", "x.db", "--overwrite"],
        code=1,
        errors=[failed("x.db", "output")],
        articles=0,
        checks=[old_database_kept],
        preexec=limit_file_size,
    )


def rerun_completes(args: list[str], check: Callable[[Path], None]) -> Check:
    """A check that the same run, with room on the disk again, finishes the job."""

    def rerun(outcome: Outcome, folder: Path) -> None:
        """Run again without the limit; then the job's own check."""
        again = run_newscli(args, cwd=folder, env=child_env())
        assert again.code == 0 and "Traceback" not in again.stderr, again.stderr[-2000:]
        check(folder)

    return rerun


def batch_output_disk_full(folder: Path) -> Scenario:
    """`run --state s -o x.db` while the database cannot grow: one line naming x.db; the next run (with
    room again) leaves every article in it exactly once."""
    many_records(folder, 5_000)
    args = ["run", "many.jsonl", "--state", "s", "-o", "x.db", "-j", "1", "-q"]

    def every_article_once(folder: Path) -> None:
        """5,000 distinct ids."""
        with sqlite3.connect(folder / "x.db") as db:
            assert db.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (5000, 5000)

    return Scenario(
        args,
        code=1,
        errors=[failed("x.db", "output")],
        articles=0,
        checks=[is_whole_database("x.db"), rerun_completes(args, every_article_once)],
        preexec=limit_file_size,
    )


def state_disk_full(folder: Path) -> Scenario:
    """`run --state s -o out/` while the state database cannot grow (the files are small): one line
    naming the state; the next run leaves one file per article and no temporary file."""
    many_records(folder, 300)
    args = ["run", "many.jsonl", "--state", "s", "-o", "out/", "-j", "1", "-q"]

    def one_file_each(folder: Path) -> None:
        """300 files, none hidden."""
        names = os.listdir(folder / "out")
        assert len(names) == 300 and not [n for n in names if n.startswith(".")], len(names)

    return Scenario(
        args,
        code=1,
        errors=[failed("s", "output")],
        articles=0,
        checks=[rerun_completes(args, one_file_each)],
        preexec=limit_file_size,
    )


# ---------------------------------------------------------------- paths newscli cannot use


def unusable(
    args: Callable[[Path], list[str]], name: str, why: str, readonly: bool = True
) -> Callable[[Path], Scenario]:
    """A run whose output, state or report sits where newscli cannot write: one [output] line, exit 1."""

    def build(folder: Path) -> Scenario:
        """A read-only folder `ro/`, a directory `lk/s.lock`, and the good page."""
        (folder / "ro").mkdir(mode=0o555)
        (folder / "lk" / "s.lock").mkdir(parents=True)
        (folder / "sdir").mkdir()
        good_page(folder)
        return Scenario(
            args(folder),
            code=1,
            errors=[Line(f"newscli: {name}: cannot write ({why}", " [output]")],
            articles=0,
            preexec=without_file_permission_override() if readonly else None,
        )

    return build


def wrong_files(folder: Path) -> Scenario:
    """The other kind of problem: --state names a text file, -o names a database another program made.
    newscli will not touch them: a usage error (exit 2) saying which option to change."""
    good_page(folder)
    (folder / "notes.txt").write_text("not a state file\n")
    with sqlite3.connect(folder / "theirs.db") as db:
        db.execute("CREATE TABLE t (x)")

    def second_is_refused_too(outcome: Outcome, folder: Path) -> None:
        """-o theirs.db: exit 2, and their table is untouched."""
        again = run_newscli(["extract", "good.html", "-o", "theirs.db"], cwd=folder, env=child_env())
        assert again.code == 2 and "did not make; choose another -o" in again.stderr, again.stderr
        with sqlite3.connect(folder / "theirs.db") as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master")]
        assert tables == ["t"]

    return Scenario(
        ["run", "good.html", "--state", "notes.txt", "-o", "out.jsonl"],
        code=2,
        errors=[Line("newscli: error: notes.txt is not a usable state database", "choose another --state")],
        articles=0,
        checks=[second_is_refused_too],
    )


def _run(*extra: str) -> Callable[[Path], list[str]]:
    """`newscli run good.html` with these options."""
    return lambda folder: ["run", "good.html", *extra]


FAMILY: list[tuple[str, str, Callable[[Path], Scenario], bool]] = [
    # (name, what, build, needs file permissions to apply)
    (
        "db-values",
        "8 damaged values in a newscli database (bad JSON, binary, 10 MB schema...)",
        damaged_values,
        False,
    ),
    ("db-pages", "a newscli database whose middle half is overwritten", damaged_pages, False),
    ("db-full-export", "the disk fills while `export` writes -o x.db", export_disk_full, False),
    ("db-full-overwrite", "the same with --overwrite over an existing database", overwrite_disk_full, False),
    (
        "db-full-batch",
        "the disk fills under -o x.db during `run --state`, then a rerun",
        batch_output_disk_full,
        False,
    ),
    ("db-full-state", "the disk fills under the --state database, then a rerun", state_disk_full, False),
    (
        "path-state-ro",
        "--state in a read-only folder",
        unusable(_run("--state", "ro/s", "-o", "o.jsonl"), "ro/s.lock", "Permission denied"),
        True,
    ),
    (
        "path-lock-dir",
        "the state's .lock is a directory",
        unusable(_run("--state", "lk/s", "-o", "o.jsonl"), "lk/s.lock", "Is a directory", readonly=False),
        False,
    ),
    (
        "path-state-dir",
        "--state names a directory",
        unusable(_run("--state", "sdir", "-o", "o.jsonl"), "sdir", "unable to open", readonly=False),
        False,
    ),
    (
        "path-out-db-ro",
        "-o x.db in a read-only folder",
        unusable(_run("-o", "ro/x.db"), "ro/x.db", "unable to open"),
        True,
    ),
    (
        "path-out-file-ro",
        "-o x.jsonl in a read-only folder",
        unusable(_run("-o", "ro/x.jsonl"), "ro/x.jsonl", "Permission denied"),
        True,
    ),
    (
        "path-out-dir-ro",
        "-o DIR/ inside a read-only folder",
        unusable(_run("-o", "ro/out/"), "ro/out/", "Permission denied"),
        True,
    ),
    (
        "path-errors-ro",
        "--errors in a read-only folder",
        unusable(_run("--errors", "ro/e.jsonl"), "ro/e.jsonl", "Permission denied"),
        True,
    ),
    (
        "path-wrong-file",
        "--state a text file, -o a database another program made (exit 2)",
        wrong_files,
        False,
    ),
]
