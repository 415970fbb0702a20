"""Input limits (issue 9): one bad input costs at most its own file (or gives a clear config
error), never a traceback, a hang or the whole site. One regression test (or group) per class:
characters XML forbids, pathological long lines (linear time), symlink loops, odd files (named
pipes, unusable names, links out) in content/ and static/, out-of-range values, and names the
file system cannot hold."""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import article, article_pages, build_site, parse_html, run_cli
from sitegen.cli import main
from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders.article import load_article
from sitegen.loaders.encoding import decode
from sitegen.loaders.fields import MAX_LIST_ITEMS
from sitegen.loaders.frontmatter import split_front_matter
from sitegen.urls import MAX_SEGMENT_BYTES, clean_path, fit_segment, safe_link
from sitegen.yamlsafe import load_yaml

XML_FORBIDDEN = "\x01\x08\x0b\x1f\ufffe\uffff"
GOOD = {"good.md": article("خبر سليم عن افتتاح المكتبة", "2024-11-20T09:00:00+03:00", tags=["ثقافة"])}


def errors_and_warnings(built) -> dict[str, list]:
    found: dict[str, list] = {}
    for d in built.diagnostics:
        found.setdefault(d.code, []).append(d)
    return found


# --- characters XML 1.0 forbids (non-characters, C0 controls) -----------------------------


def test_xml_forbidden_characters_are_dropped_where_text_enters(new_site):
    site = new_site({**GOOD,
                     "bad.md": article(f"عنوان{XML_FORBIDDEN} الخبر", "2024-11-21T09:00:00+03:00",
                                       tags=[f"وسم\uffff"], body=f"نص\ufffe الخبر\x02 هنا."),
                     "raw.txt": f"عنوان الخبر الخام\uffff\n\nنص الخبر الخام هنا في فقرة كاملة\ufffe طويلة.\n"},
                    config={"title": "موقع\uffff التجربة", "description": "وصف\ufffe الموقع"})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    assert len(article_pages(built.output)) == 2
    assert (built.output / "عنوان-الخبر-الخام/index.html").is_file()  # the dump has no date: /{slug}/
    for name in ("feed.xml", "atom.xml", "sitemap.xml"):
        text = (built.output / name).read_text(encoding="utf-8")
        ET.fromstring(text)  # well-formed XML
        assert not any(c in text for c in XML_FORBIDDEN), name
    feed = (built.output / "feed.xml").read_text(encoding="utf-8")
    assert "عنوان الخبر" in feed and "موقع التجربة" in feed
    assert (built.output / "tags/وسم/index.html").is_file()


def test_decode_drops_xml_forbidden_code_points_for_both_formats():
    padding = "نص عادي طويل بما يكفي ليبقى نصا لا ملفا ثنائيا. " * 4
    text = decode(f"سطر\ufffe أول\x0b ثان\x0c ثالث\x01\uffff\n{padding}".encode("utf-8"), "a.txt")
    assert text == f"سطر أول  ثان  ثالث\n{padding}"


# --- every regex that sees user text runs in linear time -----------------------------------

#: Pieces whose long repetition makes backtracking regexes explode.
PATHOLOGICAL_UNITS = [" ", ": ", "| ", "-", "#", "\t", "a ", ":", "'", '"', "- ", "*", "_", "[", "{", "\\", "/", ". ",
                      "ـ", "َ", "\u200f", "١", "،", "[a](", "![", '[a]("', "[a](b) [", "> ", "`", "<"]
LONG = 30_000
BUDGET_SECONDS = 5.0  # linear passes take well under a second; a quadratic one over 30,000 characters, minutes


def _timed(function, *args) -> float:
    """CPU seconds ``function(*args)`` takes in this process: unlike wall time, they do not grow
    when other work (other test workers, other users) shares the machine's cores."""
    began = time.process_time()
    try:
        function(*args)
    except SitegenError:
        pass  # a clear error is fine; only time matters here
    return time.process_time() - began


def _load_markdown(tmp_path, text: str) -> None:
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    load_article(path, str(path), CONFIG)


CONFIG, _ = parse_config({"timezone": "Africa/Cairo"}, "site.yaml")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(PATHOLOGICAL_UNITS), prefix=st.sampled_from(["", "title: ", "title: a: b", "# ", "- "]),
       suffix=st.sampled_from(["", "x", ":", ": x", "\n"]))
def test_pathological_long_lines_run_in_linear_time(tmp_path, unit, prefix, suffix):
    line = prefix + unit * (LONG // len(unit)) + suffix
    front_matter = f"---\n{line}\n---\n\nنص.\n"
    checks = {
        "split_front_matter": lambda: split_front_matter(front_matter, "a.md"),
        "load_yaml": lambda: load_yaml(line, "a.md"),
        "decode": lambda: decode(line.encode("utf-8"), "a.txt"),
        "load_article front matter": lambda: _load_markdown(tmp_path, front_matter),
        "load_article body": lambda: _load_markdown(tmp_path, f"---\ntitle: x\n---\n\n{line}\n"),
        "clean_path": lambda: clean_path(line),
        "safe_link": lambda: safe_link(line),
        "fit_segment": lambda: fit_segment(line),
        "permalink": lambda: parse_config({"permalink": line + "{slug}/"}, "site.yaml"),
        "base_url": lambda: parse_config({"base_url": "https://x.org/" + line}, "site.yaml"),
    }
    slow = {name: round(seconds, 2) for name, check in checks.items() if (seconds := _timed(check)) > BUDGET_SECONDS}
    assert slow == {}, (prefix, unit, suffix)


def test_a_long_run_of_spaces_after_a_colon_value_is_quick(tmp_path):
    """The case that hung: ``title: a: b`` + a long run of spaces (the colon repair's regex took
    minutes for 100,000 spaces)."""
    text = "---\ntitle: عاجل: خبر" + " " * 100_000 + "انتهى\n---\n\nنص.\n"
    assert _timed(split_front_matter, text, "a.md") < BUDGET_SECONDS
    front = split_front_matter(text, "a.md")
    assert front.data["title"] == "عاجل: خبر" + " " * 100_000 + "انتهى"
    assert [w.code for w in front.warnings] == ["yaml-unquoted-colon"]


# --- symlink loops ---------------------------------------------------------------------------


def test_symlink_loops_are_a_per_file_error(new_site):
    site = new_site(GOOD)
    (site.content / "a.md").symlink_to("b.md")
    (site.content / "b.md").symlink_to("a.md")
    (site.content / "x.jpg").symlink_to("x.jpg")
    (site.content / "folder").symlink_to("folder", target_is_directory=True)  # not content: ignored
    built = build_site(site)
    assert built.result.exit_code == 1
    loops = sorted(os.path.basename(d.path) for d in errors_and_warnings(built)["symlink-loop"])
    assert loops == ["a.md", "b.md", "x.jpg"]
    assert len(article_pages(built.output)) == 1


def test_odd_files_in_content_and_static_cost_only_themselves(new_site, tmp_path):
    """Named pipes (a pipe called ``x.jpg`` used to hang the build for ever, one in ``static/``
    or a pipe ``.mp4`` stopped the whole site), names no host can serve and links leading out
    of ``static/`` are each skipped with a diagnostic naming the file; the rest is published."""
    outside = tmp_path / "outside"
    (outside / "fonts").mkdir(parents=True)
    (outside / "secret.css").write_text("secret", encoding="utf-8")
    (outside / "fonts" / "linked.woff2").write_bytes(b"wOF2")
    site = new_site({**GOOD, "images/ok.png": b"\x89PNG"},
                    static={"css/site.css": "body{}", ".well-known/security.txt": "Contact: x", "a\\b.css": "x",
                            "c\x01d.css": "x"})
    static = site.root / "static"
    for pipe in (site.content / "x.jpg", site.content / "v.mp4", static / "css" / "pipe.css"):
        os.mkfifo(pipe)
    (static / "css" / "shared.css").symlink_to(outside / "secret.css")
    (static / "fonts").symlink_to(outside / "fonts", target_is_directory=True)
    (static / "css" / "same.css").symlink_to("site.css")  # inside static/: published
    done = run_cli(["build"], cwd=site.root, timeout=90)  # TimeoutExpired here: a pipe was read
    assert done.returncode == 1, done.stderr  # built, files skipped
    lines = done.stderr.splitlines()

    def said(code: str) -> list[str]:
        return sorted(line.split(":", 1)[0].rsplit("/", 1)[-1] for line in lines if f" {code}: " in line)

    assert said("error unreadable") == ["pipe.css", "v.mp4", "x.jpg"]
    assert said("warning unusable-name") == ["a\\\\b.css", "c\\x01d.css"]
    assert said("warning symlink-outside") == ["fonts", "shared.css"]
    assert "outside the static folder" in done.stderr
    published = {p.relative_to(site.output).as_posix() for p in site.output.rglob("*") if p.is_file()}
    assert {"css/site.css", "css/same.css", ".well-known/security.txt", "images/ok.png"} <= published
    assert not published & {"css/pipe.css", "css/shared.css", "fonts/linked.woff2", "x.jpg", "v.mp4", "a\\b.css",
                            "c\x01d.css"}
    assert (site.output / "css/same.css").read_text(encoding="utf-8") == "body{}"
    assert len(article_pages(site.output)) == 1


# --- out-of-range values --------------------------------------------------------------------


@pytest.mark.parametrize("key, value", [
    ("permalink", "/{slug:>99999999999}/"),
    ("permalink", "/{slug:>999999999}/"),
    ("permalink", "/{slug!r}/{year.real}/"),
    ("permalink", "/../{slug}/"),
    ("base_url", "http://[::1"),
    ("base_url", "https://news.example.org:99999/"),
])
def test_out_of_range_config_values_are_a_config_error(new_site, key, value):
    site = new_site(GOOD, config={key: value})
    built = build_site(site)
    assert built.result.exit_code == 2
    (error,) = built.result.report.errors
    assert (error.code, error.path) == ("config", str(site.config)) and error.message.startswith(f"{key}: ")
    assert not site.output.exists()


BOMB = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8))


def test_a_yaml_alias_bomb_in_site_yaml_is_a_config_error(new_site):
    site = new_site(GOOD, raw_config="title: موقع\nbase_url: https://news.example.org/\n" + BOMB + "embed_hosts: *i\n")
    built = build_site(site)
    assert built.result.exit_code == 2
    assert [d.code for d in built.result.report.errors] == ["yaml-too-large"]


@pytest.mark.parametrize("yaml_text", [BOMB + "tags: *i\n", "tags: &t [a, *t]\n"], ids=["bomb", "self-referencing"])
def test_a_yaml_alias_bomb_in_front_matter_costs_only_its_file(new_site, yaml_text):
    site = new_site({**GOOD, "bomb.md": f"---\ntitle: خبر القنبلة\n{yaml_text}---\n\nنص.\n"})
    built = build_site(site)
    assert built.result.exit_code == 1
    (error,) = built.result.report.errors
    assert error.code == "yaml-too-large" and error.path.endswith("bomb.md")
    assert len(article_pages(built.output)) == 1


def test_a_utc_offset_of_24_hours_costs_only_its_file(new_site):
    site = new_site({**GOOD, "offset.md": article("خبر بتوقيت مستحيل", "2024-11-21T10:00:00+24:00")})
    built = build_site(site)
    assert built.result.exit_code == 1
    (error,) = built.result.report.errors
    assert error.path.endswith("offset.md") and error.line == 3
    assert len(article_pages(built.output)) == 1


def test_a_date_outside_the_hijri_tables_drops_only_that_hijri_date(new_site):
    site = new_site({**GOOD, "old.md": article("خبر من أرشيف القرن التاسع عشر", "1850-03-01T10:00:00+03:00"),
                     "far.md": article("خبر عن خطة بعيدة المدى", "2100-06-01T10:00:00+03:00")},
                    config={"hijri": True})
    built = build_site(site, future=True)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    warned = sorted((os.path.basename(d.path), d.line, d.field) for d in errors_and_warnings(built)["hijri-range"])
    assert warned == [("far.md", 3, "date"), ("old.md", 3, "date")]
    hijri = {page.parent.name: [t.text for t in parse_html(page).all("time", class_="hijri")]
             for page in article_pages(built.output)}
    assert len(hijri) == 3
    assert {name for name, dates in hijri.items() if dates} == {"خبر-سليم-عن-افتتاح-المكتبة"}
    assert hijri["خبر-سليم-عن-افتتاح-المكتبة"][0].endswith("1446 هـ")


def test_thousands_of_tags_or_authors_cost_only_their_file(new_site):
    """An article's tags and authors each get a page and a feed, and every feed entry lists the
    article's tags: 3,000 tags (a 35 KB file) made 700 MB of feeds in minutes. More than
    ``MAX_LIST_ITEMS`` is a ``bad-value`` error for that file; the rest of the site is built."""
    hundred = [f"وسم {n}" for n in range(MAX_LIST_ITEMS)]
    site = new_site({**GOOD, "hundred.md": article("مئة وسم", "2024-11-21T09:00:00+03:00", tags=hundred),
                     "tags.md": article("وسوم كثيرة", tags=[f"وسم {n}" for n in range(3000)]),
                     "authors.md": article("كتاب كثيرون", authors=[f"كاتب {n}" for n in range(MAX_LIST_ITEMS + 1)])})
    built = build_site(site)
    assert built.result.exit_code == 1
    bad = errors_and_warnings(built)["bad-value"]
    assert sorted((os.path.basename(d.path), d.field) for d in bad) == [("authors.md", "authors"), ("tags.md", "tags")]
    assert len(article_pages(built.output)) == 2
    assert len(list((built.output / "tags").glob("*/feed.xml"))) == MAX_LIST_ITEMS + 1  # hundred.md's and ثقافة


# --- names the file system cannot hold -------------------------------------------------------

GOTHIC = "𐌰𐌱𐌲𐌳𐌴 "  # four UTF-8 bytes a letter


def test_slugs_are_cut_to_fit_a_file_name(new_site):
    first, second = "𐌰 " + GOTHIC * 20, "𐌱 " + GOTHIC * 20
    site = new_site({**GOOD, "long1.md": article(first, "2024-11-21T09:00:00+03:00", tags=[GOTHIC * 30]),
                     "long2.md": article(second, "2024-11-21T10:00:00+03:00")})
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    pages = article_pages(built.output)
    assert len(pages) == 3
    for path in built.output.rglob("*"):
        assert len(path.name.encode("utf-8")) <= MAX_SEGMENT_BYTES + 2, path.name
    again = build_site(site)
    assert article_pages(again.output) == pages  # the same names on every build


def test_long_permalink_segments_aliases_and_ledger_urls_cost_only_themselves(new_site):
    """A permalink pattern joining two long names (``{section}-{slug}``), an alias or a
    hand-edited ledger URL with a segment no file name can hold (or ``..``) used to stop the
    whole site (ENAMETOOLONG, exit 2): the permalink segment is cut to fit, the alias and the
    ledger URLs are left out with an ``unsafe-url`` warning, the rest is built."""
    long_section, long_title = " ".join(["قسم"] * 40), " ".join(["كلمة"] * 40)
    too_long = "/" + GOTHIC * 70 + "/"
    site = new_site({**GOOD, "long.md": article(long_title, "2024-11-21T09:00:00+03:00", section=long_section,
                                                aliases=[too_long, "/old/kept/"])},
                    config={"permalink": "/{year}/{month}/{day}/{section}-{slug}/"})
    ledger = {"version": 1, "files": {"good.md": {"identity": "", "urls": ["/../../escape/", too_long]}}}
    (site.root / "url-ledger.json").write_text(json.dumps(ledger), encoding="utf-8")
    built = build_site(site)
    assert built.result.exit_code == 0, [d.format() for d in built.diagnostics]
    unsafe = errors_and_warnings(built)["unsafe-url"]
    assert sorted(os.path.basename(d.path) for d in unsafe) == ["good.md", "good.md", "long.md"]
    pages = article_pages(built.output)
    assert len(pages) == 2
    for path in built.output.rglob("*"):
        assert len(path.name.encode("utf-8")) <= 255, path.name
    (long_page,) = [p for p in pages if "كلمة" in p.parent.name]
    assert long_page.parent.name.startswith("قسم-قسم")
    assert (built.output / "old/kept/index.html").is_file()  # the usable alias still redirects
    assert not (built.output.parent / "escape").exists()


def test_fit_segment_cuts_at_a_character_boundary_and_stays_unique():
    a, b = "𐌰" * 100 + "x", "𐌰" * 100 + "y"
    fa, fb = fit_segment(a), fit_segment(b)
    assert fa != fb and fa == fit_segment(a)
    assert len(fa.encode("utf-8")) <= MAX_SEGMENT_BYTES
    assert fa.startswith("𐌰" * 40) and fa[-9] == "-"
    assert fit_segment("قصير") == "قصير"


def test_assets_with_unusable_names_are_skipped_with_a_warning(new_site):
    site = new_site({**GOOD, "images/ok.png": b"\x89PNG", "images/a\\b.jpg": b"\xff\xd8", "images/c\x01d.png": b"x"})
    built = build_site(site)
    assert built.result.exit_code == 0
    skipped = sorted(d.path.rsplit("/", 1)[-1] for d in errors_and_warnings(built)["unusable-name"])
    assert skipped == ["a\\\\b.jpg", "c\\x01d.png"]
    assert sorted(p.name for p in (built.output / "images").iterdir()) == ["ok.png"]


def test_content_names_that_are_not_utf8_or_hold_controls_are_built_and_printed_safely(new_site):
    """A content file named on another system (bytes that are not UTF-8) crashed the build
    after writing the site (the URL ledger could not be encoded: traceback); a name holding
    an escape sequence was printed raw to the terminal. Now the article is built, the ledger
    keeps the name (JSON escapes that read back as the same path) and diagnostics show escapes."""
    site = new_site(GOOD)
    content = os.fsencode(site.content)
    with open(content + b"/\xff\xfe-cp1256.md", "wb") as handle:
        handle.write(article("اسم ملف من نظام آخر", "2024-11-21T11:00:00+03:00").encode("utf-8"))
    with open(content + b"/red\x1b[31m.md", "wb") as handle:
        handle.write(b"---\ntitle: [\n---\n")
    done = run_cli(["build"], cwd=site.root)
    assert done.returncode == 1, done.stderr  # the broken file skipped, no traceback
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert "red\\x1b[31m.md" in done.stderr
    assert len(article_pages(site.output)) == 2
    ledger = json.loads((site.root / "url-ledger.json").read_text(encoding="utf-8"))
    assert os.fsdecode(b"\xff\xfe-cp1256.md") in ledger["files"]
    again = run_cli(["build"], cwd=site.root)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert json.loads((site.root / "url-ledger.json").read_text(encoding="utf-8")) == ledger


def test_new_with_a_very_long_title_writes_a_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", GOTHIC * 60]) == 0
    (written,) = (tmp_path / "content").iterdir()
    assert len(written.name.encode("utf-8")) <= 255
    (tmp_path / "blocked").write_text("ملف", encoding="utf-8")
    assert main(["new", "خبر جديد", "--content", "blocked"]) == 2  # content is a file: an error, not a traceback
    assert "new-write" in capsys.readouterr().err
