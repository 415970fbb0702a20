"""Front matter: the YAML block between ``---`` lines at the top of a content file.

Tolerates what editors' tools produce: a UTF-8 BOM, CRLF line endings, trailing
spaces after ``---``, a ``...`` closing line (YAML 1.2 §9.1.2 document end). An
unquoted value holding ``: `` (``title: عاجل: …``, rejected by YAML) is repaired
by quoting it, with a warning that names the line.

A key written twice keeps its last value, as PyYAML builds a mapping (and so the Python
generators that read front matter with it, MkDocs and Pelican's YAML reader): the build goes
on, with a ``repeated-key`` warning naming the key and the line of each later place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.flatyaml import load_flat
from sitegen.yamlsafe import load_yaml, repeated_keys

_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_TOP_LEVEL_KEY = re.compile(r"^(?P<key>[^\s#:'\"-][^:]*?):(?:[ \t]|$)")
# The value runs to the end of the line and is right-stripped in Python: a lazy ``.*?`` before
# ``[ \t]*$`` backtracks quadratically over a long run of spaces.
_PLAIN_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\s'\"\[\{|>&*!#%@`].*)$")


@dataclass(frozen=True)
class FrontMatter:
    """``data`` is the mapping (empty when there is no block), ``body`` the text after it,
    ``body_line`` the 1-based file line where the body starts, ``warnings`` any repairs,
    ``key_lines`` the 1-based file line of each top-level key (of its last place when written twice)."""

    data: dict
    body: str
    body_line: int
    warnings: tuple[Diagnostic, ...] = ()
    key_lines: Mapping[str, int] = field(default_factory=dict)


def split_front_matter(text: str, source: str) -> FrontMatter:
    """Split ``text`` (decoded, LF line endings) into front matter and body.

    A top-level key written twice gives a ``repeated-key`` warning (its last value is kept).
    Raises :class:`SitegenError`: ``yaml-syntax`` for malformed YAML,
    ``front-matter`` for an unclosed block or one that is not a mapping.
    """
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or not _OPEN.match(lines[0]):
        return FrontMatter({}, text, 1)
    for end in range(1, len(lines)):
        if _CLOSE.match(lines[end]):
            break
    else:
        raise SitegenError(Diagnostic(path=source, line=1, code="front-matter",
                                      message="front matter opened with --- is never closed",
                                      hint="add a line with --- after the last key"))
    yaml_lines = lines[1:end]
    warnings: list[Diagnostic] = []
    data = load_flat(yaml_lines)  # the usual flat key: value lines, read without YAML
    try:
        if data is None:
            data = load_yaml("\n".join(yaml_lines), source, first_line=2)
    except SitegenError as exc:
        repaired, warnings = _quote_colon_values(yaml_lines, source)
        if not warnings:
            raise
        try:
            data = load_yaml("\n".join(repaired), source, first_line=2)
        except SitegenError:
            raise exc from None
        yaml_lines = repaired  # what was read (the repairs only quote values: the lines stay the lines)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SitegenError(Diagnostic(path=source, line=2, code="front-matter",
                                      message=f"front matter must be a mapping of key: value, not a {type(data).__name__}",
                                      hint="write one `key: value` per line"))
    key_lines: dict[str, int] = {}
    maybe_repeated = False
    for number, line in enumerate(yaml_lines, start=2):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            maybe_repeated = maybe_repeated or match["key"] in key_lines
            key_lines.setdefault(match["key"], number)
    if maybe_repeated:  # rare: confirmed by YAML's own reading (a line inside a value may look like a key)
        for key, line, first in repeated_keys("\n".join(yaml_lines)):
            key_lines[key] = line + 1  # the place whose value is used
            warnings.append(Diagnostic(
                path=source, line=line + 1, code="repeated-key", severity=Severity.WARNING, field=key,
                message=f"{key!r} is given again (first on line {first + 1}); the last value is used",
                hint=f"keep one {key}: line and delete the other"))
    return FrontMatter(data, "\n".join(lines[end + 1:]), end + 2, tuple(warnings), key_lines)


def _quote_colon_values(lines: list[str], source: str) -> tuple[list[str], list[Diagnostic]]:
    """Quote top-level plain scalars that contain ``: `` (the commonest YAML mistake)."""
    out, warnings = [], []
    for number, line in enumerate(lines, start=2):
        match = _PLAIN_KEY_VALUE.match(line)
        value = match["value"].rstrip(" \t") if match else ""
        if ": " in value:
            value = value.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'{match["key"]}: "{value}"')
            warnings.append(Diagnostic(path=source, line=number, code="yaml-unquoted-colon", severity=Severity.WARNING,
                                       message=f"value of {match['key']!r} contains ': ' and was read as quoted text",
                                       hint=f'quote it: {match["key"]}: "…"'))
        else:
            out.append(line)
    return out, warnings
