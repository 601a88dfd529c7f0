"""The evidence grade and date of each verdict.

A verdict rests on source rows: the ones its predicate names (the
``sources`` column of a verdict row) or, when it names none, every row of the
datasets the claim lists in ``seed_claims`` (marked ``dataset``, a cruder
reading). Its **grade** is the weakest grade among those sources
(:data:`analysis.data.schemas.GRADES`, strongest first); its **date** is the
latest day one of them was checked (``date_accessed``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from analysis.data.schemas import GRADES

Loader = Callable[[str], pd.DataFrame]


def weakest_grade(grades: Iterable[str]) -> str:
    """The weakest of ``grades`` (empty string if none is known)."""
    known = [g for g in grades if g in GRADES]
    return max(known, key=GRADES.index) if known else ""


def dataset_sources(load: Loader, names: Iterable[str]) -> set[str]:
    """Every source id cited by the rows of the named datasets."""
    out: set[str] = set()
    for name in names:
        frame = load(name)
        for col in [c for c in frame.columns if c.endswith("source_id")]:
            out |= set(frame[col].dropna().astype(str))
    return out


def add_grade_and_date(card: pd.DataFrame, load: Loader) -> pd.DataFrame:
    """The scorecard with ``grade``, ``grade_basis`` (rows | dataset) and ``checked``.

    Claims judged "not testable" get no grade or date.
    """
    sources = load("sources").set_index("source_id")
    claims = load("seed_claims").set_index("claim_id")
    cache: dict[str, set[str]] = {}
    grade, basis, checked = [], [], []
    for r in card.itertuples():
        ids = {s for s in ("" if pd.isna(r.sources) else str(r.sources)).split(";") if s}
        how = "rows"
        if not ids:
            how = "dataset"
            cell = claims.at[r.claim_id, "datasets"]
            names = [n for n in ("" if pd.isna(cell) else str(cell)).split(";") if n]
            key = ";".join(sorted(names))
            if key not in cache:
                cache[key] = dataset_sources(load, names) if names else set()
            ids = cache[key]
        known = sources.reindex(sorted(ids)).dropna(subset=["grade"])
        if r.verdict == "not testable" or known.empty:
            grade.append("")
            basis.append("")
            checked.append("")
            continue
        grade.append(weakest_grade(known["grade"]))
        basis.append(how)
        checked.append(str(pd.to_datetime(known["date_accessed"]).max().date()))
    out = card.copy()
    out["grade"], out["grade_basis"], out["checked"] = grade, basis, checked
    return out
