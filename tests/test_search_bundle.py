"""sitegen.search_bundle: a Pagefind bundle's files written whole, a main bundle's parts, and
the url read back from a page fragment."""

from __future__ import annotations

import base64
import gzip
import json

import pytest

from sitegen import search_bundle
from sitegen.search_bundle import write_bundle


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
