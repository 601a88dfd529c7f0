"""Every chart says where its data end ("data through"), per series where they differ,
and a chart with no time axis says what its date means instead (issue 21).

The unit tests build :func:`analysis.charts.finish` metadata by hand; the ``book`` tests
read every figure of the built site (its spec's metadata, caption and CSV sidecar) and
fail when a figure's data-through date is only the check date by fallback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from analysis.charts import as_of, data_end, finish, series_ends, through_words
from analysis.charts.apps_prices import compare_through
from analysis.charts.infrastructure_data import capex_through, layer_through
from analysis.charts.models_arena import snapshot_through
from analysis.charts.models_titles import rounds_through
from analysis.charts.payload import read_payload
from analysis.charts.renderer import chart_html

CHART = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_point().encode(x="x", y="y")
BASE = dict(chart_id="fig-t", title="T", alt_text="A", source="S.", data_as_of="2026-11-23")


def meta(chart) -> dict:
    return chart.to_dict()["usermeta"]["gai"]


# ------------------------------------------------------------------ the pieces


def test_data_end_takes_the_latest_date_not_after_the_cap():
    dates = pd.Series(["2025-03-31", "2026-12-31", None])
    assert data_end(dates, "2025-06-30") == "2026-12-31"
    assert data_end(dates, "2025-06-30", as_of="2026-11-23") == "2025-06-30"
    assert data_end(pd.Series([None])) is None and data_end() is None


def test_series_ends_gives_each_series_its_last_date():
    frame = pd.DataFrame(
        {
            "s": ["b", "a", "a", "b"],
            "date": ["2024-01-01", "2025-03-01", "2025-01-01", "2023-05-05"],
        }
    )
    assert series_ends(frame, "s") == {"a": "2025-03-01", "b": "2024-01-01"}
    assert series_ends(frame, "s", as_of="2024-12-31") == {"b": "2024-01-01"}


def test_caption_names_each_series_end_grouping_shared_ends():
    m = {
        "data_through": "2026-01-25",
        "series_through": {"B": "2025-12-31", "C": "2026-01-25", "A": "2025-12-31"},
    }  # names sorted whatever the dict's order (a spec's JSON may sort its keys)
    assert through_words(m) == "Data through: A and B 2025-12-31; C 2026-01-25."
    same = {"data_through": "2025-12-31", "series_through": {"A": "2025-12-31"}}
    assert through_words(same) == "Data through 2025-12-31."
    timeless = {"data_through": "2026-12-04", "data_through_label": "Verdicts as of"}
    assert through_words(timeless) == "Verdicts as of 2026-12-04."
    assert through_words({}) == ""


def test_finish_records_each_series_end_and_the_latest():
    m = meta(finish(CHART, **BASE, data_through={"A": "2024-06-30", "B": "2025-03-31"}))
    assert m["data_through"] == "2025-03-31"
    assert m["series_through"] == {"A": "2024-06-30", "B": "2025-03-31"}
    html = chart_html(finish(CHART, **BASE, data_through={"A": "2024-06-30"}).to_dict())
    assert "Data through 2024-06-30." in html


def test_a_timeless_chart_says_what_its_date_means():
    chart = finish(CHART, **BASE, **as_of("Verdicts as of", pd.Series(["2026-12-04"])))
    m = meta(chart)
    assert m["data_through"] == "2026-12-04" and m["data_through_label"] == "Verdicts as of"
    assert "Verdicts as of 2026-12-04." in chart_html(chart.to_dict())
    assert "Data through" not in chart_html(chart.to_dict())
    with pytest.raises(ValueError):
        finish(CHART, **BASE, timeless="Verdicts as of")  # a label needs its date
    with pytest.raises(ValueError):
        finish(CHART, **BASE, data_through="2026-12-04", timeless=" ")


def test_a_chart_without_dates_gets_no_data_through_by_itself():
    assert "data_through" not in meta(finish(CHART, **BASE))


# ------------------------------------------------------------------ chapter helpers


def test_capex_series_end_in_their_last_drawn_year():
    years = pd.DataFrame(
        {
            "company": ["Amazon", "Amazon", "Meta", "Meta"],
            "year": [2024, 2025, 2025, 2026],
            "year_type": ["calendar"] * 4,
            "capex_usd_bn": [80.0, 130.0, 70.0, None],
        }
    )
    capex = pd.DataFrame(
        {
            "company": ["Amazon", "Amazon", "Meta", "Meta"],
            "period": ["2025Q3", "2025Q4", "2025Q2", "2026Q1"],
            "period_end": pd.to_datetime(["2025-09-30", "2025-12-31", "2025-06-30", "2026-03-31"]),
        }
    )
    nv = pd.DataFrame(
        {
            "complete": [True, False],
            "last_period_end": pd.to_datetime(["2026-01-25", "2026-04-26"]),
        }
    )
    # Meta's 2026 is not drawn (no value), so its end is its 2025 quarter, not 2026's
    assert capex_through(years, capex, nv, 2023) == {
        "Amazon": "2025-12-31",
        "Meta": "2025-06-30",
        "Nvidia Data Center": "2026-01-25",
    }


def test_layer_parts_end_at_their_companies_last_figure_in_the_drawn_years():
    layers = pd.DataFrame(
        {
            "calendar_year": [2025, 2026],
            "infrastructure_share": [0.9, None],  # 2026 has no share: not drawn
            "infrastructure_companies": ["NVIDIA Data Center;CoreWeave", "CoreWeave"],
            "models_companies": ["OpenAI", "OpenAI"],
            "apps_companies": ["Midjourney", "Midjourney"],
        }
    )
    nv = pd.DataFrame(
        {"calendar_year": [2025, 2026], "last_period_end": ["2026-01-25", "2026-04-26"]}
    )
    revenue = pd.DataFrame(
        {
            "company": ["CoreWeave", "OpenAI", "OpenAI", "Midjourney"],
            "date": ["2025-12-31", "2025-07-01", "2026-06-30", "2024-12-31"],
        }
    )
    assert layer_through(layers, nv, revenue) == {
        "Nvidia Data Center": "2026-01-25",
        "GPU clouds": "2025-12-31",
        "Model providers": "2025-07-01",
    }  # Midjourney has no 2025 figure: the apps part has no date and is left out


def test_rounds_arena_and_compare_ends():
    rounds = pd.DataFrame(
        {
            "layer": ["models", "models", "apps"],
            "date": pd.to_datetime(["2026-05-28", "2025-01-01", "2026-03-01"]),
        }
    )
    assert rounds_through(rounds, "models") == "2026-05-28"
    assert set(rounds_through(rounds).values()) == {"2026-05-28", "2026-03-01"}
    marks = pd.DataFrame({"year": [2022, 2024]})
    assert rounds_through(rounds, marks=marks)["published shares"] == "2024-12-31"
    front = pd.DataFrame({"no_earlier_than": pd.to_datetime(["2025-06-01", "2025-12-02"])})
    assert snapshot_through(front) == "2025-12-02"
    table = pd.DataFrame({"label": ["ours", "Epoch"]})
    published = pd.DataFrame(
        {"label": ["Epoch", "Not drawn"], "date_published": ["2025-03-12", "2026-05-01"]}
    )
    fits = pd.DataFrame({"effective_date": ["2025-09-29", "2024-01-01"]})
    assert compare_through(table, fits, published) == {
        "this book's fits": "2025-09-29",
        "published estimates (latest published)": "2025-03-12",
    }


# ------------------------------------------------------------------ the built book

FIGURE_RE = re.compile(r'<figure class="gai-chart"(.*?)</figure>', re.DOTALL)
CAPTION_RE = re.compile(r'<span class="gai-chart-through">(.*?)</span>', re.DOTALL)


def _built_figures(site: Path) -> list[tuple[str, dict, str]]:
    from tests.test_figures import _figures

    out = []
    for rel, fig in _figures(site):
        spec = read_payload(fig.spec) if fig.spec else {}
        out.append((f"{rel}#{fig.attrs.get('id', '?')}", spec, fig))
    return out


@pytest.mark.book
def test_no_figure_is_dated_by_the_check_date_by_fallback(site: Path):
    """A figure's data-through date is its own (found in its data or passed computed), or
    the figure is declared timeless with a label saying what its date means."""
    problems = []
    figures = _built_figures(site)
    assert figures, "no figure in the built book"
    for where, spec, _fig in figures:
        m = (spec.get("usermeta") or {}).get("gai") or {}
        label = (m.get("data_through_label") or "").strip()
        if not m.get("data_through"):
            problems.append(f"{where}: no data-through date (the exports fall back to as-of)")
        elif m["data_through"] == m.get("data_as_of") and not label:
            problems.append(f"{where}: data through = the check date, and not declared timeless")
        ends = m.get("series_through") or {}
        if ends and m.get("data_through") != max(ends.values()):
            problems.append(f"{where}: data through is not the latest series end")
    assert not problems, "\n".join(problems)


@pytest.mark.book
def test_caption_and_sidecar_carry_the_figures_data_end(site: Path):
    problems = []
    for where, spec, _fig in _built_figures(site):
        m = (spec.get("usermeta") or {}).get("gai") or {}
        if not m.get("data_through"):
            continue  # the test above reports it
        page = (site / where.split("#")[0]).read_text(encoding="utf-8")
        fid = where.split("#")[1]
        block = next((f for f in FIGURE_RE.findall(page) if f'id="{fid}"' in f), "")
        caption = " ".join(CAPTION_RE.findall(block))
        if through_words(m) not in caption.replace("&#x27;", "'").replace("&amp;", "&"):
            problems.append(f"{where}: caption lacks {through_words(m)!r}")
        sidecar = site / "data" / f"{fid}.metadata.json"
        if sidecar.is_file():
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            if data.get("data_through") != m["data_through"]:
                problems.append(f"{where}: sidecar's data_through {data.get('data_through')}")
            if m.get("data_through_label") and data.get("data_through_label") != m.get(
                "data_through_label"
            ):
                problems.append(f"{where}: sidecar lacks what its date means")
    assert not problems, "\n".join(problems)
