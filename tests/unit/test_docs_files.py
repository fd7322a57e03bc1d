"""Files under docs/ are content, not code; mkdocs.yml and docs/ are read before the
engine runs (clinic_site/docs_files.py, clinic_site/preflight.py)."""

from __future__ import annotations

import os
import time

import pytest

import settings_file
from clinic_site.docs_files import docs_folder_problems, svg_problems
from clinic_site.preflight import EXPANDED_LIMIT, config_problems, preflight_problems
from problem_lines import lines
from site_builder import ROOT

FAVICON = (ROOT / "overrides" / "assets" / "images" / "favicon.svg").read_bytes()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def lines_of_preflight_problems(*args, **kwargs) -> list[str]:
    return lines(preflight_problems(*args, **kwargs))


def lines_of_config_problems(*args, **kwargs) -> list[str]:
    return lines(config_problems(*args, **kwargs))


def lines_of_docs_folder_problems(*args, **kwargs) -> list[str]:
    return lines(docs_folder_problems(*args, **kwargs))


def test_the_projects_own_files_pass():
    assert lines_of_preflight_problems(ROOT / "mkdocs.yml") == []
    assert svg_problems(FAVICON) == []


@pytest.mark.parametrize(("name", "problem"), [
    ("x.js", "a .js file is code, and files under docs/ are content"),
    ("assets/x.mjs", "a .mjs file is code"),
    ("x.html", "a .html file is a web page"),
    ("x.htm", "a .htm file is a web page"),
    ("x.xhtml", "a .xhtml file is a web page"),
    ("x.xml", "a .xml file is a web page (or XML a browser shows as one)"),
    ("x.css", "a .css file is a stylesheet, which can hide or change every page"),
    ("x.wasm", "a .wasm file is code"),
    ("x.swf", "a .swf file is code"),
    ("x.svgz", "a .svgz file is a compressed drawing"),
    ("x.mp4", "a .mp4 file is not something the site publishes from docs/"),
])
def test_active_files_are_refused(tmp_path, name, problem):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("alert(1)")
    [line] = lines_of_docs_folder_problems(tmp_path)
    assert line.startswith(f"docs/{name}: {problem}"), line


def test_content_files_pass(tmp_path):
    for name in ("a.md", "assets/photo.JPG", "assets/b.png", "assets/c.webp", "files/d.pdf", "CNAME", ".DS_Store"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "logo.svg").write_bytes(FAVICON)
    assert lines_of_docs_folder_problems(tmp_path) == []


@pytest.mark.parametrize(("inside", "problem"), [
    ("<script>alert(1)</script>", "has a script"),
    ('<circle r="1" onload="alert(1)"/>', "has an onload= attribute on <circle>"),
    ('<a xlink:href="javascript:alert(1)"><circle r="1"/></a>', "has a <a> element"),
    ('<use href="https://evil.example/a.svg#x"/>', "has a link or reference to 'https://evil.example/a.svg#x' on <use>"),
    ('<image href="https://evil.example/t.png"/>', "has a <image> element"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "has a <foreignObject> element"),
    ('<style>@import url(https://evil.example/a.css);</style>', "has a <style> that loads something from outside"),
    ('<rect style="fill: url(https://evil.example/x)"/>', "has an attribute style= on <rect> that loads"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "has a <set> element"),
])
def test_svgs_that_are_more_than_a_drawing_are_refused(tmp_path, inside, problem):
    (tmp_path / "d.svg").write_text(SVG.format(inside))
    [line] = lines_of_docs_folder_problems(tmp_path)
    assert line.startswith(f"docs/d.svg: the drawing {problem}"), line


def test_an_svg_entity_bomb_is_refused_at_once():
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
            + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&j;</text></svg>').encode()
    start = time.perf_counter()
    [problem] = svg_problems(bomb)
    assert time.perf_counter() - start < 1
    assert problem.startswith("has a <!DOCTYPE> or entity declarations")


def test_an_svg_stylesheet_instruction_is_refused():
    [problem] = svg_problems(b'<?xml-stylesheet href="a.xsl"?>' + SVG.format("").encode())
    assert problem.startswith("has an <?xml-stylesheet ...?> instruction")


def test_a_page_that_is_not_utf8_is_named_with_its_line_and_byte(tmp_path):
    (tmp_path / "a.md").write_bytes(b"# Title\n\nCaf\xc3\xa9 is UTF-8\nbad \xe9 here\n")  # byte 28: Latin-1
    [line] = lines_of_docs_folder_problems(tmp_path)
    assert line.startswith("docs/a.md: line 4 (byte 28) is not UTF-8 text (the byte 0xe9); save the file as UTF-8"), line


def test_a_file_that_cannot_be_read_is_one_line(tmp_path):
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    assert lines_of_docs_folder_problems(tmp_path) == [
        "docs/gone.md: cannot be read: it is a link to a file that is not there; remove the link or restore the file",
        "docs/loop.md: cannot be read (Too many levels of symbolic links); check the file, or copy it again",
    ]
    if os.geteuid() != 0:  # root reads anything; elsewhere, a file without read permission
        (tmp_path / "locked.md").write_text("x")
        (tmp_path / "locked.md").chmod(0)
        assert "docs/locked.md: cannot be read: permission denied" in "\n".join(lines_of_docs_folder_problems(tmp_path))


MKDOCS_YML = (ROOT / "mkdocs.yml").read_text()


def test_a_key_written_twice_in_the_clinic_data_is_refused(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(MKDOCS_YML)
    line = settings_file.line_of(config, (*settings_file.CLINIC, "opening_hours", "monday"))
    settings_file.add(config, (*settings_file.CLINIC, "opening_hours"), 'monday: "10:00-11:00"', after="monday")
    text = config.read_text()
    assert lines_of_config_problems(text) == [
        f"mkdocs.yml:{line + 1}: extra.clinic.opening_hours has 'monday' twice (lines {line} and {line + 1}): "
        "the build would silently use only the last one; keep one"]


def test_a_key_written_twice_anywhere_in_the_settings_is_refused():
    text = MKDOCS_YML.replace("docs_dir: docs\n", "docs_dir: docs\ndocs_dir: elsewhere\n")
    [line] = lines_of_config_problems(text)
    assert "The settings have 'docs_dir' twice" in line


def test_an_alias_bomb_stops_at_once_with_one_line():
    bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f'l{i}: &{chr(98 + i)} [' + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))
    start = time.perf_counter()
    [line] = lines_of_config_problems(MKDOCS_YML + "\n" + bomb)
    assert time.perf_counter() - start < 1
    first_alias = (MKDOCS_YML + "\n").count("\n") + 2
    assert line == (f"mkdocs.yml:{first_alias}: the settings repeat blocks (with & and *) so much that they would "
                    f"grow past {EXPANDED_LIMIT:,} values; write the settings out without & and *")


def test_a_few_aliases_are_fine():
    assert lines_of_config_problems("a: &a [1, 2]\nb: *a\nc: {<<: {x: 1}, y: 2}\n") == []


def test_settings_that_are_not_yaml_are_one_line():
    [line] = lines_of_config_problems("site_name: x\n  nav: y\n")
    assert line.startswith("mkdocs.yml:2: the settings cannot be read here; check the indentation")
