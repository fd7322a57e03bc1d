"""Debian's Chromium, driven by Playwright, for the tests that need a real browser.

Never `playwright install`: it downloads browsers. The README's test command finds or
installs Chromium and passes its path in CHROMIUM_PATH.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Needed as root on this network: no sandbox, and no background calls to Google.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def chromium_path() -> str:
    """Chromium's executable, or a test failure (never a skip) saying how to get it."""
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "Chromium was not found, and the browser tests need it. Run the tests with "
        "`python3 scripts/dev.py test`, which installs it, or install it yourself "
        "(Debian: `apt-get install -y chromium`) and set CHROMIUM_PATH to its executable.",
        pytrace=False,
    )
