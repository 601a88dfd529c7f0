"""Which funding rounds count, and how much had a company raised by a date?

Input is the ``funding_rounds`` dataset (DATA_SPEC.md), money in USD millions
(``_usd_m``). :func:`funded_rounds` is the one filter every funding measure
uses (rounds with an amount, tender offers left out by default);
:func:`consolidate_rounds` keeps one row per round when several sources report
it; :func:`funding_to_date` and :func:`rounds_at_least` add rounds up to a date
or by size. Concentration measures over these totals are in
:mod:`analysis.models.concentration`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data.checks import iso_dates, require_columns

DEFAULT_EXCLUDED_ROUND_TYPES: tuple[str, ...] = ("tender",)
"""Round types left out of funding totals unless the caller says otherwise."""


FUNDING_COLUMNS: tuple[str, ...] = (
    "date",
    "company",
    "layer",
    "round_type",
    "amount_usd_m",
)


def funded_rounds(
    rounds: pd.DataFrame,
    *,
    layer: str | None,
    exclude_round_types: Sequence[str],
    extra_columns: Sequence[str] = (),
) -> pd.DataFrame:
    """Rounds that add money: checked, filtered, with parsed dates."""
    require_columns(rounds, [*FUNDING_COLUMNS, *extra_columns], "funding_rounds")
    df = rounds.loc[:, [*FUNDING_COLUMNS, *extra_columns]].copy()
    df["date"] = iso_dates(df["date"], "funding_rounds.date")
    amount = pd.to_numeric(df["amount_usd_m"], errors="coerce")
    bad = amount.isna() & df["amount_usd_m"].notna()
    if bad.any():
        raise ValueError(
            f"funding_rounds.amount_usd_m: not a number in row(s) {list(df.index[bad])}"
        )
    if (amount < 0).any():
        rows = list(df.index[amount < 0])
        raise ValueError(f"funding_rounds.amount_usd_m: negative amount in row(s) {rows}")
    df["amount_usd_m"] = amount.astype(float)
    df = df[df["amount_usd_m"].notna()]
    df = df[~df["round_type"].isin(list(exclude_round_types))]
    if layer is not None:
        present = sorted(set(rounds["layer"].dropna()))
        df = df[df["layer"] == layer]
        if df.empty:
            raise ValueError(
                f"no funding rounds with an amount for layer {layer!r}; layers present: {present}"
            )
    if df.empty:
        raise ValueError("no funding rounds with an amount to count")
    return df


CONSOLIDATED_EXTRA_COLUMNS: tuple[str, ...] = (
    "round_id",
    "n_sources",
    "amount_source_id",
    "valuation_source_id",
    "amount_low_usd_m",
    "amount_high_usd_m",
)


def _leads(value: object) -> frozenset[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return frozenset()
    return frozenset(part.strip().lower() for part in str(value).split(";") if part.strip())


def _same_round(a: pd.Series, b: pd.Series, window_days: int) -> bool:
    """Whether rows ``a`` and ``b`` (same company and round type) report one round."""
    if a["source_id"] == b["source_id"]:
        return False  # one source listing two rows reports two deals
    if abs((b["date"] - a["date"]).days) > window_days:
        return False
    leads_a, leads_b = _leads(a.get("lead_investors")), _leads(b.get("lead_investors"))
    return not (leads_a and leads_b and not leads_a & leads_b)


def _cluster_ids(group: pd.DataFrame, window_days: int) -> list[int]:
    """Round number for each row of one (company, round_type), rows sorted by date."""
    clusters: list[list[int]] = []
    ids = []
    for pos in range(len(group)):
        row = group.iloc[pos]
        for number, members in enumerate(clusters):
            if all(_same_round(group.iloc[m], row, window_days) for m in members):
                members.append(pos)
                ids.append(number)
                break
        else:
            clusters.append([pos])
            ids.append(len(clusters) - 1)
    return ids


def consolidate_rounds(
    rounds: pd.DataFrame, sources: pd.DataFrame, *, window_days: int = 92
) -> pd.DataFrame:
    """One row per funding round, from rows in which several sources report it.

    Rows of ``funding_rounds`` report the same round when they have the same
    ``company`` and ``round_type``, their dates lie within ``window_days``
    days of every other row of the round, they come from different sources
    (one source listing two rows reports two deals, e.g. a round and its
    extension) and, when both name lead investors, they share at least one
    (Amazon's and Google's money weeks apart are two deals).

    Within a round the book's conflict rule
    (:func:`analysis.data.provenance.pick_preferred`) picks each figure
    separately: ``amount_usd_m`` from the preferred row that reports an
    amount, ``post_money_valuation_usd_m`` from the preferred row that reports
    one (a primary post without the amount does not blank the amount a
    reputable outlet gave). ``date``, ``date_precision``, ``lead_investors``,
    ``open_weights`` and ``source_id`` come from the preferred row overall.
    Added columns: ``round_id`` (``company|round_type|n``), ``n_sources``,
    ``amount_source_id``, ``valuation_source_id`` and the spread of the
    reported amounts, ``amount_low_usd_m`` / ``amount_high_usd_m`` (USD m).
    Output sorted by date, company.
    """
    from analysis.data.provenance import pick_preferred

    if isinstance(window_days, bool) or not isinstance(window_days, (int, np.integer)):
        raise ValueError(f"window_days must be a whole number of days, got {window_days!r}")
    if window_days < 0:
        raise ValueError(f"window_days must not be negative, got {window_days}")
    require_columns(
        rounds,
        [*FUNDING_COLUMNS, "post_money_valuation_usd_m", "source_id"],
        "funding_rounds",
    )
    df = rounds.reset_index(drop=True).copy()
    df["date"] = iso_dates(df["date"], "funding_rounds.date")
    for col in ("amount_usd_m", "post_money_valuation_usd_m"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    df = df.sort_values(["company", "round_type", "date", "source_id"], kind="stable")
    df["round_id"] = ""
    for (company, round_type), group in df.groupby(["company", "round_type"], sort=False):
        numbers = _cluster_ids(group, int(window_days))
        df.loc[group.index, "round_id"] = [f"{company}|{round_type}|{n + 1}" for n in numbers]

    key = ["round_id"]
    best = pick_preferred(df, key, sources).set_index("round_id")
    with_amount = df[df["amount_usd_m"].notna()]
    amount = (
        pick_preferred(with_amount, key, sources).set_index("round_id")
        if not with_amount.empty
        else pd.DataFrame(columns=["amount_usd_m", "source_id"])
    )
    with_value = df[df["post_money_valuation_usd_m"].notna()]
    value = (
        pick_preferred(with_value, key, sources).set_index("round_id")
        if not with_value.empty
        else pd.DataFrame(columns=["post_money_valuation_usd_m", "source_id"])
    )
    spread = df.groupby("round_id")["amount_usd_m"].agg(["min", "max"])
    out = best.drop(columns=["amount_usd_m", "post_money_valuation_usd_m"])
    out["amount_usd_m"] = amount["amount_usd_m"].reindex(out.index).astype(float)
    out["post_money_valuation_usd_m"] = (
        value["post_money_valuation_usd_m"].reindex(out.index).astype(float)
    )
    out["amount_source_id"] = amount["source_id"].reindex(out.index)
    out["valuation_source_id"] = value["source_id"].reindex(out.index)
    out["amount_low_usd_m"] = spread["min"].reindex(out.index)
    out["amount_high_usd_m"] = spread["max"].reindex(out.index)
    out = out.reset_index()
    columns = [c for c in rounds.columns if c in out.columns]
    columns += [c for c in CONSOLIDATED_EXTRA_COLUMNS if c not in columns]
    out = out[columns].sort_values(["date", "company", "round_id"], kind="stable")
    return out.reset_index(drop=True)


def rounds_at_least(
    rounds: pd.DataFrame,
    threshold_usd_m: float,
    *,
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
) -> pd.DataFrame:
    """Rounds per calendar year and layer, and how many were ``>= threshold_usd_m``.

    Counts rounds with a reported amount (USD m), excluding
    ``exclude_round_types``. Columns ``year``, ``layer``, ``n_rounds``,
    ``n_large`` (amount >= threshold), ``large_share`` (0-1) and
    ``median_usd_m``; one row per (year, layer) that has a round.
    """
    if not np.isfinite(threshold_usd_m) or threshold_usd_m < 0:
        raise ValueError(f"threshold_usd_m must be a non-negative amount, got {threshold_usd_m}")
    df = funded_rounds(rounds, layer=None, exclude_round_types=exclude_round_types)
    df["year"] = df["date"].dt.year
    df["large"] = df["amount_usd_m"] >= threshold_usd_m
    grouped = df.groupby(["year", "layer"], sort=True)
    out = pd.DataFrame(
        {
            "n_rounds": grouped.size(),
            "n_large": grouped["large"].sum().astype(int),
            "median_usd_m": grouped["amount_usd_m"].median(),
        }
    ).reset_index()
    out["large_share"] = out["n_large"] / out["n_rounds"]
    return out[["year", "layer", "n_rounds", "n_large", "large_share", "median_usd_m"]]


PERIOD_END = {
    "day": pd.offsets.Day(0),
    "month": pd.offsets.MonthEnd(0),
    "quarter": pd.offsets.QuarterEnd(0),
    "year": pd.offsets.YearEnd(0),
}


def known_by(dates: pd.Series, precision: pd.Series) -> pd.Series:
    """The last day of each date's period: when a round dated to its month,
    quarter or year (DATA_SPEC: the period's first day) is surely past.

    ``dates`` parsed dates; ``precision`` ``day`` | ``month`` | ``quarter`` | ``year``.
    """
    bad = ~precision.isin(list(PERIOD_END))
    if bad.any():
        raise ValueError(
            f"date_precision must be one of {list(PERIOD_END)}, got {sorted(set(precision[bad]))}"
        )
    out = dates.copy()
    for name, offset in PERIOD_END.items():
        rows = precision == name
        out[rows] = dates[rows] + offset
    return out


def funding_to_date(
    rounds: pd.DataFrame,
    as_of: object,
    *,
    by: str = "company",
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
    whole_period: bool = True,
) -> pd.Series:
    """Cumulative funding (USD m) per ``by`` value from rounds dated on or before ``as_of``.

    With ``whole_period`` (default) and a ``date_precision`` column, a round
    known only to its month, quarter or year counts once that whole period
    has ended (:func:`known_by`): a round "in 2023", dated 2023-01-01, is not
    counted as raised by 9 June 2023. Sorted largest first; empty when nothing
    had been raised by then.
    """
    if by not in ("company", "layer"):
        raise ValueError(f"by must be 'company' or 'layer', got {by!r}")
    extra = ("date_precision",) if whole_period and "date_precision" in rounds else ()
    df = funded_rounds(
        rounds, layer=None, exclude_round_types=exclude_round_types, extra_columns=extra
    )
    if extra:
        df["date"] = known_by(df["date"], df["date_precision"])
    try:
        cutoff = pd.Timestamp(as_of)
    except (ValueError, TypeError) as err:
        raise ValueError(f"as_of: not a date: {as_of!r}") from err
    totals = cumulative_at(df, cutoff, by)
    return totals.sort_values(ascending=False, kind="stable").astype(float)


def cumulative_at(df: pd.DataFrame, year_end: pd.Timestamp, by: str) -> pd.Series:
    """Cumulative amount per ``by`` value up to ``year_end``, positives only."""
    upto = df[df["date"] <= year_end]
    totals = upto.groupby(by, sort=True)["amount_usd_m"].sum()
    return totals[totals > 0]
