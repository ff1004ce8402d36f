"""Main-text quality and per-page time of newscli, trafilatura and readability-lxml on the three dev corpora.

One run: every tool on each page in turn (document-major, so machine load hits all alike), scored with the
shared scorers' own code (../shared/eval/extraction_eval.py for aeb-dev and traf-dev, metadata_eval.py's
body recall and precision for fundus-dev). newscli is measured twice: "newscli extract" (what `newscli
extract` gives) and "newscli extract+clean" (extraction followed by the clean stage with its defaults:
what `newscli run`, `summarize`, `export` and `digest` deliver). Prints, as Markdown:

1. quality per corpus (F1, precision, recall) and the mean F1 over the three corpora; then how whole
   each tool keeps paragraphs, which no F1 sees but every later stage reads: the line breaks that cut
   a sentence (a line ending in a letter, digit or comma, the next one starting in lowercase), and on
   fundus-dev, whose gold is a list of paragraphs, the share of them that are one line of the text;
2. the same F1 on each half of every corpus, split by site (a hash of the site name), to check that what
   moves one half moves the other;
3. median CPU milliseconds per page and the ratio to trafilatura's extract();
4. the ablation: each newscli extraction mechanism switched off in turn (on "extract"), then each cleaning
   rule category kept in turn (on "extract+clean"): on how many pages of each corpus it changes the
   output, and the F1 it adds (with minus without), on the whole corpus and on each half;
5. with --failures, the pages where newscli extract+clean scores below 0.8 or clearly (0.1) below
   trafilatura or readability-lxml, with each tool's page score.

    python benchmarks/extraction.py [--corpus aeb-dev --corpus traf-dev --corpus fundus-dev] [--limit N]
                                    [--no-ablation] [--failures] [--predictions DIR] [--data DIR]

--data DIR scores the pages of another folder laid out like ../shared/data: benchmarks/heldout.py writes
the held-out pages of the three public corpora there, and two older corpora no dev set draws from
(l3s-gn1, readability: scored with the AEB metric). Every corpus present in the folder is scored.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SCORERS = SHARED / "eval"
CORPORA = ("aeb-dev", "traf-dev", "fundus-dev", "l3s-gn1", "readability")  # the last two: held-out only
SHINGLED = frozenset({"aeb-dev", "l3s-gn1", "readability"})  # corpora scored with the AEB metric
EXTRACT, CLEANED = "newscli extract", "newscli extract+clean"
LOW_PAGE, CLEARLY_WORSE = 0.8, 0.1  # --failures: a page score below this, or this far below another tool


@dataclass
class Page:
    """One page of a corpus: raw bytes for newscli, decoded text for the libraries, what to score against."""

    id: str
    raw: bytes
    html: str
    site: str
    gold: Any  # the scorer's Doc (aeb-dev, traf-dev) or expected record (fundus-dev)

    @property
    def half(self) -> str:
        """A or B: the half of the corpus this page's site falls in (stable, by hash)."""
        return "AB"[int(hashlib.sha1(self.site.encode()).hexdigest(), 16) % 2]


@dataclass
class Run:
    """One tool's texts and CPU milliseconds, per corpus."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    ms: dict[str, list[float]] = field(default_factory=dict)


Tool = Callable[[Page], str]


def _site(url: str | None, fallback: str) -> str:
    """The site a page belongs to (archived pages count as their original site)."""
    if not url or "://" not in url:
        return fallback
    parsed = urlparse(url)
    host = parsed.netloc
    if host == "web.archive.org":
        inner = parsed.path.split("/", 3)[-1]
        host = urlparse(inner).netloc or inner
    return host.lower().removeprefix("www.")


def _scorers() -> tuple[Any, Any]:
    """The shared scorer modules (the same metric code the project is judged with)."""
    sys.path.insert(0, str(SCORERS))
    import extraction_eval
    import metadata_eval

    return extraction_eval, metadata_eval


def load(corpus: str, ev: Any, data: Path = DATA) -> list[Page]:
    """The pages of one corpus (a dev one, or its held-out pages under --data)."""
    folder = data / corpus
    if corpus == "fundus-dev":
        pages = []
        for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines():
            expected = json.loads(line)
            raw = (folder / expected["html_path"]).read_bytes()
            html = raw.decode(expected.get("file_encoding") or "utf-8")
            pages.append(Page(expected["id"], raw, html, expected["publisher"], expected))
        return pages
    loaders = {"traf-dev": ev.load_trafilatura, "readability": ev.load_readability}
    docs = loaders.get(corpus, ev.load_aeb)(folder)
    out = []
    for doc in docs:
        raw = doc.path.read_bytes()
        raw = gzip.decompress(raw) if doc.path.suffix == ".gz" else raw
        out.append(Page(doc.id, raw, doc.html(), _site(doc.url, doc.id), doc))
    return out


def score(corpus: str, pages: list[Page], texts: list[str], ev: Any, me: Any) -> tuple[float, float, float]:
    """(F1, precision, recall) of one tool on some pages of a corpus, by that corpus's own metric."""
    if corpus in SHINGLED:
        counts = [ev.shingle_tp_fp_fn(p.gold.truth, t) for p, t in zip(pages, texts, strict=True)]
        exact = [ev.exact_match(p.gold.truth, t) for p, t in zip(pages, texts, strict=True)]
        result = ev.aggregate_shingle(counts, exact)
    elif corpus == "traf-dev":
        pairs = zip(pages, texts, strict=True)
        result = ev.aggregate_snippets([ev.snippet_counts(p.gold.with_, p.gold.without, t) for p, t in pairs])
    else:  # fundus-dev: body paragraph recall and the precision proxy of metadata_eval.py, as F1
        rows = [me.score_page(p.gold, {"text": t}, False) for p, t in zip(pages, texts, strict=True)]
        recall = statistics.mean(r["body_recall"] for r in rows if "body_recall" in r)
        precision = statistics.mean(r["body_prec"] for r in rows)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result = {"f1": f1, "precision": precision, "recall": recall}
    return result["f1"], result["precision"], result["recall"]


def page_score(corpus: str, page: Page, text: str, ev: Any, me: Any) -> float:
    """One page's score by its corpus's metric: shingle F1, snippet F1, or body recall/precision F1."""
    if corpus in SHINGLED:
        return float(ev.per_doc_scores(ev.shingle_tp_fp_fn(page.gold.truth, text))[2])
    if corpus == "traf-dev":
        tp, fp, fn, _ = ev.snippet_counts(page.gold.with_, page.gold.without, text)
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    row = me.score_page(page.gold, {"text": text}, False)
    recall, precision = row.get("body_recall", 1.0), row["body_prec"]
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def extract(page: Page, options: Any) -> Any:
    """newscli's record of a page (it reads the raw bytes: its own decoding), or None when it finds none."""
    from newscli.errors import InputError
    from newscli.parsers.html import parse_html
    from newscli.sources import Source

    try:
        return parse_html(Source(name="page", data=page.raw), options)
    except InputError:
        return None


def tools(ev: Any, extracted: dict[int, Any]) -> dict[str, Tool]:
    """name -> fn(page) -> main text. newscli reads the raw bytes (its own decoding), the others the text.

    "newscli extract+clean" runs the whole default pipeline itself (its time includes extraction) and
    leaves the uncleaned record in `extracted` (by page identity) for the cleaning ablation.
    """
    import trafilatura

    from newscli.clean import CleanOptions, clean_article
    from newscli.parsers.html import ExtractOptions

    def newscli(**options: Any) -> Tool:
        settings = ExtractOptions(**options)

        def run(page: Page) -> str:
            article = extract(page, settings)
            return article.text if article is not None else ""

        return run

    def newscli_cleaned(page: Page) -> str:
        article = extract(page, ExtractOptions())
        extracted[id(page)] = article
        return clean_article(article, CleanOptions()).text if article is not None else ""

    readability = ev.TOOLS["readability-lxml"][1]()

    def readability_lxml(page: Page) -> str:
        try:
            return str(readability(page.html, None))
        except Exception:  # the scorer counts a crash as an empty prediction: so do we
            return ""

    return {
        EXTRACT: newscli(),
        CLEANED: newscli_cleaned,
        "newscli --fast extract": newscli(fast=True),
        "trafilatura": lambda page: trafilatura.extract(page.html, include_comments=False) or "",
        "readability-lxml": readability_lxml,
    }


def run_all(corpora: dict[str, list[Page]], fns: dict[str, Tool]) -> dict[str, Run]:
    """Every tool on each page in turn; CPU time of each call."""
    runs = {name: Run() for name in fns}
    for corpus, pages in corpora.items():
        for run in runs.values():
            run.texts[corpus], run.ms[corpus] = [], []
        for page in pages:
            for name, fn in fns.items():
                start = time.process_time()
                text = fn(page)
                runs[name].ms[corpus].append((time.process_time() - start) * 1000)
                runs[name].texts[corpus].append(text)
    return runs


def quality_tables(corpora: dict[str, list[Page]], runs: dict[str, Run], ev: Any, me: Any) -> str:
    """Markdown: F1/P/R per corpus with the mean F1; then F1 per half."""
    head = " | ".join(f"{c} F1 (P / R)" for c in corpora)
    lines = [f"| tool | {head} | mean F1 |", "|---" * (len(corpora) + 2) + "|"]
    halves = [f"| tool | {' | '.join(f'{c} A | {c} B' for c in corpora)} |", "|---" * (2 * len(corpora) + 1)]
    halves[1] += "|"
    for name, run in runs.items():
        cells, f1s, half_cells = [], [], []
        for corpus, pages in corpora.items():
            f1, p, r = score(corpus, pages, run.texts[corpus], ev, me)
            f1s.append(f1)
            cells.append(f"{f1:.4f} ({p:.4f} / {r:.4f})")
            for half in "AB":
                chosen = [(pg, t) for pg, t in zip(pages, run.texts[corpus], strict=True) if pg.half == half]
                half_f1 = score(corpus, [pg for pg, _ in chosen], [t for _, t in chosen], ev, me)[0]
                half_cells.append(f"{half_f1:.4f}")
        lines.append(f"| {name} | {' | '.join(cells)} | {statistics.mean(f1s):.4f} |")
        halves.append(f"| {name} | {' | '.join(half_cells)} |")
    sizes = ", ".join(
        f"{c} {sum(p.half == 'A' for p in ps)}/{sum(p.half == 'B' for p in ps)}" for c, ps in corpora.items()
    )
    return "\n".join(lines) + f"\n\nF1 per half (split by site; pages A/B: {sizes}):\n\n" + "\n".join(halves)


def whole_paragraphs(page: Page, text: str, me: Any) -> tuple[int, int]:
    """(expected body paragraphs that are one whole line of the text, expected body paragraphs) of a page."""
    lines = {me.norm_fold(line) for line in text.splitlines()}
    wanted = [p for p in (me.norm_fold(p) for p in page.gold.get("body_paragraphs") or []) if p]
    return sum(p in lines for p in wanted), len(wanted)


def mid_sentence_breaks(text: str) -> int:
    """Line breaks that cut a sentence: a line ends in a letter, digit or comma, the next starts lowercase."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return sum((a[-1].isalnum() or a[-1] == ",") and b[0].islower() for a, b in itertools.pairwise(lines))


def paragraphs_table(corpora: dict[str, list[Page]], runs: dict[str, Run], me: Any) -> str:
    """Markdown: each tool's line breaks that cut a sentence, per corpus; on fundus-dev, whose gold is a list
    of paragraphs, also the share of them it keeps whole (one line of its text)."""
    whole_in = [c for c in corpora if c == "fundus-dev"]
    head = [f"{c} breaks mid-sentence (pages)" for c in corpora] + [f"{c} paragraphs whole" for c in whole_in]
    lines = [f"| tool | {' | '.join(head)} |", "|---" * (len(head) + 1) + "|"]
    for name, run in runs.items():
        cells = []
        for corpus in corpora:
            breaks = [mid_sentence_breaks(t) for t in run.texts[corpus]]
            cells.append(f"{sum(breaks)} ({sum(b > 0 for b in breaks)})")
        for corpus in whole_in:
            counts = [
                whole_paragraphs(p, t, me) for p, t in zip(corpora[corpus], run.texts[corpus], strict=True)
            ]
            whole, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
            cells.append(f"{whole / total:.1%} ({whole} of {total})" if total else "–")
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def time_table(corpora: dict[str, list[Page]], runs: dict[str, Run]) -> str:
    """Markdown: median CPU ms per page per corpus, all pages' median, and the ratio to trafilatura."""
    head = f"| tool | {' | '.join(corpora)} | all pages | vs trafilatura | total CPU s |"
    lines = [head, "|---" * (len(corpora) + 4) + "|"]
    base = statistics.median(ms for c in corpora for ms in runs["trafilatura"].ms[c])
    for name, run in runs.items():
        every = [ms for c in corpora for ms in run.ms[c]]
        median = statistics.median(every)
        cells = " | ".join(f"{statistics.median(run.ms[c]):.1f}" for c in corpora)
        lines.append(f"| {name} | {cells} | {median:.1f} | {median / base:.2f}x | {sum(every) / 1000:.1f} |")
    return "\n".join(lines)


def _effect(corpus: str, pages: list[Page], base: list[str], texts: list[str], ev: Any, me: Any) -> str:
    """One ablation cell: pages whose text differs, and F1 with minus without (whole corpus, half A / B)."""
    changed = sum(a != b for a, b in zip(base, texts, strict=True))
    gain = score(corpus, pages, base, ev, me)[0] - score(corpus, pages, texts, ev, me)[0]
    by_half = []
    for half in "AB":
        idx = [i for i, p in enumerate(pages) if p.half == half]
        sub = [pages[i] for i in idx]
        with_it = score(corpus, sub, [base[i] for i in idx], ev, me)[0]
        without = score(corpus, sub, [texts[i] for i in idx], ev, me)[0]
        by_half.append(f"{with_it - without:+.4f}")
    return f"{changed} | {gain:+.4f} ({' / '.join(by_half)})"


def ablation_table(
    corpora: dict[str, list[Page]], runs: dict[str, Run], extracted: dict[int, Any], ev: Any, me: Any
) -> str:
    """Markdown: each extraction mechanism off, then each cleaning category kept, and the clean stage as a
    whole: pages changed and F1 added, per corpus and per half."""
    from newscli.clean import CleanOptions, clean_article
    from newscli.clean_rules import CATEGORIES
    from newscli.parsers.html import MECHANISMS, ExtractOptions

    head = " | ".join(f"{c} pages | {c} F1 added (A / B)" for c in corpora)
    lines = [f"| mechanism | {head} |", "|---" * (2 * len(corpora) + 1) + "|"]
    for mechanism in MECHANISMS:
        settings = ExtractOptions(without=frozenset({mechanism}))
        cells = []
        for corpus, pages in corpora.items():
            texts = []
            for page in pages:
                article = extract(page, settings)
                texts.append(article.text if article is not None else "")
            cells.append(_effect(corpus, pages, runs[EXTRACT].texts[corpus], texts, ev, me))
        lines.append(f"| extract: {mechanism} | {' | '.join(cells)} |")
    stage = [
        _effect(c, ps, runs[CLEANED].texts[c], runs[EXTRACT].texts[c], ev, me) for c, ps in corpora.items()
    ]
    lines.append(f"| clean: the whole stage | {' | '.join(stage)} |")
    for category in CATEGORIES:
        options = CleanOptions(keep=frozenset({category}))
        cells = []
        for corpus, pages in corpora.items():
            records = [extracted.get(id(page)) for page in pages]
            texts = [clean_article(a, options).text if a is not None else "" for a in records]
            cells.append(_effect(corpus, pages, runs[CLEANED].texts[corpus], texts, ev, me))
        lines.append(f"| clean: {category} | {' | '.join(cells)} |")
    return "\n".join(lines)


def failures_table(corpora: dict[str, list[Page]], runs: dict[str, Run], ev: Any, me: Any) -> str:
    """Markdown: pages where extract+clean scores low or clearly below another tool, with every score."""
    names = [EXTRACT, CLEANED, "trafilatura", "readability-lxml"]
    out = []
    for corpus, pages in corpora.items():
        rows = []
        for i, page in enumerate(pages):
            scores = {name: page_score(corpus, page, runs[name].texts[corpus][i], ev, me) for name in names}
            ours, best = scores[CLEANED], max(scores["trafilatura"], scores["readability-lxml"])
            if ours < LOW_PAGE or best - ours >= CLEARLY_WORSE:
                rows.append(f"| {page.half} | {page.id} | {' | '.join(f'{scores[n]:.2f}' for n in names)} |")
        out.append(f"### {corpus}: {len(rows)} pages\n")
        out.append(f"| half | page | {' | '.join(names)} |\n|---|---|---|---|---|---|")
        out.extend(rows)
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run, score and print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora (repeatable)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    parser.add_argument("--no-ablation", action="store_true", help="skip the ablation table")
    parser.add_argument(
        "--failures", action="store_true", help="list the pages newscli does clearly worse on"
    )
    parser.add_argument("--predictions", type=Path, help="write <tool>.<corpus>.jsonl predictions here")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the corpora (default ../shared/data; see heldout.py)"
    )
    args = parser.parse_args(argv)
    chosen = [c for c in args.corpus or list(CORPORA) if args.corpus or (args.data / c).is_dir()]
    if not SCORERS.is_dir() or not chosen or not all((args.data / c).is_dir() for c in chosen):
        print(f"skipped: {args.data} or the scorers in {SCORERS} are absent")
        return 0
    logging.disable(logging.CRITICAL)  # trafilatura and readability log every page they discard
    ev, me = _scorers()
    corpora = {c: load(c, ev, args.data)[: args.limit] for c in chosen}
    extracted: dict[int, Any] = {}
    fns = tools(ev, extracted)
    for fn in fns.values():  # warm-up: imports, stop lists and caches are not timed
        fn(Page("warm-up", ev.WARMUP_HTML.encode(), ev.WARMUP_HTML, "warm-up", None))
    runs = run_all(corpora, fns)
    print(f"## Quality ({', '.join(f'{c}: {len(p)} pages' for c, p in corpora.items())})\n")
    print(quality_tables(corpora, runs, ev, me))
    print("\n## Paragraphs (line breaks that cut a sentence; expected paragraphs kept whole)\n")
    print(paragraphs_table(corpora, runs, me))
    print("\n## CPU time per page (median ms of one extraction call)\n")
    print(time_table(corpora, runs))
    if not args.no_ablation:
        print("\n## Ablation (F1 added = with the mechanism minus without it; clean rows on extract+clean)\n")
        print(ablation_table(corpora, runs, extracted, ev, me))
    if args.failures:
        print(f"\n## Pages where {CLEANED} scores < {LOW_PAGE} or {CLEARLY_WORSE} below another tool\n")
        print(failures_table(corpora, runs, ev, me))
    if args.predictions:
        args.predictions.mkdir(parents=True, exist_ok=True)
        for name, run in runs.items():
            for corpus, pages in corpora.items():
                path = args.predictions / f"{name.replace(' --', '-').replace(' ', '-')}.{corpus}.jsonl"
                with path.open("w", encoding="utf-8") as out:
                    for page, text, ms in zip(pages, run.texts[corpus], run.ms[corpus], strict=True):
                        record = {"id": page.id, "text": text, "ms": ms}
                        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
