"""The search index: a build whose Pagefind cannot run stops with one plain line, and no
site without its index ships (the finish step runs Pagefind over the finished folder)."""

from __future__ import annotations

from site_builder import build_site, copy_project


def test_a_build_whose_search_index_fails_stops_with_one_plain_line(tmp_path, monkeypatch):
    from clinic_site import search_index

    monkeypatch.setattr(search_index, "pagefind_executable", lambda: "/nonexistent/pagefind")
    project = copy_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Pagefind could not run" in result.output and "reinstall the requirements" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
