"""Benchmark: whole batches beside trafilatura's directory mode, side by side in one run, CPU time first.

    python benchmarks/batch.py                          # everything (the 10,000-page run takes a while)
    python benchmarks/batch.py --only cpu,jobs          # just the CPU ratio and the --jobs speed-up
    python benchmarks/batch.py --memory 200,1000        # a quick memory check

The pages are ../shared/data/traf-dev's 495 HTML pages (linked into a temporary folder); larger sets
repeat them, each copy made distinct by a trailing comment. Every run is a fresh process started the
way cron would (the console scripts beside this Python), and is measured as a process tree: this
benchmark makes itself the "subreaper" of what it starts, so worker processes whose parent exits first
are still reaped here and their CPU time counted; peak memory sums the tree's resident sets (sampled
from /proc). CPU time (user + system) is what other engineers' jobs on a shared machine disturb least;
wall time is printed beside it.

  cpu:          `newscli extract DIR`, `newscli run DIR` and `trafilatura --input-dir DIR --output-dir OUT
                --json --with-metadata` (metadata, like newscli's records); ratio of CPU seconds.
  jobs:         `newscli run DIR --jobs 1` against `--jobs 2`: wall speed-up, and from CPU time the
                speed-up an idle 2-core machine allows (2 x jobs-1 CPU / jobs-2 CPU, when the main
                process is not the bottleneck) with the main process's share of the work.
  incremental:  a re-run with --state and nothing changed, against the first run.
  memory:       peak resident memory of `newscli run --jobs 2` (the whole tree, and its main process)
                and of `newscli extract DIR` (one process) on the --memory page counts.

Exits 0 with a note when the shared data is absent. Nothing is written inside the project.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import compile_bytecode, required_script

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "traf-dev"
PR_SET_CHILD_SUBREAPER = 36
MEASURES = ("cpu", "jobs", "incremental", "memory")


def corpus() -> list[Path]:
    """The data set's HTML pages, in a stable order."""
    return sorted(p for p in DATA.rglob("*.html") if p.is_file())


def make_pages(folder: Path, count: int, originals: list[Path]) -> Path:
    """`count` pages: the originals linked as they are, then copies marked with their number."""
    folder.mkdir(parents=True)
    for number in range(count):
        original = originals[number % len(originals)]
        target = folder / f"page{number:05d}.html"
        if number < len(originals):
            target.symlink_to(original)
        else:
            target.write_bytes(original.read_bytes() + f"\n<!-- copy {number} -->\n".encode("ascii"))
    return folder


@dataclass
class Tree:
    """CPU seconds per process of a running tree, from /proc, and the peak of their summed RSS."""

    root: int
    cpu: dict[int, float] = field(default_factory=dict)
    peak_kib: int = 0
    main_peak_kib: int = 0  # the command's own process (where anything kept per page would pile up)
    tick: float = float(os.sysconf("SC_CLK_TCK"))

    def sample(self) -> None:
        """Read every descendant's CPU time and resident memory once."""
        parents: dict[int, int] = {}
        stats: dict[int, list[str]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            pid = int(stat.parent.name)
            parents[pid], stats[pid] = int(fields[1]), fields
        tree, grew = {self.root}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        rss = 0
        for pid in tree & stats.keys():
            fields = stats[pid]
            self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime
            own = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            rss += own
            if pid == self.root:
                self.main_peak_kib = max(self.main_peak_kib, own)
        self.peak_kib = max(self.peak_kib, rss)


@dataclass
class Result:
    """One measured command."""

    wall: float
    cpu: float  # user + system of the whole tree, from rusage (exact)
    main_cpu: float  # the command's own process
    peak_mib: float
    main_peak_mib: float
    processes: int


def measure(command: list[str], stdout: Path | None = None) -> Result:
    """Run a command as a fresh process tree; exact CPU from rusage, the tree's peak RSS from /proc."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    before = os.times()
    started = time.perf_counter()
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
    tree = Tree(process.pid)
    while process.poll() is None:
        tree.sample()
        time.sleep(0.1)
    wall = time.perf_counter() - started
    while True:  # orphans (the forkserver and its workers) were handed to us: reap them all
        try:
            os.wait()
        except ChildProcessError:
            break
    after = os.times()
    if stdout and not isinstance(out, int):
        out.close()
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 3):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    main_cpu = tree.cpu.get(process.pid, 0.0)
    return Result(wall, cpu, main_cpu, tree.peak_kib / 1024, tree.main_peak_kib / 1024, len(tree.cpu))


def newscli_run(pages: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    """`newscli run` as a cron job writes it: JSON Lines to a file, quiet."""
    return [required_script("newscli"), "run", str(pages), "--jobs", str(jobs), "-o", str(out), "-q", *extra]


def cpu_ratio(work: Path, pages: Path) -> dict[str, object]:
    """newscli's extract and run against trafilatura's directory mode, CPU seconds on the same pages."""
    extract = measure([required_script("newscli"), "extract", str(pages), "-q"])
    run = measure(newscli_run(pages, work / "cpu-run.jsonl", 2))
    traf_command = [
        required_script("trafilatura"),
        "--input-dir",
        str(pages),
        "--output-dir",
        str(work / "traf"),
    ]
    traf = measure([*traf_command, "--json", "--with-metadata", "--parallel", "2"])
    return {
        "newscli_extract": {"cpu_s": round(extract.cpu, 2), "wall_s": round(extract.wall, 2)},
        "newscli_run_jobs2": {"cpu_s": round(run.cpu, 2), "wall_s": round(run.wall, 2)},
        "trafilatura_input_dir_parallel2": {"cpu_s": round(traf.cpu, 2), "wall_s": round(traf.wall, 2)},
        "extract_cpu_vs_trafilatura": round(extract.cpu / traf.cpu, 2),
        "run_cpu_vs_trafilatura": round(run.cpu / traf.cpu, 2),
    }


def jobs_speedup(work: Path, pages: Path) -> dict[str, object]:
    """--jobs 1 against --jobs 2: wall speed-up, and what CPU time says an idle machine would give."""
    one = measure(newscli_run(pages, work / "jobs1.jsonl", 1))
    two = measure(newscli_run(pages, work / "jobs2.jsonl", 2))
    same = (work / "jobs1.jsonl").read_bytes() == (work / "jobs2.jsonl").read_bytes()
    workers = two.cpu - two.main_cpu
    return {
        "jobs1": {"wall_s": round(one.wall, 2), "cpu_s": round(one.cpu, 2)},
        "jobs2": {
            "wall_s": round(two.wall, 2),
            "cpu_s": round(two.cpu, 2),
            "main_process_cpu_s": round(two.main_cpu, 2),
            "other_processes_cpu_s": round(workers, 2),
            "processes": two.processes,
        },
        "wall_speedup": round(one.wall / two.wall, 2),
        "cpu_jobs2_vs_jobs1": round(two.cpu / one.cpu, 3),
        "main_process_share_of_jobs2_cpu": round(two.main_cpu / two.cpu, 3),
        "idle_2core_speedup_from_cpu": round(2 * one.cpu / max(two.cpu, 2 * two.main_cpu), 2),
        "outputs_identical": same,
    }


def incremental(work: Path, pages: Path) -> dict[str, object]:
    """A re-run with nothing changed against the first run with --state."""
    state = ["--state", str(work / "state.db")]
    first = measure(newscli_run(pages, work / "inc.jsonl", 2, *state))
    again = measure(newscli_run(pages, work / "inc.jsonl", 2, *state))
    return {
        "first_wall_s": round(first.wall, 2),
        "unchanged_wall_s": round(again.wall, 2),
        "unchanged_vs_first_percent": round(100 * again.wall / first.wall, 1),
    }


def memory(work: Path, counts: list[int], originals: list[Path]) -> dict[str, object]:
    """Peak resident memory for each page count: `run --jobs 2` (main, forkserver, workers) and
    `extract DIR` (one process, where anything kept per page would show first)."""
    report: dict[str, dict[str, float]] = {"run_jobs2": {}, "run_jobs2_main_process": {}, "extract": {}}
    for count in counts:
        pages = make_pages(work / f"mem{count}", count, originals)
        run = measure(newscli_run(pages, work / f"mem{count}.jsonl", 2))
        extract = measure([required_script("newscli"), "extract", str(pages), "-q"])
        report["run_jobs2"][str(count)] = round(run.peak_mib, 1)
        report["run_jobs2_main_process"][str(count)] = round(run.main_peak_mib, 1)
        report["extract"][str(count)] = round(extract.peak_mib, 1)
        shutil.rmtree(pages)
        (work / f"mem{count}.jsonl").unlink()
    first, last = str(counts[0]), str(counts[-1])
    ratios = {name: round(peaks[last] / peaks[first], 3) for name, peaks in report.items()}
    return {"peak_rss_mib": report, "largest_vs_smallest": ratios}


def main() -> None:
    """Run the chosen measurements once and print one JSON report."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--only", default=",".join(MEASURES), help="comma-separated: " + ", ".join(MEASURES))
    parser.add_argument("--pages", type=int, default=0, help="pages for cpu/jobs (default: the data set)")
    parser.add_argument("--memory", default="1000,10000", help="page counts for the memory runs")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"note: {DATA} is absent; nothing to measure")
        return
    chosen = [m for m in args.only.split(",") if m]
    compile_bytecode()
    originals = corpus()
    work = Path(tempfile.mkdtemp(prefix="newscli-batch-bench-"))
    report: dict[str, object] = {"pages": args.pages or len(originals)}
    try:
        pages = make_pages(work / "pages", args.pages or len(originals), originals)
        if "cpu" in chosen:
            report["cpu"] = cpu_ratio(work, pages)
        if "jobs" in chosen:
            report["jobs"] = jobs_speedup(work, pages)
        if "incremental" in chosen:
            report["incremental"] = incremental(work, pages)
        if "memory" in chosen:
            report["memory"] = memory(work, [int(c) for c in args.memory.split(",")], originals)
        print(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
