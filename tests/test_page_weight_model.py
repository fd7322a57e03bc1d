"""scripts/page_weight.py: what it counts as a first view, on small hand-made sites."""

from __future__ import annotations

import gzip

import pytest

from page_weight import first_view, served_size, total_bytes

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../css/site.css">
<link rel="stylesheet" href="../css/print.css" media="print">
<link rel="icon" href="../icon.svg">
<script src="../js/head.js"></script>
<script src="../js/deferred.js" defer></script>
<script type="application/ld+json">{"@type": "Thing"}</script>
<link rel="stylesheet" href="https://fonts.example.com/css">
</head><body>
<img src="../picture.png" width="10" height="10" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<script src="../js/bundle.js"></script>
</body></html>
"""


@pytest.fixture
def site(tmp_path):
    files = {
        "page/index.html": PAGE,
        "css/site.css": "@import url(extra.css);\n@font-face{font-family:x;src:url(../fonts/x.woff2)}\n" + "a{}" * 500,
        "css/extra.css": "b{}",
        "css/print.css": "c{}",
        "fonts/x.woff2": "w" * 300,
        "icon.svg": "<svg></svg>",
        "picture.png": "p" * 1000,
        "js/head.js": "1",
        "js/deferred.js": "2",
        "js/bundle.js": "3" * 2000,
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return tmp_path


def by_path(requests):
    return {request.path: request for request in requests}


def test_it_follows_the_html_and_its_stylesheets(site):
    requests = by_path(first_view(site, "page/"))
    assert set(requests) == {
        "page/", "css/site.css", "css/print.css", "css/extra.css", "fonts/x.woff2", "icon.svg",
        "js/head.js", "js/deferred.js", "js/bundle.js", "picture.png", "https://fonts.example.com/css",
    }
    # Another host: listed, so tests can refuse it, but not counted (it is not the site's).
    third_party = requests["https://fonts.example.com/css"]
    assert third_party.third_party and third_party.bytes == 0


def test_it_tells_what_blocks_rendering(site):
    blocking = {path for path, request in by_path(first_view(site, "page/")).items() if request.render_blocking}
    # Not the print stylesheet, nor a deferred script; a plain script at the end of
    # <body> does (it runs before the first paint when the page arrives at once).
    assert blocking == {"css/site.css", "css/extra.css", "js/head.js", "js/bundle.js", "https://fonts.example.com/css"}


def test_it_counts_text_gzipped_and_the_rest_as_it_is(site):
    requests = by_path(first_view(site, "page/"))
    assert requests["js/bundle.js"].bytes == len(gzip.compress(b"3" * 2000, compresslevel=6, mtime=0)) < 2000
    assert requests["picture.png"].bytes == 1000
    assert served_size(site / "picture.png") == 1000
    assert total_bytes(first_view(site, "page/")) == sum(r.bytes for r in first_view(site, "page/"))


def test_a_missing_page_is_an_error(site):
    with pytest.raises(FileNotFoundError):
        first_view(site, "nowhere/")
