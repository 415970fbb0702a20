"""The URL history stage (:mod:`sitegen.url_history`): the URL ledger read once a build, when
the build has a moment for it, and brought up to date with the build's URLs."""

from __future__ import annotations

import time
from urllib.parse import unquote

import pytest

from helpers import article, build_site

from sitegen import ledger, loading, nothing_changed
from sitegen.ledger import LastLedger

FILES = {f"a{i}.md": article(f"خبر رقم {i} عن افتتاح مكتبة", f"2024-11-{10 + i}T10:00:00+03:00",
                             section="محليات") for i in range(3)}


@pytest.fixture
def slow_inputs(monkeypatch):
    """The inputs' digest, made in a forked child, takes half a second longer."""
    real = nothing_changed._inputs_learnt
    monkeypatch.setattr(nothing_changed, "_inputs_learnt", lambda *args: time.sleep(0.5) or real(*args))


@pytest.fixture
def events(monkeypatch) -> list[str]:
    """``"ledger"`` per read of a URL ledger, ``"load"`` per start of the load stage."""
    seen: list[str] = []
    read, load_all = ledger.read_with_text, loading.load_all
    monkeypatch.setattr(ledger, "read_with_text", lambda path: seen.append("ledger") or read(path))
    monkeypatch.setattr(loading, "load_all", lambda *args, **kwargs: seen.append("load") or load_all(*args, **kwargs))
    return seen


def test_an_edit_reads_the_ledger_once_while_its_inputs_are_digested(new_site, forks_allowed, slow_inputs, events):
    # Issue 10: the main process waited ~25 ms for the inputs' digest at 10,000 articles, then
    # read the ledger (~20 ms) in the redirect stage; it reads it in the wait now, and only then.
    site = new_site(FILES)
    build_site(site, jobs=2)
    old_url = "/2024/11/10/خبر-رقم-0-عن-افتتاح-مكتبة/"
    assert (site.output / old_url.strip("/") / "index.html").is_file()
    (site.content / "a0.md").write_text(article("عنوان جديد للخبر", "2024-11-10T10:00:00+03:00", section="محليات"),
                                        encoding="utf-8")
    events.clear()
    built = build_site(site, jobs=2)
    assert built.result.exit_code == 0 and events == ["ledger", "load"]
    # The ledger read ahead is the one the redirects are made from, and the one written after.
    redirect = unquote((site.output / old_url.strip("/") / "index.html").read_text(encoding="utf-8"))
    assert 'url=/2024/11/10/عنوان-جديد-للخبر/"' in redirect
    assert set(ledger.read(site.root / ledger.LEDGER_NAME)["a0.md"].urls) == {old_url, "/2024/11/10/عنوان-جديد-للخبر/"}


def test_a_broken_ledger_read_ahead_stops_the_build_at_the_redirect_stage(new_site, forks_allowed, slow_inputs, events):
    site = new_site(FILES)
    build_site(site, jobs=2)
    (site.root / ledger.LEDGER_NAME).write_text("<<<<<<< HEAD\n", encoding="utf-8")
    (site.content / "a1.md").write_text(FILES["a1.md"] + "\nفقرة مضافة.\n", encoding="utf-8")
    events.clear()
    built = build_site(site, jobs=2)
    assert events == ["ledger", "load"]  # read once, in the wait; reported where it is needed
    assert built.codes() == ["url-ledger"] and built.diagnostics[0].path == str(site.root / ledger.LEDGER_NAME)
    assert "خبر رقم 1" in (site.output / "2024/11/11/خبر-رقم-1-عن-افتتاح-مكتبة/index.html").read_text(encoding="utf-8")
    assert "فقرة مضافة" not in (site.output / "2024/11/11/خبر-رقم-1-عن-افتتاح-مكتبة/index.html").read_text(encoding="utf-8")


def test_a_last_ledger_is_read_once_and_gives_its_reading(tmp_path):
    path = tmp_path / ledger.LEDGER_NAME
    last = LastLedger(path)
    last.read_now()
    assert last.value() is None  # no file then
    ledger.write(path, {"a.md": ledger.Entry("sha256:x", ("/a/",))})
    assert last.value() is None
    broken = LastLedger(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(Exception) as raised:
        broken.value()
    assert raised.value.diagnostics[0].code == "url-ledger"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(Exception):
        broken.value()  # the reading stands


def test_a_future_preview_records_no_url_and_a_changed_working_headline_leaves_no_redirect(new_site):
    # /tmp/attack46/r10-future-preview-leaks-working-headline.sh: `build --future` previews a
    # scheduled story; its URL was never public, so the ledger must not record it, and once it is
    # published under another headline its working headline must not become a public redirect.
    from datetime import datetime, timezone

    site = new_site({"f.md": article("وفاة الرئيس", "2025-01-02T10:00:00+00:00")})  # a day after BUILD_TIME
    preview = site.root / "preview"
    built = build_site(site, future=True, output=preview)
    assert built.result.exit_code == 0 and (preview / "2025/01/02/وفاة-الرئيس/index.html").is_file()
    assert "f.md" not in ledger.read(site.root / ledger.LEDGER_NAME)
    (site.content / "f.md").write_text(article("الرئيس يغادر المستشفى", "2025-01-02T10:00:00+00:00"), encoding="utf-8")
    build_site(site, future=True, output=preview)
    assert "f.md" not in ledger.read(site.root / ledger.LEDGER_NAME)
    built = build_site(site, build_time=datetime(2025, 1, 3, tzinfo=timezone.utc))  # published now
    assert built.result.exit_code == 0 and built.codes() == []
    assert ledger.read(site.root / ledger.LEDGER_NAME)["f.md"].urls == ("/2025/01/02/الرئيس-يغادر-المستشفى/",)
    assert (site.output / "_redirects").read_text(encoding="utf-8").strip() == ""
    assert not (site.output / "2025/01/02/وفاة-الرئيس").exists()
