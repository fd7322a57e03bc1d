"""The Content Security Policy functions: HTML in, policy and HTML out."""

from __future__ import annotations

import pytest

from clinic_site.csp import (
    BASE_POLICY,
    InlineCode,
    headers_file,
    inline_code,
    policy_for,
    policy_text,
    runs_as_script,
    source_hash,
    with_security_meta,
)

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>T</title>
    <script>var a = "</div>" && 1 < 2;</script>
    <script src="assets/app.js"></script>
    <script type="application/ld+json">{"@type": "MedicalClinic"}</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script type="module">import "./x.js";</script>
  </head>
  <body><p style="text-align: center;">x</p><style>p{color:red}</style></body>
</html>
"""


def test_hashes_follow_the_csp_standard():
    # The example in the CSP Level 3 standard, section "Hash usage for script elements".
    assert source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_inline_code_that_runs_is_hashed():
    code = inline_code(PAGE)
    assert code.scripts == {source_hash('var a = "</div>" && 1 < 2;'), source_hash('import "./x.js";')}
    assert code.styles == {source_hash("p{color:red}")}
    assert code.style_attributes == {source_hash("text-align: center;")}


@pytest.mark.parametrize(("script_type", "runs"), [
    (None, True), ("", True), ("text/javascript", True), ("module", True), ("TEXT/JavaScript", True),
    ("importmap", True), ("application/json", False), ("application/ld+json", False), ("text/plain", False),
])
def test_which_script_types_run(script_type, runs):
    assert runs_as_script(script_type) is runs


def test_the_policy_allows_exactly_the_page_and_nothing_inline_by_default():
    policy = policy_for(inline_code(PAGE))
    text = policy_text(policy)
    assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text
    assert policy["default-src"] == ("'none'",)
    assert policy["object-src"] == ("'none'",)
    assert policy["base-uri"] == ("'self'",)
    assert policy["script-src"][:2] == ("'self'", "'wasm-unsafe-eval'")
    assert set(policy["script-src"][2:]) == inline_code(PAGE).scripts
    assert policy["style-src"] == ("'self'", source_hash("p{color:red}"), "'unsafe-hashes'",
                                   source_hash("text-align: center;"))
    assert policy_for(InlineCode()) == BASE_POLICY  # no inline code: nothing extra


def test_the_meta_tags_go_first_in_head_after_the_charset():
    secured, code = with_security_meta(PAGE)
    head = secured[secured.index("<head>"):secured.index("<title>")]
    assert head.split("\n")[1:4] == [
        '    <meta charset="utf-8">',
        f'    <meta http-equiv="Content-Security-Policy" content="{policy_text(policy_for(code))}">',
        '    <meta name="referrer" content="no-referrer">',
    ]
    inserted = "\n".join(head.split("\n")[2:4])
    assert secured.replace("\n" + inserted, "") == PAGE  # nothing else changed


def test_a_page_with_no_charset_first_gets_the_tags_right_after_head():
    secured, _ = with_security_meta("<html><head><script>1</script></head><body></body></html>")
    assert secured.index("Content-Security-Policy") < secured.index("<script>")


def test_a_page_with_no_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        with_security_meta("<p>fragment</p>")


def test_the_headers_file_carries_the_same_policy_and_what_meta_cannot():
    code = inline_code(PAGE)
    lines = headers_file(code).splitlines()
    assert "/*" in lines
    headers = dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))
    assert headers["Content-Security-Policy"] == policy_text(policy_for(code)) + "; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
