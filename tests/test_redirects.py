"""Old URLs keep working: redirects from the URL ledger and from ``aliases:`` (issue 13 bars)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import article, build_site, parse_html

from sitegen.redirects import find_redirects, has_old_urls, relative_sources
from sitegen.ledger import Entry
from sitegen.urls import alias_path

FIRST, SECOND, THIRD = "الوزير يفتتح الجسر الجديد", "افتتاح الجسر الجديد اليوم", "الجسر الجديد يستقبل السيارات"
DAY = "/2024/11/21/"
#: A body long enough to identify its article in the URL ledger (sitegen.ledger.MIN_IDENTITY_WORDS).
STORY = ("افتتح وزير النقل صباح اليوم الجسر الجديد الذي يربط ضفتي النهر، بعد ثلاث سنوات من العمل، "
         "وقال إن الجسر سيخفف الازدحام في وسط المدينة ويختصر زمن الرحلة بين الحيين إلى عشر دقائق.")


def slug_path(title: str) -> str:
    return DAY + title.replace(" ", "-") + "/"


def retitle(site, title: str) -> None:
    (site.content / "bridge.md").write_text(article(title, "2024-11-21T10:00:00+03:00"), encoding="utf-8")


def redirect_target(page_file) -> tuple[str, str, str]:
    """``(refresh url, canonical, visible link)`` of a redirect page, decoded."""
    page = parse_html(page_file)
    refresh = page.one("meta", **{"http-equiv": "refresh"}).get("content")
    assert refresh.startswith("0; url=")
    return (unquote(refresh.removeprefix("0; url=")), unquote(page.one("link", rel="canonical").get("href")),
            unquote(page.one("a").get("href")))


def redirect_lines(output) -> list[tuple[str, str, str]]:
    lines = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    return [tuple(unquote(part) for part in line.split(" ")) for line in lines if line.strip()]


def test_changed_title_redirects_the_old_url_and_a_third_title_leaves_no_chain(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    assert build_site(site).result.exit_code == 0
    assert redirect_lines(site.output) == []

    retitle(site, SECOND)
    built = build_site(site)
    assert built.result.exit_code == 0, built.codes()
    old_page = site.output / slug_path(FIRST).strip("/") / "index.html"
    assert redirect_target(old_page) == (slug_path(SECOND), "https://news.example.org" + slug_path(SECOND),
                                         slug_path(SECOND))
    page = parse_html(old_page)
    assert page.one("meta", name="robots").get("content") == "noindex"
    assert SECOND in page.texts("a")[0]
    assert redirect_lines(site.output) == [(slug_path(FIRST), slug_path(SECOND), "301")]

    retitle(site, THIRD)
    assert build_site(site).result.exit_code == 0
    assert sorted(redirect_lines(site.output)) == sorted([(slug_path(FIRST), slug_path(THIRD), "301"),
                                                          (slug_path(SECOND), slug_path(THIRD), "301")])
    for old in (FIRST, SECOND):  # straight to the newest: no redirect to a redirect
        assert redirect_target(site.output / slug_path(old).strip("/") / "index.html")[0] == slug_path(THIRD)
    real = parse_html(site.output / slug_path(THIRD).strip("/") / "index.html")
    assert real.texts("h1") == [THIRD]
    sitemap = unquote((site.output / "sitemap.xml").read_text(encoding="utf-8"))
    assert slug_path(THIRD) in sitemap and slug_path(FIRST) not in sitemap and slug_path(SECOND) not in sitemap


def test_a_clean_clone_with_the_committed_ledger_gives_the_same_redirects(new_site, tmp_path):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site)
    retitle(site, SECOND)
    build_site(site)
    clone = tmp_path / "clone"  # what git would check out: content, site.yaml and the ledger; no public/
    shutil.copytree(site.root, clone, ignore=shutil.ignore_patterns("public"))
    from helpers import MiniSite

    cloned = MiniSite(root=clone, content=clone / "content", output=clone / "public", config=clone / "site.yaml")
    built = build_site(cloned)
    assert built.result.exit_code == 0 and "url-ledger-missing" not in built.codes()
    assert (clone / "public" / "_redirects").read_bytes() == (site.output / "_redirects").read_bytes()
    name = slug_path(FIRST).strip("/") + "/index.html"
    assert (clone / "public" / name).read_bytes() == (site.output / name).read_bytes()


def test_deleting_the_ledger_loses_redirects_with_a_warning_and_nothing_breaks(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site)
    retitle(site, SECOND)
    build_site(site)
    (site.root / "url-ledger.json").unlink()
    built = build_site(site)
    assert built.result.exit_code == 0
    assert built.codes() == ["url-ledger-missing"]
    assert redirect_lines(site.output) == []
    assert not (site.output / slug_path(FIRST).strip("/")).exists()
    assert (site.root / "url-ledger.json").is_file()  # a new one is started


def test_a_preview_that_writes_no_ledger_does_not_warn_that_it_is_missing(new_site):
    # newcomer check: `serve` on a site with no ledger said on every rebuild «restore
    # url-ledger.json from version control; a new one is written now» — and wrote none
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site, record_urls=False)
    retitle(site, SECOND)  # an edit: the rebuild is no nothing-changed one
    built = build_site(site, record_urls=False)
    assert built.result.exit_code == 0 and "url-ledger-missing" not in built.codes()
    assert not (site.root / "url-ledger.json").exists()


def test_a_renamed_file_with_the_same_text_keeps_its_old_urls(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", body=STORY)})
    build_site(site)
    (site.content / "bridge.md").unlink()
    (site.content / "2024").mkdir()
    (site.content / "2024" / "bridge-opening.md").write_text(article(SECOND, "2024-11-21T10:00:00+03:00", body=STORY),
                                                              encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0 and built.codes() == []
    assert redirect_lines(site.output) == [(slug_path(FIRST), slug_path(SECOND), "301")]
    ledger = (site.root / "url-ledger.json").read_text(encoding="utf-8")
    assert '"2024/bridge-opening.md"' in ledger and '"bridge.md"' not in ledger


def test_a_new_story_with_a_deleted_storys_placeholder_body_does_not_take_its_urls(new_site):
    # /tmp/attack46/r1-ledger-same-body-hijack.sh: «التفاصيل بعد قليل.» is the body of many
    # breaking stories; a deleted story's URL must not 301 to the next story that has it.
    placeholder = "التفاصيل بعد قليل."
    site = new_site({"old.md": article("انفجار في الميناء", "2024-11-21T09:30:00+02:00", body=placeholder)})
    build_site(site)
    (site.content / "old.md").unlink()
    (site.content / "new.md").write_text(article("استقالة وزير المالية", "2024-11-25T09:30:00+02:00",
                                                 body=placeholder), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0 and built.codes() == ["url-ledger-orphan"]
    assert "old.md" in built.diagnostics[0].message and "aliases:" in built.diagnostics[0].hint
    assert redirect_lines(site.output) == []
    assert not (site.output / "2024/11/21/انفجار-في-الميناء").exists()
    after = json.loads((site.root / "url-ledger.json").read_text(encoding="utf-8"))["files"]
    assert after["new.md"] == {"identity": "", "urls": ["/2024/11/25/استقالة-وزير-المالية/"]}
    assert after["old.md"]["urls"] == ["/2024/11/21/انفجار-في-الميناء/"]  # kept: the file may come back


def test_a_renamed_and_rewritten_file_warns_and_its_old_url_redirects_nowhere(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site)
    (site.content / "bridge.md").unlink()
    (site.content / "other.md").write_text(article(SECOND, "2024-11-21T10:00:00+03:00", body="نص جديد كليا."),
                                           encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    assert built.codes() == ["url-ledger-orphan"]
    assert "bridge.md" in built.diagnostics[0].message
    assert redirect_lines(site.output) == []


def test_aliases_redirect_by_hand_and_never_replace_a_real_page(new_site):
    other = article("خبر آخر في اليوم نفسه", "2024-11-21T09:00:00+03:00", body="نص آخر.")
    site = new_site({
        "bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00",
                             aliases=["/news/1234.html", "/أخبار/الجسر?id=5", "/",
                                      slug_path("خبر آخر في اليوم نفسه"), "/feed.xml"]),
        "other.md": other})
    built = build_site(site)
    assert built.result.exit_code == 0
    assert sorted(built.codes()) == ["alias-taken", "alias-taken", "unsafe-url"]
    assert sorted(redirect_lines(site.output)) == sorted([("/news/1234.html", slug_path(FIRST), "301"),
                                                          ("/أخبار/الجسر/", slug_path(FIRST), "301")])
    assert redirect_target(site.output / "news" / "1234.html")[0] == slug_path(FIRST)
    assert redirect_target(site.output / "أخبار" / "الجسر" / "index.html")[0] == slug_path(FIRST)
    assert parse_html(site.output / slug_path("خبر آخر في اليوم نفسه").strip("/") / "index.html").texts("h1") \
        == ["خبر آخر في اليوم نفسه"]
    assert (site.output / "feed.xml").read_bytes().startswith(b"<?xml")


def test_redirects_follow_the_base_path(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", aliases=["/old/"])},
                    config={"base_url": "https://example.org/news/"})
    build_site(site)
    line = (site.output / "_redirects").read_text(encoding="utf-8").split()
    assert line == ["/news/old/", "/news" + quote(slug_path(FIRST)), "301"]
    assert redirect_target(site.output / "old" / "index.html")[1] == "https://example.org/news" + slug_path(FIRST)


def test_two_articles_claiming_one_old_path_alias_wins_and_the_other_is_warned(new_site):
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import parse_config

    config, _ = parse_config({}, "site.yaml")
    from sitegen.loaders.article import load_article

    a = new_site({"a.md": article(FIRST), "b.md": article(SECOND, aliases=["/x/"])})
    articles = [load_article(a.content / name, f"content/{name}", config).article for name in ("a.md", "b.md")]
    site = collect(articles, config, BUILD_TIME)
    ledger = {"a.md": Entry("", ("/x/",))}
    redirects, warnings = find_redirects(site, ledger, {"content/a.md": "a.md", "content/b.md": "b.md"}, set())
    assert [(r.old, r.new, r.source) for r in redirects] == [("/x/", slug_path(SECOND), "content/b.md")]
    assert [(w.code, w.path) for w in warnings] == [("redirect-conflict", "content/a.md")]
    # a.md's claim is a URL it had (the ledger's), b.md's an alias: the message says so and the hint
    # (move the alias here) can be followed.
    assert warnings[0].message.startswith("/x/ was also a URL of this article; it now redirects to")
    assert warnings[0].hint.endswith("add it to this article's aliases: and remove it from the aliases: of content/b.md")


def test_redirects_found_among_the_articles_with_an_old_url_are_those_found_among_all(new_site):
    # keep_old_urls hands find_redirects only the articles that may have an old URL (has_old_urls):
    # an alias, or a ledger URL other than their own; the others add no redirect and no warning.
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import parse_config
    from sitegen.loaders.article import load_article

    config, _ = parse_config({}, "site.yaml")
    site = new_site({"a.md": article(FIRST), "b.md": article(SECOND, aliases=["/x/"]), "c.md": article(THIRD)})
    relative = {str(site.content / name): name for name in ("a.md", "b.md", "c.md")}
    collected = collect([load_article(Path(source), source, config).article for source in relative], config, BUILD_TIME)
    url = {relative[item.source]: item.url for item in collected.articles}
    ledger = {"a.md": Entry("", (url["a.md"],)), "c.md": Entry("", ("/x/", url["c.md"]), first="/x/")}
    olds = [item for item in collected.articles if has_old_urls(item, ledger.get(relative[item.source]))]
    assert sorted(relative[item.source] for item in olds) == ["b.md", "c.md"]
    found = find_redirects(collected, ledger, relative, set(), articles=olds)
    assert found == find_redirects(collected, ledger, relative, set())
    assert [(r.old, r.alias) for r in found[0]] == [("/x/", True)] and [w.code for w in found[1]] == ["redirect-conflict"]


def test_an_old_url_taken_by_an_alias_that_lost_its_query_says_so(new_site):
    # /tmp/attack48/r2-alias-conflict-misleading-message.sh, the other way round: a.md's own old URL
    # /news.php gives way to b.md's alias /news.php?id=5; a.md is told that alias became /news.php.
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import parse_config
    from sitegen.loaders.article import load_article

    config, _ = parse_config({}, "site.yaml")
    site = new_site({"a.md": article(FIRST), "b.md": article(SECOND, aliases=["/news.php?id=5"])})
    sources = {str(site.content / name): name for name in ("a.md", "b.md")}
    articles = [load_article(Path(source), source, config).article for source in sources]
    _, (warning,) = find_redirects(collect(articles, config, BUILD_TIME), {"a.md": Entry("", ("/news.php",))},
                                   sources, set())
    assert warning.path == str(site.content / "a.md")
    assert warning.message.startswith("/news.php was also a URL of this article; it now redirects to")
    assert warning.message.endswith(f"({site.content / 'b.md'}), whose aliases: /news.php?id=5 is /news.php once "
                                    "the ?query part is dropped (a static site has one file per path)")


def _conflicts(built) -> list:
    return [d for d in built.diagnostics if d.code == "redirect-conflict"]


def test_one_alias_in_two_files_is_told_as_both_files_claiming_it(new_site):
    # /tmp/attack48/r2-alias-conflict-misleading-message.sh: b.md was told "/old/same.html was also a
    # URL of this article ... add it to this article's aliases:" -- it never was one, and it already
    # is in b.md's aliases: (a hint in a circle).
    site = new_site({"a.md": article(FIRST, "2024-11-20T10:00:00+03:00", aliases=["/old/same.html"]),
                     "b.md": article(SECOND, "2024-11-21T10:00:00+03:00", aliases=["/old/same.html"])})
    (warning,) = _conflicts(build_site(site))
    assert Path(warning.path).name == "b.md" and warning.line == 4  # the line of aliases:
    assert "was also a URL" not in warning.message
    assert warning.message == (f"aliases: /old/same.html is in {site.content / 'a.md'}'s aliases: too; one address "
                               f"leads to one article: /2024/11/20/{FIRST.replace(' ', '-')}/ ({site.content / 'a.md'})")
    assert warning.hint == (f"keep /old/same.html in the aliases: of one file only: remove it from this file's, or "
                            f"from {site.content / 'a.md'}'s if it should lead here")
    assert redirect_target(site.output / "old" / "same.html")[0].endswith(f"/2024/11/20/{FIRST.replace(' ', '-')}/")


def test_aliases_that_differ_only_in_the_dropped_query_are_told_as_one_address(new_site):
    # /tmp/attack48/r2-alias-conflict-misleading-message.sh: /news.php?id=1234 (a.md) and
    # /news.php?id=999 (b.md) both become /news.php; the warning never said the query was dropped,
    # so every old /news.php?id=N link silently landed on a.md.
    site = new_site({"a.md": article(FIRST, "2024-11-20T10:00:00+03:00", aliases=["/news.php?id=1234"]),
                     "b.md": article(SECOND, "2024-11-21T10:00:00+03:00", aliases=["/news.php?id=999"])})
    (warning,) = _conflicts(build_site(site))
    assert Path(warning.path).name == "b.md"
    assert warning.message.startswith(f"aliases: /news.php?id=999 and {site.content / 'a.md'}'s aliases: "
                                      "/news.php?id=1234 are one address, /news.php: the ?query part is dropped")
    assert "every old link to /news.php, whatever its query, leads to one article" in warning.message
    assert warning.hint.startswith("keep /news.php?… in the aliases: of one file only")


def test_serve_style_builds_read_the_ledger_but_never_write_it(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site)
    before = (site.root / "url-ledger.json").read_bytes()
    retitle(site, SECOND)
    build_site(site, record_urls=False)
    assert (site.root / "url-ledger.json").read_bytes() == before


def test_check_reports_but_never_writes_the_ledger(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    built = build_site(site, write=False)
    assert built.result.exit_code == 0
    assert not (site.root / "url-ledger.json").exists()


def test_drafts_built_with_drafts_are_not_recorded(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", draft=True)})
    build_site(site, drafts=True)
    assert '"urls"' not in (site.root / "url-ledger.json").read_text(encoding="utf-8")


def test_ledger_and_redirects_do_not_depend_on_jobs(new_site):
    # The ledger is made from the collected site in its own stage: --jobs (process pool) and the
    # build cache must not change a byte of it or of the redirects.
    outputs = []
    for jobs in (1, 2):
        site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", aliases=["/old.html"]),
                         "b/other.md": article("خبر آخر", "2024-11-20T10:00:00+03:00", body="نص آخر.")})
        build_site(site, jobs=jobs)
        retitle(site, SECOND)
        build_site(site, jobs=jobs)
        outputs.append(((site.root / "url-ledger.json").read_bytes(), (site.output / "_redirects").read_bytes(),
                        (site.output / slug_path(FIRST).strip("/") / "index.html").read_bytes()))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][1].splitlines()) == 1  # the retitle; retitle() wrote the file without its alias


def test_a_new_permalink_pattern_redirects_every_article_from_its_old_url(new_site):
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", section="محليات")})
    build_site(site)
    import yaml

    config = yaml.safe_load(site.config.read_text(encoding="utf-8"))
    site.config.write_text(yaml.safe_dump({**config, "permalink": "/{section}/{slug}/"}, allow_unicode=True),
                           encoding="utf-8")
    build_site(site)
    new = "/محليات/" + FIRST.replace(" ", "-") + "/"
    assert redirect_lines(site.output) == [(slug_path(FIRST), new, "301")]
    assert redirect_target(site.output / slug_path(FIRST).strip("/") / "index.html")[0] == new


@pytest.mark.slow
def test_in_a_browser_an_old_link_and_an_alias_land_on_the_newest_article(browser, new_site):
    from browser import StaticServer

    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    site.output.mkdir()
    with StaticServer(site.output) as server:
        build_site(site, base_url=server.url)
        retitle(site, SECOND)
        build_site(site, base_url=server.url)
        (site.content / "bridge.md").write_text(article(THIRD, "2024-11-21T10:00:00+03:00",
                                                        aliases=["/news/1234.html"]), encoding="utf-8")
        build_site(site, base_url=server.url)
        page = browser.new_page()
        newest = server.url + quote(slug_path(THIRD).lstrip("/"))
        for old in (slug_path(FIRST), slug_path(SECOND), "/news/1234.html"):
            page.goto(server.url + quote(old.lstrip("/")))
            page.wait_for_url(newest)
            assert page.locator("h1").first.inner_text() == THIRD
        page.close()


@settings(deadline=None)  # no timed assertion: it failed Hypothesis's 200 ms deadline at load 18
@given(st.sampled_from(["content", "site/content", "/tmp/x/content", ".", "./content", "content/"]),
       st.lists(st.lists(st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1,
                                 max_size=4).filter(lambda s: s not in (".", "..")), min_size=1, max_size=3),
                max_size=5))
def test_relative_sources_are_what_relative_to_gives(content, parts):
    # Issue 10: made from strings (a Path per content file was ~2% of a one-edit rebuild at 10k).
    root = Path(content)
    sources = [root.joinpath(*names) for names in parts]
    assert relative_sources(sources, root) == {str(p): p.relative_to(root).as_posix() for p in sources}


def test_an_alias_naming_a_static_file_is_dropped_with_a_warning(new_site):
    """Regression: ``aliases: [/css/site.css]`` (a theme file) or a ``static/`` file's path
    stopped the whole build with ``url-collision`` on the file, naming no article."""
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00",
                                          aliases=["/css/site.css", "/docs/guide.txt", "/old/"])},
                    static={"docs/guide.txt": "دليل الموقع"})
    built = build_site(site)
    assert built.result.exit_code == 0
    taken = [d for d in built.diagnostics if d.code == "alias-taken"]
    assert [(d.path, d.message) for d in taken] == [
        (str(site.content / "bridge.md"), f"aliases: {old} is a static file of this site; no redirect written there")
        for old in ("/css/site.css", "/docs/guide.txt")]
    assert (site.output / "docs" / "guide.txt").read_text(encoding="utf-8") == "دليل الموقع"
    assert (site.output / "css" / "site.css").read_bytes() == (Path(__file__).parents[1] / "static/css/site.css").read_bytes()
    assert redirect_lines(site.output) == [("/old/", slug_path(FIRST), "301")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_alias_naming_a_file_put_into_the_output_by_hand_keeps_the_file_and_is_dropped(new_site, jobs):
    # /tmp/attack46/r16-alias-overwrites-carried-foreign-file.sh: a publisher's CNAME and
    # .well-known/security.txt are carried into every build; an alias naming one replaced it with
    # a redirect page (no warning), or made CNAME a folder (the warning blamed the file).
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    build_site(site, jobs=jobs)
    (site.output / "CNAME").write_text("example.com\n", encoding="utf-8")
    (site.output / ".well-known").mkdir()
    (site.output / ".well-known" / "security.txt").write_text("Contact: mailto:sec@example.com\n", encoding="utf-8")
    build_site(site, jobs=jobs)
    retitle(site, FIRST)
    (site.content / "bridge.md").write_text(article(FIRST, "2024-11-21T10:00:00+03:00",
                                                    aliases=["/CNAME", "/.well-known/security.txt", "/old/"]),
                                            encoding="utf-8")
    built = build_site(site, jobs=jobs)
    assert built.result.exit_code == 0
    assert [(d.code, d.path, d.field) for d in built.diagnostics] == [
        ("alias-taken", str(site.content / "bridge.md"), "aliases")] * 2
    messages = " ".join(d.message for d in built.diagnostics)
    assert "aliases: /CNAME/ is the place of the file CNAME put into the output folder by hand" in messages
    assert "aliases: /.well-known/security.txt is the place of the file .well-known/security.txt" in messages
    assert (site.output / "CNAME").read_text(encoding="utf-8") == "example.com\n"
    assert (site.output / ".well-known" / "security.txt").read_text(encoding="utf-8").startswith("Contact:")
    assert redirect_lines(site.output) == [("/old/", slug_path(FIRST), "301")]
    again = build_site(site, jobs=jobs)  # nothing changed: the same warnings, the files still there
    assert [d.code for d in again.diagnostics] == ["alias-taken"] * 2
    assert (site.output / "CNAME").read_text(encoding="utf-8") == "example.com\n"


@pytest.mark.parametrize("old, what", [
    ("/_redirects", "inside _redirects, a file of this site"),
    ("/.sitegen-output", "inside .sitegen-output, a file of this site"),
    ("/search/pagefind/pagefind.js", "inside search/pagefind/, a folder the build fills itself"),
    ("/search/text/", "inside search/text/, a folder the build fills itself"),
    ("/feed.xml/", "inside feed.xml, a file of this site"),
    ("/css/site.css/old/", "inside css/site.css, a file of this site"),
])
def test_an_alias_on_or_inside_a_generated_file_or_folder_is_refused_and_the_site_built(new_site, old, what):
    """Regression: ``aliases: ["/_redirects"]`` or ``["/.sitegen-output"]`` stopped the whole build
    (``write-failed`` naming a staging file); ``/search/pagefind/pagefind.js`` and ``/search/text/``
    got a redirect written among the search index's files without a word."""
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00", aliases=[old, "/old/"])})
    built = build_site(site)
    assert built.result.exit_code == 0
    taken = [(d.path, d.field, d.message) for d in built.diagnostics if d.code == "alias-taken"]
    assert taken == [(str(site.content / "bridge.md"), "aliases",
                      f"aliases: {alias_path(old)} is {what}; no redirect written there")]
    assert redirect_lines(site.output) == [("/old/", slug_path(FIRST), "301")]
    assert parse_html(site.output / slug_path(FIRST).strip("/") / "index.html").texts("h1") == [FIRST]
    assert (site.output / "search" / "pagefind" / "pagefind.js").read_bytes()[:1] != b"<"
    assert not (site.output / "search" / "text" / "index.html").exists()


def test_a_ledger_url_on_a_generated_file_is_refused_with_a_warning_naming_the_ledger(new_site):
    """Regression: a URL ledger entry ``/_redirects`` stopped the whole build with
    ``_redirects: error url-collision``, naming neither the ledger nor an article."""
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00")})
    assert build_site(site).result.exit_code == 0
    ledger_file = site.root / "url-ledger.json"
    data = json.loads(ledger_file.read_text(encoding="utf-8"))
    data["files"]["bridge.md"]["urls"] = sorted(data["files"]["bridge.md"]["urls"]
                                                + ["/_redirects", "/search/pagefind/pagefind.js", "/old/"])
    ledger_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0
    taken = [(d.path, d.message) for d in built.diagnostics if d.code == "alias-taken"]
    assert taken == [(str(ledger_file), f"the URL ledger lists {old} for {site.content / 'bridge.md'}, which is "
                                        f"{what}; no redirect written there")
                     for old, what in (("/_redirects", "a file the build writes (_redirects)"),
                                       ("/search/pagefind/pagefind.js",
                                        "inside search/pagefind/, a folder the build fills itself"))]
    assert redirect_lines(site.output) == [("/old/", slug_path(FIRST), "301")]


def test_an_alias_on_or_inside_another_redirect_page_is_refused_and_the_site_built(new_site):
    """Regression: ``aliases: [/a.html, /a.html/x/]`` stopped the whole build (``output-path``: the
    redirect file ``a.html`` blocks the folder ``a.html/``), and ``[/old/, /old/index.html]`` with
    ``url-collision`` (two redirects write ``old/index.html``)."""
    site = new_site({"bridge.md": article(FIRST, "2024-11-21T10:00:00+03:00",
                                          aliases=["/a.html", "/a.html/x/", "/old/", "/old/index.html"])})
    built = build_site(site)
    assert built.result.exit_code == 0
    taken = [(d.path, d.message) for d in built.diagnostics if d.code == "alias-taken"]
    assert taken == [(str(site.content / "bridge.md"), f"aliases: {old} is {what}; no redirect written there")
                     for old, what in (("/a.html/x/", "inside a.html, the redirect page of /a.html"),
                                       ("/old/index.html", "the redirect page of /old/"))]
    assert redirect_lines(site.output) == [("/a.html", slug_path(FIRST), "301"), ("/old/", slug_path(FIRST), "301")]
    assert redirect_target(site.output / "a.html")[0] == slug_path(FIRST)


def test_an_alias_longer_than_the_path_limit_is_dropped_and_the_site_built(new_site):
    """/tmp/attack47/r8-long-alias-path-stops-build.sh: an alias of 25 segments of 201 bytes (each
    fine, the whole over 4096 bytes) stopped the whole build (exit 2, write-failed naming the
    staging folder); it is left out with an unsafe-url warning at the line of aliases:."""
    alias = "/" + "/".join("x" * 200 + str(i) for i in range(25)) + "/"
    site = new_site({"a.md": article(FIRST), "b.md": article(SECOND, aliases=[alias, "/old/"])})
    built = build_site(site)
    assert built.result.exit_code == 0, built.diagnostics
    (warning,) = [d for d in built.diagnostics if d.code == "unsafe-url"]
    assert (warning.path, warning.line, warning.field) == (str(site.content / "b.md"), 4, "aliases")
    assert "x" * 100 in warning.message and "4096" in warning.hint
    assert (site.output / "old" / "index.html").is_file()  # the article's other alias still redirects
    assert not (site.output / ("x" * 200 + "0")).exists()


def test_an_alias_that_fits_alone_but_not_under_the_output_folder_is_dropped(new_site):
    """/tmp/attack47/r8-long-alias-path-stops-build.sh: the path limit counts the output's own folder
    path (staging folder included, sitegen.writer.longest_root): an alias of ~1,000 bytes under a
    folder path of 3,500 gets the unsafe-url warning naming the file, the line of aliases: and the
    alias; with room for it, it is a redirect."""
    from helpers import BUILD_TIME
    from sitegen.collect import collect
    from sitegen.config import parse_config
    from sitegen.loaders.article import load_article

    config, _ = parse_config({}, "site.yaml")
    alias = "/" + "/".join("y" * 190 + str(i) for i in range(5)) + "/"
    site = new_site({"b.md": article(SECOND, aliases=[alias])})
    source = site.content / "b.md"
    loaded = collect([load_article(source, str(source), config).article], config, BUILD_TIME)
    redirects, warnings = find_redirects(loaded, {}, {str(source): "b.md"}, set(), root_bytes=3500)
    assert redirects == []
    (warning,) = warnings
    assert (warning.code, warning.path, warning.line, warning.field) == ("unsafe-url", str(source), 4, "aliases")
    assert "y" * 100 in warning.message and "bytes long" in warning.message
    redirects, warnings = find_redirects(loaded, {}, {str(source): "b.md"}, set(), root_bytes=100)
    assert [r.old for r in redirects] == [alias] and warnings == []


def test_a_static_redirects_file_is_not_published_and_the_hint_says_to_use_aliases(new_site):
    """/tmp/attack47/r7-static-redirects-file-stops-build.sh: a static/_redirects kept from Netlify
    stopped the build («_redirects: error url-collision: two pages write this file», naming
    neither file nor fix). The site writes its own _redirects (even empty: a host then forgets
    an earlier deploy's redirects), so theirs gets page-over-file, as static/feed.xml does."""
    site = new_site({"a.md": article(FIRST, aliases=["/old/"])}, static={"_redirects": b"/x /y 301\n"})
    for write in (False, True):  # check says the same
        built = build_site(site, write=write)
        assert built.result.exit_code == 0, built.diagnostics
        (clash,) = [d for d in built.diagnostics if d.code == "page-over-file"]
        assert clash.path == str(site.root / "static" / "_redirects")
        assert "_redirects" in clash.message and "aliases:" in clash.hint and "README" in clash.hint
    published = (site.output / "_redirects").read_text(encoding="utf-8")
    assert "/old/" in published and "/x /y" not in published
    bare = new_site({"a.md": article(FIRST)}, static={"_redirects": b"/x /y 301\n"})  # no redirect at all
    assert build_site(bare).result.exit_code == 0
    assert b"/x /y" not in (bare.output / "_redirects").read_bytes()  # still sitegen's own (empty) file
