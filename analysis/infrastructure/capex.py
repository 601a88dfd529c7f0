"""The infrastructure layer in numbers: Nvidia, hyperscaler capex, layer revenues.

Pure functions over the ``nvidia_quarterly``, ``hyperscaler_capex`` and
``revenue_points`` datasets (see ``analysis/data/DATA_SPEC.md``). Callers
dedupe conflicting sources first (:func:`analysis.data.provenance.pick_preferred`);
a key that still appears twice raises :class:`ValueError`.

Units: Nvidia figures in USD millions (``_usd_m``) as reported; capex and
layer revenues in USD billions (``_usd_bn``); growth rates and shares are
fractions (0.25 = 25 %).

**Calendar years from fiscal periods.** Nvidia's fiscal year ends in late
January (FY2024 ended 2024-01-28). By default (``assign="period_end"``) a fiscal
quarter counts in the calendar year in which its ``period_end`` falls, so
calendar 2024 = FY2024 Q4 + FY2025 Q1-Q3, roughly November 2023 to October
2024: about two months earlier than the calendar year. ``assign="midpoint"``
uses the quarter's middle (``period_end`` minus 45 days) instead, so a quarter
counts in the year that holds most of its days (calendar 2024 = FY2025 Q1-Q4,
February 2024 to January 2025).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns

DEFINITIONS: tuple[str, ...] = (
    "ppe_purchases",
    "ppe_incl_finance_leases",
    "company_reported_capex",
)
"""Capex definitions in the data (DATA_SPEC)."""

DEFAULT_DEFINITION_PREFERENCE: tuple[str, ...] = DEFINITIONS
"""Default order: cash purchases of PP&E first, then incl. finance leases, then headline."""

PERIOD_TYPES: tuple[str, ...] = (
    "calendar_year",
    "fiscal_year",
    "calendar_quarter",
    "fiscal_quarter",
)

ASSIGN_RULES: tuple[str, ...] = ("period_end", "midpoint")
RUN_RATE_RULES: tuple[str, ...] = ("year_end", "mean")

NVIDIA_LABEL = "NVIDIA Data Center"
"""How Nvidia's Data Center revenue is named in layer coverage."""

_MIDPOINT_OFFSET = pd.Timedelta(days=45)


# ---------------------------------------------------------------- helpers


def _numeric(frame: pd.DataFrame, column: str, what: str, *, allow_nan: bool = True) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce").astype(float)
    bad = values.isna() & frame[column].notna()
    if bad.any():
        raise ValueError(
            f"{what}.{column} has non-numeric value(s): {list(frame.loc[bad, column])}"
        )
    if not allow_nan and values.isna().any():
        raise ValueError(f"{what}.{column} has missing value(s)")
    if (values < 0).any():
        raise ValueError(f"{what}.{column} must be >= 0, got a negative value")
    return values


def _dates(frame: pd.DataFrame, column: str, what: str) -> pd.Series:
    dates = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    if dates.isna().any():
        raise ValueError(f"{what}.{column} has missing or unreadable date(s)")
    return dates


def _no_duplicates(frame: pd.DataFrame, key: list[str], what: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame.loc[dup, key].iloc[0].to_dict()
        raise ValueError(
            f"{what} has duplicate rows for key {key} (e.g. {first}); "
            "dedupe conflicting sources first with provenance.pick_preferred"
        )


def _growth(current: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """current / previous - 1; NaN where previous is missing or zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        g = current / previous - 1.0
    g[~(previous > 0)] = np.nan
    return g


def _check_assign(assign: str) -> None:
    if assign not in ASSIGN_RULES:
        raise ValueError(f"assign must be one of {ASSIGN_RULES}, got {assign!r}")


def calendar_year_of(period_end: pd.Series, assign: str = "period_end") -> pd.Series:
    """Calendar year a fiscal period counts in (see the module docstring).

    ``assign="period_end"``: the year of ``period_end``; ``"midpoint"``: the
    year of ``period_end - 45 days`` (the middle of a 13-week quarter).
    """
    _check_assign(assign)
    dates = pd.to_datetime(pd.Series(period_end))
    if assign == "midpoint":
        dates = dates - _MIDPOINT_OFFSET
    return dates.dt.year.astype("int64")


# ---------------------------------------------------------------- Nvidia


_NV_COLUMNS = [
    "fiscal_year",
    "fiscal_quarter",
    "period_end",
    "total_revenue_usd_m",
    "data_center_revenue_usd_m",
]


def _nvidia_checked(quarterly: pd.DataFrame) -> pd.DataFrame:
    what = "nvidia_quarterly"
    require_columns(quarterly, _NV_COLUMNS, what)
    if quarterly.empty:
        raise ValueError(f"{what} is empty")
    q = quarterly.copy()
    for col in ("fiscal_year", "fiscal_quarter"):
        values = pd.to_numeric(q[col], errors="coerce")
        if values.isna().any() or (values != np.floor(values)).any():
            raise ValueError(f"{what}.{col} must be whole numbers")
        q[col] = values.astype("int64")
    if not q["fiscal_quarter"].between(1, 4).all():
        raise ValueError(
            f"{what}.fiscal_quarter must be 1-4, got {sorted(set(q['fiscal_quarter']))}"
        )
    q["period_end"] = _dates(q, "period_end", what)
    q["total_revenue_usd_m"] = _numeric(q, "total_revenue_usd_m", what)
    q["data_center_revenue_usd_m"] = _numeric(q, "data_center_revenue_usd_m", what)
    if (q["data_center_revenue_usd_m"] > q["total_revenue_usd_m"]).any():
        raise ValueError(f"{what}: data_center_revenue_usd_m is larger than total_revenue_usd_m")
    _no_duplicates(q, ["fiscal_year", "fiscal_quarter"], what)
    q["_qidx"] = q["fiscal_year"] * 4 + q["fiscal_quarter"] - 1
    q = q.sort_values("_qidx").reset_index(drop=True)
    if not q["period_end"].is_monotonic_increasing or q["period_end"].duplicated().any():
        raise ValueError(f"{what}: period_end does not increase with fiscal_year/fiscal_quarter")
    return q


def _lagged(values: pd.Series, qidx: pd.Series, lag: int) -> np.ndarray:
    """Value of the quarter ``lag`` fiscal quarters earlier; NaN if absent."""
    by_q = pd.Series(values.to_numpy(dtype=float), index=qidx.to_numpy())
    return by_q.reindex(qidx.to_numpy() - lag).to_numpy(dtype=float)


def nvidia_growth(quarterly: pd.DataFrame, assign: str = "period_end") -> pd.DataFrame:
    """Nvidia growth rates, Data Center share and trailing sums per fiscal quarter.

    Input: ``nvidia_quarterly`` rows, one per (fiscal_year, fiscal_quarter).
    Output, sorted by period: the input columns plus

    * ``data_center_share``: Data Center / total revenue (fraction);
    * ``total_qoq_growth``, ``data_center_qoq_growth``: growth over the
      previous fiscal quarter (fraction; 0.5 = +50 %);
    * ``total_yoy_growth``, ``data_center_yoy_growth``: over the same quarter
      of the previous fiscal year;
    * ``total_ttm_usd_m``, ``data_center_ttm_usd_m``: sum of this and the three
      previous fiscal quarters, USD millions;
    * ``calendar_year``: see :func:`calendar_year_of`.

    A rate or sum whose earlier quarter is absent (or zero, for a rate) is
    NaN: nothing is computed across gaps.
    """
    q = _nvidia_checked(quarterly)
    out = q.drop(columns="_qidx")
    for prefix, col in (
        ("total", "total_revenue_usd_m"),
        ("data_center", "data_center_revenue_usd_m"),
    ):
        current = q[col].to_numpy(dtype=float)
        out[f"{prefix}_qoq_growth"] = _growth(current, _lagged(q[col], q["_qidx"], 1))
        out[f"{prefix}_yoy_growth"] = _growth(current, _lagged(q[col], q["_qidx"], 4))
        lags = [_lagged(q[col], q["_qidx"], k) for k in range(4)]
        out[f"{prefix}_ttm_usd_m"] = np.sum(lags, axis=0)  # NaN if any quarter is absent
    with np.errstate(divide="ignore", invalid="ignore"):
        share = q["data_center_revenue_usd_m"] / q["total_revenue_usd_m"]
    out["data_center_share"] = share.where(q["total_revenue_usd_m"] > 0)
    out["calendar_year"] = calendar_year_of(q["period_end"], assign)
    return out


def nvidia_calendar_years(quarterly: pd.DataFrame, assign: str = "period_end") -> pd.DataFrame:
    """Nvidia revenue summed by calendar year (USD millions).

    Each fiscal quarter counts in one calendar year (see
    :func:`calendar_year_of`). Columns: ``calendar_year``, ``n_quarters``,
    ``complete`` (four quarters present), ``total_revenue_usd_m``,
    ``data_center_revenue_usd_m`` (NaN unless complete and every quarter has
    the figure: an empty cell is never summed as 0),
    ``data_center_share`` (fraction), ``quarters`` (e.g.
    ``"FY2024Q4;FY2025Q1;FY2025Q2;FY2025Q3"``), ``first_period_end``,
    ``last_period_end``.
    """
    q = _nvidia_checked(quarterly)
    q["calendar_year"] = calendar_year_of(q["period_end"], assign)
    q["_label"] = "FY" + q["fiscal_year"].astype(str) + "Q" + q["fiscal_quarter"].astype(str)
    grouped = q.groupby("calendar_year", sort=True)
    table = grouped.agg(
        n_quarters=("_label", "size"),
        total_revenue_usd_m=("total_revenue_usd_m", lambda s: s.sum(min_count=len(s))),
        data_center_revenue_usd_m=("data_center_revenue_usd_m", lambda s: s.sum(min_count=len(s))),
        quarters=("_label", ";".join),
        first_period_end=("period_end", "min"),
        last_period_end=("period_end", "max"),
    ).reset_index()
    if (table["n_quarters"] > 4).any():
        raise ValueError(
            "nvidia_quarterly: more than four fiscal quarters fall in one calendar year"
        )
    table["complete"] = table["n_quarters"] == 4
    for col in ("total_revenue_usd_m", "data_center_revenue_usd_m"):
        table[col] = table[col].where(table["complete"])
    table["data_center_share"] = (
        table["data_center_revenue_usd_m"] / table["total_revenue_usd_m"]
    ).where(table["total_revenue_usd_m"] > 0)
    columns = [
        "calendar_year",
        "n_quarters",
        "complete",
        "total_revenue_usd_m",
        "data_center_revenue_usd_m",
        "data_center_share",
        "quarters",
        "first_period_end",
        "last_period_end",
    ]
    return table[columns]


# ---------------------------------------------------------------- capex


_CAPEX_COLUMNS = ["company", "period_type", "period", "period_end", "capex_usd_bn", "definition"]


def _preference(definition_preference: str | Sequence[str]) -> tuple[str, ...]:
    prefs = (
        (definition_preference,)
        if isinstance(definition_preference, str)
        else tuple(definition_preference)
    )
    if not prefs:
        raise ValueError("definition_preference must name at least one definition")
    unknown = [d for d in prefs if d not in DEFINITIONS]
    if unknown:
        raise ValueError(f"unknown capex definition(s) {unknown}; known: {DEFINITIONS}")
    if len(set(prefs)) != len(prefs):
        raise ValueError(f"definition_preference repeats a definition: {prefs}")
    return prefs


_CY_LABEL = re.compile(r"^CY(\d{4})$")
_CQ_LABEL = re.compile(r"^(\d{4})Q([1-4])$")


def _calendar_label_end(period_type: str, period: str) -> pd.Timestamp:
    """Last day of a calendar period from its label (``CY2023``, ``2024Q3``); NaT if unreadable."""
    if period_type == "calendar_year" and (m := _CY_LABEL.match(period)):
        return pd.Timestamp(int(m[1]), 12, 31)
    if period_type == "calendar_quarter" and (m := _CQ_LABEL.match(period)):
        return pd.Period(f"{m[1]}Q{m[2]}", freq="Q").end_time.normalize()
    return pd.NaT


def _capex_period_ends(c: pd.DataFrame, what: str) -> pd.Series:
    """``period_end`` as dates; an empty one on a calendar row comes from its label.

    Fiscal rows may keep an empty ``period_end`` (their calendar placement is
    then unknown; :func:`microsoft_calendar_years` can still use them by label).
    """
    given = pd.to_datetime(c["period_end"], errors="coerce", format="ISO8601")
    if (given.isna() & c["period_end"].notna() & (c["period_end"].astype(str) != "")).any():
        raise ValueError(f"{what}.period_end has unreadable date(s)")
    from_label = pd.Series(
        [
            _calendar_label_end(t, str(p))
            for t, p in zip(c["period_type"], c["period"], strict=True)
        ],
        index=c.index,
        dtype="datetime64[ns]",
    )
    calendar = c["period_type"].isin(["calendar_year", "calendar_quarter"])
    if (calendar & given.isna() & from_label.isna()).any():
        raise ValueError(
            f"{what}: a calendar row has no period_end and a label not like 'CY2023' or '2024Q3'"
        )
    clash = calendar & given.notna() & from_label.notna() & (given != from_label)
    if clash.any():
        row = c.loc[clash].iloc[0]
        raise ValueError(
            f"{what}: period {row['period']!r} does not end on period_end {row['period_end']}"
        )
    return given.where(given.notna(), from_label)


def _capex_checked(capex: pd.DataFrame) -> pd.DataFrame:
    what = "hyperscaler_capex"
    require_columns(capex, _CAPEX_COLUMNS, what)
    c = capex.copy()
    bad_type = sorted(set(c["period_type"]) - set(PERIOD_TYPES))
    if bad_type:
        raise ValueError(
            f"{what}.period_type has unknown value(s) {bad_type}; known: {PERIOD_TYPES}"
        )
    bad_def = sorted(set(c["definition"]) - set(DEFINITIONS))
    if bad_def:
        raise ValueError(f"{what}.definition has unknown value(s) {bad_def}; known: {DEFINITIONS}")
    c["period_end"] = _capex_period_ends(c, what)
    c["capex_usd_bn"] = _numeric(c, "capex_usd_bn", what)
    _no_duplicates(c, ["company", "period_type", "period", "definition"], what)
    cy = c["period_type"] == "calendar_year"
    not_dec31 = cy & ~((c["period_end"].dt.month == 12) & (c["period_end"].dt.day == 31))
    if not_dec31.any():
        raise ValueError(f"{what}: a calendar_year row does not end on 31 December")
    cq = c["period_type"] == "calendar_quarter"
    if (cq & ~_is_calendar_quarter_end(c["period_end"])).any():
        raise ValueError(f"{what}: a calendar_quarter row does not end on a calendar quarter end")
    return c


def _is_calendar_quarter_end(dates: pd.Series) -> pd.Series:
    return dates.dt.is_quarter_end & dates.dt.month.isin([3, 6, 9, 12])


def _quarter_rows(c: pd.DataFrame, use_fiscal_quarters: bool) -> pd.DataFrame:
    """Quarter rows that line up with calendar quarters, one per (company, definition, quarter)."""
    is_q = c["period_type"] == "calendar_quarter"
    if use_fiscal_quarters:
        is_q |= (c["period_type"] == "fiscal_quarter") & _is_calendar_quarter_end(c["period_end"])
    q = c[is_q].copy()
    q["calendar_year"] = q["period_end"].dt.year
    q["quarter"] = q["period_end"].dt.quarter
    q["_rank"] = (q["period_type"] != "calendar_quarter").astype(int)  # calendar label wins
    q = q.sort_values("_rank", kind="stable")
    return q.drop_duplicates(["company", "definition", "calendar_year", "quarter"])


def _pick_capex(
    company: str,
    year: int,
    prefs: tuple[str, ...],
    years: dict[tuple[str, int, str], tuple[float, str]],
    quarters: dict[tuple[str, int, str], pd.DataFrame],
) -> dict[str, object]:
    found: list[tuple[str, int]] = []
    for d in prefs:
        if (company, year, d) in years:
            value, basis = years[(company, year, d)]
            return _capex_row(company, year, value, d, basis, 4, "")
        qs = quarters.get((company, year, d))
        if qs is None:
            continue
        if len(qs) == 4 and qs["capex_usd_bn"].notna().all():
            fiscal = (qs["period_type"] == "fiscal_quarter").any()
            basis = "sum_of_4_fiscal_quarters" if fiscal else "sum_of_4_calendar_quarters"
            return _capex_row(company, year, float(qs["capex_usd_bn"].sum()), d, basis, 4, "")
        found.append((d, int(qs["capex_usd_bn"].notna().sum())))
    note = "; ".join(f"{d}: {n} of 4 quarters" for d, n in found)
    n_max = max((n for _, n in found), default=0)
    note = note or "no calendar-year or calendar-quarter figure"
    return _capex_row(company, year, np.nan, None, "missing", n_max, note)


def _capex_row(
    company: str, year: int, value: float, definition: str | None, basis: str, n: int, note: str
) -> dict[str, object]:
    return {
        "company": company,
        "calendar_year": int(year),
        "capex_usd_bn": value,
        "definition": definition,
        "basis": basis,
        "quarters_found": n,
        "note": note,
    }


def _year_rows(c: pd.DataFrame) -> dict[tuple[str, int, str], tuple[float, str]]:
    """Whole-year figures per (company, year, definition): calendar_year rows, then
    fiscal_year rows whose fiscal year ends on 31 December (a calendar year)."""
    dec31 = (c["period_end"].dt.month == 12) & (c["period_end"].dt.day == 31)
    out: dict[tuple[str, int, str], tuple[float, str]] = {}
    for period_type, basis in (
        ("calendar_year", "calendar_year_row"),
        ("fiscal_year", "fiscal_year_row_ending_dec31"),
    ):
        rows = c[(c["period_type"] == period_type) & dec31 & c["capex_usd_bn"].notna()]
        for r in rows.itertuples():
            out.setdefault(
                (r.company, r.period_end.year, r.definition), (float(r.capex_usd_bn), basis)
            )
    return out


def capex_calendar_years(
    capex: pd.DataFrame,
    definition_preference: str | Sequence[str] = DEFAULT_DEFINITION_PREFERENCE,
    use_fiscal_quarters: bool = True,
) -> pd.DataFrame:
    """Capex per company and calendar year, USD billions, with the definition used.

    For each (company, calendar year), the definitions in
    ``definition_preference`` are tried in order (a single string means "only
    this one"; rows with other definitions are ignored). For a definition, a
    ``calendar_year`` row is used if present (or a ``fiscal_year`` row whose
    fiscal year ends on 31 December), else the sum of four quarter rows
    of that same definition (``calendar_quarter`` rows, and -- when
    ``use_fiscal_quarters`` -- ``fiscal_quarter`` rows that end on a calendar
    quarter end, as Microsoft's do). Definitions are never mixed within a
    figure. If no definition gives a full year, ``capex_usd_bn`` is NaN and
    ``basis`` is ``"missing"``.

    Columns: ``company``, ``calendar_year``, ``capex_usd_bn``, ``definition``,
    ``basis`` (``calendar_year_row`` | ``fiscal_year_row_ending_dec31`` |
    ``sum_of_4_calendar_quarters`` |
    ``sum_of_4_fiscal_quarters`` | ``missing``), ``quarters_found``, ``note``
    (for missing years, how many quarters each definition has).
    """
    prefs = _preference(definition_preference)
    c = _capex_checked(capex)
    c = c[c["definition"].isin(prefs)]
    years = _year_rows(c)
    q = _quarter_rows(c, use_fiscal_quarters)
    quarters = {k: g for k, g in q.groupby(["company", "calendar_year", "definition"])}
    keys = {(k[0], k[1]) for k in years} | {(k[0], k[1]) for k in quarters}
    rows = [_pick_capex(co, yr, prefs, years, quarters) for co, yr in sorted(keys)]
    columns = [
        "company",
        "calendar_year",
        "capex_usd_bn",
        "definition",
        "basis",
        "quarters_found",
        "note",
    ]
    return pd.DataFrame(rows, columns=columns)


_FY_LABEL = re.compile(r"^FY(\d{4})$")
_FQ_LABEL = re.compile(r"^FY(\d{4})Q([1-4])$")


def _fiscal_years(c: pd.DataFrame, prefs: tuple[str, ...]) -> dict[int, dict[str, object]]:
    """Fiscal-year figures: a fiscal_year row, else the sum of its four fiscal quarters."""
    fy = c[c["period_type"] == "fiscal_year"].copy()
    fq = c[c["period_type"] == "fiscal_quarter"].copy()
    for frame, pattern, kind in ((fy, _FY_LABEL, "FY2024"), (fq, _FQ_LABEL, "FY2025Q1")):
        bad = [p for p in frame["period"] if not pattern.match(str(p))]
        if bad:
            raise ValueError(f"hyperscaler_capex: fiscal period label(s) {bad} not like {kind!r}")
    fy["fy"] = fy["period"].str.slice(2, 6).astype(int)
    fq["fy"] = fq["period"].str.slice(2, 6).astype(int)
    out: dict[int, dict[str, object]] = {}
    for year in sorted(set(fy["fy"]) | set(fq["fy"])):
        for d in prefs:
            row = fy[(fy["fy"] == year) & (fy["definition"] == d)]
            qs = fq[(fq["fy"] == year) & (fq["definition"] == d)]
            if len(row) and row["capex_usd_bn"].notna().all():
                r = row.iloc[0]
                out[year] = {"value": float(r.capex_usd_bn), "d": d, "basis": "fiscal_year_row"}
                break
            if len(qs) == 4 and qs["capex_usd_bn"].notna().all():
                out[year] = {
                    "value": float(qs["capex_usd_bn"].sum()),
                    "d": d,
                    "basis": "sum_of_4_fiscal_quarters",
                }
                break
    return out


def microsoft_calendar_years(
    capex: pd.DataFrame,
    definition_preference: str | Sequence[str] = DEFAULT_DEFINITION_PREFERENCE,
    company: str = "Microsoft",
) -> pd.DataFrame:
    """Microsoft capex by calendar year where it can be built, else by fiscal year (USD bn).

    Microsoft's fiscal year ends 30 June (FY2024 = July 2023 - June 2024), so
    its fiscal quarters end on calendar quarter ends: calendar year Y = FY Y
    Q3 + FY Y Q4 + FY Y+1 Q1 + FY Y+1 Q2. A calendar year is built (as in
    :func:`capex_calendar_years`) when all four quarters are present with one
    definition; for a year label Y that cannot be built, fiscal year Y is
    reported instead (a ``fiscal_year`` row, else the sum of its four fiscal
    quarters), marked ``year_type="fiscal"``. If neither exists the calendar
    year is reported as missing.

    Columns: ``company``, ``year``, ``year_type`` (``calendar`` | ``fiscal``),
    ``capex_usd_bn``, ``definition``, ``basis``. ``company`` lets the same rule
    run for another company (Oracle's quarters do not end on calendar quarter
    ends, so it always falls back to fiscal years).
    """
    prefs = _preference(definition_preference)
    c = _capex_checked(capex)
    c = c[(c["company"] == company) & c["definition"].isin(prefs)]
    if c.empty:
        raise ValueError(f"hyperscaler_capex has no rows for {company!r} with definitions {prefs}")
    cal = capex_calendar_years(c, prefs)
    built = {int(r.calendar_year): r for r in cal.itertuples() if r.basis != "missing"}
    fiscal = _fiscal_years(c, prefs)
    rows = []
    for year in sorted(set(cal["calendar_year"]) | set(fiscal)):
        if year in built:
            r = built[year]
            rows.append((year, "calendar", r.capex_usd_bn, r.definition, r.basis))
        elif year in fiscal:
            f = fiscal[year]
            rows.append((year, "fiscal", f["value"], f["d"], f["basis"]))
        else:
            rows.append((year, "calendar", np.nan, None, "missing"))
    frame = pd.DataFrame(rows, columns=["year", "year_type", "capex_usd_bn", "definition", "basis"])
    frame.insert(0, "company", company)
    return frame


# ---------------------------------------------------------------- Nvidia vs capex


def dc_revenue_to_capex(
    nvidia_cy: pd.DataFrame,
    capex_cy: pd.DataFrame,
    companies: Sequence[str] | None = None,
    require_all_companies: bool = True,
) -> pd.DataFrame:
    """Nvidia Data Center revenue divided by summed hyperscaler capex, per calendar year.

    This is a ratio of two different things, **not a share of wallet**: Nvidia's
    Data Center revenue includes sales to buyers other than these companies
    (other clouds, enterprises, sovereigns) and networking, while capex
    includes land, buildings, power and non-AI servers, and the two are timed
    differently (capex is paid when bought; Nvidia books revenue when it ships).
    It can exceed 1.

    Inputs: ``nvidia_cy`` from :func:`nvidia_calendar_years` and ``capex_cy``
    from :func:`capex_calendar_years`. ``companies`` (default: all in
    ``capex_cy``) are summed. With ``require_all_companies`` the ratio is NaN
    in a year where any company's capex is missing.

    Columns: ``calendar_year``, ``data_center_revenue_usd_bn``,
    ``capex_usd_bn`` (sum over companies present), ``ratio``,
    ``companies_included``, ``companies_missing`` (``;``-joined),
    ``definitions`` (the capex definitions summed, ``;``-joined; more than
    one means the sum mixes definitions across companies).
    """
    require_columns(nvidia_cy, ["calendar_year", "data_center_revenue_usd_m"], "nvidia_cy")
    require_columns(
        capex_cy, ["company", "calendar_year", "capex_usd_bn", "definition"], "capex_cy"
    )
    _no_duplicates(capex_cy, ["company", "calendar_year"], "capex_cy")
    _no_duplicates(nvidia_cy, ["calendar_year"], "nvidia_cy")
    names = sorted(set(capex_cy["company"])) if companies is None else list(companies)
    if not names:
        raise ValueError("no companies to sum")
    dc = nvidia_cy.set_index("calendar_year")["data_center_revenue_usd_m"].astype(float) / 1000.0
    rows = []
    for year in sorted(set(capex_cy["calendar_year"])):
        here = capex_cy[(capex_cy["calendar_year"] == year) & capex_cy["company"].isin(names)]
        here = here[here["capex_usd_bn"].notna()]
        included = sorted(here["company"])
        missing = [n for n in names if n not in included]
        total = float(here["capex_usd_bn"].sum()) if included else np.nan
        dc_bn = float(dc.get(year, np.nan))
        ok = bool(included) and total > 0 and not (missing and require_all_companies)
        rows.append(
            {
                "calendar_year": int(year),
                "data_center_revenue_usd_bn": dc_bn,
                "capex_usd_bn": total,
                "ratio": dc_bn / total if ok else np.nan,
                "companies_included": ";".join(included),
                "companies_missing": ";".join(missing),
                "definitions": ";".join(sorted(set(here["definition"].dropna()))),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- layer revenues


_REV_COLUMNS = ["date", "company", "layer", "metric", "value_usd_m"]
_LAYERS = ("infrastructure", "models", "apps")


def _is_nvidia(names: pd.Series) -> pd.Series:
    return names.astype(str).str.casefold().str.startswith("nvidia")


def company_year_revenue(
    revenue_points: pd.DataFrame,
    run_rate_rule: str = "year_end",
    start_year: int = 2023,
) -> pd.DataFrame:
    """One revenue figure per (calendar year, layer, company), USD billions.

    Rule, per company and calendar year from ``start_year`` (year of ``date``):

    1. an ``annual_revenue`` row dated in the year (its period end) is used
       (the latest if several);
    2. else the ``annualized_run_rate`` rows dated in the year:
       ``run_rate_rule="year_end"`` takes the last one (which may be dated
       before December: ``as_of`` says when; it overstates the year's revenue
       for a growing company), ``"mean"`` the mean of all of them (close to the
       year's revenue if the points are spread over the year);
    3. ``annual_revenue_forecast`` rows are never used.

    Columns: ``calendar_year``, ``layer``, ``company``, ``value_usd_bn``,
    ``metric_used``, ``rule`` (``annual_revenue`` | ``year_end_run_rate`` |
    ``mean_run_rate``), ``n_points`` (rows behind the figure), ``as_of``
    (date of the last row used), ``basis`` (reported | estimated | mixed, if
    the input has a ``basis`` column).
    """
    if run_rate_rule not in RUN_RATE_RULES:
        raise ValueError(f"run_rate_rule must be one of {RUN_RATE_RULES}, got {run_rate_rule!r}")
    what = "revenue_points"
    require_columns(revenue_points, _REV_COLUMNS, what)
    r = revenue_points.copy()
    r["date"] = _dates(r, "date", what)
    r["value_usd_m"] = _numeric(r, "value_usd_m", what, allow_nan=False)
    bad_layer = sorted(set(r["layer"]) - set(_LAYERS))
    if bad_layer:
        raise ValueError(f"{what}.layer has unknown value(s) {bad_layer}; known: {_LAYERS}")
    _no_duplicates(r, ["company", "date", "metric"], what)
    if "basis" not in r.columns:
        r["basis"] = pd.NA
    r["calendar_year"] = r["date"].dt.year
    r = r[
        (r["calendar_year"] >= start_year)
        & r["metric"].isin(["annual_revenue", "annualized_run_rate"])
    ]
    rows = [
        _one_figure(key, g, run_rate_rule)
        for key, g in r.groupby(["calendar_year", "layer", "company"])
    ]
    columns = [
        "calendar_year",
        "layer",
        "company",
        "value_usd_bn",
        "metric_used",
        "rule",
        "n_points",
        "as_of",
        "basis",
    ]
    return pd.DataFrame(rows, columns=columns)


def _one_figure(key: tuple, g: pd.DataFrame, run_rate_rule: str) -> dict[str, object]:
    year, layer, company = key
    annual = g[g["metric"] == "annual_revenue"].sort_values("date")
    if len(annual):
        used, value, metric, rule = (
            annual.iloc[[-1]],
            annual["value_usd_m"].iloc[-1],
            "annual_revenue",
            "annual_revenue",
        )
    else:
        rr = g[g["metric"] == "annualized_run_rate"].sort_values("date")
        metric = "annualized_run_rate"
        if run_rate_rule == "year_end":
            used, value, rule = rr.iloc[[-1]], rr["value_usd_m"].iloc[-1], "year_end_run_rate"
        else:
            used, value, rule = rr, rr["value_usd_m"].mean(), "mean_run_rate"
    bases = set(used["basis"].dropna())
    basis = bases.pop() if len(bases) == 1 else ("mixed" if bases else pd.NA)
    return {
        "calendar_year": int(year),
        "layer": layer,
        "company": company,
        "value_usd_bn": float(value) / 1000.0,
        "metric_used": metric,
        "rule": rule,
        "n_points": len(used),
        "as_of": used["date"].max(),
        "basis": basis,
    }


def layer_revenues(
    revenue_points: pd.DataFrame,
    nvidia_cy: pd.DataFrame,
    run_rate_rule: str = "year_end",
    start_year: int = 2023,
    require_nvidia: bool = True,
) -> pd.DataFrame:
    """Revenue of the three layers side by side per calendar year, USD billions.

    * infrastructure = Nvidia Data Center revenue (from ``nvidia_cy``, output of
      :func:`nvidia_calendar_years`; only complete years) + GPU-cloud revenue
      (``revenue_points`` rows with ``layer="infrastructure"``; rows naming
      Nvidia there are dropped, since Nvidia comes from ``nvidia_cy``);
    * models = sum over model providers, apps = sum over app companies, one
      figure per company by :func:`company_year_revenue`'s rule.

    A layer with no company in a year is NaN (not 0), and so are the year's
    total and shares. With ``require_nvidia`` (default) shares are also NaN in
    a year without a complete Nvidia calendar year (the biggest infrastructure
    figure would be missing). Columns per year: ``{layer}_usd_bn``, ``total_usd_bn``,
    ``{layer}_share`` (fractions summing to 1), ``infrastructure_majority``
    (infrastructure share > 0.5; NA when shares are NaN), ``nvidia_complete``,
    and coverage: ``n_{layer}`` and ``{layer}_companies`` (``;``-joined names
    that contributed). These are sums of the companies that have figures, not
    market totals: read them with the coverage columns.
    """
    require_columns(nvidia_cy, ["calendar_year", "data_center_revenue_usd_m"], "nvidia_cy")
    _no_duplicates(nvidia_cy, ["calendar_year"], "nvidia_cy")
    rp = revenue_points
    if "layer" in rp.columns and "company" in rp.columns:
        rp = rp[~((rp["layer"] == "infrastructure") & _is_nvidia(rp["company"]))]
    figures = company_year_revenue(rp, run_rate_rule, start_year)
    nv = nvidia_cy[nvidia_cy["calendar_year"] >= start_year]
    nv = nv[nv["data_center_revenue_usd_m"].notna()]
    nv_rows = pd.DataFrame(
        {
            "calendar_year": nv["calendar_year"].astype(int),
            "layer": "infrastructure",
            "company": NVIDIA_LABEL,
            "value_usd_bn": nv["data_center_revenue_usd_m"].astype(float) / 1000.0,
        }
    )
    parts = [
        f[["calendar_year", "layer", "company", "value_usd_bn"]]
        for f in (nv_rows, figures)
        if len(f)
    ]
    if not parts:
        raise ValueError(f"no revenue figures from {start_year} on")
    allf = pd.concat(parts, ignore_index=True)
    years = sorted(set(allf["calendar_year"]))
    rows = [_layer_year(int(y), allf[allf["calendar_year"] == y]) for y in years]
    frame = pd.DataFrame(rows)
    if require_nvidia:
        shares = [f"{layer}_share" for layer in _LAYERS]
        frame.loc[~frame["nvidia_complete"].astype(bool), shares] = np.nan
    majority = [pd.NA if pd.isna(x) else bool(x > 0.5) for x in frame["infrastructure_share"]]
    frame.insert(
        frame.columns.get_loc("apps_share") + 1,
        "infrastructure_majority",
        pd.array(majority, dtype="boolean"),
    )
    return frame


def _layer_year(year: int, f: pd.DataFrame) -> dict[str, object]:
    row: dict[str, object] = {"calendar_year": year}
    for layer in _LAYERS:
        part = f[f["layer"] == layer]
        row[f"{layer}_usd_bn"] = float(part["value_usd_bn"].sum()) if len(part) else np.nan
    total = sum(row[f"{layer}_usd_bn"] for layer in _LAYERS)  # NaN if any layer is NaN
    row["total_usd_bn"] = total
    for layer in _LAYERS:
        ok = pd.notna(total) and total > 0
        row[f"{layer}_share"] = row[f"{layer}_usd_bn"] / total if ok else np.nan
    row["nvidia_complete"] = bool((f["company"] == NVIDIA_LABEL).any())
    for layer in _LAYERS:
        names = sorted(f.loc[f["layer"] == layer, "company"])
        row[f"n_{layer}"] = len(names)
        row[f"{layer}_companies"] = ";".join(names)
    return row


# ---------------------------------------------------------------- partial source rows


_NV_MEASURES = ("total_revenue_usd_m", "data_center_revenue_usd_m")


def nvidia_quarters(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per Nvidia fiscal quarter from partial, possibly conflicting source rows.

    In ``nvidia_quarterly`` a row carries only the figures its own source
    states, so one quarter can have two rows (e.g. total revenue from one
    source, Data Center revenue from another). For each measure
    (``total_revenue_usd_m``, ``data_center_revenue_usd_m``, USD millions)
    the figure is chosen by :func:`analysis.data.provenance.pick_preferred` among
    the rows that *have* it (an empty cell never outranks a figure); the
    quarter's ``period_end`` comes from the row chosen for total revenue,
    else from the Data Center row.

    Output: ``fiscal_year``, ``fiscal_quarter``, ``period_end``, the two
    measures (NaN where no source gives one), ``total_source_id``,
    ``data_center_source_id`` (empty string where there is no figure) and
    ``source_id`` (the distinct source ids, ``;``-joined), sorted by period.
    """
    from analysis.data.provenance import pick_preferred

    require_columns(rows, [*_NV_COLUMNS[:3], *_NV_MEASURES, "source_id"], "nvidia_quarterly")
    key = ["fiscal_year", "fiscal_quarter"]
    quarters = rows[key].drop_duplicates().reset_index(drop=True)
    ends = rows.groupby(key)["period_end"].nunique()
    if (ends > 1).any():
        raise ValueError(
            f"nvidia_quarterly: a fiscal quarter has rows with different period_end: "
            f"{list(ends[ends > 1].index)}"
        )
    out = quarters.merge(rows.drop_duplicates(key)[[*key, "period_end"]], on=key)
    for col, src_col in zip(
        _NV_MEASURES, ("total_source_id", "data_center_source_id"), strict=True
    ):
        have = rows[rows[col].notna()]
        chosen = (
            pick_preferred(have, key, sources)[[*key, col, "source_id"]]
            if len(have)
            else pd.DataFrame(columns=[*key, col, "source_id"])
        )
        out = out.merge(chosen.rename(columns={"source_id": src_col}), on=key, how="left")
        out[src_col] = out[src_col].fillna("").astype(str)
        out[col] = out[col].astype(float)
    out["source_id"] = [
        ";".join(dict.fromkeys(s for s in (a, b) if s))
        for a, b in zip(out["total_source_id"], out["data_center_source_id"], strict=True)
    ]
    return out.sort_values(key).reset_index(drop=True)


def capex_year_sources(capex: pd.DataFrame, capex_years: pd.DataFrame) -> pd.Series:
    """The ``source_id``s behind each row of per-company capex years (``;``-joined).

    ``capex``: deduplicated ``hyperscaler_capex`` rows (with ``source_id``);
    ``capex_years``: :func:`microsoft_calendar_years` rows (``company``,
    ``year``, ``year_type``, ``definition``, ``basis``). A figure from a
    year row names that row's source; a sum of quarters names the sources of
    the quarters in that year (calendar quarters ending in the year, or the
    fiscal year's ``FY{year}Q*`` quarters). Missing figures get ``""``.
    Returned in ``capex_years``' index order.
    """
    require_columns(capex, [*_CAPEX_COLUMNS, "source_id"], "hyperscaler_capex")
    c = _capex_checked(capex)
    out = []
    for r in capex_years.itertuples():
        rows = c[(c["company"] == r.company) & (c["definition"] == r.definition)]
        if r.basis in ("calendar_year_row", "fiscal_year_row_ending_dec31"):
            rows = rows[rows["period_type"].isin(["calendar_year", "fiscal_year"])]
            rows = rows[rows["period_end"].dt.year == r.year]
        elif r.basis == "fiscal_year_row":
            rows = rows[(rows["period_type"] == "fiscal_year") & (rows["period"] == f"FY{r.year}")]
        elif r.basis == "sum_of_4_fiscal_quarters" and r.year_type == "fiscal":
            rows = rows[rows["period"].astype(str).str.startswith(f"FY{r.year}Q")]
        elif r.basis in ("sum_of_4_calendar_quarters", "sum_of_4_fiscal_quarters"):
            quarter = rows["period_type"].isin(["calendar_quarter", "fiscal_quarter"])
            rows = rows[quarter & (rows["period_end"].dt.year == r.year)]
        else:
            rows = rows.iloc[0:0]
        out.append(";".join(sorted(set(rows["source_id"]))))
    return pd.Series(out, index=capex_years.index, name="source_id", dtype=object)
