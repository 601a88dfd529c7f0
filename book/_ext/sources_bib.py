"""Sphinx extension: every data source as a BibTeX entry, so chapters can ``{cite}`` it.

At ``config-inited`` (before sphinxcontrib-bibtex reads its files) writes
``book/sources.bib`` from the sources table (``analysis/data/sources/*.csv``):
one ``@online`` entry per ``source_id``, keyed by the ``source_id`` itself, so
a chapter cites a source as ``{cite}`source-id```. The file is rewritten only
when the table changed; it is listed in ``bibtex_bibfiles`` beside the
hand-written ``book/references.bib`` (the essays). Run this module as a script
to regenerate it without a build.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "book" / "sources.bib"


def _esc(text: str) -> str:
    text = re.sub(r"([&%#_$])", r"\\\1", text.strip())
    return text.replace("{", "(").replace("}", ")")


def sources_rows(root: Path = ROOT) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((root / "analysis" / "data" / "sources").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return [r for r in rows if (r.get("source_id") or "").strip()]


def bibtex(rows: list[dict[str, str]]) -> str:
    out = [
        "% Generated from analysis/data/sources/*.csv by book/_ext/sources_bib.py: do not edit.\n"
    ]
    seen: set[str] = set()
    for r in sorted(rows, key=lambda r: r["source_id"]):
        key = r["source_id"].strip()
        if key in seen:
            continue
        seen.add(key)
        fields = {
            "title": "{" + _esc(r.get("title") or key) + "}",
            "organization": _esc(r.get("publisher") or ""),
            "date": (r.get("date_published") or "").strip(),
            "urldate": (r.get("date_accessed") or "").strip(),
            "url": (r.get("url") or "").strip(),
            "note": _esc(f"source grade: {(r.get('grade') or '').strip()}"),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v and v != "{}")
        out.append(f"@online{{{key},\n{body},\n}}\n")
    return "\n".join(out)


def write(root: Path = ROOT, target: Path = TARGET) -> bool:
    """Write ``target`` if its content changed; return whether it did."""
    text = bibtex(sources_rows(root))
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.write_text(text, encoding="utf-8")
    return True


def _config_inited(app: Any, config: Any) -> None:
    write()


def setup(app: Any) -> dict[str, Any]:
    # Before sphinxcontrib-bibtex's own config-inited handler reads the files.
    app.connect("config-inited", _config_inited, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}


if __name__ == "__main__":
    print("wrote" if write() else "unchanged", TARGET)
