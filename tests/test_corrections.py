"""Corrections: the dated note on the article, dateModified, the corrections page (issue 13 bars)."""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

import pytest

from helpers import article, build_site, parse_html, text_of

NOTE = "ذكرنا خطأ أن الجلسة يوم الأحد، والصحيح أنها يوم الاثنين."


def news_article(page) -> dict:
    blocks = [json.loads(text_of(s)) for s in page.all("script", type="application/ld+json")]
    return next(b for b in blocks if b["@type"] == "NewsArticle")


def corrected_site(new_site):
    return new_site({
        "old-fix.md": article("خبر صحح أولا", "2024-11-10T10:00:00+03:00", updated="2024-11-12T08:00:00+03:00",
                              correction="تصحيح قديم للاسم."),
        "fix.md": article("خبر الجلسة البرلمانية", "2024-11-20T10:00:00+03:00",
                          updated="2024-11-21T09:15:00+03:00", correction=NOTE),
        "plain.md": article("خبر بلا تصحيح", "2024-11-22T10:00:00+03:00"),
    })


def test_the_note_sits_at_the_top_of_the_article_with_its_time_and_json_ld_is_modified(new_site):
    site = corrected_site(new_site)
    built = build_site(site)
    assert built.result.exit_code == 0 and built.codes() == []
    page = parse_html(site.output / "2024/11/20/خبر-الجلسة-البرلمانية/index.html")
    note = page.one("aside", **{"class": "correction"})
    assert page.within(note).texts("p") == [NOTE]
    assert page.within(note).one("time").get("datetime") == "2024-11-21T09:15:00+03:00"
    body = page.one("div", **{"class": "article-body"})
    order = list(page.one("article").iter())
    assert order.index(note) < order.index(body)  # above the text it corrects
    data = news_article(page)
    assert (data["datePublished"], data["dateModified"]) == ("2024-11-20T10:00:00+03:00", "2024-11-21T09:15:00+03:00")
    plain = parse_html(site.output / "2024/11/22/خبر-بلا-تصحيح/index.html")
    assert plain.all("aside", **{"class": "correction"}) == []


def test_the_corrections_page_lists_the_newest_correction_first_and_is_in_the_sitemap(new_site):
    site = corrected_site(new_site)
    build_site(site)
    page = parse_html(site.output / "corrections/index.html")
    items = page.all("li", **{"class": "correction-item"})
    assert [page.within(i).texts("a")[0] for i in items] == ["خبر الجلسة البرلمانية", "خبر صحح أولا"]
    assert [page.within(i).texts("p")[0] for i in items] == [NOTE, "تصحيح قديم للاسم."]
    assert unquote(page.within(items[0]).one("a").get("href")) == "/2024/11/20/خبر-الجلسة-البرلمانية/"
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://news.example.org/corrections/</loc>" in sitemap
    footer_links = [unquote(a.get("href")) for a in page.within(page.one("footer")).all("a")]
    assert "/corrections/" in footer_links


def test_a_site_without_corrections_still_has_the_page_saying_so(new_site):
    site = new_site({"a.md": article()})
    build_site(site)
    page = parse_html(site.output / "corrections/index.html")
    assert page.all("li", **{"class": "correction-item"}) == []
    assert page.texts("p")[0] == "لم تُنشر أي تصحيحات."


def test_a_correction_without_updated_is_shown_undated_with_a_warning(new_site):
    site = new_site({"a.md": article(correction=NOTE)})
    built = build_site(site)
    assert built.codes() == ["correction-undated"]
    page = parse_html(next(site.output.glob("2024/11/21/*/index.html")))
    note = page.within(page.one("aside", **{"class": "correction"}))
    assert note.texts("p") == [NOTE] and note.all("time") == []


def test_an_empty_corrections_page_is_left_out_of_the_sitemap(new_site):
    site = new_site({"a.md": article()})
    build_site(site)
    assert "corrections" not in (site.output / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_in_a_browser_the_note_is_above_the_text_and_the_corrections_page_leads_to_it(browser, new_site):
    from browser import StaticServer

    site = corrected_site(new_site)
    site.output.mkdir()
    with StaticServer(site.output) as server:
        build_site(site, base_url=server.url)
        page = browser.new_page()
        page.goto(server.url)
        page.locator("footer a", has_text="التصحيحات").click()
        page.wait_for_url(server.url + "corrections/")
        page.locator(".correction-item a", has_text="خبر الجلسة البرلمانية").click()
        page.wait_for_url(server.url + quote("2024/11/20/خبر-الجلسة-البرلمانية/"))
        note, body = page.locator("aside.correction"), page.locator(".article-body")
        assert note.is_visible() and NOTE in note.inner_text()
        assert note.bounding_box()["y"] < body.bounding_box()["y"]
        page.close()


def test_updated_before_date_is_warned_and_the_page_agrees_with_json_ld(new_site):
    # /tmp/attack48/r4-updated-before-date-shown-silently.sh: «آخر تحديث», the note and corrections/
    # dated the correction 19 Nov, a day before the story existed, while dateModified said 20 Nov.
    site = new_site({"slip.md": article("خبر الجلسة", "2024-11-20T10:00:00+03:00",
                                        updated="2024-11-19T10:00:00+03:00", correction=NOTE)})
    built = build_site(site)
    assert built.result.exit_code == 0 and built.codes() == ["updated-before-date"]
    page = parse_html(site.output / "2024/11/20/خبر-الجلسة/index.html")
    published = "2024-11-20T10:00:00+03:00"
    assert page.one("span", **{"class": "updated"}) is not None
    assert page.within(page.one("span", **{"class": "updated"})).one("time").get("datetime") == published
    assert page.within(page.one("aside", **{"class": "correction"})).one("time").get("datetime") == published
    assert (news_article(page)["datePublished"], news_article(page)["dateModified"]) == (published, published)
    listing = parse_html(site.output / "corrections/index.html")
    assert [t.get("datetime") for t in listing.all("time")] == [published]
