"""News-site features (issue 3): front page, archives, navigation, publication rules,
localised display, reproducibility and template overrides.

Every test builds a tiny inline site of invented Arabic articles (STYLE.md habit 8) with a
fixed build clock and checks the output by parsing it (html5lib, feedparser, xml.etree).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from helpers import (
    BUILD_TIME, article, article_pages, broken_links, build_site, make_site, page_links, parse_html,
    resolve_link, snapshot, text_of,
)

BASE_URL = "https://news.example.org/"
CONFIG = {"title": "موقع الاختبار", "base_url": BASE_URL, "locale": "ar", "timezone": "Asia/Riyadh"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARABIC_INDIC = re.compile("[\u0660-\u0669]")
ASCII_DIGIT = re.compile("[0-9]")
_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

ECONOMY, SPORT = "اقتصاد", "رياضة"
MARKETS, OIL, FOOTBALL = "أسواق", "نفط", "كرة القدم"
SALMA, KHALED = "سلمى يوسف", "خالد منصور"

LONG_PARAGRAPH = ("أعلن النادي الساحلي رسميا التعاقد مع مدرب جديد لقيادة الفريق الأول حتى نهاية الموسم المقبل،"
                  " وذلك بعد سلسلة من النتائج المتواضعة التي أبعدت الفريق عن المراكز المتقدمة في جدول الترتيب،"
                  " وأكد رئيس النادي أن الإدارة ستوفر كل الإمكانات اللازمة لتحقيق طموحات الجماهير في البطولة.")

#: key → (title, date, section, tags, author, extra front matter)
ARTICLES = {
    "a1": ("البورصة تغلق على ارتفاع طفيف", "2024-11-18T09:00:00+03:00", ECONOMY, [MARKETS, OIL], SALMA, {}),
    "a2": ("تراجع أسعار الذهب في التعاملات المسائية", "2024-11-19T10:00:00+03:00", ECONOMY, [MARKETS], SALMA, {}),
    "a3": ("المنتخب يستعد لمباراة الإياب", "2024-11-20T11:00:00+03:00", SPORT, [FOOTBALL], KHALED,
           {"updated": "2024-11-20T15:30:00+03:00"}),
    "a4": ("صادرات النفط تسجل مستوى قياسيا", "2024-11-21T12:00:00+03:00", ECONOMY, [OIL, MARKETS], SALMA, {}),
    "a5": ("النادي الساحلي يتعاقد مع مدرب جديد", "2024-11-22T13:00:00+03:00", SPORT, [FOOTBALL], KHALED,
           {"body": LONG_PARAGRAPH + "\n\nوسيبدأ المدرب عمله الأسبوع المقبل."}),
    "a6": ("البنك المركزي يثبت أسعار الفائدة", "2024-11-23T14:00:00+03:00", ECONOMY, [MARKETS], SALMA, {}),
    # 2024-11-30T21:30Z: December in Riyadh
    "a7": ("الأسواق تترقب بيانات التضخم الشهرية", "2024-12-01T00:30:00+03:00", ECONOMY, [MARKETS], SALMA, {}),
    # 2023-12-31T22:00Z: 2024 in Riyadh
    "a8": ("انطلاق دوري المدارس مع بداية العام", "2024-01-01T01:00:00+03:00", SPORT, [], KHALED, {}),
    "a9": ("افتتاح ملعب جديد في الضاحية الغربية", "2023-06-10T10:00:00+03:00", SPORT, [], KHALED, {}),
    "live": ("مهرجان التسوق الشتوي يمدد أيامه", "2024-11-26T09:00:00+03:00", None, [], None,
             {"expires": "2025-06-01"}),
    "draft": ("مسودة تقرير عن الموازنة العامة", "2024-11-24T09:00:00+03:00", None, [], None, {"draft": True}),
    "future": ("مؤتمر الاستثمار الإقليمي المقبل", "2025-03-01T09:00:00+03:00", None, [], None, {}),
    "expired": ("عرض خاص على تذاكر الطيران", "2024-11-25T09:00:00+03:00", None, [], None, {"expires": "2024-12-15"}),
}
PUBLISHED = ["a7", "live", "a6", "a5", "a4", "a3", "a2", "a1", "a8", "a9"]  # newest first
HIDDEN = ["draft", "future", "expired"]
TITLE = {key: value[0] for key, value in ARTICLES.items()}
INSTANT = {key: datetime.fromisoformat(value[1]) for key, value in ARTICLES.items()}


def source(key: str) -> str:
    title, date, section, tags, author, extra = ARTICLES[key]
    extra = dict(extra)
    body = extra.pop("body", f"{title}، بحسب ما أفاد مراسلنا.")
    fields = {k: v for k, v in (("section", section), ("tags", tags or None), ("author", author)) if v}
    return article(title, date, body=body, **fields, **extra)


NEWS_FILES = {f"{key}.md": source(key) for key in ARTICLES}


# --- local helpers -----------------------------------------------------------------------


def build(root: Path, files: dict, config: dict | None = None, templates: dict | None = None, **options):
    site = make_site(root, files, {**CONFIG, **(config or {})}, templates=templates)
    built = build_site(site, **options)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    return built.output


def site_path(link: str) -> str:
    return unquote(urlsplit(link).path)


def page_at(output: Path, path: str) -> Path:
    file = output / path.strip("/") / "index.html" if path.endswith("/") else output / path.strip("/")
    assert file.is_file(), f"no page at {path}"
    return file


def titles_to_paths(output: Path) -> dict[str, str]:
    """``{h1 title: decoded site path}`` of every article page."""
    return {text_of(parse_html(f).one("h1")): "/" + f.parent.relative_to(output).as_posix() + "/"
            for f in article_pages(output)}


def main_list(page) -> list:
    """Lead story plus the article cards of the page's own list (not the per-section blocks)."""
    main = page.one("main")
    items = [el for el in main if el.tag == "section" and "lead-story" in (el.get("class") or "")]
    for ul in main:
        if ul.tag == "ul" and "article-list" in (ul.get("class") or ""):
            items += [li for li in ul if li.tag == "li"]
    return items


def item_path(item) -> str:
    """The site path a lead story or card links to (its title is an h2, or an h3 inside a block)."""
    return site_path(next(el for el in item.iter() if el.tag in ("h2", "h3")).find("a").get("href"))


def follow_listing(output: Path, first: str) -> tuple[list[str], list[str]]:
    """Walk a paginated list by its ``rel=next`` links: (article paths in order, page paths)."""
    articles, pages, path = [], [], first
    while path:
        file = page_at(output, path)
        pages.append(path)
        page = parse_html(file)
        articles += [item_path(item) for item in main_list(page)]
        nxt = [a for nav in page.all("nav", class_="pagination") for a in nav.iter("a") if a.get("rel") == "next"]
        if nxt:
            target, reason = resolve_link(output, BASE_URL, file, nxt[0].get("href"))
            assert reason is None, reason
            path = site_path(nxt[0].get("href"))
        else:
            path = None
        assert len(pages) < 20
    return articles, pages


def fold(text: str) -> str:
    return text.translate(_FOLD)


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The default build of the news mini-site (paginate 2): ``(output, {key: path})``."""
    out = build(tmp_path_factory.mktemp("news"), NEWS_FILES, {"paginate": 2})
    by_title = titles_to_paths(out)
    paths = {key: by_title[TITLE[key]] for key in PUBLISHED}
    return out, paths


# --- front page ---------------------------------------------------------------------------


def test_lead_story_is_the_newest_article(news):
    out, paths = news
    page = parse_html(out / "index.html")
    lead = page.one("section", class_="lead-story")
    assert item_path(lead) == paths["a7"]
    assert text_of(lead.find(".//h2")) == TITLE["a7"]


def test_front_page_has_a_block_per_section_newest_first(news):
    out, paths = news
    page = parse_html(out / "index.html")
    blocks = {text_of(b.find("h2")): b for b in page.all("section", class_="section-block")}
    assert set(blocks) == {ECONOMY, SPORT}
    for name, keys in ((ECONOMY, ["a7", "a6", "a4", "a2"]), (SPORT, ["a5", "a3", "a8", "a9"])):
        block = blocks[name]
        assert site_path(block.find("h2/a").get("href")) == f"/sections/{name}/"
        listed = [item_path(li) for li in block.iter("li") if "article-card" in (li.get("class") or "")]
        assert listed == [paths[k] for k in keys]


def test_front_page_lists_every_published_article_newest_first(news):
    out, paths = news
    listed, pages = follow_listing(out, "/")
    assert listed == [paths[k] for k in PUBLISHED]
    assert pages == ["/", "/page/2/", "/page/3/", "/page/4/", "/page/5/"]


# --- archives and pagination -------------------------------------------------------------


@pytest.mark.parametrize("first", [f"/sections/{ECONOMY}/", f"/tags/{MARKETS}/", "/authors/سلمى-يوسف/"])
def test_term_archives_are_paginated_newest_first(news, first):
    out, paths = news
    listed, pages = follow_listing(out, first)
    assert pages == [first, first + "page/2/", first + "page/3/"]
    assert not (out / first.strip("/") / "page/4").exists()
    assert listed == [paths[k] for k in ["a7", "a6", "a4", "a2", "a1"]]
    first_page = parse_html(page_at(out, first))
    nav = first_page.one("nav", class_="pagination")
    numbered = [(text_of(a), site_path(a.get("href"))) for a in nav.iter("a") if not a.get("rel")]
    assert numbered == [("1", first), ("2", first + "page/2/"), ("3", first + "page/3/")]
    for page_path in pages:
        file = page_at(out, page_path)
        nav_links = [a.get("href") for a in parse_html(file).one("nav", class_="pagination").iter("a")]
        for link in nav_links:
            assert resolve_link(out, BASE_URL, file, link)[1] is None, link


def test_every_internal_link_of_the_site_resolves(news):
    out, _ = news
    assert broken_links(out, BASE_URL) == []


@pytest.mark.parametrize("archive, keys", [
    ("/2024/", ["a7", "live", "a6", "a5", "a4", "a3", "a2", "a1", "a8"]),
    ("/2023/", ["a9"]),
    ("/2024/12/", ["a7"]),
    ("/2024/11/", ["live", "a6", "a5", "a4", "a3", "a2", "a1"]),
    ("/2024/01/", ["a8"]),
    ("/2023/06/", ["a9"]),
])
def test_date_archives_use_the_local_date(news, archive, keys):
    """An article at 00:30 Riyadh on 1 December is a December article, one at 01:00 on
    1 January 2024 belongs to 2024 (both are the previous month/year in UTC)."""
    out, paths = news
    listed, _ = follow_listing(out, archive)
    assert listed == [paths[k] for k in keys]


def test_no_date_archive_for_the_utc_only_month(news):
    out, _ = news
    assert not (out / "2023/12").exists()
    assert not (out / "2024/11/30").exists()


# --- article navigation ----------------------------------------------------------------------


def test_breadcrumbs_lead_home_then_section_without_repeating_the_headline(news):
    """The trail is Home › section; the headline is the <h1> right under it, so repeating it
    in the trail filled three lines at 360 px (issue 12)."""
    out, paths = news
    page = parse_html(page_at(out, paths["a4"]))
    crumbs = page.one("nav", class_="breadcrumbs").findall(".//li")
    assert [text_of(li) for li in crumbs] == ["الرئيسية", ECONOMY]
    assert site_path(crumbs[0].find("a").get("href")) == "/"
    assert site_path(crumbs[1].find("a").get("href")) == f"/sections/{ECONOMY}/"
    assert TITLE["a4"] not in text_of(page.one("nav", class_="breadcrumbs"))
    no_section = parse_html(page_at(out, paths["live"])).one("nav", class_="breadcrumbs").findall(".//li")
    assert [text_of(li) for li in no_section] == ["الرئيسية"]


def _prev_next(out: Path, path: str) -> dict[str, str]:
    page = parse_html(page_at(out, path))
    navs = page.all("nav", class_="prev-next")
    return {a.get("rel"): site_path(a.get("href")) for nav in navs for a in nav.iter("a")}


def test_prev_and_next_links_follow_publication_order(news):
    out, paths = news
    for i, key in enumerate(PUBLISHED):
        links = _prev_next(out, paths[key])
        expected = {}
        if i + 1 < len(PUBLISHED):
            expected["prev"] = paths[PUBLISHED[i + 1]]  # the next older article
        if i > 0:
            expected["next"] = paths[PUBLISHED[i - 1]]  # the next newer article
        assert links == expected, key


def _related(out: Path, path: str) -> list[str]:
    page = parse_html(page_at(out, path))
    sections = page.all("section", class_="related")
    return [item_path(li) for s in sections for li in s.iter("li")]


def test_related_articles_share_a_tag_newest_first(news):
    out, paths = news
    page = parse_html(page_at(out, paths["a6"]))
    assert text_of(page.one("section", class_="related").find("h2")) == "اقرأ أيضا"
    assert _related(out, paths["a6"]) == [paths[k] for k in ["a7", "a4", "a2", "a1"]]


def test_related_articles_never_include_the_article_or_unrelated_ones(news):
    out, paths = news
    key_of = {path: key for key, path in paths.items()}
    for key in PUBLISHED:
        _, _, section, tags, _, _ = ARTICLES[key]
        related = [key_of[p] for p in _related(out, paths[key])]
        assert key not in related
        assert len(related) == len(set(related)) <= 4
        for other in related:
            _, _, other_section, other_tags, _, _ = ARTICLES[other]
            assert (section and section == other_section) or set(tags) & set(other_tags), (key, other)


# --- publication rules --------------------------------------------------------------------


def _everywhere(out: Path) -> str:
    """All text the site publishes (pages, feeds, sitemaps), for absence checks."""
    return "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".xml"))


def test_drafts_future_and_expired_articles_are_left_out(news):
    out, paths = news
    titles = set(titles_to_paths(out))
    everything = _everywhere(out)
    for key in HIDDEN:
        assert TITLE[key] not in titles and TITLE[key] not in everything, key
    assert TITLE["live"] in titles  # expires after the build clock
    assert len(feedparser.parse((out / "feed.xml").read_bytes()).entries) == len(PUBLISHED)
    locs = {site_path(el.text) for el in ET.fromstring((out / "sitemap.xml").read_bytes()).iter(f"{SITEMAP}loc")}
    assert set(paths.values()) <= locs


@pytest.mark.parametrize("drafts, future", [(True, False), (False, True), (True, True)])
def test_drafts_and_future_articles_on_request(tmp_path, drafts, future):
    out = build(tmp_path, NEWS_FILES, {"paginate": 2}, drafts=drafts, future=future, build_time=BUILD_TIME)
    titles = set(titles_to_paths(out))
    assert (TITLE["draft"] in titles) is drafts
    assert (TITLE["future"] in titles) is future
    assert TITLE["expired"] not in titles
    assert len(titles) == len(PUBLISHED) + drafts + future


def test_expires_in_the_past_removes_an_article(tmp_path):
    files = {"sale.md": article("تخفيضات نهاية الموسم في المتاجر", "2024-11-10T09:00:00+03:00", expires="2024-12-31"),
             "news.md": article("افتتاح فرع جديد للمكتبة العامة", "2024-11-11T09:00:00+03:00")}
    before = build(tmp_path / "before", files, build_time=datetime(2024, 12, 30, tzinfo=timezone.utc))
    after = build(tmp_path / "after", files, build_time=datetime(2025, 1, 2, tzinfo=timezone.utc))
    assert len(article_pages(before)) == 2
    assert [text_of(parse_html(p).one("h1")) for p in article_pages(after)] == ["افتتاح فرع جديد للمكتبة العامة"]
    assert "تخفيضات نهاية الموسم" not in _everywhere(after)


def test_updated_shows_the_last_update_line(news):
    out, paths = news
    page = parse_html(page_at(out, paths["a3"]))
    updated = page.one("span", class_="updated")
    assert "آخر تحديث" in text_of(updated)
    stamp = updated.find("time")
    assert datetime.fromisoformat(stamp.get("datetime")) == datetime.fromisoformat("2024-11-20T15:30:00+03:00")
    assert "15:30" in fold(text_of(stamp)) or "3:30" in fold(text_of(stamp))
    assert parse_html(page_at(out, paths["a4"])).all("span", class_="updated") == []


def test_summary_is_cut_at_a_whole_word_with_an_ellipsis(news):
    out, paths = news
    page = parse_html(page_at(out, f"/sections/{SPORT}/"))
    card = next(li for li in page.all("li", class_="article-card") if item_path(li) == paths["a5"])
    summary = text_of(card.find(".//p"))
    assert summary.endswith("…") and len(summary) < len(LONG_PARAGRAPH)
    kept = summary[:-1]
    assert LONG_PARAGRAPH.startswith(kept)
    assert not re.match(r"\w", LONG_PARAGRAPH[len(kept)]), "cut inside a word"
    short = next(li for li in page.all("li", class_="article-card") if item_path(li) == paths["a3"])
    assert text_of(short.find(".//p")) == f"{TITLE['a3']}، بحسب ما أفاد مراسلنا."


# --- localised display ------------------------------------------------------------------


def words(n: int) -> str:
    pool = "قال المتحدث باسم الوزارة إن العمل في المشروع يسير وفق الجدول المحدد".split()
    return " ".join(pool[i % len(pool)] for i in range(n))


@pytest.fixture(scope="module")
def reading_times(tmp_path_factory):
    counts = {150: "r1", 350: "r2", 900: "r5", 2150: "r11"}
    titles = {"r1": "خبر قصير عن الطقس", "r2": "تقرير عن حركة المرور", "r5": "تحقيق عن أسعار السكن",
              "r11": "ملف خاص عن التعليم الجامعي"}
    files = {f"{key}.md": article(titles[key], f"2024-11-2{i}T09:00:00+03:00", body=words(n))
             for i, (n, key) in enumerate(counts.items())}
    out = build(tmp_path_factory.mktemp("reading"), files)
    shown = {}
    for file in article_pages(out):
        page = parse_html(file)
        key = next(k for k, t in titles.items() if t == text_of(page.one("h1")))
        shown[key] = text_of(page.one("span", class_="reading-time"))
    return shown


@pytest.mark.parametrize("key, ending", [("r1", "دقيقة"), ("r2", "دقيقتان"), ("r5", "5 دقائق"), ("r11", "11 دقيقة")],
                         ids=["one", "two", "few", "many"])
def test_reading_time_uses_arabic_plural_forms(reading_times, key, ending):
    text = reading_times[key]
    assert text.startswith("مدة القراءة")
    assert text.endswith(" " + ending), text
    if key in ("r1", "r2"):  # the singular and the dual carry no numeral
        assert not re.search(r"\d", text)


@pytest.fixture(scope="module")
def arab_digits(tmp_path_factory):
    files = {"one.md": article("افتتاح معرض السيارات الدولي", "2024-11-19T09:05:00+03:00", body=words(450),
                               tags=["سيارات"]),
             "two.md": article("توسعة الطريق الدائري الشمالي", "2024-11-20T10:15:00+03:00", tags=["سيارات"],
                               updated="2024-11-21T18:45:00+03:00"),
             "three.md": article("تشغيل خط حافلات جديد", "2024-11-21T11:25:00+03:00", tags=["سيارات"])}
    return build(tmp_path_factory.mktemp("arab"), files, {"digits": "arab", "paginate": 1})


def test_arab_digits_in_visible_dates_and_reading_time(arab_digits):
    out = arab_digits
    pages = [out / "index.html", *article_pages(out)]
    for file in pages:
        page = parse_html(file)
        for t in page.all("time"):
            assert ARABIC_INDIC.search(text_of(t)) and not ASCII_DIGIT.search(text_of(t)), text_of(t)
            assert re.fullmatch(r"[0-9T:+\-]+", t.get("datetime")), t.get("datetime")
    one = next(p for p in article_pages(out) if "معرض" in p.as_posix())
    assert text_of(parse_html(one).one("span", class_="reading-time")).endswith("٣ دقائق")


def test_arab_digits_in_pagination(arab_digits):
    out = arab_digits
    page = parse_html(out / "page/2/index.html")
    nav = page.one("nav", class_="pagination")
    numbered = [(text_of(a), a.get("href")) for a in nav.iter("a") if not a.get("rel")]
    assert numbered == [("١", "/"), ("٢", "/page/2/"), ("٣", "/page/3/")]
    assert "٢" in text_of(page.one("title"))
    assert text_of(parse_html(out / "2024/index.html").one("h1")).endswith("٢٠٢٤")


def test_arab_digits_stay_out_of_machine_readable_output(arab_digits):
    out = arab_digits
    for file in out.rglob("*.html"):
        page = parse_html(file)
        for link in page_links(page):
            assert not ARABIC_INDIC.search(unquote(link)), (file, link)
        for script in page.all("script", type="application/ld+json"):
            data = json.loads("".join(script.itertext()))
            assert not ARABIC_INDIC.search(json.dumps(data, ensure_ascii=False)), file
        for meta in page.all("meta"):
            if (meta.get("property") or "").endswith("_time"):
                assert not ARABIC_INDIC.search(meta.get("content")), meta.get("content")
    for name in ("feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt"):
        assert not ARABIC_INDIC.search((out / name).read_text(encoding="utf-8")), name
    for p in out.rglob("*"):
        assert not ARABIC_INDIC.search(p.name), p


@pytest.mark.parametrize("digits, expected", [
    ("latn", {"2024-11-21T01:30:00+03:00": "19 جمادى الأولى 1446", "2024-03-11T10:00:00+03:00": "1 رمضان 1445"}),
    ("arab", {"2024-11-21T01:30:00+03:00": "١٩ جمادى الأولى ١٤٤٦", "2024-03-11T10:00:00+03:00": "١ رمضان ١٤٤٥"}),
])
def test_hijri_date_is_umm_al_qura_of_the_local_day(tmp_path, digits, expected):
    files = {f"h{i}.md": article(f"خبر هجري رقم {'الأول الثاني'.split()[i]}", date, body="نص قصير.")
             for i, date in enumerate(expected)}
    out = build(tmp_path, files, {"hijri": True, "digits": digits})
    for file in article_pages(out):
        page = parse_html(file)
        stamp = page.one("header", class_="article-header").find(".//time").get("datetime")
        hijri = page.one("time", class_="hijri")
        assert hijri.get("datetime") == stamp[:10]  # the local Gregorian day, ISO 8601
        shown = text_of(hijri)
        assert shown.startswith(expected[stamp]), shown


def test_no_hijri_date_unless_configured(tmp_path):
    out = build(tmp_path, {"a.md": article("خبر بلا تاريخ هجري", "2024-11-21T01:30:00+03:00")})
    raw = article_pages(out)[0].read_text(encoding="utf-8")
    page = parse_html(raw)
    assert page.all("*", class_="hijri") == []
    assert "جمادى" not in raw and "هـ" not in raw


def test_ui_strings_come_from_the_arabic_catalogue(news):
    out, paths = news
    page = parse_html(page_at(out, paths["a6"]))
    texts = page.texts("*")
    assert "اقرأ أيضا" in page.texts("h2")
    assert text_of(page.one("nav", class_="breadcrumbs").find(".//a")) == "الرئيسية"
    assert not any(t in ("Home", "Read also", "Reading time:") for t in texts)
    assert text_of(page.one("span", class_="reading-time")).startswith("مدة القراءة:")


def test_english_site_shows_english_strings_left_to_right(tmp_path):
    files = {"a.md": article("Harbour bridge reopens after repairs", "2024-11-21T09:00:00+03:00",
                             body="The bridge reopened to traffic this morning.", tags=["transport"]),
             "b.md": article("New ferry line starts next week", "2024-11-22T09:00:00+03:00",
                             body="A ferry line will link the two banks.", tags=["transport"])}
    out = build(tmp_path, files, {"locale": "en"})
    for file in (out / "index.html", *article_pages(out)):
        html = parse_html(file).html_element()
        assert (html.get("lang"), html.get("dir")) == ("en", "ltr"), file
    page = parse_html(article_pages(out)[0])
    assert text_of(page.one("nav", class_="breadcrumbs").find(".//a")) == "Home"
    assert "Read also" in page.texts("h2")
    assert text_of(page.one("span", class_="reading-time")).startswith("Reading time:")
    assert "November" in text_of(page.one("header", class_="article-header").find(".//time"))
    raw = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    for arabic_ui in ("الرئيسية", "اقرأ أيضا", "مدة القراءة", 'dir="rtl"'):
        assert arabic_ui not in raw, arabic_ui


# --- reproducibility and templates --------------------------------------------------------


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    first = build(tmp_path / "one", NEWS_FILES, {"paginate": 2, "hijri": True})
    second = build(tmp_path / "two", NEWS_FILES, {"paginate": 2, "hijri": True})
    tree = snapshot(first)
    assert len(tree) > 40
    assert snapshot(second) == tree
    for data in tree.values():
        assert str(tmp_path).encode() not in data


def test_rebuilding_in_place_gives_the_same_tree(tmp_path):
    site = make_site(tmp_path, NEWS_FILES, {**CONFIG, "paginate": 3})
    assert build_site(site).result.exit_code == 0
    before = snapshot(site.output)
    assert build_site(site).result.exit_code == 0
    assert snapshot(site.output) == before


SITE_CARD = """<li class="article-card site-card">
  <h2 class="card-title"><a href="{{ href(item.url) }}">{{ item.display_title }}</a></h2>
  <p class="site-override">بطاقة من قالب الموقع</p>
</li>
"""
SITE_404 = """{% extends "base.html" %}
{% block main %}<h1 class="page-title">عذرا، لم نجد الصفحة</h1>{% endblock %}
"""


def test_site_templates_override_the_theme_file_by_file(tmp_path):
    files = {f"{k}.md": source(k) for k in ("a1", "a2", "a4", "a6")}
    out = build(tmp_path, files, templates={"partials/article_card.html": SITE_CARD, "404.html": SITE_404})
    index = parse_html(out / "index.html")
    assert len(index.all("p", class_="site-override")) >= 3  # cards everywhere use the site's partial
    assert index.all("section", class_="lead-story")         # index.html itself is the theme's
    article_page = parse_html(page_at(out, titles_to_paths(out)[TITLE["a6"]]))
    assert article_page.all("p", class_="site-override")     # related cards
    assert article_page.all("nav", class_="breadcrumbs")     # article.html from the theme
    assert text_of(article_page.one("p", class_="copyright")).startswith("©")  # base.html from the theme
    not_found = parse_html(out / "404.html")
    assert text_of(not_found.one("h1")) == "عذرا، لم نجد الصفحة"
    assert not_found.html_element().get("dir") == "rtl" and not_found.all("footer")
