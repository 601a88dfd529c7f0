"""One renderer for every verdict table: the chapters' tables and the verdict page's scorecard.

Each row is one claim: what the essay said (and the claim as tested), the
verdict with its robustness, the evidence with a link to the figure that shows
it, the weakest source grade the evidence rests on with the date it was last
checked, and the reasoning (with the proxy used, if any). Five columns, full
text (nothing cut with "…"), no DataFrame index; the table scrolls sideways
inside its own column on a narrow screen, stacks each claim's cells on a phone
(their ``data-label`` names the column), and prints whole
(``book/_static/gai-book.css``, ``.gai-verdicts``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from analysis.claims.scorecard import VERDICTS, figure_href

HEADERS: tuple[str, ...] = ("Claim", "Verdict", "Evidence", "Grade", "Why")
"""The columns of every verdict table, in order."""

_esc = html.escape


def cell(row: object, name: str) -> str:
    """A row's value as text: None, NaN and pandas' NA are all "" (never the text "<NA>")."""
    value = getattr(row, name, "")
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def with_wording(table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the columns the renderer reads, taken from ``claims`` where missing.

    ``table`` is a scorecard (``pipeline.layer_scorecard``, ``build_scorecard``)
    or a layer's bare verdicts (claim id, verdict, evidence, figure id,
    reasoning); ``claims`` is the ``seed_claims`` dataset.
    """
    wanted = ["essay", "layer", "quote", "claim", "proxy", "proxy_reason"]
    missing = [c for c in wanted if c not in table and c in claims]
    if not missing:
        return table
    extra = claims.loc[:, ["claim_id", *missing]]
    return table.merge(extra, on="claim_id", how="left", validate="many_to_one")


def figure_link(figure_id: str) -> str:
    """The figure id as a link to the figure's anchor (empty when there is none)."""
    if not figure_id:
        return ""
    href = _esc(figure_href(figure_id))
    return f'<a class="gai-fig-ref" href="{href}">{_esc(figure_id)}</a>'


def _claim_cell(r: object) -> str:
    meta = " · ".join(x for x in (cell(r, "essay"), cell(r, "layer")) if x)
    out = f'<span class="gai-claim-id">{_esc(r.claim_id)}</span>'
    if meta:
        out += f' <span class="gai-claim-meta">{_esc(meta)}</span>'
    quote, claim = cell(r, "quote"), cell(r, "claim")
    if quote:
        out += f'<span class="gai-claim-quote">“{_esc(quote)}”</span>'
    if claim:
        out += f'<span class="gai-claim-tested">Tested as: {_esc(claim)}</span>'
    return out


def _verdict_cell(r: object) -> tuple[int, str]:
    order = VERDICTS.index(r.verdict)
    out = f'<span class="gai-verdict gai-verdict-{order}">{_esc(r.verdict)}</span>'
    robust = cell(r, "robustness")
    if robust:
        out += f'<span class="gai-robustness gai-{_esc(robust)}">{_esc(robust)}</span>'
    return order, out


def _grade_cell(r: object) -> str:
    grade = cell(r, "grade")
    if grade and cell(r, "grade_basis") == "dataset":
        grade += " (dataset)"
    checked = cell(r, "checked")
    out = _esc(grade)
    if checked:
        out += f'<span class="gai-checked">checked {_esc(checked)}</span>'
    return out


def _why_cell(r: object) -> str:
    why = _esc(cell(r, "reasoning"))
    proxy = cell(r, "proxy")
    if proxy:
        reason = cell(r, "proxy_reason")
        label = f"{_esc(proxy)} ({_esc(reason)})" if reason else _esc(proxy)
        why = f"<strong>Proxy:</strong> {label}. " + why
    return why


def row_html(r: object) -> str:
    """One claim as a table row, with its essay, layer, verdict and robustness as data
    attributes (the verdict page's filters read them) and ``id="claim-<id>"``."""
    order, verdict = _verdict_cell(r)
    evidence = _esc(cell(r, "evidence"))
    link = figure_link(cell(r, "figure_id"))
    if link:
        evidence = f"{evidence} {link}" if evidence else link
    attrs = " ".join(
        f'data-{name}="{_esc(cell(r, name))}"'
        for name in ("essay", "layer", "verdict", "robustness")
    )
    return (
        f'<tr {attrs} id="claim-{_esc(r.claim_id)}">'
        f'<td data-key="{_esc(r.claim_id)}" data-label="Claim">{_claim_cell(r)}</td>'
        f'<td data-key="{order}" data-label="Verdict">{verdict}</td>'
        f'<td data-label="Evidence">{evidence}</td>'
        f'<td data-label="Grade">{_grade_cell(r)}</td>'
        f'<td data-label="Why">{_why_cell(r)}</td></tr>'
    )


def table_html(table: pd.DataFrame, caption: str, *, sortable: bool = False) -> str:
    """The verdict table as HTML: a ``<table class="gai-verdicts">`` in a scroll container.

    ``table`` needs ``claim_id`` and ``verdict``; every other column the
    renderer reads (see :func:`with_wording`) is optional and shows as blank.
    ``sortable`` puts a sort button in each header (the verdict page's script
    uses them).
    """
    if sortable:
        head = "".join(
            f'<th scope="col"><button type="button" data-sort="{i}">{h}</button></th>'
            for i, h in enumerate(HEADERS)
        )
    else:
        head = "".join(f'<th scope="col">{h}</th>' for h in HEADERS)
    body = "".join(row_html(r) for r in table.itertuples(index=False))
    return (
        '<div class="gai-table-scroll"><table class="table gai-verdicts">'
        f"<caption>{_esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


@dataclass(frozen=True)
class VerdictTable:
    """A chapter's verdict table: shows as the book's one verdict-table style in a notebook
    (``_repr_html_``); ``frame`` holds the rows it draws, indexed by claim id."""

    frame: pd.DataFrame
    caption: str = "Each claim with its verdict"

    def _repr_html_(self) -> str:
        return table_html(self.frame.reset_index(), self.caption)


def display_table(
    table: pd.DataFrame, claims: pd.DataFrame, caption: str = "Each claim with its verdict"
) -> VerdictTable:
    """What every chapter's ``display_table`` returns: ``table`` (scorecard rows or a layer's
    verdicts) with the claims' wording, drawn by :func:`table_html`."""
    frame = with_wording(table, claims).set_index("claim_id")
    return VerdictTable(frame, caption)
