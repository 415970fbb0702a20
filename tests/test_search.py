"""sitegen.search and the search page: the build stage (main, delta and parted bundles), and
real queries in headless Chromium for every spelling-variant class of issue 11 (diacritics,
tatweel, alef forms, alef maqsura, taa marbuta, digits, prefixes) — each must find its article
and no other. The terms, records, bundles and binary have their own tests
(tests/test_search_terms.py, test_search_entries.py, test_search_bundle.py, test_search_pagefind.py).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

from browser import StaticServer
from helpers import REPO, article, build_site, make_site, search_pages, snapshot
from sitegen.arabic import fold_for_matching, strip_prefixes, to_arabic_indic
from sitegen import search, search_bundle, search_entries
from sitegen.search import BUNDLE_DIR, DELTA_DIR, LIVE_FILE, TEXT_DIR
from sitegen.search_terms import STOP_TERMS, TERM_END, folded_term, index_term, query_key
from sitegen.term_code import term_code
from sitegen.output_folder import MARKER

# slug: (title, subtitle, body). Every query word below occurs in one article only.
VARIANTS = {
    "smuggling": ("حملة في الموانئ الشمالية", "إجراءات صارمة ضد المهربين",
                  "أطلقت السلطات حملة مُكافحة التهريب عبر الموانئ."),
    "oversight": ("برنامج رقابي جديد", None, "يستهدف البرنامج مواجهة الفساد الإداري."),
    "markets": ("توقعات الأسواق العالمية", None, "قال الخبراء إن الاقتصـــاد العالمي يتباطأ."),
    "schooling": ("خطة وطنية للتعليم", None, "تتضمن الخطة إصلاح المناهج الدراسية."),
    "quake": ("زلزال يضرب الساحل", None, "تواصل فرق الإنقاذ حصر آثار الزلزال."),
    "match": ("مباراة ممتعة", None, "سجل اللاعب أهدافا رائعة."),
    "visit": ("زيارة رسمية إلى العاصمة", None, "وصل الرئيس الصينى إلى العاصمة."),
    "qualifier": ("فوز في التصفيات", None, "فاز المنتخب الكوري على منافسه."),
    "warning": ("تحذير دولي", None, "حذرت المنظمة من نقص الغذاء."),
    "charity": ("توزيع مساعدات", None, "وزعت الجمعيه الخيريه الطعام."),
    "budget": ("موازنة العام المقبل بعد قمة G20", None, "أقر المجلس موازنة عام ٢٠٣١."),
    "vision": ("رؤية بعيدة المدى", None, "أعلنت الوزارة خطة 2047 للتنمية."),
    "cabinet": ("قرار جديد", None, "والحكومة تدرس القرار."),
    "vaccines": ("تطعيم الأطفال", None, "أطلقت وزارة الصحة حملة التطعيم."),
    "session": ("جلسة ساخنة", None, "احتدم النقاش بالبرلمان حول الضرائب."),
    "classrooms": ("بناء فصول", None, "افتتحت المحافظة ثلاث مدارس جديدة."),
}

# (variant class, query, slug of the one article it must find)
QUERIES = [
    ("diacritics in the text", "مكافحة", "smuggling"),
    ("diacritics in the query", "مُوَاجَهَة", "oversight"),
    ("tatweel in the text", "الاقتصاد", "markets"),
    ("tatweel in the query", "الاقتصـاد", "markets"),
    ("alef with hamza below", "اصلاح", "schooling"),
    ("alef with madda", "اثار", "quake"),
    ("alef with hamza above", "اهداف", "match"),
    ("alef maqsura in the text", "الصيني", "visit"),
    ("alef maqsura in the query", "الكورى", "qualifier"),
    ("haa for taa marbuta in the query", "المنظمه", "warning"),
    ("taa marbuta for haa in the query", "الجمعية", "charity"),
    ("Western digits find Arabic-Indic", "2031", "budget"),
    ("Arabic-Indic digits find Western", "٢٠٤٧", "vision"),
    ("prefix و in the text", "حكومة", "cabinet"),
    ("prefix ال in the text", "صحة", "vaccines"),
    ("prefix بال in the text", "برلمان", "session"),
    ("prefix لل in the query", "للمدارس", "classrooms"),
    ("prefix وال in the query", "والمدارس", "classrooms"),
    ("subtitle is indexed", "صارمة", "smuggling"),
    ("the start of a word", "برلما", "session"),
    ("Latin letters and digits", "g20", "budget"),
    ("Latin in upper case", "G20", "budget"),
]

SECTION = "محليات"
TAG = "زمرد"  # a tag only: tags are page chrome, not indexed


def variant_files() -> dict:
    files = {}
    for day, (slug, (title, subtitle, body)) in enumerate(VARIANTS.items(), start=1):
        files[f"{slug}.md"] = article(title, f"2024-10-{day:02d}T09:00:00+03:00", body, slug=slug,
                                      subtitle=subtitle, section=SECTION, tags=[TAG])
    return files


# --- the build stage ----------------------------------------------------------------


def coded(terms: str) -> str:
    """A record's content of the folded ``terms`` (space-separated): each coded and ended, in
    the sorted order of the codes."""
    return " ".join(code + TERM_END for code in sorted(term_code(term) for term in terms.split()))


def test_index_is_the_same_on_every_build(new_site, tmp_path):
    # Regression: Pagefind filters came out in a different order on every run.
    site = new_site(variant_files())
    first = build_site(site, output=tmp_path / "one").output / BUNDLE_DIR
    second = build_site(site, output=tmp_path / "two").output / BUNDLE_DIR
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert any(name.startswith("fragment/") for name in files)
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)


def test_build_writes_the_index_and_lists_it_in_the_output_marker(new_site):
    built = build_site(new_site(variant_files()))
    assert built.result.exit_code == 0, built.diagnostics
    assert "search-skipped" not in built.codes()
    assert (built.output / BUNDLE_DIR / "pagefind.js").is_file()
    assert (built.output / "search/index.html").is_file()
    listed = set((built.output / MARKER).read_text(encoding="utf-8").splitlines())
    bundle_files = {p.relative_to(built.output).as_posix() for p in (built.output / BUNDLE_DIR).rglob("*") if p.is_file()}
    assert bundle_files and bundle_files <= listed
    texts = {p.relative_to(built.output).as_posix() for p in (built.output / TEXT_DIR).iterdir()}
    assert len(texts) == len(VARIANTS) and texts <= listed
    written = {gzip.decompress((built.output / t).read_bytes()).decode("utf-8") for t in texts}
    assert "قرار جديد والحكومة تدرس القرار." in written


def test_missing_pagefind_binary_builds_the_site_with_a_warning(new_site, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    built = build_site(new_site(variant_files()))
    assert built.result.exit_code == 0
    skipped = [d for d in built.diagnostics if d.code == "search-skipped"]
    assert len(skipped) == 1 and not skipped[0].is_error and "not installed" in skipped[0].message
    assert (built.output / "search/index.html").is_file()
    assert not (built.output / BUNDLE_DIR).exists() and not (built.output / TEXT_DIR).exists()
    assert len(list(built.output.glob("2024/10/*/*/index.html"))) == len(VARIANTS)


def test_every_page_has_the_header_search_box_pointing_at_the_search_page(new_site):
    built = build_site(new_site(variant_files(), config={"base_url": "https://news.example.org/ar/"}))
    pages = [built.output / "index.html", built.output / "404.html", built.output / "search/index.html",
             *built.output.glob("2024/10/*/*/index.html"), *built.output.glob("sections/*/index.html")]
    assert len(pages) > len(VARIANTS)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<form class="search-box" role="search" action="/ar/search/" method="get">' in html, page
        assert 'name="q"' in html


# --- in the browser -------------------------------------------------------------------


def found(page, url: str) -> list[str]:
    """Open ``url`` (a search page with ``?q=``) and return the result links' paths."""
    page.goto(url)
    page.wait_for_selector("#search[data-state=done]", timeout=15000)
    return page.eval_on_selector_all(".search-result h2 a", "links => links.map(a => new URL(a.href).pathname)")


#: Records per part of a main bundle in the browser tests: the variant articles' index is
#: then in several parts merged by the search page, as a large site's is.
TEST_PART_PAGES = 4


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory):
    """The variant articles built under the subpath ``/news/`` (the index in parts) and served
    like a static host."""
    root = tmp_path_factory.mktemp("search")
    site = make_site(root, variant_files(), {"base_url": "http://127.0.0.1/news/", "digits": "arab"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_bundle, "PART_PAGES", TEST_PART_PAGES)
        built = build_site(site, output=root / "www" / "news")
    assert len(_live(built.output)["parts"]) == 3, _live(built.output)
    assert built.result.exit_code == 0, built.diagnostics
    with StaticServer(root / "www") as server:
        yield server.url + "news/"


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.slow
@pytest.mark.parametrize("variant, query, slug", QUERIES, ids=[q[0] for q in QUERIES])
def test_query_finds_its_article_and_no_other(page, variant_site, variant, query, slug):
    assert found(page, f"{variant_site}search/?q={quote(query)}") == [f"/news/2024/10/{_day(slug):02d}/{slug}/"]


def _day(slug: str) -> int:
    return list(VARIANTS).index(slug) + 1


@pytest.mark.slow
@pytest.mark.parametrize("query", [TAG, SECTION, "موقع التجربة", "أكتوبر", "2024", "غض"],
                         ids=["tag", "section", "site title", "month of the dates", "year of the dates",
                              "a coded word that starts a Latin word of a headline"])
def test_page_chrome_is_not_indexed(page, variant_site, query):
    assert found(page, f"{variant_site}search/?q={quote(query)}") == []


@pytest.mark.slow
def test_result_shows_headline_date_section_and_highlighted_excerpt(page, variant_site):
    assert found(page, f"{variant_site}search/?q={quote('حكومة')}")
    result = page.locator(".search-result").first
    title, _, body = VARIANTS["cabinet"]
    assert result.locator("h2 a").inner_text() == title
    date = datetime(2024, 10, _day("cabinet"), 9, tzinfo=ZoneInfo("Asia/Riyadh"))
    assert result.locator(".result-date").inner_text() == to_arabic_indic(format_date(date, "long", locale="ar"))
    assert result.locator(".result-section").inner_text() == SECTION
    assert result.locator("mark").all_inner_texts() == ["والحكومة"]
    assert result.locator(".result-excerpt").inner_text() == body  # from the body: the headline is above it
    assert page.locator(".search-status").inner_text() == "مقال واحد"
    assert page.locator("#search-query").input_value() == "حكومة"
    assert page.evaluate("getComputedStyle(document.querySelector('.search-result')).direction") == "rtl"


@pytest.mark.slow
def test_headline_only_match_shows_the_body_opening_unmarked(page, variant_site):
    assert found(page, f"{variant_site}search/?q={quote('رقابي')}") == [f"/news/2024/10/{_day('oversight'):02d}/oversight/"]
    excerpt = page.locator(".search-result .result-excerpt").first
    assert excerpt.inner_text() == VARIANTS["oversight"][2]
    assert excerpt.locator("mark").count() == 0


@pytest.mark.slow
def test_result_count_uses_arabic_plural_and_site_digits(page, variant_site):
    # "جديد" is in three articles ("جديد" twice, "جديدة" once): CLDR "few" → "٣ مقالات".
    assert len(found(page, f"{variant_site}search/?q={quote('جديد')}")) == 3
    assert page.locator(".search-status").inner_text() == "٣ مقالات"


@pytest.mark.slow
def test_header_form_submits_to_the_search_page(page, variant_site):
    page.goto(variant_site)
    page.fill("#site-search-box", "برلمان")
    page.press("#site-search-box", "Enter")
    page.wait_for_selector("#search[data-state=done]", timeout=15000)
    assert page.url == f"{variant_site}search/?q={quote('برلمان')}"
    assert page.eval_on_selector_all(".search-result h2 a", "links => links.length") == 1


@pytest.mark.slow
def test_function_words_in_a_query_are_left_out(page, variant_site):
    assert found(page, f"{variant_site}search/?q={quote('حملة في الموانئ')}") == [
        f"/news/2024/10/{_day('smuggling'):02d}/smuggling/"]
    # Only function words: nothing is looked up, and the page says nothing matched.
    assert found(page, f"{variant_site}search/?q={quote('في على')}") == []
    assert page.locator(".search-status").inner_text() == "لا توجد مقالات تطابق هذا البحث."


@pytest.mark.slow
def test_empty_query_asks_for_a_word(page, variant_site):
    assert found(page, f"{variant_site}search/") == []
    assert page.locator(".search-status").inner_text() == "اكتب كلمة للبحث في المقالات."


# Inputs on which the JavaScript port must agree with the Python rules: every folded letter,
# diacritics, tatweel, both digit sets, invisible characters, odd spaces, Latin case, prefixes.
PARITY_INPUTS = [
    "مُكافحة", "الاقتصـــاد", "أإآٱ", "الصينى", "المنظمة", "ؤئ", "٢٠٢٤ ۱۹", "والحكومة",
    "بالبرلمان", "كالعادة", "فالقرار", "للمدارس", "ولد", "وزارة", "ـ", "\u064b", "COVID-19",
    "كلمة\u200cكلمة", "نص\u00a0مع\u2003مسافات", "\ufeffبداية", "ﻻ", "İstanbul", "ΣΟΦΟΣ",
    "حملة في الموانئ", "إلى التي، على", "وفي ومن", "أمام الإمام", "فى",
    "Café Crème", "snake_case", "پژوهش گزارش", "ñandú", "東京", "한국어", "😀x", "x\u0301", "Σίσυφος", "ﷺ",
]


def _random_inputs(count: int = 200) -> list[str]:
    pool = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآٱؤئء" + "\u064b\u064e\u0650\u0651\u0652\u0670\u0640" \
           + "٠١٢٣۴0123456789" + "Aa \u00a0\u200c\u200f\ufeff،.-"
    rng = random.Random(11)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(count)]


@pytest.mark.slow
def test_javascript_folding_matches_python(page, variant_site):
    page.goto(f"{variant_site}search/")
    inputs = PARITY_INPUTS + _random_inputs()
    js = page.evaluate("""inputs => inputs.map(text => [SitegenSearch.foldForMatching(text),
        SitegenSearch.stripPrefixes(text), SitegenSearch.queryKey(text), SitegenSearch.foldedTerm(text),
        SitegenSearch.termCode(text), SitegenSearch.indexTerm(text)])""", inputs)
    python = [[fold_for_matching(t), strip_prefixes(t), query_key(t), folded_term(t), term_code(t), index_term(t)]
              for t in inputs]
    mismatches = [(t, j, p) for t, j, p in zip(inputs, js, python) if j != p]
    assert not mismatches, mismatches[:5]
    assert set(page.evaluate("SitegenSearch.stopTerms")) == STOP_TERMS


@pytest.mark.slow
def test_search_works_under_build_py_serve(browser, tmp_path):
    site = make_site(tmp_path, variant_files())
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", "0"], cwd=site.root,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    watchdog = threading.Timer(180, proc.kill)
    watchdog.start()
    try:
        url = proc.stdout.readline().split()[1]

        def search_for(query: str) -> list[str]:
            from playwright.sync_api import Error as PlaywrightError

            for attempt in range(3):
                context = browser.new_context()  # nothing cached from the last build
                try:
                    return found(context.new_page(), f"{url}search/?q={quote(query)}")
                except PlaywrightError as error:
                    # serve's live reload navigated the page while it was read (a rebuild
                    # finished): read it again
                    if "context was destroyed" not in str(error) or attempt == 2:
                        raise
                finally:
                    context.close()
            raise AssertionError("unreachable")

        visit = f"/2024/10/{_day('visit'):02d}/visit/"
        assert search_for("الصينى") == [visit]
        # serve rebuilds into the same folder: the edit goes to a delta bundle
        (site.content / "visit.md").write_text(article("زيارة رسمية إلى العاصمة", f"2024-10-{_day('visit'):02d}T09:00:00+03:00",
                                                       "وصل الرئيس الزائر إلى الميناء.", slug="visit",
                                                       section=SECTION, tags=[TAG]), encoding="utf-8")
        for _ in range(120):  # until the rebuild is served
            if search_for("الميناء"):
                break
            time.sleep(0.5)
        assert search_for("الميناء") == [visit]
        assert search_for("الصينى") == []
        with urllib.request.urlopen(f"{url}search/pagefind/{LIVE_FILE}", timeout=10) as response:
            assert json.loads(response.read())["delta"] == "delta/"
    finally:
        watchdog.cancel()
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


@pytest.mark.slow
def test_search_page_says_unavailable_without_an_index(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    built = build_site(make_site(tmp_path, variant_files()), output=tmp_path / "www")
    assert "search-skipped" in built.codes()
    with StaticServer(tmp_path / "www") as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            assert found(page, f"{server.url}search/?q={quote('برلمان')}") == []
            assert page.locator(".search-status").inner_text() == "البحث غير متاح في هذه النسخة من الموقع."
        finally:
            context.close()


def test_a_failing_pagefind_leaves_no_index_and_warns(new_site, monkeypatch, tmp_path):
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    built = build_site(new_site(variant_files()))
    assert built.result.exit_code == 0
    skipped = [d for d in built.diagnostics if d.code == "search-skipped"]
    assert len(skipped) == 1 and "Pagefind failed" in skipped[0].message
    assert not (built.output / BUNDLE_DIR).exists() and not (built.output / TEXT_DIR).exists()


def test_incremental_build_leaves_no_stale_index_files(new_site, tmp_path):
    # Regression: a staging folder reused from two builds back kept that build's index files.
    site = new_site(variant_files())
    assert build_site(site).result.exit_code == 0
    main = sorted(p.relative_to(site.output / BUNDLE_DIR).as_posix() for p in (site.output / BUNDLE_DIR).rglob("*"))
    for edit in range(3):
        (site.content / "cabinet.md").write_text(article("قرار جديد", "2024-10-13T09:00:00+03:00", f"نص معدل {edit}",
                                                         slug="cabinet", section=SECTION), encoding="utf-8")
        assert build_site(site).result.exit_code == 0
    clean = build_site(site, output=tmp_path / "clean", clean=True, record_urls=False).output
    bundle = site.output / BUNDLE_DIR
    kept = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if DELTA_DIR not in p.relative_to(bundle).parts)
    assert kept == main  # the main bundle as the first build left it, nothing added
    assert len(list((bundle / DELTA_DIR / "fragment").iterdir())) == 1  # the last edit's record only
    assert search_pages(site.output) == search_pages(clean)
    names = {p.relative_to(site.output / TEXT_DIR).as_posix() for p in (site.output / TEXT_DIR).rglob("*")}
    assert names == {p.relative_to(clean / TEXT_DIR).as_posix() for p in (clean / TEXT_DIR).rglob("*")}


def _live(output) -> dict:
    return json.loads((output / BUNDLE_DIR / LIVE_FILE).read_text(encoding="ascii"))


def _cabinet_edit(site, words: str) -> None:
    (site.content / "cabinet.md").write_text(article("قرار جديد", "2024-10-13T09:00:00+03:00", words,
                                                     slug="cabinet", section=SECTION), encoding="utf-8")


@pytest.mark.parametrize("lang", ["ar", "ar-EG"])
def test_an_edit_keeps_the_main_bundle_and_indexes_only_its_record_into_the_delta(new_site, monkeypatch, lang,
                                                                                   search_on_thread):
    # Regression (ar-EG): page ids hold the language as written, and one with capitals was
    # refused, so every edit re-indexed all articles. (search_on_thread: it passed only after
    # a browser test had left threads in the test process; alone, the patches were not seen.)
    site = new_site(variant_files(), config={"lang": lang})
    first = build_site(site).output
    main_meta = next((first / BUNDLE_DIR).glob("*.pf_meta"))
    inode, pages = main_meta.stat().st_ino, search_pages(first)
    old_id = next(p.stem for p in (first / BUNDLE_DIR / "fragment").iterdir()
                  if p.stem in _page_ids_of(first, "cabinet"))
    indexed = []
    real = search.index_bundle
    monkeypatch.setattr(search, "index_bundle",
                        lambda entries, *a, **k: (lambda e: indexed.append(len(e)) or real(e, *a, **k))(list(entries)))
    made = []
    real_entry = search_entries.article_entry
    monkeypatch.setattr(search_entries, "article_entry", lambda article, *a: made.append(article.slug) or real_entry(article, *a))
    _cabinet_edit(site, "نص معدل عن الزعفران")
    (site.content / "quake.md").unlink()
    built = build_site(site)
    assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), built.diagnostics
    assert indexed == [1]  # the edited article only: Pagefind never saw the other 14
    assert made == ["cabinet"]  # nor were the others' words read (their bodies stay in the store)
    assert main_meta.stat().st_ino == inode  # the main bundle is the first build's own file
    live = _live(built.output)
    assert live["delta"] == "delta/" and old_id in live["stale"] and len(live["stale"]) == 2
    now = search_pages(built.output)
    path = lambda url: url.partition("#")[0]  # noqa: E731
    assert {path(u) for u in now} == {path(u) for u in pages if "/quake/" not in u}
    cabinet = next(f for u, f in now.items() if "/cabinet/" in u)
    assert coded("زعفران") in cabinet["content"].split() and coded("حكومه") not in cabinet["content"].split()
    assert not any(name.startswith(("pagefind.js", "wasm.")) for name in os.listdir(built.output / BUNDLE_DIR / DELTA_DIR))


def test_an_edit_on_the_spare_tree_keeps_its_main_bundle_files_without_linking_them_again(new_site, monkeypatch, tmp_path):
    # The staging folder of the third build is the first build's site: its main bundle is the
    # live one's own files, kept in place (they were removed and linked again, ~10,000 files).
    site = new_site(variant_files())
    first = build_site(site).output
    inodes = {p.relative_to(first).as_posix(): p.stat().st_ino for p in (first / BUNDLE_DIR).rglob("*")
              if p.is_file() and DELTA_DIR not in p.relative_to(first / BUNDLE_DIR).parts}
    _cabinet_edit(site, "نص معدل عن الزعفران")
    build_site(site)
    copied = []
    real = search._copy_tree
    monkeypatch.setattr(search, "_copy_tree", lambda old, bundle, skip=(): copied.append(skip) or real(old, bundle, skip))
    _cabinet_edit(site, "نص معدل ثانية عن البرتقال")
    built = build_site(site)
    assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), built.diagnostics
    assert search.MAIN_ONLY_SKIP not in copied  # the main bundle was not linked again
    now = {p.relative_to(built.output).as_posix(): p.stat().st_ino for p in (built.output / BUNDLE_DIR).rglob("*")
           if p.is_file() and DELTA_DIR not in p.relative_to(built.output / BUNDLE_DIR).parts}
    assert {k: v for k, v in now.items() if not k.endswith((LIVE_FILE, search_entries.ENTRIES_FILE))} == \
        {k: v for k, v in inodes.items() if not k.endswith((LIVE_FILE, search_entries.ENTRIES_FILE))}
    clean = build_site(site, output=tmp_path / "clean", clean=True, record_urls=False).output
    assert search_pages(built.output) == search_pages(clean)
    cabinet = next(f for u, f in search_pages(built.output).items() if "/cabinet/" in u)
    assert coded("برتقال") in cabinet["content"].split() and coded("زعفران") not in cabinet["content"].split()


def _linked_bundle(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for name in ("pagefind-entry.json", "fragment/a.pf_fragment", "part1/index/b.pf_index", "sitegen-live.json"):
        (old / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).write_bytes(name.encode())
        (new / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(old / name, new / name)
    (new / "delta").mkdir()
    (new / "delta" / "c.pf_meta").write_bytes(b"old delta")
    return old, new


def test_keep_same_tree_keeps_hard_links_of_the_same_files_and_removes_what_each_build_makes(tmp_path):
    old, new = _linked_bundle(tmp_path)
    assert search._keep_same_tree(old, new, search.MAIN_ONLY_SKIP)
    assert sorted(p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()) == \
        ["fragment/a.pf_fragment", "pagefind-entry.json", "part1/index/b.pf_index"]


@pytest.mark.parametrize("change", ["copy", "extra", "missing", "symlink", "folder-for-file"])
def test_keep_same_tree_refuses_a_tree_that_is_not_the_same_files(tmp_path, change):
    old, new = _linked_bundle(tmp_path)
    target = new / "part1" / "index" / "b.pf_index"
    if change == "copy":  # the same bytes, but another file: it could change apart from the live one
        target.unlink()
        target.write_bytes(b"part1/index/b.pf_index")
    elif change == "extra":
        (new / "fragment" / "stray.pf_fragment").write_bytes(b"x")
    elif change == "missing":
        target.unlink()
    elif change == "symlink":
        target.unlink()
        target.symlink_to(old / "part1" / "index" / "b.pf_index")
    else:
        target.unlink()
        target.mkdir()
    before = sorted(p.relative_to(new).as_posix() for p in new.rglob("*"))
    assert not search._keep_same_tree(old, new, search.MAIN_ONLY_SKIP)
    assert sorted(p.relative_to(new).as_posix() for p in new.rglob("*")) == before  # left for rmtree


def _page_ids_of(output, slug: str, parts: bool = False) -> set[str]:
    ids = set()
    bundle = output / BUNDLE_DIR
    for file in (bundle.glob("**/fragment/*") if parts else (bundle / "fragment").iterdir()):
        if f"/{slug}/" in gzip.decompress(file.read_bytes()).decode("utf-8"):
            ids.add(file.stem)
    return ids


def test_changes_past_the_limit_fold_into_a_new_main_bundle_like_a_clean_one(new_site, monkeypatch, tmp_path):
    monkeypatch.setattr(search, "DELTA_MIN", 2)
    monkeypatch.setattr(search, "DELTA_SHARE", 0.0)
    site = new_site(variant_files())
    build_site(site)
    _cabinet_edit(site, "نص معدل أول")
    assert _live(build_site(site).output)["delta"] == "delta/"  # 1 record + 1 stale page: within 2
    (site.content / "quake.md").unlink()  # now 1 + 2 stale: past the limit
    folded = build_site(site).output
    assert _live(folded) == {"delta": None, "parts": [], "stale": []}
    assert not (folded / BUNDLE_DIR / DELTA_DIR).exists()
    clean = build_site(site, output=tmp_path / "clean", clean=True, record_urls=False).output
    assert snapshot(folded / BUNDLE_DIR) == snapshot(clean / BUNDLE_DIR)


def test_an_article_without_words_costs_no_index(new_site):
    # Regression: Pagefind makes no page of a record without words, and the stage took the
    # missing page for a failure and left the whole site without search.
    site = new_site({**variant_files(), "dots.md": article("…", "2024-10-30T09:00:00+03:00", "… !", slug="dots")})
    first = build_site(site)
    assert "search-skipped" not in first.codes(), first.diagnostics
    assert len(search_pages(first.output)) == len(VARIANTS)
    _cabinet_edit(site, "نص معدل")
    (site.content / "dots.md").unlink()
    again = build_site(site)
    assert "search-skipped" not in again.codes(), again.diagnostics
    assert _live(again.output)["delta"] == "delta/" and len(_live(again.output)["stale"]) == 1


def test_a_main_bundle_in_parts_holds_the_same_pages_as_one_bundle(new_site, monkeypatch, tmp_path):
    site = new_site(variant_files())
    whole = build_site(site, output=tmp_path / "whole", clean=True).output
    monkeypatch.setattr(search_bundle, "PART_PAGES", TEST_PART_PAGES)
    parted = build_site(site, output=tmp_path / "parted", clean=True).output
    assert _live(whole) == {"delta": None, "parts": [], "stale": []}
    assert _live(parted) == {"delta": None, "parts": ["part1/", "part2/", "part3/"], "stale": []}
    assert search_pages(parted) == search_pages(whole) and len(search_pages(whole)) == len(VARIANTS)
    bundle = parted / BUNDLE_DIR
    for number, folder in enumerate([bundle, bundle / "part1", bundle / "part2", bundle / "part3"]):
        assert len(list((folder / "fragment").iterdir())) == 4  # 16 articles
        assert (folder / "pagefind.js").exists() == (number == 0)  # the engine once, in the first part
    listed = (bundle / search_bundle.PAGES_FILE).read_text(encoding="ascii").splitlines()[1:]
    assert sorted(line.split()[1] for line in listed) == sorted(
        p.stem for p in bundle.rglob("*.pf_fragment"))  # every part's pages: what an edit makes stale


def test_an_edit_on_a_main_bundle_in_parts_keeps_every_part_and_stales_its_old_page(new_site, monkeypatch):
    monkeypatch.setattr(search_bundle, "PART_PAGES", TEST_PART_PAGES)
    site = new_site(variant_files())
    first = build_site(site).output
    parts = {p.relative_to(first).as_posix(): p.stat().st_ino for p in (first / BUNDLE_DIR).rglob("*.pf_meta")}
    old_id = next(iter(_page_ids_of(first, "vision", parts=True)))
    (site.content / "vision.md").write_text(article("رؤية جديدة", "2024-10-30T09:00:00+03:00", "نص معدل عن الزعفران",
                                                    slug="vision", section=SECTION), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), built.diagnostics
    live = _live(built.output)
    assert live == {"delta": "delta/", "parts": ["part1/", "part2/", "part3/"], "stale": [old_id]}
    assert {p.relative_to(built.output).as_posix(): p.stat().st_ino
            for p in (built.output / BUNDLE_DIR).rglob("*.pf_meta") if DELTA_DIR not in p.parts} == parts


def test_delta_limit_is_a_share_of_the_main_bundle_with_a_floor():
    assert search.delta_limit(100) == search.DELTA_MIN
    assert search.delta_limit(10_000) == 200
    assert search.delta_limit(10_001) == 201


# The incremental case in the browser: one site built, then edited (an article's words
# changed, one deleted, one added) and built again, either within the delta limit (main
# bundle + delta + stale pages) or with the limit at its lowest (the changes folded in).
EDITED = {"cabinet": ("قرار جديد", None, "والبلدية تناقش الزعفران."),
          "added": ("خبر مضاف", None, "افتتح المرفأ الجديد أمس.")}


@pytest.fixture(scope="module", params=["delta", "fold"])
def changed_site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("changed")
    site = make_site(root, variant_files(), {"base_url": "http://127.0.0.1/news/", "digits": "arab"})
    output = root / "www" / "news"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_bundle, "PART_PAGES", TEST_PART_PAGES)  # a main bundle in parts, then the changes
        assert build_site(site, output=output).result.exit_code == 0
    for day, (slug, (title, _, body)) in enumerate(EDITED.items(), start=20):
        (site.content / f"{slug}.md").write_text(article(title, f"2024-10-{day}T09:00:00+03:00", body, slug=slug,
                                                         section=SECTION), encoding="utf-8")
    (site.content / "quake.md").unlink()
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "fold":
            patch.setattr(search, "DELTA_MIN", 1)
            patch.setattr(search, "DELTA_SHARE", 0.0)
        built = build_site(site, output=output)
    assert built.result.exit_code == 0, built.diagnostics
    assert (_live(output)["delta"] is None) == (request.param == "fold")
    with StaticServer(root / "www") as server:
        yield server.url + "news/"


@pytest.mark.slow
@pytest.mark.parametrize("query, slug", [
    ("الزعفران", "cabinet"),  # the edited article's new words
    ("حكومة", None),  # its old words
    ("قرار", "cabinet"),  # its headline, in both versions
    ("زلزال", None),  # the deleted article
    ("مرفأ", "added"),  # the added article
    ("برلمان", "session"),  # an article no build changed
    ("بلديه", "cabinet"),  # وال prefix in the text, haa for taa marbuta in the query: folded in the delta too
    ("الزَّعْفَرَان", "cabinet"),  # diacritics in the query
], ids=["new words of an edit", "old words of an edit", "unchanged headline of an edit", "deleted article",
        "added article", "unchanged article", "prefix and taa marbuta in an edit", "diacritics on an edit"])
def test_changed_articles_are_found_by_what_they_say_now(browser, changed_site, query, slug):
    context = browser.new_context()
    try:
        paths = found(context.new_page(), f"{changed_site}search/?q={quote(query)}")
    finally:
        context.close()
    day = {"cabinet": 20, "added": 21}.get(slug) or (slug and _day(slug))
    assert paths == ([f"/news/2024/10/{day:02d}/{slug}/"] if slug else [])


class _NoPagefind:
    """Stands in for PagefindService where the index must be reused: any use fails the stage."""

    def __init__(self, executable):
        raise RuntimeError("Pagefind ran")


def test_unchanged_records_keep_the_last_index_without_running_pagefind(new_site, monkeypatch):
    site = new_site(variant_files())
    first = build_site(site)
    entry = first.output / BUNDLE_DIR / "pagefind-entry.json"
    inode, before = entry.stat().st_ino, entry.read_bytes()
    monkeypatch.setattr("sitegen.search_bundle.PagefindService", _NoPagefind)
    (site.root / "site.yaml").write_text((site.root / "site.yaml").read_text(encoding="utf-8")
                                         + "description: وصف جديد\n", encoding="utf-8")  # not indexed
    again = build_site(site)
    assert again.result.exit_code == 0 and not again.diagnostics, again.diagnostics
    assert "وصف جديد" in (again.output / "index.html").read_text(encoding="utf-8")
    assert entry.stat().st_ino == inode and entry.read_bytes() == before
    listed = set((again.output / MARKER).read_text(encoding="utf-8").splitlines())
    assert f"{BUNDLE_DIR}/pagefind-entry.json" in listed


@pytest.mark.parametrize("change", ["edited article", "clean build"])
def test_changed_records_or_a_clean_build_index_anew(new_site, monkeypatch, change):
    site = new_site(variant_files())
    build_site(site)
    monkeypatch.setattr("sitegen.search_bundle.PagefindService", _NoPagefind)
    if change == "edited article":
        (site.content / "cabinet.md").write_text(article("قرار جديد", "2024-10-13T09:00:00+03:00", "نص معدل",
                                                         slug="cabinet", section=SECTION), encoding="utf-8")
    built = build_site(site, clean=change == "clean build")
    skipped = [d for d in built.diagnostics if d.code == "search-skipped"]
    assert len(skipped) == 1 and "Pagefind ran" in skipped[0].message


def _built_by_edits(new_site, builds: int):
    """``(site, edit)``: a site of :func:`variant_files` built ``builds`` times (a clean build,
    then edits), its first article given one more paragraph before each build; ``edit(text)``
    adds another."""
    site = new_site(variant_files())
    first = site.content / sorted(variant_files())[0]

    def edit(text: str) -> None:
        first.write_text(first.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")

    for number in range(builds):
        edit(f"فقرة {number}.")
        assert build_site(site).result.exit_code == 0
    return site, edit


@pytest.mark.parametrize("pagefind", ["missing", "failing"])
def test_an_edit_without_a_working_pagefind_still_builds_the_site_from_the_spare_tree(new_site, monkeypatch, tmp_path, pagefind):
    # Found timing edits at 10,000 articles: after builds with an index, an edit whose Pagefind
    # was gone (or failed) removed the index from a staging folder started from the spare tree,
    # whose search folders the sweep still took for unchanged: "search/text: No such file or
    # directory", exit 2 and nothing written, instead of the site with a search-skipped warning.
    from sitegen import writer

    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)  # every folder's identity recorded at once
    site, edit = _built_by_edits(new_site, 4)  # a clean build, then edits until the spare tree's folders are recorded
    if pagefind == "missing":
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    else:
        broken = tmp_path / "pagefind"
        broken.write_text("#!/bin/sh\nexit 3\n")
        broken.chmod(0o755)
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    edit("فقرة أخيرة.")
    built = build_site(site)
    assert built.result.exit_code == 0, built.diagnostics
    assert [d.code for d in built.diagnostics if d.code == "search-skipped"] == ["search-skipped"]
    assert any("فقرة أخيرة" in page.read_text(encoding="utf-8") for page in site.output.glob("2024/10/*/*/index.html"))
    assert not (site.output / BUNDLE_DIR).exists() and not (site.output / TEXT_DIR).exists()
    listed = set((site.output / MARKER).read_text(encoding="utf-8").splitlines())
    assert not any(path.startswith("search/pagefind/") or path.startswith("search/text/") for path in listed)


def test_a_file_put_by_hand_into_the_search_texts_does_not_stop_later_builds(new_site, monkeypatch):
    # Found by review (there before): a file someone put into public/search/text/ was carried
    # into the next site, where the search stage removed it (it keeps only its own texts), but
    # it stayed recorded as carried: every later edit's build stopped with exit 2
    # ("search/text/mine.txt: No such file or directory") until a --clean build.
    from sitegen import writer

    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)  # every folder's identity recorded at once
    site, edit = _built_by_edits(new_site, 3)
    (site.output / TEXT_DIR / "mine.txt").write_text("mine", encoding="utf-8")
    for number in range(3):
        edit(f"تعديل {number}.")
        built = build_site(site)
        assert built.result.exit_code == 0, (number, built.diagnostics)
        assert not (site.output / TEXT_DIR / "mine.txt").exists()


@pytest.mark.parametrize("where", [BUNDLE_DIR, "search"])
@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_file_or_link_put_in_place_of_the_search_index_folder_gives_way_with_a_warning(new_site, tmp_path, kind, where):
    # Found by review (there before): a file put in place of public/search/pagefind was carried
    # into each new site, where it blocked the index's folder: every build stopped (exit 2) until
    # it was removed by hand; a link there (dropped with a warning) stayed in the spare tree and
    # stopped the build after next once.
    site, edit = _built_by_edits(new_site, 3)
    bundle = site.output / BUNDLE_DIR
    blocked = site.output / where  # review: search/ itself stopped the build after next once
    shutil.rmtree(blocked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if kind == "file":
        blocked.write_text("mine", encoding="utf-8")
    else:
        blocked.symlink_to(elsewhere, target_is_directory=True)
    codes = []
    for number in range(3):
        edit(f"تعديل {number}.")
        built = build_site(site)
        assert built.result.exit_code == 0, (number, built.diagnostics)
        assert bundle.is_dir() and not bundle.is_symlink() and (bundle / "pagefind.js").is_file()
        codes.append(sorted({d.code for d in built.diagnostics}))
    assert codes[0] == (["output-foreign-dropped"] if kind == "file" else ["output-symlink"]) and codes[1:] == [[], []]
    assert list(elsewhere.iterdir()) == []


def test_a_file_put_by_hand_into_the_search_bundle_is_not_kept(new_site, monkeypatch):
    # Found by review: a file put into public/search/pagefind/ was carried into the new site,
    # the main bundle holding it was kept whole, and it was listed as sitegen's own for good.
    from sitegen import writer

    monkeypatch.setattr(writer, "SETTLED_NS", -10**15)
    site, edit = _built_by_edits(new_site, 3)
    (site.output / BUNDLE_DIR / "mine.txt").write_text("mine", encoding="utf-8")
    codes = []
    for number in range(3):
        edit(f"تعديل {number}.")
        built = build_site(site)
        assert built.result.exit_code == 0, (number, built.diagnostics)
        codes.append([d.code for d in built.diagnostics])
        assert not (site.output / BUNDLE_DIR / "mine.txt").exists()
        assert f"{BUNDLE_DIR}/mine.txt" not in (site.output / MARKER).read_text(encoding="utf-8").splitlines()
    assert codes == [["output-foreign-dropped"], [], []]


@pytest.mark.parametrize("linked", ["search/pagefind", "search/text", "search"])
def test_a_link_in_place_of_the_last_index_is_never_taken_for_it(new_site, tmp_path, linked):
    """Regression (a fresh helper's review, 2026-12-05): public/search/pagefind (or search/text, or
    search) replaced by a link to a copy elsewhere was dropped from the next site with a warning,
    yet the search stage took the copy for the last build's index: its files — and any other file
    put there, published at search/pagefind/SECRET.txt — were hard-linked into the new site."""
    site = new_site(variant_files())
    for _ in range(2):
        assert build_site(site).result.exit_code == 0
    outside = tmp_path / "outside"
    shutil.copytree(site.output / linked, outside, symlinks=True)
    (outside / "SECRET.txt").write_text("ليس للنشر", encoding="utf-8")
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    shutil.rmtree(site.output / linked)
    (site.output / linked).symlink_to(outside, target_is_directory=True)
    outside_inodes = {path.stat().st_ino for path in outside.rglob("*") if path.is_file()}
    for step in range(2):
        edited = site.content / "markets.md"
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nفقرة {step}\n", encoding="utf-8")
        built = build_site(site)
        assert built.result.exit_code == 0 and "search-skipped" not in built.codes(), built.diagnostics
        published = [path for path in site.output.rglob("*") if path.is_file() and not path.is_symlink()]
        assert not [path for path in published if path.stat().st_ino in outside_inodes]
        assert not any(path.name == "SECRET.txt" for path in published)
        assert (site.output / BUNDLE_DIR / LIVE_FILE).is_file() and not (site.output / linked).is_symlink()
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before


def test_untouched_covers_the_kept_main_bundle_and_the_texts_left_as_they_were_only():
    # What the forked search process lists with the last build's recorded stats: never the
    # delta bundle (kept by linking it again) nor the files each build writes anew.
    untouched = search.Untouched(main=True, texts=frozenset({"a.gz"}))
    covered = {path: untouched.covers(path) for path in (
        f"{BUNDLE_DIR}/fragment/x.pf_fragment", f"{BUNDLE_DIR}/part1/index/y.pf_index",
        f"{BUNDLE_DIR}/{DELTA_DIR}/fragment/z.pf_fragment", f"{BUNDLE_DIR}/{LIVE_FILE}",
        f"{BUNDLE_DIR}/{search_entries.ENTRIES_FILE}", f"{TEXT_DIR}/a.gz", f"{TEXT_DIR}/b.gz", "index.html")}
    assert [path for path, yes in covered.items() if yes] == [
        f"{BUNDLE_DIR}/fragment/x.pf_fragment", f"{BUNDLE_DIR}/part1/index/y.pf_index", f"{TEXT_DIR}/a.gz"]
    assert not search.Untouched(main=False, texts=frozenset({"a.gz"})).covers(f"{BUNDLE_DIR}/fragment/x.pf_fragment")


def test_the_index_check_leaves_a_damaged_snapshot_to_the_build_that_reports_it(tmp_path):
    # The look at the last index runs in a process forked at the build's start: a folder in
    # place of the snapshot was removed there, before the build's own look could report it
    # (test_cache's folder-in-place test for unchanged-* failed most runs on 2026-12-06).
    from sitegen import index_check, unchanged

    snapshot = tmp_path / "unchanged-x"
    (snapshot / "sub").mkdir(parents=True)
    assert index_check.recorded_index_files(snapshot) is None
    assert (snapshot / "sub").is_dir()
    warnings: list = []
    assert unchanged.load(snapshot, None, warnings) is None
    assert [d.code for d in warnings] == ["cache-corrupt"] and not snapshot.exists()
