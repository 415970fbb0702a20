"""sitegen.template_errors: a template's error names ``templates/<file>:<line>`` (the site's own
file or the bundled theme's), the line where an unclosed tag or block began, and what to do."""

from __future__ import annotations

import pytest

from helpers import article, build_site
from sitegen.theme import theme_dir


def template_diagnostic(new_site, files: dict[str, str]):
    """The one ``template`` diagnostic of building a mini-site with the site ``files`` under templates/."""
    site = new_site({"a.md": article("افتتاح سوق المزارعين الأسبوعي", "2024-11-20T09:00:00+03:00")})
    for name, text in files.items():
        path = site.root / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 2
    (diag,) = [d for d in built.diagnostics if d.code == "template"]
    return site, diag


HEAD = '{% extends "base.html" %}\n{% block main %}\n'


def test_runtime_error_names_the_site_templates_file_and_line(new_site):
    site, diag = template_diagnostic(new_site, {"article.html": HEAD + "سطر\n{{ article.no_such.deeper }}\n"
                                                                       "{% endblock %}\n"})
    assert diag.path == str(site.root / "templates" / "article.html") and diag.line == 4
    assert "no_such" in diag.message and "while rendering 2024/11/20/" in diag.message
    assert diag.hint == "fix the template on this line or the value it uses"


def test_runtime_error_in_an_included_site_partial_names_the_partial(new_site):
    site, diag = template_diagnostic(new_site, {
        "article.html": HEAD + '{% include "partials/mine.html" %}\n{% endblock %}\n',
        "partials/mine.html": "<p>\n{{ 1 / 0 }}\n</p>\n"})
    assert (diag.path, diag.line) == (str(site.root / "templates" / "partials" / "mine.html"), 2)
    assert diag.message.startswith("ZeroDivisionError")


def test_runtime_error_in_the_bundled_theme_names_its_file_and_how_to_override_it(new_site):
    _, diag = template_diagnostic(new_site, {
        "article.html": HEAD + '{% with article=7 %}{% include "partials/byline.html" %}{% endwith %}\n'
                               "{% endblock %}\n"})
    assert diag.path == str(theme_dir("templates") / "partials" / "byline.html") and diag.line == 2
    assert diag.hint.endswith("to change it, copy it to templates/partials/byline.html in the site")


@pytest.mark.parametrize("opened", ["{{ article.title\n", "{% if article.title %\n", "{{ fmt.date(article.date,\n"])
def test_unclosed_tag_error_points_at_the_line_it_opened_not_the_next(new_site, opened):
    site, diag = template_diagnostic(new_site, {"article.html": HEAD + opened + "سطر\n{% endblock %}\n"})
    assert (diag.path, diag.line) == (str(site.root / "templates" / "article.html"), 3)
    assert "noticed on line" in diag.message
    assert diag.hint.startswith("fix the template's syntax on this line")


@pytest.mark.parametrize("body, tag", [("{% for x in article.tags %}\n{{ x }}\n", "for"),
                                       ("{% if article.title %}\n{{ article.title }}\n", "if")])
def test_unclosed_block_error_points_at_its_opening_tag(new_site, body, tag):
    _, diag = template_diagnostic(new_site, {"article.html": HEAD + body + "{% endblock %}\n\n"})
    assert diag.line == 3 and f"has no {{% end{tag} %}}" in diag.message


def test_block_left_open_to_the_end_points_at_its_opening_tag(new_site):
    _, diag = template_diagnostic(new_site, {"article.html": HEAD + "{% set x = 1 %}\n{{ x }}\n\n\n"})
    assert diag.line == 2 and "Unexpected end of template" in diag.message


def test_syntax_error_on_its_own_line_keeps_that_line(new_site):
    _, diag = template_diagnostic(new_site, {"article.html": HEAD + "سطر\n{{ article.title + }}\n{% endblock %}\n"})
    assert diag.line == 4 and "noticed" not in diag.message
