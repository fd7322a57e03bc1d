"""Content checks on the Markdown pages, with messages written for editors.

Everything an editor can break, checked in one go (`python3 scripts/dev.py check`,
scripts/check_content.py) and by the tests (tests/test_content.py and others): front
matter, links and anchors, Markdown style, spelling, reading level (articles, descriptions,
listing pages), references without a link, alt text, images
and blocked content. Each problem is one line naming the file, the line and the fix:

    docs/articles/x.md:7: this image has no alt text: ... (Markdown rule MD045)
    docs/articles/x.md:12: 'recieve' is misspelt: write 'receive'

The settings live in tests/checks/ (see the comments there). Readability is in
readability.py. Standard library, selectolax, pymarkdownlnt, codespell and textstat
only: no pytest, so the check runs without the test runner.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = ROOT / "tests" / "checks"
LINT_CONFIG = CHECKS_DIR / "pymarkdown.yml"
SPELLING_CONFIG = CHECKS_DIR / "codespell.cfg"
SPELLING_WORDS = CHECKS_DIR / "words.txt"
MEDICAL_MISSPELLINGS = CHECKS_DIR / "medical-misspellings.txt"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, as the editor sees it on github.com
    line: int  # 1 when no better line is known (a problem of the whole file)
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{max(self.line, 1)}: {self.text}"


def markdown_pages(project: Path) -> list[Path]:
    """Every Markdown file under docs/, the article template included (editors copy it)."""
    return sorted((project / "docs").rglob("*.md"))


def report(problems: Iterable[Problem], what: str, fix: str) -> str:
    """The whole message an editor reads when a check fails."""
    problems = sorted(problems)
    count = len(problems)
    lines = [f"{what}: {count} problem{'s' if count != 1 else ''} to fix.", fix, ""]
    return "\n".join(lines + [f"  {problem}" for problem in problems])


def line_of(text: str, *needles: str) -> int:
    """The first line of text holding any of the needles (case-insensitive), else 1."""
    lines = text.lower().split("\n")
    for needle in needles:
        needle = needle.lower()
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    return 1


# --- Markdown lint (pymarkdownlnt) -------------------------------------------------

# What each rule means for an editor, and the fix. Rules not listed fall back to the
# linter's own description.
LINT_ADVICE = {
    "md001": "a heading skips a level (like ## then ####): use the next level down (###)",
    "md003": "write headings with # marks at the start of the line, like '## Side effects'",
    "md004": "use '-' for every bullet point, like the template",
    "md005": "the items of this list are indented differently: line them up",
    "md007": "this bullet is indented too much or too little: indent sub-items by 2 spaces",
    "md009": "there are spaces at the end of this line: remove them",
    "md010": "there is a tab character on this line: use spaces instead",
    "md011": "the link is written the wrong way round: write [words](address), not (words)[address]",
    "md012": "there are two blank lines in a row: remove one",
    "md018": "put one space after the # marks of a heading, like '## Side effects'",
    "md019": "put only one space after the # marks of a heading",
    "md020": "put one space inside the # marks of this heading",
    "md021": "put only one space inside the # marks of this heading",
    "md022": "put a blank line before and after each heading",
    "md023": "start the heading at the beginning of the line, with no spaces before the #",
    "md024": "two headings in the same section have the same words: make each one different",
    "md025": ("a second title ('# '): a page has one title, and an article's is its front matter's "
              "'title', shown by the site, so an article has no '# ' line at all. Make this a section "
              "heading with '## ', or remove it"),
    "md026": "a heading ends with punctuation: remove the '.', ':' or '!' at its end (a '?' is fine)",
    "md027": "put only one space after the '>' of a quote",
    "md028": "a blank line splits this quote in two: start the blank line with '>' too, or remove it",
    "md029": "number the list 1. 2. 3. in order",
    "md030": "put one space after the list marker ('-' or '1.')",
    "md031": "put a blank line before and after each code block",
    "md032": "put a blank line before and after each list",
    "md033": ("this line has HTML (a <tag>): write Markdown instead; if Markdown cannot do what you need, "
              "ask a developer"),
    "md034": "a bare web address: write it as a link with words, like [FDA safety notice](https://www.fda.gov/...)",
    "md035": "write a dividing line as '---' only",
    "md036": "bold or italic text used as a heading: make it a heading with '## ' instead",
    "md037": "remove the spaces just inside the * or ** marks",
    "md038": "remove the spaces just inside the ` marks",
    "md039": "remove the spaces just inside the [ ] of the link",
    "md040": "say which language the code block is in, after the ```",
    "md042": "the link has no address: put where it goes between the ( ), or remove the link",
    "md044": "write this name the standard way",
    "md045": ("this image has no alt text: between the square brackets, say what the picture shows, "
              "like ![A nurse checks a patient's blood pressure](nurse.jpg)"),
    "md047": "end the file with exactly one empty line",
    "md049": "use *single stars* for italics, like the template",
    "md050": "use **double stars** for bold, like the template",
    "md051": "this link points to a section (#...) that this page does not have: check the section's name",
    "md052": "this [reference] link has no matching '[reference]: address' line",
    "md053": "this '[name]: address' line is not used by any link: remove it",
    "md055": "start and end every table row the same way, with or without '|'",
    "md056": "this table row has a different number of cells from the header row",
    "md058": "put a blank line before and after each table",
    "md059": ("the link's words do not say where it goes (like 'click here'): use words that name the "
              "page, like [our opening hours](../visit.md)"),
}


_FRONT_MATTER_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def lintable_text(text: str) -> str:
    """The page as the linter should read it. Front matter with a mistake in it (a tab,
    a quote left open) becomes plain 'field: value' lines, as many as it had, so line
    numbers stay right; 'title' stays, so a '# ' line is still a second title.

    The linter would otherwise read such front matter as Markdown, and report its lines
    as lists and headings that contradict the template; the front-matter check reports
    the mistake itself.
    """
    from clinic_site.articles import split_front_matter
    from clinic_site.messages import DataError

    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER_BLOCK.match(text)
    if not match:
        return text
    try:
        split_front_matter(text, where="")
        return text
    except DataError:
        pass
    lines = match.group(1).split("\n")[:-1]
    fields = [("title: x" if line.startswith("title") else f"field{number}: x") for number, line in enumerate(lines)]
    return "---\n" + "".join(f"{field}\n" for field in fields) + "---\n" + text[match.end():]


def lint(project: Path, paths: list[Path]) -> list[Problem]:
    from pymarkdown.api import PyMarkdownApi

    api = PyMarkdownApi().configuration_file_path(str(LINT_CONFIG)).enable_strict_configuration()
    problems = []
    for path in paths:
        result = api.scan_string(lintable_text(path.read_text(encoding="utf-8")))
        if result.critical_errors:  # the linter itself failed: say so rather than pass
            raise RuntimeError(f"the Markdown linter could not read {path}: {result.critical_errors}")
        for failure in result.scan_failures:
            rule = failure.rule_id.lower()
            advice = LINT_ADVICE.get(rule, failure.rule_description)
            problems.append(Problem(_shown(project, path), failure.line_number,
                                    f"{advice} (Markdown rule {rule.upper()})"))
    return problems


LINT_FIX = ("Each line below names the file, the line and what to change. "
            "Compare with docs/articles/_template.md; CONTRIBUTING.md explains each check.")


# --- Spelling (codespell) -----------------------------------------------------------

_CODESPELL_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def spelling(project: Path, paths: list[Path]) -> list[Problem]:
    command = [
        sys.executable, "-m", "codespell_lib",
        "--config", str(SPELLING_CONFIG),
        "--dictionary", "-",  # codespell's own lists (the builtin setting)
        "--dictionary", str(MEDICAL_MISSPELLINGS),
        "--ignore-words", str(SPELLING_WORDS),
        *map(str, paths),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=project)
    problems = []
    for line in completed.stdout.splitlines():
        found = _CODESPELL_LINE.match(line)
        if not found:
            continue
        fixes = [fix.strip() for fix in found["fix"].split(",") if fix.strip()]
        choice = f"'{fixes[0]}'" if len(fixes) == 1 else " or ".join(f"'{fix}'" for fix in fixes)
        problems.append(Problem(_shown(project, Path(found["path"])), int(found["line"]),
                                f"'{found['word']}' is misspelt: write {choice}"))
    # codespell exits 65 when it finds misspellings; anything else is the tool failing.
    if completed.returncode not in (0, 65) or (completed.returncode == 65 and not problems):
        raise RuntimeError(f"codespell failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return problems


SPELLING_FIX = ("Correct each word below. If a word is spelt right (a medical term, say), add it on its "
                "own line, in lower case, to tests/checks/words.txt.")


# --- References that can be checked --------------------------------------------------

# A reference (footnote) starts "[^label]: text" at the start of a line; lines indented
# under it continue it. A fenced code block (``` ... ```) holds examples, not references.
_REFERENCE_START = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_WEB_ADDRESS = re.compile(r"https://[^\s)>\]]+")


def references_without_links(project: Path, paths: list[Path]) -> list[Problem]:
    """One Problem per reference that gives readers no way to check it: no https:// address
    (a DOI link, https://doi.org/..., or the page's web address)."""
    problems = []
    for path in paths:
        shown = _shown(project, path)
        for label, line, text in _references(path.read_text(encoding="utf-8")):
            if not _WEB_ADDRESS.search(text):
                problems.append(Problem(shown, line, f"reference [^{label}] has no link; "
                                        "add its DOI (https://doi.org/...) or web address"))
    return problems


def _references(markdown_text: str) -> list[tuple[str, int, str]]:
    """(label, line number, whole text) of each reference in a Markdown file."""
    found: list[list] = []
    in_fence = False
    current = None
    for number, line in enumerate(markdown_text.replace("\r\n", "\n").split("\n"), start=1):
        if _FENCE.match(line):
            in_fence, current = not in_fence, None
            continue
        if in_fence:
            continue
        start = _REFERENCE_START.match(line)
        if start:
            current = [start["label"], number, start["text"]]
            found.append(current)
        elif current is not None and line.startswith(("    ", "\t")):
            current[2] += " " + line.strip()
        elif line.strip():
            current = None
    return [tuple(reference) for reference in found]


REFERENCES_FIX = ("Each reference needs a link readers can follow: end it with its DOI, like "
                  "[doi:10.1001/archpsyc.63.8.856](https://doi.org/10.1001/archpsyc.63.8.856), or the "
                  "web address of the page, like [fda.gov](https://www.fda.gov/...). See docs/articles/_template.md.")


# --- Images without alt text, on the built site -------------------------------------

def images_without_alt_text(project: Path, site_dir: Path) -> list[Problem]:
    """Images in a page's content whose alt text is missing or empty.

    The Markdown lint (rule MD045) finds them in the source with a line number; this
    checks what visitors get, whatever Markdown or attribute produced the image.
    """
    from clinic_site.finish import page_content

    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        # The editor's part of the page, between the markers the templates write for both
        # engines (not a theme's class).
        content = page_content(page.read_text(encoding="utf-8"))
        if content is None:
            continue
        for image in LexborHTMLParser(content).css("img"):
            if not (image.attributes.get("alt") or "").strip():
                src = image.attributes.get("src") or ""
                shown = source_of(project, site_dir, page)
                source = project / shown
                line = line_of(source.read_text(encoding="utf-8"), src.rsplit("/", 1)[-1]) if source.is_file() else 1
                problems.append(Problem(shown, line, f"the image {src!r} has no alt text: "
                                        + LINT_ADVICE["md045"].split(": ", 1)[1]))
    return problems


def source_of(project: Path, site_dir: Path, page: Path) -> str:
    """The Markdown file a built page comes from: docs/articles/x.md for articles/x/index.html."""
    relative = page.relative_to(site_dir).as_posix()
    stem = relative.removesuffix("index.html").rstrip("/")
    candidates = [f"docs/{stem}.md", f"docs/{stem}/index.md"] if stem else ["docs/index.md"]
    return next((c for c in candidates if (project / c).exists()), f"the built page {relative}")


# --- Images ---------------------------------------------------------------------------

def image_problems(project: Path, site_dir: Path, pages: dict[str, str] | None = None) -> list[Problem]:
    """Problems with the photos of the pages (a file that is not a real image, one too small
    for its place), as the build's finish step finds them (clinic_site.images), on the
    content check's own copy of the site. Web sizes come from the project's cache, as in a
    build (a new photo is encoded once, then reused by the next build)."""
    from clinic_site import images
    from clinic_site.finish import IMAGE_CACHE

    report = images.publish_images(site_dir, project / IMAGE_CACHE, pages, project)
    return [_problem_from_line(line) for line in report.problems]


# --- Front matter and the clinic data: the build's data step ----------------------------

def data_step(project: Path) -> tuple[list[Problem], list[str]]:
    """What the build's data step (clinic_site.site_data.prepare) finds: the problems in
    mkdocs.yml's clinic data and in every page's front matter, and the lines it would
    print in the build's output (reviews due, notices)."""
    from clinic_site.messages import DataError
    from clinic_site.site_data import prepare

    try:
        data = prepare(project)
    except DataError as error:
        # A heading line per part ("The articles' front matter: 2 problems ..."), then one
        # indented line per problem; a mistake in mkdocs.yml itself is one line.
        placed = [line.strip() for line in error.lines if line.startswith("  ")] or error.lines
        return [_problem_from_line(line) for line in placed], []
    return [], data.log


def front_matter_problems(project: Path) -> list[Problem]:
    """Every page's front matter (and the clinic data), validated as the build does."""
    return data_step(project)[0]


_PLACED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<text>.*)$")


def _problem_from_line(line: str) -> Problem:
    placed = _PLACED.match(line)
    if placed:
        return Problem(placed["path"], int(placed["line"]), placed["text"])
    path, _, text = line.partition(": ")
    return Problem(path, 1, text)


# --- The build: links and anchors, blocked content -----------------------------------

_STAND_IN_FRONT_MATTER = ("---\ntitle: A page with a front-matter mistake\ndescription: Reported on its own.\n"
                          "published: 2026-01-01\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n")
_STAND_IN_PAGE = "---\ntitle: A page with a front-matter mistake\n---\n"
_LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an|an absolute|an unrecognized relative) "
                           r"link '(?P<link>[^']*)'(?P<rest>.*)$")
_MISSING_ANCHOR = re.compile(r"the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
_SECTION_FIX = "after the '#', write the section's heading in lower case, with dashes for spaces"


_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)$", re.IGNORECASE)


def _link_message(link: str, rest: str) -> str:
    if "is not found among documentation files" in rest and _IMAGE_FILE.search(link):
        return (f"the picture '{link}' is not in the docs folder; upload it next to the article, or correct "
                "its name (capital letters count)")
    if "is not found among documentation files" in rest:
        return (f"the link '{link}' goes to a page that does not exist; check the file name in the docs "
                "folder (a link names the page's .md file, like ../visit.md)")
    missing = _MISSING_ANCHOR.search(rest)
    if missing:
        return f"the link '{link}' goes to a section that {missing['doc']} does not have; {_SECTION_FIX}"
    if "there is no such anchor on this page" in rest:
        return f"the link '{link}' goes to a section this page does not have; {_SECTION_FIX}"
    if link.startswith("/"):
        return f"the link '{link}' starts with '/'; link to the page's .md file instead, like ../visit.md"
    return f"the link '{link}' does not name a page's .md file; link to the file, like ../visit.md"


def _copy_for_build(project: Path, copy: Path, refused: set[str]) -> None:
    """What a build reads, with a stand-in front matter in each page the data step refused
    (the build would stop there, before checking any link)."""
    from clinic_site.articles import is_article

    copy.mkdir(parents=True, exist_ok=True)
    for part in ("mkdocs.yml", "docs", "overrides"):
        source = project / part
        if source.is_dir():
            shutil.copytree(source, copy / part)
        elif source.is_file():
            shutil.copy2(source, copy / part)
    for shown in refused:
        path = copy / shown
        if not shown.startswith("docs/") or path.suffix != ".md" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        match = _FRONT_MATTER_BLOCK.match(text)
        body = text[match.end():] if match else text
        stand_in = _STAND_IN_FRONT_MATTER if is_article(shown.removeprefix("docs/")) else _STAND_IN_PAGE
        path.write_text(stand_in + body, encoding="utf-8")


def build_problems(project: Path, site_dir: Path,
                   refused: set[str] = frozenset()
                   ) -> tuple[list[Problem], bool, list[str], list[Problem], dict[str, str]]:
    """Build the site as the build does (the data step, then `mkdocs build --strict`) into
    site_dir, and turn what MkDocs says and what the finish step's page check finds into
    Problems: broken links and anchors, content the security policy blocks. `refused` are
    the files whose front matter the data step refused (reported already). Returns the
    problems, whether the site was built, the data step's lines for the output, which
    of the problems the allowlist found, and the data step's page -> source map."""
    from clinic_site.finish import FinishedSite, FinishError, page_content_problems
    from clinic_site.messages import DataError
    from site_data import write_engine_config

    with tempfile.TemporaryDirectory(prefix="content-check-") as temporary:
        copy = Path(temporary) / "project"
        _copy_for_build(project, copy, refused)
        config = copy / ".site-config-check.yml"
        try:
            data = write_engine_config(copy, config)
        except DataError:  # mkdocs.yml itself: the data step's lines say what to fix
            return [], False, [], [], {}
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
             "--site-dir", str(site_dir)],
            cwd=copy, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        )
    output = completed.stdout + completed.stderr
    problems: list[Problem] = []
    unexplained: list[str] = []
    for line in output.splitlines():
        link = _LINK_WARNING.search(line)
        if link:
            shown = f"docs/{link['file']}"
            text = (project / shown).read_text(encoding="utf-8")
            problems.append(Problem(shown, line_of(text, f"]({link['link']}", link["link"]),
                                    _link_message(link["link"], link["rest"])))
            continue
        if line.startswith(("ERROR", "WARNING")) and "Aborted with" not in line:
            unexplained.append(line.split("-  ", 1)[-1].strip())
    # In strict mode MkDocs writes every page before it fails on a warning: what the
    # allowlist refuses is found in them either way (the finish step's page check,
    # reporting instead of stopping; lines from the project's own Markdown).
    refused_html: list[Problem] = []
    if (site_dir / "index.html").exists():
        try:
            blocked = page_content_problems(FinishedSite(site_dir, data.site_url, data.pages, project=project))
        except FinishError as error:  # a template without its content markers: not an editor's
            blocked, unexplained = [], [*unexplained, *error.lines]
        refused_html = [_problem_from_line(line) for line in blocked]
        problems += refused_html
    built = completed.returncode == 0 and not unexplained
    if not built and not problems:
        # Nothing an editor's line explains: MkDocs' own words, for a maintainer.
        detail = " / ".join(unexplained) or (output.strip().splitlines() or ["no output"])[-1]
        problems.append(Problem("mkdocs.yml", 1, f"the site cannot be built ({detail}); ask a website maintainer"))
    return problems, built, data.log, refused_html, data.pages


# --- Reading level -------------------------------------------------------------------

def reading_problems(project: Path) -> list[Problem]:
    """Articles above grade 8, sentences over 20 words, descriptions with such sentences,
and listing pages (with the descriptions they show) above grade 8 (readability.py)."""
    from clinic_site.articles import is_article
    from clinic_site.messages import DataError
    from readability import (
        MAX_GRADE, article_descriptions, article_readability, body_blocks, line_of_sentence, listing_pages,
        long_descriptions, long_sentences, readability_of,
    )

    problems = []
    docs = project / "docs"
    for path in sorted(docs.rglob("*.md")):
        if not is_article(path.relative_to(docs).as_posix()):
            continue
        shown = _shown(project, path)
        result = article_readability(path)
        if result.grade > MAX_GRADE:
            hard = [(grade, sentence) for grade, sentence in result.hardest if grade > MAX_GRADE] or result.hardest[:1]
            lines = [line_of_sentence(path, sentence) for _grade, sentence in hard]
            hardest = ", ".join(f"line {line} (grade {grade:.1f})" for line, (grade, _sentence) in zip(lines, hard))
            problems.append(Problem(shown, lines[0] if lines else 1,
                                    f"the article reads at US school grade {result.grade:.1f}; articles must read "
                                    f"at grade {MAX_GRADE:.0f} or below, so shorten or simplify its hardest "
                                    f"sentences first: {hardest}"))
        problems.extend(Problem(shown, line, message) for line, message in long_sentences(path))
    # Descriptions show in search results and under each title on the listing pages.
    for path in sorted(docs.rglob("*.md")):
        if path.relative_to(docs).as_posix() in _NOT_PAGES:
            continue
        try:
            found = long_descriptions(path)
        except DataError:  # front matter that cannot be read: reported on its own
            continue
        problems.extend(Problem(_shown(project, path), line, message) for line, message in found)
    try:
        listing = listing_pages(project)
        descriptions = article_descriptions(project)
    except DataError:
        listing, descriptions = [], []
    for path in listing:
        shown = _shown(project, path)
        result = readability_of(body_blocks(path.read_text(encoding="utf-8")) + descriptions)
        if result.grade > MAX_GRADE:
            hardest = "; ".join(f"grade {grade:.1f}: \"{sentence}\"" for grade, sentence in result.hardest)
            problems.append(Problem(shown, 1, f"this page, with the article descriptions it lists, reads at US "
                                    f"school grade {result.grade:.1f}; it must read at grade {MAX_GRADE:.0f} or "
                                    f"below, so simplify its hardest sentences first, in the page or in an "
                                    f"article's description: {hardest}"))
        problems.extend(Problem(shown, line, message) for line, message in long_sentences(path))
    return problems


# --- Everything at once ---------------------------------------------------------------

CHECKS = ("front matter", "links and anchors", "blocked content", "Markdown style", "spelling",
          "reading level", "references", "alt text", "images")
_NOT_PAGES = {"articles/_template.md"}  # an example to copy, not a page


def check_everything(project: Path) -> list[Problem]:
    """Every check an editor's change can fail, over the project's docs/, in one list."""
    return check_with_log(project)[0]


def check_with_log(project: Path) -> tuple[list[Problem], list[str]]:
    """check_everything's problems, and the data step's lines for the build's output
    (reviews due, notices), which are not problems."""
    pages = markdown_pages(project)
    problems, log = data_step(project)
    with tempfile.TemporaryDirectory(prefix="content-check-site-") as site:
        site_dir = Path(site) / "site"
        built_problems, built, copy_log, refused_html, pages_of_site = build_problems(
            project, site_dir, {problem.path for problem in problems})
        log = log or copy_log  # with stand-ins for the refused front matter
        problems += built_problems
        if built:
            problems += images_without_alt_text(project, site_dir)
            problems += image_problems(project, site_dir, pages_of_site)
    style = lint(project, pages)
    # An image without alt text is found twice (in the Markdown and on the built page):
    # keep the Markdown's line.
    in_markdown = {problem.path for problem in style if "(Markdown rule MD045)" in problem.text}
    problems = [p for p in problems if not (p.path in in_markdown and "has no alt text" in p.text)]
    blocked = {(p.path, p.line) for p in refused_html}
    problems += [p for p in style if not ("(Markdown rule MD033)" in p.text and (p.path, p.line) in blocked)]
    problems += spelling(project, pages)
    problems += reading_problems(project)
    problems += references_without_links(project, pages)
    return sorted(set(problems)), log


# --- On GitHub: annotations on the changed lines, and the job summary ---------------

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """The workflow command that shows a problem on its line of the pull request."""
    return (f"::error file={_escape_property(problem.path)},line={max(problem.line, 1)},"
            f"title={_escape_property('Content check')}::{_escape_data(problem.text)}")


def notice_annotation(note: str) -> str:
    """A line of the build's output that is not a problem, as a notice on the run."""
    return f"::notice title={_escape_property('Content check')}::{_escape_data(note)}"


def summary_markdown(problems: list[Problem], notes: Iterable[str] = ()) -> str:
    """What heads the job summary: every problem, one line each, or that all is well;
    then the build's notices (not problems), if any."""
    notes = list(notes)
    told = ("**Notices** (not problems):\n\n" + "\n".join(f"- {note}" for note in notes) + "\n\n") if notes else ""
    if not problems:
        return ("## Content check\n\nNo problems: front matter, links, blocked content, Markdown style, "
                "spelling, reading level, references, alt text and images are all fine.\n\n" + told)
    count = len(problems)
    listing = "\n".join(str(problem).replace("```", "` ` `") for problem in problems)
    return (f"## Content check: {count} problem{'s' if count != 1 else ''} to fix\n\n"
            "Each line names the file and the line, what is wrong, and the fix. The same lines show "
            "on the changed lines of the pull request (the **Files changed** tab).\n\n"
            f"```text\n{listing}\n```\n\n" + told)


def _shown(project: Path, path: Path) -> str:
    path = path if path.is_absolute() else project / path
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)
