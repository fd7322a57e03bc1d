"""Text from front matter and mkdocs.yml, made safe for templates that print it as it is.

MkDocs does not autoescape, and Material's templates print page titles, descriptions,
authors and the site name without ``| e`` (in <title>, meta tags, the header, the nav,
the footer links), as MkDocs treats titles as HTML. Its search plugin also indexes a
front matter title as HTML. A title such as ``Tom & "Jerry" </title><script>`` would
become markup in all those places.

So each such value is escaped once, when the build reads it, into a ``Markup`` string:
printed as it is, it is already safe HTML text; ``| e`` leaves it unchanged (never
``&amp;amp;``); ``| striptags`` gives the plain text back.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

# The front matter fields the theme prints: <title>, <meta name="description">,
# <meta name="author">, the header, nav, footer, table of contents and search index.
PAGE_TEXT_FIELDS = ("title", "description", "author")
# The mkdocs.yml settings it prints the same way.
CONFIG_TEXT_FIELDS = ("site_name", "site_description", "site_author")


def html_text(value: Any) -> Any:
    """Text as escaped markup; other values (numbers, lists, None) as they are."""
    if isinstance(value, str):
        return escape(value)  # returns a Markup as it is, so escaping twice is harmless
    return value


def escaped_fields(values: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The given fields of a mapping as escaped markup, for updating it in place."""
    return {field: html_text(values[field]) for field in fields if values.get(field) is not None}
