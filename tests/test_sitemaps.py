"""sitegen.sitemaps: the sitemap's entries and the digest that lets a build take the last ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.model import Article
from sitegen.sitemaps import crawler_files, sitemap_inputs, sitemap_urls

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
