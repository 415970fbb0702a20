"""The bundled site (content/ + site.yaml): every feed validates with feedparser, both sitemaps
parse as sitemaps.org XML, and every JSON-LD block parses and passes a schema check (issue 3)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest

from helpers import BUILD_TIME, REPO, article_pages, parse_html
from sitegen.pipeline import BuildOptions, build

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ISO_WITH_OFFSET = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"
NEWS_ARTICLE = {
    "type": "object",
    "required": ["@context", "@type", "headline", "datePublished", "dateModified", "author", "publisher",
                 "inLanguage", "mainEntityOfPage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "NewsArticle"},
        "headline": {"type": "string", "minLength": 1},
        "datePublished": {"type": "string", "pattern": ISO_WITH_OFFSET},
        "dateModified": {"type": "string", "pattern": ISO_WITH_OFFSET},
        "inLanguage": {"const": "ar-EG"},
        "publisher": {"type": "object", "required": ["@type", "name"]},
        "mainEntityOfPage": {"type": "object", "required": ["@type", "@id"]},
    },
}
BREADCRUMBS = {
    "type": "object",
    "required": ["@context", "@type", "itemListElement"],
    "properties": {"@type": {"const": "BreadcrumbList"},
                   "itemListElement": {"type": "array", "minItems": 2}},
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    output = tmp_path_factory.mktemp("bundled-machine") / "public"
    result = build(BuildOptions(project=REPO, content=REPO / "content", output=output,
                                config=REPO / "site.yaml", build_time=BUILD_TIME,
                                ledger=output.parent / "url-ledger.json"))
    assert result.exit_code == 0
    return output


def test_every_feed_is_valid(out):
    feeds = sorted(out.glob("*.xml")) + sorted(out.glob("*/*/feed.xml"))
    feeds = [f for f in feeds if "sitemap" not in f.name]
    archives = [p for root in ("sections", "tags", "authors") for p in out.glob(f"{root}/*/") if p.name != "page"]
    assert len(feeds) == 2 + len(archives) and len(archives) > 3
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed
        assert parsed.feed.get("language", "ar-EG").startswith("ar")
        for entry in parsed.entries:
            assert entry.link.isascii() and entry.id.isascii()
            assert entry.title.strip()


def test_both_sitemaps_parse(out):
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") for u in root]
    assert len(locs) == len(set(locs)) > 6 and all(loc.isascii() for loc in locs)
    news = ET.parse(out / "news-sitemap.xml").getroot()
    assert news.tag == f"{SITEMAP}urlset"


def test_every_json_ld_block_parses_and_fits_its_schema(out):
    pages = article_pages(out)
    assert pages
    for page_file in pages:
        page = parse_html(page_file)
        blocks = [json.loads(s.text) for s in page.all("script") if s.get("type") == "application/ld+json"]
        types = sorted(block["@type"] for block in blocks)
        assert types == ["BreadcrumbList", "NewsArticle"], page_file
        for block in blocks:
            jsonschema.validate(block, NEWS_ARTICLE if block["@type"] == "NewsArticle" else BREADCRUMBS)
        article = next(b for b in blocks if b["@type"] == "NewsArticle")
        assert article["headline"] == page.texts("h1")[0]
