"""sitegen.yamlsafe: where a YAML error is reported (the newcomer check's «one line late» case)."""

from __future__ import annotations

import pytest

from sitegen.errors import SitegenError
from sitegen.yamlsafe import load_yaml


def _error(text: str, first_line: int = 1):
    with pytest.raises(SitegenError) as info:
        load_yaml(text, "site.yaml", first_line)
    (diag,) = info.value.diagnostics
    return diag


@pytest.mark.parametrize(("text", "line", "noticed"), [
    ('title: "خبر\nbase_url: https://e.x/\n', 1, 3),            # a quote never closed
    ("title: خبر\ntags: [a, b\nsection: x\n", 2, 3),             # a [ never closed
    ("title: خبر\nجملة بلا مفتاح\nsection: x\n", 2, 3),           # a line with no "key:"
])
def test_unclosed_construct_is_reported_on_the_line_that_opens_it(text, line, noticed):
    diag = _error(text)
    assert diag.line == line
    assert diag.message.endswith(f"noticed on line {noticed}")


def test_lines_count_from_first_line():
    diag = _error('title: "خبر\nsection: x\n', first_line=2)
    assert (diag.line, diag.message.endswith("noticed on line 4")) == (2, True)


def test_a_tab_is_reported_on_its_own_line():
    diag = _error("title: خبر\ndate: 2024-01-01\n\ttags: [a]\n")
    assert diag.line == 3
    assert "noticed" not in diag.message
    assert "tabs" in diag.hint


def test_unclosed_quote_hint_says_to_close_it():
    assert "close it with the same quote mark" in _error('title: "خبر\n').hint


def test_error_on_one_line_keeps_that_line():
    diag = _error("title: a: b\n")
    assert diag.line == 1
    assert "noticed" not in diag.message
