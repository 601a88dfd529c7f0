"""A no-change rebuild skips the build-finished work whose inputs did not change.

book/_ext/data_downloads.py (datasets, sources, the scorecard) and
book/_ext/offline_charts.py (the Vega runtime) both write files at the end of
every build; each now compares a stamp of its inputs with the file on disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import data_downloads
import offline_charts

ROOT = Path(__file__).resolve().parents[1]


def _app(outdir: Path, digest: str, docs: set[str] | None = None) -> SimpleNamespace:
    return SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        outdir=str(outdir),
        confdir=str(ROOT),
        env=SimpleNamespace(found_docs=docs or set()),
        _gai_analysis_digest=digest,
    )


def test_downloads_are_written_then_skipped_until_analysis_changes(tmp_path: Path):
    data_downloads._publish(_app(tmp_path, "digest-1"), None)
    sources = tmp_path / data_downloads.DATA_URL_DIR / "sources.csv"
    first = sources.read_text(encoding="utf-8")
    assert first.startswith("source_id,") and len(first.splitlines()) > 50

    sources.write_text("sentinel\n", encoding="utf-8")
    data_downloads._publish(_app(tmp_path, "digest-1"), None)
    assert sources.read_text(encoding="utf-8") == "sentinel\n"  # inputs unchanged: skipped

    data_downloads._publish(_app(tmp_path, "digest-2"), None)
    assert sources.read_text(encoding="utf-8") == first  # analysis/ changed: written again


def test_stamp_names_the_digest_and_the_scorecard():
    assert data_downloads.inputs_stamp("abc", True) != data_downloads.inputs_stamp("abc", False)
    assert data_downloads.inputs_stamp("abc", True) != data_downloads.inputs_stamp("abd", True)


def test_runtime_header_changes_with_its_parts():
    base = offline_charts.runtime_header("6.2.0", "7.0.2", b"draw")
    assert base.endswith("*/\n") and base.count("\n") == 1
    assert offline_charts.runtime_header("6.2.1", "7.0.2", b"draw") != base
    assert offline_charts.runtime_header("6.2.0", "7.0.3", b"draw") != base
    assert offline_charts.runtime_header("6.2.0", "7.0.2", b"draw2") != base


def test_runtime_is_bundled_once_then_kept(tmp_path: Path):
    import vl_convert

    app = _app(tmp_path, "d")
    target = tmp_path / "_static" / offline_charts.RUNTIME_NAME
    header = offline_charts.runtime_header(
        vl_convert.get_vega_version(),
        vl_convert.get_vega_embed_version(),
        offline_charts.runtime_tail(offline_charts.DRAW_CHARTS.read_bytes()),
    )
    target.parent.mkdir(parents=True)
    target.write_text(header + "kept\n", encoding="utf-8")
    offline_charts._write_runtime(app, None)
    assert target.read_text(encoding="utf-8") == header + "kept\n"

    target.write_text("/* an older runtime */\nstale\n", encoding="utf-8")
    offline_charts._write_runtime(app, None)
    text = target.read_text(encoding="utf-8")
    assert text.startswith(header) and "vegaEmbed" in text
    assert text.endswith(offline_charts.DRAW_CHARTS.read_text(encoding="utf-8"))


def test_runtime_tail_holds_the_theme_and_its_mark_before_the_drawing_script():
    from analysis.charts.payload import THEME_MARK, theme_config

    tail = offline_charts.runtime_tail(b"/* draw */").decode()
    first, rest = tail.split("\n", 1)
    assert first.startswith("window.gaiTheme = ") and rest == "/* draw */"
    theme = json.loads(first.removeprefix("window.gaiTheme = ").rstrip(";"))
    assert theme == {"mark": THEME_MARK, "config": theme_config()}
