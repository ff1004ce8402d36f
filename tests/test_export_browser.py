"""The HTML export opened in a real headless Chromium: direction, alignment, escaping, a screenshot."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from newscli.export import ExportOptions, write_articles
from tests.conftest import golden_records

GOLDEN = Path(__file__).parent / "golden"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE_TITLE = "<script>document.documentElement.dataset.pwned = 'yes'</script> Harbor bridge reopens"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1000,1400",
]  # fmt: skip
# Appended to a copy of the page (without its no-script policy): writes what the browser computed.
PROBE = """<script>
const articles = [...document.querySelectorAll("article")].map((a) => ({
  lang: a.lang, direction: getComputedStyle(a).direction, textAlign: getComputedStyle(a).textAlign,
  title: a.querySelector("h1").textContent,
}));
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify({articles, pwned: document.documentElement.dataset.pwned || null});
document.body.append(pre);
</script>
"""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (Debian: apt-get install -y chromium); browser check skipped",
)


def chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with a fresh, empty profile; return its stdout."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An English article with a hostile title and an Arabic article, exported to one HTML page."""
    en, ar = golden_records()
    en.title = HOSTILE_TITLE
    path = tmp_path_factory.mktemp("html") / "page.html"
    write_articles(iter([en, ar]), ExportOptions(to="html", output=path), None)  # type: ignore[arg-type]
    return path


def probe(page: Path, tmp_path: Path) -> dict[str, Any]:
    """What Chromium computed for each article of the page."""
    return probe_with(page, tmp_path, PROBE)


def probe_with(page: Path, tmp_path: Path, script: str) -> dict[str, Any]:
    """Run a probe script in Chromium over a copy of the page (its CSP removed) and read its JSON."""
    copy = tmp_path / "probed.html"
    source = re.sub(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page.read_text(encoding="utf-8")
    )
    copy.write_text(source + script, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, "the probe script did not run"
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


def test_browser_aligns_arabic_right_and_english_left(page: Path, tmp_path: Path) -> None:
    computed = probe(page, tmp_path)["articles"]
    assert [(a["lang"], a["direction"], a["textAlign"]) for a in computed] == [
        ("en", "ltr", "left"),
        ("ar", "rtl", "right"),
    ]


def test_browser_shows_a_script_title_as_text(page: Path, tmp_path: Path) -> None:
    computed = probe(page, tmp_path)
    assert computed["articles"][0]["title"] == HOSTILE_TITLE
    assert computed["pwned"] is None


def test_exported_page_runs_no_script_and_renders_a_screenshot(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "data-pwned" not in dom  # the attribute the hostile title's script would have set
    assert "&lt;script&gt;document.documentElement.dataset.pwned" in dom
    shot = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000
