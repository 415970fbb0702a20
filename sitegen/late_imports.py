"""The modules a build needs only once it has found its site changed, imported while it waits.

Every ``sitegen build`` imported the whole program before it did anything, though a rebuild
that finds nothing changed (:mod:`sitegen.nothing_changed`) never loads, plans or renders. So
:mod:`sitegen.cli` and the top of :mod:`sitegen.pipeline` import only what that path needs
(the config, the content walk, the cache, the snapshot and the output lock), and the rest —
the loaders and Markdown, the renderer and Jinja, planning, feeds, sitemaps, the search index,
the redirects — is imported in :func:`sitegen.pipeline._build_locked` once the site is found
changed. Some of it is imported before that, one module a step (:func:`import_steps`), while
the inputs' digest is made in a forked child (:func:`sitegen.nothing_changed.inputs_and_manifest`):
a build that finds nothing changed begins no step once the digest is made.

Measured on the two-core bench machine (10,000 articles, alternating runs, medians):
``import sitegen.cli`` 296 -> 164 ms (30 each; 305 ms with the late modules too); a rebuild
that finds nothing changed 0.659 -> 0.533 s (15 each); a one-edit rebuild 1.263 -> 1.246 s
(12 each: no change beyond the noise). An edit still imports everything: the main process was
not idle while the inputs were digested (it read the manifest and the ledger, ~70 ms, about as
long as the digest), so most of the late imports stay on its path, after the check.

:data:`LATE` only names what is worth importing early: the imports at the point of use are
what a build relies on (a module missing here is imported there, at its full cost). The
libraries only those modules import are looked for, not imported, when the command line starts
(:func:`check_installed`): a missing one is named then, as it was when it was imported there.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import partial
from typing import Callable

#: The late modules, in the order :func:`import_steps` imports them: each brings its own
#: imports along, so a step costs what the earlier ones left (~2-15 ms each, Jinja's and
#: Markdown's the most). The pipeline's stages come last: they import little of their own.
LATE = (
    "sitegen.feeds",
    "sitegen.plan",
    "sitegen.page_reuse",  # the output manifest's records (its read imports it otherwise)
    "sitegen.collect",
    "markdown",
    "sitegen.markup",
    "sitegen.body_limits",
    "sitegen.loaders.article",
    "sitegen.loading",
    "jinja2",
    "sitegen.render",
    "sitegen.search",
    "sitegen.redirects",
    "sitegen.url_history",
    "sitegen.plan_cache",
    "sitegen.rendering",
    "sitegen.search_run",
    "sitegen.writing",
)


def import_steps() -> tuple[Callable[[], object], ...]:
    """The import of each :data:`LATE` module, in order, as steps of
    :func:`~sitegen.nothing_changed.inputs_and_manifest`'s ``meanwhile``, which begins each one
    only while the inputs' digest is not made."""
    return tuple(partial(importlib.import_module, name) for name in LATE)


#: The libraries that only the :data:`LATE` modules import.
LATE_LIBRARIES = ("jinja2", "markdown", "markupsafe", "hijridate")


def check_installed() -> None:
    """Raise :class:`ModuleNotFoundError` (as importing it would: ``build.py`` names it, or runs
    the project's own ``.venv``) for the first of :data:`LATE_LIBRARIES` not installed. Each is
    looked for, not imported (~0.1 ms for all): a build must not find one missing once it has
    started, nor a build that finds nothing changed import them."""
    for name in LATE_LIBRARIES:
        if importlib.util.find_spec(name) is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
