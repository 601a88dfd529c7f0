"""book/_ext/stable_build.py and the bench's whole-site comparison: identical builds."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from stable_build import stable_cell_ids, stable_styler_ids, strip_addresses

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import repro  # noqa: E402

STYLER = (
    "<style>#T_1a2b3_row0_col0 { white-space: nowrap }</style>"
    '<table id="T_1a2b3"><th id="T_1a2b3_level0_col0">A</th></table>'
)


def test_styler_ids_depend_on_page_and_order_not_on_chance():
    one, n = stable_styler_ids(STYLER, "book/apps")
    two, _ = stable_styler_ids(STYLER.replace("1a2b3", "ffee0"), "book/apps")
    assert one == two and n == 1
    assert "1a2b3" not in one and re.search(r"#T_gai[0-9a-f]{6}_row0_col0", one)
    other, _ = stable_styler_ids(STYLER, "book/models")
    assert other != one  # two pages' tables never share a name
    second, n2 = stable_styler_ids(STYLER, "book/apps", start=1)
    assert second != one and n2 == 2  # nor two tables of one page


def test_addresses_are_stripped():
    assert strip_addresses("<Foo object at 0x7f3a2b4c5d60>") == "<Foo object>"
    assert strip_addresses("colour 0x33") == "colour 0x33"


def test_cell_ids_follow_position_and_source():
    nb = {"cells": [{"id": "abc", "source": ["x = 1\n", "y"]}, {"id": "def", "source": "x = 1\ny"}]}
    a = stable_cell_ids(json.loads(json.dumps(nb)))
    b = stable_cell_ids(json.loads(json.dumps(nb).replace("abc", "zzz")))
    assert a == b
    ids = [c["id"] for c in a["cells"]]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"[0-9a-f]{8}", i) for i in ids)


def test_repro_compares_every_file(tmp_path: Path):
    for name, extra in (("a", "x"), ("b", "y")):
        html = tmp_path / name / "html"
        (html / "_static").mkdir(parents=True)
        (html / "page.html").write_text("<p>same</p>")
        (html / "_static" / "s.css").write_text(extra)
        (tmp_path / name / "jupyter_execute").mkdir()
    result = repro.compare(tmp_path / "a", tmp_path / "b")
    assert not result["identical"] and result["files_compared"] == 2
    assert result["differences"] == ["file _static/s.css: differs between the two builds"]


def test_built_site_has_no_random_ids(site: Path):
    """What made two clean builds differ: Styler uuids, notebook cell ids, addresses."""
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'<table id="T_[0-9a-f]{5}"', text), path
        assert not re.search(r" at 0x[0-9a-f]{6,}", text), path
    for path in (site / "_sources").rglob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb == stable_cell_ids(json.loads(path.read_text(encoding="utf-8"))), path


def test_licence_and_single_book_path_in_citations(site: Path):
    page = (site / "book" / "apps.html").read_text(encoding="utf-8")
    assert "/book/book/" not in page
    assert "Licence: CC BY 4.0" in page and 'rel="license"' in page
    cite = (site / "book" / "cite.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in cite and "MIT" in cite
    root = Path(__file__).resolve().parents[1]
    assert (
        "CC BY 4.0" in (root / "LICENSE").read_text()
        and "MIT License" in (root / "LICENSE").read_text()
    )
    assert "CC-BY-4.0" in (root / "CITATION.cff").read_text()
