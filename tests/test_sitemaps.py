"""sitegen.sitemaps: the sitemap's entries and the digest that lets a build take the last ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.model import Article
import pytest

from sitegen import sitemaps
from sitegen.sitemaps import (SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, SitemapPart, SitemapURL, crawler_files,
                              sitemap_files, sitemap_inputs, sitemap_urls, split_sitemap, urlset_bytes)

CONFIG, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "base_url": "https://news.example/"}, "site.yaml")
CLOCK = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)


def _article(n: int, **fields) -> Article:
    values = dict(source=f"{n}.md", format="markdown", title=f"خبر {n}", display_title=f"خبر {n}", slug=f"news-{n}",
                  body_html=f"<p>نص {n}</p>", date=CLOCK - timedelta(hours=n), section="سياسة", tags=("طقس",),
                  authors=("سارة",))
    values.update(fields)
    return Article(**values)


def _site(changed: dict | None = None, config=CONFIG):
    articles = [_article(n) for n in range(4)]
    if changed:
        articles[1] = replace(articles[1], **changed)
    return collect(articles, config, CLOCK)


def test_sitemap_inputs_ignore_what_the_sitemap_does_not_show():
    # A body, title or summary edit leaves the sitemap as it was: its entries are taken over.
    base = sitemap_inputs(_site())
    for change in ({"body_html": "<p>نص جديد</p>"}, {"title": "عنوان آخر", "display_title": "عنوان آخر"},
                   {"summary": "ملخص"}):
        assert sitemap_inputs(_site(change)) == base, change
        assert sitemap_urls(_site(change)) == sitemap_urls(_site())


def test_sitemap_inputs_change_with_everything_the_sitemap_shows():
    # Regression guard for the kept entries: each of these changes a URL, a lastmod or an archive.
    base = sitemap_inputs(_site())
    other_config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "base_url": "https://other.example/"},
                                   "site.yaml")
    other_zone, _ = parse_config({"locale": "ar", "timezone": "Africa/Cairo", "base_url": "https://news.example/"},
                                 "site.yaml")
    changes = [{"date": CLOCK - timedelta(hours=7)}, {"updated": CLOCK}, {"section": "رياضة"}, {"tags": ("انتخابات",)},
               {"authors": ("علي",)}, {"correction": "صُحّح الرقم"}, {"url": "/other/"}]
    for change in changes:
        changed = _site(change)
        assert sitemap_inputs(changed) != base, change
    assert sitemap_inputs(_site(config=other_config)) != base
    assert sitemap_inputs(_site(config=other_zone)) != base
    assert sitemap_urls(_site(config=other_zone)) != sitemap_urls(_site())


def test_crawler_files_take_given_entries():
    site = _site()
    given = sitemap_urls(site)[:1]
    assert crawler_files(site, given)[0].context["urls"] == given
    assert crawler_files(site)[0].context["urls"] == sitemap_urls(site)


def test_a_lastmod_in_local_mean_time_is_written_in_utc():
    # /tmp/attack46/r4-lmt-offset-seconds-invalid-dates.sh: Asia/Riyadh was +03:06:52 before 1947;
    # W3C-DTF offsets are hh:mm, so the instant is written in UTC.
    old = datetime(1945, 5, 8, 8, 53, 8, tzinfo=timezone.utc)
    site = collect([_article(0, date=old, slug="war")], CONFIG, CLOCK)
    lastmods = {entry.loc: entry.lastmod for entry in sitemap_urls(site)}
    assert lastmods["https://news.example/1945/05/08/war/"] == "1945-05-08T08:53:08+00:00"
    assert lastmods["https://news.example/"] == "1945-05-08T08:53:08+00:00"


# /tmp/attack47/r10-sitemap-over-50000-urls.sh: every URL went in one sitemap.xml, invalid past
# the sitemaps.org limits of 50,000 URLs or 50 MB. Past them sitemap.xml is a sitemap index of
# sitemap-1.xml, sitemap-2.xml, …; the limits are parameters, so 3 URLs stand for 50,000 here.

def _entries(count: int) -> tuple[SitemapURL, ...]:
    return tuple(SitemapURL(f"https://news.example/{n}/", f"2024-11-{1 + n:02d}T10:00:00+03:00" if n % 4 else None)
                 for n in range(count))


def test_the_limits_are_the_sitemaps_org_ones():
    assert (SITEMAP_MAX_URLS, SITEMAP_MAX_BYTES) == (50_000, 52_428_800)


def test_within_the_limits_the_sitemap_is_one_urlset_as_before():
    entries = _entries(3)
    [only] = sitemap_files("https://news.example/", entries, max_urls=3)
    assert (only.path, only.template, only.context) == ("sitemap.xml", "sitemap.xml", {"urls": entries})
    [exact] = sitemap_files("https://news.example/", entries, max_bytes=urlset_bytes(entries))
    assert exact.template == "sitemap.xml"


def test_past_the_url_limit_the_sitemap_is_an_index_of_parts_in_order():
    entries = _entries(7)
    index, *parts = sitemap_files("https://news.example/news/", entries, max_urls=3)
    assert (index.path, index.template) == ("sitemap.xml", "sitemap-index.xml")
    assert [(p.path, p.template) for p in parts] == [("sitemap-1.xml", "sitemap.xml"), ("sitemap-2.xml", "sitemap.xml"),
                                                     ("sitemap-3.xml", "sitemap.xml")]
    assert [p.context["urls"] for p in parts] == [entries[0:3], entries[3:6], entries[6:7]]
    assert index.context["sitemaps"] == (
        SitemapPart("https://news.example/news/sitemap-1.xml", "2024-11-03T10:00:00+03:00"),
        SitemapPart("https://news.example/news/sitemap-2.xml", "2024-11-06T10:00:00+03:00"),
        SitemapPart("https://news.example/news/sitemap-3.xml", "2024-11-07T10:00:00+03:00"))


def test_an_index_entry_has_no_lastmod_when_none_of_its_urls_has_one():
    entries = (SitemapURL("https://news.example/a/", None), SitemapURL("https://news.example/b/", None))
    index, *_ = sitemap_files("https://news.example/", entries, max_urls=1)
    assert [part.lastmod for part in index.context["sitemaps"]] == [None, None]


def test_an_index_entry_takes_its_newest_lastmod_as_an_instant_not_as_text():
    # 21:00 UTC is later than 23:30 in Riyadh (20:30 UTC), though it sorts first as text
    # (a zone whose offset then had seconds is written in UTC: test_a_lastmod_in_local_mean_time...).
    entries = (SitemapURL("https://news.example/a/", "2024-11-21T23:30:00+03:00"),
               SitemapURL("https://news.example/b/", "2024-11-21T21:00:00+00:00"),
               SitemapURL("https://news.example/c/", None))
    index, *_ = sitemap_files("https://news.example/", entries, max_urls=3, max_bytes=urlset_bytes(entries) - 1)
    assert index.context["sitemaps"][0].lastmod == "2024-11-21T21:00:00+00:00"


def test_past_the_byte_limit_each_part_is_filled_up_to_it():
    entries = _entries(20)
    limit = urlset_bytes(entries[:4]) + 10
    runs = split_sitemap(entries, max_urls=1000, max_bytes=limit)
    assert sum(runs, ()) == entries
    assert all(urlset_bytes(run) <= limit for run in runs)
    assert all(urlset_bytes(run + next_run[:1]) > limit for run, next_run in zip(runs, runs[1:]))
    assert len(runs) > 4


def test_an_entry_larger_than_the_byte_limit_gets_a_part_of_its_own():
    long = SitemapURL("https://news.example/" + "x" * 500 + "/", None)
    entries = (_entries(1)[0], long, _entries(2)[1])
    assert split_sitemap(entries, 10, urlset_bytes(entries[:1]) + 10) == [entries[:1], (long,), entries[2:]]
    with pytest.raises(ValueError, match="at least one URL"):
        split_sitemap(entries, 0, SITEMAP_MAX_BYTES)


def test_urlset_bytes_counts_escaped_values():
    # A base URL may hold & (a sub-delimiter, RFC 3986): the template writes &amp;.
    plain, amp = SitemapURL("https://x.example/a/", None), SitemapURL("https://x.example/&/", None)
    assert urlset_bytes((amp,)) - urlset_bytes((plain,)) == len("&amp;") - 1


def test_the_planner_reads_the_limits_when_it_plans(monkeypatch):
    # The module's limits are read at each call (not bound at import), so a build may lower them;
    # news-sitemap.xml and robots.txt stay as they were.
    site = _site()
    count = len(sitemap_urls(site))
    plain = {f.path: f for f in crawler_files(site)}
    assert [f.path for f in crawler_files(site, max_urls=count - 1)[:3]] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", count - 1)
    split = {f.path: f for f in crawler_files(site)}
    assert split["sitemap.xml"].template == "sitemap-index.xml"
    for path in ("news-sitemap.xml", "robots.txt"):
        assert (split[path].template, split[path].context) == (plain[path].template, plain[path].context)
    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", count)
    assert crawler_files(site)[0].template == "sitemap.xml"
