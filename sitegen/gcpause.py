"""The cyclic garbage collector paused through the parts of a build that make no cycles.

A build's own records — content paths and digests, the articles read from the cache, the
plan's ~15,000 files and their contexts, the output manifest's ~30,000 records, the staging
folder's ~50,000 file identities at 10,000 articles — hold no reference cycles, yet each burst
of allocations made the collector walk every tracked object not frozen yet: measured on a
one-edit rebuild at 10,000 articles, 0.31 s of the main thread's ~2.2 s of CPU (853, 78 and 6
collections of generations 0, 1 and 2). So :func:`sitegen.pipeline.build` runs in a
:func:`session` and pauses the collector (:func:`pause`) from its start to its end, except
where cycles are made (:func:`resumed`): articles parsed (Python-Markdown), pages rendered
(Jinja's contexts and frames), and a search process forked (it collects its own garbage).

State is the process's own (the collector is one per process); a forked worker enables it
for itself (:mod:`sitegen.parallel`).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

#: Whether the collector was on when the current :func:`session` began (``False`` outside one):
#: only then do :func:`pause` and :func:`resumed` touch it.
_owned = False


@contextmanager
def session() -> Iterator[None]:
    """One build: the collector is left as it is until :func:`pause`, and put back as it was
    at the start when the block ends (an exception included). A session inside a session
    (a build started by a build) leaves everything to the outer one."""
    global _owned
    if _owned:
        yield
        return
    _owned = gc.isenabled()
    try:
        yield
    finally:
        if _owned:
            gc.enable()
        _owned = False


def pause() -> None:
    """Turn the collector off until the :func:`session` ends, if the session found it on."""
    if _owned:
        gc.disable()


@contextmanager
def resumed() -> Iterator[None]:
    """The collector on for the block if the :func:`session` found it on (rendering makes
    reference cycles), and as it was before the block afterwards. What was made while it was
    paused is frozen first (``gc.freeze``; the build unfreezes it at its end): the young
    generation would otherwise hold all of it, and the first collection walk it (~0.1 s on a
    one-edit rebuild at 10,000 articles)."""
    if not _owned or gc.isenabled():
        yield
        return
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()


def settle_imports() -> None:
    """Move every object the collector tracks now into its oldest generation, walking none
    (``gc.freeze`` then ``gc.unfreeze``: two list splices). For what a program's imports made,
    which lives as long as the process: left in the young generation, the first collection once
    the collector is on walks all of it and frees nothing (~20,000 objects after the command
    line's imports: 6–30 ms of a one-edit rebuild). Does nothing while objects are frozen (a
    caller's own ``gc.freeze``, which an unfreeze here would undo)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
