"""book/_ext/analysis_cache.py: a change under analysis/ re-runs every chapter."""

from __future__ import annotations

from pathlib import Path

from analysis_cache import analysis_digest

ROOT = Path(__file__).resolve().parents[1]


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "analysis" / "data").mkdir(parents=True)
    (tmp_path / "analysis" / "m.py").write_text("X = 1\n")
    (tmp_path / "analysis" / "data" / "d.csv").write_text("a,b\n1,2\n")
    return tmp_path


def test_digest_changes_with_code_and_data(tmp_path: Path):
    root = _tree(tmp_path)
    before = analysis_digest(root)
    assert analysis_digest(root) == before  # stable
    (root / "analysis" / "data" / "d.csv").write_text("a,b\n1,3\n")
    after_data = analysis_digest(root)
    assert after_data != before
    (root / "analysis" / "m.py").write_text("X = 2\n")
    assert analysis_digest(root) not in (before, after_data)


def test_digest_sees_renames_but_not_bytecode(tmp_path: Path):
    root = _tree(tmp_path)
    before = analysis_digest(root)
    (root / "analysis" / "__pycache__").mkdir()
    (root / "analysis" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\x00\x01")
    assert analysis_digest(root) == before
    (root / "analysis" / "m.py").rename(root / "analysis" / "n.py")
    assert analysis_digest(root) != before


def test_the_book_loads_the_extension():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["sphinx"]["local_extensions"]["analysis_cache"] == "book/_ext"


def test_page_inputs_digest_sees_content_and_absence(tmp_path: Path):
    from analysis_cache import changed_pages, files_digest, page_digests

    (tmp_path / "results.json").write_text("{}")
    before = page_digests(tmp_path, {"book/colophon": ["results.json"], "book/x": []})
    assert files_digest(tmp_path, ["results.json"]) == before["book/colophon"]
    assert changed_pages(before, before) == []
    (tmp_path / "results.json").write_text('{"a": 1}')
    after = page_digests(tmp_path, {"book/colophon": ["results.json"], "book/x": []})
    assert changed_pages(before, after) == ["book/colophon"]  # only the page that reads it
    (tmp_path / "results.json").unlink()
    gone = page_digests(tmp_path, {"book/colophon": ["results.json"], "book/x": []})
    assert changed_pages(after, gone) == ["book/colophon"]
    assert changed_pages({}, gone) == ["book/colophon", "book/x"]  # first build: all listed


def test_only_the_named_pages_leave_the_execution_cache(tmp_path: Path):
    import nbformat
    from analysis_cache import _drop_cached
    from jupyter_cache import get_cache

    root = tmp_path / "root"
    (root / "book").mkdir(parents=True)
    cache = tmp_path / "cache"
    store = get_cache(str(cache))
    for name in ("colophon", "apps"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"x = '{name}'")])
        path = root / "book" / f"{name}.ipynb"
        nbformat.write(nb, path)
        store.cache_notebook_file(path, check_validity=False)
    _drop_cached(cache, root, ["book/colophon"])
    left = [Path(r.uri).name for r in get_cache(str(cache)).list_cache_records()]
    assert left == ["apps.ipynb"]


def test_the_colophon_names_the_bench_results_as_its_input():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    inputs = config["sphinx"]["config"]["gai_page_inputs"]
    assert inputs["book/colophon"] == ["benchmarks/results.json"]
    assert (ROOT / "book" / "colophon.md").exists()


def _notebook(path: Path, params: str, prose: str = "Some prose.") -> None:
    path.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        f"# Page\n\n{prose}\n\n```{{code-cell}} ipython3\n:tags: [parameters]\n\n{params}\n```\n\n"
        "```{code-cell} ipython3\nprint(X)\n```\n",
        encoding="utf-8",
    )


def test_a_parameters_cell_input_changes_with_the_cell_only(tmp_path: Path):
    from analysis_cache import files_digest

    book = tmp_path / "book"
    book.mkdir()
    _notebook(book / "apps.md", "X = 1")
    inputs = ["book/apps.md#parameters"]
    before = files_digest(tmp_path, inputs)
    _notebook(book / "apps.md", "X = 1", prose="Other prose.")
    assert files_digest(tmp_path, inputs) == before  # prose: the verdict page need not re-run
    _notebook(book / "apps.md", "X = 2")
    assert files_digest(tmp_path, inputs) != before


def test_the_config_tracks_the_pages_that_read_other_chapters_parameters():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    inputs = config["sphinx"]["config"]["gai_page_inputs"]
    for page in ("book/verdict", "book/index"):
        for chapter in ("apps", "models", "infrastructure"):
            assert f"book/{chapter}.md#parameters" in inputs[page]
    assert "book/verdict.md#parameters" in inputs["book/index"]


def test_sync_pairs_rewrites_the_older_side(tmp_path: Path):
    import os

    import jupytext
    from analysis_cache import sync_pairs

    md = tmp_path / "page.md"
    _notebook(md, "X = 1")
    jupytext.write(jupytext.read(md), tmp_path / "page.ipynb", fmt="ipynb")
    assert sync_pairs(tmp_path) == []
    _notebook(md, "X = 5")
    os.utime(md, (2_000_000_000, 2_000_000_000))
    assert sync_pairs(tmp_path) == ["page.ipynb"]
    assert "X = 5" in (tmp_path / "page.ipynb").read_text()
