"""The URL ledger: every URL each content file has had, kept beside ``site.yaml``.

A news article's URL comes from its headline and date, so editing either moves it. The
ledger remembers every URL a content file has been published at, so that
:mod:`sitegen.redirects` can keep the old ones alive. It is a JSON file
(``url-ledger.json``) meant to be committed with the site: a build on a clean
machine then keeps the same redirects. It is sorted and indented one value per line,
so a change of headline shows in a review as one added line (and, at the first change, the
``first`` line naming the URL it was first published at)::

    {
     "version": 1,
     "files": {
      "2024/budget.md": {
       "first": "/2024/11/21/old-headline/",
       "identity": "sha256:5c1f…",
       "urls": [
        "/2024/11/21/new-headline/",
        "/2024/11/21/old-headline/"
       ]
      }
     }
    }

Keys of ``files`` are content paths relative to the content folder (POSIX), so the
ledger does not depend on how ``--content`` was spelled. ``first`` is written only for an
entry of two or more URLs (of one URL, that one is the first): the text of the entry of a file
whose URL never moved is what it was before first URLs were recorded. The feeds take it as the permanent id of the
article's entry (:func:`sitegen.url_history.feed_ids`). ``identity`` is a hash of
the article's body text, which a new headline or date does not change: a file renamed
or moved inside ``content/`` is matched to its old entry by it (see :func:`update`). A body
of fewer than :data:`MIN_IDENTITY_WORDS` words has no identity (``""``): such text (a
placeholder like «التفاصيل بعد قليل.») is shared by unrelated stories, and a match on it
would hand one story's old URLs to another.
The ledger depends only on the published articles and the previous ledger, never on
``--jobs``, a cache or the order files were read in. Content files are never written.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple

from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.model import Article

LEDGER_NAME = "url-ledger.json"
LEDGER_VERSION = 1
#: The fewest words (:attr:`sitegen.model.Article.word_count`, as the reading time counts them)
#: a body needs to identify its article (:func:`content_identity`). Why 20: about one full
#: news sentence (a lede runs 20–35 words), while the holding lines many stories share
#: («التفاصيل بعد قليل.», «خبر عاجل، التفاصيل تتبع.», «تابعونا لمزيد من التفاصيل.») run 2–12
#: words. Erring high is the safe side: a renamed short article loses its old URLs with a
#: ``url-ledger-orphan`` warning (visible; its ``aliases:`` bring them back), whereas a
#: false match silently makes one story's old links 301 to another story
#: (/tmp/attack46/r1-ledger-same-body-hijack.sh).
MIN_IDENTITY_WORDS = 20
#: The code of the warning that the ledger is gone (:func:`sitegen.url_history.keep_old_urls`):
#: about a state the build repairs by writing a new ledger.
MISSING = "url-ledger-missing"
#: A :class:`sitegen.pipeline.BuildOptions` (typed loosely: that module is above this one).
Options = Any


class Entry(NamedTuple):
    """What the ledger knows of one content file: its body's ``identity`` (``""`` when the
    body is too short to identify it, :func:`content_identity`, which matches nothing),
    every site path it has had, sorted, and ``first``, the one of them it was first
    published at, recorded only for two or more URLs (``None``: see :meth:`first_url`).
    A named tuple, not a dataclass: a ledger of 10,000 files makes 10,000 of them at each
    build, in a third of the time."""

    identity: str
    urls: tuple[str, ...]
    first: str | None = None

    def first_url(self) -> str | None:
        """The site path the file was first published at: ``first``, else the only one of
        ``urls``; ``None`` when not known: two or more URLs and none recorded as first (a ledger
        written before sitegen recorded it). Never guessed: the sorted ``urls`` hold no order."""
        if self.first is not None:
            return self.first
        return self.urls[0] if len(self.urls) == 1 else None


Ledger = Mapping[str, Entry]


class Published(NamedTuple):
    """One published article as the ledger sees it: its content-relative ``source``
    (POSIX), current site path ``url`` and body ``identity`` (a named tuple: one per article
    at each build)."""

    source: str
    url: str
    identity: str


def ledger_path(config: Path) -> Path:
    """The ledger of the site configured by ``config``: ``url-ledger.json`` in the same folder."""
    return config.parent / LEDGER_NAME


def ledger_file(options: Options) -> Path:
    """The URL ledger of a build: ``options.ledger``, else :func:`ledger_path` beside the config."""
    return options.ledger or ledger_path(options.config)


class LastLedger:
    """The URL ledger as the build found it (:func:`read` of ``path``), read once: by
    :meth:`read_now` whenever the build has a moment (an edit at 10,000 articles reads it,
    ~20 ms, while it waits for the inputs' digest), else by :meth:`value` when the redirect
    stage (:func:`sitegen.url_history.keep_old_urls`) asks for it."""

    def __init__(self, path: Path):
        self.path = path
        self._read = False
        #: ``(ledger, the file's text)`` as read; ``None`` for no file, or one that is no ledger (``_error``).
        self._found: tuple[Ledger, str] | None = None
        self._error: SitegenError | None = None

    def read_now(self) -> None:
        """Read the ledger now (once); a ledger that is not one is reported by :meth:`value`."""
        if not self._read:
            self._read = True
            try:
                self._found = read_with_text(self.path)
            except SitegenError as exc:
                self._error = exc

    def text_for(self, after: Ledger) -> str:
        """The ledger file's text for ``after``, a ledger :func:`update` made from this one:
        :func:`dumps_after` of the text read, else :func:`dumps`."""
        if self._found is None:
            return dumps(after)
        return dumps_after(self._found[1], self._found[0], after)

    def holds(self, after: Ledger) -> bool:
        """Whether ``after`` is the very ledger read here (:func:`update` gives back the ledger
        it was given when a build changes none of its entries): the file then says what writing
        ``after`` would say, and is left as it is (its ~20 ms text unmade)."""
        return self._found is not None and after is self._found[0]

    def value(self) -> Ledger | None:
        """The ledger, or ``None`` when there was no file. Raises the ``url-ledger``
        :class:`SitegenError` of :func:`read`."""
        self.read_now()
        if self._error is not None:
            raise self._error
        return self._found[0] if self._found is not None else None


def content_identity(article: Article) -> str:
    """``sha256:`` + 32 hex digits of the article's body text (its blocks, in order, one per
    line), or ``""`` (matches nothing) for an article whose body has fewer than
    :data:`MIN_IDENTITY_WORDS` words (``article.word_count``), which is no evidence of one
    article. Headline, date, slug and front matter do not enter it, so it survives every
    change that moves the URL."""
    if article.word_count < MIN_IDENTITY_WORDS:
        return ""
    return article.body.text_identity  # kept beside a stored body: read without reading the body


def read(path: Path) -> Ledger | None:
    """The ledger at ``path``, or ``None`` when there is no file.

    Raises :class:`SitegenError` (``url-ledger``) for a file that is not a ledger (broken
    JSON, a merge conflict left in it, a symlink): building on would forget old URLs, so
    nothing is written until it is fixed or deleted.
    """
    found = read_with_text(path)
    return found[0] if found is not None else None


def read_with_text(path: Path) -> tuple[Ledger, str] | None:
    """``(the ledger at path, the file's text)`` (see :func:`read`: ``None``, errors)."""
    if path.is_symlink():
        raise _bad(path, "is a symbolic link; sitegen reads and writes only a plain file here",
                   f"put a copy of the file it points to in its place: cp --remove-destination \"$(readlink -f {path.name})\" {path.name}")
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, f"cannot be read as JSON ({exc})") from None
    return parse(path, text), text


def parse(path: Path, text: str) -> Ledger:
    """The ledger whose file text is ``text`` (read from ``path``, named in errors). Raises
    :class:`SitegenError` (``url-ledger``) as :func:`read` does."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, f"cannot be read as JSON ({exc})") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or data.get("version") != LEDGER_VERSION:
        raise _bad(path, f'is not a version {LEDGER_VERSION} URL ledger (no "version": 1 and "files" mapping)')
    ledger = {}
    for source, entry in files.items():
        # Most entries are an identity and one URL (a file whose URL never moved): taken here
        # (~0.5 µs an entry), every other by _entry (~2 µs: ~20 ms more at 10,000 files).
        if isinstance(entry, dict) and len(entry) == 2:
            identity, urls = entry.get("identity"), entry.get("urls")
            if isinstance(identity, str) and isinstance(urls, list) and len(urls) == 1:
                url = urls[0]
                if isinstance(url, str) and url.startswith("/"):
                    ledger[source] = Entry(identity, (url,))
                    continue
        ledger[source] = _entry(path, source, entry)
    return ledger


def _entry(path: Path, source: str, entry: Any) -> Entry:
    """The :class:`Entry` of the ledger's ``"files"`` item ``source: entry`` read from
    ``path``. Raises :class:`SitegenError` (``url-ledger``) as :func:`read` does."""
    urls = entry.get("urls") if isinstance(entry, dict) else None
    identity = entry.get("identity", "") if isinstance(entry, dict) else None
    if (not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith("/") for u in urls)
            or not isinstance(identity, str)):
        raise _bad(path, f"entry {source!r} needs an identity text and a list of site paths")
    first = entry.get("first")
    if "first" in entry and not (isinstance(first, str) and first in urls):
        raise _bad(path, f"entry {source!r} names {first!r} as its first URL, which is not one of its URLs",
                   'put back the URL it was first published at, or remove its "first" line '
                   "(its feed entries then take its current URL as their id)")
    urls = (urls[0],) if len(urls) == 1 else tuple(sorted(set(urls)))
    return Entry(identity, urls, first if len(urls) > 1 else None)


def _bad(path: Path, message: str,
         hint: str = "fix it (e.g. resolve the merge conflict), or delete it: old URLs then stop redirecting") -> SitegenError:
    return SitegenError(Diagnostic(path=str(path), code="url-ledger", message=message, hint=hint))


def update(previous: Ledger, published: Iterable[Published], on_disk: set[str],
           ledger_file: str) -> tuple[Ledger, list[Diagnostic]]:
    """The ledger after this build (sorted by source; ``previous`` itself, the very object,
    when this build changes none of its entries: most builds, which then need not write it),
    and warnings.

    Every published article's current URL is added to its file's entry, whose first URL
    (:meth:`Entry.first_url`) stays what it was: the one URL of an entry that had one, the
    recorded ``first`` of one that has it, unknown (``None``) for one that had neither. A file new to the
    ledger whose ``identity`` (never ``""``: see :func:`content_identity`) equals that of exactly one entry whose file is gone from
    ``on_disk`` (content-relative paths of every content file, loaded or not) takes over
    that entry: a renamed or moved file keeps its old URLs. Entries of files that are
    still on disk but not published (drafts, future, a file that failed to load) are
    kept as they are. An entry whose file is gone and was not matched is kept too (the
    file may come back) with a ``url-ledger-orphan`` warning: its old URLs redirect to nothing.
    A file that takes over an entry takes its first URL too.
    """
    return apply_changes(previous, [item for item in published
                                     if not recorded(previous.get(item.source), item.url, item.identity)],
                         on_disk, ledger_file)


def recorded(entry: Entry | None, url: str, identity: str) -> bool:
    """Whether ``entry``, the ledger's entry of a published article (``None``: it has none),
    records the article as it is, at the site path ``url`` with the body ``identity``: its
    identity, and ``url`` among its URLs. :func:`update` leaves such an entry as it is."""
    return entry is not None and entry.identity == identity and url in entry.urls


def apply_changes(previous: Ledger, changed: list[Published], on_disk: set[str],
                  ledger_file: str) -> tuple[Ledger, list[Diagnostic]]:
    """:func:`update` of ``previous`` for published articles of which ``changed`` holds, in
    their order, those that ``previous`` does not record (:func:`recorded`): a caller that
    looked up each article's entry already (:func:`sitegen.url_history.keep_old_urls`) gives
    only those (a few), and the rest are not looked at again."""
    gone = {source: entry for source, entry in previous.items() if source not in on_disk}
    by_identity: dict[str, list[str]] = {}
    for source, entry in sorted(gone.items()):
        if entry.identity:
            by_identity.setdefault(entry.identity, []).append(source)
    newcomers: dict[str, list[str]] = {}
    for item in changed:
        if item.source not in previous and item.identity:
            newcomers.setdefault(item.identity, []).append(item.source)
    ledger = dict(previous)
    same_files = True  # no entry added or taken over: the ledger's files and their order are previous's
    for item in sorted(changed, key=lambda p: p.source):
        before = ledger.get(item.source)
        if item.source not in previous:
            same_files = False
            olds = by_identity.get(item.identity, [])
            if len(olds) == 1 and newcomers.get(item.identity) == [item.source]:
                before = ledger.pop(olds[0])
                gone.pop(olds[0])
        urls = set(before.urls) if before is not None else set()
        first = before.first_url() if before is not None else None
        urls.add(item.url)
        ledger[item.source] = Entry(item.identity, tuple(sorted(urls)), first if len(urls) > 1 else None)
    warnings = [
        Diagnostic(path=ledger_file, code="url-ledger-orphan", severity=Severity.WARNING,
                   message=f"{source} is gone from the content folder and no article has its text; "
                           f"its {len(entry.urls)} old URL(s) ({entry.urls[0]} …) redirect nowhere",
                   hint=f"restore the file, or remove its entry from {LEDGER_NAME} if the article is gone for good; "
                        f"if it was renamed or moved (a body under {MIN_IDENTITY_WORDS} words is not matched), "
                        "list those URLs under the new file's aliases:")
        for source, entry in sorted(gone.items()) if entry.urls
    ]
    in_order = list(previous) == sorted(previous)  # as read from a file (dumps sorts it)
    if not changed and in_order:
        return previous, warnings
    if same_files and in_order:
        return ledger, warnings
    return dict(sorted(ledger.items())), warnings


#: A lone surrogate: how Python spells a byte of a file name that is not UTF-8 (PEP 383).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(ledger: Ledger) -> str:
    """The ledger file's text: sorted keys and URLs, one value per line, a final newline;
    ``first`` only for an entry of two or more URLs that has one (the text of an entry of one
    URL is as before first URLs were recorded). A
    content path holding bytes that are not UTF-8 (a file named on another system) is kept
    as JSON ``\\udcXX`` escapes, which read back as the same path (RFC 8259 §7)."""
    # The text of json.dumps(..., ensure_ascii=False, indent=1), made here: with indent, json
    # encodes in Python (~0.3 s for 10,000 files); each string is still encoded by json in C.
    lines = ["{", f' "version": {_quote(LEDGER_VERSION)},']
    entries = sorted(ledger.items())
    if not entries:
        lines.append(' "files": {}')
    else:
        lines.append(' "files": {')
        for number, (source, entry) in enumerate(entries, start=1):
            _add_entry_lines(lines, source, entry)
            lines.append("  }," if number < len(entries) else "  }")
        lines.append(" }")
    return _escape_surrogates("\n".join(lines) + "\n}\n")


_quote = json.JSONEncoder(ensure_ascii=False).encode


def _escape_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _add_entry_lines(lines: list[str], source: str, entry: Entry) -> None:
    """The lines of one entry of :func:`dumps`, from its key's line to its last URL's bracket
    (its closing brace is the caller's: ``},`` or ``}``)."""
    urls = sorted(entry.urls)
    lines.append(f"  {_quote(source)}: {{")
    if len(urls) > 1 and entry.first is not None:
        lines.append(f'   "first": {_quote(entry.first)},')
    lines.append(f'   "identity": {_quote(entry.identity)},')
    if urls:
        lines.append('   "urls": [')
        lines += [f"    {_quote(url)}," for url in urls[:-1]] + [f"    {_quote(urls[-1])}", "   ]"]
    else:
        lines.append('   "urls": []')


def _entry_text(source: str, entry: Entry) -> str:
    """The text :func:`dumps` gives one entry (see :func:`_add_entry_lines`), lines joined."""
    lines: list[str] = []
    _add_entry_lines(lines, source, entry)
    return _escape_surrogates("\n".join(lines))


#: A ``\\u`` escape other than a lone surrogate's, which :func:`dumps` writes (``\\udc80``): a
#: key may hide behind one (``"\\u0075rls"``, /tmp/attack48c/r10-…), so such text is written whole.
_FOREIGN_ESCAPE = re.compile(r"\\u(?!d[89a-f][0-9a-f]{2})")
#: The most changed entries :func:`dumps_after` replaces in a ledger's text.
_FEW_CHANGES = 32


def dumps_after(text: str, previous: Ledger, after: Ledger) -> str:
    """The ledger file's text for ``after``, from ``text``, the file's text that :func:`parse`
    read as ``previous``: when the build changed only entries ``previous`` had (an edited
    body's identity, a new URL), each written as :func:`dumps` writes it and no entry written
    twice (in any layout), those entries' lines are replaced in ``text`` and the rest is kept as
    it is (an edit at 10,000 articles: ~2 ms, where :func:`dumps` takes ~20); else :func:`dumps`.
    Every other entry's lines read as they did, so the text reads as ``after``. More than
    :data:`_FEW_CHANGES` changed entries are written by :func:`dumps` (a look through the text each)."""
    # Every entry of a ledger holds one "urls" key, however written: more of them than entries
    # read is an entry written twice (JSON reads the last copy; /tmp/attack48b/r3-…).
    if (after.keys() != previous.keys() or text.count('"urls"') != len(previous)
            or _FOREIGN_ESCAPE.search(text) is not None):
        return dumps(after)
    changed = [(source, entry) for source, entry in after.items() if previous[source] is not entry]
    if len(changed) > _FEW_CHANGES:
        return dumps(after)
    for source, entry in changed:
        old = previous[source]
        old_text = "\n" + _entry_text(source, old) + "\n  }"
        start = text.find(old_text)  # the one copy: no entry is written twice (above)
        if start < 0:
            return dumps(after)
        end = start + len(old_text)
        text = text[:start] + "\n" + _entry_text(source, entry) + "\n  }" + text[end:]
    return text


def write(path: Path, ledger: Ledger, text: str | None = None) -> bool:
    """Write ``ledger`` to ``path`` atomically (a temporary file in the same folder, then a
    rename), and only when its text changed; returns whether it wrote. ``text``: its
    :func:`dumps`, when made already. Never follows a symlink at ``path``. Raises
    :class:`OSError` when the folder is not writable."""
    if text is None:
        text = dumps(ledger)
    if path.is_symlink():
        raise OSError(f"{path} is a symbolic link; not written")
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    # One fixed temporary name: a build killed mid-write leaves at most this one file, reused next time.
    temporary = path.with_name(f".{path.name}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True
