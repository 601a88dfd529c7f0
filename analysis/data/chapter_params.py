"""A chapter's assumptions, read from its ``parameters`` cell.

Each chapter keeps every assumption in one code cell tagged ``parameters``
(the cell a reader edits, and the one papermill overrides). The scorecard
chapter re-derives each layer's verdicts with the same assumptions, so it
reads them from there instead of keeping a second copy.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import jupytext

BOOK_DIR = Path(__file__).resolve().parents[2] / "book"


def chapter_params(chapter: str, book_dir: Path | None = None) -> dict[str, Any]:
    """The names assigned in ``book/<chapter>.md``'s parameters cell, with their values.

    The cell may only assign literals (numbers, strings, tuples, dicts...):
    anything else raises ``ValueError``, since a parameter must be a value a
    reader can read and change.
    """
    path = (book_dir or BOOK_DIR) / f"{chapter}.md"
    notebook = jupytext.read(path)
    cells = [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"{path}: expected one cell tagged 'parameters', found {len(cells)}")
    params: dict[str, Any] = {}
    for node in ast.parse(cells[0].source).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            raise ValueError(f"{path}: parameters cell may only hold `NAME = value` lines")
        target = node.targets[0]
        names = target.elts if isinstance(target, ast.Tuple) else [target]
        if not all(isinstance(n, ast.Name) for n in names):
            raise ValueError(f"{path}: parameters cell assigns to {ast.unparse(target)!r}")
        try:
            value = ast.literal_eval(node.value)
        except ValueError as err:
            raise ValueError(f"{path}: {ast.unparse(target)} is not a literal value") from err
        if isinstance(target, ast.Tuple):
            if not isinstance(value, tuple) or len(value) != len(names):
                raise ValueError(f"{path}: cannot unpack {ast.unparse(node.value)!r}")
            params.update({n.id: v for n, v in zip(names, value, strict=True)})
        else:
            params[target.id] = value
    return params
