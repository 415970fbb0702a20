"""The URL history stage: the URL ledger (:mod:`sitegen.ledger`) read and brought up to date
with this build's URLs, redirects for the old ones (:mod:`sitegen.redirects`), the feeds'
entry ids (:func:`feed_ids`), and the ledger written once the site is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen import ledger, urls
from sitegen.collect import is_published
from sitegen.errors import Diagnostic, Report, Severity, SitegenError
from sitegen.model import OutputFile, Site
from sitegen.output_folder import MARKER
from sitegen.redirects import find_redirects, redirect_files, relative_sources

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any


def ledger_file(options: Options) -> Path:
    """The URL ledger of a build: ``options.ledger``, else :func:`sitegen.ledger.ledger_path`
    beside the config."""
    return options.ledger or ledger.ledger_path(options.config)


class LastLedger:
    """The URL ledger as the build found it (:func:`sitegen.ledger.read` of ``path``), read
    once: by :meth:`read_now` whenever the build has a moment (an edit at 10,000 articles
    reads it, ~20 ms, while it waits for the inputs' digest), else by :meth:`value` when
    the redirect stage asks for it."""

    def __init__(self, path: Path):
        self.path = path
        self._read: tuple[ledger.Ledger | None, SitegenError | None] | None = None

    def read_now(self) -> None:
        """Read the ledger now (once); a ledger that is not one is reported by :meth:`value`."""
        if self._read is None:
            try:
                self._read = (ledger.read(self.path), None)
            except SitegenError as exc:
                self._read = (None, exc)

    def value(self) -> ledger.Ledger | None:
        """The ledger, or ``None`` when there was no file. Raises the ``url-ledger``
        :class:`SitegenError` of :func:`sitegen.ledger.read`."""
        self.read_now()
        found, error = self._read
        if error is not None:
            raise error
        return found


def keep_old_urls(site: Site, options: Options, sources: list[Path], files: list[OutputFile],
                  report: Report, copied: set[str] = frozenset(),
                  last: LastLedger | None = None, root_bytes: int = 0) -> tuple[list[OutputFile], ledger.Ledger, dict[str, str]]:
    """The redirect stage: the previous URL ledger plus this build's URLs, and the redirect
    pages and ``_redirects`` for every old URL no planned file and no copied file (``copied``:
    output-relative paths of static, theme and content files) uses (:mod:`sitegen.redirects`).
    Warns (``url-ledger-missing``) when the output folder holds an earlier build but the
    ledger is gone: redirects of earlier URL changes are then lost (not for a build that writes
    no ledger, ``serve``'s previews, whose every rebuild would say so). Only the URLs of
    articles a plain build at the build's clock publishes are recorded
    (:func:`sitegen.collect.is_published` without drafts and future ones): a draft's, or a
    scheduled article's previewed with ``--future`` (/tmp/attack46/r10-…), was never public, and
    a working headline recorded then would become a public redirect once the headline changes.
    ``last``: the ledger of ``options``, when the build read it already (else it is read here);
    ``root_bytes``: the length of the output's longest folder path (:func:`sitegen.writer.longest_root`),
    under which an old URL's redirect page must fit. Returns the redirect files, the ledger
    after this build and the feeds' entry ids (:func:`feed_ids` of that ledger)."""
    path = ledger_file(options)
    previous = (last or LastLedger(path)).value()
    if previous is None:
        previous = {}
        if options.record_urls and (options.output / MARKER).is_file():  # serve's previews write no ledger
            report.add(Diagnostic(path=str(path), code=ledger.MISSING, severity=Severity.WARNING,
                                  message="no URL ledger, but the output folder holds an earlier build: "
                                          "URLs that changed before this build have no redirects",
                                  hint=f"restore {path.name} from version control; a new one is written now"))
    relative = relative_sources(sources, options.content)
    # Without --drafts and --future the site holds only what a plain build publishes (collect).
    public = (lambda a: True) if not (options.drafts or options.future) else \
        (lambda a: is_published(a, site.build_time, False, False))
    published = [ledger.Published(relative[a.source], a.url, ledger.content_identity(a))
                 for a in site.articles if a.source in relative and public(a)]
    after, warnings = ledger.update(previous, published, set(relative.values()), str(path))
    report.extend(warnings)
    redirects, warnings = find_redirects(site, after, relative, {f.path for f in files}, set(copied), str(path),
                                         root_bytes)
    report.extend(warnings)
    return redirect_files(redirects, site.config.base_path), after, feed_ids(site, after, published)


def feed_ids(site: Site, after: ledger.Ledger, published: list[ledger.Published]) -> dict[str, str]:
    """``{absolute current URL: absolute first URL}`` of the articles whose feed entries keep
    the URL they were first published at as their id (Atom ``<id>``, RFC 4287 §4.2.6:
    permanent; RSS ``<guid>``): of ``published`` (the articles the ledger records, as
    :func:`keep_old_urls` gave them to :func:`sitegen.ledger.update`), those whose entry in
    ``after``, the URL ledger after this build, knows its first URL
    (:meth:`sitegen.ledger.Entry.first_url`: not for a ledger written before first URLs were
    recorded, whose order is lost), when that is not the current URL, nor the current URL of
    another article of ``site`` (an old URL a new story has taken: two entries must not share
    an id). Every other article's id is its current URL (left out). Made from ``after``, not the
    ledger as the build found it: the one rule of :func:`sitegen.ledger.update` (a renamed file
    keeps its entry's first URL) gives both the ledger written and the ids. One look-up of a
    content path an article (~1 ms at 10,000 articles, where one by the article's source
    path cost ~12 ms)."""
    ids: dict[str, str] = {}
    current: set[str] | None = None  # every article's URL, made when first needed
    base = site.config.base_url
    for item in published:
        entry = after[item.source]
        if len(entry.urls) == 1:
            continue  # never moved: most articles
        first = entry.first_url()
        if first is None or first == item.url:
            continue
        if current is None:
            current = {a.url for a in site.articles}
        if first not in current:
            ids[urls.absolute_url(base, item.url)] = urls.absolute_url(base, first)
    return ids


def record_urls(options: Options, urls_after: ledger.Ledger, report: Report, text: str | None = None) -> None:
    """Write the URL ledger after a build was written (``text``: its :func:`~sitegen.ledger.dumps`,
    when made already); a failure is a warning (the site is built)."""
    path = ledger_file(options)
    try:
        ledger.write(path, urls_after, text)
    except OSError as exc:
        report.add(Diagnostic(path=str(path), code="url-ledger-not-written", severity=Severity.WARNING,
                              message=f"could not write the URL ledger: {exc.strerror or exc}",
                              hint="make the site folder writable; until then changed URLs get no redirects"))
