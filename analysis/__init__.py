"""Tested analysis package behind the book "Who Owns the Generative AI Platform?".

Layers (data flows one way, GUIDE §1):

* :mod:`analysis.data.datasets` (with :mod:`analysis.data.schemas`) — the only code that
  reads files: load a dataset by name, validate it, return a typed DataFrame.
* analysis modules (``unit_economics``, ``concentration``, ``value_flow`` ...)
  — pure functions, no plotting and no I/O.
* :mod:`analysis.charts` — one theme, one palette, chart factories.
* :mod:`analysis.formatting` — how numbers are written in prose.
"""

__version__ = "0.1.0"
