"""The infrastructure layer: where an end-user dollar goes (the value-flow model),
Nvidia's data-centre revenue, hyperscaler capex and the revenues of each layer.

Pure functions over DataFrames (no plotting, no file reading).
"""
