"""The search stage: a Pagefind index of every article, written into the staged output.

Pagefind (installed from PyPI as ``pagefind[bin]``, a binary wheel) builds a static index
that the search page (``search/``, ``static/js/search.js``) queries in the browser: no
server. Each article is one Pagefind record of its headline, subtitle and body:

* ``content`` (what Pagefind indexes) is the words as written followed by the
  :func:`search_key` of each, so spelling variants meet. Pagefind's own Arabic stemmer
  already folds diacritics, tatweel, alef forms, alef maqsura, taa marbuta and
  Arabic-Indic digits, but not the prefixes و, ال, بال (measured: bench/RESULTS.md); the
  search page normalises the query with the same rules (``static/js/search.js``).
* The page shows the excerpt from the words as written and marks the words Pagefind
  found: a match on key ``i`` marks written word ``i``.

Only articles are indexed: navigation, footers and related lists never reach the index.
Pagefind cannot update an index in place, so every build writes the whole index anew.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from sitegen import urls
from sitegen.arabic import fold_for_matching, strip_prefixes
from sitegen.errors import Diagnostic, Severity
from sitegen.model import Article, Site
from sitegen.plan import SEARCH_PAGE
from sitegen.render import Formatter

#: Where the index goes in the output folder, beside the search page (:data:`plan.SEARCH_PAGE`).
BUNDLE_DIR = "search/pagefind"


@lru_cache(maxsize=1 << 18)  # news vocabulary repeats: most words of a build are cache hits
def search_key(word: str) -> str:
    """The form under which one word is indexed and looked up: :func:`fold_for_matching`
    then :func:`strip_prefixes` (``"وَالحُكومة"`` → ``"حكومه"``). A word that folds to nothing
    (a lone tatweel or diacritic) stays as written, so every word keeps its place."""
    folded = fold_for_matching(word)
    return strip_prefixes(folded) if folded else word


def article_words(article: Article) -> list[str]:
    """The words of the headline, subtitle and body blocks, in reading order, split at
    whitespace as written (punctuation stays attached, as the reader sees it)."""
    parts = [article.display_title, article.subtitle or ""] + [block.text for block in article.blocks]
    return " ".join(parts).split()


def article_record(article: Article, site: Site, fmt: Formatter) -> dict:
    """The Pagefind record of one article, as keyword arguments of ``add_custom_record``.

    ``url`` is the link as the search page writes it (under the base path, or relative to
    ``search/index.html``), with the shown ``date`` (site locale and digits) and ``section``
    in its fragment (``#date=…&section=…``, form-encoded), which the page reads and drops.
    They cannot go in ``meta``, whose values Pagefind searches (a search for «أكتوبر» would
    find every October article), nor in ``filters``, which Pagefind writes in a different
    order on every run (measured with pagefind 1.5), breaking reproducible builds. ``meta``
    is the ``title`` only. ``content`` is every word as written, then the :func:`search_key`
    of every word in the same order: ``2n`` words, word ``n + i`` the key of word ``i``, so a
    match at position ``p >= n`` is shown on word ``p - n``.
    """
    words = article_words(article)
    config = site.config
    if config.relative_urls:
        link = urls.relative_href(SEARCH_PAGE, article.url)
    else:
        link = urls.href(config.base_path, article.url)
    shown = {}
    if article.date is not None:
        shown["date"] = fmt.date(article.date, "long")
    if article.section:
        shown["section"] = article.section
    return {"url": f"{link}#{urlencode(shown)}" if shown else link,
            "content": " ".join(words + [search_key(w) for w in words]),
            "language": config.lang, "meta": {"title": article.display_title}}


def pagefind_executable() -> Path | None:
    """The Pagefind binary the ``pagefind`` package would run (``PAGEFIND_BINARY_PATH``, the
    ``pagefind_bin`` wheels, or one on ``PATH``); ``None`` when there is none."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    executable = get_executable()
    return executable if executable is not None and executable.is_file() else None


def write_index(site: Site, stage: Path) -> list[Diagnostic]:
    """Write the Pagefind index of ``site``'s articles into ``stage/search/pagefind/``.

    Returns a ``search-skipped`` warning (and leaves no index) when the Pagefind binary is
    missing or fails; the rest of the site is unaffected. Cost: bench/bench_search.py.
    """
    executable = pagefind_executable()
    if executable is None:
        return [_skipped("the Pagefind binary is not installed",
                         "install it with `pip install \"pagefind[bin]\"` (sitegen's own dependency)")]
    fmt = Formatter(site.config)
    bundle = stage / BUNDLE_DIR
    try:
        if bundle.exists():  # a reused staging folder holds an older index: its files would linger
            shutil.rmtree(bundle)
        with PagefindService(executable) as service:
            index_id = service.call({"type": "NewIndex", "config": {}})["index_id"]
            service.call_many({"type": "AddRecord", "index_id": index_id, **article_record(article, site, fmt)}
                              for article in site.articles)
            service.call({"type": "WriteFiles", "index_id": index_id, "output_path": str(bundle)})
            settled(bundle)
    except (OSError, ValueError, RuntimeError, TimeoutError) as exc:
        shutil.rmtree(bundle, ignore_errors=True)
        return [_skipped(f"Pagefind failed: {type(exc).__name__}: {exc}",
                         "run `python -m pagefind --version` to check the installation")]
    return []


class PagefindService:
    """``pagefind --service``: requests and answers are base64 JSON, each followed by ``,``
    (the protocol of Pagefind's own Node and Python wrappers, pagefind/src/service).

    The ``pagefind`` package's asyncio wrapper reads each answer after a fixed 0.1 s pause:
    100 s for 1,000 articles (measured), so records go through this synchronous client.
    ``call`` and ``call_many`` raise ``RuntimeError`` for an error answer or a service that stopped.
    """

    def __init__(self, executable: Path):
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = bytearray()
        self.message_id = 0

    def __enter__(self) -> "PagefindService":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.process.stdin.close()  # at end of input the service exits by itself
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def call(self, payload: dict) -> dict:
        """Send one request and return its answer's payload."""
        return self.call_many([payload])[-1]

    def call_many(self, payloads) -> list[dict]:
        """Send every request, then read the answers in order (the service reads its input on a
        thread of its own, so writing ahead never blocks it; one round trip per request cost
        seconds on a busy machine)."""
        first = self.message_id + 1
        for payload in payloads:
            self.message_id += 1
            request = {"message_id": self.message_id, "payload": payload}
            self.process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        self.process.stdin.flush()
        answers = []
        for message_id in range(first, self.message_id + 1):
            answer = json.loads(base64.b64decode(self._read_message()))
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error" or answer.get("message_id") != message_id:
                raise RuntimeError(f"Pagefind answered {payload.get('message') or payload.get('type')!r}")
            answers.append(payload)
        return answers

    def _read_message(self) -> bytes:
        while (end := self.buffer.find(b",")) < 0:
            chunk = self.process.stdout.read1(65536)
            if not chunk:
                raise RuntimeError("the Pagefind service stopped")
            self.buffer += chunk
        message = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return message


def settled(bundle: Path, timeout: float = 30.0, poll: float = 0.02) -> None:
    """Return once every file of the written bundle has its bytes.

    Pagefind's service answers WriteFiles while some of its file writes are still under way;
    ending the process then left empty files under load (measured: 2 of 12 parallel builds,
    pagefind 1.5). So before the process is ended, wait until no file is empty,
    ``pagefind-entry.json`` parses and no size changed between two looks. Raises
    ``TimeoutError`` after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
        if sizes and all(sizes.values()) and sizes == previous and _entry_ok(bundle):
            return
        previous = sizes
        time.sleep(poll)
    raise TimeoutError(f"the files in {bundle} were still being written after {timeout:.0f} s")


def _entry_ok(bundle: Path) -> bool:
    try:
        return "languages" in json.loads((bundle / "pagefind-entry.json").read_bytes())
    except (OSError, ValueError):
        return False


def _skipped(why: str, hint: str) -> Diagnostic:
    return Diagnostic(path=BUNDLE_DIR, code="search-skipped", severity=Severity.WARNING,
                      message=f"search index not written: {why}; the search page will say search is unavailable",
                      hint=hint)
