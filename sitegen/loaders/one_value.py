"""Front matter that gives a field more than one value: the value used, and a warning naming the
file, the line and what was left out (nothing is dropped without a word).

Two cases. A field given under both its names (``authors:`` and ``author:``, ``section:`` and
``category:`` …: :data:`SYNONYMS`) keeps the value of its first name, as the loader reads them
(:func:`sitegen.loaders.article._front_matter_fields`), with a ``repeated-field`` warning at the
line of the other. A ``section:`` (or ``category:``) listing several sections keeps the first,
with a ``bad-value`` warning: an article is filed under one section. A key written twice under
one name is :func:`sitegen.loaders.frontmatter.split_front_matter`'s ``repeated-key``.
"""

from __future__ import annotations

from typing import Any, Mapping

from sitegen.errors import Diagnostic, Severity, SitegenError, shortened
from sitegen.loaders.fields import as_text_list, is_blank

#: Front matter fields with two names, as ``(the name whose value is used, the other name, the
#: field in words)``. The name used is the one the loader always read first; a name whose value
#: gives nothing (:func:`~sitegen.loaders.fields.is_blank`) yields to the other.
SYNONYMS = (
    ("subtitle", "kicker", "the subtitle"),
    ("summary", "description", "the summary"),
    ("lastmod", "updated", "the time of the last change"),
    ("section", "category", "the section"),
    ("authors", "author", "the authors"),
)


def one_value_each(data: dict, source: str, key_lines: Mapping[str, int]) -> tuple[dict, list[Diagnostic]]:
    """``data`` (a front matter mapping, not changed) as the loader is to read it — without a name of
    a field of :data:`SYNONYMS` that gives nothing beside one that does, with at most one section —
    and a warning for each value left out, at the line of its key (``key_lines``: 1-based file
    lines). ``source`` is the file as the user sees it."""
    data = dict(data)
    warnings: list[Diagnostic] = []
    for used, other, what in SYNONYMS:
        if used in data and other in data:
            warnings += _one_name(data, used, other, what, source, key_lines)
    key = "section" if "section" in data else "category"  # the name read
    if isinstance(data.get(key), list):
        data[key], left_out = _first_section(data[key], key, source, key_lines.get(key))
        warnings += left_out
    return data, warnings


def _shown(value: Any) -> str:
    """A front matter value for a message: ``[a, b]`` for a list, else the text quoted."""
    if isinstance(value, list):
        return shortened("[" + ", ".join(str(item) for item in value) + "]")
    return repr(shortened(str(value)))


def _one_name(data: dict, used: str, other: str, what: str, source: str,
              key_lines: Mapping[str, int]) -> list[Diagnostic]:
    """The names ``used`` and ``other`` are both in ``data``: the loader reads ``used`` (``other``
    stays, a bad value of it is still told), but ``used`` is taken out when it gives nothing and
    ``other`` does. A ``repeated-field`` warning, at the line of ``other``, when a value of
    ``other`` that differs from the one used is left out."""
    left = data[other]
    if is_blank(data[used]) and not is_blank(left):
        del data[used]
        return []
    if is_blank(left) or _within(left, data[used], used):
        return []
    return [Diagnostic(
        path=source, line=key_lines.get(other), code="repeated-field", severity=Severity.WARNING, field=other,
        message=f"{other}: and {used}: (line {key_lines.get(used, '?')}) both give {what}; {used}: "
                f"{_shown(data[used])} is used and {other}: {_shown(left)} is left out",
        hint=_one_line_hint(data[used], left, used, other, key_lines))]


def _names(value: Any) -> tuple[str, ...]:
    """The authors an ``authors:`` (or ``author:``) value names; none for a bad value (its own
    ``bad-value`` error says what to write)."""
    try:
        return as_text_list(value, "", "authors")
    except SitegenError:
        return ()


def _within(left: Any, kept: Any, used: str) -> bool:
    """Whether the value ``left`` out says nothing the value ``kept`` does not: the same value,
    or (``authors``) names that ``kept`` names too (``author: سارة`` beside ``authors: [سارة]``)."""
    if left == kept:
        return True
    return used == "authors" and bool(_names(left)) and set(_names(left)) <= set(_names(kept))


def _one_line_hint(kept: Any, left: Any, used: str, other: str, key_lines: Mapping[str, int]) -> str:
    """What to write instead of the two names: for ``authors:``, every name in one line (in the
    order of the two lines in the file); for another field, one of the two lines."""
    if used == "authors":
        first, second = ((left, kept) if key_lines.get(other, 0) < key_lines.get(used, 0) else (kept, left))
        names = shortened(", ".join(dict.fromkeys(_names(first) + _names(second))))
        if names:
            return f"write every author in one line, authors: [{names}], and delete the {other}: line"
    return f"delete one of the two lines (delete {other}: to keep what is published now)"


def _first_section(items: list, key: str, source: str, line: int | None) -> tuple[Any, list[Diagnostic]]:
    """The section of ``key: [..]``: the first of ``items`` that gives one (``None`` when none
    does), and a ``bad-value`` warning at ``line`` naming the other sections listed, which are
    left out (an article is filed under one section)."""
    given = [item for item in items if not is_blank(item)]
    if not given:
        return None, []
    first = str(given[0]).strip()
    others = list(dict.fromkeys(text for item in given[1:] if (text := str(item).strip()) != first))
    if not others:
        return given[0], []
    count = len(others) + 1
    return given[0], [Diagnostic(
        path=source, line=line, code="bad-value", severity=Severity.WARNING, field=key,
        message=f"{key}: {_shown(items)} names {count} sections and an article is filed under one: "
                f"{shortened(first)!r} is used, {shortened(', '.join(map(repr, others)))} "
                f"{'is' if count == 2 else 'are'} left out",
        hint=f"write one section ({key}: {shortened(first)}) and give the others as tags "
             f"(tags: [{shortened(', '.join(others))}])")]
