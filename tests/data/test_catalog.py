from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import catalog

SOURCES = pd.DataFrame(
    {
        "source_id": ["p", "s", "i", "b", "e"],
        "grade": ["primary", "outlet", "internal_docs", "aggregator", "estimate"],
    }
)


def _rounds(ids):
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-01-05", "2024-06-30", "2025-02-01"][: len(ids)]),
            "source_id": ids,
        }
    )


def test_summary_counts_rows_sources_and_kinds():
    frames = {"funding_rounds": _rounds(["p", "p", "e"])}
    row = catalog.summary(frames, SOURCES).iloc[0]
    assert row["rows"] == 3 and row["sources"] == 2
    assert row["primary_share"] == pytest.approx(2 / 3)
    assert row["estimate_share"] == pytest.approx(1 / 3)
    assert row["start"] == pd.Timestamp("2023-01-05") and row["end"] == pd.Timestamp("2025-02-01")


def test_reputable_share_counts_primary_and_outlet_only():
    frames = {"a": _rounds(["p", "s"]), "b": _rounds(["e", "i"]), "c": _rounds(["b"])}
    assert catalog.reputable_share(frames, SOURCES) == pytest.approx(2 / 5)


def test_summary_has_one_share_per_grade_summing_to_one():
    frames = {"funding_rounds": _rounds(["p", "i", "b"])}
    row = catalog.summary(frames, SOURCES).iloc[0]
    shares = [row[f"{g}_share"] for g in ("primary", "outlet", "internal_docs", "aggregator")]
    assert shares == pytest.approx([1 / 3, 0, 1 / 3, 1 / 3])
    assert sum(shares) + row["estimate_share"] == pytest.approx(1)


def test_unknown_source_is_an_error():
    with pytest.raises(KeyError):
        catalog.source_grades(_rounds(["nope"]), SOURCES)


def test_summary_html_links_each_csv_and_handles_undated_datasets():
    frames = {
        "funding_rounds": _rounds(["p"]),
        "seed_claims": pd.DataFrame({"source_id": ["p"]}),
    }
    html = catalog.summary_html(catalog.summary(frames, SOURCES), "../data/")
    assert 'href="../data/funding_rounds.csv"' in html
    assert 'href="../data/seed_claims.csv"' in html
    assert "2023-01 to 2023-01" in html and "<td>–</td>" in html


def test_dictionary_lists_every_column():
    d = catalog.dictionary("nvidia_quarterly")
    assert "data_center_revenue_usd_m" in set(d["column"])
    assert d.set_index("column").loc["fiscal_quarter", "allowed"] == "1 to 4"
