"""Sphinx extension: chapters re-execute when ``analysis/`` changes.

myst-nb's execution cache hashes a notebook's code cells only (GUIDE §5), so
after a change to the analysis package or its data a second ``make book``
would reuse outputs computed with the old code and the old rows. This
extension keeps a digest of every file under ``analysis/`` beside the cache;
when the digest differs, it empties the cache and marks every page outdated,
so each chapter runs again. Editing one chapter still re-executes only it.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
DIGEST_NAME = "analysis.sha256"


def analysis_digest(root: Path) -> str:
    """SHA-256 over the names and bytes of every file under ``root/analysis``."""
    digest = hashlib.sha256()
    for path in sorted((root / "analysis").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def app_digest(app: Sphinx) -> str:
    """This build's digest of ``analysis/`` (computed once per build)."""
    digest = getattr(app, "_gai_analysis_digest", None)
    if digest is None:
        digest = analysis_digest(Path(app.confdir))
        app._gai_analysis_digest = digest  # type: ignore[attr-defined]
    return digest


def _cache_dir(app: Sphinx) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    path = getattr(config, "execution_cache_path", None)
    return Path(path) if path else None


def _builder_inited(app: Sphinx) -> None:
    app._gai_analysis_digest = None  # type: ignore[attr-defined]
    digest = app_digest(app)
    app._gai_rerun = False  # type: ignore[attr-defined]
    cache = _cache_dir(app)
    if cache is None or not cache.exists():
        return
    stamp = cache / DIGEST_NAME
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    LOGGER.info("analysis/ changed since the execution cache was filled: every chapter re-runs")
    shutil.rmtree(cache)
    app._gai_rerun = True  # type: ignore[attr-defined]


def _outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    return sorted(env.found_docs - added - changed) if getattr(app, "_gai_rerun", False) else []


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    cache = _cache_dir(app)
    if exception is None and cache is not None and cache.exists():
        (cache / DIGEST_NAME).write_text(app_digest(app) + "\n")


def setup(app: Sphinx) -> dict[str, Any]:
    # priority 600: after myst-nb's handler has set the cache path
    app.connect("builder-inited", _builder_inited, priority=600)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
