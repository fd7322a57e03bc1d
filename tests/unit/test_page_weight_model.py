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


# --- Pictures: what a phone loads of a <picture> with srcset and sizes -------------------

from page_weight import PHONE, Screen, choose_candidate, media_matches, source_size  # noqa: E402

SIZES = "(min-width: 1220px) 688px, (min-width: 960px) calc(100vw - 274px), calc(100vw - 32px)"
PICTURE_PAGE = f"""<!doctype html><html><head></head><body><article>
<picture><source type="image/avif" srcset="../p-480w.avif 480w, ../p-800w.avif 800w, ../p-1600w.avif 1600w"
 sizes="{SIZES}"><img src="../p-800w.jpg" srcset="../p-480w.jpg 480w, ../p-800w.jpg 800w, ../p-1600w.jpg 1600w"
 sizes="{SIZES}" alt="A room" width="1600" height="1200" loading="lazy"></picture>
<picture><source type="image/x-unknown" srcset="../q.xyz"><img src="../q.png" alt="" width="4" height="4"></picture>
</body></html>"""


@pytest.fixture
def picture_site(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(PICTURE_PAGE)
    for name, size in {"p-480w.avif": 100, "p-800w.avif": 200, "p-1600w.avif": 400, "p-480w.jpg": 150,
                       "p-800w.jpg": 300, "p-1600w.jpg": 600, "q.png": 50, "q.xyz": 10}.items():
        (tmp_path / name).write_bytes(b"x" * size)
    return tmp_path


def test_a_phone_loads_the_modern_format_at_the_width_its_screen_needs(picture_site):
    images = {r.path: r for r in first_view(picture_site, "page/") if r.kind == "image"}
    # 343 CSS px at 2 device pixels: 686 needed, so the 800 px AVIF; q.xyz's type is unknown: the <img>.
    assert set(images) == {"p-800w.avif", "q.png"}
    assert images["p-800w.avif"].bytes == 200 and images["p-800w.avif"].alt == "A room"


def test_a_wider_screen_loads_a_wider_picture(picture_site):
    desktop = {r.path for r in first_view(picture_site, "page/", Screen(1280, 1.0)) if r.kind == "image"}
    assert "p-800w.avif" in desktop  # 688 CSS px at 1x
    retina = {r.path for r in first_view(picture_site, "page/", Screen(1280, 2.0)) if r.kind == "image"}
    assert "p-1600w.avif" in retina


def test_sizes_and_media_follow_the_screen():
    assert source_size(SIZES, PHONE) == 343
    assert source_size(SIZES, Screen(1000, 1)) == 726
    assert source_size(SIZES, Screen(1300, 1)) == 688
    assert source_size(None, PHONE) == 375
    assert media_matches("(min-width: 60em)", Screen(960, 1)) and not media_matches("(min-width: 60em)", PHONE)
    assert media_matches("(max-width: 400px)", PHONE)


def test_chromium_picks_the_lower_candidate_when_it_is_close_enough():
    # Blink's rule: the lower density wins while the screen's ratio is below the geometric mean.
    assert choose_candidate([("a", 1.4), ("b", 2.33), ("c", 4.66)], 2.0) == "b"  # sqrt(1.4*2.33)=1.8
    assert choose_candidate([("a", 1.9), ("b", 4.0)], 2.0) == "a"  # sqrt(1.9*4)=2.76
    assert choose_candidate([("a", 0.5), ("b", 0.9)], 2.0) == "b"  # none dense enough: the densest
    assert choose_candidate([("only", 3.0)], 2.0) == "only"
