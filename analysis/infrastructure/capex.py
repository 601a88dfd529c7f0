"""Hyperscaler capex in numbers: calendar years from mixed periods, and Nvidia against it.

Size: over 400 lines because every company's fiscal periods are mapped to calendar years
here, in one place, with the row-choice rules that mapping needs.

Pure functions over the ``hyperscaler_capex`` dataset (see
``analysis/data/DATA_SPEC.md``), in USD billions (``_usd_bn``): each company's
capex per calendar year from calendar or fiscal years and quarters, by a
preferred capex definition (:func:`capex_calendar_years`,
:func:`microsoft_calendar_years`), and Nvidia's Data Center revenue as a share
of it (:func:`dc_revenue_to_capex`). Fiscal periods count in calendar years by
the rule of :mod:`analysis.infrastructure.periods`. Callers dedupe conflicting
sources first (:func:`analysis.data.provenance.pick_preferred`); a key that
still appears twice raises :class:`ValueError`. :func:`company_years` and
:func:`full_years` give the chapter its per-company years and the years every
company has.

At about 440 lines it is past the 400-line guide: the calendar-year builder,
Microsoft's fiscal-year fallback and the source tracing share one set of period
rules, and splitting them would only move those rules between files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.infrastructure.periods import (
    no_duplicates,
    numeric_column,
)

DEFINITIONS: tuple[str, ...] = (
    "ppe_purchases",
    "ppe_incl_finance_leases",
    "company_reported_capex",
)
"""Capex definitions in the data (DATA_SPEC)."""

BIG_THREE: tuple[str, ...] = ("Amazon", "Alphabet", "Microsoft")
"""The essay's "Big 3" clouds, whose capex its claim sums."""

DEFAULT_DEFINITION_PREFERENCE: tuple[str, ...] = DEFINITIONS
"""Default order: cash purchases of PP&E first, then incl. finance leases, then headline."""

PERIOD_TYPES: tuple[str, ...] = (
    "calendar_year",
    "fiscal_year",
    "calendar_quarter",
    "fiscal_quarter",
)


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
    c["capex_usd_bn"] = numeric_column(c, "capex_usd_bn", what)
    no_duplicates(c, ["company", "period_type", "period", "definition"], what)
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
    no_duplicates(capex_cy, ["company", "calendar_year"], "capex_cy")
    no_duplicates(nvidia_cy, ["calendar_year"], "nvidia_cy")
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


def company_years(capex: pd.DataFrame, companies: Sequence[str]) -> pd.DataFrame:
    """Each company's capex by year (:func:`microsoft_calendar_years`'s rule), with sources.

    One block of rows per company in ``companies`` order; ``source_id`` from
    :func:`capex_year_sources`. USD billions.
    """
    frames = [microsoft_calendar_years(capex, company=c) for c in companies]
    years = pd.concat(frames, ignore_index=True)
    years["source_id"] = capex_year_sources(capex, years)
    return years


def full_years(years: pd.DataFrame, companies: Sequence[str]) -> pd.DataFrame:
    """The summed calendar-year capex of ``companies`` in the years where every one of
    them has a calendar-year figure (USD billions). ``years``: :func:`company_years`.
    Index ``year``; columns ``sum`` and ``size`` (= ``len(companies)``)."""
    four = years[years["company"].isin(companies) & (years["year_type"] == "calendar")]
    four = four.dropna(subset=["capex_usd_bn"]).groupby("year")["capex_usd_bn"].agg(["sum", "size"])
    return four[four["size"] == len(companies)]
