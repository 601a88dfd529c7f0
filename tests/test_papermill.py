"""Re-running a page with other values, as the README says (papermill ``-p`` and ``-y``)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAPERMILL = Path(sys.executable).with_name("papermill")
pytestmark = pytest.mark.skipif(not PAPERMILL.exists(), reason="papermill not installed")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _run(tmp_path: Path, page: str, *args: str) -> subprocess.CompletedProcess:
    out = tmp_path / "out.ipynb"
    cmd = [str(PAPERMILL), str(ROOT / "book" / f"{page}.ipynb"), str(out), *args]
    return subprocess.run(
        [*cmd, "--cwd", str(ROOT / "book")], capture_output=True, text=True, timeout=600
    )


def readme_commands() -> list[list[str]]:
    """The README's papermill commands, as argument lists (continuations joined)."""
    text = README.replace("\\\n", " ")
    return [
        shlex.split(line, comments=True) for line in re.findall(r"^\S*/papermill .*$", text, re.M)
    ]


def test_the_readme_shows_a_scalar_and_a_tuple_form():
    commands = readme_commands()
    assert len(commands) == 2
    assert "-p" in commands[0] and "-y" in commands[0]
    assert any(a.startswith("VIA_MODEL_SHARE: [") for a in commands[1])


@pytest.mark.parametrize("n", [0, 1])
def test_each_readme_command_runs_and_reaches_the_page(tmp_path: Path, n: int):
    cmd = readme_commands()[n]
    page = Path(cmd[1]).stem
    args = [a for a in cmd[3:] if a not in ("--cwd", "book")]
    done = _run(tmp_path, page, *args)
    assert done.returncode == 0, done.stderr[-2000:]
    nb = json.loads((tmp_path / "out.ipynb").read_text())
    injected = next(
        c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    )
    source = "".join(injected["source"])
    if page == "verdict":
        assert "SENSITIVITY_BAND = 0.1" in source and "ABOUT_TOLERANCE = 0.2" in source
        text = json.dumps(nb)
        assert "within 20% of X" in text and "moved by 10%" in text  # the verdicts used them
    else:
        assert "VIA_MODEL_SHARE = [0.5, 0.8, 1.0]" in source


def test_a_bad_value_names_the_parameter_and_its_range(tmp_path: Path):
    done = _run(tmp_path, "verdict", "-p", "ABOUT_TOLERANCE", "-0.1")
    assert done.returncode != 0
    text = (tmp_path / "out.ipynb").read_text()
    assert "ABOUT_TOLERANCE" in text and "[0, 0.5]" in text


def test_a_tuple_given_with_p_says_to_use_y(tmp_path: Path):
    done = _run(tmp_path, "infrastructure", "-p", "VIA_MODEL_SHARE", "(0.5, 0.8, 1.0)")
    assert done.returncode != 0
    text = (tmp_path / "out.ipynb").read_text()
    assert "VIA_MODEL_SHARE" in text and "-y" in text


def test_the_readme_lists_the_pages_with_a_parameters_cell():
    pages = sorted(
        p.stem
        for p in (ROOT / "book").glob("*.md")
        if ":tags: [parameters" in p.read_text(encoding="utf-8")
    )
    assert len(pages) >= 5
    section = README.split("## Re-run a chapter with other assumptions")[1].split("\n## ")[0]
    for page in pages:
        assert f"`book/{page}.md`" in section, page
    listed = set(re.findall(r"`book/([\w-]+)\.md`", section.split("To change one")[0]))
    assert listed == set(pages)  # and no page without one
