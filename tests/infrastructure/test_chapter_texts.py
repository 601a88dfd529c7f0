"""The Infrastructure chapter's computed prose: flow_texts, data_texts and the capex year
helpers, on cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.infrastructure import capex, data_texts, flow_texts, flow_uncertainty, nvidia
from analysis.infrastructure import value_flow as vf

ESSAY = {
    "inference": (0.20, 0.30, 0.40),
    "via": (0.30, 0.70, 1.00),
    "cloud": (0.40, 0.50, 0.60),
    "hardware": (0.30, 0.45, 0.60),
}


def test_essay_texts_quotes_every_claim_and_states_the_ranges():
    quotes = {cid: f"quote of {cid}" for cid in flow_texts.QUOTED_CLAIMS}
    t = flow_texts.essay_texts(quotes, ESSAY["inference"], (0.10, 0.20))
    assert t["quote_a16z_36"] == "quote of a16z-36"
    assert len([k for k in t if k.startswith("quote_")]) == len(flow_texts.QUOTED_CLAIMS)
    assert t["essay_inference"] == "20–40%"
    assert t["essay_cloud"] == "10–20%"
    assert t["mc_interval"] == "90%"  # 95th minus 5th percentile


def test_arithmetic_texts_by_hand():
    t = flow_texts.arithmetic_texts(
        ESSAY["inference"], ESSAY["cloud"], ESSAY["hardware"], (0.10, 0.20)
    )
    # all through model providers: s x c = 0.2 x 0.5 and 0.4 x 0.5
    assert (t["all_via_lo"], t["all_via_hi"]) == ("10%", "20%")
    # none through them: the clouds get all of s
    assert (t["none_via_lo"], t["none_via_hi"]) == ("20%", "40%")
    # 0.1 = 0.2 x (1 - m/2) and 0.2 = 0.4 x (1 - m/2): m = 1 at both ends
    assert t["implied_via"] == "100%, 100%"
    assert (t["s_lo"], t["s_hi"], t["c_mid"]) == ("20%", "40%", "50%")
    assert t["all_via_match"] == ": exactly the essay's range"
    assert t["implied_reading"].startswith("the essay's figure is reproduced only when every")
    # a wider inference range: all via models gives 5-25%, not the essay's 10-20%
    wide = flow_texts.arithmetic_texts(
        (0.1, 0.3, 0.5), ESSAY["cloud"], ESSAY["hardware"], (0.1, 0.2)
    )
    assert wide["all_via_match"] == ", against the essay's 10–20%"
    assert wide["implied_reading"].startswith("the essay's figure is reproduced when that share")


def test_central_texts_by_hand():
    central = {
        "app_inference_share": 0.3,
        "via_model_share": 0.7,
        "model_cloud_share": 0.5,
        "cloud_hardware_share": 0.45,
    }
    t = flow_texts.central_texts(central)
    # apps keep 0.7; models 0.3 x 0.7 x 0.5 = 0.105; receipts 0.3 x (0.3 + 0.35) = 0.195,
    # of which hardware 0.195 x 0.45 = 0.08775 and clouds 0.10725
    assert t["central_apps"] == "70.0%"
    assert t["central_models"] == "10.5%"
    assert t["central_to_clouds"] == "19.5%"
    assert t["central_hardware"] == "8.8%"
    assert t["central_clouds"] == "10.7%"
    assert t["param_app_inference_share"] == "30%"


def _mc(to_clouds: list[float]) -> flow_uncertainty.MonteCarloResult:
    r = np.array(to_clouds)
    takes = {"apps": 1 - r, "models": 0 * r, "clouds": r / 2, "hardware": r / 2, "to_clouds": r}
    return flow_uncertainty.MonteCarloResult(
        draws={}, takes=takes, summary=flow_uncertainty.summarise(takes), n_draws=len(r), seed=0
    )


def test_monte_carlo_texts_count_draws_in_and_above_the_range():
    t = flow_texts.monte_carlo_texts(_mc([0.05, 0.15, 0.15, 0.60]), (0.10, 0.20))
    assert t["n_draws"] == "4 draws"
    assert t["mc_in_range"] == "50%"
    assert t["mc_above"] == "25%"
    assert t["mc_infra_majority"] == "25%"
    assert t["mc_to_clouds_p50"] == "15%"
    assert t["mc_majority_reading"].endswith("in only 25% of the draws.")
    assert flow_texts.majority_reading(0.0).startswith("the essay's own arithmetic cannot")
    assert flow_texts.majority_reading(0.7).endswith("in most draws.")


def test_tornado_texts_name_the_top_parameter_and_the_route_rank():
    t = flow_texts.tornado_texts(flow_uncertainty.tornado(vf.FlowAssumptions()))
    # s from 0.2 to 0.4 with m = 0.7, c = 0.5: 0.2 x 0.65 = 0.13 and 0.4 x 0.65 = 0.26
    assert t["tornado_top"] == "apps' inference share of revenue"
    assert (t["tornado_top_lo"], t["tornado_top_hi"]) == ("13%", "26%")
    assert t["tornado_via_rank"] == "2"
    assert t["tornado_via_hi"] == "15%"  # m = 1: 0.3 x 0.5


def _quarters() -> pd.DataFrame:
    rows = [  # fiscal year, quarter, end, total, Data Center (USD m)
        (2023, 3, "2022-10-30", 5931.0, 3833.0),
        (2023, 4, "2023-01-29", 6051.0, np.nan),
        (2024, 1, "2023-04-30", 7192.0, 4284.0),
        (2024, 2, "2023-07-30", 13507.0, 10323.0),
        (2024, 3, "2023-10-29", 18120.0, 14514.0),
    ]
    cols = ["fiscal_year", "fiscal_quarter", "period_end", "total_revenue_usd_m"]
    q = pd.DataFrame(rows, columns=[*cols, "data_center_revenue_usd_m"])
    q["period_end"] = pd.to_datetime(q["period_end"])
    return q


def test_nvidia_texts_by_hand():
    q = _quarters()
    growth = nvidia.nvidia_growth(q)
    cy = pd.DataFrame({"calendar_year": [2023], "data_center_revenue_usd_m": [40000.0]})
    t = data_texts.nvidia_texts(q, growth, cy)
    assert t["nv_n_quarters"] == "5"
    assert t["nv_dc_gaps"] == "The Data Center figure is missing for 1 of them (Q4 FY2023)."
    assert (t["nv_first"], t["nv_last"]) == ("Q3 FY2023", "Q3 FY2024")
    assert t["nv_dc_multiple"] == "4×"  # 14514 / 3833 = 3.79
    assert t["nv_last_dc_share"] == "80%"  # 14514 / 18120
    assert t["nv_last_yoy"] == "279%"  # 14514 / 3833 - 1
    assert t["nv_q3fy23_dc"] == "$3.83 billion"
    assert (t["nv_dc_years"], t["nv_n_dc_years"]) == ("2023", "1")
    assert t["nv_dc_2023"] == "$40.0 billion"


def test_company_years_and_full_years_keep_only_years_every_company_has():
    years = pd.DataFrame(
        {
            "company": ["A", "A", "B", "B"],
            "year": [2023, 2024, 2023, 2024],
            "year_type": ["calendar", "calendar", "calendar", "fiscal"],
            "capex_usd_bn": [10.0, 20.0, 5.0, 7.0],
        }
    )
    full = capex.full_years(years, ("A", "B"))
    assert list(full.index) == [2023]  # B's 2024 is a fiscal year
    assert full.loc[2023, "sum"] == 15.0


def test_capex_texts_by_hand():
    years = pd.DataFrame(
        {
            "company": ["Amazon", "Alphabet", "Microsoft", "Meta"],
            "year": [2022] * 4,
            "capex_usd_bn": [60.0, 30.0, 25.0, 30.0],
        }
    )
    full = pd.DataFrame({"sum": [150.0, 400.0], "size": [4, 4]}, index=[2023, 2025])
    ratio = pd.DataFrame({"calendar_year": [2024, 2025], "ratio": [0.5, 0.52]})
    t = data_texts.capex_texts(years, full, ratio, 2022, capex.BIG_THREE, 100.0)
    assert t["capex_big3_claim_year"] == "$115 billion"  # Meta not counted
    assert t["capex_holds"] == "The essay's capex figure holds"
    high = data_texts.capex_texts(years, full, ratio, 2022, capex.BIG_THREE, 200.0)
    assert high["capex_holds"] == "The essay's capex figure does not hold"
    assert (t["capex_first_full"], t["capex_last_full"]) == ("2023", "2025")
    assert (t["ratio_2024"], t["ratio_2025"], t["ratio_years"]) == ("50%", "52%", "2024 and 2025")


def _layers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "calendar_year": [2023, 2024],
            "infrastructure_share": [np.nan, 0.9],
            "models_usd_bn": [1.0, 8.0],
            "apps_usd_bn": [0.5, 2.0],
            "total_usd_bn": [np.nan, 100.0],
            "n_models": [1, 3],
            "n_apps": [1, 2],
            "n_infrastructure": [1, 3],
        }
    )


def test_layer_texts_by_hand():
    cy = pd.DataFrame({"calendar_year": [2024], "data_center_revenue_usd_m": [80000.0]})
    t = data_texts.layer_texts(_layers(), cy, 0.08)
    assert (t["layer_years"], t["layer_missing_years"]) == ("2024", "2023")
    assert t["layer_2024_infra_share"] == "90%"
    assert t["layer_2024_n"] == "3 model providers and 2 app companies"
    assert t["latest_nv_vs_rest"] == "4.0×"  # 80 / (100 - 80)
    assert t["implied_spend"] == "$1.00 trillion"  # 80 / 0.08
    assert t["n_gpu_clouds"] == "2"


def test_verdict_reading_turns_with_the_shares_and_the_model():
    layers = _layers()  # 90% in the one year with shares
    assert data_texts.verdict_reading(layers, 0.5, 0.0).startswith(
        "The essay's verdict holds in the data, but for the reason in its capital figure"
    )
    assert data_texts.verdict_reading(layers, 0.95, 0.0) == (
        "The essay's verdict does not hold in the data."
    )
    assert data_texts.verdict_reading(layers, 0.5, 0.8).endswith("as its revenue arithmetic says.")
