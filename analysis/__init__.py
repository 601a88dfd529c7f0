"""Tested analysis package behind the book "Who Owns the Generative AI Platform?".

Imports flow one way (``tests/test_architecture.py`` holds them to it):
chapters -> claims / charts -> layer modules -> data.

* :mod:`analysis.data` — the CSVs, their schemas, loading, provenance and
  checks: the only code that reads files.
* :mod:`analysis.apps`, :mod:`analysis.models`, :mod:`analysis.infrastructure`
  — one package per layer of the stack: pure functions over DataFrames, one
  question per module (no plotting, no I/O). :mod:`analysis.stack` is the
  essays' 2023 map of all three.
* :mod:`analysis.claims` — the essays' claims judged by tested predicates, one
  module per layer, gathered into the scorecard.
* :mod:`analysis.charts` — one theme, one palette, the renderer, and the chart
  factories of each chapter.
* :mod:`analysis.findings` (the front page's numbers, each computed once),
  :mod:`analysis.colophon`, :mod:`analysis.publish` — what pages call;
  :mod:`analysis.formatting` — how numbers are written in prose.
"""

__version__ = "0.1.0"
