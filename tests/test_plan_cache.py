"""The collected site and its planned pages kept for body edits (sitegen.plan_cache.kept_pages):
taken only while the site's structure and clock window are the ones they were kept under, and
then the site built is the one a clean build gives, byte for byte."""

from __future__ import annotations

from datetime import timedelta

import pytest

from helpers import BUILD_TIME, article, make_site, search_pages, site_files
from sitegen import collect as collecting, pipeline, plan_cache
from sitegen.cache import BuildCache, cache_folder
from sitegen.pipeline import build


def news(number: int, **fields) -> str:
    return article(f"خبر رقم {number} عن المدينة", f"2024-11-{1 + number:02d}T10:00:00+03:00",
                   body=f"الفقرة الأولى من الخبر {number}.\n\nفقرة ثانية فيها تفاصيل الخبر.",
                   section="سياسة" if number % 2 else "اقتصاد", tags=["انتخابات", f"وسم {number % 3}"],
                   **fields)


@pytest.fixture
def counted(monkeypatch):
    """How often the build collected the site (the kept pages not taken)."""
    calls = []
    real = collecting.collect

    def collect(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(collecting, "collect", collect)
    return calls


def equals_clean_build(site, tmp_path, name: str, **options) -> None:
    clean = tmp_path / name / "public"
    assert build(site.options(jobs=1, clean=True, output=clean, record_urls=False, **options)).exit_code == 0
    assert site_files(site.output) == site_files(clean)
    assert search_pages(site.output) == search_pages(clean)


def test_a_body_edit_takes_the_kept_site_and_pages_and_builds_what_a_clean_build_does(tmp_path, counted):
    site = make_site(tmp_path, {f"a{n}.md": news(n) for n in range(5)}, {"paginate": 2})
    assert build(site.options(jobs=1)).exit_code == 0 and counted == [1]
    for round_ in range(2):  # the pages kept by the first build serve every body edit after it
        edited = site.content / "a2.md"
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nفقرة مضافة {round_}.\n", encoding="utf-8")
        before = len(counted)
        assert build(site.options(jobs=1)).exit_code == 0
        assert len(counted) == before, round_
        equals_clean_build(site, tmp_path, f"clean{round_}")
    assert any("فقرة مضافة 1" in text.decode("utf-8", "replace") for text in site_files(site.output).values())


@pytest.mark.parametrize("change", ["tags", "new article", "deleted article"])
def test_a_change_of_the_sites_structure_collects_and_plans_again(tmp_path, counted, change):
    site = make_site(tmp_path, {f"a{n}.md": news(n) for n in range(5)}, {"paginate": 2})
    assert build(site.options(jobs=1)).exit_code == 0
    if change == "tags":
        (site.content / "a1.md").write_text(news(1).replace("وسم 1", "وسم جديد"), encoding="utf-8")
    elif change == "new article":
        (site.content / "a9.md").write_text(news(9), encoding="utf-8")
    else:
        (site.content / "a3.md").unlink()
    assert build(site.options(jobs=1)).exit_code == 0
    assert counted == [1, 1]
    equals_clean_build(site, tmp_path, "clean")


def test_a_clock_past_an_articles_publication_collects_again(tmp_path, counted):
    later = BUILD_TIME + timedelta(hours=2)
    files = {f"a{n}.md": news(n) for n in range(3)}
    files["scheduled.md"] = article("خبر مجدول للنشر", later.isoformat(), body="نص الخبر المجدول.")
    site = make_site(tmp_path, files)
    assert build(site.options(jobs=1)).exit_code == 0
    edited = site.content / "a0.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    at = later + timedelta(minutes=1)
    assert build(site.options(jobs=1, build_time=at)).exit_code == 0
    assert counted == [1, 1]
    equals_clean_build(site, tmp_path, "clean", build_time=at)
    assert any("خبر مجدول للنشر" in text.decode("utf-8", "replace") for text in site_files(site.output).values())


def test_damaged_kept_pages_are_planned_again_with_a_warning(tmp_path, counted):
    site = make_site(tmp_path, {f"a{n}.md": news(n) for n in range(3)})
    assert build(site.options(jobs=1)).exit_code == 0
    kept = cache_folder(site.output) / f"value-{plan_cache.PAGES_VALUE}"
    assert kept.is_file()
    kept.write_bytes(kept.read_bytes()[:200])
    edited = site.content / "a1.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    built = build(site.options(jobs=1))
    assert built.exit_code == 0 and counted == [1, 1]
    assert [d.path for d in built.report.diagnostics if d.code == "cache-corrupt"] == [str(kept)]
    equals_clean_build(site, tmp_path, "clean")


def test_pages_holding_an_article_not_of_the_list_are_not_kept(tmp_path):
    site = make_site(tmp_path, {f"a{n}.md": news(n) for n in range(3)})
    assert build(site.options(jobs=1)).exit_code == 0
    cache, _ = BuildCache.open(cache_folder(site.output), "salt", False)
    kept = cache.value(plan_cache.PAGES_VALUE)
    assert kept is not None
    stranger = pipeline.Article(source="x.md", format="markdown", title="غريب", slug="x", display_title="غريب")
    site_value = plan_cache.Site(config=None, articles=(stranger,), sections=(), tags=(), authors=(),
                                 build_time=BUILD_TIME)
    plan_cache.keep_pages(cache, "inputs", (0, (), False), [], (), (site_value, [], [], []))
    assert cache.value(plan_cache.PAGES_VALUE) is None


def test_feeds_kept_through_edits_of_two_articles_show_both_articles_new_titles(tmp_path, counted):
    """A feed entry copies its article's title (and summary, body): kept feeds get the entries of
    every article edited since they were kept made again, not only of the last build's edit."""
    site = make_site(tmp_path, {f"a{n}.md": news(n, slug=f"news-{n}") for n in range(4)}, {"paginate": 2})
    assert build(site.options(jobs=1)).exit_code == 0
    for name, title in (("a0.md", "عنوان جديد للخبر الأول"), ("a2.md", "عنوان جديد للخبر الثالث")):
        edited = site.content / name
        old = edited.read_text(encoding="utf-8").split("\n")[1]  # the title: line
        edited.write_text(edited.read_text(encoding="utf-8").replace(old, f'title: "{title}"', 1), encoding="utf-8")
        before = len(counted)
        assert build(site.options(jobs=1)).exit_code == 0
        assert len(counted) == before, name  # the kept site and pages served the edit
    feed = (site.output / "feed.xml").read_text(encoding="utf-8")
    assert "عنوان جديد للخبر الأول" in feed and "عنوان جديد للخبر الثالث" in feed
    equals_clean_build(site, tmp_path, "clean")
