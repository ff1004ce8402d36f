"""Start-up cost of the newscli CLI against trafilatura's, measured in one run (median of N runs each).

    python benchmarks/startup.py [--runs N] [--page samples/en-harbor-bridge.html]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _median_ms(command: list[str], stdin: bytes | None, runs: int) -> float | None:
    """Median wall time of a command in ms, None when it cannot run or fails."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode != 0:
            return None
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _fmt(ms: float | None) -> str:
    """A time for the table, "-" when the command could not run."""
    return "-" if ms is None else f"{ms:.0f}"


def main(argv: list[str] | None = None) -> int:
    """Time the four commands, interleaved, and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", type=Path, default=ROOT / "samples" / "en-harbor-bridge.html")
    args = parser.parse_args(argv)
    page = args.page.read_bytes()
    found = shutil.which("newscli")
    newscli = [found] if found else [sys.executable, "-m", "newscli"]
    other_cli = shutil.which("trafilatura")
    trafilatura = [other_cli] if other_cli else None
    pairs = {
        "--help": ([*newscli, "--help"], None, trafilatura and [*trafilatura, "--help"], None),
        "extract one page": ([*newscli, "extract", str(args.page)], None, trafilatura, page),
    }
    print("| command | newscli ms | trafilatura ms | ratio |")
    print("|---|---|---|---|")
    for label, (ours, our_in, theirs, their_in) in pairs.items():
        mine = _median_ms(ours, our_in, args.runs)
        other = _median_ms(theirs, their_in, args.runs) if theirs else None
        ratio = f"{mine / other:.2f}x" if mine and other else "-"
        print(f"| {label} | {_fmt(mine)} | {_fmt(other)} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
