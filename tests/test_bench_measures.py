"""benchmarks/run.py: each target's verdict follows the measured values."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402


def _results(html_one: int, time_one: float) -> dict:
    page = {"lighthouse": None, "axe": None}
    return {
        "builds": {
            "clean_runs": [30, 31], "clean_seconds": 30.0, "floor_seconds": 25.0,
            "floor_execute_seconds": 20.0, "floor_sphinx_seconds": 5.0,
            "rebuild_seconds": 1.5, "rebuild_runs": [1.5, 1.4, 1.6],
            "edit": {"chapter": "index.md", "seconds": 7.0, "re_executed": ["index.md"]},
        },
        "pages": [
            {**page, "page": "many.html", "charts": 6, "html_bytes": 150_000,
             "spec_bytes": 100_000, "time_ms": 600.0, "floor_ms": 500.0, "time_runs_ms": [600] * 5},
            {**page, "page": "one.html", "charts": 1, "html_bytes": html_one,
             "spec_bytes": 4_000, "frame_bytes": 6_000, "no_chart_bytes": 4_000,
             "time_ms": time_one, "floor_ms": 250.0, "no_charts_ms": 50.0,
             "time_runs_ms": [1] * 5},
            {**page, "page": "text.html", "charts": 0, "html_bytes": 30_000, "spec_bytes": 0},
        ],
        "montecarlo": {"split_seconds": 0.011, "plain_seconds": 0.010,
                       "simulate_seconds": 0.09, "draw_plus_plain_seconds": 0.06},
        "reproducibility": {"identical": True, "charts_compared": 2, "glue_compared": 3,
                            "differences": []},
    }  # fmt: skip


def _measure(results: dict, prefix: str) -> dict:
    return next(m for m in run.build_measures(results) if m["what"].startswith(prefix))


def test_page_weight_and_time_are_met_only_when_every_chart_page_meets_them():
    ok = _results(html_one=8_000, time_one=300.0)
    for prefix in ("HTML bytes per page with", "HTML bytes per one-chart", "Time until"):
        assert _measure(ok, prefix)["met"], prefix
    assert _measure(ok, "Time until the chart")["met"]
    heavy = _results(html_one=30_000, time_one=400.0)
    weight, time = _measure(heavy, "HTML bytes per one-chart"), _measure(heavy, "Time until the")
    assert not weight["met"] and not time["met"]
    # floors: 4 KB without the chart + 4 KB of spec; 50 ms painted + 250 ms bare chart
    assert weight["ratio"] == 30_000 / 8_000 and time["ratio"] == 400 / 300
    assert "pages with one chart 3.75–3.75×" in weight["measured"]
    assert "against the chart specs alone pages with one chart 7.5–7.5×" in weight["measured"]
    assert "against the bare chart alone pages with one chart 1.60–1.60×" in time["measured"]


def test_pages_with_several_charts_keep_their_floors():
    results = _results(html_one=30_000, time_one=400.0)
    weight = _measure(results, "HTML bytes per page with several")
    time = _measure(results, "Time until every chart has drawn, pages with several")
    assert (
        weight["met"]
        and weight["ratio"] == 1.5
        and "pages with one chart" not in weight["measured"]
    )
    assert time["met"] and time["ratio"] == 1.2
    results["pages"][0]["html_bytes"] = 210_000
    assert not _measure(results, "HTML bytes per page with several")["met"]


def test_the_one_chart_floor_is_the_page_without_its_chart_plus_the_bare_chart():
    page = {"no_chart_bytes": 20_000, "spec_bytes": 3_000, "no_charts_ms": 90.0, "floor_ms": 110}
    assert run.one_chart_floor_bytes(page) == 23_000
    assert run.one_chart_floor_ms(page) == 200.0


def test_without_charts_removes_every_figure_and_the_runtime():
    import site_quality

    html = (
        '<head><script async="async" src="../_static/vega-runtime.js"></script></head><body>'
        '<p>text</p><figure class="gai-chart" id="a"><script class="gai-spec">{}</script>'
        "<details>cite</details></figure><p>more</p>"
        '<figure class="gai-chart" id="b"></figure></body>'
    )
    assert site_quality.without_charts(html) == "<head></head><body><p>text</p><p>more</p></body>"


def test_rebuild_and_edit_verdicts():
    results = _results(html_one=8_000, time_one=300.0)
    assert _measure(results, "No-change rebuild")["met"]  # 1.5 s of 30 s = 5%
    results["builds"]["rebuild_seconds"] = 5.0
    assert not _measure(results, "No-change rebuild")["met"]  # 17%
    results["builds"]["edit"]["re_executed"] = ["index.md", "apps.md"]
    assert not _measure(results, "Rebuild after editing")["met"]


def test_page_weight_says_where_the_theme_frame_alone_exceeds_the_target():
    results = _results(html_one=30_000, time_one=300.0)
    results["pages"][0]["frame_bytes"] = 60_000
    assert "frame" not in _measure(results, "HTML bytes per page with")["measured"]
    results["pages"][0]["frame_bytes"] = 250_000  # > 2 x 100 KB of specs
    measured = _measure(results, "HTML bytes per page with")["measured"]
    assert "on 1 of 1 chart pages the theme's frame alone (244 KB" in measured
    assert "is 2.5× their specs" in measured
    assert run._span([14.2, 14.4], ".0f") == "14" and run._span([3.1, 4.9], ".1f") == "3.1–4.9"


def test_stylesheet_bytes_are_the_shipped_bundle(tmp_path: Path):
    static = tmp_path / "_static"
    static.mkdir()
    (static / "gai-styles-x.css").write_text(".a{color:red}")
    (static / "gai-styles.json").write_text(json.dumps({"gai-styles-x.css": ["a.css", "b.css"]}))
    assert run.stylesheet_bytes(tmp_path) == {"stylesheet_bytes": 13}
