"""The clinic site's build logic: plain functions from data to text, HTML and JSON.

The MkDocs hook (scripts/clinic_hook.py) is a thin adapter around this package, so
the logic can be tested on its own and survives a change of site generator.
"""
