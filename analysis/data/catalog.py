"""The data catalogue: what each dataset holds, how well it is sourced.

Pure functions over loaded frames (see :mod:`analysis.data.datasets`); they feed
the "Data and sources" page.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.schemas import DATASETS, GRADE_LABELS, GRADES, SOURCES, Dataset


def source_grades(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """The ``grade`` (one of ``GRADES``) of each row's source."""
    grades = rows["source_id"].map(sources.set_index("source_id")["grade"])
    if grades.isna().any():
        missing = sorted(set(rows.loc[grades.isna(), "source_id"]))
        raise KeyError(f"rows cite unknown source ids: {missing}")
    return grades


def coverage(frame: pd.DataFrame, ds: Dataset) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last date of a dataset's date column (None if it has none)."""
    if ds.date_column is None:
        if "year" in frame.columns:
            return (
                pd.Timestamp(year=int(frame["year"].min()), month=1, day=1),
                pd.Timestamp(year=int(frame["year"].max()), month=12, day=31),
            )
        return None, None
    dates = frame[ds.date_column].dropna()
    return (dates.min(), dates.max()) if len(dates) else (None, None)


def summary(frames: dict[str, pd.DataFrame], sources: pd.DataFrame) -> pd.DataFrame:
    """One row per dataset: rows, coverage, sources cited, and source-grade shares.

    Shares are fractions of the dataset's rows (0-1), one column
    ``<grade>_share`` per grade in ``GRADES``.
    """
    records = []
    for name, frame in frames.items():
        ds = DATASETS[name]
        grades = source_grades(frame, sources)
        start, end = coverage(frame, ds)
        records.append(
            {
                "dataset": name,
                "title": ds.title,
                "rows": len(frame),
                "start": start,
                "end": end,
                "sources": frame["source_id"].nunique(),
                **{f"{g}_share": float((grades == g).mean()) for g in GRADES},
            }
        )
    return pd.DataFrame.from_records(records)


def reputable_share(frames: dict[str, pd.DataFrame], sources: pd.DataFrame) -> float:
    """Share of all rows in ``frames`` citing a primary source or a reputable outlet."""
    grades = pd.concat([source_grades(f, sources) for f in frames.values()])
    if grades.empty:
        raise ValueError("no rows")
    return float(grades.isin(["primary", "outlet"]).mean())


def _dataset(name: str) -> Dataset:
    return SOURCES if name == "sources" else DATASETS[name]


def dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of one dataset (or ``"sources"``): column, type, meaning, allowed."""
    ds = _dataset(name)
    rows = []
    for col in ds.columns:
        allowed = ", ".join(col.choices)
        if col.min is not None or col.max is not None:
            low = "" if col.min is None else f"{col.min:g}"
            high = "" if col.max is None else f"{col.max:g}"
            allowed = f"{low} to {high}"
        rows.append(
            {
                "column": col.name,
                "type": col.kind,
                "required": "yes" if col.required else "no",
                "meaning": col.description,
                "allowed": allowed,
            }
        )
    return pd.DataFrame(rows)


def summary_html(table: pd.DataFrame, link_prefix: str) -> str:
    """The catalogue as an HTML table with a CSV download link per dataset.

    ``table`` is :func:`summary`'s output; ``link_prefix`` is the relative URL
    of the published data folder (e.g. ``"../data/"``).
    """
    import html

    head = (
        "<tr><th>Dataset</th><th>Rows</th><th>Coverage</th>"
        "<th>Sources</th>"
        + "".join(f"<th>{GRADE_LABELS[g].capitalize()}</th>" for g in GRADES)
        + "<th>Download</th></tr>"
    )
    body = []
    for r in table.itertuples():
        span = "–" if pd.isna(r.start) else f"{r.start:%Y-%m} to {r.end:%Y-%m}"
        body.append(
            f'<tr><td title="{html.escape(r.title, quote=True)}"><code>{r.dataset}</code></td>'
            f"<td>{r.rows:,}</td><td>{span}</td><td>{r.sources}</td>"
            + "".join(f"<td>{getattr(r, f'{g}_share'):.0%}</td>" for g in GRADES)
            + f'<td><a href="{link_prefix}{r.dataset}.csv" download>{r.dataset}.csv</a></td></tr>'
        )
    return (
        '<table class="table gai-catalog"><caption>Datasets behind the book; '
        f'<a href="{link_prefix}sources.csv" download>every source (sources.csv)</a>'
        "</caption>"
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )


def dictionary_html(name: str) -> str:
    """A collapsible data dictionary for one dataset."""
    ds = _dataset(name)
    table = dictionary(name).to_html(index=False, classes="table", border=0)
    return (
        f"<details><summary><code>{name}</code>: {ds.title}</summary>"
        f"<p>{ds.description} Key: {', '.join(ds.key)}.</p>{table}</details>"
    )


# ---------------------------------------------------------------- download metadata
LICENCE = "CC BY 4.0"  # the repository's LICENSE: text, data and charts
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
_SUFFIX_UNITS = (
    ("_usd_per_mtok", "US dollars per million tokens"),
    ("_usd_m", "millions of US dollars"),
    ("_usd_bn", "billions of US dollars"),
    ("_b", "billions (of parameters)"),
)


def column_unit(col_name: str, kind: str, description: str) -> str:
    """A column's unit, from the book's naming rule (``_usd_m`` = millions of US
    dollars) or its type; free-form columns say where their unit is given."""
    for suffix, unit in _SUFFIX_UNITS:
        if col_name.endswith(suffix):
            return unit
    if col_name in {"share"}:
        return "fraction (0-1)"
    if col_name in {"value", "low", "high"}:
        return "given by the row's unit column (or metric)"
    if kind == "date":
        return "ISO date (YYYY-MM-DD)"
    if kind in {"int", "float"}:
        return "see description"
    return "text"


def metadata(
    name: str, frame: pd.DataFrame, sources: pd.DataFrame, citation: str, url: str
) -> dict:
    """The sidecar of a downloaded dataset, as Our World in Data's downloads carry one:
    title, description, each column's meaning and unit, the sources it cites (by grade),
    the date its data run through, the licence and how to cite it."""
    ds = _dataset(name)
    _, end = coverage(frame, ds) if name != "sources" else (None, None)
    cited = (
        sources[sources["source_id"].isin(set(frame["source_id"]))]
        if "source_id" in frame.columns and name != "sources"
        else sources.iloc[0:0]
    )
    return {
        "title": ds.title,
        "description": ds.description,
        "columns": [
            {
                "name": c.name,
                "type": c.kind,
                "unit": column_unit(c.name, c.kind, c.description),
                "description": c.description,
            }
            for c in ds.columns
        ],
        "rows": int(len(frame)),
        "key": list(ds.key),
        "sources": {
            "count": int(cited["source_id"].nunique()),
            "by_grade": {g: int(n) for g, n in cited["grade"].value_counts().sort_index().items()},
            "table": "sources.csv",
        },
        "data_through": None if end is None or pd.isna(end) else f"{end:%Y-%m-%d}",
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "citation": citation,
        "url": url,
    }
