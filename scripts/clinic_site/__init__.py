"""The clinic site's build logic: plain functions from data to text, HTML and JSON.

The runner (pipeline.py) takes every build, content check and preview through the data
step (site_data.py), the engine (engine.py, the only code that runs one) and the finish
step (finish.py, over the pages in memory); problems are Problems (problems.py), written
out in report.py. `python -m clinic_site` is its command line (cli.py), which
scripts/dev.py runs. The drivers in scripts/ stay thin, so the logic can be tested on its
own and survives a change of site generator.
"""
