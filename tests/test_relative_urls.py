"""``relative_urls: true``: every internal link works when the output is opened from disk."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from helpers import article, build_site, parse_html


def _internal_links(page_file):
    page = parse_html(page_file)
    for element in page.all("*"):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value and not urlsplit(value).scheme and not value.startswith(("#", "//")):
                yield value


def test_every_internal_link_resolves_from_the_file_itself(new_site):
    files = {
        "a.md": article("افتتاح معرض الكتاب في العاصمة", "2024-11-20T10:00:00+03:00", section="ثقافة", tags=["كتب"]),
        "b.md": article("ارتفاع أسعار القمح عالميا", "2024-11-21T10:00:00+03:00", section="اقتصاد", tags=["أسعار"]),
    }
    site = new_site(files, config={"relative_urls": True, "paginate": 1})
    built = build_site(site)
    assert built.result.exit_code == 0
    pages = sorted(p for p in built.output.rglob("*.html") if p.name != "404.html")  # see the test below
    checked = 0
    for page_file in pages:
        for link in _internal_links(page_file):
            assert not link.startswith("/"), f"{page_file}: {link} is root-relative"
            target = (page_file.parent / unquote(urlsplit(link).path)).resolve()
            assert target.is_file(), f"{page_file.relative_to(built.output)}: {link} does not resolve"
            assert target.is_relative_to(built.output.resolve())
            checked += 1
    assert checked > 50  # nav, cards, pagination, tags, css on every page
    canonical = parse_html(built.output / "index.html").one("link", rel="canonical").get("href")
    assert canonical == "https://news.example.org/"  # absolute URLs stay absolute


def test_the_404_page_links_work_at_any_missing_url(new_site):
    # /tmp/attack46/r15-404-relative-links.sh: with relative_urls, 404.html linked css/site.css,
    # index.html …, but hosts serve it at the missing URL (/news/2024/11/99/gone/), where every
    # such link misses. Its links are root-relative under base_url's path; other pages keep theirs.
    site = new_site({"a.md": article("افتتاح معرض الكتاب في العاصمة", "2024-11-20T10:00:00+03:00", section="ثقافة")},
                    config={"relative_urls": True, "base_url": "https://news.example.org/news/"})
    built = build_site(site)
    assert built.result.exit_code == 0
    links = list(_internal_links(built.output / "404.html"))
    assert "/news/css/site.css" in links and "/news/" in links
    assert [link for link in links if not link.startswith("/news/")] == []
    for link in links:  # each names a file of the output, wherever the page is shown
        path = unquote(urlsplit(link).path)[len("/news/"):]
        assert (built.output / path / ("index.html" if path.endswith("/") or not path else "")).is_file(), link
    front = list(_internal_links(built.output / "index.html"))  # the header and footer, shared with 404.html
    assert "css/site.css" in front and not [link for link in front if link.startswith("/")]
