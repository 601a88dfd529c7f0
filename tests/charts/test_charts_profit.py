"""Charts of the profit-pools chapter: sliders bound in the spec, hollow gross-basis points,
no series carried past its last figure, titles computed from the data."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts import profit_gap as pg
from analysis.charts import profit_pools as cp
from analysis.data import datasets
from analysis.infrastructure import capex_gap, profit_inputs


@pytest.fixture(scope="module")
def x():
    return profit_inputs.profit_inputs(datasets.load)


def _params(spec: dict) -> dict:
    found = {p["name"]: p for p in spec.get("params", [])}
    for layer in spec.get("layer", []):
        found.update({p["name"]: p for p in layer.get("params", [])})
    return found


def test_gap_chart_binds_two_sliders_and_a_life_menu(x):
    frame = pg.gap_frame(x["gap_base"], x["gap_table"])
    spec = pg.gap_chart(frame, x["sequoia"], 2.0, 2.0, 3).to_dict()
    params = _params(spec)
    assert params["gap_dc_multiplier"]["bind"]["input"] == "range"
    assert params["gap_margin_multiplier"]["bind"]["input"] == "range"
    assert params["gap_life"]["bind"]["input"] == "select"
    assert params["gap_life"]["bind"]["options"] == list(capex_gap.GAP_LIVES)
    assert params["gap_life"]["value"] == 3
    text = str(spec)
    # required revenue is recomputed in the browser from the params, not baked in
    assert "datum.gpu_base_usd_bn * gap_dc_multiplier * gap_margin_multiplier" in text
    assert frame.loc[frame["series"] == pg.REQUIRED, "value_usd_bn"].isna().all()


def test_gap_frame_traces_stop_where_the_data_stop(x):
    frame = pg.gap_frame(x["gap_base"], x["gap_table"])
    traced = frame[frame["series"] == pg.TRACED]
    assert traced["value_usd_bn"].notna().all() and (traced["value_usd_bn"] > 0).all()
    last_table = x["gap_table"]["period_end"].max().strftime("%Y-%m-%d")
    assert traced["period_end"].max() <= last_table


def test_depreciation_base_by_hand():
    q = pd.DataFrame(
        {
            "period_end": pd.date_range("2024-03-31", periods=5, freq="QE"),
            "data_center_revenue_usd_m": [1000.0, 2000.0, 3000.0, 4000.0, 5000.0],
        }
    )
    b = capex_gap.depreciation_base(q, lives=(1, 3)).set_index(["period_end", "life_years"])
    last = q["period_end"].iloc[-1]
    assert b.loc[(last, 1), "gpu_base_usd_bn"] == pytest.approx(20.0)  # 5 bn x 4
    # 3-year life: the last 12 quarters (5 in the data, 15 bn) / 3 = 5 bn, a lower bound
    assert b.loc[(last, 3), "gpu_base_usd_bn"] == pytest.approx(5.0)
    assert not b.loc[(last, 3), "complete"] and b.loc[(last, 3), "in_window"] == 5


def test_race_chart_draws_gross_hollow_and_net_as_squares(x):
    frame = pg.race_frame(x["race_points"], x["race_series"])
    spec = pg.race_chart(frame).to_dict()
    points = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    hollow = [p for p in points if p["mark"]["filled"] is False]
    filled = [p for p in points if p["mark"]["filled"] is True]
    assert len(hollow) == len(filled) == 1
    # the hollow layer shows only gross-basis points, the filled one only the others
    assert hollow[0]["encoding"]["opacity"]["condition"]["test"] == "datum.accounting === 'gross'"
    assert filled[0]["encoding"]["opacity"]["condition"]["test"] == "datum.accounting !== 'gross'"
    shape = filled[0]["encoding"]["shape"]["scale"]
    shapes = dict(zip(shape["domain"], shape["range"], strict=True))
    assert shapes[pg.ACCOUNTING_LABELS["net"]] == "square"
    assert (frame["accounting"] == "gross").any() and (frame["accounting"] == "net").any()


def test_gap_chart_lower_bounds_are_hollow(x):
    frame = pg.gap_frame(x["gap_base"], x["gap_table"])
    spec = pg.gap_chart(frame, x["sequoia"]).to_dict()
    points = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    hollow = [p for p in points if p["mark"].get("filled") is False]
    assert hollow[0]["encoding"]["opacity"]["condition"]["test"] == "!datum.complete"
    assert not frame.loc[frame["series"] == pg.REQUIRED, "complete"].all()


def test_race_lines_stop_at_each_company_last_point(x):
    frame = pg.race_frame(x["race_points"], x["race_series"])
    lines = frame[frame["kind"] == "line"]
    assert (lines["accounting"] != "net").all()  # a change of basis is never joined
    for company, g in lines.groupby("company"):
        labelled = g[g["end_label"] != ""]
        assert len(labelled) == 1, company
        assert labelled["date"].iloc[0] == g["date"].max()
        assert "data through" in labelled["end_label"].iloc[0]


def test_pool_frame_two_views_shares_and_altimeter(x):
    frame = cp.pool_frame(x["layer_years"], x["value_added"], x["altimeter"], 2026)
    assert set(frame["view"]) == {cp.VIEW_A, cp.VIEW_B}
    sums = frame.groupby(["view", "row"])["share"].sum()
    assert sums.dropna().between(1 - 1e-9, 1 + 1e-9).all()
    assert "2026 annualised: gross profit" in set(frame["row"])
    assert any(r.startswith("Altimeter 2026") for r in frame["row"])
    spec = cp.pool_chart(frame).to_dict()
    assert len(spec["hconcat"]) == 2


def test_ladder_lines_end_at_the_last_figure(x):
    frame = cp.ladder_frame(x["ladder"])
    for series, g in frame.groupby("series"):
        labelled = g[g["end_label"] != ""]
        assert list(labelled["date"]) == [g["date"].max()], series


def test_titles_are_computed_from_the_data(x):
    assert pg.gap_title(x["gap_now"]).startswith("Traced AI revenue covers ")
    leader = dict(x["leader"], leader="Lab A", other="Lab B", leader_usd_bn=3.0, other_usd_bn=2.0)
    assert (
        pg.race_title(leader)
        == "Lab A's latest run-rate, $3.00 billion, is above Lab B's $2.00 billion"
    )
    assert cp.pool_title({2023: 0.9, 2026: 0.5}, 2023, 2026) == (
        "Semiconductors took 90% of the traced gross profit in 2023 and 50% in 2026 (annualised)"
    )


@pytest.mark.parametrize(
    ("values", "gap", "expected"),
    [
        ([0.5, 0.1], 0.1, [0.5, 0.1]),  # far apart: left where they are
        ([0.50, 0.48], 0.1, [0.50, 0.40]),  # the lower one pushed down
        ([0.0, 0.02], 0.1, [0.0, 0.1]),  # at the floor: the upper one pushed up
        ([1.0, 0.99, 0.98], 0.1, [0.9, 0.8, 0.7]),  # two passes: the ceiling holds, order kept
    ],
)
def test_spread_labels_by_hand(values, gap, expected):
    low, high = (0.0, 0.9) if max(values) == 1.0 else (0.0, 1.0)
    assert cp.spread_labels(values, gap, low, high) == pytest.approx(expected)


def test_spread_labels_keep_order_and_gap_on_many_points():
    values = [0.75, 0.74, 0.73, 0.70, 0.68, 0.53, 0.46, 0.42, 0.40, 0.38, 0.33, -0.23]
    got = cp.spread_labels(values, 0.05, -1.0, 0.8)
    ranked = [got[i] for i in sorted(range(len(values)), key=lambda i: -values[i])]
    assert all(a - b >= 0.05 - 1e-12 for a, b in zip(ranked, ranked[1:], strict=False))
    assert all(-1.0 <= y <= 0.8 for y in got)
    with pytest.raises(ValueError, match="do not fit"):
        cp.spread_labels(values, 0.5, 0.0, 1.0)


def test_ladder_labels_never_collide_and_say_where_data_end(x):
    frame = cp.ladder_frame(x["ladder"])
    ends = frame[frame["end_label"] != ""]
    low, high = cp.ladder_domain(frame["value"])
    gap_px = cp.LADDER_HEIGHT / (high - low) * ends["label_y"].sort_values().diff().dropna()
    assert (gap_px >= cp.LABEL_GAP_PX - 1e-6).all()
    nvidia = ends[ends["series"] == "NVIDIA, gross margin"]["end_label"].iloc[0]
    assert nvidia.startswith("NVIDIA gross, to ")
    assert (ends["label_date"] > frame["date"].max()).all()  # right of every point


def test_gap_chart_draws_bain_beside_the_gap(x):
    frame = pg.gap_frame(x["gap_base"], x["gap_table"])
    spec = pg.gap_chart(frame, x["sequoia"], bain=x["bain"]).to_dict()
    text = str(spec)
    assert "Bain (Sep 2025): $2.00 trillion a year needed by 2030" in text
    note = pg.gap_note(frame, x["sequoia"], x["bain"])
    assert note.startswith("Data through: revenue required, NVIDIA quarter to ")
    assert "Bain's estimate Sep 2025" in note
    assert "far above" in pg.gap_alt(x["gap_now"], x["bain"])
    assert "below" in pg.gap_alt(dict(x["gap_now"], covered_share=1.2), x["bain"])


def test_long_titles_wrap_to_the_column_and_keep_their_citable_text(x):
    title = pg.gap_title(x["gap_now"]) + " and more words to make it long enough to wrap twice"
    chart = cp.finish_wrapped(
        pg.race_chart(pg.race_frame(x["race_points"], x["race_series"])),
        chart_id="fig-test",
        title=title,
        subtitle="short",
        alt_text="text",
        source="source",
        data_as_of="2026-12-04",
    )
    spec = chart.to_dict()
    lines = spec["title"]["text"]
    assert isinstance(lines, list) and all(len(line) <= 64 for line in lines)
    assert " ".join(lines) == title
    assert len(lines[0]) >= 40  # the PDF test finds a title by its first 40 characters
    assert spec["title"]["subtitle"] == "short"
    assert spec["usermeta"]["gai"]["title"] == title
