"""Export throughput and memory per format: N synthetic articles streamed from a generator to a file.

    python benchmarks/export.py [--articles 100000] [--formats jsonl,json,csv,...]

Each format runs in a fresh process (so peak memory is that format's own), all in one run; a format
whose optional dependency is missing (parquet needs newscli[parquet]) is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from newscli.export import ExportOptions, write_articles
from newscli.model import Article
to, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
para = "The harbor bridge reopened to traffic on Tuesday, two years after engineers closed it. " * 5
def articles():
    for i in range(n):
        yield Article(id=f"id-{i}", title=f"Article number {i}", language="en", authors=["A. Writer"],
                      text=(para + "\n\n") * 3, summary=["One.", "Two."])
start = time.perf_counter()
count = write_articles(articles(), ExportOptions(to=to, output=out, overwrite=True), sys.stdout.buffer)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"count": count, "seconds": seconds, "bytes": out.stat().st_size, "peak_mb": peak}))
"""


def main() -> int:
    """Run every format once and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--formats", default="jsonl,json,csv,markdown,html,txt,sqlite,parquet")
    args = parser.parse_args()
    print(f"{args.articles:,} articles per format")
    print("| format | seconds | articles/s | file MB | peak MB |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for to in args.formats.split(","):
            out = Path(tmp) / f"out.{to}"
            done = subprocess.run(
                [sys.executable, "-c", CHILD, to, str(args.articles), str(out)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                print(f"| {to} | skipped: {done.stderr.strip().splitlines()[-1]} | | | |")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            rate = r["count"] / r["seconds"]
            size, peak = r["bytes"] / 1e6, r["peak_mb"]
            print(f"| {to} | {r['seconds']:.2f} | {rate:,.0f} | {size:.1f} | {peak:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
