"""Damaged WARC archives: cut short, overwritten with noise, mislabelled lengths, flipped bytes.

Archives are written here with warcio (one gzip member per record when compressed), so where each
record starts and ends is known and every cut can be placed inside a chosen record. A damaged archive
must yield the pages before the damage, say what was lost in one line (exit 3 beside a good page) and
never pass a partial record on as a page: the checks compare the records' `source` with the pages that
were whole.
"""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.robustness.inputs import good_page
from tests.robustness.names import strict_json_lines
from tests.robustness.scenario import Check, Line, Scenario, failed

PAGES = 3
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "en-harbor-bridge.html"


@dataclass(frozen=True)
class Archive:
    """An archive's bytes and where each record ends (offsets into the bytes), warcinfo first."""

    data: bytes
    ends: list[int]  # ends[0]: end of the warcinfo record; ends[k]: end of page record k


def build(gzipped: bool, pages: int = PAGES, title: str = "Record") -> Archive:
    """A warcinfo record then `pages` HTML response records (ids urn:uuid:0..), each with its digests."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sample = SAMPLE.read_text(encoding="utf-8")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    ends = []
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "newscli tests"}))
    ends.append(out.tell())
    for n in range(pages):
        body = sample.replace("<title>", f"<title>{title} {n}: ", 1).encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/{n}",
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{n}>"},
        )
        writer.write_record(record)
        ends.append(out.tell())
    return Archive(out.getvalue(), ends)


def record_sources(name: str, ids: list[int]) -> list[str]:
    """The `source` of the pages of records `ids` in the archive `name`."""
    return [f"{name}#urn:uuid:{n}" for n in ids]


def sources_are(expected: list[str]) -> Check:
    """A check that exactly these records (and the good page) came out, as strict JSON."""

    def check(outcome: object, folder: Path) -> None:
        """Compare the sources on stdout."""
        got = [r["source"] for r in strict_json_lines(outcome)]  # type: ignore[arg-type]
        assert got == expected, got

    return check


def cut(folder: Path) -> Scenario:
    """.warc.gz and .warc archives cut inside their 2nd or 3rd page record, at its start, middle and end,
    and inside the gzip data of a member: the whole pages before the cut come out, one line says where."""
    packed, plain = build(True), build(False)
    variants: dict[str, tuple[bytes, int]] = {
        # name: (bytes, pages whole before the cut)
        "mid3.warc.gz": (packed.data[: (packed.ends[2] + packed.ends[3]) // 2], 2),
        "start2.warc.gz": (packed.data[: packed.ends[1] + 10], 1),
        "end3.warc.gz": (packed.data[: packed.ends[3] - 3], 3),  # the page is whole, its gzip trailer cut
        "mid2.warc": (plain.data[: (plain.ends[1] + plain.ends[2]) // 2], 1),
        "header3.warc": (plain.data[: plain.ends[2] + 40], 2),  # inside the WARC headers
        "tail3.warc": (plain.data[: plain.ends[3] - 2], 2),  # the closing line breaks are missing
    }
    expected: list[str] = []
    errors = []
    for name, (data, whole) in variants.items():
        (folder / name).write_bytes(data)
        expected += record_sources(name, list(range(whole)))
        errors.append(failed(name, "truncated"))
    good = good_page(folder)
    return Scenario(
        ["extract", *variants, good],
        code=3,
        errors=errors,
        articles=len(expected) + 1,
        checks=[sources_are([*expected, good])],
    )


def cut_early(folder: Path) -> Scenario:
    """Archives cut at 40 bytes and at 2 bytes: nothing can be read, and that is said."""
    packed, plain = build(True), build(False)
    names = {"forty.warc.gz": packed.data[:40], "two.warc.gz": packed.data[:2], "forty.warc": plain.data[:40]}
    for name, data in names.items():
        (folder / name).write_bytes(data)
    return Scenario(
        ["extract", *names, good_page(folder)],
        code=3,
        errors=[failed(name, "truncated") for name in names],
    )


def noise(folder: Path) -> Scenario:
    """A valid WARC header followed by random bytes (plain and gzip), random bytes named .warc.gz, a gzip
    of random bytes named .warc.gz, and a text file named .warc: none is an archive."""
    plain = build(False).data
    rng = random.Random(16)
    names = {
        "header-noise.warc": plain[:120] + rng.randbytes(20_000),
        "header-noise.warc.gz": gzip.compress(plain[:120] + rng.randbytes(20_000), mtime=0),
        "noise.warc.gz": rng.randbytes(20_000),
        "gzip-noise.warc.gz": gzip.compress(rng.randbytes(20_000), mtime=0),
        "text.warc": b"Just a note, not an archive.\n",
    }
    for name, data in names.items():
        (folder / name).write_bytes(data)
    return Scenario(
        ["extract", *names, good_page(folder)],
        code=3,
        errors=[failed(name, "bad_warc") for name in names],
    )


def mislabelled(folder: Path) -> Scenario:
    """A record whose Content-Length is too small or too large, a flipped byte in a page (its
    WARC-Block-Digest no longer matches), noise after the last gzip member, and a damaged gzip checksum."""
    plain, packed = build(False), build(True)
    data = plain.data
    first = data.index(b"Content-Length: ", plain.ends[1])  # the 2nd page's record
    end = data.index(b"\r\n", first)
    length = int(data[first + 16 : end])
    shorter = data[: first + 16] + str(length - 100).encode() + data[end:]
    longer = data[: first + 16] + str(length + 5000).encode() + data[end:]
    flipped = bytearray(data)
    flipped[(plain.ends[1] + plain.ends[2]) // 2] ^= 0x20
    crc = bytearray(packed.data)
    crc[packed.ends[2] - 6] ^= 0xFF  # inside the 2nd page member's CRC-32
    names = {
        "short-length.warc": (shorter, "bad_warc", [0]),
        "long-length.warc": (longer, "truncated", [0]),
        "flipped.warc": (bytes(flipped), "bad_warc", [0, 2]),
        "trailing.warc.gz": (packed.data + b"trailing garbage", "bad_warc", [0, 1, 2]),
        "crc.warc.gz": (bytes(crc), "bad_warc", [0]),
    }
    expected: list[str] = []
    errors: list[Line] = []
    for name, (content, reason, whole) in names.items():
        (folder / name).write_bytes(content)
        expected += record_sources(name, whole)
        where = f"{name}#urn:uuid:1" if name == "flipped.warc" else name
        errors.append(failed(where, reason))
    good = good_page(folder)
    return Scenario(
        ["extract", *names, good],
        code=3,
        errors=errors,
        articles=len(expected) + 1,
        checks=[sources_are([*expected, good])],
    )


def empty(folder: Path) -> Scenario:
    """An empty .warc and an empty .warc.gz: said, not silently nothing."""
    for name in ("empty.warc", "empty.warc.gz"):
        (folder / name).write_bytes(b"")
    return Scenario(
        ["extract", "empty.warc", "empty.warc.gz", good_page(folder)],
        code=3,
        errors=[failed("empty.warc", "empty"), failed("empty.warc.gz", "empty")],
    )


def in_a_batch(folder: Path) -> Scenario:
    """A cut archive in `newscli run --state -j 2`: its whole pages are written, it is reported on every
    run (it is never marked done), and the whole archive beside it is skipped the second time."""
    packed = build(True)
    (folder / "cut.warc.gz").write_bytes(packed.data[: (packed.ends[2] + packed.ends[3]) // 2])
    (folder / "whole.warc.gz").write_bytes(build(True, pages=2, title="Whole").data)
    args = [
        "run",
        "cut.warc.gz",
        "whole.warc.gz",
        "--state",
        "s",
        "-o",
        "out.jsonl",
        "-j",
        "2",
        "--keep-duplicates",
    ]

    def rerun_reports_it_again(outcome: object, folder: Path) -> None:
        """The second run skips the four whole pages and names the cut archive again."""
        from tests.robustness.harness import child_env, run_newscli

        lines = (folder / "out.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == 4, lines
        again = run_newscli(args, cwd=folder, env=child_env())
        assert again.code == 3, again.stderr
        assert (
            again.error_lines[0].startswith("newscli: cut.warc.gz: ")
            and "[truncated]" in again.error_lines[0]
        )
        assert "0 new, 4 unchanged, 0 skipped, 1 failed" in again.stderr, again.stderr

    return Scenario(
        args,
        code=3,
        errors=[
            failed("cut.warc.gz", "truncated"),
            Line("newscli: run done: 4 new, 0 unchanged, 0 skipped, 1 failed"),
        ],
        articles=0,
        checks=[rerun_reports_it_again],
    )


FAMILY: list[tuple[str, str, Callable[[Path], Scenario]]] = [
    ("warc-cut", "six archives (.warc.gz, .warc) cut inside a record, its headers or its trailer", cut),
    ("warc-cut-early", "archives cut at 40 and 2 bytes", cut_early),
    ("warc-noise", "a WARC header then random bytes; random bytes and text named .warc(.gz)", noise),
    (
        "warc-mislabelled",
        "wrong Content-Length, a flipped byte, trailing garbage, a bad gzip CRC",
        mislabelled,
    ),
    ("warc-empty", "empty .warc and .warc.gz files", empty),
    ("warc-batch", "a cut archive in `run --state -j 2`, run twice", in_a_batch),
]
