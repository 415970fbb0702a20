"""Regression tests for the bug-report cases handed over in ``/work/shared/cases/BR-*``.

Each case lives on here as one or more tests named after it. The inputs are invented for
these tests (never the case files' text); byte-level properties the cases depend on — a
UTF-8 BOM, CRLF line endings, invisible characters, Windows-1256 — are reproduced by the
fixture bytes. Every site is built with the case conventions (``cases/README.md``):
``title: موقع الاختبار``, ``base_url: https://news.example.org/``, ``locale: ar``,
``timezone: Asia/Riyadh`` unless a case varies the locale, and a fixed build clock. The
checks parse the output: html5lib for HTML, feedparser and ``xml.etree`` for feeds and
sitemaps.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import feedparser
import pytest

from helpers import (
    article, article_pages, build_site, page_links, parse_html, resolve_link, run_cli, snapshot, text_of,
)
from sitegen import pipeline
from sitegen.config import load_config
from sitegen.loaders.article import load_article
from sitegen.output_folder import MARKER, MARKER_HEADER

BASE_URL = "https://news.example.org/"
SITE_TITLE = "موقع الاختبار"
CASE_CONFIG = {"title": SITE_TITLE, "base_url": BASE_URL, "locale": "ar", "timezone": "Asia/Riyadh"}
#: The injected build clock of every case build (after every dated test article).
CLOCK = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)
RIYADH = timezone(timedelta(hours=3))

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: Characters that must never reach a URL, a file name or a directory name (BR-02 check 2).
URL_INVISIBLES = "\u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".json", ".css", ".js")
ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


# --- local helpers -----------------------------------------------------------------------


def build_case(new_site, files: dict, config: dict | None = None, expect_exit: int | None = 0, **options):
    """Build ``files`` as a case site (case conventions + ``config``) with the fixed clock."""
    site = new_site(files, config={**CASE_CONFIG, **(config or {})})
    built = build_site(site, build_time=CLOCK, **options)
    if expect_exit is not None:
        assert built.result.exit_code == expect_exit, [d.format() for d in built.diagnostics]
    return built


def front_matter(lines: list[str], body: str, newline: str = "\n") -> str:
    """A Markdown file written line by line (values exactly as given, no quoting added)."""
    return newline.join(["---", *lines, "---", "", *body.split("\n")]) + newline


def page_at(output: Path, decoded_path: str) -> Path:
    """The file served at a decoded site path (``/a/b/`` → ``a/b/index.html``)."""
    relative = decoded_path.strip("/")
    file = output / relative / "index.html" if decoded_path.endswith("/") else output / relative
    assert file.is_file(), f"no page at {decoded_path}"
    return file


def site_path(link: str) -> str:
    """The decoded path of a link (absolute URL or root-relative href)."""
    return unquote(urlsplit(link).path)


def fold(text: str) -> str:
    return text.translate(_FOLD)


def is_ascii(text: str) -> bool:
    return all(ord(c) < 128 for c in text)


def card_links(page) -> list[str]:
    """Decoded paths of the article links in a page's lead story and article cards, in order."""
    found = []
    for container in page.all("section", class_="lead-story") + page.all("li", class_="article-card"):
        for heading in container.iter():
            if heading.tag in ("h2", "h3"):
                found += [site_path(a.get("href")) for a in heading.iter("a")]
    return found


def listed_on(output: Path, page_path: str) -> set[str]:
    return set(card_links(parse_html(page_at(output, page_path))))


def text_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def unresolved(output: Path, page_file: Path) -> list[str]:
    """Internal links of one page that do not resolve to a file (fragments checked against ids)."""
    page = parse_html(page_file)
    problems = []
    for link in page_links(page):
        if link.startswith("#"):
            if len(link) > 1 and unquote(link[1:]) not in page.ids():
                problems.append(link)
            continue
        _, reason = resolve_link(output, BASE_URL, page_file, link)
        if reason:
            problems.append(f"{link}: {reason}")
    return problems


def times(page) -> list:
    return page.all("time")


def xml_root(file: Path):
    return ET.fromstring(file.read_bytes())


def parent_map(root) -> dict:
    return {child: parent for parent in root.iter() for child in parent}


def diagnostics_text(built) -> str:
    return "\n".join(d.format() for d in built.diagnostics)


# --- BR-01: Arabic titles slugified to nothing -------------------------------------------

SLUG_RE = re.compile(r"^[\u0621-\u064A\u0660-\u06690-9]+(-[\u0621-\u064A\u0660-\u06690-9]+)*$")


@pytest.mark.parametrize("title, slug", [
    ("محافظ المدينة يدشن جسراً معلقاً فوق النهر", "محافظ-المدينة-يدشن-جسرا-معلقا-فوق-النهر"),
    ("هل تنجح خطة الإنقاذ؟ خبراء يجيبون", "هل-تنجح-خطة-الإنقاذ-خبراء-يجيبون"),
    ("«النادي الأهلي» يفوز بالكأس، والجماهير تحتفل", "النادي-الأهلي-يفوز-بالكأس-والجماهير-تحتفل"),
    ("ارتفاع الصادرات ١٥ بالمئة في الربع الثالث", None),
], ids=["tanween", "question-mark", "guillemets-and-comma", "arabic-indic-digits"])
def test_br01_arabic_title_gives_arabic_slug(new_site, title, slug):
    """BR-01 (https://github.com/simov/slugify/issues/100): an Arabic-only title with no
    ``slug:`` must give an Arabic slug, not an empty, hashed or transliterated one."""
    built = build_case(new_site, {"news.md": article(title, "2024-11-21T09:00:00+03:00", tags=["نقل"])})
    out = built.output
    pages = article_pages(out)
    assert len(pages) == 1, pages
    links = [p for p in card_links(parse_html(out / "index.html")) if re.match(r"^/\d{4}/\d\d/\d\d/", p)]
    assert len(set(links)) == 1, links
    path = links[0]
    assert page_at(out, path) == pages[0]
    assert re.fullmatch(r"/2024/11/21/[^/]+/", path), path
    decoded_slug = path.split("/")[-2]
    if slug is not None:
        assert decoded_slug == slug
    assert SLUG_RE.match(decoded_slug), decoded_slug
    assert not re.fullmatch(r"[a-z0-9-]+", decoded_slug), "ASCII transliteration"
    assert decoded_slug not in ("-", "index", "untitled") and not decoded_slug.startswith("article-")
    assert not decoded_slug.isdigit()
    assert not (out / "2024/11/21/index.html").exists()
    for p in out.rglob("*"):
        assert p.name.strip() and p.name.strip("-"), p


# --- BR-02: invisible characters in titles and taxonomy terms ------------------------------

_ENCODED_INVISIBLES = [quote(c) for c in URL_INVISIBLES]


@pytest.fixture
def invisible_site(new_site):
    scraped = front_matter([
        'title: "\u200fانطلاق\u00a0مهرجان الربيع\u200b للفنون الشعبية"',
        "date: 2024-11-21T10:00:00+03:00",
        'tags: ["ثقافة\u200f", "الفنون\u00a0الجميلة"]',
        'section: "\u200fمنوعات"',
        'author: "سارة\u00a0علي\u200b"',
    ], "تنطلق غدا فعاليات مهرجان الربيع للفنون الشعبية بمشاركة فرق من عدة محافظات.")
    clean = front_matter([
        'title: "فرقة المدينة تحيي حفلا في الساحة الكبرى"',
        "date: 2024-11-22T10:00:00+03:00",
        "tags: [ثقافة]",
        "section: منوعات",
        "author: سارة علي",
    ], "أحيت فرقة المدينة حفلا موسيقيا حضره مئات من سكان الأحياء المجاورة.")
    isolated = front_matter([
        'title: "معرض للكتاب المستعمل في المكتبة العامة"',
        "date: 2024-11-23T10:00:00+03:00",
        'tags: ["\u2067ثقافة\u2069"]',
    ], "تستضيف المكتبة العامة معرضا للكتاب المستعمل طوال الأسبوع المقبل.")
    return build_case(new_site, {"scraped.md": scraped, "clean.md": clean, "isolated.md": isolated})


def test_br02_invisible_characters_vanish_from_slug_and_heading(invisible_site):
    """BR-02 (https://github.com/gohugoio/hugo/issues/8706): NBSP separates words, RLM and
    ZWSP vanish, so the slug and the visible title are the clean words."""
    out = invisible_site.output
    file = page_at(out, "/2024/11/21/انطلاق-مهرجان-الربيع-للفنون-الشعبية/")
    h1 = text_of(parse_html(file).one("h1"))
    h1 = re.sub("[\u200b-\u200f]", "", h1).replace("\u00a0", " ")
    assert h1 == "انطلاق مهرجان الربيع للفنون الشعبية"


def test_br02_invisible_characters_never_reach_urls_or_file_names(invisible_site):
    """BR-02 (https://github.com/gohugoio/hugo/issues/8706): no URL, href, file or
    directory name holds an invisible character, raw or percent-encoded."""
    out = invisible_site.output
    for p in out.rglob("*"):
        assert not any(c in p.name for c in URL_INVISIBLES), repr(p.name)
    for file in text_files(out):
        text = file.read_text(encoding="utf-8").upper()
        for encoded in _ENCODED_INVISIBLES:
            assert encoded not in text, (file, encoded)
    for file in out.rglob("*.html"):
        for link in page_links(parse_html(file)):
            assert not any(c in link or c in unquote(link) for c in URL_INVISIBLES), (file, repr(link))
    for name in ("feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml"):
        root = xml_root(out / name)
        values = [el.text or "" for el in root.iter() if el.tag.split("}")[-1] in ("link", "guid", "id", "loc")]
        values += [v for el in root.iter() for k, v in el.attrib.items() if k in ("href", "domain", "scheme")]
        for value in values:
            assert not any(c in value or c in unquote(value) for c in URL_INVISIBLES), (name, repr(value))


def test_br02_terms_with_and_without_invisible_marks_are_one_term(invisible_site):
    """BR-02 (https://github.com/gohugoio/hugo/issues/8706): ``ثقافة`` + RLM, ``ثقافة`` inside
    bidi isolates and plain ``ثقافة`` are one tag page linking to every article."""
    out = invisible_site.output
    tag_dirs = sorted(p.name for p in (out / "tags").iterdir())
    assert tag_dirs == sorted(["ثقافة", "الفنون-الجميلة"])
    assert listed_on(out, "/tags/ثقافة/") == {
        "/2024/11/21/انطلاق-مهرجان-الربيع-للفنون-الشعبية/",
        "/2024/11/22/فرقة-المدينة-تحيي-حفلا-في-الساحة-الكبرى/",
        "/2024/11/23/معرض-للكتاب-المستعمل-في-المكتبة-العامة/",
    }
    assert listed_on(out, "/tags/الفنون-الجميلة/") == {"/2024/11/21/انطلاق-مهرجان-الربيع-للفنون-الشعبية/"}
    assert sorted(p.name for p in (out / "sections").iterdir()) == ["منوعات"]
    assert sorted(p.name for p in (out / "authors").iterdir()) == ["سارة-علي"]
    assert len(listed_on(out, "/authors/سارة-علي/")) == 2


def test_br02_every_internal_link_resolves(invisible_site):
    """BR-02 (https://github.com/gohugoio/hugo/issues/8706): every internal href on the
    article pages and the front page resolves, after decoding, to a file."""
    out = invisible_site.output
    for file in [out / "index.html", *article_pages(out)]:
        assert unresolved(out, file) == [], file


# --- BR-03: heading ids for Arabic headings -------------------------------------------------

HEADINGS_BODY = """\
يبدأ التقرير بعرض سريع، وللاطلاع على التقييم انتقل إلى [آراء الخبراء](#آراء-الخبراء) أو إلى [موقف الحكومة](#موقف-الحكومة).

## التفاصيل

أقرت اللجنة المالية بنود الخطة بعد نقاش استمر ساعات.

## آراء الخبراء

رأى اقتصاديون أن الخطة طموحة لكنها قابلة للتنفيذ.

## التفاصيل

تضمنت الخطة بندا إضافيا لدعم المشروعات الصغيرة.

## موقفُ\u00a0الحكومة

أعلنت الحكومة التزامها بالجدول الزمني المعلن."""


def test_br03_arabic_headings_get_unique_arabic_ids(new_site):
    """BR-03 (https://github.com/Python-Markdown/markdown/pull/970, also
    https://github.com/mkdocs/mkdocs/issues/762): Arabic headings get Arabic ids, not
    ``_1``/``_2``; repeats get distinct ids; in-article links point at existing ids."""
    built = build_case(new_site, {"report.md": article("تقرير عن الخطة المالية الجديدة", body=HEADINGS_BODY)})
    file = article_pages(built.output)[0]
    page = parse_html(file)
    h2s = page.within(page.one("div", class_="article-body")).all("h2")
    ids = [unquote(h.get("id") or "") for h in h2s]
    assert [text_of(h) for h in h2s] == ["التفاصيل", "آراء الخبراء", "التفاصيل", "موقفُ الحكومة"]
    assert all(ids) and not any(re.fullmatch(r"_?\d+", i) for i in ids), ids
    assert len(set(ids)) == len(ids), ids
    assert ids[0] == "التفاصيل"
    assert ids[1] == "آراء-الخبراء"
    assert ids[2] != ids[0] and ids[2].startswith("التفاصيل")
    assert ids[3] == "موقف-الحكومة"
    assert unresolved(built.output, file) == []


def test_br03_table_of_contents_links_match_heading_ids(new_site):
    """BR-03 (https://github.com/Python-Markdown/markdown/pull/970): a rendered table of
    contents links every heading by its id."""
    built = build_case(new_site, {"report.md": article("تقرير مفصل عن الخطة", body="[TOC]\n\n" + HEADINGS_BODY)})
    page = parse_html(article_pages(built.output)[0])
    toc = page.one("div", class_="toc")
    hrefs = [unquote(a.get("href")) for a in page.within(toc).all("a")]
    ids = [unquote(h.get("id")) for h in page.within(page.one("div", class_="article-body")).all("h2")]
    assert [h.lstrip("#") for h in hrefs] == ids
    assert all(h.startswith("#") for h in hrefs)


# --- BR-05: feed ids and links --------------------------------------------------------------

FEED_TITLE = "معرض الصناعات الغذائية يفتح أبوابه للزوار"
FEED_PATH = "/2024/11/21/معرض-الصناعات-الغذائية-يفتح-أبوابه-للزوار/"


def check_feed_entry(data: bytes, kind: str, expected_link: str) -> None:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert entry.title == FEED_TITLE
    assert is_ascii(entry.link) and unquote(entry.link) == expected_link
    assert "%25" not in entry.link and "%" not in unquote(entry.link), "encoded twice"
    root = ET.fromstring(data)
    if kind == "rss":
        guid = root.find("channel/item/guid")
        assert is_ascii(guid.text)
        if guid.get("isPermaLink", "true") != "false":
            assert guid.text == entry.link
        channel_link = root.find("channel/link").text
        self_links = [el.get("href") for el in root.iter(f"{ATOM}link") if el.get("rel") == "self"]
    else:
        entry_id = root.find(f"{ATOM}entry/{ATOM}id").text
        assert is_ascii(entry_id)
        if entry_id.startswith("tag:"):
            assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", entry_id)
        else:
            assert entry_id == entry.link
        channel_link = [el.get("href") for el in root.findall(f"{ATOM}link") if el.get("rel") in (None, "alternate")][0]
        self_links = [el.get("href") for el in root.findall(f"{ATOM}link") if el.get("rel") == "self"]
    for url in [channel_link, *self_links]:
        assert is_ascii(url) and url.startswith("https://"), url
    assert self_links


def test_br05_feed_ids_are_ascii_and_links_encoded_once(new_site):
    """BR-05 (https://github.com/getpelican/feedgenerator/issues/21): RSS guid / Atom id
    and entry links of an Arabic permalink are ASCII, percent-encoded exactly once."""
    built = build_case(new_site, {"fair.md": article(FEED_TITLE, "2024-11-21T15:00:00+03:00", section="اقتصاد")})
    out = built.output
    expected = "https://news.example.org" + FEED_PATH
    for name, kind in (("feed.xml", "rss"), ("atom.xml", "atom"), ("sections/اقتصاد/feed.xml", "rss")):
        data = (out / name).read_bytes()
        data.decode("utf-8")
        declaration = data.split(b"?>", 1)[0].decode("ascii")
        assert re.search(r"""encoding=["']utf-8["']""", declaration, re.I), declaration
        check_feed_entry(data, kind, expected)
    for loc in xml_root(out / "sitemap.xml").iter(f"{SITEMAP}loc"):
        assert is_ascii(loc.text) and "%25" not in loc.text


@pytest.mark.parametrize("base_url", ["https://news.example.org/أخبار/", "https://أخبار.مصر/"],
                         ids=["arabic-base-path", "arabic-domain"])
def test_br05_feed_ids_are_ascii_when_the_base_url_is_arabic(new_site, base_url):
    """BR-05 (https://github.com/getpelican/feedgenerator/issues/21): the same fault through
    the base URL — an Arabic path (INTERFACE.md: base_url may have a path) or an Arabic
    (IDN) domain must still give ASCII feed ids, links and sitemap locations."""
    built = build_case(new_site, {"fair.md": article(FEED_TITLE, "2024-11-21T15:00:00+03:00")},
                       config={"base_url": base_url})
    out = built.output
    urls = []
    rss = xml_root(out / "feed.xml")
    urls += [el.text for el in rss.iter() if el.tag in ("link", "guid")]
    urls += [el.get("href") for el in rss.iter(f"{ATOM}link")]
    atom = xml_root(out / "atom.xml")
    urls += [el.text for el in atom.iter(f"{ATOM}id")] + [el.text for el in atom.iter(f"{ATOM}uri")]
    urls += [el.get("href") for el in atom.iter(f"{ATOM}link")]
    urls += [el.text for el in xml_root(out / "sitemap.xml").iter(f"{SITEMAP}loc")]
    not_ascii = [u for u in urls if not is_ascii(u)]
    assert not_ascii == [], f"{len(not_ascii)} non-ASCII feed/sitemap URLs, e.g. {not_ascii[:2]}"


# --- BR-06: a BOM hides the front matter ----------------------------------------------------

BOM_TITLE = "تدشين مكتبة رقمية في جامعة الساحل"
BOM_BODY = "دشنت جامعة الساحل مكتبة رقمية تضم آلاف الكتب والدوريات المتاحة للطلاب مجانا."


def _bom_source(newline: str = "\n") -> str:
    return front_matter([f'title: "{BOM_TITLE}"', "date: 2024-11-21T16:00:00+03:00", "tags: [تعليم]"],
                        BOM_BODY, newline)


ENCODED_SOURCES = {
    "utf8-bom": lambda: b"\xef\xbb\xbf" + _bom_source().encode("utf-8"),
    "utf8-bom-crlf": lambda: b"\xef\xbb\xbf" + _bom_source("\r\n").encode("utf-8"),
    "utf16le-bom": lambda: b"\xff\xfe" + _bom_source().encode("utf-16-le"),
    "windows-1256": lambda: _bom_source().encode("cp1256"),
}


def assert_no_bom_anywhere(output: Path) -> None:
    for file in text_files(output):
        data = file.read_bytes()
        assert b"\xef\xbb\xbf" not in data, f"U+FEFF in {file.relative_to(output)}"


@pytest.mark.parametrize("encoding", sorted(ENCODED_SOURCES))
def test_br06_bom_does_not_hide_the_front_matter(new_site, encoding):
    """BR-06 (https://github.com/getpelican/pelican/issues/698, see also jekyll/jekyll#5363):
    a file starting with a byte-order mark (or saved as UTF-16 / Windows-1256) still has its
    front matter read, and no U+FEFF leaks into the output."""
    data = ENCODED_SOURCES[encoding]()
    assert encoding == "windows-1256" or data[:2] in (b"\xef\xbb", b"\xff\xfe")
    built = build_case(new_site, {"library.md": data})
    out = built.output
    file = page_at(out, "/2024/11/21/تدشين-مكتبة-رقمية-في-جامعة-الساحل/")
    page = parse_html(file)
    assert text_of(page.one("h1")) == BOM_TITLE
    assert BOM_TITLE in text_of(page.one("title"))
    body = page.one("div", class_="article-body")
    body_html = ET.tostring(body, encoding="unicode")
    for leaked in ("title:", "date:", "tags:", "---"):
        assert leaked not in body_html
    assert page.within(body).all("hr") == []
    assert page.within(body).texts("p") == [BOM_BODY]
    assert_no_bom_anywhere(out)
    assert listed_on(out, "/tags/تعليم/") == {"/2024/11/21/تدشين-مكتبة-رقمية-في-جامعة-الساحل/"}


def test_br06_bom_before_the_body_does_not_leak(new_site):
    """BR-06 (https://github.com/getpelican/pelican/issues/698): a file assembled from a
    front matter part and a body part, each saved with a BOM (so a second U+FEFF starts the
    body), must not put U+FEFF into any output file (check 4: "anywhere")."""
    header = b"\xef\xbb\xbf" + front_matter([f'title: "{BOM_TITLE}"', "date: 2024-11-21T16:00:00+03:00"], "").encode()
    data = header.rstrip(b"\n") + b"\n\n" + b"\xef\xbb\xbf" + BOM_BODY.encode() + b"\n"
    built = build_case(new_site, {"library.md": data})
    page = parse_html(page_at(built.output, "/2024/11/21/تدشين-مكتبة-رقمية-في-جامعة-الساحل/"))
    assert [t.strip("\ufeff") for t in page.texts("p")].count(BOM_BODY) == 1
    assert_no_bom_anywhere(built.output)


# --- BR-07: CRLF line endings -------------------------------------------------------------

CRLF_TITLE = "تراجع أسعار الخضروات في الأسواق المحلية"
CRLF_SUMMARY = "انخفاض ملحوظ في أسعار الطماطم والبطاطس"


def _market_source(newline: str) -> bytes:
    return front_matter([
        f'title: "{CRLF_TITLE}"',
        "date: 2024-11-21T17:00:00+03:00",
        "tags: [زراعة, أسواق]",
        f'summary: "{CRLF_SUMMARY}"',
    ], "سجلت أسواق الجملة تراجعا في أسعار الخضروات مع وفرة المعروض.\n\n"
       "ويتوقع التجار استمرار الانخفاض حتى نهاية الموسم.", newline).encode("utf-8")


def test_br07_crlf_front_matter_is_read_without_stray_cr(new_site):
    """BR-07 (https://github.com/rochacbruno/marmite/issues/99): CRLF line endings do not
    break the front matter nor leave ``\\r`` in titles, tags or summaries."""
    data = _market_source("\r\n")
    assert data.count(b"\r\n") == data.count(b"\n") > 5
    built = build_case(new_site, {"market.md": data})
    out = built.output
    path = "/2024/11/21/تراجع-أسعار-الخضروات-في-الأسواق-المحلية/"
    page = parse_html(page_at(out, path))
    assert text_of(page.one("h1")) == CRLF_TITLE
    for file in text_files(out):
        text = file.read_text(encoding="utf-8")
        assert "\r" not in text and "&#13;" not in text and "&#xd;" not in text.lower(), file
    assert sorted(p.name for p in (out / "tags").iterdir()) == sorted(["زراعة", "أسواق"])
    for tag in ("زراعة", "أسواق"):
        assert listed_on(out, f"/tags/{tag}/") == {path}
    index = parse_html(out / "index.html")
    lead = index.one("section", class_="lead-story")
    assert index.within(lead).texts("p", class_="summary") == [CRLF_SUMMARY]
    assert feedparser.parse((out / "feed.xml").read_bytes()).entries[0].title == CRLF_TITLE


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_br07_crlf_build_is_identical_to_lf_build(new_site, newline):
    """BR-07 (https://github.com/rochacbruno/marmite/issues/99): differential check — the
    same article with CRLF (or old-Mac CR) line endings builds the very same tree as with LF."""
    lf = build_case(new_site, {"market.md": _market_source("\n")})
    other = build_case(new_site, {"market.md": _market_source(newline)})
    assert snapshot(other.output) == snapshot(lf.output)


# --- BR-08: unquoted colon in a front matter value -----------------------------------------

COLON_TITLE = "تحذير: الأرصاد تتوقع أمطارا غزيرة على السواحل"


def test_br08_unquoted_colon_title_keeps_the_full_title(new_site):
    """BR-08 (https://github.com/eyeseast/python-frontmatter/issues/70): ``title: X: Y``
    unquoted (a YAML error) is built with the whole title (outcome A) and a warning that
    names the file and line 2."""
    source = front_matter([f"title: {COLON_TITLE}", "date: 2024-11-21T12:00:00+03:00", "tags: [طقس]"],
                          "دعت هيئة الأرصاد السكان إلى توخي الحذر خلال الأيام المقبلة.")
    built = build_case(new_site, {"weather.md": source})
    out = built.output
    page = parse_html(page_at(out, "/2024/11/21/تحذير-الأرصاد-تتوقع-أمطارا-غزيرة-على-السواحل/"))
    assert text_of(page.one("h1")) == COLON_TITLE
    body = ET.tostring(page.one("div", class_="article-body"), encoding="unicode")
    assert "title:" not in body and "---" not in body
    assert feedparser.parse((out / "feed.xml").read_bytes()).entries[0].title == COLON_TITLE
    warnings = [d for d in built.diagnostics if d.path.endswith("weather.md") and not d.is_error]
    assert [d.line for d in warnings] == [2], diagnostics_text(built)
    assert "quote" in (warnings[0].message + warnings[0].hint).lower()


def test_br08_cli_reports_the_file_and_line(new_site):
    """BR-08 (https://github.com/eyeseast/python-frontmatter/issues/70): through the command
    line the build exits 0 and stderr names ``FILE:2``."""
    source = front_matter([f"title: {COLON_TITLE}", "date: 2024-11-21T12:00:00+03:00"], "نص قصير عن الطقس.")
    site = new_site({"weather.md": source}, config=CASE_CONFIG)
    proc = run_cli(["build", "--content", "content", "--output", "public", "--config", "site.yaml"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"weather\.md:2: warning", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr


def test_br08_warning_names_the_line_of_the_unquoted_value(new_site):
    """BR-08 (https://github.com/eyeseast/python-frontmatter/issues/70): the line reported is
    the file line of the offending key (here ``summary:`` on line 5), counted from the file."""
    summary = "تصريح: المدارس تبقى مفتوحة رغم الأمطار"
    source = front_matter(['title: "الأرصاد تحذر من أمطار غزيرة"', "date: 2024-11-21T12:00:00+03:00",
                           "tags: [طقس]", f"summary: {summary}"], "نص الخبر.")
    built = build_case(new_site, {"weather.md": source})
    warnings = [d for d in built.diagnostics if d.path.endswith("weather.md")]
    assert [(d.line, d.is_error) for d in warnings] == [(5, False)], diagnostics_text(built)
    index = parse_html(built.output / "index.html")
    assert index.texts("p", class_="summary") == [summary]


def test_br08_unquoted_colon_inside_a_tag_list(new_site):
    """BR-08 (https://github.com/eyeseast/python-frontmatter/issues/70): the same mistake in
    a flow list, ``tags: [سياسة, عاجل: البرلمان]`` (YAML reads the item as a mapping). Either
    outcome A (article built with the tag text ``عاجل: البرلمان``, warning naming line 4) or
    outcome B (error naming the file, line 4, and saying to quote the value) is required."""
    source = front_matter(['title: "البرلمان يناقش قانون الإيجارات"', "date: 2024-11-21T12:00:00+03:00",
                           "tags: [سياسة, عاجل: البرلمان]"], "ناقش البرلمان مشروع قانون الإيجارات القديمة.")
    built = build_case(new_site, {"rent.md": source}, expect_exit=None)
    named = [d for d in built.diagnostics if d.path.endswith("rent.md")]
    pages = article_pages(built.output) if built.output.exists() else []
    if pages:  # outcome A
        tags = parse_html(pages[0]).texts("a")
        assert "عاجل: البرلمان" in tags, tags
        assert [d.line for d in named] == [4], diagnostics_text(built)
    else:  # outcome B
        assert built.result.exit_code != 0
        assert any(d.line == 4 and "quot" in (d.message + d.hint).lower() for d in named), diagnostics_text(built)


# --- BR-10: dated permalinks in the site timezone ------------------------------------------

TZ_TITLE = "انطلاق حملة التطعيم الموسمية في المدارس"
TZ_PATH = "/2024/11/21/انطلاق-حملة-التطعيم-الموسمية-في-المدارس/"
TZ_INSTANT = datetime(2024, 11, 20, 21, 45, tzinfo=timezone.utc)


@pytest.mark.parametrize("date", ["2024-11-21T00:45:00+03:00", "2024-11-20T21:45:00Z", "2024-11-21 00:45"],
                         ids=["riyadh-offset", "utc", "naive-site-time"])
def test_br10_permalink_and_dates_use_the_site_timezone(new_site, date):
    """BR-10 (https://github.com/TryGhost/Ghost/issues/12280): 00:45 in Riyadh is still the
    20th in UTC; URL, visible dates, ``<time datetime>`` and feeds use the site's day/instant."""
    built = build_case(new_site, {"vaccine.md": article(TZ_TITLE, date)})
    out = built.output
    file = page_at(out, TZ_PATH)
    assert not list(out.glob("2024/11/20/*/index.html"))
    for page in (parse_html(file), parse_html(out / "index.html")):
        shown = [fold(text_of(t)) for t in times(page)]
        assert shown and all("21 نوفمبر 2024" in s and "20 نوفمبر" not in s for s in shown), shown
        for t in times(page):
            assert datetime.fromisoformat(t.get("datetime")) == TZ_INSTANT
    rss = feedparser.parse((out / "feed.xml").read_bytes()).entries[0]
    assert datetime(*rss.published_parsed[:6], tzinfo=timezone.utc) == TZ_INSTANT
    atom = feedparser.parse((out / "atom.xml").read_bytes()).entries[0]
    assert datetime(*atom.updated_parsed[:6], tzinfo=timezone.utc) == TZ_INSTANT


def test_br10_build_does_not_depend_on_the_process_timezone(new_site):
    """BR-10 (https://github.com/TryGhost/Ghost/issues/12280): builds under ``TZ=UTC``,
    ``TZ=America/Los_Angeles`` and ``TZ=Asia/Tokyo`` (``python build.py``, same clock via
    SOURCE_DATE_EPOCH) give identical trees, equal to the in-process build."""
    files = {"vaccine.md": article(TZ_TITLE, "2024-11-21T00:45:00+03:00", tags=["صحة"]),
             "naive.md": article("افتتاح مركز صحي في الحي الشمالي", "2024-11-21 00:15")}
    reference = build_case(new_site, files)
    site = reference.site
    epoch = str(int(CLOCK.timestamp()))
    trees = {}
    for tz in ("UTC", "America/Los_Angeles", "Asia/Tokyo"):
        out = f"out-{tz.replace('/', '-')}"
        proc = run_cli(["build", "--content", "content", "--output", out, "--config", "site.yaml", "--quiet"],
                       cwd=site.root, env={"TZ": tz, "SOURCE_DATE_EPOCH": epoch})
        assert proc.returncode == 0, (tz, proc.stderr)
        trees[tz] = snapshot(site.root / out)
        assert page_at(site.root / out, TZ_PATH)
    expected = snapshot(reference.output)
    for tz, tree in trees.items():
        assert tree == expected, tz


# --- BR-11: regional month names -----------------------------------------------------------

NOV_TITLE = "بدء موسم قطف الزيتون في القرى الجبلية"
FEB_TITLE = "افتتاح سوق الكتب المستعملة في وسط المدينة"
ENGLISH_MONTHS = re.compile(r"\b(November|Nov|February|Feb)\b")


@pytest.mark.parametrize("locale, november, february, never", [
    ("ar_EG", "نوفمبر", "فبراير", ()),
    ("ar_SY", "تشرين الثاني", "شباط", ("نوفمبر", "فبراير")),
    ("ar_MA", "نونبر", None, ("نوفمبر",)),
], ids=["ar_EG", "ar_SY", "ar_MA"])
def test_br11_month_names_follow_the_locale(new_site, locale, november, february, never):
    """BR-11 (https://github.com/d3/d3-time-format/pull/100): Egyptian, Levantine and
    Maghreb month names in visible dates; RSS pubDate stays English RFC 822."""
    files = {"olives.md": article(NOV_TITLE, "2024-11-14T08:00:00+03:00", tags=["زراعة"]),
             "books.md": article(FEB_TITLE, "2024-02-12T08:00:00+03:00", tags=["ثقافة"])}
    out = build_case(new_site, files, config={"locale": locale}).output
    nov_page = parse_html(next(p for p in article_pages(out) if "/2024/11/" in p.as_posix()))
    feb_page = parse_html(next(p for p in article_pages(out) if "/2024/02/" in p.as_posix()))
    assert text_of(nov_page.one("h1")) == NOV_TITLE and text_of(feb_page.one("h1")) == FEB_TITLE
    for page, month, day in ((nov_page, november, "14"), (feb_page, february, "12")):
        shown = [fold(text_of(t)) for t in times(page)]
        assert shown
        for text in shown:
            assert f"{day} " in text, text
            if month:
                assert month in text, text
            assert not ENGLISH_MONTHS.search(text), text
            assert not any(word in text for word in never), text
        assert page.html_element().get("lang").startswith("ar")
    index = parse_html(out / "index.html")
    index_dates = [text_of(t) for t in times(index)]
    assert any(november in d for d in index_dates), index_dates
    assert not any(ENGLISH_MONTHS.search(d) or any(w in d for w in never) for d in index_dates)
    assert november in text_of(parse_html(page_at(out, "/2024/11/")).one("h1"))
    pub_dates = sorted(el.text for el in xml_root(out / "feed.xml").iter("pubDate"))
    assert [d[:16] for d in pub_dates] == ["Mon, 12 Feb 2024", "Thu, 14 Nov 2024"], pub_dates
    for value in pub_dates:
        assert re.fullmatch(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d ([+-]\d{4}|GMT|UT)", value), value
    assert sorted(parsedate_to_datetime(d) for d in pub_dates) == [
        datetime(2024, 2, 12, 8, tzinfo=RIYADH), datetime(2024, 11, 14, 8, tzinfo=RIYADH)]


# --- BR-13: right-to-left direction and punctuation -----------------------------------------

RTL_PARAGRAPHS = [
    "أعلنت شركة ناشئة محلية عن تطبيق جديد لحجز سيارات الأجرة يحمل اسم Blue Harbor.",
    "هل يرتفع سعر الخبز؟ تتوقع جمعية المخابز زيادة بنسبة 12% خلال الشتاء، وفق تقريرها السنوي (Annual Report 2023).",
]


@pytest.fixture
def rtl_site(new_site):
    body = "\n\n".join(RTL_PARAGRAPHS)
    return build_case(new_site, {"app.md": article("تطبيق محلي جديد لحجز سيارات الأجرة", body=body, tags=["تقنية"])})


def test_br13_pages_are_rtl_and_keep_source_order(rtl_site):
    """BR-13 (https://github.com/Automattic/wp-calypso/issues/61740): RTL base direction on
    every page, no LTR wrapper around the article text, punctuation left where it was written."""
    out = rtl_site.output
    article_file = article_pages(out)[0]
    for file in (article_file, out / "index.html", page_at(out, "/tags/تقنية/")):
        html = parse_html(file).html_element()
        assert html.get("dir") == "rtl" and html.get("lang", "").startswith("ar"), file
    page = parse_html(article_file)
    body = page.one("div", class_="article-body")
    paragraphs = page.within(body).all("p")
    assert [text_of(p) for p in paragraphs] == RTL_PARAGRAPHS
    assert text_of(paragraphs[0]).endswith("Blue Harbor.")
    assert "(Annual Report 2023)." in text_of(paragraphs[1])
    parents = parent_map(page.root)
    for p in paragraphs:
        node = parents.get(p)
        while node is not None:
            assert node.get("dir") != "ltr", node.tag
            node = parents.get(node)


def test_br13_feeds_declare_arabic(rtl_site):
    """BR-13 (https://github.com/Automattic/wp-calypso/issues/61740): RSS ``<language>`` and
    Atom ``xml:lang`` start with ``ar``."""
    out = rtl_site.output
    assert xml_root(out / "feed.xml").find("channel/language").text.startswith("ar")
    assert xml_root(out / "atom.xml").get("{http://www.w3.org/XML/1998/namespace}lang", "").startswith("ar")


def test_br13_shipped_css_does_not_force_ltr_on_text_blocks(rtl_site):
    """BR-13 (https://github.com/Automattic/wp-calypso/issues/61740): no shipped CSS rule sets
    ``direction: ltr`` on html, body, main, article or p."""
    css_files = list(rtl_site.output.rglob("*.css"))
    assert css_files
    for css in css_files:
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        for selectors, declarations in re.findall(r"([^{};]+)\{([^{}]*)\}", text):
            if not re.search(r"direction\s*:\s*ltr", declarations):
                continue
            for selector in selectors.split(","):
                subject = re.split(r"[\s>+~]+", selector.strip())[-1]
                assert not re.match(r"^(html|body|main|article|p)(?![\w-])", subject), (css.name, selector)


# --- BR-14: numbers and numeric dates in RTL text -----------------------------------------

NUMBERS_BODY = ("بدأ التسجيل في 15/12/2024 وبلغ عدد المشاركين 48500 منذ عام 2019،"
                " ويستمر الدوام من 20-25 ساعة أسبوعيا في القاعة Q7.")
NUMBER_TOKENS = {"15/12/2024": ["4202/21/51", "2024/12/15"], "2019": ["9102"], "20-25": ["25-20", "52-02"],
                 "48500": ["00584"], "Q7": ["7Q"]}


@pytest.mark.parametrize("digits", ["latn", "arab"])
def test_br14_numbers_keep_their_logical_order_and_digits(new_site, digits):
    """BR-14 (https://github.com/moment/moment/pull/2268, related
    https://github.com/diegomura/react-pdf/issues/1636): numbers, numeric dates and
    codes in the body keep their logical order and their digits (also with ``digits: arab``)."""
    built = build_case(new_site, {"exam.md": article("تمديد فترة التسجيل في الدورات المسائية", body=NUMBERS_BODY)},
                       config={"digits": digits})
    file = article_pages(built.output)[0]
    raw = file.read_text(encoding="utf-8")
    page = parse_html(file)
    body_text = text_of(page.one("div", class_="article-body"))
    assert body_text == NUMBERS_BODY
    for token, reversed_forms in NUMBER_TOKENS.items():
        assert token in raw
        for bad in reversed_forms:
            assert bad not in raw, bad
    assert not ARABIC_INDIC.search(body_text)


MONTH_WORDS = ("يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
               "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
               "تشرين", "January", "February", "November", "December")
DATE_LIKE = re.compile(r"\d{1,2}\s+(?:%s)[^\d]{0,12}\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}" % "|".join(MONTH_WORDS))


def test_br14_displayed_dates_are_month_name_dates_in_time_elements(new_site):
    """BR-14 (https://github.com/moment/moment/pull/2268): the article's own date uses a
    month-name format, and every date the product displays sits in a ``<time>`` whose
    ``datetime`` is ISO 8601 with ASCII digits."""
    files = {"exam.md": article("تمديد فترة التسجيل في الدورات المسائية", "2024-11-21T09:30:00+03:00",
                                body=NUMBERS_BODY, tags=["تعليم"], updated="2024-11-22T08:00:00+03:00")}
    out = build_case(new_site, files).output
    article_file = article_pages(out)[0]
    header = parse_html(article_file).one("header", class_="article-header")
    own_date = text_of(header.find(".//time"))
    assert re.search(r"\d{1,2} نوفمبر \d{4}", fold(own_date)), own_date
    for file in (article_file, out / "index.html", page_at(out, "/tags/تعليم/")):
        page = parse_html(file)
        assert times(page), file
        for t in times(page):
            value = t.get("datetime") or ""
            assert is_ascii(value) and datetime.fromisoformat(value).tzinfo is not None, value
        # the author's own text (body, and the summary made from it) may hold dates of any form
        containers = (times(page) + page.all("div", class_="article-body") + page.all("p", class_="summary")
                      + page.all("script"))
        skip = {el for container in containers for el in container.iter()}
        loose = [t for el in page.root.iter() if el not in skip for t in (el.text, el.tail)]
        loose += [c.tail for c in containers]
        assert not [s for s in loose if s and DATE_LIKE.search(fold(s))], file


# --- BR-16: reading time of Arabic text -----------------------------------------------------

_WORD_POOL = ("أعلنت الهيئة العامة للأرصاد الجوية عن موجة أمطار غزيرة تبدأ مساء الغد وتستمر حتى نهاية الأسبوع"
              " ودعت السائقين إلى تجنب الطرق الساحلية وأكدت فرق الدفاع المدني جاهزيتها الكاملة للتعامل مع أي طارئ"
              " في مختلف المناطق وقررت مديريات التعليم تعليق الدراسة الحضورية يومين").split()


def arabic_body(words: int, loose_marks: int = 0) -> str:
    """``words`` Arabic words (some with ``،`` ``؛`` ``؟`` attached), five to a paragraph
    line, plus ``loose_marks`` stand-alone punctuation tokens."""
    tokens = []
    for i in range(words):
        word = _WORD_POOL[i % len(_WORD_POOL)]
        word += "،" if i % 7 == 6 else "؛" if i % 23 == 22 else "؟" if i % 41 == 40 else ""
        tokens.append(word)
    for i in range(loose_marks):
        tokens.insert(3 * i + 1, "،؛؟"[i % 3])
    lines = [" ".join(tokens[i:i + 92]) + "." for i in range(0, len(tokens), 92)]
    return "\n\n".join(lines)


def minutes_shown(text: str) -> int:
    text = fold(text)
    if "دقيقتان" in text or "دقيقتين" in text:
        return 2
    number = re.search(r"\d+", text)
    return int(number.group()) if number else (1 if "دقيقة" in text else -1)


def test_br16_reading_time_of_460_arabic_words(new_site):
    """BR-16 (https://github.com/TryGhost/SDK/issues/366): 460 Arabic words read in 2 or 3
    minutes, worded in Arabic — never 0 or "less than a minute"; the word count is 440–480."""
    body = arabic_body(460)
    assert len(body.split()) == 460
    built = build_case(new_site, {"rain.md": article("موجة أمطار غزيرة تضرب المناطق الساحلية", body=body)})
    page = parse_html(article_pages(built.output)[0])
    shown = text_of(page.one("span", class_="reading-time"))
    assert minutes_shown(shown) in (2, 3), shown
    assert re.search("دقيقتان|دقائق|دقيقة", shown) and "أقل من" not in shown and "< 1" not in shown
    assert not re.search(r"(^|\D)0(\D|$)", fold(shown)), shown
    config, _ = load_config(built.site.config)
    record = load_article(built.site.content / "rain.md", "rain.md", config).article
    assert 440 <= record.word_count <= 480


def test_br16_arabic_punctuation_is_not_counted_as_words(new_site):
    """BR-16 (https://github.com/TryGhost/SDK/issues/366): stand-alone ``،`` ``؛`` ``؟`` are not
    words and attached ones do not split words."""
    body = arabic_body(190, loose_marks=60)
    assert len(body.split()) == 250
    built = build_case(new_site, {"rain.md": article("أمطار متفرقة على المرتفعات", body=body)})
    config, _ = load_config(built.site.config)
    record = load_article(built.site.content / "rain.md", "rain.md", config).article
    assert record.word_count == 190
    shown = text_of(parse_html(article_pages(built.output)[0]).one("span", class_="reading-time"))
    assert minutes_shown(shown) == 1, shown


# --- BR-17: HTML in front matter values ------------------------------------------------------

XSS_TITLE = "بيان: \"الهيئة\" تنفي <script>alert(7)</script> & شائعات 'الإغلاق'"
XSS_TAG = "<i>هام</i>"
XSS_SUMMARY = "ملخص \"مهم\" يحوي <img src=y onerror=alert(8)> للقراء"
XSS_SECTION = "<u>محليات</u>"
RAW_PAYLOADS = ("<script>alert(7)", "<img src=y", "<i>هام</i>", "<u>محليات</u>")


@pytest.fixture
def hostile_site(new_site):
    files = {"statement.md": article(XSS_TITLE, "2024-11-21T19:00:00+03:00", tags=[XSS_TAG], summary=XSS_SUMMARY,
                                     section=XSS_SECTION, body="نفت الهيئة في بيانها صحة ما تداولته الحسابات.")}
    return build_case(new_site, files)


def test_br17_no_payload_survives_unescaped_anywhere(hostile_site):
    """BR-17 (https://github.com/hahwul/hwaro/issues/286, related
    https://github.com/jekyll/jekyll/pull/4606): no output file carries the HTML of a title,
    tag, section or summary unescaped."""
    out = hostile_site.output
    for file in out.rglob("*.html"):
        raw = file.read_text(encoding="utf-8")
        for payload in RAW_PAYLOADS:
            assert payload not in raw, (file, payload)
        page = parse_html(file)
        assert not [el for el in page.all("*") if any(k.startswith("on") for k in el.attrib)], file
        assert page.all("img") == [] and page.all("i") == [] and page.all("u") == [], file
        for script in page.all("script"):
            assert "alert" not in "".join(script.itertext()) or script.get("type") == "application/ld+json", file


def test_br17_article_page_shows_the_title_as_text(hostile_site):
    """BR-17 (https://github.com/hahwul/hwaro/issues/286): ``<title>``, ``<h1>``, Open Graph
    and Twitter titles equal the title text exactly; the description equals the summary."""
    page = parse_html(article_pages(hostile_site.output)[0])
    assert XSS_TITLE in text_of(page.one("title"))
    assert text_of(page.one("h1")) == XSS_TITLE
    assert page.one("meta", property="og:title").get("content") == XSS_TITLE
    assert page.one("meta", name="twitter:title").get("content") == XSS_TITLE
    assert page.one("meta", name="description").get("content") == XSS_SUMMARY
    assert page.one("meta", property="og:description").get("content") == XSS_SUMMARY
    for script in page.all("script"):
        text = "".join(script.itertext())
        if script.get("type") == "application/ld+json":
            data = json.loads(text)
            if data.get("@type") == "NewsArticle":
                assert data["headline"] == XSS_TITLE and data["description"] == XSS_SUMMARY
        else:
            assert "alert" not in text
    assert XSS_TAG in page.texts("a")


def test_br17_lists_feeds_and_term_urls_stay_safe(hostile_site):
    """BR-17 (https://github.com/hahwul/hwaro/issues/286): the front page link text is the
    title; feeds are well-formed with the exact title and an inert summary; term URLs hold no
    ``<``, ``>`` or ``"``."""
    out = hostile_site.output
    index = parse_html(out / "index.html")
    assert XSS_TITLE in index.texts("a")
    for name in ("feed.xml", "atom.xml"):
        data = (out / name).read_bytes()
        ET.fromstring(data)
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0 and parsed.entries[0].title == XSS_TITLE
        summary_doc = parse_html(f"<div>{parsed.entries[0].summary}</div>")
        assert not [img for img in summary_doc.all("img") if img.get("onerror")]
    for folder in ("tags", "sections"):
        for term in (out / folder).iterdir():
            assert not any(c in term.name for c in '<>"'), term.name
    for file in out.rglob("*.html"):
        for link in page_links(parse_html(file)):
            assert not any(c in link for c in '<>"'), (file, link)
            # share links carry the title to another site as an encoded query value; every
            # path, and every link of our own, stays clean even decoded
            path_part = link if link.startswith("/") else link.split("?", 1)[0]
            assert not any(c in unquote(path_part) for c in '<>"'), (file, link)


# --- BR-18: two articles with one URL -------------------------------------------------------

TWIN_TITLE = "انقطاع المياه عن عدة أحياء في المدينة"
TWIN_PATH = "/2024/11/21/انقطاع-المياه-عن-عدة-أحياء-في-المدينة/"
TWIN_PATH_2 = "/2024/11/21/انقطاع-المياه-عن-عدة-أحياء-في-المدينة-2/"


def twin_files(dawn_name: str = "article-dawn.md", dusk_name: str = "article-dusk.md") -> dict:
    return {
        dawn_name: article(TWIN_TITLE, "2024-11-21T07:00:00+03:00", body="MARKER-DAWN انقطعت المياه فجرا عن أحياء الشرق."),
        dusk_name: article(TWIN_TITLE, "2024-11-21T21:00:00+03:00", body="MARKER-DUSK عادت المياه مساء إلى معظم الأحياء."),
    }


def test_br18_duplicate_urls_stop_the_build_naming_both_files(new_site):
    """BR-18 (https://github.com/getnikola/nikola/issues/1749, related
    https://github.com/marcuswhybrow/ray-peat-rodeo/issues/25): by default two articles
    with one URL stop the build (exit 2) naming both files and the URL; nothing is written
    and the previous output stays."""
    site = new_site(twin_files(), config=CASE_CONFIG)
    site.output.mkdir()
    (site.output / MARKER).write_text(f"{MARKER_HEADER}\nprevious.html\n", encoding="utf-8")  # an earlier output
    (site.output / "previous.html").write_text("old site", encoding="utf-8")
    built = build_site(site, build_time=CLOCK)
    assert built.result.exit_code == 2
    text = diagnostics_text(built)
    assert "article-dawn.md" in text and "article-dusk.md" in text
    assert TWIN_PATH in text or quote(TWIN_PATH) in text
    assert "url-collision" in built.codes()
    assert sorted(p.name for p in site.output.iterdir()) == [MARKER, "previous.html"]


def test_br18_duplicate_urls_exit_2_on_the_command_line(new_site):
    """BR-18 (https://github.com/getnikola/nikola/issues/1749): ``python build.py`` exits 2 and
    stderr names both files and the clashing URL."""
    site = new_site(twin_files(), config=CASE_CONFIG)
    proc = run_cli(["build", "--content", "content", "--output", "public", "--config", "site.yaml"], cwd=site.root)
    assert proc.returncode == 2, proc.stderr
    assert "article-dawn.md" in proc.stderr and "article-dusk.md" in proc.stderr
    assert TWIN_PATH in proc.stderr or quote(TWIN_PATH) in proc.stderr
    assert not site.output.exists()


def _twin_pages(output: Path) -> dict[str, str]:
    """``{decoded path: marker}`` of the twin article pages."""
    found = {}
    for path in (TWIN_PATH, TWIN_PATH_2):
        raw = page_at(output, path).read_text(encoding="utf-8")
        markers = [m for m in ("MARKER-DAWN", "MARKER-DUSK") if m in raw]
        assert len(markers) == 1, (path, markers)
        found[path] = markers[0]
    return found


def test_br18_suffix_gives_each_article_its_own_url(new_site):
    """BR-18 (https://github.com/getnikola/nikola/issues/1749): with ``duplicate_urls: suffix``
    both articles are published at two URLs (``-2``), linked, fed and mapped separately."""
    out = build_case(new_site, twin_files(), config={"duplicate_urls": "suffix"}).output
    assert len(article_pages(out)) == 2
    assert _twin_pages(out) == {TWIN_PATH: "MARKER-DAWN", TWIN_PATH_2: "MARKER-DUSK"}
    links = card_links(parse_html(out / "index.html"))
    assert sorted(links) == sorted([TWIN_PATH, TWIN_PATH_2])
    for name in ("feed.xml", "atom.xml"):
        entries = feedparser.parse((out / name).read_bytes()).entries
        assert len(entries) == 2
        assert {site_path(e.link) for e in entries} == {TWIN_PATH, TWIN_PATH_2}
        assert len({e.id for e in entries}) == 2
    locs = {site_path(el.text) for el in xml_root(out / "sitemap.xml").iter(f"{SITEMAP}loc")}
    assert {TWIN_PATH, TWIN_PATH_2} <= locs


def test_br18_suffix_assignment_does_not_depend_on_file_names_or_order(new_site, monkeypatch):
    """BR-18 (https://github.com/getnikola/nikola/issues/1749): the same article keeps the same
    URL when the file names are swapped and when the files are read in reverse order."""
    config = {"duplicate_urls": "suffix"}
    first = build_case(new_site, twin_files(), config=config)
    swapped = build_case(new_site, twin_files("article-dusk.md", "article-dawn.md"), config=config)
    walk = pipeline.sources_and_assets

    def reversed_walk(*args, **kwargs):
        sources, assets, assets_report = walk(*args, **kwargs)
        return list(reversed(sources)), assets, assets_report

    monkeypatch.setattr(pipeline, "sources_and_assets", reversed_walk)
    reversed_order = build_case(new_site, twin_files(), config=config)
    expected = {TWIN_PATH: "MARKER-DAWN", TWIN_PATH_2: "MARKER-DUSK"}
    for built in (first, swapped, reversed_order):
        assert _twin_pages(built.output) == expected
    assert snapshot(reversed_order.output) == snapshot(first.output)


def test_br18_suffix_skips_a_url_that_is_already_taken(new_site):
    """BR-18 (https://github.com/getnikola/nikola/issues/1749): a third clash gets ``-3``, and a
    suffix never lands on a URL another article already has (its own title ending in ``2``)."""
    files = twin_files()
    files["article-noon.md"] = article(TWIN_TITLE, "2024-11-21T13:00:00+03:00", body="MARKER-NOON ظهرا.")
    files["article-two.md"] = article(TWIN_TITLE + " 2", "2024-11-21T10:00:00+03:00", body="MARKER-TWO ثانية.")
    out = build_case(new_site, files, config={"duplicate_urls": "suffix"}).output
    pages = article_pages(out)
    assert len(pages) == 4
    markers = {}
    for file in pages:
        raw = file.read_text(encoding="utf-8")
        found = [m for m in ("MARKER-DAWN", "MARKER-NOON", "MARKER-DUSK", "MARKER-TWO") if m in raw]
        assert len(found) == 1, (file, found)
        markers[found[0]] = "/" + file.parent.relative_to(out).as_posix() + "/"
    assert markers["MARKER-TWO"] == TWIN_PATH_2
    assert markers["MARKER-DAWN"] == TWIN_PATH
    assert len(set(markers.values())) == 4
