"""The scorecard over the shipped data, and a data change flipping a verdict."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from analysis.claims import scorecard
from analysis.claims.pipeline import build_scorecard, infrastructure_verdicts
from analysis.data import datasets
from analysis.data.chapter_params import chapter_params

HEADER = (
    "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
    "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
)


@pytest.fixture(scope="module")
def card():
    return build_scorecard(datasets.load)


def test_every_claim_has_exactly_one_verdict(card):
    claims = datasets.load("seed_claims")
    assert sorted(card["claim_id"]) == sorted(claims["claim_id"])
    assert set(card["verdict"]) <= set(scorecard.VERDICTS)
    assert card["reasoning"].str.strip().str.len().min() > 0


def test_every_figure_link_names_a_chapter(card):
    for fid in card["figure_id"].dropna():
        if fid:
            assert scorecard.figure_href(fid).endswith(f"#{fid}")


def test_changing_nvidia_q3_fy2023_flips_the_38bn_verdict(tmp_path: Path):
    # a16z-46: "Nvidia's data-center revenue was about $3.8B in Q3 FY2023".
    data = tmp_path / "data"
    shutil.copytree(datasets.DATA_DIR, data, ignore=shutil.ignore_patterns("notes", "*.md"))
    load = functools.partial(datasets.load, data_dir=data)
    before = infrastructure_verdicts(load).set_index("claim_id").loc["a16z-46", "verdict"]
    path = data / "nvidia_quarterly.csv"
    text = path.read_text(encoding="utf-8")
    assert ",3830," in text
    path.write_text(text.replace(",3830,", ",4500,"), encoding="utf-8")
    after = infrastructure_verdicts(load).set_index("claim_id").loc["a16z-46", "verdict"]
    assert (before, after) == ("held", "failed")


def test_chapter_params_reads_literals_and_unpacks_tuples(tmp_path: Path):
    (tmp_path / "demo.md").write_text(
        HEADER + "```{code-cell} ipython3\n:tags: [parameters]\n\n"
        "A = 1.5  # a share\n(B, C) = (2, 'x')\nD = {'k': (1, 2)}\n```\n",
        encoding="utf-8",
    )
    assert chapter_params("demo", tmp_path) == {"A": 1.5, "B": 2, "C": "x", "D": {"k": (1, 2)}}


def test_chapter_params_refuses_code(tmp_path: Path):
    (tmp_path / "bad.md").write_text(
        HEADER + "```{code-cell} ipython3\n:tags: [parameters]\n\nA = max(1, 2)\n```\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not a literal"):
        chapter_params("bad", tmp_path)
