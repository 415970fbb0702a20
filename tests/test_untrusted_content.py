"""Content that should not be trusted (issue 9): protocol-relative URLs are other sites, not
site paths; SVG files from content/ are not published unless trusted."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from helpers import article, article_pages, build_site, page_links, parse_html
from sitegen.urls import body_url, href, safe_link

#: Each names ``evil.example`` to a browser once percent-decoding (which ``href`` does) and
#: WHATWG URL parsing (``\\`` is ``/``, tabs and newlines dropped) are applied.
PROTOCOL_RELATIVE = ["//evil.example/x", "/%2Fevil.example/x", "/%2fevil.example/x", "/\\evil.example/x",
                     "/%5Cevil.example/x", "\\\\evil.example/x", "/\t/evil.example/x", " //evil.example/x",
                     "%2F%2Fevil.example/x", "///evil.example/x"]


# --- protocol-relative URLs -------------------------------------------------------------


@pytest.mark.parametrize("link", PROTOCOL_RELATIVE)
def test_protocol_relative_url_is_external_in_safe_link(link):
    assert safe_link(link) == "https://evil.example/x"
    assert body_url(link) == "https://evil.example/x"


@pytest.mark.parametrize("link", ["//", "/%2F", "/\\", "/\\/?x"])
def test_protocol_relative_url_without_a_host_is_refused(link):
    assert safe_link(link) is None
    assert body_url(link) is None


def test_site_paths_stay_site_paths():
    assert safe_link("/images/a.jpg") == "/images/a.jpg"
    assert safe_link("images/a.jpg") == "/images/a.jpg"
    assert body_url("/2024/11/21/خبر/") == "/2024/11/21/خبر/"
    assert body_url("a%2Fb") == "a%2Fb"


def test_href_never_makes_a_protocol_relative_link():
    assert href("", "//evil.example/x") == "/evil.example/x"
    assert href("/news/", "/a/") == "/news/a/"


@pytest.mark.parametrize("relative_urls", [False, True])
def test_protocol_relative_links_and_images_are_external_in_the_built_site(new_site, relative_urls):
    body = "\n\n".join(f"[رابط {i}](<{link}>) ![صورة {i}](<{link}>)" for i, link in enumerate(PROTOCOL_RELATIVE))
    site = new_site({"a.md": article(body=body, image="/%2Fevil.example/x")},
                    config={"base_url": "https://news.example.org/", "relative_urls": relative_urls})
    built = build_site(site)
    assert built.result.exit_code == 0
    [page_file] = article_pages(built.output)
    page = parse_html(page_file)
    page_url = "https://news.example.org/" + page_file.relative_to(built.output).as_posix()
    # where a browser goes: WHATWG reads ``\\`` as ``/`` and drops tabs and newlines
    evil = [link for link in page_links(page)
                 if urlsplit(urljoin(page_url, re.sub(r"[\t\n\r]", "", link.replace("\\", "/")))).hostname
                 == "evil.example"]
    # every body link and image (two per form; Markdown reads ``\\\\`` as one ``\\``) and the front matter image
    assert len(evil) >= 2 * (len(PROTOCOL_RELATIVE) - 1) + 1
    assert all(link.startswith("https://evil.example/") for link in evil), evil


# --- SVG files in content/ --------------------------------------------------------------

SCRIPTED_SVG = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>"


def test_svg_in_content_is_refused_with_a_diagnostic_naming_the_file(new_site):
    site = new_site({"a.md": article(body="![رسم](/charts/رسم.svg)"), "charts/رسم.svg": SCRIPTED_SVG,
                     "photo.png": b"\x89PNG not really"})
    built = build_site(site)
    assert built.result.exit_code == 1  # built, one file skipped
    [refused] = [d for d in built.diagnostics if d.code == "svg-untrusted"]
    assert refused.path == str(site.content / "charts/رسم.svg")
    assert "trusted_html" in refused.hint and "static/" in refused.hint
    assert not list(built.output.rglob("*رسم.svg"))
    assert (built.output / "photo.png").is_file()  # the rest of the content is published
    assert len(article_pages(built.output)) == 1
    # The theme's own SVGs (favicon, share icons) are still published.
    assert (built.output / "favicon.svg").read_bytes().lstrip().startswith((b"<svg", b"<?xml"))


def test_svg_in_content_is_published_with_trusted_html_or_as_the_configured_favicon(new_site):
    files = {"a.md": article(), "brand/icon.svg": SCRIPTED_SVG, "charts/c.svg": SCRIPTED_SVG}
    trusted = build_site(new_site(files, config={"trusted_html": True}))
    assert trusted.result.exit_code == 0
    assert (trusted.output / "charts/c.svg").read_text(encoding="utf-8") == SCRIPTED_SVG
    chosen = build_site(new_site(files, config={"favicon": "/brand/icon.svg"}))
    assert [d.path for d in chosen.diagnostics if d.code == "svg-untrusted"] == [
        str(chosen.site.content / "charts/c.svg")]
    assert (chosen.output / "brand/icon.svg").is_file() and not (chosen.output / "charts/c.svg").exists()
    page = parse_html(article_pages(chosen.output)[0])
    assert page.one("link", rel="icon").get("href") == "/brand/icon.svg"
