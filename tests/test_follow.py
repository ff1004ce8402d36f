"""Following news sources from cron: feeds and sitemaps into a store, a second run that fetches nothing new,
each article stored once, identical inputs counted as duplicates, and a hung server that never keeps the lock."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, records, run_cli
from tests.helpers_http import Site, rss, site, story_page, urlset

SLUGS = ("harbor", "trains", "water", "school")


@pytest.fixture
def news() -> Iterator[Site]:
    """A news site: four stories, an AMP copy, a republished copy, a feed and a news sitemap that overlap."""
    with site() as served:
        b = served.base
        for slug in SLUGS:
            served.add(f"/news/{slug}", story_page(slug))
        served.add("/amp/harbor", story_page("harbor", canonical=f"{b}/news/harbor", chrome="AMP"))
        served.add("/copy/water", story_page("water", chrome="Other Gazette"))
        served.feed(
            "/feed.xml", rss(["/news/harbor?utm_source=rss", "/news/trains", "/amp/harbor", "/private/x"])
        )
        sitemap = urlset(
            [f"{b}/news/harbor", f"{b}/news/water", f"{b}/copy/water", f"{b}/news/school"], news=True
        )
        served.feed("/sitemap.xml", sitemap, "application/xml")
        yield served


def follow(served: Site, tmp_path: Path, *extra: str) -> tuple[int, str]:
    """`newscli run FEED SITEMAP -o news.db --state news.state` as the cron line in docs/fetching.md."""
    result = run_cli(
        "run", f"{served.base}/feed.xml", f"{served.base}/sitemap.xml", "-o", str(tmp_path / "news.db"),
        "--state", str(tmp_path / "news.state"), "--allow-private", "--delay", "0", "--jobs", "1", *extra,
    )  # fmt: skip
    return result.returncode, result.stderr.decode()


def stored(tmp_path: Path) -> list[tuple[str, str]]:
    """(title, url) of the articles in the store."""
    with sqlite3.connect(tmp_path / "news.db") as db:
        return sorted(db.execute("SELECT title, url FROM articles").fetchall())


def summary(stderr: str) -> str:
    """The summary line without its timing part."""
    return stderr.strip().splitlines()[-1].split(" articles in ")[0]


def test_second_cron_run_fetches_nothing_new_and_each_article_is_stored_once(
    news: Site, tmp_path: Path
) -> None:
    code, err = follow(news, tmp_path)
    b = news.base
    assert (code, summary(err)) == (
        0,
        "newscli: run done: 4 new, 0 unchanged, 4 skipped (1 robots, 3 duplicates), 0 failed; 4",
    )
    assert stored(tmp_path) == [
        ("Council approves the harbor bridge", f"{b}/news/harbor?utm_source=rss"),
        ("Desalination plant opens on the coast", f"{b}/news/water"),
        ("Night trains return to the northern line", f"{b}/news/trains"),
        ("School year starts with new science labs", f"{b}/news/school"),
    ]
    assert news.hits["/private/x"] == 0  # robots.txt disallows /private/
    assert news.hits["/news/harbor"] == 0  # the sitemap's harbor is the feed's, without the tracker
    news.hits.clear()
    code, err = follow(news, tmp_path)
    assert (code, summary(err)) == (
        0,
        "newscli: run done: 0 new, 6 unchanged, 2 skipped (1 robots, 1 duplicates), 0 failed; 0",
    )
    assert dict(news.hits) == {"/robots.txt": 1, "/feed.xml": 1, "/sitemap.xml": 1}
    assert dict(news.not_modified) == {"/feed.xml": 1, "/sitemap.xml": 1}
    assert len(stored(tmp_path)) == 4


def test_a_new_feed_item_is_the_only_page_fetched_next_run(news: Site, tmp_path: Path) -> None:
    follow(news, tmp_path)
    news.add("/news/market", story_page("market"))
    changed = rss(["/news/market", "/news/trains", "/news/harbor"])
    news.routes["/feed.xml"] = lambda h: h.send(200, changed, "application/rss+xml", ETag='"feed-v2"')
    news.hits.clear()
    code, err = follow(news, tmp_path)
    assert (code, summary(err)) == (
        0,
        "newscli: run done: 1 new, 5 unchanged, 1 skipped (1 duplicates), 0 failed; 1",
    )
    assert news.hits["/news/market"] == 1
    assert news.hits["/news/trains"] == news.hits["/news/harbor"] == 0
    assert ("Covered market reopens after repairs", f"{news.base}/news/market") in stored(tmp_path)


def test_keep_duplicates_stores_the_amp_and_republished_copies(news: Site, tmp_path: Path) -> None:
    code, err = follow(news, tmp_path, "--keep-duplicates")
    assert (code, summary(err)) == (
        0,
        "newscli: run done: 6 new, 0 unchanged, 2 skipped (1 robots, 1 duplicates), 0 failed; 6",
    )
    assert [url.removeprefix(news.base) for _, url in stored(tmp_path)] == [
        "/amp/harbor", "/news/harbor?utm_source=rss", "/copy/water", "/news/water", "/news/trains", "/news/school",
    ]  # fmt: skip


def test_identical_inputs_with_state_are_counted_as_duplicates(tmp_path: Path) -> None:
    pages = sorted(SAMPLES.glob("*.html"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(5):
        for page in pages:
            (inputs / f"{copy}-{page.name}").write_bytes(page.read_bytes())
    total = 5 * len(pages)
    with_state = run_cli(
        "run", str(inputs), "-o", str(tmp_path / "out.jsonl"), "--state", str(tmp_path / "s")
    )
    without = run_cli("run", str(inputs), "--to", "jsonl")
    dupes = total - len(pages)
    assert summary(with_state.stderr.decode()) == (
        f"newscli: run done: {len(pages)} new, 0 unchanged, {dupes} skipped ({dupes} duplicates), 0 failed; {len(pages)}"
    )
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == len(pages)
    assert (
        summary(without.stderr.decode())
        == f"newscli: run done: {total} new, 0 unchanged, 0 skipped, 0 failed; {total}"
    )
    assert len(records(without.stdout)) == total


def test_a_silent_server_fails_its_url_within_the_budget_and_never_keeps_the_lock(tmp_path: Path) -> None:
    with site() as served:
        served.add("/news/harbor", story_page("harbor"))
        state = str(tmp_path / "news.state")
        urls = [f"{served.base}/silent", f"{served.base}/news/harbor"]
        args = ("--state", state, "-o", str(tmp_path / "out.jsonl"), "--allow-private", "--delay", "0")
        first = run_cli("run", *urls, *args, "--fetch-timeout", "1", timeout=60)
        assert first.returncode == 3
        err = first.stderr.decode()
        assert (
            f"newscli: {served.base}/silent: no complete answer within 1 s (--fetch-timeout) [timeout]" in err
        )
        assert [r["url"] for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())] == [
            urls[1]
        ]
        again = run_cli("run", urls[1], *args, timeout=60)
        assert again.returncode == 0  # not 75: the first run left no lock behind
