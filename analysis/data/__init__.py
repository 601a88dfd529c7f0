"""The data layer: the CSVs, their schemas, loading, provenance and checks.

The only code that reads files. Everything above it (the layer modules, the
claims, the charts) receives DataFrames from :func:`analysis.data.datasets.load`.
"""
