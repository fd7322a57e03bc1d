"""The HTML that editors' Markdown may produce: an allowlist, checked with nh3.

Editors write Markdown (and a little HTML inside it). What it turns into may only use
the elements, attributes and addresses listed here: what the site's Markdown
extensions write (paragraphs, headings with their "¶" links, lists, tables with
their column alignment, notes and collapsible notes, footnotes, links, images and
photos with their sizes) and a few plain text elements. Anything else (a <script>,
<style>, <meta> refresh, <base>, onclick=, a javascript: or data: link, a style
attribute, an image from another site) would run, redirect, hide the page or tell
another site who is reading: it stops the build with one line naming the file, the
line, what was found and the fix.

nh3 (the Python binding of ammonia, a well-kept HTML sanitizer) applies the allowlist:
an element whose tag or attributes it would change is reported. The site publishes the
editor's HTML as written, never a silently cleaned copy: what ships is what the editor
sees. Addresses are judged as a browser reads them (character references decoded, tabs
and line breaks removed, spaces and control characters trimmed at the ends), and
srcset, which nh3 does not check, is checked here.

Pure functions: HTML (and the Markdown it came from) in, Problems out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

import nh3
from selectolax.lexbor import LexborHTMLParser

from .problems import Problem

# Elements the Markdown extensions in mkdocs.yml write, and plain text elements an
# editor may write in HTML. Not here, so refused: script, style, meta, base, link,
# title, iframe, frame, object, embed, form, input, button, svg, math, template,
# noscript, audio, video, canvas, dialog, and every element a browser does not know.
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    "div", "span", "details", "summary",                  # admonition, pymdownx.details, md_in_html
    "a", "sup", "sub",                                     # links, footnotes
    "img", "picture", "source", "figure", "figcaption",    # images and photos
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "abbr", "cite", "q",
    "kbd", "samp", "var", "time", "wbr",
})
# Attributes allowed on every element: what attr_list ({ #id .class }) and the
# extensions write, and a language or direction for a quotation in another language.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),   # style: the column alignment
    "td": frozenset({"style", "colspan", "rowspan"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
}
# Links may go to web pages, email addresses, phone numbers (tel: to call, sms: to text
# 988), or (no scheme) this site.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# Attributes holding an address a visitor follows, and those that load something into
# the page (which must come from this site: nothing is fetched from elsewhere).
LINK_ATTRIBUTES = frozenset({"href", "cite"})
LOAD_ATTRIBUTES = frozenset({"src", "srcset"})
# The one style the site needs: a table column's alignment, as the tables extension writes it.
TEXT_ALIGN = re.compile(r"^text-align:(left|right|center|justify|start|end);?$")

_FIX_SCRIPT = "ask a developer to add it as a file under overrides/assets/"
_ELEMENT_MESSAGES = {
    "script": ("has a <script> element: the site's security policy blocks scripts written into "
               f"pages; remove it, or {_FIX_SCRIPT}"),
    "style": ("has a <style> element: styles written into a page can hide or change it; remove it "
              "(a developer can change the site's stylesheet under overrides/assets/)"),
    "meta": ("has a <meta> element: it can send visitors to another page or change how the page "
             "works, and the site sets every page's <meta> itself; remove it"),
    "base": "has a <base> element: it would change where every link on the page goes; remove it",
    "link": ("has a <link> element: pages load nothing of their own, and nothing from other sites; "
             "remove it (write a link as [text](address))"),
    "title": "has a <title> element: the page's title comes from its front matter or first heading; remove it",
    "form": "has a <form>: the site sends no forms anywhere; link to the page that has the form instead",
    "svg": "has an <svg> drawing written into the page, where it could hold a script; save it as an image file under docs/assets/ and show it with ![description](file)",
    "math": "has a <math> element, which pages may not use; write the formula in words or as an image",
}
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}
_FORM_PARTS = {"input", "button", "select", "textarea", "option", "optgroup", "label", "fieldset",
               "legend", "output", "datalist"}

# The characters a browser's URL parser ignores: ASCII tab and newlines anywhere, and
# C0 controls and spaces at either end (the WHATWG URL standard).
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_TRIMMED = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_as_browser_reads(value: str) -> str:
    """An attribute's address as a browser's URL parser sees it (after HTML decoding)."""
    return _URL_IGNORED.sub("", value.strip(_URL_TRIMMED))


def url_scheme(value: str) -> str | None:
    """The scheme a browser finds in an address, lower case ('javascript'), or None if relative."""
    match = _SCHEME.match(url_as_browser_reads(value))
    return match.group(1).lower() if match else None


def other_host(value: str) -> str | None:
    """The host an address loads from when it is not this site ('//cdn.example' too;
    browsers read a backslash as a slash, and 'https:host/x' as 'https://host/x');
    None for an address on this site."""
    url = url_as_browser_reads(value).replace("\\", "/")
    scheme = url_scheme(url)
    rest = url[len(scheme) + 1:] if scheme else url
    if not scheme and not rest.startswith("//"):
        return None
    found = re.match(r"^/*([^/?#]*)", rest)
    host = found.group(1) if found and scheme in (None, "http", "https") else ""
    return host or f"{scheme or 'another'}: address"


def srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset ("a.jpg 1x, b.jpg 2x")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def _addresses(name: str, value: str) -> list[str]:
    return srcset_urls(value) if name == "srcset" else [value]


def _shown(text: str, limit: int = 40) -> str:
    text = url_as_browser_reads(text)
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def nh3_clean(html: str) -> str:
    """The editor's HTML as the allowlist would leave it."""
    return nh3.clean(
        html, tags=set(ALLOWED_TAGS), clean_content_tags={"script", "style"},
        attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=False,
        filter_style_properties={"text-align"},
    )


# --- Where in the Markdown file ---------------------------------------------------------

def _spelled_anyhow(word: str) -> str:
    """A pattern for a word however an editor may have hidden it from a plain search:
    character references (&#x09; &#106; &Tab;) and tabs or line breaks between letters."""
    between = r"(?:&#?\w+;?|[\t\r\n])*"
    return between.join(
        rf"(?:{re.escape(char)}|&#x0*{ord(char):x};?|&#0*{ord(char)};?{'|&colon;' if char == ':' else ''})"
        for char in word)


class _SourceLines:
    """Finds the line of the Markdown source a problem comes from, where it can."""

    def __init__(self, source: str | None):
        self.source = source or ""
        self.used: Counter[str] = Counter()

    def line(self, patterns: Iterable[str]) -> int | None:
        for pattern in patterns:
            matches = list(re.finditer(pattern, self.source, re.IGNORECASE))
            if matches:
                index = min(self.used[pattern], len(matches) - 1)
                self.used[pattern] += 1
                return self.source.count("\n", 0, matches[index].start()) + 1
        return None


def _tag_pattern(tag: str) -> str:
    return rf"<\s*{re.escape(tag)}(?=[\s/>]|$)"


def _attribute_pattern(name: str) -> str:
    return rf"(?<![\w-]){re.escape(name)}\s*="


# --- What is wrong with one element ------------------------------------------------------

Found = tuple[str, tuple[str, ...]]  # (the problem, the patterns that find it in the source)


def _element_problem(tag: str) -> str:
    if tag in _ELEMENT_MESSAGES:
        return _ELEMENT_MESSAGES[tag]
    if tag in _EMBEDS:
        return f"has an <{tag}> element: the site embeds nothing from other sites, for visitors' privacy; link to it instead"
    if tag in _FORM_PARTS:
        return f"has an <{tag}> element (a part of a form): the site has no forms in pages; remove it"
    return (f"has a <{tag}> element, which pages may not use; remove it (pages use what Markdown writes: "
            "headings, lists, tables, links, images, notes)")


def _address_problems(tag: str, name: str, value: str) -> Iterable[Found]:
    for address in _addresses(name, value):
        scheme = url_scheme(address)
        if scheme in URL_SCHEMES and name not in LOAD_ATTRIBUTES:
            continue
        where: tuple[str, ...] = (re.escape(address.strip()),) if address.strip() else ()
        where += (_spelled_anyhow(scheme + ":"),) if scheme else ()
        where += (_attribute_pattern(name),)
        if name in LOAD_ATTRIBUTES:
            if scheme == "data" or (scheme and scheme not in URL_SCHEMES):
                yield (f"has <{tag} {name}=\"{scheme}:...\">: pages show only image files from this site; "
                       "save the file under docs/assets/ and use that", where)
            elif host := other_host(address):
                yield (f"loads <{tag} {name}=\"...\"> from {host}: pages load nothing from other "
                       "sites, for visitors' privacy; save the file under docs/assets/ and use that", where)
        elif scheme and scheme not in URL_SCHEMES:
            danger = {"javascript": ", which would run a script",
                      "data": ", which can hold a whole page with a script"}.get(scheme, "")
            article = "an" if scheme[0] in "aeiou" else "a"
            yield (f"has {article} {scheme}: link on <{tag} {name}={_shown(address)}>{danger}: links may go only to web pages "
                   "(https:), email (mailto:), phone numbers (tel: or sms:) or this site's pages; remove it",
                   where)


def _attribute_problems(tag: str, attributes: dict[str, str]) -> Iterable[Found]:
    allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    for name, value in attributes.items():
        if name in LINK_ATTRIBUTES | LOAD_ATTRIBUTES and name in allowed:
            yield from _address_problems(tag, name, value)
            continue
        if name in allowed and name != "style":
            continue
        where = (_attribute_pattern(name), _tag_pattern(tag))
        if name.startswith("on"):
            yield (f"has an {name}= attribute on <{tag}>: the site's security policy blocks scripts in "
                   "attributes; remove it", where)
        elif name == "style" and (name not in allowed or not TEXT_ALIGN.match(_style_key(value))):
            yield (f"has a style= attribute on <{tag}> ({_shown(value)}): styles in a page can hide it or "
                   "load from other sites, and only a table column's alignment is allowed; remove it", where)
        elif name not in allowed:
            yield f"has a {name}= attribute on <{tag}>, which pages may not use; remove it", where


def _style_key(value: str) -> str:
    return re.sub(r"\s+", "", value.lower()).rstrip(";")


# --- The allowlist, applied -------------------------------------------------------------

Element = tuple[str, tuple[tuple[str, str], ...]]
_DOCUMENT_TAGS = frozenset({"html", "head", "body"})  # what the parser adds around any fragment


def _elements(html: str) -> list[tuple[Element, dict[str, str]]]:
    """Every element in document order: (tag, sorted attributes) to compare, and its attributes.

    The <html>, <head> and <body> elements the parser adds are included: content
    holding <body onload=...> gives the page's own <body> that attribute.
    """
    document = LexborHTMLParser(html)
    found: list[tuple[Element, dict[str, str]]] = []
    for node in document.root.traverse(include_text=False) if document.root else ():
        tag = node.tag or ""
        if not tag or tag[0] in "-_!":  # -comment, -text, !doctype
            continue
        raw = node.attributes
        if not raw:
            found.append(((tag, ()), {}))
            continue
        attributes = {name: value or "" for name, value in raw.items()}
        if "style" in attributes:
            compared = tuple(sorted({**attributes, "style": _style_key(attributes["style"])}.items()))
        else:
            compared = tuple(sorted(attributes.items()))
        found.append(((tag, compared), attributes))
    return found


def content_problems(html: str, source: str | None = None, *, where: str = "") -> list[Problem]:
    """What an editor's page (its Markdown turned into HTML) holds beyond the allowlist.

    One Problem each, in the file ``where``: what was found and the fix, on the line of
    the Markdown ``source`` where it can be found (a file's whole text, front matter
    included, so the numbers are the file's). An empty list means the HTML is exactly
    what the allowlist keeps.
    """
    given = _elements(html)
    kept = [element for element, _ in _elements(nh3_clean(html))]
    changed: set[int] = set()
    if [element for element, _ in given] != kept:  # the usual case is equal: no need to align them
        matcher = SequenceMatcher(None, [element for element, _ in given], kept, autojunk=False)
        for operation, first, last, _, _ in matcher.get_opcodes():
            if operation in ("delete", "replace"):
                changed.update(range(first, last))

    lines: _SourceLines | None = None  # made only when there is a problem to place
    problems: list[Problem] = []
    for index, ((tag, _), attributes) in enumerate(given):
        if not attributes and index not in changed and tag in ALLOWED_TAGS:
            continue  # the usual element: an allowed tag with nothing on it
        found: list[Found] = []
        if tag not in ALLOWED_TAGS and tag not in _DOCUMENT_TAGS:
            found.append((_element_problem(tag), (_tag_pattern(tag),)))
        else:
            found.extend(_attribute_problems(tag, attributes))
        if not found and index in changed:
            # nh3 would change it, and no rule above says why: report it as it is.
            shown = " ".join(f'{name}="..."' for name in attributes)
            found.append((f"has <{tag}{' ' + shown if shown else ''}> in a form the site does not allow; "
                          "write it as plain Markdown", (_tag_pattern(tag),)))
        for problem, patterns in found:
            lines = lines or _SourceLines(source)
            found_problem = Problem(where, lines.line(patterns), problem, rule="html-allowlist")
            if found_problem not in problems:
                problems.append(found_problem)
    # In the order of the file (the <body> of the page comes first in the HTML).
    return sorted(problems, key=lambda found_problem: found_problem.line or 0)
