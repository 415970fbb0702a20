"""``python build.py extract --json content/seed.txt``: the user's own example, field by field."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from helpers import ERROR_LINE, REPO, article, run_cli

SEED_TITLE = "وزير الداخلية يزور الصين لمد جسور التواصل مع الأجهزة الأمنية الصينية"
SEED_SUBTITLE = "وزير الأمن العام الصينى يشيد بدور وزارة الداخلية المصرية فى مُكافحة الإرهاب والجرائم المُنظمة"
SEED_TEASER = "وزير الأمن العام الصينى يشيد بدور وزارة الداخلية المصرية فى مكافحة الإرهاب والجرائم المنظمةقام اللواء محمو"
SITE_NAME = "السوق العربية المشتركة"
MASTHEAD = [{"role": "رئيس مجلس الإدارة", "name": "أمانى الموجى"}, {"role": "رئيس التحرير", "name": "أشرف أبوطالب"}]
HEADINGS = ["جلسة مباحثات موسعة", "التأكيد على دور مصر المحورى بمنطقة الشرق الأوسط",
            "مد جسور التواصل مع الأجهزة الأمنية الصينية"]
ARABIC_SLUG = re.compile(r"^[\u0621-\u064A0-9\u0660-\u0669]+(-[\u0621-\u064A0-9\u0660-\u0669]+)*$")


@pytest.fixture(scope="module")
def extracted():
    proc = run_cli(["extract", "--json", "content/seed.txt"], cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    records = json.loads(proc.stdout)
    assert isinstance(records, list) and len(records) == 1
    return records[0]


def test_title(extracted):
    assert extracted["title"] == SEED_TITLE


def test_subtitle_keeps_its_diacritics(extracted):
    assert extracted["subtitle"] == SEED_SUBTITLE
    assert "مُكافحة" in extracted["subtitle"] and "المُنظمة" in extracted["subtitle"]


def test_date(extracted):
    assert extracted["date"] == "2024-11-21T11:44:00+02:00"


def test_site_name(extracted):
    assert extracted["site_name"] == SITE_NAME


def test_masthead(extracted):
    assert extracted["masthead"] == MASTHEAD


def test_headings_in_order(extracted):
    assert extracted["headings"] == HEADINGS


def test_paragraphs(extracted):
    paragraphs = extracted["paragraphs"]
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("قام اللواء")
    assert paragraphs[-1].endswith("الراهنة.")
    assert paragraphs[2].startswith("كما وجه الشكر")


def test_paragraphs_hold_no_page_chrome(extracted):
    chrome = [SEED_TITLE, SEED_SUBTITLE, SEED_TEASER, SEED_TEASER[:60], SITE_NAME,
              *(m["name"] for m in MASTHEAD), *(m["role"] for m in MASTHEAD)]
    for paragraph in extracted["paragraphs"]:
        assert paragraph not in HEADINGS
        for text in chrome:
            assert text not in paragraph, (text, paragraph[:60])


def test_paragraphs_are_clean_text(extracted):
    for paragraph in extracted["paragraphs"] + extracted["headings"]:
        assert paragraph == paragraph.strip()
        assert not paragraph.startswith("\u00a0") and not paragraph.endswith("\u00a0")
        assert "\u00a0" not in paragraph
        assert "  " not in paragraph
        assert "\n" not in paragraph and "\r" not in paragraph


def test_format_lang_dir_source(extracted):
    assert extracted["format"] == "raw"
    assert extracted["lang"].startswith("ar")
    assert extracted["dir"] == "rtl"
    assert extracted["source"] == "content/seed.txt"


def test_slug_and_url(extracted):
    slug = extracted["slug"]
    assert slug and ARABIC_SLUG.match(slug), slug
    assert extracted["url"].isascii()
    assert unquote(extracted["url"]).endswith(f"/2024/11/21/{slug}/")


def test_required_keys_present(extracted):
    for key in ("title", "subtitle", "date", "site_name", "masthead", "byline", "headings", "paragraphs", "summary",
                "tags", "section", "slug", "url", "lang", "dir", "format", "source"):
        assert key in extracted, key


# --- several files and broken files -------------------------------------------------


def test_extract_keeps_argument_order(tmp_path):
    first = tmp_path / "zz-first.md"
    last = tmp_path / "aa-last.md"
    first.write_text(article("خبر أول في الطلب", "2024-11-21T10:00:00+02:00"), encoding="utf-8")
    last.write_text(article("خبر أخير في الطلب", "2024-11-22T10:00:00+02:00"), encoding="utf-8")
    proc = run_cli(["extract", "--json", str(first), "content/seed.txt", str(last)], cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [r["source"] for r in records] == [str(first), "content/seed.txt", str(last)]
    assert [r["title"] for r in records] == ["خبر أول في الطلب", SEED_TITLE, "خبر أخير في الطلب"]
    assert records[0]["format"] == "markdown"


def test_extract_broken_file_exit_1_and_names_it(tmp_path):
    good = tmp_path / "good.md"
    broken = tmp_path / "broken.md"
    good.write_text(article("خبر سليم", "2024-11-21T10:00:00+02:00"), encoding="utf-8")
    broken.write_text("---\ntitle: خبر\ndate: 2024-02-30\n---\nنص.\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    proc = run_cli(["extract", "--json", str(good), str(broken), str(missing)], cwd=REPO)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [re.match(ERROR_LINE, line) for line in proc.stderr.splitlines() if re.match(ERROR_LINE, line)]
    assert [m["path"] for m in errors] == [str(broken), str(missing)]
    records = json.loads(proc.stdout)
    assert records[0]["title"] == "خبر سليم"
    assert [r["source"] for r in records] == [str(good), str(broken), str(missing)]
