"""The render stage: every planned file rendered by worker processes (:func:`render_all`), in
an order that keeps each process's recent article cards useful (:func:`render_order`), and
the build-wide part of the render keys (:func:`render_salt`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.cache import code_fingerprint
from sitegen.digests import digest
from sitegen.config import Config
from sitegen.fingerprints import library_versions, template_fingerprint
from sitegen.images import ImageSet
from sitegen.model import OutputFile, Site
from sitegen.page_writer import PageWriter
from sitegen.parallel import iter_chunks
from sitegen.progress import Progress
from sitegen.render import build_year, make_environment, render_file
from sitegen.render_keys import RenderKeys
from sitegen.theme import theme_dir

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any


@dataclass
class _RenderJob:
    """What a render worker needs; ``env`` is compiled once in each process, on first use.
    With ``keys``, each page's render key is made where it was rendered (not in the main process).
    With ``writer``, each page is written where it was rendered (not in the main process),
    unless its bytes may already be in the output: ``placeable`` maps such a page's path to the
    digests of the bytes there (:func:`sitegen.writing.write_site` then places or writes it)."""

    config: Config
    templates: Path
    site: Site
    files: list[OutputFile]
    images: dict[str, ImageSet]
    site_files: frozenset[str]
    keys: RenderKeys | None = None
    writer: PageWriter | None = None
    placeable: dict[str, tuple[str, ...]] = field(default_factory=dict)
    env: object = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "env": None}  # a Jinja environment does not pickle: rebuilt there


def _render_chunk(job: _RenderJob, indices) -> tuple[list[tuple[bytes | None, str, frozenset[str], str, tuple | None]],
                                                     dict[str, str]]:
    """``([(bytes, digest, site parts read, render key, identity) of each page], site-part
    digests)``: a page written here (``job.writer``) has no bytes but the identity of its file
    (:meth:`~sitegen.page_writer.PageWriter.write`), any other its bytes and no identity. The
    digests (``{token: digest}``) are those this chunk's keys computed first in this process,
    for the main process to record (:meth:`~sitegen.render_keys.RenderKeys.seed`) when the
    chunk ran in a worker."""
    if job.env is None:
        job.env = make_environment(job.config, job.templates, job.images, job.site_files)
    out = []
    known = job.keys.count() if job.keys is not None else 0
    writer, placeable = job.writer, job.placeable
    for i in indices:
        used: set[str] = set()
        file = job.files[i]
        data = render_file(job.env, job.site, file, used)
        key = job.keys.page_key(file.path, file.template, file.context, used) if job.keys is not None else ""
        data_digest = digest(data)
        if writer is not None and data_digest not in placeable.get(file.path, ()):
            out.append((None, data_digest, frozenset(used), key, writer.write(file.path, data)))
        else:
            out.append((data, data_digest, frozenset(used), key, None))
    return out, (job.keys.found_since(known) if job.keys is not None else {})


def render_order(files: list[OutputFile]) -> list[OutputFile]:
    """``files`` ordered by the date of the article each shows first (an article page's own,
    a list page's first item), newest first, then the rest in their order: the pages near one
    another in time list mostly the same articles, so each process's recent cards
    (:data:`sitegen.render.CARD_CACHE_SIZE`) are the ones its next pages show."""
    def newest(file: OutputFile) -> float:
        article = file.context.get("article")
        if article is None:
            items = getattr(file.context.get("pager"), "items", None)
            article = items[0] if items else None
        date = getattr(article, "date", None)
        return -date.timestamp() if date is not None else math.inf

    return sorted(files, key=newest)


def render_all(site: Site, files: list[OutputFile], templates: Path, jobs: int = 1,
               progress: Progress = Progress(), images: dict[str, ImageSet] | None = None,
               site_files: frozenset[str] | None = None, keys: RenderKeys | None = None,
               writer: PageWriter | None = None, placeable: dict[str, tuple[str, ...]] | None = None):
    """``(file, bytes, digest, site parts read, render key, identity)`` for every file in
    ``files``, in an order of their own (:func:`render_order`, chunks as they are done),
    rendered by ``jobs`` processes as the caller consumes them (a few chunks of pages in memory
    at a time); ``images`` are the content images with their resized copies
    (:mod:`sitegen.images`), ``site_files`` the site paths of every file the output will hold
    besides the pages; the render key is ``keys.page_key`` of the page (``""`` without
    ``keys``). With ``writer`` the process that rendered a page writes it
    (:meth:`~sitegen.page_writer.PageWriter.write`): its bytes are then ``None`` and its identity
    the file's ``(inode, size, mtime_ns, ctime_ns)``; but a page whose digest ``placeable``
    lists for its path comes back as bytes (identity ``None``), as every page does without
    ``writer``. Raises :class:`SitegenError` (``template``) on the first template error,
    ``OSError`` when a page cannot be written."""
    progress.stage("render", len(files))
    files = render_order(files)
    job = _RenderJob(site.config, templates, site, files, images or {}, site_files, keys, writer, placeable or {})
    for chunk, (rendered, tokens) in iter_chunks(_render_chunk, job, len(files), jobs):
        if keys is not None:  # a worker's digests of site parts (the next build's seeds)
            keys.seed(tokens)
        for i, (data, data_digest, used, key, identity) in zip(chunk, rendered):
            yield files[i], data, data_digest, used, key, identity
        del rendered  # the chunk's pages are written: not held while the next one is made
        progress.advance(len(chunk))
    progress.done()


def render_salt(options: Options, site: Site, images: dict[str, ImageSet], site_files: frozenset[str]) -> str:
    """The build-wide part of every render key (:mod:`sitegen.render_keys`): code, library
    versions, config, the build's year, every template, the content images' sets and the
    other files of the site (templates may ask whether one exists). Not the sizes of the files
    the feeds enclose: a feed's key holds its entries, sizes and all (a new lead image would
    otherwise re-render every page of the site); :func:`sitegen.writing.write_site` makes them
    a part of the check that takes pages over unkeyed instead."""
    return digest("\n".join((
        code_fingerprint(), library_versions(), repr(site.config), str(build_year(site)),
        template_fingerprint((options.project / "templates", theme_dir("templates"))),
        RenderKeys(site, "").value(images), RenderKeys(site, "").value(sorted(site_files)),
    )).encode("utf-8", "surrogateescape"))
