"""Putting computed values into the book's prose (myst-nb ``glue``).

``glue_text("name", "$3.83 billion")`` makes ``{glue:text}`name``` in the
chapter's Markdown print exactly that text (no quotes around it).

A glue name is a quantity. A page's own quantities carry its prefix
(``infra_``, ``idx_`` ...); a quantity shown on more than one page is glued under
one name of :data:`SHARED` on every page that shows it, computed there by the same
function, and ``tests/test_one_value.py`` checks it reads the same on every page.
"""

from __future__ import annotations

SHARED: dict[str, str] = {
    "claims_total": "the essays' claims (pipeline.verdict_counts: claims)",
    "claims_a16z": "claims of the a16z essay",
    "claims_teng": "claims of Teng's essay",
    "claims_settled": "claims held, failed or mixed and robust (verdict_counts: settled)",
    "claims_fragile": "held, failed or mixed verdicts that flip (verdict_counts: fragile)",
    "claims_still_open": "claims still open (verdict_counts: still_open)",
    "claims_not_testable": "claims that cannot be tested (verdict_counts: not_testable)",
    "nv_q3fy23_dc": "NVIDIA's Data Center revenue in the quarter the a16z essay cited "
    "(nvidia.essay_quarter_comparison: essay_usd_m)",
    "rev_estimated_share": "share of the revenue points that are estimates, not reported",
}
"""Quantities more than one page shows (or may show), glued under these names only."""


class _Text:
    """Text glued for ``{glue:text}``.

    myst-nb reads the plain-text output back with ``ast.literal_eval`` (to strip
    quotes), so the representation must be a Python string literal: otherwise
    "1,000" would be read as the tuple ``(1, 0)``.
    """

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return repr(self.text)


def glue_text(name: str, text: str) -> str:
    """Glue ``text`` under ``name`` for ``{glue:text}`` (no output in the cell)."""
    from myst_nb import glue

    if not isinstance(text, str) or not text:
        raise ValueError(f"glue {name!r}: expected non-empty text, got {text!r}")
    glue(name, _Text(text), display=False)
    return text
