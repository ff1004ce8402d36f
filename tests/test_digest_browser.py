"""The HTML digest opened in a real headless Chromium: direction, alignment, escaping, a screenshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscli.model import Article
from newscli.stories.digest import digest
from newscli.stories.writers import STORY_FORMATS, render
from tests.conftest import ROOT
from tests.test_export_browser import CHROMIUM, chromium, probe_with

HOSTILE_TITLE = "<script>document.documentElement.dataset.pwned = 'yes'</script> Ferry strike ends"
# Appended to a copy of the page (without its no-script policy): writes what the browser computed.
PROBE = """<script>
const sections = [...document.querySelectorAll("section")].map((s) => ({
  lang: s.lang, direction: getComputedStyle(s).direction, textAlign: getComputedStyle(s).textAlign,
  title: s.querySelector("h2").textContent, bullets: s.querySelectorAll("li").length,
  links: [...s.querySelectorAll("a")].map((a) => a.protocol),
}));
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify({sections, pwned: document.documentElement.dataset.pwned || null});
document.body.append(pre);
</script>
"""

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (Debian: apt-get install -y chromium); browser check skipped",
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-written English and Arabic digest plus a story with a hostile title, as one page."""
    lines = [
        line
        for name in ("en.jsonl", "ar.jsonl")
        for line in (ROOT / "tests" / "data" / "digest" / name).read_text(encoding="utf-8").splitlines()
    ]
    articles = [Article.from_dict(json.loads(line)) for line in lines]
    articles.append(
        Article(
            id="hostile",
            title=HOSTILE_TITLE,
            url="javascript:alert(1)",
            language="en",
            date="2025-03-13",
            text="Ferry crews returned to work on Wednesday after a two-week strike over pay.",
        )
    )
    path = tmp_path_factory.mktemp("digest") / "digest.html"
    path.write_bytes(b"".join(render(digest(iter(articles)), STORY_FORMATS["html"])))
    return path


def probe(page: Path, tmp_path: Path) -> dict[str, Any]:
    """What Chromium computed for each story of the page."""
    return probe_with(page, tmp_path, PROBE)


def test_browser_aligns_arabic_stories_right_and_english_left(page: Path, tmp_path: Path) -> None:
    computed = probe(page, tmp_path)["sections"]
    assert [(s["lang"], s["direction"], s["textAlign"], s["bullets"]) for s in computed] == [
        ("en", "ltr", "left", 3),
        ("ar", "rtl", "right", 3),
        ("en", "ltr", "left", 3),
        ("ar", "rtl", "right", 3),
        ("en", "ltr", "left", 3),
        ("en", "ltr", "left", 1),
    ]
    assert computed[1]["title"] == "افتتاح أكبر محطة لتحلية المياه في المنطقة الساحلية"
    assert computed[0]["links"] == ["https:"] * 6  # three bullets naming a source, three sources


def test_browser_shows_a_script_title_as_text_and_links_no_script_url(page: Path, tmp_path: Path) -> None:
    computed = probe(page, tmp_path)
    assert computed["sections"][-1]["title"] == HOSTILE_TITLE
    assert computed["sections"][-1]["links"] == []
    assert computed["pwned"] is None


def test_digest_page_runs_no_script_and_renders_a_screenshot(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "data-pwned" not in dom
    assert "&lt;script&gt;document.documentElement.dataset.pwned" in dom
    shot = tmp_path / "digest.png"
    chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000
