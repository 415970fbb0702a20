"""Share links: each network's documented share address, values encoded once as UTF-8."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from sitegen.share import share_links, share_url

URL = "https://news.example.org/2024/11/21/%D8%AE%D8%A8%D8%B1/"
TITLE = 'عاجل: "خبر" & <تفاصيل> #1'


@pytest.mark.parametrize("target, host, path, expected", [
    ("whatsapp", "wa.me", "/", {"text": [f"{TITLE} {URL}"]}),
    ("telegram", "t.me", "/share/url", {"url": [URL], "text": [TITLE]}),
    ("x", "x.com", "/intent/post", {"url": [URL], "text": [TITLE]}),
    ("facebook", "www.facebook.com", "/sharer/sharer.php", {"u": [URL]}),
])
def test_network_links_carry_the_url_and_title(target, host, path, expected):
    link = share_url(target, URL, TITLE)
    parts = urlsplit(link)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", host, path)
    assert parse_qs(parts.query) == expected
    assert link.isascii() and not set(' "<>#&') & set(parts.query.replace("&", "").replace("=", ""))


def test_email_and_copy():
    email = share_url("email", URL, TITLE)
    assert email.startswith("mailto:?")
    assert parse_qs(email[len("mailto:?"):]) == {"subject": [TITLE], "body": [URL]}
    assert share_url("copy", URL, TITLE) == URL


def test_links_follow_the_configured_order():
    assert [link.target for link in share_links(("x", "email"), URL, TITLE)] == ["x", "email"]
    with pytest.raises(KeyError):
        share_url("myspace", URL, TITLE)


def test_quoting_is_urllib_quote_with_nothing_safe():
    # Issue 10: share links quote the title and URL once per article with a byte table;
    # the text must be exactly urllib.parse.quote(text, safe="").
    from urllib.parse import quote

    from sitegen.share import _q

    samples = ["وزير الداخلية يزور الصين", "GDP 3.5% — «نمو»", "a_b.c-d~e f+g/h?i=j&k#l", "https://x.example/2024/11/ا/",
               "emoji 😀 and \u200f marks", "".join(map(chr, range(0, 256)))]
    for text in samples:
        assert _q.__wrapped__(text) == quote(text, safe="")


def test_whatsapp_text_is_the_quoted_title_space_url():
    from urllib.parse import quote

    url, title = "https://news.example/2024/11/21/خبر/", "عنوان الخبر"
    assert share_url("whatsapp", url, title) == "https://wa.me/?text=" + quote(title + " " + url, safe="")
