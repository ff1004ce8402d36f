"""Start-up cost of the newscli CLI against trafilatura's, measured side by side in one run.

    python benchmarks/startup.py [--runs N] [--page samples/en-harbor-bridge.html]

Both commands are the console scripts installed beside this Python (not a version manager's shim).
Runs alternate (newscli, trafilatura, newscli, ...) so machine load hits both alike; each row gives the
median wall time and the median CPU time (user + system, from the child's rusage), which is far less
sensitive to other processes on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tools import compile_bytecode, script

ROOT = Path(__file__).resolve().parents[1]


def _run(command: list[str], stdin: bytes | None) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run of a command (which must succeed)."""
    start = time.perf_counter()
    quiet = subprocess.DEVNULL
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=quiet, stderr=quiet)
    assert proc.stdin is not None
    proc.stdin.write(stdin or b"")
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}")
    return (time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def _pair(
    ours: list[str], our_in: bytes | None, theirs: list[str], their_in: bytes | None, runs: int
) -> list[float]:
    """Median wall and CPU ms of both commands, runs interleaved."""
    samples: dict[str, list[tuple[float, float]]] = {"ours": [], "theirs": []}
    _run(ours, our_in), _run(theirs, their_in)  # warm the page cache
    for _ in range(runs):
        samples["ours"].append(_run(ours, our_in))
        samples["theirs"].append(_run(theirs, their_in))
    return [statistics.median(s[i] for s in samples[who]) for who in ("ours", "theirs") for i in (0, 1)]


def main(argv: list[str] | None = None) -> int:
    """Time the command pairs and print a table with the ratios."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--page", type=Path, default=ROOT / "samples" / "en-harbor-bridge.html")
    parser.add_argument("--arabic-page", type=Path, default=ROOT / "samples" / "ar-water-plant.html")
    args = parser.parse_args(argv)
    page, arabic = args.page.read_bytes(), args.arabic_page.read_bytes()
    compile_bytecode()
    newscli = [script("newscli") or "newscli"]
    trafilatura = script("trafilatura")
    if trafilatura is None:
        print("trafilatura's command is not installed; nothing to compare with")
        return 0
    pairs = {
        "--help": ([*newscli, "--help"], None, [trafilatura, "--help"], None),
        "extract one page": ([*newscli, "extract", str(args.page)], None, [trafilatura], page),
        "extract one Arabic page": (
            [*newscli, "extract", str(args.arabic_page)],
            None,
            [trafilatura],
            arabic,
        ),
        # newscli writes JSON with metadata: the same output asked of trafilatura
        "extract one page, trafilatura --json --with-metadata": (
            [*newscli, "extract", str(args.page)],
            None,
            [trafilatura, "--json", "--with-metadata", "-i", str(args.page)],
            None,
        ),
    }
    print(f"median of {args.runs} interleaved runs")
    print(
        "| command | newscli wall ms | trafilatura wall ms | wall ratio "
        "| newscli CPU ms | trafilatura CPU ms | CPU ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, (ours, our_in, theirs, their_in) in pairs.items():
        our_wall, our_cpu, their_wall, their_cpu = _pair(ours, our_in, theirs, their_in, args.runs)
        print(
            f"| {label} | {our_wall:.0f} | {their_wall:.0f} | {our_wall / their_wall:.2f}x "
            f"| {our_cpu:.0f} | {their_cpu:.0f} | {our_cpu / their_cpu:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
