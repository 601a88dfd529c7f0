"""book/_ext/analysis_cache.py: a change under analysis/ re-runs every chapter."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

from analysis_cache import analysis_digest  # noqa: E402


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
