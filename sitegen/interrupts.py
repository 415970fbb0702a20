"""Ctrl-C that Python drops on the way, honoured at the next point that can stop the build.

Python turns Ctrl-C (SIGINT) into ``KeyboardInterrupt`` wherever the main thread is. In a few
places the exception cannot travel up and CPython hands it to ``sys.unraisablehook``, which
prints it and drops it: a Python callback called from C or Rust code (the sanitiser's attribute
filter, :func:`sitegen.markup.sanitize_html`, which nh3 calls for every attribute), a finalizer
(``__del__``), a fork callback. A build interrupted there went on, published and exited 0
(/tmp/attack45/r3-sigint-lost-in-sanitiser-callback.sh). Within :func:`watching` such a
dropped interrupt is noted (and not printed); :func:`check` raises it again: the writer asks
just before it publishes the site (:meth:`sitegen.writer.StagedOutput.commit`), and the command
once the build returns (after publishing, it then ends as interrupted after publishing).

The writer also notes when it has put the new site in place (:func:`note_published`), so that
the ``sitegen`` command tells a Ctrl-C after that moment, wherever it lands (closing a forked
process, printing the report), from one that left the previous output untouched
(/tmp/attack45/r4-untouched-but-published.sh).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

_dropped = False
_published = False


@contextmanager
def watching() -> Iterator[None]:
    """Note every ``KeyboardInterrupt`` Python drops (``sys.unraisablehook``) from now until the
    block ends, for :func:`check`; other dropped exceptions go to the hook there was before."""
    global _dropped, _published
    _dropped = _published = False
    previous = sys.unraisablehook

    def note(unraisable) -> None:
        global _dropped
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            _dropped = True
        else:
            previous(unraisable)

    sys.unraisablehook = note
    try:
        yield
    finally:
        sys.unraisablehook = previous
        _dropped = _published = False


def check() -> None:
    """Raise ``KeyboardInterrupt`` when one was dropped (:func:`watching`) since the last call;
    nothing otherwise (nor outside :func:`watching`)."""
    global _dropped
    if _dropped:
        _dropped = False
        raise KeyboardInterrupt


def note_published() -> None:
    """Note that the new site is in place (called by the writer as it swaps it in)."""
    global _published
    _published = True


def published() -> bool:
    """Whether a site was put in place since :func:`watching` began: a Ctrl-C from then on
    interrupts a build whose site is published, whatever the build was doing."""
    return _published
