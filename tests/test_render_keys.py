"""sitegen.render_keys: render keys made in a worker process are the main process's keys."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone

from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.model import Article
from sitegen import render_keys
from sitegen.render_keys import RenderKeys

CONFIG, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
CLOCK = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)


def _site():
    articles = [Article(source=f"{n}.md", format="markdown", title=f"خبر {n}", display_title=f"خبر {n}",
                        slug=f"news-{n}", body_html=f"<p>نص {n}</p>", date=CLOCK) for n in range(3)]
    return collect(articles, CONFIG, CLOCK)


def test_keys_sent_to_a_worker_give_the_same_page_keys_and_forget_digests_by_id():
    # Pages are keyed in the render workers (issue 10). Article digests are cached by id(), which
    # names other objects in another process: the copy must start without them.
    site = _site()
    keys = RenderKeys(site, "salt")
    here = keys.page_key("a/index.html", "article.html", {"article": site.articles[0]}, {"sections"})
    worker_keys = pickle.loads(pickle.dumps(keys))
    assert keys._articles and worker_keys._articles == {}
    there = worker_keys.page_key("a/index.html", "article.html", {"article": worker_keys.site.articles[0]},
                                 {"sections"})
    assert there == here
    assert worker_keys.page_key("a/index.html", "article.html", {"article": worker_keys.site.articles[1]},
                                {"sections"}) != here


def test_found_since_gives_the_digests_found_after_a_count_in_order():
    site = _site()
    keys = RenderKeys(site, "salt")
    keys.seed({"sections": "seeded"})
    start = keys.count()
    first, second = keys.token("articles"), keys.token("tags")
    assert start == 1
    assert list(keys.found_since(start).items()) == [("articles", first), ("tags", second)]
    assert keys.found_since(keys.count()) == {}


def test_library_versions_are_read_once_a_process(monkeypatch):
    # The render salt, the templates' cache and the nothing-changed inputs each ask (~2 ms a read).
    reads = []

    def version(name):
        reads.append(name)
        if name == "feedgen":
            raise render_keys.metadata.PackageNotFoundError(name)
        return "1.2.3"

    render_keys.library_versions.cache_clear()
    monkeypatch.setattr(render_keys.metadata, "version", version)
    try:
        first = render_keys.library_versions()
        assert render_keys.library_versions() == first
    finally:
        render_keys.library_versions.cache_clear()
    assert reads == list(render_keys.OUTPUT_LIBRARIES)
    assert first.split() == [f"{name}={'-' if name == 'feedgen' else '1.2.3'}" for name in render_keys.OUTPUT_LIBRARIES]
