"""Rendering: escaping, language and direction, localized dates and digits, reading time,
heading ids, and the site's templates in front of the theme."""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import unquote

import pytest

from helpers import article, article_pages, build_site, parse_html, text_of
from sitegen.arabic import slugify
from sitegen.markup import blocks_to_html
from sitegen.model import Block
from sitegen.render import WORDS_PER_MINUTE, make_environment

HOSTILE_TITLE = 'تنبيه: "الشرطة" تحذر من <script>alert(1)</script> & رسائل مزيفة'
SITE_TITLE = 'أخبار & <المدينة> "اليوم"'


def only_article(built):
    pages = article_pages(built.output)
    assert len(pages) == 1, pages
    return pages[0]


def build_one(new_site, config=None, **fields):
    fields.setdefault("title", "افتتاح جسر جديد فوق النهر")
    fields.setdefault("date", "2024-11-21T11:44:00+03:00")
    site = new_site({"a.md": article(**fields)}, config=config)
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    return built, parse_html(only_article(built))


def meta_time(page):
    """The article header's first ``<time>`` element."""
    header = page.one("header", class_="article-header")
    return page.within(header).all("time")[0]


# --- escaping -------------------------------------------------------------------------


@pytest.fixture
def hostile_build(new_site):
    site = new_site({"a.md": article(HOSTILE_TITLE, "2024-11-21T10:00:00+03:00", tags=["<b>عاجل</b>"],
                                     summary='ملخص فيه <img src=x onerror=alert(2)> & "اقتباس"',
                                     body="نص الخبر & تفاصيل < أكثر.")},
                    config={"title": SITE_TITLE})
    built = build_site(site)
    assert built.result.exit_code == 0
    return built


def test_title_is_escaped_exactly_once_on_the_article_page(hostile_build):
    file = only_article(hostile_build)
    raw = file.read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "&amp;" in raw
    for doubled in ("&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;#34;", "&amp;quot;"):
        assert doubled not in raw
    page = parse_html(file)
    assert page.texts("h1") == [HOSTILE_TITLE]
    assert HOSTILE_TITLE in text_of(page.one("title"))


def test_attributes_hold_the_exact_text(hostile_build):
    page = parse_html(only_article(hostile_build))
    description = page.one("meta", name="description").get("content")
    assert description == 'ملخص فيه <img src=x onerror=alert(2)> & "اقتباس"'
    for el in page.all("meta"):
        if (el.get("property") or el.get("name")) in ("og:title", "twitter:title"):
            assert el.get("content") == HOSTILE_TITLE
    assert page.all("img", src="x") == []


def test_no_script_element_carries_the_payload(hostile_build):
    for file in hostile_build.output.rglob("*.html"):
        page = parse_html(file)
        for script in page.all("script"):
            body = "".join(script.itertext())
            if script.get("type") == "application/ld+json":
                json.loads(body)                 # still valid JSON: the title did not break out
                assert "<" not in body, file     # so no "</script>" can end the element early
            else:
                assert "alert" not in body, file


def test_json_ld_headline_equals_the_title(hostile_build):
    page = parse_html(only_article(hostile_build))
    headlines = []
    for script in page.all("script", type="application/ld+json"):
        data = json.loads("".join(script.itertext()))
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and "headline" in item:
                headlines.append(item["headline"])
    assert headlines and set(headlines) == {HOSTILE_TITLE}


def test_every_page_escapes_title_and_tag(hostile_build):
    for file in hostile_build.output.rglob("*.html"):
        raw = file.read_text(encoding="utf-8")
        assert "<script>alert" not in raw, file
        assert "<b>عاجل</b>" not in raw, file
        assert "<img src=x" not in raw and "&amp;amp;" not in raw and "&amp;lt;" not in raw, file
    index = parse_html(hostile_build.output / "index.html")
    assert HOSTILE_TITLE in [text_of(a) for a in index.all("a")]
    tag_dirs = [p.name for p in (hostile_build.output / "tags").iterdir()]
    assert len(tag_dirs) == 1 and not any(c in tag_dirs[0] for c in '<>"')
    article_page = parse_html(only_article(hostile_build))
    assert "<b>عاجل</b>" in [text_of(a) for a in article_page.all("a")]


def test_site_title_is_escaped(hostile_build):
    for file in (hostile_build.output / "index.html", only_article(hostile_build)):
        page = parse_html(file)
        assert "<المدينة>" not in page.raw
        assert page.texts("a", class_="site-title") == [SITE_TITLE]
        assert text_of(page.one("title")).endswith(SITE_TITLE)


def test_body_text_is_escaped(hostile_build):
    page = parse_html(only_article(hostile_build))
    body = page.one("div", class_="article-body")
    assert "نص الخبر & تفاصيل < أكثر." in [text_of(p) for p in page.within(body).all("p")]


def test_raw_html_in_markdown_is_sanitised(new_site):
    body = ("فقرة أولى.\n\n<script>alert(3)</script>\n\n"
            '<p onclick="alert(4)">فقرة بحدث</p>\n\n<a href="javascript:alert(5)">رابط خطر</a>\n')
    built, page = build_one(new_site, body=body)
    raw = only_article(built).read_text(encoding="utf-8")
    assert "alert(3)" not in raw.replace("&lt;script&gt;alert(3)", "")
    assert "onclick" not in raw and "javascript:" not in raw


# --- language and direction ---------------------------------------------------------


@pytest.mark.parametrize("locale, lang, direction", [("ar_EG", "ar-EG", "rtl"), ("ar", "ar", "rtl"),
                                                     ("fr", "fr", "ltr"), ("en", "en", "ltr")])
def test_html_lang_and_dir_from_locale(new_site, locale, lang, direction):
    built, page = build_one(new_site, config={"locale": locale})
    for file in (only_article(built), built.output / "index.html", built.output / "404.html"):
        html = parse_html(file).html_element()
        assert (html.get("lang"), html.get("dir")) == (lang, direction), file


def test_article_element_carries_its_own_direction(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG"})
    el = page.one("article")
    assert (el.get("lang"), el.get("dir")) == ("ar-EG", "rtl")


# --- dates --------------------------------------------------------------------------


def test_localized_date_and_iso_datetime(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn"})
    time_el = meta_time(page)
    assert time_el.get("datetime") == "2024-11-21T11:44:00+03:00"
    assert text_of(time_el).startswith("الخميس، 21 نوفمبر 2024")


def test_visible_date_is_the_site_timezone_day(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn"}, date="2024-11-20T22:30:00Z")
    time_el = meta_time(page)
    assert "21 نوفمبر 2024" in text_of(time_el)
    assert "20 نوفمبر" not in page.raw


@pytest.mark.parametrize("locale, month, not_month", [("ar_LB", "تشرين الثاني", "نوفمبر"),
                                                     ("ar_SY", "تشرين الثاني", "نوفمبر"),
                                                     ("ar_MA", "نونبر", "نوفمبر"),
                                                     ("ar_SA", "نوفمبر", "تشرين")])
def test_regional_month_names(new_site, locale, month, not_month):
    built, page = build_one(new_site, config={"locale": locale})
    assert month in text_of(meta_time(page))
    index = parse_html(built.output / "index.html")
    dates = [text_of(t) for t in index.all("time")]
    assert dates and all(month in d and not_month not in d for d in dates)
    assert not re.search(r"Nov|November", " ".join(dates))


def test_arabic_indic_digits_in_visible_date_only(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "arab"})
    time_el = meta_time(page)
    assert time_el.get("datetime") == "2024-11-21T11:44:00+03:00"
    visible = text_of(time_el)
    assert visible.startswith("الخميس، ٢١ نوفمبر ٢٠٢٤")
    assert not re.search(r"[0-9]", visible)
    for el in parse_html(built.output / "index.html").all("time"):
        assert re.fullmatch(r"[0-9T:+-]+", el.get("datetime"))
        assert not re.search(r"[0-9]", text_of(el))


def test_latin_digits_when_configured(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn"})
    assert not re.search("[٠-٩]", text_of(meta_time(page)))


# --- reading time -------------------------------------------------------------------


def words(n: int) -> str:
    vocabulary = ["قال", "المسؤول", "إن", "المشروع", "سيكتمل", "قبل", "نهاية", "العام"]
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(n))


def reading_time_text(page) -> str:
    return text_of(page.one("span", class_="reading-time"))


@pytest.mark.parametrize("minutes, shown", [(1, "دقيقة"), (2, "دقيقتان"), (3, "3 دقائق"), (11, "11 دقيقة")])
def test_reading_time_plural_forms(new_site, minutes, shown):
    built, page = build_one(new_site, config={"digits": "latn"}, body=words(WORDS_PER_MINUTE * minutes))
    text = reading_time_text(page)
    assert text.endswith(shown)
    if minutes == 1:
        assert not re.search(r"[0-9٠-٩]", text)


def test_reading_time_never_zero(new_site):
    built, page = build_one(new_site, body="سطر.")
    text = reading_time_text(page)
    assert text.endswith("دقيقة")
    assert not re.search(r"(^|\D)[0٠](\D|$)", text)


def test_reading_time_counts_arabic_words(new_site):
    # 2.5 minutes of Arabic with punctuation glued and standalone: never shown as 0 or 1 minute
    body = (words(WORDS_PER_MINUTE * 2) + " ، ؛ ؟ ") * 1 + words(WORDS_PER_MINUTE // 2)
    built, page = build_one(new_site, config={"digits": "latn"}, body=body)
    assert reading_time_text(page).endswith("3 دقائق")


def test_reading_time_uses_arabic_indic_digits_when_configured(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "arab"}, body=words(WORDS_PER_MINUTE * 3))
    text = reading_time_text(page)
    assert text.endswith("٣ دقائق")
    assert not re.search(r"[0-9]", text)


def test_pagination_numbers_follow_digits_setting(new_site):
    files = {f"{n}.md": article(f"خبر رقم {n} عن المدينة", f"2024-11-{10 + n}T10:00:00+03:00") for n in range(1, 4)}
    site = new_site(files, config={"locale": "ar_EG", "digits": "arab", "paginate": 1})
    built = build_site(site)
    index = parse_html(built.output / "index.html")
    nav = index.one("nav", class_="pagination")
    numbers = [text_of(a) for a in index.within(nav).all("a") if not a.get("rel")]
    assert numbers == ["١", "٢", "٣"]


# --- heading ids --------------------------------------------------------------------


def test_heading_ids_keep_arabic_and_are_unique(new_site):
    body = ("[انتقل إلى ردود الأفعال](#ردود-الأفعال)\n\n## الخلفية\n\nنص أول.\n\n"
            "## ردود الأفعال\n\nنص ثان.\n\n## الخلفية\n\nنص ثالث.\n")
    built, page = build_one(new_site, body=body)
    body_el = page.one("div", class_="article-body")
    ids = [h.get("id") for h in page.within(body_el).all("h2")]
    assert ids == ["الخلفية", "ردود-الأفعال", "الخلفية_1"]
    link = [a.get("href") for a in page.within(body_el).all("a")]
    assert [unquote(h) for h in link] == ["#ردود-الأفعال"]
    assert unquote(link[0])[1:] in page.ids()


def test_raw_dump_heading_ids_follow_the_same_rule():
    html = blocks_to_html((Block("heading", "الخلفية"), Block("paragraph", "نص."), Block("heading", "ردود الأفعال"),
                           Block("heading", "الخلفية")))
    assert re.findall(r'<h2 id="([^"]+)">', html) == ["الخلفية", "ردود-الأفعال", "الخلفية_1"]


def test_body_ids_never_take_an_id_of_the_theme(new_site):
    # /tmp/attack46/r12-heading-id-duplicates-template-id.sh: "## Main" got id="main", the id of
    # the theme's <main> (the skip link's target); raw HTML id="main" and id="search" did the same.
    body = "نص.\n\n## Main\n\nنص.\n\n## Main\n\n<p id=\"search\">فقرة</p>\n\n<p id=\"Main\">فقرة</p>\n\n## Mainly\n"
    built, page = build_one(new_site, body=body)
    body_el = page.within(page.one("div", class_="article-body"))
    assert [h.get("id") for h in body_el.all("h2")] == ["main_1", "main_2", "mainly"]
    assert [p.get("id") for p in body_el.all("p") if p.get("id")] == ["search_1", "Main"]  # ids are case-sensitive
    assert page.one("*", id="main").tag == "main"
    prose_page = build_one(new_site, body="نص.\n\n## Main\n\nنص.\n")[1]  # the prose path, no Python-Markdown
    assert [h.get("id") for h in prose_page.all("h2") if h.get("id")] == ["main_1"]


def test_raw_dump_heading_ids_keep_clear_of_the_theme_ids():
    # /tmp/attack46/r12-heading-id-duplicates-template-id.sh, for raw dumps
    html = blocks_to_html((Block("heading", "Main"), Block("heading", "Main"), Block("heading", "Ticker label")))
    assert re.findall(r'<h2 id="([^"]+)">', html) == ["main_1", "main_1_1", "ticker-label_1"]


# --- site templates first, theme last ---------------------------------------------


def test_site_template_overrides_theme_file_but_keeps_theme_base(new_site):
    override = ('{% extends "base.html" %}\n{% block main %}'
                '<p class="site-override">قالب الموقع: {{ article.display_title }}</p>{% endblock %}\n')
    site = new_site({"a.md": article("افتتاح جسر جديد فوق النهر")}, config={"locale": "ar_EG"},
                    templates={"article.html": override})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    page = parse_html(only_article(built))
    assert page.texts("p", class_="site-override") == ["قالب الموقع: افتتاح جسر جديد فوق النهر"]
    assert page.all("div", class_="article-body") == []        # the theme's article.html was not used
    html = page.html_element()
    assert (html.get("lang"), html.get("dir")) == ("ar-EG", "rtl")  # the theme's base.html was
    assert page.all("header", class_="site-header") and page.all("footer", class_="site-footer")
    index = parse_html(built.output / "index.html")
    assert index.all("p", class_="site-override") == []          # other pages keep the theme


def test_site_partial_overrides_theme_partial(new_site):
    card = '<li class="my-card">{{ item.display_title }}</li>\n'
    files = {f"{n}.md": article(f"خبر رقم {n} عن المدينة", f"2024-11-{10 + n}T10:00:00+03:00") for n in range(1, 4)}
    site = new_site(files, templates={"partials/article_card.html": card})
    built = build_site(site)
    index = parse_html(built.output / "index.html")
    assert "خبر رقم 1 عن المدينة" in index.texts("li", class_="my-card")
    assert index.all("li", class_="article-card") == []


def test_article_urls_on_index_point_to_article_pages(new_site):
    built, page = build_one(new_site)
    index = parse_html(built.output / "index.html")
    target = "/" + only_article(built).parent.relative_to(built.output).as_posix() + "/"
    assert target in [unquote(a.get("href")) for a in index.all("a")]
    assert target.split("/")[4] == slugify("افتتاح جسر جديد فوق النهر")


def test_hijri_date_is_for_the_local_day(new_site):
    # 2024-11-20 22:30 UTC is 21 November in Riyadh = 19 Jumada al-Ula 1446 (Umm al-Qura)
    built, page = build_one(new_site, config={"locale": "ar_SA", "digits": "arab", "hijri": True},
                            date="2024-11-20T22:30:00Z")
    assert page.texts("time", class_="hijri") == ["١٩ جمادى الأولى ١٤٤٦ هـ"]


def test_no_hijri_date_unless_configured(new_site):
    built, page = build_one(new_site)
    assert page.all("span", class_="hijri") == []


@pytest.mark.parametrize("site_locale, article_lang, direction", [("ar_EG", "en", "ltr"), ("fr", "ar", "rtl")])
def test_article_language_from_front_matter_sets_its_direction(new_site, site_locale, article_lang, direction):
    built, page = build_one(new_site, config={"locale": site_locale}, lang=article_lang,
                            title="Bridge opens downtown" if article_lang == "en" else "افتتاح جسر جديد فوق النهر")
    el = page.one("article")
    assert (el.get("lang"), el.get("dir")) == (article_lang, direction)


def test_a_lang_that_is_not_a_language_tag_is_a_warning_and_the_site_language_is_used(new_site):
    """``lang: arabic`` (or a value with quotes, or Arabic script) went into ``<article lang>`` as
    written, invalid HTML (BCP 47, HTML §3.2.6.2); ``ar_EG`` is the CLDR spelling of ``ar-EG``."""
    langs = {"a.md": "arabic", "b.md": 'en" onload="x', "c.md": "العربية", "d.md": "en_GB", "e.md": "zh-Hant-TW"}
    site = new_site({name: article(f"خبر {name}", f"2024-11-2{n}T10:00:00+03:00", lang=lang)
                     for n, (name, lang) in enumerate(langs.items())}, config={"locale": "ar_EG"})
    built = build_site(site)
    assert built.result.exit_code == 0
    warned = sorted(d.path.rsplit("/", 1)[-1] for d in built.diagnostics if d.code == "bad-value" and d.field == "lang")
    assert warned == ["a.md", "b.md", "c.md"]
    written = {}
    for path in article_pages(built.output):
        element = parse_html(path).one("article")
        written[element.get("lang")] = element.get("dir")
    assert written == {"ar-EG": "rtl", "en-GB": "ltr", "zh-Hant-TW": "ltr"}


def test_explicit_dir_in_front_matter_wins(new_site):
    built, page = build_one(new_site, config={"locale": "ar_EG"}, lang="en", dir="rtl", title="Mixed page")
    assert page.one("article").get("dir") == "rtl"


def test_embeds_only_from_allowed_hosts(new_site):
    body = ('مقطع الافتتاح:\n\n<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n\n'
            '<iframe src="https://tracker.example/frame"></iframe>\n\n<img src="/images/a.png" onerror="alert(6)" alt="صورة">\n')
    built, page = build_one(new_site, body=body)
    body_el = page.within(page.one("div", class_="article-body"))
    assert [f.get("src") for f in body_el.all("iframe")] in (["https://www.youtube.com/embed/abc123", None],
                                                            ["https://www.youtube.com/embed/abc123"])
    (img,) = body_el.all("img")
    assert img.get("onerror") is None and img.get("alt") == "صورة"


# --- root-relative links in bodies (site_links) ----------------------------------------

LINKS_BODY = ("![مخطط](/images/a.png)\n\n"
              "[تقرير الميزانية](/2024/05/01/تقرير-الميزانية/?ref=home&x=1#الأرقام) "
              "[صورة مرمزة](/%D8%B5%D9%88%D8%B1/b%20c.png) [الرئيسية](/) "
              "[موقع آخر](https://example.org/a) [نسخة](//cdn.example.org/x.png) "
              "[الأرقام](#الأرقام) [قريب](../other/)\n")
# External links stay; a protocol-relative one is another site and is written as https (issue 9).
UNTOUCHED = ["https://example.org/a", "https://cdn.example.org/x.png", "#الأرقام", "../other/"]


def body_links(page) -> list[str]:
    body = page.within(page.one("div", class_="article-body"))
    return [el.get("src") for el in body.all("img")] + [el.get("href") for el in body.all("a")]


def test_root_relative_body_links_go_under_the_base_path(new_site):
    built, page = build_one(new_site, config={"base_url": "https://example.com/news/"}, body=LINKS_BODY,
                            date="2024-11-21T11:44:00+03:00")
    assert body_links(page) == [
        "/news/images/a.png",
        "/news/2024/05/01/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1-%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9/"
        "?ref=home&x=1#الأرقام",
        "/news/%D8%B5%D9%88%D8%B1/b%20c.png",  # decoded, then encoded once: no %25
        "/news/",
        *UNTOUCHED,
    ]
    assert '?ref=home&amp;x=1#' in page.raw  # the query's & is still escaped in the attribute


def test_root_relative_body_links_become_relative_with_relative_urls(new_site):
    built, page = build_one(new_site, config={"relative_urls": True}, body=LINKS_BODY)
    up = "../../../../"  # from 2024/11/21/SLUG/index.html
    assert body_links(page) == [
        f"{up}images/a.png",
        "../../../05/01/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1-%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9/"
        "index.html?ref=home&x=1#الأرقام",  # the shared 2024/ is not climbed
        f"{up}%D8%B5%D9%88%D8%B1/b%20c.png",
        f"{up}index.html",
        *UNTOUCHED,
    ]


def test_link_markup_written_as_text_is_not_rewritten(new_site):
    body = 'اكتب الرابط هكذا: `<a href="/about/">من نحن</a>` ثم احفظ الملف.\n\n[من نحن](/about/)\n'
    built, page = build_one(new_site, config={"base_url": "https://example.com/news/"}, body=body)
    body_el = page.within(page.one("div", class_="article-body"))
    assert body_el.texts("code") == ['<a href="/about/">من نحن</a>']
    assert [a.get("href") for a in body_el.all("a")] == ["/news/about/"]


def test_body_image_resolves_under_a_base_path(new_site):
    site = new_site({"a.md": article(body="![مخطط الأسعار](/images/chart.png)"), "images/chart.png": b"\x89PNG-test"},
                    config={"base_url": "https://example.com/news/"})
    built = build_site(site)
    page = parse_html(only_article(built))
    (img,) = page.within(page.one("div", class_="article-body")).all("img")
    assert img.get("src") == "/news/images/chart.png"
    assert (built.output / "images/chart.png").read_bytes() == b"\x89PNG-test"


# --- a date without a time ----------------------------------------------------------


@pytest.mark.parametrize("date, shown", [
    ("2024-11-21", "الخميس، 21 نوفمبر 2024"),                      # a bare date is local midnight
    ("2024-11-21T00:00:00+03:00", "الخميس، 21 نوفمبر 2024"),
    ("2024-11-21T11:44:00+03:00", "الخميس، 21 نوفمبر 2024 - 11:44 ص"),
    ("2024-11-20T21:00:00Z", "الخميس، 21 نوفمبر 2024"),             # midnight in Riyadh, not in UTC
    ("2024-11-21T00:00:30+03:00", "الخميس، 21 نوفمبر 2024 - 12:00 ص"),  # not exactly midnight
])
def test_time_is_shown_only_when_the_local_time_is_not_midnight(new_site, date, shown):
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn"}, date=date, updated=date)
    assert text_of(meta_time(page)) == shown
    (updated,) = page.all("span", class_="updated")
    assert text_of(updated).endswith(shown)


def test_a_day_whose_midnight_is_skipped_is_shown_without_an_invented_time(new_site):
    # /tmp/attack47/r3-dateonly-dst-midnight-rejected.sh: `date: 2024-04-26` in Africa/Cairo is the
    # day's first instant, 01:00+03:00; pages show the date alone, feeds the instant
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn", "timezone": "Africa/Cairo"},
                            date="2024-04-26", updated="2024-04-26")
    assert text_of(meta_time(page)) == "الجمعة، 26 أبريل 2024"
    assert meta_time(page).get("datetime") == "2024-04-26"
    assert "<pubDate>Fri, 26 Apr 2024 01:00:00 +0300</pubDate>" in (built.output / "feed.xml").read_text(encoding="utf-8")


def test_a_time_written_at_the_first_instant_of_a_skipped_midnight_day_is_shown(new_site):
    # /tmp/attack47b/r4-written-time-hidden-on-dst-day.sh: Asia/Beirut skips 00:00-01:00 on
    # 2024-03-31; `date: 2024-03-31T01:00` is a time the writer gave (not a day alone), so the
    # page shows it, as it shows 02:00
    built, page = build_one(new_site, config={"locale": "ar_EG", "digits": "latn", "timezone": "Asia/Beirut"},
                            date="2024-03-31T01:00")
    assert meta_time(page).get("datetime") == "2024-03-31T01:00:00+03:00"
    assert text_of(meta_time(page)).endswith("1:00 ص"), text_of(meta_time(page))


# --- heading levels of article cards ----------------------------------------------------


def card_tags(page, container) -> list[str]:
    return [el.tag for el in page.within(container).all("*", class_="card-title")]


def test_cards_under_a_block_heading_are_h3(new_site):
    files = {f"{n}.md": article(f"خبر رقم {n} من قسم {section}", f"2024-11-{10 + n}T09:00:00+03:00", section=section)
             for n, section in enumerate(["رياضة", "رياضة", "رياضة", "ثقافة", "ثقافة"], start=1)}
    built = build_site(new_site(files))
    index = parse_html(built.output / "index.html")
    main_list = next(ul for ul in index.one("main") if ul.tag == "ul")
    # the front page's own list sits under its «آخر الأخبار» h2; the lead story is the fifth
    assert [(el.tag, text_of(el)) for el in index.one("main") if el.tag in ("h1", "h2")][1:] == [("h2", "آخر الأخبار")]
    assert card_tags(index, main_list) == ["h3"] * 4
    blocks = index.all("section", class_="section-block")
    assert len(blocks) == 2 and all(card_tags(index, b) and set(card_tags(index, b)) == {"h3"} for b in blocks)
    page = parse_html(next(p for p in article_pages(built.output) if "خبر-رقم-1-" in p.as_posix()))
    assert card_tags(page, page.one("section", class_="related")) == ["h3", "h3"]
    archive = parse_html(built.output / "sections" / "رياضة" / "index.html")
    assert card_tags(archive, archive.one("main")) == ["h2"] * 3


def test_a_date_without_a_time_is_shown_and_marked_up_as_a_date(new_site):
    # "A date is not a time" (issue 13): no invented midnight in <time> or JSON-LD.
    site = new_site({"day.md": article("خبر بتاريخ يوم فقط", "2024-11-21"),
                     "timed.md": article("خبر بتاريخ ووقت", "2024-11-21T00:00:00+03:00")})
    build_site(site)
    day = parse_html(site.output / "2024/11/21/خبر-بتاريخ-يوم-فقط/index.html")
    assert day.one("time").get("datetime") == "2024-11-21"
    assert " - " not in text_of(day.one("time"))
    data = next(json.loads(text_of(s)) for s in day.all("script", type="application/ld+json")
                if json.loads(text_of(s))["@type"] == "NewsArticle")
    assert (data["datePublished"], data["dateModified"]) == ("2024-11-21", "2024-11-21")
    assert day.one("meta", property="article:published_time").get("content") == "2024-11-21"
    timed = parse_html(site.output / "2024/11/21/خبر-بتاريخ-ووقت/index.html")
    assert timed.one("time").get("datetime") == "2024-11-21T00:00:00+03:00"  # a written midnight stays a time
    cards = parse_html(site.output / "index.html").all("time")
    assert sorted(c.get("datetime") for c in cards) == ["2024-11-21", "2024-11-21T00:00:00+03:00"]


def test_same_day_date_only_articles_keep_one_order_across_builds(new_site):
    files = {f"{name}.md": article(f"خبر اليوم رقم {name}", "2024-11-21", body=f"نص {name}.") for name in "cab"}
    site = new_site(files)
    orders = []
    for _ in range(2):
        build_site(site)
        orders.append([text_of(a) for a in parse_html(site.output / "index.html").all("a")
                       if text_of(a).startswith("خبر اليوم")])
    assert orders[0] == orders[1] == ["خبر اليوم رقم a", "خبر اليوم رقم b", "خبر اليوم رقم c"]


# --- newsroom theme (issue 12) --------------------------------------------------------------


def test_latin_runs_are_isolated_in_titles_cards_and_breadcrumbs(new_site):
    """Issue 12: ``<h1>خبر اليوم عن Apple و iPhone 16</h1>`` was not bidi-isolated."""
    files = {"a.md": article("خبر اليوم عن Apple و iPhone 16", "2024-11-21T10:00:00+03:00", section="Tech عربي",
                             summary="ملخص عن Samsung Galaxy"),
             "b.md": article("خبر آخر", "2024-11-20T10:00:00+03:00", section="Tech عربي")}
    built = build_site(new_site(files))
    page_file = next(p for p in article_pages(built.output) if "apple" in p.as_posix().lower())
    raw = page_file.read_text("utf-8")
    assert '<h1 class="headline">خبر اليوم عن <bdi>Apple</bdi> و <bdi>iPhone 16</bdi></h1>' in raw
    assert "<bdi>Tech</bdi> عربي</a></li>" in raw  # breadcrumb and section menu
    index = (built.output / "index.html").read_text("utf-8")
    assert "ملخص عن <bdi>Samsung Galaxy</bdi>" in index
    assert "<title>خبر اليوم عن Apple و iPhone 16 |" in raw  # plain text where markup is not allowed


def test_tables_scroll_in_a_focusable_named_region(new_site):
    body = "| أ | ب |\n| --- | --- |\n| 1 | +2% |\n"
    _, page = build_one(new_site, body=body)
    region = page.one("div", class_="table-scroll")
    assert (region.get("role"), region.get("tabindex"), region.get("aria-label")) == ("region", "0", "جدول")
    assert region.find("table") is not None


def test_external_urls_with_a_space_are_encoded_in_every_attribute(new_site):
    # /tmp/attack46/r6-author-link-space-invalid-href.sh and r7-image-url-space-invalid-src.sh: an
    # author link and an image: URL with a space went raw into href, <img src> and sameAs.
    site = new_site({"a.md": article(image="https://cdn.example.org/photos/a b.jpg", author="أحمد علي")},
                    config={"logo": "https://cdn.example.org/شعار 1.png"})
    (site.root / "authors.yaml").write_text('أحمد علي: {links: {x: "https://x.com/ahmed ali"}, '
                                            'photo: "https://cdn.example.org/p q.jpg"}\n', encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    page = parse_html(only_article(built))
    assert "https://cdn.example.org/photos/a%20b.jpg" in [img.get("src") for img in page.all("img")]
    assert page.one("img", class_="site-logo").get("src") == "https://cdn.example.org/%D8%B4%D8%B9%D8%A7%D8%B1%201.png"
    (author_page,) = (built.output / "authors").glob("*/index.html")
    author = parse_html(author_page)
    assert [a.get("href") for a in author.all("a", rel="me noopener")] == ["https://x.com/ahmed%20ali"]
    assert "https://cdn.example.org/p%20q.jpg" in [img.get("src") for img in author.all("img")]
    (person,) = [json.loads(script.text) for script in author.all("script", type="application/ld+json")]
    assert person["mainEntity"]["sameAs"] == ["https://x.com/ahmed%20ali"]
    assert not [p for p in built.output.rglob("*.html") if " b.jpg" in p.read_text(encoding="utf-8")
                or "ahmed ali" in p.read_text(encoding="utf-8")]


def test_favicon_masthead_and_share_links(new_site):
    config = {"favicon": "/brand/icon.png", "share": ["whatsapp", "copy"],
              "masthead": [{"role": "رئيس التحرير", "name": "هالة منصور"}]}
    built, page = build_one(new_site, config=config)
    icon = page.one("link", rel="icon")
    assert (icon.get("href"), icon.get("type")) == ("/brand/icon.png", "image/png")
    masthead = page.one("dl", class_="masthead")
    assert [text_of(el) for el in masthead.iter() if el.tag in ("dt", "dd")] == ["رئيس التحرير", "هالة منصور"]
    share = page.one("div", class_="share")
    links = [a.get("href") for a in share.iter("a")]
    canonical = page.one("link", rel="canonical").get("href")
    assert links[0].startswith("https://wa.me/?text=") and links[1] == canonical
    assert len(links) == 2 and not page.all("script", src=None, type=None)


def test_theme_favicon_by_default(new_site):
    built, page = build_one(new_site)
    assert page.one("link", rel="icon").get("href") == "/favicon.svg"
    assert (built.output / "favicon.svg").is_file()


# --- cards rendered once and reused (issue 10)

def _card_site(config_data: dict):
    from datetime import datetime, timedelta, timezone

    from sitegen.collect import collect
    from sitegen.config import parse_config
    from sitegen.model import Article

    config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh", **config_data}, "site.yaml")
    clock = datetime(2024, 11, 21, 12, 0, tzinfo=timezone.utc)
    news = Article(source="a.md", format="markdown", title="عاجل من المدينة", display_title="عاجل من المدينة",
                   slug="breaking", body_html="<p>نص</p>", date=clock - timedelta(hours=1), breaking=True)
    return config, collect([news], config, clock)


def _render_cards(config, site, paths, folder):
    from sitegen.model import OutputFile
    from sitegen.render import make_environment, render_file

    (folder / "cards-test.html").write_text(
        "<ul>{% for item in items %}{{ article_card(item, 'h3') }}{% endfor %}</ul>\n", encoding="utf-8")
    env = make_environment(config, folder)
    out = []
    for path in paths:
        used: set[str] = set()
        html = render_file(env, site, OutputFile(path, "cards-test.html", {"items": site.articles}), used)
        out.append((html.decode("utf-8"), used))
    return out


def test_reused_card_notes_what_it_read_on_every_page(tmp_path):
    # The breaking badge reads site.build_time: the second page shows the card rendered for the
    # first, and must still depend on build_time (else its render key would miss a change).
    config, site = _card_site({})
    (first, first_used), (second, second_used) = _render_cards(config, site, ["index.html", "tags/x/index.html"], tmp_path)
    assert "badge-breaking" in first and second == first
    assert "build_time" in first_used and "build_time" in second_used


def test_relative_url_cards_are_not_shared_across_folders(tmp_path):
    config, site = _card_site({"relative_urls": True})
    (top, _), (deep, _) = _render_cards(config, site, ["index.html", "tags/x/index.html"], tmp_path)
    top_link = re.search(r'class="card-title"><a href="([^"]+)"', top)[1]
    deep_link = re.search(r'class="card-title"><a href="([^"]+)"', deep)[1]
    assert deep_link == "../../" + top_link


# --- compiled templates kept for the process -------------------------------------------------


def test_compiled_templates_are_reused_and_an_edited_template_is_compiled_anew(tmp_path, monkeypatch):
    import jinja2

    from sitegen.config import parse_config
    from sitegen.render import make_environment

    config, _ = parse_config({"locale": "ar", "timezone": "Asia/Riyadh"}, "site.yaml")
    compiled: list[str] = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    page = tmp_path / "cache-test.html"
    page.write_text("<p>{{ _('Correction') }} أولى</p>\n", encoding="utf-8")
    first = make_environment(config, tmp_path).get_template("cache-test.html").render()
    second = make_environment(config, tmp_path).get_template("cache-test.html").render()  # a later build
    assert first == second and "أولى" in first
    assert compiled == ["cache-test.html"]  # the second environment took the compiled code
    page.write_text("<p>{{ _('Correction') }} ثانية</p>\n", encoding="utf-8")
    third = make_environment(config, tmp_path).get_template("cache-test.html").render()
    assert "ثانية" in third and "أولى" not in third  # the edit is seen: compiled anew
    assert compiled == ["cache-test.html", "cache-test.html"]


def test_cached_gettext_gives_what_jinja_new_style_gettext_gives():
    # render._gettext_function looks each message up once (issue 10); its output must stay that
    # of jinja2.ext's new-style gettext: escaped values, %-formatting even without values.
    import jinja2

    from sitegen.config import parse_config
    from sitegen.i18n import translations
    from sitegen.render import make_environment

    config, _ = parse_config({"locale": "ar"}, "site.yaml")
    reference = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    reference.install_gettext_translations(translations(config.locale), newstyle=True)
    source = ('{{ _("Tag: %(name)s", name="<b>أ</b>")|safe }}|{{ _("Tag: %(name)s", name="ب") }}|{{ _("Home") }}|'
              '{{ _("Home") }}|{{ _("100%% sure") }}|{% autoescape false %}{{ _("Tag: %(name)s", name="<i>") }}'
              '{% endautoescape %}')
    ours = make_environment(config, None).from_string(source).render()
    assert ours == reference.from_string(source).render()
    assert "&lt;b&gt;" in ours and "<i>" in ours and "100% sure" in ours


def test_output_escape_writes_what_markupsafe_escape_writes():
    # render._CodeGenerator sends {{ }} output through render.output_escape, which returns plain
    # text instead of a Markup object (issue 10): the page must be the same as with Jinja's own
    # escape — text escaped once, markup as it is, other values through str(), in blocks,
    # macros, {% set %} blocks, loops and with autoescape switched off.
    import jinja2
    from markupsafe import Markup

    from sitegen.config import parse_config
    from sitegen.render import output_escape

    class Html:
        def __html__(self):
            return "<em>x</em>"

    values = {"text": "<a href=\"x\">'&'</a> عربي", "markup": Markup("<b>م</b>"), "number": 12.5,
              "html": Html(), "nothing": None, "items": ["<i>", Markup("<u>")]}
    source = ("{{ text }}|{{ markup }}|{{ number }}|{{ html }}|{{ nothing }}|{{ text ~ markup }}|"
              "{% for item in items %}[{{ item }}]{% endfor %}|{% set block %}<p>{{ text }}</p>{% endset %}"
              "{{ block }}|{% macro m(v) %}<q>{{ v }}</q>{% endmacro %}{{ m(text) }}{{ m(markup) }}|"
              "{{ text|e }}|{% autoescape false %}{{ text }}{% endautoescape %}")
    config, _ = parse_config({}, "site.yaml")
    ours = make_environment(config, None).from_string(source).render(**values)
    assert ours == jinja2.Environment(autoescape=True).from_string(source).render(**values)
    assert ours.startswith("&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt; عربي|<b>م</b>|12.5|<em>x</em>|None|")
    assert type(output_escape("<")) is str and output_escape("<") == "&lt;"
    assert output_escape(Markup("<b>")) == "<b>" and output_escape(3) == "3"
    with pytest.raises(jinja2.UndefinedError):
        output_escape(jinja2.StrictUndefined(name="missing"))


def test_dates_are_those_of_the_local_day():
    # Formatter.date keeps one babel result per local day (issue 10): two times of one local day
    # share it; 23:30 UTC is already the next day in Cairo (UTC+2), so it is not the UTC day's.
    from datetime import datetime, timezone

    from sitegen.config import parse_config
    from sitegen.render import Formatter

    config, _ = parse_config({"timezone": "Africa/Cairo", "locale": "ar_EG", "digits": "latn"}, "site.yaml")
    fmt = Formatter(config)
    morning = datetime(2024, 11, 21, 6, 0, tzinfo=timezone.utc)
    evening = datetime(2024, 11, 21, 20, 0, tzinfo=timezone.utc)
    late = datetime(2024, 11, 21, 23, 30, tzinfo=timezone.utc)
    assert fmt.date(morning) == fmt.date(evening) == "الخميس، 21 نوفمبر 2024"
    assert fmt.date(late) == "الجمعة، 22 نوفمبر 2024"
    assert fmt.date(late, "long") == "22 نوفمبر 2024"


@pytest.mark.parametrize("relative", [False, True])
def test_shared_header_marks_each_pages_own_section(new_site, relative):
    # The header is rendered once per set of values and shared by pages (issue 10): each page
    # still marks its own section (or Home) as the current one, with links right for its folder.
    site = new_site({"a.md": article("خبر الاقتصاد", section="اقتصاد"), "b.md": article("خبر الرياضة", section="رياضة"),
                     "c.md": article("خبر آخر عن الاقتصاد", section="اقتصاد")},
                    config={"relative_urls": relative})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]

    def current(path):
        nav = parse_html(path).one("nav", class_="site-nav")
        return [text_of(a) for a in parse_html(path).within(nav).all("a") if a.get("aria-current") == "page"]

    by_title = {text_of(parse_html(p).one("h1")): p for p in article_pages(built.output)}
    assert current(by_title["خبر الاقتصاد"]) == ["اقتصاد"]
    assert current(by_title["خبر الرياضة"]) == ["رياضة"]
    assert current(by_title["خبر آخر عن الاقتصاد"]) == ["اقتصاد"]
    assert current(built.output / "index.html") == ["الرئيسية"]
    if relative:  # pages in the same section at other depths: each header's links lead home from its own folder
        section_page = next(p for p in built.output.rglob("index.html")
                            if p.parent != built.output and current(p) == ["اقتصاد"] and p not in by_title.values())
        for page in (by_title["خبر الاقتصاد"], section_page):
            nav = parse_html(page).one("nav", class_="site-nav")
            home = parse_html(page).within(nav).all("a")[0].get("href")
            folder = page.parent.relative_to(built.output).as_posix()
            assert posixpath.normpath(posixpath.join(folder, unquote(home))) == "index.html", (page, home)


def test_a_card_dropped_from_the_bounded_card_cache_is_rendered_again_the_same(new_site, monkeypatch, tmp_path):
    # issue 10: every card a render process showed was kept (~40 MiB a process at 10,000
    # articles); now only the CARD_CACHE_SIZE most recently shown are
    from helpers import snapshot
    from sitegen import render, rendering

    files = {f"{n}.md": article(f"خبر رقم {n} عن المدينة", f"2024-11-{10 + n}T09:00:00+03:00", tags=["وسم"],
                                section=["رياضة", "ثقافة"][n % 2]) for n in range(1, 10)}
    site = new_site(files, {"paginate": 3})
    whole = snapshot(build_site(site, output=tmp_path / "whole").output)
    environments = []
    make = rendering.make_environment
    monkeypatch.setattr(rendering, "make_environment", lambda *a, **k: environments.append(make(*a, **k)) or environments[-1])
    monkeypatch.setattr(render, "CARD_CACHE_SIZE", 2)
    small = snapshot(build_site(site, output=tmp_path / "small", jobs=1).output)
    assert small == whole and len(whole) > 30
    [env] = environments
    assert len(env.globals["article_card"].cards) == 2


def test_cards_that_read_the_same_site_parts_share_one_set_of_them(new_site, monkeypatch, tmp_path):
    # issue 10 (memory): each kept card held a frozenset of its own (~1.7 MiB a process at
    # 10,000 articles) for a few distinct sets of site parts
    from sitegen import rendering

    files = {f"{n}.md": article(f"خبر رقم {n} عن المدينة", f"2024-11-{10 + n}T09:00:00+03:00", tags=["وسم"])
             for n in range(1, 7)}
    site = new_site(files)
    environments = []
    make = rendering.make_environment
    monkeypatch.setattr(rendering, "make_environment", lambda *a, **k: environments.append(make(*a, **k)) or environments[-1])
    build_site(site, output=tmp_path / "out", jobs=1)
    [env] = environments
    kept = list(env.globals["article_card"].cards.values())
    assert len(kept) >= 6
    by_value: dict = {}
    for _, _, read in kept:
        assert by_value.setdefault(read, read) is read  # an equal set is the same object


@pytest.mark.parametrize("locale", ["ar_EG", "ar", "en", "fa"])
def test_times_are_babels_short_time_of_the_local_moment(locale):
    # Formatter.time keeps one babel result per local time of day (issue 10) when the short
    # pattern shows only the clock: any moment gives what babel gives for it.
    import random
    from datetime import datetime, timedelta, timezone

    from babel.dates import format_time

    from sitegen.config import parse_config
    from sitegen.render import Formatter

    config, _ = parse_config({"timezone": "Africa/Cairo", "locale": locale, "digits": "arab"}, "site.yaml")
    fmt = Formatter(config)
    assert fmt._clock_only
    draw = random.Random(10)
    for _ in range(2000):
        moment = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=draw.randrange(400_000_000))
        expected = fmt.digits(format_time(moment.astimezone(config.timezone), "short", locale=config.babel_locale,
                                          tzinfo=config.timezone))
        assert fmt.time(moment) == expected
    assert 0 < len(fmt._clocks) <= 24 * 60


def test_templates_see_the_globals_as_a_plain_dict_with_every_global():
    # issue 10: Jinja's ChainMap of globals was copied key by key on every render and include
    from sitegen.config import parse_config

    config, _ = parse_config({}, "site.yaml")
    env = make_environment(config, None)
    template = env.from_string("{{ lang }}|{{ dir }}|{{ _('Home') }}")
    assert type(template.globals) is dict and template.globals.keys() >= env.globals.keys()
    assert template.render() == "ar-EG|rtl|الرئيسية"


def test_template_calls_pass_what_jinjas_own_context_passes():
    # Issue 10: sitegen.render._Context.call skips Jinja's look for a pass_context mark on a plain
    # function's __call__; what each kind of callable receives must stay Jinja's: the context
    # with the loop's and the block's variables, the eval context, the environment, nothing;
    # a callable object whose __call__ is marked still gets the context; so do lru_cache-wrapped
    # functions (taken as plain ones), marked or not.
    from functools import lru_cache

    import jinja2

    from sitegen.config import parse_config

    class Marked:
        @jinja2.pass_context
        def __call__(self, context, name):
            return f"obj:{context.get(name)}"

    config, _ = parse_config({"locale": "ar"}, "site.yaml")
    source = ('{% set outer = "B" %}{% for x in ["L"] %}{% set inner = x %}{{ ctx("inner") }},{{ ctx("outer") }},{% endfor %}'
              '{{ ctx("page") }}|{{ ev() }}|{{ en() }}|{{ plain(1, k=2) }}|{{ obj("page") }}|{{ meth("m") }}'
              '|{{ stop() is undefined }}|{{ cached(2) }}{{ cached(2) }}|{{ cached_ctx("page") }}.')
    values = {"ctx": jinja2.pass_context(lambda context, name: context.get(name)),
              "ev": jinja2.pass_eval_context(lambda eval_ctx: eval_ctx.autoescape),
              "en": jinja2.pass_environment(lambda env: type(env).__name__ != ""),
              "plain": lambda a, k=0: a + k, "obj": Marked(), "meth": "<{}>".format,
              "stop": lambda: next(iter(())), "cached": lru_cache(maxsize=None)(lambda a: a * 3),
              "cached_ctx": lru_cache(maxsize=None)(jinja2.pass_context(lambda context, name: context.get(name)))}
    for env in (make_environment(config, None), jinja2.Environment(autoescape=True)):
        out = env.from_string(source).render(page="P", **values)
        assert out == "L,B,P|True|True|3|obj:P|&lt;m&gt;|True|66|P.", type(env)


def test_the_own_code_generator_is_used_only_while_it_writes_what_jinjas_writes(monkeypatch):
    # render._CodeGenerator overrides a private method of Jinja's compiler: a Jinja release that
    # changes it must leave the site built with Jinja's own generator, not with other output
    import jinja2.compiler

    from sitegen import render

    assert render._code_generator() is render._CodeGenerator
    monkeypatch.setattr(render._CodeGenerator, "_output_child_pre", lambda self, node, frame, finalize: self.write("str("))
    assert render._code_generator() is jinja2.compiler.CodeGenerator
    monkeypatch.setattr(render._CodeGenerator, "_output_child_pre", lambda *args: 1 / 0)
    assert render._code_generator() is jinja2.compiler.CodeGenerator


def test_body_filters_give_a_body_without_tables_or_site_links_back_as_plain_text():
    # Issue 10: most bodies have no table and no root-relative link; both filters then return
    # the body after one scan (~25 µs an article page fewer) — as the plain str their
    # substitutions gave, so a template that leaves out `|safe` still escapes a markup body.
    from markupsafe import Markup

    from sitegen.config import Config
    from sitegen.render import _site_links_function, scrollable_tables

    site_links = _site_links_function(Config(base_url="https://example.com/news/"))
    body = Markup('<p>نص <a href="https://example.org/">رابط</a> <a href="../x/">قريب</a></p>')
    for given in (body, str(body)):
        for result in (scrollable_tables(given, "جدول"), site_links({"path": "/a/index.html"}, given)):
            assert result == str(body) and result.__class__ is str
    # A stray end tag alone is still closed as before; a site link still goes under the base path.
    assert scrollable_tables("<p>a</p></table>", "جدول") == "<p>a</p></table></div>"
    assert site_links({"path": "/a/index.html"}, '<a href="/x/">س</a>') == '<a href="/news/x/">س</a>'


@pytest.mark.parametrize("given, expected", [
    ('<a href="&#47;x/y">س</a>', '<a href="/news/x/y">س</a>'),          # a trusted body's encoded slash
    ('<a HREF="&sol;x/">س</a>', '<a HREF="/news/x/">س</a>'),
    ('<img src="&#x2F;i.png">', '<img src="/news/i.png">'),
    ('<a href="&#47;&#47;evil.example/">س</a>', '<a href="&#47;&#47;evil.example/">س</a>'),  # another site
    ('<a href="&amp;x">س</a>', '<a href="&amp;x">س</a>'),                # relative once decoded: as written
    # Spaces and controls around a URL are dropped by a browser (/tmp/attack45/r1-entity-space-link-not-rebased.sh).
    ('<a href="&#32;/x">س</a>', '<a href="/news/x">س</a>'),
    ('<a href=" /x">س</a>', '<a href="/news/x">س</a>'),
    ('<a href="&#9;/x">س</a>', '<a href="/news/x">س</a>'),
    ('<a href=" &#47;x">س</a>', '<a href="/news/x">س</a>'),
    ('<a href="/&#9;/host.example/p">س</a>', '<a href="/&#9;/host.example/p">س</a>'),  # //host once read
])
def test_a_root_relative_link_written_with_character_references_goes_under_the_base_path(given, expected):
    # /tmp/attack44/r5-trusted-html-links-not-rebased.sh: href="&#47;x" (what a trusted_html body
    # may hold) is the root-relative /x to a browser, and stayed at the site root.
    from sitegen.config import Config
    from sitegen.render import _site_links_function

    site_links = _site_links_function(Config(base_url="https://example.com/news/"))
    assert site_links({"path": "/a/index.html"}, given) == expected


def test_compiled_templates_are_kept_for_processes_forked_later_and_a_broken_one_is_left(tmp_path):
    # Issue 10: the build compiles its templates once, while the load workers load; the render
    # workers forked later take them compiled. A broken site template is reported by the render
    # stage (with its file and line), not here.
    from sitegen import render
    from sitegen.config import Config

    site_templates = tmp_path / "templates"
    site_templates.mkdir()
    (site_templates / "broken.html").write_text("{% if %}", encoding="utf-8")
    (site_templates / "extra.html").write_text("<p>{{ 1 + 1 }}</p>", encoding="utf-8")
    render.compile_templates(Config(), site_templates)
    env = render.make_environment(Config(), site_templates)
    calls = []
    real = env.compile
    env.compile = lambda *a, **k: calls.append(a) or real(*a, **k)
    assert env.get_template("extra.html").render() == "<p>2</p>" and env.get_template("article.html")
    assert calls == []  # taken compiled from the store


def test_a_trusted_bodys_root_relative_links_are_rebased_whatever_the_case_of_the_attribute(new_site):
    # /tmp/attack44/r5-trusted-html-links-not-rebased.sh: HTML attribute names are read in any
    # case; `HREF="/x/y"` in a trusted body stayed at the site root while `href="/x/y"` moved.
    body = '<a href="/x/y">صغيرة</a> <a HREF="/x/y">كبيرة</a> <img SRC="/images/a.png" alt="صورة">\n'
    built, page = build_one(new_site, config={"base_url": "https://example.com/news/", "trusted_html": True}, body=body)
    body_el = page.within(page.one("div", class_="article-body"))
    assert [a.get("href") for a in body_el.all("a")] == ["/news/x/y", "/news/x/y"]
    assert [img.get("src") for img in body_el.all("img")] == ["/news/images/a.png"]


def test_a_favicon_and_logo_with_a_query_link_the_file_with_the_query(new_site):
    # /tmp/attack46b (noticed): a cache-busting favicon: /brand/icon.svg?v=2 was linked as
    # /brand/icon.svg%3Fv%3D2 (no such file: the browser showed no icon), the logo alike.
    from helpers import build_site, parse_html

    site = new_site({"a.md": article()}, config={"favicon": "/brand/icon.svg?v=2", "logo": "brand/logo%20x.png?v=3"},
                    static={"brand/icon.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>", "brand/logo x.png": b"\x89PNG"})
    built = build_site(site)
    assert built.result.exit_code == 0 and "config-missing-file" not in built.codes()
    page = parse_html(site.output / "index.html")
    icon = page.one("link", rel="icon")
    assert (icon.get("href"), icon.get("type")) == ("/brand/icon.svg?v=2", "image/svg+xml")
    assert page.one("img", class_="site-logo").get("src") == "/brand/logo%20x.png?v=3"
    assert (site.output / "brand" / "icon.svg").is_file()
