"""Cost of the Arabic search forms the SQLite export indexes beside each article's text.

    python benchmarks/search_words.py [--corpus ../shared/data/summ-dev/ant_bbc_ar.dev.jsonl] [--copies 10]

Reads the Arabic articles of a JSON Lines corpus (field `text`) and times `search_words` over all of
them twice in one process: a cold pass (every word new to the cache) and a warm one. Then exports the
corpus `--copies` times (new ids each time) into a fresh SQLite database, forms and FTS5 index
included, and gives the whole export's rate beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "summ-dev" / "ant_bbc_ar.dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Print articles, words, forms and milliseconds per article for both passes."""
    from newscli.export.search_words import search_words

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"{args.corpus} is not available; nothing to measure")
        return 0
    with args.corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    words = statistics.median(len(text.split()) for text in texts)
    print(f"{len(texts)} articles, median {words:.0f} words")
    for label in ("cold", "warm"):
        start = time.perf_counter()
        forms = [search_words([text], "ar") for text in texts]
        per_article = (time.perf_counter() - start) * 1000 / len(texts)
        median_forms = statistics.median(len(f.split()) for f in forms)
        print(f"{label}: {per_article:.2f} ms per article, median {median_forms:.0f} forms")
    _export(texts, args.copies)
    return 0


def _export(texts: list[str], copies: int) -> None:
    """Time exporting the texts `copies` times into a new database."""
    import io
    import tempfile

    from newscli.export import ExportOptions, write_articles
    from newscli.model import Article

    articles = (
        Article(id=f"{n}-{i}", title=text[:60], language="ar", text=text)
        for n in range(copies)
        for i, text in enumerate(texts)
    )
    with tempfile.TemporaryDirectory() as folder:
        options = ExportOptions(to="sqlite", output=Path(folder) / "news.db")
        start = time.perf_counter()
        count = write_articles(articles, options, io.BytesIO())
        seconds = time.perf_counter() - start
    print(f"sqlite export: {count} articles in {seconds:.2f} s, {count / seconds:,.0f} articles/s")


if __name__ == "__main__":
    sys.exit(main())
