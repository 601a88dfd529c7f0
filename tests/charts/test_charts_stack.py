"""Figure 1.1 (the stack map): drawn whole inside the text column, axis covering every bar,
title and text alternative computed from the counts it draws."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis import stack
from analysis.charts import setup
from analysis.charts import stack as factories

COLUMN_PX = 690  # the page's text column beside the contents, at 1280 px wide


def _vendors(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [
        {"layer": layer, "sub_category": sub, "company": f"{sub}-{i}", "essay": "a16z"}
        for (layer, sub), n in counts.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows)


def _svg(vendors: pd.DataFrame) -> str:
    import vl_convert as vlc

    setup()
    chart = factories.stack_map(stack.companies_by_sub_category(vendors))
    return vlc.vegalite_to_svg(json.dumps(chart.to_dict()))


@pytest.mark.parametrize("top", [6, 9, 13])
def test_axis_covers_every_bar_and_the_chart_fits_the_column(top):
    vendors = _vendors(
        {
            ("apps", "end-to-end app"): 1,
            ("models", "open-source models"): top,
            ("infrastructure", "compute hardware: AI accelerators"): 5,
        }
    )
    svg = _svg(vendors)
    width = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1))
    assert width <= COLUMN_PX, f"chart is {width} px wide: cut off in a {COLUMN_PX} px column"
    # the x axis's tick labels are its numbers; the last one is at least the longest bar
    ticks = [int(t) for t in re.findall(r"<text[^>]*>(\d+)</text>", svg)]
    assert ticks and max(ticks) >= top, (max(ticks), top)


def test_title_and_text_alternative_state_the_counts_drawn():
    vendors = _vendors(
        {
            ("apps", "end-to-end app"): 2,
            ("models", "open-source models"): 4,
            ("models", "proprietary models"): 4,
            ("infrastructure", "cloud"): 3,
        }
    )
    per_layer = stack.companies_per_layer(vendors)
    assert factories.stack_title(per_layer) == (
        "The essays name 8 model, 3 infrastructure and 2 app companies"
    )
    alt_text = factories.stack_alt(stack.companies_by_sub_category(vendors), per_layer)
    assert "8 model, 3 infrastructure and 2 app" in alt_text
    assert "4 (open-source models and proprietary models)" in alt_text
