"""The list of files a build emits (:mod:`sitegen.plan`): related articles, windowed pagination,
the front page's lead story (featured) and breaking-news ticker."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from helpers import article, build_site, parse_html, text_of
from sitegen.collect import collect
from sitegen.config import Config
from sitegen.model import Article
from sitegen.plan import Pager, related_articles

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def make(n: int, tags=(), section=None) -> Article:
    return Article(source=f"a{n:03d}.md", format="markdown", title=f"t{n}", slug=f"s{n:03d}",
                   display_title=f"t{n}", body_html="", date=START + timedelta(hours=n),
                   tags=tuple(tags), section=section)


def site_of(articles):
    return collect(articles, Config(), START + timedelta(days=3650))


def slugs(articles) -> list[str]:
    return [a.slug for a in articles]


def test_related_ranks_shared_tags_then_section_then_newest():
    site = site_of([
        make(1, ["x", "y"], "s"),        # two shared tags, same section: 5
        make(2, ["x", "y"]),             # two shared tags: 4
        make(3, ["x"], "s"),             # one tag, same section: 3
        make(4, ["x"]),                  # one tag: 2
        make(5, [], "s"),                # section only: 1
        make(6, ["x", "y"], "s"),        # the article itself
        make(7, ["z"], "other"),         # unrelated
    ])
    url = next(a.url for a in site.articles if a.slug == "s006")
    assert slugs(related_articles(site, limit=4)[url]) == ["s001", "s002", "s003", "s004"]
    assert slugs(related_articles(site, limit=6)[url]) == ["s001", "s002", "s003", "s004", "s005"]


def test_related_fills_with_the_sections_newest_and_never_repeats():
    site = site_of([make(n, ["x"] if n == 1 else [], "s") for n in range(1, 8)])
    article = next(a for a in site.articles if a.slug == "s003")
    assert slugs(related_articles(site)[article.url]) == ["s007", "s006", "s005", "s004"]
    tagged = next(a for a in site.articles if a.slug == "s001")
    assert slugs(related_articles(site)[tagged.url]) == ["s007", "s006", "s005", "s004"]


def test_related_scores_only_the_articles_of_a_tag_nearest_in_time():
    """A tag on thousands of articles must not make related lists quadratic: per tag, only the
    ``per_tag`` articles around this one in time are candidates."""
    site = site_of([make(n, ["big"]) for n in range(1, 41)])
    middle = next(a for a in site.articles if a.slug == "s020")
    assert slugs(related_articles(site, limit=10, per_tag=4)[middle.url]) == ["s022", "s021", "s019", "s018"]
    oldest = next(a for a in site.articles if a.slug == "s001")
    assert slugs(related_articles(site, limit=10, per_tag=4)[oldest.url]) == ["s005", "s004", "s003", "s002"]


def test_related_counted_in_c_ranks_as_a_full_sort_of_every_candidate():
    # Regression for the Counter-based ranking (issue 10, 0.7 -> 0.4 s at 10,000 articles): on a
    # random site, each list is the full sort of the candidates by (score, newest), then the
    # section's newest, as the scoring rule says.
    import random

    rng = random.Random(7)
    site = site_of([make(n, rng.sample("abcdef", rng.randint(0, 4)), rng.choice([None, "p", "q", "r"]))
                    for n in range(1, 201)])
    articles, per_tag = site.articles, 6
    position = {a.url: i for i, a in enumerate(articles)}
    for article in articles:
        here = position[article.url]
        scores: dict[int, int] = {}
        for term in site.tags:
            members = [position[a.url] for a in term.articles]
            if here in members:
                at = members.index(here)
                start = max(0, min(at - per_tag // 2, len(members) - per_tag - 1))
                for other in members[start:start + per_tag + 1]:
                    scores[other] = scores.get(other, 0) + 2
        scores.pop(here, None)
        for other in scores:
            scores[other] += article.section is not None and articles[other].section == article.section
        expected = sorted(scores, key=lambda other: (-scores[other], other))[:5]
        if article.section is not None:
            expected += [i for i, a in enumerate(articles) if a.section == article.section
                         and i != here and i not in expected][:5 - len(expected)]
        assert [position[a.url] for a in related_articles(site, limit=5, per_tag=per_tag)[article.url]] == expected


def test_pagination_shows_first_last_and_a_window_around_the_current_page():
    numbers = [n for n, _ in Pager(50, 100, (), "/tags/x/").pages(window=2)]
    assert numbers == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert Pager(2, 100, (), "/").pages(window=2)[:5] == [(1, "/"), (2, "/page/2/"), (3, "/page/3/"),
                                                          (4, "/page/4/"), (None, None)]
    assert [n for n, _ in Pager(4, 7, (), "/").pages(window=2)] == [1, 2, 3, 4, 5, 6, 7]
    assert Pager(1, 1, (), "/").pages() == [(1, "/")]


# --- front page: lead story and breaking news ---------------------------------------------

FRONT_BUILD_TIME = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)  # 15:00 in Riyadh


def at(hours_before: float) -> str:
    return (FRONT_BUILD_TIME - timedelta(hours=hours_before)).isoformat()


def front_page(new_site, files, config=None, build_time=FRONT_BUILD_TIME):
    built = build_site(new_site(files, config=config), build_time=build_time)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    return parse_html(built.output / "index.html")


def lead_title(page) -> str:
    return text_of(page.one("section", class_="lead-story").find(".//h2"))


def ticker_titles(page) -> list[str]:
    return [text_of(a) for section in page.all("section", class_="ticker") for a in section.iter("a")]


FILES = {
    "new.md": article("أحدث خبر في الموقع", at(1)),
    "featured-old.md": article("خبر مميز قديم", at(30), featured=True),
    "featured.md": article("خبر مميز أحدث", at(5), featured=True),
    "breaking-new.md": article("زلزال بقوة 5 درجات", at(2), breaking=True),
    "breaking-old.md": article("حريق في مصنع", at(7), breaking=True),
}


def test_the_newest_featured_article_leads_and_is_not_listed_twice(new_site):
    page = front_page(new_site, FILES)
    assert lead_title(page) == "خبر مميز أحدث"
    listed = [text_of(h) for li in page.all("li", class_="article-card") for h in li.iter("h3")]
    assert "خبر مميز أحدث" not in listed[:4] and "أحدث خبر في الموقع" == listed[0]


def test_without_featured_the_newest_article_leads(new_site):
    files = {name: text for name, text in FILES.items() if not name.startswith("featured")}
    assert lead_title(front_page(new_site, files)) == "أحدث خبر في الموقع"


def test_ticker_holds_breaking_news_younger_than_breaking_hours(new_site):
    page = front_page(new_site, FILES)
    # local time (Riyadh) then the headline; the 7-hour-old one is past the default 6 hours
    assert ticker_titles(page) == ["1:00 م زلزال بقوة 5 درجات"]
    assert text_of(page.one("h2", class_="ticker-label")) == "عاجل"
    longer = front_page(new_site, FILES, config={"breaking_hours": 8})
    assert ticker_titles(longer) == ["1:00 م زلزال بقوة 5 درجات", "8:00 ص حريق في مصنع"]


def test_breaking_label_only_while_the_news_is_fresh(new_site):
    page = front_page(new_site, FILES)
    labelled = [text_of(li.find(".//h3")) for li in page.all("li", class_="article-card")
                if page.within(li).all("span", class_="badge-breaking")]
    assert set(labelled) == {"زلزال بقوة 5 درجات"}
    later = front_page(new_site, FILES, build_time=FRONT_BUILD_TIME + timedelta(days=1))
    assert later.all("section", class_="ticker") == [] and later.all("span", class_="badge-breaking") == []


def test_article_pages_planned_with_related_later_get_the_same_related_lists():
    # Issue 10: the related articles are made in a forked process while the main process plans
    # the rest (plan(site, RELATED_LATER), then add_related): the pages' contexts end up as
    # those of a plan made with them, and no article page is left without its list.
    from sitegen.plan import RELATED_LATER, add_related, plan, related_by_url, related_positions

    site = site_of([make(n, [("a", "b", "c")[n % 3], "d"] if n % 4 else [], ("p", None)[n % 2]) for n in range(1, 40)])
    whole = plan(site)
    later = plan(site, RELATED_LATER)
    assert [f.context.get("related", "-") for f in later if f.template == "article.html"] == [None] * 39
    add_related(later, related_by_url(site, related_positions(site)))
    assert [(f.path, f.context) for f in later] == [(f.path, f.context) for f in whole]
    assert sum(bool(f.context.get("related")) for f in later) > 30


def test_plan_takes_the_sitemap_limits_and_checks_the_parts_for_collisions():
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: the limits are parameters of the plan (a
    # test stands 3 URLs for 50,000); past them the parts are planned beside the index, once each.
    from sitegen.plan import plan

    site = site_of([make(n, ["x"], "s") for n in range(5)])  # home, 5 articles, a section, a tag: 8 URLs
    split = {file.path: file for file in plan(site, sitemap_max_urls=3)}
    assert split["sitemap.xml"].template == "sitemap-index.xml"
    assert [len(split[f"sitemap-{n}.xml"].context["urls"]) for n in (1, 2, 3)] == [3, 3, 2]
    assert "sitemap-4.xml" not in split
    whole = {file.path: file for file in plan(site)}
    assert whole["sitemap.xml"].template == "sitemap.xml" and len(whole["sitemap.xml"].context["urls"]) == 8
    assert not any(path.startswith("sitemap-") for path in whole)
    by_bytes = {file.path for file in plan(site, sitemap_max_bytes=600)}
    assert {"sitemap-1.xml", "sitemap-2.xml"} <= by_bytes
