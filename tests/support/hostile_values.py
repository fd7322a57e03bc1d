"""Values holding markup, quotes and & for the clinic data and the fields the themes print
as they are, and the site built with them (tests/build/test_hostile_text.py, and the
search results in Chromium, tests/browser/test_csp_browser.py)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import settings_file
from site_builder import ROOT, build_site, copy_project
from site_content import article_page, articles

# Whichever article is newest today: it is in the nav and every list.
NEWEST = articles(ROOT)[0]
ARTICLE = f"docs/{NEWEST.src_uri}"
ARTICLE_URL = NEWEST.url
ARTICLE_PAGE = article_page(NEWEST)

HOSTILE = {
    # Printed only by the site's templates, which escape them.
    "clinic_name": "Tom & \"Jerry's\" </script><script>alert('name')</script><!--",
    "street": "7 <b>Wembley</b> Ct. & \"Sons\" 'x'",
    "reviewed_by": "R. </p><script>alert('reviewer')</script> &amp;",
    # Printed by the themes as they are: what the data step lets through.
    "site_name": "Albany & ‘Co’ it's “best”",
    "title": "Sleepwalking & B “q” 's' -- it's",
    "description": "Desc & “q” 'single' = 1; x & y",
    "author": "Dr. O'Brien & “Co”",
    "home_description": "Home & ‘quoted’ “double” 'single'",
    "visit_title": "Visit & it's “here”",
}
# Markup in the fields the themes print as they are: refused, one line each.
REFUSED = {
    "site_name": 'Albany & "Co" </title><script>alert("site")</script>',
    "title": "Sleepwalking </title><script>alert('title')</script>",
    "description": "Desc & \"q\" <!-- -->",
    "author": "Dr. <img src=x onerror=alert('author')>",
    "home_description": "Home &lt;script&gt;",
    "visit_title": "Visit </title>",
}
# Plain values that sort like the hostile ones (the nav lists articles by title).
PLAIN = {key: f"A plain {key.replace('_', ' ')}" for key in HOSTILE} | {"title": "Sleepwalking plain title"}


def yaml_text(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new))


def project_with(values: dict[str, str], root: Path) -> Path:
    project = copy_project(root / "project")
    config = project / "mkdocs.yml"
    settings_file.set_value(config, ("site_name",), yaml_text(values["site_name"]))
    settings_file.set_value(config, (*settings_file.CLINIC, "name"), yaml_text(values["clinic_name"]))
    settings_file.set_value(config, (*settings_file.CLINIC, "address", "street"), yaml_text(values["street"]))
    article = project / ARTICLE
    title = next(line for line in article.read_text().splitlines() if line.startswith("title: "))
    replace_once(article, title, f"title: {yaml_text(values['title'])}")
    # The newest article, whatever the others' dates: the nav and the home page list the newest.
    newest = datetime.date.today() + datetime.timedelta(days=1)
    for field, day in (("published", newest), ("last_reviewed", newest), ("next_review", newest.replace(year=newest.year + 1))):
        line = next(line for line in article.read_text().splitlines() if line.startswith(f"{field}: "))
        replace_once(article, line, f"{field}: {day.isoformat()}")
    description = next(line for line in article.read_text().splitlines() if line.startswith("description: "))
    replace_once(article, description, f"description: {yaml_text(values['description'])}\n"
                                       f"author: {yaml_text(values['author'])}\n"
                                       f"reviewed_by: {yaml_text(values['reviewed_by'])}")
    home = project / "docs" / "index.md"
    description = next(line for line in home.read_text().splitlines() if line.startswith("description: "))
    replace_once(home, description, f"description: {yaml_text(values['home_description'])}")
    replace_once(project / "docs" / "visit.md", "template: visit.html",
                 f"template: visit.html\ntitle: {yaml_text(values['visit_title'])}")
    return project


def build_with(values: dict[str, str], root: Path, engine: str = "mkdocs") -> Path:
    project = project_with(values, root)
    result = build_site(project, root / "site", engine=engine)
    assert result.returncode == 0, result.output
    return result.site_dir


