"""Is a dataset valid? The rules a loaded table must pass, beyond each cell's type.

The pandera schema of a dataset (types, allowed values, ranges, known source
ids, no future dates), duplicate keys, the dataset-specific rules of
:mod:`analysis.data.schemas`, and the cross-cell findings of
:mod:`analysis.data.consistency`, each reported as a :class:`Problem` with its
file, row and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from analysis.data import consistency, schemas_arena
from analysis.data.schemas import BENCHMARKS, DATASETS, Dataset


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell, row or file."""

    file: str
    row: int | None  # data row, 1-based; None for file-level problems
    column: str | None
    message: str
    line: int | None = None  # file line where the row starts (None: row + 1)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row} (line {self.line or self.row + 1})")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """Raised when a dataset has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} data problem(s):\n{lines}")


def _pandera_schema(ds: Dataset, source_ids: set[str] | None, today: dt.date) -> pa.DataFrameSchema:
    columns = {}
    for col in ds.columns:
        checks = []
        if col.min is not None:
            checks.append(pa.Check.ge(col.min, error=f"is below the minimum {col.min:g}"))
        if col.max is not None:
            checks.append(pa.Check.le(col.max, error=f"is above the plausible maximum {col.max:g}"))
        if col.choices:
            checks.append(
                pa.Check.isin(list(col.choices), error=f"is not one of {', '.join(col.choices)}")
            )
        if col.pattern:
            error = col.pattern_error or f"does not match {col.pattern}"
            checks.append(pa.Check.str_matches(col.pattern, error=error))
        if col.kind == "date" and col.not_future:
            checks.append(
                pa.Check.le(
                    pd.Timestamp(today), error=f"is in the future (after {today.isoformat()})"
                )
            )
        if col.name == "source_id" and source_ids is not None:
            checks.append(
                pa.Check.isin(sorted(source_ids), error="is not a source_id in the sources table")
            )
        columns[col.name] = pa.Column(nullable=True, checks=checks, coerce=False)
    return pa.DataFrameSchema(columns, strict=False)


def value_problems(
    name: str, frame: pd.DataFrame, ds: Dataset, source_ids: set[str] | None, today: dt.date
) -> list[Problem]:
    problems: list[Problem] = []
    body = frame.drop(columns="__row__")
    try:
        _pandera_schema(ds, source_ids, today).validate(body, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        for _, case in cases.iterrows():
            index = case.get("index")
            row = None if pd.isna(index) else int(frame["__row__"].iloc[int(index)])
            value = case.get("failure_case")
            problems.append(
                Problem(name, row, case.get("column"), f"value {_show(value)} {case['check']}")
            )
    problems += _duplicate_keys(name, frame, ds)
    problems += _dataset_rules(name, frame, ds, today)
    return problems


def _show(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return repr(value.date().isoformat())
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    return repr(value)


def _duplicate_keys(name: str, frame: pd.DataFrame, ds: Dataset) -> list[Problem]:
    key = list(ds.key)
    dup = frame[frame.duplicated(key, keep=False)]
    problems = []
    for _, group in dup.groupby(key, dropna=False, sort=False):
        rows = group["__row__"].tolist()
        for r in rows[1:]:
            problems.append(
                Problem(
                    name,
                    int(r),
                    ",".join(key),
                    f"duplicate key: same {', '.join(key)} as row {rows[0]}",
                )
            )
    return problems


def _dataset_rules(name: str, frame: pd.DataFrame, ds: Dataset, today: dt.date) -> list[Problem]:
    """Rules that span several columns of one row."""
    problems = []
    if ds.name == "revenue_points":
        future = (frame["date"] > pd.Timestamp(today)) & (
            frame["metric"] != "annual_revenue_forecast"
        )
        for r in frame.loc[future, "__row__"]:
            problems.append(
                Problem(name, int(r), "date", "is in the future but the metric is not a forecast")
            )
    value_column = {"genai_funding_totals": "value_usd_bn", "revenue_mix": "value_usd_m"}
    if ds.name in value_column:
        empty = frame[value_column[ds.name]].isna() & frame["share"].isna()
        for r in frame.loc[empty, "__row__"]:
            problems.append(
                Problem(name, int(r), value_column[ds.name], "row has neither a value nor a share")
            )
    if ds.name == "model_quality":
        for _, row in frame.iterrows():
            lo_hi = BENCHMARKS.get(str(row["benchmark"]))
            if lo_hi and pd.notna(row["score"]) and not lo_hi[0] <= row["score"] <= lo_hi[1]:
                problems.append(
                    Problem(
                        name,
                        int(row["__row__"]),
                        "score",
                        f"value {row['score']:g} is outside {row['benchmark']}'s range "
                        f"{lo_hi[0]:g}-{lo_hi[1]:g}",
                    )
                )
    if ds.name == "nvidia_quarterly":
        over = frame["data_center_revenue_usd_m"] > frame["total_revenue_usd_m"]
        for r in frame.loc[over, "__row__"]:
            problems.append(
                Problem(name, int(r), "data_center_revenue_usd_m", "is larger than total revenue")
            )
    return problems + [Problem(name, *f) for f in _cross_cell_findings(frame, ds)]


def _cross_cell_findings(frame: pd.DataFrame, ds: Dataset) -> list[consistency.Finding]:
    """The rules of :mod:`analysis.data.consistency` that apply to ``ds``."""
    if frame.empty:
        return []
    found: list[consistency.Finding] = []
    if ds.name == "sources":
        return list(consistency.accessed_after_published(frame))
    if "source_id" in frame.columns:
        found += consistency.essay_sources(frame, ds.name)
    if ds.name in consistency.JUMPS:
        found += consistency.jumps(frame, consistency.JUMPS[ds.name])
    if ds.name == "nvidia_quarterly":
        found += consistency.nvidia_fiscal_calendar(frame)
    if ds.name == "hyperscaler_capex":
        found += consistency.capex_period_labels(frame)
    if ds.name == "funding_rounds":
        found += consistency.amount_within_valuation(frame)
    if ds.name == "model_quality":
        percent = {b for b, (_, hi) in BENCHMARKS.items() if hi == 100.0}
        found += consistency.percent_scale(frame, percent)
    if ds.name == "seed_claims":
        found += consistency.claim_rules(frame, set(DATASETS))
    if ds.name == "ai_economics":
        found += consistency.future_only_for_forecasts(frame, "date", "period")
    if ds.name == "usage_share":
        found += consistency.future_only_for_forecasts(frame, "date", "scope")
    if ds.name == "reference_estimates":
        found += consistency.value_or_range(frame)
    if ds.name == "arena_snapshots":
        found += schemas_arena.interval_findings(frame)
    return found
