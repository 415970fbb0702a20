"""Issue 4: bad input, faults and hostile content.

The build never crashes (every bad file is one ``PATH[:LINE]: error CODE: message —
hint`` line and the rest of the site builds), never writes outside its output folder,
and never lets script in: every payload of :mod:`xss_payloads`, put in every field,
comes out inert in HTML, JSON-LD, feeds and sitemaps. Checked by parsing the output
(html5lib, json, ElementTree, feedparser), not by string search.
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import html5lib
import pytest

from helpers import (
    ERROR_LINE, article, article_pages, build_site, fingerprint, make_site, run_cli,
    staging_leftovers, text_of,
)
from xss_payloads import DANGEROUS_SCHEMES, MARKDOWN_PAYLOADS, PAYLOADS

from sitegen.cache import cache_folder
from sitegen.arabic import clean_inline
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders.article import load_article
from sitegen.markup import markdown_to_html
from sitegen.output_folder import check_output_dir
from sitegen.output_lock import lock_path

DIAGNOSTIC_LINE = re.compile(
    r"^(?P<path>.+?)(?::(?P<line>\d+))?: (?P<severity>error|warning) (?P<code>[a-z][a-z0-9-]*): (?P<message>.+)$")


def expected_text(value: str) -> str:
    """What a one-line front matter text becomes: control characters dropped, then
    :func:`sitegen.arabic.clean_inline` (NFC, no invisible marks, single spaces)."""
    return clean_inline(re.sub("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", "", value))


def all_files(folder: Path) -> dict[str, tuple]:
    """Every path under ``folder`` (files, folders, symlinks) → (kind, size)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
        out[path.relative_to(folder).as_posix()] = (kind, path.lstat().st_size if kind == "file" else 0)
    return out


# ============================================================ malformed input

GOOD = article(title="خبر سليم يبقى في الموقع", body="فقرة سليمة تماما عن افتتاح المكتبة.")

#: (file name, content, expected code, expected line or None)
MALFORMED = [
    ("tabs.md", "---\ntitle: خبر\n\tdate: 2024-01-01\n---\nنص\n", "yaml-syntax", 3),
    ("unclosed-quote.md", '---\ntitle: "خبر بلا نهاية\ndate: 2024-01-01\n---\nنص\n', "yaml-syntax", None),
    ("colon-in-list.md", "---\ntitle: خبر\ntags:\n  - عاجل: خبر: آخر\n---\nنص\n", "yaml-syntax", 4),
    ("unclosed-block.md", "---\ntitle: خبر\n\nنص بلا نهاية للكتلة\n", "front-matter", 1),
    ("list.md", "---\n- أ\n- ب\n---\nنص\n", "front-matter", 2),
    ("scalar.md", "---\nمجرد نص\n---\nنص\n", "front-matter", 2),
    ("tags-number.md", "---\ntitle: خبر\ntags: 5\n---\nنص\n", "bad-value", None),
    ("date-word.md", "---\ntitle: خبر\ndate: tomorrow\n---\nنص\n", "bad-value", None),
    ("date-feb-30.md", "---\ntitle: خبر\ndate: 2024-02-30\n---\nنص\n", "bad-value", None),
    ("dst-gap.md", "---\ntitle: خبر\ndate: 2024-04-26 00:30\n---\nنص\n", "bad-value", None),
    ("date-overflow.md", "---\ntitle: خبر\ndate: 0001-01-01T00:00:00+14:00\n---\nنص\n", "bad-value", None),
    ("title-mapping.md", "---\ntitle: {a: 1}\n---\nنص\n", "bad-value", None),
    ("slug-mapping.md", "---\ntitle: خبر\nslug: {a: 1}\n---\nنص\n", "bad-value", None),
    ("draft-maybe.md", "---\ntitle: خبر\ndraft: maybe\n---\nنص\n", "bad-value", None),
    ("huge-int.md", "---\ntitle: 1" + "0" * 5000 + "\n---\nنص\n", "yaml-syntax", None),
    ("bad-timestamp.md", "---\ntitle: خبر\ndate: !!timestamp 2024-13-45\n---\nنص\n", "yaml-syntax", None),
    ("python-tag.md", "---\ntitle: !!python/object/apply:os.system [id]\n---\nنص\n", "yaml-syntax", 2),
    ("empty.md", "", "empty", None),
    ("blank.txt", "\ufeff \n\n\t\n", "empty", None),
    ("binary.md", bytes(range(256)) * 8, "undecodable", None),
    ("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 40, "undecodable", None),
    ("latin1.md", "---\ntitle: Café crème à la française\n---\nÇa coûte très cher.\n".encode("latin-1"),
     "undecodable", None),
    ("too-large.md", "---\ntitle: خبر طويل\n---\n" + "كلمة " * 800, "too-large", None),
]
WARNINGS = [
    ("unknown-key.md", article(title="خبر بمفتاح غريب", foo="bar"), "unknown-key"),
    ("unquoted-colon.md", "---\ntitle: عاجل: خبر مهم\n---\nنص الخبر.\n", "yaml-unquoted-colon"),
    ("script-image.md", article(title="خبر بصورة خطرة", image="javascript:alert(1)"), "unsafe-url"),
]
CONFIG = {"timezone": "Africa/Cairo", "max_file_bytes": 6000}


@pytest.mark.parametrize("name, content, code, line", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_one_diagnostic_with_place_code_and_hint(tmp_path, name, content, code, line):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    config, _ = parse_config(CONFIG, "site.yaml")
    with pytest.raises(SitegenError) as caught:
        load_article(path, name, config)
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.path, diagnostic.code) == (name, code), diagnostic.format()
    if line is not None:
        assert diagnostic.line == line, diagnostic.format()
    assert diagnostic.hint, f"no hint: {diagnostic.format()}"
    assert "\n" not in diagnostic.format()
    assert re.match(ERROR_LINE, diagnostic.format())


def test_fifo_in_content_is_skipped_not_waited_for(tmp_path):
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    config, _ = parse_config({}, "site.yaml")
    with pytest.raises(SitegenError) as caught:
        load_article(path, "pipe.md", config)
    assert caught.value.diagnostics[0].code == "unreadable"


@pytest.fixture(scope="module")
def malformed_site(tmp_path_factory):
    files = {name: content for name, content, _, _ in MALFORMED}
    files.update({name: content for name, content, _ in WARNINGS})
    files["good.md"] = GOOD
    files["good-raw.txt"] = "خبر خام سليم عن المكتبة\n\nافتتحت البلدية مكتبة عامة جديدة في وسط المدينة اليوم.\n"
    return make_site(tmp_path_factory.mktemp("malformed"), files, CONFIG)


def test_build_with_malformed_files_reports_each_and_builds_the_rest(malformed_site):
    run = run_cli(["build"], cwd=malformed_site.root)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    summary = lines.pop()  # "built N articles, M pages into public; K files skipped"
    assert "built" in summary, summary
    reported: dict[str, list[str]] = {}
    for line in lines:
        match = DIAGNOSTIC_LINE.match(line)
        assert match, f"not a diagnostic line: {line!r}"
        if match["severity"] == "error":
            assert " — " in match["message"], f"error without a hint: {line}"
        reported.setdefault(Path(match["path"]).name, []).append(match["code"])
    for name, _, code, _ in MALFORMED:
        assert reported.get(name, [None])[0] == code, (name, reported.get(name))
    for name, _, code in WARNINGS:
        assert code in reported.get(name, []), (name, reported.get(name))
    pages = article_pages(malformed_site.output) + list(malformed_site.output.glob("*/index.html"))
    titles = set()
    for page in pages:
        titles.update(text_of(h1) for h1 in html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False)
                      .iter("h1"))
    for title in ("خبر سليم يبقى في الموقع", "خبر بمفتاح غريب", "عاجل: خبر مهم", "خبر بصورة خطرة"):
        assert title in titles, title


def test_check_reports_the_same_and_writes_nothing(malformed_site, tmp_path):
    before = all_files(malformed_site.root)
    run = run_cli(["check", "--output", "checked"], cwd=malformed_site.root)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "error yaml-syntax" in run.stderr
    assert all_files(malformed_site.root) == before


def test_yaml_scalars_stay_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 14:30\nsubtitle: no\nsection: on\nsummary: off\nauthor: yes\n"
                    "tags: [14:30, no, on, off, yes, 010, 1_000, 0x1F, 1e3]\ndraft: false\n---\nنص\n",
                    encoding="utf-8")
    record = load_article(path, "a.md", parse_config({}, "site.yaml")[0]).article
    assert (record.title, record.subtitle, record.section, record.summary) == ("14:30", "no", "on", "off")
    assert record.authors == ("yes",)
    assert record.tags == ("14:30", "no", "on", "off", "yes", "010", "1_000", "0x1F", "1e3")
    assert record.draft is False


def test_control_characters_in_body_do_not_break_feeds(new_site):
    """A few control characters pass the binary check; they must not reach the XML writer."""
    site = new_site({
        "untitled.md": "بداية\x01النص " + "كلمة " * 300 + "\x1b\n",
        "raw.txt": "عنوان الخبر\x02 هنا\n\n" + "فقرة طويلة " * 100 + "\x0c\n",
        "escaped.md": article(title="عنوان \u0000 مع \u001b تحكم", summary="ملخص\u0007", tags=["وسم\u0008"]),
    })
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    for feed in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((built.output / feed).read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert len(parsed.entries) == 3
        for entry in parsed.entries:
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", entry.title)


# ============================================================ URL collisions and check

def test_url_collision_exits_2_names_both_sources_and_keeps_the_old_site(new_site):
    site = new_site({"a.md": article(title="خبر واحد", body="الأول.")})
    assert run_cli(["build"], cwd=site.root).returncode == 0
    before = fingerprint(site.output)
    (site.content / "sub").mkdir()
    (site.content / "sub" / "b.md").write_text(article(title="خبر واحد", body="الثاني."), encoding="utf-8")
    run = run_cli(["build"], cwd=site.root)
    assert run.returncode == 2, run.stderr
    collision = [line for line in run.stderr.splitlines() if "error url-collision" in line]
    assert collision and "a.md" in collision[0] and "b.md" in collision[0], run.stderr
    assert fingerprint(site.output) == before
    assert staging_leftovers(site.output) == []


@pytest.mark.parametrize("command", ["build", "check"])
def test_url_collision_on_a_first_build_writes_nothing(new_site, command):
    site = new_site({"a.md": article(title="خبر واحد"), "b.md": article(title="خبر واحد")})
    before = all_files(site.root)
    run = run_cli([command], cwd=site.root)
    assert run.returncode == 2 and "url-collision" in run.stderr
    assert all_files(site.root) == before


def test_article_colliding_with_an_archive_exits_2(new_site):
    site = new_site({"a.md": article(title="خبر موسوم", tags=["اقتصاد"]),
                     "b.md": article(title="خبر آخر", url="/tags/اقتصاد/")})
    built = build_site(site)
    assert built.result.exit_code == 2 and "url-collision" in built.codes()
    assert not site.output.exists()


def test_duplicate_urls_suffix_gives_the_newer_article_a_stable_2(new_site):
    """The older article keeps the URL whatever the file names; the other gets ``-2``."""
    older = article(title="خبر مكرر", date="2024-11-21T08:00:00+03:00", body="الأقدم.")
    newer = article(title="خبر مكرر", date="2024-11-21T20:00:00+03:00", body="الأحدث.")
    results = []
    for names in (("a.md", "b.md"), ("b.md", "a.md")):
        site = new_site({names[0]: older, names[1]: newer}, {"duplicate_urls": "suffix"})
        built = build_site(site)
        assert built.result.exit_code == 0, built.codes()
        day = site.output / "2024" / "11" / "21"
        pages = {p.parent.name: "الأقدم" in p.read_text("utf-8") for p in day.glob("*/index.html")}
        results.append(pages)
    assert results[0] == results[1] == {"خبر-مكرر": True, "خبر-مكرر-2": False}


def test_check_writes_nothing_even_with_an_old_output(new_site):
    site = new_site({"a.md": article()})
    assert run_cli(["build"], cwd=site.root).returncode == 0
    (site.content / "b.md").write_text(article(title="خبر جديد"), encoding="utf-8")
    before = all_files(site.root)
    run = run_cli(["check"], cwd=site.root)
    assert run.returncode == 0, run.stderr
    assert all_files(site.root) == before


# ============================================================ where the build writes

@pytest.mark.parametrize("where", [".", "content", "..", "content/inside", "static/out", "templates", "templates/out"])
def test_output_folders_that_would_destroy_sources_are_refused(new_site, where):
    # templates/ (newcomer attack): the site was built into it and read back as templates
    site = new_site({"a.md": article()}, static={"x.css": "a{}"})
    (site.root / "templates").mkdir(exist_ok=True)
    before = all_files(site.root.parent)
    run = run_cli(["build", "--output", where], cwd=site.root)
    assert run.returncode == 2 and "error output-dir" in run.stderr, run.stderr
    assert all_files(site.root.parent) == before


def test_home_and_root_are_refused(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    project, content = tmp_path / "site", tmp_path / "site" / "content"
    for folder in (Path("/"), home, tmp_path):  # tmp_path holds home and project
        with pytest.raises(SitegenError) as caught:
            check_output_dir(folder, content, project)
        assert caught.value.diagnostics[0].code == "output-dir"


def test_build_reads_content_and_writes_only_its_output(new_site, tmp_path):
    site = new_site({"a.md": article(), "sub/b.txt": "خبر خام\n\nنص الخبر الخام هنا في فقرة كاملة.\n",
                     "img/photo.jpg": b"\xff\xd8\xff\xe0fakejpeg"}, static={"css/extra.css": "a{}"})
    content_before = fingerprint(site.content)
    before = all_files(tmp_path)
    built = build_site(site)
    assert built.result.exit_code == 0, built.codes()
    assert fingerprint(site.content) == content_before  # same bytes and mtimes: only read
    after = all_files(tmp_path)
    out = site.output.relative_to(tmp_path).as_posix()
    lock = lock_path(site.output).relative_to(tmp_path).as_posix()  # the one file beside the output, by design
    ledger = (site.root / "url-ledger.json").relative_to(tmp_path).as_posix()  # INTERFACE.md: beside site.yaml
    cache = cache_folder(site.output).relative_to(tmp_path).as_posix()  # issue 10: the build cache beside it
    created = {p for p in after if p not in before and p != lock}
    assert ledger in created
    created.discard(ledger)
    assert cache in created
    created -= {p for p in created if p == cache or p.startswith(cache + "/")}
    assert created and all(p == out or p.startswith(out + "/") for p in created), created - {out}
    assert {p: v for p, v in after.items() if p in before} == before


# ============================================================ path traversal

TRAVERSAL_VALUES = [
    "../../../../escaped", "..", ".", "/", "/etc/passwd", "../", "....//....//escaped", "..\\..\\escaped",
    "\\\\server\\share\\escaped", "C:\\Windows\\System32\\escaped", "C:escaped", "c:/escaped",
    "a/../../../escaped", "nul\u0000byte/../x", "ctrl\u001b[31m\u0007/x", "\u202e../x", "．．／escaped",
    "..\u2215..\u2215escaped", "%2e%2e%2fescaped", "~/escaped", "/../..//./escaped/", "تقرير/../../../خارج",
]
TRAVERSAL_FIELDS = ["slug", "url", "section", "category", "tags", "author", "authors"]


@pytest.mark.parametrize("field", TRAVERSAL_FIELDS)
def test_hostile_path_values_stay_inside_the_output(tmp_path, field):
    """Every value in one build (one article each): all files land inside the output and
    nothing is created elsewhere under ``tmp_path`` (the site sits three folders deep so a
    ``../../..`` escape would still land in ``tmp_path``)."""
    files = {}
    for index, value in enumerate(TRAVERSAL_VALUES):
        fields = {field: [value] if field in ("tags", "authors") else value}
        if field != "slug":
            fields["slug"] = f"مقال-{index}"
        files[f"a{index:02d}.md"] = article(title=f"خبر رقم {index}", date=f"2024-11-{index + 1:02d}T10:00:00+03:00",
                                            **fields)
    nest = tmp_path / "a" / "b" / "c"
    site = make_site(nest, files, {"duplicate_urls": "suffix"})
    before = all_files(tmp_path)
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    output = site.output.resolve()
    produced = [p for p in output.rglob("*")]
    assert len([p for p in produced if p.name == "index.html"]) > len(TRAVERSAL_VALUES)
    for path in produced:
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(output), path
        relative = path.relative_to(output).as_posix()
        assert not re.search(r"[\x00-\x1f\x7f\\]", relative), repr(relative)
        assert not any(part in ("", ".", "..") or re.fullmatch(r"[A-Za-z]:", part) for part in relative.split("/"))
    out = site.output.relative_to(tmp_path).as_posix()
    lock = lock_path(site.output).relative_to(tmp_path).as_posix()  # the one file beside the output, by design
    ledger = (site.root / "url-ledger.json").relative_to(tmp_path).as_posix()  # INTERFACE.md: beside site.yaml
    cache = cache_folder(site.output).relative_to(tmp_path).as_posix()  # issue 10: the build cache beside it
    created = {p for p in all_files(tmp_path) if p not in before and p != lock} - {ledger}
    created -= {p for p in created if p == cache or p.startswith(cache + "/")}
    assert all(p == out or p.startswith(out + "/") for p in created), sorted(created)[:5]
    titles = {text_of(h1) for page in site.output.rglob("index.html")
              for h1 in html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False).iter("h1")}
    assert {f"خبر رقم {i}" for i in range(len(TRAVERSAL_VALUES))} <= titles  # no article lost


def test_symlinks_in_content_pointing_outside_are_not_followed(new_site, tmp_path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(article(title="سر خارجي لا ينشر"), encoding="utf-8")
    (outside / "folder" / "b.md").write_text(article(title="سر في مجلد خارجي"), encoding="utf-8")
    (outside / "photo.jpg").write_bytes(b"\xff\xd8secret-bytes")
    site = new_site({"a.md": article()}, static={"keep.css": "a{}"})
    os.symlink(outside / "secret.md", site.content / "link.md")
    os.symlink(outside / "folder", site.content / "linked-folder")
    os.symlink(outside / "photo.jpg", site.content / "photo.jpg")
    os.symlink(outside / "secret.md", site.root / "static" / "leak.txt")
    built = build_site(site)
    assert built.result.exit_code == 0, built.codes()
    for path in site.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert "سر".encode() not in data and b"secret-bytes" not in data, path
    assert not (site.output / "leak.txt").exists() and not (site.output / "photo.jpg").exists()


# ============================================================ sanitising raw HTML

def test_raw_html_is_sanitised_and_trusted_html_keeps_it():
    raw = ('<p style="color:red" onclick="x()">نص</p><script>alert(1)</script>'
           '<iframe src="https://www.youtube.com/embed/abc"></iframe>'
           '<iframe src="https://evil.example/embed"></iframe>'
           '<iframe src="http://www.youtube.com/embed/abc"></iframe>'
           '<iframe src="https://www.youtube.com.evil.example/embed"></iframe>'
           '<iframe src="https://evil.example/?www.youtube.com"></iframe>')
    hosts = ("www.youtube.com",)
    clean = html5lib.parse(markdown_to_html(raw, embed_hosts=hosts), namespaceHTMLElements=False)
    assert not list(clean.iter("script"))
    assert all(not k.startswith("on") and k != "style" for el in clean.iter() for k in el.attrib)
    assert [f.get("src") for f in clean.iter("iframe") if f.get("src")] == ["https://www.youtube.com/embed/abc"]
    trusted = html5lib.parse(markdown_to_html(raw, trusted=True, embed_hosts=hosts), namespaceHTMLElements=False)
    assert len(list(trusted.iter("script"))) == 1
    assert any(el.get("style") == "color:red" for el in trusted.iter("p"))


def test_embed_hosts_from_config_decide_which_iframes_stay(new_site):
    body = ('<iframe src="https://player.example/v/1"></iframe>\n\n'
            '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\nنص الخبر.')
    site = new_site({"a.md": article(body=body)}, {"embed_hosts": ["player.example"]})
    assert build_site(site).result.exit_code == 0
    (page,) = article_pages(site.output)
    srcs = [f.get("src") for f in html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False).iter("iframe")]
    assert [s for s in srcs if s] == ["https://player.example/v/1"]


# ============================================================ XSS payloads in every field

BASE_URL = "https://news.example.org/"
SITE_TITLE = "موقع <script>alert('title')</script> \"'&"
EMBED_HOSTS = ("www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "srcset",
                  "xlink:href", "ping", "longdesc", "manifest", "codebase", "dynsrc", "lowsrc"}
URL_META = ("og:url", "image", "image:url", "secure_url", "video", "audio", "player", "twitter:url")
NEVER_ANYWHERE = {"object", "embed", "applet", "base", "frame", "frameset", "param"}
NEVER_IN_MAIN = {"script", "style", "svg", "math", "form", "input", "button", "textarea", "select", "link",
                 "meta", "noscript", "template"}
#: The theme's search page (search/index.html) is a form by design, with the theme's own script.
SEARCH_PAGE_MAIN = {"form", "input", "button", "noscript"}
SEARCH_SCRIPT = urlsplit(BASE_URL).path.rstrip("/") + "/js/search.js"


def _payload_article(index: int, payload: str) -> tuple[str, dict]:
    """One article with ``payload`` in every field; returns (file text, expected texts)."""
    date = datetime(2024, 12, 30, 16, 0, tzinfo=timezone(timedelta(hours=3))) + timedelta(minutes=37 * index)
    fields = {
        "title": f"خبر {index} {payload}",
        "subtitle": f"عنوان فرعي {payload}",
        "summary": f"ملخص {payload}",
        "tags": [payload, f"وسم {index}"],
        "section": payload,
        "author": payload,
        "byline": payload,
        "image_alt": payload,
        "image": f"/images/photo-{index}.jpg" if index % 2 == 0 else payload,
        "slug": f"{payload} {index}",
    }
    markdown = MARKDOWN_PAYLOADS[index % len(MARKDOWN_PAYLOADS)]
    body = (f"فقرة أولى عن الخبر رقم {index}.\n\n{payload}\n\n<p>{payload}</p>\n\n"
            f"<div>{payload}</div>\n\n{markdown}\n\n[رابط آمن](https://example.org/{index})\n")
    text = article(date=date.isoformat(), body=body, **fields)
    expected = {key: expected_text(value) for key, value in fields.items() if isinstance(value, str)}
    expected["tags"] = [expected_text(t) for t in fields["tags"] if expected_text(t)]
    return text, expected


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    files, expected = {}, {}
    for index, payload in enumerate(PAYLOADS):
        text, fields = _payload_article(index, payload)
        files[f"x{index:02d}.md"] = text
        expected[fields["title"]] = fields
    files["markdown.md"] = article(title="روابط ماركداون خطرة", date="2024-12-30T10:00:00+03:00",
                                   body="\n\n".join(MARKDOWN_PAYLOADS))
    expected["روابط ماركداون خطرة"] = {"title": "روابط ماركداون خطرة"}
    raw_title = f"خبر خام {PAYLOADS[1]}"
    files["raw.txt"] = ("---\n" + f"title: {json.dumps(raw_title)}\n" + "date: 2024-12-30T09:00:00+03:00\n---\n"
                        + "\n".join(f"{p} فقرة من النص الخام رقم {i}." for i, p in enumerate(PAYLOADS)) + "\n")
    expected[expected_text(raw_title)] = {"title": expected_text(raw_title)}
    site = make_site(tmp_path_factory.mktemp("xss"), files, {
        "title": SITE_TITLE, "description": "وصف <img src=x onerror=alert(1)>", "base_url": BASE_URL,
        "paginate": 10})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics if d.is_error]
    return built, expected


def _dangerous_url(value: str) -> bool:
    """True for a URL whose scheme runs script, however it is disguised (the HTML parser has
    already decoded entities; browsers drop ASCII whitespace and controls in the scheme)."""
    probe = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()
    return probe.startswith(DANGEROUS_SCHEMES)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def _theme_script(element) -> bool:
    """The theme's own progressive-enhancement script: an empty ``<script src=…/js/share.js>``."""
    src = element.get("src") or ""
    return src.endswith("/js/share.js") and "://" not in src and not (element.text or "").strip()


def _check_inert(page_file: Path) -> list[str]:
    """Every way script could run from this page, as readable problems (empty = inert)."""
    problems = []
    doc = html5lib.parse(page_file.read_bytes(), namespaceHTMLElements=False)
    main = next(iter(doc.iter("main")), None)
    in_main = {id(el) for el in main.iter()} if main is not None else set()
    search_page = page_file.parent.name == "search"
    allowed_in_main = SEARCH_PAGE_MAIN if search_page else set()
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        where = f"{page_file.name} <{name}>"
        theme_search_script = search_page and element.get("src") == SEARCH_SCRIPT and not (element.text or "").strip()
        if name == "script" and not (_theme_script(element) or theme_search_script):
            if element.get("type") != "application/ld+json" or element.get("src") is not None:
                problems.append(f"{where} executable script {element.attrib} {element.text!r:.80}")
        if name in NEVER_ANYWHERE:
            problems.append(f"{where} forbidden element")
        json_ld = name == "script" and element.get("type") == "application/ld+json"
        if id(element) in in_main and element is not main and name in NEVER_IN_MAIN - allowed_in_main and not json_ld:
            problems.append(f"{where} forbidden inside <main>")
        if name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"{where} meta refresh")
        meta_key = (element.get("property") or element.get("name") or "").lower()
        if name == "meta" and meta_key.endswith(URL_META) and _dangerous_url(element.get("content") or ""):
            problems.append(f"{where} script URL in content={element.get('content')!r}")
        if name == "iframe" and element.get("src") is not None:
            src = urlsplit(element.get("src"))
            if src.scheme != "https" or src.hostname not in EMBED_HOSTS:
                problems.append(f"{where} iframe from {element.get('src')!r}")
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.startswith("on"):
                problems.append(f"{where} event handler {attribute}={value!r}")
            if key in ("srcdoc", "style"):
                problems.append(f"{where} {key}={value!r}")
            if key in URL_ATTRIBUTES and _dangerous_url(value):
                problems.append(f"{where} {attribute}={value!r}")
    return problems


def test_payload_list_is_large_enough():
    assert len(PAYLOADS) >= 30 and len(set(PAYLOADS)) == len(PAYLOADS)


def test_every_html_page_is_inert(xss_site):
    built, _ = xss_site
    pages = _html_files(built.output)
    assert len(pages) > len(PAYLOADS)
    problems = [problem for page in pages for problem in _check_inert(page)]
    assert not problems, "\n".join(problems[:20])


def test_every_article_page_exists_and_its_texts_round_trip(xss_site):
    built, expected = xss_site
    seen = set()
    for page_file in article_pages(built.output) + sorted(built.output.glob("*/index.html")):
        doc = html5lib.parse(page_file.read_bytes(), namespaceHTMLElements=False)
        headlines = [text_of(h1) for h1 in doc.iter("h1") if text_of(h1) in expected]
        if not headlines:
            continue
        title = headlines[0]
        seen.add(title)
        fields = expected[title]
        assert text_of(next(doc.iter("title"))).startswith(title)
        texts = {text_of(el) for el in doc.iter() if isinstance(el.tag, str)}
        attributes = {(k, v) for el in doc.iter() if isinstance(el.tag, str) for k, v in el.attrib.items()}
        if "subtitle" in fields:
            assert fields["subtitle"] in texts, (title, fields["subtitle"])
            assert ("content", fields["summary"]) in attributes  # meta description, og:description
            for tag in fields["tags"]:
                assert tag in texts, (title, tag)
            if fields["author"]:
                assert fields["author"] in texts, (title, fields["author"])
            if fields["image"].startswith("/images/"):
                images = [el for el in doc.iter("img") if (el.get("src") or "").endswith(fields["image"])]
                assert images and images[0].get("alt") == fields["image_alt"], title
    assert seen == set(expected), sorted(set(expected) - seen)[:5]


def _headlines(data) -> list[str]:
    if isinstance(data, dict):
        found = [data["headline"]] if "headline" in data else []
        return found + [h for value in data.values() for h in _headlines(value)]
    if isinstance(data, list):
        return [h for item in data for h in _headlines(item)]
    return []


def test_json_ld_parses_and_headline_equals_the_title(xss_site):
    built, expected = xss_site
    checked = 0
    for page_file in _html_files(built.output):
        doc = html5lib.parse(page_file.read_bytes(), namespaceHTMLElements=False)
        blocks = [el.text or "" for el in doc.iter("script") if el.get("type") == "application/ld+json"]
        data = [json.loads(block) for block in blocks]  # a broken-out </script> would not parse
        headlines = [h for item in data for h in _headlines(item)]
        page_titles = [text_of(h1) for h1 in doc.iter("h1") if text_of(h1) in expected]
        if page_titles and page_file.parent.parent.name.isdigit():
            assert headlines == [page_titles[0]], (page_file, headlines)
            checked += 1
        for item in data:  # the site name survives as data too
            for node in (item.get("@graph") or [item]):
                if node.get("@type") in ("WebSite", "NewsMediaOrganization", "Organization"):
                    assert node["name"] == SITE_TITLE
    assert checked >= len(PAYLOADS)


def _feeds(output: Path) -> list[Path]:
    return sorted([*output.glob("*.xml"), *output.glob("sections/*/feed.xml")])


def test_feeds_and_sitemaps_parse_and_titles_round_trip(xss_site):
    built, expected = xss_site
    files = _feeds(built.output)
    names = {p.relative_to(built.output).as_posix() for p in files}
    assert {"feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml"} <= names, names
    atom = "{http://www.w3.org/2005/Atom}"
    entry_titles = 0
    for path in files:
        root = ET.parse(path).getroot()  # well-formed XML
        if root.tag.endswith("urlset"):
            locs = [el.text for el in root.iter() if el.tag.endswith("}loc")]
            assert locs and all(loc.startswith(BASE_URL) for loc in locs), path
            assert all(not re.search(r"[\s<>\"'\x00-\x1f]", loc) for loc in locs)
            for title in (el.text for el in root.iter() if el.tag.endswith("}title")):
                assert title in expected, title
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        if root.tag == "rss":
            titles = [item.findtext("title") for item in root.iter("item")]
            links = [item.findtext("link") for item in root.iter("item")]
            assert root.find("channel").findtext("title").endswith(SITE_TITLE)
        else:
            titles = [entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")]
            links = [link.get("href") for link in root.iter(f"{atom}link")]
            assert root.findtext(f"{atom}title") == SITE_TITLE
        assert titles and all(title in expected for title in titles), [t for t in titles if t not in expected]
        assert all(link.startswith(BASE_URL) for link in links), links
        entry_titles += len(titles)
        for entry in parsed.entries:
            for link in entry.get("links", []):
                assert not _dangerous_url(link.get("href", ""))
            summary = entry.get("summary", "")
            if summary:
                fragment = html5lib.parseFragment(summary, namespaceHTMLElements=False)
                assert not [el for el in fragment.iter() if isinstance(el.tag, str)
                            and (_local(el.tag) in ("script", "img", "svg", "iframe")
                                 or any(_local(k).startswith("on") for k in el.attrib))], summary
    assert entry_titles >= 20


def test_template_syntax_in_content_is_not_evaluated(xss_site):
    built, expected = xss_site
    titles = [t for t in expected if "{{7*7}}" in t]
    assert titles
    page_texts = []
    for page_file in article_pages(built.output):
        doc = html5lib.parse(page_file.read_bytes(), namespaceHTMLElements=False)
        page_texts += [text_of(h1) for h1 in doc.iter("h1")]
    assert titles[0] in page_texts
    assert not any(t.replace("{{7*7}}", "49") in page_texts for t in titles)


def test_percent_encoded_links_decode_to_paths_inside_the_site(xss_site):
    built, _ = xss_site
    for page_file in _html_files(built.output):
        doc = html5lib.parse(page_file.read_bytes(), namespaceHTMLElements=False)
        for element in doc.iter("a"):
            href = element.get("href")
            if href and href.startswith("/"):
                path = unquote(urlsplit(href).path)
                assert ".." not in path.split("/") and "\\" not in path and "\x00" not in path, href


def test_the_inertness_check_itself_catches_live_script(tmp_path):
    """Guard against a checker that passes everything: each of these lines must be flagged."""
    live = [
        "<script>alert(1)</script>", '<script type="text/javascript">x</script>', "<img src=x onerror=alert(1)>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href=" JAVASCRIPT:alert(1)">x</a>',
        '<iframe srcdoc="<b>x</b>"></iframe>', '<iframe src="https://evil.example/"></iframe>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>', '<p style="x:expression(1)">x</p>',
        '<object data="x"></object>', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<meta property="og:image" content="data:text/html,x">', '<form action="vbscript:x"></form>',
        '<main><svg onload=alert(1)></svg></main>', '<script type="application/ld+json" src="x.js"></script>',
    ]
    for snippet in live:
        page = tmp_path / "page.html"
        page.write_text(f"<!doctype html><html><body><main><p>ok</p></main>{snippet}</body></html>", "utf-8")
        assert _check_inert(page), snippet
    page.write_text('<!doctype html><html><body><main><a href="/x">ok</a><script type="application/ld+json">'
                    '{"a": 1}</script></main></body></html>', "utf-8")
    assert _check_inert(page) == []
