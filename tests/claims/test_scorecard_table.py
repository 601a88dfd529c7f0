"""One style for every verdict table (analysis/claims/verdict_table.py): the chapters' tables
and the verdict page's scorecard are drawn by the same renderer, in full, with links."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.claims import apps as claims_apps
from analysis.claims import infrastructure as claims_infrastructure
from analysis.claims import models as claims_models
from analysis.claims import scorecard, verdict_table

LONG = "A reason long enough that a table would once have cut it short " * 4
CLAIMS = pd.DataFrame(
    {
        "claim_id": ["a16z-05", "teng-01"],
        "essay": ["a16z", "teng"],
        "layer": ["infrastructure", "models"],
        "quote": ["Infrastructure vendors are likely the biggest winners", "over 50%"],
        "claim": ["Infrastructure takes most dollars", "A few closed firms take >50%"],
        "proxy": pd.array([pd.NA, "top-3 share"], dtype="string"),
        "proxy_reason": pd.array([pd.NA, "no census"], dtype="string"),
    }
)
VERDICTS = pd.DataFrame(
    {
        "claim_id": ["a16z-05", "teng-01"],
        "verdict": ["held", "failed"],
        "evidence": ["infrastructure 88% of revenue", ""],
        "figure_id": ["fig-infrastructure-layers", ""],
        "reasoning": [LONG, "49% at most"],
        "sources": ["", ""],
    }
)


def _card() -> pd.DataFrame:
    card = scorecard.combine(CLAIMS.assign(kind="figure"), VERDICTS.copy())
    return card.assign(
        robustness=["robust", "fragile"],
        grade=["primary", "aggregator"],
        grade_basis=["rows", "dataset"],
        checked=["2026-12-04", "2026-11-23"],
    )


def _cells(html: str, claim_id: str) -> list[str]:
    row = re.search(rf'<tr [^>]*id="claim-{claim_id}">(.*?)</tr>', html).group(1)
    return [re.sub(r"<[^>]+>", " ", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_every_chapter_table_is_the_one_renderer():
    drawn = {
        m.display_table(VERDICTS, CLAIMS)._repr_html_()
        for m in (claims_apps, claims_models, claims_infrastructure)
    }
    # the same rows give the same table, but for the caption naming the layer
    assert len({re.sub(r"<caption>.*?</caption>", "", h) for h in drawn}) == 1
    card_table = scorecard.scorecard_html(_card(), "../data/scorecard.csv")
    for h in (*drawn, card_table):
        assert 'class="table gai-verdicts"' in h and 'class="gai-table-scroll"' in h
        heads = re.findall(r'<th scope="col">(?:<button[^>]*>)?([^<]*)', h)
        assert heads == list(verdict_table.HEADERS)  # no DataFrame index header


def test_text_is_whole_and_figure_ids_are_links():
    html = claims_infrastructure.display_table(VERDICTS, CLAIMS)._repr_html_()
    assert LONG.strip() in html and "…" not in html
    assert (
        '<a class="gai-fig-ref" href="infrastructure.html#fig-infrastructure-layers">'
        "fig-infrastructure-layers</a>"
    ) in html
    claim, verdict, evidence, _, why = _cells(html, "a16z-05")
    assert "a16z-05" in claim and "Infrastructure takes most dollars" in claim
    assert "held" in verdict and "88% of revenue" in evidence and LONG.strip() in why


def test_scorecard_shows_robustness_grade_and_checked_date():
    html = scorecard.scorecard_html(_card(), "../data/scorecard.csv")
    _, verdict, evidence, grade, why = _cells(html, "teng-01")
    assert "failed" in verdict and "fragile" in verdict
    assert "aggregator (dataset)" in grade and "checked 2026-11-23" in grade
    assert evidence.strip() == ""
    assert "Proxy:" in why and "top-3 share (no census)" in why
    _, verdict, _, grade, why = _cells(html, "a16z-05")
    assert "robust" in verdict and grade.startswith("primary") and "2026-12-04" in grade
    assert "Proxy" not in why and "&lt;NA&gt;" not in html
    # the verdict page's filters read each row's data attributes
    assert 'data-essay="teng" data-layer="models" data-verdict="failed"' in html
    assert 'data-robustness="fragile"' in html


def test_the_frame_behind_a_chapter_table_is_indexed_by_claim():
    shown = claims_models.display_table(VERDICTS, CLAIMS)
    assert shown.frame.loc["teng-01", "verdict"] == "failed"
    assert shown.frame.loc["teng-01", "quote"] == "over 50%"  # taken from the claims


def test_scorecard_rows_keep_their_own_wording():
    card = _card()
    card.loc[card["claim_id"] == "a16z-05", "claim"] = "as scored"
    html = verdict_table.display_table(card, CLAIMS)._repr_html_()
    assert "as scored" in html and "Infrastructure takes most dollars" not in html


def test_a_figure_id_of_no_chapter_is_refused():
    rows = VERDICTS.assign(figure_id=["figure-9", ""])
    with pytest.raises(ValueError, match="figure-9"):
        verdict_table.table_html(verdict_table.with_wording(rows, CLAIMS), "t")
