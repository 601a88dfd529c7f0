"""The seed essays' claims judged against the data.

One module of predicates per layer (:mod:`~analysis.claims.apps`,
:mod:`~analysis.claims.models`, :mod:`~analysis.claims.infrastructure`,
:mod:`~analysis.claims.cross`), the scorecard that gathers their verdicts
(:mod:`~analysis.claims.scorecard`) and the pipeline that runs them from the
datasets with each chapter's parameters (:mod:`~analysis.claims.pipeline`).
"""
