"""`make bench`: the book's own measurements, each a ratio against a floor.

Every build runs on a snapshot of the working tree (``_build/bench/src``), so
edits made while the bench runs do not leak into it, and the "edit one
chapter" step never touches the real chapters.

1. Builds (``--clean-runs`` clean builds, default 2; medians):
   * clean build, every notebook executed, into an empty build directory;
   * no-change rebuild of the first clean build (three, median);
   * floor: each notebook executed alone with nbclient, plus a Sphinx build
     with execution off;
   * rebuild after editing one chapter's code: which notebooks re-execute.
2. Reproducibility: the first two clean builds compared (chart specs, glue).
3. The built site, served on 127.0.0.1 with gzip: HTML bytes per chart page
   against the specs it embeds; time until every chart has drawn against a
   bare page with the same runtime and specs (``--page-runs``, default 5).
   A one-chart page is judged on what its chart adds: its floor is the same
   page with the chart removed plus the bare chart (bytes: that page plus
   the spec; time: that page parsed and first painted plus the bare page's
   chart drawn). Lighthouse (desktop) and axe-core on every page.
4. Value-flow Monte Carlo, 1,000,000 draws, against one plain NumPy pass.

Writes ``benchmarks/results.json`` (machine, versions, date, commit) and
prints the table. These are measurements, not tests: nothing here fails on a
missed target (``--strict`` makes the exit status say whether all were met).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as md
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "book" / "_ext"))  # the book's Sphinx extensions, by name

import repro  # noqa: E402
import site_quality  # noqa: E402

ROOT = HERE.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "_build" / "bench"
SRC = OUT / "src"
RESULTS = HERE / "results.json"
EXECUTED = re.compile(r"^(\S+?): Executing notebook", re.M)
_SNAPSHOT_IGNORE = shutil.ignore_patterns(
    "_build", ".venv", ".git", "node_modules", "__pycache__", ".pytest_cache",
    ".hypothesis", ".ruff_cache", ".ipynb_checkpoints", "*.egg-info",
)  # fmt: skip
VERSIONED = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "sphinx-book-theme",
    "pydata-sphinx-theme",
    "altair",
    "vl-convert-python",
    "pandas",
    "numpy",
    "nbclient",
    "playwright",
)


# ---------------------------------------------------------------------- builds


def snapshot() -> None:
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.copytree(ROOT, SRC, ignore=_SNAPSHOT_IGNORE, symlinks=True)


def _jb(target: Path, toc: str | None) -> tuple[float, str]:
    cmd = [str(BIN / "jupyter-book"), "build", str(SRC), "--path-output", str(target)]
    if toc:
        cmd += ["--toc", toc]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=SRC, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0 or not (target / "_build" / "html" / "index.html").exists():
        sys.exit(f"build into {target} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed, proc.stdout + proc.stderr


def clean_build(name: str, toc: str | None) -> tuple[float, str]:
    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    return _jb(target, toc)


def executed(log: str) -> list[str]:
    return sorted({Path(p).name for p in EXECUTED.findall(log)})


def notebooks(toc_path: Path) -> list[Path]:
    """The toc's pages that are notebooks (MyST markdown with a jupytext header)."""
    toc = yaml.safe_load(toc_path.read_text())
    files = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                files.append(e["file"])
            walk(e.get("sections"))
            for part in e.get("parts", []) if isinstance(e, dict) else []:
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    out = []
    for f in files:
        md_path = SRC / f"{f}.md"
        if md_path.exists() and "jupytext:" in md_path.read_text()[:400]:
            out.append(md_path)
    return out


def floor_execute(nbs: list[Path]) -> float:
    import jupytext
    from nbclient import NotebookClient

    total = 0.0
    for path in nbs:
        nb = jupytext.read(path)
        start = time.perf_counter()
        NotebookClient(
            nb, timeout=300, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        total += time.perf_counter() - start
    return total


def floor_sphinx(toc: str | None) -> float:
    """A Sphinx build of the same sources with notebook execution off.

    ``jupyter-book config sphinx`` writes the ``conf.py`` the book uses (into
    the snapshot, removed afterwards); it omits the local extensions' folders
    from ``sys.path``, so they are added here.
    """
    cmd = [str(BIN / "jupyter-book"), "config", "sphinx", str(SRC)]
    if toc:
        cmd += ["--toc", toc]
    subprocess.run(cmd, check=True, cwd=SRC, stdout=subprocess.DEVNULL)
    conf = SRC / "conf.py"
    config = yaml.safe_load((SRC / "_config.yml").read_text())
    folders = sorted(set(config.get("sphinx", {}).get("local_extensions", {}).values()))
    conf.write_text(
        "import os, sys\n"
        + "".join(f"sys.path.insert(0, os.path.abspath({f!r}))\n" for f in folders)
        + conf.read_text()
    )
    target = OUT / "floor-html"
    shutil.rmtree(target, ignore_errors=True)
    try:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
            + ["-D", "nb_execution_mode=off", str(SRC), str(target)],
            cwd=SRC,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
    finally:
        conf.unlink()
    if proc.returncode != 0:
        sys.exit(f"floor Sphinx build failed:\n{proc.stderr[-3000:]}")
    return elapsed


def edit_one_chapter(chapter: Path, toc: str | None) -> dict:
    """Change one chapter's code in the snapshot, rebuild build A, list what re-ran."""
    original = chapter.read_text()
    edited = original.rstrip("\n") + (
        "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n_bench_edit = 1\n```\n"
    )
    chapter.write_text(edited)
    try:
        seconds, log = _jb(OUT / "a", toc)
    finally:
        chapter.write_text(original)
    return {"chapter": chapter.name, "seconds": seconds, "re_executed": executed(log)}


# ----------------------------------------------------------------- Monte Carlo


def montecarlo(runs: int = 7, n_draws: int = 1_000_000) -> dict:
    import numpy as np

    from analysis.infrastructure import flow_uncertainty
    from analysis.infrastructure import value_flow as vf

    def median_time(fn) -> float:
        fn()  # warm up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    draws = flow_uncertainty.draw_parameters(n_draws=n_draws)
    stacked = np.stack([draws[p] for p in vf.PARAMETERS])
    split = median_time(lambda: vf.split_unchecked(*(draws[p] for p in vf.PARAMETERS)))
    plain = median_time(lambda: flow_uncertainty.split_draws_plain(stacked))
    whole = median_time(lambda: flow_uncertainty.simulate(n_draws=n_draws))
    whole_floor = median_time(
        lambda: flow_uncertainty.split_draws_plain(
            np.stack(list(flow_uncertainty.draw_parameters(n_draws=n_draws).values()))
        )
    )
    return {
        "n_draws": n_draws,
        "runs": runs,
        "split_seconds": split,
        "plain_seconds": plain,
        "simulate_seconds": whole,
        "draw_plus_plain_seconds": whole_floor,
    }


# ------------------------------------------------------------------ reporting


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    for pkg in ("axe-core", "lighthouse"):
        meta = site_quality.NODE_MODULES / pkg / "package.json"
        if meta.exists():
            out[pkg] = json.loads(meta.read_text())["version"]
    chromium = subprocess.run(
        [site_quality.CHROMIUM, "--version"], capture_output=True, text=True, check=False
    )
    out["chromium"] = chromium.stdout.strip()
    out["node"] = subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    try:
        import vl_convert

        out["vega"] = vl_convert.get_vega_version()
        out["vega-embed"] = vl_convert.get_vega_embed_version()
    except Exception:  # pragma: no cover - informational only
        pass
    return out


def _git() -> dict:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def _machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def _s(x: float) -> str:
    return f"{x:.2f} s"


def _measure(what, floor, floor_value, measured, target, met, **extra) -> dict:
    return {
        "what": what,
        "floor": floor,
        "floor_value": floor_value,
        "measured": measured,
        "target": target,
        "met": met,
        **extra,
    }


def _by_chart_count(pages: list[dict], ratio, fmt: str = ".1f") -> str:
    """The ratio's range on pages with one chart and on pages with several."""
    parts = []
    for label, group in (
        ("pages with several charts", [p for p in pages if p["charts"] > 1]),
        ("pages with one chart", [p for p in pages if p["charts"] == 1]),
    ):
        if group:
            values = sorted(ratio(p) for p in group)
            parts.append(f"{label} {values[0]:{fmt}}–{values[-1]:{fmt}}×")
    return ", ".join(parts)


def _frame_note(chart_pages: list[dict]) -> str:
    """Where the theme's page frame alone exceeds 2× a page's specs, say so:
    no cut to the chart or its data can meet the target there."""
    over = [p for p in chart_pages if (p.get("frame_bytes") or 0) > 2 * p["spec_bytes"]]
    if not over:
        return ""
    frames = _span([p["frame_bytes"] / 1024 for p in over], ".0f")
    ratios = _span([p["frame_bytes"] / p["spec_bytes"] for p in over], ".1f")
    return (
        f"; on {len(over)} of {len(chart_pages)} chart pages the theme's frame alone "
        f"({frames} KB: head, navigation, contents, footer) is {ratios}× their specs"
    )


def _span(values: list[float], fmt: str) -> str:
    """'lo–hi', or one value when both read the same."""
    lo, hi = f"{min(values):{fmt}}", f"{max(values):{fmt}}"
    return lo if lo == hi else f"{lo}–{hi}"


def stylesheet_bytes(site: Path) -> dict[str, int]:
    """The one stylesheet pages load (book/_ext/lean_pages.py), in bytes."""
    from lean_pages import MANIFEST

    static = site / "_static"
    ((name, _files),) = json.loads((static / MANIFEST).read_text(encoding="utf-8")).items()
    return {"stylesheet_bytes": (static / name).stat().st_size}


def one_chart_floor_bytes(page: dict) -> int:
    """A one-chart page's floor: the page with its chart removed, plus the bare chart's spec."""
    return page["no_chart_bytes"] + page["spec_bytes"]


def one_chart_floor_ms(page: dict) -> float:
    """A one-chart page's floor: the page without its chart, parsed and painted, plus the
    bare chart drawn on a bare page."""
    return page["no_charts_ms"] + page["floor_ms"]


def build_measures(r: dict) -> list[dict]:
    b = r["builds"]
    m = []
    clean, floor = b["clean_seconds"], b["floor_seconds"]
    m.append(
        _measure(
            "Clean build, every notebook executed",
            "each notebook alone with nbclient + Sphinx with execution off",
            f"{_s(floor)} ({_s(b['floor_execute_seconds'])} + {_s(b['floor_sphinx_seconds'])})",
            f"{_s(clean)} = {clean / floor:.2f}× floor (median of {len(b['clean_runs'])})",
            "≤ 1.5× floor",
            clean / floor <= 1.5,
            ratio=clean / floor,
        )
    )
    reb = b["rebuild_seconds"]
    m.append(
        _measure(
            "No-change rebuild",
            "the clean build",
            _s(clean),
            f"{_s(reb)} = {reb / clean:.0%} of clean "
            f"(median of {len(b.get('rebuild_runs', [reb]))})",
            "≤ 15% of clean",
            reb / clean <= 0.15,
            ratio=reb / clean,
        )
    )
    e = b["edit"]
    m.append(
        _measure(
            "Rebuild after editing one chapter's code",
            "the clean build",
            _s(clean),
            f"re-executed {', '.join(e['re_executed']) or 'nothing'} "
            f"(edited {e['chapter']}); {_s(e['seconds'])} = {e['seconds'] / clean:.0%} of clean",
            "re-executes only that chapter",
            e["re_executed"] == [e["chapter"]],
            ratio=e["seconds"] / clean,
        )
    )
    chart_pages = [p for p in r["pages"] if p["charts"]]
    several = [p for p in chart_pages if p["charts"] > 1]
    one = [p for p in chart_pages if p["charts"] == 1]
    if several:
        worst = max(several, key=lambda p: p["html_bytes"] / p["spec_bytes"])
        biggest = max(p["html_bytes"] for p in several)
        m.append(
            _measure(
                "HTML bytes per page with several charts (Vega runtime excluded)",
                "the chart specs and data the page embeds (as Vega-Lite takes them)",
                f"{worst['spec_bytes'] / 1024:.1f} KB ({worst['page']}, worst ratio)",
                f"{worst['html_bytes'] / 1024:.1f} KB = "
                f"{worst['html_bytes'] / worst['spec_bytes']:.1f}× specs; "
                f"{_by_chart_count(several, lambda p: p['html_bytes'] / p['spec_bytes'])}; "
                f"largest page {biggest / 1024:.0f} KB"
                f"{_frame_note(several)}",
                "≤ 2× specs and ≤ 200 KB",
                all(
                    p["html_bytes"] <= 2 * p["spec_bytes"] and p["html_bytes"] <= 200 * 1024
                    for p in several
                ),
                ratio=worst["html_bytes"] / worst["spec_bytes"],
            )
        )
    if one and all("no_chart_bytes" in p for p in one):

        def by_floor(p: dict) -> float:
            return p["html_bytes"] / one_chart_floor_bytes(p)

        worst = max(one, key=by_floor)
        ratio = by_floor(worst)
        m.append(
            _measure(
                "HTML bytes per one-chart page: what the chart adds (Vega runtime excluded)",
                "the same page with its chart removed, plus the bare chart "
                "(its spec and data as Vega-Lite takes them)",
                f"{one_chart_floor_bytes(worst) / 1024:.1f} KB "
                f"({worst['no_chart_bytes'] / 1024:.1f} + {worst['spec_bytes'] / 1024:.1f} KB; "
                f"{worst['page']}, worst ratio)",
                f"{worst['html_bytes'] / 1024:.1f} KB = {ratio:.2f}× floor; "
                f"{_by_chart_count(one, by_floor, '.2f')}"
                f"; against the chart specs alone "
                f"{_by_chart_count(one, lambda p: p['html_bytes'] / p['spec_bytes'])}",
                "≤ 2× floor and ≤ 200 KB",
                all(
                    p["html_bytes"] <= 2 * one_chart_floor_bytes(p)
                    and p["html_bytes"] <= 200 * 1024
                    for p in one
                ),
                ratio=ratio,
            )
        )
    timed = [p for p in several if p.get("time_ms")]
    if timed:
        worst = max(timed, key=lambda p: p["time_ms"] / p["floor_ms"])
        ratio = worst["time_ms"] / worst["floor_ms"]
        m.append(
            _measure(
                "Time until every chart has drawn, pages with several charts (headless Chromium)",
                "a bare page, same Vega runtime and specs",
                f"{worst['floor_ms']:.0f} ms ({worst['page']}, worst ratio)",
                f"{worst['time_ms']:.0f} ms = {ratio:.2f}× floor "
                f"(median of {len(worst['time_runs_ms'])}); "
                f"{_by_chart_count(timed, lambda p: p['time_ms'] / p['floor_ms'], '.2f')}",
                "≤ 1.3× floor",
                all(p["time_ms"] <= 1.3 * p["floor_ms"] for p in timed),
                ratio=ratio,
            )
        )
    timed = [p for p in one if p.get("time_ms") and p.get("no_charts_ms")]
    if timed:
        worst = max(timed, key=lambda p: p["time_ms"] / one_chart_floor_ms(p))
        ratio = worst["time_ms"] / one_chart_floor_ms(worst)
        m.append(
            _measure(
                "Time until the chart has drawn, one-chart pages: what the chart adds",
                "the same page with its chart removed (parsed and first painted), "
                "plus the bare chart (a bare page, same Vega runtime and spec)",
                f"{one_chart_floor_ms(worst):.0f} ms ({worst['no_charts_ms']:.0f} + "
                f"{worst['floor_ms']:.0f} ms; {worst['page']}, worst ratio)",
                f"{worst['time_ms']:.0f} ms = {ratio:.2f}× floor "
                f"(median of {len(worst['time_runs_ms'])}); "
                f"{_by_chart_count(timed, lambda p: p['time_ms'] / one_chart_floor_ms(p), '.2f')}"
                f"; against the bare chart alone "
                f"{_by_chart_count(timed, lambda p: p['time_ms'] / p['floor_ms'], '.2f')}",
                "≤ 1.3× floor",
                all(p["time_ms"] <= 1.3 * one_chart_floor_ms(p) for p in timed),
                ratio=ratio,
            )
        )
    lh = [p["lighthouse"] for p in r["pages"] if p.get("lighthouse")]
    if lh:
        ok = [x for x in lh if "error" not in x]
        if ok:
            lows = {
                k: min(x[k] for x in ok) for k in ("performance", "accessibility", "best-practices")
            }
            m.append(
                _measure(
                    "Lighthouse, desktop, every page (lowest score)",
                    "—",
                    "—",
                    f"performance {lows['performance']:.2f}, accessibility "
                    f"{lows['accessibility']:.2f}, best practices {lows['best-practices']:.2f}"
                    + (f"; {len(lh) - len(ok)} pages failed to run" if len(ok) < len(lh) else ""),
                    "≥ 0.90, = 1.00, ≥ 0.95",
                    len(ok) == len(lh)
                    and lows["performance"] >= 0.9
                    and lows["accessibility"] >= 1.0
                    and lows["best-practices"] >= 0.95,
                )
            )
    ax = [p["axe"] for p in r["pages"] if p.get("axe")]
    if ax:
        blocking = sum(a["serious"] + a["critical"] for a in ax)
        m.append(
            _measure(
                "axe-core, every page",
                "—",
                "—",
                f"{blocking} serious or critical violations on {len(ax)} pages "
                f"({sum(a['moderate'] + a['minor'] for a in ax)} moderate or minor)",
                "no serious or critical violations",
                blocking == 0,
            )
        )
    mc = r["montecarlo"]
    ratio = mc["split_seconds"] / mc["plain_seconds"]
    m.append(
        _measure(
            "Value-flow Monte Carlo, 1,000,000 draws",
            "one vectorized NumPy pass over the same draws",
            f"{mc['plain_seconds'] * 1000:.1f} ms",
            f"{mc['split_seconds'] * 1000:.1f} ms = {ratio:.2f}× floor "
            f"(whole simulate() with drawing and summary: {mc['simulate_seconds'] * 1000:.0f} ms "
            f"= {mc['simulate_seconds'] / mc['draw_plus_plain_seconds']:.2f}× drawing + one pass)",
            "≤ 2× floor",
            ratio <= 2,
            ratio=ratio,
        )
    )
    rp = r["reproducibility"]
    m.append(
        _measure(
            "Reproducibility: two clean builds",
            "—",
            "—",
            f"{rp['charts_compared']} chart specs and {rp['glue_compared']} glued values: "
            + ("identical" if rp["identical"] else f"{len(rp['differences'])} differences"),
            "identical",
            rp["identical"],
        )
    )
    return m


def print_table(measures: list[dict]) -> None:
    print("\n| what | floor | measured | target | met? |\n|---|---|---|---|---|")
    for x in measures:
        met = "yes" if x["met"] else "NO"
        print(f"| {x['what']} | {x['floor_value']} | {x['measured']} | {x['target']} | {met} |")


# ----------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clean-runs", type=int, default=2, help="clean builds (>= 2)")
    parser.add_argument("--page-runs", type=int, default=5, help="page loads per page (>= 5)")
    parser.add_argument("--toc", help="a table of contents other than _toc.yml")
    parser.add_argument("--edit", help="chapter to edit (default: first notebook in the toc)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    clean_runs = max(args.clean_runs, 2)
    toc = str(Path(args.toc).resolve()) if args.toc else None
    started = dt.datetime.now(dt.UTC)

    def say(msg: str) -> None:
        print(f"[bench {time.perf_counter() - t0:6.1f} s] {msg}", flush=True)

    t0 = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    snapshot()
    # Builds, their kernels and the floor read the snapshot's analysis package (its code,
    # data and the chapters' parameters), not the one installed from the working tree.
    os.environ["PYTHONPATH"] = str(SRC)
    nbs = notebooks(Path(toc) if toc else SRC / "_toc.yml")
    say(f"snapshot taken; {len(nbs)} notebooks in the toc")

    cleans, logs = [], []
    for i in range(clean_runs):
        name = "ab"[i] if i < 2 else f"c{i}"
        seconds, log = clean_build(name, toc)
        cleans.append(seconds)
        logs.append(log)
        say(f"clean build {name}: {seconds:.2f} s, executed {len(executed(log))}")
        if i == 0:
            rebuilds = []
            for _ in range(3):
                seconds_reb, reb_log = _jb(OUT / "a", toc)
                rebuilds.append(seconds_reb)
                say(f"no-change rebuild: {seconds_reb:.2f} s, re-executed {executed(reb_log)}")
            reb = statistics.median(rebuilds)
    rp = repro.compare(OUT / "a" / "_build", OUT / "b" / "_build")
    say(f"reproducibility: {'identical' if rp['identical'] else rp['differences']}")
    fe = floor_execute(nbs)
    fs = floor_sphinx(toc)
    say(f"floor: nbclient {fe:.2f} s + sphinx (execution off) {fs:.2f} s")
    if args.edit:
        edit_target = SRC / "book" / f"{args.edit}.md"
    else:
        edit_target = next(p for p in nbs if p.stem != "colophon")
    edit = edit_one_chapter(edit_target, toc)
    say(f"edited {edit['chapter']}: re-executed {edit['re_executed']} in {edit['seconds']:.2f} s")

    site = OUT / "b" / "_build" / "html"
    pages = site_quality.page_weight(site)
    names = [p["page"] for p in pages]
    bare = site_quality.write_bare_pages(site, [p["page"] for p in pages if p["charts"]])
    no_charts = site_quality.write_no_chart_pages(
        site, [p["page"] for p in pages if p["charts"] == 1]
    )
    from playwright.sync_api import sync_playwright

    with site_quality.Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=site_quality.CHROMIUM, args=site_quality.CHROMIUM_ARGS
        )
        timing = site_quality.time_to_charts(
            browser, server.url, bare, max(args.page_runs, 5), no_charts
        )
        say(f"time to charts measured on {len(timing)} chart pages")
        axe = site_quality.axe(browser, server.url, names) if site_quality.AXE.exists() else {}
        say(f"axe-core on {len(axe)} pages")
        browser.close()
        lh = {}
        if not args.skip_lighthouse and site_quality.LIGHTHOUSE.exists():
            lh = site_quality.lighthouse(server.url, names, OUT / "lighthouse")
            say(f"Lighthouse on {len(lh)} pages")
    for p in pages:
        p.update(timing.get(p["page"], {}))
        if p["page"] in axe:
            p["axe"] = axe[p["page"]]
        if p["page"] in lh:
            p["lighthouse"] = lh[p["page"]]
    mc = montecarlo()
    say("Monte Carlo timed")

    result = {
        "date": started.isoformat(timespec="seconds"),
        "command": "make bench",
        **_git(),
        "machine": _machine(),
        "versions": _versions(),
        "notebooks": [p.name for p in nbs],
        "builds": {
            "clean_runs": [round(x, 3) for x in cleans],
            "clean_seconds": statistics.median(cleans),
            "rebuild_runs": [round(x, 3) for x in rebuilds],
            "rebuild_seconds": reb,
            "floor_execute_seconds": fe,
            "floor_sphinx_seconds": fs,
            "floor_seconds": fe + fs,
            "edit": edit,
        },
        "loads": {
            "vega_runtime_bytes": (site / "_static" / "vega-runtime.js").stat().st_size,
            **stylesheet_bytes(site),
        },
        "pages": pages,
        "reproducibility": rp,
        "montecarlo": mc,
    }
    result["measures"] = build_measures(result)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(result["measures"])
    print(f"\nwrote {RESULTS.relative_to(ROOT)}; the Colophon page renders it on the next build")
    if not rp["identical"]:
        print("REPRODUCIBILITY: the two clean builds differ:\n  " + "\n  ".join(rp["differences"]))
    missed = [x["what"] for x in result["measures"] if not x["met"]]
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
