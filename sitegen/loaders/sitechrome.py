"""What a site repeats across its dumps: the lines that are its chrome, learnt from many dumps.

A newsroom that brings many dumps of its own site brings the same menus, tickers, footers,
comment rules and widget labels in every one of them, while each article's own lines are
its own. When several dumps are read together (a build, or ``extract`` of several files),
a line printed in two or more of them is chrome — a strong feature for the reader
(:mod:`sitegen.loaders.reader`), computed once, deterministically and independent of the
order of the files. A line that reads like prose (a punctuated sentence of
:data:`~sitegen.loaders.bodyrun.PROSE_MIN_WORDS`+ words) must recur in
:data:`PROSE_MIN_DUMPS` dumps: two articles of one site may share a background paragraph,
a site's comment rules recur on every page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sitegen.arabic import clean_inline
from sitegen.config import Config
from sitegen.errors import SitegenError
from sitegen.loaders.article import read_text

__all__ = ["learn_site_chrome", "learn_from_files", "line_keys", "PROSE_MIN_DUMPS"]

#: A prose-like line is chrome only when this many dumps print it.
PROSE_MIN_DUMPS = 3


def line_keys(text: str) -> set[str]:
    """The distinct comparison keys of the non-blank lines of one dump (as
    :func:`sitegen.loaders.lines.split_lines` computes them)."""
    # Imported here: a site of Markdown articles never needs the dump reader's rules.
    from sitegen.loaders import line_text
    from sitegen.loaders.lines import KEY_MAX_CHARS, cut_lines

    keys = set()
    for raw in cut_lines(text):
        cleaned = clean_inline(raw)
        if cleaned:
            keys.add(line_text.norm_key(cleaned[:KEY_MAX_CHARS]))
    keys.discard("")
    return keys


def _prose_like(key: str) -> bool:
    from sitegen.loaders import line_text
    from sitegen.loaders.bodyrun import PROSE_MIN_WORDS

    return line_text.words(key) >= PROSE_MIN_WORDS and line_text.ends_with_punct(key)


def learn_site_chrome(texts: Iterable[str]) -> frozenset[str]:
    """Keys of the lines that recur across the given dumps (each text one dump).

    Returns the empty set for fewer than two dumps. Dumps with the same prose lines (one
    article saved twice) count once. Linear in the total size of the texts; the result does
    not depend on their order.
    """
    # Copies of one article (saved twice, or again with a newer header clock) are one dump:
    # dumps are grouped by the set of their prose lines, and each group counts once.
    articles: dict[frozenset[str], set[str]] = {}
    for text in texts:
        keys = line_keys(text)
        prose = frozenset(k for k in keys if _prose_like(k))
        articles.setdefault(prose or frozenset(keys), set()).update(keys)
    counts: Counter[str] = Counter()
    for keys in articles.values():
        counts.update(keys)
    return frozenset(key for key, dumps in counts.items()
                     if dumps >= (PROSE_MIN_DUMPS if _prose_like(key) else 2))


def learn_from_files(paths: Iterable[Path], config: Config) -> frozenset[str]:
    """:func:`learn_site_chrome` over the raw dumps at ``paths``; files that cannot be read
    are left out here (loading them reports why)."""
    texts = []
    for path in paths:
        try:
            texts.append(read_text(path, str(path), config.max_file_bytes))
        except SitegenError:
            continue
    return learn_site_chrome(texts)
