"""Text from front matter and mkdocs.yml, escaped once for the theme's templates."""

from __future__ import annotations

import jinja2

from clinic_site.escaping import PAGE_TEXT_FIELDS, escaped_fields, html_text

HOSTILE = "Tom & \"Jerry's\" </title><script>alert(1)</script>"


def render(source: str, **values) -> str:
    return jinja2.Environment(autoescape=False).from_string(source).render(**values)  # as MkDocs


def test_escaped_text_prints_safely_with_or_without_e():
    value = html_text(HOSTILE)
    expected = "Tom &amp; &#34;Jerry&#39;s&#34; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render("{{ v }}", v=value) == expected
    assert render("{{ v | e }}", v=value) == expected  # never &amp;amp;
    assert render("{{ v | striptags }}", v=value) == HOSTILE  # the plain text back


def test_only_text_fields_are_escaped_and_others_left_alone():
    meta = {"title": HOSTILE, "description": "A & B", "author": None, "template": "x<y>.html", "tags": ["<a>"]}
    changed = escaped_fields(meta, PAGE_TEXT_FIELDS)
    assert changed == {"title": html_text(HOSTILE), "description": "A &amp; B"}
    assert escaped_fields({**meta, **changed}, PAGE_TEXT_FIELDS) == changed  # escaping twice changes nothing
