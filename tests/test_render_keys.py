"""sitegen.render_keys: render keys made in a worker process are the main process's keys."""

from __future__ import annotations

import pickle
import sys
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


def test_library_versions_come_from_the_dist_info_folder_names_first_on_the_path(monkeypatch, tmp_path):
    # Importing importlib.metadata and reading eight distributions cost ~20 ms of every build;
    # the versions are the names of the distributions' .dist-info folders (PEP 427).
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, ["jinja2-3.1.6.dist-info", "python_slugify-9.2.0.dist-info", "Markdown.egg-info"]),
                          (second, ["jinja2-2.0.0.dist-info", "babel-2.19.0.dist-info", "nh3-0.3.8.dist-info",
                                    "hijridate-2.6.0.dist-info", "MarkupSafe-3.0.4.dist-info"])):
        for name in names:
            (folder / name).mkdir(parents=True)
    asked = []

    def version(name):  # only a distribution installed another way is asked of importlib.metadata
        asked.append(name)
        return "3.5.0"

    from importlib import metadata

    monkeypatch.setattr(metadata, "version", version)
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    render_keys.library_versions.cache_clear()
    try:
        versions = render_keys.library_versions()
        (first / "jinja2-3.1.6.dist-info").rename(first / "jinja2-3.2.0.dist-info")
        assert render_keys.library_versions() == versions  # read once a process
    finally:
        render_keys.library_versions.cache_clear()
    assert versions.split() == ["jinja2=3.1.6", "babel=2.19.0", "markdown=3.5.0", "nh3=0.3.8", "feedgen=-",
                                "hijridate=2.6.0", "markupsafe=3.0.4", "python-slugify=9.2.0"]
    assert asked == ["markdown"]


def test_library_versions_name_the_installed_distributions():
    from importlib import metadata

    render_keys.library_versions.cache_clear()
    expected = []
    for name in render_keys.OUTPUT_LIBRARIES:
        try:
            expected.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            expected.append(f"{name}=-")
    assert render_keys.library_versions().split() == expected


