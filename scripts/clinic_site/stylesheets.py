"""One stylesheet for the whole site.

Material links its stylesheet in two files (main and palette) and each `extra_css`
file after them: three requests a first view waits for before it shows anything. Served
as one file, in the same order, the page renders after one request and looks the same.
"""

from __future__ import annotations

import hashlib
import re

STYLESHEETS_DIR = "assets/stylesheets/"
# A url() that is not data: or absolute resolves against the stylesheet's own folder.
_RELATIVE_URL = re.compile(r"""url\(\s*['"]?(?!data:|[a-z][a-z0-9+.-]*:|/)([^'")]+)""", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")


def relative_urls(css: str) -> list[str]:
    """The url() references of a stylesheet that depend on where the file is served from."""
    return _RELATIVE_URL.findall(css)


def combine_stylesheets(parts: list[tuple[str, str]]) -> str:
    """The (name, CSS) parts as one stylesheet, in order, each headed by its name.

    Source-map comments are dropped: they would point next to the wrong file.
    """
    return "".join(f"/* {name} */\n{_SOURCE_MAP.sub('', css).strip()}\n" for name, css in parts)


def stylesheet_path(css: str) -> str:
    """Where the combined stylesheet is served: named by its content, so it can be cached."""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:10]
    return f"{STYLESHEETS_DIR}site.{digest}.css"
