"""The apps layer: unit economics, the price of capability, app revenue.

Pure functions over DataFrames (no plotting, no file reading); they import
only :mod:`analysis.data` and each other.
"""
