"""Reproducibility: two clean builds of the same sources give the same book.

Compares every file of the two sites byte for byte (the whole ``_build/html``:
pages, downloads, static files, the notebooks offered for download), and, to say
what a difference means, every chart's specification (the JSON in each
``<script class="gai-spec">``) and every glued value (the ``*.glue.json`` files
myst-nb writes beside the executed notebooks, plus the glue outputs of the
executed notebooks themselves).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from analysis.charts.payload import SPEC_ELEMENT, read_payload

_FIGURE_ID = re.compile(r'<figure class="gai-chart" id="([^"]*)"')


def chart_specs(html_dir: Path) -> dict[str, object]:
    """``page#chart-id`` -> parsed spec, for every chart of every page."""
    out: dict[str, object] = {}
    for path in sorted(html_dir.rglob("*.html")):
        rel = path.relative_to(html_dir).as_posix()
        if rel.startswith(("_static/", "_bench/")):
            continue
        text = path.read_text(encoding="utf-8")
        ids = _FIGURE_ID.findall(text)
        for i, payload in enumerate(SPEC_ELEMENT.findall(text)):
            chart_id = ids[i] if i < len(ids) else ""
            out[f"{rel}#{chart_id or i}"] = read_payload(payload)
    return out


def site_files(html_dir: Path) -> dict[str, str]:
    """Path relative to the site -> sha256 of its bytes, for every file of the site."""
    return {
        p.relative_to(html_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(html_dir.rglob("*"))
        if p.is_file()
    }


def glued_values(build_dir: Path) -> dict[str, object]:
    """``notebook:name`` -> glued value (its MIME bundle), from the executed notebooks."""
    out: dict[str, object] = {}
    root = build_dir / "jupyter_execute"
    for path in sorted(root.rglob("*.glue.json")):
        rel = path.relative_to(root).as_posix().removesuffix(".glue.json")
        for name, value in json.loads(path.read_text()).items():
            out[f"{rel}:{name}"] = value
    for path in sorted(root.rglob("*.ipynb")):
        rel = path.relative_to(root).as_posix().removesuffix(".ipynb")
        for cell in json.loads(path.read_text()).get("cells", []):
            for output in cell.get("outputs", []):
                key = output.get("metadata", {}).get("scrapbook", {}).get("name")
                if key:
                    out.setdefault(f"{rel}:{key}", output.get("data"))
    return out


def _diff(a: dict, b: dict, kind: str) -> list[str]:
    diffs = []
    for key in sorted(set(a) | set(b)):
        if key not in a or key not in b:
            diffs.append(f"{kind} {key}: only in build {'A' if key in a else 'B'}")
        elif a[key] != b[key]:
            diffs.append(f"{kind} {key}: differs between the two builds")
    return diffs


def compare(build_a: Path, build_b: Path) -> dict:
    """Compare two ``_build`` directories (each holding ``html/`` and ``jupyter_execute/``)."""
    specs_a, specs_b = chart_specs(build_a / "html"), chart_specs(build_b / "html")
    glue_a, glue_b = glued_values(build_a), glued_values(build_b)
    files_a, files_b = site_files(build_a / "html"), site_files(build_b / "html")
    differences = (
        _diff(files_a, files_b, "file")
        + _diff(specs_a, specs_b, "chart")
        + _diff(glue_a, glue_b, "glue")
    )
    return {
        "identical": not differences,
        "files_compared": len(set(files_a) | set(files_b)),
        "charts_compared": len(set(specs_a) | set(specs_b)),
        "glue_compared": len(set(glue_a) | set(glue_b)),
        "differences": differences,
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2])), indent=2))
