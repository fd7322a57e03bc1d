"""The allowlist for what editors' Markdown turns into (clinic_site/sanitize.py).

Markdown is rendered with Python-Markdown and the extensions mkdocs.yml configures, as
the build renders it; each hostile case must give one plain line with the Markdown
file's line, and everything the extensions write must pass.
"""

from __future__ import annotations

import pytest

from clinic_site.sanitize import content_problems, other_host, url_scheme
from problem_lines import lines

WHERE = "docs/articles/x.md"


def lines_of_content_problems(*args, **kwargs) -> list[str]:
    return lines(content_problems(*args, **kwargs))


EVERYTHING_THE_EXTENSIONS_WRITE = """\
---
title: A page
---
# Title

Some *text*, **bold**, `code`, a [link](https://988lifeline.org/ "Lifeline"), [mail](mailto:a@example.org),
[call](tel:988), [a page](../visit.md#hours), <a@example.org>, <https://example.org/> and a note[^1].

## A heading { #custom .special }

!!! warning "Call 988"
    Text in a note.

??? note "More"
    Hidden text.

???+ tip
    Open one.

| Left | Centre | Right | None |
|:-----|:------:|------:|------|
| a    | b      | c     | d    |

![A photo](../assets/photo.jpg){ width="300" height="200" loading="lazy" }

<figure markdown>
  ![A photo](../assets/photo.jpg){ width="300" height="200" }
  <figcaption>The room</figcaption>
</figure>

<picture>
  <source srcset="../assets/photo.avif 1x, ../assets/photo@2x.avif 2x" type="image/avif">
  <img src="../assets/photo.jpg" alt="Room" width="300" height="200"
       srcset="../assets/photo.jpg 1x, ../assets/photo@2x.jpg 2x" sizes="100vw" decoding="async">
</picture>

<div markdown>
Some **markdown** in a div.
</div>

> A quote.

1. one
2. two

---

<!-- an editor's comment -->

<details><summary>Raw details</summary><p>x</p></details>

[^1]: A source, <https://example.org/>.
"""


def test_everything_the_extensions_write_passes(render):
    assert lines_of_content_problems(render(EVERYTHING_THE_EXTENSIONS_WRITE), EVERYTHING_THE_EXTENSIONS_WRITE,
                            where=WHERE) == []


# (what the editor wrote, on line 5 of the file; the start of the line the build prints)
HOSTILE = [
    ('Text <meta http-equiv="refresh" content="0;url=https://evil.example">', "has a <meta> element"),
    ('<script src="../x.js"></script>', "has a <script> element"),
    ("<script>alert(1)</script>", "has a <script> element"),
    ("<style>body{display:none}</style>", "has a <style> element"),
    ('<base href="https://evil.example/">', "has a <base> element"),
    ("[Read](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "has a data: link on <a href="),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "has a javascript: link on <a href='javascript:alert(1)'>"),
    ('<a href=" &#106;ava&#10;script:alert(1)">x</a>', "has a javascript: link on <a href='javascript:alert(1)'>"),
    ("[x](JaVaScRiPt:alert(1))", "has a javascript: link on <a href='JaVaScRiPt:alert(1)'>"),
    ('<a href="&#x6A;avascript&colon;alert(1)">x</a>', "has a javascript: link"),
    ('<p style="background:url(https://evil.example/t.png)">x</p>', "has a style= attribute on <p>"),
    ('<p style="text-align: center">x</p>', "has a style= attribute on <p>"),
    ("![A photo](https://evil.example/p.png)", 'loads <img src="..."> from evil.example'),
    ('<img src="\\\\evil.example\\x.png" alt="">', 'loads <img src="..."> from evil.example'),
    ('<img alt="" srcset="a.png 1x, //cdn.example/a.png 2x">', 'loads <img srcset="..."> from cdn.example'),
    ("![A photo](data:image/png;base64,AAAA)", 'has <img src="data:...">: pages show only image files from this site'),
    ('<a href="#" onclick="go()">x</a>', "has an onclick= attribute on <a>"),
    ('[x](#){ onmouseover="go()" }', "has an onmouseover= attribute on <a>"),
    ('<body onload="go()">', "has an onload= attribute on <body>"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "has an <iframe> element"),
    ('<form action="https://example.org/send"><button>Send</button></form>', "has a <form>"),
    ('<svg><circle r="1"/></svg>', "has an <svg> drawing written into the page"),
    ('<a href="x" target="_blank">x</a>', "has a target= attribute on <a>"),
    ("<marquee>hi</marquee>", "has a <marquee> element"),
    ('<link rel="stylesheet" href="https://fonts.example.org/a.css">', "has a <link> element"),
]


@pytest.mark.parametrize(("written", "problem"), HOSTILE)
def test_each_hostile_case_gives_one_plain_line_with_the_files_line(render, written, problem):
    source = f"---\ntitle: A page\n---\n\n{written}\n\nMore text.\n"
    problems = lines_of_content_problems(render(source), source, where=WHERE)
    assert problems, written
    assert problems[0].startswith(f"{WHERE}:5: {problem}"), problems
    for line in problems:
        assert "\n" not in line and "; " in line, line  # one line: what is wrong; the fix


def test_a_problem_line_names_each_place_it_occurs(render):
    source = "<script>a()</script>\n\nText.\n\n<script>b()</script>\n"
    assert [line.split(": ")[0] for line in lines_of_content_problems(render(source), source, where=WHERE)] == [
        f"{WHERE}:1", f"{WHERE}:5"]


@pytest.mark.parametrize(("url", "scheme"), [
    ("https://x.org", "https"), ("jav\tascript:x", "javascript"), (" \x01javascript:x", "javascript"),
    ("java\nscript:x", "javascript"), ("../a.md", None), ("#top", None), ("DATA:text/html,x", "data"),
])
def test_the_scheme_is_read_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(("url", "host"), [
    ("../assets/a.png", None), ("a.png", None), ("//cdn.example/a.png", "cdn.example"),
    ("\\\\cdn.example\\a.png", "cdn.example"), ("https:cdn.example/a.png", "cdn.example"),
    ("HTTPS://cdn.example/a.png", "cdn.example"), ("/\\cdn.example/a.png", "cdn.example"),
])
def test_other_hosts_are_found_as_a_browser_finds_them(url, host):
    assert other_host(url) == host


def test_a_hidden_scheme_is_found_on_its_own_line(render):
    source = "[A link](https://988lifeline.org/)\n\nText.\n\n<a href=\" &#106;ava&#10;script&colon;alert(1)\">x</a>\n"
    [line] = lines_of_content_problems(render(source), source, where=WHERE)
    assert line.startswith(f"{WHERE}:5: has a javascript: link"), line
