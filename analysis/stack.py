"""The stack as the essays drew it in 2023: who is named in which layer.

Pure functions over the ``vendors_by_layer`` and ``seed_claims`` datasets.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.schemas import LAYERS


def companies_by_sub_category(vendors: pd.DataFrame) -> pd.DataFrame:
    """One row per (layer, sub_category): distinct companies named, by either essay.

    Columns: ``layer``, ``sub_category``, ``companies`` (count of distinct
    companies), ``names`` (comma-separated, sorted), ``essays`` ("a16z",
    "teng" or "a16z, teng"). Ordered by layer (apps, models, infrastructure)
    then by count, descending.
    """
    if vendors.empty:
        raise ValueError("vendors table is empty")
    grouped = vendors.groupby(["layer", "sub_category"], sort=False)
    table = grouped.agg(
        companies=("company", "nunique"),
        names=("company", lambda s: ", ".join(sorted(set(s)))),
        essays=("essay", lambda s: ", ".join(sorted(set(s)))),
    ).reset_index()
    table["layer_order"] = table["layer"].map({layer: i for i, layer in enumerate(LAYERS)})
    table = table.sort_values(
        ["layer_order", "companies", "sub_category"], ascending=[True, False, True]
    )
    return table.drop(columns="layer_order").reset_index(drop=True)


def companies_per_layer(vendors: pd.DataFrame) -> pd.Series:
    """Distinct companies named per layer (a company in two layers counts in both)."""
    counts = vendors.groupby("layer")["company"].nunique()
    return counts.reindex(list(LAYERS), fill_value=0)


def claims_by_essay_and_kind(claims: pd.DataFrame) -> pd.DataFrame:
    """Count of seed claims by essay (rows) and kind (columns), with totals."""
    table = pd.crosstab(claims["essay"], claims["kind"], margins=True, margins_name="total")
    return table
