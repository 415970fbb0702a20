"""The build cache (:mod:`sitegen.cache`): unchanged articles are not parsed again, unchanged
files are not written again, and a damaged or foreign cache is never trusted."""

from __future__ import annotations

import os

from helpers import article, build_site, snapshot
from sitegen import pipeline
from sitegen.cache import CACHE_DIR, STAMP, BuildCache

FILES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                             tags=["ثقافة"], section="محليات") for i in range(4)}


def count_loads(monkeypatch) -> list[str]:
    """Record every content file the loader really parses."""
    loaded: list[str] = []
    real = pipeline.load_article

    def spy(path, source, config, *rest):
        loaded.append(path.name)
        return real(path, source, config, *rest)

    monkeypatch.setattr(pipeline, "load_article", spy)
    return loaded


def test_a_rebuild_parses_only_changed_files_and_writes_only_changed_bytes(new_site, monkeypatch):
    site = new_site(FILES)
    loads = count_loads(monkeypatch)
    first = build_site(site)
    assert first.result.exit_code == 0 and first.result.cached == 0
    assert sorted(loads) == ["a0.md", "a1.md", "a2.md", "a3.md"]
    assert (site.root / CACHE_DIR / "STAMP").read_text(encoding="utf-8") == STAMP
    inodes = {p: os.lstat(site.output / p).st_ino for p in snapshot(site.output)}

    loads.clear()
    edited = FILES["a1.md"] + "\nفقرة ثانية أضيفت إلى الخبر بعد نشره.\n"  # the summary is the first paragraph
    (site.content / "a1.md").write_text(edited, encoding="utf-8")
    second = build_site(site)
    assert loads == ["a1.md"] and second.result.cached == 3
    after = {p: os.lstat(site.output / p).st_ino for p in snapshot(site.output)}
    pages = [p for p in after if p.endswith((".html", ".xml"))]  # static files are copied every time
    assert len(pages) > 15
    rewritten = sorted(p for p in pages if after[p] != inodes.get(p))
    assert rewritten == ["2024/11/11/خبر-رقم-1-عن-افتتاح-مكتبة/index.html"]
    assert "فقرة ثانية" in (site.output / rewritten[0]).read_text(encoding="utf-8")


def test_clean_ignores_the_cache_and_output_is_the_same(new_site, monkeypatch, tmp_path):
    site = new_site(FILES)
    build_site(site)
    loads = count_loads(monkeypatch)
    cached = build_site(site)
    assert loads == [] and cached.result.cached == 4
    clean = build_site(site, clean=True, output=tmp_path / "clean")
    assert sorted(loads) == ["a0.md", "a1.md", "a2.md", "a3.md"] and clean.result.cached == 0
    assert snapshot(site.output) == snapshot(tmp_path / "clean")


def test_a_damaged_entry_is_discarded_with_a_warning(new_site, monkeypatch):
    site = new_site(FILES)
    build_site(site)
    entries = sorted((site.root / CACHE_DIR / "articles").rglob("*"))
    victim = next(p for p in entries if p.is_file())
    victim.write_bytes(b"not a pickle")
    for snapshot_file in (site.root / CACHE_DIR).glob("unchanged-*"):
        snapshot_file.unlink()  # past the nothing-changed fast path, which would read no entry
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert built.result.exit_code == 0 and len(loads) == 1
    assert [d.code for d in built.diagnostics] == ["cache-corrupt"]
    assert victim.read_bytes() != b"not a pickle"  # stored afresh


def test_a_folder_that_is_not_a_sitegen_cache_is_left_alone(new_site):
    site = new_site(FILES)
    foreign = site.root / CACHE_DIR
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [d.code for d in built.diagnostics] == ["cache-foreign"]
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


def test_a_cache_of_another_layout_is_discarded(new_site, monkeypatch):
    site = new_site(FILES)
    build_site(site)
    (site.root / CACHE_DIR / "STAMP").write_text("sitegen-cache 0\n", encoding="utf-8")
    loads = count_loads(monkeypatch)
    built = build_site(site)
    assert [d.code for d in built.diagnostics] == ["cache-discarded"] and len(loads) == 4


def test_an_output_file_changed_by_hand_is_written_again(new_site):
    site = new_site(FILES)
    build_site(site)
    page = site.output / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    build_site(site)
    assert page.read_bytes() == original


def test_keys_depend_on_path_bytes_and_salt(tmp_path):
    cache, warnings = BuildCache.open(tmp_path / CACHE_DIR, "salt-1", clean=False)
    assert warnings == []
    key = cache.article_key("content/a.md", b"body")
    assert len({key, cache.article_key("content/b.md", b"body"), cache.article_key("content/a.md", b"body!"),
                BuildCache(tmp_path / CACHE_DIR, "salt-2").article_key("content/a.md", b"body")}) == 4
    cache.put(key, {"x": 1})
    assert cache.get(key) == {"x": 1}
    cache.prune(used=set())
    assert cache.get(key) is None
