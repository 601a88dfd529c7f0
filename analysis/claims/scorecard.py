"""The claims scorecard: one verdict per seed claim, gathered from every layer.

Each layer's module (``claims_apps``, ``claims_models``,
``claims_infrastructure``, ``claims_cross``) returns a frame with columns
:data:`VERDICT_COLUMNS`, one row per claim it judges. :func:`combine` joins
them to the ``seed_claims`` dataset and refuses a claim with no verdict or
with two.
"""

from __future__ import annotations

import pandas as pd

from analysis.formatting import count

VERDICTS: tuple[str, ...] = ("held", "failed", "mixed", "still open", "not testable")
VERDICT_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "verdict",
    "evidence",
    "figure_id",
    "reasoning",
    "sources",
)


def layer_verdict_texts(table: pd.DataFrame, prefix: str) -> dict[str, str]:
    """A layer chapter's verdict counts as glue texts: ``<prefix>_n_<verdict>`` for every
    verdict (spaces as underscores; "0" where no claim got it) and ``<prefix>_n_judged``
    for all rows. ``table`` is :func:`analysis.claims.pipeline.layer_scorecard` output.
    Raises ValueError on a verdict outside :data:`VERDICTS`, so no claim goes uncounted.
    """
    unknown = set(table["verdict"]) - set(VERDICTS)
    if unknown:
        raise ValueError(f"verdicts {sorted(unknown)} are not among {VERDICTS}")
    counts = table["verdict"].value_counts()
    out = {f"{prefix}_n_{v.replace(' ', '_')}": count(int(counts.get(v, 0))) for v in VERDICTS}
    out[f"{prefix}_n_judged"] = count(len(table))
    return out


def verdict_row(
    claim_id: str,
    verdict: str,
    evidence: str = "",
    figure_id: str = "",
    reasoning: str = "",
    sources: str = "",
) -> dict[str, str]:
    """One verdict, checked: the verdict word must be one of :data:`VERDICTS`."""
    if verdict not in VERDICTS:
        raise ValueError(f"{claim_id}: verdict {verdict!r} is not one of {VERDICTS}")
    if not reasoning.strip():
        raise ValueError(f"{claim_id}: a verdict needs its reasoning")
    return {
        "claim_id": claim_id,
        "verdict": verdict,
        "evidence": evidence,
        "figure_id": figure_id,
        "reasoning": reasoning,
        "sources": sources,
    }


def combine(claims: pd.DataFrame, *verdicts: pd.DataFrame) -> pd.DataFrame:
    """Every claim with exactly one verdict, in the claims' order.

    Raises ``ValueError`` naming the claims with no verdict, with more than
    one, or judged but not in ``claims``.
    """
    for v in verdicts:
        if "sources" not in v:
            v["sources"] = ""
    extra = [c for c in verdicts[0].columns if c not in VERDICT_COLUMNS] if verdicts else []
    parts = [
        v.loc[:, [*VERDICT_COLUMNS, *[c for c in extra if c in v]]] for v in verdicts if len(v)
    ]
    judged = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=VERDICT_COLUMNS)
    bad = sorted(set(judged["verdict"]) - set(VERDICTS))
    if bad:
        raise ValueError(f"unknown verdict word(s): {bad}")
    twice = sorted(judged.loc[judged["claim_id"].duplicated(), "claim_id"])
    if twice:
        raise ValueError(f"claims judged more than once: {twice}")
    unknown = sorted(set(judged["claim_id"]) - set(claims["claim_id"]))
    if unknown:
        raise ValueError(f"verdicts for claims not in seed_claims: {unknown}")
    missing = sorted(set(claims["claim_id"]) - set(judged["claim_id"]))
    if missing:
        raise ValueError(f"claims with no verdict: {missing}")
    cols = ["claim_id", "essay", "layer", "kind", "quote", "claim"]
    cols += [c for c in ("proxy", "proxy_reason") if c in claims]
    return claims.loc[:, cols].merge(judged, on="claim_id", how="left", validate="one_to_one")


def tally(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Count of verdicts by essay (rows) and verdict (columns), all verdicts shown."""
    table = pd.crosstab(scorecard["essay"], scorecard["verdict"])
    return table.reindex(columns=list(VERDICTS), fill_value=0)


def robust_tally(scorecard: pd.DataFrame) -> pd.Series:
    """Count of scored verdicts by robustness (robust, fragile)."""
    scored = scorecard[scorecard["verdict"] != "not testable"]
    return scored["robustness"].value_counts().reindex(["robust", "fragile"], fill_value=0)


def testable_share_held(scorecard: pd.DataFrame) -> float:
    """Among claims with a held/failed/mixed verdict, the share that held (0-1)."""
    decided = scorecard[scorecard["verdict"].isin(["held", "failed", "mixed"])]
    if decided.empty:
        raise ValueError("no decided claims")
    return float((decided["verdict"] == "held").mean())


FIGURE_PAGES: dict[str, str] = {
    "fig-stack-": "stack-2023.html",
    "fig-apps-": "apps.html",
    "fig-models-": "models.html",
    "fig-infrastructure-": "infrastructure.html",
    "fig-data-": "data.html",
    "fig-verdict-": "verdict.html",
}
"""Which chapter page holds a figure, by the figure id's prefix."""


def figure_href(figure_id: str) -> str:
    """Relative link (from a page in ``book/``) to the chapter anchor of a figure."""
    for prefix, page in FIGURE_PAGES.items():
        if figure_id.startswith(prefix):
            return f"{page}#{figure_id}"
    raise ValueError(f"figure id {figure_id!r} has no known chapter prefix")


def to_csv_text(scorecard: pd.DataFrame) -> str:
    """The scorecard as CSV text (what the download link serves)."""
    return scorecard.to_csv(index=False, lineterminator="\n")


_SCRIPT = """
(function(){
  var root = document.currentScript.parentNode;
  var rows = Array.prototype.slice.call(root.querySelectorAll('tbody tr'));
  var selects = root.querySelectorAll('select[data-filter]');
  var count = root.querySelector('.gai-scorecard-count');
  function apply(){
    var shown = 0;
    rows.forEach(function(r){
      var ok = Array.prototype.every.call(selects, function(s){
        return !s.value || r.dataset[s.dataset.filter] === s.value; });
      r.hidden = !ok; if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' claims shown';
  }
  Array.prototype.forEach.call(selects, function(s){ s.addEventListener('change', apply); });
  root.querySelectorAll('th button[data-sort]').forEach(function(b){
    b.addEventListener('click', function(){
      var i = +b.dataset.sort, asc = b.getAttribute('aria-sort') !== 'ascending';
      root.querySelectorAll('th button').forEach(function(o){ o.removeAttribute('aria-sort'); });
      b.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = root.querySelector('tbody');
      rows.sort(function(x, y){
        var a = x.children[i].dataset.key || x.children[i].textContent;
        var c = y.children[i].dataset.key || y.children[i].textContent;
        return (a < c ? -1 : a > c ? 1 : 0) * (asc ? 1 : -1);
      }).forEach(function(r){ body.appendChild(r); });
    });
  });
  apply();
})();
"""


SCORECARD_CSV = "scorecard.csv"
"""File name of the scorecard download, published beside the datasets."""


def scorecard_html(scorecard: pd.DataFrame, csv_href: str) -> str:
    """A sortable, filterable scorecard table with a CSV download, working with no kernel.

    The table is :func:`analysis.claims.verdict_table.table_html`'s, the style of
    every verdict table in the book. Filters by essay, layer, verdict and
    robustness; column headers sort; ``csv_href`` is
    the relative link to the published CSV (:func:`to_csv_text` of the same
    table, written at build time by ``book/_ext/data_downloads.py``).
    """
    import html

    from analysis.claims.verdict_table import table_html  # it imports this module

    esc = html.escape
    controls = []
    filters = [("essay", "Essay"), ("layer", "Layer"), ("verdict", "Verdict")]
    if "robustness" in scorecard:
        filters.append(("robustness", "Robust?"))
    for col, label in filters:
        present = set(scorecard[col]) - {""}
        values = [v for v in VERDICTS if v in present] if col == "verdict" else sorted(present)
        options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        controls.append(
            f'<label>{label} <select data-filter="{col}" name="filter-{col}">'
            f'<option value="">all</option>{options}</select></label>'
        )
    controls.append(
        f'<a class="gai-scorecard-download" download href="{esc(csv_href)}">Download CSV</a>'
    )
    controls.append('<span class="gai-scorecard-count" aria-live="polite"></span>')
    return (
        '<div class="gai-scorecard">'
        f'<div class="gai-scorecard-controls">{"".join(controls)}</div>'
        f"{table_html(scorecard, 'Every claim of the two essays, with its verdict', sortable=True)}"
        f"<script>{_SCRIPT}</script></div>"
    )
