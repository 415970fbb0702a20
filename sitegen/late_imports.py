"""The modules a build needs only once it has found its site changed, imported while it waits.

Every ``sitegen build`` used to import the whole program before it did anything: ~0.2 s on a
two-core machine, 15-20% of a one-edit rebuild at 10,000 articles and a third of a rebuild
that finds nothing changed (:mod:`sitegen.nothing_changed`), which never renders, loads or
plans anything. So :mod:`sitegen.cli` and the top of :mod:`sitegen.pipeline` import only what
that path needs (the config, the content walk, the cache, the snapshot and the output lock),
and the rest — the loaders and Markdown, the renderer and Jinja, planning, feeds, sitemaps,
the search index, the redirects — is imported in :func:`sitegen.pipeline._build_locked` once
the site is found changed. Most of it is imported before that, one module a step
(:func:`import_steps`), while the inputs' digest is made in a forked child
(:func:`sitegen.nothing_changed.inputs_and_manifest`): a build that goes on finds its modules
imported, and one that finds nothing changed begins no step once the digest is made.

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
