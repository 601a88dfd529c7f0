"""Re-running a page with other values, as the README says (papermill ``-p`` and ``-y``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAPERMILL = Path(sys.executable).with_name("papermill")
pytestmark = pytest.mark.skipif(not PAPERMILL.exists(), reason="papermill not installed")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    out = tmp_path / "out.ipynb"
    cmd = [str(PAPERMILL), str(ROOT / "book" / "verdict.ipynb"), str(out), *args]
    return subprocess.run(
        [*cmd, "--cwd", str(ROOT / "book")], capture_output=True, text=True, timeout=600
    )


def test_the_readme_forms_reach_the_verdicts(tmp_path: Path):
    done = _run(tmp_path, "-p", "SENSITIVITY_BAND", "0.1", "-y", "ABOUT_TOLERANCE: 0.2")
    assert done.returncode == 0, done.stderr[-2000:]
    text = json.dumps(json.loads((tmp_path / "out.ipynb").read_text()))
    assert "within 20% of X" in text and "moved by 10%" in text


def test_a_bad_value_names_the_parameter_and_its_range(tmp_path: Path):
    done = _run(tmp_path, "-p", "ABOUT_TOLERANCE", "-0.1")
    assert done.returncode != 0
    text = (tmp_path / "out.ipynb").read_text()
    assert "ABOUT_TOLERANCE" in text and "[0, 0.5]" in text


def test_the_readme_lists_the_pages_with_a_parameters_cell():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("apps", "models", "infrastructure", "verdict"):
        assert f"`book/{page}.md`" in readme
    assert "-y" in readme
