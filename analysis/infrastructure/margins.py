"""The margin ladder: each layer's margin over time, on the basis each reports.

Chips: NVIDIA's gross margin (and AMD's, company-wide). Clouds: segment
*operating* margins (AWS, Google Cloud, Microsoft Intelligent Cloud), since
none reports a segment gross margin but Microsoft's Intelligent Cloud (whose
cost of revenue is stated, so its gross margin is shown too). Labs: gross and
compute margins from internal documents. Apps: gross margins where stated.
Margins are fractions (may be negative).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns

CLOUD_SEGMENTS = (
    ("Amazon", "AWS"),
    ("Alphabet", "Google Cloud"),
    ("Microsoft", "Intelligent Cloud"),
)
CHIP_LINES = (("NVIDIA", "total"), ("AMD", "total"))


def _financial_margins(fin: pd.DataFrame, company: str, segment: str) -> pd.DataFrame:
    g = fin[(fin["company"] == company) & (fin["segment"] == segment)]
    wide = g.pivot_table(
        index=["period_type", "period", "period_end"],
        columns="metric",
        values="value",
        aggfunc="first",
    ).reset_index()
    rows = []
    for _, r in wide.iterrows():
        rev = r.get("revenue", np.nan)
        gp = r.get("gross_profit", np.nan)
        if pd.isna(gp) and pd.notna(r.get("cost_of_revenue", np.nan)):
            gp = rev - r["cost_of_revenue"]
        gm = gp / rev if pd.notna(gp) and rev else r.get("gross_margin", np.nan) / 100
        om = r.get("operating_income", np.nan) / rev if pd.notna(rev) and rev else np.nan
        for measure, value in (("gross_margin", gm), ("operating_margin", om)):
            if pd.notna(value):
                rows.append(
                    {
                        "date": pd.Timestamp(r["period_end"]),
                        "period": r["period"],
                        "period_type": r["period_type"],
                        "measure": measure,
                        "value": float(value),
                    }
                )
    out = pd.DataFrame(rows, columns=["date", "period", "period_type", "measure", "value"])
    out["company"] = f"{company}" if segment == "total" else f"{company} {segment}"
    return out


def margin_ladder(
    financials: pd.DataFrame, economics: pd.DataFrame, quarters_only: bool = True
) -> pd.DataFrame:
    """Long table: ``date, company, layer, measure, value, period, basis``.

    ``financials`` deduped per (company, segment, period_type, period,
    metric). With ``quarters_only`` financial margins come from quarters
    (years are drawn as quarters would double the points); a company with no
    quarter keeps its years. Labs' and apps' margins come from
    ``ai_economics`` (``gross_margin`` and ``compute_margin``), dated as stored.
    """
    require_columns(
        financials, ["company", "segment", "metric", "value", "period_end"], "company_financials"
    )
    parts = []
    for layer, lines, keep in (
        ("semiconductors", CHIP_LINES, ("gross_margin",)),
        ("cloud", CLOUD_SEGMENTS, ("operating_margin", "gross_margin")),
    ):
        for company, segment in lines:
            m = _financial_margins(financials, company, segment)
            m = m[m["measure"].isin(keep)]
            if quarters_only and m["period_type"].str.endswith("quarter").any():
                m = m[m["period_type"].str.endswith("quarter")]
            m["layer"], m["basis"] = layer, "reported"
            parts.append(m)
    e = economics[economics["metric"].isin(["gross_margin", "compute_margin"])]
    parts.append(
        pd.DataFrame(
            {
                "date": pd.to_datetime(e["date"]),
                "period": e["period"],
                "period_type": "",
                "measure": e["metric"],
                "value": e["value"].astype(float),
                "company": e["company"],
                "layer": e["layer"],
                "basis": e["basis"],
            }
        )
    )
    out = pd.concat(parts, ignore_index=True)
    cols = ["date", "company", "layer", "measure", "value", "period", "basis"]
    return out[cols].sort_values(["layer", "company", "measure", "date"]).reset_index(drop=True)


def latest_by_layer(ladder: pd.DataFrame) -> pd.DataFrame:
    """Each (company, measure)'s latest margin: the ladder's right-hand end."""
    return ladder.sort_values("date").groupby(["company", "measure"]).tail(1).reset_index(drop=True)
