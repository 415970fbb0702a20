"""The corrections page: every article that carries a ``correction:`` note (INTERFACE.md
"Newsroom additions"), most recently corrected first, paginated like the index.

A newsroom publishes its corrections where readers can find them (the practice of the
IPSO Editors' Code §1 and the SPJ Code of Ethics, "acknowledge mistakes and correct them
promptly and prominently"); the page exists even while the list is empty.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sitegen.model import Article, Site

CORRECTIONS_PATH = "/corrections/"
_EPOCH = datetime(1, 1, 2, tzinfo=timezone.utc)


def corrected_articles(site: Site) -> tuple[Article, ...]:
    """Published articles with a correction, newest correction first: by ``updated`` (the
    correction's time), else ``date``; then in the site's own order (stable)."""
    corrected = [a for a in site.articles if a.correction]
    if not corrected:
        return ()
    order = {article.url: index for index, article in enumerate(site.articles)}
    return tuple(sorted(corrected, key=lambda a: (-(a.updated or a.date or _EPOCH).timestamp(), order[a.url])))
