"""File names that are not UTF-8: Linux allows any bytes but '/' and NUL, Python carries the undecodable
ones as surrogate escapes, and a record, a stderr line, the state database, an output name or the error
report that tried to hold them as they are crashed (`surrogates not allowed`).

newscli shows such bytes escaped (`d/\\xff\\xfe.html`), always valid UTF-8, and keeps the real bytes to
open the file. Every case checks that each record's `source` is that escaped name and that the output
is strict UTF-8 JSON.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from tests.robustness.harness import Outcome, child_env, run_newscli
from tests.robustness.inputs import SAMPLES
from tests.robustness.scenario import Check, Scenario, failed

PAGE = SAMPLES / "en-harbor-bridge.html"
# Raw names (bytes) and how newscli shows them: Latin-1 and UTF-16 bytes, a cut UTF-8 sequence, lone
# continuation bytes, an overlong '/', and valid UTF-8 around them.
UNDECODABLE: dict[bytes, str] = {
    b"\xff\xfe.html": "\\xff\\xfe.html",
    b"caf\xe9.html": "caf\\xe9.html",
    "خبر".encode()[:-1] + b".html": "خب\\xd8.html",
    b"\x80\x81 x.html": "\\x80\\x81 x.html",
    b"\xc0\xaf.html": "\\xc0\\xaf.html",
}


def _name(raw: bytes) -> str:
    """The name as Python passes it on (what argv and os.listdir give)."""
    return os.fsdecode(raw)


def _write_pages(folder: Path, names: list[bytes], title: Callable[[int], str] | None = None) -> None:
    """The sample page under each raw name, each with its own title (so each has its own id)."""
    text = PAGE.read_text(encoding="utf-8")
    for n, raw in enumerate(names):
        page = text.replace("<title>", f"<title>{title(n) if title else f'Page {n}:'} ", 1)
        (folder / _name(raw)).write_text(page, encoding="utf-8")


def strict_json_lines(outcome: Outcome) -> list[dict[str, object]]:
    """stdout as strict UTF-8 JSON Lines (no surrogate, no NaN): the records, or an assertion error."""
    text = outcome.stdout.decode("utf-8")  # strict: raises on anything that is not UTF-8
    return [json.loads(line, parse_constant=_not_json) for line in text.split("\n") if line.strip()]


def _not_json(name: str) -> None:
    """json.loads hook: NaN and Infinity are not JSON."""
    raise AssertionError(f"{name} in the output is not JSON")


def sources_are(expected: list[str]) -> Check:
    """A check that the records name exactly these sources, in order, as strict UTF-8 JSON."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Compare the `source` fields."""
        assert [r["source"] for r in strict_json_lines(outcome)] == expected

    return check


def walked(folder: Path) -> Scenario:
    """A directory holding five undecodable names and a good page, walked by `extract`."""
    (folder / "d").mkdir()
    _write_pages(folder / "d", [*UNDECODABLE, b"good.html"])
    shown = sorted([*(f"d/{s}" for s in UNDECODABLE.values()), "d/good.html"], key=_walk_order(folder))
    return Scenario(["extract", "d"], code=0, articles=6, checks=[sources_are(shown)])


def _walk_order(folder: Path) -> Callable[[str], str]:
    """Sort key giving the order of the directory walk (Python sorts the surrogate-escaped names)."""
    back = {f"d/{s}": f"d/{_name(raw)}" for raw, s in UNDECODABLE.items()}
    return lambda shown: back.get(shown, shown)


def by_argument(folder: Path) -> Scenario:
    """Undecodable names given on the command line and as a glob, one of them empty (its error line)."""
    _write_pages(folder, [b"\xff\xfe.html", b"caf\xe9.html"])
    (folder / _name(b"\xe9mpty\xff.html")).write_bytes(b"")
    (folder / "good.html").write_bytes(PAGE.read_bytes())
    return Scenario(
        ["extract", _name(b"\xff\xfe.html"), _name(b"caf*.html"), _name(b"\xe9mpty\xff.html"), "good.html"],
        code=3,
        errors=[failed("\\xe9mpty\\xff.html", "empty")],
        articles=3,
        checks=[sources_are(["\\xff\\xfe.html", "caf\\xe9.html", "good.html"])],
    )


def cron_state(folder: Path) -> Scenario:
    """`run d -o n.db --state s`, twice (a cron job): the names reach the database and the state."""
    (folder / "d").mkdir()
    _write_pages(folder / "d", [b"\xff\xfe.html", b"caf\xe9.html", b"ok.html"])
    args = ["run", "d", "-o", "n.db", "--state", "s", "--keep-duplicates", "-q"]

    def second_run_skips_and_database_holds_the_names(outcome: Outcome, folder: Path) -> None:
        """The next run skips all three; the database gives back the escaped names."""
        again = run_newscli([*args[:-1]], cwd=folder, env=child_env())
        assert again.code == 0 and "Traceback" not in again.stderr, again.stderr
        assert "0 new, 3 unchanged, 0 skipped, 0 failed" in again.stderr, again.stderr
        back = run_newscli(["export", "n.db", "--to", "jsonl"], cwd=folder, env=child_env())
        assert sorted(r["source"] for r in strict_json_lines(back)) == [
            "d/\\xff\\xfe.html", "d/caf\\xe9.html", "d/ok.html",
        ]  # fmt: skip

    return Scenario(args, code=0, articles=0, checks=[second_run_skips_and_database_holds_the_names])


def outputs_and_report(folder: Path) -> Scenario:
    """`run -o out/ --errors err.jsonl` over undecodable names, one of them broken: file names made from
    the source and the error report are valid UTF-8."""
    (folder / "d").mkdir()
    _write_pages(folder / "d", [b"\xff\xfe.html", b"ok.html"], title=lambda n: "")
    (folder / "d" / _name(b"br\xf6ken.html")).write_bytes(b"\x00\x01\x02 binary")
    args = ["run", "d", "-o", "out/", "--errors", "err.jsonl", "--name-template", "{source_stem}", "-q"]

    def names_and_report_are_utf8(outcome: Outcome, folder: Path) -> None:
        """Output file names decode as UTF-8; the report is strict JSON naming the broken file."""
        names = sorted(os.listdir(os.fsencode(folder / "out")))
        assert all(name.decode("utf-8") for name in names), names
        assert len(names) == 2, names
        report = [
            json.loads(line) for line in (folder / "err.jsonl").read_bytes().decode("utf-8").splitlines()
        ]
        assert [(r["source"], r["reason"]) for r in report] == [("d/br\\xf6ken.html", "binary")]

    return Scenario(
        args,
        code=3,
        errors=[failed("d/br\\xf6ken.html", "binary")],
        articles=0,
        checks=[names_and_report_are_utf8],
    )


def output_paths(folder: Path) -> Scenario:
    """Undecodable bytes in the -o path and the --state path themselves."""
    _write_pages(folder, [b"page.html"])
    out, state = _name(b"out\xff.jsonl"), _name(b"st\xe9te")
    args = ["run", "page.html", "-o", out, "--state", state, "-q"]

    def written_under_those_names(outcome: Outcome, folder: Path) -> None:
        """The output and the state exist under their raw names; the output is strict JSON."""
        assert (folder / out).is_file() and (folder / state).is_file()
        lines = (folder / out).read_bytes().decode("utf-8").splitlines()
        assert [json.loads(line)["source"] for line in lines] == ["page.html"]

    return Scenario(args, code=0, articles=0, checks=[written_under_those_names])


def missing(folder: Path) -> Scenario:
    """An undecodable name that does not exist, and a pattern that matches nothing."""
    (folder / "good.html").write_bytes(PAGE.read_bytes())
    return Scenario(
        ["extract", _name(b"nope\xff.html"), _name(b"n\xe9*.html"), "good.html"],
        code=3,
        errors=[failed("nope\\xff.html", "not_found"), failed("n\\xe9*.html", "not_found")],
        checks=[sources_are(["good.html"])],
    )
