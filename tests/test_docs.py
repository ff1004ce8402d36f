"""The docs: command pages generated from the app and current, every page in the site's nav, the site
builds strictly, and the README starts with the set-up and test commands and stays short."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from newscli.cli import COMMANDS
from newscli.cli_docs import render_pages, stale_pages
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def nav_pages(nav: list[Any]) -> list[str]:
    """Every page file named in a MkDocs nav, depth first."""
    pages: list[str] = []
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_command_pages_are_what_the_command_line_gives() -> None:
    assert stale_pages() == [], "run: python -m newscli.cli_docs"


def test_command_pages_hold_each_commands_options_and_examples() -> None:
    pages = render_pages()
    assert sorted(pages) == sorted([*(f"{name}.md" for name in COMMANDS), "index.md"])
    export = pages["export.md"]
    assert (
        "| `-t, --to FORMAT` | Output format: jsonl, json, csv, tsv, markdown, html, txt, sqlite, parquet"
        in export
    )
    assert (
        export.index("### Input and output") < export.index("### Summarizing") < export.index("### Options")
    )
    assert "newscli export articles.jsonl -o news.db" in export
    assert "[`newscli run`](run.md)" in pages["index.md"]


def test_every_docs_page_is_in_the_site_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = nav_pages(config["nav"])
    on_disk = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))
    assert sorted(listed) == on_disk
    assert len(listed) == len(set(listed))


def test_site_builds_in_strict_mode(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        capture_output=True, cwd=ROOT, timeout=300, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    reliability = (tmp_path / "site" / "RELIABILITY" / "index.html").read_text(encoding="utf-8")
    assert "| case | hostile input |" not in reliability and "<th>hostile input</th>" in reliability


def test_readme_starts_with_the_setup_and_test_commands_and_stays_short() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None and readme.index("```sh") < readme.index("\n## ")
    assert first_block.group(1).splitlines() == [
        "bash .ci/install && .venv/bin/newscli run samples/ --to markdown -o out/ --overwrite",
        "bash .ci/run",
    ]


def test_ci_installs_into_a_virtual_environment_and_builds_the_docs_strictly() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = (ROOT / ".ci" / "install").read_text(encoding="utf-8")
    assert "bash .ci/install test,parquet,dask,docs" in run
    assert "python3 -m venv .venv" in install and "python3-venv" in install
    assert "pip install" not in run  # everything goes through .ci/install into .venv
    assert "mkdocs build --strict" in run and "--quiet" not in run.split("mkdocs build")[1].split("#")[0]
    assert ".venv/bin/python -m newscli.cli_docs --check" in run
