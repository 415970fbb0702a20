"""sitegen.feeds: RSS 2.0 / Atom 1.0 feeds of inline mini-sites, read back with feedparser.

Guards cases BR-05 (ASCII link/id, Arabic titles), BR-10 (instants and offsets),
BR-11 §5 (English RFC 822 dates whatever the locale), BR-13 §4 (language),
BR-17 §4 (hostile title/summary stay text) and BR-18 §4 (distinct ids).
"""

from __future__ import annotations

import email.utils
import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import html5lib
import pytest

from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.feeds import ATOM_TEMPLATE, FEED_SIZE, RSS_TEMPLATE, feed, feed_files, rfc3339, rfc822, written_moment
from sitegen.model import Article, OutputFile
from sitegen.render import make_environment, render_file
from feedsite import BASE, BUILD_TIME, CONFIG, HOSTILE_SUMMARY, HOSTILE_TITLE, build_site, is_ascii, markdown

ATOM = "{http://www.w3.org/2005/Atom}"
RFC822_EN = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                       r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


def utc(struct) -> datetime:
    return datetime(*struct[:6], tzinfo=timezone.utc)


SAMPLE = {
    "economy.md": markdown(title="مهرجان الكتاب يستقبل زواره في دورته العاشرة", date="2024-11-21T10:00:00+03:00",
                           section="ثقافة", tags=["كتب", "معارض"], authors=["سارة أحمد", "علي حسن"],
                           summary="افتتح المهرجان أبوابه للزوار."),
    "night.md": markdown(title="إعلان نتائج امتحانات الشهادة الثانوية", date="2024-11-21T01:30:00+03:00",
                         section="تعليم"),
}


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("sample"), SAMPLE)


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_feed_is_valid_with_arabic_titles_and_ascii_links(sample_out, name):
    """BR-05: bozo 0, one entry per article, Arabic titles intact, link and id ASCII and equal."""
    raw = (sample_out / name).read_bytes()
    assert re.match(rb"<\?xml version=.1\.0. encoding=.utf-8.\?>", raw, re.I)
    raw.decode("utf-8")
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == 2
    entry = next(e for e in parsed.entries if e.title == "مهرجان الكتاب يستقبل زواره في دورته العاشرة")
    assert is_ascii(entry.link)
    assert unquote(entry.link) == f"{BASE}2024/11/21/مهرجان-الكتاب-يستقبل-زواره-في-دورته-العاشرة/"
    assert is_ascii(entry.id) and entry.id == entry.link
    assert {e.id for e in parsed.entries} == {e.link for e in parsed.entries}
    assert parsed.feed.link == BASE
    assert [t.term for t in entry.tags] == ["ثقافة", "كتب", "معارض"]
    assert [a.name for a in entry.authors] == ["سارة أحمد", "علي حسن"]
    assert entry.summary == "افتتح المهرجان أبوابه للزوار."


def test_rss_guid_is_the_permalink_and_channel_links_are_absolute(sample_out):
    root = ET.fromstring((sample_out / "feed.xml").read_bytes())
    channel = root.find("channel")
    assert channel.findtext("language") == "ar-EG"
    assert channel.findtext("link") == BASE
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == BASE + "feed.xml"
    for item in channel.iter("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true"
        assert guid.text == item.findtext("link") and guid.text.startswith("https://") and is_ascii(guid.text)
        assert RFC822_EN.match(item.findtext("pubDate"))
    creators = [e.text for e in root.iter("{http://purl.org/dc/elements/1.1/}creator")]
    assert creators == ["سارة أحمد", "علي حسن"]


def test_atom_has_self_link_lang_and_ids(sample_out):
    root = ET.fromstring((sample_out / "atom.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar-EG"
    links = {l.get("rel"): l.get("href") for l in root.findall(f"{ATOM}link")}
    assert links == {"self": BASE + "atom.xml", "alternate": BASE}
    assert root.findtext(f"{ATOM}id") == BASE + "atom.xml"
    assert root.find(f"{ATOM}author/{ATOM}name").text == "موقع الاختبار"
    for entry in root.iter(f"{ATOM}entry"):
        assert is_ascii(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}id") == entry.find(f"{ATOM}link").get("href")


def test_feed_dates_are_the_right_instant_with_offset(sample_out):
    """BR-10: 2024-11-21T01:30:00+03:00 is 2024-11-20 22:30 UTC in both feeds."""
    rss = feedparser.parse(str(sample_out / "feed.xml"))
    atom = feedparser.parse(str(sample_out / "atom.xml"))
    want = datetime(2024, 11, 20, 22, 30, tzinfo=timezone.utc)
    for parsed in (rss, atom):
        entry = next(e for e in parsed.entries if e.title == "إعلان نتائج امتحانات الشهادة الثانوية")
        assert utc(entry.published_parsed) == want
        assert unquote(urlsplit(entry.link).path).startswith("/2024/11/21/")
    raw = (sample_out / "feed.xml").read_text("utf-8")
    assert "<pubDate>Thu, 21 Nov 2024 01:30:00 +0300</pubDate>" in raw
    atom_raw = (sample_out / "atom.xml").read_text("utf-8")
    assert "<published>2024-11-21T01:30:00+03:00</published>" in atom_raw


def test_last_build_date_is_newest_article_not_the_clock(sample_out):
    rss = ET.fromstring((sample_out / "feed.xml").read_bytes())
    assert rss.find("channel").findtext("lastBuildDate") == "Thu, 21 Nov 2024 10:00:00 +0300"
    atom = ET.fromstring((sample_out / "atom.xml").read_bytes())
    assert atom.findtext(f"{ATOM}updated") == "2024-11-21T10:00:00+03:00"


@pytest.mark.parametrize("locale", ["ar_SY", "ar_MA", "ar"])
def test_pubdate_is_english_rfc822_whatever_the_locale(tmp_path, locale):
    """BR-11 §5: the site locale never leaks into RSS dates."""
    out = build_site(tmp_path, {
        "nov.md": markdown(title="بدء موسم قطاف الزيتون", date="2024-11-21T08:00:00+03:00"),
        "feb.md": markdown(title="افتتاح سوق الكتب المستعملة", date="2024-02-05T08:00:00+03:00"),
    }, locale=locale)
    channel = ET.fromstring((out / "feed.xml").read_bytes()).find("channel")
    dates = [item.findtext("pubDate") for item in channel.iter("item")]
    assert dates == ["Thu, 21 Nov 2024 08:00:00 +0300", "Mon, 05 Feb 2024 08:00:00 +0300"]
    assert RFC822_EN.match(channel.findtext("lastBuildDate"))
    assert channel.findtext("language").startswith("ar")
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert parsed.bozo == 0
    assert utc(parsed.entries[1].published_parsed) == datetime(2024, 2, 5, 5, tzinfo=timezone.utc)


def test_hostile_title_and_summary_stay_inert_text(tmp_path):
    """BR-17 §4: the title round-trips exactly; nothing in the feeds is markup."""
    out = build_site(tmp_path, {"t.md": markdown(title=HOSTILE_TITLE, date="2024-11-21T19:00:00+03:00",
                                                  tags=["<b>تنبيه</b>"], summary=HOSTILE_SUMMARY)})
    for name in ("feed.xml", "atom.xml"):
        raw = (out / name).read_bytes()
        assert b"<script" not in raw and b"<img" not in raw and b"<b>" not in raw
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0
        entry = parsed.entries[0]
        assert entry.title == HOSTILE_TITLE
        assert entry.tags[0].term == "<b>تنبيه</b>"
        # The summary is HTML holding only text: parsed as HTML it is the summary, no element.
        fragment = html5lib.parseFragment(entry.summary, namespaceHTMLElements=False)
        assert len(fragment) == 0 and fragment.text == HOSTILE_SUMMARY
    for item in ET.fromstring((out / "feed.xml").read_bytes()).iter("item"):
        assert html.unescape(item.findtext("description")) == HOSTILE_SUMMARY


def test_feed_keeps_newest_twenty(tmp_path):
    start = datetime(2024, 11, 1, 9, 0, tzinfo=ZoneInfo("Asia/Riyadh"))
    articles = {f"a{n:02d}.md": markdown(title=f"الخبر رقم {n}", date=(start + timedelta(hours=n)).isoformat(),
                                         slug=f"khabar-{n}")
                for n in range(FEED_SIZE + 5)}
    out = build_site(tmp_path, articles)
    for name in ("feed.xml", "atom.xml"):
        titles = [e.title for e in feedparser.parse(str(out / name)).entries]
        assert titles == [f"الخبر رقم {n}" for n in range(FEED_SIZE + 4, 4, -1)]


def test_section_feed_is_where_the_archive_links(sample_out):
    archive = sample_out / "sections" / "ثقافة" / "index.html"
    doc = html5lib.parse(archive.read_text("utf-8"), namespaceHTMLElements=False)
    hrefs = [l.get("href") for l in doc.iter("link")
             if l.get("type") == "application/rss+xml" and "sections" in unquote(l.get("href"))]
    assert len(hrefs) == 1
    target = unquote(urljoin(BASE + "sections/", hrefs[0]))
    assert target == BASE + "sections/ثقافة/feed.xml"
    parsed = feedparser.parse(str(sample_out / "sections" / "ثقافة" / "feed.xml"))
    assert parsed.bozo == 0
    assert [e.title for e in parsed.entries] == ["مهرجان الكتاب يستقبل زواره في دورته العاشرة"]
    self_link = ET.fromstring((sample_out / "sections" / "ثقافة" / "feed.xml").read_bytes()) \
        .find(f"channel/{ATOM}link").get("href")
    assert is_ascii(self_link) and unquote(self_link) == target


def test_feeds_are_byte_reproducible_and_ignore_the_clock(tmp_path):
    """Two builds (even at different build times) give identical feed bytes."""
    first = build_site(tmp_path / "a", SAMPLE)
    second = build_site(tmp_path / "b", SAMPLE, build_time=BUILD_TIME + timedelta(days=30))
    feeds = ["feed.xml", "atom.xml", "sections/ثقافة/feed.xml", "sections/تعليم/feed.xml"]
    for name in feeds:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_base_url_with_a_path_prefixes_every_feed_url(tmp_path):
    out = build_site(tmp_path, SAMPLE, base_url="https://host.example/news/")
    for name in ("feed.xml", "atom.xml", "sections/تعليم/feed.xml"):
        text = (out / name).read_text("utf-8")
        found = re.findall(r"https?://[^\s<>\"']+", text)
        assert found
        for url in found:
            if urlsplit(url).hostname in ("www.rssboard.org", "purl.org", "www.w3.org"):
                continue  # namespace names and the RSS docs link
            assert url.startswith("https://host.example/news/"), url
        parsed = feedparser.parse(text.encode())
        assert all(e.link.startswith("https://host.example/news/2024/11/") for e in parsed.entries)


def test_same_slug_articles_get_distinct_entries(tmp_path):
    """BR-18 §4/§5 (outcome A with ``duplicate_urls: suffix``): two entries, two links, both in the sitemap."""
    twin = dict(title="انقطاع التيار الكهربائي في عدة أحياء", date="2024-11-21T08:00:00+03:00")
    out = build_site(tmp_path, {"morning.md": markdown("MARKER-MORNING", **twin),
                                "evening.md": markdown("MARKER-EVENING", **twin)}, duplicate_urls="suffix")
    for name in ("feed.xml", "atom.xml"):
        entries = feedparser.parse(str(out / name)).entries
        assert len(entries) == 2
        assert len({e.link for e in entries}) == 2 and len({e.id for e in entries}) == 2
    locs = {unquote(loc.text) for loc in ET.fromstring((out / "sitemap.xml").read_bytes())
            .iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {BASE + "2024/11/21/انقطاع-التيار-الكهربائي-في-عدة-أحياء/",
            BASE + "2024/11/21/انقطاع-التيار-الكهربائي-في-عدة-أحياء-2/"} <= locs


def test_undated_article_and_empty_site_still_give_valid_feeds():
    """A raw dump may have no date: it still gets an entry (no pubDate), and the feed stays valid."""
    config, _ = parse_config(CONFIG, "site.yaml")
    dated = Article(source="a.md", format="markdown", title="خبر مؤرخ", slug="dated", display_title="خبر مؤرخ",
                    body_html="<p>x</p>", date=datetime(2024, 11, 20, 9, tzinfo=ZoneInfo("Asia/Riyadh")))
    undated = Article(source="b.txt", format="raw", title=None, slug="undated", display_title="خبر بلا تاريخ",
                      body_html="<p>y</p>")
    site = collect([dated, undated], config, BUILD_TIME)
    env = make_environment(config, None)
    for template in (RSS_TEMPLATE, ATOM_TEMPLATE):
        raw = render_file(env, site, OutputFile("f.xml", template, {"feed": feed(site, site.articles, "x", "/f.xml", "/")}))
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0 and [e.title for e in parsed.entries] == ["خبر مؤرخ", "خبر بلا تاريخ"]
    empty = collect([], config, BUILD_TIME)
    for output in feed_files(empty):
        assert feedparser.parse(render_file(env, empty, output)).bozo == 0


# --- newsroom feeds (issue 13): full content, enclosures, tag and author feeds, corrections, templates

FULL = {
    "photo.md": markdown(
        title="افتتاح متحف جديد", date="2024-11-21T12:00:00+03:00", image="/images/متحف.jpg",
        tags=["ثقافة"], authors=["منى حسن"], summary="افتتح المتحف.",
        body="زار [المتحف السابق](/2024/01/02/old/) و[الملحق](annex/) وشاهد ![قاعة](/images/hall.png) "
             "و[موقعا خارجيا](https://example.com/a?b=1&c=2)."),
    "fix.md": markdown(title="خبر مصحح", date="2024-11-20T09:00:00+03:00", updated="2024-11-21T15:30:00+03:00",
                       correction="الصحيح أن الجلسة يوم الاثنين.", tags=["ثقافة"]),
    "day.md": markdown(title="خبر بيوم فقط", date="2024-11-19"),
}


@pytest.fixture(scope="module")
def full_out(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("full"), FULL, feed_content="full", base_url="https://host.example/news/")


def test_full_feeds_carry_the_whole_article_with_absolute_urls_and_the_lead_image(full_out):
    news = "https://host.example/news/"
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((full_out / name).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        entry = next(e for e in parsed.entries if e.title == "افتتاح متحف جديد")
        assert [(e.href, e.type) for e in entry.enclosures] == [(news + quote("images/متحف.jpg"), "image/jpeg")]
        content = entry.content[0].value
        links = [a.get("href") or a.get("src") for a in html5lib.parseFragment(content, namespaceHTMLElements=False).iter()
                 if a.get("href") or a.get("src")]
        assert [unquote(link) for link in links] == [
            news + "2024/01/02/old/", news + "2024/11/21/افتتاح-متحف-جديد/annex/", news + "images/hall.png",
            "https://example.com/a?b=1&c=2"]
        assert all(link.isascii() for link in links)
    rss = ET.fromstring((full_out / "feed.xml").read_bytes())
    item = rss.find("channel/item")
    assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None
    assert item.find("enclosure").get("length") == "0"


def test_every_tag_and_author_has_a_valid_feed_linked_from_its_archive(full_out):
    for archive in ("tags/ثقافة/", "authors/منى-حسن/"):
        parsed = feedparser.parse((full_out / archive / "feed.xml").read_bytes())
        assert parsed.bozo == 0
        assert parsed.feed.links[0].href.isascii()
        page = html5lib.parse((full_out / archive / "index.html").read_bytes(), namespaceHTMLElements=False)
        alternates = [unquote(link.get("href")) for link in page.iter("link") if link.get("rel") == "alternate"
                      and link.get("type") == "application/rss+xml"]
        assert f"/news/{archive}feed.xml" in alternates
    tag_titles = [e.title for e in feedparser.parse((full_out / "tags/ثقافة/feed.xml").read_bytes()).entries]
    assert tag_titles == ["افتتاح متحف جديد", "خبر مصحح"]


def test_a_correction_updates_the_entry_and_shows_in_it(full_out):
    for name in ("feed.xml", "atom.xml"):
        entry = next(e for e in feedparser.parse((full_out / name).read_bytes()).entries if e.title == "خبر مصحح")
        assert "الصحيح أن الجلسة يوم الاثنين." in entry.summary
        assert "الصحيح أن الجلسة يوم الاثنين." in entry.content[0].value
    atom = ET.fromstring((full_out / "atom.xml").read_bytes())
    fixed = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "خبر مصحح")
    assert fixed.findtext(f"{ATOM}updated") == "2024-11-21T15:30:00+03:00"
    assert fixed.findtext(f"{ATOM}published") == "2024-11-20T09:00:00+03:00"


def test_a_date_only_article_keeps_a_full_timestamp_in_feeds(full_out):
    assert "<pubDate>Tue, 19 Nov 2024 00:00:00 +0300</pubDate>" in (full_out / "feed.xml").read_text("utf-8")
    assert "<published>2024-11-19T00:00:00+03:00</published>" in (full_out / "atom.xml").read_text("utf-8")


def test_summary_feeds_carry_no_content_or_enclosure(sample_out):
    raw = (sample_out / "feed.xml").read_bytes()
    assert b"content:encoded>" not in raw and b"<enclosure" not in raw
    assert b"<content" not in (sample_out / "atom.xml").read_bytes()


def test_a_site_overrides_the_feed_and_sitemap_templates_file_by_file(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "rss.xml").write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                                       "<title>{{ feed.title }} (نسختنا)</title><link>{{ feed.home_url }}</link>"
                                       "<description>x</description></channel></rss>\n", encoding="utf-8")
    (templates / "robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n", encoding="utf-8")
    out = build_site(tmp_path, SAMPLE)
    assert feedparser.parse((out / "feed.xml").read_bytes()).feed.title == "موقع الاختبار (نسختنا)"
    assert (out / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /drafts/\n"
    assert feedparser.parse((out / "atom.xml").read_bytes()).entries  # the others stay the theme's


@pytest.mark.parametrize("fragment, expected", [
    ('<a href="/a/b/?x=1#c">', '<a href="https://h.example/news/a/b/?x=1#c">'),
    ('<img src="pic.jpg" srcset="/i-480.jpg 480w, /i-960.jpg 960w">',
     '<img src="https://h.example/news/2024/x/pic.jpg" srcset="https://h.example/news/i-480.jpg 480w, '
     'https://h.example/news/i-960.jpg 960w">'),
    ('<a href="#note">', '<a href="https://h.example/news/2024/x/#note">'),
    ('<a href="mailto:a@b.example">', '<a href="mailto:a@b.example">'),
    ('<a href="//cdn.example/x">', '<a href="https://cdn.example/x">'),
    ('<code>href="/x"</code>', '<code>href="/x"</code>'),
    ('<a href="/صور/أ.jpg">', '<a href="https://h.example/news/%D8%B5%D9%88%D8%B1/%D8%A3.jpg">'),
    # A trusted body's attribute names in capitals (/tmp/attack44/r5-trusted-html-links-not-rebased.sh).
    ('<a HREF="/a/">', '<a HREF="https://h.example/news/a/">'),
    ('<img Src="p.jpg" SRCSET="/i.jpg 1x">', '<img Src="https://h.example/news/2024/x/p.jpg" SRCSET="https://h.example/news/i.jpg 1x">'),
    # What a browser reads as another site stays another site, as on the page
    # (/tmp/attack45/r2-feed-vs-page-network-paths.sh: these became links under /news/) ...
    ('<a href="/\\host.example/p">', '<a href="https://host.example/p">'),
    ('<a href="&#47;&#92;host.example/p">', '<a href="https://host.example/p">'),
    ('<a href="&#47;&#9;/host.example/p">', '<a href="https://host.example/p">'),
    # ... and what it reads as a path of this site stays one: it decodes no escape there
    # (/tmp/attack45b/r2-feed-pct-tab-becomes-other-host.sh).
    ('<a href="/%2Fhost.example/p">', '<a href="https://h.example/news//host.example/p">'),
    ('<a href="/%09/tab.example/a">', '<a href="https://h.example/news/%09/tab.example/a">'),
])
def test_absolute_links_makes_every_url_of_a_body_absolute(fragment, expected):
    from sitegen.feeds import absolute_links

    assert absolute_links(fragment, "https://h.example/news/", "/2024/x/") == expected


def test_character_references_xml_forbids_never_reach_a_feed(tmp_path):
    """Regression (newcomer attack): «&#xFFFE; &#xFFFF; &#x1;» in a body were decoded by the
    sanitiser into code points XML 1.0 forbids; feed.xml and atom.xml then did not parse."""
    out = build_site(tmp_path, {"e.md": markdown(body="قبل &#xFFFE; وسط &#xFFFF; بعد &#x1; نهاية.",
                                                 title="خبر عن الرموز", date="2024-11-21T10:00:00+03:00",
                                                 section="منوعات")})
    for name in ("feed.xml", "atom.xml"):
        raw = (out / name).read_bytes()
        ET.fromstring(raw)  # raises ParseError on a forbidden code point
        text = raw.decode("utf-8")
        assert "بعد" in text and "نهاية" in text and not any(c in text for c in "\ufffe\uffff\x01")


# /tmp/attack46/r4-lmt-offset-seconds-invalid-dates.sh: a zone's local mean time (before its
# standard time) has an offset with seconds, which no date format of the outputs can write.
@pytest.mark.parametrize("zone, local, utc_text", [
    ("Asia/Riyadh", datetime(1945, 5, 8, 12, 0), "1945-05-08T08:53:08+00:00"),  # LMT +03:06:52
    ("Africa/Cairo", datetime(1899, 5, 1, 9, 0), "1899-05-01T06:54:51+00:00"),  # LMT +02:05:09
    ("America/New_York", datetime(1880, 1, 1, 9, 0), "1880-01-01T13:56:02+00:00"),  # LMT -04:56:02
])
def test_an_offset_with_seconds_is_written_in_utc_at_the_same_instant(zone, local, utc_text):
    moment = local.replace(tzinfo=ZoneInfo(zone))
    assert moment.utcoffset() % timedelta(minutes=1)  # the case: seconds in the offset
    assert written_moment(moment) == moment  # the same instant …
    assert rfc3339(moment) == utc_text  # … at an offset RFC 3339 can write
    assert rfc822(moment) == email.utils.format_datetime(datetime.fromisoformat(utc_text))
    assert rfc822(moment).endswith(" +0000") and RFC822_EN.match(rfc822(moment))
    # in a zone given, too (the sitemaps' and JSON-LD's form)
    assert written_moment(moment.astimezone(timezone.utc), ZoneInfo(zone)).isoformat() == utc_text


def test_whole_minute_offsets_stay_as_they_are():
    kathmandu = datetime(2024, 1, 1, 9, 0, 0, 750, tzinfo=ZoneInfo("Asia/Kathmandu"))
    assert rfc3339(kathmandu) == "2024-01-01T09:00:00+05:45"  # whole seconds, the zone's +05:45
    assert rfc822(kathmandu) == "Mon, 01 Jan 2024 09:00:00 +0545"
    assert written_moment(kathmandu, ZoneInfo("Asia/Riyadh")).isoformat() == "2024-01-01T06:15:00+03:00"
    st_johns = datetime(2024, 1, 1, 9, 0, tzinfo=ZoneInfo("America/St_Johns"))  # a negative one: -03:30
    assert rfc3339(st_johns) == "2024-01-01T09:00:00-03:30" and rfc822(st_johns).endswith(" -0330")


def test_an_archive_article_in_local_mean_time_gives_valid_feed_dates(tmp_path):
    # /tmp/attack46/r4-lmt-offset-seconds-invalid-dates.sh: feedparser read "+030652" ~11 h off.
    out = build_site(tmp_path, {"war.md": markdown(title="نهاية الحرب العالمية", date="1945-05-08T12:00:00")})
    rss, atom = (out / "feed.xml").read_text("utf-8"), (out / "atom.xml").read_text("utf-8")
    assert "<pubDate>Tue, 08 May 1945 08:53:08 +0000</pubDate>" in rss
    assert "<lastBuildDate>Tue, 08 May 1945 08:53:08 +0000</lastBuildDate>" in rss
    assert "<published>1945-05-08T08:53:08+00:00</published>" in atom
    assert "<updated>1945-05-08T08:53:08+00:00</updated>" in atom
    for raw in (rss, atom):
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert utc(parsed.entries[0].published_parsed) == datetime(1945, 5, 8, 8, 53, 8, tzinfo=timezone.utc)


def _jpeg(colour: int, noise: bool = False) -> bytes:
    from io import BytesIO

    from PIL import Image

    picture = Image.effect_noise((64, 48), 90).convert("RGB") if noise else Image.new("RGB", (64, 48), (colour,) * 3)
    buffer = BytesIO()
    picture.save(buffer, "JPEG")
    return buffer.getvalue()


def _enclosures(out: Path) -> tuple[dict, dict]:
    """``{url: attributes}`` of the RSS ``<enclosure>``s and of the Atom ``rel="enclosure"`` links."""
    rss = {e.get("url"): dict(e.attrib) for e in ET.fromstring((out / "feed.xml").read_bytes()).iter("enclosure")}
    atom = {e.get("href"): dict(e.attrib) for e in ET.fromstring((out / "atom.xml").read_bytes()).iter(f"{ATOM}link")
            if e.get("rel") == "enclosure"}
    return rss, atom


def test_an_enclosure_of_the_sites_own_image_says_its_size(tmp_path):
    # /tmp/attack46/r9-enclosure-length-zero.sh: length="0" although the file's size is known
    # (RSS 2.0: "length says how big it is in bytes"). Another site's image, whose size is not
    # known, keeps RSS's 0 (RSS Advisory Board) and has no length in Atom (optional, RFC 4287 §4.2.7.6).
    picture = _jpeg(9)
    out = build_site(tmp_path, {
        "images/p.jpg": picture,
        "own.md": markdown(title="خبر بصورة", date="2024-11-21T09:30:00+03:00", image="/images/p.jpg"),
        "far.md": markdown(title="خبر بصورة بعيدة", date="2024-11-21T08:30:00+03:00",
                           image="https://cdn.example/a.png"),
        "gone.md": markdown(title="خبر بصورة مفقودة", date="2024-11-21T07:30:00+03:00", image="/images/none.jpg"),
    }, feed_content="full")
    assert (out / "images/p.jpg").stat().st_size == len(picture)
    rss, atom = _enclosures(out)
    own, far, gone = BASE + "images/p.jpg", "https://cdn.example/a.png", BASE + "images/none.jpg"
    assert {url: e["length"] for url, e in rss.items()} == {own: str(len(picture)), far: "0", gone: "0"}
    assert {url: e.get("length") for url, e in atom.items()} == {own: str(len(picture)), far: None, gone: None}
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")


def test_a_new_lead_image_of_another_size_rewrites_the_feeds(tmp_path):
    # /tmp/attack46/r9-enclosure-length-zero.sh: the length is read from the file, so a rebuild
    # that takes the last pages (nothing else changed, same picture size in pixels) must not keep
    # the old feeds.
    files = {"images/p.jpg": _jpeg(9),
             "own.md": markdown(title="خبر بصورة", date="2024-11-21T09:30:00+03:00", image="/images/p.jpg",
                                tags=["صور"])}
    build_site(tmp_path, files, feed_content="full")
    bigger = _jpeg(0, noise=True)
    assert len(bigger) != len(files["images/p.jpg"])
    out = build_site(tmp_path, {**files, "images/p.jpg": bigger}, feed_content="full")
    rss, atom = _enclosures(out)
    assert [e["length"] for e in rss.values()] == [str(len(bigger))]
    assert [e["length"] for e in atom.values()] == [str(len(bigger))]
    tag_feed = ET.fromstring((out / "tags" / "صور" / "feed.xml").read_bytes())
    assert [e.get("length") for e in tag_feed.iter("enclosure")] == [str(len(bigger))]


def test_a_lead_image_of_another_size_rerenders_its_feeds_not_the_whole_site(new_site):
    # Review of the r9 fix: the enclosed files' sizes were a part of every page's render key
    # (the render salt), so a newsroom's new or replaced lead image re-rendered every page of
    # the site. Only the pages showing the sizes (the feeds) may change.
    from helpers import article, build_site as build_mini

    site = new_site({**{f"n{i}.md": article(f"خبر رقم {i} عن المدينة", f"2024-11-{10 + i}T10:00:00+03:00",
                                            section=f"قسم {i}") for i in range(6)},
                     "own.md": markdown(title="خبر بصورة", date="2024-11-21T09:30:00+03:00", image="/images/p.jpg")},
                    {"feed_content": "full"})
    (site.content / "images").mkdir()
    (site.content / "images" / "p.jpg").write_bytes(_jpeg(9))
    first = build_mini(site)
    bigger = _jpeg(0, noise=True)
    (site.content / "images" / "p.jpg").write_bytes(bigger)
    again = build_mini(site)
    assert again.result.exit_code == 0
    rss, atom = _enclosures(site.output)
    assert [e["length"] for e in rss.values()] == [e["length"] for e in atom.values()] == [str(len(bigger))]
    # The other articles' pages (and most list pages) are taken over; the image's own pages and
    # the feeds are made again.
    assert again.result.pages_reused >= first.result.files // 2
    assert again.result.pages_reused < again.result.files


# /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh: an entry's id (Atom <id>, RSS <guid>) is
# the URL the article was first published at, so a headline fix is no new item in feed readers.
FIRST, SECOND, THIRD = "الوزير يفتتح الجسر الجديد", "افتتاح الجسر الجديد اليوم", "الجسر الجديد يستقبل السيارات"
#: A body long enough to identify its article in the URL ledger (sitegen.ledger.MIN_IDENTITY_WORDS).
STORY = ("افتتح وزير النقل صباح اليوم الجسر الجديد الذي يربط ضفتي النهر، بعد ثلاث سنوات من العمل، "
         "وقال إن الجسر سيخفف الازدحام في وسط المدينة ويختصر زمن الرحلة بين الحيين إلى عشر دقائق.")


def _page(title: str) -> str:
    """The absolute URL (decoded) of a test article of 2024-11-21 titled ``title``."""
    return "https://news.example.org/2024/11/21/" + title.replace(" ", "-") + "/"


def _entry_ids(out: Path, rss_path: str = "feed.xml") -> list[tuple[str, str]]:
    """``(link, id)`` of each entry (decoded) of the RSS feed at ``rss_path`` then of ``atom.xml``."""
    rss = ET.fromstring((out / rss_path).read_bytes())
    atom = ET.fromstring((out / "atom.xml").read_bytes())
    found = [(item.findtext("link"), item.findtext("guid")) for item in rss.iter("item")]
    found += [(entry.find(f"{ATOM}link").get("href"), entry.findtext(f"{ATOM}id")) for entry in atom.iter(f"{ATOM}entry")]
    return [(unquote(link), unquote(id_)) for link, id_ in found]


def _bridge(site, title: str, name: str = "bridge.md") -> None:
    from helpers import article

    (site.content / name).write_text(article(title, "2024-11-21T10:00:00+03:00", body=STORY, section="محليات",
                                             tags=["جسور"]), encoding="utf-8")


def test_new_headlines_keep_the_entry_id_the_first_url_in_every_feed(new_site):
    from helpers import article, build_site as build_mini

    site = new_site({"other.md": article("خبر لم يتغير عنوانه", "2024-11-20T10:00:00+03:00")})
    _bridge(site, FIRST)
    build_mini(site)
    assert (_page(FIRST), _page(FIRST)) in _entry_ids(site.output)
    for title in (SECOND, THIRD):
        _bridge(site, title)
        assert build_mini(site).result.exit_code == 0
        for feed_path in ("feed.xml", "sections/محليات/feed.xml", "tags/جسور/feed.xml"):
            entries = _entry_ids(site.output, feed_path)
            assert (_page(title), _page(FIRST)) in entries, (title, feed_path)
            assert all(link == id_ for link, id_ in entries if link != _page(title))
    other = "https://news.example.org/2024/11/20/خبر-لم-يتغير-عنوانه/"
    assert _entry_ids(site.output).count((other, other)) == 2  # never moved: its URL, in RSS and Atom


def test_an_old_url_a_new_story_took_over_is_not_the_moved_articles_id(new_site):
    from helpers import build_site as build_mini

    site = new_site({})
    _bridge(site, FIRST)
    build_mini(site)
    _bridge(site, SECOND)
    build_mini(site)
    _bridge(site, FIRST, "new-story.md")  # a new story at the first headline: the first URL is its own
    assert build_mini(site).result.exit_code == 0
    assert sorted(set(_entry_ids(site.output))) == [(_page(SECOND), _page(SECOND)), (_page(FIRST), _page(FIRST))]


def test_two_articles_first_published_at_one_url_never_share_an_id(new_site):
    # /tmp/attack47b/r1-feed-ids-shared.sh: a story moves off its first URL, a new story takes that
    # URL and moves off it too; both ledger entries name it first. Only the story its redirect
    # leads to keeps it as the id; the other is known by its current URL.
    from helpers import build_site as build_mini

    site = new_site({})
    _bridge(site, FIRST)
    build_mini(site)
    _bridge(site, SECOND)
    _bridge(site, FIRST, "new-story.md")
    build_mini(site)
    _bridge(site, THIRD, "new-story.md")
    assert build_mini(site).result.exit_code == 0
    ids = set(_entry_ids(site.output))
    assert ids == {(_page(THIRD), _page(THIRD)), (_page(SECOND), _page(FIRST))}
    assert len({id_ for _, id_ in ids}) == 2


def test_a_first_url_that_is_now_another_articles_alias_is_not_the_id(new_site):
    # /tmp/attack47b/r3-feed-id-is-another-articles-alias.sh: an alias beats a ledger URL, so the
    # redirect at the moved story's first URL leads to another story; the moved story's guid
    # (isPermaLink="true") must lead to it: its current URL.
    from helpers import article, build_site as build_mini

    site = new_site({})
    _bridge(site, FIRST)
    build_mini(site)
    _bridge(site, SECOND)
    (site.content / "other.md").write_text(article("قصة أخرى عن النقل", "2024-11-20T10:00:00+03:00",
                                                   aliases=["/2024/11/21/" + FIRST.replace(" ", "-") + "/"]),
                                           encoding="utf-8")
    assert build_mini(site).result.exit_code == 0
    other = "https://news.example.org/2024/11/20/قصة-أخرى-عن-النقل/"
    assert set(_entry_ids(site.output)) == {(other, other), (_page(SECOND), _page(SECOND))}


def test_a_renamed_file_keeps_its_entry_id(new_site):
    from helpers import build_site as build_mini

    site = new_site({})
    _bridge(site, FIRST)
    build_mini(site)
    _bridge(site, SECOND)
    build_mini(site)
    (site.content / "bridge.md").unlink()
    _bridge(site, SECOND, "2024-bridge.md")
    assert build_mini(site).result.exit_code == 0
    assert set(_entry_ids(site.output)) == {(_page(SECOND), _page(FIRST))}


def test_a_ledger_that_does_not_know_the_first_url_leaves_the_current_url_as_id(new_site):
    import json

    from helpers import build_site as build_mini

    site = new_site({})
    _bridge(site, THIRD)  # sorts between the two others: neither end of the sorted URLs is its URL
    paths = sorted(_page(title).removeprefix("https://news.example.org") for title in (FIRST, SECOND, THIRD))
    assert paths.index(_page(THIRD).removeprefix("https://news.example.org")) == 1
    (site.root / "url-ledger.json").write_text(json.dumps({"version": 1, "files": {"bridge.md": {
        "identity": "", "urls": paths}}}, ensure_ascii=False), encoding="utf-8")
    assert build_mini(site).result.exit_code == 0
    assert set(_entry_ids(site.output)) == {(_page(THIRD), _page(THIRD))}
    assert '"first"' not in (site.root / "url-ledger.json").read_text(encoding="utf-8")
