"""sitegen.seo: sitemaps, news sitemap, robots.txt and the Open Graph / Twitter / JSON-LD
metadata of pages, checked on inline mini-sites with real parsers (ElementTree, html5lib,
json, jsonschema).

Guards cases BR-17 §2/§5 (hostile titles in attributes and JSON-LD) and BR-18 §5
(every article in the sitemap).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

import html5lib
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import parse_config
from feedsite import BASE, BUILD_TIME, CONFIG, HOSTILE_SUMMARY, HOSTILE_TITLE, build_site, is_ascii, markdown
from sitegen import sitemaps
from sitegen.seo import PageMetadata, json_for_script
from sitegen.sitemaps import SitemapURL, urlset_bytes

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ISO_WITH_OFFSET = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"

NEWS_ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "headline", "description", "datePublished", "dateModified",
                 "author", "publisher", "inLanguage", "mainEntityOfPage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "NewsArticle"},
        "headline": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "datePublished": {"type": "string", "pattern": ISO_WITH_OFFSET},
        "dateModified": {"type": "string", "pattern": ISO_WITH_OFFSET},
        "inLanguage": {"type": "string", "pattern": "^ar"},
        "image": {"type": "array", "items": {"type": "string", "pattern": "^https://"}},
        "author": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["@type", "name"],
            "properties": {"@type": {"const": "Person"}, "name": {"type": "string", "minLength": 1}}}},
        "publisher": {"type": "object", "required": ["@type", "name"], "properties": {
            "@type": {"const": "Organization"},
            "logo": {"type": "object", "required": ["@type", "url"],
                     "properties": {"@type": {"const": "ImageObject"}, "url": {"type": "string", "pattern": "^https://"}}}}},
        "mainEntityOfPage": {"type": "object", "required": ["@type", "@id"],
                             "properties": {"@type": {"const": "WebPage"}, "@id": {"type": "string"}}},
    },
}
BREADCRUMB_SCHEMA = {
    "type": "object",
    "required": ["@context", "@type", "itemListElement"],
    "properties": {
        "@type": {"const": "BreadcrumbList"},
        "itemListElement": {"type": "array", "items": {
            "type": "object", "required": ["@type", "position", "name", "item"],
            "properties": {"@type": {"const": "ListItem"}, "position": {"type": "integer"}}}},
    },
}


def page(out: Path, path: str):
    """The html5lib tree of the page at a decoded site path."""
    return html5lib.parse((out / path.strip("/") / "index.html").read_text("utf-8"), namespaceHTMLElements=False)


def meta(doc, key: str) -> list[str]:
    return [m.get("content") for m in doc.iter("meta") if key in (m.get("property"), m.get("name"))]


def json_ld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.iter("script") if s.get("type") == "application/ld+json"]


HOSTILE_PATH = "/2024/11/21/تقرير-الأمن-يحذر-من-script-alert-1-script-الاحتيال/"
def _jpeg(width: int = 64, height: int = 36) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 160, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


SAMPLE = {
    "images/gold.jpg": _jpeg(),
    "gold.md": markdown(title="تراجع أسعار الذهب", date="2024-11-21T09:15:00+03:00", updated="2024-11-21T13:40:00+03:00",
                        section="اقتصاد", tags=["الذهب", "الأسعار"], authors=["كريم يوسف"], summary="تراجعت الأسعار.",
                        image="/images/gold.jpg", slug="gold"),
    "hostile.md": markdown(title=HOSTILE_TITLE, date="2024-11-21T19:00:00+03:00", tags=["<b>تنبيه</b>"],
                           summary=HOSTILE_SUMMARY, slug="hostile"),
    "old.md": markdown(title="خبر قديم", date="2024-11-10T08:00:00+03:00", section="اقتصاد", slug="old"),
}


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("sample"), SAMPLE, logo="/images/logo.png")


# ---------------------------------------------------------------- sitemaps and robots

def test_sitemap_lists_every_page_once_with_ascii_locs_and_lastmod(sample_out):
    root = ET.fromstring((sample_out / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    locs = [u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")]
    assert len(locs) == len(set(locs))
    assert all(is_ascii(loc) and loc.startswith(BASE) for loc in locs)
    decoded = {unquote(loc): lastmod for loc, lastmod in entries.items()}
    assert decoded[BASE] == "2024-11-21T19:00:00+03:00"
    assert decoded[BASE + "2024/11/21/gold/"] == "2024-11-21T13:40:00+03:00"  # `updated` wins over `date`
    assert decoded[BASE + "2024/11/10/old/"] == "2024-11-10T08:00:00+03:00"
    assert decoded[BASE + "sections/اقتصاد/"] == "2024-11-21T13:40:00+03:00"
    for path in ("2024/11/21/hostile/", "tags/الذهب/", "authors/كريم-يوسف/"):
        assert BASE + path in decoded
    assert all(re.match(ISO_WITH_OFFSET, lastmod) for lastmod in decoded.values())


def test_sitemap_lastmod_of_an_archive_is_its_latest_instant_whatever_the_offsets(tmp_path):
    # Issue 10: the archives' last modified moments are compared in UTC (one time zone, for
    # speed): the latest *instant* wins, not the latest wall-clock reading, and each is written
    # in the site's time zone.
    articles = {
        "london.md": markdown(title="خبر لندن", date="2024-11-21T10:30:00+00:00", section="عالم", slug="london"),
        "cairo.md": markdown(title="خبر القاهرة", date="2024-11-21T12:00:00+02:00", section="عالم", slug="cairo",
                             updated="2024-11-21T12:15:00+02:00"),
        "riyadh.md": markdown(title="خبر الرياض", date="2024-11-21T13:20:00+03:00", section="عالم", slug="riyadh"),
    }
    out = build_site(tmp_path, articles)
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    decoded = {unquote(u.findtext(f"{SM}loc")): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert decoded[BASE + "sections/عالم/"] == "2024-11-21T13:30:00+03:00"  # London's 10:30 UTC
    assert decoded[BASE] == "2024-11-21T13:30:00+03:00"
    assert decoded[BASE + "2024/11/21/cairo/"] == "2024-11-21T13:15:00+03:00"  # `updated`, in the site's zone


def test_news_sitemap_holds_only_the_last_two_days(tmp_path):
    build_time = datetime(2024, 11, 22, 12, 0, tzinfo=timezone.utc)
    articles = {
        "fresh.md": markdown(title="خبر عاجل <اليوم> & غدا", date="2024-11-22T14:00:00+03:00", slug="fresh"),  # 1 h ago
        "edge.md": markdown(title="خبر أول أمس", date="2024-11-20T16:00:00+03:00", slug="edge"),  # 47 h ago
        "stale.md": markdown(title="خبر قديم", date="2024-11-20T14:00:00+03:00", slug="stale"),  # 49 h ago
    }
    out = build_site(tmp_path, articles, build_time=build_time)
    raw = (out / "news-sitemap.xml").read_bytes()
    assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in raw
    root = ET.fromstring(raw)
    urls = root.findall(f"{SM}url")
    assert [unquote(u.findtext(f"{SM}loc")) for u in urls] == [BASE + "2024/11/22/fresh/", BASE + "2024/11/20/edge/"]
    first = urls[0].find(f"{NEWS}news")
    assert first.findtext(f"{NEWS}publication/{NEWS}name") == "موقع الاختبار"
    assert first.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
    assert first.findtext(f"{NEWS}publication_date") == "2024-11-22T14:00:00+03:00"
    assert first.findtext(f"{NEWS}title") == "خبر عاجل <اليوم> & غدا"


def test_news_sitemap_is_valid_when_nothing_is_recent(tmp_path):
    out = build_site(tmp_path, SAMPLE, build_time=BUILD_TIME + timedelta(days=10))
    root = ET.fromstring((out / "news-sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset" and len(root) == 0


def test_robots_txt_allows_all_and_names_both_sitemaps(sample_out):
    assert (sample_out / "robots.txt").read_text("utf-8") == (
        "User-agent: *\nAllow: /\n\n"
        f"Sitemap: {BASE}sitemap.xml\nSitemap: {BASE}news-sitemap.xml\n")


def _urlset(path: Path) -> list[tuple[str, str | None]]:
    """``(loc, lastmod)`` of each ``<url>`` of the sitemaps.org urlset at ``path``, its shape checked:
    ``<urlset>`` of ``<url>`` only, each of one ``<loc>`` and at most one ``<lastmod>``."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SM}urlset"
    entries = []
    for url in root:
        assert url.tag == f"{SM}url" and [child.tag for child in url] in ([f"{SM}loc"], [f"{SM}loc", f"{SM}lastmod"])
        entries.append((url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod")))
    return entries


def test_past_the_url_limit_sitemap_xml_is_an_index_of_valid_parts(tmp_path, monkeypatch):
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: every URL went in one sitemap.xml, invalid
    # past 50,000 URLs (sitemaps.org). The limit lowered to 3 stands for 50,000.
    whole_out = build_site(tmp_path / "whole", SAMPLE)
    whole = _urlset(whole_out / "sitemap.xml")
    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", 3)
    out = build_site(tmp_path / "split", SAMPLE)
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    listed = []
    for entry in index:
        assert entry.tag == f"{SM}sitemap" and [child.tag for child in entry] == [f"{SM}loc", f"{SM}lastmod"]
        listed.append((entry.findtext(f"{SM}loc"), entry.findtext(f"{SM}lastmod")))
    assert [loc for loc, _ in listed] == [f"{BASE}sitemap-{n}.xml" for n in range(1, -(-len(whole) // 3) + 1)]
    joined = []
    for n, (_, lastmod) in enumerate(listed, start=1):
        part = _urlset(out / f"sitemap-{n}.xml")
        assert 1 <= len(part) <= 3
        assert lastmod == max((m for _, m in part if m), key=datetime.fromisoformat)
        # the bytes the planner counted are the bytes the theme's template wrote
        assert (out / f"sitemap-{n}.xml").stat().st_size == urlset_bytes(tuple(SitemapURL(*e) for e in part))
        joined += part
    assert joined == whole  # the same URLs in the same order
    for name in ("robots.txt", "news-sitemap.xml"):
        assert (out / name).read_bytes() == (whole_out / name).read_bytes(), name


def test_a_redirect_gives_way_to_a_sitemap_part(tmp_path, monkeypatch):
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: an alias may name a file (/sitemap-1.xml);
    # the planned part wins and the alias gets the usual alias-taken warning.
    import helpers

    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", 2)
    site = helpers.make_site(tmp_path, {"a.md": helpers.article("خبر", aliases=["/sitemap-1.xml"]),
                                        "b.md": helpers.article("خبر آخر", "2024-11-22T10:00:00+03:00")})
    built = helpers.build_site(site)
    assert built.result.exit_code == 0 and "alias-taken" in built.codes()
    assert _urlset(built.output / "sitemap-1.xml")[0][0] == "https://news.example.org/"


def test_crawler_files_are_byte_reproducible(tmp_path):
    first = build_site(tmp_path / "a", SAMPLE)
    second = build_site(tmp_path / "b", SAMPLE)
    for name in ("sitemap.xml", "news-sitemap.xml", "robots.txt", "feed.xml", "atom.xml"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    article = "2024/11/21/gold/index.html"
    assert (first / article).read_bytes() == (second / article).read_bytes()


def test_base_url_with_a_path_everywhere(tmp_path):
    base = "https://host.example/news/"
    out = build_site(tmp_path, SAMPLE, base_url=base, logo="/images/logo.png")
    locs = [u.text for u in ET.fromstring((out / "sitemap.xml").read_bytes()).iter(f"{SM}loc")]
    locs += [u.text for u in ET.fromstring((out / "news-sitemap.xml").read_bytes()).iter(f"{SM}loc")]
    assert locs and all(loc.startswith(base) for loc in locs)
    assert BASE not in (out / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base}sitemap.xml" in (out / "robots.txt").read_text("utf-8")
    doc = page(out, "/2024/11/21/gold/")
    assert meta(doc, "og:url") == [base + "2024/11/21/gold/"]
    assert meta(doc, "og:image") == [base + "images/gold.jpg"]
    article, crumbs = json_ld(doc)
    assert article["mainEntityOfPage"]["@id"] == base + "2024/11/21/gold/"
    assert article["publisher"]["logo"]["url"] == base + "images/logo.png"
    assert [item["item"] for item in crumbs["itemListElement"]][0] == base


# ---------------------------------------------------------------- page metadata

def test_article_open_graph_and_twitter_tags(sample_out):
    doc = page(sample_out, "/2024/11/21/gold/")
    assert meta(doc, "og:type") == ["article"]
    assert meta(doc, "og:title") == ["تراجع أسعار الذهب"]
    assert meta(doc, "og:description") == ["تراجعت الأسعار."]
    assert meta(doc, "og:url") == [BASE + "2024/11/21/gold/"]
    assert meta(doc, "og:site_name") == ["موقع الاختبار"]
    assert meta(doc, "og:locale") == ["ar_EG"]
    assert meta(doc, "og:image") == [BASE + "images/gold.jpg"]
    assert meta(doc, "article:published_time") == ["2024-11-21T09:15:00+03:00"]
    assert meta(doc, "article:modified_time") == ["2024-11-21T13:40:00+03:00"]
    assert meta(doc, "article:section") == ["اقتصاد"]
    assert meta(doc, "article:tag") == ["الذهب", "الأسعار"]
    assert meta(doc, "twitter:card") == ["summary_large_image"]
    assert meta(doc, "twitter:title") == ["تراجع أسعار الذهب"]
    plain = page(sample_out, "/2024/11/10/old/")
    assert meta(plain, "twitter:card") == ["summary"] and meta(plain, "og:image") == []


def test_hostile_title_is_exact_in_attributes_and_never_a_script(sample_out):
    """BR-17 §2: quotes do not end attributes; no <script> element holds alert."""
    raw = (sample_out / "2024/11/21/hostile/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in raw and "<img src=x" not in raw and "<b>تنبيه</b>" not in raw
    doc = page(sample_out, "/2024/11/21/hostile/")
    assert meta(doc, "og:title") == [HOSTILE_TITLE]
    assert meta(doc, "twitter:title") == [HOSTILE_TITLE]
    assert meta(doc, "og:description") == [HOSTILE_SUMMARY]
    assert meta(doc, "article:tag") == ["<b>تنبيه</b>"]
    assert not [s for s in doc.iter("script") if "alert" in (s.text or "") and "json" not in s.get("type", "")]
    article, crumbs = json_ld(doc)
    assert article["headline"] == HOSTILE_TITLE and article["description"] == HOSTILE_SUMMARY
    assert crumbs["itemListElement"][-1]["name"] == HOSTILE_TITLE


def test_json_ld_validates_against_schema(sample_out):
    doc = page(sample_out, "/2024/11/21/gold/")
    article, crumbs = json_ld(doc)
    jsonschema.validate(article, NEWS_ARTICLE_SCHEMA)
    jsonschema.validate(crumbs, BREADCRUMB_SCHEMA)
    assert article["datePublished"] == "2024-11-21T09:15:00+03:00"
    assert article["dateModified"] == "2024-11-21T13:40:00+03:00"
    assert article["author"][0]["name"] == "كريم يوسف"
    assert article["publisher"]["name"] == "موقع الاختبار"
    assert article["publisher"]["logo"] == {"@type": "ImageObject", "url": BASE + "images/logo.png"}
    assert article["image"] == [BASE + "images/gold.jpg"]
    assert article["inLanguage"].startswith("ar")
    assert unquote(article["mainEntityOfPage"]["@id"]) == BASE + "2024/11/21/gold/"
    assert [(i["position"], i["name"], unquote(i["item"])) for i in crumbs["itemListElement"]] == [
        (1, "موقع الاختبار", BASE), (2, "اقتصاد", BASE + "sections/اقتصاد/"),
        (3, "تراجع أسعار الذهب", BASE + "2024/11/21/gold/")]


def test_script_end_tag_in_a_title_cannot_leave_the_json_ld(tmp_path):
    title = "خبر </script><script>alert(3)</script> <!-- نهاية"
    out = build_site(tmp_path, {"x.md": markdown(title=title, date="2024-11-21T10:00:00+03:00", slug="x")})
    raw = (out / "2024/11/21/x/index.html").read_text("utf-8")
    assert "<script>alert(3)" not in raw
    doc = page(out, "/2024/11/21/x/")
    scripts = [s for s in doc.iter("script") if s.get("src") is None]  # not the theme's share.js
    assert all(s.get("type") == "application/ld+json" for s in scripts)
    assert len(scripts) == 2
    article, _ = json_ld(doc)
    assert article["headline"] == title


def test_json_for_script_escapes_html_significant_characters():
    text = str(json_for_script({"t": "</script><!-- & \u2028\u2029 عربي"}))
    assert not set("<>&\u2028\u2029") & set(text)
    assert "عربي" in text  # not \\u-escaped: ensure_ascii=False
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 عربي"}


def test_home_page_has_website_metadata(sample_out):
    doc = html5lib.parse((sample_out / "index.html").read_text("utf-8"), namespaceHTMLElements=False)
    assert meta(doc, "og:type") == ["website"]
    assert meta(doc, "og:url") == [BASE]
    (graph,) = json_ld(doc)
    types = {node["@type"]: node for node in graph["@graph"]}
    assert types["WebSite"]["url"] == BASE and types["WebSite"]["name"] == "موقع الاختبار"
    assert types["NewsMediaOrganization"]["logo"]["url"] == BASE + "images/logo.png"


def test_external_image_urls_are_ascii():
    config, _ = parse_config(CONFIG, "site.yaml")
    seo = PageMetadata(config)
    assert seo.image_url("https://cdn.example/صور/1.jpg?w=10") == "https://cdn.example/%D8%B5%D9%88%D8%B1/1.jpg?w=10"
    assert seo.image_url("https://cdn.example/a%20b.jpg") == "https://cdn.example/a%20b.jpg"
    assert seo.image_url("images/صورة.jpg") == BASE + "images/%D8%B5%D9%88%D8%B1%D8%A9.jpg"
    assert seo.image_url(None) is None


_JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(),
                         st.floats(allow_nan=True, allow_infinity=True))
_JSON_VALUES = st.recursive(_JSON_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner, max_size=4)), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(_JSON_VALUES)
def test_indented_json_is_what_json_dumps_writes(value):
    # JSON-LD is written by sitegen.seo._indented_json (issue 10: json.dumps with indent runs the
    # standard library's pure-Python encoder); the text must be json.dumps's, byte for byte,
    # for every kind of value (non-string keys and NaN are handed to json.dumps itself).
    from sitegen.seo import _indented_json

    assert _indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_locale_with_posix_codeset_gives_a_bcp47_tag_in_every_output(new_site):
    # Newcomer check: the locale string went into lang, xml:lang, RSS <language>, og:locale and
    # JSON-LD inLanguage as written (`ar-SA@calendar=islamic`, `ar-EG.UTF-8`): not BCP 47 tags.
    from helpers import article as md, build_site as build_mini

    site = new_site({"a.md": md(), "b.md": md(title="خبر ثان", date="2024-11-22T10:00:00+03:00")},
                    config={"locale": "ar_EG.UTF-8"})
    out = build_mini(site).output
    texts = [p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.suffix in (".html", ".xml")]
    found = set()
    for text in texts:
        found.update(re.findall(r'(?:lang="|<language>|"inLanguage": "|og:locale" content=")([^"<]+)', text))
    assert found == {"ar-EG", "ar_EG"}
    assert any('property="og:locale" content="ar_EG"' in text for text in texts)


def test_an_archive_article_in_local_mean_time_gets_valid_machine_dates(tmp_path):
    # /tmp/attack46/r4-lmt-offset-seconds-invalid-dates.sh: Asia/Riyadh's offset before 1947 is
    # +03:06:52 (local mean time); written as such, no date of the sitemap, the JSON-LD, Open
    # Graph or <time datetime> was valid (hh:mm only). The same instant is written in UTC; the
    # page still shows the local time people read.
    out = build_site(tmp_path, {"war.md": markdown(title="نهاية الحرب العالمية", date="1945-05-08T12:00:00",
                                                   updated="1945-05-09T12:00:00", slug="war")})
    published, modified = "1945-05-08T08:53:08+00:00", "1945-05-09T08:53:08+00:00"
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    lastmods = {unquote(u.findtext(f"{SM}loc")): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert lastmods[BASE + "1945/05/08/war/"] == modified
    assert all(re.match(ISO_WITH_OFFSET, lastmod) for lastmod in lastmods.values())
    doc = page(out, "/1945/05/08/war/")
    (article, _) = json_ld(doc)
    assert (article["datePublished"], article["dateModified"]) == (published, modified)
    assert meta(doc, "article:published_time") == [published]
    assert meta(doc, "article:modified_time") == [modified]
    times = [(t.get("datetime"), "".join(t.itertext())) for t in doc.iter("time") if "class" not in t.attrib]
    assert [stamp for stamp, _ in times] == [published, modified]
    assert all("١٢:٠٠" in shown for _, shown in times)  # the local clock, as written (ar_EG digits)


@pytest.mark.parametrize("date, updated, modified, shown", [
    # /tmp/attack46/r17-dateonly-updated-invented-midnight.sh: corrected the day it was published
    # at 15:00; the day's invented midnight was a dateModified before datePublished.
    ("2024-11-21T15:00:00+02:00", "2024-11-21", "2024-11-21T16:00:00+03:00", "2024-11-21"),
    ("2024-11-21T15:00:00+02:00", "2024-11-23", "2024-11-23", "2024-11-23"),  # a later day: the day alone
    ("2024-11-21", "2024-11-21", "2024-11-21", "2024-11-21"),
    ("2024-11-21", "2024-11-22T09:30:00+03:00", "2024-11-22T09:30:00+03:00", "2024-11-22T09:30:00+03:00"),
    # a time before publication (a typo) is not written as the change: datePublished is, and the
    # page shows the same (/tmp/attack48/r4-updated-before-date-shown-silently.sh: it showed 09:00)
    ("2024-11-21T15:00:00+03:00", "2024-11-21T09:00:00+03:00", "2024-11-21T15:00:00+03:00",
     "2024-11-21T15:00:00+03:00"),
])
def test_date_modified_follows_updated_as_date_published_follows_date(tmp_path, date, updated, modified, shown):
    out = build_site(tmp_path, {"a.md": markdown(title="خبر مصحح", date=date, updated=updated, slug="a",
                                                 correction="صححنا اسم الوزير.")})
    path = "/2024/11/21/a/"
    doc = page(out, path)
    (article, _) = json_ld(doc)
    assert article["dateModified"] == modified
    assert meta(doc, "article:modified_time") == [modified]
    assert article["dateModified"] >= article["datePublished"][:len(article["dateModified"])]
    stamps = [t.get("datetime") for t in doc.iter("time")]
    assert stamps[1:] == [shown, shown]  # "Last updated:" and the correction note
    listed = page(out, "/corrections/")
    assert [t.get("datetime") for t in listed.iter("time")] == [shown]
