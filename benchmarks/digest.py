"""Benchmark: `newscli digest` grouping quality, story bullets, and 10,000 articles' time and memory.

    python benchmarks/digest.py                # everything (a few minutes)
    python benchmarks/digest.py --no-scale     # quality only

Grouping set, built from ../shared/data/summ-dev (English, Arabic, French): every article of at
least 4 sentences becomes two reports of one story, and every other article is an unrelated story.
Three ways to make the two reports, from easiest to hardest:

- ``second``: the article, and its second half alone (a shorter report repeating part of it);
- ``brief``: the article, and its reference summary (an editor's brief; OrangeSum's are teasers);
- ``halves``: its first half, and its second half (no sentence in common).

The first report keeps the article's title when the data has one; BBC Arabic ids carry the day
(``...-20180807``), which becomes both reports' date; the other sets have none. Pairwise precision
and recall count article pairs put in one story. The grouping thresholds were set on half A (even
articles of each file) and are confirmed on half B.

Story bullets: for each ``second`` story, `story_bullets` over the articles grouped with the
article (N = the reference's bullet count), scored with ../shared/eval/summary_eval.py beside the
lead of the article and newscli's single-article summary.

Scale: 10,000 articles (the ``second`` and ``halves`` reports, repeated a week apart with new ids)
through `python -m newscli digest FILE -o OUT`: wall and CPU time and peak memory of the process,
next to 1,000 articles. The dates of that set are made up (a week per copy) so copies never merge.
Exits 0 with a note when the shared data is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tools import load_shared

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summ-dev"
SCORER = SHARED / "eval" / "summary_eval.py"
VARIANTS = ("second", "brief", "halves")
_DAY_IN_ID = re.compile(r"-(20\d\d)(\d\d)(\d\d)$")

Record = dict[str, Any]


def dev_records() -> list[tuple[str, int, Record]]:
    """(file stem, index in file, record) for every summ-dev article."""
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            lines = [json.loads(line) for line in handle if line.strip()]
        out.extend((path.stem, i, record) for i, record in enumerate(lines))
    return out


def reports(record: Record, variant: str) -> list[Record] | None:
    """The two reports of one story made from an article (None when it has under 4 sentences)."""
    from newscli.summarize import candidates

    sentences = candidates(record["text"], record["lang"])
    if len(sentences) < 4:
        return None
    half = len(sentences) // 2
    texts = {
        "second": (sentences, sentences[half:]),
        "brief": (sentences, record["summary"]),
        "halves": (sentences[:half], sentences[half:]),
    }[variant]
    day = _DAY_IN_ID.search(record["id"])
    when = f"{day[1]}-{day[2]}-{day[3]}" if day else None
    return [
        {
            "id": f"{record['id']}#{k}",
            "language": record["lang"],
            "title": record.get("title") if k == 0 else None,
            "date": when,
            "text": "\n\n".join(text),
        }
        for k, text in enumerate(texts)
    ]


def labelled_set(variant: str) -> tuple[list[Record], dict[str, str], dict[str, str]]:
    """The reports, each report's true story (its article's id), and each story's half (A or B)."""
    articles: list[Record] = []
    truth: dict[str, str] = {}
    half: dict[str, str] = {}
    for _, index, record in dev_records():
        pair = reports(record, variant)
        if pair is None:
            continue
        half[record["id"]] = "AB"[index % 2]
        for report in pair:
            articles.append(report)
            truth[report["id"]] = record["id"]
    return articles, truth, half


def run_digest(articles: list[Record], bullets: int = 3) -> list[Any]:
    """The stories `newscli digest` makes of these records (in process, same code as the CLI)."""
    from newscli.model import Article
    from newscli.stories.digest import DigestOptions, digest

    return list(digest((Article.from_dict(a) for a in articles), DigestOptions(bullets=bullets)))


def pairwise(
    stories: list[Any], truth: dict[str, str], half: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Pairwise precision and recall per half (a pair belongs to the half of its first article's story)."""
    true_pairs: dict[str, int] = defaultdict(int)
    by_story: dict[str, list[str]] = defaultdict(list)
    for report, story in truth.items():
        by_story[story].append(report)
    for story, members in by_story.items():
        pairs = len(members) * (len(members) - 1) // 2
        true_pairs[half[story]] += pairs
        true_pairs["all"] += pairs
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # half -> [right, wrong]
    for story in stories:
        for a, b in itertools.combinations(story.articles, 2):
            right = truth[a] == truth[b]
            for where in (half[truth[a]], "all"):
                found[where][0 if right else 1] += 1
    out = {}
    for where in ("A", "B", "all"):
        right, wrong = found[where]
        precision = right / (right + wrong) if right + wrong else 1.0
        out[where] = (precision, right / true_pairs[where] if true_pairs[where] else 1.0)
    return out


def grouping_tables() -> None:
    """Print pairwise precision/recall of each variant."""
    print("### Grouping: pairwise precision / recall (targets 0.95 / 0.90)\n")
    print("| two reports of a story | reports | stories made | half A P / R | half B P / R | all P / R | s |")
    print("|---|---:|---:|---|---|---|---:|")
    for variant in VARIANTS:
        articles, truth, half = labelled_set(variant)
        start = time.perf_counter()
        stories = run_digest(articles)
        seconds = time.perf_counter() - start
        scores = pairwise(stories, truth, half)
        cells = " | ".join(f"{p:.3f} / {r:.3f}" for p, r in (scores[h] for h in ("A", "B", "all")))
        print(f"| {variant} | {len(articles)} | {len(stories)} | {cells} | {seconds:.1f} |", flush=True)


def bullet_scores() -> None:
    """ROUGE of story bullets (N = reference bullets) against the article's lead and its own summary.

    A story here is an article's two halves, grouped as they should be (the grouping is measured
    above): the bullets must find the article's gist across two reports that share no sentence.
    """
    from newscli.model import Article
    from newscli.stories.summary import story_bullets
    from newscli.summarize import summarize_text

    ev = load_shared("summary_eval")
    scorer = ev.Scorer(arabic_norm=True, stem_english=True)
    articles = labelled_set("halves")[0]
    by_id = {a["id"]: a for a in articles}
    totals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0.0, 0.0]))
    for stem, _, record in dev_records():
        first = f"{record['id']}#0"
        if first not in by_id:
            continue
        n = ev.n_for(record, "ref")
        refs = record.get("references") or [record["summary"]]
        keys = [first, f"{record['id']}#1"]
        members = [Article.from_dict(by_id[key]) for key in keys]
        ours, _ = story_bullets(members, keys, record["lang"], record.get("title"), n)
        made = {
            "lead": ev.split_sentences(record["text"])[:n],
            "newscli summarize": summarize_text(
                record["text"], n, language=record["lang"], title=record.get("title")
            ),
            "story bullets": ours,
        }
        for name, bullets in made.items():
            scores = scorer.score(record["lang"], refs, bullets)
            cell = totals[stem][name]
            cell[0] += scores["rouge1"]
            cell[1] += scores["rouge2"]
            cell[2] += scores["rougeLsum"]
            cell[3] += 1
    print("\n### Story bullets against the references (R-1 / R-2 / R-Lsum, N = reference bullets)\n")
    print(
        "| set | stories | lead of the article | newscli summarize (article) | story bullets (two halves) |"
    )
    print("|---|---:|---|---|---|")
    for stem, cells in totals.items():
        count = int(cells["lead"][3])
        row = [" / ".join(f"{100 * v / count:.2f}" for v in cells[name][:3]) for name in cells]
        print(f"| {stem} | {count} | " + " | ".join(row) + " |")


def scale_set(size: int) -> Iterator[Record]:
    """`size` articles: the `second` and `halves` reports, copied a week apart with new ids and dates."""
    base = [a for variant in ("second", "halves") for a in labelled_set(variant)[0]]
    start = date(2024, 1, 1)
    for i in range(size):
        copy, article = divmod(i, len(base))
        record = dict(base[article])
        record["id"] = f"{record['id']}~{copy}~{i}"
        record["date"] = (start + timedelta(days=7 * copy)).isoformat()
        yield record


def scale(sizes: tuple[int, ...]) -> None:
    """Time `newscli digest` on growing sets in a fresh process each; report CPU, wall, peak memory."""
    print("\n### Scale: `python -m newscli digest FILE -o OUT` (one process per size)\n")
    print("| articles | stories | wall s | CPU s | peak memory MB |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            source = Path(tmp) / f"articles-{size}.jsonl"
            with source.open("w", encoding="utf-8") as out:
                for record in scale_set(size):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            target = Path(tmp) / f"stories-{size}.jsonl"
            wall, cpu, peak = _child(
                [sys.executable, "-m", "newscli", "digest", str(source), "-o", str(target), "-q"]
            )
            stories = sum(1 for _ in target.open(encoding="utf-8"))
            print(f"| {size:,} | {stories:,} | {wall:.1f} | {cpu:.1f} | {peak:.0f} |", flush=True)


def _child(command: list[str]) -> tuple[float, float, float]:
    """Run a command in its own process (through a small wrapper, so the peak is its own)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
    )
    wall, cpu, peak = (float(v) for v in done.stdout.split())
    return wall, cpu, peak


def main(argv: list[str] | None = None) -> int:
    """Grouping quality, story bullets, and scale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-scale", action="store_true", help="skip the 10,000-article run")
    parser.add_argument("--sizes", default="1000,10000", help="article counts for the scale run")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} is absent", file=sys.stderr)
        return 0
    grouping_tables()
    if SCORER.exists() and importlib.util.find_spec("rouge_score"):
        bullet_scores()
    else:
        print("\n(story bullets not scored: needs ../shared/eval and `pip install rouge-score regex nltk`)")
    if not args.no_scale:
        scale(tuple(int(s) for s in args.sizes.split(",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
