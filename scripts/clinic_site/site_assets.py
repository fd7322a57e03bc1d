"""One stylesheet and one script for the whole site.

Material links its stylesheet in two files (main and palette), then each `extra_css`
file, and each `extra_javascript` file: every one is a request a first view makes, and
the stylesheets all block the first paint. Served as one stylesheet and one deferred
script, in the same order, the page makes fewer requests and looks and works the same.
The site's own files are minified (rcssmin, rjsmin) on the way; Material's are already.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable

import rcssmin
import rjsmin

STYLESHEETS_DIR = "assets/stylesheets/"
SCRIPTS_DIR = "assets/javascripts/"
# A url() that is not data: or absolute resolves against the stylesheet's own folder.
_RELATIVE_URL = re.compile(r"""url\(\s*['"]?(?!data:|[a-z][a-z0-9+.-]*:|/)([^'")]+)""", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")


def relative_urls(css: str) -> list[str]:
    """The url() references of a stylesheet that depend on where the file is served from."""
    return _RELATIVE_URL.findall(css)


def rebased_urls(css: str, from_dir: str, to_dir: str) -> str:
    """A stylesheet's relative url()s rewritten for serving it from to_dir instead of from_dir
    (folders relative to the site root), so combining files from two folders breaks none."""
    if from_dir.rstrip("/") == to_dir.rstrip("/"):
        return css

    def rebase(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(from_dir, match.group(1)))
        return match.group(0)[: -len(match.group(1))] + posixpath.relpath(target, to_dir)

    return _RELATIVE_URL.sub(rebase, css)


def _minified(name: str, text: str, minify: Callable[[str], str]) -> str:
    # Files named *.min.* (Material's) are minified already.
    return text if ".min." in name else minify(text)


def combine_stylesheets(parts: list[tuple[str, str]]) -> str:
    """The (name, CSS) parts as one stylesheet, in order, each headed by its name.

    Source-map comments are dropped: they would point next to the wrong file.
    """
    return "".join(
        f"/* {name} */\n{_minified(name, _SOURCE_MAP.sub('', css), rcssmin.cssmin).strip()}\n" for name, css in parts
    )


def combine_scripts(parts: list[tuple[str, str]]) -> str:
    """The (name, JavaScript) parts as one classic script, run in order.

    Each part must be a whole script on its own (the site's are each one function run
    at once). A ";" ends each, so no part runs on into the next.
    """
    return "".join(f"/* {name} */\n{_minified(name, js, rjsmin.jsmin).strip()}\n;\n" for name, js in parts)


def asset_path(folder: str, extension: str, content: str) -> str:
    """Where a combined file is served: named by its content, so it can be cached."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return f"{folder}site.{digest}.{extension}"
