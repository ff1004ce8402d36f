"""CPU time against page size: newscli beside trafilatura on growing pages of hostile shapes.

    python benchmarks/scaling.py                                  # every shape, 100 KB -> 20 MB
    python benchmarks/scaling.py --shapes paragraphs --sizes 100000,1000000
    python benchmarks/scaling.py --profile script-1252 --size 1000000   # where newscli spends the time

Each (shape, size, tool) runs in a fresh process, side by side in one run: `newscli extract PAGE` and
`trafilatura --json --with-metadata < PAGE` (the same extraction from the command line; trafilatura's
`-i` reads a list of URLs, not a page). CPU time is user + system from the child's rusage, so other
processes on a shared machine matter little; a run under 5 CPU s is repeated (`--repeat`, 3) and the
median kept. Per shape the table gives the log-log slope of the CPU
time above each tool's start-up (its time on a 1 KB page of the same shape): 1.0 is linear, 2.0
quadratic, and the slope between the two largest sizes, where super-linear work shows first. Slopes
are fitted on the runs that gave a text (a tool that refuses or loses the page is fast for the wrong
reason), and again on every finished run (the time a tool spends before it gives up counts too).
Nothing is written inside the project; the pages live in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools import compile_bytecode, required_script

SIZES = (100_000, 300_000, 1_000_000, 3_000_000, 10_000_000, 20_000_000)
STARTUP_SIZE = 1_000  # the page whose time is taken as the tool's fixed cost
TIMEOUT = 300.0  # seconds of wall time before a run is stopped and shown as "> TIMEOUT"
MEASURABLE = 0.1  # CPU seconds above start-up from which a run counts for a slope
QUIET_AFTER = 5.0  # CPU seconds: a run this long is measured once, a shorter one `--repeat` times
MEMORY_MB = 4000  # address-space limit of each run, so a runaway page cannot take the shared machine

_EN = str.split(
    "the city council approved a new plan for public transport after months of debate "
    "residents said buses were late and crowded while officials promised more trains "
    "and safer bicycle lanes the budget will grow next year according to the mayor"
)
_FR = str.split("le retour des trains de nuit séduit les voyageurs à l'été ça déçoit l'état à présent où")
_AR = str.split("افتتح رئيس الوزراء صباح اليوم أكبر محطة لتحلية مياه البحر في المنطقة الساحلية بطاقة إنتاجية")


_TITLE = "Council approves the transport plan"


def _sentence(rng: random.Random, words: list[str]) -> str:
    """One plausible sentence from a vocabulary."""
    chosen = [rng.choice(words) for _ in range(rng.randint(12, 24))]
    return " ".join(chosen).capitalize() + "."


def _paragraphs(rng: random.Random, words: list[str], size: int) -> list[str]:
    """Paragraphs of sentences adding up to about `size` characters."""
    out, total = [], 0
    while total < size:
        paragraph = " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 5)))
        out.append(paragraph)
        total += len(paragraph) + 8
    return out


def _page(body: str, head: str = "", charset: str | None = "utf-8") -> str:
    """A page around a body."""
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!DOCTYPE html>\n<html><head>{meta}<title>{_TITLE}</title>{head}</head>\n"
        f"<body><article><h1>{_TITLE}</h1>\n{body}\n</article></body></html>\n"
    )


def paragraphs(size: int) -> bytes:
    """An ordinary article that is simply long: plain <p> paragraphs, UTF-8, declared."""
    rng = random.Random(size)
    body = "\n".join(f"<p>{p}</p>" for p in _paragraphs(rng, _EN, size))
    return _page(body).encode("utf-8")


def _script_page(size: int, words: list[str], codec: str) -> bytes:
    """A short article in a legacy code page, no charset anywhere, after a long inline script (JSON data)."""
    rng = random.Random(size)
    body = "\n".join(f"<p>{p}</p>" for p in _paragraphs(rng, words, 3000))
    entries, total, parts = 0, 0, []
    while total < size:
        part = f'"item{entries}": {{"id": {entries}, "name": "entry {entries}", "visible": true}}, '
        parts.append(part)
        total += len(part)
        entries += 1
    head = "<script>window.__DATA__ = {" + "".join(parts) + '"end": 0};</script>'
    return _page(body, head, charset=None).encode(codec)


def script_1252(size: int) -> bytes:
    """French in windows-1252 with no charset: every page like this goes through encoding detection."""
    return _script_page(size, _FR, "cp1252")


def script_1256(size: int) -> bytes:
    """Arabic in windows-1256 with no charset (common on Arabic sites)."""
    return _script_page(size, _AR, "cp1256")


def _nested(size: int, tag: str, inner: str) -> bytes:
    """Elements nested ever deeper (unclosed tags pile up like this), the article at the bottom."""
    rng = random.Random(size)
    article = inner.format("\n".join(f"<p>{p}</p>" for p in _paragraphs(rng, _EN, 3000)))
    depth = max(1, (size - len(article)) // (2 * len(tag) + 5))
    return _page(f"<{tag}>" * depth + article + f"</{tag}>" * depth).encode("utf-8")


def nested_inline(size: int) -> bytes:
    """The issue's page: <b> inside <b> a hundred thousand times over, the text at the bottom."""
    return _nested(size, "b", "{}")


def nested_block(size: int) -> bytes:
    """<div> inside <div>, the text at the bottom."""
    return _nested(size, "div", "<div>{}</div>")


def table(size: int) -> bytes:
    """A short article, then one huge data table (5 cells a row)."""
    rng = random.Random(size)
    lead = "\n".join(f"<p>{p}</p>" for p in _paragraphs(rng, _EN, 2000))
    rows, total, number = [], 0, 0
    while total < size:
        cells = "".join(f"<td>{rng.choice(_EN)} {number + i}</td>" for i in range(5))
        row = f"<tr>{cells}</tr>\n"
        rows.append(row)
        total += len(row)
        number += 5
    return _page(lead + "\n<table>\n" + "".join(rows) + "</table>").encode("utf-8")


def one_line(size: int) -> bytes:
    """The whole article as one paragraph on one line: no line break anywhere in the page."""
    rng = random.Random(size)
    body = "<p>" + " ".join(_paragraphs(rng, _EN, size)) + "</p>"
    return _page(body).replace("\n", " ").encode("utf-8")


SHAPES: dict[str, Callable[[int], bytes]] = {
    "paragraphs": paragraphs,
    "script-1252": script_1252,
    "script-1256": script_1256,
    "nested-inline": nested_inline,
    "nested-block": nested_block,
    "table": table,
    "one-line": one_line,
}


def build(shape: str, size: int, folder: Path) -> Path:
    """Write one page of the shape, as close to `size` bytes as its builder gets without going over
    (20,000,000 bytes is both tools' default limit)."""
    target, data = size, SHAPES[shape](size)
    while len(data) > size and target > 0:  # a small size may be under the shape's fixed part: keep that
        target -= len(data) - size + 100
        data = SHAPES[shape](max(target, 0))
    path = folder / f"{shape}-{size}.html"
    path.write_bytes(data)
    return path


@dataclass
class Run:
    """CPU seconds, peak memory and extracted characters of one command, or why it has none."""

    cpu: float | None
    rss_mb: float
    text_chars: int | None = None  # length of the extracted text; None: no record came out
    note: str = ""

    @property
    def extracted(self) -> bool:
        """Whether the run finished and produced a text."""
        return self.cpu is not None and bool(self.text_chars)


def _limit_memory() -> None:
    """In the child: cap its address space (a MemoryError then ends the run, not the machine)."""
    import resource

    limit = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _text_chars(output: bytes) -> int | None:
    """The length of the text field of the first JSON record a tool printed."""
    try:
        record = json.loads(output.splitlines()[0]) if output.strip() else None
    except ValueError:
        return None
    return len(record.get("text") or "") if isinstance(record, dict) else None


def run(command: list[str], page: Path, stdin: bool, timeout: float) -> Run:
    """One fresh process on one page: CPU time (user + system) and max RSS from its rusage."""
    with page.open("rb") as source, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command + ([] if stdin else [str(page)]),
            stdin=source if stdin else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit_memory,
        )
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                return Run(None, usage.ru_maxrss / 1024, None, f"> {timeout:.0f} s")
            time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        chars, message = _text_chars(out.read()), err.read().decode("utf-8", "replace").strip()
    code = os.waitstatus_to_exitcode(status)
    last = message.splitlines()[-1] if message else ""
    note = "" if code == 0 and chars else f"exit {code}, no text: {last[-100:]}"
    return Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, chars, note)


def run_median(command: list[str], page: Path, stdin: bool, timeout: float, repeat: int) -> Run:
    """The run of median CPU time out of `repeat` (one only when a run takes longer than QUIET_AFTER s).

    A slope is read from the time above start-up, which on a shared machine is a small difference of
    two noisy numbers for the smaller pages: one run each gave one-line slopes of 0.98 and 1.12 for the
    same code. A long run is steady enough on its own.
    """
    runs = [run(command, page, stdin, timeout)]
    while len(runs) < repeat and runs[0].cpu is not None and runs[0].cpu < QUIET_AFTER:
        runs.append(run(command, page, stdin, timeout))
    runs.sort(key=lambda r: r.cpu if r.cpu is not None else math.inf)
    return runs[(len(runs) - 1) // 2]


def slope(points: list[tuple[int, float]]) -> float | str | None:
    """Least-squares slope of log(time) on log(size), over the runs that took measurable time.

    A run less than MEASURABLE seconds above start-up is noise for a slope; when fewer than two runs
    are above it, the time did not grow measurably ("flat").
    """
    usable = [(math.log(s), math.log(t)) for s, t in points if t >= MEASURABLE]
    if len(usable) < 2:
        return "flat" if points else None
    mx = sum(x for x, _ in usable) / len(usable)
    my = sum(y for _, y in usable) / len(usable)
    sxx = sum((x - mx) ** 2 for x, _ in usable)
    return sum((x - mx) * (y - my) for x, y in usable) / sxx if sxx else None


def _fmt(value: float | str | None, spec: str = ".2f") -> str:
    """A number, a word, or a dash."""
    return "-" if value is None else value if isinstance(value, str) else format(value, spec)


def measure(shapes: list[str], sizes: list[int], timeout: float, repeat: int) -> None:
    """The side-by-side table, then per shape the slopes and the worst ratio."""
    tools = {
        "newscli": ([required_script("newscli"), "extract"], False),
        "trafilatura": ([required_script("trafilatura"), "--json", "--with-metadata"], True),
    }
    folder = Path(tempfile.mkdtemp(prefix="newscli-scaling-"))
    summary: list[str] = []
    try:
        columns = (
            "newscli CPU s | trafilatura CPU s | ratio | text chars (newscli / trafilatura) | MB (n / t)"
        )
        print(f"| shape | size | {columns} | note |")
        print("|---|---|---|---|---|---|---|---|")
        for shape in shapes:
            base = {
                name: run_median(cmd, build(shape, STARTUP_SIZE, folder), stdin, timeout, repeat)
                for name, (cmd, stdin) in tools.items()
            }
            done: dict[str, list[tuple[int, float]]] = {name: [] for name in tools}  # finished runs
            text: dict[str, list[tuple[int, float]]] = {name: [] for name in tools}  # ... that gave a text
            ratios: list[float] = []
            for size in sizes:
                page = build(shape, size, folder)
                runs = {
                    name: run_median(cmd, page, stdin, timeout, repeat)
                    for name, (cmd, stdin) in tools.items()
                }
                page.unlink()
                ours, theirs = runs["newscli"], runs["trafilatura"]
                ratio = ours.cpu / theirs.cpu if ours.cpu and theirs.cpu else None
                ratios += [ratio] if ratio is not None else []
                for name, result in runs.items():
                    if result.cpu is not None:
                        point = (size, max(result.cpu - (base[name].cpu or 0.0), 1e-3))
                        done[name].append(point)
                        text[name] += [point] if result.extracted else []
                notes = "; ".join(f"{n}: {r.note}" for n, r in runs.items() if r.note)
                print(
                    f"| {shape} | {size / 1e6:g} MB | {_fmt(ours.cpu)} | {_fmt(theirs.cpu)} | {_fmt(ratio)}x "
                    f"| {ours.text_chars or 0:,} / {theirs.text_chars or 0:,} "
                    f"| {ours.rss_mb:.0f} / {theirs.rss_mb:.0f} | {notes} |",
                    flush=True,
                )
            ours_text = text["newscli"]
            summary.append(
                f"| {shape} | {_fmt(slope(ours_text))} | {_fmt(slope(ours_text[-2:]))} "
                f"| {_fmt(slope(done['newscli']))} "
                f"| {_fmt(slope(text['trafilatura']))} | {_fmt(slope(done['trafilatura']))} "
                f"| {_fmt(max(ratios) if ratios else None)}x "
                f"| {_fmt(base['newscli'].cpu)} / {_fmt(base['trafilatura'].cpu)} |"
            )
        print(
            "\n| shape | newscli slope | newscli slope, two largest | newscli slope, all finished runs "
            "| trafilatura slope | trafilatura slope, all finished runs | worst ratio "
            "| start-up CPU s (newscli / trafilatura) |"
        )
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(summary))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def profile(shape: str, size: int, top: int) -> None:
    """newscli's extraction of one generated page under a profiler: where the time goes.

    pyinstrument (a sampling profiler: little overhead, honest shares) when it is installed, else cProfile
    (which inflates functions called very often).
    """
    from newscli.parsers import ParseOptions, parse
    from newscli.sources import Source

    folder = Path(tempfile.mkdtemp(prefix="newscli-scaling-"))
    try:
        page = build(shape, size, folder)
        source = Source(name=str(page), path=page)
        try:
            from pyinstrument import Profiler
        except ImportError:
            Profiler = None
        started = time.process_time()
        if Profiler is not None:
            with Profiler(interval=0.005) as sampler:
                items = list(parse(source, ParseOptions()))
        else:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            with profiler:
                items = list(parse(source, ParseOptions()))
        seconds = time.process_time() - started
        print(f"{shape}, {size / 1e6:g} MB: {seconds:.2f} CPU s, {type(items[0][0]).__name__}")
        if Profiler is not None:
            print(sampler.output_text(show_all=False, color=False, unicode=False))
        else:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    """Measure, or profile one page."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help="comma-separated, from: " + ", ".join(SHAPES)
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="page sizes in bytes")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="wall seconds per run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per page and tool under 5 s (median kept)"
    )
    parser.add_argument(
        "--profile", metavar="SHAPE", help="profile newscli on one page of this shape instead"
    )
    parser.add_argument("--size", type=int, default=1_000_000, help="page size for --profile")
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.size, args.top)
        return 0
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    compile_bytecode()
    measure(shapes, [int(s) for s in args.sizes.split(",")], args.timeout, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
