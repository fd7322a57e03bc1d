from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.config import load_config

from site_builder import ENGINES, ROOT, BuildResult, build_site

# On GitHub, failed checks' messages also go to the run's Summary page.
pytest_plugins = ["github_summary"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once per test run with --strict."""
    result = build_site(ROOT, tmp_path_factory.mktemp("site"))
    if result.returncode != 0:  # the build's own lines say what to fix: no traceback
        pytest.fail("The site cannot be built (mkdocs build --strict), so the tests of the built site "
                    "cannot run. `python3 scripts/dev.py check` lists each problem with its file and line.\n"
                    f"{result.output}", pytrace=False)
    print(f"\nSite built in {result.seconds:.2f} s")
    return result


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site built by the second engine, Zensical, once per test run."""
    result = build_site(ROOT, tmp_path_factory.mktemp("zensical-site"), engine="zensical")
    if result.returncode != 0:
        pytest.fail(f"The site cannot be built with Zensical:\n{result.output}", pytrace=False)
    print(f"\nSite built with Zensical in {result.seconds:.2f} s")
    return result


@pytest.fixture(scope="session", params=ENGINES)
def site_dir_of_each_engine(request) -> Path:
    """Each engine's build in turn. A test module checks both engines' output by defining
    `site_dir = each_engine_site_dir` (see test_built_site.py)."""
    return request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site").site_dir


@pytest.fixture(scope="session")
def project() -> Path:
    """The project the built_site fixture builds; tests derive what they expect from its docs/.
    A test module that builds a copy with other content overrides it and site_dir."""
    return ROOT


@pytest.fixture(scope="session")
def site_config():
    """mkdocs.yml as MkDocs reads it (with !ENV resolved)."""
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def render(site_config):
    """Markdown to HTML with the site's own extensions, as both engines render a page."""
    import markdown

    def render(text: str) -> str:
        return markdown.markdown(text, extensions=site_config["markdown_extensions"],
                                 extension_configs=site_config["mdx_configs"])
    return render


@pytest.fixture(scope="session")
def raw_clinic(site_config) -> dict:
    return site_config.extra["clinic"]


@pytest.fixture(scope="session")
def site_dir(built_site: BuildResult) -> Path:
    return built_site.site_dir


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The built site, served on 127.0.0.1 as GitHub Pages serves it (gzip, 404.html)."""
    from static_server import SiteServer

    with SiteServer(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def site_url_with_headers(site_dir: Path):
    """The built site served as Netlify or Cloudflare Pages serve it: with its _headers."""
    from static_server import SiteServer

    with SiteServer(site_dir, headers_file=True) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, shared by the whole run."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


_SESSION_START = time.time()


def pytest_terminal_summary(terminalreporter):
    """Say where this run's screenshots and print previews are, to look at them."""
    from browser_support import ARTIFACTS

    for folder in sorted(path for path in ARTIFACTS.glob("*") if path.is_dir()):
        fresh = [path for path in folder.iterdir() if path.stat().st_mtime >= _SESSION_START]
        if fresh:
            terminalreporter.write_line(f"{len(fresh)} files written to {folder}")
