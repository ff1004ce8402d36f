"""Hostile moments for outputs: names from hostile records, a full disk, signals mid-write and mid-batch.

Writes must stay inside the output directory, appear whole or not at all (the previous file intact, no
temporary file left), and an interrupted batch must resume where it stopped.
"""

from __future__ import annotations

import json
import re
import resource
import signal
from collections.abc import Callable
from pathlib import Path

from tests.robustness.harness import ROOT, Outcome, child_env, run_newscli
from tests.robustness.scenario import Check, Interrupt, Line, Scenario

PREVIOUS = b'{"previous": "output"}\n'
FILE_LIMIT = 256 * 1024  # bytes a child may write per file in the disk-full case
PAGES = 8  # inputs of the interrupted batch

# Record fields an output file name is made from, each trying to leave the directory or break the name.
HOSTILE_FIELDS: tuple[dict[str, str], ...] = (
    {"title": "../../../../escape-title", "id": "../../escape-id", "date": "../../../x", "language": "../.."},
    {"title": "/etc/passwd", "id": "/abs/id", "date": "/2024/01/01", "source": "/etc/shadow.html"},
    {"title": "a\x00b\x00../c", "id": "nul\x00id", "source": "../../../../tmp/evil\x00.html"},
    {"title": "..", "id": ".", "date": ".."},
    {"title": "x" * 5000, "id": "y" * 1000, "source": "z" * 3000 + ".html"},
    {"title": "C:\\Windows\\System32\\evil", "id": "..\\..\\win", "date": "C:"},
    {"title": "~/.bashrc", "id": "~"},
    {"title": "\u202eexe.txt", "id": "\u202e"},
    {"title": "con", "id": "nul", "source": "aux.html"},
    {"title": "خبر/../../عاجل", "id": "/../../خبر"},
    {"title": "", "id": ""},
    {"title": " \n\t", "id": "\n"},
    {"title": "-rf --", "id": "--help"},
)


def hostile_records(folder: Path) -> Path:
    """A JSON Lines file of records whose naming fields are hostile."""
    path = folder / "hostile.jsonl"
    lines = [json.dumps({"text": f"Body {n}.", **fields}) for n, fields in enumerate(HOSTILE_FIELDS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stays_in(out: Path, count: int) -> Check:
    """A check that every file the run made is a plain file directly in `out`, one per record."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Compare the whole scratch tree with what the run may create."""
        made = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.name != "hostile.jsonl")
        outside = [p for p in made if p != Path(out.name) and p.parent != Path(out.name)]
        assert not outside, f"written outside {out.name}/: {outside}"
        names = [p.name for p in out.iterdir()]
        assert len(names) == count, f"{len(names)} files for {count} records: {names}"
        assert all((out / name).is_file() and not name.startswith(".") for name in names), names
        assert all(len(name.encode("utf-8")) <= 255 for name in names)

    return check


def names_from_records(template: str | None) -> Callable[[Path], Scenario]:
    """Hostile records exported one file per article, names from `template` (None: the default)."""

    def build(folder: Path) -> Scenario:
        """Records in, -o out/."""
        hostile_records(folder)
        extra = ["--name-template", template] if template else []
        return Scenario(
            ["export", "hostile.jsonl", "--to", "markdown", "-o", "out/", *extra],
            code=0,
            articles=0,
            checks=[stays_in(folder / "out", len(HOSTILE_FIELDS))],
        )

    return build


def many_records(folder: Path, count: int = 100_000) -> None:
    """A JSON Lines input large enough that writing its export takes a noticeable moment."""
    line = '{{"id": "r{n:06d}", "title": "Record {n}", "text": "Body of record {n}, a few words long."}}'
    (folder / "many.jsonl").write_text("\n".join(line.format(n=n) for n in range(count)) + "\n")


def previous_intact(name: str) -> Check:
    """A check that the output from before is byte for byte intact and no temporary file is left."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Previous bytes and no `.name.*.tmp` beside them."""
        assert (folder / name).read_bytes() == PREVIOUS, "the previous output was damaged"
        left = sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))
        assert not left, f"temporary files left behind: {left}"

    return check


def limit_file_size() -> None:
    """preexec_fn: files may not grow past FILE_LIMIT; write() fails with EFBIG instead of a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def disk_full(folder: Path) -> Scenario:
    """The disk fills while the export is written: one clear line, the old file kept, no temporary file."""
    many_records(folder, 5_000)
    (folder / "out.jsonl").write_bytes(PREVIOUS)
    return Scenario(
        ["export", "many.jsonl", "--to", "jsonl", "-o", "out.jsonl", "--overwrite"],
        code=1,
        errors=[Line("newscli: ", holds="out.jsonl")],
        articles=0,
        checks=[previous_intact("out.jsonl")],
        preexec=limit_file_size,
    )


def nothing_left(name: str) -> Check:
    """A check that a failed run left neither the output nor a temporary file beside it."""

    def check(outcome: Outcome, folder: Path) -> None:
        """No `name`, no `.name.*.tmp`."""
        left = sorted(p.name for p in folder.iterdir() if p.name == name or p.name.startswith(f".{name}."))
        assert not left, f"left behind: {left}"

    return check


def batch_disk_full(folder: Path) -> Scenario:
    """The disk fills during an incremental `newscli run`: one clear line, no partial output."""
    many_records(folder, 5_000)
    return Scenario(
        ["run", "many.jsonl", "--state", "state.db", "--to", "jsonl", "-o", "out.jsonl", "-j", "1", "-q"],
        code=1,
        errors=[Line("newscli: ", holds="out.jsonl")],
        articles=0,
        checks=[nothing_left("out.jsonl")],
        preexec=limit_file_size,
    )


def writing(name: str) -> Callable[[Path], bool]:
    """The moment the export's temporary file beside `name` holds bytes."""

    def now(folder: Path) -> bool:
        """Whether a non-empty `.name.*.tmp` exists."""
        return any(p.stat().st_size > 0 for p in folder.glob(f".{name}.*.tmp"))

    return now


def signal_mid_write(signum: int, code: int, line: Line) -> Callable[[Path], Scenario]:
    """A signal while the output file is half written."""

    def build(folder: Path) -> Scenario:
        """100,000 records exported over an existing file, interrupted."""
        many_records(folder)
        (folder / "out.jsonl").write_bytes(PREVIOUS)
        return Scenario(
            ["export", "many.jsonl", "--to", "jsonl", "-o", "out.jsonl", "--overwrite"],
            code=code,
            errors=[line],
            articles=0,
            checks=[previous_intact("out.jsonl")],
            interrupt=Interrupt(signum, writing("out.jsonl")),
        )

    return build


_SUMMARY = re.compile(
    r"newscli: run done: (\d+) new, (\d+) unchanged, \d+ skipped(?: \([^)]*\))?, (\d+) failed"
)


def resumes(outcome: Outcome, folder: Path) -> None:
    """After the interrupted run: the state is saved, and a second run does only what is left."""
    assert (folder / "state.db").is_file(), "no state file after the interruption"
    done_before = len([p for p in (folder / "out").iterdir() if not p.name.startswith(".")])
    again = run_newscli(_batch_args(), cwd=folder, env=child_env())
    assert again.code == 0, again.stderr
    summary = _SUMMARY.search(again.stderr)
    assert summary is not None, again.stderr
    processed, skipped, failed = (int(n) for n in summary.groups())
    assert (processed + skipped, failed) == (PAGES, 0)
    assert skipped >= done_before >= 1 and processed >= 1, summary.group(0)
    names = sorted(p.name for p in (folder / "out").iterdir())
    assert len(names) == PAGES and not [n for n in names if n.startswith(".")], names


def _batch_args() -> list[str]:
    """`newscli run` over the pages, incremental, one file per article (the pages share their text: each is
    stored, not counted as a duplicate)."""
    return [
        "run",
        "pages",
        "--state",
        "state.db",
        "-o",
        "out/",
        "--to",
        "jsonl",
        "-j",
        "1",
        "--keep-duplicates",
    ]


def batch_interrupted(signum: int, code: int) -> Callable[[Path], Scenario]:
    """A batch stopped by a signal after its first output; the state is kept and a rerun resumes."""

    def build(folder: Path) -> Scenario:
        """PAGES distinct pages, each slowed down in its worker so the signal lands mid-batch."""
        pages = folder / "pages"
        pages.mkdir()
        sample = (ROOT / "samples" / "en-harbor-bridge.html").read_text(encoding="utf-8")
        for n in range(PAGES):
            page = sample.replace("<title>", f"<title>Page {n}: ", 1).replace(
                "</body>", f"<!-- {n} --></body>"
            )
            (pages / f"page{n}.html").write_text(page, encoding="utf-8")

        def first_output(folder: Path) -> bool:
            """One article file is in place."""
            out = folder / "out"
            return out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir())

        return Scenario(
            _batch_args(),
            code=code,
            errors=[Line("newscli: run interrupted: ")],
            articles=0,
            checks=[resumes],
            faults={"slow": {"page": 0.4}},
            interrupt=Interrupt(signum, first_output),
        )

    return build


# ---------------------------------------------------------------- Ctrl-C reaching the worker processes

WORKER_PAGES = 400  # enough real pages that a 2-worker run is still going when the signal lands


def distinct_pages(folder: Path, count: int) -> None:
    """`count` distinct pages (their own title and a comment) made from the English sample."""
    pages = folder / "pages"
    pages.mkdir()
    sample = (ROOT / "samples" / "en-harbor-bridge.html").read_text(encoding="utf-8")
    for n in range(count):
        page = sample.replace("<title>", f"<title>Page {n}: ", 1).replace("</body>", f"<!-- {n} --></body>")
        (pages / f"page{n:02d}.html").write_text(page, encoding="utf-8")


def exists(name: str) -> Callable[[Path], bool]:
    """The moment `name` appears in the folder (the run has opened its output)."""
    return lambda folder: (folder / name).exists()


def later(seconds: float, moment: Callable[[Path], bool]) -> Callable[[Path], bool]:
    """The moment `seconds` after `moment` first held (workers busy: nothing on disk shows it)."""
    since: list[float] = []

    def now(folder: Path) -> bool:
        """True once the delay has passed."""
        import time

        if not since and moment(folder):
            since.append(time.monotonic())
        return bool(since) and time.monotonic() - since[0] >= seconds

    return now


def first_file(directory: str) -> Callable[[Path], bool]:
    """The moment the first article file is in place in `directory`."""

    def now(folder: Path) -> bool:
        """A non-hidden file in the directory."""
        out = folder / directory
        return out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir())

    return now


def outputs_sound(output: str) -> Check:
    """A check that what the interrupted run left is whole: a sound database, or complete files only."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Integrity check for a database; every file parses for a directory; no temporary file."""
        import sqlite3

        path = folder / output
        if output.endswith(".db") and path.exists():
            with sqlite3.connect(path) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if output.endswith("/") and path.is_dir():
            for file in path.iterdir():
                assert not file.name.startswith("."), f"temporary file left: {file.name}"
                json.loads(file.read_text(encoding="utf-8"))
        left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert not left, left

    return check


def workers_interrupted(
    output: str, when: Callable[[Path], bool], state: bool = False
) -> Callable[[Path], Scenario]:
    """Ctrl-C (SIGINT to the whole group, workers included) during `run pages -o OUTPUT -j 2`."""

    def build(folder: Path) -> Scenario:
        """Four hundred real pages, two workers."""
        distinct_pages(folder, WORKER_PAGES)
        extra = ["--state", "s"] if state else []
        return Scenario(
            ["run", "pages", "-o", output, "-j", "2", *extra],
            code=130,
            errors=[Line("newscli: ", holds="interrupted")],
            articles=0,
            checks=[outputs_sound(output)],
            interrupt=Interrupt(signal.SIGINT, when),
        )

    return build
