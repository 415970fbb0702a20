"""Front matter written as flat ``key: value`` lines, read without a YAML parser.

Nearly every article's front matter is a few lines of ``key: "text"``, ``key: plain`` and
``key: ["a", "b"]``. PyYAML (even its C parser) builds events and nodes and resolves each
scalar in Python, ~0.3 ms an article; :func:`load_flat` reads those shapes in one pass and
gives the value :func:`sitegen.yamlsafe.load_yaml` would, or ``None`` for anything else, which
then goes to YAML as before. Plain scalars are resolved by :class:`~sitegen.yamlsafe.EditorLoader`'s
own resolver rules; only text, ``true``/``false`` and integers are taken, every other tag
(null, floats) goes to YAML.
"""

from __future__ import annotations

import re

import yaml

from sitegen.arabic import strip_xml_forbidden
from sitegen.yamlsafe import MAX_VALUES, EditorLoader

#: A key: an ASCII word (``-`` allowed after the first letter), then ``:`` and spaces.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): +")
#: Characters libyaml refuses or reads as more than text anywhere in a flat line: everything
#: outside YAML's printable set (YAML 1.1 §5.1), tabs, the line breaks U+0085, U+2028 and
#: U+2029, and U+FEFF. Spelled as the few ranges outside that set: the same characters (checked
#: for every code point), compiled in ~0.3 ms at import where the set's complement took ~3 ms.
_NOT_FLAT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
#: What a plain scalar may not hold (a comment, a nested mapping) or start with (YAML indicators).
_PLAIN_STOPS = (": ", " #")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

_TEXT = "tag:yaml.org,2002:str"
_RESOLVER = EditorLoader.__new__(EditorLoader)  # resolve() reads only class-level tables


def load_flat(lines: list[str]) -> dict | None:
    """The mapping of front matter ``lines`` (between the ``---`` lines) when every line is
    empty or ``key: value`` with ``value`` one of: a double-quoted string holding no ``"`` or
    ``\\``; a flow list ``[…]`` of such strings; a plain scalar (not starting with a YAML
    indicator, holding no ``": "``, ``" #"`` and not ending with ``:``) that
    :class:`~sitegen.yamlsafe.EditorLoader` resolves to text, a boolean or an integer. Keys are
    ASCII words resolving to text. No line may start or end with white space or hold a
    character outside YAML's printable set (or a tab). ``None`` for anything else, and for
    more values than :data:`~sitegen.yamlsafe.MAX_VALUES`: the caller parses the lines with
    YAML. Strings lose the characters XML forbids, as
    :func:`~sitegen.yamlsafe.load_yaml` drops them. A repeated key keeps its first place and its
    last value, as PyYAML builds a mapping."""
    data: dict = {}
    count = 1  # values, as load_yaml counts them against MAX_VALUES: the mapping, keys, values
    for line in lines:
        if not line:
            continue
        if _NOT_FLAT.search(line) or line[-1] == " ":
            return None
        key = _KEY.match(line)
        if key is None or _key_tag(key[1]) != _TEXT:
            return None
        value = _value(line[key.end():])
        if value is None:
            return None
        data[key[1]] = value[0]
        count += 2 + (len(value[0]) if isinstance(value[0], list) else 0)
    return data if data and count <= MAX_VALUES else None


def _value(text: str) -> tuple[object] | None:
    """``(value,)`` of a flat value's text, or ``None`` when it is not one."""
    first = text[:1]
    if first == '"':
        if len(text) < 2 or text[-1] != '"' or text.count('"') != 2 or "\\" in text:
            return None
        return (strip_xml_forbidden(text[1:-1]),)
    if first == "[":
        return _list(text)
    if not first or first in _INDICATORS or text[-1] == ":" or any(stop in text for stop in _PLAIN_STOPS):
        return None
    tag = _resolve(text)
    if tag == _TEXT:
        return (strip_xml_forbidden(text),)
    if tag == "tag:yaml.org,2002:bool":
        return (text.lower() == "true",)  # the resolver took only true/false, in three cases
    if tag == "tag:yaml.org,2002:int":
        try:
            return (int(text),)  # the resolver took only [-+]?(0|[1-9][0-9]*)
        except ValueError:  # past Python's 4,300-digit conversion limit: load_yaml reports it
            return None
    return None


def _list(text: str) -> tuple[list[str]] | None:
    """``([…],)`` of a flow list of double-quoted strings (``["a", "b"]``, ``[]``), else ``None``."""
    if text[-1] != "]" or "\\" in text:
        return None
    parts = text[1:-1].split('"')  # strings at odd places, separators at even ones
    if len(parts) % 2 == 0:
        return None
    if len(parts) == 1:
        return ([],) if not parts[0].strip(" ") else None
    ends, separators = (parts[0], parts[-1]), parts[2:-1:2]
    if any(end.strip(" ") for end in ends) or any(sep.strip(" ") != "," for sep in separators):
        return None
    return ([strip_xml_forbidden(item) for item in parts[1::2]],)


_key_tags: dict[str, str] = {}  # the few keys front matter uses, each resolved once a process


def _key_tag(key: str) -> str:
    tag = _key_tags.get(key)
    if tag is None:
        tag = _resolve(key)
        if len(_key_tags) < 1024:
            _key_tags[key] = tag
    return tag


def _resolve(text: str) -> str:
    """The tag :class:`~sitegen.yamlsafe.EditorLoader` gives the plain scalar ``text``."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
