"""A template's error as a :class:`~sitegen.errors.Diagnostic` naming ``templates/<file>:<line>``.

Jinja reports a syntax error at the token where it *noticed* it. For a tag or expression left
open (``{{ title`` with no ``}}``, ``{% if x %`` with one brace) that is a later line (a tag may
span lines, so the line it opened on is reported for any error noticed inside it), and for a
block never closed (``{% if %}`` with no ``{% endif %}``) the end of the file: the line reported
here is where the unclosed construct began, as :func:`sitegen.yamlsafe.load_yaml` does for YAML.
An error raised while rendering (an undefined value, a filter's exception) is placed at the
innermost template line Jinja's rewritten traceback names. The path is the file that was used:
the site's own ``templates/<file>`` or the bundled theme's, whose hint says how to override it.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from sitegen.errors import Diagnostic
from sitegen.theme import theme_dir

#: Tags a matching ``{% end… %}`` closes (``set`` only in its block form, without ``=``).
BLOCK_TAGS = frozenset({"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans", "set"})
#: Jinja's name for the innermost unclosed block, in its end-of-template and nesting messages.
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")

SYNTAX_HINT = "fix the template's syntax on this line: {{ value }} for values, {% tag %} … {% endtag %} for tags"
RUNTIME_HINT = "fix the template on this line or the value it uses"


def template_error(env: jinja2.Environment, exc: Exception, template: str, page: str) -> Diagnostic:
    """The ``template`` diagnostic for ``exc`` raised by ``env`` while loading or rendering
    ``template`` (a name such as ``article.html``) for the output file ``page`` (its path in
    the output folder). ``path`` is the template file as Jinja's loader found it (the site's
    ``templates/…`` or the bundled theme's), ``line`` 1-based in that file (``None`` when
    Jinja gives none)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = exc.filename or exc.name or template
        line, message = _syntax_place(env, exc)
        return Diagnostic(path=path, line=line, code="template", message=message,
                          hint=_with_override(SYNTAX_HINT, path))
    path, line = _innermost_template_line(exc)
    return Diagnostic(path=path or template, line=line, code="template",
                      message=f"{type(exc).__name__}: {exc} (while rendering {page})",
                      hint=_with_override(RUNTIME_HINT, path))


def _innermost_template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The file and line of the innermost template frame of ``exc``'s traceback: Jinja
    rewrites each frame of compiled template code into a frame of the template's own file
    and line, whose globals hold ``__jinja_exception__``. ``(None, None)`` when none is."""
    place: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            place = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return place


def _syntax_place(env: jinja2.Environment, exc: jinja2.TemplateSyntaxError) -> tuple[int | None, str]:
    """The line to report for the syntax error ``exc`` and its message: where an unclosed tag,
    expression or block began when Jinja noticed it on a later line (the message then names
    both), else Jinja's own line."""
    message, noticed = exc.message or str(exc), exc.lineno
    source = exc.source if exc.source is not None else _read(exc.filename)
    if source is None or not noticed:
        return noticed, message
    open_tag, blocks = _open_at(env, source, noticed)
    if open_tag is not None and open_tag < noticed:
        return open_tag, (f"{message} (noticed on line {noticed}, inside the tag or expression opened on this "
                          "line: check that it is closed)")
    innermost = _INNERMOST.search(message)
    if innermost and blocks and blocks[-1][0] == innermost[1] and blocks[-1][1] < noticed:
        name, line = blocks[-1]
        return line, f"{message} (the {name!r} opened on this line has no {{% end{name} %}}; noticed on line {noticed})"
    return noticed, message


def _open_at(env: jinja2.Environment, source: str, lineno: int) -> tuple[int | None, list[tuple[str, int]]]:
    """Reading ``source`` with ``env``'s lexer up to line ``lineno``: the line where a still
    open ``{{``/``{%`` began (``None`` when all are closed) and the blocks still open,
    ``[(tag, line), …]`` innermost last. Stops early where the lexer itself fails."""
    open_tag: int | None = None
    blocks: list[tuple[str, int]] = []
    tag: list[str] = []  # the names and operators of the block tag being read
    try:
        for line, kind, value in env.lexer.tokeniter(source, None):
            if line > lineno:
                break
            if kind in ("block_begin", "variable_begin"):
                open_tag, tag = line, []
            elif kind == "variable_end":
                open_tag = None
            elif kind == "block_end":
                _close_tag(tag, open_tag, blocks)
                open_tag = None
            elif open_tag is not None and kind in ("name", "operator"):
                tag.append(value)
    except jinja2.TemplateSyntaxError:
        pass
    return open_tag, blocks


def _close_tag(tag: list[str], line: int | None, blocks: list[tuple[str, int]]) -> None:
    """Update the open ``blocks`` for one block tag read (``tag``: its names and operators)."""
    if not tag or line is None:
        return
    name = tag[0]
    if name in BLOCK_TAGS and not (name == "set" and "=" in tag):
        blocks.append((name, line))
    elif name.startswith("end") and blocks and blocks[-1][0] == name[3:]:
        blocks.pop()


def _read(filename: str | None) -> str | None:
    try:
        return Path(filename).read_text(encoding="utf-8") if filename else None
    except (OSError, UnicodeDecodeError):
        return None


def _theme_name(path: str) -> str | None:
    """The template name of ``path`` when it is a file of the bundled theme, else ``None``."""
    theme = theme_dir("templates")
    try:
        return Path(path).resolve().relative_to(theme.resolve()).as_posix()
    except (ValueError, OSError):
        return None


def _with_override(hint: str, path: str | None) -> str:
    """``hint``, and for a file of the bundled theme how to change it in the site."""
    name = _theme_name(path) if path else None
    if name is not None:
        return f"{hint}; this file is the bundled theme's: to change it, copy it to templates/{name} in the site"
    return hint
