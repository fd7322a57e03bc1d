"""Reference markers that stand side by side stay apart.

Markdown's footnotes turn "fact.[^a][^b]" into two superscript numbers with nothing
between them, so references 3 and 4 read as "34". A superscript comma between two
adjacent markers makes them read "3,4". Only markers with nothing at all between
them are separated; markers apart in the text are left alone.

A pure function, HTML in and HTML out: it can run on a page's content or on the
finished page.
"""

from __future__ import annotations

import re

# Python-Markdown's footnote marker: <sup id="fnref:x"><a class="footnote-ref" href="#fn:x">3</a></sup>
_MARKER_THEN_MARKER = re.compile(r'(<sup id="fnref[^"]*"><a [^>]*>[^<]*</a></sup>)(?=<sup id="fnref)')
SEPARATOR = '<sup class="footnote-separator" aria-hidden="true">,</sup>'


def separate_adjacent_footnote_markers(html: str) -> str:
    return _MARKER_THEN_MARKER.sub(lambda found: found[1] + SEPARATOR, html)
