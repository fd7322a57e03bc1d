"""Three more articles of different kinds, for the site variant "new-articles": one with
a table, one with several references and a title near the 120-character limit, and
one with a photo (a real JPEG, made with Pillow, which the build's photo step turns
into web pictures)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from site_builder import add_article

FRONT_MATTER = """---
title: {title}
description: {description}
published: {published}
last_reviewed: {published}
next_review: 2027-06-01
tags:
  - depression
---
"""
ASK = """
## Ask for a consultation

Is ketamine therapy right for you?
A first talk with the clinic can help you decide.
See our [Visit us](../visit.md) page for our address and opening hours.
"""

TABLE_ARTICLE = FRONT_MATTER.format(
    title="What a week of care can look like",
    description="A simple table of what happens on each day of a first week of care, in plain words.",
    published="2026-03-02",
) + """
Many people want to know what happens in the first week.
This table shows one common plan.
Your own plan may be different.[^plan]

## A week at a glance

| Day | What happens | How long |
|---|---|---|
| Monday | A talk with the care team | One hour |
| Wednesday | The first visit for treatment | Two hours |
| Friday | A short check on how you feel | Half an hour |

Bring a friend who can drive you home after a visit.
""" + ASK + """
## References

[^plan]: Author A. Title of the paper. *Journal name*. 2024;1(1):1-2.
"""

LONG_TITLE = ("Questions people often ask before they start ketamine care, and the short, "
              "plain answers that a first visit can give")
REFERENCES_ARTICLE = FRONT_MATTER.format(
    title=LONG_TITLE,
    description="Short answers to the questions people ask most, each with its source.",
    published="2026-03-03",
) + """
People often have the same few questions.
Here are short answers.
Each answer has a source you can read.

## Is it safe?

Most side effects are mild and short.[^safety]
The care team watches you the whole time.[^watch]

## How soon does it help?

Some people feel better within a day.[^soon]
For others, it takes longer, or it does not help.[^limits]

## Does it replace my usual care?

No. It works alongside the care you already have.[^usual]
""" + ASK + """
## References

[^safety]: Author A. Title of the first paper. *Journal name*. 2020;1(1):1-2.
[^watch]: Author B. Title of the second paper. *Journal name*. 2021;2(1):3-4.
[^soon]: Author C. Title of the third paper. *Journal name*. 2022;3(1):5-6.
[^limits]: Author D. Title of the fourth paper. *Journal name*. 2023;4(1):7-8.
[^usual]: Author E. Title of the fifth paper. *Journal name*. 2024;5(1):9-10.
"""

PHOTO = "waiting-room.jpg"
PHOTO_ALT = "A quiet waiting room with chairs and a plant"
PHOTO_ARTICLE = FRONT_MATTER.format(
    title="Our waiting room",
    description="What the waiting room looks like, so that the first visit holds fewer surprises.",
    published="2026-03-04",
) + """
A first visit is easier when you know the place.
This page shows the room where you wait.
{photo}
The room is quiet, and there is water to drink.
""" + ASK


def jpeg_bytes(width: int = 1200, height: int = 900) -> bytes:
    """A real photo-sized JPEG with a gradient (not one flat color)."""
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 255 // width, y * 255 // height, 128) for y in range(height) for x in range(width)])
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


NEW = {"a-week-of-care.md": TABLE_ARTICLE, "questions-before-you-start.md": REFERENCES_ARTICLE,
       "our-waiting-room.md": PHOTO_ARTICLE}




def add_new_articles(project: Path) -> Path:
    for name, text in NEW.items():
        if name == "our-waiting-room.md":
            text = text.format(photo=f"\n![{PHOTO_ALT}]({PHOTO})\n")
            (project / "docs" / "articles" / PHOTO).write_bytes(jpeg_bytes())
        add_article(project, name, text)
    return project
