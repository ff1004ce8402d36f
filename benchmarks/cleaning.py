"""Does cleaning help extraction? F1/P/R of extract alone vs extract+clean on aeb-dev, and time per page.

    python benchmarks/cleaning.py [--data ../shared/data/aeb-dev] [--limit N]

Times are per page, median and mean (the mean includes the one-time loading of the rule files).

Extraction is newscli.parsers.html.parse_html (the extract stage: decoding, trafilatura, metadata,
language); cleaning is newscli.clean.clean_article with default options on that record.
Scores come from ../shared/eval/extraction_eval.py run on both prediction files in one run.
Exits 0 with a message when the data set or scorer is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    """Extract and clean every page, score both prediction sets, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "aeb-dev")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    scorer = SHARED / "eval" / "extraction_eval.py"
    pages = sorted((args.data / "html").glob("*.html.gz")) if args.data.is_dir() else []
    if not pages or not scorer.is_file():
        print(f"skipped: no data at {args.data} or no scorer at {scorer}")
        return 0
    pages = pages[: args.limit] if args.limit else pages

    from newscli.clean import CleanOptions, clean_article
    from newscli.parsers.html import ExtractOptions, parse_html
    from newscli.sources import Source

    extract_options = ExtractOptions()
    variants = {  # the default, and the two choices the gold text disagrees with, measured in the same run
        "extract+clean": CleanOptions(),
        "  no-normalize": CleanOptions(normalize=False),
        "  keep-dateline": CleanOptions(keep=frozenset({"dateline"})),
    }
    options = variants["extract+clean"]
    extracted: list[dict[str, str]] = []
    runs: dict[str, list[dict[str, str]]] = {name: [] for name in variants}
    extract_times: list[float] = []
    clean_times: list[float] = []
    for page in pages:
        page_id = page.name.removesuffix(".html.gz")
        source = Source(name=page.name, data=gzip.decompress(page.read_bytes()))
        start = time.perf_counter()
        article = parse_html(source, extract_options)
        middle = time.perf_counter()
        text_clean = clean_article(article, options).text
        end = time.perf_counter()
        text = article.text
        extract_times.append(middle - start)
        clean_times.append(end - middle)
        extracted.append({"id": page_id, "text": text})
        for name, variant in variants.items():
            cleaned = text_clean if variant is options else clean_article(article, variant).text
            runs[name].append({"id": page_id, "text": cleaned})

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, rows in (("extract", extracted), *runs.items()):
            path = Path(tmp) / f"{len(files)}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            files += ["--predictions", str(path), "--name", name.strip()]
        ids = Path(tmp) / "ids.txt"
        ids.write_text("\n".join(r["id"] for r in extracted) + "\n", encoding="utf-8")
        out = Path(tmp) / "out"
        cmd = [
            sys.executable,
            str(scorer),
            str(args.data),
            *files,
            "--ids",
            str(ids),
            "--out-dir",
            str(out),
            "--n-bootstrap",
            "0",
            "--quiet",
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))

    print(f"pages: {len(pages)}")
    print(f"{'run':<20}{'F1':>8}{'precision':>11}{'recall':>8}")
    for name in ("extract", *runs):
        row = _scores(summary, name.strip())
        print(f"{name:<20}{row['f1']:>8.4f}{row['precision']:>11.4f}{row['recall']:>8.4f}")
    for label, pick in (("median", statistics.median), ("mean", statistics.fmean)):
        extract_ms, clean_ms = 1000 * pick(extract_times), 1000 * pick(clean_times)
        print(
            f"{label} per page: extraction {extract_ms:.2f} ms, cleaning {clean_ms:.2f} ms"
            f" ({clean_ms / extract_ms:.1%} of extraction)"
        )
    return 0


def _scores(summary: dict[str, object], name: str) -> dict[str, float]:
    """The overall F1/precision/recall of one named run in the scorer's summary.json."""
    tools = summary["tools"] if isinstance(summary, dict) and "tools" in summary else summary
    entry = tools[name]  # type: ignore[index]
    overall = entry.get("overall", entry)
    return {k: float(overall[k]) for k in ("f1", "precision", "recall")}


if __name__ == "__main__":
    sys.exit(main())
