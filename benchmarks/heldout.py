"""Held-out pages: the public corpora the dev sets were drawn from, without the dev pages, in the dev layout.

The three dev corpora in ../shared/data are parts of public corpora: aeb-dev is 91 of the 181 pages of the
article-extraction-benchmark, traf-dev 495 of the 990 pages of trafilatura's evaluation corpus, fundus-dev
132 pages of 90 of fundus's publishers. Nothing in newscli was tuned on the rest, so the rest is the
test of whether a figure generalizes. This script writes those other pages, with their ground truth, into a
folder laid out like ../shared/data (so the same benchmarks score them), from local clones of the three
public repositories; nothing is downloaded and nothing is written inside the project.

    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/src/aeb
    git clone https://github.com/adbar/trafilatura /tmp/src/trafilatura
    git clone https://github.com/flairNLP/fundus /tmp/src/fundus
    python benchmarks/heldout.py --aeb /tmp/src/aeb --trafilatura /tmp/src/trafilatura \\
                                 --fundus /tmp/src/fundus --out /tmp/heldout
    python benchmarks/extraction.py --data /tmp/heldout --no-ablation
    python benchmarks/metadata.py --data /tmp/heldout --no-ablation

The folders keep the dev names (aeb-dev, traf-dev, fundus-dev) because the scorers read those layouts; the
pages in them are the held-out ones. fundus-dev's held-out part is every page of a publisher that is not in
fundus-dev (other publishers, not other pages of the same ones); a publisher's test files are paired with
its parser versions in date order, and publishers whose file and version counts differ are left out. The
dev set's `date_suspect` marks (fundus's day and month swapped) are not recomputed: every date counts.

Two older public corpora that no dev set draws from are written beside them, both scored with the AEB
metric: L3S-GN1 (`--l3s`: 621 English Google News pages of 408 sites, 2008; gold = the text blocks its
assessors labelled headline, full text or supplemental, read as the WCEB benchmark reads them) as
`l3s-gn1/` in the AEB layout, and Readability.js's test pages (`--readability`: gold = the text of its
expected output, a regression fixture rather than a human label) as `readability/` in their own layout.

    git clone https://github.com/geodrome/page-signal /tmp/src/page-signal   # holds L3S-GN1
    git clone https://github.com/mozilla/readability /tmp/src/readability
    python benchmarks/heldout.py --l3s /tmp/src/page-signal/L3S-GN1-20100130203947-00001 \\
                                 --readability /tmp/src/readability --out /tmp/heldout
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data"


def _write_json(path: Path, value: Any) -> None:
    """A JSON file (parents created), UTF-8, sorted keys: the same bytes for the same input."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def build_aeb(clone: Path, out: Path) -> int:
    """The article-extraction-benchmark's pages that are not in aeb-dev; returns how many."""
    truth = json.loads((clone / "ground-truth.json").read_text(encoding="utf-8"))
    dev = set(json.loads((DEV / "aeb-dev" / "ground-truth.json").read_text(encoding="utf-8")))
    held = {key: value for key, value in truth.items() if key not in dev}
    (out / "html").mkdir(parents=True, exist_ok=True)
    for key in held:
        shutil.copyfile(clone / "html" / f"{key}.html.gz", out / "html" / f"{key}.html.gz")
    _write_json(out / "ground-truth.json", held)
    return len(held)


def build_trafilatura(clone: Path, out: Path) -> int:
    """trafilatura's evaluation pages that are not in traf-dev; returns how many."""
    tests = clone / "tests"
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    dev = json.loads((DEV / "traf-dev" / "evaldata.json").read_text(encoding="utf-8"))
    dev_files = {item["file"] for item in dev.values()}  # dev keys are not the corpus's URLs: match files
    held = {}
    for key, item in data.items():
        if item["file"] in dev_files:
            continue
        for sub in ("cache", "eval"):  # the lookup order of the corpus
            source = tests / sub / item["file"]
            if source.is_file():
                (out / sub).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, out / sub / item["file"])
                held[key] = item
                break
    _write_json(out / "evaldata.json", held)
    return len(held)


def _fundus_record(
    country: str, publisher: str, version: str, expected: dict[str, Any], meta: dict[str, Any], html_name: str
) -> dict[str, Any]:
    """One expected.jsonl line in fundus-dev's shape, from fundus's test JSON and meta.info."""
    body = expected.get("body") or {}
    sections = body.get("sections") or []
    stem = html_name.removesuffix(".html.gz")
    return {
        "id": f"{country}/{stem}",
        "country": country,
        "publisher": publisher,
        "version": version,
        "url": meta.get("url"),
        "html_path": f"data/{country}/{stem}.html",
        "file_encoding": "utf-8",
        "title": expected.get("title"),
        "authors": expected.get("authors") or [],
        "date": expected.get("publishing_date"),
        "date_suspect": False,
        "body_summary": body.get("summary") or [],
        "body_headlines": [h for s in sections for h in s.get("headline") or []],
        "body_paragraphs": [p for s in sections for p in s.get("paragraphs") or []],
        "language": None,
    }


def build_fundus(clone: Path, out: Path) -> int:
    """Pages of fundus's publishers that are not in fundus-dev; returns how many."""
    root = clone / "tests" / "resources" / "parser" / "test_data"
    expected = (DEV / "fundus-dev" / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    dev = {json.loads(line)["publisher"] for line in expected if line.strip()}
    records = []
    for country_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_path = country_dir / "meta.info"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        for json_path in sorted(country_dir.glob("*.json")):
            publisher = json_path.stem
            if publisher in dev:
                continue
            versions = json.loads(json_path.read_text(encoding="utf-8"))
            files = sorted(country_dir.glob(f"{publisher}_*.html.gz"))
            if len(files) != len(versions) or not files:
                continue
            in_order = sorted(versions, key=lambda v: int(v.lstrip("V")))  # V1, V2, … as the parsers came
            for version, html_file in zip(in_order, files, strict=True):
                record = _fundus_record(
                    country_dir.name,
                    publisher,
                    version,
                    versions[version],
                    meta.get(html_file.name, {}),
                    html_file.name,
                )
                if not record["body_paragraphs"]:
                    continue
                target = out / record["html_path"]
                target.parent.mkdir(parents=True, exist_ok=True)
                raw = gzip.decompress(html_file.read_bytes())
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    record["file_encoding"] = "latin-1"
                target.write_bytes(raw)
                records.append(record)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "expected.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return len(records)


L3S_LABELS = ("x-nc-sel1", "x-nc-sel2", "x-nc-sel3")  # headline, full text, supplemental (captions)
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "canvas", "dd", "div", "dl", "dt", "fieldset", "figcaption"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"}
    | {"noscript", "ol", "p", "pre", "section", "table", "tfoot", "ul", "video"}
)


def l3s_gold(annotated: str) -> str:
    """The text an L3S-GN1 page's assessors labelled article: leaf label spans, a line per block parent."""
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    root = lxml.html.document_fromstring(annotated.encode("utf-8"), parser=parser)
    parts = []
    for span in root.iter("span"):
        if span.get("class") not in L3S_LABELS or len(span) or not (span.text or "").strip():
            continue  # only leaf spans holding text, so nothing counts twice
        parent = span.getparent()
        if parent is not None and parent.tag in _BLOCKS:
            parts.append("\n")
        parts.append(span.text_content().strip() + " ")
    return "".join(parts).strip()


def build_l3s(dataset: Path, out: Path) -> int:
    """L3S-GN1's pages with their labelled text, in the AEB layout; returns how many."""
    urls = {}
    for line in (dataset / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
        key, _, url = line.partition("\t")
        urls[key.removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    truth = {}
    (out / "html").mkdir(parents=True, exist_ok=True)
    for page in sorted((dataset / "original").glob("*.html")):
        annotated = (dataset / "annotated" / page.name).read_text(encoding="utf-8", errors="replace")
        truth[page.stem] = {"articleBody": l3s_gold(annotated), "url": urls.get(page.stem)}
        (out / "html" / f"{page.stem}.html.gz").write_bytes(gzip.compress(page.read_bytes(), mtime=0))
    _write_json(out / "ground-truth.json", truth)
    return len(truth)


def build_readability(clone: Path, out: Path) -> int:
    """Readability.js's test pages (source, expected output, its metadata); returns how many."""
    count = 0
    for case in sorted(p for p in (clone / "test" / "test-pages").iterdir() if p.is_dir()):
        if not (case / "source.html").is_file() or not (case / "expected.html").is_file():
            continue
        (out / case.name).mkdir(parents=True, exist_ok=True)
        for name in ("source.html", "expected.html", "expected-metadata.json"):
            if (case / name).is_file():
                shutil.copyfile(case / name, out / case.name / name)
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Build the held-out folder from the clones given."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--aeb", type=Path, help="a clone of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--trafilatura", type=Path, help="a clone of adbar/trafilatura")
    parser.add_argument("--fundus", type=Path, help="a clone of flairNLP/fundus")
    parser.add_argument("--l3s", type=Path, help="the L3S-GN1 folder (original/, annotated/, url-mapping)")
    parser.add_argument("--readability", type=Path, help="a clone of mozilla/readability")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (outside the project)")
    args = parser.parse_args(argv)
    if not DEV.is_dir():
        print(f"skipped: {DEV} is absent (the dev pages to leave out are listed there)")
        return 0
    if args.out.resolve().is_relative_to(ROOT):
        parser.error("--out must be outside the project: the held-out pages are not the project's")
    builders = {
        "aeb-dev": (args.aeb, build_aeb),
        "traf-dev": (args.trafilatura, build_trafilatura),
        "fundus-dev": (args.fundus, build_fundus),
        "l3s-gn1": (args.l3s, build_l3s),
        "readability": (args.readability, build_readability),
    }
    for name, (clone, build) in builders.items():
        if clone is None:
            continue
        if not clone.is_dir():
            parser.error(f"{clone} is not a folder (a clone of the repository for {name})")
        target = args.out / name
        if target.exists():
            shutil.rmtree(target)
        print(f"{name}: {build(clone, target)} held-out pages -> {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
