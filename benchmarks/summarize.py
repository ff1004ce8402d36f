"""Benchmark: newscli's bullets against the lead baseline, scored by ../shared/eval/summary_eval.py.

    python benchmarks/summarize.py                 # every ../shared/data/summ-dev file
    python benchmarks/summarize.py --limit 50 --method centrality

For each data set, newscli writes N bullets per article (N = the reference's bullet
count), then summary_eval scores them next to its own ``lead`` in the same run.
Exits 0 with a note when the shared data or scorer is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summ-dev"
SCORER = SHARED / "eval" / "summary_eval.py"


def load_scorer() -> ModuleType:
    """Import summary_eval.py from the shared folder without installing it."""
    spec = importlib.util.spec_from_file_location("summary_eval", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_newscli(
    records: list[dict[str, Any]], method: str, n_for: Any
) -> tuple[dict[str, list[str]], list[float]]:
    """newscli's bullets for every record, and milliseconds spent on each."""
    from newscli.summarize import summarize_text

    preds: dict[str, list[str]] = {}
    times: list[float] = []
    for rec in records:
        start = time.perf_counter()
        preds[rec["id"]] = summarize_text(
            rec["text"], n_for(rec, "ref"), language=rec.get("lang"), title=rec.get("title"), method=method
        )
        times.append((time.perf_counter() - start) * 1000)
    return preds, times


def main(argv: list[str] | None = None) -> int:
    """Score every data set and print one table row per data set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="a summ-dev folder or one .jsonl file")
    parser.add_argument("--method", default="default", help="newscli method to score (default: default)")
    parser.add_argument("--limit", type=int, default=0, help="first K articles per data set")
    args = parser.parse_args(argv)
    if not SCORER.exists() or not args.data.exists():
        print(f"skipped: {args.data} or {SCORER} is absent", file=sys.stderr)
        return 0
    ev = load_scorer()
    scorer = ev.Scorer(arabic_norm=True, stem_english=True)
    tokenizer = ev.UnicodeTokenizer(arabic_norm=True)
    files = sorted(args.data.glob("*.jsonl")) if args.data.is_dir() else [args.data]
    print(f"newscli --method {args.method} vs lead (R-1 / R-2 / R-Lsum F1, N = reference bullets)\n")
    print(
        "| data set | articles | lead R-1 | R-2 | R-Lsum | newscli R-1 | R-2 | R-Lsum | Δ R-1 | median ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    all_times: list[tuple[int, float]] = []
    for path in files:
        records = ev.read_jsonl(path)[: args.limit or None]
        preds, times = run_newscli(records, args.method, ev.n_for)
        all_times += [(len(r["text"].split()), t) for r, t in zip(records, times, strict=True)]
        res = ev.evaluate(records, ["lead"], {"newscli": preds}, "ref", scorer, tokenizer)
        lead, ours = res["lead"], res["pred:newscli"]
        cells = [f"{r[k]:.2f}" for r in (lead, ours) for k in ("rouge1", "rouge2", "rougeLsum")]
        delta = ours["rouge1"] - lead["rouge1"]
        ms = statistics.median(times)
        print(f"| {path.stem} | {len(records)} | {' | '.join(cells)} | {delta:+.2f} | {ms:.1f} |", flush=True)
    mid = [t for words, t in all_times if 450 <= words <= 750]
    if mid:
        print(f"\nmedian ms per article of 450-750 words: {statistics.median(mid):.1f} ({len(mid)} articles)")
    print(json.dumps({"articles": len(all_times)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
