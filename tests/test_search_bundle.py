"""sitegen.search_bundle: a Pagefind bundle's files written whole, a main bundle's parts, and
the url read back from a page fragment."""

from __future__ import annotations

import base64
import gzip
import json

import pytest

from sitegen import search_bundle
from sitegen.search_bundle import fragment_url, read_pages, write_bundle
from sitegen.search_entries import Entry
from sitegen.search_pagefind import pagefind_executable


def test_write_bundle_writes_every_file_whole_but_not_pagefinds_own_interfaces(tmp_path):
    # Regression: Pagefind's WriteFiles answered before its last writes, and ending the
    # process then left empty index files (seen under load); the files now come back in the
    # answer to GetFiles and are written here.
    encoded = lambda data: base64.b64encode(data).decode("ascii")  # noqa: E731
    fragments = write_bundle([{"path": "fragment/ar_1.pf_fragment", "content": encoded(b"\x1f\x8bdata")},
                              {"path": "pagefind-ui.js", "content": encoded(b"ui")},
                              {"path": "pagefind.js", "content": encoded(b"export {}")}], tmp_path)
    assert fragments == {"ar_1": b"\x1f\x8bdata"}  # each page's fragment, decoded once for the page map
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "fragment/ar_1.pf_fragment", "pagefind.js"]
    assert (tmp_path / "fragment/ar_1.pf_fragment").read_bytes() == b"\x1f\x8bdata"


@pytest.mark.parametrize("path", ["../escape.js", "/etc/passwd", "fragment/../../x", "", "fragment//x", "./x"])
def test_write_bundle_refuses_a_path_outside_the_bundle(tmp_path, path):
    with pytest.raises(ValueError):
        write_bundle([{"path": path, "content": ""}], tmp_path / "bundle")
    assert not any(tmp_path.rglob("*"))


@pytest.mark.parametrize("records, sizes", [(0, []), (1, [1]), (4, [4]), (5, [3, 2]), (12, [4, 4, 4]), (13, [4, 3, 3, 3])])
def test_part_sizes_keep_each_part_within_the_limit_and_even(monkeypatch, records, sizes):
    monkeypatch.setattr(search_bundle, "PART_PAGES", 4)
    assert search_bundle.part_sizes(records) == sizes


@pytest.mark.parametrize("url", ["/a/#date=x", "/ملفات/خبر/", "/" + "ب" * 3000 + "/"])
def test_fragment_url_reads_the_url_of_a_pagefind_fragment(url):
    data = b"pagefind_dcd" + json.dumps({"url": url, "content": "x " * 5000}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert search_bundle.fragment_url(gzip.compress(data)) == url


def test_fragment_url_refuses_other_files():
    with pytest.raises(ValueError):
        search_bundle.fragment_url(gzip.compress(b'{"url": "/a/"}'))


def _entry(i: int) -> tuple[Entry, str]:
    record = {"url": f"/news/{i}/#title=t{i}&text=x{i}.gz", "content": f"word{i}_ common_", "language": "und", "meta": {}}
    return Entry(record, b"", f"x{i}.gz"), f"digest{i}"


def _clashing_pagefind(monkeypatch, clash) -> None:
    """Index in parts of two records, ``clash(pages, url_of, first)`` changing the page ids of
    each later part's run as Pagefind's names may by chance (``url_of``: each record digest's
    URL in that run, ``first``: the first part's pages)."""
    monkeypatch.setattr(search_bundle, "PART_PAGES", 2)
    finish, first_part = search_bundle._BundleRun.finish, {}

    def clashing_finish(run, folder, engine):
        pages = finish(run, folder, engine)
        if not first_part:
            first_part.update(pages)
        else:
            clash(pages, {digest: url for url, digest in run.by_url.items()}, first_part)
        return pages

    monkeypatch.setattr(search_bundle._BundleRun, "finish", clashing_finish)


def _clash_once_or_always(monkeypatch, always: bool) -> None:
    """The second part's page of ``digest2`` takes the first part's first page id: in its first
    run only, or in every run (``always``)."""
    def clash(pages, url_of, first):
        if "digest2" in pages and (always or "&n=" not in url_of["digest2"]):
            pages["digest2"] = first["digest0"]

    _clashing_pagefind(monkeypatch, clash)


def test_a_part_whose_page_ids_clash_with_an_earlier_parts_is_made_again_under_other_urls(tmp_path, monkeypatch):
    # regression (bench at 100,000 articles, 2026-12-05): Pagefind names a page by 28 bits of a
    # hash, unique only within its own run; two of 40 parts made one name and the build dropped
    # the whole search index (at 10,000 articles in 4 parts, about one site in eight)
    _clash_once_or_always(monkeypatch, always=False)
    bundle = tmp_path / "pagefind"
    pages = search_bundle.index_parts(map(_entry, range(4)), 4, bundle, pagefind_executable(), "test")
    assert sorted(pages) == ["digest0", "digest1", "digest2", "digest3"]  # the records' own digests
    assert len(set(pages.values())) == 4
    part = bundle / "part1" / "fragment"
    assert sorted(p.name for p in part.iterdir()) == sorted(f"{pages[d]}.pf_fragment" for d in ("digest2", "digest3"))
    assert fragment_url((part / f"{pages['digest2']}.pf_fragment").read_bytes()) == "/news/2/#title=t2&text=x2.gz&n=1"
    assert fragment_url((part / f"{pages['digest3']}.pf_fragment").read_bytes()) == "/news/3/#title=t3&text=x3.gz"
    assert read_pages(bundle, "test") == pages


def test_a_part_that_clashes_after_every_try_fails_the_index(tmp_path, monkeypatch):
    _clash_once_or_always(monkeypatch, always=True)
    with pytest.raises(ValueError, match="same id"):
        search_bundle.index_parts(map(_entry, range(4)), 4, tmp_path / "pagefind", pagefind_executable(), "test")


def test_a_record_renamed_for_one_clash_keeps_its_name_when_another_record_clashes(tmp_path, monkeypatch):
    # found by an adversarial review (2026-12-05): each retry renamed only its own round's
    # clashing records, so a record renamed before clashed again and the index failed
    def clash(pages, url_of, first):
        if "&n=" not in url_of["digest2"]:
            pages["digest2"] = first["digest0"]
        elif "&n=" not in url_of["digest3"]:
            pages["digest3"] = first["digest1"]  # the renamed record's new name meets another clash

    _clashing_pagefind(monkeypatch, clash)
    bundle = tmp_path / "pagefind"
    pages = search_bundle.index_parts(map(_entry, range(4)), 4, bundle, pagefind_executable(), "test")
    assert len(set(pages.values())) == 4
    part = bundle / "part1" / "fragment"
    assert fragment_url((part / f"{pages['digest2']}.pf_fragment").read_bytes()).endswith("&n=1")
    assert fragment_url((part / f"{pages['digest3']}.pf_fragment").read_bytes()).endswith("&n=2")
