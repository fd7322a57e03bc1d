"""The two site generators the same tree builds with, named once.

Standard library only: scripts/dev.py reads this before anything is installed.
"""

from __future__ import annotations

# name -> what it is called in messages. MkDocs + Material is the default.
ENGINES = {"mkdocs": "MkDocs + Material for MkDocs", "zensical": "Zensical"}
DEFAULT_ENGINE = "mkdocs"
# The pinned requirements each engine is installed from (README, "Dependencies").
ENGINE_REQUIREMENTS = {"mkdocs": "requirements.txt", "zensical": "requirements-zensical.txt"}
# The package whose templates each engine renders with (the last check allows the theme's
# inline scripts, read from them).
THEME_PACKAGES = {"mkdocs": "material", "zensical": "zensical"}
