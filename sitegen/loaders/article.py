"""One content file → one :class:`~sitegen.model.Article` (both formats).

``*.md`` / ``*.markdown``: front matter + Markdown body. ``*.txt``: a raw page
dump read by :mod:`sitegen.loaders.reader`, optionally topped with a front matter
block whose keys win over what was extracted.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from sitegen.arabic import clean_inline, count_clean_words, count_words
from sitegen.config import Config
from sitegen.errors import Diagnostic, Severity, SitegenError, shortened
from sitegen.hijri import hijri_date
from sitegen.loaders import RAW_SUFFIXES
from sitegen.loaders.encoding import decode
from sitegen.loaders.fields import (
    as_bool, as_text, as_text_list, bad_value, is_blank, parse_date_value, parse_expires_value, unknown_key_warnings,
    written_day,
)
from sitegen.loaders.frontmatter import split_front_matter
from sitegen.loaders.line_text import OTHER_LINE_ENDS
from sitegen.loaders.one_value import one_value_each
from sitegen.body_limits import (
    MAX_ANGLE_BRACKETS, MAX_BLOCK_CUT_WORK, MAX_BLOCKS, MAX_BODY_INLINE_MARKS, MAX_HTML_DEPTH, MAX_HTML_TAGS,
    MAX_INLINE_MARKS, MAX_INLINE_WORK, MAX_QUOTED_LINES, MAX_TABLE_CELLS, angle_brackets_over, block_cuts_over,
    blocks_over, html_tags_over, html_too_deep, inline_marks_over, inline_marks_total_over, inline_work_over,
    quoted_lines_over, table_cells_over,
)
from sitegen.markup import blocks_to_html, html_to_blocks, markdown_body, markdown_to_html
from sitegen.model import MARKDOWN, RAW, Article, Block
from sitegen.arabic import slugify
from sitegen.urls import alias_path, body_url, clean_path, fit_segment, in_search_index, names_another_site, safe_link

SUMMARY_MAX_CHARS = 200
UNTITLED_WORDS = 8
#: A Markdown body whose first non-blank line is a level-1 ATX heading (``# Title``, CommonMark:
#: ``#`` then a space or tab); group ``line`` is that line.
_TITLE_HEADING = re.compile(r"\A(?:[ \t]*\n)*(?P<line>#[ \t][^\n]*)(?:\n|\Z)")
#: A well-formed BCP 47 language tag (RFC 5646 §2.1, without grandfathered and private-use
#: forms): language, optional script, optional region, then variants and extensions.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{1,8})*")
#: Newsroom front matter keys read here (INTERFACE.md "Newsroom additions").
NEWSROOM_KEYS = frozenset({"aliases", "correction"})
#: Most lines a raw page dump may hold (:func:`dump_lines_over`). The dump reader describes and
#: scores every line against its rules (:mod:`sitegen.loaders.lines`): ~50–350 µs a line, the
#: most for lines of a sentence or two, ~8 µs a blank one (a 1.3 MB dump of 100,000 short lines
#: took 8.7 s; 19,000 lines of 20 words, 4.2 MB, 6 s). A whole web page's text, menus, footer and
#: comments included, runs to a few hundred lines, a few thousand at most (the longest in the
#: shared corpus: 471); 10,000 are read in 1–3.5 s.
MAX_DUMP_LINES = 10_000
#: What ends a line of a raw dump (CRLF is one end: :func:`dump_lines_over`), as the dump reader cuts it.
_LINE_ENDS = ("\n", *OTHER_LINE_ENDS)


#: The checks a Markdown body passes before it is rendered, in order: ``(finder of the 1-based
#: body line where the limit is passed or None, code, message, hint)`` (:mod:`sitegen.body_limits`).
#: Each guards a cost that grows worse than linearly, a memory that grows large, or a linear cost
#: too high for one file, in the libraries that read the body.
_BODY_LIMITS = (
    # checked first: the sanitiser takes time quadratic in the depth
    (html_too_deep, "too-deep",
     f"raw HTML nested too deeply (elements more than {MAX_HTML_DEPTH} levels inside each other from this line "
     "on); nothing read",
     "close each HTML tag you open (<div> … </div>), or remove the pasted HTML"),
    # Python-Markdown's time is quadratic in the number of tags side by side
    (html_tags_over, "too-large",
     f"more than {MAX_HTML_TAGS:,} raw HTML tags (the limit is passed on this line); nothing read",
     "split the article, or write it without the pasted HTML (Markdown tables, lists and **bold** need no tags)"),
    # Python-Markdown's raw HTML pass reads every ``<`` apart, ~5-25 µs each
    (angle_brackets_over, "too-large",
     f"more than {MAX_ANGLE_BRACKETS:,} «<» (tags, comments and bare ones; the limit is passed on this line); "
     "nothing read",
     "split the article, or write «<» in its text as &lt; and remove repeated HTML comments"),
    # Python-Markdown's inline patterns grow worse than linearly in one paragraph
    (inline_marks_over, "too-large",
     f"the paragraph (or list item) from this line holds more than {MAX_INLINE_MARKS:,} inline markup characters "
     "(` * _ [ & \\) and line breaks (lines ending in two spaces); nothing read",
     "split the paragraph at blank lines, or remove the repeated markup (entities such as &amp;, backslashes, "
     "spaces at the ends of lines)"),
    # ... and each match costs it tens of µs, however short the paragraphs
    (inline_marks_total_over, "too-large",
     f"more than {MAX_BODY_INLINE_MARKS:,} inline markup characters (` * _ [ & \\) and line breaks in all (the "
     "limit is passed in the paragraph from this line); nothing read",
     "split the article into several files, or remove the repeated markup"),
    # ... and in the number of marks times the paragraph's length
    (inline_work_over, "too-large",
     "paragraphs too long for their inline markup: the marks (` * _ [ & \\ <, and line breaks) of each, times "
     f"its length and their number, come to more than {MAX_INLINE_WORK:,} by the paragraph from this line; "
     "nothing read",
     "split long paragraphs at blank lines, or remove the repeated markup"),
    # Python-Markdown's tables take ~0.8 KB of memory a cell
    (table_cells_over, "too-large",
     f"the table from this line holds more than {MAX_TABLE_CELLS:,} cells (|); nothing read",
     "split the table, or publish it as a file to download and link to it"),
    # Python-Markdown's block parser is quadratic in the number of blocks, and reads each list item apart
    (blocks_over, "too-large",
     f"more than {MAX_BLOCKS:,} blocks (paragraphs, headings and other text between blank lines, and list items; "
     "the limit is passed on this line); nothing read",
     "split the article into several files, or remove the extra blank lines"),
    # ... and in the length of a block it cuts at many lines
    (block_cuts_over, "too-large",
     "long paragraphs cut by many headings (#), rules or underlines (---, ===) or link definitions ([x]: …): those "
     f"lines, each counted once per character of its paragraph, come to more than {MAX_BLOCK_CUT_WORK:,} by the "
     "paragraph from this line; nothing read",
     "put a blank line before and after each heading, rule and link definition"),
    # Python-Markdown parses every level of a quote again
    (quoted_lines_over, "too-large",
     "quotes nested too deeply for their length: their lines, each counted once per level of quoting (>), come "
     f"to more than {MAX_QUOTED_LINES:,} by the paragraph from this line; nothing read",
     "quote at most a few levels deep (> > text), and check the lines that start with many >"),
)


@dataclass(frozen=True)
class Loaded:
    """A loaded article and the warnings found while loading it."""

    article: Article
    warnings: tuple[Diagnostic, ...]


def read_text(path: Path, source: str, max_bytes: int, data: bytes | None = None) -> str:
    """The file's decoded text (LF line endings); ``data``: its bytes, read already (the file
    is then not looked at). Raises :class:`SitegenError` (``too-large``, ``empty``,
    ``unreadable``, ``undecodable``)."""
    if data is not None:
        if len(data) > max_bytes:
            raise _too_large(source, len(data), max_bytes)
        return _decoded(data, source)
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise SitegenError(Diagnostic(path=source, code="unreadable", message="not a regular file",
                                          hint="content files must be plain files"))
        data = b""
        if size <= max_bytes:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)  # the file may have grown since stat()
        size = max(size, len(data))
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
    except OSError as exc:
        raise SitegenError(Diagnostic(path=source, code="unreadable", message=str(exc.strerror or exc),
                                      hint="check that the file exists and can be read")) from None
    return _decoded(data, source)


def dump_lines_over(text: str, limit: int = MAX_DUMP_LINES) -> int | None:
    """The 1-based line of ``text`` (a raw dump) just past its first ``limit`` lines, or ``None``
    when it has no more. Lines end at LF, CRLF, a lone CR, NEL, U+2028 or U+2029, as the dump
    reader cuts them (:func:`sitegen.loaders.lines.cut_lines`), and the end of the last line
    ends the text (no empty line after it); counted without cutting them, linear time."""
    ends = sum(text.count(end) for end in _LINE_ENDS) - text.count("\r\n")
    lines = ends + (not text.endswith(_LINE_ENDS))
    return limit + 1 if lines > limit else None


def _too_large(source: str, size: int, max_bytes: int) -> SitegenError:
    return SitegenError(Diagnostic(path=source, code="too-large",
                                   message=f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                                   hint="split it, or raise max_file_bytes in site.yaml"))


def _decoded(data: bytes, source: str) -> str:
    if not data.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
        raise SitegenError(Diagnostic(path=source, code="empty", message="file is empty",
                                      hint="write the article or delete the file"))
    return decode(data, source)


def summarize(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """Plain ``text`` cut at a whole word to at most ``limit`` characters, with ``…`` when cut."""
    text = clean_inline(text)
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:limit]
    return (cut.rstrip("،,;؛:.-–— ") or text[:limit]) + "…"


def direction_of(lang: str) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 / CLDR language tag (CLDR character order); ``ltr`` if unknown."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def _language_tag(written: str | None, source: str, warnings: list[Diagnostic]) -> str | None:
    """The front matter ``lang:`` as a BCP 47 tag for ``lang`` attributes (``ar_EG`` → ``ar-EG``),
    or ``None`` (with a ``bad-value`` warning: the site's language is used) when it is not a
    well-formed tag (:data:`_LANGUAGE_TAG`): ``<article lang="arabic">`` is invalid HTML."""
    if not written:
        return None
    tag = written.strip().replace("_", "-")
    if _LANGUAGE_TAG.fullmatch(tag):
        return tag
    warnings.append(Diagnostic(path=source, code="bad-value", severity=Severity.WARNING, field="lang",
                               message=f"lang: {written!r} is not a language tag; the site's language is used",
                               hint="write a BCP 47 tag, e.g. lang: en or lang: ar-EG"))
    return None


def load_article(path: Path, source: str, config: Config, site_chrome: frozenset[str] = frozenset(),
                 data: bytes | None = None) -> Loaded:
    """Load one content file. ``source`` is the path as the user should see it;
    ``site_chrome`` the lines the site repeats across its raw dumps
    (:func:`sitegen.loaders.sitechrome.learn_site_chrome`), used for raw dumps only; ``data``
    the file's bytes when they were read already.

    Raises :class:`SitegenError` when the file cannot become an article (the
    build skips it and exits 1).
    """
    text = read_text(path, source, config.max_file_bytes, data)
    front = split_front_matter(text, source)
    known_here = {key: value for key, value in front.data.items() if key not in NEWSROOM_KEYS}
    warnings = list(front.warnings) + unknown_key_warnings(known_here, source)
    data, left_out = one_value_each(front.data, source, front.key_lines)
    warnings += left_out
    if path.suffix.lower() in RAW_SUFFIXES:
        if (past := dump_lines_over(front.body)) is not None:
            raise SitegenError(Diagnostic(
                path=source, line=past + front.body_line - 1, code="too-large",
                message=f"the page dump has more than {MAX_DUMP_LINES:,} lines (the limit is passed on this line); a "
                        "whole web page's text runs to a few thousand at most; nothing read",
                hint="keep only the article's page in the file (its headline, date and text), or split the dump "
                     "into one file per article"))
        if _html_source(front.body):  # judged before reading: the reader finds "headlines" in markup
            raise _html_source_error(source)
        fields = _raw_fields(front.body, config, site_chrome)
        if not fields.get("title") and not fields.get("blocks") and _mostly_tagged(front.body):
            raise _html_source_error(source)
        for lineno, problem in fields.pop("problems"):
            warnings.append(Diagnostic(path=source, line=lineno + front.body_line - 1, code="bad-date",
                                       severity=Severity.WARNING, message=problem,
                                       hint="correct the date line, or give date: in front matter"))
        if fields.pop("unsure"):
            warnings.append(Diagnostic(path=source, code="unsure-extraction", severity=Severity.WARNING,
                                       message="no clear headline or article body found in this page dump; "
                                               "published from what was found",
                                       hint=f"check it with `sitegen extract --explain {source}`, or add "
                                            "title: (and date:) in a front matter block at the top"))
    else:
        for over, code, message, hint in _BODY_LIMITS:
            at = over(front.body)
            if at is not None:
                raise SitegenError(Diagnostic(path=source, line=at + front.body_line - 1, code=code,
                                              message=message, hint=hint))
        try:
            fields = _markdown_fields(front.body, config, title_from_body="title" not in data)
        except RecursionError:  # Python-Markdown recurses once per level of nested lists and quotes
            raise SitegenError(Diagnostic(path=source, code="too-deep", message="Markdown nested too deeply "
                                          "(lists or quotes inside each other hundreds of levels deep)",
                                          hint="check the lines that start with - or > many times")) from None
    try:
        fields.update(_front_matter_fields(data, source, config))
    except SitegenError as exc:
        raise SitegenError(*(replace(d, line=d.line or front.key_lines.get(d.field)) for d in exc.diagnostics)) from None
    warnings += _rewritten_slug_warnings(data, fields, source, front.key_lines)
    if config.hijri and fields.get("date"):
        day = fields["date"].astimezone(config.timezone).date()
        if hijri_date(day.year, day.month, day.day) is None:
            warnings.append(Diagnostic(
                path=source, line=front.key_lines.get("date"), field="date", code="hijri-range", severity=Severity.WARNING,
                message=f"{day.isoformat()} is outside the Umm al-Qura calendar (1924-08-01 to 2077-11-16); "
                        "the article is shown without a Hijri date",
                hint="check the year of date:"))
    if fields.get("expires") and fields.get("date") and fields["expires"] <= fields["date"]:
        warnings.append(Diagnostic(
            path=source, line=front.key_lines.get("expires"), field="expires", code="expires-before-date",
            severity=Severity.WARNING,
            message=f"expires ({_as_written(data, 'expires', fields['expires'])}) is not after date "
                    f"({_as_written(data, 'date', fields['date'])}): the article is never shown",
            hint="check the two dates, or remove expires:"))
    warnings += _changed_before_published(fields, data, front.key_lines, source, config)
    if fields.get("image"):
        image, fields["image"] = fields["image"], safe_link(fields["image"])
        if fields["image"] is None:
            warnings.append(Diagnostic(path=source, code="unsafe-url", severity=Severity.WARNING,
                                       message=f"image: {image!r} is not an http(s) URL or a site path; left out",
                                       hint="write e.g. image: /images/photo.jpg or https://…"))
    warnings += _empty_alias_warnings(data.get("aliases"), source, front.key_lines.get("aliases"))
    if fields.get("aliases"):
        fields["aliases"] = _alias_paths(fields["aliases"], source, warnings, front.key_lines.get("aliases"))
    return _assemble(fields, source, config, warnings)


def _plainly(text: str) -> str:
    """``text`` as it is meant when written as a slug: trimmed, lower case, spaces as ``-``."""
    return "-".join(text.lower().split())


def _rewritten_slug_warnings(data: dict, fields: dict, source: str, key_lines) -> list[Diagnostic]:
    """A ``slug-rewritten`` warning for a front matter ``slug:`` or ``url:`` the article is not
    published under as written (beyond case, spaces and the slashes around a path): characters
    a URL slug drops (``عاجل!``, ``x.html``), ``..`` segments, a slug cut to its length limit,
    or one with no letter left (``article-…``). It names the value written and the one used; a
    ``url:`` of the home page (``/``, or one of which nothing is left) says the permalink is used."""
    warnings = []
    written = data.get("slug")
    if isinstance(written, (str, int)) and not isinstance(written, bool) and fields.get("slug"):
        used = fit_segment(fields["slug"])
        if used != _plainly(str(written)):
            warnings.append(Diagnostic(path=source, line=key_lines.get("slug"), code="slug-rewritten",
                                       severity=Severity.WARNING, field="slug",
                                       message=f"slug: {str(written)!r} is not a URL slug as written; "
                                               f"the slug used is {used!r}",
                                       hint=f"write slug: {used} to say so, or another slug of letters, digits "
                                            "and hyphens"))
    written = data.get("url")
    if isinstance(written, str) and fields.get("url"):
        used = fields["url"]
        meant = "/" + "".join(f"{_plainly(part)}/" for part in written.split("/") if part.strip())
        if used == "/":  # the home page's path, or nothing left of the value: the permalink is used
            warnings.append(Diagnostic(path=source, line=key_lines.get("url"), code="slug-rewritten",
                                       severity=Severity.WARNING, field="url",
                                       message=f"url: {written!r} leaves no path below the home page; the "
                                               "article is published at its permalink instead",
                                       hint="remove url: to use the permalink, or write a path of its own "
                                            "(url: /news/my-story/)"))
        elif used != meant:
            warnings.append(Diagnostic(path=source, line=key_lines.get("url"), code="slug-rewritten",
                                       severity=Severity.WARNING, field="url",
                                       message=f"url: {written!r} is not a site path as written; the path used "
                                               f"is {used!r}",
                                       hint=f"write url: {used} to say so (each part letters, digits and hyphens; "
                                            "the page is the folder's index.html)"))
    return warnings


#: An HTML tag (``<p>``, ``</div>``, ``<img src=…>``, ``<!-- …``), at most 300 characters long.
_TAG = re.compile(r"<[A-Za-z/!][^<>\n]{0,300}>")
#: A raw dump with tags on at least this share of its non-blank lines, from which the reader
#: found no title and no text, is HTML source.
HTML_SOURCE_SHARE = 0.5
#: A raw dump in which at least this share of the non-blank lines are tags and nothing else
#: (``<div class="…">``, ``</div>``) is HTML source, whatever the reader finds in it. The
#: saved pages of seven news sites have 23–85% such lines (the one at 23% opens with a
#: doctype); a text dump has none or a stray one (a line holding text around a quoted tag is
#: not one).
HTML_SOURCE_MARKUP_SHARE = 1 / 3
#: An HTML document's first tag: a doctype, ``<html>`` or ``<head>`` (a page saved from a
#: browser's "view source" often opens with ``<head>``).
_HTML_DOCUMENT_TAG = re.compile(r"<(?:!doctype\s+html|html|head)[\s>]", re.IGNORECASE)


def _html_source_error(source: str) -> SitegenError:
    """The ``html-source`` error for the raw dump ``source``."""
    return SitegenError(Diagnostic(
        path=source, code="html-source", message="this looks like a page's HTML source, not its text "
        "(it opens with <!DOCTYPE html>, <html> or <head>, or many of its lines are bare tags); nothing read",
        hint="open the page in a browser, select all and copy its text into the file — or save the "
             "article as Markdown"))


def _opens_as_html(text: str) -> bool:
    """Whether ``text`` opens, after white space and comments, with an HTML document's first
    tag (:data:`_HTML_DOCUMENT_TAG`). One pass (each comment is skipped with ``str.find``)."""
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith("<!--", pos):
            return _HTML_DOCUMENT_TAG.match(text, pos) is not None
        end = text.find("-->", pos + 4)
        if end < 0:
            return False
        pos = end + 3


def _html_source(text: str) -> bool:
    """Whether ``text`` is HTML source rather than a page's text (a "view source" saved as
    .txt), judged on the whole text: it opens as an HTML document (:func:`_opens_as_html`), or
    at least :data:`HTML_SOURCE_MARKUP_SHARE` of its non-blank lines are tags only. A dump
    that quotes a tag in a sentence (``<br>``) or whose lines each carry one amid text is
    neither."""
    if _opens_as_html(text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    markup = sum(1 for line in lines if _TAG.search(line) and not _TAG.sub("", line).strip())
    return bool(lines) and markup >= HTML_SOURCE_MARKUP_SHARE * len(lines)


def _mostly_tagged(text: str) -> bool:
    """Whether tags are on at least :data:`HTML_SOURCE_SHARE` of ``text``'s non-blank lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and sum(1 for line in lines if _TAG.search(line)) >= HTML_SOURCE_SHARE * len(lines)


def _empty_alias_warnings(written, source: str, line: int | None) -> list[Diagnostic]:
    """A ``bad-value`` warning (at ``line``, that of the ``aliases:`` key) for an ``aliases:``
    written as empty text (``aliases: ""``) or holding empty items (``aliases: [/a, ""]``): an
    empty alias names no old address and is left out. ``aliases:`` alone or ``[]`` says nothing."""
    if isinstance(written, list):
        empty = sum(1 for item in written if isinstance(item, str) and is_blank(item))
    else:
        empty = int(isinstance(written, str) and is_blank(written))
    if not empty:
        return []
    what = "is empty" if isinstance(written, str) else f"holds {empty} empty item{'s' if empty > 1 else ''}"
    return [Diagnostic(path=source, line=line, code="bad-value", severity=Severity.WARNING, field="aliases",
                       message=f"aliases: {shortened(repr(written))} {what}: no old address to redirect; left out",
                       hint="delete the empty alias, or write the old address's path, e.g. aliases: [/news/1234.html]")]


def _alias_paths(written: tuple[str, ...], source: str, warnings: list[Diagnostic],
                 line: int | None = None) -> tuple[str, ...]:
    """Site paths of the ``aliases:`` an editor wrote (see :func:`sitegen.urls.alias_path`), in
    order, each once; one that cannot be a path gets an ``unsafe-url`` warning (at ``line``, that
    of the ``aliases:`` key) and is left out, the article is still built. A full address (what
    ``url:`` refuses: :func:`sitegen.urls.names_another_site`) is told to give its path instead."""
    paths: list[str] = []
    for text in written:
        path = alias_path(text)
        if path is None and names_another_site(text):
            local = urlsplit(text.strip()).path if text.strip().lower().startswith(("http://", "https://")) else ""
            example = local if alias_path(local) else "/news/1234.html"
            warnings.append(Diagnostic(path=source, line=line, code="unsafe-url", severity=Severity.WARNING,
                                       field="aliases",
                                       message=f"aliases: {text!r} is a full address (a scheme or a host), not a "
                                               "path of this site; left out",
                                       hint=f"write the old address's path on this site, e.g. aliases: [{example}]"))
        elif path is None:
            warnings.append(Diagnostic(path=source, line=line, code="unsafe-url", severity=Severity.WARNING,
                                       field="aliases",
                                       message=f"aliases: {text!r} is not a path a static site can hold; left out",
                                       hint='write the old address as a path, e.g. aliases: [/news/1234.html] (no '
                                            '< > : " | ? * \\ or control characters, each part at most 255 bytes, '
                                            'the whole under 4096)'))
        elif path not in paths:
            paths.append(path)
    return tuple(paths)


def _markdown_fields(body: str, config: Config, title_from_body: bool = False) -> dict:
    """Body HTML and blocks of a Markdown body. With ``title_from_body`` (no ``title:`` in front
    matter) a first line ``# Title`` is the title (its plain text) and is left out of the body."""
    fields: dict = {"format": MARKDOWN}
    heading = _TITLE_HEADING.match(body) if title_from_body else None
    if heading:
        title_blocks = html_to_blocks(markdown_to_html(heading["line"]), sanitised=True)  # plain text, markup dropped
        if title_blocks and title_blocks[0].kind == "heading":
            fields["title"] = title_blocks[0].text
            body = body[heading.end():]
    body_html, blocks = markdown_body(body, trusted=config.trusted_html, embed_hosts=config.embed_hosts,
                                      url_filter=body_url)
    fields.update(body_html=body_html, blocks=blocks)
    return fields


def _raw_fields(body: str, config: Config, site_chrome: frozenset[str]) -> dict:
    """Everything the dump reader recovered from a raw page dump (``unsure``: it found no
    clear headline or body)."""
    from sitegen.loaders import reader  # dumps only: its rules are ~a fifth of sitegen's import time

    found = reader.extract(body, config.timezone, site_chrome)
    return {"unsure": not found.confident, "problems": found.problems,
        "format": RAW, "title": found.title, "subtitle": found.subtitle, "date": found.date, "updated": found.updated,
        "date_only": found.date_only, "updated_only": found.updated_only,
        "site_name": found.site_name, "masthead": found.masthead, "byline": found.byline,
        "dateline": found.dateline, "blocks": found.blocks, "body_html": blocks_to_html(found.blocks),
    }


def _as_written(data: dict, key: str, moment: datetime) -> str:
    """Front matter date ``key`` for a message: a day alone as the writer wrote it
    (``2025-01-05``, no invented time), else ``moment``, the instant read (ISO 8601 with its offset)."""
    day = written_day(data.get(key))
    return day.isoformat() if day is not None else moment.isoformat()


def _changed_before_published(fields: dict, data: dict, key_lines: dict, source: str, config: Config) -> list[Diagnostic]:
    """An ``updated-before-date`` warning when the article's last change (``updated:`` or
    ``lastmod:``, or a dump's printed "last updated" under a front matter ``date:``) is before its
    publication — a slip while writing a correction — and ``fields`` then say it changed at its
    publication: ``updated`` (and ``updated_only``) become ``date`` (and ``date_only``), so the
    page's «آخر تحديث», the correction note, ``corrections/``, the feeds and JSON-LD
    ``dateModified`` agree (README "Corrections and dates": a change is never written as earlier
    than the publication). A day-only ``updated:`` on the publication's own local day (published
    at 15:00, corrected that day) is no slip and stays. The warning names the line of the key."""
    updated, published = fields.get("updated"), fields.get("date")
    if updated is None or published is None:
        return []
    if fields.get("updated_only"):
        tz = config.timezone
        before = updated.astimezone(tz).date() < published.astimezone(tz).date()
    else:
        before = updated < published
    if not before:
        return []
    fields["updated"], fields["updated_only"] = published, fields.get("date_only", False)
    date_text = _as_written(data, "date", published)
    key = next((k for k in ("lastmod", "updated") if data.get(k) is not None), None)  # lastmod: wins, as read
    if key is None:
        return [Diagnostic(path=source, line=key_lines.get("date"), field="date", code="updated-before-date",
                           severity=Severity.WARNING,
                           message=f"the page's printed last-updated time ({updated.isoformat()}) is before date "
                                   f"({date_text}); shown as updated at the publication time",
                           hint="check date:, or give updated: with the time of the last change")]
    return [Diagnostic(path=source, line=key_lines.get(key), field=key, code="updated-before-date",
                       severity=Severity.WARNING,
                       message=f"{key} ({_as_written(data, key, updated)}) is before date ({date_text}): a change "
                               "cannot precede the publication; shown as updated at the publication time",
                       hint=f"check the two dates: {key}: is when the article was last changed (a correction's "
                            "time), on or after date:")]


def _front_matter_fields(data: dict, source: str, config: Config) -> dict:
    """Only the keys present in front matter, typed; these win over extraction. Every bad value
    is found before anything is raised: :class:`SitegenError` carries one ``bad-value``
    diagnostic per bad value, in the order the keys are read here."""
    tz = config.timezone
    out: dict = {}
    problems: list[Diagnostic] = []

    def read(convert, value, key: str, *args):
        """``convert(value, …)``, or ``None`` with its diagnostics noted when the value is bad."""
        try:
            return convert(value, *args, source, key)
        except SitegenError as exc:
            problems.extend(exc.diagnostics)
            return None

    for key in ("title", "subtitle", "site_name", "byline", "image", "image_alt", "image_caption", "image_credit",
                "lang", "dir"):
        if key in data:
            out[key] = read(as_text, data[key], key)
    if "kicker" in data and "subtitle" not in data:
        out["subtitle"] = read(as_text, data["kicker"], "kicker")
    for key in ("summary", "description"):
        if key in data:
            out["summary"] = read(as_text, data[key], key)
            break
    for key, target in (("date", "date"), ("updated", "updated"), ("lastmod", "updated"), ("expires", "expires")):
        if key in data and data[key] is not None:
            out[target] = read(parse_expires_value if target == "expires" else parse_date_value, data[key], key, tz)
            if target in ("date", "updated"):  # date_only, updated_only: a day without a time of day
                out[f"{target}_only"] = written_day(data[key]) is not None
    if "aliases" in data:
        out["aliases"] = read(as_text_list, data["aliases"], "aliases") or ()
    if "correction" in data:
        out["correction"] = read(as_text, data["correction"], "correction")
    slug = read(as_text, data.get("slug"), "slug")
    if slug:
        out["slug"] = slugify(slug, fallback_seed=source)
    if "url" in data and data["url"] is not None:
        written = read(as_text, data["url"], "url") or ""
        if names_another_site(written):
            problems.extend(bad_value(source, "url", f"{written!r} is a full address (a scheme or a host), not a "
                                                     "path of this site; the article is not published",
                                      hint="give the article's path on this site, e.g. url: /news/my-article/"
                                      ).diagnostics)
        elif taken := in_search_index(path := clean_path(written)):
            problems.extend(bad_value(source, "url", f"{written!r} lies in {taken}/, where the site writes its "
                                                     "search index; the article is not published",
                                      hint="give the article another path, e.g. url: /news/my-article/"
                                      ).diagnostics)
        else:
            out["url"] = path
    if "tags" in data:
        out["tags"] = read(as_text_list, data["tags"], "tags") or ()
    for key in ("section", "category"):  # one of them, one value (sitegen.loaders.one_value)
        if key in data:
            out["section"] = read(as_text, data[key], key)
            break
    for key in ("authors", "author"):
        if key in data:
            out["authors"] = read(as_text_list, data[key], key) or ()
            break
    for key in ("draft", "featured", "breaking"):
        if key in data:
            out[key] = read(as_bool, data[key], key) or False
    if out.get("dir") not in (None, "rtl", "ltr", "auto"):
        problems.extend(bad_value(source, "dir", f"{out['dir']!r} is not rtl, ltr or auto",
                                  "write dir: rtl or dir: ltr").diagnostics)
    if problems:
        raise SitegenError(*problems)
    return out


#: A headline longer than this many characters gets a ``long-title`` warning. Arabic news
#: headlines run 40–150 characters (the shared corpus's longest is 200); schema.org's
#: ``headline`` is shown cut at 110 by Google's Article rich results.
LONG_TITLE_CHARS = 300


def _assemble(fields: dict, source: str, config: Config, warnings: list[Diagnostic]) -> Loaded:
    blocks: tuple[Block, ...] = fields.get("blocks", ())
    paragraphs = [b.text for b in blocks if b.kind != "heading"]
    title = fields.get("title")
    display_title = title
    if not display_title:
        opening = " ".join(" ".join(paragraphs).split()[:UNTITLED_WORDS])
        if not opening:
            raise SitegenError(Diagnostic(path=source, code="no-content", message="no title and no body text found",
                                          hint="add a title: line in front matter or body text"))
        display_title = opening + "…"
        warnings.append(Diagnostic(path=source, code="no-title", severity=Severity.WARNING,
                                   message=f"no headline found; titled from its opening words: {display_title}",
                                   hint="add `title:` in a front matter block at the top of the file"))
    elif len(title) > LONG_TITLE_CHARS:
        warnings.append(Diagnostic(path=source, code="long-title", severity=Severity.WARNING, field="title",
                                   message=f"the headline is {len(title):,} characters long; published whole",
                                   hint="a headline this long is usually body text in title: — move it into "
                                        "the body and write a short headline"))
    if not fields.get("date"):
        warnings.append(Diagnostic(path=source, code="no-date", severity=Severity.WARNING,
                                   message="no publication date found; published without a date in its URL",
                                   hint="add `date:` in front matter"))
    if fields.get("correction") and not fields.get("updated"):
        warnings.append(Diagnostic(path=source, code="correction-undated", severity=Severity.WARNING,
                                   field="correction", message="correction: has no updated: time; shown undated",
                                   hint="add updated: with the date and time of the correction"))
    lang = _language_tag(fields.get("lang"), source, warnings)
    summary = fields.get("summary") or (summarize(paragraphs[0]) if paragraphs else None)
    slug = fit_segment(fields.get("slug") or slugify(display_title, fallback_seed=source))
    article = Article(
        source=source,
        format=fields["format"],
        title=title,
        display_title=display_title,
        slug=slug,
        body_html=fields["body_html"],
        date=fields.get("date"),
        subtitle=fields.get("subtitle"),
        updated=fields.get("updated"),
        expires=fields.get("expires"),
        site_name=fields.get("site_name"),
        masthead=tuple(fields.get("masthead", ())),
        byline=fields.get("byline"),
        dateline=fields.get("dateline"),
        blocks=blocks,
        summary=summary,
        tags=fields.get("tags", ()),
        section=fields.get("section"),
        authors=fields.get("authors", ()),
        draft=fields.get("draft", False),
        image=fields.get("image"),
        image_alt=fields.get("image_alt"),
        image_caption=fields.get("image_caption"),
        image_credit=fields.get("image_credit"),
        featured=fields.get("featured", False),
        breaking=fields.get("breaking", False),
        lang=lang or config.lang,
        dir=fields.get("dir") or (direction_of(lang) if lang else config.dir),
        # The Markdown loader's blocks are clean (sitegen.markup: each through clean_inline);
        # a raw dump's segments are not always.
        word_count=(count_clean_words(b.text for b in blocks) if fields["format"] == MARKDOWN
                    else count_words(" ".join(b.text for b in blocks))),
        url=fields.get("url") if fields.get("url") != "/" else None,
        date_only=fields.get("date_only", False) and fields.get("date") is not None,
        updated_only=fields.get("updated_only", False) and fields.get("updated") is not None,
        aliases=tuple(fields.get("aliases", ())),
        correction=fields.get("correction"),
    )
    return Loaded(article, tuple(warnings))
