"""clinic_site.site_assets: the one stylesheet and the one script every page links."""

from __future__ import annotations

import subprocess

from clinic_site.site_assets import asset_path, combine_scripts, combine_stylesheets, relative_urls


def test_stylesheets_are_kept_in_order_named_and_the_sites_minified():
    css = combine_stylesheets([
        ("main.abc.min.css", "a{color:red}\n/*# sourceMappingURL=main.css.map*/"),
        ("clinic.css", "/* Why this colour. */\nb {\n  color: blue;\n}\n"),
    ])
    assert css == "/* main.abc.min.css */\na{color:red}\n/* clinic.css */\nb{color:blue}\n"


def test_a_minified_theme_stylesheet_is_left_as_it_is():
    theme = "a{color:red}  b{ }"
    assert combine_stylesheets([("palette.x.min.css", theme)]) == f"/* palette.x.min.css */\n{theme}\n"


def test_scripts_run_in_order_each_one_ended(tmp_path):
    js = combine_scripts([
        ("first.js", "// Why.\nwindow.order = [];\nwindow.order.push(`first ${1 + 1}`)"),  # no final ";"
        ("second.js", "(() => {\n  /* Comment. */\n  window.order.push('second');\n})();\n"),
    ])
    assert "Why." not in js and "Comment." not in js
    script = tmp_path / "combined.js"
    script.write_text("const window = globalThis;\n" + js + "console.log(JSON.stringify(window.order));\n")
    run = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == '["first 2","second"]'


def test_the_name_follows_the_content():
    assert asset_path("assets/stylesheets/", "css", "a{}") == asset_path("assets/stylesheets/", "css", "a{}")
    assert asset_path("assets/stylesheets/", "css", "a{}") != asset_path("assets/stylesheets/", "css", "b{}")
    assert asset_path("assets/javascripts/", "js", "a()").startswith("assets/javascripts/site.")
    assert asset_path("assets/javascripts/", "js", "a()").endswith(".js")


def test_relative_urls_are_the_ones_that_depend_on_where_the_file_is():
    css = 'a{background:url("data:image/svg+xml,x")} b{background:url(/x.png)} c{background:url(../img/y.png)} d{background:url(https://e.org/z.png)}'
    assert relative_urls(css) == ["../img/y.png"]
