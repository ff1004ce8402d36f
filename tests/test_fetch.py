"""URL fetching against a local server: redirects, errors, slow and huge answers, content types, gzip,
the whole-URL budget, error reasons, private addresses, robots.txt, Retry-After, politeness, feeds."""

from __future__ import annotations

import gzip
import itertools
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newscli.errors import Failure
from newscli.fetch import FetchOptions, client, fetch
from newscli.fetch.crawl import Crawler
from newscli.fetch.items import Listed, NoMemory, Skipped
from newscli.sources import Source
from tests.helpers_http import (
    ETAG,
    LAST_MODIFIED,
    PAGE,
    Site,
    atom,
    rss,
    rss1,
    serve,
    site,
    sitemapindex,
    story_page,
    urlset,
)

FAST = FetchOptions(timeout=0.5, max_bytes=1_000_000, retries=1, delay=0.0, backoff=0.01, allow_private=True)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """Base URL of the local test server."""
    with serve() as url:
        yield url


def one(url: str, options: FetchOptions = FAST) -> Source | Failure:
    """Fetch a single URL."""
    (item,) = list(fetch([url], options))
    return item


def test_redirect_gives_final_url_and_body(base: str) -> None:
    item = one(base + "/redirect")
    assert isinstance(item, Source)
    assert (item.name, item.url, item.data) == (base + "/redirect", base + "/page", PAGE)


def test_charset_and_content_type_become_hints(base: str) -> None:
    item = one(base + "/page")
    assert isinstance(item, Source)
    assert item.hints == {"content_type": "text/html", "key": base + "/page", "charset": "windows-1256"}


def test_404_is_a_failure_naming_the_status(base: str) -> None:
    item = one(base + "/missing")
    assert item == Failure(base + "/missing", "http_404", "HTTP 404 Not Found")


def test_slow_answer_times_out(base: str) -> None:
    item = one(base + "/slow")
    assert isinstance(item, Failure)
    assert (item.reason, item.message) == ("timeout", "no complete answer within 0.5 s (--fetch-timeout)")


def test_huge_body_is_refused_at_the_cap(base: str) -> None:
    item = one(base + "/huge")
    assert isinstance(item, Failure)
    message = "over the 1,000,000-byte limit (--max-bytes)"
    assert (item.reason, item.message) == ("too_large", message)


def test_wrong_content_type_is_refused(base: str) -> None:
    item = one(base + "/image")
    message = "content type image/png is not a web page, feed or sitemap"
    assert item == Failure(base + "/image", "content_type", message)


def test_gzip_body_is_decompressed(base: str) -> None:
    item = one(base + "/gzip")
    assert isinstance(item, Source)
    assert item.data == PAGE


def test_server_error_is_retried_then_succeeds(base: str) -> None:
    item = one(base + "/flaky")
    assert isinstance(item, Source)
    assert item.data == PAGE


def test_one_failure_does_not_stop_the_others(base: str) -> None:
    items = list(fetch([base + "/missing", "", "# comment", base + "/page"], FAST))
    assert [type(i).__name__ for i in items] == ["Failure", "Source"]


def test_non_http_url_is_refused_without_network() -> None:
    url = "ftp://example.com/x"
    assert one(url) == Failure(url, "usage", "only http:// and https:// URLs can be fetched")


def test_cli_extracts_urls_and_names_the_one_that_failed(base: str, tmp_path: Path) -> None:
    from tests.conftest import records, run_cli

    listed = tmp_path / "urls.txt"
    listed.write_text(f"# today's pages\n{base}/missing\n\n")
    result = run_cli(
        "extract", f"{base}/article", "--urls", str(listed), "--fetch-timeout", "5", "--allow-private"
    )
    assert result.returncode == 3
    assert result.stderr.decode() == f"newscli: {base}/missing: HTTP 404 Not Found [http_404]\n"
    (article,) = records(result.stdout)
    assert (article["source"], article["url"]) == (f"{base}/article", f"{base}/article")
    assert article["title"] == "City Council Approves New Harbor Bridge After Decade of Debate"


# --- the whole-URL budget and what went wrong -------------------------------------------------------------

BUDGET = replace(FAST, timeout=1.0, retries=2)


@pytest.mark.parametrize("path", ["/slow-loris", "/slow-headers", "/silent"])
def test_a_stalling_server_fails_with_timeout_and_the_next_url_is_fetched(base: str, path: str) -> None:
    started = time.monotonic()
    items = list(fetch([base + path, base + "/page"], BUDGET))
    elapsed = time.monotonic() - started
    assert items[0] == Failure(base + path, "timeout", "no complete answer within 1 s (--fetch-timeout)")
    assert isinstance(items[1], Source) and items[1].data == PAGE
    # The server would stall for a minute: the budget (1 s, + 0.5 s grace) bounds it, generous margin.
    assert elapsed < 8


def test_dns_failure_is_reason_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(client.socket, "getaddrinfo", no_such_host)
    url = "http://news.invalid/a"
    assert one(url) == Failure(url, "dns", "cannot resolve news.invalid (Name or service not known)")


def test_refused_connection_is_reason_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a"
    assert one(url) == Failure(url, "refused", "the server refused the connection")


def test_tls_handshake_with_a_plain_http_server_is_reason_tls(base: str) -> None:
    url = base.replace("http://", "https://") + "/page"
    item = one(url)
    assert isinstance(item, Failure) and item.reason == "tls"


def test_status_is_in_the_reason(base: str) -> None:
    assert one(base + "/nothing-here") == Failure(base + "/nothing-here", "http_404", "HTTP 404 Not Found")


# --- private addresses --------------------------------------------------------------------------------------


def test_private_address_is_refused_without_a_request() -> None:
    with site() as served:
        item = one(served.base + "/page", replace(FAST, allow_private=False))
        assert item == Failure(
            served.base + "/page",
            "private_address",
            "127.0.0.1 is a private address (127.0.0.1); pass --allow-private to fetch it",
        )
        assert served.hits == {}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "/redirect-loopback",
            "127.0.0.1 is a private address (127.0.0.1); pass --allow-private to fetch it",
        ),
        (
            "/redirect-metadata",
            "169.254.169.254 is a private address (169.254.169.254); pass --allow-private to fetch it",
        ),
    ],
)
def test_a_redirect_to_a_private_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, path: str, message: str
) -> None:
    real = client.resolve

    def public_test_host(host: str, port: int, allow_private: bool) -> list[str]:
        """news.test stands for a public site (served on loopback); every other name is checked for real."""
        return ["127.0.0.1"] if host == "news.test" else real(host, port, allow_private)

    monkeypatch.setattr(client, "resolve", public_test_host)
    with site() as served:
        url = served.base.replace("127.0.0.1", "news.test") + path
        assert one(url, replace(FAST, allow_private=False)) == Failure(url, "private_address", message)
        assert served.hits == {"/robots.txt": 1, path: 1}  # the redirect target was never asked


def test_allow_private_follows_a_redirect_to_loopback(base: str) -> None:
    item = one(base + "/redirect-loopback")
    assert isinstance(item, Source) and item.data == PAGE


@pytest.mark.parametrize(
    ("address", "public"),
    [("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
     ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("::1", False),
     ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("224.0.0.1", False),
     ("93.184.216.34", True), ("2606:4700::1111", True)],
)  # fmt: skip
def test_only_public_addresses_count_as_public(address: str, public: bool) -> None:
    assert client.public(address) is public


# --- politeness: robots.txt, Retry-After, one request at a time per host, --delay ---------------------------


def test_robots_disallowed_url_is_skipped_and_never_requested() -> None:
    with site() as served:
        url = served.base + "/private/secret"
        items = list(
            Crawler(FAST).run([Source(name=url, url=url), Source(name="p", url=served.base + "/page")])
        )
        assert items[0] == Skipped(url, "robots", "robots.txt disallows it; not fetched", url)
        assert isinstance(items[1], Source)
        assert served.hits == {"/robots.txt": 1, "/page": 1}


def test_robots_rules_are_read_for_the_user_agent_given() -> None:
    with site() as served:
        url = served.base + "/page"
        (item,) = Crawler(replace(FAST, user_agent="otherbot/2.0")).run([Source(name=url, url=url)])
        assert isinstance(item, Skipped) and item.reason == "robots"
        assert served.hits == {"/robots.txt": 1}


def test_retry_after_is_honoured_then_the_page_comes() -> None:
    with site() as served:
        item = one(served.base + "/busy", replace(FAST, timeout=5.0))
        assert isinstance(item, Source) and item.data == PAGE
        (first, second) = [t for path, t in served.starts if path == "/busy"]
        assert second - first >= 0.95  # Retry-After: 1


def test_a_retry_after_past_the_cap_fails_at_once() -> None:
    with site() as served:
        url = served.base + "/busy-long"
        assert one(url, replace(FAST, timeout=5.0)) == Failure(
            url, "http_429", "HTTP 429 Too Many Requests; asked to wait 3600 s (Retry-After), more than 60 s"
        )
        assert served.hits[url.removeprefix(served.base)] == 1


def test_one_host_is_asked_one_request_at_a_time_with_the_delay_between() -> None:
    with site(latency=0.05) as served:
        urls = [f"{served.base}/page?n={n}" for n in range(4)]
        items = list(fetch(urls, replace(FAST, delay=0.3, concurrency=8)))
        assert [i.name for i in items] == urls
        starts = [t for _, t in served.starts]
        assert served.max_inflight == 1
        assert all(later - earlier >= 0.29 for earlier, later in itertools.pairwise(starts))


def test_hosts_are_fetched_at_once_and_results_keep_the_input_order() -> None:
    with site("127.0.0.1", latency=0.3) as one_host, site("127.0.0.2", latency=0.3) as other:
        urls = [one_host.base + "/page?a", other.base + "/page?b", one_host.base + "/page?c"]
        items = list(fetch(urls, replace(FAST, timeout=5.0, delay=0.0)))
        assert [i.name for i in items] == urls
        first_b = next(t for path, t in other.starts if path == "/page?b")
        a_window = next(t for path, t in one_host.starts if path == "/page?a")
        assert abs(first_b - a_window) < 0.3  # b was asked while a was still being answered


# --- feeds and sitemaps -------------------------------------------------------------------------------------


def _stories(served: Site) -> list[str]:
    """Serve the four story pages; their URLs."""
    for slug in ("harbor", "trains", "water", "school"):
        served.add(f"/news/{slug}", story_page(slug))
    return [f"{served.base}/news/{slug}" for slug in ("harbor", "trains", "water", "school")]


def _names(items: list[Source | Failure]) -> list[str]:
    """What each item is and where it came from."""
    return [f"{type(i).__name__} {i.name if isinstance(i, Source) else i.source}" for i in items]


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/feed.xml", rss(["/news/harbor", "/news/trains"]), "application/rss+xml"),
        ("/feed.rdf", rss1(["{base}/news/harbor", "{base}/news/trains"]), "application/rdf+xml"),
        ("/atom.xml", atom(["{base}/news/harbor", "/news/trains"]), "application/atom+xml"),
        ("/sitemap.xml", urlset(["{base}/news/harbor", "{base}/news/trains"]), "application/xml"),
        ("/news-sitemap.xml", urlset(["{base}/news/harbor", "{base}/news/trains"], news=True), "text/xml"),
    ],
)
def test_a_feed_or_sitemap_is_expanded_into_the_pages_it_lists(
    path: str, body: bytes, content_type: str
) -> None:
    with site() as served:
        stories = _stories(served)
        served.add(path, body.replace(b"{base}", served.base.encode()), content_type)
        items = list(fetch([served.base + path], FAST))
        assert _names(items) == [f"Source {stories[0]}", f"Source {stories[1]}"]
        assert [i.data for i in items if isinstance(i, Source)] == [
            story_page("harbor"),
            story_page("trains"),
        ]


def test_a_sitemap_index_is_followed_into_its_sitemaps_even_gzipped() -> None:
    with site() as served:
        stories = _stories(served)
        b = served.base
        served.add(
            "/sitemap-index.xml", sitemapindex([f"{b}/sitemap-1.xml", f"{b}/sitemap-2.xml.gz"]), "text/xml"
        )
        served.add("/sitemap-1.xml", urlset(stories[:2]), "application/xml")
        served.add("/sitemap-2.xml.gz", gzip.compress(urlset(stories[2:])), "application/x-gzip")
        items = list(fetch([b + "/sitemap-index.xml"], FAST))
        assert _names(items) == [f"Source {url}" for url in stories]


def test_a_local_feed_file_lists_urls_like_a_fetched_one(tmp_path: Path) -> None:
    with site() as served:
        stories = _stories(served)
        feed = tmp_path / "feed.xml"
        feed.write_bytes(rss(stories[2:]))
        items = list(Crawler(FAST).run([Source(name=str(feed), path=feed)]))
        assert _names(items) == [f"Source {url}" for url in stories[2:]]  # type: ignore[arg-type]


def test_discover_replaces_a_page_by_the_feeds_it_links_to() -> None:
    with site() as served:
        stories = _stories(served)
        served.add("/feed.xml", rss(["/news/school"]), "application/rss+xml")
        home = served.base + "/news/harbor"  # its <link rel=alternate> names /feed.xml
        assert _names(list(fetch([home], replace(FAST, discover=True)))) == [f"Source {stories[3]}"]
        assert _names(list(fetch([home], FAST))) == [f"Source {home}"]


def test_the_same_url_listed_twice_is_fetched_once() -> None:
    with site() as served:
        stories = _stories(served)
        served.add("/feed.xml", rss(["/news/harbor?utm_source=rss", "/news/harbor#top", "/news/trains"]))
        items = list(Crawler(FAST).run([Source(name="f", url=served.base + "/feed.xml")]))
        kinds = [(type(i).__name__, getattr(i, "reason", "")) for i in items]
        assert kinds == [("Listed", ""), ("Source", ""), ("Skipped", "duplicate"), ("Source", "")]
        assert served.hits["/news/harbor?utm_source=rss"] == 1 and served.hits["/news/harbor"] == 0
        assert stories


class _Remembered(NoMemory):
    """A memory that knows the feed's validators and one article as done."""

    def __init__(self, listed: Listed, done: str) -> None:
        self.listed, self.done = listed, done

    def settled(self, key: str) -> bool:
        return key == self.done

    def listing(self, key: str) -> Listed | None:
        return self.listed if key == self.listed.key else None


def test_a_feed_read_before_is_asked_conditionally_and_a_304_costs_nothing_more() -> None:
    with site() as served:
        stories = _stories(served)
        served.feed("/feed.xml", rss(stories[:2]))
        url = served.base + "/feed.xml"
        memo = Listed(url, url, ETAG, LAST_MODIFIED, tuple(stories[:3]))
        items = list(Crawler(FAST, _Remembered(memo, stories[0])).run([Source(name=url, url=url)]))
        assert served.not_modified == {"/feed.xml": 1}
        assert _names([i for i in items if not isinstance(i, (Skipped, Listed))]) == [  # type: ignore[misc]
            f"Source {stories[1]}",
            f"Source {stories[2]}",
        ]
        assert items[0] == Skipped(
            stories[0], "unchanged", "already processed with the same options", stories[0]
        )
        assert served.hits == {"/robots.txt": 1, "/feed.xml": 1, "/news/trains": 1, "/news/water": 1}
