"""Load a dataset by name, validate it, return a typed DataFrame.

This is the module that reads the data files. Validation has two passes and
reports *every* problem with its file, row and column:

1. parsing: the file is read as text (nothing is coerced by pandas); the
   header must match the data dictionary in :mod:`analysis.data.schemas`; each
   cell must parse as its column's type (ISO date, plain number, allowed word);
2. values (:mod:`analysis.data.rules`): a pandera schema checks bounds,
   patterns, allowed values, unique keys, dates not in the future, and that
   every ``source_id`` exists.

Row numbers count data rows from 1; each problem also gives the file line
where its row starts (a quoted field may hold line breaks).

Rules that span cells (calendars, scales, jumps, references) live in
:mod:`analysis.data.consistency`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
import re
from pathlib import Path

import pandas as pd

from analysis.data.rules import DataError, Problem, value_problems
from analysis.data.schemas import DATASETS, SOURCES, Column, Dataset

DATA_DIR = Path(__file__).resolve().parent
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_UNIT_SUFFIX = re.compile(r"_(usd|eur|gbp|cny|jpy)_(m|bn)$|_usd_per_mtok$")


# ---------------------------------------------------------------- reading


def _read_rows(path: Path, ds: Dataset) -> tuple[list[dict[str, str]], list[Problem]]:
    """Read a CSV as text, checking the header and the shape of every row."""
    name = _display(path)
    problems: list[Problem] = []
    if not path.exists():
        return [], [Problem(name, None, None, "file not found")]
    text, decode_problem = _decode(path.read_bytes())
    if decode_problem:
        return [], [Problem(name, None, None, decode_problem)]
    if not text.strip():
        return [], [Problem(name, None, None, "file is empty (expected a header row)")]
    # StringIO keeps a line separator (U+2028) or newline inside a quoted field in its
    # record; splitting the text into lines first would misnumber every later row.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    line = start = reader.line_num + 1
    last = 0
    expected = ds.column_names
    for col in expected:
        if col not in header:
            problems.append(Problem(name, None, col, "required column is missing"))
    for col in header:
        if col not in expected:
            problems.append(Problem(name, None, col, _stray_column_message(col, expected)))
    if len(set(header)) != len(header):
        dupes = sorted({c for c in header if header.count(c) > 1})
        problems.append(Problem(name, None, None, f"duplicate column name(s) {dupes}"))
    rows: list[dict[str, str]] = []
    lines: dict[int, int] = {}
    for i, cells in enumerate(reader, start=1):
        start, line, last = line, reader.line_num + 1, i
        if not any(c.strip() for c in cells):
            problems.append(Problem(name, i, None, "blank row (remove it)", start))
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    name,
                    i,
                    None,
                    f"has {len(cells)} fields but the header has {len(header)} "
                    "(an unquoted comma, or a missing field?)",
                    start,
                )
            )
            continue
        rows.append(
            {"__row__": str(i), "__line__": str(start), **dict(zip(header, cells, strict=True))}
        )
        lines[i] = start
    if text.count('"') % 2:  # escaped quotes come in pairs: an odd count never closed
        problems.append(
            Problem(
                name,
                last,
                None,
                f"the file ends inside a quoted field that opens in this row (line {start}): "
                "the file is truncated or a closing quote is missing",
                start,
            )
        )
    if not rows and not problems:
        problems.append(Problem(name, None, None, "file has a header but no data rows"))
    return rows, [_at_line(p, lines) for p in problems]


def _at_line(problem: Problem, lines: dict[int, int]) -> Problem:
    """The problem with the file line where its row starts."""
    if problem.row is None or problem.line is not None or problem.row not in lines:
        return problem
    return dataclasses.replace(problem, line=lines[problem.row])


def _decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, or a one-line reason it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", "is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        return "", (
            f"is not UTF-8: byte 0x{data[err.start]:02x} at offset {err.start} cannot be "
            "decoded (Latin-1 or Windows-1252?); save the file as UTF-8"
        )


def _stray_column_message(col: str, expected: list[str]) -> str:
    if _UNIT_SUFFIX.search(col):
        stem = _UNIT_SUFFIX.sub("", col)
        same_stem = [c for c in expected if _UNIT_SUFFIX.sub("", c) == stem]
        if same_stem:
            return (
                f"unexpected column: wrong unit or currency; this dataset records "
                f"'{same_stem[0]}' (US dollars, in the unit its name says)"
            )
    return f"unexpected column (the dataset's columns are: {', '.join(expected)})"


def _parse_cell(raw: str, col: Column) -> tuple[object, str | None]:
    """Parse one cell; return (value, problem message or None)."""
    value = raw.strip()
    if value != raw:
        return None, f"value {raw!r} has leading or trailing spaces"
    if value == "":
        return (None, None) if not col.required else (None, "value is missing")
    if col.kind == "date":
        if not _ISO_DATE.match(value):
            return None, f"cannot read {value!r} as a date (expected YYYY-MM-DD)"
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            return None, f"{value!r} is not a real calendar date"
    if col.kind in ("float", "int"):
        if not _NUMBER.match(value):
            return None, (
                f"cannot read {value!r} as a number (plain digits only: no currency "
                "signs, thousands separators or units)"
            )
        number = float(value)
        if not math.isfinite(number):
            return None, f"{value!r} is not a finite number"
        if col.kind == "int":
            if number != int(number):
                return None, f"{value!r} is not a whole number"
            return int(number), None
        return number, None
    if col.kind == "bool":
        if value not in ("true", "false"):
            return None, f"{value!r} is not 'true' or 'false'"
        return value == "true", None
    return value, None


def _typed_frame(
    name: str, rows: list[dict[str, str]], ds: Dataset
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    records = []
    for row in rows:
        record: dict[str, object] = {"__row__": int(row["__row__"])}
        for col in ds.columns:
            if col.name not in row:
                continue
            value, msg = _parse_cell(row[col.name], col)
            if msg:
                problems.append(Problem(name, record["__row__"], col.name, msg))
            record[col.name] = value
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=["__row__", *ds.column_names])
    for col in ds.columns:
        frame[col.name] = _as_dtype(frame[col.name], col)
    return frame, problems


def _as_dtype(series: pd.Series, col: Column) -> pd.Series:
    if col.kind == "date":
        return pd.to_datetime(series, errors="coerce")  # already parsed; None -> NaT
    if col.kind == "float":
        return pd.to_numeric(series, errors="coerce").astype("float64")
    if col.kind == "int":
        return pd.to_numeric(series, errors="coerce").astype("Int64")
    if col.kind == "bool":
        return series.astype("boolean")
    return series.astype("string")


# ---------------------------------------------------------------- values


# ---------------------------------------------------------------- public API


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _validate_file(
    path: Path, ds: Dataset, source_ids: set[str] | None, today: dt.date
) -> tuple[pd.DataFrame, list[Problem]]:
    rows, problems = _read_rows(path, ds)
    if any(p.row is None for p in problems):  # header is wrong: cells cannot be trusted
        return pd.DataFrame(columns=ds.column_names), problems
    frame, parse_problems = _typed_frame(_display(path), rows, ds)
    # A cell that failed to parse shows up again as 'missing' in pandera: report it once.
    unparsed = {(p.row, p.column) for p in parse_problems}
    rule_problems = [
        p
        for p in value_problems(_display(path), frame, ds, source_ids, today)
        if (p.row, p.column) not in unparsed
    ]
    lines = {int(r["__row__"]): int(r["__line__"]) for r in rows}
    return frame, [_at_line(p, lines) for p in problems + parse_problems + rule_problems]


def load_sources(data_dir: Path | None = None, *, today: dt.date | None = None) -> pd.DataFrame:
    """Load and validate the sources table (all files in ``data/sources/``)."""
    frame, problems = _load_sources(Path(data_dir or DATA_DIR), today or dt.date.today())
    if problems:
        raise DataError(problems)
    return frame


def _load_sources(data_dir: Path, today: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    files = sorted((data_dir / "sources").glob("*.csv"))
    if not files:
        return pd.DataFrame(columns=SOURCES.column_names), [
            Problem(_display(data_dir / "sources"), None, None, "no sources files found")
        ]
    frames, problems = [], []
    for path in files:
        frame, found = _validate_file(path, SOURCES, None, today)
        frame["__file__"] = _display(path)
        frames.append(frame)
        problems += found
    table = pd.concat(frames, ignore_index=True)
    seen: dict[str, str] = {}
    for _, row in table.iterrows():
        sid = row["source_id"]
        if pd.isna(sid):
            continue
        if sid in seen and seen[sid] != row["__file__"]:
            problems.append(
                Problem(
                    row["__file__"],
                    int(row["__row__"]),
                    "source_id",
                    f"source_id {sid!r} is also defined in {seen[sid]}",
                )
            )
        seen.setdefault(sid, row["__file__"])
    return table.drop(columns=["__row__", "__file__"]), problems


def load(name: str, data_dir: Path | None = None, *, today: dt.date | None = None) -> pd.DataFrame:
    """Load dataset ``name`` (see :data:`analysis.data.schemas.DATASETS`), validated.

    Raises :class:`DataError` listing every problem; returns a typed frame
    (dates as ``datetime64``, numbers as float/Int64, words as strings).
    """
    if name == "sources":
        return load_sources(data_dir, today=today)
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(sorted(DATASETS))}")
    data_dir = Path(data_dir or DATA_DIR)
    today = today or dt.date.today()
    sources, problems = _load_sources(data_dir, today)
    frame, found = _validate_file(
        data_dir / f"{name}.csv", DATASETS[name], set(sources["source_id"].dropna()), today
    )
    problems += found
    if name == "model_quality" and not found:
        problems += _unknown_models(data_dir, frame, today)
    if problems:
        raise DataError(problems)
    return frame.drop(columns="__row__").reset_index(drop=True)


def _unknown_models(data_dir: Path, frame: pd.DataFrame, today: dt.date) -> list[Problem]:
    path = data_dir / "models.csv"
    rows, problems = _read_rows(path, DATASETS["models"])
    known = {r.get("model") for r in rows}
    name = _display(data_dir / "model_quality.csv")
    return [
        Problem(name, int(r["__row__"]), "model", f"model {r['model']!r} is not in models.csv")
        for _, r in frame.iterrows()
        if r["model"] not in known
    ]


def check_all(data_dir: Path | None = None, *, today: dt.date | None = None) -> list[Problem]:
    """Validate every dataset present in ``data_dir``; return all problems found.

    Every dataset in the data dictionary must be present.
    """
    data_dir = Path(data_dir or DATA_DIR)
    today = today or dt.date.today()
    sources, problems = _load_sources(data_dir, today)
    ids = set(sources["source_id"].dropna())
    for name, ds in DATASETS.items():
        path = data_dir / f"{name}.csv"
        frame, found = _validate_file(path, ds, ids, today)
        problems += found
        if name == "model_quality" and not found:
            problems += _unknown_models(data_dir, frame, today)
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))


def available() -> list[str]:
    """Names of all datasets in the data dictionary."""
    return list(DATASETS)


def csv_path(name: str) -> Path:
    """Path of a dataset's CSV in the shipped data (for download links)."""
    return DATA_DIR / f"{name}.csv"
