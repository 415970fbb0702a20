"""sitegen.collect: what is published, ordering, taxonomies and URL collisions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest

from helpers import BUILD_TIME, article, article_pages, build_site, parse_html
from sitegen.arabic import slugify
from sitegen.collect import collect, is_published, merged_terms, newest_first
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.model import Article

RIYADH = ZoneInfo("Asia/Riyadh")
CONFIG, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
SUFFIX, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "duplicate_urls": "suffix"}, "site.yaml")
NOW = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)


def art(source: str, title: str, date: datetime | None = None, **fields) -> Article:
    fields.setdefault("slug", slugify(title))
    return Article(source=source, format="markdown", title=title, display_title=title,
                   body_html="<p>نص</p>", date=date, **fields)


def at(hours: float) -> datetime:
    """``NOW`` shifted by ``hours`` (in the site zone, to exercise aware comparisons)."""
    return (NOW + timedelta(hours=hours)).astimezone(RIYADH)


# --- what is published ---------------------------------------------------------------


def test_draft_future_and_expired_are_left_out():
    items = [
        art("past.md", "خبر منشور", at(-5)),
        art("draft.md", "مسودة خبر", at(-5), draft=True),
        art("future.md", "خبر مجدول", at(+1)),
        art("expired.md", "عرض منته", at(-48), expires=at(-1)),
        art("running.md", "عرض سار", at(-48), expires=at(+1)),
    ]
    site = collect(items, CONFIG, NOW)
    assert sorted(a.source for a in site.articles) == ["past.md", "running.md"]


def test_drafts_and_future_included_on_request():
    items = [art("draft.md", "مسودة خبر", at(-5), draft=True), art("future.md", "خبر مجدول", at(+1))]
    assert [a.source for a in collect(items, CONFIG, NOW, drafts=True).articles] == ["draft.md"]
    assert [a.source for a in collect(items, CONFIG, NOW, future=True).articles] == ["future.md"]
    assert len(collect(items, CONFIG, NOW, drafts=True, future=True).articles) == 2


def test_expired_stays_out_even_with_drafts_and_future():
    items = [art("expired.md", "عرض منته", at(-48), expires=at(-1))]
    assert collect(items, CONFIG, NOW, drafts=True, future=True).articles == ()


def test_publication_boundaries():
    assert is_published(art("a.md", "خبر", NOW), NOW, False, False)          # due now → published
    assert not is_published(art("a.md", "خبر", NOW + timedelta(seconds=1)), NOW, False, False)
    assert not is_published(art("a.md", "خبر", at(-3), expires=NOW), NOW, False, False)  # expires now → gone


def test_injected_clock_decides_future_in_a_build(new_site):
    site = new_site({"today.md": article("خبر اليوم عن السوق", "2024-11-21T09:00:00+03:00"),
                     "later.md": article("خبر المساء عن السوق", "2024-11-21T20:00:00+03:00")})
    clock = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)    # 15:00 in Riyadh
    early = build_site(site, build_time=clock)
    assert [p.parent.name for p in article_pages(early.output)] == [slugify("خبر اليوم عن السوق")]
    late = build_site(site, build_time=clock + timedelta(hours=6), output=site.root / "late")
    assert len(article_pages(late.output)) == 2


def test_a_day_only_expiry_keeps_the_article_through_that_day_in_the_site_zone(new_site):
    # /tmp/attack47/r9-expires-dateonly-removed-a-day-early.sh: README "removed from the site after this
    # date"; `expires: 2025-01-05` took the article (and its sitemap and feed entries) down at 00:00 that day
    site = new_site({"offer.md": article("عرض خاص على الكتب", "2024-12-01T10:00:00", slug="offer",
                                         expires="2025-01-05")}, config={"timezone": "Africa/Cairo"})
    cairo = ZoneInfo("Africa/Cairo")
    for clock, shown in ((datetime(2025, 1, 5, 23, 59, 59, tzinfo=cairo), True),
                         (datetime(2025, 1, 6, 0, 0, tzinfo=cairo), False)):
        built = build_site(site, build_time=clock, output=site.root / f"out-{clock.day}")
        assert [p.parent.name for p in article_pages(built.output)] == (["offer"] if shown else [])
        assert ("/offer/" in (built.output / "sitemap.xml").read_text(encoding="utf-8")) is shown
        assert ("/offer/" in (built.output / "feed.xml").read_text(encoding="utf-8")) is shown


def test_draft_excluded_from_build_and_included_with_drafts(new_site):
    site = new_site({"a.md": article("خبر منشور عن الحديقة"),
                     "b.md": article("مسودة عن الحديقة", "2024-11-20T10:00:00+03:00", draft=True)})
    plain = build_site(site)
    assert [p.parent.name for p in article_pages(plain.output)] == [slugify("خبر منشور عن الحديقة")]
    with_drafts = build_site(site, drafts=True, output=site.root / "with-drafts")
    assert len(article_pages(with_drafts.output)) == 2


# --- ordering -----------------------------------------------------------------------


def test_newest_first_then_undated_by_source():
    items = [
        art("b.md", "ب", at(-30)), art("z-undated.md", "ز"), art("a.md", "أ", at(-2)),
        art("c.md", "ج", at(-30)), art("m-undated.md", "م"), art("d.md", "د", at(-10)),
    ]
    assert [a.source for a in newest_first(items)] == ["a.md", "d.md", "b.md", "c.md", "m-undated.md", "z-undated.md"]


def test_newest_first_compares_instants_not_wall_clocks():
    cairo = datetime(2024, 11, 21, 10, 0, tzinfo=ZoneInfo("Africa/Cairo"))      # 08:00Z
    riyadh = datetime(2024, 11, 21, 10, 30, tzinfo=RIYADH)                       # 07:30Z
    assert [a.source for a in newest_first([art("r.md", "ر", riyadh), art("c.md", "ق", cairo)])] == ["c.md", "r.md"]


def test_index_lists_newest_first(new_site):
    site = new_site({
        "1.md": article("أقدم خبر في الأسبوع", "2024-11-18T08:00:00+03:00"),
        "2.md": article("أحدث خبر في الأسبوع", "2024-11-22T08:00:00+03:00"),
        "3.md": article("خبر منتصف الأسبوع", "2024-11-20T08:00:00+03:00"),
    })
    built = build_site(site)
    index = parse_html(built.output / "index.html")
    linked = []
    for a in index.all("a"):
        href = unquote(a.get("href") or "")
        if href.startswith("/2024/11/") and href.count("/") == 5 and href not in linked:
            linked.append(href)
    assert [h.split("/")[4] for h in linked] == [slugify("أحدث خبر في الأسبوع"), slugify("خبر منتصف الأسبوع"),
                                                 slugify("أقدم خبر في الأسبوع")]


# --- taxonomies ---------------------------------------------------------------------


def test_tags_with_invisible_marks_are_one_term(new_site):
    site = new_site({
        "a.md": article("تأجيل موعد الانتخابات الطلابية", "2024-11-21T10:00:00+03:00",
                        tags=["انتخابات\u200f", "الشرق\u00a0الأوسط"]),
        "b.md": article("مرشحون جدد في الانتخابات الطلابية", "2024-11-20T10:00:00+03:00",
                        tags=["\u200bانتخابات", "الشرق الأوسط"]),
        "c.md": article("قائمة المرشحين النهائية", "2024-11-19T10:00:00+03:00", tags=["انتخـابات"]),
    })
    built = build_site(site)
    assert built.result.exit_code == 0
    tag_dirs = sorted(p.name for p in (built.output / "tags").iterdir())
    assert tag_dirs == sorted(["انتخابات", "الشرق-الأوسط"])
    page = parse_html(built.output / "tags/انتخابات/index.html")
    linked = {unquote(a.get("href")).split("/")[4] for a in page.all("a")
              if unquote(a.get("href") or "").startswith("/2024/11/")}
    assert linked == {slugify("تأجيل موعد الانتخابات الطلابية"), slugify("مرشحون جدد في الانتخابات الطلابية"),
                      slugify("قائمة المرشحين النهائية")}
    for p in built.output.rglob("*"):
        assert not any(c in p.name for c in "\u200b\u200f\u00a0"), p


def test_an_article_with_two_spellings_of_a_tag_is_listed_once_under_the_first_spelling():
    # Guards group_terms' loop (issue 10: one pass without a dict per article): the term's name
    # is the first spelling met, in site order then in the article's own order of tags.
    items = [art("a.md", "أ", at(-1), tags=("انتخـابات", "\u200bانتخابات", "كرة")),
             art("b.md", "ب", at(-5), tags=("انتخابات",), authors=("سارة", "سارة\u200f"))]
    site = collect(items, CONFIG, NOW)
    tags = {t.name: [a.source for a in t.articles] for t in site.tags}
    assert tags == {"انتخـابات": ["a.md", "b.md"], "كرة": ["a.md"]}
    assert [(t.name, [a.source for a in t.articles]) for t in site.authors] == [("سارة", ["b.md"])]


def test_distinct_tags_with_one_slug_are_a_warning_naming_files_and_tags():
    # /tmp/attack46/r13-distinct-tags-share-one-page.sh: "C++", "C#" and "C" merged into one page
    # titled "C++" with no word; spelling variants (invisible marks, tatweel, case, "-" for a
    # space) stay one term without a warning.
    items = [art("a.md", "أ", at(-1), tags=("C++", "C#", "كرة القدم", "انتخـابات")),
             art("b.md", "ب", at(-5), tags=("C", "كرة-القدم", "\u200bانتخابات"), section="Economy"),
             art("c.md", "ج", at(-6), section="economy")]
    site = collect(items, CONFIG, NOW)
    (warning,) = merged_terms(site.tags, "tag")
    assert (warning.code, warning.path, warning.field, warning.is_error) == ("term-merged", "a.md", "tags", False)
    assert warning.message == ("the tags 'C' in b.md; 'C#' in a.md; 'C++' in a.md have one page, /tags/c/, "
                               "titled 'C++'")
    assert "(c)" in warning.hint
    assert merged_terms(site.sections, "section") == []


def test_distinct_tags_with_one_slug_are_reported_by_the_build(new_site):
    # /tmp/attack46/r13-distinct-tags-share-one-page.sh, end to end
    built = build_site(new_site({"a.md": article("لغات البرمجة", "2024-11-21T10:00:00+03:00", tags=["C++", "C#", "C"])}))
    assert built.result.exit_code == 0
    assert [d.path.rsplit("/", 1)[-1] for d in built.diagnostics if d.code == "term-merged"] == ["a.md"]


def test_collect_groups_terms_and_sorts_their_articles():
    items = [art("a.md", "أ", at(-9), tags=("رياضة", "كرة")), art("b.md", "ب", at(-1), tags=("رياضة",)),
             art("c.md", "ج", at(-5), tags=("رياضة",), section="محليات")]
    site = collect(items, CONFIG, NOW)
    tags = {t.name: [a.source for a in t.articles] for t in site.tags}
    assert tags == {"رياضة": ["b.md", "c.md", "a.md"], "كرة": ["a.md"]}
    assert [(t.slug, t.url) for t in site.sections] == [("محليات", "/sections/محليات/")]


# --- collisions ---------------------------------------------------------------------


def test_url_collision_error_names_both_files(new_site):
    same = dict(title="انقطاع المياه عن حي الزهور", date="2024-11-21T08:00:00+03:00")
    site = new_site({"morning.md": article(**same, body="نسخة الصباح."),
                     "evening.md": article(**same, body="نسخة المساء.")})
    built = build_site(site)
    assert built.result.exit_code == 2
    errors = [d for d in built.diagnostics if d.code == "url-collision"]
    assert errors
    text = "\n".join(d.format() for d in errors)
    assert "morning.md" in text and "evening.md" in text
    assert not built.output.exists()


def test_all_collisions_reported_together():
    items = [art("a1.md", "خبر أول", at(-1)), art("a2.md", "خبر أول", at(-1)),
             art("b1.md", "خبر ثان", at(-2)), art("b2.md", "خبر ثان", at(-2))]
    with pytest.raises(SitegenError) as info:
        collect(items, CONFIG, NOW)
    text = "\n".join(d.format() for d in info.value.diagnostics)
    assert all(name in text for name in ("a1.md", "a2.md", "b1.md", "b2.md"))


def test_suffix_gives_a_stable_second_url_independent_of_order():
    older = art("z-older.md", "انقطاع المياه", at(-5))
    newer = art("a-newer.md", "انقطاع المياه", at(-2))
    for order in ([older, newer], [newer, older]):
        site = collect(order, SUFFIX, NOW)
        by_source = {a.source: a.url for a in site.articles}
        assert by_source == {"z-older.md": "/2024/11/21/انقطاع-المياه/",
                             "a-newer.md": "/2024/11/21/انقطاع-المياه-2/"}


def test_suffix_same_instant_is_decided_by_source_path():
    first = [art("b.md", "انقطاع المياه", at(-2)), art("a.md", "انقطاع المياه", at(-2)),
             art("c.md", "انقطاع المياه", at(-2))]
    for order in (first, first[::-1]):
        urls_by_source = {a.source: a.url for a in collect(order, SUFFIX, NOW).articles}
        assert urls_by_source == {"a.md": "/2024/11/21/انقطاع-المياه/", "b.md": "/2024/11/21/انقطاع-المياه-2/",
                                  "c.md": "/2024/11/21/انقطاع-المياه-3/"}


def test_suffix_skips_a_url_already_taken():
    items = [art("a.md", "انقطاع المياه", at(-3)), art("b.md", "انقطاع المياه", at(-2)),
             art("c.md", "انقطاع المياه 2", at(-1))]
    urls_by_source = {a.source: a.url for a in collect(items, SUFFIX, NOW).articles}
    assert len(set(urls_by_source.values())) == 3
    assert urls_by_source["c.md"] == "/2024/11/21/انقطاع-المياه-2/"


def test_suffix_build_writes_both_pages(new_site):
    same = dict(title="انقطاع المياه عن حي الزهور", date="2024-11-21T08:00:00+03:00")
    site = new_site({"morning.md": article(**same, body="علامة-الصباح"), "evening.md": article(**same, body="علامة-المساء")},
                    config={"duplicate_urls": "suffix"})
    built = build_site(site)
    assert built.result.exit_code == 0
    base = built.output / "2024/11/21"
    first = (base / slugify(same["title"]) / "index.html").read_text(encoding="utf-8")
    second = (base / (slugify(same["title"]) + "-2") / "index.html").read_text(encoding="utf-8")
    assert ("علامة-الصباح" in first) != ("علامة-الصباح" in second)
    assert ("علامة-المساء" in first) != ("علامة-المساء" in second)


def test_build_time_is_kept_on_the_site():
    assert collect([], CONFIG, BUILD_TIME).build_time == BUILD_TIME


@pytest.mark.parametrize("clash", ["url", "slug"])
def test_collision_with_an_archive_page_names_the_article_file(new_site, clash):
    if clash == "url":       # an article written where the tag archive goes
        files = {"sport-news.md": article("خبر عن دوري الأحياء", "2024-11-21T10:00:00+03:00", url="/tags/رياضة/"),
                 "match.md": article("نتيجة مباراة الأمس", "2024-11-20T10:00:00+03:00", tags=["رياضة"])}
    else:                    # an undated article whose slug is a year: /2024/ is also the year archive
        files = {"sport-news.md": article("2024", None, body="حصاد العام في سطور."),
                 "match.md": article("نتيجة مباراة الأمس", "2024-11-20T10:00:00+03:00")}
    built = build_site(new_site(files))
    assert built.result.exit_code == 2
    collisions = [d.format() for d in built.diagnostics if d.code == "url-collision"]
    assert collisions
    assert any("sport-news.md" in line for line in collisions), collisions
    assert not built.output.exists()


# --- section order (config `sections`) ---------------------------------------------------------


def _section_names(articles, order=()):
    config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", "sections": list(order)} if order
                             else {"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
    return [t.name for t in collect(articles, config, NOW).sections]


SECTIONED = [art("a.md", "خبر 1", at(-1), section="رياضة"), art("b.md", "خبر 2", at(-2), section="اقتصاد"),
             art("c.md", "خبر 3", at(-3), section="اقتصاد"), art("d.md", "خبر 4", at(-4), section="ثقافة"),
             art("e.md", "خبر 5", at(-5), section="اقتصاد"), art("f.md", "خبر 6", at(-6), section="رياضة")]


def test_sections_without_an_order_follow_article_count():
    assert _section_names(SECTIONED) == ["اقتصاد", "رياضة", "ثقافة"]


def test_listed_sections_come_first_in_the_configured_order():
    """Names match by slug (``الثقافة`` with tashkeel is the same section); names with no
    articles are left out; unlisted sections follow by count."""
    assert _section_names(SECTIONED, ["ثَقافة", "منوعات", "رياضة"]) == ["ثقافة", "رياضة", "اقتصاد"]


def test_a_permalink_in_the_search_index_is_refused_as_the_same_url_is(new_site):
    """Fault 4 of /tmp/p47 (paths47): permalink /{section}/{slug}/ with section «search» and title
    «pagefind» put an article page inside search/pagefind/ (the search index's folder), though
    url: /search/pagefind/ is refused. Both now go through sitegen.urls.in_search_index: the
    article is not published, with an error naming its file; the rest of the site is built."""
    site = new_site({"a.md": article("pagefind", section="search"), "b.md": article("خبر آخر", section="s")},
                    config={"permalink": "/{section}/{slug}/"})
    built = build_site(site)
    assert built.result.exit_code == 1
    (error,) = [d for d in built.diagnostics if d.code == "unsafe-url"]
    assert error.path == str(site.content / "a.md") and error.is_error
    assert "/search/pagefind/" in error.message and "permalink" in error.message and "slug:" in error.hint
    assert not (site.output / "search" / "pagefind" / "index.html").exists()
    assert (site.output / "s" / "خبر-آخر" / "index.html").is_file()
    given = new_site({"a.md": article("خبر", url="/search/pagefind/")})  # the same path as url:
    assert "search/pagefind/" in next(d.message for d in build_site(given).diagnostics if d.code == "bad-value")


def test_a_permalink_that_names_a_page_folder_as_a_root_file_is_refused(new_site):
    """/tmp/attack47b/r11-permalink-dot-page-over-crawler-file.sh: permalink /{slug}.xml/ with slug
    «sitemap» or «feed» put the page folder where sitemap.xml or feed.xml goes; the build died at
    its write (write-failed, nothing built). Such an article is now refused with its file named,
    the rest of the site built."""
    site = new_site({"a.md": article("x", slug="feed"), "b.md": article("y", slug="sitemap-1"),
                     "c.md": article("z", slug="خبر-عادي")}, config={"permalink": "/{slug}.xml/"})
    built = build_site(site)
    assert built.result.exit_code == 1
    refused = sorted(d.path for d in built.diagnostics if d.code == "unsafe-url")
    assert refused == [str(site.content / "a.md"), str(site.content / "b.md")]
    assert (site.output / "feed.xml").is_file() and (site.output / "sitemap.xml").is_file()
    assert (site.output / "خبر-عادي.xml" / "index.html").is_file()


def test_an_article_whose_page_path_the_file_system_cannot_hold_is_not_published():
    """/tmp/attack47/r8-long-alias-path-stops-build.sh's kind for pages: a url: of many long segments
    (each under 255 bytes, the whole over 4096) is refused by placeable with its file named,
    not left to stop the build at its write."""
    from sitegen.collect import placeable

    config, _ = parse_config({}, "site.yaml")
    long_url = "/" + "".join("z" * 190 + f"{i}/" for i in range(22))  # 22 × 192 = 4224 bytes
    articles = [art("a.md", "أ", NOW, url=long_url), art("b.md", "ب", NOW, url="/b/")]  # a/… 22 × 192 + 10
    kept, refused = placeable(articles, config)
    assert [a.source for a in kept] == ["b.md"]
    (error,) = refused
    assert (error.path, error.code, error.field) == ("a.md", "unsafe-url", "url") and "4246 bytes long" in error.message
    assert "shorter url:" in error.hint
    kept, refused = placeable(articles[1:], config, root_bytes=4092)  # /b/index.html: 11 bytes more
    assert kept == [] and "bytes long" in refused[0].message
