"""Titles, authors and dates: newscli beside trafilatura on ../shared/data/fundus-dev, with an ablation.

Every tool gets each page's HTML and no URL (as ../shared/eval/metadata_predict.py gives them); the shared
scorer (../shared/eval/metadata_eval.py) scores the fields. The publishers are split into two halves
(sorted by a hash of the name, dealt alternately), so a rule fitted to some sites shows as a gap between
the halves. The ablation runs each metadata mechanism two ways: switched off alone (what it adds beside
the others) and switched on alone over a newscli with all of them off (its whole gain); it reports on how
many pages of fundus-dev, aeb-dev and traf-dev the title, authors or date change, and the effect on the
fundus-dev scores. A mechanism whose whole gain comes from fewer than 5 pages does not earn its place.

    python benchmarks/metadata.py [--limit N] [--no-ablation | --fundus-only] [--predictions DIR] [--data DIR]

--data DIR reads the pages of another folder laid out like ../shared/data (benchmarks/heldout.py writes
the held-out pages of the public corpora there).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
BENCH = DATA / "fundus-dev"
SCORER = SHARED / "eval"
FIELDS = ("title", "authors", "date")
MIN_PAGES = 5  # a mechanism whose whole gain comes from fewer pages than this goes
Page = dict[str, Any]
Predict = Callable[[Page], dict[str, Any]]


def _scorer() -> Any:
    """The shared scorer module (the metric code the project is judged with)."""
    sys.path.insert(0, str(SCORER))
    import metadata_eval

    return metadata_eval


def halves(expected: list[dict[str, Any]]) -> dict[str, str]:
    """Publisher -> "A" or "B": publishers sorted by a hash of their name and dealt alternately."""
    publishers = sorted({e["publisher"] for e in expected}, key=lambda p: (zlib.crc32(p.encode()), p))
    return {p: "AB"[i % 2] for i, p in enumerate(publishers)}


def _load_fundus(limit: int | None) -> tuple[list[dict[str, Any]], list[Page]]:
    """(expected records, pages with raw bytes and decoded HTML)."""
    with (BENCH / "expected.jsonl").open(encoding="utf-8") as handle:
        expected = [json.loads(line) for line in handle if line.strip()][:limit]
    pages = []
    for e in expected:
        raw = (BENCH / e["html_path"]).read_bytes()
        pages.append({"id": e["id"], "raw": raw, "html": raw.decode(e.get("file_encoding") or "utf-8")})
    return expected, pages


def _load_other(limit: int | None) -> dict[str, list[Page]]:
    """aeb-dev, traf-dev and (when --data has it) L3S-GN1 pages: no gold metadata, changed pages counted."""
    paths = {
        "aeb-dev": sorted((DATA / "aeb-dev" / "html").glob("*.html*")),
        "traf-dev": sorted((DATA / "traf-dev" / "eval").glob("*.html"))
        + sorted((DATA / "traf-dev" / "cache").glob("*.html")),
        "l3s-gn1": sorted((DATA / "l3s-gn1" / "html").glob("*.html*")),
    }
    corpora: dict[str, list[Page]] = {}
    for name, files in paths.items():
        pages = []
        for path in files[:limit]:
            raw = path.read_bytes()
            pages.append(
                {"id": f"{name}/{path.name}", "raw": gzip.decompress(raw) if path.suffix == ".gz" else raw}
            )
        if pages:  # L3S-GN1 only where --data holds it
            corpora[name] = pages
    return corpora


def _newscli(cache: dict[tuple[str, str], Any] | None = None) -> Predict:
    """newscli's parse_html on the page's bytes, no URL.

    With a `cache`, each page is decoded and its main text extracted once, then reused: no metadata
    mechanism changes either, and they are most of the time an ablation run would take.
    """
    from newscli import decode
    from newscli.errors import InputError
    from newscli.parsers import html, main_text
    from newscli.sources import Source

    options = html.ExtractOptions()
    steps = {"main_text": main_text.main_text, "decode_html": decode.decode_html}

    def predict(page: Page) -> dict[str, Any]:
        calls: list[str] = []

        def cached(step: str) -> Callable[..., Any]:
            def run(*args: Any, **kwargs: Any) -> Any:
                calls.append(step)  # a page whose markup is repaired is decoded and extracted twice
                key = (page["id"], f"{step}#{calls.count(step)}")
                if cache is None:
                    return steps[step](*args, **kwargs)
                if key not in cache:
                    cache[key] = steps[step](*args, **kwargs)
                return cache[key]

            return run

        try:
            with (
                mock.patch.object(main_text, "main_text", cached("main_text")),
                mock.patch.object(decode, "decode_html", cached("decode_html")),
            ):
                article = html.parse_html(Source(name=page["id"], data=page["raw"]), options)
        except InputError as exc:
            return {"error": exc.reason}
        return {
            "title": article.title,
            "authors": article.authors,
            "date": article.date,
            "text": article.text,
        }

    return predict


def _trafilatura() -> Predict:
    """trafilatura's JSON output with metadata, authors split on ";" (as metadata_predict.py runs it)."""
    import trafilatura

    def predict(page: Page) -> dict[str, Any]:
        raw = trafilatura.extract(page["html"], output_format="json", with_metadata=True)
        found = json.loads(raw) if raw else {}
        authors = [a.strip() for a in (found.get("author") or "").split(";") if a.strip()]
        return {
            "title": found.get("title"),
            "authors": authors,
            "date": found.get("date"),
            "text": found.get("text"),
        }

    return predict


def _without(registry: dict[str, Any], key: str) -> Any:
    """A patch that takes one entry out of a registry."""
    return mock.patch.dict(registry, {k: v for k, v in registry.items() if k != key}, clear=True)


def _byline_joins_always(known: list[str], found: list[str], context: Any) -> list[str]:
    """The rule before: every byline name not already known is added."""
    from newscli.parsers.authors import people

    seen = {k.casefold() for k in known}
    return known + [n for n in people(found, context, split=False) if n.casefold() not in seen]


def _name_only(items: list[Any]) -> list[str]:
    """JSON-LD authors read by their "name" alone."""
    names = [i if isinstance(i, str) else i.get("name") if isinstance(i, dict) else None for i in items]
    return [" ".join(n.split()) for n in names if isinstance(n, str) and n.strip()]


def switches() -> dict[str, Callable[[], Any]]:
    """Mechanism part -> a patch that switches it off."""
    from newscli.parsers import authors, html_meta, html_title, sitenames

    site_names = html_meta._site_names

    def no_host(values: Any, objects: Any, publisher: Any, urls: Any, titles: Any) -> Any:
        return site_names(values, objects, publisher, [], titles)

    return {
        "site-name segment": lambda: _without(html_title.CLEANERS, "site name"),
        "affix the headline / <h1> lacks": lambda: _without(html_title.CLEANERS, "affix the headline lacks"),
        "from the host name": lambda: mock.patch.object(html_meta, "_site_names", no_host),
        "loose (NTV Haber, Mirror Online)": lambda: mock.patch.object(
            sitenames.SiteNames, "_holds", lambda self, form, site, text: False
        ),
        "@id references": lambda: mock.patch.object(html_meta, "_by_id", lambda objects: {}),
        "given + family name": lambda: mock.patch.object(html_meta, "jsonld_names", _name_only),
        "one field split into names": lambda: mock.patch.object(authors, "_split", lambda value: [value]),
        **{f"{key}": (lambda key=key: _without(authors.NOT_A_PERSON, key)) for key in authors.NOT_A_PERSON},
        **{f"tidy: {key}": (lambda key=key: _without(authors.TIDY, key)) for key in authors.TIDY},
        "organisations stand in (off: dropped)": lambda: mock.patch.object(
            html_meta, "stand_ins", lambda names, context: []
        ),
        "author markup": lambda: mock.patch.object(html_meta, "markup_names", lambda tree: []),
        "labelled author": lambda: mock.patch.object(html_meta, "labelled_authors", lambda tree: []),
        "labelled date": lambda: mock.patch.object(html_meta, "labelled_date", lambda tree: None),
        "headline meta tag": lambda: mock.patch.object(
            html_meta,
            "_headline",
            lambda ld, values: ld.get("headline") if isinstance(ld.get("headline"), str) else None,
        ),
        "joins only when it names a known author": lambda: mock.patch.object(
            authors, "add_byline", _byline_joins_always
        ),
        "a name extending a known one is that person": lambda: mock.patch.object(
            authors, "_same_person", lambda name, known: name.casefold() == known.casefold()
        ),
    }


def mechanisms() -> dict[str, list[str]]:
    """Mechanism -> its parts (keys of `switches`); each is judged as a whole, its parts shown beneath."""
    from newscli.parsers import authors

    organisations = ["site name", "abbreviation", "organisations stand in (off: dropped)"]
    return {
        "title: segment naming the site": ["site-name segment"],
        "title: affix the headline / <h1> lacks": ["affix the headline / <h1> lacks"],
        "title: a headline meta tag when JSON-LD has none": ["headline meta tag"],
        "site names beyond the declared ones": ["from the host name", "loose (NTV Haber, Mirror Online)"],
        "authors: JSON-LD Person read whole": ["@id references", "given + family name"],
        "authors: one field split into names": ["one field split into names"],
        "authors: what is not a person dropped or tidied": [
            *(key for key in authors.NOT_A_PERSON if key not in organisations),
            *(f"tidy: {key}" for key in authors.TIDY),
        ],
        "authors: organisations only when no person is named": organisations,
        "authors: author markup": ["author markup"],
        "authors: a labelled author (\"Autorin/Autor …\")": ["labelled author"],
        "authors: byline joins only when it names a known author": [
            "joins only when it names a known author", "a name extending a known one is that person"
        ],
        "date: a labelled date (\"Datum 28.04.2023\")": ["labelled date"],
    }  # fmt: skip


@contextlib.contextmanager
def _switched_off(parts: list[str]) -> Iterator[None]:
    """The named mechanism parts switched off together."""
    patches = switches()
    with contextlib.ExitStack() as stack:
        for part in parts:
            stack.enter_context(patches[part]())
        yield


COLUMNS = (
    ("title_exact", "title exact"),
    ("title_f1", "title F1"),
    ("title_f1>=.9", "title F1≥.9"),
    ("authors_f1", "authors F1"),
    ("date_exact", "date exact"),
    ("date_wrong", "wrong dates"),
)
GAINS = ("title_exact", "authors_f1", "date_exact")


def _mean(rows: list[dict[str, Any]], key: str) -> float:
    """Mean of a score over the pages that have it, in percent."""
    values = [r[key] for r in rows if key in r]
    return 100 * sum(values) / len(values) if values else 0.0


def _meta_total(row: dict[str, Any]) -> float:
    """A page's title, authors and date scores added up."""
    return sum(row.get(key, 0.0) for key in GAINS)


def _changed(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether title, authors or date differ between two predictions of a page."""
    return any(a.get(f) != b.get(f) for f in FIELDS)


class Bench:
    """The pages, the scorer and newscli with its main text cached, for running configurations."""

    def __init__(self, limit: int | None, others: bool) -> None:
        self.ev = _scorer()
        self.expected, self.fundus = _load_fundus(limit)
        self.half_of = halves(self.expected)
        self.others = _load_other(limit) if others else {}
        self.predict = _newscli(cache={})

    def run(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Predictions of the current configuration: corpus -> page id -> fields."""
        corpora = {"fundus-dev": self.fundus, **self.others}
        return {name: {p["id"]: self.predict(p) for p in pages} for name, pages in corpora.items()}

    def scores(self, preds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Per-page scores of fundus-dev predictions."""
        return [self.ev.score_page(e, preds.get(e["id"]), with_language=False) for e in self.expected]

    def rows(self, preds: dict[str, dict[str, Any]], half: str | None = None) -> list[dict[str, Any]]:
        """Scores of all pages or of one half."""
        pairs = zip(self.expected, self.scores(preds), strict=True)
        return [row for e, row in pairs if half is None or self.half_of[e["publisher"]] == half]


def _print_tools(bench: Bench, runs: dict[str, dict[str, dict[str, Any]]]) -> None:
    """The side-by-side table: each tool on all pages and on each half."""
    print("| tool | pages | " + " | ".join(label for _, label in COLUMNS) + " |")
    print("|---|---|" + "---|" * len(COLUMNS))
    for half in (None, "A", "B"):
        for tool, preds in runs.items():
            rows = bench.rows(preds, half)
            cells = " | ".join(f"{_mean(rows, key):.1f}" for key, _ in COLUMNS)
            print(f"| {tool if half is None else f'{tool} (half {half})'} | {len(rows)} | {cells} |")


def _compare(bench: Bench, with_it: Any, without: Any) -> str:
    """Table cells: pages changed per corpus (fundus per half), score effects, pages helped / hurt."""
    fundus_with, fundus_without = with_it["fundus-dev"], without["fundus-dev"]
    changed = [e for e in bench.expected if _changed(fundus_with[e["id"]], fundus_without[e["id"]])]
    per_half = [sum(bench.half_of[e["publisher"]] == h for e in changed) for h in "AB"]
    others = [
        sum(_changed(with_it[name][pid], without[name][pid]) for pid in with_it[name])
        for name in bench.others
    ]
    rows_with, rows_without = bench.scores(fundus_with), bench.scores(fundus_without)
    effects = []
    for half in ("A", "B"):
        a, b = bench.rows(fundus_with, half), bench.rows(fundus_without, half)
        effects.append("/".join(f"{_mean(a, key) - _mean(b, key):+.1f}" for key in GAINS))
    totals = [_meta_total(a) - _meta_total(b) for a, b in zip(rows_with, rows_without, strict=True)]
    helped, hurt = sum(t > 1e-9 for t in totals), sum(t < -1e-9 for t in totals)
    overall = " | ".join(f"{_mean(rows_with, k) - _mean(rows_without, k):+.1f}" for k in GAINS)
    other_cells = "".join(f" {n} |" for n in others)
    fundus = f"{len(changed)} ({per_half[0]}/{per_half[1]})"
    return f"{fundus} |{other_cells} {overall} | {effects[0]} | {effects[1]} | {helped} / {hurt}"


def _print_ablation(bench: Bench, full: Any) -> None:
    """Each mechanism (and each of its parts) switched off alone; each mechanism on alone over all off."""
    groups = mechanisms()
    everything = [part for parts in groups.values() for part in parts]
    with _switched_off(everything):
        bare = bench.run()
    others = "".join(f" {name} changed |" for name in bench.others)
    header = (
        f"| mechanism | fundus changed (A/B) |{others} title exact | authors F1 | date exact "
        "| half A (title/authors/date) | half B | fundus pages helped / hurt |"
    )
    rule = "|---" * (header.count("|") - 1) + "|"
    print(
        f"\nSwitched off alone (effect = with it - without it; parts beneath their mechanism)"
        f"\n\n{header}\n{rule}"
    )
    for group, parts in groups.items():
        with _switched_off(parts):
            print(f"| **{group}** | {_compare(bench, full, bench.run())} |")
        for part in parts if len(parts) > 1 else []:
            with _switched_off([part]):
                print(f"| · {part} | {_compare(bench, full, bench.run())} |")
    print(f"\nSwitched on alone over all mechanisms off (its whole gain)\n\n{header}\n{rule}")
    for group, parts in groups.items():
        with _switched_off([part for part in everything if part not in parts]):
            print(f"| **{group}** | {_compare(bench, bench.run(), bare)} |")
    print(f"| all of them | {_compare(bench, full, bare)} |")


def _print_changes(bench: Bench, full: Any, part: str) -> None:
    """Every field a mechanism part changes, with and without it, page by page."""
    with _switched_off([part]):
        off = bench.run()
    for corpus, preds in full.items():
        for page_id, pred in preds.items():
            for name in FIELDS:
                with_it, without = pred.get(name), off[corpus][page_id].get(name)
                if with_it != without:
                    print(f"{page_id} {name}\n  with:    {with_it!r}\n  without: {without!r}")


def _use_data(folder: Path) -> None:
    """Point the loaders at another folder laid out like ../shared/data (--data: the held-out pages)."""
    global DATA, BENCH
    DATA, BENCH = folder, folder / "fundus-dev"


def main(argv: list[str] | None = None) -> int:
    """Run both tools, print the comparison, then the ablation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    parser.add_argument("--no-ablation", action="store_true", help="only the side-by-side table")
    parser.add_argument("--fundus-only", action="store_true", help="ablation on fundus-dev alone (faster)")
    parser.add_argument("--predictions", type=Path, help="write <tool>.jsonl predictions here")
    parser.add_argument("--changes", metavar="PART", help="list the pages a mechanism part changes, and stop")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="the corpora (default ../shared/data; see heldout.py)"
    )
    args = parser.parse_args(argv)
    _use_data(args.data)
    if not (BENCH / "expected.jsonl").is_file() or not (SCORER / "metadata_eval.py").is_file():
        print(f"skipped: {BENCH} or the scorer is absent")
        return 0
    bench = Bench(args.limit, others=not (args.no_ablation or args.fundus_only))
    full = bench.run()
    if args.changes:
        _print_changes(bench, full, args.changes)
        return 0
    traf = _trafilatura()
    runs = {"newscli": full["fundus-dev"], "trafilatura": {p["id"]: traf(p) for p in bench.fundus}}
    groups = {h: sum(v == h for e in bench.expected for v in [bench.half_of[e["publisher"]]]) for h in "AB"}
    print(
        f"fundus-dev: {len(bench.expected)} pages, {len(bench.half_of)} publishers "
        f"(half A {groups['A']} pages, "
        f"half B {groups['B']}); scored by ../shared/eval/metadata_eval.py; values in %\n"
    )
    _print_tools(bench, runs)
    if args.predictions:
        args.predictions.mkdir(parents=True, exist_ok=True)
        for tool, preds in runs.items():
            with (args.predictions / f"{tool}.jsonl").open("w", encoding="utf-8") as out:
                for page_id, pred in preds.items():
                    out.write(json.dumps({"id": page_id, **pred}, ensure_ascii=False) + "\n")
    if not args.no_ablation:
        _print_ablation(bench, full)
    return 0


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
