"""The last check, over the finished site: nothing in it runs, redirects or hides a page
except the site's own code.

Whatever route a hole takes (a template, a hook, an engine change, a file copied from
docs/), it ends in the published files. So every HTML and SVG file of the built site is
read once more, and the build fails if one has:

- a script that runs and is not the site's own: a <script src> must point to a file of
  this site under assets/javascripts/ or pagefind/ (relative, no host); an inline script
  that runs must be, exactly, one of the theme's (the scripts in the theme's
  partials/javascripts/*.html templates, each ``{{ ... }}`` in them standing for a path
  with no quotes, angle brackets or backslashes). Data blocks (application/json,
  application/ld+json) never run and are not checked;
- a script, stylesheet, style or <base> before the Content Security Policy <meta>
  (the policy covers only what comes after it), or no policy at all;
- an event attribute (onclick=, onload=, ...);
- a javascript:, vbscript: or data: address in an attribute a browser follows or loads
  (href, src, srcset, action, formaction, xlink:href, poster, ...), read as a browser
  reads it;
- a <meta http-equiv="refresh">, a <base>, an <iframe>, <object> or <embed>;
- an SVG file that is not just a drawing (clinic_site.docs_files.svg_problems).

Pure: a folder (and the theme's script templates) in, Problems out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .csp import runs_as_script
from .docs_files import svg_problems
from .problems import Problem
from .sanitize import srcset_urls, url_as_browser_reads, url_scheme

SCRIPT_FOLDERS = ("assets/javascripts/", "pagefind/")
HTML_TYPES = (".html", ".htm", ".xhtml")
# Attributes a browser follows or loads an address from (HTML and SVG in HTML).
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "cite",
    "background", "ping", "longdesc", "manifest", "icon", "codebase", "lowsrc", "dynsrc", "archive",
    "imagesrcset",
})
ACTIVE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
_EMBEDS = frozenset({"iframe", "frame", "object", "embed", "applet"})
_BEFORE_POLICY = frozenset({"script", "link", "style", "base"})
_FIX = "nothing may publish it: find the template, hook or file under docs/ that wrote it"

_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def theme_inline_scripts(template_dirs: Iterable[Path | str]) -> list[str]:
    """The inline scripts the theme writes: each <script> (no type, no src) in its
    partials/javascripts/*.html templates, as written there (with their ``{{ ... }}``)."""
    scripts = []
    for folder in template_dirs:
        for template in sorted(Path(folder).glob("partials/javascripts/*.html")):
            scripts += _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8"))
    return scripts


def _script_pattern(template_script: str) -> re.Pattern[str]:
    parts = _TEMPLATE_VALUE.split(template_script)
    return re.compile(r"[^\"'<>\\]*".join(re.escape(part) for part in parts))


def _site_path(page: str, address: str, base_path: str = "/") -> str | None:
    """The file of this site an address points to, from the page at ``page``; None if it
    leaves the site (a scheme, a host, or above its root). ``base_path`` is the path the
    site is published under ('/albany/' for https://clinic.example/albany/), which
    absolute paths (404.html has them) start with."""
    url = url_as_browser_reads(address).replace("\\", "/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//") or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(base):
            return None
        joined = posixpath.normpath(path[len(base):])
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if joined.startswith("..") else joined


def html_problems(page_html: str, page: str, site_files: set[str],
                  theme_scripts: Iterable[re.Pattern[str]], base_path: str = "/") -> list[str]:
    """What in one published HTML file (at ``page``, relative to the site) could run, redirect or hide it."""
    document = LexborHTMLParser(page_html)
    patterns = list(theme_scripts)
    problems: list[str] = []
    policy_seen = False
    for node in document.root.traverse(include_text=False) if document.root else ():
        tag = node.tag
        if tag in ("-text", "-comment", "!doctype", "_text"):
            continue
        attributes = {name: value or "" for name, value in node.attributes.items()}
        http_equiv = attributes.get("http-equiv", "").strip().lower()
        if tag == "meta" and http_equiv == "content-security-policy" and not policy_seen:
            policy_seen = True
            if node.parent is None or node.parent.tag != "head":
                problems.append("has its Content Security Policy <meta> outside <head>, where browsers ignore it")
        if tag in _BEFORE_POLICY and not policy_seen:
            problems.append(f"has a <{tag}> before its Content Security Policy, which does not cover it")
        if tag == "base":
            problems.append("has a <base> element, which changes where every link and script address goes")
        if tag == "meta" and http_equiv == "refresh":
            problems.append(f"has a <meta http-equiv=\"refresh\"> ({attributes.get('content', '')[:60]!r}), "
                            "which sends visitors to another page")
        if tag in _EMBEDS:
            problems.append(f"has an <{tag}> element, which embeds another page or plug-in")
        for name, value in attributes.items():
            if name.startswith("on"):
                problems.append(f"has an {name}= attribute on <{tag}>, a script in an attribute")
            if name in URL_ATTRIBUTES:
                for address in srcset_urls(value) if name.endswith("srcset") else [value]:
                    if (scheme := url_scheme(address)) in ACTIVE_SCHEMES:
                        problems.append(f"has a {scheme}: address in <{tag} {name}=\"...\">")
        if tag == "script" and runs_as_script(attributes.get("type")):
            if "src" in attributes:
                target = _site_path(page, attributes["src"], base_path)
                if target is None or not target.startswith(SCRIPT_FOLDERS) or target not in site_files:
                    problems.append(f"has <script src=\"{attributes['src'][:60]}\">, which is not one of the site's "
                                    f"own scripts (under {' or '.join(SCRIPT_FOLDERS)})")
            else:
                text = node.text(deep=True)
                if not any(pattern.fullmatch(text) for pattern in patterns):
                    problems.append(f"has an inline script that is not one of the theme's ({text.strip()[:50]!r})")
    if not policy_seen:
        problems.append("has no Content Security Policy <meta>")
    return list(dict.fromkeys(problems))


def check_published_site(site_dir: Path, theme_scripts: Iterable[str] = (), base_path: str = "/",
                         pages: dict[str, str] | None = None) -> list[Problem]:
    """One Problem for each problem in the built site's HTML and SVG files; [] when none.

    ``theme_scripts`` are the theme's inline script templates (theme_inline_scripts);
    ``base_path`` the path of the site's address (site_url), for absolute paths;
    ``pages`` the HTML files' text as written, when the caller holds it (else read).
    """
    site_dir = Path(site_dir)
    files = sorted(path for path in site_dir.rglob("*") if path.is_file())
    site_files = {path.relative_to(site_dir).as_posix() for path in files}
    patterns = [_script_pattern(script) for script in theme_scripts]
    problems: list[Problem] = []
    for path in files:
        page = path.relative_to(site_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix in HTML_TYPES:
            text = pages[page] if pages is not None and page in pages else \
                path.read_text(encoding="utf-8", errors="replace")
            found = html_problems(text, page, site_files, patterns, base_path)
            problems += [Problem(page, None, f"{problem}; {_FIX}") for problem in found]
        elif suffix == ".svg":
            problems += [Problem(page, None, f"the drawing {problem}") for problem in svg_problems(path.read_bytes())]
    return problems
