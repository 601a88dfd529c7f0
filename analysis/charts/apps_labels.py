"""End labels that do not collide: each series named at its last point, moved apart if needed.

Pure helpers for charts whose lines end at different heights (the Apps
chapter's revenue chart). Positions are estimated in pixels from the plot's
size and its log axis; a label moved from its point gets a thin leader.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

LABEL_CHAR_PX, LABEL_GAP_PX = 6.2, 13.0
"""Estimated width of one 11 px label character and the least vertical gap between labels."""


def log_domain(values: pd.Series) -> tuple[float, float]:
    """Whole powers of ten around positive ``values`` (a log axis's domain)."""
    v = values[values > 0]
    return 10.0 ** np.floor(np.log10(v.min())), 10.0 ** np.ceil(np.log10(v.max()))


def dodge(x_px: Sequence[float], y_px: Sequence[float], widths: Sequence[float], gap: float):
    """Label heights (pixels from the bottom) moved up until no two labels overlap.

    Label ``i`` spans ``x_px[i]`` to ``x_px[i] + widths[i]`` across and
    ``gap`` pixels up; labels are placed from the lowest up, each raised above
    any placed label it would overlap. Returns the new heights, in input order.
    """
    order = np.argsort(np.asarray(y_px, dtype=float), kind="stable")
    placed: list[int] = []
    out = np.asarray(y_px, dtype=float).copy()
    for i in order:
        moved = True
        while moved:
            moved = False
            for j in placed:
                across = x_px[i] < x_px[j] + widths[j] and x_px[j] < x_px[i] + widths[i]
                if across and abs(out[i] - out[j]) < gap - 1e-9:
                    out[i] = out[j] + gap
                    moved = True
        placed.append(int(i))
    return out


def end_labels(
    data: pd.DataFrame, *, width: float, height: float, domain: tuple[float, float]
) -> pd.DataFrame:
    """Each company's last figure with ``end_label`` ("Cursor, Apr 2026") and a dodged ``label_y``.

    ``label_y`` (USD millions) is the height at which the label is drawn on
    the log axis ``domain`` of a ``width`` x ``height`` pixel plot: the
    figure's own value unless another label would overlap it (:func:`dodge`).
    """
    last = data.sort_values("date").groupby("company").tail(1).copy()
    when = pd.to_datetime(last["date"])
    last["end_label"] = [f"{c}, {d:%b %Y}" for c, d in zip(last["short"], when, strict=True)]
    t = pd.to_datetime(last["date"]).astype("int64").to_numpy(dtype=float)
    t0, t1 = pd.to_datetime(data["date"]).astype("int64").agg(["min", "max"]).to_numpy(dtype=float)
    x_px = (t - t0) / max(t1 - t0, 1.0) * width + 7
    lo, hi = np.log10(domain[0]), np.log10(domain[1])
    y_px = (np.log10(last["value_usd_m"].to_numpy(dtype=float)) - lo) / (hi - lo) * height
    widths = [len(s) * LABEL_CHAR_PX for s in last["end_label"]]
    new = dodge(list(x_px), list(y_px), widths, LABEL_GAP_PX)
    last["label_y"] = np.where(
        np.isclose(new, y_px), last["value_usd_m"], 10.0 ** (lo + new / height * (hi - lo))
    )
    return last
