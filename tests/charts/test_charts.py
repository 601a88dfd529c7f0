"""The chart layer: finish() metadata and the offline renderer's HTML."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest

from analysis.charts import LAYER_COLORS, finish, layer_color_scale, payload, renderer
from analysis.charts.payload import read_payload


def _chart():
    data = pd.DataFrame({"layer": ["apps", "models"], "v": [1, 2]})
    return alt.Chart(data).mark_bar().encode(x="v:Q", y="layer:N").properties(height=200)


def _finished(**kw):
    args = dict(
        chart_id="fig-test",
        title="Models get more",
        alt_text="Bar chart: models 2, apps 1.",
        source="Test publisher (1 source). Dataset: test.",
        data_as_of="2026-11-23",
    )
    args.update(kw)
    return finish(_chart(), **args)


def test_finish_records_citation_metadata():
    spec = _finished().to_dict()
    meta = spec["usermeta"]["gai"]
    assert meta["id"] == "fig-test"
    assert meta["source"].startswith("Test publisher")
    assert spec["description"] == "Bar chart: models 2, apps 1."
    assert spec["title"]["text"] == "Models get more"


@pytest.mark.parametrize("bad", [{"chart_id": "Fig 1"}, {"alt_text": " "}, {"source": ""}])
def test_finish_refuses_incomplete_charts(bad):
    with pytest.raises(ValueError):
        _finished(**bad)


def test_renderer_html_is_offline_and_accessible():
    spec = _finished().to_dict()
    html = renderer.chart_html(spec)
    assert 'id="fig-test"' in html
    assert 'aria-label="Bar chart: models 2, apps 1."' in html
    assert "Source: Test publisher" in html and "Data as of 2026-11-23." in html
    assert not re.search(r"https?://", html), "the fragment names no address"
    payload = re.search(r'class="gai-spec">(.*?)</script>', html).group(1)
    embedded = read_payload(payload)
    assert embedded["usermeta"]["gai"]["id"] == "fig-test"
    assert "$schema" not in embedded
    height = int(re.search(r"min-height:(\d+)px", html).group(1))
    assert height >= 200 + 60


def test_render_returns_html_and_vegalite_bundle():
    bundle = renderer.render(_finished().to_dict())
    assert "text/html" in bundle
    assert any(k.startswith("application/vnd.vegalite") for k in bundle)


def test_layer_colours_are_one_per_layer_and_distinct():
    scale = layer_color_scale().to_dict()
    assert scale["domain"] == ["apps", "models", "infrastructure"]
    assert len(set(scale["range"])) == 3
    assert scale["range"] == [LAYER_COLORS[k] for k in scale["domain"]]


def test_drawn_columns_only_drops_what_no_part_of_the_chart_names():
    data = pd.DataFrame(
        {
            "layer": ["apps", "models"],
            "v": [1, 2],
            "w": [3, 4],  # used only inside an expression
            "note": ["a", "b"],  # used only in a tooltip
            "unused_source_id": ["s1", "s2"],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(x="double:Q", y="layer:N", tooltip=["note:N"])
        .transform_calculate(double="datum.v + datum.w")
    )
    spec = renderer.drawn_columns_only(chart.to_dict())
    (rows,) = spec["datasets"].values()
    assert rows == [
        {"layer": "apps", "v": 1, "w": 3, "note": "a"},
        {"layer": "models", "v": 2, "w": 4, "note": "b"},
    ]
    # the bundle handed to Jupyter and the page's payload are both trimmed
    bundle = renderer.render(chart.to_dict())
    assert "unused_source_id" not in bundle["text/html"]
    assert all("unused_source_id" not in r for r in next(iter(_vl(bundle)["datasets"].values())))


def test_drawn_columns_only_keeps_every_row():
    data = pd.DataFrame({"a": range(5), "b": range(5)})
    spec = alt.Chart(data).mark_rule().encode(y="count():Q").to_dict()
    (rows,) = renderer.drawn_columns_only(spec)["datasets"].values()
    assert len(rows) == 5  # count() still counts five rows, though no column is named


def _vl(bundle: dict) -> dict:
    (key,) = [k for k in bundle if k.startswith("application/vnd.vegalite")]
    return bundle[key]


def test_payload_packs_datasets_as_columns_and_unpacks_them_unchanged():
    data = pd.DataFrame({"layer": ["apps", "models", "infra"], "v": [1.5, None, 3.0]})
    spec = alt.Chart(data).mark_bar().encode(x="v:Q", y="layer:N").to_dict()
    packed = payload.pack(spec)
    (table,) = packed["datasets"].values()
    assert table == {
        "columns": ["layer", "v"],
        "rows": [["apps", 1.5], ["models", None], ["infra", 3.0]],
    }
    assert payload.unpack(packed) == spec
    assert payload.read_payload(payload.to_payload(spec)) == spec
    assert (
        payload.spec_bytes(packed) == payload.spec_bytes(spec) > len(payload.to_payload(spec)) - 200
    )


def test_payload_leaves_ragged_rows_as_they_are():
    spec = {"datasets": {"d": [{"a": 1}, {"a": 2, "b": 3}], "e": []}, "mark": "point"}
    assert payload.pack(spec) == spec
    assert payload.unpack(payload.pack(spec)) == spec


def test_payload_cannot_close_its_script_element():
    spec = {"datasets": {"d": [{"label": "</script><script>alert(1)"}]}, "mark": "text"}
    text = payload.to_payload(spec)
    assert "</" not in text
    assert payload.read_payload(text) == spec


def test_payload_carries_the_theme_config_as_a_mark_and_restores_it():
    from analysis.charts.theme import THEME_NAME

    data = pd.DataFrame({"layer": ["apps", "models"], "v": [1.0, 2.0]})
    with alt.theme.enable(THEME_NAME):
        spec = alt.Chart(data).mark_bar().encode(x="v:Q", y="layer:N").to_dict()
    assert spec["config"] == payload.theme_config()
    text = payload.to_payload(spec)
    assert '"config":"gai-theme"' in text and "labelFontSize" not in text
    assert payload.read_payload(text) == spec
    assert payload.spec_bytes(payload.pack(spec)) == payload.spec_bytes(spec)  # floor: full spec


def test_payload_keeps_a_config_that_differs_from_the_theme():
    config = {**payload.theme_config(), "background": "#fafafa"}
    spec = {"config": config, "mark": "point"}
    assert payload.pack(spec) == spec
    assert payload.read_payload(payload.to_payload(spec)) == spec


def test_verdict_colours_follow_the_scorecard_order() -> None:
    """The verdict chart orders and colours verdicts as the scorecard defines them."""
    from analysis.charts.verdict import VERDICT_COLORS, VERDICTS
    from analysis.claims.scorecard import VERDICTS as SCORECARD_VERDICTS

    assert VERDICTS == SCORECARD_VERDICTS
    assert tuple(VERDICT_COLORS) == SCORECARD_VERDICTS
