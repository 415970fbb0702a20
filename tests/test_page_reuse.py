"""sitegen.page_reuse: which pages keep the last build's render key without being keyed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from helpers import BUILD_TIME, article, make_site, site_files
from sitegen import page_reuse, plan_cache, rendering, sitemaps
from sitegen.unchanged import micros
from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.feeds import feed_files
from sitegen.loaders.article import Loaded
from sitegen.model import Article
from sitegen.pipeline import build
from sitegen.plan import paginate
from sitegen.render_keys import RenderKeys, part_token
from sitegen.sitemaps import crawler_files

CONFIG, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
CLOCK = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)


def _article(n: int, **fields) -> Article:
    values = dict(source=f"{n}.md", format="markdown", title=f"خبر {n}", display_title=f"خبر {n}", slug=f"news-{n}",
                  body_html=f"<p>نص {n}</p>", date=CLOCK - timedelta(hours=n), section="سياسة", tags=("طقس",))
    values.update(fields)
    return Article(**values)


def _state(structure: str = "s", events=(), exact: bool = False, tokens=None) -> page_reuse.State:
    return page_reuse.State("salt", structure, micros(CLOCK), tuple(micros(e) for e in events), exact, {},
                            tokens or {})


def test_content_only_tells_a_shown_field_from_one_the_structure_reads():
    old = _article(1)
    assert page_reuse.content_only(old, replace(old, body_html="<p>نص آخر أطول</p>", word_count=3))
    assert page_reuse.content_only(old, replace(old, summary="ملخص", title="عنوان آخر", display_title="عنوان آخر"))
    assert not page_reuse.content_only(old, replace(old, tags=("انتخابات",)))
    assert not page_reuse.content_only(old, replace(old, date=CLOCK - timedelta(days=3)))
    assert not page_reuse.content_only(old, replace(old, slug="other"))


def test_meta_keys_keep_an_article_meta_key_through_a_content_edit_only():
    old, edited, retagged = _article(1), _article(1, body_html="<p>جديد</p>"), _article(1, tags=("انتخابات",))
    last = replace(_state(), articles={"1.md": ("k1", "m1"), "2.md": ("k2", "m2")})
    previous = {"k1": Loaded(old, ())}
    unchanged = ("2.md", "k2", _article(2))
    metas, changed = page_reuse.meta_keys([("1.md", "k1b", edited), unchanged], last, previous)
    assert metas == [("1.md", "m1"), ("2.md", "m2")] and changed == {"1.md"}
    metas, changed = page_reuse.meta_keys([("1.md", "k1c", retagged), unchanged], last, previous)
    assert metas == [("1.md", "k1c"), ("2.md", "m2")] and changed == set()
    # The last record is not in the cache any more (another build replaced it): a new meta key.
    metas, _ = page_reuse.meta_keys([("1.md", "k1b", edited)], last, {})
    assert metas == [("1.md", "k1b")]
    assert page_reuse.meta_keys([("3.md", None, _article(3))], last, previous)[0] == [("3.md", "unkeyed 3.md")]


def test_same_key_only_for_pages_holding_no_changed_article_and_reading_no_changed_part():
    site = collect([_article(n) for n in range(4)] + [_article(9, section="رياضة", tags=())], CONFIG, CLOCK)
    by_source = {a.source: a for a in site.articles}
    reuse = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK + timedelta(minutes=1)), {"1.md"})
    assert reuse.allowed
    assert not reuse.same_key({"article": by_source["1.md"]}, ())
    assert reuse.same_key({"article": by_source["2.md"], "related": (by_source["3.md"],), "older": None}, ("sections",))
    assert not reuse.same_key({"article": by_source["2.md"], "related": (by_source["1.md"],)}, ())
    pager = paginate(site.articles, 2, "/")
    holding = [p for p in pager if by_source["1.md"] in p.items]
    assert not reuse.same_key({"pager": holding[0], "is_home": True}, ())
    assert reuse.same_key({"pager": next(p for p in pager if p not in holding)}, ())
    # The edited article's section and tag lists changed; another section's did not.
    assert not reuse.same_key({}, ("term:section:سياسة",)) and not reuse.same_key({}, ("term:tag:طقس",))
    assert reuse.same_key({}, ("term:section:رياضة", "profiles"))
    assert not reuse.same_key({}, ("articles",)) and not reuse.same_key({}, ("build_time",))
    assert not reuse.same_key({"feed": object()}, ()) and not reuse.same_key({"urls": ("a", "b")}, ())


def test_a_slice_of_a_terms_articles_is_the_same_unless_it_gives_a_changed_article():
    # Issue 10: the front page reads each section's four newest; an older article's edit leaves it.
    site = collect([_article(n) for n in range(6)], CONFIG, CLOCK)  # 0.md newest
    slug = site.sections[0].slug
    reuse = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK + timedelta(minutes=1)), {"4.md"})
    assert reuse.same_key({}, (part_token("section", slug, slice(None, 4)), "sections"))
    assert reuse.same_key({}, (part_token("tag", site.tags[0].slug, slice(1, 3)),))
    assert not reuse.same_key({}, (part_token("section", slug, slice(3, 5)),))
    assert not reuse.same_key({}, (part_token("section", slug, slice(-2, None)),))
    assert not reuse.same_key({}, (f"term:section:{slug}",))
    assert not reuse.same_key({}, ("term-part:section:x:y:z",))  # none sitegen notes: never taken as the same


def test_a_set_of_tokens_many_pages_share_gets_the_same_verdict_for_each_page():
    # The verdict on a page's set of tokens is kept by set (a manifest shares one set between
    # thousands of pages): each page with that set must still get it, and its context be checked.
    site = collect([_article(n) for n in range(4)] + [_article(9, section="رياضة", tags=())], CONFIG, CLOCK)
    by_source = {a.source: a for a in site.articles}
    reuse = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK + timedelta(minutes=1)), {"1.md"})
    dirty, clean = frozenset({"sections", "term:section:سياسة"}), frozenset({"sections", "term:section:رياضة"})
    for _ in range(3):
        assert not reuse.same_key({"article": by_source["2.md"]}, dirty)
        assert reuse.same_key({"article": by_source["2.md"]}, clean)
        assert not reuse.same_key({"article": by_source["1.md"]}, clean)


def test_feeds_and_sitemaps_keep_their_key_unless_they_show_a_changed_article():
    # Issue 10: an edit keyed every feed and the sitemap (~50 ms at 10,000 articles: 237 feeds
    # pickled whole), though most hold none of the changed articles.
    old_sport = _article(9, section="رياضة", tags=(), date=CLOCK - timedelta(days=5))  # out of the news sitemap
    site = collect([_article(n) for n in range(4)] + [old_sport], CONFIG, CLOCK + timedelta(hours=1))
    feeds = {file.path: file.context for file in feed_files(site)}
    crawler = {file.path: file.context for file in crawler_files(site)}
    reuse = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK), {"1.md"})
    assert not reuse.same_key(feeds["feed.xml"], ()) and not reuse.same_key(feeds["atom.xml"], ())
    assert not reuse.same_key(feeds["sections/سياسة/feed.xml"], ())
    assert reuse.same_key(feeds["sections/رياضة/feed.xml"], ())  # holds article 9 only
    assert reuse.same_key(crawler["sitemap.xml"], ())  # URLs and dates: the structure's
    assert not reuse.same_key(crawler["news-sitemap.xml"], ())  # shows article 1's title
    untouched = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK), {"9.md"})
    assert untouched.same_key(feeds["sections/سياسة/feed.xml"], ())
    assert untouched.same_key(crawler["news-sitemap.xml"], ())
    assert not untouched.same_key(feeds["sections/رياضة/feed.xml"], ())
    # Under another structure nothing is reused, feeds and sitemaps included.
    assert not page_reuse.Reuse(site, _state(), "salt", "other", micros(CLOCK), set()).same_key(
        crawler["sitemap.xml"], ())


def test_a_split_sitemap_keeps_its_keys_through_a_body_edit():
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: past one file's limits the sitemap is an
    # index (SitemapPart entries) of parts (SitemapURL entries): URLs and dates, the structure's.
    site = collect([_article(n) for n in range(6)], CONFIG, CLOCK)
    crawler = {file.path: file.context for file in crawler_files(site, max_urls=2)}
    assert {"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"} <= crawler.keys()
    reuse = page_reuse.Reuse(site, _state(), "salt", "s", micros(CLOCK), {"1.md"})
    for path in ("sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"):
        assert reuse.same_key(crawler[path], ()), path
    assert not page_reuse.Reuse(site, _state(), "salt", "other", micros(CLOCK), set()).same_key(crawler["sitemap.xml"], ())


def test_nothing_is_reused_across_another_salt_structure_or_clock_window():
    site = collect([_article(1)], CONFIG, CLOCK)
    later = CLOCK + timedelta(hours=1)
    assert page_reuse.Reuse(site, _state(), "salt", "s", micros(later), set()).same_key({}, ("sections",))
    assert not page_reuse.Reuse(site, None, "salt", "s", micros(later), set()).allowed
    assert not page_reuse.Reuse(site, _state(), "other salt", "s", micros(later), set()).allowed
    assert not page_reuse.Reuse(site, _state(), "salt", "other", micros(later), set()).allowed
    assert not page_reuse.Reuse(site, _state(events=[CLOCK + timedelta(minutes=30)]), "salt", "s", micros(later), set()).allowed
    assert not page_reuse.Reuse(site, _state(exact=True), "salt", "s", micros(later), set()).allowed


def test_known_tokens_are_the_last_digests_of_unchanged_parts_only():
    site = collect([_article(1), _article(2, section="رياضة", tags=())], CONFIG, CLOCK)
    tokens = {"sections": "a", "term:section:سياسة": "b", "term:section:رياضة": "c", "articles": "d",
              "build_time": "e"}
    reuse = page_reuse.Reuse(site, _state(tokens=tokens), "salt", "s", micros(CLOCK), {"1.md"})
    assert reuse.known_tokens() == {"sections": "a", "term:section:رياضة": "c"}
    nothing = page_reuse.Reuse(site, _state(tokens=tokens), "salt", "s", micros(CLOCK), set())
    assert nothing.known_tokens() == {k: v for k, v in tokens.items() if k != "build_time"}
    seeded = RenderKeys(site, "salt")
    seeded.seed(reuse.known_tokens())
    assert seeded.token("term:section:رياضة") == "c"
    assert seeded.token("term:section:سياسة") == RenderKeys(site, "salt").token("term:section:سياسة")


def _spy_page_keys(monkeypatch) -> list[str]:
    """The paths of the pages keyed from now on (RenderKeys.page_key), in order."""
    keyed: list[str] = []
    real = RenderKeys.page_key
    monkeypatch.setattr(RenderKeys, "page_key", lambda self, path, *rest: keyed.append(path) or real(self, path, *rest))
    return keyed


def _add_paragraph(path) -> None:
    """A body edit: a paragraph appended to the article file at ``path``."""
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")


def _built_site(tmp_path, count: int, in_politics: int, paginate: int):
    """A site of ``count`` articles ``a0.md`` … (``news-0`` …, a day apart from 2024-11-10, the
    first ``in_politics`` in سياسة, the rest in رياضة), ``paginate`` to a page, built once."""
    files = {f"a{n}.md": article(f"خبر رقم {n}", f"2024-11-{10 + n}T10:00:00+03:00", body=f"نص الخبر {n}.",
                                 slug=f"news-{n}", section="سياسة" if n < in_politics else "رياضة")
             for n in range(count)}
    site = make_site(tmp_path, files, {"paginate": paginate})
    assert build(site.options()).exit_code == 0
    return site


def test_a_body_edit_keys_only_the_pages_showing_the_article(tmp_path, monkeypatch):
    # Issue 10: an edit's rebuild keyed all pages (~15% of its CPU at 10,000 articles).
    site = _built_site(tmp_path, 8, 4, 2)
    keyed = _spy_page_keys(monkeypatch)
    _add_paragraph(site.content / "a6.md")
    assert build(site.options()).exit_code == 0
    assert any("news-6" in path for path in keyed)
    assert not any("news-1/" in path for path in keyed)  # another section's article, not listed beside it
    assert len(keyed) < 40, keyed  # of ~70 files: the article, its lists, feeds, sitemaps
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")


def test_an_older_articles_edit_leaves_the_front_page_unkeyed_and_a_newest_ones_keys_it(tmp_path, monkeypatch):
    # Issue 10: the front page shows each section's four newest; an edit of any article of a
    # section keyed it again and rendered it (at 10,000 articles ~35 ms to key it).
    # The three newest (رياضة) fill the front page's own list; سياسة's four newest are a5 … a2.
    site = _built_site(tmp_path, 9, 6, 3)
    keyed = _spy_page_keys(monkeypatch)
    for name, front in (("a1.md", False), ("a4.md", True)):
        keyed.clear()
        _add_paragraph(site.content / name)
        assert build(site.options()).exit_code == 0
        assert ("index.html" in keyed) is front, (name, keyed)
        clean = build(site.options(clean=True, output=tmp_path / f"clean-{name}", record_urls=False))
        assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / f"clean-{name}")


def test_under_another_salt_no_record_is_compared_with_its_last_one(tmp_path, monkeypatch):
    # A config or code change gives every article another cache key: comparing 10,000 records
    # with their last ones (two dataclass replaces each) bought nothing, as nothing is reused.
    site = make_site(tmp_path, {f"a{n}.md": article(f"خبر {n}", f"2024-11-1{n}T10:00:00+03:00", slug=f"n-{n}")
                                for n in range(3)})
    assert build(site.options()).exit_code == 0
    compared = []
    real = page_reuse.content_only
    monkeypatch.setattr(page_reuse, "content_only", lambda old, new: compared.append(new.source) or real(old, new))
    site.config.write_text(site.config.read_text(encoding="utf-8") + "description: وصف آخر\n", encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert compared == []
    target = site.content / "a1.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert compared == [str(target)]


def test_a_page_is_keyed_again_once_the_clock_passes_an_event_of_the_last_build(new_site):
    # The clock window is kept in whole microseconds (sitegen.unchanged.micros) by the snapshot
    # and by the page reuse state alike: an edit built after a breaking article left the band
    # must not keep the front page's last key (its band and badge are gone).
    from helpers import BUILD_TIME, build_site

    files = {"breaking.md": article("عاجل: انقطاع الكهرباء", "2025-01-01T14:00:00+03:00", "نص عاجل.", breaking=True),
             "other.md": article("خبر عادي", "2025-01-01T13:00:00+03:00", "نص عادي.")}
    site = new_site(files)
    assert build_site(site).result.exit_code == 0
    front = (site.output / "index.html").read_text(encoding="utf-8")
    assert "badge-breaking" in front
    (site.content / "other.md").write_text(article("خبر عادي", "2025-01-01T13:00:00+03:00", "نص معدل."), encoding="utf-8")
    later = BUILD_TIME + timedelta(days=2)  # past the breaking band (and the news sitemap's window)
    assert build_site(site, build_time=later).result.exit_code == 0
    assert "badge-breaking" not in (site.output / "index.html").read_text(encoding="utf-8")
    clean = build_site(site, build_time=later, clean=True, output=site.output.parent / "clean", record_urls=False)
    assert site_files(site.output) == site_files(clean.output)


def test_a_file_reverted_across_a_failed_build_does_not_keep_the_pages_of_its_edit(new_site, tmp_path):
    # Found by review: edit a1, build; revert a1 and add a file whose URL collides (exit 2: the
    # records are saved, the reuse state is not); remove it, build. a1's key was again the one
    # its meta key was made from, the edit's record was gone, so its pages kept the edit's text.
    from helpers import build_site

    def a1(body):
        return article("خبر أول", "2024-10-01T09:00:00+03:00", body, slug="s1")

    site = new_site({"a1.md": a1("النص الأصلي للخبر الأول."),
                     "a2.md": article("خبر ثان", "2024-10-02T09:00:00+03:00", "نص الخبر الثاني.", slug="s2")})
    assert build_site(site).result.exit_code == 0
    (site.content / "a1.md").write_text(a1("نص معدل للخبر الأول."), encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    (site.content / "a1.md").write_text(a1("النص الأصلي للخبر الأول."), encoding="utf-8")
    (site.content / "dup.md").write_text(article("نسخة", "2024-10-02T09:00:00+03:00", "نسخة مكررة.", slug="s2"),
                                         encoding="utf-8")
    assert build_site(site).result.exit_code == 2
    (site.content / "dup.md").unlink()
    assert build_site(site).result.exit_code == 0
    clean = build_site(site, clean=True, output=tmp_path / "clean" / "public", record_urls=False)
    built = site_files(site.output)
    assert not [path for path, data in built.items() if "نص معدل".encode("utf-8") in data]
    assert built == site_files(clean.output)


def _keys_of_builds(site, monkeypatch, steps):
    """The site key each build of ``steps`` (``(change the site, build options)``) made."""
    keys = []
    real = page_reuse.site_key
    monkeypatch.setattr(page_reuse, "site_key", lambda *args: keys.append(real(*args)) or keys[-1])
    for change, options in steps:
        change()
        assert build(options).exit_code == 0
    return keys


def test_the_site_key_holds_through_a_body_edit_and_changes_with_the_structure(tmp_path, monkeypatch):
    # Issue 10: the key stands for the related lists' and the sitemap's inputs; it must move
    # with anything those read (terms, the published articles, the clock publishing one) and
    # with nothing an edit of a body changes.
    files = {f"a{n}.md": article(f"خبر {n}", f"2024-11-1{n}T10:00:00+03:00", body=f"نص {n}.", slug=f"n-{n}",
                                 tags=["اقتصاد"]) for n in range(3)}
    files["later.md"] = article("خبر لاحق", "2025-01-10T10:00:00+03:00", slug="later")
    site = make_site(tmp_path, files)

    def edit(name, old, new):
        return lambda: (site.content / name).write_text(
            (site.content / name).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def add():
        (site.content / "a9.md").write_text(article("خبر جديد", "2024-11-19T10:00:00+03:00", slug="n-9"), encoding="utf-8")

    later = BUILD_TIME + timedelta(days=30)
    keys = _keys_of_builds(site, monkeypatch, [
        (lambda: None, site.options()),
        (edit("a1.md", "نص 1.", "نص 1 معدل."), site.options()),
        (edit("a1.md", "خبر 1", "عنوان آخر"), site.options()),  # the headline: shown, not structure
        (edit("a2.md", '"اقتصاد"', '"رياضة"'), site.options()),
        (add, site.options()),
        (lambda: None, site.options(build_time=later)),  # the later article is published now
    ])
    assert keys[0] == keys[1] == keys[2]
    assert len(set(keys[2:])) == 4


def test_a_body_edit_takes_the_related_lists_and_the_sitemap_without_digesting_every_article(tmp_path, monkeypatch):
    # Issue 10: digesting every article's fields for the sitemap's and the related lists' inputs
    # was ~30 ms of a one-edit rebuild at 10,000 articles; the site key stands for them.
    files = {f"a{n}.md": article(f"خبر {n}", f"2024-11-1{n}T10:00:00+03:00", body=f"نص {n}.", slug=f"n-{n}",
                                 tags=["اقتصاد" if n % 2 else "رياضة"]) for n in range(6)}
    site = make_site(tmp_path, files)
    assert build(site.options()).exit_code == 0
    digested = []
    monkeypatch.setattr(plan_cache, "sitemap_inputs", lambda site: digested.append("sitemap") or "x")
    monkeypatch.setattr(plan_cache, "related_inputs", lambda site: digested.append("related") or "x")
    target = site.content / "a3.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert digested == []
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")



def test_newcomer_a_site_without_articles_gets_its_sitemap_anew_when_its_base_url_changes(tmp_path):
    # A fresh helper's review (2026-12-05): with no article the site key held only the options
    # and the author profiles, so a new base_url kept the last sitemap's (stale) locations.
    site = make_site(tmp_path, {})
    assert build(site.options()).exit_code == 0
    site.config.write_text(site.config.read_text(encoding="utf-8").replace("https://", "https://news."),
                           encoding="utf-8")
    assert build(site.options()).exit_code == 0
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://news." in sitemap
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")


def test_a_byline_naming_another_profiled_author_rebuilds_the_author_pages_and_the_sitemap(tmp_path):
    # A fresh helper's review (2026-12-05): a byline names the authors of an article without
    # `author:` that authors.yaml profiles, yet it counted as content only, so the author pages,
    # their feeds and the sitemap kept the last author (and the sitemap stayed so under its key).
    files = {f"a{n}.md": article(f"خبر {n}", f"2024-11-1{n}T10:00:00+03:00", slug=f"n-{n}",
                                 byline="بقلم: محمد علي") for n in range(3)}
    site = make_site(tmp_path, files)
    (site.root / "authors.yaml").write_text("محمد علي:\n  bio: محرر\nسارة عبد الحميد:\n  bio: مراسلة\n",
                                           encoding="utf-8")
    assert build(site.options()).exit_code == 0
    target = site.content / "a2.md"
    target.write_text(target.read_text(encoding="utf-8").replace("محمد علي", "سارة عبد الحميد"), encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert (site.output / "authors" / "سارة-عبد-الحميد" / "index.html").is_file()
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")


def test_an_updated_article_renders_only_its_sitemap_part_and_the_index(tmp_path, monkeypatch):
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: with the sitemap split (3 URLs a part here,
    # 50,000 in a real site), a changed `updated:` changes one entry: only its part and the
    # index (that part's lastmod) are rendered again; the output is a clean build's.
    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", 3)
    site = _built_site(tmp_path, 8, 4, 2)  # home, news-7 … news-0, two sections: 4 parts
    rendered = []
    real = rendering.render_file
    monkeypatch.setattr(rendering, "render_file", lambda env, s, file, *rest: rendered.append(file.path)
                        or real(env, s, file, *rest))
    target = site.content / "a1.md"  # news-1: part 3 (news-2, news-1, news-0); سياسة's newest is news-3
    target.write_text(target.read_text(encoding="utf-8").replace(
        "date:", 'updated: "2024-11-12T12:00:00+03:00"\ndate:', 1), encoding="utf-8")
    assert build(site.options(jobs=1)).exit_code == 0
    assert sorted(path for path in rendered if path.startswith("sitemap")) == ["sitemap-3.xml", "sitemap.xml"]
    assert "2024-11-12T12:00:00+03:00" in (site.output / "sitemap-3.xml").read_text(encoding="utf-8")
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")
