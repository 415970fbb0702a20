"""Redirects from every old URL of an article to its current one.

Old URLs come from the URL ledger (:mod:`sitegen.ledger`: every URL a content file
has had) and from front matter ``aliases:``. Each becomes

* a redirect page at the old path (template ``redirect.html``: ``<meta http-equiv="refresh">``,
  ``<link rel="canonical">``, ``noindex`` and a visible link, for hosts that only serve files), and
* a line ``OLD NEW 301`` of ``_redirects`` (template ``_redirects``; the format Netlify and
  Cloudflare Pages read, https://docs.netlify.com/routing/redirects/).

Every target is the *current* URL of a published article, and a path that is a page of
this build is never a redirect, so a redirect never points at another redirect: after
any number of headline changes each old URL leads straight to the newest one, and no
loop can form. Redirect pages are not in the sitemap.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from sitegen import urls
from sitegen.errors import Diagnostic, Severity, SitegenError, shortened
from sitegen.loaders.fields import as_text_list
from sitegen.loaders.frontmatter import FrontMatter, split_front_matter
from sitegen.ledger import Entry, Ledger
from sitegen.model import Article, OutputFile, Site
from sitegen.output_folder import MARKER, path_refusal
from sitegen.search import BUNDLE_DIR, TEXT_DIR

REDIRECTS_FILE = "_redirects"
REDIRECT_TEMPLATE = "redirect.html"
#: Output files the build writes besides its planned pages and copied files: the output's
#: own marker (:data:`sitegen.output_folder.MARKER`) and ``_redirects``.
GENERATED_FILES = frozenset({MARKER, REDIRECTS_FILE})
#: Output folders the build fills itself (the search index): nothing else is written inside.
GENERATED_FOLDERS = frozenset({BUNDLE_DIR, TEXT_DIR})


class Occupied:
    """The output paths of a build that a redirect page must keep clear of: ``pages`` (planned
    files), ``copied`` (static, theme and content files), :data:`GENERATED_FILES` and
    :data:`GENERATED_FOLDERS`, the redirect pages placed so far (:meth:`add`), and every folder
    holding one of them."""

    def __init__(self, pages: set[str], copied: set[str]) -> None:
        self.pages, self.copied = pages, copied
        self.redirects: dict[str, str] = {}  # output file: the old path it redirects
        self._folders: set[str] | None = None  # made on first need: most builds have no old URL to check

    def clash(self, target: str) -> str | None:
        """What the output file ``target`` would collide with (``"a page"``, ``"a static file"``,
        ``"a file the build writes (NAME)"`` …, for a message), or ``None`` when it is free:
        it is one of those files, lies inside one of them or inside a generated folder, or is
        the name of a folder holding some of them."""
        if target in self.pages:
            return "a page"
        if target in self.copied:
            return "a static file"
        if target in GENERATED_FILES:
            return f"a file the build writes ({target})"
        if target in self.redirects:
            return f"the redirect page of {self.redirects[target]}"
        parts = target.split("/")
        for end in range(1, len(parts)):
            folder = "/".join(parts[:end])
            if folder in GENERATED_FOLDERS:
                return f"inside {folder}/, a folder the build fills itself"
            if folder in self.pages or folder in self.copied or folder in GENERATED_FILES:
                return f"inside {folder}, a file of this site"
            if folder in self.redirects:
                return f"inside {folder}, the redirect page of {self.redirects[folder]}"
        if self._folders is None:
            self._folders = set(GENERATED_FOLDERS)
            for path in (*self.pages, *self.copied, *GENERATED_FILES, *self.redirects):
                self._add_folders(path)
        if target in self._folders:
            return f"the folder {target}/ of this site's files"
        return None

    def add(self, target: str, old: str) -> None:
        """Count the redirect page of ``old`` at the output file ``target`` as placed."""
        self.redirects[target] = old
        if self._folders is not None:
            self._add_folders(target)

    def _add_folders(self, path: str) -> None:
        """Add the folders holding ``path`` to the folder set."""
        folder = path.rpartition("/")[0]
        while folder and folder not in self._folders:
            self._folders.add(folder)
            folder = folder.rpartition("/")[0]


@dataclass(frozen=True)
class Redirect:
    """``old`` and ``new`` site paths (decoded); ``title`` the article's headline; ``source`` its
    content file as the user named it; ``alias`` tells whether the editor asked for it in front matter."""

    old: str
    new: str
    title: str
    source: str
    alias: bool


def find_redirects(site: Site, ledger: Ledger, relative: dict[str, str], taken: set[str],
                   copied: set[str] = frozenset(), ledger_name: str = "",
                   root_bytes: int = 0, articles: Iterable[Article] | None = None) -> tuple[list[Redirect], list[Diagnostic]]:
    """Redirects of the published articles of ``site``, sorted by old path, with warnings.

    ``relative`` maps an article's ``source`` to its key in ``ledger``; ``taken`` holds the
    output paths of the pages planned for this build and ``copied`` those of the files copied
    as they are (static, theme and content files), which a redirect never replaces; nor does it
    land on or inside a file or folder the build writes itself (:class:`Occupied`). An alias
    that would gets an ``alias-taken`` warning; so does such a ledger URL, named under
    ``ledger_name`` (the URL ledger file), but for one another page now uses, which is simply
    that page's. When two articles claim one old path, an alias
    beats a ledger URL, then the article whose source sorts first wins; the others get a
    ``redirect-conflict`` warning (:func:`_conflict`: both files' aliases, or this file's old URL,
    and the ``?query`` an alias lost to become that path). Of two old paths whose redirect pages would collide (``/x/``
    and ``/x/index.html``, ``/a.html`` and ``/a.html/b/``) the first in sort order is kept, the
    other refused with ``alias-taken``. An old URL no file can be written at under an output
    folder whose path takes ``root_bytes`` (:func:`sitegen.urls.writable_path`: a hand-edited
    ledger's ``..``, a name over 255 bytes, a path of 4096 bytes or more) gets an ``unsafe-url``
    warning instead of a redirect: naming the article and the line of its ``aliases:`` for an
    alias, the URL ledger for a ledger URL. ``articles``: those of ``site.articles`` to look at,
    in their order (``None``: all), when the caller knows that the others have no old URL
    (:func:`has_old_urls`).
    """
    claims: dict[str, list[Redirect]] = {}
    warnings: list[Diagnostic] = []
    occupied = Occupied(taken, copied)
    for article in site.articles if articles is None else articles:
        entry = ledger.get(relative.get(article.source, ""))
        if not has_old_urls(article, entry):
            continue  # no old URL: most articles of most builds
        history = [(old, False) for old in entry.urls] if entry else []
        for old, alias in [(old, True) for old in article.aliases] + history:
            if old == article.url:
                continue
            # Aliases were checked when read, but not under the output folder's own path.
            if not urls.writable_path(old, root_bytes):
                warnings.append(_unwritable(old, alias, article.source, root_bytes))
                continue
            what = occupied.clash(urls.output_file(old))
            if what is not None:
                if alias or what != "a page":
                    warnings.append(_taken(old, alias, article.source, what, ledger_name))
                continue
            claims.setdefault(old, []).append(Redirect(old, article.url, article.display_title, article.source, alias))
    redirects = []
    for old, candidates in sorted(claims.items()):
        ranked = sorted(candidates, key=lambda r: (not r.alias, r.source))
        target = urls.output_file(old)
        what = occupied.clash(target)  # another redirect's file or folder (/x/ and /x/index.html, /a.html and /a.html/b/)
        if what is not None:
            warnings += [_taken(old, r.alias, r.source, what, ledger_name) for r in ranked]
            continue
        winner = ranked[0]
        redirects.append(winner)
        occupied.add(target, old)
        losers = {r.source: r for r in reversed(ranked[1:]) if r.source != winner.source}  # each one's best claim
        warnings += [_conflict(loser, winner) for _, loser in sorted(losers.items())]
    return redirects, warnings


def has_old_urls(article: Article, entry: Entry | None) -> bool:
    """Whether ``article`` has an old URL for :func:`find_redirects` to look at: an alias, or a
    URL of ``entry``, its URL ledger entry (``None``: it has none), other than its own."""
    return bool(article.aliases) or (entry is not None and entry.urls != (article.url,))


def _conflict(loser: Redirect, winner: Redirect) -> Diagnostic:
    """The ``redirect-conflict`` warning for the article ``loser.source``, whose claim on the old
    path ``loser.old`` gave way to ``winner``'s (an alias beats a URL of the ledger, then the
    source that sorts first wins). It says what each file claims: an alias in both files (keep it
    in one), or an old URL of this article (add it to its ``aliases:`` if it should lead here);
    and, when an alias became the path by losing its ``?query`` (:func:`sitegen.urls.alias_path`:
    ``/news.php?id=999`` and ``/news.php?id=1234`` are both ``/news.php``), that old links
    differing only in the query all lead to one article."""
    old, lead = loser.old, f"{winner.new} ({winner.source})"
    mine = _written_aliases(loser.source, old) if loser.alias else ()
    theirs = _written_aliases(winner.source, old) if winner.alias else ()
    queried = any("?" in text for text in (*mine, *theirs))
    if not loser.alias:
        whose = (f", whose aliases: {_listed(theirs)} {'is' if len(theirs) == 1 else 'are'} {old} once the ?query "
                 "part is dropped (a static site has one file per path)" if queried else "")
        return Diagnostic(
            path=loser.source, code="redirect-conflict", severity=Severity.WARNING,
            message=f"{old} was also a URL of this article; it now redirects to {lead}{whose}",
            hint="if it should lead here instead, add it to this article's aliases:"
                 + (f" and remove it from the aliases: of {winner.source}" if winner.alias
                    else " (an alias comes before an old URL)"))
    if queried:
        message = (f"aliases: {_listed(mine or (old,))} and {winner.source}'s aliases: {_listed(theirs or (old,))} "
                   f"are one address, {old}: the ?query part is dropped (a static site has one file per path), so "
                   f"every old link to {old}, whatever its query, leads to one article: {lead}")
        hint = (f"keep {old}?… in the aliases: of one file only: remove it from this file's, or from "
                f"{winner.source}'s if the old links should lead here (a redirect per ?query needs a rule of the "
                "web host)")
    else:
        message = f"aliases: {old} is in {winner.source}'s aliases: too; one address leads to one article: {lead}"
        hint = (f"keep {old} in the aliases: of one file only: remove it from this file's, or from "
                f"{winner.source}'s if it should lead here")
    return Diagnostic(path=loser.source, line=_key_line(loser.source, "aliases"), code="redirect-conflict",
                      severity=Severity.WARNING, field="aliases", message=message, hint=hint)


#: Most aliases a warning lists by name (a file may hold 100), the rest counted.
_LISTED = 3


def _listed(texts) -> str:
    """``a``, ``a and b``, ``a, b and c``, ``a, b, c and 2 more``: each cut to 120 characters
    (:func:`sitegen.errors.shortened`)."""
    more = [f"{len(texts) - _LISTED} more"] if len(texts) > _LISTED else []
    texts = [shortened(text) for text in texts[:_LISTED]] + more
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _written_aliases(source: str, old: str) -> tuple[str, ...]:
    """The ``aliases:`` of the content file ``source`` as written that give the path ``old``
    (:func:`sitegen.urls.alias_path`: ``/news.php?id=999`` gives ``/news.php``); ``()`` when the
    file cannot be read again. Read again only for a warning, a rare event."""
    front = _front_matter(source)
    try:
        written = as_text_list(front.data.get("aliases"), source, "aliases") if front else ()
    except SitegenError:
        return ()
    return tuple(item for item in written if urls.alias_path(item) == old)


def _unwritable(old: str, alias: bool, source: str, root_bytes: int) -> Diagnostic:
    """The ``unsafe-url`` warning for the old path ``old`` of the article ``source`` at which no
    file can be written (:func:`sitegen.urls.writable_path`): an alias (named with the line of
    ``aliases:`` in ``source``) or a URL of the ledger."""
    why = path_refusal(urls.output_file(old), root_bytes) if old.startswith("/") else None
    why = f" ({why})" if why else ""
    shown = shortened(old)
    if alias:
        return Diagnostic(path=source, line=_key_line(source, "aliases"), code="unsafe-url", severity=Severity.WARNING,
                          field="aliases", message=f"aliases: {shown} is a path no file can be written at{why}; "
                                                   "no redirect written there, the article is built",
                          hint="drop that alias, or shorten it")
    return Diagnostic(path=source, code="unsafe-url", severity=Severity.WARNING,
                      message=f"the URL ledger lists {shown!r} for this article, which no file can be written at{why}; "
                              "no redirect written there",
                      hint="correct or remove that URL in the URL ledger")


def _key_line(source: str, key: str) -> int | None:
    """The line of the front matter key ``key`` in the content file ``source`` (``None`` when it
    cannot be read or has none): read again only for a warning, a rare event."""
    front = _front_matter(source)
    return front.key_lines.get(key) if front else None


def _front_matter(source: str) -> FrontMatter | None:
    """The front matter of the content file ``source`` read again (``None`` when it cannot be)."""
    try:
        text = Path(source).read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        return split_front_matter(text, source)
    except (OSError, SitegenError):
        return None


def _taken(old: str, alias: bool, source: str, what: str, ledger_name: str) -> Diagnostic:
    """The ``alias-taken`` warning for the old path ``old`` of the article ``source`` that
    lands on ``what`` (:meth:`Occupied.clash`): naming the article for an alias, the URL
    ledger (``ledger_name``) for a ledger URL."""
    if alias:
        place = what + " of this site" if what in ("a page", "a static file") else what
        return Diagnostic(path=source, code="alias-taken", severity=Severity.WARNING, field="aliases",
                          message=f"aliases: {old} is {place}; no redirect written there", hint="drop that alias")
    return Diagnostic(path=ledger_name or source, code="alias-taken", severity=Severity.WARNING,
                      message=f"the URL ledger lists {old} for {source}, which is {what}; no redirect written there",
                      hint="remove that URL from the URL ledger")


def spare_foreign(files: list[OutputFile], foreign_at: Callable[[str], str | None], base_path: str,
                  ledger_name: str = "") -> list[Diagnostic]:
    """Keep the redirects of ``files`` (made by :func:`redirect_files`) from replacing what a
    publisher put into the output folder by hand and every build carries over (a ``CNAME``,
    ``.well-known/security.txt``): ``foreign_at`` gives, for an output path, the carried file
    it would replace, or ``None`` (:meth:`sitegen.writer.StagedOutput.foreign_at`). Each such
    redirect page is removed from ``files`` (in place) with its line of ``_redirects``, and
    gets an ``alias-taken`` warning naming the article and the alias (or the URL ledger for a
    ledger URL), as a redirect on a static file does
    (/tmp/attack46/r16-alias-overwrites-carried-foreign-file.sh). Returns the warnings."""
    warnings: list[Diagnostic] = []
    dropped: set[str] = set()
    kept = []
    for file in files:
        redirect = file.context.get("redirect") if file.template == REDIRECT_TEMPLATE else None
        found = foreign_at(file.path) if redirect is not None else None
        if found is None:
            kept.append(file)
            continue
        dropped.add(urls.href(base_path, redirect.old))
        warnings.append(_taken(redirect.old, redirect.alias, redirect.source,
                               f"the place of the file {found} put into the output folder by hand "
                               "(carried into every build)", ledger_name))
    if dropped:
        kept = [replace(file, context={**file.context, "redirects": tuple(
                    line for line in file.context["redirects"] if line[0] not in dropped)})
                if file.path == REDIRECTS_FILE and file.template == REDIRECTS_FILE else file for file in kept]
        files[:] = kept
    return warnings


def redirect_files(redirects: list[Redirect], base_path: str) -> list[OutputFile]:
    """A redirect page per redirect and the ``_redirects`` file (even when empty, so a host
    forgets redirects of an earlier deploy). Lines of ``_redirects`` are root-relative and
    percent-encoded under ``base_path``, whatever ``relative_urls`` says: hosts read them
    from the site root."""
    files = [OutputFile(urls.output_file(r.old), REDIRECT_TEMPLATE, {"redirect": r}, source=r.source)
             for r in redirects]
    lines = tuple((urls.href(base_path, r.old), urls.href(base_path, r.new)) for r in redirects)
    files.append(OutputFile(REDIRECTS_FILE, REDIRECTS_FILE, {"redirects": lines}))
    return files


def relative_sources(sources: list[Path], content: Path) -> dict[str, str]:
    """``{source as the build names it: content-relative POSIX path}`` (the ledger's keys).
    Raises ``ValueError`` for a source outside ``content``."""
    prefix = os.path.join(str(content), "")
    relative = {}
    for path in sources:
        name = str(path)
        if os.sep == "/" and name.startswith(prefix) and prefix != "./":
            relative[name] = name[len(prefix):]  # what relative_to gives, without a Path per file
        else:
            relative[name] = path.relative_to(content).as_posix()
    return relative
