"""Benchmark: batch runs on ../shared/data/aeb-dev pages, repeated and made distinct, in a temp folder.

    python benchmarks/batch.py                                   # the issue's sizes (takes a while)
    python benchmarks/batch.py --pages 100 --small 50 --large 200  # a quick check

Measures, each in a fresh process as a cron job would run it:
  1. `run --jobs 2` against `--jobs 1` on the same pages (speed-up; target >= 1.7x);
  2. trafilatura's own `--input-dir --output-dir --parallel 2` on the same pages (pages/s, ratio);
  3. an incremental re-run with nothing changed against the first run with --state (target < 5%);
  4. peak memory (max RSS of the run and its workers) for `--small` pages against `--large` (<= 1.2x).
The batch runs go through newscli.batch.run_batch, exactly what `newscli run --jobs N --state F` calls.
Exits 0 with a note when the shared data is absent. Nothing is written inside the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "aeb-dev" / "html"

DRIVER = """
import sys
from pathlib import Path
from newscli.batch import BatchOptions, run_batch
from newscli.env import Environment
from newscli.export import ExportOptions
from newscli.runner import Request
inputs, output, jobs, state = sys.argv[1:5]
export = ExportOptions(to="jsonl", output=output) if output != "-" else None
options = BatchOptions(jobs=int(jobs), state=Path(state) if state != "-" else None)
request = Request(command="run", inputs=(inputs,), export=export)
sys.exit(run_batch(request, options, Environment.from_process()))
"""


def make_pages(folder: Path, count: int) -> int:
    """`count` distinct pages: the data set's pages in turn, each copy marked with its number."""
    originals = [gzip.decompress(p.read_bytes()) for p in sorted(DATA.glob("*.html.gz"))]
    folder.mkdir(parents=True)
    for number in range(count):
        page = originals[number % len(originals)] + f"\n<!-- copy {number} -->\n".encode("ascii")
        (folder / f"page{number:05d}.html").write_bytes(page)
    return count


def tree_rss_kib(root: int) -> int:
    """Resident memory of a process and all its descendants (workers, forkserver), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def newscli(inputs: Path, output: str, jobs: int, state: Path | None = None) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB, run plus workers) of one batch run in a fresh process."""
    args = [str(inputs), output, str(jobs), str(state or "-")]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode not in (0, 3):
        sys.exit(f"newscli run failed ({process.returncode}):\n{stderr[-2000:]}")
    return seconds, peak


def trafilatura(inputs: Path, output: Path, jobs: int) -> float:
    """Seconds of trafilatura's own directory mode on the same pages."""
    command = ["trafilatura", "--input-dir", str(inputs), "--output-dir", str(output)]
    command += ["--parallel", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    """Run every measurement once and print one JSON report."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--pages", type=int, default=2000, help="pages for speed (default 2000)")
    parser.add_argument("--small", type=int, default=1000, help="pages for the small memory run")
    parser.add_argument("--large", type=int, default=10000, help="pages for the large memory run")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"note: {DATA} is absent; nothing to measure")
        return
    work = Path(tempfile.mkdtemp(prefix="newscli-batch-bench-"))
    try:
        pages = make_pages(work / "pages", args.pages)
        one, _ = newscli(work / "pages", f"{work}/out1/", 1)
        two, _ = newscli(work / "pages", f"{work}/out2/", 2)
        traf = trafilatura(work / "pages", work / "traf", 2) if shutil.which("trafilatura") else None
        first, _ = newscli(work / "pages", f"{work}/out3/", 2, work / "state.db")
        again, _ = newscli(work / "pages", f"{work}/out3/", 2, work / "state.db")
        make_pages(work / "small", args.small)
        make_pages(work / "large", args.large)
        _, small_rss = newscli(work / "small", "-", 2)
        _, large_rss = newscli(work / "large", "-", 2)
        report = {
            "pages": pages,
            "jobs1_seconds": round(one, 2),
            "jobs2_seconds": round(two, 2),
            "speedup_jobs2_vs_jobs1": round(one / two, 2),
            "newscli_jobs2_pages_per_s": round(pages / two, 1),
            "trafilatura_parallel2_pages_per_s": round(pages / traf, 1) if traf else None,
            "newscli_vs_trafilatura_speed_ratio": round(traf / two, 2) if traf else None,
            "incremental_first_seconds": round(first, 2),
            "incremental_unchanged_seconds": round(again, 2),
            "unchanged_vs_first_percent": round(100 * again / first, 1),
            "peak_rss_kib": {str(args.small): small_rss, str(args.large): large_rss},
            "peak_rss_ratio_large_vs_small": round(large_rss / small_rss, 3) if small_rss else None,
        }
        print(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
