"""Each content check catches a mistake planted in a copy of the site, with its message.

Spelling, Markdown style, missing alt text, a grade-12 paragraph, a reference without a
link, a long description, a broken link and a broken anchor: the kind of slip an editor makes on github.com.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_site.checks.markdown_style import LINT_ADVICE, lint
from clinic_site.checks.readability import (
    article_problems,
    article_readability,
    description_problems,
    listing_pages,
    listing_problems,
    too_hard,
)
from clinic_site.checks.references import references_without_links
from clinic_site.checks.spelling import spelling
from clinic_site.engine import link_message
from clinic_site.finish import images_without_alt_text
from clinic_site.pipeline import finished_site
from clinic_site.site_data import prepare
from problem_lines import lines
from site_builder import add_article, build_site, copy_project


def alt_text_problems(project: Path, site_dir: Path) -> list[str]:
    """The check of the built pages' images, as `dev.py check` runs it."""
    return lines(images_without_alt_text(finished_site(site_dir, prepare(project), project, "mkdocs")))

ARTICLE = "docs/articles/fixture.md"  # the tests' own article (site_builder.FIXTURE_ARTICLE)
TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    add_article(project, "fixture.md")
    return project


def plant(project: Path, old: str, new: str, path: str = ARTICLE) -> int:
    """Replace text in a copy of a page; return the line number where the new text starts."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_spelling_catches_a_common_and_a_medical_misspelling(project):
    line = plant(project, "It has a few short sentences.", "We recieve a few short sentences.")
    other = plant(project, "This article is here for the tests.", "Ketamene is here for the tests.")
    assert lines(spelling(project, [project / ARTICLE])) == [
        f"{ARTICLE}:{other}: 'Ketamene' is misspelt: write 'Ketamine'",
        f"{ARTICLE}:{line}: 'recieve' is misspelt: write 'receive'",
    ]


def test_spelling_accepts_words_in_the_project_word_list(project):
    # ECT (electroconvulsive therapy) is in tests/checks/words.txt: codespell alone flags it.
    plant(project, "It has a few short sentences.", "It has a few short sentences. Some have ECT.")
    assert spelling(project, [project / ARTICLE]) == []


def test_markdown_lint_catches_a_missing_alt_text_and_a_title_in_the_text(project):
    image = plant(project, "It has a few short sentences.[^source]\n",
                  "It has a few short sentences.[^source]\n\n![](diagram.svg)\n")
    title = plant(project, "This article is here for the tests.",
                  "# A test article\n\nThis article is here for the tests.")
    image += 2  # the title added two lines above it
    problems = lines(lint(project, [project / ARTICLE]))
    assert problems == [
        f"{ARTICLE}:{title}: {LINT_ADVICE['md025']} (Markdown rule MD025)",
        f"{ARTICLE}:{image + 2}: {LINT_ADVICE['md045']} (Markdown rule MD045)",
    ]
    assert "say what the picture shows" in problems[1]


def test_the_built_site_check_catches_a_missing_alt_text(project, tmp_path):
    (project / "docs" / "articles" / "diagram.svg").write_text(TINY_SVG)
    line = plant(project, "It has a few short sentences.[^source]\n",
                 "It has a few short sentences.[^source]\n\n![](diagram.svg)\n") + 2
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    [problem] = alt_text_problems(project, result.site_dir)
    assert problem.startswith(f"{ARTICLE}:{line}: the image '../diagram.svg' has no alt text: between the square")


def test_an_image_with_alt_text_passes_both_checks(project, tmp_path):
    (project / "docs" / "articles" / "diagram.svg").write_text(TINY_SVG)
    plant(project, "It has a few short sentences.[^source]\n",
          "It has a few short sentences.[^source]\n\n![A black square](diagram.svg)\n")
    assert lint(project, [project / ARTICLE]) == []
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert alt_text_problems(project, result.site_dir) == []


GRADE_12_PARAGRAPH = (
    "Notwithstanding considerable methodological heterogeneity across randomized investigations, "
    "subanesthetic ketamine administration demonstrates substantial antidepressant efficacy in "
    "treatment-resistant populations, although longitudinal maintenance considerations remain "
    "insufficiently characterized. Pharmacological mechanisms plausibly involve glutamatergic "
    "neurotransmission modulation, synaptogenesis and downstream neurotrophic signaling cascades."
)


GRADE_12_SENTENCES = [sentence if sentence.endswith(".") else sentence + "."
                      for sentence in GRADE_12_PARAGRAPH.split(". ")]


def test_readability_catches_an_article_written_at_grade_12_and_names_its_sentences(project):
    path = project / "docs" / "articles" / "hard.md"
    front_matter = (project / ARTICLE).read_text().split("---\n")[1]
    path.write_text(f"---\n{front_matter}---\n\nKetamine is a medicine.\n\n{GRADE_12_PARAGRAPH}\n")
    result = article_readability(path)
    assert result.grade > 12
    # The planted sentences are the hardest, hardest first; the plain one last.
    assert {sentence for _grade, sentence in result.hardest[:2]} == set(GRADE_12_SENTENCES)
    assert result.hardest[2][1] == "Ketamine is a medicine."
    problem = too_hard(path, "docs/articles/hard.md", result)
    line = path.read_text().splitlines().index(GRADE_12_PARAGRAPH) + 1  # the line of its hardest sentences
    assert str(problem) == (
        f"docs/articles/hard.md:{line}: the article reads at US school grade {result.grade:.1f}; articles must read "
        f"at grade 8 or below, so shorten or simplify its hardest sentences first: line {line} (grade "
        f"{result.hardest[0][0]:.1f}), line {line} (grade {result.hardest[1][0]:.1f})")


def test_a_grade_12_paragraph_in_a_long_article_is_caught_by_its_long_sentence(project):
    # The grade is an average over the body: one hard paragraph in a long article can
    # keep it under 8. Its long sentences are what make it hard, and they are named.
    path = project / ARTICLE
    assert article_problems(path, ARTICLE) == []
    line = plant(project, "It has a few short sentences.[^source]\n",
                 f"It has a few short sentences.[^source]\n\n{GRADE_12_PARAGRAPH}\n") + 2
    long_one = GRADE_12_SENTENCES[0]
    assert lines(problem for problem in article_problems(path, ARTICLE) if problem.rule == "sentence") == [
        f'{ARTICLE}:{line}: this sentence has {len(long_one.split())} words; write at most 20 '
        f'(split it in two, or cut words): "{long_one}"'
    ]


def test_a_reference_without_a_link_is_named_with_its_line(project):
    path = project / ARTICLE
    assert references_without_links(project, [path]) == []
    text = path.read_text(encoding="utf-8")
    reference = next(line for line in text.splitlines() if line.startswith("[^source]:"))
    unlinked = reference[: reference.index(" [doi:")]  # the same reference, its DOI link cut off
    line = plant(project, reference, unlinked)
    assert lines(references_without_links(project, [path])) == [
        f"{ARTICLE}:{line}: reference [^source] has no link; add its DOI (https://doi.org/...) or web address"
    ]


def test_a_doi_written_without_its_address_is_not_a_link(project):
    line = plant(project, "## References\n", "## References\n\n[^bare]: Smith J. A paper. 2020. doi:10.1000/xyz\n")
    problems = lines(references_without_links(project, [project / ARTICLE]))
    assert problems == [f"{ARTICLE}:{line + 2}: reference [^bare] has no link; "
                        "add its DOI (https://doi.org/...) or web address"]


def test_a_link_on_a_continued_line_or_in_angle_brackets_counts(project):
    plant(project, "## References\n",
          "## References\n\n[^long]: Smith J. A paper.\n    [doi:10.1000/xyz](https://doi.org/10.1000/xyz)\n"
          "[^angle]: An agency. A page. <https://www.example.gov/page>\n")
    assert references_without_links(project, [project / ARTICLE]) == []


def test_a_reference_shown_as_an_example_in_a_code_block_is_not_checked(project):
    plant(project, "## References\n", "## References\n\n```markdown\n[^example]: No link here.\n```\n")
    assert references_without_links(project, [project / ARTICLE]) == []


def _set_description(project: Path, description: str) -> int:
    text = (project / ARTICLE).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("description: "))
    return plant(project, old, f"description: {description}")


def test_a_long_sentence_in_a_description_is_named_with_its_line(project):
    long_one = ("What depression is and how doctors usually treat it and what the research now says "
                "about ketamine for people who are not helped.")
    line = _set_description(project, long_one)
    assert lines(description_problems(project / ARTICLE, ARTICLE)) == [
        f"{ARTICLE}:{line}: a sentence of the description has {len(long_one.split())} words; "
        f'write at most 20 (split it in two, or cut words): "{long_one}"'
    ]


def test_a_hard_description_makes_the_listing_pages_too_hard_to_read(project):
    pages = listing_pages(project)
    assert pages, "the listing pages are found from their templates"
    assert all(listing_problems(page, project, page.name) == [] for page in pages)
    _set_description(project, GRADE_12_PARAGRAPH)
    for page in pages:
        [problem] = listing_problems(page, project, page.name)
        assert str(problem).startswith(f"{page.name}:1: this page, with the article descriptions it lists, reads at "
                                       "US school grade ")
        assert GRADE_12_SENTENCES[0] in problem.message


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_broken_link_stops_the_build_with_its_line(project, tmp_path, engine):
    line = plant(project, "See our [Visit us](../visit.md) page", "See our [Visit us](../visiting.md) page")
    result = build_site(project, tmp_path / "site", engine=engine)
    assert result.returncode == 1
    assert "Traceback" not in result.output and "WARNING" not in result.output, result.output
    assert result.output.splitlines()[-4:-2] == [
        "The pages' links: 1 problem to fix before the site can be built:",
        f"  {ARTICLE}:{line}: {link_message('../visiting.md', 'no-page')}"], result.output


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_broken_anchor_stops_the_build_with_its_line(project, tmp_path, engine):
    line = plant(project, "See our [Visit us](../visit.md) page.",
                 "See our [Visit us](../visit.md) page. Read [how to ask](#ask-for-a-consultaton).")
    other = plant(project, "It has a few short sentences.", "It has a [few](../visit.md#no-such-section) sentences.")
    result = build_site(project, tmp_path / "site", engine=engine)
    assert result.returncode == 1
    assert "Traceback" not in result.output, result.output
    reported = [line.strip() for line in result.output.splitlines() if line.startswith("  docs/")]
    assert sorted(reported) == sorted([
        f"{ARTICLE}:{line}: {link_message('#ask-for-a-consultaton', 'no-section-here')}",
        f"{ARTICLE}:{other}: {link_message('../visit.md#no-such-section', 'no-section', 'visit.md')}"]), result.output


def test_the_right_anchor_builds(project, tmp_path):
    plant(project, "See our [Visit us](../visit.md) page.",
          "See our [Visit us](../visit.md) page. Read [how to ask](#ask-for-a-consultation).")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
