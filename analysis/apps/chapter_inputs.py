"""The datasets the Apps chapter reads, loaded once and deduplicated by provenance.

``load`` is :func:`analysis.data.datasets.load` (or a stand-in reading another
directory); this module reads no file itself. Frames keep the datasets' units:
prices in USD per million tokens, revenue and funding in USD millions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd

from analysis.data import provenance

Loader = Callable[[str], pd.DataFrame]


class AppsInputs(NamedTuple):
    """The chapter's frames, in the order the chapter unpacks them."""

    sources: pd.DataFrame
    claims: pd.DataFrame
    prices: pd.DataFrame
    quality: pd.DataFrame
    models: pd.DataFrame
    revenue: pd.DataFrame
    funding: pd.DataFrame


def load_inputs(load: Loader) -> AppsInputs:
    """Every dataset the chapter uses; where sources disagree on one key, the preferred row.

    ``api_prices`` is keyed by ``provider, model, effective_date``,
    ``model_quality`` by ``model, benchmark`` and ``revenue_points`` by
    ``company, date, metric`` (:func:`analysis.data.provenance.pick_preferred`).
    """
    sources = load("sources")

    def preferred(name: str, key: list[str]) -> pd.DataFrame:
        return provenance.pick_preferred(load(name), key, sources)

    return AppsInputs(
        sources=sources,
        claims=load("seed_claims"),
        prices=preferred("api_prices", ["provider", "model", "effective_date"]),
        quality=preferred("model_quality", ["model", "benchmark"]),
        models=load("models"),
        revenue=preferred("revenue_points", ["company", "date", "metric"]),
        funding=load("funding_rounds"),
    )
