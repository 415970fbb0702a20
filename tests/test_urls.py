"""sitegen.urls: permalinks in the site timezone, base paths, encoding, hostile slugs and urls."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest

from helpers import article, article_pages, build_site, parse_html, snapshot
from sitegen.cache import cache_folder
from sitegen import urls
from sitegen.output_lock import lock_path

RIYADH = ZoneInfo("Asia/Riyadh")
TITLE = "إعلان نتائج مسابقة القراءة السنوية"
SLUG = "إعلان-نتائج-مسابقة-القراءة-السنوية"


@pytest.fixture
def process_tz(monkeypatch):
    """Set the process time zone (``TZ`` + ``tzset``) for one test, restored afterwards."""

    def set_tz(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_tz
    monkeypatch.undo()
    time.tzset()


# --- pure functions -------------------------------------------------------------------


def test_permalink_uses_the_given_local_date():
    local = datetime(2024, 11, 21, 1, 30, tzinfo=RIYADH)
    assert urls.permalink("/{year}/{month}/{day}/{slug}/", SLUG, local, None) == f"/2024/11/21/{SLUG}/"


def test_permalink_without_date_drops_date_segments():
    assert urls.permalink("/{year}/{month}/{day}/{slug}/", SLUG, None, None) == f"/{SLUG}/"


def test_permalink_with_section():
    local = datetime(2024, 3, 5, tzinfo=RIYADH)
    assert urls.permalink("/{section}/{year}/{slug}/", "خبر", local, "رياضة") == "/رياضة/2024/خبر/"
    assert urls.permalink("/{section}/{year}/{slug}/", "خبر", local, None) == "/2024/خبر/"


@pytest.mark.parametrize("pattern", ["//{slug}/", "/{section}//{slug}/", "{section}/{year}//{slug}", "///{slug}"])
def test_permalink_never_gives_an_empty_segment(pattern):
    # /tmp/attack47/r1-base-url-empty-segment-network-path.sh asked for every config path prefix: a
    # pattern with "//" (or an empty {section}) must not make a "//…" network-path site path
    assert urls.permalink(pattern, "خبر", datetime(2024, 3, 5, tzinfo=RIYADH), None) in ("/خبر/", "/2024/خبر/")


def test_href_encodes_once_under_the_base_path():
    link = urls.href("/news/", f"/2024/11/21/{SLUG}/")
    assert link.startswith("/news/2024/11/21/%D8%A5")
    assert link.isascii()
    assert unquote(link) == f"/news/2024/11/21/{SLUG}/"
    assert "%25" not in link


def test_href_at_the_root():
    assert urls.href("/", "/tags/ثقافة/") == "/tags/%D8%AB%D9%82%D8%A7%D9%81%D8%A9/"


def test_absolute_url_is_ascii_and_decodes_back():
    url = urls.absolute_url("https://news.example.org/news/", f"/2024/11/21/{SLUG}/")
    assert url.isascii()
    assert unquote(url) == f"https://news.example.org/news/2024/11/21/{SLUG}/"


@pytest.mark.parametrize("path, file", [("/", "index.html"), ("/a/b/", "a/b/index.html"),
                                        ("/feed.xml", "feed.xml"), ("/tags/ثقافة/", "tags/ثقافة/index.html")])
def test_output_file(path, file):
    assert urls.output_file(path) == file


def test_page_path():
    assert urls.page_path("/tags/ثقافة/", 1) == "/tags/ثقافة/"
    assert urls.page_path("/tags/ثقافة/", 3) == "/tags/ثقافة/page/3/"


HOSTILE = ["../../etc/passwd", "/../../../outside/", "..\\..\\windows\\x", "a/../../b", "x\x00y/z",
           "C:\\temp\\x", "....//x", "/./../.", "~/", "%2e%2e/%2e%2e/x", "\x01\x02", "../", "/"]


@pytest.mark.parametrize("text", HOSTILE)
def test_clean_path_cannot_escape(text):
    path = urls.clean_path(text)
    assert path.startswith("/") and path.endswith("/")
    segments = [s for s in path.split("/") if s]
    assert all(s not in (".", "..") for s in segments)
    assert not any(c in path for c in "\\\x00\x01\x02:")
    relative = PurePosixPath(urls.output_file(path))
    assert ".." not in relative.parts and not relative.is_absolute()


# --- permalinks through a build -----------------------------------------------------


@pytest.mark.parametrize("process_zone", ["UTC", "America/Los_Angeles", "Asia/Tokyo"])
def test_permalink_day_is_the_site_timezone_day(new_site, process_tz, process_zone):
    process_tz(process_zone)
    site = new_site({"a.md": article(TITLE, "2024-11-21T01:30:00+03:00")})
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [p.relative_to(built.output).as_posix() for p in article_pages(built.output)] == [
        f"2024/11/21/{SLUG}/index.html"]


def test_permalink_from_a_utc_date_uses_the_local_day(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-20T22:30:00Z")})
    built = build_site(site)
    assert (built.output / f"2024/11/21/{SLUG}/index.html").is_file()
    assert not (built.output / "2024/11/20").exists()


def test_naive_date_is_site_local(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-21 00:15")}, config={"timezone": "Africa/Cairo"})
    built = build_site(site)
    assert (built.output / f"2024/11/21/{SLUG}/index.html").is_file()


def test_builds_in_different_process_timezones_are_identical(new_site, process_tz):
    site = new_site({"a.md": article(TITLE, "2024-11-21T01:30:00+03:00"),
                     "b.md": article("خبر ثان عن الطقس", "2024-11-20 23:50")})
    trees = []
    for zone in ("UTC", "America/Los_Angeles"):
        process_tz(zone)
        out = site.root / f"out-{zone.replace('/', '-')}"
        assert build_site(site, output=out).result.exit_code == 0
        trees.append(snapshot(out))
    assert trees[0] == trees[1]


def test_links_carry_the_base_path(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", tags=["قراءة"], section="ثقافة")},
                    config={"base_url": "https://news.example.org/news/"})
    built = build_site(site)
    index = parse_html(built.output / "index.html")
    hrefs = [a.get("href") for a in index.all("a")]
    assert f"/news/2024/11/21/{SLUG}/" in [unquote(h) for h in hrefs]
    root_relative = [h for h in hrefs if h.startswith("/")]
    assert root_relative and all(h.startswith("/news/") for h in root_relative)
    page = parse_html(built.output / f"2024/11/21/{SLUG}/index.html")
    tag_links = [unquote(a.get("href")) for a in page.all("a") if "/tags/" in unquote(a.get("href") or "")]
    assert tag_links == ["/news/tags/قراءة/"]
    canonical = page.one("link", rel="canonical").get("href")
    assert unquote(canonical) == f"https://news.example.org/news/2024/11/21/{SLUG}/"


# --- front matter slug and url ------------------------------------------------------


def test_front_matter_slug_wins(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", slug="نتائج القراءة")})
    built = build_site(site)
    assert [p.parent.name for p in article_pages(built.output)] == ["نتائج-القراءة"]


def test_front_matter_url_wins(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", url="/خاص/مسابقة-القراءة/")})
    built = build_site(site)
    assert (built.output / "خاص/مسابقة-القراءة/index.html").is_file()
    assert article_pages(built.output) == []


@pytest.mark.parametrize("key, value", [
    ("slug", "../../../escaped"), ("slug", "/etc/escaped"), ("slug", "..\\..\\escaped"), ("slug", "esc\x00aped"),
    ("slug", ".."), ("url", "../../../escaped/"), ("url", "/../../escaped/"), ("url", "..\\..\\escaped\\"),
    ("url", "/a/\x00/../../escaped/"), ("url", "C:\\escaped\\"),
])
def test_hostile_slug_or_url_cannot_escape_the_output(new_site, tmp_path, key, value):
    # the site sits four folders deep so that an escape of up to four levels still lands in tmp_path
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", **{key: value})}, name="d1/d2/d3/site")
    before = {p for p in tmp_path.rglob("*")}
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    created = {p for p in tmp_path.rglob("*")} - before
    ledger = site.root / "url-ledger.json"  # the one file beside site.yaml (INTERFACE.md)
    cache = cache_folder(built.output)  # the build cache beside the output (issue 10)
    outside = [p for p in created if not p.is_relative_to(built.output) and not p.is_relative_to(cache)
               and p not in (lock_path(built.output), ledger)]
    assert outside == []
    pages = [p for p in built.output.rglob("index.html") if parse_html(p).texts("h1") == [TITLE]]
    assert len(pages) == 1
    names = pages[0].relative_to(built.output).parts
    assert all(part not in ("..", ".") and "\\" not in part and "\x00" not in part for part in names)


def test_arabic_base_path_gives_ascii_absolute_urls(new_site):
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00")},
                    config={"base_url": "https://news.example.org/أخبار/"})
    built = build_site(site)
    assert built.result.exit_code == 0
    page = parse_html(built.output / f"2024/11/21/{SLUG}/index.html")
    canonical = page.one("link", rel="canonical").get("href")
    assert canonical.isascii(), canonical                       # RFC 3986: non-ASCII is percent-encoded
    assert unquote(canonical) == f"https://news.example.org/أخبار/2024/11/21/{SLUG}/"
    index_links = [unquote(a.get("href")) for a in parse_html(built.output / "index.html").all("a")]
    assert f"/أخبار/2024/11/21/{SLUG}/" in index_links


def test_month_and_year_archives_use_the_site_timezone(new_site):
    # 2024-12-31 22:30 UTC is already 2025-01-01 01:30 in Riyadh
    site = new_site({"a.md": article("تهنئة بالعام الجديد من المجلس البلدي", "2024-12-31T22:30:00Z")})
    built = build_site(site)
    assert built.result.exit_code == 0
    slug = "تهنئة-بالعام-الجديد-من-المجلس-البلدي"
    assert (built.output / f"2025/01/01/{slug}/index.html").is_file()
    assert (built.output / "2025/index.html").is_file() and (built.output / "2025/01/index.html").is_file()
    assert not (built.output / "2024").exists()
    month = parse_html(built.output / "2025/01/index.html")
    assert f"/2025/01/01/{slug}/" in [unquote(a.get("href") or "") for a in month.all("a")]


@pytest.mark.parametrize("written, path", [
    ("/news/1234.html", "/news/1234.html"),
    ("news/old", "/news/old/"),
    ("/أخبار/قديم", "/أخبار/قديم/"),
    ("/a%20b/c.php?id=5#top", "/a b/c.php"),
    ("https://old.example.com/a%20b/c.php?id=5#top", "/a b/c.php"),  # an old address pasted whole
    ("/../../etc/passwd", "/etc/passwd/"),
    ("/", None),
    ("/a\x00b/", None),
])
def test_alias_path_keeps_the_old_spelling_and_stays_inside_the_site(written, path):
    assert urls.alias_path(written) == path


@pytest.mark.parametrize("written", [
    "//evil.com/x", " //evil.com/x", "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)",
    "https://evil.com/", "ftp://old.example.com/a/", "data:text/html,x", "https://x.com/a%3Cb%3E/",
    '/x"><script>alert(1)</script>', "/a%3Cb%3E/", "/a|b/", "/a*b/", "/a%3Fb/", "/news:1234.html",
    "..\\..\\x.html", "/\\evil.com/x", "/a\x85b/",
])
def test_alias_path_refuses_what_url_refuses_and_names_no_folder_can_hold(written):
    # Attack: //evil.com/x and javascript:alert(1) became folders public/evil.com/x/ and
    # public/javascript:alert(1)/, and an alias holding "><script> a folder of those characters.
    assert urls.alias_path(written) is None


@pytest.mark.parametrize("value", ["https://evil.com/../../x", "//evil.com/x", "JavaScript:alert(1)"])
def test_a_url_naming_another_site_is_refused_for_that_article(new_site, value):
    """Regression: ``url: "https://evil.com/../../x"`` was silently made the path
    /https/evil-com/x/ (exit 0, no word); INTERFACE.md: ``url`` is a site path."""
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", url=value),
                     "b.md": article("خبر آخر سليم", "2024-11-21T11:00:00+03:00")})
    built = build_site(site)
    assert built.result.exit_code == 1
    (refused,) = built.diagnostics
    assert (refused.path, refused.code, refused.severity.value) == (str(site.content / "a.md"), "bad-value", "error")
    assert refused.message == (f"url: {value!r} is a full address (a scheme or a host), not a path of this site; "
                               "the article is not published")
    assert refused.hint == "give the article's path on this site, e.g. url: /news/my-article/"
    titles = {t for page in built.output.rglob("index.html") for t in parse_html(page).texts("h1")}
    assert "خبر آخر سليم" in titles and TITLE not in titles


@pytest.mark.parametrize("value", ["/search/pagefind/", "/search/text/x/", "search/pagefind/delta"])
def test_a_url_in_the_search_index_folders_is_refused_for_that_article(new_site, value):
    """Regression (a fresh helper's review, 2026-12-05): ``url: /search/pagefind/`` put the
    article's page where the search stage writes its index: a clean build stopped («…/search/
    pagefind/index.html: write-failed») or the page went missing until the next build."""
    site = new_site({"a.md": article(TITLE, "2024-11-21T10:00:00+03:00", url=value),
                     "b.md": article("خبر آخر سليم", "2024-11-21T11:00:00+03:00")})
    for clean in (True, False, True):
        built = build_site(site, clean=clean)
        assert built.result.exit_code == 1
        (refused,) = built.diagnostics
        assert (refused.path, refused.code, refused.severity.value) == (str(site.content / "a.md"), "bad-value", "error")
        assert refused.message.startswith(f"url: {value!r} lies in search/") and "search index" in refused.message
        titles = {t for page in built.output.rglob("index.html") for t in parse_html(page).texts("h1")}
        assert "خبر آخر سليم" in titles and TITLE not in titles


def test_in_search_index_names_the_folder_a_path_lies_in():
    assert urls.in_search_index("/search/pagefind/") == "search/pagefind"
    assert urls.in_search_index("search/text/a.gz") == "search/text"
    assert urls.in_search_index("/search/") is None and urls.in_search_index("/search/pagefinder/") is None
    assert urls.in_search_index("/news/search/text/") is None


@pytest.mark.parametrize("written, valid", [
    ("https://x.com/ahmed ali", "https://x.com/ahmed%20ali"),
    ("https://cdn.example.org/صور/a b.jpg?w=2&h=1#x", "https://cdn.example.org/%D8%B5%D9%88%D8%B1/a%20b.jpg?w=2&h=1#x"),
    ("https://x.com/a%20b", "https://x.com/a%20b"),  # an escape already written is not encoded twice
    ('https://x.com/"a"<b>{c}|d^e`f\\g', "https://x.com/%22a%22%3Cb%3E%7Bc%7D%7Cd%5Ee%60f%5Cg"),
    # /tmp/attack46b/r3-external-url-stray-percent.sh: a % that starts no escape is one itself
    ("https://cdn.example.com/sale 50%.jpg", "https://cdn.example.com/sale%2050%25.jpg"),
    ("https://x.com/a%zz/100%/%4", "https://x.com/a%25zz/100%25/%254"),
])
def test_external_url_encodes_what_a_url_may_not_hold(written, valid):
    # /tmp/attack46/r6-author-link-space-invalid-href.sh, r7-image-url-space-invalid-src.sh: a raw
    # space went into href, src and sameAs.
    assert urls.external_url(written) == valid


@pytest.mark.parametrize("written, path, suffix", [
    ("brand/icon.svg?v=2", "/brand/icon.svg", "?v=2"),
    ("/brand/a%20b.png#top", "/brand/a b.png", "#top"),
    ("/brand/icon.png", "/brand/icon.png", ""),
    ("/i.png?v=a b&x=%", "/i.png", "?v=a%20b&x=%25"),
])
def test_split_site_link_keeps_a_query_out_of_the_file_name(written, path, suffix):
    # /tmp/attack46b (noticed): favicon: brand/i.svg?v=2 was linked as /brand/i.svg%3Fv%3D2, no file.
    assert urls.split_site_link(written) == (path, suffix)


@pytest.mark.parametrize("written, url", [
    ("/images/a%20b.jpg", "https://x.example/news/images/a%20b.jpg"),
    ("images/a b.jpg?v=2", "https://x.example/news/images/a%20b.jpg?v=2"),
    ("/images/%D8%B5%D9%88%D8%B1%D8%A9.jpg", "https://x.example/news/images/%D8%B5%D9%88%D8%B1%D8%A9.jpg"),
    ("/images/صورة.jpg", "https://x.example/news/images/%D8%B5%D9%88%D8%B1%D8%A9.jpg"),
    ("/images/sale 50%.jpg", "https://x.example/news/images/sale%2050%25.jpg"),
    ("/images/100%2525.jpg", "https://x.example/news/images/100%2525.jpg"),  # the file "100%25.jpg"
])
def test_a_site_link_is_decoded_once_and_encoded_once(written, url):
    # /tmp/attack48/r1-image-percent-encoded-double-encoded.sh: /images/a%20b.jpg was published
    # as /images/a%2520b.jpg (encoded again) in og:image and JSON-LD.
    assert urls.site_link_url("https://x.example/news/", written) == url
