"""analysis/colophon.py: the Colophon reports what benchmarks/results.json holds."""

from __future__ import annotations

import json
from pathlib import Path

from analysis import colophon
from analysis.data import bench_results

RESULTS = {
    "date": "2026-11-23T22:40:00+00:00",
    "machine": {"cpus": 2, "platform": "Linux-6.1-x86_64", "python": "3.11.2"},
    "loads": {
        "vega_runtime_bytes": 900_643,
        "stylesheet_bytes": 561_160,
    },
    "measures": [
        {
            "what": "a",
            "floor": "f",
            "floor_value": "1 s",
            "measured": "1.1 s",
            "target": "t",
            "met": True,
        },
        {
            "what": "b",
            "floor": "f",
            "floor_value": "1 s",
            "measured": "3 s",
            "target": "t",
            "met": False,
        },
        {"what": "c", "met": None},
    ],  # fmt: skip
    "pages": [
        {
            "page": "book/x.html",
            "charts": 2,
            "html_bytes": 2048,
            "spec_bytes": 1024,
            "payload_bytes": 512,
            "time_ms": 400.4,
            "floor_ms": 300.6,
            "lighthouse": {"performance": 0.981, "accessibility": 1, "best-practices": 1},
            "axe": {"serious": 1, "critical": 2, "moderate": 5, "minor": 0},
        },
        {
            "page": "book/y.html",
            "charts": 0,
            "html_bytes": 1536,
            "spec_bytes": 0,
            "lighthouse": {"error": "timeout"},
        },
    ],  # fmt: skip
    "reproducibility": {"identical": True, "charts_compared": 23, "glue_compared": 383},
    "versions": {"sphinx": "7.4.7", "altair": "5.5.0"},
}


def test_summary_counts_met_targets_and_sizes_the_runtime():
    texts = colophon.summary_texts(RESULTS)
    assert set(texts) == set(colophon.GLUE_NAMES)
    assert texts["colophon_n_met"] == "1" and texts["colophon_n_measures"] == "3"
    assert texts["colophon_runtime_kb"] == "880 KB"  # 900,643 / 1,024 = 879.5
    assert texts["colophon_machine"] == "2 CPUs, Linux-6.1-x86_64, Python 3.11.2"
    assert texts["colophon_repro"].startswith("identical: 23 chart specifications and 383")
    assert "2026" in texts["colophon_date"] and texts["colophon_status"].startswith("Measured on")


def test_without_results_every_text_says_so():
    texts = colophon.summary_texts(None)
    assert set(texts) == set(colophon.GLUE_NAMES)
    assert "make bench" in texts["colophon_status"]
    assert all(v == colophon.MISSING for k, v in texts.items() if k != "colophon_status")
    assert colophon.measure_rows(None) == colophon.page_rows(None) == []
    assert colophon.version_rows(None) == []


def test_differences_are_counted_not_hidden():
    text = colophon.reproducibility_text({"identical": False, "differences": ["a", "b"]})
    assert text.startswith("DIFFERENT: 2 differences")
    assert colophon.reproducibility_text({}) == colophon.MISSING


def test_rows_convert_units_and_mark_what_is_missing():
    met = [r["met?"] for r in colophon.measure_rows(RESULTS)]
    assert met == ["yes", "no", colophon.MISSING]
    x, y = colophon.page_rows(RESULTS)
    assert (x["HTML (KB)"], x["specs (KB)"], x["in the page (KB)"]) == ("2.0", "1.0", "0.5")
    assert (x["time to charts (ms)"], x["bare page (ms)"]) == ("400", "301")
    assert x["Lighthouse perf. / a11y / best pr."] == "0.98 / 1.00 / 1.00"
    assert x["axe serious + critical"] == 3
    assert y["Lighthouse perf. / a11y / best pr."] is None  # a failed run is no score
    assert y["time to charts (ms)"] is None and y["axe serious + critical"] is None
    assert colophon.version_rows(RESULTS)[0] == {"package": "altair", "version": "5.5.0"}


def test_load_results_reads_the_file_or_says_none(tmp_path: Path):
    assert bench_results.load_results(tmp_path / "absent.json") is None
    path = tmp_path / "results.json"
    path.write_text(json.dumps(RESULTS))
    assert bench_results.load_results(path)["versions"]["sphinx"] == "7.4.7"


def test_whole_site_comparison_is_named():
    text = colophon.reproducibility_text(
        {"identical": True, "files_compared": 1234, "charts_compared": 2, "glue_compared": 3}
    )
    assert text.startswith("identical: 1,234 files byte for byte, 2 chart")


def test_table_html_lists_every_column_marks_missing_and_escapes():
    html = colophon.table_html([{"a": 1, "b": None}, {"a": "<x>", "c": 2.5}], "none")
    assert html.count("<th scope") == 3 and html.count("<tr>") == 3  # header + 2 rows
    assert "<td>—</td>" in html and "&lt;x&gt;" in html and "<td>2.5</td>" in html
    assert 'class="gai-table-scroll"' in html
    assert colophon.table_html([], "No runs & no data") == "<p>No runs &amp; no data</p>"
    assert "<caption>Versions &amp; more</caption>" in colophon.table_html(
        [{"a": 1}], "", "Versions & more"
    )
