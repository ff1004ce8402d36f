"""Benchmark: newscli's bullets against the lead baseline and sumy, scored by ../shared/eval/summary_eval.py.

    python benchmarks/summarize.py                    # every ../shared/data/summ-dev file, everything
    python benchmarks/summarize.py --limit 50 --no-sumy

In one run, for each data set and each length (N = the reference's bullet count, N = 1, and
--ratio 0.2, i.e. a fifth of newscli's sentences, the same N given to every method), it scores
newscli's default method next to summary_eval's own ``lead`` and the other methods (newscli's
``lead`` and ``centrality``, sumy's TextRank and LexRank when sumy is installed), on the whole set
and on its two halves (A = even lines, B = odd lines: weights were tuned on A, B confirms).
Then it times summarizing against sumy (CPU time, same articles, same process, best of three) and
checks that PyStemmer (C) gives the same stems as snowballstemmer's pure-Python code.
Exits 0 with a note when the shared data or scorer is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from tools import load_shared

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summ-dev"
SCORER = SHARED / "eval" / "summary_eval.py"
METRICS = ("rouge1", "rouge2", "rougeLsum")
MODES = ("ref", "1", "ratio 0.2")
HALVES = ("A", "B", "all")

Record = dict[str, Any]
Method = Callable[[Record, int], list[str]]


def budget(ev: ModuleType, record: Record, mode: str, sentences: int) -> int:
    """N for a record: the reference's bullet count, 1, or a fifth of newscli's sentences (at least 1)."""
    if mode == "ref":
        return int(ev.n_for(record, "ref"))
    if mode == "1":
        return 1
    return max(1, round(0.2 * sentences))


def methods(ev: ModuleType, with_sumy: bool) -> dict[str, Method]:
    """Every method scored: summary_eval's lead (the baseline), newscli's, sumy's."""
    from newscli.summarize import summarize_text

    def newscli(method: str) -> Method:
        return lambda r, n: summarize_text(
            r["text"], n, language=r["lang"], title=r.get("title"), method=method
        )

    def scorer_method(name: str) -> Method:
        fn = ev.make_method(name, ev.UnicodeTokenizer(arabic_norm=True))
        return lambda r, n: list(fn(ev.split_sentences(r["text"]), n, r["lang"], r))

    out: dict[str, Method] = {
        "lead": scorer_method("lead"),
        "default": newscli("default"),
        "newscli lead": newscli("lead"),
        "centrality": newscli("centrality"),
    }
    if with_sumy:
        out["textrank"] = scorer_method("textrank")
        out["lexrank"] = scorer_method("lexrank")
    return out


def score_all(
    ev: ModuleType, path: Path, table: dict[str, Method], limit: int
) -> dict[tuple[str, str, str], dict[str, float]]:
    """(mode, half, method) -> mean R-1/R-2/R-Lsum F1 x 100 on one data set."""
    from newscli.summarize import candidates

    scorer = ev.Scorer(arabic_norm=True, stem_english=True)
    records = ev.read_jsonl(path)[: limit or None]
    sums: dict[tuple[str, str, str], dict[str, float]] = {}
    counts: dict[str, int] = {"A": 0, "B": 0, "all": 0}
    for index, record in enumerate(records):
        refs = record.get("references") or [record["summary"]]
        sentences = len(candidates(record["text"], record["lang"]))
        half = "AB"[index % 2]
        counts[half] += 1
        counts["all"] += 1
        for mode in MODES:
            n = budget(ev, record, mode, sentences)
            for name, method in table.items():
                scores = scorer.score(record["lang"], refs, method(record, n))
                for where in (half, "all"):
                    cell = sums.setdefault((mode, where, name), dict.fromkeys(METRICS, 0.0))
                    for metric in METRICS:
                        cell[metric] += scores[metric]
    return {key: {m: 100 * v / counts[key[1]] for m, v in cell.items()} for key, cell in sums.items()}


def print_tables(
    results: dict[str, dict[tuple[str, str, str], dict[str, float]]], names: list[str]
) -> list[str]:
    """One table per length; returns the cells (set, half, length, metric) where default < lead."""
    below_cells: list[str] = []
    others = [n for n in names if n not in ("lead", "default")]
    for mode in MODES:
        label = {"ref": "N = reference bullets", "1": "N = 1", "ratio 0.2": "--ratio 0.2"}[mode]
        print(f"\n### {label}  (R-1 / R-2 / R-Lsum F1; Δ = default - lead)\n")
        print("| set | half | lead | default | Δ | " + " | ".join(f"{o} R-1" for o in others) + " |")
        print("|---|---|---|---|---|" + "---:|" * len(others))
        for name, res in results.items():
            for half in HALVES:
                lead, ours = res[(mode, half, "lead")], res[(mode, half, "default")]
                delta = [ours[m] - lead[m] for m in METRICS]
                below = any(d < -1e-9 for d in delta)
                below_cells += [
                    f"{name} {half} {label} {m} {d:+.2f}"
                    for m, d in zip(METRICS, delta, strict=True)
                    if d < -1e-9
                ]
                cells = [
                    " / ".join(f"{lead[m]:.2f}" for m in METRICS),
                    " / ".join(f"{ours[m]:.2f}" for m in METRICS),
                    " / ".join(f"{d:+.2f}" for d in delta) + (" **below**" if below else ""),
                    *(f"{res[(mode, half, o)]['rouge1']:.2f}" for o in others),
                ]
                print(f"| {name} | {half} | " + " | ".join(cells) + " |", flush=True)
    return below_cells


# Run in a fresh process per summarizer: one cold pass over every article (newscli's word-stem cache
# and sumy's objects start empty), after a warm-up on three short texts that loads the modules.
_TIMER = """
import sys, time
sys.path.insert(0, sys.argv[1])
kind = sys.argv[2]
if kind == "newscli-pure":
    sys.modules["Stemmer"] = None
import summarize as bench
ev = bench.load_shared("summary_eval")
limit = int(sys.argv[3]) or None
records = [r for p in sorted(bench.DATA.glob("*.jsonl")) for r in ev.read_jsonl(p)[:limit]]
if kind.startswith("newscli"):
    from newscli.summarize import summarize_text
    run = lambda r, n: summarize_text(r["text"], n, language=r["lang"], title=r.get("title"))
else:
    fn = ev.make_method(kind, ev.UnicodeTokenizer(arabic_norm=True))
    run = lambda r, n: fn(ev.split_sentences(r["text"]), n, r["lang"], r)
warm = {"en": "One two three. Four five six.", "fr": "Un deux. Trois quatre.", "ar": "واحد اثنان. ثلاثة."}
for lang, text in warm.items():
    run({"text": text, "lang": lang}, 1)
start = time.process_time()
for r in records:
    run(r, ev.n_for(r, "ref"))
print(time.process_time() - start)
"""


def cpu_seconds(kind: str, limit: int) -> float:
    """CPU seconds of one cold pass of a summarizer over the articles, in its own process."""
    args = [sys.executable, "-c", _TIMER, str(Path(__file__).parent), kind, str(limit)]
    return float(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def speed(records: list[Record], with_sumy: bool, limit: int) -> None:
    """newscli's summarizing time against sumy's TextRank and LexRank (both split the text themselves)."""
    kinds = {"newscli default": "newscli", "newscli, pure-Python stemmers": "newscli-pure"}
    if with_sumy:
        kinds.update({"sumy textrank": "textrank", "sumy lexrank": "lexrank"})
    timings = {name: cpu_seconds(kind, limit) for name, kind in kinds.items()}
    base = timings["newscli default"]
    print(
        f"\n### Speed: CPU seconds to summarize {len(records)} articles (N = reference), one cold pass each\n"
    )
    print("| summarizer | CPU s | ms per article | newscli default is faster by |")
    print("|---|---:|---:|---:|")
    for name, seconds in timings.items():
        ratio = seconds / base if base else float("nan")
        print(f"| {name} | {seconds:.2f} | {1000 * seconds / len(records):.2f} | {ratio:.2f}x |")


def stems(records: list[Record]) -> None:
    """PyStemmer against snowballstemmer's pure-Python stemmers on every word of the data sets."""
    try:
        import Stemmer
    except ImportError:
        print("\nPyStemmer is not installed: stems not compared")
        return
    from snowballstemmer.arabic_stemmer import ArabicStemmer
    from snowballstemmer.english_stemmer import EnglishStemmer
    from snowballstemmer.french_stemmer import FrenchStemmer

    from newscli.lang.normalize import normalize_match

    pure = {"ar": ArabicStemmer(), "en": EnglishStemmer(), "fr": FrenchStemmer()}
    names = {"ar": "arabic", "en": "english", "fr": "french"}
    print("\n### PyStemmer against pure-Python snowballstemmer (every distinct word of the data sets)\n")
    print("| language | distinct words | different stems | pure-Python s | PyStemmer s | speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang, stemmer in pure.items():
        words = sorted(
            {w for r in records if r["lang"] == lang for w in re.findall(r"\w+", normalize_match(r["text"]))}
        )
        fast = Stemmer.Stemmer(names[lang])
        t0 = time.process_time()
        slow_stems = [stemmer.stemWord(w) for w in words]
        t1 = time.process_time()
        fast_stems = fast.stemWords(words)
        t2 = time.process_time()
        differ = sum(1 for a, b in zip(slow_stems, fast_stems, strict=True) if a != b)
        ratio = (t1 - t0) / (t2 - t1) if t2 > t1 else float("inf")
        print(f"| {lang} | {len(words)} | {differ} | {t1 - t0:.2f} | {t2 - t1:.3f} | {ratio:.0f}x |")


def ablation(ev: ModuleType, files: list[Path], limit: int) -> None:
    """For each fallback mechanism: articles whose bullets change without it, and the R-1 it is worth."""
    from newscli.summarize import candidates, summarize_text
    from newscli.summarize_methods import METHODS, Weights, scored

    variants = {
        "language fit": scored(Weights(), fallback=False),
        "lead margin": scored(Weights(lead_margin=0.0)),
        "run-on term": scored(Weights(length=0.0)),
    }
    METHODS.update({f"without {name}": selector for name, selector in variants.items()})
    scorer = ev.Scorer(arabic_norm=True, stem_english=True)
    print("\n### Ablation: articles whose bullets change without a mechanism (whole sets), R-1 it adds\n")
    print("| mechanism | set | " + " | ".join(MODES) + " |")
    print("|---|---|" + "---|" * len(MODES))
    for name in variants:
        for path in files:
            records = ev.read_jsonl(path)[: limit or None]
            cells = []
            for mode in MODES:
                changed, gain = 0, 0.0
                for r in records:
                    n = budget(ev, r, mode, len(candidates(r["text"], r["lang"])))
                    ours = summarize_text(r["text"], n, language=r["lang"], title=r.get("title"))
                    other = summarize_text(
                        r["text"], n, language=r["lang"], title=r.get("title"), method=f"without {name}"
                    )
                    if ours != other:
                        refs = r.get("references") or [r["summary"]]
                        changed += 1
                        gain += (
                            scorer.score(r["lang"], refs, ours)["rouge1"]
                            - scorer.score(r["lang"], refs, other)["rouge1"]
                        )
                cells.append(f"{changed} articles, {100 * gain / len(records):+.2f}")
            print(f"| {name} | {path.stem} | " + " | ".join(cells) + " |", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Score every data set at three lengths, time against sumy, compare stems."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="a summ-dev folder or one .jsonl file")
    parser.add_argument("--limit", type=int, default=0, help="first K articles per data set")
    parser.add_argument("--no-sumy", action="store_true", help="leave sumy out even when installed")
    parser.add_argument(
        "--ablation", action="store_true", help="only the ablation of the fallback mechanisms"
    )
    args = parser.parse_args(argv)
    if not SCORER.exists() or not args.data.exists():
        print(f"skipped: {args.data} or {SCORER} is absent", file=sys.stderr)
        return 0
    ev = load_shared("summary_eval")
    if args.ablation:
        ablation(ev, sorted(args.data.glob("*.jsonl")) if args.data.is_dir() else [args.data], args.limit)
        return 0
    with_sumy = not args.no_sumy and importlib.util.find_spec("sumy") is not None
    if not with_sumy:
        print("sumy is not installed (pip install sumy): its columns and timings are left out")
    table = methods(ev, with_sumy)
    files = sorted(args.data.glob("*.jsonl")) if args.data.is_dir() else [args.data]
    results = {}
    for path in files:
        print(f"scoring {path.stem} ...", file=sys.stderr, flush=True)
        results[path.stem] = score_all(ev, path, table, args.limit)
    below = print_tables(results, list(table))
    whole = [cell for cell in below if " all " in cell]
    verdict = "yes" if not whole else "NO: " + "; ".join(whole)
    print(f"\ndefault >= lead on every whole set, length and metric: {verdict}")
    halves = [cell for cell in below if " all " not in cell]
    print(f"cells of a half below lead: {'; '.join(halves) if halves else 'none'}")
    records = [r for path in files for r in ev.read_jsonl(path)[: args.limit or None]]
    speed(records, with_sumy, args.limit)
    stems(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
