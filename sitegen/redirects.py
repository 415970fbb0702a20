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

from dataclasses import dataclass
from pathlib import Path

from sitegen import urls
from sitegen.errors import Diagnostic, Severity
from sitegen.ledger import Ledger
from sitegen.model import OutputFile, Site

REDIRECTS_FILE = "_redirects"
REDIRECT_TEMPLATE = "redirect.html"


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
                   copied: set[str] = frozenset()) -> tuple[list[Redirect], list[Diagnostic]]:
    """Redirects of the published articles of ``site``, sorted by old path, with warnings.

    ``relative`` maps an article's ``source`` to its key in ``ledger``; ``taken`` holds the
    output paths of the pages planned for this build and ``copied`` those of the files copied
    as they are (static, theme and content files), which a redirect never replaces
    (an alias naming one gets an ``alias-taken`` warning; a ledger URL that another page
    now uses is simply that page's). When two articles claim one old path, an alias
    beats a ledger URL, then the article whose source sorts first wins; the others get a
    ``redirect-conflict`` warning. A ledger URL no file can be written at (a hand-edited ledger:
    ``..``, a name over 255 bytes, see :func:`sitegen.urls.writable_path`) gets an ``unsafe-url``
    warning instead of a redirect.
    """
    claims: dict[str, list[Redirect]] = {}
    warnings: list[Diagnostic] = []
    for article in site.articles:
        entry = ledger.get(relative.get(article.source, ""))
        history = [(old, False) for old in entry.urls] if entry else []
        for old, alias in [(old, True) for old in article.aliases] + history:
            if old == article.url:
                continue
            if not alias and not urls.writable_path(old):  # a hand-edited ledger (aliases are checked when read)
                warnings.append(Diagnostic(
                    path=article.source, code="unsafe-url", severity=Severity.WARNING,
                    message=f"the URL ledger lists {old!r} for this article, which no file can be written at; "
                            "no redirect written there",
                    hint="correct or remove that URL in the URL ledger"))
                continue
            target = urls.output_file(old)
            if target in taken or target in copied:
                if alias:
                    what = "a page" if target in taken else "a static file"
                    warnings.append(Diagnostic(
                        path=article.source, code="alias-taken", severity=Severity.WARNING, field="aliases",
                        message=f"aliases: {old} is {what} of this site; no redirect written there",
                        hint="drop that alias"))
                continue
            claims.setdefault(old, []).append(Redirect(old, article.url, article.display_title, article.source, alias))
    redirects = []
    for old, candidates in sorted(claims.items()):
        ranked = sorted(candidates, key=lambda r: (not r.alias, r.source))
        winner = ranked[0]
        redirects.append(winner)
        for loser in {r.source for r in ranked[1:]} - {winner.source}:
            warnings.append(Diagnostic(
                path=loser, code="redirect-conflict", severity=Severity.WARNING,
                message=f"{old} was also a URL of this article; it now redirects to {winner.new} ({winner.source})",
                hint="if it should lead here instead, add it to this article's aliases: and remove it from the other"))
    return redirects, warnings


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
