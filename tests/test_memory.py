"""What a run keeps per page: nothing of a page's bytes once it is parsed."""

from __future__ import annotations

import gc
import io
import weakref
from pathlib import Path

from newscli.model import Article
from newscli.pipeline import PipelineOptions, process
from newscli.sources import Source, iter_sources

PAGE = (
    "<html><head><title>Council approves bridge {n}</title></head><body><article><h1>Bridge {n}</h1>"
    "<p>The city council approved the new harbor bridge on Monday after a long debate about its cost.</p>"
    "<p>The bridge will connect the old town with the port district, officials said on Tuesday.</p>"
    "</article></body></html>"
)


def test_pages_of_a_directory_let_go_of_their_bytes_once_extracted(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"p{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    sources = [s for s in iter_sources([str(tmp_path)], io.BytesIO()) if isinstance(s, Source)]
    items = list(process(sources, "extract", PipelineOptions()))
    assert [i.title for i in items if isinstance(i, Article)] == [f"Bridge {n}" for n in range(3)]
    assert [(s.data, s._head) for s in sources] == [(None, None)] * 3


def test_piped_page_keeps_its_bytes_as_they_cannot_be_read_again() -> None:
    source = Source(name="-", stream=io.BufferedReader(io.BytesIO(PAGE.format(n=1).encode())))  # type: ignore[arg-type]
    items = list(process([source], "extract", PipelineOptions()))
    assert isinstance(items[0], Article)
    assert source.data == PAGE.format(n=1).encode()


def test_a_directory_walk_holds_no_source_it_has_handed_out(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"p{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    walk = iter_sources([str(tmp_path)], io.BytesIO())
    first = next(walk)
    assert isinstance(first, Source) and first.name == str(tmp_path / "p0.html")
    handed_out = weakref.ref(first)
    del first
    assert next(walk).name == str(tmp_path / "p1.html")  # type: ignore[union-attr]
    gc.collect()
    assert handed_out() is None
