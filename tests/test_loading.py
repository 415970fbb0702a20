"""The load stage (:mod:`sitegen.loading`): what each loaded article holds, loaded or taken
from the build cache's records.

Loading by worker processes and the records a clean build leaves are tested end to end in
``tests/test_pipeline.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from helpers import article
from sitegen.errors import Report
from sitegen.loading import load_all


def test_the_load_stage_gives_each_article_the_permalink_collect_would(tmp_path):
    """Guards the URL set at load and kept in the cache's records: the local day (a UTC
    evening is the next day in Asia/Riyadh), the section and the pattern must be the ones
    collect gives an article without a URL, in a clean build and from the cache alike."""
    from dataclasses import replace

    from helpers import make_site
    from sitegen.cache import BuildCache, cache_folder
    from sitegen.collect import assign_urls
    from sitegen.config import load_config

    site = make_site(tmp_path, {"late.md": article("خبر متأخر", "2024-11-21T22:30:00+00:00", section="رياضة",
                                                   slug="late"),
                                "own.md": article("خبر بعنوانه", "2024-11-20T08:00:00+03:00", url="/special/own/")},
                     {"permalink": "/{section}/{year}/{month}/{day}/{slug}/"})
    config, _ = load_config(site.config)
    for _ in range(2):  # loaded, then taken from the cache's records
        cache, _ = BuildCache.open(cache_folder(site.output), "salt", False)
        loading = load_all(sorted(site.content.glob("*.md")), config, Report(), 1, cache=cache)
        by_source = {Path(a.source).name: a for a in loading.articles}
        assert by_source["late.md"].url == "/رياضة/2024/11/22/late/"
        assert by_source["own.md"].url == "/special/own/"
        assert [a.url for a in loading.articles] == [a.url for a in assign_urls(
            [replace(a, url=None) if a.source.endswith("late.md") else a for a in loading.articles], config)]
    assert loading.from_cache == 2


def test_the_load_stage_gives_articles_of_one_section_one_section_text(tmp_path):
    """Issue 10 (memory): each loaded article held its own copy of its section, tags, authors
    and time zone; the load stage shares one object per value (sitegen.model.share_repeated)."""
    from helpers import make_site
    from sitegen.config import load_config

    site = make_site(tmp_path, {f"n{i}.md": article(f"خبر رقم {i}", f"2024-11-2{i}T08:00:00+03:00", section="رياضة",
                                                     tags=["كرة القدم", "الدوري"], author="سارة علي")
                                for i in range(1, 4)})
    config, _ = load_config(site.config)
    loading = load_all(sorted(site.content.glob("*.md")), config, Report(), 1)
    first, *others = loading.articles
    assert len(others) == 2 and first.section == "رياضة" and first.tags == ("كرة القدم", "الدوري")
    for other in others:
        assert other.section is first.section and other.tags is first.tags and other.authors is first.authors
        assert other.date.tzinfo is first.date.tzinfo and other.title != first.title


@pytest.mark.parametrize("name", ["news/a.txt", "news/A.TXT", "b.tXt", "news/.txt", ".txt", "news/a.md",
                                  "news/a.txt.md", "news.txt/a", "news/a.txt.", "مقال.txt"])
def test_a_raw_dump_is_told_by_its_suffix_as_pathlib_tells_it(name):
    # is_raw stands in for Path(name).suffix.lower() in RAW_SUFFIXES on the load stage's hot path.
    from pathlib import Path

    from sitegen.loading import is_raw
    from sitegen.loaders.article import RAW_SUFFIXES

    assert is_raw(name) == (Path(name).suffix.lower() in RAW_SUFFIXES)


def test_a_file_loaded_with_the_cache_is_read_once(tmp_path, monkeypatch):
    """Issue 10: the key's digest and the load read one copy of the file (two reads also
    could see two versions of a file edited between them)."""
    from helpers import make_site
    from sitegen import signatures
    from sitegen.cache import BuildCache, cache_folder
    from sitegen.config import load_config

    site = make_site(tmp_path, {f"a{n}.md": article(f"خبر {n}", "2024-05-01T08:00:00+03:00") for n in range(3)})
    config, _ = load_config(site.config)
    monkeypatch.setattr(signatures, "RACY_NS", 0)  # files as old as a site's: the check after the load only stats them
    opened: list[str] = []
    monkeypatch.setattr(signatures, "open", lambda path, *a, **k: opened.append(str(path)) or open(path, *a, **k),
                        raising=False)
    path_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(str(self)) or path_open(self, *a, **k))
    cache, _ = BuildCache.open(cache_folder(site.output), "salt", False)
    loading = load_all(sorted(site.content.glob("*.md")), config, Report(), 1, cache=cache)
    assert sorted(a.title for a in loading.articles) == ["خبر 0", "خبر 1", "خبر 2"]
    assert sorted(p for p in opened if p.endswith(".md")) == sorted(str(p) for p in site.content.glob("*.md"))


def test_the_keys_of_a_whole_content_folder_are_each_files_own_key(tmp_path):
    """Issue 10: the batch of keys an edit looks its records up by (_given_keys) is, file by
    file, the key a file loaded alone is stored under (_source_key), raw dumps with the
    site's chrome in theirs, and ``None`` for a file too large to load."""
    from helpers import make_site
    from sitegen.cache import BuildCache, cache_folder
    from sitegen.config import load_config
    from sitegen.loading import _LoadJob, _given_keys, _source_key
    from sitegen.signatures import SourceIndex

    site = make_site(tmp_path, {"a.md": article("خبر", "2024-05-01T08:00:00+03:00"),
                                "b.txt": "موقع الأخبار\nعنوان الخبر\nنص الخبر الأول.\n",
                                "c.md": article("خبر طويل", "2024-05-01T08:00:00+03:00", body="كلمة " * 400)})
    config, _ = load_config(site.config)
    paths = sorted(p for p in site.content.iterdir() if p.suffix in (".md", ".txt"))
    cache, _ = BuildCache.open(cache_folder(site.output), "salt", False)
    job = _LoadJob(paths, config, frozenset({"موقع الأخبار", "اتصل بنا"}), cache, SourceIndex())
    keys = _given_keys(paths, job)
    assert keys == [_source_key(path, job) for path in paths]
    assert len(set(keys)) == 3 and None not in keys
    small = replace(config, max_file_bytes=1000)
    assert _given_keys(paths, replace(job, config=small, index=SourceIndex()))[2] is None


def test_the_keys_made_with_the_inputs_digest_are_the_keys_the_load_stage_makes(tmp_path):
    """Issue 10: an edit's keys are made where its inputs are digested (BuildCache.content_keys,
    in a forked child); taken by the load stage, they are each file's own key, a raw dump's
    with the site chrome (made by the load stage itself), and ``None`` for a file too large."""
    from helpers import make_site
    from sitegen.cache import BuildCache, cache_folder
    from sitegen.config import load_config
    from sitegen.loading import _LoadJob, _given_keys, _source_key, _usable_keys
    from sitegen.signatures import SourceIndex

    site = make_site(tmp_path, {"a.md": article("خبر", "2024-05-01T08:00:00+03:00"),
                                "b.TXT": "موقع الأخبار\nعنوان الخبر\nنص الخبر الأول.\n",
                                "c.md": article("خبر طويل", "2024-05-01T08:00:00+03:00", body="كلمة " * 400)})
    config, _ = load_config(site.config)
    paths = sorted(p for p in site.content.iterdir() if p.suffix.lower() in (".md", ".txt"))
    cache, _ = BuildCache.open(cache_folder(site.output), "salt", False)
    job = _LoadJob(paths, config, frozenset({"موقع الأخبار", "اتصل بنا"}), cache, SourceIndex())
    names = [str(path) for path in paths]
    given = cache.content_keys(names, job.index.given_digests(names, config.max_file_bytes), (1,))
    assert given.keys[1] is None
    assert given.keys[0] == _source_key(paths[0], job) and given.keys[2] == _source_key(paths[2], job)
    assert _given_keys(paths, job, given) == [_source_key(path, job) for path in paths]
    assert _usable_keys(paths, given) is given and _usable_keys(paths[:2], given) is None
    small = replace(config, max_file_bytes=1000)
    index = SourceIndex()
    too_large = cache.content_keys(names, index.given_digests(names, small.max_file_bytes), (1,))
    assert too_large.keys[2] is None and _given_keys(paths, replace(job, config=small, index=index), too_large)[2] is None
