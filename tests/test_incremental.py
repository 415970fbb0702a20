"""An incremental build equals a clean build, byte for byte (issue 10).

Hypothesis draws short sequences of changes to a small site — body, title, summary and tag edits, new,
deleted and renamed articles, a template edit, config edits, a different ``--jobs``, no change
at all (the nothing-changed fast path, :mod:`sitegen.unchanged`), breaking and future-dated
articles and a later build clock (which publishes them, ends breaking windows and the news
sitemap's window) — and after every change builds the site twice: incrementally (the same output folder, with its
build cache, render keys and spare tree) and from scratch (``--clean`` into a new folder).
Both trees must hold the same files with the same bytes, but for the search bundles: an
incremental build keeps the last main bundle and adds a delta bundle of what changed
(:func:`sitegen.search.write_index`), whose bytes differ from a clean build's one bundle. For
them the test keeps what a reader sees: the pages a search can find (the main bundle's pages
not marked stale, and the delta's) hold the same records — url, indexed terms, title — as the
clean build's pages (:func:`helpers.search_pages`); tests/test_search.py runs queries on both
kinds in Chromium.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import BUILD_TIME, article, make_site, search_pages, site_files
from sitegen import parallel, search, search_bundle, signatures, sitemaps, writer
from sitegen.pipeline import build
from sitegen.theme import theme_dir

SECTIONS = ("سياسة", "اقتصاد", "رياضة")
TAGS = ("انتخابات", "موازنة", "كرة القدم", "طقس")

operations = st.one_of(
    st.tuples(st.just("edit-body"), st.integers(0, 20)),
    st.tuples(st.just("edit-title"), st.integers(0, 20)),
    st.tuples(st.just("edit-summary"), st.integers(0, 20)),
    st.tuples(st.just("edit-tags"), st.integers(0, 20)),
    st.tuples(st.just("add"), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("rename"), st.integers(0, 20)),
    st.tuples(st.just("template"), st.integers(0, 3)),
    st.tuples(st.just("config"), st.integers(0, 3)),
    st.tuples(st.just("jobs"), st.integers(1, 2)),
    st.tuples(st.just("nothing"), st.just(0)),
    st.tuples(st.just("breaking"), st.integers(0, 8)),
    st.tuples(st.just("future"), st.integers(1, 60)),
    st.tuples(st.just("clock"), st.sampled_from([1, 5, 7, 30, 49])),
)


def news(number: int, title_version: int = 0) -> str:
    """An article; an even ``number`` names its slug, so a title edit changes only what pages
    show of it (sitegen.page_reuse), an odd one takes its URL from the title."""
    return article(f"خبر رقم {number} عن المدينة" + (f" (تحديث {title_version})" if title_version else ""),
                   f"2024-11-{1 + number % 28:02d}T{8 + number % 10:02d}:00:00+03:00",
                   body=f"الفقرة الأولى من الخبر {number}.\n\nفقرة ثانية فيها تفاصيل الخبر.",
                   section=SECTIONS[number % 3], tags=[TAGS[number % 4], TAGS[(number + 1) % 4]],
                   author=f"كاتب {number % 2}", **({"slug": f"news-{number}"} if number % 2 == 0 else {}))


def timely(kind: str, number: int, moment) -> str:
    """A breaking or a future-dated article at ``moment``: the build clock decides how it shows."""
    return article(f"خبر {kind} رقم {number}", moment.isoformat(), body="نص الخبر العاجل.",
                   section=SECTIONS[number % 3], breaking=kind == "breaking")


def apply(site, operation: tuple[str, int], state: dict) -> None:
    kind, value = operation
    files = sorted(site.content.glob("*.md"))
    target = files[value % len(files)] if files else None
    if kind == "edit-body" and target:
        target.write_text(target.read_text(encoding="utf-8") + f"\nفقرة مضافة {value}.\n", encoding="utf-8")
    elif kind == "edit-title" and target:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(" عن المدينة", f" عن المدينة {value}", 1), encoding="utf-8")
    elif kind == "edit-summary" and target:  # shown on the cards of the pages listing it
        lines = [line for line in target.read_text(encoding="utf-8").splitlines(keepends=True)
                 if not line.startswith("summary:")]
        summary = [f'summary: "ملخص رقم {value}"\n'] if value % 3 else []
        target.write_text("".join(lines[:1] + summary + lines[1:]), encoding="utf-8")
    elif kind == "edit-tags" and target:  # the same URLs, other related articles (plan reuses them otherwise)
        lines = [line for line in target.read_text(encoding="utf-8").splitlines(keepends=True)
                 if not line.startswith("tags:")]
        tags = [f'tags: ["{TAGS[value % 4]}"]\n'] if value % 2 else []
        target.write_text("".join(lines[:1] + tags + lines[1:]), encoding="utf-8")  # after the opening ---
    elif kind == "add":
        state["next"] += 1
        (site.content / f"new-{state['next']}.md").write_text(news(100 + state["next"]), encoding="utf-8")
    elif kind == "delete" and target and len(files) > 1:
        target.unlink()
    elif kind == "rename" and target:
        target.rename(target.with_name(f"renamed-{value}-{target.name}"))
    elif kind == "template":
        card = (theme_dir("templates") / "partials" / "article_card.html").read_text(encoding="utf-8")
        (site.root / "templates" / "partials").mkdir(parents=True, exist_ok=True)
        (site.root / "templates" / "partials" / "article_card.html").write_text(
            card.replace('<li class="article-card">', f'<li class="article-card" data-v="{value}">'), encoding="utf-8")
    elif kind == "config":
        text = site.config.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith(("paginate:", "description:"))]
        lines += [f"paginate: {2 + value % 2}", f"description: وصف رقم {value}"]
        site.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "jobs":
        state["jobs"] = value
    elif kind in ("breaking", "future"):
        state["next"] += 1
        moment = state["clock"] + timedelta(hours=-value if kind == "breaking" else value)
        (site.content / f"{kind}-{state['next']}.md").write_text(timely(kind, state["next"], moment), encoding="utf-8")
    elif kind == "clock":
        state["clock"] += timedelta(hours=value)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operations, min_size=1, max_size=4), st.booleans())
def test_incremental_build_equals_clean_build(monkeypatch, steps, settled):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # let --jobs 2 really use a pool
    if settled:  # every folder's identity recorded at once (not 2 s later): the sweep of the spare
        # tree and the carry-over then skip listing the folders unchanged since they were recorded
        monkeypatch.setattr(writer, "SETTLED_NS", -10**15)
    # Trust stat signatures at once (the edits here always change a file's size or name), so
    # unchanged files take the path that does not read them.
    monkeypatch.setattr(signatures, "RACY_NS", 0)
    # A delta bundle of up to 3 changes, then a fold: sequences reach both.
    monkeypatch.setattr(search, "DELTA_MIN", 3)
    monkeypatch.setattr(search_bundle, "PART_PAGES", 3)  # a main bundle in parts, as at 10,000 articles
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {f"a{n}.md": news(n) for n in range(6)}
        files["breaking-0.md"] = timely("breaking", 0, BUILD_TIME - timedelta(hours=2))
        files["future-0.md"] = timely("future", 0, BUILD_TIME + timedelta(hours=3))
        site = make_site(root, files, {"paginate": 2})
        state = {"next": 0, "jobs": 1, "clock": BUILD_TIME}
        incremental = site.options(jobs=1)
        assert build(incremental).exit_code == 0
        for number, step in enumerate(steps):
            apply(site, step, state)
            incremental = site.options(jobs=state["jobs"], build_time=state["clock"])
            built = build(incremental)
            clean = build(site.options(jobs=1, clean=True, output=root / f"clean{number}" / "public",
                                       record_urls=False, build_time=state["clock"]))
            assert built.exit_code == clean.exit_code == 0, [d.format() for d in built.report.diagnostics]
            assert site_files(site.output) == site_files(root / f"clean{number}" / "public"), (steps, number)
            assert search_pages(site.output) == search_pages(root / f"clean{number}" / "public"), (steps, number)


def test_a_ledger_restored_from_version_control_alone_rewrites_the_feed_ids(tmp_path):
    # /tmp/attack46/r21-feed-id-changes-on-headline-edit.sh: the feeds' entry ids come from the URL
    # ledger, not the articles; a ledger changed alone (restored from git, say) must re-render
    # the feeds on an incremental build, which otherwise takes them over as no article changed.
    import json

    site = make_site(tmp_path, {**{f"a{n}.md": news(n) for n in range(3)}, "moved.md": news(7)}, {"paginate": 2})
    assert build(site.options()).exit_code == 0
    (site.content / "moved.md").write_text(news(7, title_version=1), encoding="utf-8")
    assert build(site.options()).exit_code == 0
    path = site.root / "url-ledger.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["files"]["moved.md"]
    first, current = entry["first"], next(url for url in entry["urls"] if url != entry["first"])
    feed_before = (site.output / "atom.xml").read_bytes()
    # The ledger as a user could restore it: first the one before first URLs were recorded (no
    # "first": the current URL is the id), then one naming the other URL as first.
    for number, first_now in enumerate((None, current, first)):
        if first_now is None:
            del entry["first"]
        else:
            entry["first"] = first_now
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        assert build(site.options()).exit_code == 0
        clean = tmp_path / f"clean{number}" / "public"
        assert build(site.options(clean=True, output=clean, record_urls=False)).exit_code == 0
        assert site_files(site.output) == site_files(clean), number
        assert ((site.output / "atom.xml").read_bytes() == feed_before) == (first_now == first), number


@pytest.mark.slow
def test_a_sitemap_crossing_its_limit_both_ways_equals_a_clean_build(tmp_path, monkeypatch):
    # /tmp/attack47/r10-sitemap-over-50000-urls.sh: past the sitemaps.org limit (10 URLs here,
    # 50,000 in a real site) sitemap.xml becomes an index of sitemap-1.xml, …; the parts must come
    # and go (and change) in an incremental build as in a clean one.
    monkeypatch.setattr(sitemaps, "SITEMAP_MAX_URLS", 10)
    site = make_site(tmp_path, {"a0.md": news(0)})  # home, 1 article, 1 section, 2 tags, 1 author
    steps = [
        lambda: None,
        lambda: [(site.content / f"a{n}.md").write_text(news(n), encoding="utf-8") for n in range(1, 6)],  # past it
        lambda: (site.content / "a3.md").write_text(news(3).replace("date:", 'updated: "2024-12-01T10:00:00+03:00"\ndate:', 1),
                                                    encoding="utf-8"),
        lambda: (site.content / "a2.md").write_text(news(2) + "\nفقرة مضافة.\n", encoding="utf-8"),
        lambda: [(site.content / f"a{n}.md").unlink() for n in range(1, 6)],  # back under it
    ]
    parts = []
    for number, step in enumerate(steps):
        step()
        assert build(site.options(jobs=1)).exit_code == 0
        clean = tmp_path / f"clean{number}" / "public"
        assert build(site.options(jobs=1, clean=True, output=clean, record_urls=False)).exit_code == 0
        assert site_files(site.output) == site_files(clean), number
        parts.append(len(list(site.output.glob("sitemap-*.xml"))))
    assert parts[0] == parts[-1] == 0 and min(parts[1:-1]) >= 2, parts
