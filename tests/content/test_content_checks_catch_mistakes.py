"""Each content check catches a mistake planted in a copy of the site, with its message.

Spelling, Markdown style, missing alt text, a grade-12 paragraph, a reference without a
link, a long description, a broken link and a broken anchor: the kind of slip an editor makes on github.com.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content_checks import LINT_ADVICE, images_without_alt_text, lint, references_without_links, spelling
from readability import (
    listing_pages,
    listing_problem,
    long_description_problems,
    long_sentence_problems,
    readability_problem,
)
from site_builder import add_article, build_site, copy_project

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
    assert [str(p) for p in spelling(project, [project / ARTICLE])] == [
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
    problems = [str(p) for p in lint(project, [project / ARTICLE])]
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
    [problem] = images_without_alt_text(project, result.site_dir)
    assert str(problem).startswith(f"{ARTICLE}:{line}: the image '../diagram.svg' has no alt text: between the square")


def test_an_image_with_alt_text_passes_both_checks(project, tmp_path):
    (project / "docs" / "articles" / "diagram.svg").write_text(TINY_SVG)
    plant(project, "It has a few short sentences.[^source]\n",
          "It has a few short sentences.[^source]\n\n![A black square](diagram.svg)\n")
    assert lint(project, [project / ARTICLE]) == []
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert images_without_alt_text(project, result.site_dir) == []


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
    problem = readability_problem(path, "docs/articles/hard.md")
    assert problem is not None
    first, advice, hardest, second_hardest, third = problem.splitlines()
    assert first.startswith("docs/articles/hard.md reads at US school grade ")
    assert float(first.split("grade ")[1].split(";")[0]) > 12
    assert first.endswith("; articles must read at grade 8 or below, so that most adults can read them easily.")
    assert advice.startswith("Shorten or simplify its hardest sentences first")
    # The planted sentences are named first, hardest first; the plain one last.
    assert {hardest.split(": ", 1)[1], second_hardest.split(": ", 1)[1]} == set(GRADE_12_SENTENCES)
    assert third.endswith(": Ketamine is a medicine.")


def test_a_grade_12_paragraph_in_a_long_article_is_caught_by_its_long_sentence(project):
    # The grade is an average over the body: one hard paragraph in a long article can
    # keep it under 8. Its long sentences are what make it hard, and they are named.
    path = project / ARTICLE
    assert readability_problem(path, ARTICLE) is None
    assert long_sentence_problems(path, ARTICLE) == []
    line = plant(project, "It has a few short sentences.[^source]\n",
                 f"It has a few short sentences.[^source]\n\n{GRADE_12_PARAGRAPH}\n") + 2
    long_one = GRADE_12_SENTENCES[0]
    assert long_sentence_problems(path, ARTICLE) == [
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
    assert [str(p) for p in references_without_links(project, [path])] == [
        f"{ARTICLE}:{line}: reference [^source] has no link; add its DOI (https://doi.org/...) or web address"
    ]


def test_a_doi_written_without_its_address_is_not_a_link(project):
    line = plant(project, "## References\n", "## References\n\n[^bare]: Smith J. A paper. 2020. doi:10.1000/xyz\n")
    problems = [str(p) for p in references_without_links(project, [project / ARTICLE])]
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
    assert long_description_problems(project / ARTICLE, ARTICLE) == [
        f"{ARTICLE}:{line}: a sentence of the description has {len(long_one.split())} words; "
        f'write at most 20 (split it in two, or cut words): "{long_one}"'
    ]


def test_a_hard_description_makes_the_listing_pages_too_hard_to_read(project):
    pages = listing_pages(project)
    assert pages, "the listing pages are found from their templates"
    assert all(listing_problem(page, project, page.name) is None for page in pages)
    _set_description(project, GRADE_12_PARAGRAPH)
    for page in pages:
        problem = listing_problem(page, project, page.name)
        assert problem is not None
        assert problem.startswith(f"{page.name}, with the article descriptions it lists, reads at US school grade ")
        assert GRADE_12_SENTENCES[0] in problem


def test_a_broken_link_stops_the_build(project, tmp_path):
    plant(project, "See our [Visit us](../visit.md) page", "See our [Visit us](../visiting.md) page")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert ("WARNING -  Doc file 'articles/fixture.md' contains a link '../visiting.md', "
            "but the target 'visiting.md' is not found among documentation files.") in result.output
    assert "Aborted with 1 warnings in strict mode!" in result.output


def test_a_broken_anchor_stops_the_build(project, tmp_path):
    plant(project, "See our [Visit us](../visit.md) page.",
          "See our [Visit us](../visit.md) page. Read [how to ask](#ask-for-a-consultaton).")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert ("WARNING -  Doc file 'articles/fixture.md' contains a link '#ask-for-a-consultaton', but there is no "
            "such anchor on this page.") in result.output
    assert "Aborted with 1 warnings in strict mode!" in result.output


def test_the_right_anchor_builds(project, tmp_path):
    plant(project, "See our [Visit us](../visit.md) page.",
          "See our [Visit us](../visit.md) page. Read [how to ask](#ask-for-a-consultation).")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.output
