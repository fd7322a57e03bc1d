"""The Content Security Policy and the other security headers, computed from the pages.

GitHub Pages sends no security headers, so every page carries its policy in a
``<meta http-equiv="Content-Security-Policy">`` tag, placed first in <head>, before
any script or style. Scripts run only from the site's own files and from the exact
inline scripts the theme writes, allowed one by one by their SHA-256 hashes: no
``'unsafe-inline'``. Hosts that read a ``_headers`` file (Netlify, Cloudflare Pages)
get the same policy as real headers, plus what a <meta> tag cannot carry.

Pure functions: HTML in, policy and HTML out. The finish step (clinic_site.finish) applies them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

Policy = dict[str, tuple[str, ...]]

# What every page may load: only the site's own files. Hashes of inline code are added
# per page. Every fetch directive not listed falls back to default-src 'none'.
BASE_POLICY: Policy = {
    "default-src": ("'none'",),
    # 'wasm-unsafe-eval' lets the search run its WebAssembly (Pagefind), from our own
    # origin; it allows no eval() of JavaScript.
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    # data: for the theme's icons, which its CSS holds as data: SVG images.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # the search index, fetched by Pagefind's script
    "worker-src": ("'self'",),  # Pagefind's search runs in a web worker
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    # The search form goes to the site's own search page (?q=); no form goes elsewhere.
    "form-action": ("'self'",),
}
# Directives a <meta> tag cannot carry: browsers honour them only as headers.
HEADER_ONLY_POLICY: Policy = {"frame-ancestors": ("'none'",)}

# No page's address is sent to other sites: a link from an article about depression
# must not tell the next site which article the visitor was reading.
REFERRER_POLICY = "no-referrer"
# Powerful features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
))

# Script types a browser runs (the HTML standard's JavaScript MIME types, and "module").
# Import maps and speculation rules are not JavaScript but are checked against
# script-src too. Any other type (application/json, application/ld+json) is a data block:
# never run, so it needs no hash.
_RUN_AS_SCRIPT = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}


def runs_as_script(script_type: str | None) -> bool:
    return script_type is None or script_type.split(";")[0].strip().lower() in _RUN_AS_SCRIPT


def source_hash(text: str) -> str:
    """The CSP source for one inline script or style: its exact text, SHA-256, base64."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class InlineCode:
    """The hashes of the inline code in one page (or, merged, in a whole site)."""

    scripts: frozenset[str] = field(default_factory=frozenset)
    styles: frozenset[str] = field(default_factory=frozenset)
    style_attributes: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: InlineCode) -> InlineCode:
        return InlineCode(self.scripts | other.scripts, self.styles | other.styles,
                          self.style_attributes | other.style_attributes)


def inline_code(page_html: str) -> InlineCode:
    """The hashes of a page's inline scripts, <style> elements and style attributes.

    Parsed as a browser parses it (lexbor, an HTML5 parser): a script's text is hashed
    exactly as written, attribute values after their character references are decoded,
    which is what the browser hashes.
    """
    page = LexborHTMLParser(page_html)
    scripts = [node.text(deep=True) for node in page.css("script")
               if "src" not in node.attributes and runs_as_script(node.attributes.get("type"))]
    styles = [node.text(deep=True) for node in page.css("style")]
    style_attributes = [node.attributes["style"] for node in page.css("[style]") if node.attributes["style"]]
    return InlineCode(
        frozenset(map(source_hash, scripts)),
        frozenset(map(source_hash, styles)),
        frozenset(map(source_hash, style_attributes)),
    )


def policy_for(code: InlineCode) -> Policy:
    """The base policy, allowing exactly the given inline code."""
    policy = dict(BASE_POLICY)
    policy["script-src"] = BASE_POLICY["script-src"] + tuple(sorted(code.scripts))
    styles = tuple(sorted(code.styles))
    if code.style_attributes:
        # style="..." attributes (a Markdown table's column alignment) can be allowed
        # only by hash with 'unsafe-hashes'; CSS cannot run script.
        styles += ("'unsafe-hashes'", *sorted(code.style_attributes))
    policy["style-src"] = BASE_POLICY["style-src"] + styles
    return policy


def policy_text(policy: Policy) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


def security_meta_tags(policy: Policy) -> str:
    content = html.escape(policy_text(policy), quote=False).replace('"', "&quot;")
    return (f'<meta http-equiv="Content-Security-Policy" content="{content}">\n'
            f'<meta name="referrer" content="{REFERRER_POLICY}">')


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET_FIRST = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


def with_security_meta(page_html: str) -> tuple[str, InlineCode]:
    """The page with its CSP and referrer policy first in <head>, and the inline code it allows.

    The tags go right after <meta charset> when it opens <head> (it must come first),
    otherwise right after <head>: before any script, style or link, so the policy
    covers everything the page loads.
    """
    head = _HEAD.search(page_html)
    if head is None:
        raise ValueError("the page has no <head> to put its Content Security Policy in")
    charset = _CHARSET_FIRST.match(page_html, head.end())
    at = charset.end() if charset else head.end()
    indent = "\n" + charset.group(0).rpartition("\n")[2].partition("<")[0] if charset else "\n"
    code = inline_code(page_html)
    tags = security_meta_tags(policy_for(code)).replace("\n", indent)
    return page_html[:at] + indent + tags + page_html[at:], code


def headers_file(code: InlineCode) -> str:
    """A _headers file (Netlify, Cloudflare Pages format) with the site-wide policy.

    ``code`` is the inline code of every page together: a host sends the same headers
    for every page, and a browser enforces both header and <meta> policies.
    """
    policy = {**policy_for(code), **HEADER_ONLY_POLICY}
    return "\n".join([
        "# Security headers for hosts that read this file (Netlify, Cloudflare Pages).",
        "# Written by the build (scripts/clinic_site/csp.py) from the policy in every page's",
        "# <meta> tag, so they always agree. Do not edit: change csp.py and rebuild.",
        "/*",
        f"  Content-Security-Policy: {policy_text(policy)}",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        f"  Permissions-Policy: {PERMISSIONS_POLICY}",
        "  X-Frame-Options: DENY",
        "  Cross-Origin-Opener-Policy: same-origin",
        "",
    ])


def merge(codes: Iterable[InlineCode]) -> InlineCode:
    merged = InlineCode()
    for code in codes:
        merged |= code
    return merged
