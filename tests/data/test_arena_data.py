"""check-data on the LMArena snapshots (issue 19): each malformed row is reported with
its file, row and column; the shipped snapshots are whole, dated and nested."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from analysis.data.datasets import check_all, load

TODAY = dt.date(2026, 12, 4)


def _edit(data_dir: Path, name: str, row: int, **cells: str) -> None:
    path = data_dir / f"{name}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[row - 1].update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _problems(data_dir: Path) -> list[str]:
    return [str(p) for p in check_all(data_dir, today=TODAY)]


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"rating_q025": "1500.0"}, "rating_q025", "is above the rating"),
        ({"rating_q975": "900.0"}, "rating_q975", "is below the rating"),
        ({"rating": "12.5"}, "rating", ""),
        ({"snapshot": "DAF5E99"}, "snapshot", "7-character lowercase hex"),
        ({"category": "english"}, "category", ""),
        ({"source_id": "arena-text-nope"}, "source_id", ""),
    ],
)
def test_malformed_snapshot_row_names_file_row_column(
    data_dir: Path, cells: dict[str, str], column: str, words: str
) -> None:
    _edit(data_dir, "arena_snapshots", 3, **cells)
    found = [p for p in _problems(data_dir) if "arena_snapshots.csv" in p]
    assert found, "the corruption was not reported"
    assert any("row 3 " in p and f"column '{column}'" in p and words in p for p in found), found


def test_snapshot_date_in_the_future_is_caught(data_dir: Path) -> None:
    _edit(data_dir, "arena_snapshot_dates", 2, no_earlier_than="2027-01-01")
    found = [p for p in _problems(data_dir) if "arena_snapshot_dates.csv" in p]
    assert any("row 2 " in p and "column 'no_earlier_than'" in p for p in found), found


def test_shipped_snapshots_are_whole_dated_and_nested() -> None:
    snaps = load("arena_snapshots", today=TODAY)
    dates = load("arena_snapshot_dates", today=TODAY).sort_values("order")
    keys = snaps.groupby("snapshot")["model_key"].apply(set)
    # every snapshot is dated, and the key that dates it is in it
    assert set(keys.index) == set(dates["snapshot"])
    for row in dates.itertuples():
        assert row.newest_key in keys[row.snapshot]
    # the whole 'full' category of each stored version (counts read off the files)
    assert keys.map(len).to_dict() == {
        "daf5e99": 214,
        "ca6b342": 222,
        "a310074": 232,
        "1d32ad7": 282,
    }
    # the three older versions nest (each holds every key of the one before), so the order holds
    order = list(dates["snapshot"])
    assert keys[order[0]] < keys[order[1]] < keys[order[2]]
    assert dates["no_earlier_than"].is_monotonic_increasing
