"""sitegen.loaders.reader on the article pages sitegen itself writes: a layout the loader was
never tuned on, with every piece of chrome a news page has (skip link, search box, menu,
breadcrumb, share bar, tags, previous/next links, read-also cards with summaries and dates,
masthead and footer).

Each page is built from invented Markdown, turned into a dump the way a reader's copy looks
(Chromium's ``document.body.innerText`` with scripts off and no requests, as
``shared/tools/html_to_dump.py`` does), read back, and compared with the article it came from.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from helpers import article, build_site, make_site
from sitegen.loaders.reader import extract

pytestmark = pytest.mark.slow

RIYADH = ZoneInfo("Asia/Riyadh")

ARTICLES = {
    "port.md": dict(
        title="افتتاح المرحلة الثانية من ميناء الصيد في المدينة الساحلية",
        subtitle="الميناء الجديد يستوعب 400 قارب ويوفر 1200 فرصة عمل",
        date="2024-11-04T09:40:00+03:00", author="ليلى الحربي", section="محليات", tags=["الموانئ", "الصيد"],
        body=("افتتح محافظ المدينة الساحلية صباح اليوم المرحلة الثانية من ميناء الصيد، بعد عامين من أعمال "
              "التوسعة التي شملت الأرصفة وساحات التخزين.\n\n"
              "وقال المحافظ في كلمته إن الميناء سيخدم الصيادين في القرى المجاورة، وإن المرحلة الثالثة ستبدأ "
              "مطلع العام المقبل.\n\n"
              "## أرقام المشروع\n\n"
              "| البند | المرحلة الأولى | المرحلة الثانية |\n| --- | --- | --- |\n"
              "| القوارب | 250 | 400 |\n| فرص العمل | 700 | 1200 |\n\n"
              "وأضاف مدير الميناء أن ساحات التخزين المبردة ستفتح أبوابها للصيادين الشهر المقبل، بعد اكتمال "
              "تجهيزها بالمعدات اللازمة.")),
    "market.md": dict(
        title="تراجع أسعار الأسماك في سوق الجملة مع وفرة المعروض",
        date="2024-11-05T18:15:00+03:00", author="سامي القحطاني", section="محليات", tags=["الصيد"],
        body=("تراجعت أسعار الأسماك في سوق الجملة خلال الأسبوع الحالي بنسبة وصلت إلى عشرين في المئة، مع "
              "وفرة المعروض بعد افتتاح المرحلة الثانية من الميناء.\n\n"
              "## توقعات التجار\n\n"
              "ويتوقع التجار أن تستقر الأسعار عند مستوياتها الحالية حتى نهاية الموسم، ما لم تتغير أحوال "
              "البحر خلال الأسابيع المقبلة.")),
    "boats.md": dict(
        title="برنامج لتمويل قوارب الصيد الصغيرة بقروض ميسرة",
        subtitle="القروض تصل إلى 150 ألف ريال وتسدد على خمس سنوات",
        date="2024-11-06T11:05:00+03:00", author="ليلى الحربي", section="محليات", tags=["الصيد", "الموانئ"],
        body=("أطلق صندوق التنمية الزراعية برنامجا لتمويل قوارب الصيد الصغيرة بقروض ميسرة، يستفيد منه "
              "الصيادون المسجلون في الجمعيات التعاونية.\n\n"
              "وأوضح الصندوق أن طلبات التمويل تقدم عبر منصته الإلكترونية، وأن البت فيها يتم خلال ثلاثين "
              "يوما من تاريخ اكتمال الأوراق المطلوبة.")),
}


def _dump(browser, page_path) -> str:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    context.route("**/*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.set_content(page_path.read_text("utf-8"), wait_until="domcontentloaded")
        return page.evaluate("() => document.body ? document.body.innerText : ''")
    finally:
        context.close()


def _paragraphs(markdown: str) -> list[str]:
    return [block for block in markdown.split("\n\n") if not block.startswith(("#", "|"))]


@pytest.fixture(scope="module")
def own_pages(tmp_path_factory, browser):
    files = {name: article(**fields, slug=name[:-3]) for name, fields in ARTICLES.items()}
    site = make_site(tmp_path_factory.mktemp("own"), files)
    build_site(site)
    pages = {}
    for name in ARTICLES:
        found = list(site.output.glob(f"*/*/*/{name[:-3]}/index.html"))
        assert len(found) == 1, (name, found)
        pages[name] = extract(_dump(browser, found[0]), RIYADH)
    return pages


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_own_article_page_reads_back_as_its_source(own_pages, name):
    source, got = ARTICLES[name], own_pages[name]
    assert got.title == source["title"]
    assert got.subtitle == source.get("subtitle")
    assert got.date is not None and got.date.isoformat() == source["date"]
    assert got.byline == source["author"]
    assert [b.text for b in got.blocks if b.kind == "heading"] == [
        line[3:] for line in source["body"].split("\n\n") if line.startswith("## ")]
    paragraphs = [b.text for b in got.blocks if b.kind == "paragraph"]
    assert paragraphs == _paragraphs(source["body"])
