"""What shapes a site's bytes besides its content and config: the installed versions of the
output libraries (:func:`library_versions`) and the bytes of the template and static folders
(:func:`template_fingerprint`), digested into the render keys' salt (:mod:`sitegen.render_keys`)
and the nothing-changed inputs (:func:`sitegen.nothing_changed.build_inputs`).

A module of their own, on the standard library alone: the nothing-changed path digests them
in a process forked before the build knows whether anything changed, and that process must not
wait for the renderer's modules (:mod:`sitegen.late_imports`).
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Iterable

from sitegen import digests

#: Libraries whose version changes the bytes of a page.
OUTPUT_LIBRARIES = ("jinja2", "babel", "markdown", "nh3", "feedgen", "hijridate", "markupsafe", "python-slugify")


def template_fingerprint(folders: Iterable[Path]) -> str:
    """Digest of the names and bytes of every file under ``folders`` (in order; missing ones skipped)."""
    hasher = digests.hasher()
    for index, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            hasher.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode("utf-8", "surrogateescape"))
            hasher.update(path.read_bytes())
    return digests.hex_of(hasher)


@cache
def library_versions() -> str:
    """``"jinja2=3.1.6 babel=2.19.0 …"``: the installed version of each of
    :data:`OUTPUT_LIBRARIES` (``-`` when not installed). Read once per process: the modules a
    process imported stay the versions it runs, whatever is installed meanwhile.

    The version is read from the name of the distribution's ``NAME-VERSION.dist-info`` folder
    in the first :data:`sys.path` folder that holds one (the binary distribution format,
    PEP 427; the order :mod:`importlib.metadata` finds them in). A distribution installed
    otherwise (an ``.egg-info``), and every one not found before a path entry that is not a
    plain folder (a zip file, an ``.egg``: it may hold any of them), is asked of
    :mod:`importlib.metadata`, whose import and reads cost ~20 ms a build where the folder
    names cost one listing of each path entry."""
    found, ask = _dist_info_versions()
    versions = []
    for name in OUTPUT_LIBRARIES:
        key = _project_key(name)
        version = found.get(key)
        if version is None and (ask is None or key in ask):
            from importlib import metadata

            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                pass
        versions.append(f"{name}={version or '-'}")
    return " ".join(versions)


def _project_key(name: str) -> str:
    """A project name as PEP 503 normalises it, with ``_`` for its separators (as the names of
    ``.dist-info`` folders have them: PEP 427)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _dist_info_versions() -> tuple[dict[str, str], set[str] | None]:
    """``({project key: version}, projects to ask importlib.metadata about)`` over
    :data:`sys.path`, the first entry that holds a project winning. The second is ``None``
    (every project not found) once an entry is met that is not a plain folder."""
    found: dict[str, str] = {}
    ask: set[str] = set()
    for entry in sys.path:
        path = entry or "."
        if not os.path.isdir(path) or path.lower().endswith(".egg"):
            if os.path.exists(path):
                return found, None  # a zip or an egg: what it holds is importlib.metadata's to say
            continue
        try:
            names = os.listdir(path)
        except OSError:
            continue
        for name in names:
            lowered = name.lower()
            if lowered.endswith(".dist-info"):
                project, _, version = name[:-len(".dist-info")].partition("-")
                key = _project_key(project)
                if key not in found and key not in ask:
                    if version:
                        found[key] = version
                    else:
                        ask.add(key)
            elif lowered.endswith((".egg-info", ".egg")):  # "Name-1.0-py3.11.egg-info", "Name.egg-info"
                key = _project_key(name.rpartition(".")[0].partition("-")[0])
                if key not in found:
                    ask.add(key)
    return found, ask
