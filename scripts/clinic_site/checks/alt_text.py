"""Images without alt text, in what visitors get: the content of a finished page.

The Markdown style check (rule MD045) finds the usual ones in the source; this finds
them however they were written (an attribute, HTML). A finish step of the content
check runs it over every page (clinic_site.finish.images_without_alt_text).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..engine import line_of
from ..problems import Problem
from .markdown_style import LINT_ADVICE

ALT_TEXT_FIX = LINT_ADVICE["md045"].split(": ", 1)[1]


def missing_alt_text(content: str, source: str, source_text: str | None) -> list[Problem]:
    """One Problem per image of a page's content (its HTML) with no alt text, on the line
    of its Markdown source that names the image."""
    problems = []
    for image in LexborHTMLParser(content).css("img"):
        if not (image.attributes.get("alt") or "").strip():
            src = image.attributes.get("src") or ""
            line = line_of(source_text, src.rsplit("/", 1)[-1]) if source_text else None
            problems.append(Problem(source, line, f"the image {src!r} has no alt text: {ALT_TEXT_FIX}",
                                    rule="alt-text"))
    return problems
