from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.provenance import data_as_of, pick_preferred, row_grades, source_line

SOURCES = pd.DataFrame(
    {
        "source_id": ["p-old", "p-new", "s-1", "e-1"],
        "publisher": ["NVIDIA", "NVIDIA", "Reuters", "Blog"],
        "grade": ["primary", "primary", "outlet", "estimate"],
        "date_published": pd.to_datetime(["2023-01-01", "2024-01-01", "2025-01-01", None]),
        "date_accessed": pd.to_datetime(["2026-11-20", "2026-11-23", "2026-11-21", "2026-11-22"]),
    }
)


def test_primary_beats_outlet_and_estimate_even_if_older():
    rows = pd.DataFrame(
        {"k": ["a", "a", "a"], "v": [3, 2, 1], "source_id": ["e-1", "s-1", "p-old"]}
    )
    out = pick_preferred(rows, ["k"], SOURCES)
    assert out["v"].tolist() == [1]
    assert out["n_sources"].tolist() == [3]


def test_later_restatement_wins_among_equals():
    rows = pd.DataFrame({"k": ["a", "a"], "v": [10, 11], "source_id": ["p-old", "p-new"]})
    assert pick_preferred(rows, ["k"], SOURCES)["v"].tolist() == [11]


def test_keys_keep_their_order_and_single_rows_pass_through():
    rows = pd.DataFrame(
        {"k": ["b", "a", "a"], "v": [5, 1, 2], "source_id": ["e-1", "s-1", "p-old"]}
    )
    out = pick_preferred(rows, ["k"], SOURCES)
    assert out["k"].tolist() == ["b", "a"]
    assert out["v"].tolist() == [5, 2]


def test_unknown_source_is_refused():
    rows = pd.DataFrame({"k": ["a"], "v": [1], "source_id": ["nope"]})
    with pytest.raises(KeyError):
        pick_preferred(rows, ["k"], SOURCES)


GRADED = pd.DataFrame(
    {
        "source_id": ["blog-1", "blog-2", "co-1", "news-1", "news-2", "firm-1", "leak-1"],
        "publisher": ["Blog", "Blog", "Company", "Reuters", "CNBC", "Firm", "Reuters"],
        "grade": ["aggregator", "aggregator", "primary", "outlet", "outlet", "estimate",
                  "internal_docs"],
        "date_published": pd.to_datetime(["2025-01-01"] * 7),
    }
)  # fmt: skip


def test_source_line_ranks_publishers_by_grade_then_rows_cited():
    rows = pd.DataFrame({"source_id": ["s-1", "s-1", "s-1", "p-old", "p-new", "e-1"]})
    line = source_line(rows, SOURCES, "demo", limit=2)
    assert line == (
        "NVIDIA; Reuters and 1 more publishers "
        "(4 sources: 2 primary, 1 reputable outlet, 1 estimate). Dataset: demo."
    )


def test_source_line_never_leads_with_a_blog_even_the_most_cited():
    ids = ["blog-1"] * 5 + ["blog-2"] * 3 + ["firm-1", "news-2", "news-1", "news-1", "co-1"]
    line = source_line(pd.DataFrame({"source_id": ids}), GRADED, "demo")
    # primary, then outlets by rows cited, then the estimate; the blog (8 rows) last
    assert line == (
        "Company; Reuters; CNBC; Firm and 1 more publishers "
        "(6 sources: 1 primary, 2 reputable outlet, 1 estimate, 2 aggregator/blog). "
        "Dataset: demo."
    )
    assert source_line(pd.DataFrame({"source_id": ids}), GRADED, "d", limit=10).startswith(
        "Company; Reuters; CNBC; Firm; Blog ("
    )


def test_a_publisher_ranks_by_its_strongest_grade():
    rows = pd.DataFrame({"source_id": ["leak-1", "leak-1", "firm-1", "news-1"]})
    # Reuters has an outlet row and internal-documents rows: it ranks as an outlet
    assert source_line(rows, GRADED, "d").startswith("Reuters; Firm (3 sources: 1 reputable")


def test_row_grades_take_the_weakest_an_aggregator_weakest_of_all():
    rows = pd.DataFrame(
        {"ids": ["co-1", "co-1;news-1", "firm-1;blog-1", "news-1;firm-1", "", None]}
    )
    assert row_grades(rows, GRADED, "ids").tolist() == [
        "primary", "outlet", "aggregator", "estimate", None, None
    ]  # fmt: skip
    with pytest.raises(KeyError, match="nope"):
        row_grades(pd.DataFrame({"source_id": ["co-1;nope"]}), GRADED)


def test_data_as_of_is_the_latest_access_of_the_cited_sources():
    rows = pd.DataFrame({"source_id": ["p-old", "s-1"]})
    assert data_as_of(rows, SOURCES) == "2026-11-21"
