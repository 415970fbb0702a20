"""Inline mini-sites for the feed and SEO tests: one site config, articles written with PyYAML."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import yaml

from sitegen.pipeline import BuildOptions, build

BUILD_TIME = datetime(2024, 11, 22, 12, 0, tzinfo=timezone.utc)
BASE = "https://news.example.org/"
CONFIG = {"title": "موقع الاختبار", "base_url": BASE, "locale": "ar_EG", "timezone": "Asia/Riyadh"}
HOSTILE_TITLE = 'تقرير: "الأمن" يحذّر من <script>alert(1)</script> & الاحتيال'
HOSTILE_SUMMARY = 'رسائل "مزيفة" تستهدف <img src=x onerror=alert(2)> المستخدمين'


def markdown(body: str = "نص الخبر.", **front) -> str:
    """A Markdown article; front matter written by PyYAML so any title is quoted correctly."""
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def build_site(root: Path, articles: dict[str, str], build_time: datetime = BUILD_TIME,
               output: str = "public", **config) -> Path:
    """Write ``articles`` (file name → text) and a site.yaml under ``root``, build, return the output folder."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():  # text, or bytes for an image
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (root / "site.yaml").write_text(yaml.safe_dump({**CONFIG, **config}, allow_unicode=True), encoding="utf-8")
    result = build(BuildOptions(project=root, content=content, output=root / output,
                                config=root / "site.yaml", config_required=True, build_time=build_time))
    assert result.exit_code == 0, [str(d) for d in result.report.diagnostics]
    return root / output


def is_ascii(text: str) -> bool:
    return text.isascii() and not any(c.isspace() for c in text)
