"""sitegen.render_keys: render keys made in a worker process are the main process's keys."""

from __future__ import annotations

import pickle
import sys
from datetime import datetime, timezone

from sitegen.collect import collect
from sitegen.config import parse_config
from sitegen.model import Article
from sitegen import fingerprints, render_keys
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
    fingerprints.library_versions.cache_clear()
    try:
        versions = fingerprints.library_versions()
        (first / "jinja2-3.1.6.dist-info").rename(first / "jinja2-3.2.0.dist-info")
        assert fingerprints.library_versions() == versions  # read once a process
    finally:
        fingerprints.library_versions.cache_clear()
    assert versions.split() == ["jinja2=3.1.6", "babel=2.19.0", "markdown=3.5.0", "nh3=0.3.8", "feedgen=-",
                                "hijridate=2.6.0", "markupsafe=3.0.4", "python-slugify=9.2.0"]
    assert asked == ["markdown"]


def test_a_zip_on_the_path_and_an_upper_case_dist_info_are_read_as_importlib_metadata_reads_them(monkeypatch, tmp_path):
    # Found by review: a library imported from a zip on sys.path kept the version of the copy
    # installed after it (an upgrade inside a zip or zipapp would not change the render salt).
    import zipfile

    folder = tmp_path / "site-packages"
    for name, project, version in (("nh3-3.0.DIST-INFO", "nh3", "3.0"), ("markdown-3.11.3.dist-info", "Markdown", "3.11.3"),
                                   ("jinja2-3.1.6.dist-info", "Jinja2", "3.1.6")):
        (folder / name).mkdir(parents=True)
        (folder / name / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n")
    bundle = tmp_path / "md-3.12.0.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("markdown-3.12.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: Markdown\nVersion: 3.12.0\n")
    monkeypatch.setattr(sys, "path", [str(folder), str(bundle)])
    fingerprints.library_versions.cache_clear()
    try:
        versions = dict(item.split("=") for item in fingerprints.library_versions().split())
    finally:
        fingerprints.library_versions.cache_clear()
    assert versions["nh3"] == "3.0"  # found in the folder before the zip
    assert versions["markdown"] == "3.11.3" and versions["jinja2"] == "3.1.6"  # the folder comes first
    monkeypatch.setattr(sys, "path", [str(bundle), str(folder)])
    try:
        versions = dict(item.split("=") for item in fingerprints.library_versions().split())
    finally:
        fingerprints.library_versions.cache_clear()
    assert versions["markdown"] == "3.12.0" and versions["nh3"] == "3.0"  # the zip comes first: asked


def test_library_versions_name_the_installed_distributions():
    from importlib import metadata

    fingerprints.library_versions.cache_clear()
    expected = []
    for name in fingerprints.OUTPUT_LIBRARIES:
        try:
            expected.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            expected.append(f"{name}=-")
    assert fingerprints.library_versions().split() == expected




def _section_site(count: int = 6, **changed):
    """``count`` articles of one section, newest first as their numbers; ``changed``: fields of article 0 … by number."""
    articles = []
    for n in range(count):
        fields = dict(source=f"{n}.md", format="markdown", title=f"خبر {n}", display_title=f"خبر {n}", slug=f"news-{n}",
                      body_html=f"<p>نص {n}</p>", date=CLOCK.replace(hour=12 - n), section="سياسة")
        fields.update(changed.get(f"a{n}", {}))
        articles.append(Article(**fields))
    return collect(articles, CONFIG, CLOCK)


def test_a_slice_of_a_terms_articles_is_noted_as_a_token_of_that_slice_only():
    # Issue 10: the front page shows each section's four newest (`section.articles[:4]`). Noted as
    # the whole list, an edit of any article of a section keyed the front page again (at 10,000
    # articles the section's ~1,200 articles digested, ~35 ms) and rendered it.
    site = _section_site()
    section = site.sections[0]
    used: set[str] = set()
    articles = render_keys.TermView(section, used).articles
    assert [a.source for a in articles[:4]] == ["0.md", "1.md", "2.md", "3.md"]
    assert used == {f"term-part:section::4::{section.slug}"}
    assert articles[1].source == "1.md" and articles[-1].source == "5.md"
    assert used == {f"term-part:section::4::{section.slug}", f"term-part:section:1:2::{section.slug}",
                    f"term-part:section:-1:::{section.slug}"}
    assert render_keys.parse_part_token(f"term-part:section:1:2::{section.slug}") == ("section", section.slug, slice(1, 2))


def test_reading_a_terms_articles_otherwise_notes_the_whole_list():
    section = _section_site().sections[0]
    whole = f"term:section:{section.slug}"
    # (/tmp/attack40/f1_ordering.sh, f1_hash.sh: ordering and hashing failed on the view.)
    for read in (len, list, bool, lambda a: section.articles[0] in a, lambda a: a == section.articles,
                 lambda a: a + (), lambda a: a.index(section.articles[1]), lambda a: list(reversed(a)),
                 hash, lambda a: a > (), lambda a: a <= section.articles):
        used: set[str] = set()
        read(render_keys.TermView(section, used).articles)
        assert used == {whole}, read
    used = set()
    term = render_keys.TermView(section, used)
    view = term.articles
    assert (len(view), view == section.articles, view.index(section.articles[1])) == (6, True, 1)
    assert (hash(view), view > (), view <= section.articles, () < view) == (hash(section.articles), True, True, True)
    assert term.articles is view  # one list, as a term's tuple is (f1_sameas.sh)


def test_a_slices_token_digests_the_articles_it_gives_only():
    base = RenderKeys(_section_site(), "salt")
    slug = base.site.sections[0].slug
    newest, older = f"term-part:section::4::{slug}", f"term-part:section:4:::{slug}"
    edited_old = RenderKeys(_section_site(a5={"body_html": "<p>نص آخر</p>"}), "salt")
    edited_new = RenderKeys(_section_site(a2={"body_html": "<p>نص آخر</p>"}), "salt")
    assert edited_old.token(newest) == base.token(newest) != edited_new.token(newest)
    assert edited_old.token(older) != base.token(older) == edited_new.token(older)
    assert base.token(f"term:section:{slug}") not in (edited_old.token(f"term:section:{slug}"),
                                                      edited_new.token(f"term:section:{slug}"))
    assert base.token(f"term-part:section::4::gone") == base.token(f"term:section:gone")


def test_an_article_as_loaded_is_digested_by_its_cache_key_and_one_replaced_since_by_its_value():
    # Issue 10: a clean build pickled each article (~30 µs) in every process that showed it; an
    # article still the object the load stage gave under a cache key is digested by that key.
    from dataclasses import replace

    site = _site()
    first, second, third = site.articles
    keys = RenderKeys(site, "salt")
    keys.note_loaded([(first, "key-1"), (replace(second), "key-2")])  # the second replaced since
    assert keys.article(first) == render_keys._hash("loaded", "key-1")
    assert keys.article(second) == render_keys.value_digest(second)
    assert keys.article(third) == render_keys.value_digest(third)
    same_key = RenderKeys(site, "salt")
    same_key.note_loaded([(replace(first, title="عنوان آخر"), "key-1")])  # another object: its value counts
    assert same_key.article(first) == render_keys.value_digest(first) != keys.article(first)
    # a copy sent to a worker process that is not forked digests the same articles the same way
    copy = pickle.loads(pickle.dumps(keys))
    assert [copy.article(a) for a in copy.site.articles] == [keys.article(a) for a in site.articles]
