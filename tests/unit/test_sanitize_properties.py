"""Property-based checks of the allowlist for editors' HTML (hypothesis).

Hostile HTML and addresses, written into Markdown in the ways an editor can (raw HTML,
links, images, attribute lists) and hidden the ways browsers still read (character
references, tabs and line breaks inside a scheme, control characters and spaces
around it, mixed case, backslashes for slashes), rendered with Python-Markdown and the
site's extensions. Each page either gives plain problem lines (one line each, naming
the file, saying what and the fix) or is inert, judged here independently of the
sanitizer: no element that runs, loads, embeds or redirects, no event attribute, no
style but a column's alignment, every address's scheme (as a browser reads it) one of
http, https, mailto, tel, sms or none, and nothing loaded from another site.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from clinic_site.sanitize import content_problems
from problem_lines import lines

EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))
PROPERTY_SETTINGS = settings(max_examples=3000 if EXPLORE else 400, deadline=None, derandomize=not EXPLORE,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
WHERE = "docs/articles/x.md"

# --- Hostile material ----------------------------------------------------------------------

SCHEMES = ["javascript", "data", "vbscript", "file", "http", "https", "mailto", "tel", "sms", "ftp", ""]
HOSTS = ["evil.example", "cdn.example", ""]
TAGS = ["a", "img", "p", "div", "span", "table", "td", "details", "source", "picture",  # allowed
        "script", "style", "meta", "base", "iframe", "object", "embed", "link", "form", "button", "svg",
        "math", "template", "noscript", "title", "textarea", "body", "html", "frameset", "marquee", "video"]
ATTRIBUTES = ["href", "src", "srcset", "cite", "style", "onclick", "onerror", "ONLOAD", "onfocus", "formaction",
              "xlink:href", "action", "http-equiv", "content", "target", "data-x", "class", "id", "poster",
              "width", "title", "autofocus"]


def lines_of_content_problems(*args, **kwargs) -> list[str]:
    return lines(content_problems(*args, **kwargs))


@st.composite
def hidden(draw, text: str) -> str:
    """Text as an editor could hide it from a plain search while a browser still reads it:
    some characters as character references, tabs or line breaks between them, mixed case."""
    out = []
    for char in text:
        char = char.upper() if draw(st.booleans()) else char
        form = draw(st.sampled_from(["plain", "plain", "hex", "decimal", "tab"]))
        if form == "hex":
            out.append(f"&#x{ord(char):x};")
        elif form == "decimal":
            out.append(f"&#{ord(char)};")
        elif form == "tab":
            out.append(char + draw(st.sampled_from(["&#x09;", "&#10;", "&Tab;", "&NewLine;", "\t"])))
        else:
            out.append(char)
    return "".join(out)


@st.composite
def addresses(draw) -> str:
    scheme = draw(st.sampled_from(SCHEMES))
    host = draw(st.sampled_from(HOSTS))
    slashes = draw(st.sampled_from(["//", "\\\\", "/\\", "", "/"]))
    path = draw(st.sampled_from(["alert(1)", "x.png", "a.md#b", "text/html,<script>alert(1)</script>", ""]))
    lead = draw(st.sampled_from(["", " ", "&#x01;", "&#32;", "\t"]))
    start = draw(hidden(scheme + ":")) if scheme else ""
    return f"{lead}{start}{slashes}{host}/{path}" if host else f"{lead}{start}{path}"


@st.composite
def styles(draw) -> str:
    return draw(st.sampled_from([
        "text-align: center;", "text-align:left", "TEXT-ALIGN: right", "color: red",
        "background:url(https://evil.example/t.png)", "display:none", "text-align: center; display: none",
        "background-image: u&#x72;l(//evil.example/x)", "",
    ]))


@st.composite
def raw_elements(draw) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = []
    for name in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True)):
        value = draw(styles()) if name == "style" else draw(addresses())
        attributes.append(f'{name}="{value}"' if draw(st.booleans()) else f"{name}={value.replace(' ', '')}")
    inner = draw(st.sampled_from(["x", "alert(1)", "<b>x</b>", "body{display:none}", ""]))
    return f"<{tag} {' '.join(attributes)}>{inner}</{tag}>"


@st.composite
def markdown_pieces(draw) -> str:
    kind = draw(st.sampled_from(["raw", "raw", "link", "image", "attr_list", "autolink", "text"]))
    if kind == "raw":
        return draw(raw_elements())
    if kind == "link":
        return f"[a link]({draw(addresses()).strip()})"
    if kind == "image":
        return f"![a picture]({draw(addresses()).strip()})"
    if kind == "attr_list":
        name = draw(st.sampled_from(ATTRIBUTES))
        return f'[x](page.md){{ {name}="{draw(addresses()).strip()}" }}'
    if kind == "autolink":
        return f"<{draw(addresses()).strip()}>"
    return "Plain words."


@st.composite
def pages(draw) -> str:
    pieces = draw(st.lists(markdown_pieces(), min_size=1, max_size=4))
    joiner = draw(st.sampled_from(["\n\n", " ", "\n"]))
    return "---\ntitle: A page\n---\n\n" + joiner.join(pieces) + "\n"


# --- An independent judge of inert HTML --------------------------------------------------------

ACTIVE_TAGS = {"script", "style", "meta", "base", "iframe", "frame", "frameset", "object", "embed", "link",
               "form", "button", "input", "textarea", "select", "svg", "math", "template", "noscript", "title",
               "video", "audio", "portal", "applet"}
URL_NAMES = {"href", "src", "srcset", "cite", "action", "formaction", "xlink:href", "poster", "data", "background"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel", "sms", ""}


def browser_scheme(value: str) -> str:
    url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() if match else ""


def loads_from_elsewhere(value: str) -> bool:
    url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).replace("\\", "/")
    return bool(browser_scheme(url)) or url.startswith("//")


def not_inert(html: str) -> list[str]:
    found = []
    document = LexborHTMLParser(html)
    for node in document.root.traverse(include_text=False):
        if node.tag in ACTIVE_TAGS:
            found.append(f"<{node.tag}>")
        for name, value in node.attributes.items():
            value = value or ""
            if name.startswith("on"):
                found.append(f"{name}=")
            if name == "style" and not re.fullmatch(r"text-align:\s*(left|right|center);?", value.strip()):
                found.append(f"style={value!r}")
            if name in URL_NAMES:
                candidates = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
                for url in candidates:
                    if browser_scheme(url) not in SAFE_SCHEMES:
                        found.append(f"{name}={url!r}")
                    if node.tag in ("img", "source") and name in ("src", "srcset") and loads_from_elsewhere(url):
                        found.append(f"loads {url!r}")
    return found


@PROPERTY_SETTINGS
@given(source=pages())
def test_hostile_markdown_gives_plain_lines_or_inert_html(render, source):
    html = render(source)
    problems = lines_of_content_problems(html, source, where=WHERE)
    if problems:
        for line in problems:
            assert "\n" not in line and line.startswith(f"{WHERE}") and "; " in line, line
            assert "Traceback" not in line and "Error" not in line, line
    else:
        assert not_inert(html) == [], (source, html)


@PROPERTY_SETTINGS
@given(address=addresses())
def test_every_address_a_browser_would_not_keep_safe_is_reported(render, address):
    for source in (f"[x]({address.strip()})", f'<a href="{address}">x</a>', f'<img alt="" src="{address}">'):
        html = render(source)
        if not_inert(html):
            assert lines_of_content_problems(html, source, where=WHERE), (source, html)
