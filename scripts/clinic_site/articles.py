"""Articles: their front matter, validated, and the listings built from it.

An article is a Markdown file under ``docs/articles/`` (other than ``index.md``). Its
front matter says what the article is and when it was reviewed; everything the site
shows about it (the index, the nav, the byline) is built from that.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .messages import show_value, validation_problems
from .problems import Problem, Problems

try:  # the C loader is much faster when there are thousands of articles
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]


class _RepeatedField(Exception):
    def __init__(self, name: str, first_line: int, second_line: int):
        super().__init__(name)
        self.name, self.first_line, self.second_line = name, first_line, second_line


class _RepeatedValue(Exception):
    """The front matter repeats a value with '&name' and '*name' (YAML anchors and aliases)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _FrontMatterLoader(SafeLoader):
    """YAML as MkDocs reads it, except that dates stay text until we check them, a
    field written twice is an error rather than silently the last one, and a value
    repeated with '&' and '*' is refused before anything is built from it.

    Otherwise YAML itself fails on an impossible date such as 2026-02-30, before we
    can say which field is wrong; and nine aliases nested nine deep (an "alias bomb")
    make a few lines stand for a billion values.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key, line = key_node.value, key_node.start_mark.line
            if key in first_seen:
                raise _RepeatedField(key, first_seen[key], line)
            first_seen.setdefault(key, line)
        return super().construct_mapping(node, deep)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse_repeated_values(root: yaml.Node) -> None:
    """Stop at the first node reached twice: an alias. Each node is visited once, so
    this takes as long as the text is, however far the aliases would expand."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise _RepeatedValue(node.start_mark.line)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _load_yaml(text: str) -> Any:
    loader = _FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_repeated_values(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


ARTICLES_DIR = "articles/"
DESCRIPTION_MAX = 160
TITLE_MAX = 120

# The same pattern MkDocs uses, so we read exactly the block MkDocs reads.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_EXPECTED = "a date like 2026-01-31"


def is_article(src_uri: str) -> bool:
    """Markdown files under articles/, except the index and files starting with '_' (the template)."""
    name = src_uri.rsplit("/", 1)[-1]
    return src_uri.startswith(ARTICLES_DIR) and name.endswith(".md") and name != "index.md" and not name.startswith("_")


def _date(value: Any) -> Any:
    """Dates as YAML writes them (2026-01-31), nothing looser: no 'Jan 31', no timestamps."""
    if isinstance(value, datetime.datetime):
        raise ValueError(f"must be {_DATE_EXPECTED} with no time of day, got {show_value(value)}")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    meant = _date_meant(value)
    fix = (f"; write {meant.isoformat()} (year-month-day)" if meant
           else "; write the year, the month and the day as numbers, with dashes between them")
    raise ValueError(f"must be {_DATE_EXPECTED}, got {show_value(value)}{fix}")


# Dates as editors write them elsewhere: when one reads as exactly one day, the message
# gives the same day written the site's way.
_OTHER_DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                       "%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d", "%b. %d, %Y")


def _date_meant(value: Any) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    for form in _OTHER_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    return None


class FrontMatter(BaseModel):
    """The fields an article's front matter may have. See CONTRIBUTING.md."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    title: str = Field(description="the article's title, like 'Does ketamine treat depression?'",
                       min_length=1, strict=True)
    description: str = Field(description=f"a one-sentence summary of at most {DESCRIPTION_MAX} characters",
                             min_length=1, strict=True)
    published: datetime.date = Field(description=f"{_DATE_EXPECTED}: the day it was first published")
    last_reviewed: datetime.date = Field(description=f"{_DATE_EXPECTED}: the day it was last checked")
    next_review: datetime.date = Field(description=f"{_DATE_EXPECTED}: the day it is due to be checked again")
    author: str | None = Field(None, description="who wrote it; leave it out to credit the clinic",
                               min_length=1, strict=True)
    reviewed_by: str | None = Field(None, description="the reviewer the clinic has named; leave it out otherwise",
                                    min_length=1, strict=True)
    tags: list[str] = Field(default_factory=list, description="a list of short words, like [depression]")

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_as_a_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(f"must be a list, got {show_value(value)}; write 'tags:' alone on its line, then each "
                             "tag on its own line below it, as '  - depression' (two spaces, a dash, a space)")
        return value

    @field_validator("published", "last_reviewed", "next_review", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        return _date(value)

    @field_validator("description")
    @classmethod
    def _short_description(cls, value: str) -> str:
        if len(value) > DESCRIPTION_MAX:
            raise ValueError(
                f"must be at most {DESCRIPTION_MAX} characters (search engines cut the rest), "
                f"got {len(value)}: shorten it"
            )
        return value

    @field_validator("title")
    @classmethod
    def _short_title(cls, value: str) -> str:
        if len(value) > TITLE_MAX:
            raise ValueError(f"must be at most {TITLE_MAX} characters (it is the page's heading), "
                             f"got {len(value)}: shorten it")
        return value

    # Fields are checked in order, so earlier dates are in info.data when these run.
    @field_validator("last_reviewed")
    @classmethod
    def _reviewed_after_published(cls, value: datetime.date, info: ValidationInfo) -> datetime.date:
        published = info.data.get("published")
        if published and value < published:
            raise ValueError(f"must be on or after published ({published}), got {value}")
        return value

    @field_validator("next_review")
    @classmethod
    def _next_review_later(cls, value: datetime.date, info: ValidationInfo) -> datetime.date:
        last_reviewed = info.data.get("last_reviewed")
        if last_reviewed and value <= last_reviewed:
            raise ValueError(f"must be after last_reviewed ({last_reviewed}), got {value}")
        return value


@dataclass(frozen=True)
class Article:
    """One validated article: its front matter and where it lives."""

    src_uri: str
    url: str
    front_matter: FrontMatter
    author: str

    @property
    def title(self) -> str:
        return self.front_matter.title

    def review_overdue(self, today: datetime.date) -> bool:
        return self.front_matter.next_review < today


# The front matter starts on the file's second line, after '---'.
_FIRST_LINE = 2
_FIELD_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?P<rest>.*)$")
_TAB_INDENT = re.compile(r"^ *\t")
_NO_COLON = re.compile(r"^(?P<key>[A-Za-z_][\w-]*) +(?P<rest>[^:#]*?)\s*$")
_INDENTED_FIELD = re.compile(r"^ +(?P<key>[A-Za-z_][\w-]*)[ \t]*:( |$)")
_DASH_WITHOUT_SPACE = re.compile(r"^\s+-(?P<rest>[^\s-].*)$")
_SPECIAL_START = "*&!%@`"


def _quoted(value: str) -> str:
    """A value as it would be written in double quotes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _closing_quote(value: str) -> int | None:
    """Where the quote that opens value closes, or None if it does not on this line."""
    quote, index = value[0], 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1:index + 2] == "'":  # '' is one ' inside '...'
                index += 2
                continue
            return index
        index += 1
    return None


def _value_problem(key: str, value: str) -> tuple[str, bool] | None:
    """What is wrong with the value of a 'field: value' line, and whether it is certain
    (False: a quote that may close on a later line, which YAML allows)."""
    if value[0] in "\"'":
        closing = _closing_quote(value)
        if closing is None:
            return (f"the value of {key} starts with a quote mark ({value[0]}) but does not end with one; "
                    f"add {value[0]} at the end of the value, or remove the quote mark"), False
        after = value[closing + 1:].strip()
        if after and not after.startswith("#"):
            return (f"the value of {key} starts with a quote mark and goes on after the closing one; "
                    f"put the whole value in double quotes, with \\ before each quote mark inside it: "
                    f"{key}: {_quoted(value)}"), True
        return None
    if value[0] in _SPECIAL_START:
        return (f"the value of {key} starts with '{value[0]}', which has a special meaning at the start of "
                f"a value; put the whole value in double quotes: {key}: {_quoted(value)}"), True
    if value.startswith("- "):
        return (f"{key} is written as a list on one line; write '{key}:' alone on its line, then each "
                f"item on its own line below it, as '  - {value[2:].strip()}'"), True
    if value[0] in "[{|>":
        return None
    if ": " in value or value.endswith(":"):
        return (f"the value of {key} has a colon (':') in it; put the whole value in double quotes: "
                f"{key}: {_quoted(value)}"), True
    if " #" in value:
        return (f"the value of {key} has ' #' in it, and everything from the '#' on would be left out; "
                f"put the whole value in double quotes: {key}: {_quoted(value.strip())}"), True
    return None


def _line_problems(block: str) -> list[tuple[int, str, bool]]:
    """The mistakes an editor makes in 'field: value' lines, found line by line:
    (line of the file, what is wrong and the fix, certain)."""
    problems = []
    for number, line in enumerate(block.split("\n"), start=_FIRST_LINE):
        if _TAB_INDENT.match(line):
            problems.append((number, "this line starts with a tab; indent with spaces instead "
                                     "(two spaces before each '- ' of a list)", True))
            continue
        dash = _DASH_WITHOUT_SPACE.match(line)
        if dash:
            problems.append((number, f"put a space after the dash of this list item: '  - {dash['rest'].strip()}'",
                             True))
            continue
        field = _FIELD_LINE.match(line)
        if not field:
            # Uncertain: either may be a line of a long value written over several lines.
            indented = _INDENTED_FIELD.match(line)
            if indented:
                problems.append((number, f"this line starts with spaces, but a field starts at the beginning of "
                                         f"its line; remove the spaces before {indented['key']}", False))
            no_colon = _NO_COLON.match(line)
            if no_colon:
                problems.append((number, f"this line has no colon after the field's name; write it as "
                                         f"'{no_colon['key']}: {no_colon['rest']}'", False))
            continue
        key, rest = field["key"], field["rest"]
        if rest and rest[0] not in " \t":
            problems.append((number, f"put a space after the colon of {key}: write '{key}: {rest.strip()}'", True))
            continue
        value = rest.strip()
        found = _value_problem(key, value) if value and not value.startswith("#") else None
        if found:
            problems.append((number, *found))
    return problems


def field_lines(text: str) -> dict[str, int]:
    """The line of the file each top-level field of the front matter is on."""
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    lines: dict[str, int] = {}
    if match:
        for number, line in enumerate(match.group(1).split("\n"), start=_FIRST_LINE):
            field = _FIELD_LINE.match(line)
            if field:
                lines.setdefault(field["key"], number)
    return lines


def split_front_matter(text: str, *, where: str) -> dict[str, Any]:
    """The front matter of a Markdown file as a mapping, or Problems saying what is wrong
    (in the file ``where``, on its line, and the fix).
    """
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        if re.match(r"^-{3}[ \t]*\n", text):
            raise Problems([Problem(
                where, 1, "the front matter starts with '---' but has no closing '---' line; "
                "add a line '---' after the last field (copy docs/articles/_template.md)")])
        raise Problems([Problem(
            where, 1, "has no front matter: the file must start with a line '---', "
            "then the fields (title, description, published, ...), then a line '---' "
            "(copy docs/articles/_template.md)")])
    block = match.group(1)
    by_line = _line_problems(block)
    try:
        data = _load_yaml(block)
    except _RepeatedField as exc:
        first, second = exc.first_line + _FIRST_LINE, exc.second_line + _FIRST_LINE
        raise Problems([Problem(
            where, second, f"{exc.name} is written twice in the front matter (lines {first} and {second}); "
            "keep one and delete the other")]) from None
    except _RepeatedValue as exc:
        raise Problems([Problem(
            where, exc.line + _FIRST_LINE, "the front matter repeats a value with '&' and '*'; "
            "write each value out in full, without '&' or '*' before it (or put it in double quotes)")]) from None
    except yaml.YAMLError as exc:
        if by_line:
            raise Problems([Problem(where, line, problem) for line, problem, _certain in by_line]) from None
        # Where the thing that cannot be read starts (a quote, a key being read), else
        # where reading stopped (not where the whole block of fields starts).
        context = getattr(exc, "context", None) or ""
        scanning = "scanning" in context or "flow" in context
        mark = (scanning and getattr(exc, "context_mark", None)) or getattr(exc, "problem_mark", None)
        line = mark.line + _FIRST_LINE if mark else 1
        raise Problems([Problem(
            where, line, "this line of the front matter cannot be read; write each field as 'name: value' "
            "on its own line, like the template, and put a value with ':' or '#' in it in double quotes")]) from None
    certain = [(line, problem) for line, problem, is_certain in by_line if is_certain]
    if certain or not isinstance(data, dict):
        if certain or by_line:
            raise Problems([Problem(where, line, problem) for line, problem, *_ in (certain or by_line)])
        raise Problems([Problem(where, _FIRST_LINE, "the front matter must be lines of 'field: value', "
                                f"got {show_value(data)}; copy the fields from docs/articles/_template.md")])
    return data


def validate_front_matter(raw: dict[str, Any], *, where: str, lines: dict[str, int] | None = None) -> FrontMatter:
    """The validated fields, or Problems, one per mistake, each on the line
    of its field (``lines``, from field_lines) or line 1 for a missing field."""
    def line_of(loc: tuple[Any, ...]) -> int:
        return (lines or {}).get(str(loc[0]), 1) if loc else 1

    try:
        return FrontMatter.model_validate(raw)
    except ValidationError as exc:
        raise Problems(validation_problems(exc, FrontMatter, where=where, line_of=line_of)) from None


def load_article(text: str, *, src_uri: str, url: str, where: str, default_author: str) -> Article:
    front_matter = validate_front_matter(split_front_matter(text, where=where), where=where,
                                         lines=field_lines(text))
    return Article(src_uri, url, front_matter, front_matter.author or default_author)


def load_articles(sources: list[tuple[str, str, str, str]], default_author: str) -> list[Article]:
    """Validate every article; raise Problems listing every problem in every file.

    ``sources`` holds (text, src_uri, url, where) per article.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for text, src_uri, url, where in sources:
        try:
            articles.append(load_article(text, src_uri=src_uri, url=url, where=where,
                                         default_author=default_author))
        except Problems as exc:
            problems.extend(exc.problems)
    if problems:
        raise Problems(problems)
    return articles


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.front_matter.published.toordinal(), a.title.lower()))


def format_date(value: datetime.date) -> str:
    """November 23, 2026: how US readers write dates."""
    return f"{value:%B} {value.day}, {value.year}"
