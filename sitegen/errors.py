"""Diagnostics: errors and warnings as values with a place (file and line).

Every problem found while loading or building is a :class:`Diagnostic`. They are
collected, printed together as ``PATH[:LINE]: error CODE: message`` and turned
into an exit status at the end (INTERFACE.md: 0 built, 1 some files skipped,
2 nothing written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


#: C0 and C1 controls, DEL and lone surrogates (bytes of a file name that are not UTF-8).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character and lone surrogate written as its Python escape
    (``"a\\x1b[31m"`` → ``"a\\\\x1b[31m"``), safe to print on one terminal line."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def shortened(text: str, limit: int = 120) -> str:
    """``text`` for a message: cut to ``limit`` characters, ``…`` marking the cut."""
    return text if len(text) <= limit else text[:limit] + "…"


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one place.

    ``path`` is the file as the user gave it (or a config/template path), ``line``
    is 1-based in that file (``None`` when unknown). ``code`` is a short stable
    kebab-case identifier (``yaml-syntax``, ``url-collision`` …) that tests and
    users can grep for; ``field`` the front matter or config key concerned, if any;
    ``hint`` says what to do about it.
    """

    path: str
    code: str
    message: str
    line: int | None = None
    severity: Severity = Severity.ERROR
    hint: str = ""
    field: str | None = None

    def format(self) -> str:
        """``PATH[:LINE]: error CODE: message (hint)`` on one line. Control characters and bytes
        of a file name that are not UTF-8 are shown as escapes (``\\x1b``, ``\\udcff``): a file
        name cannot break the line or send commands to the terminal."""
        place = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{place}: {self.severity.value} {self.code}: {self.message}"
        return printable(f"{text} — {self.hint}" if self.hint else text)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class SitegenError(Exception):
    """An error that stops the current unit of work and carries its diagnostics.

    Raised by loaders for one file (the build skips that file) and by config,
    collect and render stages for the whole build (nothing is written).
    """

    def __init__(self, *diagnostics: Diagnostic):
        if not diagnostics:
            raise ValueError("SitegenError needs at least one Diagnostic")
        self.diagnostics: tuple[Diagnostic, ...] = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


class InterruptedAfterPublishing(KeyboardInterrupt):
    """Ctrl-C once the new site was in place (the output swapped), while the build saved what
    it keeps for the next one: the site is built, only that saving was cut short (the next
    build does again the work it would have saved)."""


@dataclass
class Report:
    """Diagnostics gathered over a whole run, in the order found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]
