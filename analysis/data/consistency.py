"""check-data's rules that span cells: calendars, scales, jumps and references.

The column checks of :mod:`analysis.data.datasets` judge one cell at a time. The
rules here judge a cell against its row, its neighbours or another table, so
that every rule a chapter relies on fails in ``check-data`` with a file, row
and column, not later in a chapter.

Each rule takes a typed frame as :mod:`analysis.data.datasets` builds it (a
``__row__`` column holds the 1-based data row) and returns
``(row, column, message)`` findings; the caller adds the file name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

Finding = tuple[int, str, str]
"""(data row, column, message)."""

JUMP_MARK = "[jump:"
"""A locator holding ``[jump: why]`` explains a jump the jump rule would flag."""

QUOTE_MAX_CHARS = 300
"""The longest quote of an essay a claim may carry (DATA_SPEC: one sentence, <= 300)."""

ESSAY_SOURCE_PREFIX = "essay-"
ESSAY_DATASETS = ("seed_claims", "vendors_by_layer")
"""The only datasets whose rows may rest on the essays themselves."""

FISCAL_YEAR_END_MONTH = {"Microsoft": 6, "Oracle": 5}
"""Companies whose fiscal year does not end in December: month it ends."""


@dataclass(frozen=True)
class Jump:
    """Consecutive points of one entity may not differ by more than ``factor``."""

    entity: tuple[str, ...]
    order: str
    values: tuple[str, ...]
    factor: float
    why: str


JUMPS: dict[str, Jump] = {
    "nvidia_quarterly": Jump(
        (),
        "period_end",
        ("total_revenue_usd_m", "data_center_revenue_usd_m"),
        5,
        "NVIDIA's largest quarter-on-quarter change is 2.4x (Data Center, Q2 FY24)",
    ),
    "hyperscaler_capex": Jump(
        ("company", "period_type", "definition"),
        "period_end",
        ("capex_usd_bn",),
        5,
        "no company's capex has moved more than 2.4x between consecutive periods",
    ),
    "revenue_points": Jump(
        ("company", "metric"),
        "date",
        ("value_usd_m",),
        100,
        "young companies grew up to 73x between consecutive points; a unit slip is 1000x",
    ),
    "funding_rounds": Jump(
        ("company",),
        "date",
        ("amount_usd_m",),
        100,
        "consecutive rounds differ by up to 40x; a unit slip is 1000x",
    ),
    "api_prices": Jump(
        ("provider", "model"),
        "effective_date",
        ("input_usd_per_mtok", "output_usd_per_mtok"),
        50,
        "list-price changes of one model stay within 5x; a unit slip is 1000x",
    ),
}
"""Datasets whose series are checked for jumps, with the factor and its reason."""


def jumps(frame: pd.DataFrame, rule: Jump) -> Iterator[Finding]:
    """Points that differ from the entity's previous point by more than ``rule.factor``."""
    explained = frame["locator"].fillna("").str.contains(JUMP_MARK, regex=False)
    groups = frame.groupby(list(rule.entity), sort=False) if rule.entity else [((), frame)]
    for _, group in groups:
        ordered = group.sort_values([rule.order, "__row__"], kind="stable")
        for col in rule.values:
            points = ordered.dropna(subset=[col])
            points = points[points[col] > 0]
            prev = points[col].shift()
            ratio = (points[col] / prev).where(prev.notna())
            for idx in points.index[(ratio > rule.factor) | (ratio < 1 / rule.factor)]:
                if explained.loc[idx]:
                    continue
                row = points.loc[idx]
                before = prev.loc[idx]
                yield (
                    int(row["__row__"]),
                    col,
                    f"value {row[col]:g} is {_times(row[col], before)} the previous point "
                    f"({before:g}): more than {rule.factor:g}x ({rule.why}); check the unit, "
                    f"or explain the jump in the locator with '{JUMP_MARK} ...]'",
                )


def _times(value: float, before: float) -> str:
    ratio = value / before
    return f"{ratio:,.0f}x" if ratio >= 1 else f"1/{1 / ratio:,.0f} of"


def nvidia_fiscal_calendar(frame: pd.DataFrame) -> Iterator[Finding]:
    """NVIDIA's quarters end on a Sunday near the end of Apr, Jul, Oct (year FY-1) and Jan (FY).

    The nominal end is the 28th of the quarter's last month; the real end is
    the Sunday within a week of it (52/53-week fiscal years).
    """
    for _, row in frame.dropna(subset=["fiscal_year", "fiscal_quarter", "period_end"]).iterrows():
        fy, q, end = int(row["fiscal_year"]), int(row["fiscal_quarter"]), row["period_end"].date()
        if q not in (1, 2, 3, 4):
            continue  # the column's own range check reports it
        nominal = dt.date(fy, 1, 28) if q == 4 else dt.date(fy - 1, {1: 4, 2: 7, 3: 10}[q], 28)
        if end.weekday() != 6 or abs((end - nominal).days) > 7:
            yield (
                int(row["__row__"]),
                "period_end",
                f"{end.isoformat()} is not the end of NVIDIA's fiscal Q{q} FY{fy} (a Sunday "
                f"within a week of {nominal.isoformat()})",
            )


_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_FY_QUARTER = re.compile(r"^FY(\d{4})Q([1-4])$")
_CY = re.compile(r"^CY(\d{4})$")
_FY = re.compile(r"^FY(\d{4})$")


def period_end_of(company: str, period_type: str, period: str) -> dt.date | None:
    """The last day a capex period label names, or None if the label is malformed.

    ``2024Q3`` and ``CY2024`` are calendar periods; ``FY2025`` and ``FY2025Q1``
    follow the company's fiscal year (:data:`FISCAL_YEAR_END_MONTH`; others end
    in December).
    """
    patterns = {
        "calendar_quarter": _QUARTER,
        "fiscal_quarter": _FY_QUARTER,
        "calendar_year": _CY,
        "fiscal_year": _FY,
    }
    match = patterns[period_type].match(period) if period_type in patterns else None
    if match is None:
        return None
    year = int(match.group(1))
    if period_type == "calendar_year":
        return dt.date(year, 12, 31)
    if period_type == "calendar_quarter":
        return _month_end(year, 3 * int(match.group(2)))
    fy_end = FISCAL_YEAR_END_MONTH.get(company, 12)
    if period_type == "fiscal_year":
        return _month_end(year, fy_end)
    # quarter q of fiscal year `year` ends 3*(4-q) months before the year's end
    months = year * 12 + fy_end - 1 - 3 * (4 - int(match.group(2)))
    return _month_end(months // 12, months % 12 + 1)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def capex_period_labels(frame: pd.DataFrame) -> Iterator[Finding]:
    """A capex row's ``period`` must be well formed and agree with its ``period_end``."""
    for _, row in frame.dropna(subset=["company", "period_type", "period"]).iterrows():
        expected = period_end_of(str(row["company"]), str(row["period_type"]), str(row["period"]))
        if expected is None:
            yield (
                int(row["__row__"]),
                "period",
                f"{row['period']!r} is not a {row['period_type']} label "
                "(2024Q3, FY2025Q1, CY2024 or FY2025)",
            )
        elif pd.notna(row["period_end"]) and row["period_end"].date() != expected:
            yield (
                int(row["__row__"]),
                "period_end",
                f"{row['period_end'].date().isoformat()} contradicts the period "
                f"{row['period']!r} of {row['company']}, which ends {expected.isoformat()}",
            )


def percent_scale(frame: pd.DataFrame, percent_benchmarks: set[str]) -> Iterator[Finding]:
    """A percent benchmark's score strictly between 0 and 1 looks like a 0-1 share."""
    for _, row in frame.iterrows():
        score = row["score"]
        if row["benchmark"] in percent_benchmarks and pd.notna(score) and 0 < score < 1:
            if "below 1 percent" in str(row["locator"]):
                continue
            yield (
                int(row["__row__"]),
                "score",
                f"value {score:g} looks like a 0-1 share, but {row['benchmark']} is in percent "
                "(0-100); write 0.85 as 85 (or say 'below 1 percent' in the locator)",
            )


def amount_within_valuation(frame: pd.DataFrame) -> Iterator[Finding]:
    """A round cannot raise more than the company's post-money valuation."""
    both = frame.dropna(subset=["amount_usd_m", "post_money_valuation_usd_m"])
    for _, row in both[both["amount_usd_m"] > both["post_money_valuation_usd_m"]].iterrows():
        yield (
            int(row["__row__"]),
            "amount_usd_m",
            f"value {row['amount_usd_m']:g} is larger than the post-money valuation "
            f"{row['post_money_valuation_usd_m']:g} (a unit slip?)",
        )


def claim_rules(frame: pd.DataFrame, known_datasets: set[str]) -> Iterator[Finding]:
    """Quotes stay short; a claim's datasets exist."""
    for _, row in frame.iterrows():
        quote = row["quote"]
        if pd.notna(quote) and len(quote) > QUOTE_MAX_CHARS:
            yield (
                int(row["__row__"]),
                "quote",
                f"quote is {len(quote)} characters; the limit is {QUOTE_MAX_CHARS} "
                "(one sentence at most)",
            )
        for name in str(row["datasets"] if pd.notna(row["datasets"]) else "").split(";"):
            if name.strip() and name.strip() not in known_datasets:
                yield (
                    int(row["__row__"]),
                    "datasets",
                    f"names {name.strip()!r}, which is not a dataset "
                    f"(known: {', '.join(sorted(known_datasets))})",
                )


def essay_sources(frame: pd.DataFrame, dataset: str) -> Iterator[Finding]:
    """Only the claims and vendor lists may cite the essays; a figure needs its own source."""
    if dataset in ESSAY_DATASETS:
        return
    cites = frame["source_id"].fillna("").str.startswith(ESSAY_SOURCE_PREFIX)
    for _, row in frame[cites].iterrows():
        yield (
            int(row["__row__"]),
            "source_id",
            f"{row['source_id']!r} is one of the essays under test; a data row must cite the "
            "source of its figure (a filing, release or news report), not the essay",
        )


def accessed_after_published(frame: pd.DataFrame) -> Iterator[Finding]:
    """A source cannot have been read before it was published."""
    both = frame.dropna(subset=["date_published", "date_accessed"])
    for _, row in both[both["date_accessed"] < both["date_published"]].iterrows():
        yield (
            int(row["__row__"]),
            "date_accessed",
            f"{row['date_accessed'].date().isoformat()} is before the source was published "
            f"({row['date_published'].date().isoformat()})",
        )


def future_only_for_forecasts(frame: pd.DataFrame, date: str, text: str) -> Iterator[Finding]:
    """A date later than today is allowed only where ``text`` says it is a forecast."""
    today = pd.Timestamp(dt.date.today())
    said = frame[text].fillna("").str.contains("forecast|expect", case=False, regex=True)
    for _, row in frame[(frame[date] > today) & ~said].iterrows():
        yield (
            int(row["__row__"]),
            date,
            f"{row[date].date().isoformat()} is in the future, but the row's {text} does not "
            "say it is a forecast",
        )


def value_or_range(frame: pd.DataFrame) -> Iterator[Finding]:
    """A published estimate has a central value, a range, or both."""
    empty = frame["value"].isna() & frame["low"].isna() & frame["high"].isna()
    for _, row in frame[empty].iterrows():
        yield (int(row["__row__"]), "value", "row has neither a value nor a low-high range")
