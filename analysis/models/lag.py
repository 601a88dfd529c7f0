"""How far behind are open-weights models? Lag in months, gap in points, bootstrap interval.

Size: over 400 lines because the estimator, its bootstrap and the table beside the
published estimates share one measurement routine.

Inputs: the output of :func:`analysis.models.open_closed.scored_models` (one
row per model and benchmark: ``model``, ``release_date``, ``open_weights``
bool, ``benchmark``, ``score``). Everything is computed per benchmark, and
only from models released on or before the date in question.

Two lags, because "how far behind" has two directions:

* **lag behind** (the horizontal distance Epoch AI measures): take the best
  open-weights model available at a date; the lag is the months from the
  release of the first closed model that scored at least as high (minus
  ``tolerance``) to this open model's release. Zero when no closed model
  scored that high before it (open was level or ahead). Never censored: the
  open model exists.
* **time to match**: take the best closed model available at a date (the
  first closed model to reach that score); the lag is the months from its
  release to the release of the first open model scoring at least as high
  (minus ``tolerance``), zero if one came first. When no open model has
  matched it by the benchmark's last observation the lag is *censored*: the
  book knows only that it is at least the months from the closed release to
  that last observation, and never reports a number.

The **gap** at a date is best closed minus best open score, in the
benchmark's points. A date after a benchmark's last observation (the latest
release of a model scored on it) is not measured: nothing is carried
forward past the data. A month is 365.25 / 12 days.

The bootstrap resamples the models of a benchmark with replacement (closed
and open alike) and recomputes each measure; the interval is the central
``confidence`` share of the replicates. A censored replicate counts as
+infinity for the time to match, so an interval can be open at the top.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns

DAYS_PER_MONTH = 365.25 / 12

SCORED_COLUMNS: tuple[str, ...] = ("model", "release_date", "open_weights", "benchmark", "score")

MEASURE_COLUMNS: tuple[str, ...] = (
    "benchmark",
    "date",
    "evaluated_at",
    "data_end",
    "open_data_end",
    "best_closed",
    "best_closed_model",
    "best_open",
    "best_open_model",
    "gap",
    "lag_behind_months",
    "matched_by_closed",
    "time_to_match_months",
    "match_censored",
    "matched_by_open",
)


def _days(values: Iterable[object]) -> np.ndarray:
    """Dates as whole days since 1970-01-01 (int64)."""
    ts = pd.to_datetime(pd.Series(list(values)), format="ISO8601")
    return (ts.to_numpy().astype("datetime64[D]")).astype(np.int64)


def _measure(
    release: np.ndarray,
    score: np.ndarray,
    is_open: np.ndarray,
    day: int,
    end_day: int,
    tolerance: float,
) -> dict[str, float | int | bool]:
    """The measures at ``day`` for one benchmark's models (arrays of equal length).

    Returns best scores, gap, the lag behind and the time to match (months)
    with the indices of the models involved (-1 when none). ``end_day`` is
    the benchmark's last observation (censoring point of the time to match).
    """
    out: dict[str, float | int | bool] = {
        "best_closed": np.nan,
        "closed_idx": -1,
        "best_open": np.nan,
        "open_idx": -1,
        "gap": np.nan,
        "lag_behind": np.nan,
        "lag_closed_idx": -1,
        "to_match": np.nan,
        "censored": False,
        "match_open_idx": -1,
    }
    avail = release <= day
    closed = avail & ~is_open
    opened = avail & is_open
    if closed.any():
        best = score[closed].max()
        # the first closed model to reach the best score (earliest release)
        cand = np.flatnonzero(closed & (score == best))
        first = cand[np.argmin(release[cand])]
        out.update(best_closed=float(best), closed_idx=int(first))
        matches = np.flatnonzero(is_open & (score >= best - tolerance))
        if matches.size:
            m = matches[np.argmin(release[matches])]
            wait = max(0, int(release[m]) - int(release[first]))
            out.update(to_match=wait / DAYS_PER_MONTH, match_open_idx=int(m))
        else:
            out.update(censored=True, to_match=(end_day - int(release[first])) / DAYS_PER_MONTH)
    if opened.any():
        best = score[opened].max()
        cand = np.flatnonzero(opened & (score == best))
        first = cand[np.argmin(release[cand])]
        out.update(best_open=float(best), open_idx=int(first))
        reached = ~is_open & (score >= best - tolerance)
        earlier = np.flatnonzero(reached & (release <= release[first]))
        if earlier.size:
            c = earlier[np.argmin(release[earlier])]
            out.update(
                lag_behind=(int(release[first]) - int(release[c])) / DAYS_PER_MONTH,
                lag_closed_idx=int(c),
            )
        else:
            out.update(lag_behind=0.0)
    if closed.any() and opened.any():
        out["gap"] = float(out["best_closed"]) - float(out["best_open"])
    return out


def _arrays(group: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        _days(group["release_date"]),
        group["score"].to_numpy(dtype=float),
        group["open_weights"].to_numpy(dtype=bool),
    )


def _check(scored: pd.DataFrame, tolerance: float) -> None:
    require_columns(scored, SCORED_COLUMNS, "scored models")
    if not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative number of points, got {tolerance}")
    if scored["score"].isna().any():
        raise ValueError("scored models: a score is missing")


def last_observation(scored: pd.DataFrame) -> pd.Series:
    """Per benchmark, the latest release date of a model scored on it (Timestamp)."""
    require_columns(scored, ("benchmark", "release_date"), "scored models")
    dates = pd.to_datetime(scored["release_date"], format="ISO8601")
    return dates.groupby(scored["benchmark"]).max()


def _evaluation_days(
    wanted: list[pd.Timestamp], end: pd.Timestamp, clamp: bool
) -> list[tuple[pd.Timestamp, pd.Timestamp, int]]:
    """(requested date, date evaluated, its day number) for one benchmark."""
    out = []
    for when in wanted:
        if when > end and not clamp:
            continue
        at = min(when, end)
        out.append((when, at, int(_days([at])[0])))
    return out


def measures_at(
    scored: pd.DataFrame,
    dates: Iterable[object],
    *,
    tolerance: float = 0.0,
    clamp: bool = False,
) -> pd.DataFrame:
    """Gap, lag behind and time to match on every benchmark at each of ``dates``.

    One row per (benchmark, date) with the date on or before the benchmark's
    last observation; later dates are left out (no carry-forward), unless
    ``clamp``: then they are measured at the last observation and
    ``evaluated_at`` says so (``evaluated_at`` is ``date`` otherwise). Columns
    :data:`MEASURE_COLUMNS`: scores and ``gap`` in benchmark points, lags in
    months; ``open_data_end`` is the latest release of an open model scored
    on the benchmark; ``time_to_match_months`` is the lower bound when
    ``match_censored`` (read it as "at least"); model names say who set each
    mark (None when there is none).
    """
    _check(scored, tolerance)
    wanted = [pd.Timestamp(d) for d in dates]
    ends = last_observation(scored)
    rows = []
    for benchmark, group in scored.groupby("benchmark", sort=True):
        group = group.reset_index(drop=True)
        release, score, is_open = _arrays(group)
        end = ends[benchmark]
        end_day = int(_days([end])[0])
        names = group["model"].to_numpy(dtype=object)
        open_end = pd.to_datetime(group.loc[group["open_weights"], "release_date"]).max()
        for when, at, day in _evaluation_days(wanted, end, clamp):
            m = _measure(release, score, is_open, day, end_day, tolerance)

            def name(idx: object, names: np.ndarray = names) -> object:
                return names[int(idx)] if int(idx) >= 0 else None

            rows.append(
                {
                    "benchmark": benchmark,
                    "date": when,
                    "evaluated_at": at,
                    "data_end": end,
                    "open_data_end": open_end,
                    "best_closed": m["best_closed"],
                    "best_closed_model": name(m["closed_idx"]),
                    "best_open": m["best_open"],
                    "best_open_model": name(m["open_idx"]),
                    "gap": m["gap"],
                    "lag_behind_months": m["lag_behind"],
                    "matched_by_closed": name(m["lag_closed_idx"]),
                    "time_to_match_months": m["to_match"],
                    "match_censored": bool(m["censored"]),
                    "matched_by_open": name(m["match_open_idx"]),
                }
            )
    out = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))
    out["match_censored"] = out["match_censored"].astype(bool)
    return out


def bootstrap_intervals(
    scored: pd.DataFrame,
    dates: Iterable[object],
    *,
    tolerance: float = 0.0,
    n_boot: int = 1000,
    confidence: float = 0.90,
    seed: int = 0,
    clamp: bool = False,
) -> pd.DataFrame:
    """Bootstrap intervals of the gap, the lag behind and the time to match.

    Resamples each benchmark's models with replacement ``n_boot`` times
    (seeded, so the book is reproducible). Returns one row per (benchmark,
    date) measured by :func:`measures_at`, with ``<measure>_low`` and
    ``<measure>_high`` for ``gap``, ``lag_behind_months`` and
    ``time_to_match_months``: the central ``confidence`` interval of the
    replicates that have the measure. A censored replicate counts as +inf in
    the time to match, so ``time_to_match_months_high`` may be inf ("no upper
    bound in the data"). Also ``n_boot``. ``clamp`` as in :func:`measures_at`.
    """
    _check(scored, tolerance)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    if int(n_boot) < 1:
        raise ValueError(f"n_boot must be at least 1, got {n_boot}")
    wanted = [pd.Timestamp(d) for d in dates]
    ends = last_observation(scored)
    rng = np.random.default_rng(seed)
    tail = (1 - confidence) / 2
    rows = []
    for benchmark, group in scored.groupby("benchmark", sort=True):
        release, score, is_open = _arrays(group.reset_index(drop=True))
        end = ends[benchmark]
        end_day = int(_days([end])[0])
        days = [(w, day) for w, _, day in _evaluation_days(wanted, end, clamp)]
        draws = {w: {"gap": [], "lag": [], "match": []} for w, _ in days}
        n = len(release)
        for _ in range(int(n_boot)):
            idx = rng.integers(0, n, n)
            r, s, o = release[idx], score[idx], is_open[idx]
            for when, day in days:
                m = _measure(r, s, o, day, end_day, tolerance)
                d = draws[when]
                d["gap"].append(m["gap"])
                d["lag"].append(m["lag_behind"])
                d["match"].append(np.inf if m["censored"] else m["to_match"])
        for when, _ in days:
            row: dict[str, object] = {"benchmark": benchmark, "date": when, "n_boot": int(n_boot)}
            for key, col in (
                ("gap", "gap"),
                ("lag", "lag_behind_months"),
                ("match", "time_to_match_months"),
            ):
                values = np.asarray(draws[when][key], dtype=float)
                values = values[~np.isnan(values)]
                if values.size == 0:
                    low = high = np.nan
                else:
                    low, high = np.quantile(values, [tail, 1 - tail], method="lower")
                row[f"{col}_low"], row[f"{col}_high"] = float(low), float(high)
            rows.append(row)
    return pd.DataFrame(rows)


def lag_text(months: float, censored: bool) -> str:
    """``"4.2 months"``, or ``"at least 7.0 months (not matched yet)"`` when censored.

    A censored lag of (about) zero months means the closed model is the
    benchmark's last scored release: nothing could have matched it yet, and
    "at least 0.0 months" would say nothing, so the text says that instead.
    """
    if months is None or (isinstance(months, float) and np.isnan(months)):
        return "n/a"
    if censored and months < 0.05:
        return "not matched yet (the closed model is the last scored release)"
    if censored:
        return f"at least {months:.1f} months (not matched yet)"
    return f"{months:.1f} months"


def interval_text(low: float, high: float, unit: str = "months") -> str:
    """``"1.1-5.3 months"``; an infinite top reads ``"1.1 months or more"``."""
    if np.isnan(low) or np.isnan(high):
        return "n/a"
    if np.isinf(high):
        return f"{low:.1f} {unit} or more"
    return f"{low:.1f}–{high:.1f} {unit}"


# ---------------------------------------------------------------------------
# Beside the published estimates
# ---------------------------------------------------------------------------

REFERENCE_COLUMNS: tuple[str, ...] = (
    "publisher",
    "date",
    "quantity",
    "value",
    "unit",
    "low",
    "high",
)


def published_lags(
    reference: pd.DataFrame, *, publisher: str = "Epoch", quantity: str = "lag"
) -> pd.DataFrame:
    """Published open-vs-closed lag estimates from ``reference_estimates``.

    Rows whose ``publisher`` contains ``publisher`` and whose ``quantity``
    contains ``quantity`` (case-insensitive) and whose ``unit`` is months,
    sorted by date; ``date`` as Timestamp, ``value``/``low``/``high`` as
    floats (NaN where the source gives none). Empty when none are in the data.
    """
    require_columns(reference, REFERENCE_COLUMNS, "reference_estimates")
    keep = (
        reference["publisher"].astype(str).str.contains(publisher, case=False, regex=False)
        & reference["quantity"].astype(str).str.contains(quantity, case=False, regex=False)
        & reference["unit"].astype(str).str.lower().str.startswith("month")
    )
    out = reference.loc[keep].copy()
    out["date"] = pd.to_datetime(out["date"], format="ISO8601")
    for col in ("value", "low", "high"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out.sort_values("date").reset_index(drop=True)


def _published_text(row: pd.Series) -> str:
    value, low, high = row["value"], row["low"], row["high"]
    core = f"{value:g} months" if not np.isnan(value) else ""
    if not (np.isnan(low) or np.isnan(high)):
        span = f"{low:g}–{high:g}"
        core = f"{core} ({span})" if core else f"{span} months"
    return core or "n/a"


def lag_table(
    measures: pd.DataFrame, intervals: pd.DataFrame, published: pd.DataFrame
) -> pd.DataFrame:
    """One table: each published estimate beside the book's measures at its date.

    ``measures`` / ``intervals`` come from :func:`measures_at` and
    :func:`bootstrap_intervals` run with ``clamp=True`` on the published
    dates; ``published`` from :func:`published_lags`. One row per (published
    estimate, benchmark), columns ``date``, ``published`` (value and range as
    text), ``benchmark``, ``evaluated_at``, ``lag_behind`` and its
    ``lag_behind_interval``, ``time_to_match`` ("at least ..." when
    censored), ``gap`` (points) with ``gap_interval``, and ``why`` (what
    differs: the book's data stop earlier, no open model scored lately, the
    closed best not matched yet, open ahead), plus the numbers behind the texts.
    """
    joined = measures.merge(intervals, on=["benchmark", "date"], how="left", validate="one_to_one")
    rows = []
    for _, pub in published.iterrows():
        here = joined[joined["date"] == pub["date"]]
        for _, m in here.sort_values("benchmark").iterrows():
            if pd.isna(m["best_open"]) and pd.isna(m["best_closed"]):
                continue  # nothing scored on this benchmark yet
            why = []
            if m["evaluated_at"] < m["date"]:
                why.append(f"book's scores stop {m['evaluated_at']:%b %Y}")
            if pd.notna(m["open_data_end"]) and m["open_data_end"] < m["evaluated_at"]:
                why.append(f"no open model scored after {m['open_data_end']:%b %Y}")
            if m["match_censored"]:
                why.append(f"{m['best_closed_model']} not matched by an open model yet")
            if m["lag_behind_months"] == 0:
                why.append("open model level with or ahead of closed")
            rows.append(
                {
                    "date": pub["date"],
                    "published": _published_text(pub),
                    "published_value": pub["value"],
                    "benchmark": m["benchmark"],
                    "evaluated_at": m["evaluated_at"],
                    "best_open_model": m["best_open_model"],
                    "lag_behind_months": m["lag_behind_months"],
                    "lag_behind": lag_text(m["lag_behind_months"], False),
                    "lag_behind_interval": interval_text(
                        m.get("lag_behind_months_low", np.nan),
                        m.get("lag_behind_months_high", np.nan),
                    ),
                    "time_to_match_months": m["time_to_match_months"],
                    "match_censored": bool(m["match_censored"]),
                    "time_to_match": lag_text(m["time_to_match_months"], m["match_censored"]),
                    "gap": m["gap"],
                    "gap_interval": interval_text(
                        m.get("gap_low", np.nan), m.get("gap_high", np.nan), "points"
                    ),
                    "why": "; ".join(why),
                }
            )
    return pd.DataFrame(rows)


def display_table(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """:func:`lag_table` as the chapter shows it: readable columns, dates as months."""
    return pd.DataFrame(
        {
            "Epoch AI": [
                f"{d:%b %Y}: {p}" for d, p in zip(table["date"], table["published"], strict=True)
            ],
            "Benchmark": table["benchmark"].map(lambda b: labels.get(b, b)),
            "Measured at": table["evaluated_at"].map(lambda d: f"{d:%b %Y}"),
            "Best open model": table["best_open_model"].fillna("none"),
            "Lag behind": table["lag_behind"],
            "Interval": table["lag_behind_interval"],
            "Time to match": table["time_to_match"],
            "Gap (points)": table["gap"].map(lambda g: "n/a" if pd.isna(g) else f"{g:.1f}"),
            "Why it may differ": table["why"],
        }
    )
