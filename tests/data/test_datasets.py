"""The datasets layer: shipped data is valid; each kind of bad input fails with
a message naming its file, row and column; nothing is dropped silently."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import datasets
from analysis.data.datasets import DATA_DIR, DataError, check_all
from analysis.data.schemas import DATASETS

TODAY = dt.date(2026, 11, 23)


def test_shipped_data_is_valid():
    problems = check_all(DATA_DIR)
    assert not problems, "\n".join(map(str, problems[:30]))


@pytest.mark.parametrize("name", list(DATASETS))
def test_load_keeps_every_row(name: str):
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8") as f:
        n_rows = sum(1 for _ in csv.DictReader(f))
    frame = datasets.load(name)
    assert len(frame) == n_rows
    assert list(frame.columns) == DATASETS[name].column_names


@pytest.mark.parametrize("name", [n for n, d in DATASETS.items() if d.provenance])
def test_every_row_resolves_to_a_source_with_an_address(name: str):
    frame = datasets.load(name)
    sources = datasets.load("sources").set_index("source_id")
    urls = frame["source_id"].map(sources["url"])
    assert urls.notna().all()
    assert urls.str.match(r"^https?://").all()
    assert frame["locator"].str.len().min() > 3


def test_typed_columns():
    nv = datasets.load("nvidia_quarterly")
    assert pd.api.types.is_datetime64_any_dtype(nv["period_end"])
    assert nv["total_revenue_usd_m"].dtype == "float64"
    models = datasets.load("models")
    assert models["open_weights"].dtype == "boolean"


# ---------------------------------------------------------------- bad input

NV_HEADER = (
    "fiscal_year,fiscal_quarter,period_end,total_revenue_usd_m,"
    "data_center_revenue_usd_m,source_id,locator"
)
GOOD_NV_ROW = "2023,3,2022-10-30,5931,3833,nv-test,press release table"
SOURCES = (
    "source_id,title,publisher,url,date_published,date_accessed,grade,note\n"
    "nv-test,Results,NVIDIA,https://nvidianews.nvidia.com/x,2022-11-16,2026-11-23,primary,\n"
)


@pytest.fixture()
def data_dir(data_dir: Path) -> Path:
    """The shared copy of the shipped data (tests/data/conftest.py) plus a test source file."""
    (data_dir / "sources" / "zz-test.csv").write_text(SOURCES, encoding="utf-8")
    return data_dir


def _nv(data_dir: Path, *rows: str, header: str = NV_HEADER) -> list[str]:
    (data_dir / "nvidia_quarterly.csv").write_text(
        "\n".join([header, *rows]) + "\n", encoding="utf-8"
    )
    return [str(p) for p in check_all(data_dir, today=TODAY)]


BAD_NV_CASES = {
    "unknown source id": (
        "2023,3,2022-10-30,5931,3833,nv-nope,table",
        "row 1 (line 2), column 'source_id': value 'nv-nope' is not a source_id",
    ),
    "missing source": (
        "2023,3,2022-10-30,5931,3833,,table",
        "row 1 (line 2), column 'source_id': value is missing",
    ),
    "missing locator": (
        "2023,3,2022-10-30,5931,3833,nv-test,",
        "row 1 (line 2), column 'locator': value is missing",
    ),
    "negative amount": (
        "2023,3,2022-10-30,-5931,3833,nv-test,table",
        "column 'total_revenue_usd_m': value -5931 is below the minimum 0",
    ),
    "absurd amount": (
        "2023,3,2022-10-30,5931000,3833,nv-test,table",
        "column 'total_revenue_usd_m': value 5931000 is above the plausible maximum",
    ),
    "future date": (
        "2023,3,2031-10-30,5931,3833,nv-test,table",
        "column 'period_end': value '2031-10-30' is in the future",
    ),
    "unparsable date": (
        "2023,3,30/10/2022,5931,3833,nv-test,table",
        "column 'period_end': cannot read '30/10/2022' as a date",
    ),
    "impossible date": (
        "2023,3,2022-02-30,5931,3833,nv-test,table",
        "column 'period_end': '2022-02-30' is not a real calendar date",
    ),
    "number with currency sign": (
        "2023,3,2022-10-30,$5931,3833,nv-test,table",
        "column 'total_revenue_usd_m': cannot read '$5931' as a number",
    ),
    "thousands separator": (
        '2023,3,2022-10-30,"5,931",3833,nv-test,table',
        "column 'total_revenue_usd_m': cannot read '5,931' as a number",
    ),
    "quarter out of range": (
        "2023,5,2022-10-30,5931,3833,nv-test,table",
        "column 'fiscal_quarter': value 5 is above the plausible maximum 4",
    ),
    "part larger than whole": (
        "2023,3,2022-10-30,3833,5931,nv-test,table",
        "column 'data_center_revenue_usd_m': is larger than total revenue",
    ),
    "ragged row": (
        "2023,3,2022-10-30,5931,3833,nv-test,table,extra",
        "row 1 (line 2): has 8 fields but the header has 7",
    ),
    "stray spaces": (
        "2023,3,2022-10-30, 5931,3833,nv-test,table",
        "column 'total_revenue_usd_m': value ' 5931' has leading or trailing spaces",
    ),
}


@pytest.mark.parametrize("case", list(BAD_NV_CASES))
def test_bad_row_is_reported_with_file_row_and_column(data_dir: Path, case: str):
    row, expected = BAD_NV_CASES[case]
    problems = _nv(data_dir, GOOD_NV_ROW.replace("2023,3,2022-10-30", "2023,2,2022-07-31"), row)
    hits = [p for p in problems if "nvidia_quarterly.csv" in p]
    assert any(expected.replace("row 1 (line 2)", "row 2 (line 3)") in p for p in hits), hits


def test_duplicate_key(data_dir: Path):
    problems = _nv(data_dir, GOOD_NV_ROW, GOOD_NV_ROW)
    assert any(
        "row 2 (line 3), column 'fiscal_year,fiscal_quarter,source_id': duplicate key" in p
        and "as row 1" in p
        for p in problems
    ), problems


def test_empty_file(data_dir: Path):
    (data_dir / "nvidia_quarterly.csv").write_text("", encoding="utf-8")
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any("nvidia_quarterly.csv: file is empty" in p for p in problems)


def test_header_only(data_dir: Path):
    problems = _nv(data_dir)
    assert any("nvidia_quarterly.csv: file has a header but no data rows" in p for p in problems)


def test_missing_column(data_dir: Path):
    header = NV_HEADER.replace(",locator", "")
    problems = _nv(data_dir, GOOD_NV_ROW.rsplit(",", 1)[0], header=header)
    assert any("column 'locator': required column is missing" in p for p in problems)


def test_stray_extra_column(data_dir: Path):
    problems = _nv(data_dir, GOOD_NV_ROW + ",x", header=NV_HEADER + ",comment")
    assert any("column 'comment': unexpected column" in p for p in problems)


def test_wrong_currency_column(data_dir: Path):
    header = NV_HEADER.replace("total_revenue_usd_m", "total_revenue_eur_m")
    problems = _nv(data_dir, GOOD_NV_ROW, header=header)
    assert any(
        "column 'total_revenue_eur_m': unexpected column: wrong unit or currency" in p
        for p in problems
    ), problems


def test_blank_line_is_reported_not_skipped(data_dir: Path):
    problems = _nv(
        data_dir, GOOD_NV_ROW, "", GOOD_NV_ROW.replace("2023,3,2022-10-30", "2023,4,2023-01-29")
    )
    assert any("row 2 (line 3): blank row" in p for p in problems)


def test_share_above_one(data_dir: Path):
    path = data_dir / "genai_funding_totals.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(publisher="X", year="2023", layer="models", share="1.2", scope="test")
    row.update(basis="reported", source_id="nv-test", locator="chart")
    path.write_text(rows[0] + "\n" + ",".join(row[c] for c in header) + "\n", encoding="utf-8")
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any(
        "genai_funding_totals.csv, row 1 (line 2), column 'share': value 1.2 is above" in p
        for p in problems
    ), problems


def test_unknown_category(data_dir: Path):
    path = data_dir / "funding_rounds.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(csv.DictReader(lines))
    first["layer"] = "hardware"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(first), lineterminator="\n")
        w.writeheader()
        w.writerow(first)
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any(
        "funding_rounds.csv, row 1 (line 2), column 'layer': value 'hardware' is not one of" in p
        for p in problems
    ), problems


def test_duplicate_source_id_across_files(data_dir: Path):
    (data_dir / "sources" / "zz-dup.csv").write_text(SOURCES, encoding="utf-8")
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any("source_id 'nv-test' is also defined in" in p for p in problems), problems


def test_bad_url_in_sources(data_dir: Path):
    (data_dir / "sources" / "zz-test.csv").write_text(
        SOURCES.replace("https://nvidianews.nvidia.com/x", "nvidianews.nvidia.com"),
        encoding="utf-8",
    )
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any("zz-test.csv, row 1 (line 2), column 'url'" in p for p in problems), problems


@pytest.mark.parametrize(
    "url",
    [
        "https://mirror.example/@lobehub/chat@1.94.11/x.ts",
        "https://mirror.example/npm/x@1/y.js",
        "https://mirror.example/ajax/libs/vega/5.1.0/vega.js",
    ],
)
def test_package_mirror_copy_is_not_a_source(data_dir: Path, url: str):
    (data_dir / "sources" / "zz-test.csv").write_text(
        SOURCES.replace("https://nvidianews.nvidia.com/x", url), encoding="utf-8"
    )
    problems = [str(p) for p in check_all(data_dir, today=TODAY)]
    assert any(
        "zz-test.csv, row 1 (line 2), column 'url'" in p and "mirror's copy" in p for p in problems
    ), problems


def test_load_raises_with_every_problem(data_dir: Path):
    _nv(data_dir, "2023,3,2022-10-30,-1,3833,nv-nope,table")
    with pytest.raises(DataError) as err:
        datasets.load("nvidia_quarterly", data_dir, today=TODAY)
    text = str(err.value)
    assert "below the minimum 0" in text and "is not a source_id" in text


def test_check_data_cli(data_dir: Path):
    ok = subprocess.run(
        [sys.executable, "-m", "analysis", "check-data", str(DATA_DIR)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    _nv(data_dir, "2023,3,2022-10-30,-1,3833,nv-test,table")
    bad = subprocess.run(
        [sys.executable, "-m", "analysis", "check-data", str(data_dir)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "nvidia_quarterly.csv, row 1 (line 2), column 'total_revenue_usd_m'" in bad.stdout
