"""The URL history stage: the URL ledger (:mod:`sitegen.ledger`) read and brought up to date
with this build's URLs, redirects for the old ones (:mod:`sitegen.redirects`), the feeds'
entry ids (:func:`feed_ids`), and the ledger written once the site is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen import ledger, urls
from sitegen.collect import is_published
from sitegen.errors import Diagnostic, Report, Severity
from sitegen.ledger import LastLedger, ledger_file
from sitegen.model import Article, OutputFile, Site
from sitegen.output_folder import MARKER
from sitegen.redirects import Redirect, find_redirects, has_old_urls, redirect_files, relative_sources

#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any


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
    every = not (options.drafts or options.future)
    # One look at each article and its entry (~1 µs an article at 10,000 of them, mostly memory
    # fetched: each further pass over them cost as much): the articles the ledger records, those of
    # them whose entry changes (ledger.apply_changes), and the articles that may have an old URL
    # (find_redirects; the feed ids are among those recorded). The others, most of them, are
    # recorded as they are, by an entry whose one URL is theirs, and have no alias.
    changed: list[ledger.Published] = []
    looked_at: list[Article] = []
    noted: list[ledger.Published] = []
    entry_of, identity_of, recorded = previous.get, ledger.content_identity, ledger.recorded
    for article in site.articles:
        source = relative.get(article.source)
        if source is None or not (every or is_published(article, site.build_time, False, False)):
            looked_at.append(article)
            continue
        url, identity, entry = article.url, identity_of(article), entry_of(source)
        as_it_is = recorded(entry, url, identity)
        if as_it_is and not article.aliases and len(entry.urls) == 1:
            continue
        item = ledger.Published(source, url, identity)
        if not as_it_is:
            changed.append(item)
        looked_at.append(article)
        noted.append(item)
    after, warnings = ledger.apply_changes(previous, changed, set(relative.values()), str(path))
    report.extend(warnings)
    # The planned files' paths (~15,000 at 10,000 articles) are needed only for an old URL.
    moved = [article for article in looked_at if has_old_urls(article, after.get(relative.get(article.source, "")))]
    redirects, warnings = find_redirects(site, after, relative, {f.path for f in files} if moved else set(),
                                         set(copied), str(path), root_bytes, moved)
    report.extend(warnings)
    return (redirect_files(redirects, site.config.base_path), after,
            feed_ids(site.config.base_url, after, noted, redirects))


def feed_ids(base_url: str, after: ledger.Ledger, published: list[ledger.Published],
             redirects: list[Redirect]) -> dict[str, str]:
    """``{absolute current URL: absolute first URL}`` of the articles whose feed entries keep
    the URL they were first published at as their id (Atom ``<id>``, RFC 4287 §4.2.6:
    permanent; RSS ``<guid isPermaLink="true">``, which must lead to the item): of ``published``
    (articles the ledger records, as :func:`sitegen.ledger.update` takes them: all, or at least
    those whose entry holds two or more URLs), those whose entry in ``after``, the URL ledger after this
    build, knows its first URL (:meth:`sitegen.ledger.Entry.first_url`: not for a ledger written
    before first URLs were recorded, whose order is lost), while that URL still leads to the
    article: one of this build's ``redirects`` (:func:`sitegen.redirects.find_redirects`, which
    gives an old path to one article only) goes from it to the article's current URL. So no two
    entries share an id, and none is a URL that is now another story's page, alias or redirect
    (/tmp/attack47b/r1-feed-ids-shared.sh, r3-feed-id-is-another-articles-alias.sh). Every other
    article's id is its current URL (left out). Made from ``after``, not the ledger as the build
    found it: the one rule of :func:`sitegen.ledger.update` (a renamed file keeps its entry's
    first URL) gives both the ledger written and the ids. One look-up of a content path an
    article of ``published``."""
    ids: dict[str, str] = {}
    leads: dict[str, str] | None = None  # old path -> the current URL its redirect leads to, made when first needed
    for item in [item for item in published if len(after[item.source].urls) > 1]:  # moved: few articles
        first = after[item.source].first_url()
        if first is None or first == item.url:
            continue
        if leads is None:
            leads = {redirect.old: redirect.new for redirect in redirects}
        if leads.get(first) == item.url:
            ids[urls.absolute_url(base_url, item.url)] = urls.absolute_url(base_url, first)
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
