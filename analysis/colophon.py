"""What the Colophon page says, read from ``benchmarks/results.json`` (``make bench``).

Pure functions over the results dictionary: the page only reports what the
last bench run wrote, and says "not measured" where the file lacks a value.
Units: bytes in, kilobytes (1,024 bytes) out; milliseconds stay milliseconds.
"""

from __future__ import annotations

from typing import Any

from analysis import formatting

MISSING = "not measured"
GLUE_NAMES = (
    "colophon_status",
    "colophon_date",
    "colophon_machine",
    "colophon_n_met",
    "colophon_n_measures",
    "colophon_runtime_kb",
    "colophon_repro",
)


def summary_texts(results: dict[str, Any] | None) -> dict[str, str]:
    """The Colophon's glued sentences, by glue name (all of :data:`GLUE_NAMES`)."""
    if results is None:
        texts = dict.fromkeys(GLUE_NAMES, MISSING)
        texts["colophon_status"] = "No measurements yet: `make bench` has not been run"
        return texts
    measures = results.get("measures", [])
    machine = results.get("machine", {})
    loads = results.get("loads") or {}
    runtime = loads.get("vega_runtime_bytes")
    return {
        "colophon_status": f"Measured on {formatting.date(results['date'])}",
        "colophon_date": formatting.date(results["date"]),
        "colophon_machine": (
            f"{machine.get('cpus', '?')} CPUs, {machine.get('platform', 'unknown platform')}, "
            f"Python {machine.get('python', '?')}"
        ),
        "colophon_n_met": formatting.count(sum(1 for m in measures if m.get("met") is True)),
        "colophon_n_measures": formatting.count(len(measures)),
        "colophon_runtime_kb": (
            f"{formatting.count(round(runtime / 1024))} KB" if runtime else MISSING
        ),
        "colophon_repro": reproducibility_text(results.get("reproducibility") or {}),
    }


def reproducibility_text(repro: dict[str, Any]) -> str:
    """One clause on the two clean builds' comparison."""
    if not repro:
        return MISSING
    if repro.get("identical"):
        files = repro.get("files_compared")
        site = f"{formatting.count(files)} files byte for byte, " if files else ""
        return (
            f"identical: {site}{formatting.count(repro.get('charts_compared', 0))} chart "
            f"specifications and {formatting.count(repro.get('glue_compared', 0))} glued "
            "values compared"
        )
    return (
        f"DIFFERENT: {formatting.count(len(repro.get('differences', [])))} differences "
        "(listed in benchmarks/results.json)"
    )


def measure_rows(results: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per measurement: what, its floor, the value, the target, met or not."""
    return [
        {
            "what": m.get("what"),
            "floor it is compared with": m.get("floor"),
            "floor": m.get("floor_value"),
            "measured": m.get("measured"),
            "target": m.get("target"),
            "met?": {True: "yes", False: "no"}.get(m.get("met"), MISSING),
        }
        for m in (results or {}).get("measures", [])
    ]


def _kb(n: float | None) -> str | None:
    return f"{n / 1024:.1f}" if n else None


def _ms(x: float | None) -> str | None:
    return f"{x:.0f}" if x else None


def _scores(lh: dict[str, Any] | None) -> str | None:
    if not lh or "error" in lh:
        return None
    return " / ".join(f"{lh[k]:.2f}" for k in ("performance", "accessibility", "best-practices"))


def page_rows(results: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per page: bytes (KB), time to charts (ms), Lighthouse and axe-core."""
    return [
        {
            "page": p.get("page"),
            "charts": p.get("charts"),
            "HTML (KB)": _kb(p.get("html_bytes")),
            "specs (KB)": _kb(p.get("spec_bytes")),
            "in the page (KB)": _kb(p.get("payload_bytes")),
            "theme frame (KB)": _kb(p.get("frame_bytes")),
            "time to charts (ms)": _ms(p.get("time_ms")),
            "bare page (ms)": _ms(p.get("floor_ms")),
            "Lighthouse perf. / a11y / best pr.": _scores(p.get("lighthouse")),
            "axe serious + critical": (
                p["axe"]["serious"] + p["axe"]["critical"] if p.get("axe") else None
            ),
        }
        for p in (results or {}).get("pages", [])
    ]


def version_rows(results: dict[str, Any] | None) -> list[dict[str, str]]:
    """The packages and tools the measurements ran with, by name."""
    versions = (results or {}).get("versions", {})
    return [{"package": k, "version": v} for k, v in sorted(versions.items())]


def table_html(rows: list[dict[str, Any]], empty: str, caption: str = "") -> str:
    """Rows as a plain HTML table (with ``caption``) in a box that scrolls sideways on a
    narrow screen, or ``empty`` as a paragraph when there are none ("—" marks a missing
    value)."""
    import html

    if not rows:
        return f"<p>{html.escape(empty)}</p>"
    columns = list(dict.fromkeys(k for row in rows for k in row))
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape('—' if row.get(c) is None else str(row.get(c)))}</td>"
            for c in columns
        )
        + "</tr>"
        for row in rows
    )
    return (
        '<div class="gai-table-scroll"><table class="table gai-colophon-table">'
        + (f"<caption>{html.escape(caption)}</caption>" if caption else "")
        + f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
