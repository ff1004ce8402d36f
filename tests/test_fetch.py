"""URL fetching against a local server: redirects, errors, slow and huge answers, content types, gzip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newscli.errors import Failure
from newscli.fetch import FetchOptions, fetch
from newscli.sources import Source
from tests.helpers_http import PAGE, serve

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
