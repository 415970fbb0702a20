"""Masthead lines (``رئيس التحرير: NAME``, or the role alone with the name on the next line),
in the head and outside it.
"""

from __future__ import annotations

from sitegen.loaders.bodyrun import Run
from sitegen.loaders.findings import Found, set_role
from sitegen.loaders.lines import Line
from sitegen.model import MastheadEntry


def read_masthead(line: Line, expect: str | None, found: Found) -> tuple[bool, str | None]:
    """One masthead line: the name under a role printed alone on the line above (``expect``),
    or a role (``role: name``, or the role alone, its name expected next). Returns whether the
    line was taken and the role still waiting for its name."""
    if expect and line.words <= 5 and not line.masthead and not any(c.isdigit() for c in line.text):
        found.masthead.append(MastheadEntry(expect, line.text))
        set_role(line, "masthead", f"name for {expect}")
        return True, None
    if not line.masthead:
        return False, expect
    role, name = line.masthead
    if name:
        found.masthead.append(MastheadEntry(role, name))
    set_role(line, "masthead", "masthead role")
    return True, None if name else role


def read_outer_masthead(lines: list[Line], body: Run | None, found: Found) -> None:
    """Masthead roles printed outside the head (above the headline or in the footer)."""
    expect: str | None = None
    for line in lines:
        if line.blank or (body and body.start <= line.index <= body.end):
            continue
        if line.role and line.role != "chrome":
            expect = None
            continue
        taken, expect = read_masthead(line, expect, found)
        if not taken:
            expect = None
