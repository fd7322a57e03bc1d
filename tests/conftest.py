"""Fixtures shared by every tier: each site variant is built once per run, on first use,
and shared by every test that reads it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from site_builder import ENGINES, ROOT, BuildResult, build_site
from site_variants import VARIANTS

# On GitHub, failed checks' messages also go to the run's Summary page.
pytest_plugins = ["github_summary"]

TIERS = ("unit", "content", "build", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test gets its tier's marker (its folder under tests/), and a test that opens
    Chromium the browser marker too: `-m unit`, `-m "not browser"`."""
    for item in items:
        tier = Path(str(item.fspath)).parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
        if "browser" in getattr(item, "fixturenames", ()) and tier != "browser":
            item.add_marker(pytest.mark.browser)


class Sites:
    """The site variants (tests/support/site_variants.py), each built once, when first asked for."""

    def __init__(self, factory: pytest.TempPathFactory):
        self.factory = factory
        self.built: dict[str, BuildResult] = {}

    def __call__(self, name: str) -> BuildResult:
        if name not in self.built:
            variant = VARIANTS[name]
            root = self.factory.mktemp(name)
            project = variant.project(root) if variant.project else ROOT
            result = build_site(project, root / variant.site_path, extra_env=variant.env,
                                extra_args=variant.args, engine=variant.engine)
            if result.returncode != 0:  # the build's own lines say what to fix: no traceback
                pytest.fail(f"The site ({name}) cannot be built, so the tests of the built site cannot run. "
                            "`python3 scripts/dev.py check` lists each problem with its file and line.\n"
                            f"{result.output}", pytrace=False)
            print(f"\nSite {name} built in {result.seconds:.2f} s")
            self.built[name] = result
        return self.built[name]


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory)


@pytest.fixture(scope="session")
def built_site(sites: Sites) -> BuildResult:
    """The real site, built with MkDocs + Material (the default engine)."""
    return sites("mkdocs")


@pytest.fixture(scope="session")
def zensical_site(sites: Sites) -> BuildResult:
    """The real site, built with the second engine, Zensical."""
    return sites("zensical")


@pytest.fixture(scope="session", params=ENGINES)
def site_of_each_engine(request: pytest.FixtureRequest, sites: Sites) -> BuildResult:
    """Each engine's build in turn. A module checks both by defining `site_dir` and
    `project` from it (see test_built_site.py)."""
    return sites(request.param)


@pytest.fixture(scope="session", params=[*ENGINES, "new-articles"])
def site_of_each_variant(request: pytest.FixtureRequest, sites: Sites) -> BuildResult:
    """Each engine's build of the site, and the site with three more articles of different
    kinds: adding valid articles never turns a check red."""
    return sites(request.param)


@pytest.fixture(scope="session")
def project() -> Path:
    """The project the built_site fixture builds; tests derive what they expect from its docs/."""
    return ROOT


@pytest.fixture(scope="session")
def site_config() -> Any:
    """mkdocs.yml as MkDocs reads it (with !ENV resolved)."""
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def render(site_config: Any) -> Callable[[str], str]:
    """Markdown to HTML with the site's own extensions, as both engines render a page."""
    import markdown

    def render(text: str) -> str:
        return str(markdown.markdown(text, extensions=site_config["markdown_extensions"],
                                     extension_configs=site_config["mdx_configs"]))
    return render


@pytest.fixture(scope="session")
def raw_clinic(site_config: Any) -> dict[str, Any]:
    clinic: dict[str, Any] = site_config.extra["clinic"]
    return clinic


@pytest.fixture(scope="session")
def site_dir(built_site: BuildResult) -> Path:
    return built_site.site_dir


# The servers are of the default build itself, not of `site_dir`: a module that checks
# another build (its own `site_dir`) serves that build itself, so a session-wide server
# never stands for whichever build asked for it first.
@pytest.fixture(scope="session")
def site_url(built_site: BuildResult) -> Iterator[str]:
    """The built site, served on 127.0.0.1 as GitHub Pages serves it (gzip, 404.html)."""
    from static_server import SiteServer

    with SiteServer(built_site.site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def site_url_with_headers(built_site: BuildResult) -> Iterator[str]:
    """The built site served as Netlify or Cloudflare Pages serve it: with its _headers."""
    from static_server import SiteServer

    with SiteServer(built_site.site_dir, headers_file=True) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, shared by the whole run."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


_SESSION_START = time.time()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say where this run's screenshots and print previews are, to look at them."""
    from browser_support import ARTIFACTS

    for folder in sorted(path for path in ARTIFACTS.glob("*") if path.is_dir()):
        fresh = [path for path in folder.iterdir() if path.stat().st_mtime >= _SESSION_START]
        if fresh:
            terminalreporter.write_line(f"{len(fresh)} files written to {folder}")
