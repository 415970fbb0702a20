"""The files a build reads besides its config and templates: the walk of the content folder
(articles and assets in one pass, symlinks checked), the ``static/`` folders' files, which of
them can be published, and their copy into the output."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from sitegen.config import Config, site_file_path
from sitegen.errors import Diagnostic, Report, Severity
from sitegen.loaders import CONTENT_SUFFIXES
from sitegen.output_folder import path_refusal
from sitegen.urls import SEARCH_INDEX_FOLDERS, in_search_index
from sitegen.writer import StagedOutput

#: Files in the content folder that are copied to the output beside the pages (images, media).
ASSET_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".pdf", ".mp3", ".mp4", ".webm")


def content_files(content: Path, suffixes: tuple[str, ...] = CONTENT_SUFFIXES,
                  report: Report | None = None, distinct: bool = False) -> list[Path]:
    """Files under ``content`` with one of ``suffixes``, in a stable order; hidden files are left
    out, and so are symlinks that lead outside the folder (files and folders alike: each gets a
    ``symlink-outside`` warning in ``report``, when given, once per link) and symlinks that never
    reach a file (``a.md → b.md → a.md``: a ``symlink-loop`` error, once per link). Symlinked
    folders are never entered. With ``distinct`` (articles: each file is one article) a symlink
    to a file that is already listed is left out too (:func:`_once_each`)."""
    found, _, links = _walk_content(content, suffixes, report)
    return _once_each(found, links, content, report) if distinct and links else found


def sources_and_assets(content: Path, report: Report) -> tuple[list[Path], list[Path], Report]:
    """``(content files, asset files, the assets' own diagnostics)`` under ``content`` from one
    walk of the folder: :func:`content_files` with :data:`CONTENT_SUFFIXES` and ``distinct`` (its
    diagnostics, and those of symlinked folders, in ``report``) and with :data:`ASSET_SUFFIXES`
    (those of its files' links in the returned report, for :func:`usable_assets` to add where it
    would have walked the folder itself)."""
    assets_report = Report()
    sources, assets, links = _walk_content(content, CONTENT_SUFFIXES, report, ASSET_SUFFIXES, assets_report)
    if links:
        sources = _once_each(sources, links, content, report)
    return sources, assets, assets_report


def _walk_content(content: Path, suffixes: tuple[str, ...], report: Report | None,
                  other_suffixes: tuple[str, ...] = (), other_report: Report | None = None
                  ) -> tuple[list[Path], list[Path], list[Path]]:
    """``(files with suffixes, files with other_suffixes, the symlinks among the first)`` under
    ``content`` (see :func:`content_files`); a file link's diagnostics go to the report of its
    kind, a folder link's to ``report``."""
    root = content.resolve()
    found: list[Path] = []
    others: list[Path] = []
    links: list[Path] = []

    def visit(folder: str) -> None:
        # os.walk's order and rules (top-down, names sorted, unreadable folders skipped), with
        # the entries' types from scandir: no lstat or Path per file that is not wanted.
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if not entry.name.startswith("."):
                    folders.append(entry)
                    if entry.is_symlink():
                        _check_symlink(Path(entry.path), root, report)
            elif not entry.name.startswith("."):
                suffix = os.path.splitext(entry.name)[1].lower()
                if suffix in suffixes:
                    into, link_report = found, report
                elif suffix in other_suffixes:
                    into, link_report = others, other_report
                else:
                    continue
                path = Path(entry.path)
                if not entry.is_symlink():
                    into.append(path)
                elif _check_symlink(path, root, link_report):
                    into.append(path)
                    if into is found:
                        links.append(path)
        for entry in folders:
            if not entry.is_symlink():
                visit(entry.path)

    visit(os.fspath(content))
    return found, others, links


def _once_each(found: list[Path], links: list[Path], content: Path, report: Report | None) -> list[Path]:
    """``found`` without the symlinks (of ``links``, all inside ``content``) that reach a file
    reached before: the file itself (``link.md → ok.md``) or an earlier link to it, in
    ``found``'s order. Each gets a ``symlink-duplicate`` warning naming
    the link and its target, so one file is never loaded twice (two articles at one URL)."""
    root = content.resolve()
    linked = set(links)
    seen = {root / path.relative_to(content) for path in found if path not in linked}  # folders entered are real
    kept = []
    for path in found:
        if path in linked:
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # dangling: reading it reports why
            if target is not None and target in seen:
                if report is not None:
                    shown = os.path.relpath(target, root)
                    report.add(Diagnostic(
                        path=str(path), code="symlink-duplicate", severity=Severity.WARNING,
                        message=f"symbolic link to {shown}, which is already read from content/; skipped",
                        hint="delete the link (use aliases: in that file for a second address)"))
                continue
            if target is not None:
                seen.add(target)
        kept.append(path)
    return kept


def _check_symlink(path: Path, root: Path, report: Report | None, folder_name: str | None = None) -> bool:
    """``False`` (with a diagnostic added to ``report`` unless already there) for a symlink
    leading outside ``root`` (the folder called ``folder_name`` in messages, ``content`` by
    default) or round in a loop; ``True`` for anything else."""
    if not path.is_symlink():
        return True
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return True  # dangling: reading it gives the file's own "unreadable" error
    except (OSError, RuntimeError):  # RuntimeError: Python < 3.13 reports a loop so
        diagnostic = Diagnostic(path=str(path), code="symlink-loop", message="symbolic link that never reaches a file "
                                "(it leads back to itself); skipped", hint="point the link at a real file, or delete it")
    else:
        if target.is_relative_to(root):
            return True
        folder = "content" if folder_name is None else folder_name
        diagnostic = Diagnostic(path=str(path), code="symlink-outside", severity=Severity.WARNING,
                                message=f"symbolic link to {target}, outside the {folder} folder; skipped",
                                hint=f"copy it into {folder}/ instead of linking to it")
    if report is not None and diagnostic not in report.diagnostics:
        report.add(diagnostic)
    return False


#: Characters that cannot be in a published file name: controls (C0, DEL, C1), the backslash
#: (a path separator on Windows hosts), bytes that are not UTF-8 (decoded by Python as lone
#: surrogates) and the non-characters U+FFFE and U+FFFF.
_UNUSABLE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\\\\\ud800-\udfff\ufffe\uffff]")


def usable_assets(content: Path, report: Report, config: Config,
                  walked: tuple[list[Path], Report] | None = None) -> list[tuple[Path, str]]:
    """``(file, site path)`` of the images and media under ``content``; a file whose name
    cannot be published or that is not a regular file is left out (:func:`_publishable`).
    ``walked`` is ``(asset files, their diagnostics)`` from :func:`sources_and_assets`
    (``None``: the folder is walked here).

    An SVG is a document that can hold ``<script>`` and ``onload``, which run on the site's
    own origin when the file is opened, so one from ``content/`` is left out with an
    ``svg-untrusted`` error unless ``trusted_html`` is set or ``site.yaml`` names it as the
    ``favicon`` or ``logo`` (the site's owner chose it). The theme's and ``static/`` SVGs are
    the site's own and are always published."""
    chosen = {site_file_path(p) for p in (config.favicon, config.logo) if p and "://" not in p}
    assets = []
    if walked is None:
        found = content_files(content, ASSET_SUFFIXES, report)
    else:
        found, walk_report = walked
        for diagnostic in walk_report.diagnostics:  # as the walk would have added them here
            if diagnostic not in report.diagnostics:
                report.add(diagnostic)
    for asset in found:
        if not _publishable(asset, content, report):
            continue
        relative = asset.relative_to(content).as_posix()
        if asset.suffix.lower() == ".svg" and not config.trusted_html and "/" + relative not in chosen:
            report.add(Diagnostic(path=str(asset), code="svg-untrusted",
                                  message="SVG files in content/ are not published: an SVG can run scripts on the "
                                          "site when opened",
                                  hint="use a PNG, JPEG or WebP image, put a reviewed SVG in static/, or set "
                                       "trusted_html: true in site.yaml if every author is trusted"))
            continue
        assets.append((asset, "/" + relative))
    return assets


#: Version control folders, never published from ``static/`` (``vcs-folder-skipped`` warning).
VERSION_CONTROL_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr"})


def static_files(static: Path, report: Report | None = None) -> list[tuple[Path, str]]:
    """``(file, site path)`` of the files under a ``static/`` folder, published as they are
    (``static/css/site.css`` → ``/css/site.css``), in a stable order. Hidden files are left out
    (hidden folders such as ``.well-known/`` are not, but for version control folders:
    :data:`VERSION_CONTROL_FOLDERS`, a ``vcs-folder-skipped`` warning each). A symlink inside the folder is followed;
    one that leads outside it or round in a loop is left out (``symlink-outside`` warning,
    ``symlink-loop`` error) and a symlinked folder is never entered, as in ``content/``; so is a
    file whose name cannot be published or that is not a regular file (:func:`_publishable`).
    Each problem costs only its own file."""
    found: list[tuple[Path, str]] = []
    if not static.is_dir():
        return found
    root, name = static.resolve(), static.name
    for dirpath, dirnames, filenames in os.walk(static, followlinks=False):
        dirnames.sort()
        for folder in [d for d in dirnames if d in VERSION_CONTROL_FOLDERS]:
            dirnames.remove(folder)  # not entered: its config and history are never published
            if report is not None:
                report.add(Diagnostic(path=str(Path(dirpath, folder)), code="vcs-folder-skipped", severity=Severity.WARNING,
                                      message="a version control folder; not published (its config may hold a "
                                              "remote's address and credentials, its objects every past version)",
                                      hint="move the repository's root out of static/ if this was not meant"))
        for folder in dirnames:
            _check_symlink(Path(dirpath, folder), root, report, name)
        for file_name in sorted(filenames):
            path = Path(dirpath, file_name)
            if file_name.startswith(".") or not _check_symlink(path, root, report, name):
                continue
            if _publishable(path, static, report):
                found.append((path, "/" + path.relative_to(static).as_posix()))
    return found


def _publishable(path: Path, folder: Path, report: Report | None) -> bool:
    """Whether the file ``path`` under ``folder`` can be copied into the output as it is. Not a
    name holding a control character, a backslash or bytes that are not UTF-8 (``unusable-name``
    warning: no host can serve it, and the output refuses it), and not a named pipe, socket or
    device (``unreadable`` error: reading a pipe waits for ever). A file that cannot be
    examined passes: copying it reports why."""
    if _UNUSABLE_NAME.search(path.relative_to(folder).as_posix()):
        shown = _UNUSABLE_NAME.sub(lambda m: ascii(m.group())[1:-1], str(path))  # visible, printable
        if report is not None:
            report.add(Diagnostic(path=shown, code="unusable-name", severity=Severity.WARNING,
                                  message="file name holds a control character, a backslash or bytes that are not "
                                          "UTF-8; not published", hint="rename the file"))
        return False
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True
    if not regular and report is not None:
        report.add(Diagnostic(path=str(path), code="unreadable",
                              message="not a regular file (a named pipe, socket or device); not published",
                              hint="replace it with a plain file, or move it out of the folder"))
    return regular


def shadowed_statics(statics: list[tuple[Path, str]], assets: list[tuple[Path, str]]) -> list[Diagnostic]:
    """A ``static-shadowed`` warning for each content file (``assets``, ``(file, site path)``)
    published at the same site path as a file of the site's ``static/`` folder: the content's
    file is copied last and wins (see :func:`sitegen.writing.write_site`)."""
    by_path = {path: file for file, path in statics}
    return [Diagnostic(path=str(asset), code="static-shadowed", severity=Severity.WARNING,
                       message=f"{by_path[path]} has the same site path {path}; this file from the content "
                               "folder is published and that one is not",
                       hint="rename or remove one of the two files")
            for asset, path in assets if path in by_path]


def pages_win(files: list[tuple[Path, str]], pages: dict[str, str],
              others: dict[str, str] | None = None,
              hints: dict[str, str] | None = None) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """``files`` (``(file, site path)``: the site's ``static/`` files, or the content's) without
    those that would take the place of a page or of a folder the site writes into, and a
    ``page-over-file`` warning naming each: the page is published, the file is not (the rest of
    the site is built). ``pages`` is ``{output path: what writes it}`` (output paths without the
    leading ``/``), ``others`` the other files published that win over these (``{output path: what
    it is}``: the theme's static files, the content's over the site's ``static/``; one at the
    same path is not a clash — it overrides or is overridden as README says). A file is left out
    when its path is a page's, a folder holding a page or one of ``others`` (a file
    ``static/tags`` where ``tags/…/index.html`` go, ``static/css`` where the theme's
    ``css/site.css`` goes), below one of them (``static/index.html/x``), or at or below one of
    the search index's folders (:func:`sitegen.urls.in_search_index`). Cost: the pages whose first folder is one of the files' are looked at
    (none, for the usual ``css/``, ``fonts/``), not all ~15,000 at 10,000 articles. ``hints``:
    what to do instead, for a file at the path of one of ``pages`` that needs more than a
    rename (``{output path: hint}``: ``static/_redirects``, whose redirects go in front matter)."""
    others, hints = others or {}, hints or {}
    tops = tuple({path.lstrip("/").partition("/")[0] + "/" for _, path in files})
    holders: dict[str, str] = {}  # folder -> what it holds
    for occupants in (pages, others):
        for held in (held for held in occupants if held.startswith(tops)) if tops else ():
            folder = held.rpartition("/")[0]
            while folder and folder not in holders:
                holders[folder] = occupants[held]
                folder = folder.rpartition("/")[0]
    kept, warnings = [], []
    for file, path in files:
        relative = path.lstrip("/")
        why, hint = None, "rename or move the file (or give the article another `slug:`)"
        if relative in pages:
            why = f"the site writes {pages[relative]} at {path}; that page is published and this file is not"
            hint = hints.get(relative, hint)
        elif relative in holders:
            why = (f"the site writes {holders[relative]} in the folder {path}/; that is published "
                   "and this file is not")
        elif taken := in_search_index(relative):
            why = f"the site writes its search index in {taken}/; this file there is not published"
            hint = f"move the file out of {', '.join(f + '/' for f in SEARCH_INDEX_FOLDERS)} (the search index's folders)"
        else:
            above = relative.rpartition("/")[0]
            while above and above not in pages and above not in others:
                above = above.rpartition("/")[0]
            if above:
                why = (f"the site writes {pages.get(above) or others[above]} at {above}, where this file's "
                       "folder would be; that is published and this file is not")
        if why is None:
            kept.append((file, path))
            continue
        warnings.append(Diagnostic(path=str(file), code="page-over-file", severity=Severity.WARNING, message=why,
                                   hint=hint))
    return kept, warnings


def fitting(files: list[tuple[Path, str]], root_bytes: int) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """``files`` (``(file, site path)``: the site's ``static/`` files, or the content's) without
    those whose output path the file system would refuse under an output folder whose path
    takes ``root_bytes`` (:func:`sitegen.output_folder.path_refusal`: a name over 255 bytes, a
    path of 4096 or more), and a ``name-too-long`` warning naming each: that file is not
    published, the rest of the site is."""
    kept, warnings = [], []
    for file, path in files:
        why = path_refusal(path.lstrip("/"), root_bytes)
        if why is None:
            kept.append((file, path))
            continue
        warnings.append(Diagnostic(path=str(file), code="name-too-long", severity=Severity.WARNING,
                                   message=f"not published: {why}",
                                   hint="shorten the file's name, or the names of the folders holding it"))
    return kept, warnings


def copy_assets(out: StagedOutput, assets: list[tuple[Path, str]], report: Report) -> None:
    """Copy each ``(file, site path)`` into the output; a file that cannot be read is skipped
    with an ``unreadable`` error (the rest of the site is still written)."""
    for asset, site_path in assets:
        try:
            out.copy_file(asset, site_path.lstrip("/"))
        except OSError as exc:
            if exc.filename != str(asset):
                raise  # the output side failed (disk full …): the whole build stops
            report.add(Diagnostic(path=str(asset), code="unreadable", message=exc.strerror or str(exc),
                                  hint="check that the file exists and can be read"))
