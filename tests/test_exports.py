"""Every download carries what a reader needs to reuse it: title, source, data-through
date, the book's address and the licence (PNG, SVG) or a metadata sidecar (CSV)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
from citable import (
    LICENCE,
    LICENCE_URL,
    credit_lines,
    export_figure,
    figure_metadata,
    png_with_text,
    stamp_svg,
)

from analysis.charts import finish
from analysis.data import catalog

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="200" height="100" '
    'viewBox="0 0 200 100"><rect width="200" height="100" fill="white"/><g></g></svg>'
)


def test_licence_is_one_value_for_code_and_build():
    assert (catalog.LICENCE, catalog.LICENCE_URL) == (LICENCE, LICENCE_URL)


def test_svg_gets_credits_under_the_drawing_and_as_metadata():
    lines = credit_lines(
        source="NVIDIA (2 sources).", data_through="2026-10-26", number="3.1", url="https://x/#f"
    )
    out = stamp_svg(SVG, title="Figure 3.1: Up", lines=lines)
    height = float(re.search(r'height="([\d.]+)"', out).group(1))
    assert height > 100 and f'viewBox="0 0 200 {height:g}"' in out
    assert "<title>Figure 3.1: Up</title>" in out and LICENCE_URL in out
    assert "Data through 2026-10-26" in out and "https://x/#f" in out and "NVIDIA" in out


def test_png_text_chunks_are_valid():
    import struct
    import zlib

    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\0" * 13 + b"\0" * 4
    out = png_with_text(png + b"rest", {"Title": "T", "Copyright": "CC BY 4.0"})
    assert out.startswith(png) and out.endswith(b"rest")
    chunk = out[len(png) :]
    n = struct.unpack(">I", chunk[:4])[0]
    assert chunk[4:8] == b"iTXt"
    data = chunk[8 : 8 + n]
    assert struct.unpack(">I", chunk[8 + n : 12 + n])[0] == zlib.crc32(b"iTXt" + data)


def test_figure_sidecar_names_units_where_given():
    meta = figure_metadata(
        title="t", description="d", rows=[{"year": 2024, "v": 1.5}, {"year": 2025, "v": "x"}],
        units={"year": "calendar year"}, source="s", data_through="2025-12-31",
        citation="c", url="u",
    )  # fmt: skip
    assert meta["columns"] == [
        {"name": "year", "type": "number", "unit": "calendar year"},
        {"name": "v", "type": "text", "unit": "not stated"},
    ]
    assert meta["licence"]["name"] == "CC BY 4.0" and meta["data_through"] == "2025-12-31"


def test_exported_figure_carries_the_latest_observation_it_draws(tmp_path: Path):
    # quarters to 2025-03-31, and a forecast dated after the data were checked
    frame = pd.DataFrame(
        {
            "period_end": ["2024-12-31", "2025-03-31", "2027-12-31"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    chart = finish(
        alt.Chart(frame).mark_bar().encode(x="period_end:N", y="value:Q"),
        chart_id="fig-t",
        title="Up",
        alt_text="Bars",
        source="Company (1 source: 1 primary). Dataset: t.",
        data_as_of="2026-12-04",
    )
    spec = chart.to_dict()
    assert spec["usermeta"]["gai"]["data_through"] == "2025-03-31"
    export_figure(
        spec, tmp_path, tmp_path / "cache", chart_id="fig-t", number="3.1",
        url="https://x/p.html#fig-t", text="cite", as_of="2026-12-04",
    )  # fmt: skip
    svg = (tmp_path / "fig-t.svg").read_text(encoding="utf-8")
    assert "Data through 2025-03-31" in svg and "Company (1 source" in svg
    assert "https://x/p.html#fig-t" in svg and LICENCE_URL in svg and "Figure 3.1: Up" in svg
    png = (tmp_path / "fig-t.png").read_bytes()[:4096]
    assert b"Data through 2025-03-31" in png and LICENCE.encode() in png
    side = json.loads((tmp_path / "fig-t.metadata.json").read_text(encoding="utf-8"))
    assert side["data_through"] == "2025-03-31" and side["rows"] == 3
    assert (tmp_path / "fig-t.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "period_end,value"
    )


def test_dataset_sidecar_units_from_column_names():
    assert catalog.column_unit("capex_usd_bn", "float", "") == "billions of US dollars"
    assert catalog.column_unit("input_usd_per_mtok", "float", "") == (
        "US dollars per million tokens"
    )
    assert catalog.column_unit("date", "date", "") == "ISO date (YYYY-MM-DD)"


def test_built_site_every_download_carries_its_credits(site: Path):
    data = site / "data"
    csvs = sorted(data.glob("*.csv"))
    assert csvs
    for path in csvs:
        side = path.with_name(path.stem + ".metadata.json")
        assert side.is_file(), f"{path.name} has no metadata sidecar"
        meta = json.loads(side.read_text(encoding="utf-8"))
        for key in ("title", "description", "columns", "data_through", "licence", "citation"):
            assert key in meta, f"{side.name}: {key}"
        assert meta["licence"]["name"] == LICENCE
        header = list(pd.read_csv(path, nrows=0).columns)
        assert [c["name"] for c in meta["columns"]][: len(header)] or header == []
        assert all(c.get("unit") for c in meta["columns"]), side.name
    svgs = sorted(data.glob("*.svg"))
    assert svgs
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert 'class="gai-credits"' in text and LICENCE_URL in text, svg.name
        assert "Source:" in text, svg.name  # the data-through words: below
        png = svg.with_suffix(".png").read_bytes()
        assert b"iTXt" in png[:4096] and LICENCE.encode() in png[:4096], svg.name
        side = json.loads(svg.with_suffix(".metadata.json").read_text(encoding="utf-8"))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", side["data_through"]), svg.name
        said = side.get("data_through_label", "Data through")  # a timeless chart's words
        assert html.escape(said) in text and side["data_through"] in text, svg.name
