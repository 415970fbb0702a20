"""The list of files a build emits (:mod:`sitegen.plan`): related articles and windowed pagination."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

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


def test_pagination_shows_first_last_and_a_window_around_the_current_page():
    numbers = [n for n, _ in Pager(50, 100, (), "/tags/x/").pages(window=2)]
    assert numbers == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert Pager(2, 100, (), "/").pages(window=2)[:5] == [(1, "/"), (2, "/page/2/"), (3, "/page/3/"),
                                                          (4, "/page/4/"), (None, None)]
    assert [n for n, _ in Pager(4, 7, (), "/").pages(window=2)] == [1, 2, 3, 4, 5, 6, 7]
    assert Pager(1, 1, (), "/").pages() == [(1, "/")]
