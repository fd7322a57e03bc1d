"""clinic_site.stylesheets: the one stylesheet every page links."""

from __future__ import annotations

from clinic_site.stylesheets import combine_stylesheets, relative_urls, stylesheet_path


def test_parts_are_kept_in_order_and_named():
    css = combine_stylesheets([("main.css", "a{color:red}\n/*# sourceMappingURL=main.css.map*/"), ("site.css", "b{}")])
    assert css == "/* main.css */\na{color:red}\n/* site.css */\nb{}\n"


def test_the_name_follows_the_content():
    assert stylesheet_path("a{}") == stylesheet_path("a{}")
    assert stylesheet_path("a{}") != stylesheet_path("b{}")
    assert stylesheet_path("a{}").startswith("assets/stylesheets/site.")


def test_relative_urls_are_the_ones_that_depend_on_where_the_file_is():
    css = 'a{background:url("data:image/svg+xml,x")} b{background:url(/x.png)} c{background:url(../img/y.png)} d{background:url(https://e.org/z.png)}'
    assert relative_urls(css) == ["../img/y.png"]
