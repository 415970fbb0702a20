"""YAML for editors: a SafeLoader with YAML 1.2 core-schema scalars.

PyYAML follows YAML 1.1, where ``14:30`` is the sexagesimal integer 870 and
``no``/``on`` are booleans (YAML 1.1 §10.3). Editors mean strings, so this loader
resolves only ``true``/``false`` as booleans, only plain decimal integers and
floats as numbers, and leaves dates as strings (our date parser reads them in
the site timezone). Errors become :class:`~sitegen.errors.Diagnostic` with a
1-based line in the *file* (front matter offset included). Keys that mean a switch
(front matter ``draft``, config ``hijri`` …) read their text with :func:`parse_bool`.
"""

from __future__ import annotations

import re

import yaml

from sitegen.errors import Diagnostic, SitegenError

_DROPPED_TAGS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


# libyaml's C parser when PyYAML was built with it (about 10x faster); resolving stays in Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditorLoader(_BaseLoader):
    """SafeLoader with YAML 1.2 core-schema booleans and numbers and no timestamps."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


#: Words a switch accepts, compared without case and surrounding spaces.
TRUE_WORDS = ("true", "yes", "on")
FALSE_WORDS = ("false", "no", "off")


def parse_bool(value) -> bool | None:
    """A switch value as a bool: a YAML boolean, or ``true``/``yes``/``on`` and
    ``false``/``no``/``off`` in any case; ``None`` for anything else (numbers too)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def load_yaml(text: str, source: str, first_line: int = 1):
    """Parse ``text`` (one YAML document) with :class:`EditorLoader`.

    ``first_line`` is the 1-based file line where ``text`` starts, so reported
    lines point into the file. Returns the Python value (``None`` for empty text).
    Raises :class:`SitegenError` (code ``yaml-syntax``) on malformed YAML.
    """
    try:
        return yaml.load(text, Loader=EditorLoader)  # noqa: S506 - EditorLoader is a (C)SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else None
        problem = exc.problem or str(exc)
        hint = "check quotes and indentation (use spaces, not tabs)"
        if "mapping values are not allowed" in problem:
            hint = 'a value that contains ": " must be quoted, e.g. title: "عاجل: …"'
        elif "\\t" in problem or "tab" in problem:
            hint = "YAML does not allow tabs for indentation; use spaces"
        raise SitegenError(
            Diagnostic(path=source, line=line, code="yaml-syntax", message=f"invalid YAML: {problem}", hint=hint)
        ) from None
    except yaml.YAMLError as exc:
        raise SitegenError(Diagnostic(path=source, code="yaml-syntax", message=f"invalid YAML: {exc}",
                                      hint="remove control characters; save the file as UTF-8 text")) from None
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        # PyYAML's constructors raise these for explicit tags on bad scalars
        # (``!!timestamp 2024-13-45``, ``!!int abc``) and for integers over
        # Python's 4,300-digit conversion limit.
        raise SitegenError(Diagnostic(path=source, code="yaml-syntax",
                                      message=f"invalid YAML value: {exc}",
                                      hint="quote the value to keep it as text")) from None
