"""The bench's results, read for the Colophon.

``benchmarks/results.json``, written by ``make bench``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_results(path: Path) -> dict[str, Any] | None:
    """The bench's results, or None when ``make bench`` has not been run."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
