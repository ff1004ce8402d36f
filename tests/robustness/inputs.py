"""Hostile inputs: each builder writes its files into a scratch folder and says what newscli must do.

Inputs are generated, never stored. Every run puts a good input beside the bad one, so "the other
inputs are still processed" is checked every time.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import socket
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.robustness.harness import ROOT, Outcome
from tests.robustness.scenario import Check, Scenario, failed, never_in_stdout

SAMPLES = ROOT / "samples"
GOOD_HTML = "good.html"
MARKER = "NEWSCLI-SECRET-MARKER-7f3a"
MB = 1024 * 1024


def good_page(folder: Path) -> str:
    """Copy the English sample page into the scratch folder as the good input of a run."""
    (folder / GOOD_HTML).write_bytes((SAMPLES / "en-harbor-bridge.html").read_bytes())
    return GOOD_HTML


def good_record() -> bytes:
    """One valid JSON Lines record (the first sample record)."""
    return (SAMPLES / "records.jsonl").read_bytes().splitlines()[0]


def page(paragraphs: int = 6, title: str = "Harbour bridge vote") -> str:
    """A small valid article page body (enough text to extract) for building hostile pages around."""
    sentence = "The harbour bridge vote passed after a long debate in the council chamber tonight. "
    body = "".join(f"<p>{sentence * 3}</p>\n" for _ in range(paragraphs))
    return f"<article><h1>{title}</h1>\n{body}</article>"


def rng_bytes(seed: int, size: int) -> bytes:
    """Deterministic random bytes."""
    return random.Random(seed).randbytes(size)


# ---------------------------------------------------------------- empty, binary, NUL


def empty_files(folder: Path) -> Scenario:
    """An empty file and a whitespace-only file."""
    (folder / "empty.html").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    return Scenario(
        ["extract", "empty.html", "blank.txt", good_page(folder)],
        code=3,
        errors=[failed("empty.html", "empty"), failed("blank.txt", "empty")],
    )


def png() -> bytes:
    """A valid 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        """One PNG chunk with its CRC."""
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\0\0\0"))
        + chunk(b"IEND", b"")
    )


def binary_files(folder: Path) -> Scenario:
    """A PNG named .html, gzip of random bytes, and raw random bytes."""
    (folder / "photo.html").write_bytes(png())
    (folder / "noise.html.gz").write_bytes(gzip.compress(rng_bytes(1, 64 * 1024), mtime=0))
    (folder / "noise.bin").write_bytes(rng_bytes(2, 64 * 1024))
    return Scenario(
        ["extract", "photo.html", "noise.html.gz", "noise.bin", good_page(folder)],
        code=3,
        errors=[
            failed("photo.html", "binary"),
            failed("noise.html.gz", "binary"),
            failed("noise.bin", "binary"),
        ],
    )


def nul_in_html(folder: Path) -> Scenario:
    """NUL bytes inside the text of an otherwise good page (past the first kilobyte)."""
    html = f"<html><head><title>Harbour</title></head><body>{'<!-- pad -->' * 100}{page()}</body></html>"
    (folder / "nul.html").write_bytes(html.replace("vote passed", "vote\x00passed").encode())
    return Scenario(
        ["extract", "nul.html", good_page(folder)],
        code=0,
        articles=2,
        checks=[never_in_stdout("\\u0000", "\x00")],
    )


# ---------------------------------------------------------------- JSON Lines


def jsonl_bad_unicode(folder: Path) -> Scenario:
    """Invalid UTF-8 on one line and an escaped lone surrogate on another, between good records."""
    good = good_record()
    lines = [
        good,
        b'{"title": "caf\xe9 \xff\xfe", "text": "x"}',
        good,
        b'{"title": "lone \\ud800", "text": "x"}',
    ]
    (folder / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return Scenario(
        ["extract", "mixed.jsonl"],
        code=3,
        errors=[failed("mixed.jsonl:2", "bad_encoding"), failed("mixed.jsonl:4", "bad_encoding")],
        articles=2,
    )


def jsonl_100k(folder: Path) -> Scenario:
    """100,000 records with one broken line in the middle."""
    lines = [
        json.dumps({"id": f"r{i:06d}", "title": f"Record {i}", "text": f"Body {i}."}) for i in range(100_000)
    ]
    lines[50_000] = '{"title": "broken'
    (folder / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Scenario(
        ["extract", "many.jsonl"], code=3, errors=[failed("many.jsonl:50001", "bad_json")], articles=99_999
    )


# ---------------------------------------------------------------- large and deep pages


def page_50mb(folder: Path) -> Scenario:
    """A 50 MB page: refused past --max-bytes (default 20 MB) without reading it into memory."""
    with open(folder / "huge.html", "wb") as out:
        out.write(b"<html><body>")
        row = b"<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>\n"
        out.write(row * (50 * MB // len(row)))
        out.write(b"</body></html>")
    return Scenario(
        ["extract", "huge.html", good_page(folder)], code=3, errors=[failed("huge.html", "too_large")]
    )


def page_50mb_allowed(folder: Path) -> Scenario:
    """A 50 MB article of 2,000 distinct paragraphs with --max-bytes raised: extracted in bounded memory."""
    sentence = "Paragraph {n} of the long report on the harbour bridge, sentence {k}, with more words. "
    with open(folder / "huge.html", "w", encoding="utf-8") as out:
        out.write("<html><body><article><h1>A very long report</h1>\n")
        for n in range(2000):
            out.write("<p>" + "".join(sentence.format(n=n, k=k) for k in range(290)) + "</p>\n")
        out.write("</article></body></html>")
    return Scenario(
        ["extract", "--max-bytes", str(60 * MB), "huge.html", good_page(folder)], code=0, articles=2
    )


def gzip_bomb(folder: Path) -> Scenario:
    """A 100 KB .html.gz that inflates to 100 MB: decompression stops at --max-bytes."""
    inflated = b"<html><body>" + b"<p>" * (100 * MB // 3)
    (folder / "bomb.html.gz").write_bytes(gzip.compress(inflated, compresslevel=9, mtime=0))
    return Scenario(
        ["extract", "bomb.html.gz", good_page(folder)], code=3, errors=[failed("bomb.html.gz", "too_large")]
    )


def stdin_too_large(folder: Path) -> Scenario:
    """25 MB of page on stdin: refused past --max-bytes without reading the stream to its end."""
    page_bytes = b"<html><body>" + b"<p>Lorem ipsum dolor sit amet.</p>\n" * (25 * MB // 35)
    return Scenario(
        ["extract", "-", good_page(folder)], code=3, errors=[failed("-", "too_large")], stdin=page_bytes
    )


def nested(folder: Path) -> Scenario:
    """100,000 nested elements after the article."""
    html = f"<html><body>{page()}{'<div>' * 100_000}deep{'</div>' * 100_000}</body></html>"
    (folder / "nested.html").write_text(html, encoding="utf-8")
    return Scenario(["extract", "nested.html", good_page(folder)], code=0, articles=2)


DEEP_LIMIT = 180.0  # seconds: the hang guard of the deep-nesting cases (they take 6-19 s today)


def article_inside(opening: str, closing: str, depth: int, close: bool = True) -> Callable[[Path], Scenario]:
    """The article wrapped in `depth` nested copies of some markup (closed, or left open): the page must
    end as an article or as one failure line, the good page beside it must be written, in bounded time.

    How fast is the extraction's business (parsers/html*.py); the catalogue pins the contract and
    RELIABILITY.md shows the time and memory it takes.
    """

    def build(folder: Path) -> Scenario:
        """A ~1 MB page."""
        html = f"<html><body>{opening * depth}{page(paragraphs=8)}{closing * depth if close else ''}</body></html>"
        (folder / "deep.html").write_text(html, encoding="utf-8")
        good = good_page(folder)

        def article_or_one_failure(outcome: Outcome, folder: Path) -> None:
            """Exit 0 with both articles, or exit 3 with one line naming deep.html and the good page."""
            sources = [json.loads(line)["source"] for line in outcome.stdout.decode("utf-8").splitlines()]
            lines = outcome.error_lines
            if outcome.code == 0:
                assert (sources, lines) == (["deep.html", good], []), (sources, lines)
            else:
                assert sources == [good], sources
                assert len(lines) == 1 and lines[0].startswith("newscli: deep.html: "), lines
                assert re.search(r" \[[a-z_]+\]$", lines[0]), lines[0]

        return Scenario(
            ["extract", "deep.html", good],
            code=(0, 3),
            errors=None,
            articles=None,
            checks=[article_or_one_failure],
            timeout=DEEP_LIMIT,
        )

    return build


def million_rows(folder: Path) -> Scenario:
    """A table of a million rows: cut to the work budget, and no article in what is left."""
    rows = b"<tr><td>1" * 1_000_000
    (folder / "table.html").write_bytes(b"<html><body><table>" + rows + b"</table></body></html>")
    return Scenario(
        ["extract", "table.html", good_page(folder)], code=3, errors=[failed("table.html", "no_main_text")]
    )


def long_line(folder: Path) -> Scenario:
    """A 5 MB page on a single line (one paragraph, no newline)."""
    words = " ".join(f"word{i % 977}" for i in range(700_000))[: 5 * MB]
    (folder / "line.html").write_text(f"<html><body><article><p>{words}</p></article></body></html>")
    return Scenario(["extract", "line.html", good_page(folder)], code=0, articles=2)


# ---------------------------------------------------------------- XML entities


def entity_bomb(folder: Path) -> Scenario:
    """XHTML with a billion-laughs entity bomb in the title and the text."""
    levels = ['<!ENTITY l0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    ]
    doc = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(levels) + "\n]>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Bomb &l9;</title></head>'
        f"<body><p>&l9;</p>{page()}</body></html>"
    )
    (folder / "bomb.xhtml").write_text(doc, encoding="utf-8")
    return Scenario(
        ["extract", "bomb.xhtml", good_page(folder)],
        code=0,
        articles=2,
        checks=[never_in_stdout("lol" * 100)],
    )


def external_entities(folder: Path) -> Scenario:
    """XHTML whose entities point at a local file holding a marker and at a local HTTP port."""
    (folder / "secret.txt").write_text(MARKER, encoding="utf-8")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    doc = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n'
        f'<!ENTITY secret SYSTEM "file://{folder / "secret.txt"}">\n'
        f'<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/entity">\n'
        '<!ENTITY % param SYSTEM "http://127.0.0.1:{port}/dtd"> %param;\n]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Leak &secret;</title></head>'
        f"<body><h1>Leak &secret;</h1><p>File: &secret; web: &remote;</p>{page()}</body></html>"
    ).replace("{port}", str(port))
    (folder / "xxe.xhtml").write_text(doc, encoding="utf-8")

    def nothing_fetched(outcome: Outcome, folder: Path) -> None:
        """No connection reached the local port during the run."""
        listener.setblocking(False)
        try:
            connection, _ = listener.accept()
        except BlockingIOError:
            return
        finally:
            listener.close()
        connection.close()
        raise AssertionError("newscli connected to the URL of an external entity")

    return Scenario(
        ["extract", "xxe.xhtml", good_page(folder)],
        code=0,
        articles=2,
        checks=[never_in_stdout(MARKER), nothing_fetched],
    )


# ---------------------------------------------------------------- markup in text


XSS_PAGE = (
    '<html><head><title>Hello <script>alert(1)</script>"><img src=x onerror=alert(2)></title></head>'
    '<body><article><h1>News &lt;script&gt;alert(3)&lt;/script&gt; <img src=x onerror="alert(4)"></h1>'
    '<p onclick="alert(5)">Text with &lt;script&gt;alert(6)&lt;/script&gt; and '
    "&lt;img src=x onerror=alert(7)&gt; inside. <script>alert(8)</script></p>{body}</article></body></html>"
)


def html_markup(markup: str) -> tuple[list[str], list[str]]:
    """The tags and the event-handler attributes a browser would see in this HTML."""
    from html.parser import HTMLParser

    tags: list[str] = []
    handlers: list[str] = []

    class Collect(HTMLParser):
        """Collects start tags and on* attributes."""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            """Remember the tag and any event handler on it."""
            tags.append(tag)
            handlers.extend(name for name, _ in attrs if name.lower().startswith("on"))

    Collect().feed(markup)
    return tags, handlers


def no_active_markup(rendered: Callable[[str], str]) -> Check:
    """A check that the output, rendered to HTML, has no script element and no event handler."""

    def check(outcome: Outcome, folder: Path) -> None:
        """Fail on <script>, <img> from the text, or any on* attribute."""
        tags, handlers = html_markup(rendered(outcome.stdout.decode("utf-8")))
        assert "script" not in tags, "a <script> element reached the output"
        assert "img" not in tags, "an <img> from the article text reached the output as markup"
        assert not handlers, f"event handlers reached the output: {handlers}"

    return check


def markdown_to_html(text: str) -> str:
    """Render Markdown as CommonMark does (raw HTML allowed), to see what a viewer would show.

    Each article's YAML front matter is data (quoted strings), which front-matter-aware viewers show
    as a table or hide; it is taken out before rendering, as they do.
    """
    from markdown_it import MarkdownIt

    body = re.sub(r"(?ms)^---\n.*?^---\n", "", text)
    return str(MarkdownIt("commonmark").render(body))


def script_in_html_export(folder: Path) -> Scenario:
    """<script> and event handlers in the title and text, exported as an HTML page."""
    (folder / "xss.html").write_text(XSS_PAGE.format(body=page()), encoding="utf-8")
    return Scenario(
        ["export", "--to", "html", "xss.html", good_page(folder)],
        code=0,
        articles=None,
        checks=[no_active_markup(lambda text: text)],
    )


def script_in_markdown_export(folder: Path) -> Scenario:
    """<script> and event handlers in the title and text, exported as Markdown and rendered."""
    (folder / "xss.html").write_text(XSS_PAGE.format(body=page()), encoding="utf-8")
    return Scenario(
        ["export", "--to", "markdown", "xss.html", good_page(folder)],
        code=0,
        articles=None,
        checks=[no_active_markup(markdown_to_html)],
    )


# ---------------------------------------------------------------- file system


HOSTILE_NAMES = ("with space.html", "new\nline.html", "quote\"s 'single'.html", "خبر عاجل.html", "$(id).html")


def hostile_names(folder: Path) -> Scenario:
    """File names with spaces, a newline, quotes, Arabic letters and shell syntax; one of them empty."""
    good = (SAMPLES / "en-harbor-bridge.html").read_bytes()
    for name in HOSTILE_NAMES:
        (folder / name).write_bytes(good)
    (folder / "bad\nخبر.html").write_bytes(b"")

    def sources_kept(outcome: Outcome, folder: Path) -> None:
        """Each record names its file exactly."""
        sources = [json.loads(line)["source"] for line in outcome.stdout.decode("utf-8").splitlines()]
        assert sources == list(HOSTILE_NAMES)

    return Scenario(
        ["extract", *HOSTILE_NAMES, "bad\nخبر.html"],
        code=3,
        errors=[failed("bad\\nخبر.html", "empty")],
        articles=len(HOSTILE_NAMES),
        checks=[sources_kept],
    )


def symlink_loop(folder: Path) -> Scenario:
    """A directory holding a link to itself and a link to its parent."""
    loop = folder / "loop"
    loop.mkdir()
    (loop / "a.html").write_bytes((SAMPLES / "fr-trains-nuit.html").read_bytes())
    os.symlink(".", loop / "self")
    os.symlink("../loop", loop / "up")
    return Scenario(["extract", "loop", good_page(folder)], code=0, articles=2)


def special_files(folder: Path) -> Scenario:
    """A FIFO (reading it would block forever) and a link to /dev/zero (endless bytes)."""
    os.mkfifo(folder / "pipe.html")
    os.symlink("/dev/zero", folder / "zero.html")
    return Scenario(
        ["extract", "pipe.html", "zero.html", good_page(folder)],
        code=3,
        errors=[failed("pipe.html", "not_a_file"), failed("zero.html", "not_a_file")],
    )


def without_file_permission_override() -> Callable[[], None] | None:
    """preexec_fn that makes file permissions apply to the child (root ignores them); None when not root.

    Where the capabilities cannot be dropped, the child fails to start (subprocess.SubprocessError).
    """
    if os.geteuid() != 0:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    # Root keeps root (the interpreter lives under /root), but loses the two capabilities that bypass
    # file permissions: dropped from the bounding set, they are gone after exec too.

    def drop() -> None:
        """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH for good."""
        for cap in (cap_dac_override, cap_dac_read_search):
            if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def unreadable_file(folder: Path) -> Scenario:
    """A file with mode 000, given by name and found in a directory walk."""
    walked = folder / "dir"
    walked.mkdir()
    for path in (folder / "locked.html", walked / "locked.html"):
        path.write_bytes((SAMPLES / "en-harbor-bridge.html").read_bytes())
        path.chmod(0)
    return Scenario(
        ["extract", "locked.html", "dir", good_page(folder)],
        code=3,
        errors=[failed("locked.html", "unreadable"), failed("dir/locked.html", "unreadable")],
        preexec=without_file_permission_override(),
    )


def unreadable_directory(folder: Path) -> Scenario:
    """A directory walk meeting a subdirectory with mode 000: its files must not vanish silently."""
    walked = folder / "dir"
    (walked / "sub").mkdir(parents=True)
    (walked / "sub" / "inside.html").write_bytes((SAMPLES / "en-harbor-bridge.html").read_bytes())
    (walked / "ok.html").write_bytes((SAMPLES / "fr-trains-nuit.html").read_bytes())
    (walked / "sub").chmod(0)
    return Scenario(
        ["extract", "dir"],
        code=3,
        errors=[failed("dir/sub", "unreadable")],
        preexec=without_file_permission_override(),
    )
