"""YAML for editors: a SafeLoader with YAML 1.2 core-schema scalars.

PyYAML follows YAML 1.1, where ``14:30`` is the sexagesimal integer 870 and
``no``/``on`` are booleans (YAML 1.1 §10.3). Editors mean strings, so this loader
resolves only ``true``/``false`` as booleans, only plain decimal integers and
floats as numbers, and leaves dates as strings (our date parser reads them in
the site timezone). Errors become :class:`~sitegen.errors.Diagnostic` with a
1-based line in the *file* (front matter offset included). Keys that mean a switch
(front matter ``draft``, config ``hijri`` …) read their text with :func:`parse_bool`.

Aliases (``*name``) are resolved by reference, so a few lines can stand for billions of
values (the "billion laughs" alias bomb) or for a list that contains itself; a document
whose value, expanded, holds more than :data:`MAX_VALUES` values is refused.
"""

from __future__ import annotations

import re

import yaml

from sitegen.arabic import strip_xml_forbidden
from sitegen.errors import Diagnostic, SitegenError

#: Most values (scalars, lists and mappings, counted with aliases expanded) one document may hold.
MAX_VALUES = 100_000

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
    Code points XML forbids are dropped from every string (YAML escapes can make them).
    Raises :class:`SitegenError` (code ``yaml-syntax``) on malformed YAML, and
    (``yaml-too-large``) when aliases expand it past :data:`MAX_VALUES` values.
    """
    try:
        value = yaml.load(text, Loader=EditorLoader)  # noqa: S506 - EditorLoader is a (C)SafeLoader
    except yaml.MarkedYAMLError as exc:
        line, problem = _where(exc, first_line)
        hint = "check quotes and indentation (use spaces, not tabs)"
        if "simple key" in problem:
            hint = 'each line is "key: value": add the colon, or indent a continued value'
        elif "quoted scalar" in problem:
            hint = "a quoted value that starts on this line never ends: close it with the same quote mark"
        elif "flow sequence" in problem or "flow mapping" in problem:
            hint = "a [ or { opened on this line is never closed: end the list with ] (or the mapping with })"
        elif "mapping values are not allowed" in problem:
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
    if not _within(value, MAX_VALUES):
        raise SitegenError(Diagnostic(path=source, line=first_line, code="yaml-too-large",
                                      message=f"YAML expands to more than {MAX_VALUES:,} values (aliases *name "
                                              "repeated inside each other, or a list that contains itself)",
                                      hint="write the values out instead of nesting aliases"))
    return _strip_forbidden(value)


#: PyYAML's contexts of a construct opened on one line and never closed (its ``context``
#: strings, PyYAML 6 ``scanner.py``/``parser.py``): the opening line is the one to report.
UNCLOSED_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key")


def _where(exc: yaml.MarkedYAMLError, first_line: int) -> tuple[int | None, str]:
    """The 1-based file line to report for ``exc`` and its message.

    PyYAML marks where it *noticed* a problem (``problem_mark``), which for an unclosed
    quote or bracket, or a line with no ``key:``, is a later line — often the next key,
    or the end of the text. For those (:data:`UNCLOSED_CONTEXTS`) the line where the
    construct began (``context_mark``) is where the writer must look: it is reported,
    and the message names both (``… while scanning a quoted scalar, noticed
    on line 5``).
    """
    problem = exc.problem or str(exc)
    context, noticed = exc.context_mark, exc.problem_mark
    opened = (exc.context or "").startswith(UNCLOSED_CONTEXTS)
    if not opened or context is None or noticed is None or context.line >= noticed.line:
        mark = noticed or context
        return (first_line + mark.line if mark is not None else None), problem
    return first_line + context.line, f"{problem} {exc.context}, noticed on line {first_line + noticed.line}"


def _strip_forbidden(value):
    """``value`` with :func:`~sitegen.arabic.strip_xml_forbidden` applied to every string in it
    (keys too): escapes such as ``"\\uFFFF"`` or ``"\\x01"`` make them only while parsing."""
    if isinstance(value, str):
        return strip_xml_forbidden(value)
    if isinstance(value, dict):
        return {_strip_forbidden(k): _strip_forbidden(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_forbidden(item) for item in value]
    return value


def _within(value, budget: int) -> bool:
    """Whether ``value`` holds at most ``budget`` values with shared references counted each
    time they are reached (stops as soon as the budget is spent, so cycles end too)."""
    stack = [value]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return True


def key_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level key of the YAML mapping in ``text`` (``{}`` when
    ``text`` is not one valid mapping). Keys are as written (a key given twice: its last line).
    Used to point a config error at its line; ``text`` was already parsed by :func:`load_yaml`."""
    try:
        node = yaml.compose(text, Loader=EditorLoader)  # noqa: S506 - EditorLoader is a (C)SafeLoader
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def repeated_keys(text: str) -> list[tuple[str, int, int]]:
    """``(key, line, first_line)`` for each top-level key of the YAML mapping in ``text`` written
    again after its first place, in file order: ``line`` is the 1-based line of the repeat,
    ``first_line`` that of the first place (``[]`` when ``text`` is not one valid mapping).
    PyYAML builds the mapping with the last value of a repeated key and says nothing."""
    try:
        node = yaml.compose(text, Loader=EditorLoader)  # noqa: S506 - EditorLoader is a (C)SafeLoader
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    first: dict[str, int] = {}
    repeats = []
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            line = key.start_mark.line + 1
            if key.value in first:
                repeats.append((key.value, line, first[key.value]))
            else:
                first[key.value] = line
    return repeats


def load_yaml_file(path, source: str):
    """Read a YAML data file (``site.yaml``, ``authors.yaml``) as UTF-8 (a BOM is skipped),
    drop code points XML forbids (:func:`sitegen.arabic.strip_xml_forbidden`) and parse it
    with :func:`load_yaml`. Raises :class:`OSError`/:class:`UnicodeDecodeError` when the file
    cannot be read, :class:`SitegenError` as :func:`load_yaml` does."""
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    return load_yaml(strip_xml_forbidden(text), source)


def not_utf8(error: UnicodeDecodeError) -> str:
    """What :func:`load_yaml_file`'s ``error`` says about the file, for a message: a UTF-16
    file (its byte-order mark) or the first byte that is not UTF-8 and its offset in bytes
    (``'not UTF-8 text (byte 0xc7 at offset 7: Windows-1256?)'``)."""
    data = error.object
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "not UTF-8 text (it is saved as UTF-16)"
    return f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}: Windows-1256 or another code page?)"
