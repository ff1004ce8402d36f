"""What newscli writes must be read by other programs; what it says must stay short; what a file's name
says it holds must be believed.

- NaN and Infinity (Python's JSON reader lets them in) come out as null, strict JSON; NUL and other
  control characters never reach HTML, Markdown, CSV/TSV or TXT. Each format is read back here by the
  program a user would use: a strict JSON parser, Python's csv reader, a YAML loader for the front
  matter, an HTML parser.
- A 10 MB value is never repeated on stderr: every error line stays short.
- A `.jsonl` file whose first line is not a record fails that line only; the records after it are read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.robustness.databases import lines_shorter_than
from tests.robustness.harness import Outcome
from tests.robustness.inputs import good_page, good_record
from tests.robustness.names import strict_json_lines
from tests.robustness.scenario import Check, Line, Scenario, failed

CONTROLS = "\x00\x01\x07\x08\x1b[31m\x7f\x85\x9b"  # what remains of them in text formats: "[31m"
TRICKY = {
    "id": "nan-1",
    "title": f"Title{CONTROLS}end",
    "text": f"First{CONTROLS}paragraph.\x0b\x0c\n\nSecond\x00paragraph.",
    "authors": ["Ann\x00Lee"],
    "tags": ["t\x1bag"],
    "summary": ["Point\x00one"],
    "stages": [{"stage": "extract", "score": float("nan")}],
    "score": float("inf"),
    "scores": [float("-inf"), float("nan"), 1.5],
}


def tricky_records(folder: Path) -> str:
    """A JSON Lines file (as Python's json module writes it: bare NaN and Infinity) of one tricky record."""
    (folder / "tricky.jsonl").write_text(json.dumps(TRICKY) + "\n", encoding="utf-8")
    return "tricky.jsonl"


def no_control_bytes(outcome: Outcome, folder: Path) -> None:
    """No C0 control but tab and line breaks, no DEL, no C1 control in the output."""
    text = outcome.stdout.decode("utf-8")
    found = sorted(
        {f"U+{ord(c):04X}" for c in text if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0}
    )
    assert not found, f"control characters in the output: {found}"


def strict_json(outcome: Outcome, folder: Path) -> None:
    """Every line (or the whole array) is strict JSON, NaN is null, and JSON keeps the NUL escaped."""
    text = outcome.stdout.decode("utf-8")
    records = json.loads(text, parse_constant=_reject) if text.startswith("[") else strict_json_lines(outcome)
    tricky = next(r for r in records if r["id"] == "nan-1")
    assert (tricky["score"], tricky["scores"], tricky["stages"][0]["score"]) == (
        None,
        [None, None, 1.5],
        None,
    )
    assert tricky["title"] == TRICKY["title"], "JSON output must keep the text exactly (escaped)"


def _reject(name: str) -> None:
    """json.loads hook: NaN and Infinity are not JSON."""
    raise AssertionError(f"{name} is not JSON")


def csv_readable(delimiter: str) -> Check:
    """A check that Python's csv reader (which stops at NUL) reads a header and two rows."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Parse the whole output."""
        rows = list(csv.reader(io.StringIO(outcome.stdout.decode("utf-8"), newline=""), delimiter=delimiter))
        assert len(rows) == 3 and rows[1][5] == "Title[31mend", rows

    return check


def yaml_front_matter(outcome: Outcome, folder: Path) -> None:
    """Each article's YAML front matter loads (YAML rejects control characters)."""
    import yaml

    text = outcome.stdout.decode("utf-8")
    blocks = text.split("---\n")[1::2]
    assert len(blocks) == 2, len(blocks)
    assert yaml.safe_load(blocks[0])["title"] == "Title[31mend"


def html_parses(outcome: Outcome, folder: Path) -> None:
    """The page parses, and its first article's heading is the cleaned title."""
    from html.parser import HTMLParser

    headings: list[str] = []

    class Headings(HTMLParser):
        """Collect <h1> text."""

        inside = False

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.inside = tag == "h1"

        def handle_data(self, data: str) -> None:
            if self.inside:
                headings.append(data)
                self.inside = False

    Headings().feed(outcome.stdout.decode("utf-8"))
    assert headings[0] == "Title[31mend", headings


FORMAT_CHECKS: dict[str, list[Check]] = {
    "jsonl": [strict_json],
    "json": [strict_json],
    "csv": [no_control_bytes, csv_readable(",")],
    "tsv": [no_control_bytes, csv_readable("\t")],
    "markdown": [no_control_bytes, yaml_front_matter],
    "html": [no_control_bytes, html_parses],
    "txt": [no_control_bytes],
}


def exported(to: str) -> Callable[[Path], Scenario]:
    """The tricky record and a good page exported `--to FORMAT`, read back as other programs would."""

    def build(folder: Path) -> Scenario:
        """Records with NaN, Infinity and control characters, then a page."""
        return Scenario(
            ["export", tricky_records(folder), good_page(folder), "--to", to],
            code=0,
            articles=None,
            checks=FORMAT_CHECKS[to],
        )

    return build


def through_sqlite(folder: Path) -> Scenario:
    """The tricky record into a database and back out as JSON Lines: still strict JSON."""
    from tests.robustness.harness import child_env, run_newscli

    def read_back(outcome: Outcome, folder: Path) -> None:
        """`export t.db --to jsonl` is strict JSON with NaN as null."""
        back = run_newscli(["export", "t.db", "--to", "jsonl"], cwd=folder, env=child_env())
        assert back.code == 0, back.stderr
        strict_json(back, folder)

    return Scenario(
        ["export", tricky_records(folder), good_page(folder), "-o", "t.db"],
        code=0,
        articles=0,
        checks=[read_back],
    )


# ---------------------------------------------------------------- long values in error lines

TEN_MB = 10_000_000


def long_values(folder: Path) -> Scenario:
    """JSON Lines with a 10 MB schema string, a schema that is a list of 100,000 strings, a 5 MB
    invalid-UTF-8 line; a JSON array with a 10 MB schema; a WARC whose first line is 1 MB of junk."""
    lines = [
        json.dumps({"schema": "x" * TEN_MB, "text": "a"}).encode(),
        good_record(),
        json.dumps({"schema": ["y" * 10] * 100_000, "text": "b"}).encode(),
        b'{"title": "' + b"\xff" * 5_000_000 + b'"}',
    ]
    (folder / "big.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "big.json").write_text(json.dumps([{"schema": "z" * TEN_MB}, json.loads(good_record())]))
    (folder / "junk.warc").write_bytes(b"\x01" * 1_000_000)
    return Scenario(
        ["extract", "big.jsonl", "big.json", "junk.warc", good_page(folder)],
        code=3,
        errors=[
            failed("big.jsonl:1", "bad_schema"),
            failed("big.jsonl:3", "bad_schema"),
            failed("big.jsonl:4", "bad_encoding"),
            failed("big.json#1", "bad_schema"),
            failed("junk.warc", "bad_warc"),
        ],
        articles=3,
        checks=[lines_shorter_than(700)],
    )


def long_options(folder: Path) -> Scenario:
    """A 100,000-character --encoding: one short usage line (exit 2)."""
    return Scenario(
        ["extract", good_page(folder), "--encoding", "e" * 100_000],
        code=2,
        errors=[Line("newscli: error: unknown --encoding ")],
        articles=0,
        checks=[lines_shorter_than(700)],
    )


def long_template(folder: Path) -> Scenario:
    """A 100,000-character --name-template with an unknown field: one short usage line (exit 2)."""
    return Scenario(
        ["export", good_page(folder), "-o", "out/", "--name-template", "{nope}" + "t" * 100_000],
        code=2,
        errors=[Line("newscli: error: --name-template ")],
        articles=0,
        checks=[lines_shorter_than(700)],
    )


def long_name(folder: Path) -> Scenario:
    """An empty file 4,000 characters deep in folders: its error line shows the start and the end."""
    deep = folder
    for n in range(16):
        deep = deep / (f"{n:02d}" + "d" * 240)
    deep.mkdir(parents=True)
    (deep / "empty.html").write_bytes(b"")
    relative = str((deep / "empty.html").relative_to(folder))
    return Scenario(
        ["extract", relative, good_page(folder)],
        code=3,
        errors=[Line("newscli: 00ddd", "/empty.html: empty input [empty]")],
        checks=[lines_shorter_than(700)],
    )


# ---------------------------------------------------------------- what a file name says it holds


def first_lines(folder: Path) -> Scenario:
    """.jsonl and .ndjson files whose first line is `[1,2]`, plain text, a string, a number, NUL bytes,
    and a gzipped one: each first line fails alone and the two records after it are read."""
    record = good_record()
    firsts = {
        "array.jsonl": b"[1,2]",
        "text.jsonl": b"Breaking news: a headline, not a record",
        "string.ndjson": b'"just a string"',
        "number.jsonl": b"42",
        "nul.jsonl": b"\x00\x01\x02\x03 binary \x00",
    }
    errors = []
    for name, first in firsts.items():
        (folder / name).write_bytes(first + b"\n" + record + b"\n" + record + b"\n")
        reason = "bad_json" if name in ("text.jsonl", "nul.jsonl") else "bad_record"
        errors.append(failed(f"{name}:1", reason))
    (folder / "array.jsonl.gz").write_bytes(
        gzip.compress(b"[1,2]\n" + record + b"\n" + record + b"\n", mtime=0)
    )
    errors.append(failed("array.jsonl.gz:1", "bad_record"))
    names = [*firsts, "array.jsonl.gz"]
    return Scenario(["extract", *names], code=3, errors=errors, articles=2 * len(names))


def stdin_lines(folder: Path) -> Scenario:
    """`[1,2]` then two records on stdin: JSON Lines, not one JSON array and not a text article."""
    record = good_record()
    return Scenario(
        ["extract", "-"],
        code=3,
        errors=[failed("-:1", "bad_record")],
        articles=2,
        stdin=b"[1,2]\n" + record + b"\n" + record + b"\n",
    )


def stdin_array(one_line: bool) -> Callable[[Path], Scenario]:
    """A JSON array on stdin, as `--to json` writes it (over many lines) or on one line: an array."""

    def build(folder: Path) -> Scenario:
        """Two records in an array."""
        records = [json.dumps(json.loads(good_record()))] * 2
        text = "[" + ", ".join(records) + "]\n" if one_line else "[\n" + ",\n".join(records) + "\n]\n"
        return Scenario(["extract", "-"], code=0, articles=2, stdin=text.encode())

    return build


FAMILY: list[tuple[str, str, Callable[[Path], Scenario]]] = [
    *(
        (f"out-{to}", f"NaN, Infinity, NUL and control characters in a record, --to {to}", exported(to))
        for to in FORMAT_CHECKS
    ),
    ("out-sqlite", "the same record through -o t.db and back to JSON Lines", through_sqlite),
    ("long-values", "10 MB schema string, 100,000-item schema, 5 MB bad line, 1 MB WARC junk", long_values),
    ("long-encoding", "a 100,000-character --encoding", long_options),
    ("long-template", "a 100,000-character --name-template", long_template),
    ("long-name", "a 4,000-character path to an empty file", long_name),
    ("jsonl-first-line", ".jsonl/.ndjson/.jsonl.gz whose first line is not a record", first_lines),
    ("jsonl-stdin", "`[1,2]` then records on stdin", stdin_lines),
    ("json-stdin", "a JSON array on stdin, over many lines", stdin_array(one_line=False)),
    ("json-stdin-line", "a JSON array on stdin, on one line", stdin_array(one_line=True)),
]
