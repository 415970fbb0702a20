"""Content that should not be trusted (issue 9): protocol-relative URLs are other sites, not
site paths; SVG files from content/ are not published unless trusted; feed titles are plain text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from helpers import article, article_pages, build_site, page_links, parse_html
from sitegen.urls import body_url, href, safe_link

#: Each names ``evil.example`` to a browser once percent-decoding (which ``href`` does) and
#: WHATWG URL parsing (``\\`` is ``/``, tabs and newlines dropped) are applied.
PROTOCOL_RELATIVE = ["//evil.example/x", "/%2Fevil.example/x", "/%2fevil.example/x", "/\\evil.example/x",
                     "/%5Cevil.example/x", "\\\\evil.example/x", "/\t/evil.example/x", " //evil.example/x",
                     "%2F%2Fevil.example/x", "///evil.example/x"]


# --- protocol-relative URLs -------------------------------------------------------------


@pytest.mark.parametrize("link", PROTOCOL_RELATIVE)
def test_protocol_relative_url_is_external_in_safe_link(link):
    assert safe_link(link) == "https://evil.example/x"
    assert body_url(link) == "https://evil.example/x"


@pytest.mark.parametrize("link", ["//", "/%2F", "/\\", "/\\/?x"])
def test_protocol_relative_url_without_a_host_is_refused(link):
    assert safe_link(link) is None
    assert body_url(link) is None


def test_site_paths_stay_site_paths():
    assert safe_link("/images/a.jpg") == "/images/a.jpg"
    assert safe_link("images/a.jpg") == "/images/a.jpg"
    assert body_url("/2024/11/21/خبر/") == "/2024/11/21/خبر/"
    assert body_url("a%2Fb") == "a%2Fb"


def test_href_never_makes_a_protocol_relative_link():
    assert href("", "//evil.example/x") == "/evil.example/x"
    assert href("/news/", "/a/") == "/news/a/"


@pytest.mark.parametrize("relative_urls", [False, True])
def test_protocol_relative_links_and_images_are_external_in_the_built_site(new_site, relative_urls):
    body = "\n\n".join(f"[رابط {i}](<{link}>) ![صورة {i}](<{link}>)" for i, link in enumerate(PROTOCOL_RELATIVE))
    site = new_site({"a.md": article(body=body, image="/%2Fevil.example/x")},
                    config={"base_url": "https://news.example.org/", "relative_urls": relative_urls})
    built = build_site(site)
    assert built.result.exit_code == 0
    [page_file] = article_pages(built.output)
    page = parse_html(page_file)
    page_url = "https://news.example.org/" + page_file.relative_to(built.output).as_posix()
    # where a browser goes: WHATWG reads ``\\`` as ``/`` and drops tabs and newlines
    evil = [link for link in page_links(page)
                 if urlsplit(urljoin(page_url, re.sub(r"[\t\n\r]", "", link.replace("\\", "/")))).hostname
                 == "evil.example"]
    # every body link and image (two per form; Markdown reads ``\\\\`` as one ``\\``) and the front matter image
    assert len(evil) >= 2 * (len(PROTOCOL_RELATIVE) - 1) + 1
    assert all(link.startswith("https://evil.example/") for link in evil), evil


# --- SVG files in content/ --------------------------------------------------------------

SCRIPTED_SVG = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>"


def test_svg_in_content_is_refused_with_a_diagnostic_naming_the_file(new_site):
    site = new_site({"a.md": article(body="![رسم](/charts/رسم.svg)"), "charts/رسم.svg": SCRIPTED_SVG,
                     "photo.png": b"\x89PNG not really"})
    built = build_site(site)
    assert built.result.exit_code == 1  # built, one file skipped
    [refused] = [d for d in built.diagnostics if d.code == "svg-untrusted"]
    assert refused.path == str(site.content / "charts/رسم.svg")
    assert "trusted_html" in refused.hint and "static/" in refused.hint
    assert not list(built.output.rglob("*رسم.svg"))
    assert (built.output / "photo.png").is_file()  # the rest of the content is published
    assert len(article_pages(built.output)) == 1
    # The theme's own SVGs (favicon, share icons) are still published.
    assert (built.output / "favicon.svg").read_bytes().lstrip().startswith((b"<svg", b"<?xml"))


def test_svg_in_content_is_published_with_trusted_html_or_as_the_configured_favicon(new_site):
    files = {"a.md": article(), "brand/icon.svg": SCRIPTED_SVG, "charts/c.svg": SCRIPTED_SVG}
    trusted = build_site(new_site(files, config={"trusted_html": True}))
    assert trusted.result.exit_code == 0
    assert (trusted.output / "charts/c.svg").read_text(encoding="utf-8") == SCRIPTED_SVG
    chosen = build_site(new_site(files, config={"favicon": "/brand/icon.svg"}))
    assert [d.path for d in chosen.diagnostics if d.code == "svg-untrusted"] == [
        str(chosen.site.content / "charts/c.svg")]
    assert (chosen.output / "brand/icon.svg").is_file() and not (chosen.output / "charts/c.svg").exists()
    page = parse_html(article_pages(chosen.output)[0])
    assert page.one("link", rel="icon").get("href") == "/brand/icon.svg"


# --- feed titles are plain text ---------------------------------------------------------

#: BR-17's kind of title (markup, quotes, ``&``) and neighbours: a bare ``<``, an ``&`` that is
#: not an entity, both quote marks, Arabic with tashkeel and guillemets.
FEED_TITLES = ['تقرير: "الأمن" يحذّر من <script>alert(1)</script> & الاحتيال',
               "AT&T تربح 5% <و> الأسهم 'تصعد' \"اليوم\"", "أ<ب>ج «مختارات» عالَم", "x<y & z>w"]
FEED_SITE_TITLE = "أخبار <المدينة> & \"الريف\""
FEED_DESCRIPTION = "<i>وصف</i> 'الموقع' & أكثر"
#: ``&`` and ``<`` written as entities (``&amp;``, ``&lt;``, ``&gt;``, …) rather than as the
#: hexadecimal character references the RSS Best Practices Profile asks for in plain text.
_ENTITY_ESCAPE = re.compile(rb"&(?:amp|lt|gt|quot|apos|#\d+);")


def test_feed_titles_are_plain_text_read_back_exactly_br17(new_site):
    """BR-17 §4 and issue 9 (feed titles): every title, the site title and description in
    RSS and Atom are plain text escaped once, as hexadecimal character references (RSS
    Best Practices Profile, "Character Data"; Atom ``type="text"``, RFC 4287 §3.1.1.1), so
    a strict XML parser and feedparser read back exactly the text as written."""
    files = {f"a{n}.md": article(title, date=f"2024-11-2{n}T10:00:00+03:00", section="محليات & <أخرى>")
             for n, title in enumerate(FEED_TITLES)}
    built = build_site(new_site(files, config={"title": FEED_SITE_TITLE, "description": FEED_DESCRIPTION}))
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    [section_feed] = built.output.glob("sections/*/feed.xml")
    for path in (built.output / "feed.xml", built.output / "atom.xml", section_feed):
        raw = path.read_bytes()
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0, path
        assert sorted(entry.title for entry in parsed.entries) == sorted(FEED_TITLES), path
        assert {entry.title_detail.type for entry in parsed.entries} == {"text/plain"}, path
        assert FEED_SITE_TITLE in parsed.feed.title and parsed.feed.title_detail.type == "text/plain"
        # One XML parse gives back the text as written: no entity applied twice.
        root = ET.fromstring(raw)
        atom = root.tag.startswith("{")
        texts = {e.text for e in root.iter() if e.tag.rpartition("}")[2] in ("title", "subtitle", "description")}
        assert set(FEED_TITLES) | {FEED_DESCRIPTION} <= texts, path
        if atom:  # Atom says the titles are text; RSS cannot (feedparser guesses, readers too)
            assert parsed.feed.subtitle == FEED_DESCRIPTION and parsed.feed.subtitle_detail.type == "text/plain"
            kinds = {e.get("type") for e in root.iter() if e.tag.rpartition("}")[2] in ("title", "subtitle")}
            assert kinds == {"text"}, path
        for text in re.findall(rb"<(title|subtitle|description)\b[^>]*>(.*?)</\1>", raw):
            assert not _ENTITY_ESCAPE.search(text[1]), (path, text[1].decode())
