"""Author profiles from authors.yaml: author pages, bylines, JSON-LD Person (issue 13 bars)."""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

import pytest

from helpers import article, build_site, parse_html, text_of

from sitegen.authors import apply_profiles, load_profiles
from sitegen.model import Article, AuthorProfile

PROFILES = """\
أحمد علي:
  role: مراسل الشؤون السياسية
  bio: يغطي البرلمان منذ عام 2015.
  photo: /images/ahmed.jpg
  links:
    x: https://x.com/ahmed
    facebook: https://facebook.com/ahmed.ali
    bad: "javascript:alert(1)"
منى حسن:
  role: محررة
"""
AHMED_PAGE = "authors/أحمد-علي/index.html"


# A 1×1 PNG, so the browser has a real photo to load.
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f6d7a40000000049454e44ae426082")


def site_with_profiles(new_site, files, profiles=PROFILES):
    """A mini-site of ``files`` with ``profiles`` as its authors.yaml and the photo it names."""
    site = new_site({"images/ahmed.jpg": PIXEL, **files})
    (site.root / "authors.yaml").write_text(profiles, encoding="utf-8")
    return site


def jsonld(page, kind: str) -> dict:
    blocks = [json.loads(text_of(s)) for s in page.all("script", type="application/ld+json")]
    return next(b for b in blocks if b.get("@type") == kind)


def test_author_page_shows_the_profile_and_its_json_ld(new_site):
    site = site_with_profiles(new_site, {"a.md": article(author="أحمد علي")})
    built = build_site(site)
    page = parse_html(site.output / AHMED_PAGE)
    profile = page.within(page.one("section", **{"class": "author-profile"}))
    assert profile.texts("p") == ["مراسل الشؤون السياسية", "يغطي البرلمان منذ عام 2015."]
    assert [(text_of(a), a.get("href")) for a in profile.all("a")] == [
        ("x", "https://x.com/ahmed"), ("facebook", "https://facebook.com/ahmed.ali")]
    assert profile.one("img").get("src") == "/images/ahmed.jpg"
    person = jsonld(page, "ProfilePage")["mainEntity"]
    assert person == {"@type": "Person", "name": "أحمد علي",
                      "url": "https://news.example.org/authors/%D8%A3%D8%AD%D9%85%D8%AF-%D8%B9%D9%84%D9%8A/",
                      "image": "https://news.example.org/images/ahmed.jpg", "jobTitle": "مراسل الشؤون السياسية",
                      "description": "يغطي البرلمان منذ عام 2015.",
                      "sameAs": ["https://x.com/ahmed", "https://facebook.com/ahmed.ali"]}
    codes = sorted(built.codes())
    assert codes == ["authors", "authors-unused"]  # the javascript: link, and منى حسن signs nothing
    unused = next(d for d in built.diagnostics if d.code == "authors-unused")
    assert unused.message.startswith("منى حسن") and unused.path.endswith("authors.yaml")
    assert "javascript" not in (site.output / AHMED_PAGE).read_text(encoding="utf-8")


def test_byline_links_the_author_with_photo_and_role_and_article_json_ld_has_the_person(new_site):
    site = site_with_profiles(new_site, {"a.md": article(author="احمد على")})  # another spelling, folded
    build_site(site)
    page_file = next(site.output.glob("2024/11/21/*/index.html"))
    page = parse_html(page_file)
    byline = page.within(page.one("span", **{"class": "byline"}))
    link = byline.one("a", rel="author")
    assert text_of(link) == "أحمد علي" and unquote(link.get("href")) == "/authors/أحمد-علي/"
    assert byline.one("img").get("src") == "/images/ahmed.jpg"
    assert byline.texts("span", **{"class": "byline-role"}) == ["مراسل الشؤون السياسية"]
    author = jsonld(page, "NewsArticle")["author"]
    assert author == [{"@type": "Person", "name": "أحمد علي",
                       "url": "https://news.example.org/authors/%D8%A3%D8%AD%D9%85%D8%AF-%D8%B9%D9%84%D9%8A/",
                       "image": "https://news.example.org/images/ahmed.jpg", "jobTitle": "مراسل الشؤون السياسية",
                       "description": "يغطي البرلمان منذ عام 2015.",
                       "sameAs": ["https://x.com/ahmed", "https://facebook.com/ahmed.ali"]}]
    assert [p.name for p in (site.output / "authors").iterdir()] == ["أحمد-علي"]  # one author, one page


def test_a_raw_dump_byline_names_a_known_author(new_site):
    dump = "---\nbyline: \"كتب: احمد على - القاهرة\"\n---\nعنوان خبر خام عن البرلمان\n\n" \
           "ناقش البرلمان اليوم مشروع قانون جديد في جلسة طويلة امتدت حتى المساء.\n"
    site = site_with_profiles(new_site, {"raw.txt": dump})
    build_site(site)
    page = parse_html(site.output / AHMED_PAGE)
    assert page.texts("h2") == ["عنوان خبر خام عن البرلمان"]


def test_an_unknown_author_gets_a_plain_page_and_no_profile(new_site):
    site = site_with_profiles(new_site, {"a.md": article(author="كاتب مجهول")})
    built = build_site(site)
    assert built.result.exit_code == 0
    page = parse_html(site.output / "authors/كاتب-مجهول/index.html")
    assert page.all("section", **{"class": "author-profile"}) == []
    assert jsonld(page, "ProfilePage")["mainEntity"] == {
        "@type": "Person", "name": "كاتب مجهول",
        "url": "https://news.example.org/authors/%D9%83%D8%A7%D8%AA%D8%A8-%D9%85%D8%AC%D9%87%D9%88%D9%84/"}
    assert sorted(built.codes()) == ["authors", "authors-unused", "authors-unused"]


def test_a_broken_authors_file_stops_the_build_naming_it(new_site):
    site = site_with_profiles(new_site, {"a.md": article()}, profiles="- just\n- a list\n")
    built = build_site(site)
    assert built.result.exit_code == 2
    assert [(d.code, d.path.endswith("authors.yaml")) for d in built.diagnostics] == [("authors", True)]


def test_byline_matching_finds_whole_names_in_order_only():
    profiles = {"علي": AuthorProfile("علي"), "منى حسن": AuthorProfile("منى حسن")}

    def signed(byline):
        one = Article(source="a", format="raw", title="t", slug="t", display_title="t", body_html="", byline=byline)
        return apply_profiles([one], profiles)[0].authors

    assert signed("بقلم: منى حسن العلي") == ("منى حسن",)  # "العلي" is not the word "علي"
    assert signed("علي ومنى حسن") == ("علي", "منى حسن")  # the conjunction و before a name
    assert signed("بقلم: منى حسن وعلي") == ("منى حسن", "علي")
    assert signed("منى حسين") == ()


def test_profile_values_are_checked(tmp_path):
    path = tmp_path / "authors.yaml"
    path.write_text("أ:\n  photo: \"javascript:x\"\n  bio: [1, 2]\n  age: 3\n", encoding="utf-8")
    profiles, warnings = load_profiles(path)
    assert profiles == {"أ": AuthorProfile("أ")}
    assert len(warnings) == 3 and all(w.code == "authors" for w in warnings)


def test_a_profiles_warnings_name_the_line_of_its_author(tmp_path):
    # Newcomer check: a bad value in authors.yaml was reported without a line to look at.
    path = tmp_path / "authors.yaml"
    path.write_text("أحمد علي:\n  role: مراسل\n\nسارة يوسف:\n  photo: \"javascript:x\"\n  links: [1]\n", encoding="utf-8")
    _, warnings = load_profiles(path)
    assert [(w.line, w.code) for w in warnings] == [(4, "authors"), (4, "authors")]
    assert warnings[0].format().startswith(f"{path}:4: warning authors: سارة يوسف: photo")



def test_an_author_given_two_profiles_warns_at_the_second_and_the_later_one_is_used(tmp_path):
    path = tmp_path / "authors.yaml"
    path.write_text("منى حسن:\n  role: مراسلة\nعلي:\n  role: محرر\nمنى حسن:\n  role: رئيسة القسم\n",
                    encoding="utf-8")
    profiles, warnings = load_profiles(path)
    (repeat,) = warnings
    assert profiles["منى حسن"].role == "رئيسة القسم"
    assert (repeat.code, repeat.line, repeat.field, repeat.is_error) == ("repeated-key", 5, "منى حسن", False)
    assert "the first on line 1" in repeat.message


def test_two_spellings_of_one_name_once_cleaned_warn(tmp_path):
    path = tmp_path / "authors.yaml"
    path.write_text("منى حسن:\n  role: مراسلة\n\"منى  حسن\u200f\":\n  role: محررة\n", encoding="utf-8")
    profiles, warnings = load_profiles(path)
    (repeat,) = warnings
    assert list(profiles) == ["منى حسن"] and profiles["منى حسن"].role == "محررة"
    assert repeat.code == "repeated-key" and "'منى حسن'" in repeat.message


@pytest.mark.slow
def test_in_a_browser_the_byline_leads_to_the_author_page_with_photo_and_role(browser, new_site):
    from browser import StaticServer

    site = site_with_profiles(new_site, {"a.md": article(author="أحمد علي"), "images/ahmed.jpg": PIXEL})
    site.output.mkdir()
    with StaticServer(site.output) as server:
        build_site(site, base_url=server.url)
        page = browser.new_page()
        page.goto(server.url + quote("2024/11/21/خبر-تجريبي-عن-افتتاح-مكتبة-عامة/"))
        byline = page.locator(".byline")
        assert byline.locator(".byline-role").inner_text() == "مراسل الشؤون السياسية"
        byline.locator("a[rel=author]").click()
        page.wait_for_url(server.url + quote("authors/أحمد-علي/"))
        profile = page.locator(".author-profile")
        assert profile.is_visible()
        assert profile.locator(".author-bio").inner_text() == "يغطي البرلمان منذ عام 2015."
        photo = "document.querySelector('.author-photo img')"
        assert page.evaluate(f"{photo}.complete && {photo}.naturalWidth > 0")  # loaded, not broken
        page.close()


def test_authors_yaml_saved_as_utf16_is_an_error_with_a_hint_not_a_codec_message(tmp_path):
    from sitegen.errors import SitegenError

    path = tmp_path / "authors.yaml"
    path.write_bytes("أحمد علي:\n  role: مراسل\n".encode("utf-16"))
    with pytest.raises(SitegenError) as info:
        load_profiles(path)
    (diag,) = info.value.diagnostics
    assert (diag.code, diag.message, diag.hint) == ("authors", "not UTF-8 text (it is saved as UTF-16)",
                                                    "save authors.yaml as UTF-8")


def signed_by(byline: str, names: list[str]) -> tuple[str, ...]:
    """The authors ``apply_profiles`` gives a raw article of ``byline`` with profiles of ``names``."""
    one = Article(source="a", format="raw", title="t", slug="t", display_title="t", body_html="", byline=byline)
    return apply_profiles([one], {name: AuthorProfile(name) for name in names})[0].authors


def test_a_byline_names_the_longest_profile_not_a_shorter_one_inside_it():
    # /tmp/attack46/r19-byline-prefix-name-misattributed.sh: «محمد علي» was credited too.
    names = ["محمد علي", "محمد علي حسن"]
    assert signed_by("كتب: محمد علي حسن", names) == ("محمد علي حسن",)
    assert signed_by("كتب: محمد علي", names) == ("محمد علي",)
    assert signed_by("كتب: محمد علي حسن ومحمد علي", names) == ("محمد علي حسن", "محمد علي")
    assert signed_by("كتب: محمد علي حسين", names) == ("محمد علي",)  # حسين is not حسن
    assert signed_by("محمد عليان", names) == ()  # whole words only


def test_a_byline_of_the_longer_name_builds_one_author_page(new_site):
    # /tmp/attack46/r19-byline-prefix-name-misattributed.sh, through a build.
    dump = "---\nbyline: \"كتب: محمد علي حسن\"\ndate: 2024-11-21T09:30:00+02:00\n---\nعنوان خبر خام عن الصادرات\n\n" \
           "أعلنت الحكومة اليوم عن خطة جديدة لدعم الصادرات الزراعية في إطار سعيها لزيادة العملة.\n"
    site = site_with_profiles(new_site, {"raw.txt": dump},
                              profiles="محمد علي: {role: مراسل}\nمحمد علي حسن: {role: محرر}\n")
    built = build_site(site)
    assert sorted(p.name for p in (site.output / "authors").iterdir()) == ["محمد-علي-حسن"]
    page = parse_html(next(site.output.glob("2024/*/*/*/index.html")))
    assert [a["name"] for a in jsonld(page, "NewsArticle")["author"]] == ["محمد علي حسن"]
    unused = [d.message for d in built.diagnostics if d.code == "authors-unused"]
    assert unused == ["محمد علي: no article is signed by this name"]


FOLDED_TWICE = "أحمد علي:\n  role: مراسل صحيح\n\nاحمد على:\n  role: دور قديم\n"


def test_two_entries_folding_to_one_name_warn_naming_both_and_the_line(tmp_path):
    # /tmp/attack46/r5-authors-folded-duplicate.sh: no word of the duplicate, a false "unused".
    path = tmp_path / "authors.yaml"
    path.write_text(FOLDED_TWICE, encoding="utf-8")
    profiles, warnings = load_profiles(path)
    (twice,) = warnings
    assert list(profiles) == ["أحمد علي", "احمد على"]  # both kept: each spelling still names its own
    assert (twice.path, twice.line, twice.code, twice.field) == (str(path), 4, "repeated-key", "احمد على")
    assert "'احمد على' is the same name as 'أحمد علي' (line 1)" in twice.message
    assert not twice.is_error


def test_an_exact_spelling_wins_over_a_folded_one():
    # /tmp/attack46/r5-authors-folded-duplicate.sh: the later folded twin took every article.
    names = ["أحمد علي", "احمد على"]
    profiles = {name: AuthorProfile(name) for name in names}

    def by(author):
        one = Article(source="a", format="md", title="t", slug="t", display_title="t", body_html="",
                      authors=(author,))
        return apply_profiles([one], profiles)[0].authors

    assert by("أحمد علي") == ("أحمد علي",)
    assert by("احمد على") == ("احمد على",)
    assert by("أحمد على") == ("أحمد علي",)  # neither exactly: the first in the file
    assert signed_by("كتب: احمد على", names) == ("احمد على",)
    assert signed_by("كتب: أحمد علي", names) == ("أحمد علي",)


def test_the_article_signed_exactly_gets_its_profile_and_no_false_unused_warning(new_site):
    # /tmp/attack46/r5-authors-folded-duplicate.sh, through a build.
    site = site_with_profiles(new_site, {"a.md": article(author="أحمد علي")}, profiles=FOLDED_TWICE)
    built = build_site(site)
    page = parse_html(site.output / AHMED_PAGE)
    profile = page.within(page.one("section", **{"class": "author-profile"}))
    assert profile.texts("p") == ["مراسل صحيح"]
    assert [p.name for p in (site.output / "authors").iterdir()] == ["أحمد-علي"]
    assert [d.message.split(":")[0] for d in built.diagnostics if d.code == "authors-unused"] == ["احمد على"]
    assert [d.line for d in built.diagnostics if d.code == "repeated-key"] == [4]


def test_a_photo_naming_no_file_is_left_out_with_a_warning(new_site):
    # /tmp/attack46/r14-author-photo-missing-silent.sh: a broken <img> on every byline, silently.
    profiles = "منى حسن:\n  role: محررة\n  photo: /images/mona.jpg\n"
    site = site_with_profiles(new_site, {"a.md": article(author="منى حسن")}, profiles=profiles)
    built = build_site(site)
    (missing,) = [d for d in built.diagnostics if d.code == "author-photo-missing"]
    assert missing.path.endswith("authors.yaml") and missing.line == 1 and not missing.is_error
    assert missing.message.startswith("منى حسن: photo /images/mona.jpg is not a file")
    article_page = next(site.output.glob("2024/11/21/*/index.html"))
    author_page = site.output / "authors/منى-حسن/index.html"
    for page_file in (article_page, author_page):
        assert "mona.jpg" not in page_file.read_text(encoding="utf-8")
    assert "image" not in jsonld(parse_html(author_page), "ProfilePage")["mainEntity"]
    assert built.result.exit_code == 0


def test_a_photo_in_static_or_content_is_a_site_file(tmp_path):
    # /tmp/attack46/r14-author-photo-missing-silent.sh: what counts as there.
    from sitegen.authors import site_file_in

    content, static, outside = tmp_path / "content", tmp_path / "static", tmp_path / "outside"
    for folder in (content / "images", static / "people", outside):
        folder.mkdir(parents=True)
    (content / "images" / "أحمد.jpg").write_bytes(PIXEL)
    (static / "people" / "mona.png").write_bytes(PIXEL)
    (outside / "secret.jpg").write_bytes(PIXEL)
    (static / "link.jpg").symlink_to(outside / "secret.jpg")
    exists = site_file_in([content, static])
    assert exists("/images/أحمد.jpg") and exists("/images/%D8%A3%D8%AD%D9%85%D8%AF.jpg")
    assert exists("/people/mona.png?v=2")
    assert not exists("/people/mona.jpg")
    assert not exists("/images")  # a folder
    assert not exists("/../outside/secret.jpg") and not exists("/link.jpg")


def test_the_hint_for_a_list_of_names_is_one_readable_line(new_site):
    # /tmp/attack46/r18-authors-hint-literal-backslash-n.sh: the hint printed "\n" escapes.
    site = site_with_profiles(new_site, {"a.md": article()}, profiles="- أحمد علي\n")
    built = build_site(site)
    (error,) = built.diagnostics
    assert "\\n" not in error.format() and "\n" not in error.format()
    assert "أحمد علي: {role: مراسل, bio: …}" in error.hint


def test_an_entry_written_as_text_is_left_out_with_a_warning_at_its_line(tmp_path):
    # /tmp/attack47/r4-authors-entry-string-stops-build.sh: «نور حسن: مراسلة من الإسكندرية» (a
    # role as plain text) stopped the whole build with "… not a list of names" and no line.
    path = tmp_path / "authors.yaml"
    path.write_text("أحمد علي:\n  role: محرر\n  bio: يكتب عن الاقتصاد.\nنور حسن: مراسلة من الإسكندرية\n"
                    "منى حسن: [مراسلة]\n", encoding="utf-8")
    profiles, warnings = load_profiles(path)
    assert list(profiles) == ["أحمد علي"] and profiles["أحمد علي"].role == "محرر"
    assert [(w.code, w.line, w.field, w.is_error) for w in warnings] == [
        ("authors", 4, "نور حسن", False), ("authors", 5, "منى حسن", False)]
    text, listed = (w.format() for w in warnings)
    assert text.startswith(f"{path}:4: warning authors: نور حسن: the profile is text, not a mapping")
    assert "«نور حسن: {role: مراسلة من الإسكندرية}»" in text and "list of names" not in text
    assert "the profile is a list" in listed


def test_a_site_with_an_entry_written_as_text_still_builds(new_site):
    # /tmp/attack47/r4-authors-entry-string-stops-build.sh: one bad profile no longer takes down every page.
    profiles = "أحمد علي:\n  role: محرر\nنور حسن: مراسلة من الإسكندرية\n"
    site = site_with_profiles(new_site, {"a.md": article(authors=["أحمد علي", "نور حسن"])}, profiles=profiles)
    built = build_site(site)
    assert built.result.exit_code == 0
    assert [(d.code, d.line) for d in built.diagnostics] == [("authors", 3)]
    assert (site.output / "authors/نور-حسن/index.html").is_file()
    assert "محرر" in (site.output / "authors/أحمد-علي/index.html").read_text(encoding="utf-8")


def test_a_file_that_is_no_mapping_is_told_so_without_speaking_of_a_list(new_site):
    site = site_with_profiles(new_site, {"a.md": article()}, profiles="just some text\n")
    (error,) = build_site(site).diagnostics
    assert error.code == "authors" and error.is_error and "list of names" not in error.hint
