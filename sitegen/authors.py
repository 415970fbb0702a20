"""Author profiles from ``authors.yaml`` beside ``site.yaml`` (INTERFACE.md "Newsroom additions").

The file maps an author's name to a profile::

    سارة عبد الحميد:
      role: محررة الشؤون الاقتصادية
      bio: تغطي الموازنة والبورصة منذ 2015.
      photo: /images/authors/sara.jpg
      links: {x: https://x.com/sara, facebook: https://facebook.com/sara}

Names are compared after :func:`sitegen.arabic.fold_for_matching` (hamza forms, taa
marbuta, alef maqsura, diacritics, tatweel), so ``احمد على`` in front matter is the
``أحمد علي`` of the file, and every article is given the file's spelling: one author,
one page. A raw dump's byline (``كتب: أحمد علي``) names the author when its words hold a
profile's name. Only ``photo`` (a site path or http(s) URL) and ``links`` (http(s) URLs) are
links; any other scheme is dropped with a warning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from sitegen.arabic import clean_inline, fold_for_matching
from sitegen.errors import Diagnostic, Severity, SitegenError
from sitegen.model import Article, AuthorProfile
from sitegen.urls import safe_link
from sitegen.yamlsafe import key_lines, load_yaml_file, not_utf8, repeated_keys

AUTHORS_NAME = "authors.yaml"
PROFILE_KEYS = ("bio", "photo", "role", "links")
_WORD = re.compile(r"\w+")


def authors_path(config: Path) -> Path:
    """``authors.yaml`` in the folder of the config file ``config``."""
    return config.parent / AUTHORS_NAME


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold_for_matching(text)))


def load_profiles(path: Path) -> tuple[dict[str, AuthorProfile], list[Diagnostic]]:
    """Profiles by name (the file's spelling, file order) and warnings; ``({}, [])`` without a file.

    Raises :class:`SitegenError` (``authors``, or ``yaml-syntax`` with the line) when the
    file cannot be read or is not a mapping of names to mappings. A bad value of one key
    (a ``javascript:`` link, a list as ``bio``) is dropped with an ``authors`` warning.
    """
    if not path.is_file():
        return {}, []
    source = str(path)
    try:
        data = load_yaml_file(path, source) or {}
    except UnicodeDecodeError as exc:
        raise SitegenError(Diagnostic(path=source, code="authors", message=not_utf8(exc),
                                      hint=f"save {path.name} as UTF-8")) from None
    except OSError as exc:
        raise SitegenError(Diagnostic(path=source, code="authors", message=f"cannot read: {exc}")) from None
    if not isinstance(data, dict) or not all(isinstance(v, (dict, type(None))) for v in data.values()):
        raise SitegenError(Diagnostic(path=source, code="authors",
                                      message="must map each author's name to bio, photo, role and links",
                                      hint="e.g.\n  أحمد علي:\n    role: مراسل\n    bio: …"))
    profiles: dict[str, AuthorProfile] = {}
    text = _text_again(path)
    warnings: list[Diagnostic] = _repeated_names(text, source)
    name_lines = key_lines(text)  # each author's name's line, for the warnings about the profile
    spelled: dict[str, str] = {}
    for raw_name, fields in data.items():
        name = clean_inline(str(raw_name))
        profile, problems = _profile(name, fields or {}, source, name_lines.get(str(raw_name)))
        warnings += problems
        if name in spelled:
            warnings.append(Diagnostic(
                path=source, code="repeated-key", severity=Severity.WARNING, field=str(raw_name),
                message=f"{str(raw_name)!r} is the same name as {spelled[name]!r} once cleaned; the later profile is used",
                hint="keep one profile for this author and merge the other into it"))
        if name:
            spelled[name] = str(raw_name)
            profiles[name] = profile
    return profiles, warnings


def _text_again(path: Path) -> str:
    """The text of ``authors.yaml`` read again (a few KB) for what PyYAML's mapping loses — where
    each name stands and which were written twice; ``""`` when it cannot be read again."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _repeated_names(text: str, source: str) -> list[Diagnostic]:
    """A ``repeated-key`` warning at each later place of an author's name written twice in
    ``authors.yaml`` (``text``): PyYAML keeps the last profile and drops the first without a
    word (the front matter and ``site.yaml`` rule)."""
    return [Diagnostic(path=source, line=line, code="repeated-key", severity=Severity.WARNING, field=key,
                       message=f"{key!r} has a second profile (the first on line {first}); the later one is used",
                       hint="keep one profile for this author and merge the other into it")
            for key, line, first in repeated_keys(text)]


def _profile(name: str, fields: dict, source: str, line: int | None = None) -> tuple[AuthorProfile, list[Diagnostic]]:
    problems = []

    def warn(message: str, hint: str) -> None:
        problems.append(Diagnostic(path=source, line=line, code="authors", severity=Severity.WARNING,
                                   message=f"{name}: {message}", hint=hint))

    for key in fields:
        if key not in PROFILE_KEYS:
            warn(f"unknown key {key!r} ignored", f"use {', '.join(PROFILE_KEYS)}")
    text = {}
    for key in ("bio", "role", "photo"):
        value = fields.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            warn(f"{key} must be text; left out", f'write {key}: "…"')
            value = None
        text[key] = clean_inline(str(value)) if value is not None else None
    photo = text["photo"] and safe_link(text["photo"])
    if text["photo"] and not photo:
        warn(f"photo {text['photo']!r} is not a site path or an http(s) URL; left out",
             "write e.g. photo: /images/authors/name.jpg")
    links = []
    raw_links = fields.get("links") or {}
    if not isinstance(raw_links, dict):
        warn("links must map a label to a URL; left out", "write links: {x: https://x.com/name}")
        raw_links = {}
    for label, url in raw_links.items():
        url = str(url).strip() if url is not None else ""
        if not re.match(r"https?://[^\s/]", url, re.IGNORECASE) or safe_link(url) is None:
            warn(f"link {label}: {url!r} is not an http(s) URL; left out", "write a full https:// address")
            continue
        links.append((clean_inline(str(label)), url))
    return AuthorProfile(name=name, bio=text["bio"] or None, photo=photo or None, role=text["role"] or None,
                         links=tuple(links)), problems


def apply_profiles(articles: list[Article], profiles: dict[str, AuthorProfile]) -> list[Article]:
    """Articles naming their authors as ``profiles`` spells them.

    A front matter author whose folded name equals a profile's takes the profile's
    spelling; other names stay as written (an unknown author keeps a plain page). An
    article without authors whose byline holds a profile's name, word for word after
    folding (``بقلم: احمد على`` holds ``أحمد علي``; see :func:`_names_in`), gets that author (every one found,
    in byline order).
    """
    if not profiles:
        return articles
    by_words = {_words(name): name for name in profiles}
    out = []
    for article in articles:
        if article.authors:
            authors = tuple(dict.fromkeys(by_words.get(_words(a), a) for a in article.authors))
        elif article.byline:
            authors = _names_in(_words(article.byline), by_words)
        else:
            authors = ()
        out.append(replace(article, authors=authors) if authors != article.authors else article)
    return out


def _names_in(words: tuple[str, ...], by_words: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    """Profile names whose words occur consecutively in ``words``, in order of first occurrence.
    The first word may carry the conjunction و (``علي ومنى حسن`` names منى حسن)."""
    found: dict[str, int] = {}
    for name_words, name in by_words.items():
        n = len(name_words)
        for start in range(len(words) - n + 1):
            first = words[start]
            if n and words[start + 1:start + n] == name_words[1:] and (
                    first == name_words[0] or (first.startswith("و") and first[1:] == name_words[0])):
                found.setdefault(name, start)
                break
    return tuple(sorted(found, key=found.get))


def unused_profiles(profiles: dict[str, AuthorProfile], articles: list[Article], path: Path) -> list[Diagnostic]:
    """An ``authors-unused`` warning for every profile no loaded article names (a typo in
    the file or in front matter, most often)."""
    used = {name for article in articles for name in article.authors}
    return [Diagnostic(path=str(path), code="authors-unused", severity=Severity.WARNING,
                       message=f"{name}: no article is signed by this name",
                       hint="check the spelling here and in the articles' author: lines")
            for name in profiles if name not in used]
