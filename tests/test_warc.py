"""WARC input: HTML response records become sources (target URI, charset hint, file#record-id)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newscli.batch import BatchOptions, run_batch
from newscli.errors import ExitCode, Failure
from newscli.parsers import ParseOptions, parse
from newscli.parsers.warc import NotHtml, iter_records
from newscli.runner import Request
from newscli.sources import Source
from tests.conftest import SAMPLES, FakeEnv

warcio = pytest.importorskip("warcio")

PAGE = (SAMPLES / "en-harbor-bridge.html").read_bytes()


def _record(writer: object, uri: str, content_type: str, body: bytes, record_id: str) -> object:
    """A response record with HTTP headers and a fixed record id."""
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Record-ID": f"<urn:uuid:{record_id}>"}
    return writer.create_warc_record(  # type: ignore[attr-defined]
        uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
    )


def make_warc(path: Path, gzip: bool = True) -> Path:
    """An archive with a warcinfo record, two HTML pages, a PNG response and a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        html = "text/html; charset=UTF-8"
        writer.write_record(_record(writer, "https://example.org/bridge", html, PAGE, "1"))
        writer.write_record(_record(writer, "https://example.org/logo.png", "image/png", b"\x89PNG\r\n", "2"))
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        root = "https://example.org/"
        writer.write_record(writer.create_warc_record(root, "request", http_headers=request))
        arabic = "<html><body><p>مرحبا بالعالم</p></body></html>".encode("cp1256")
        writer.write_record(
            _record(writer, "https://example.org/ar", 'text/html; charset="windows-1256"', arabic, "3")
        )
    return path


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_html_records_become_sources_with_uri_charset_and_record_id(tmp_path: Path, name: str) -> None:
    path = make_warc(tmp_path / name, gzip=name.endswith(".gz"))
    found = list(iter_records(Source(name=name, path=path)))
    pages = [(s.name, s.url, s.hints, s.data == PAGE) for s in found if isinstance(s, Source)]
    assert pages == [
        (f"{name}#urn:uuid:1", "https://example.org/bridge", {"charset": "UTF-8", "warc_record": "1"}, True),
        (
            f"{name}#urn:uuid:3",
            "https://example.org/ar",
            {"charset": "windows-1256", "warc_record": "1"},
            False,
        ),
    ]
    assert [s for s in found if isinstance(s, NotHtml)] == [NotHtml(f"{name}#urn:uuid:2", "image/png")]


def test_charset_hint_decodes_a_windows_1256_record(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "pages.warc.gz")
    arabic = [s for s in iter_records(Source(name="p", path=path)) if isinstance(s, Source)][1]
    assert arabic.data is not None
    assert arabic.data.decode(arabic.hints["charset"]) == "<html><body><p>مرحبا بالعالم</p></body></html>"


def test_a_warc_file_parses_into_articles_with_source_and_url(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "pages.warc.gz")
    items = [item for item, _ in parse(Source(name="pages.warc.gz", path=path), ParseOptions())]
    bridge = items[0]
    direct = next(item for item, _ in parse(Source(name="x.html", data=PAGE), ParseOptions()))
    assert (getattr(bridge, "source", None), getattr(bridge, "url", None)) == (
        "pages.warc.gz#urn:uuid:1",
        "https://example.org/bridge",
    )
    assert getattr(bridge, "title", None) == getattr(direct, "title", None)


def test_batch_run_counts_skipped_non_html_records(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "pages.warc.gz")
    env = FakeEnv.make()
    code = run_batch(Request(command="run", inputs=(str(path),)), BatchOptions(jobs=1), env)
    sources = [json.loads(line)["source"] for line in env.out.splitlines()]
    assert code == ExitCode.PARTIAL  # the short Arabic record has no article text: one failure line
    assert sources == [f"{path}#urn:uuid:1"]
    assert env.err.splitlines()[-1].endswith("; 1 non-HTML WARC records skipped")


def test_a_damaged_archive_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    found = list(iter_records(Source(name="broken.warc", path=path)))
    assert [(f.source, f.reason) for f in found if not isinstance(f, (Source, NotHtml))] == [
        ("broken.warc", "truncated")
    ]


def _failures(found: list[object]) -> list[tuple[str, str, str]]:
    """(source, reason, message) of the failures among iter_records' items."""
    return [(f.source, f.reason, f.message) for f in found if isinstance(f, Failure)]


def test_a_gzip_archive_cut_inside_a_record_yields_the_pages_before_and_says_what_was_lost(
    tmp_path: Path,
) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) - 200])  # inside the last (Arabic) record
    found = list(iter_records(Source(name="cut.warc.gz", path=tmp_path / "cut.warc.gz")))
    assert [s.name for s in found if isinstance(s, Source)] == ["cut.warc.gz#urn:uuid:1"]
    assert _failures(found) == [
        (
            "cut.warc.gz",
            "truncated",
            "the compressed archive is cut short; 1 page read before it, the rest is lost",
        )
    ]


def test_a_record_cut_short_is_never_passed_on_as_a_page(tmp_path: Path) -> None:
    whole = make_warc(tmp_path / "whole.warc", gzip=False).read_bytes()
    end = whole.index(b"</html>") + 7  # inside the bridge page's record
    (tmp_path / "cut.warc").write_bytes(whole[:end])
    found = list(iter_records(Source(name="cut.warc", path=tmp_path / "cut.warc")))
    assert [s for s in found if isinstance(s, Source)] == []
    ((source, reason, message),) = _failures(found)
    assert (source, reason) == ("cut.warc", "truncated")
    assert message.startswith("the archive ends inside record 2 (") and message.endswith("; no page read")


def test_a_record_whose_bytes_do_not_match_its_digest_fails_alone(tmp_path: Path) -> None:
    data = bytearray(make_warc(tmp_path / "whole.warc", gzip=False).read_bytes())
    at = data.index(b"harbor") if b"harbor" in data else data.index(b"<p>")
    data[at] ^= 0x20
    (tmp_path / "flip.warc").write_bytes(bytes(data))
    found = list(iter_records(Source(name="flip.warc", path=tmp_path / "flip.warc")))
    assert [s.name for s in found if isinstance(s, Source)] == ["flip.warc#urn:uuid:3"]
    assert [(s, r) for s, r, _ in _failures(found)] == [("flip.warc#urn:uuid:1", "bad_warc")]


def test_noise_after_a_valid_archive_header_is_bad_warc_and_nothing_is_read(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n" + bytes(range(256)) * 40)
    found = list(iter_records(Source(name="noise.warc", path=path)))
    assert [(s, r) for s, r, _ in _failures(found)] == [("noise.warc", "bad_warc")]
    assert len(found) == 1


def test_a_record_the_crawler_truncated_is_read_with_a_warning(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "t.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        record = _record(writer, "https://example.org/bridge", "text/html", PAGE, "9")
        record.rec_headers.add_header("WARC-Truncated", "length")  # type: ignore[attr-defined]
        writer.write_record(record)
    (article,) = [item for item, _ in parse(Source(name="t.warc", path=path), ParseOptions())]
    assert getattr(article, "warnings", None) == ["truncated_record"]
