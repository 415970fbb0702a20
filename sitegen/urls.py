"""The only place URLs and output paths are made.

Internally every page has a *site path*: a decoded, absolute path below the site
root that starts and ends with ``/`` (``/2024/11/21/وزير-النقل/``) or names a file
(``/feed.xml``). :func:`href` and :func:`absolute_url` percent-encode it once
(RFC 3986 §2.1, UTF-8) and put it under the base URL's path, so a site served
from ``https://host/news/`` links correctly; :func:`output_file` maps it to a
relative file path in the output folder.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from sitegen.arabic import slugify
from sitegen.config import site_file_path
from sitegen.output_folder import MAX_NAME_BYTES, path_refusal

ARCHIVE_ROOTS = {"section": "sections", "tag": "tags", "author": "authors"}
#: The output folders the search stage fills (its Pagefind bundle and written texts,
#: :mod:`sitegen.search`): no page's or file's path may be at or inside one.
SEARCH_INDEX_FOLDERS = ("search/pagefind", "search/text")


def in_search_index(path: str) -> str | None:
    """The folder of :data:`SEARCH_INDEX_FOLDERS` that the site path ``path`` (with or without
    its leading ``/``) is or lies in, else ``None``."""
    relative = path.strip("/")
    return next((folder for folder in SEARCH_INDEX_FOLDERS
                 if relative == folder or relative.startswith(folder + "/")), None)

#: The output file of the "page not found" page. A host serves it at whatever URL was missing
#: (``/news/2024/11/99/gone/``), so its links cannot be relative to its own place: they are
#: root-relative under the base path whatever ``relative_urls`` says (:func:`sitegen.render`).
NOT_FOUND_FILE = "404.html"

#: Longest URL segment, in UTF-8 bytes. Each segment is a folder name in the output, and
#: ext4, XFS, Btrfs and APFS hold at most 255 bytes a name; the margin leaves room for a
#: ``-2`` duplicate suffix and for ``YYYY-MM-DD-`` before a slug in ``new``'s file names.
MAX_SEGMENT_BYTES = 200
#: Longest segment a permalink pattern may build (``{section}-{slug}``): a name with room for
#: the ``-NN`` a duplicate URL gets (:func:`sitegen.collect.resolve_collisions`).
MAX_PERMALINK_SEGMENT_BYTES = MAX_NAME_BYTES - 5
_DIGEST_CHARS = 8


def fit_segment(segment: str, limit: int = MAX_SEGMENT_BYTES) -> str:
    """``segment`` unchanged when its UTF-8 form fits in ``limit`` bytes; else cut at a
    character boundary and ended with ``-`` and 8 hex digits of its SHA-1, so two long slugs
    that share a beginning still differ and a slug is the same on every build. A four-byte
    script (Gothic, cuneiform, emoji) reaches 255 bytes within 64 characters."""
    data = segment.encode("utf-8")
    if len(data) <= limit:
        return segment
    digest = hashlib.sha1(data).hexdigest()[:_DIGEST_CHARS]
    head = data[: limit - _DIGEST_CHARS - 1].decode("utf-8", errors="ignore").rstrip("-")
    return f"{head}-{digest}"


def clean_path(text: str) -> str:
    """A user-written URL path made safe: each segment slugified; ``..``, ``.``, empty
    segments, backslashes, drive letters, NUL and control characters cannot survive.
    ``"../../etc/passwd"`` → ``"/etc-passwd/"``-like segments, never outside the root.
    """
    segments = []
    for raw in text.replace("\\", "/").split("/"):
        raw = raw.strip()
        if raw in ("", ".", ".."):
            continue
        segments.append(fit_segment(slugify(raw.replace(":", "-"), fallback_seed=raw)))
    return "/" + "".join(f"{s}/" for s in segments)


#: A file name's extension (``.html``, ``.php``, ``.aspx``): 1-5 ASCII letters or digits at the end.
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Characters no portable folder or file name holds (Windows forbids ``<>:"|?*\``; controls nowhere).
_NOT_IN_A_NAME = re.compile(r'[<>:"|?*\\\x00-\x1f\x7f-\x9f]')


def alias_path(text: str) -> str | None:
    """The site path of an old URL written by an editor (front matter ``aliases:``), spelled as
    written so the old link matches: ``/news/1234.html`` stays a file path, ``/أخبار/قديم`` becomes
    ``/أخبار/قديم/`` (a folder, served as ``index.html``). The path is percent-decoded once;
    ``?query`` and ``#fragment`` are dropped (a static file cannot match them); ``.``/``..``/empty
    segments cannot survive, so the result is always below the output folder. A whole old
    ``http(s)://HOST/PATH`` address gives its ``PATH``. ``None`` for any other scheme or a
    host without one (``//host/x``, ``javascript:…``, see :func:`names_another_site`), when nothing is left (the home page), when the decoded path holds
    a character no portable file name may (``<>:"|?*\\`` or a control character) or a segment
    longer than a file name may be (:func:`writable_path`).
    """
    if names_another_site(text):
        old = urlsplit(text.strip())
        if old.scheme.lower() not in ("http", "https") or not old.netloc:
            return None
        text = old.path  # the old address in full, as editors paste it: its path is the alias
    text = unquote(text.split("?", 1)[0].split("#", 1)[0].strip())
    if _NOT_IN_A_NAME.search(text):
        return None
    segments = [s.strip() for s in text.split("/")]
    segments = [s for s in segments if s not in ("", ".", "..")]
    if not segments:
        return None
    is_file = not text.endswith("/") and _EXTENSION.search(segments[-1]) is not None
    path = "/" + "/".join(segments) + ("" if is_file else "/")
    return path if writable_path(path) else None


def writable_path(path: str, root_bytes: int = 0) -> bool:
    """Whether the site path ``path`` can be written below the output folder as it is: it
    starts with ``/``, holds no ``.``, ``..`` or empty segment, no backslash or control
    character, and its output file (:func:`output_file`) fits the file system's limits under a
    folder whose path takes ``root_bytes`` (:func:`sitegen.output_folder.path_refusal`: at most
    :data:`MAX_NAME_BYTES` bytes of UTF-8 a name, less than 4096 the whole path) — longer, the
    file system refuses it (ENAMETOOLONG)."""
    if not path.startswith("/") or "\\" in path or _CONTROL.search(path):
        return False
    relative = output_file(path)
    return (all(name not in ("", ".", "..") for name in relative.split("/"))
            and path_refusal(relative, root_bytes) is None)


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these around/inside a scheme


_URL_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def url_as_read(text: str) -> str:
    """A URL attribute's (decoded) value as a browser reads it before anything else: C0 controls
    and spaces around it removed, then every tab and newline (WHATWG URL Standard, basic URL
    parser): ``" /x"`` and ``"\t/x"`` are the root-relative ``/x``."""
    return _URL_TAB_OR_NEWLINE.sub("", text.strip(_C0_OR_SPACE))


def network_path_url(text: str) -> str | None:
    """``https://HOST/...`` when ``text`` is a network-path reference (RFC 3986 §4.2, a
    "protocol-relative" URL) that a browser or our own decoding would send to another host,
    else ``None``: ``//evil.example/x``, ``/\\evil.example``, ``/%2Fevil.example/x`` and
    ``/%5Cevil.example`` all name ``evil.example``. Browsers drop tabs and newlines anywhere
    and C0 controls or spaces around a URL, and read ``\\`` as ``/`` in http(s) URLs (WHATWG
    URL Standard, "special" schemes); the path is percent-decoded once as :func:`href` does.
    A reference naming no host (``//``) gives ``None`` as well: callers refuse it then."""
    probe = _URL_TAB_OR_NEWLINE.sub("", text).strip(_C0_OR_SPACE)
    probe = unquote(probe.replace("\\", "/")).replace("\\", "/")
    probe = _URL_TAB_OR_NEWLINE.sub("", probe)
    if not probe.startswith("//"):
        return None
    rest = probe.lstrip("/")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].strip(_C0_OR_SPACE)
    return f"https://{rest}" if host else None


def is_network_path(text: str) -> bool:
    """Whether ``text`` starts like ``//host`` once browsers' and our own decoding are applied
    (see :func:`network_path_url`), also when it names no host."""
    probe = unquote(_URL_TAB_OR_NEWLINE.sub("", text).strip(_C0_OR_SPACE).replace("\\", "/"))
    return _URL_TAB_OR_NEWLINE.sub("", probe).replace("\\", "/").startswith("//")


#: A URL scheme of two letters or more (one letter is a Windows drive: ``C:\\x``, made a path).
_LONG_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]+:")


def names_another_site(text: str) -> bool:
    """Whether a front matter ``url:`` is a full address rather than a site path: it starts with a
    scheme (``https:``, ``javascript:``; browsers' ignored characters dropped first) or with
    ``//`` (a host). INTERFACE.md: ``url`` is the article's site path."""
    probe = _IGNORED_IN_SCHEME.sub("", text).lower()
    return bool(_LONG_SCHEME.match(probe)) or _URL_TAB_OR_NEWLINE.sub("", text).strip(_C0_OR_SPACE).startswith("//")


def body_url(value: str) -> str | None:
    """A link or image address of a sanitised body as it should be written: a protocol-relative
    one (``//host/x``, ``/%2Fhost/x``, ``/\\host``) is another site and becomes
    ``https://host/x`` (``None``, dropped, when it names no host); every other value is kept
    (the sanitiser has already refused unsafe schemes)."""
    return network_path_url(value) if is_network_path(value) else value


def safe_link(text: str) -> str | None:
    """A user-written link target (front matter ``image:``, author ``photo:``) if it is an
    http(s) URL or a path on the site, else ``None``.

    ``javascript:``, ``data:``, ``vbscript:`` and every other scheme are refused, also
    when hidden by letter case, spaces or control characters (WHATWG URL parsing strips
    them). A protocol-relative URL (``//host/x``, ``/%2Fhost/x``, ``/\\host``) is another
    site, not a site path: it follows the http(s) rules and is returned as ``https://host/x``
    (``None`` when it names no host). A relative path gets a leading ``/`` so :func:`href`
    puts it under the base path.
    """
    probe = _IGNORED_IN_SCHEME.sub("", text).lower()
    scheme = _SCHEME.match(probe)
    if scheme:
        return text if scheme.group(1) in ("http", "https") else None
    if "://" in text:
        return None
    path = text if text.startswith("/") else "/" + text
    for candidate in (text, path):  # `` //host`` is a network path; ``%2F%2Fhost`` becomes one
        if is_network_path(candidate):
            return network_path_url(candidate)
    return path


#: What :func:`external_url` keeps: RFC 3986's reserved characters (§2.2), its unreserved ones
#: other than letters and digits (§2.3), and ``%`` (an escape already written stays one).
URL_KEEP = ":/?#[]@!$&'()*+,;=%~-._"
#: A ``%`` not followed by two hex digits: no escape (RFC 3986 §2.1), itself to be written ``%25``.
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def external_url(url: str) -> str:
    """An http(s) URL as written by a user (front matter ``image:``, an author's ``photo`` or
    ``links``), made a valid URL for an HTML attribute, JSON-LD or a feed: every character a
    URI may not hold (RFC 3986 §2: space, non-ASCII letters as UTF-8, ``"``, ``<``, ``>``,
    ``\\``, ``^``, `````, ``{``, ``|``, ``}``, controls, and a ``%`` that starts no escape: RFC
    3986 §2.1) percent-encoded, everything else kept, so ``https://x.com/a b`` is
    ``https://x.com/a%20b``, ``sale 50%.jpg`` is ``sale%2050%25.jpg``, and an encoded URL is not
    encoded again."""
    return quote(_STRAY_PERCENT.sub("%25", url), safe=URL_KEEP)


def split_site_link(value: str) -> tuple[str, str]:
    """``(site path, suffix)`` of a link to a file of the site as a user writes it (``favicon:
    brand/i.svg?v=2``, a local ``logo``, an article's ``image``, an author's ``photo``): the
    path before any query or fragment, percent-decoded once, one leading ``/`` (``/brand/i.svg``,
    the file's site path: :func:`sitegen.config.site_file_path`), and the query and fragment as
    a URL may hold them (``?v=2``, :func:`external_url`). A cache-busting query then stays a
    query instead of being encoded into the file name (``i.svg%3Fv%3D2``: a link to no file),
    and ``/images/a%20b.jpg`` (as a browser's address bar shows it) names ``/images/a b.jpg``,
    which :func:`href` and :func:`absolute_url` encode once (``a%20b.jpg``, never ``a%2520b.jpg``)."""
    cut = min((index for index in (value.find("?"), value.find("#")) if index >= 0), default=len(value))
    return site_file_path(value), external_url(value[cut:])


def site_link_url(base_url: str, value: str) -> str:
    """The absolute URL of a user-written link to a file of the site (see :func:`split_site_link`):
    ``("https://x.com/", "/images/a%20b.jpg?v=2")`` → ``https://x.com/images/a%20b.jpg?v=2``."""
    path, suffix = split_site_link(value)
    return absolute_url(base_url, path) + suffix


def permalink(pattern: str, slug: str, date: datetime | None, section_slug: str | None) -> str:
    """The site path of an article from the ``permalink`` pattern.

    ``date`` must already be in the site timezone (the day is the local day, not
    UTC's). Without a date the date fields are dropped (``/{slug}/``). A segment the pattern
    makes longer than :data:`MAX_PERMALINK_SEGMENT_BYTES` (``{section}-{slug}`` of two long
    names) is cut by :func:`fit_segment`, so every permalink can be a folder name.
    """
    values = {"slug": slug, "section": section_slug or "", "year": "", "month": "", "day": ""}
    if date is not None:
        values.update(year=f"{date.year:04d}", month=f"{date.month:02d}", day=f"{date.day:02d}")
    path = pattern
    for name, value in values.items():  # plain substitution: config allows no format specs
        path = path.replace(f"{{{name}}}", value)
    segments = [fit_segment(s, MAX_PERMALINK_SEGMENT_BYTES) for s in path.split("/") if s]
    return "/" + "".join(f"{s}/" for s in segments)


@lru_cache(maxsize=None)
def term_slug(name: str) -> str:
    """The URL segment of a section, tag or author name (cached: every page asks for it)."""
    return fit_segment(slugify(name))


def term_path_for(kind: str, name: str) -> str:
    """The archive path of a term by its display name: ``("tag", "كرة القدم")`` → ``/tags/كرة-القدم/``."""
    return term_path(kind, term_slug(name))


def term_path(kind: str, slug: str) -> str:
    """``/sections/SLUG/``, ``/tags/SLUG/`` or ``/authors/SLUG/``."""
    return f"/{ARCHIVE_ROOTS[kind]}/{slug}/"


def page_path(first: str, number: int) -> str:
    """Page ``number`` (1-based) of a paginated list whose first page is ``first``."""
    return first if number == 1 else f"{first}page/{number}/"


def output_file(path: str) -> str:
    """The file under the output folder for a site path: ``/a/b/`` → ``a/b/index.html``."""
    relative = path.lstrip("/")
    if not relative or relative.endswith("/"):
        return relative + "index.html"
    return relative


@lru_cache(maxsize=4096)
def encode(path: str) -> str:
    """Percent-encode a decoded path once (UTF-8), keeping ``/``. The last few thousand paths
    are kept: a site's pages link the same section, tag and author pages over and over
    (quoting an Arabic path: ~2.6 µs; at 10,000 articles ~0.25 s of a clean build's CPU)."""
    return quote(path, safe="/-._~")


def href(base_path: str, path: str) -> str:
    """A root-relative link for use inside the site: ``/news/`` + encoded ``path``. Leading
    slashes are one, so no path gives a protocol-relative ``//host`` link."""
    return base_path.rstrip("/") + "/" + encode(path.lstrip("/"))


def relative_href(from_file: str, path: str) -> str:
    """A link from the output file ``from_file`` (``2024/11/21/x/index.html``) to the site
    path ``path`` that works without a server: relative, and naming ``index.html``."""
    target = output_file(path)
    start = posixpath.dirname(from_file) or "."
    return encode(posixpath.relpath(target, start))


def absolute_url(base_url: str, path: str) -> str:
    """An absolute ASCII URL (canonical links, feeds, sitemaps)."""
    return base_url.rstrip("/") + encode(path)
