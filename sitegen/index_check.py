"""The last output's search index as a build meets it, looked at before the build knows whether
anything changed: which of its files are not as the last build left them (:func:`check_index`,
in a process forked at the build's start: :func:`start_index_check`), and the code of the
warning of a build that left no index (:data:`SKIPPED`), which the nothing-changed snapshot
(:func:`sitegen.nothing_changed.record_unchanged`) looks for.

Apart from :mod:`sitegen.search`, which makes the index: that module imports the renderer
(Jinja, ~30 ms), which a build that finds nothing changed never needs (:mod:`sitegen.late_imports`).
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Any

from sitegen import unchanged
from sitegen.apart import Apart
from sitegen.cache import BuildCache
from sitegen.urls import SEARCH_INDEX_FOLDERS
from sitegen.writer import pack_files, unpack_files

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any
#: The code of the warning that no search index was written (:func:`sitegen.search.skipped`).
SKIPPED = "search-skipped"


def start_index_check(options: Options, cache: BuildCache | None, fork: bool = True) -> Apart | None:
    """The look at the last output's search index that the search stage needs — which of its
    files are not as the last build left them, and what the last build recorded of them
    (:func:`check_index`: one ``lstat`` a file, ~20,000 at 10,000 articles) — started now, in a
    forked process when ``fork`` (:class:`~sitegen.apart.Apart`; its result is what
    :func:`sitegen.writing.write_site` hands the search stage); ``None`` when no last output's
    index may be reused (no cache, ``--clean``)."""
    if cache is None or options.clean:
        return None
    return Apart(check_index, options.output, unchanged.snapshot_path(cache.folder, options.output), fork=fork)


def recorded_index_files(snapshot: Path) -> list[tuple] | None:
    """Every index file the last build's nothing-changed snapshot at ``snapshot`` recorded
    (:mod:`sitegen.unchanged`), as blocks of ``(relative path, identity)`` packed by
    :func:`~sitegen.writer.pack_files` (the snapshot keeps most of them so: they travel between
    processes as they are); ``None`` when there is none (missing or damaged)."""
    # Looked at from a process forked at the build's start (start_index_check), beside the
    # build's own look at the snapshot, which removes and reports a damaged one: this one
    # leaves it (a folder there was removed here first, and the warning lost).
    recorded = unchanged.load(snapshot, repair=False)
    if recorded is None:
        return None
    prefixes = tuple(folder + "/" for folder in SEARCH_INDEX_FOLDERS)
    return [pack_files([(path, identity) for path, identity in recorded.output.items() if path.startswith(prefixes)]),
            *recorded.blocks]


def check_index(output: Path, snapshot: Path) -> tuple[frozenset[str] | None, list[tuple] | None]:
    """The look at the last output's index that the search stage needs: ``(distrusted,
    recorded)``. ``recorded`` is :func:`recorded_index_files` of the snapshot at ``snapshot``;
    ``distrusted`` the index's files in the last output ``output`` (under
    :data:`~sitegen.urls.SEARCH_INDEX_FOLDERS`, relative POSIX paths) that are not what the last
    build left there: each recorded file whose ``(inode, size, mtime_ns, ctime_ns)`` is another
    now, or that is gone — edited, replaced or removed by hand since. Both ``None`` when nothing
    is recorded (no snapshot): none of the index can be vouched for. One ``lstat`` a file
    (~20,000 at 10,000 articles: made apart from the start of the build, :func:`start_index_check`)."""
    recorded = recorded_index_files(snapshot)
    if recorded is None:
        return None, None
    files = chain.from_iterable(unpack_files(block) for block in recorded)
    return frozenset(unchanged.changed_paths(output, files)), recorded
