"""Main-text quality and speed of newscli's parse_html against trafilatura, on ../shared/data/aeb-dev.

Runs every tool on each page in turn (document-major, so machine load hits all alike), scores with the
shared scorer (../shared/eval/extraction_eval.py) and prints F1/P/R, median ms/page and the time ratios.

    python benchmarks/extraction.py [--limit N] [--repeat N] [--predictions DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "aeb-dev"
SCORER = SHARED / "eval"


def _load_scorer() -> Any:
    """The shared scorer module (the same metric code the project is judged with)."""
    sys.path.insert(0, str(SCORER))
    import extraction_eval

    return extraction_eval


def _tools() -> dict[str, Callable[[bytes, str], str]]:
    """name -> fn(raw page bytes, decoded text) -> main text; trafilatura gets the scorer's decoded text."""
    import trafilatura

    from newscli.errors import InputError
    from newscli.parsers.html import ExtractOptions, parse_html
    from newscli.sources import Source

    def newscli_mode(fast: bool) -> Callable[[bytes, str], str]:
        options = ExtractOptions(fast=fast)

        def run(raw: bytes, _: str) -> str:
            try:
                return parse_html(Source(name="page", data=raw), options).text
            except InputError:
                return ""

        return run

    return {
        "trafilatura": lambda raw, html: trafilatura.extract(html, include_comments=False) or "",
        # the ablation: trafilatura's precision mode alone, which newscli uses as one of its candidates
        "trafilatura favor_precision": lambda raw, html: (
            trafilatura.extract(html, include_comments=False, favor_precision=True) or ""
        ),
        "newscli": newscli_mode(False),
        "newscli --fast": newscli_mode(True),
    }


def _time(fn: Callable[[bytes, str], str], raw: bytes, html: str, repeat: int) -> tuple[str, float]:
    """(text, median ms of `repeat` runs)."""
    times, text = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = fn(raw, html)
        times.append((time.perf_counter() - start) * 1000)
    return text, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run, score and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page (median kept)")
    parser.add_argument("--predictions", type=Path, help="write <tool>.jsonl predictions here")
    args = parser.parse_args(argv)
    if not (DATA / "ground-truth.json").is_file() or not (SCORER / "extraction_eval.py").is_file():
        print(f"skipped: {DATA} or the scorer is absent")
        return 0
    ev = _load_scorer()
    docs = ev.load_aeb(DATA)[: args.limit]
    tools = _tools()
    for fn in tools.values():  # warm-up: imports and caches are not timed
        fn(ev.WARMUP_HTML.encode(), ev.WARMUP_HTML)
    texts: dict[str, list[str]] = {name: [] for name in tools}
    times: dict[str, list[float]] = {name: [] for name in tools}
    for doc in docs:
        raw = doc.path.read_bytes()
        raw = gzip.decompress(raw) if doc.path.suffix == ".gz" else raw
        html = doc.html()
        for name, fn in tools.items():
            text, ms = _time(fn, raw, html, args.repeat)
            texts[name].append(text)
            times[name].append(ms)
    base = statistics.median(times["trafilatura"])
    print(f"aeb-dev: {len(docs)} pages, shingle metric of ../shared/eval/extraction_eval.py\n")
    print("| tool | F1 | precision | recall | median ms/page | time vs trafilatura |")
    print("|---|---|---|---|---|---|")
    for name in tools:
        counts = [ev.shingle_tp_fp_fn(doc.truth, text) for doc, text in zip(docs, texts[name], strict=True)]
        exact = [ev.exact_match(d.truth, t) for d, t in zip(docs, texts[name], strict=True)]
        score = ev.aggregate_shingle(counts, exact)
        median = statistics.median(times[name])
        print(
            f"| {name} | {score['f1']:.4f} | {score['precision']:.4f} | {score['recall']:.4f} "
            f"| {median:.1f} | {median / base:.2f}x |"
        )
    if args.predictions:
        args.predictions.mkdir(parents=True, exist_ok=True)
        for name in tools:
            path = args.predictions / f"{name.replace(' --', '-')}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for doc, text, ms in zip(docs, texts[name], times[name], strict=True):
                    out.write(json.dumps({"id": doc.id, "text": text, "ms": ms}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
