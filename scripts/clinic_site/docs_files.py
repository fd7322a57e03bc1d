"""Files under docs/ are content, not code: what may be published from there.

Everything under docs/ is copied to the site as it is, and a browser runs what it finds
there: a .js file loaded by <script src>, an .html page, an .svg with a <script> opened
on a host that sends no headers (GitHub Pages), a .css file that hides every page. So
docs/ holds only pages (Markdown), images, PDF and text files: an allowlist of types.
SVG drawings are read and allowed only when they are drawings: no script, no event
attribute, no link or reference outside the drawing, no embedded HTML, no entity
declarations (which can grow a small file into gigabytes).

The same walk reads every file once, so a file the build could not read, or a page that
is not UTF-8 text, gets one line (with the byte and line) before the engine runs into it.

Pure functions over a folder: Problems out (``docs/path``, what is wrong and the fix).
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem

PAGE_TYPES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg"})
DOCUMENT_TYPES = frozenset({".pdf", ".txt"})
ALLOWED_TYPES = PAGE_TYPES | IMAGE_TYPES | DOCUMENT_TYPES
# Files with no extension that hosts read and browsers never run (GitHub Pages' custom domain).
ALLOWED_NAMES = frozenset({"CNAME"})

_CODE = {".js", ".mjs", ".cjs", ".jsx", ".ts", ".wasm", ".swf", ".jar", ".class", ".vbs", ".hta",
         ".php", ".py", ".sh", ".exe", ".dll", ".msi", ".bat", ".cmd", ".ps1", ".apk"}
_WEB_PAGES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml", ".xsl", ".xslt"}
_KIND = [
    (_CODE, "is code, and files under docs/ are content: a browser would run it from the site; "
            "remove it (a developer adds scripts under overrides/assets/)"),
    (_WEB_PAGES, "is a web page (or XML a browser shows as one), which could run a script; "
                 "write the page in Markdown (.md) instead and remove this file"),
    ({".css"}, "is a stylesheet, which can hide or change every page; remove it "
               "(a developer changes the site's styles under overrides/assets/)"),
    ({".svgz"}, "is a compressed drawing, which the build cannot check; save it as a plain .svg"),
]


def _type_problem(suffix: str) -> str:
    for suffixes, problem in _KIND:
        if suffix in suffixes:
            return f"a {suffix} file {problem}"
    shown = f"a {suffix} file" if suffix else "a file with no type (no .md, .png, ... ending)"
    return (f"{shown} is not something the site publishes from docs/ (pages .md; images .png, .jpg, "
            ".webp, .avif, .gif, .svg; documents .pdf, .txt); remove it or ask a developer")


# --- SVG drawings ---------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What drawings are made of. Not here, so refused: script, foreignObject (HTML inside),
# a (links), image and feImage (other files), use of anything but the drawing's own
# parts, animate/set (they can change an attribute into a javascript: link), iframe,
# video, audio, handler, listener.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "style", "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
    "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight",
    "feTile", "feTurbulence",
})
# Namespaces whose elements a browser runs or shows as HTML: never inside a drawing.
_ACTIVE_NAMESPACES = {"http://www.w3.org/1999/xhtml": "HTML", "http://www.w3.org/1998/Math/MathML": "MathML"}
# url(...) in CSS or a presentation attribute: only the drawing's own parts (url(#id)).
_CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)\s*(?!#)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import|image-set\s*\(|\\", re.IGNORECASE)


class _Refused(Exception):
    pass


def _local(name: str) -> tuple[str, str]:
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def _css_problem(text: str) -> str | None:
    if _CSS_URL.search(text) or _CSS_IMPORT.search(text):
        return "loads something from outside the drawing (url(...) or @import)"
    return None


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG file is not just a drawing; [] when it is.

    Read with expat, namespace-aware, stopping at the first problem: a <!DOCTYPE> (the
    entity declarations an "alias bomb" uses) is refused before anything is expanded.
    """
    problems: list[str] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    style_depth = [0]

    def refuse(problem: str) -> None:
        problems.append(problem)
        raise _Refused

    def start_doctype(*_args: object) -> None:
        refuse("has a <!DOCTYPE> or entity declarations, which drawings do not need and which can make a "
               "small file huge; save it again without them")

    def processing_instruction(target: str, _data: str) -> None:
        refuse(f"has an <?{target} ...?> instruction (it can apply a stylesheet that runs a script); "
               "save it again without it")

    def start_element(name: str, attributes: dict[str, str]) -> None:
        namespace, tag = _local(name)
        if namespace in _ACTIVE_NAMESPACES:
            refuse(f"has {_ACTIVE_NAMESPACES[namespace]} inside the drawing (<{tag}>), which could run a script; "
                   "save it as a plain drawing")
        if namespace == SVG_NS and tag not in SVG_ELEMENTS:
            what = "a script" if tag in ("script", "handler", "listener") else f"a <{tag}> element"
            refuse(f"has {what}, which drawings on this site may not have (only shapes, text, "
                   "gradients and filters); save it as a plain drawing without it")
        if not namespace and not any(_local(key)[0] for key in attributes) and tag == "script":
            refuse("has a script; save it as a plain drawing without it")
        style_depth[0] += tag == "style"
        for key, value in attributes.items():
            attribute_namespace, attribute = _local(key)
            if attribute.lower().startswith("on"):
                refuse(f"has an {attribute}= attribute on <{tag}>, which would run a script; remove it")
            if attribute == "href" and attribute_namespace in ("", XLINK_NS) and not value.strip().startswith("#"):
                refuse(f"has a link or reference to {value.strip()[:40]!r} on <{tag}>; a drawing may refer "
                       "only to its own parts (#id): remove it")
            if problem := _css_problem(value):
                refuse(f"has an attribute {attribute}= on <{tag}> that {problem}; remove it")

    def end_element(name: str) -> None:
        style_depth[0] -= _local(name)[1] == "style"

    def character_data(text: str) -> None:
        if style_depth[0] and (problem := _css_problem(text)):
            refuse(f"has a <style> that {problem}; remove it")

    parser.StartDoctypeDeclHandler = start_doctype
    parser.EntityDeclHandler = lambda *args: start_doctype()
    parser.ProcessingInstructionHandler = processing_instruction
    parser.StartElementHandler = start_element
    parser.EndElementHandler = end_element
    parser.CharacterDataHandler = character_data
    try:
        parser.Parse(data, True)
    except _Refused:
        pass
    except xml.parsers.expat.ExpatError as error:
        problems.append(f"is not a drawing a browser can read (line {error.lineno}: "
                        f"{xml.parsers.expat.ErrorString(error.code)}); save it again from the drawing program")
    return problems


# --- The folder -------------------------------------------------------------------------

def undecodable(data: bytes) -> str | None:
    """Where bytes stop being UTF-8 text, in words, or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return (f"line {line} (byte {error.start}) is not UTF-8 text (the byte {data[error.start]:#04x}); "
                "save the file as UTF-8 in the editor (on github.com, retype the character there)")
    return None


def published_files(docs_dir: Path, errors: list[OSError] | None = None) -> Iterable[Path]:
    """Every file under docs_dir MkDocs would publish or read: dot files and folders are left out,
    as MkDocs leaves them out. Folders that cannot be listed go to ``errors``."""
    for folder, folders, names in os.walk(docs_dir, onerror=(errors.append if errors is not None else None)):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(folder) / name


def docs_folder_problems(docs_dir: Path, shown_as: str = "docs") -> list[Problem]:
    """One problem for every file under docs_dir that is not content, or cannot be read."""
    problems: list[Problem] = []
    folder_errors: list[OSError] = []
    for path in published_files(docs_dir, folder_errors):
        where = f"{shown_as}/{path.relative_to(docs_dir).as_posix()}"
        suffix = path.suffix.lower()
        if suffix not in ALLOWED_TYPES and path.name not in ALLOWED_NAMES:
            problems.append(Problem(where, None, _type_problem(suffix)))
            continue
        try:
            with open(path, "rb") as file:
                data = file.read() if suffix in PAGE_TYPES or suffix == ".svg" else file.read(1)
        except OSError as error:
            problems.append(Problem(where, None, unreadable(error)))
            continue
        if suffix in PAGE_TYPES and (problem := undecodable(data)):
            problems.append(Problem(where, None, problem))
        if suffix == ".svg":
            problems.extend(Problem(where, None, f"the drawing {problem}") for problem in svg_problems(data))
    for folder_error in folder_errors:
        name = Path(folder_error.filename or docs_dir)
        where = shown_as if name == docs_dir else f"{shown_as}/{name.relative_to(docs_dir).as_posix()}"
        problems.append(Problem(where, None, f"the folder {unreadable(folder_error)}"))
    return problems


def unreadable(error: OSError) -> str:
    """Why a file could not be read, in plain words, and the fix."""
    if isinstance(error, PermissionError):
        return ("cannot be read: permission denied; give your user permission to read it "
                "(for example `chmod a+r` on the file)")
    if isinstance(error, FileNotFoundError):
        return "cannot be read: it is a link to a file that is not there; remove the link or restore the file"
    if isinstance(error, IsADirectoryError):
        return "is a folder where a file was expected; rename it"
    return f"cannot be read ({error.strerror or error}); check the file, or copy it again"
