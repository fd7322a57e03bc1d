"""The clinic site's build logic: plain functions from data to text, HTML and JSON.

The build (scripts/site_build.py, scripts/site_data.py) is a thin driver of this package, so
the logic can be tested on its own and survives a change of site generator.
"""
