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

from .messages import DataError, show_value, validation_lines

try:  # the C loader is much faster when there are thousands of articles
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]


class _RepeatedField(Exception):
    def __init__(self, name: str, first_line: int, second_line: int):
        super().__init__(name)
        self.name, self.first_line, self.second_line = name, first_line, second_line


class _FrontMatterLoader(SafeLoader):
    """YAML as MkDocs reads it, except that dates stay text until we check them, and a
    field written twice is an error rather than silently the last one.

    Otherwise YAML itself fails on an impossible date such as 2026-02-30, before we
    can say which field is wrong.
    """

    def construct_mapping(self, node, deep=False):
        first_seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line
            if isinstance(key, str) and key in first_seen:
                raise _RepeatedField(key, first_seen[key], line)
            first_seen.setdefault(key, line)
        return super().construct_mapping(node, deep)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}

ARTICLES_DIR = "articles/"
DESCRIPTION_MAX = 160
TITLE_MAX = 120

# The same pattern MkDocs uses, so we read exactly the block MkDocs reads.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
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
    raise ValueError(f"must be {_DATE_EXPECTED}, got {show_value(value)}")


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


def split_front_matter(text: str, *, where: str) -> dict[str, Any]:
    """The front matter of a Markdown file as a mapping, or DataError saying what is wrong."""
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise DataError([
            f"{where}: has no front matter: the file must start with a line '---', "
            "then the fields (title, description, published, ...), then a line '---' "
            "(copy docs/articles/_template.md)"
        ])
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except _RepeatedField as exc:
        # Lines of the file: the front matter starts on line 2, after '---'.
        raise DataError([
            f"{where}: {exc.name} is written twice in the front matter (lines {exc.first_line + 2} and "
            f"{exc.second_line + 2}): keep one and delete the other"
        ]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" on line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise DataError([
            f"{where}: the front matter cannot be read{line} ({problem}): "
            "check each line is 'field: value', and put values containing ':' or '#' in quotes"
        ]) from None
    if not isinstance(data, dict):
        raise DataError([f"{where}: the front matter must be lines of 'field: value', got {show_value(data)}"])
    return data


def validate_front_matter(raw: dict[str, Any], *, where: str) -> FrontMatter:
    try:
        return FrontMatter.model_validate(raw)
    except ValidationError as exc:
        raise DataError(validation_lines(exc, FrontMatter, where=where)) from None


def load_article(text: str, *, src_uri: str, url: str, where: str, default_author: str) -> Article:
    front_matter = validate_front_matter(split_front_matter(text, where=where), where=where)
    return Article(src_uri, url, front_matter, front_matter.author or default_author)


def load_articles(sources: list[tuple[str, str, str, str]], default_author: str) -> list[Article]:
    """Validate every article; raise one DataError listing every problem in every file.

    ``sources`` holds (text, src_uri, url, where) per article.
    """
    articles: list[Article] = []
    problems: list[str] = []
    for text, src_uri, url, where in sources:
        try:
            articles.append(load_article(text, src_uri=src_uri, url=url, where=where,
                                         default_author=default_author))
        except DataError as exc:
            problems.extend(exc.lines)
    if problems:
        raise DataError(problems)
    return articles


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.front_matter.published.toordinal(), a.title.lower()))


def format_date(value: datetime.date) -> str:
    """November 23, 2026: how US readers write dates."""
    return f"{value:%B} {value.day}, {value.year}"
