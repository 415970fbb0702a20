"""The repository's own site (content/ + site.yaml) built whole into a temporary folder."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
import yaml

from helpers import BUILD_TIME, REPO, article_pages, broken_links, internal_links, parse_html, snapshot, text_of
from sitegen.arabic import slugify
from sitegen.pipeline import BuildOptions, build

CONFIG = yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8"))
SEED_TITLE = "وزير الداخلية يزور الصين لمد جسور التواصل مع الأجهزة الأمنية الصينية"
SEED_SUBTITLE = "وزير الأمن العام الصينى يشيد بدور وزارة الداخلية المصرية فى مُكافحة الإرهاب والجرائم المُنظمة"
SEED_PATH = "2024/11/21/وزير-الداخلية-يزور-الصين-لمد-جسور-التواصل-مع-الأجهزة-الأمنية-الصينية/index.html"
SEED_HEADINGS = ["جلسة مباحثات موسعة", "التأكيد على دور مصر المحورى بمنطقة الشرق الأوسط",
                 "مد جسور التواصل مع الأجهزة الأمنية الصينية"]


def build_repo_site(output, **overrides):
    # the URL ledger goes beside the output: tests never write into the repository
    overrides.setdefault("ledger", output.parent / "url-ledger.json")
    options = BuildOptions(project=REPO, content=REPO / "content", output=output, config=REPO / "site.yaml",
                           build_time=BUILD_TIME, **overrides)
    return build(options)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundled") / "public"
    result = build_repo_site(out)
    return result, out


@pytest.fixture(scope="module")
def site_with_drafts(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundled-drafts") / "public"
    return build_repo_site(out, drafts=True), out


@pytest.fixture(scope="module")
def site_under_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundled-news") / "public"
    return build_repo_site(out, base_url="https://host.example/news/"), out


def markdown_articles():
    """(front matter, file) of every Markdown article in content/."""
    found = []
    for file in sorted((REPO / "content").glob("*.md")):
        text = file.read_text(encoding="utf-8-sig")
        found.append((yaml.safe_load(text.split("---")[1]), file))
    return found


def expected_article_path(front: dict) -> str:
    date = front["date"]
    if not isinstance(date, datetime):
        date = datetime.fromisoformat(str(date))
    local = date.astimezone(ZoneInfo(CONFIG["timezone"]))
    return f"{local:%Y/%m/%d}/{slugify(front['title'])}/index.html"


# --- the build ---------------------------------------------------------------------


def test_build_succeeds_without_errors(site):
    result, _ = site
    assert result.exit_code == 0
    assert [d.format() for d in result.report.errors] == []


def test_expected_files_exist(site):
    _, out = site
    published = [f for f, _ in markdown_articles() if not f.get("draft")]
    expected = ["index.html", "404.html", "css/site.css", SEED_PATH, "2024/index.html", "2024/11/index.html"]
    if len(published) + 1 > CONFIG["paginate"]:
        expected.append("page/2/index.html")
    expected += [expected_article_path(front) for front in published]
    for front in published:
        expected.append(f"sections/{slugify(front['section'])}/index.html")
        expected += [f"tags/{slugify(tag)}/index.html" for tag in front.get("tags", [])]
        authors = front.get("authors") or [front["author"]]
        expected += [f"authors/{slugify(name)}/index.html" for name in authors]
    missing = [path for path in expected if not (out / path).is_file()]
    assert missing == []


def test_feeds_and_crawler_files_exist(site):
    _, out = site
    missing = [p for p in ("feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt")
               if not (out / p).is_file()]
    assert missing == []
    for front, _ in markdown_articles():
        if not front.get("draft"):
            assert (out / "sections" / slugify(front["section"]) / "feed.xml").is_file()


def test_every_article_has_exactly_one_page(site):
    _, out = site
    published = [f for f, _ in markdown_articles() if not f.get("draft")]
    assert len(article_pages(out)) == len(published) + 1      # + content/seed.txt


def test_draft_is_absent(site):
    _, out = site
    drafts = [front for front, _ in markdown_articles() if front.get("draft")]
    assert drafts, "the bundled content has a draft"
    for front in drafts:
        assert not (out / expected_article_path(front)).exists()
        assert slugify(front["title"]) not in "\n".join(p.as_posix() for p in out.rglob("*"))


def test_draft_is_present_with_drafts(site_with_drafts):
    result, out = site_with_drafts
    assert result.exit_code == 0
    for front, _ in markdown_articles():
        if front.get("draft"):
            assert (out / expected_article_path(front)).is_file()


def test_every_internal_link_resolves(site):
    _, out = site
    assert internal_links(out, CONFIG["base_url"]), "no internal links found at all"
    assert broken_links(out, CONFIG["base_url"]) == []


def test_links_under_a_base_path(site_under_path):
    result, out = site_under_path
    assert result.exit_code == 0
    links = internal_links(out, "https://host.example/news/")
    assert links
    root_relative = [(p, link) for p, link in links if link.startswith("/")]
    assert root_relative
    assert [(str(p), link) for p, link in root_relative if not link.startswith("/news/")] == []
    assert broken_links(out, "https://host.example/news/") == []


def test_no_machine_paths_in_output(site):
    _, out = site
    for file in out.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".txt", ".json"):
            data = file.read_bytes()
            assert str(REPO).encode() not in data and str(out).encode() not in data, file


def test_two_builds_are_byte_identical(site, tmp_path):
    _, out = site
    again = tmp_path / "public"
    assert build_repo_site(again).exit_code == 0
    assert snapshot(again) == snapshot(out)


# --- the seed article (content/seed.txt) ---------------------------------------------


@pytest.fixture(scope="module")
def seed_page(site):
    _, out = site
    return parse_html(out / SEED_PATH)


def test_seed_page_headline_and_subtitle(seed_page):
    assert seed_page.texts("h1") == [SEED_TITLE]
    assert SEED_SUBTITLE in seed_page.texts("p", class_="subtitle")


def test_seed_page_time(seed_page):
    header = seed_page.one("header", class_="article-header")
    times = seed_page.within(header).all("time")
    assert times and times[0].get("datetime") == "2024-11-21T11:44:00+02:00"
    assert "21 نوفمبر 2024" in text_of(times[0])


def test_seed_page_body(seed_page):
    body = seed_page.within(seed_page.one("div", class_="article-body"))
    assert body.texts("h2") == SEED_HEADINGS
    paragraphs = body.texts("p")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("قام اللواء")
    assert paragraphs[-1].endswith("الراهنة.")
    assert not any(SEED_TITLE == p or "أمانى الموجى" in p or "أشرف أبوطالب" in p for p in paragraphs)


def test_seed_page_is_rtl(seed_page):
    assert seed_page.html_element().get("dir") == "rtl"
    assert seed_page.html_element().get("lang", "").startswith("ar")


def test_index_links_to_the_seed(site):
    _, out = site
    index = parse_html(out / "index.html")
    target = "/" + SEED_PATH[: -len("index.html")]
    assert target in [unquote(a.get("href") or "") for a in index.all("a")]


def test_pages_are_rtl(site):
    _, out = site
    for file in ("index.html", "404.html", "page/2/index.html", "2024/11/index.html"):
        if (out / file).exists():
            html = parse_html(out / file).html_element()
            assert (html.get("lang"), html.get("dir")) == ("ar-EG", "rtl"), file


def test_link_checker_reports_what_is_broken(tmp_path):
    """The checker used above can fail: missing file, unknown fragment, link outside the base path."""
    (tmp_path / "أخبار").mkdir()
    (tmp_path / "أخبار/index.html").write_text('<p id="main">x</p><a href="#main">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="/news/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/">ok</a><a href="/news/missing/">1</a>'
        '<a href="#nowhere">2</a><a href="/elsewhere/">3</a><a href="https://other.example/x">ext</a>'
        '<a href="https://host.example/news/gone.xml">4</a>', encoding="utf-8")
    problems = broken_links(tmp_path, "https://host.example/news/")
    assert len(problems) == 4
    assert all(p.startswith("index.html: ") for p in problems)
