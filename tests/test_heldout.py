"""benchmarks/heldout.py: the held-out folders hold exactly the public pages the dev sets leave out."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def heldout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script as a module, its dev folder pointed at a small fake one under tmp_path."""
    spec = importlib.util.spec_from_file_location("heldout", ROOT / "benchmarks" / "heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dev = tmp_path / "dev"
    (dev / "aeb-dev").mkdir(parents=True)
    (dev / "aeb-dev" / "ground-truth.json").write_text(json.dumps({"dev1": {"articleBody": "x"}}))
    (dev / "traf-dev").mkdir()
    (dev / "traf-dev" / "evaldata.json").write_text(json.dumps({"hard::a.html": {"file": "a.html"}}))
    (dev / "fundus-dev").mkdir()
    (dev / "fundus-dev" / "expected.jsonl").write_text(json.dumps({"publisher": "DevPaper"}) + "\n")
    monkeypatch.setattr(module, "DEV", dev)
    return module


def _gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def test_aeb_keeps_the_pages_the_dev_set_leaves_out(heldout: ModuleType, tmp_path: Path) -> None:
    clone = tmp_path / "aeb"
    truth = {key: {"articleBody": f"body {key}", "url": f"https://x/{key}"} for key in ("dev1", "k2", "k3")}
    (clone / "html").mkdir(parents=True)
    (clone / "ground-truth.json").write_text(json.dumps(truth))
    for key in truth:
        _gz(clone / "html" / f"{key}.html.gz", f"<p>{key}</p>")
    out = tmp_path / "out" / "aeb-dev"
    assert heldout.build_aeb(clone, out) == 2
    assert sorted(json.loads((out / "ground-truth.json").read_text())) == ["k2", "k3"]
    assert sorted(p.name for p in (out / "html").iterdir()) == ["k2.html.gz", "k3.html.gz"]


def test_trafilatura_pages_are_matched_to_the_dev_set_by_file(heldout: ModuleType, tmp_path: Path) -> None:
    tests = tmp_path / "traf" / "tests"
    data = {
        f"https://site/{name}": {"file": name, "with": ["w"], "without": []}
        for name in ("a.html", "b.html", "c.html")
    }
    (tests / "eval").mkdir(parents=True)
    (tests / "cache").mkdir()
    (tests / "evaldata.json").write_text(json.dumps(data))
    (tests / "eval" / "a.html").write_text("<p>a</p>")
    (tests / "eval" / "b.html").write_text("<p>b</p>")
    (tests / "cache" / "c.html").write_text("<p>c</p>")
    out = tmp_path / "out" / "traf-dev"
    assert heldout.build_trafilatura(tmp_path / "traf", out) == 2
    assert sorted(item["file"] for item in json.loads((out / "evaldata.json").read_text()).values()) == [
        "b.html",
        "c.html",
    ]
    assert (out / "eval" / "b.html").is_file() and (out / "cache" / "c.html").is_file()


def test_fundus_takes_other_publishers_and_pairs_versions_with_files_in_date_order(
    heldout: ModuleType, tmp_path: Path
) -> None:
    root = tmp_path / "fundus" / "tests" / "resources" / "parser" / "test_data" / "xx"

    def expected(title: str) -> dict[str, object]:
        body = {
            "summary": ["Lead."],
            "sections": [{"headline": ["H"], "paragraphs": [f"{title} one.", "Two."]}],
        }
        return {"title": title, "authors": ["A B"], "publishing_date": "2024-01-02 03:04:05", "body": body}

    (root).mkdir(parents=True)
    (root / "NewPaper.json").write_text(json.dumps({"V2": expected("Second"), "V1": expected("First")}))
    _gz(root / "NewPaper_2023_01_01.html.gz", "<p>old</p>")
    _gz(root / "NewPaper_2024_01_01.html.gz", "<p>new</p>")
    (root / "DevPaper.json").write_text(json.dumps({"V1": expected("Dev")}))
    _gz(root / "DevPaper_2024_01_01.html.gz", "<p>dev</p>")
    (root / "Uneven.json").write_text(json.dumps({"V1": expected("U")}))
    _gz(root / "Uneven_2024_01_01.html.gz", "<p>u1</p>")
    _gz(root / "Uneven_2024_02_01.html.gz", "<p>u2</p>")
    (root / "meta.info").write_text(json.dumps({"NewPaper_2023_01_01.html.gz": {"url": "https://new/1"}}))
    out = tmp_path / "out" / "fundus-dev"
    assert heldout.build_fundus(tmp_path / "fundus", out) == 2
    records = [json.loads(line) for line in (out / "expected.jsonl").read_text().splitlines()]
    assert [(r["id"], r["version"], r["title"], r["url"]) for r in records] == [
        ("xx/NewPaper_2023_01_01", "V1", "First", "https://new/1"),
        ("xx/NewPaper_2024_01_01", "V2", "Second", None),
    ]
    assert records[0]["body_paragraphs"] == ["First one.", "Two."]
    assert records[0]["body_headlines"] == ["H"] and records[0]["body_summary"] == ["Lead."]
    assert (out / "data" / "xx" / "NewPaper_2023_01_01.html").read_text() == "<p>old</p>"


def test_the_output_folder_may_not_be_inside_the_project(heldout: ModuleType) -> None:
    with pytest.raises(SystemExit) as raised:
        heldout.main(["--out", str(ROOT / "heldout")])
    assert raised.value.code == 2


def test_a_missing_clone_is_a_one_line_usage_error(heldout: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        heldout.main(["--aeb", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert raised.value.code == 2
    assert not (tmp_path / "out").exists()


def test_l3s_gold_is_the_leaf_spans_labelled_headline_full_text_or_supplemental_one_per_line(
    heldout: ModuleType,
) -> None:
    annotated = (
        "<html><body><h1><span class='x-nc-sel1'>Headline</span></h1>"
        "<div><span class='x-nc-sel0'>Menu</span></div>"
        "<p><span class='x-nc-sel2'>First part,</span> <span class='x-nc-sel2'>same block.</span></p>"
        "<p><span class='x-nc-sel3'>Caption é</span></p><p><span class='x-nc-sel4'>Related</span></p>"
        "<p><span class='x-nc-sel2'><b>not a leaf</b></span></p></body></html>"
    )
    assert heldout.l3s_gold(annotated) == "Headline \nFirst part, \nsame block. \nCaption é"


def test_l3s_pages_are_written_in_the_aeb_layout_with_their_urls(heldout: ModuleType, tmp_path: Path) -> None:
    dataset = tmp_path / "L3S-GN1"
    for sub in ("original", "annotated"):
        (dataset / sub).mkdir(parents=True)
    (dataset / "original" / "u1.html").write_text("<p>Body text</p>")
    (dataset / "annotated" / "u1.html").write_text("<p><span class='x-nc-sel2'>Body text</span></p>")
    (dataset / "url-mapping.txt").write_text("<urn:uuid:u1>\thttp://news.example/a\n")
    out = tmp_path / "out" / "l3s-gn1"
    assert heldout.build_l3s(dataset, out) == 1
    assert json.loads((out / "ground-truth.json").read_text()) == {
        "u1": {"articleBody": "Body text", "url": "http://news.example/a"}
    }
    assert gzip.decompress((out / "html" / "u1.html.gz").read_bytes()) == b"<p>Body text</p>"


def test_readability_cases_with_a_source_and_an_expected_output_are_copied(
    heldout: ModuleType, tmp_path: Path
) -> None:
    pages = tmp_path / "readability" / "test" / "test-pages"
    for case, files in {"news-1": ("source.html", "expected.html"), "half": ("source.html",)}.items():
        (pages / case).mkdir(parents=True)
        for name in files:
            (pages / case / name).write_text(f"<p>{case} {name}</p>")
    out = tmp_path / "out" / "readability"
    assert heldout.build_readability(tmp_path / "readability", out) == 1
    assert sorted(p.name for p in (out / "news-1").iterdir()) == ["expected.html", "source.html"]
    assert not (out / "half").exists()
