"""check-data against the corruptions a new user tried (issue 17): each one is
built on a copy of the shipped data and must be reported with its file, row
and column, never as a traceback; the untouched data still passes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data import consistency
from analysis.data.datasets import check_all

TODAY = dt.date(2026, 12, 4)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit(data_dir: Path, name: str, row: int, **cells: str) -> None:
    """Set ``cells`` in data row ``row`` (1-based) of ``name``.csv."""
    path = data_dir / f"{name}.csv"
    rows = _rows(path)
    rows[row - 1].update(cells)
    _write(path, rows)


def _problems(data_dir: Path) -> list[str]:
    return [str(p) for p in check_all(data_dir, today=TODAY)]


def _row_of(data_dir: Path, name: str, **match: str) -> int:
    for i, r in enumerate(_rows(data_dir / f"{name}.csv"), start=1):
        if all(r[k] == v for k, v in match.items()):
            return i
    raise LookupError(match)


def test_untouched_copy_passes(data_dir: Path) -> None:
    assert _problems(data_dir) == []


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("latin-1", "is not UTF-8: byte 0xe9 at offset"),
        ("utf-16", "is UTF-16 (it starts with a UTF-16 byte-order mark)"),
    ],
)
def test_non_utf8_file_is_one_line_naming_file(data_dir: Path, encoding: str, expected: str):
    path = data_dir / "models.csv"
    text = path.read_text(encoding="utf-8").replace("Meta", "Méta", 1)
    path.write_bytes(text.encode(encoding, errors="replace"))
    problems = _problems(data_dir)
    hits = [p for p in problems if p.startswith(str(path)) or "models.csv" in p]
    assert any(expected in p and "\n" not in p for p in hits), problems
    if encoding == "latin-1":
        offset = text.encode("latin-1", errors="replace").index(b"\xe9")
        assert any(f"offset {offset} " in p for p in hits), hits


def test_nvidia_period_end_off_the_fiscal_calendar(data_dir: Path) -> None:
    row = _row_of(data_dir, "nvidia_quarterly", fiscal_year="2025", fiscal_quarter="2")
    _edit(data_dir, "nvidia_quarterly", row, period_end="2024-06-30")
    problems = _problems(data_dir)
    assert any(
        f"nvidia_quarterly.csv, row {row} " in p
        and "column 'period_end'" in p
        and "is not the end of NVIDIA's fiscal Q2 FY2025" in p
        for p in problems
    ), problems


def test_nvidia_revenue_in_billions_is_caught(data_dir: Path) -> None:
    row = _row_of(data_dir, "nvidia_quarterly", fiscal_year="2025", fiscal_quarter="2")
    _edit(data_dir, "nvidia_quarterly", row, total_revenue_usd_m="30.04")
    problems = _problems(data_dir)
    assert any(
        f"nvidia_quarterly.csv, row {row} " in p and "column 'total_revenue_usd_m'" in p
        for p in problems
    ), problems


def _middle_point(data_dir: Path, company: str, metric: str) -> int:
    rows = _rows(data_dir / "revenue_points.csv")
    series = sorted(
        (r["date"], i)
        for i, r in enumerate(rows, 1)
        if (r["company"], r["metric"]) == (company, metric)
    )
    return series[len(series) // 2][1]


@pytest.mark.parametrize("scale", [1000, 1 / 1000])
def test_revenue_typed_1000x_off_is_a_jump(data_dir: Path, scale: float) -> None:
    row = _middle_point(data_dir, "OpenAI", "annualized_run_rate")
    value = float(_rows(data_dir / "revenue_points.csv")[row - 1]["value_usd_m"])
    _edit(data_dir, "revenue_points", row, value_usd_m=f"{value * scale:g}")
    problems = [p for p in _problems(data_dir) if "revenue_points.csv" in p]
    assert any("column 'value_usd_m'" in p and "than 100x" in p for p in problems), problems


def test_a_jump_explained_in_the_locator_passes(data_dir: Path) -> None:
    row = _middle_point(data_dir, "OpenAI", "annualized_run_rate")
    value = float(_rows(data_dir / "revenue_points.csv")[row - 1]["value_usd_m"])
    _edit(data_dir, "revenue_points", row, value_usd_m=f"{value * 1000:g}")
    flagged = [p for p in _problems(data_dir) if "than 100x" in p]
    assert flagged
    for p in flagged:
        bad_row = int(p.split(", row ")[1].split(" ")[0])
        old = _rows(data_dir / "revenue_points.csv")[bad_row - 1]["locator"]
        _edit(data_dir, "revenue_points", bad_row, locator=old + " [jump: test]")
    assert not [p for p in _problems(data_dir) if "than 100x" in p]


def test_round_typed_in_thousands_is_caught(data_dir: Path) -> None:
    rows = _rows(data_dir / "funding_rounds.csv")
    row = next(
        i for i, r in enumerate(rows, 1) if r["post_money_valuation_usd_m"] and r["amount_usd_m"]
    )
    amount = float(rows[row - 1]["amount_usd_m"])
    _edit(data_dir, "funding_rounds", row, amount_usd_m=f"{amount * 1000:g}")
    problems = _problems(data_dir)
    assert any(
        f"funding_rounds.csv, row {row} " in p
        and "column 'amount_usd_m'" in p
        and "larger than the post-money valuation" in p
        for p in problems
    ), problems


def test_benchmark_on_a_0_1_scale(data_dir: Path) -> None:
    rows = _rows(data_dir / "model_quality.csv")
    row = next(i for i, r in enumerate(rows, 1) if r["benchmark"] == "mmlu_5shot")
    score = float(rows[row - 1]["score"])
    _edit(data_dir, "model_quality", row, score=f"{score / 100:g}")
    problems = _problems(data_dir)
    assert any(
        f"model_quality.csv, row {row} " in p
        and "column 'score'" in p
        and "looks like a 0-1 share" in p
        for p in problems
    ), problems


def test_capex_period_label_contradicting_its_end(data_dir: Path) -> None:
    rows = _rows(data_dir / "hyperscaler_capex.csv")
    row = next(
        i
        for i, r in enumerate(rows, 1)
        if r["period_type"] == "calendar_quarter" and r["period_end"]
    )
    _edit(data_dir, "hyperscaler_capex", row, period_end="2019-03-31")
    problems = _problems(data_dir)
    assert any(
        f"hyperscaler_capex.csv, row {row} " in p
        and "column 'period_end'" in p
        and "contradicts the period" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("company", "period_type", "period", "end"),
    [
        ("Alphabet", "calendar_quarter", "2024Q3", dt.date(2024, 9, 30)),
        ("Alphabet", "calendar_year", "CY2024", dt.date(2024, 12, 31)),
        ("Microsoft", "fiscal_year", "FY2025", dt.date(2025, 6, 30)),
        ("Microsoft", "fiscal_quarter", "FY2025Q1", dt.date(2024, 9, 30)),
        ("Microsoft", "fiscal_quarter", "FY2025Q4", dt.date(2025, 6, 30)),
        ("Oracle", "fiscal_quarter", "FY2026Q1", dt.date(2025, 8, 31)),
        ("Oracle", "fiscal_quarter", "FY2026Q3", dt.date(2026, 2, 28)),
        ("Amazon", "fiscal_quarter", "FY2024Q1", dt.date(2024, 3, 31)),
        ("Amazon", "calendar_quarter", "2024-Q3", None),
    ],
)
def test_period_end_of_labels(company, period_type, period, end) -> None:
    assert consistency.period_end_of(company, period_type, period) == end


def test_accessed_before_published(data_dir: Path) -> None:
    path = data_dir / "sources" / "nv.csv"
    rows = _rows(path)
    rows[0]["date_accessed"] = "2001-01-01"
    _write(path, rows)
    problems = _problems(data_dir)
    assert any(
        "nv.csv, row 1 " in p
        and "column 'date_accessed'" in p
        and "is before the source was published" in p
        for p in problems
    ), problems


def test_quote_longer_than_the_spec(data_dir: Path) -> None:
    _edit(data_dir, "seed_claims", 3, quote="x" * 301)
    problems = _problems(data_dir)
    assert any(
        "seed_claims.csv, row 3 " in p and "column 'quote'" in p and "limit is 300" in p
        for p in problems
    ), problems


def test_claim_naming_an_unknown_dataset(data_dir: Path) -> None:
    _edit(data_dir, "seed_claims", 1, datasets="funding_rounds;nvidia_quaterly")
    problems = _problems(data_dir)
    assert any(
        "seed_claims.csv, row 1 " in p
        and "column 'datasets'" in p
        and "'nvidia_quaterly', which is not a dataset" in p
        for p in problems
    ), problems


def test_financial_row_citing_an_essay(data_dir: Path) -> None:
    _edit(data_dir, "nvidia_quarterly", 4, source_id="essay-a16z")
    problems = _problems(data_dir)
    assert any(
        "nvidia_quarterly.csv, row 4 " in p
        and "column 'source_id'" in p
        and "one of the essays under test" in p
        for p in problems
    ), problems


def test_file_truncated_inside_a_quoted_field(data_dir: Path) -> None:
    path = data_dir / "api_prices.csv"
    text = path.read_text(encoding="utf-8")
    cut = text.rindex(',"') + 5  # inside the last row's quoted locator
    path.write_text(text[:cut], encoding="utf-8")
    n_rows = len(_rows(data_dir / "api_prices.csv"))
    problems = _problems(data_dir)
    assert any(
        f"api_prices.csv, row {n_rows} " in p and "ends inside a quoted field" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("separator", ["\n", "\u2028"])
def test_row_numbers_after_a_break_inside_a_quoted_field(data_dir: Path, separator: str):
    path = data_dir / "api_prices.csv"
    rows = _rows(path)
    rows[1]["locator"] = f"first part{separator}second part"
    rows[4]["output_usd_per_mtok"] = "-1"
    _write(path, rows)
    problems = _problems(data_dir)
    # row 5 starts on file line 6, or 7 when row 2 spans two lines
    line = 7 if separator == "\n" else 6
    assert any(
        f"api_prices.csv, row 5 (line {line}), column 'output_usd_per_mtok'" in p for p in problems
    ), problems


def test_cli_prints_one_line_per_problem_without_traceback(data_dir: Path) -> None:
    (data_dir / "models.csv").write_bytes("model,dév\n".encode("latin-1"))
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "check-data", str(data_dir)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert "models.csv: is not UTF-8: byte 0xe9 at offset 7" in run.stdout
