"""The model layer: funding and its concentration, valuations, open vs closed models,
commoditization of model access, and the frames the Models chapter draws.

Pure functions over DataFrames (no plotting, no file reading).
"""
