"""The stages in order (:mod:`sitegen.pipeline`): which content files a build reads."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import REPO, article, article_pages, build_site, fingerprint, make_site, site_files, snapshot
from sitegen.cache import cache_folder
from sitegen.errors import Report
from sitegen import plan_cache
from sitegen.pipeline import build
from sitegen.sources import content_files


def test_symlinks_leading_outside_content_are_skipped_with_a_warning(new_site, tmp_path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "shared.md").write_text(article("خبر محفوظ خارج مجلد المحتوى"), encoding="utf-8")
    (outside / "photo.jpg").write_bytes(b"\xff\xd8photo")
    site = new_site({"a.md": article(), "images/real.jpg": b"\xff\xd8real"})
    os.symlink(outside / "shared.md", site.content / "link.md")
    os.symlink(outside / "folder", site.content / "linked-folder")
    os.symlink(outside / "photo.jpg", site.content / "photo.jpg")
    os.symlink(site.content / "images" / "real.jpg", site.content / "alias.jpg")  # inside content/: copied
    built = build_site(site)
    assert built.result.exit_code == 0
    warnings = {d.path: d for d in built.diagnostics if d.code == "symlink-outside"}
    assert sorted(warnings) == sorted(str(site.content / name) for name in ("link.md", "linked-folder", "photo.jpg"))
    link = warnings[str(site.content / "link.md")]
    assert not link.is_error
    assert link.format() == (f"{site.content / 'link.md'}: warning symlink-outside: symbolic link to "
                             f"{(outside / 'shared.md').resolve()}, outside the content folder; skipped"
                             " — copy it into content/ instead of linking to it")
    assert str((outside / "folder").resolve()) in warnings[str(site.content / "linked-folder")].message
    assert len(article_pages(built.output)) == 1
    assert not (built.output / "photo.jpg").exists()
    assert (built.output / "alias.jpg").read_bytes() == b"\xff\xd8real"


def test_symlink_to_a_file_inside_content_is_read_once_not_a_url_collision(new_site):
    # Attack: content/link-in.md -> ok1.md stopped the whole build with url-collision (exit 2).
    site = new_site({"ok1.md": article("خبر أول عن افتتاح مكتبة عامة"), "ok2.md": article("خبر ثان عن الطقس"),
                     ".hidden/only.md": article("خبر لا يصل إليه إلا رابط واحد")})
    (site.content / "link-in.md").symlink_to("ok1.md")
    (site.content / "sub").mkdir()
    (site.content / "sub" / "again.md").symlink_to("../link-in.md")  # a link to a link: the same file
    (site.content / "via-a.md").symlink_to(".hidden/only.md")  # the only way to that file: read
    (site.content / "via-b.md").symlink_to(".hidden/only.md")  # the same file again: skipped
    built = build_site(site)
    assert built.result.exit_code == 0, built.codes()
    duplicates = {d.path: d for d in built.diagnostics if d.code == "symlink-duplicate"}
    assert sorted(duplicates) == sorted(str(site.content / n) for n in ("link-in.md", "sub/again.md", "via-b.md"))
    link = duplicates[str(site.content / "link-in.md")]
    assert not link.is_error
    assert link.format() == (f"{site.content / 'link-in.md'}: warning symlink-duplicate: symbolic link to ok1.md, "
                             "which is already read from content/; skipped — delete the link (use aliases: in "
                             "that file for a second address)")
    assert "symbolic link to .hidden/only.md" in duplicates[str(site.content / "via-b.md")].message
    assert len(article_pages(built.output)) == 3
    report = Report()
    assert content_files(site.content, report=report, distinct=True) == [
        site.content / n for n in ("ok1.md", "ok2.md", "via-a.md")]
    assert content_files(site.content) == [  # assets and callers that do not ask keep every link
        site.content / n for n in ("link-in.md", "ok1.md", "ok2.md", "via-a.md", "via-b.md", "sub/again.md")]


def test_output_is_byte_identical_for_any_number_of_jobs(new_site, monkeypatch, tmp_path):
    from helpers import snapshot
    from sitegen import parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # use a pool even for a small site
    files = {f"a{i:02d}.md": article(f"خبر رقم {i} عن المدينة", f"2024-11-{1 + i % 20:02d}T10:00:00+03:00",
                                     tags=[f"وسم {i % 3}"], section=["سياسة", "اقتصاد"][i % 2])
             for i in range(30)}
    files["broken.md"] = "---\ntitle: [\n---\n"
    site = new_site(files, {"paginate": 4})
    trees, codes = [], []
    for jobs in (1, 2, 3):
        built = build_site(site, jobs=jobs, output=tmp_path / f"out{jobs}")
        assert built.result.exit_code == 1
        codes.append(built.codes())
        trees.append(snapshot(built.output))
    assert len(trees[0]) > 60
    assert trees[0] == trees[1] == trees[2]
    assert codes[0] == codes[1] == codes[2]
    assert codes[0] == ["yaml-syntax"]  # the broken file, reported once whichever process loaded it


def test_a_clean_build_loaded_by_workers_keeps_records_the_next_build_takes_whole(new_site, monkeypatch, tmp_path):
    # Issue 10: the load workers pickle their chunks' records for the records file and send
    # each article once, inside that part; the main process writes the parts unpickled again.
    # The next build (a body edited) takes every other article from them, unread.
    from helpers import site_files
    from sitegen import parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # use a pool even for a small site
    files = {f"a{i:02d}.md": article(f"خبر رقم {i} عن المدينة", f"2024-11-{1 + i % 20:02d}T10:00:00+03:00",
                                     tags=[f"وسم {i % 3}"], section=["سياسة", "اقتصاد"][i % 2])
             for i in range(24)}
    site = new_site(files, {"paginate": 4})
    built = build_site(site, jobs=2, clean=True)
    assert built.result.exit_code == 0 and built.result.articles == 24
    edited = site.content / "a05.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    again = build_site(site, jobs=2)
    assert again.result.exit_code == 0 and again.result.cached == 23
    clean = build_site(site, jobs=1, clean=True, output=tmp_path / "clean", record_urls=False)
    assert site_files(again.output) == site_files(clean.output)


def test_a_clean_builds_records_parts_wait_in_a_file_not_in_memory(new_site, monkeypatch):
    # Issue 10: the parts held in the main process while the load worker lived raised the peak
    # memory of a 10,000-article build by ~8 MiB (223 -> 231 MiB); they wait in an unnamed file
    # in the cache folder, closed once saved. A build with records to match makes none.
    import tempfile

    from sitegen.cache import CACHE_DIR

    spools = []
    real = tempfile.TemporaryFile
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *args, **kwargs: spools.append((kwargs, real(*args, **kwargs))) or spools[-1][1])
    files = {f"a{i}.md": article(f"خبر رقم {i}", f"2024-11-{1 + i:02d}T10:00:00+03:00") for i in range(5)}
    site = new_site(files)
    built = build_site(site, clean=True)
    assert built.result.exit_code == 0 and built.result.articles == 5
    assert len(spools) == 1 and spools[0][1].closed
    assert Path(spools[0][0]["dir"]).name == CACHE_DIR and not list(Path(spools[0][0]["dir"]).glob("tmp*"))
    edited = site.content / "a2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    again = build_site(site)
    assert again.result.cached == 4 and len(spools) == 1


def test_the_output_manifest_keeps_written_records_as_columns_and_drops_the_earlier_layouts(tmp_path):
    # Issue 10: ~30,000 records pickled one by one (first dataclasses through copyreg, then
    # tuples through __reduce__) at every edit of a 10k site.
    from sitegen.cache import BuildCache
    from sitegen.cache import Written

    cache, _ = BuildCache.open(tmp_path / "cache", "salt", clean=False)
    output = tmp_path / "public"
    old_layouts = [cache.manifest_path(output, ""), cache.manifest_path(output, "-2")]
    for old_layout in old_layouts:
        old_layout.write_bytes(b"an earlier layout")
    used = frozenset({"sections", "profiles"})
    record = Written("d1", (1, 2, 3), "k1", used)
    cache.save_manifest(output, {"live": {"a/index.html": record, "b/index.html": Written("d2", (4, 5, 6), "k2", used)},
                                 "spare": {}})
    live = cache.manifest(output)["live"]
    assert live["a/index.html"] == record and isinstance(live["a/index.html"], Written)
    assert (live["b/index.html"].digest, live["b/index.html"].identity, live["b/index.html"].render_key,
            live["b/index.html"].used) == ("d2", (4, 5, 6), "k2", used)
    assert live["a/index.html"].used is live["b/index.html"].used  # one shared set, pickled once
    assert b"Written" not in cache.manifest_path(output).read_bytes()  # columns: no object per record
    assert cache.manifest(output)["spare"] == {}
    assert not any(old.exists() for old in old_layouts) and cache.warnings == []


def test_an_output_manifest_with_columns_of_another_shape_is_discarded(tmp_path):
    import pickle

    from sitegen.cache import BuildCache

    cache, _ = BuildCache.open(tmp_path / "cache", "salt", clean=False)
    output = tmp_path / "public"
    cache.manifest_path(output).write_bytes(pickle.dumps(("manifest", {"live": ("written-columns", ("a", "b"), (("d1",),) * 4)})))
    assert cache.manifest(output) == {}
    assert [w.code for w in cache.warnings] == ["cache-corrupt"]


def test_a_later_process_takes_the_compiled_templates_from_the_build_cache(new_site, monkeypatch, tmp_path):
    # Compiling the templates was most of an edit's rendering at 10,000 articles (issue 10): they
    # are kept in the build cache, keyed by sitegen's code and the libraries' versions; Jinja
    # still checks each against its template's source.
    import jinja2

    from sitegen import render
    from sitegen.cache import CACHE_DIR

    files = {f"a{i}.md": article(f"خبر رقم {i}", f"2024-11-1{i}T10:00:00+03:00", tags=["ثقافة"]) for i in range(3)}
    site = new_site(files)
    monkeypatch.setattr(render._COMPILED, "_code", {})
    build_site(site)
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setattr(render._COMPILED, "_code", {})  # a new process
    (site.content / "a1.md").write_text(files["a1.md"] + "\nفقرة أضيفت.\n", encoding="utf-8")
    edited = build_site(site)
    assert edited.result.exit_code == 0 and compiled == []
    monkeypatch.setattr(render._COMPILED, "_code", {})
    clean = build_site(site, clean=True, output=tmp_path / "clean")
    assert compiled and site_files(site.output) == site_files(tmp_path / "clean")

    kept = site.root / CACHE_DIR / "value-templates"
    kept.write_bytes(b"damaged")  # damage costs compiling again and a warning, nothing else
    compiled.clear()
    monkeypatch.setattr(render._COMPILED, "_code", {})
    (site.content / "a1.md").write_text(files["a1.md"] + "\nفقرة أخرى.\n", encoding="utf-8")
    again = build_site(site)
    assert again.result.exit_code == 0 and compiled
    assert [(d.code, d.path) for d in again.diagnostics] == [("cache-corrupt", str(kept))]
    assert "فقرة أخرى" in next(p.read_text(encoding="utf-8") for p in article_pages(site.output) if "فقرة" in p.read_text(encoding="utf-8"))


def test_templates_compiled_while_the_load_workers_load_are_kept_in_the_build_cache(new_site, monkeypatch,
                                                                                     forks_allowed):
    # /tmp/attack44 (side note): once the templates were compiled while forked load workers
    # loaded, the render stage saw no template it had not held already and kept none, so the
    # next edit compiled them all again.
    import pickle

    from sitegen import parallel, render
    from sitegen.cache import CACHE_DIR
    from sitegen.config import Config

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # a pool for a few articles
    monkeypatch.setattr(render._COMPILED, "_code", {})
    files = {f"a{i}.md": article(f"خبر رقم {i}", f"2024-11-1{i}T10:00:00+03:00") for i in range(4)}
    site = new_site(files)
    assert build_site(site, jobs=2, clean=True).result.exit_code == 0
    kept = site.root / CACHE_DIR / "value-templates"
    name, (salt, code) = pickle.loads(kept.read_bytes())
    theme = render.make_environment(Config(), None).list_templates()
    assert name == "templates" and code.keys() == render.compiled_templates().keys() and len(code) == len(theme)


def test_the_command_line_imports_neither_pillow_nor_the_dump_reader_until_needed():
    # Issue 10: an edit's build of a Markdown site without images paid for importing both
    # (~0.03 s of its ~0.25 s of imports).
    import subprocess
    import sys

    from helpers import REPO

    probe = ("import sys; import sitegen.cli; from sitegen import late_imports\n"
             "for step in late_imports.import_steps():\n    step()\n"  # what a build imports once its site changed
             "print(sorted(m for m in ('PIL', 'sitegen.loaders.reader') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_a_content_file_at_a_static_files_path_wins_with_a_warning(new_site):
    """Regression: content/images/p.png and static/images/p.png silently gave one of them."""
    site = new_site({"a.md": article("خبر عن الصورة", "2024-11-21T10:00:00+03:00"),
                     "images/p.png": b"content-png", "images/q.png": b"only-content"},
                    static={"images/p.png": b"static-png", "images/r.png": b"only-static"})
    built = build_site(site)
    assert built.result.exit_code == 0
    (shadowed,) = [d for d in built.diagnostics if d.code == "static-shadowed"]
    assert shadowed.path == str(site.content / "images" / "p.png")
    assert shadowed.message == (f"{site.root / 'static' / 'images' / 'p.png'} has the same site path /images/p.png; "
                                "this file from the content folder is published and that one is not")
    assert (site.output / "images" / "p.png").read_bytes() == b"content-png"
    assert (site.output / "images" / "r.png").read_bytes() == b"only-static"


def test_site_part_digests_found_in_render_workers_are_kept_for_the_next_build(tmp_path, monkeypatch):
    # Issue 10: pages are keyed in the render workers, whose digests of the site's parts (each
    # section's list of articles: every article digested, ~0.65 s at 10,000 articles) never
    # reached the main process, so the first edit after a build rendered by workers digested
    # every section again; only the edited article's sections need it.
    import pickle

    from helpers import make_site
    from sitegen import loading, pipeline, rendering
    from sitegen.parallel import chunk_ranges
    from sitegen.render_keys import RenderKeys

    def in_workers(work, state, count, jobs, meanwhile=None):  # every chunk on a copy of the state, as a forked worker's
        for chunk in chunk_ranges(count, 2):
            yield chunk, work(pickle.loads(pickle.dumps(state)), chunk)

    files = {f"a{n}.md": article(f"خبر رقم {n}", f"2024-11-{10 + n}T10:00:00+03:00", body=f"نص الخبر {n}.",
                                 slug=f"news-{n}", section=("سياسة", "رياضة", "اقتصاد")[n % 3]) for n in range(9)}
    site = make_site(tmp_path, files, {"paginate": 2})
    with monkeypatch.context() as patched:
        patched.setattr(loading, "iter_chunks", in_workers)
        patched.setattr(rendering, "iter_chunks", in_workers)
        assert pipeline.build(site.options()).exit_code == 0
    digested: list[str] = []
    real = RenderKeys._token_value
    monkeypatch.setattr(RenderKeys, "_token_value", lambda self, token: digested.append(token) or real(self, token))
    target = site.content / "a4.md"  # in رياضة
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    assert pipeline.build(site.options()).exit_code == 0
    # (The front page reads each section's four newest: a token of that slice, the slug last.)
    assert [t.rsplit(":", 1)[1] for t in digested if t.startswith(("term:section:", "term-part:section:"))] == ["رياضة"]
    clean = pipeline.build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")


def test_a_clean_build_digests_its_content_files_where_they_are_loaded(tmp_path, monkeypatch):
    # Issue 10: a clean build read and digested every content file in the main process before
    # the load stage (~0.4 s of one core at 10,000 articles while the other idled); the load
    # workers digest them and hand the digests back, and the next build still finds the site
    # unchanged by them.
    import pickle

    from helpers import make_site
    from sitegen import loading, pipeline, rendering, signatures
    from sitegen.parallel import chunk_ranges

    def in_workers(work, state, count, jobs, meanwhile=None):  # every chunk on a copy of the state, as a forked worker's
        for chunk in chunk_ranges(count, 2):
            yield chunk, work(pickle.loads(pickle.dumps(state)), chunk)

    files = {f"a{n}.md": article(f"خبر رقم {n}", f"2024-11-{10 + n}T10:00:00+03:00", body=f"نص الخبر {n}.",
                                 slug=f"news-{n}") for n in range(6)}
    site = make_site(tmp_path, files)
    in_load, outside = [False], []
    real_chunk, real_open = loading._load_chunk, open

    def load_chunk(job, indices):
        in_load[0] = True
        try:
            return real_chunk(job, indices)
        finally:
            in_load[0] = False

    def spying_open(path, *args, **kwargs):
        if not in_load[0]:
            outside.append(os.path.basename(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(signatures, "open", spying_open, raising=False)
    monkeypatch.setattr(loading, "_load_chunk", load_chunk)
    monkeypatch.setattr(loading, "iter_chunks", in_workers)
    monkeypatch.setattr(rendering, "iter_chunks", in_workers)
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    clean = pipeline.build(site.options(clean=True))
    assert clean.exit_code == 0 and clean.articles == 6
    assert not [name for name in outside if name.endswith(".md")]
    again = pipeline.build(site.options())
    assert again.exit_code == 0 and again.pages_reused == again.files == clean.files  # the unchanged path
    assert not [name for name in outside if name.endswith(".md")]  # their signatures were adopted


def test_a_build_walks_the_content_folder_once(new_site, monkeypatch):
    # Issue 10: the content files, the assets for the build's inputs and the assets to publish
    # were three walks of the content folder (10,000 entries each at 10,000 articles).
    from sitegen import sources

    site = new_site({"a.md": article(), "images/photo.jpg": b"\xff\xd8photo"})
    walked: list[str] = []
    real = os.scandir

    def scandir(path="."):
        if not isinstance(path, int):  # shutil.rmtree scans by file descriptor
            walked.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    built = build_site(site)
    monkeypatch.undo()
    assert built.result.exit_code == 0
    assert walked.count(os.fspath(site.content)) == 1
    assert walked.count(os.fspath(site.content / "images")) == 1
    assert (built.output / "images" / "photo.jpg").read_bytes() == b"\xff\xd8photo"
    assert len(article_pages(built.output)) == 1


def test_a_body_edit_takes_the_last_sitemap_entries_and_a_date_edit_makes_them(tmp_path, monkeypatch):
    # Issue 10: the sitemap's ~10,000 entries were made again at each edit (~90 ms at 10,000 articles).
    files = {f"a{n}.md": article(f"خبر رقم {n}", f"2024-11-{10 + n}T10:00:00+03:00", body=f"نص الخبر {n}.",
                                 slug=f"news-{n}") for n in range(4)}
    site = make_site(tmp_path, files)
    assert build(site.options()).exit_code == 0
    made = []
    real = plan_cache.sitemap_urls
    monkeypatch.setattr(plan_cache, "sitemap_urls", lambda s: made.append(len(s.articles)) or real(s))
    target = site.content / "a2.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert made == []
    target.write_text(target.read_text(encoding="utf-8").replace("2024-11-12T10:00", "2024-11-19T10:00"),
                      encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert made == [4]
    (site.root / ".sitegen-cache" / "value-sitemap").write_bytes(b"damaged")
    target.write_text(target.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", encoding="utf-8")
    assert build(site.options()).exit_code == 0
    assert made == [4, 4]
    clean = build(site.options(clean=True, output=tmp_path / "clean", record_urls=False))
    assert clean.exit_code == 0 and site_files(site.output) == site_files(tmp_path / "clean")


def test_an_empty_content_folder_builds_with_a_warning(new_site):
    # Regression (newcomer attack): an empty content/ replaced a whole site without a word
    site = new_site({"images/only.jpg": b"\xff\xd8photo"})
    built = build_site(site)
    assert built.result.exit_code == 0
    found = [d for d in built.diagnostics if d.code == "no-articles"]
    assert [d.path for d in found] == [str(site.content)] and not found[0].is_error
    one = build_site(new_site({"a.md": article()}))
    assert not [d for d in one.diagnostics if d.code == "no-articles"]


@contextmanager
def holding_cache(cache: Path):
    """Hold the lock of the build cache ``cache`` as a build using it does
    (:class:`sitegen.output_lock.CacheLock`: ``flock`` on the folder the cache is in)."""
    fd = os.open(cache.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


LOCKED_FILES = {"a.md": article("افتتاح سوق المزارعين الأسبوعي", "2024-11-20T09:00:00+03:00"),
                "b.md": article("تمديد ساعات عمل المكتبة العامة", "2024-11-21T09:00:00+03:00")}


@pytest.mark.parametrize("output, clean", [("public", True), ("public", False), ("public2", True), ("public2", False)])
def test_newcomer_two_clean_builds_at_once_wiped_the_shared_cache(new_site, output, clean):
    """newcomer: two --clean builds at once wiped the shared cache. The cache beside the output
    is shared by every output folder in that parent; a --clean build emptied it before taking
    any lock, under a build still using it (``cache-corrupt``, a bare ``write-failed``). A
    build now holds the cache's lock from before it reads the cache to its end: a second build
    — into the same output or another one beside it, clean or not — exits 2 and touches nothing."""
    site = new_site(LOCKED_FILES)
    assert build_site(site).result.exit_code == 0
    cache = cache_folder(site.output)
    cache_before, site_before = fingerprint(cache), snapshot(site.output)
    assert cache_before
    with holding_cache(cache):  # the first build, still using the cache
        built = build_site(site, output=site.root / output, clean=clean)
    assert built.result.exit_code == 2
    (locked,) = [d for d in built.diagnostics if d.code == "cache-locked"]
    assert locked.is_error and locked.path == str(cache)
    assert locked.message == (f"another sitegen build is using the build cache {cache} "
                              "(a build into this output folder or another one beside it); nothing written")
    assert locked.hint == "wait for that build to end (or stop it), then build again"
    assert fingerprint(cache) == cache_before  # not emptied, not written
    assert snapshot(site.output) == site_before
    assert not (site.root / "public2").exists()


def test_a_build_after_the_one_holding_the_cache_ended_proceeds(new_site):
    site = new_site(LOCKED_FILES)
    assert build_site(site).result.exit_code == 0
    with holding_cache(cache_folder(site.output)):
        assert build_site(site, clean=True).result.exit_code == 2
    (site.content / "c.md").write_text(article("خبر ثالث عن حديقة الحي", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    built = build_site(site)  # the lock ended with its holder
    assert built.result.exit_code == 0, built.codes()
    assert "cache-locked" not in built.codes()
    assert built.result.cached == 2 and len(article_pages(site.output)) == 3  # the cache was kept and used
    again = build_site(site, output=site.root / "public2", clean=True)
    assert again.result.exit_code == 0, again.codes()
    assert len(article_pages(site.root / "public2")) == 3


def test_check_takes_no_cache_lock(new_site):
    site = new_site(LOCKED_FILES)
    site.output.parent.mkdir(parents=True, exist_ok=True)
    with holding_cache(cache_folder(site.output)):  # a build is running: `check` writes nothing, so it runs
        assert build_site(site, write=False).result.exit_code == 0


def test_the_cache_lock_of_a_killed_build_does_not_block_the_next(new_site):
    site = new_site(LOCKED_FILES)
    holder = ("import os, sys\nfrom pathlib import Path\nfrom sitegen.output_lock import CacheLock\n"
              "CacheLock(Path(sys.argv[1])).__enter__()\nos._exit(9)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    died = subprocess.run([sys.executable, "-c", holder, str(cache_folder(site.output))], env=env, capture_output=True)
    assert died.returncode == 9, died.stderr.decode()  # ended holding it
    assert build_site(site, clean=True).result.exit_code == 0


def test_a_static_file_at_a_pages_path_is_not_published_and_the_site_is_built(new_site):
    """Newcomer check: static/index.html (or a file at an article page's path) stopped the whole
    site with «index.html: error url-collision: two pages write this file», naming neither file."""
    site = new_site({"a.md": article("خبر عن الصورة", "2024-11-21T10:00:00+03:00")},
                    static={"index.html": b"<p>static</p>", "robots-note.txt": b"kept"})
    built = build_site(site)
    assert built.result.exit_code == 0
    (clash,) = [d for d in built.diagnostics if d.code == "page-over-file"]
    assert clash.path == str(site.root / "static" / "index.html")
    assert "at /index.html" in clash.message and "that page is published and this file is not" in clash.message
    assert b"<p>static</p>" not in (site.output / "index.html").read_bytes()
    assert (site.output / "robots-note.txt").read_bytes() == b"kept"


def test_a_static_file_where_the_site_writes_a_folder_is_not_published_and_the_site_is_built(new_site):
    """Regression (issue 10 review, "left alone" until now): a file static/tags stopped every build
    from the second on («.public.sitegen-new-…/tags: error write-failed: Is a directory», naming the
    staging folder), a file static/search/pagefind stopped every build («a file or link in the
    staging folder blocks this folder»), and static/search/text/x.gz or static/search/pagefind/x.css
    were dropped without a word."""
    site = new_site({"a.md": article("خبر عن الصورة", "2024-11-21T10:00:00+03:00", tags=["اقتصاد"])},
                    static={"tags": b"a file", "search/text/x.gz": b"x", "search/pagefind/own.css": b"c",
                            "index.html/inner.txt": b"i", "css/own.css": b"kept"})
    for _ in range(3):  # the second and third start from the spare tree, where tags/ is a folder
        built = build_site(site)
        assert built.result.exit_code == 0, built.diagnostics
        clashes = {d.path: d.message for d in built.diagnostics if d.code == "page-over-file"}
        assert set(clashes) == {str(site.root / "static" / name)
                                for name in ("tags", "search/text/x.gz", "search/pagefind/own.css", "index.html/inner.txt")}
        assert "in the folder /tags/" in clashes[str(site.root / "static" / "tags")]
        assert "search index in search/text/" in clashes[str(site.root / "static" / "search/text/x.gz")]
        assert (site.output / "tags").is_dir() and (site.output / "index.html").is_file()
        assert (site.output / "css" / "own.css").read_bytes() == b"kept"
        assert not (site.output / "search" / "pagefind" / "own.css").exists()


def test_a_static_file_where_the_theme_or_the_content_publishes_a_folder_is_left_out(new_site):
    """Regression (a fresh helper's review, 2026-12-05): static/css (a file where the theme's
    css/ files go), static/favicon.svg/x (below the theme's file), static/img (a file where the
    content's img/a.pdf goes) and static/img2/a.pdf/b (below a content file) stopped every
    build, clean ones too, naming the staging folder («write-failed: Is a directory»)."""
    site = new_site({"a.md": article("خبر عن الصورة", "2024-11-21T10:00:00+03:00"), "img/a.pdf": b"%PDF a",
                     "img2/a.pdf": b"%PDF b"},
                    static={"css": b"x", "favicon.svg/x": b"x", "img": b"x", "img2/a.pdf/b": b"x", "own.txt": b"kept"})
    for clean in (True, False, False):
        built = build_site(site, clean=clean)
        assert built.result.exit_code == 0, built.diagnostics
        clashes = sorted(d.path for d in built.diagnostics if d.code == "page-over-file")
        assert clashes == sorted(str(site.root / "static" / name) for name in ("css", "favicon.svg/x", "img", "img2/a.pdf/b"))
        assert (site.output / "css").is_dir() and (site.output / "favicon.svg").is_file()
        assert (site.output / "img" / "a.pdf").read_bytes() == b"%PDF a"
        assert (site.output / "img2" / "a.pdf").read_bytes() == b"%PDF b"
        assert (site.output / "own.txt").read_bytes() == b"kept"


def test_a_content_option_naming_a_file_says_it_is_a_file(new_site):
    # newcomer check: `--content site.yaml` said «content folder not found» of a path that exists
    site = new_site({"a.md": article("خبر", "2024-11-21T10:00:00+03:00")})
    built = build_site(site, content=site.config)
    (diagnostic,) = [d for d in built.diagnostics if d.code == "content-dir"]
    assert diagnostic.message == "is a file, not the content folder"
    missing = build_site(site, content=site.root / "nowhere")
    (diagnostic,) = [d for d in missing.diagnostics if d.code == "content-dir"]
    assert diagnostic.message == "content folder not found"


def test_an_edit_build_enters_its_staging_folder_apart_before_loading_and_a_later_error_leaves_the_output_whole(
        new_site, monkeypatch, tmp_path, forks_allowed):
    # Issue 10: an edit's build (a last output to match, two jobs) locks the output and enters
    # its staging folder before the articles are loaded, the walks of entering made in a forked
    # process meanwhile. The staging folder is there while the articles load; an error after
    # that (in the plan here) leaves the output as it was, no staging folder beside it, the
    # output unlocked; the next build matches a clean one.
    from helpers import staging_leftovers
    from sitegen import loading, pipeline, writer
    from sitegen import plan as planning
    from sitegen.errors import Diagnostic, SitegenError

    files = {f"a{i}.md": article(f"خبر رقم {i} عن المدينة", f"2024-11-{1 + i:02d}T10:00:00+03:00") for i in range(6)}
    site = new_site(files)
    for _ in range(2):  # the second build keeps the first site as the spare tree
        assert build_site(site, jobs=2).result.exit_code == 0
    (site.output / "CNAME").write_text("news.example.org\n", encoding="utf-8")
    before = snapshot(site.output)
    pids = tmp_path / "pids"
    real_walks, real_load, real_plan = writer._look_and_carry, loading.load_all, planning.with_feeds_and_crawlers

    def noted(*args):
        with open(pids, "a", encoding="ascii") as file:
            file.write(f"{os.getpid()}\n")
        return real_walks(*args)

    staging_while_loading = []

    def load_all(*args, **kwargs):
        staging_while_loading.append(staging_leftovers(site.output))
        return real_load(*args, **kwargs)

    def plan(*args, **kwargs):
        # Once the walks have begun: a still-working process is killed when the build fails
        # (sitegen.apart.Apart.close), and a quick failure would find none to count.
        deadline = time.monotonic() + 30
        while not (pids.exists() and pids.read_text(encoding="ascii").endswith("\n")) and time.monotonic() < deadline:
            time.sleep(0.01)
        raise SitegenError(Diagnostic(path="plan", code="test-failure", message="a stage failed"))

    monkeypatch.setattr(writer, "_look_and_carry", noted)
    monkeypatch.setattr(loading, "load_all", load_all)
    monkeypatch.setattr(planning, "with_feeds_and_crawlers", plan)
    edited = site.content / "a3.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    failed = build_site(site, jobs=2)
    assert failed.result.exit_code == pipeline.EXIT_NOTHING_WRITTEN and "test-failure" in failed.codes()
    assert len(staging_while_loading) == 1 and len(staging_while_loading[0]) == 1
    walked_in = [int(pid) for pid in pids.read_text(encoding="ascii").split()]
    assert len(walked_in) == 1 and walked_in[0] != os.getpid()
    assert snapshot(site.output) == before and staging_leftovers(site.output) == []
    monkeypatch.setattr(planning, "with_feeds_and_crawlers", real_plan)
    again = build_site(site, jobs=2)
    assert again.result.exit_code == 0 and staging_leftovers(site.output) == []
    assert (site.output / "CNAME").read_text(encoding="utf-8") == "news.example.org\n"
    clean = build_site(site, jobs=1, clean=True, output=tmp_path / "clean", record_urls=False)
    (clean.output / "CNAME").write_text("news.example.org\n", encoding="utf-8")
    assert site_files(site.output) == site_files(clean.output)


def test_a_build_whose_forks_are_refused_is_made_in_its_own_process_alike(new_site, monkeypatch, tmp_path,
                                                                       forks_allowed):
    # A system refusing new processes (the process limit, memory: fork fails with EAGAIN)
    # stopped the build with "write-failed: Resource temporarily unavailable" when the render
    # pool or the search process was forked (a fresh helper's review, 2026-12-05). The pool's
    # chunks are then done in the build's process, the search index on a thread, entering's
    # walks here: the same site as with forks.
    import multiprocessing.context

    from sitegen import parallel

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # a pool even for a small site
    files = {f"a{i:02d}.md": article(f"خبر رقم {i} عن المدينة", f"2024-11-{1 + i % 20:02d}T10:00:00+03:00",
                                     tags=[f"وسم {i % 3}"]) for i in range(12)}
    site = new_site(files)
    reference = build_site(site, jobs=2, output=tmp_path / "reference")
    real_start, refused_forks = multiprocessing.context.ForkProcess.start, []

    def refused(self):
        refused_forks.append(self.name)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refused)
    first = build_site(site, jobs=2)
    assert first.result.exit_code == 0, first.codes()
    assert site_files(first.output) == site_files(reference.output)
    edited = site.content / "a03.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    again = build_site(site, jobs=2)  # an edit's build: entering's walks refused their process too
    assert again.result.exit_code == 0, again.codes()
    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", real_start)
    clean = build_site(site, jobs=2, clean=True, output=tmp_path / "clean", record_urls=False)
    assert site_files(again.output) == site_files(clean.output)
    assert "sitegen-search" in refused_forks and any(name.startswith("ForkPoolWorker") for name in refused_forks)
    assert "sitegen-apart-_look_and_carry" in refused_forks  # entering's walks (the edit's build)


#: Four articles with a body of their own each (equal bodies are stored once).
OWN_BODIES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                                  body=f"افتتحت البلدية المكتبة رقم {i} في وسط المدينة.") for i in range(4)}


def _as_stored(text: str) -> bytes:
    """``text`` as a body pack holds it (sitegen.model.Body.encode: UTF-16-LE)."""
    return text.encode("utf-16-le")


def test_a_body_damaged_in_place_is_discarded_and_its_article_loaded_again_in_the_same_build(new_site, tmp_path,
                                                                                               monkeypatch):
    # Reproduction: /tmp/attack-inc/bug-body-corrupt.sh: a body pack with the right size but
    # other bytes, found where a page reads it, failed the build (exit 2, nothing written).
    from sitegen import loading, model
    from sitegen.cache import BODIES_DIR

    site = new_site(OWN_BODIES)
    build_site(site)
    edited = OWN_BODIES["a1.md"] + "\nفقرة ثانية.\n"
    (site.content / "a1.md").write_text(edited, encoding="utf-8")  # a0's page is rendered again too (newer/older)
    packs = sorted(p for p in (cache_folder(site.output) / BODIES_DIR).rglob("*") if p.is_file())
    for pack in packs:
        data = pack.read_bytes()
        pack.write_bytes(data.replace(_as_stored("المدينة"), _as_stored("المدينه")))
    model._recent.clear()  # bodies this process read lately are not read again
    loads: list[str] = []
    real_load = loading.load_article
    monkeypatch.setattr(loading, "load_article", lambda path, *rest: (loads.append(path.name), real_load(path, *rest))[1])
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [(d.code, d.is_error) for d in built.diagnostics] == [("cache-corrupt", False)]
    # a1 (edited) in the first attempt, then every article again from its file in the second.
    assert sorted(loads) == ["a0.md", "a1.md", "a1.md", "a2.md", "a3.md"]
    reference = make_site(tmp_path, {**OWN_BODIES, "a1.md": edited}, name="reference")
    build_site(reference, clean=True)
    assert site_files(site.output) == site_files(reference.output)
    loads.clear()
    (site.content / "a2.md").write_text(OWN_BODIES["a2.md"] + "\nفقرة ثالثة.\n", encoding="utf-8")
    again = build_site(site)
    assert again.result.exit_code == 0 and again.diagnostics == [] and loads == ["a2.md"]


def test_a_body_damaged_in_place_keeps_the_warnings_of_damage_the_first_attempt_mended(new_site, tmp_path):
    # A fresh helper's attack (2026-12-05, /tmp/attack2/bug_retry_loses_warnings.py): the first
    # attempt removed a link at a cache file (cache-corrupt) before it met the damaged body;
    # the second met that damage no more, and only its own report was printed.
    from sitegen import model
    from sitegen.cache import BODIES_DIR

    site = new_site(OWN_BODIES)
    build_site(site)
    (site.content / "a1.md").write_text(OWN_BODIES["a1.md"] + "\nفقرة ثانية.\n", encoding="utf-8")
    cache = cache_folder(site.output)
    for pack in (p for p in (cache / BODIES_DIR).rglob("*") if p.is_file()):
        pack.write_bytes(pack.read_bytes().replace(_as_stored("المدينة"), _as_stored("المدينه")))
    linked = next(p for p in cache.iterdir() if p.name.startswith("value-"))
    outside = tmp_path / "outside"
    outside.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(outside)
    model._recent.clear()
    built = build_site(site)
    assert built.result.exit_code == 0
    warned = [(d.code, d.is_error, d.path) for d in built.diagnostics]
    assert len(warned) == 2 and all(code == "cache-corrupt" and not error for code, error, _ in warned), warned
    assert warned[1][2] == str(linked)  # the link, removed by the first attempt, is still told
    assert not linked.is_symlink() and outside.read_bytes() != b""


def test_a_body_damaged_again_after_loading_every_article_anew_stops_the_build(new_site, monkeypatch):
    # The build is made again once only: a body unreadable even then writes nothing (exit 2).
    from sitegen import loading, model

    site = new_site(OWN_BODIES)
    build_site(site)
    before = snapshot(site.output)
    (site.content / "a1.md").write_text(OWN_BODIES["a1.md"] + "\nفقرة ثانية.\n", encoding="utf-8")
    attempts = []
    real_load_all = loading.load_all
    monkeypatch.setattr(loading, "load_all", lambda *args, **kwargs: (attempts.append(1), real_load_all(*args, **kwargs))[1])

    def unreadable(body):
        raise model.BodyUnreadable(f"article body {body.digest} is damaged")

    monkeypatch.setattr(model, "_read_body", unreadable)
    model._recent.clear()
    failed = build_site(site, jobs=1)
    assert failed.result.exit_code == 2
    assert [(d.code, d.is_error) for d in failed.diagnostics] == [("cache-corrupt", False), ("cache-corrupt", True)]
    assert len(attempts) == 2
    assert snapshot(site.output) == before


@pytest.mark.parametrize("saver", ["snapshot", "manifest"])
def test_a_cache_save_failing_after_the_swap_is_a_warning_not_nothing_written(new_site, monkeypatch, saver):
    # /tmp/attack-inc/bug-cache-entry-dir.sh: the snapshot's save failed after the new site was
    # in place, and the build said exit 2 "write-failed ... the previous output is untouched".
    import errno

    from sitegen import unchanged
    from sitegen.cache import BuildCache

    site = new_site({"a.md": article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00")})
    assert build_site(site).result.exit_code == 0
    (site.content / "a.md").write_text(article("خبر عن افتتاح مكتبة", "2024-11-10T10:00:00+03:00",
                                               body="نص جديد بعد التعديل."), encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(*((unchanged, "save") if saver == "snapshot" else (BuildCache, "save_manifest")), full_disk)
    built = build_site(site)
    cache = cache_folder(site.output)
    expected = (unchanged.snapshot_path(cache, site.output) if saver == "snapshot"
                else BuildCache(cache, "").manifest_path(site.output))
    assert built.result.exit_code == 0
    assert [(d.code, d.path) for d in built.diagnostics] == [("cache-write-failed", str(expected))]
    assert "No space left on device" in built.diagnostics[0].message
    assert "نص جديد بعد التعديل" in "".join(p.read_text(encoding="utf-8") for p in article_pages(site.output))


def test_the_look_at_the_last_index_starts_before_the_content_is_walked(new_site, monkeypatch):
    # It needs nothing of the build (sitegen.index_check.start_index_check): forked before the walk
    # of the content, it took ~100 ms of lstat calls out of the staging folder's walks at
    # 10,000 articles.
    from sitegen import pipeline

    site = new_site({"a.md": article()})
    build_site(site, jobs=2)
    order = []
    real_start, real_walk = pipeline.start_index_check, pipeline.sources_and_assets
    monkeypatch.setattr(pipeline, "start_index_check", lambda *a, **k: order.append("index check") or real_start(*a, **k))
    monkeypatch.setattr(pipeline, "sources_and_assets", lambda *a, **k: order.append("walk") or real_walk(*a, **k))
    edited = site.content / "a.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة مضافة.\n", encoding="utf-8")
    assert build_site(site, jobs=2).result.exit_code == 0
    assert order == ["index check", "walk"]



def test_an_edited_site_template_is_kept_compiled_anew(new_site, monkeypatch):
    # /tmp/attack44b/r3-edited-template-never-rekept.sh: the compiled templates were kept again
    # only when their names changed; an edited template's new code never was, and every later
    # build compiled it again.
    import jinja2

    from helpers import REPO
    from sitegen import render

    files = {f"a{i}.md": article(f"خبر رقم {i}", f"2024-11-1{i}T10:00:00+03:00") for i in range(3)}
    site = new_site(files)
    templates = site.root / "templates"
    templates.mkdir()
    theme_article = (REPO / "templates" / "article.html").read_text(encoding="utf-8")
    (templates / "article.html").write_text(theme_article + "{# v1 #}", encoding="utf-8")
    build_site(site)
    (templates / "article.html").write_text(theme_article + "{# v2 #}", encoding="utf-8")
    monkeypatch.setattr(render._COMPILED, "_code", {})  # a new process
    assert build_site(site).result.exit_code == 0
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setattr(render._COMPILED, "_code", {})
    (site.content / "a1.md").write_text(files["a1.md"] + "\nفقرة أخرى.\n", encoding="utf-8")
    assert build_site(site).result.exit_code == 0
    assert compiled == []  # the edited article page's templates, article.html's v2 too, from the cache


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_edit_loads_with_the_keys_its_inputs_digest_made(new_site, monkeypatch, jobs):
    # Issue 10: the content files' keys are made where the inputs are digested (a forked child
    # with two jobs) and handed to the load stage, which takes every unedited article from the
    # cache under them; a raw dump's key (which holds the site chrome) is the load stage's own.
    from sitegen import loading
    from sitegen.cache import ContentKeys

    files = {**OWN_BODIES, "dump.TXT": "موقع الأخبار\nافتتاح مكتبة جديدة في المدينة\nافتتحت البلدية مكتبة جديدة.\n"}
    site = new_site(files)
    given = []
    real_load_all = loading.load_all
    monkeypatch.setattr(loading, "load_all",
                        lambda *args, **kwargs: (given.append(kwargs.get("given")), real_load_all(*args, **kwargs))[1])
    build_site(site, jobs=jobs)
    (site.content / "a1.md").write_text(OWN_BODIES["a1.md"] + "\nفقرة ثانية.\n", encoding="utf-8")
    edited = build_site(site, jobs=jobs)
    assert len(given) == 2 and isinstance(given[1], ContentKeys) and len(given[1].keys) == len(files)
    raw = sorted(files).index("dump.TXT")
    assert given[1].raw == (raw,) and [i for i, key in enumerate(given[1].keys) if key is None] == [raw]
    assert edited.result.cached == len(files) - 1
