"""The pages in the site's Pagefind search index, read back for the tests.

Pagefind stores each indexed page as a "fragment": gzip of b"pagefind_dcd" and JSON
(url, content, meta, ...). That layout is Pagefind's own, not a public API: if a new
Pagefind changes it, these tests fail here, and the browser tests still say whether
search works.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from clinic_site.search_index import SEARCH_DIR

_SIGNATURE = b"pagefind_dcd"


def indexed_pages(site_dir: Path) -> list[dict]:
    pages = []
    for fragment in sorted((site_dir / SEARCH_DIR / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(_SIGNATURE), f"{fragment.name}: not a Pagefind fragment as these tests know it"
        pages.append(json.loads(data[len(_SIGNATURE):]))
    return sorted(pages, key=lambda page: page["url"])
