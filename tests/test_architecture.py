"""The shape of ``analysis/``: imports flow one way, modules stay small.

Chapters -> claims / charts -> layer modules (apps, models, infrastructure) ->
data. The test parses every module's imports (top-level and inside functions)
with :mod:`ast` and fails on one that runs back up: the data layer importing a
layer module, a layer module importing the claims, the charts or another layer,
the claims and the charts importing each other, or anything in ``analysis``
importing the book's extensions, the benchmarks or the tests. It also fails on
a module over :data:`MAX_LINES` lines, and on file reading outside
``analysis/data``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"
MAX_LINES = 500

PAGE = {"findings", "colophon", "publish", "__main__", "__init__"}
"""Top-level modules that serve a page: they may import anything in the package."""

LAYERS = {"apps", "models", "infrastructure", "stack"}
"""The analysis layers (``stack`` is the essays' 2023 map of all three)."""

ALLOWED: dict[str, set[str]] = {
    "formatting": set(),
    "data": {"data"},
    **{layer: {layer, "data", "formatting"} for layer in LAYERS},
    "claims": {"claims", "data", "formatting", *LAYERS},
    "charts": {"charts", "data", "formatting", *LAYERS},
}
"""For each part of the package, the parts its modules may import."""

OUTSIDE = {"tests", "benchmarks", "book", "conftest"} | {
    p.stem for p in (ROOT / "book" / "_ext").glob("*.py")
}
"""Project code outside the package that no analysis module may import."""

READERS = {"open", "read_text", "read_bytes", "read_csv", "read_json", "load", "read"}
"""Calls that read a file (``json.load``, ``jupytext.read`` ...): only analysis.data makes them."""


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def dotted(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part(module: str) -> str:
    """``analysis.claims.models`` -> ``claims``; ``analysis.findings`` -> ``findings``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def imported(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every module ``path`` imports (absolute names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = dotted(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((node.lineno, base))
            # ``from analysis import claims`` names a subpackage, not an attribute
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return out


def test_every_part_of_the_package_is_classified() -> None:
    for path in modules():
        name = part(dotted(path))
        assert name in ALLOWED or name in PAGE, f"{dotted(path)}: add {name!r} to ALLOWED"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_one_way(path: Path) -> None:
    here = part(dotted(path))
    wrong = []
    for line, name in imported(path):
        root = name.split(".")[0]
        if root in OUTSIDE:
            wrong.append(f"line {line}: {name} (project code outside analysis/)")
            continue
        if root != "analysis" or name == "analysis" or here in PAGE:
            continue
        there = part(name)
        if there in PAGE:
            wrong.append(f"line {line}: {name} (a page module, above every layer)")
        elif there in ALLOWED and there not in ALLOWED[here]:
            wrong.append(f"line {line}: {name} ({here} may import only {sorted(ALLOWED[here])})")
    assert not wrong, f"{path.relative_to(ROOT)} imports back up:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_the_line_limit(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines: split it by question"


REASON_LINES = 400
"""Past this many lines a module says why in its docstring ("Size: over 400 lines because")."""


def test_a_module_past_400_lines_says_why() -> None:
    long = {p: p.read_text(encoding="utf-8") for p in modules()}
    long = {p: text for p, text in long.items() if len(text.splitlines()) > REASON_LINES}
    silent = [
        str(p.relative_to(ROOT))
        for p, text in long.items()
        if "Size: over 400 lines because" not in (ast.get_docstring(ast.parse(text)) or "")
    ]
    assert not silent, f"past {REASON_LINES} lines with no reason in the docstring: {silent}"


@pytest.mark.parametrize(
    "path",
    [p for p in modules() if part(dotted(p)) != "data"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_data_layer_reads_files(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        if name in READERS and not (name == "load" and _is_dataset_load(f)):
            calls.append(f"line {node.lineno}: {name}()")
    assert not calls, f"{path.relative_to(ROOT)} reads files:\n" + "\n".join(calls)


def _is_dataset_load(func: ast.expr) -> bool:
    """``load(name)`` / ``datasets.load(name)`` is the data layer's loader, called from above."""
    return isinstance(func, ast.Name) or (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"datasets", "load"}
    )


def test_the_check_catches_an_import_that_runs_back(tmp_path: Path) -> None:
    """The parser sees imports inside functions and relative ones."""
    module = tmp_path / "analysis" / "models" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def f():\n    from analysis.claims import models\n\nfrom ..charts import theme\n"
    )
    names = {name for _, name in imported(module, tmp_path)}
    assert {"analysis.claims", "analysis.charts"} <= names
