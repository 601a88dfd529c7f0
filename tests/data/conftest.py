"""Shared fixture of the data tests: a copy of the shipped data to break one file at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.data.datasets import DATA_DIR


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """The CSVs and sources of ``analysis/data`` copied into ``tmp_path`` (notes left out)."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.md", "notes"))
    return target
