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
one page. Two entries that fold to one name (``أحمد علي`` and a typo'd ``احمد على``) are
warned of; an article spelling one of them exactly gets that one, any other spelling the
first in the file. A raw dump's byline (``كتب: أحمد علي``) names the author when its words
hold a profile's name: whole words, the longest name first, so ``كتب: محمد علي حسن`` names
``محمد علي حسن`` and not also ``محمد علي``. Only ``photo`` (a site path or http(s) URL) and
``links`` (http(s) URLs) are links; any other scheme is dropped with a warning, and so is a
``photo`` site path naming no file of the site (``author-photo-missing``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

from sitegen.arabic import clean_inline, fold_for_matching
from sitegen.config import site_file_path
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


def site_file_in(folders: Iterable[Path]) -> Callable[[str], bool]:
    """Whether a site path (``/images/a.jpg``; query and fragment dropped, percent-decoded)
    names a regular file inside one of ``folders`` (``content/``, ``static/``, the theme's
    ``static/``), following no symlink out of it. A path with an empty, ``.``, ``..`` or
    hidden (``.name``) segment names none: such files are not published."""
    roots = [folder.resolve() for folder in folders]

    def exists(site_path: str) -> bool:
        parts = site_file_path(site_path).lstrip("/").split("/")
        if not all(parts) or any(part.startswith(".") or "\\" in part for part in parts):
            return False
        for root in roots:
            candidate = root.joinpath(*parts)
            try:
                if candidate.is_file() and candidate.resolve().is_relative_to(root):
                    return True
            except (OSError, ValueError):
                continue
        return False

    return exists


def load_profiles(path: Path, is_site_file: Callable[[str], bool] | None = None
                  ) -> tuple[dict[str, AuthorProfile], list[Diagnostic]]:
    """Profiles by name (the file's spelling, file order) and warnings; ``({}, [])`` without a file.

    Raises :class:`SitegenError` (``authors``, or ``yaml-syntax`` with the line) when the
    file cannot be read or is not a mapping of names. An entry whose profile is not a mapping
    (``نور حسن: مراسلة``, a list) is left out with an ``authors`` warning at its line; a bad value of one key
    (a ``javascript:`` link, a list as ``bio``) is dropped with an ``authors`` warning; a
    ``photo`` site path for which ``is_site_file`` (see :func:`site_file_in`; ``None``: not
    checked) is false with an ``author-photo-missing`` warning, so no page links a missing
    file. Two names that are one once folded (:func:`sitegen.arabic.fold_for_matching`) get a
    ``repeated-key`` warning at the later one naming both; both profiles are kept.
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
    if not isinstance(data, dict):
        raise SitegenError(Diagnostic(path=source, code="authors",
                                      message="must map each author's name to bio, photo, role and links",
                                      hint="write one name a line with its profile after the colon, "
                                           "e.g. «أحمد علي: {role: مراسل, bio: …}»"
                                           + (", not a list of names" if isinstance(data, list) else "")))
    profiles: dict[str, AuthorProfile] = {}
    text = _text_again(path)
    warnings: list[Diagnostic] = _repeated_names(text, source)
    name_lines = key_lines(text)  # each author's name's line, for the warnings about the profile
    spelled: dict[str, str] = {}
    folded: dict[tuple[str, ...], str] = {}  # a name's folded words: the first raw name so folded
    for raw_name, fields in data.items():
        line = name_lines.get(str(raw_name))
        name = clean_inline(str(raw_name))
        if fields is not None and not isinstance(fields, dict):
            warnings.append(_not_a_profile(name, fields, source, line))
            continue
        profile, problems = _profile(name, fields or {}, source, line, is_site_file)
        warnings += problems
        if name in spelled:
            warnings.append(Diagnostic(
                path=source, code="repeated-key", severity=Severity.WARNING, field=str(raw_name),
                message=f"{str(raw_name)!r} is the same name as {spelled[name]!r} once cleaned; the later profile is used",
                hint="keep one profile for this author and merge the other into it"))
        elif _words(name) in folded:
            first = folded[_words(name)]
            first_line = name_lines.get(first)
            warnings.append(Diagnostic(
                path=source, line=line, code="repeated-key", severity=Severity.WARNING, field=str(raw_name),
                message=f"{str(raw_name)!r} is the same name as {first!r}"
                        f"{f' (line {first_line})' if first_line else ''} once hamza, alef, yaa and taa marbuta "
                        f"forms are folded: an article signed exactly as one of them gets that profile, "
                        f"any other spelling gets {first!r}",
                hint="keep one profile for this author (fix the typo'd spelling) and merge the other into it"))
        if name:
            spelled[name] = str(raw_name)
            folded.setdefault(_words(name), str(raw_name))
            profiles[name] = profile
    return profiles, warnings


def _not_a_profile(name: str, value: object, source: str, line: int | None) -> Diagnostic:
    """The ``authors`` warning for an entry whose profile is not a mapping (``نور حسن: مراسلة``,
    a role written as plain text; a list): that profile is left out, the author keeps a plain
    page. The hint shows the entry as a mapping, its text as the ``role`` when it is text."""
    if isinstance(value, (str, int, float)):
        role = clean_inline(str(value))
        example, kind = f"«{name}: {{role: {role if len(role) <= 60 else role[:60] + '…'}}}»", "text"
    else:
        example, kind = f"«{name}: {{role: …, bio: …}}»", "a list" if isinstance(value, list) else "not a mapping"
    return Diagnostic(path=source, line=line, code="authors", severity=Severity.WARNING, field=name,
                      message=f"{name}: the profile is {kind}, not a mapping of role, bio, photo and links; "
                              "left out (the author gets a plain page)",
                      hint=f"write {example}, or the name on its own line and «  role: …» indented below it")


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


def _profile(name: str, fields: dict, source: str, line: int | None = None,
             is_site_file: Callable[[str], bool] | None = None) -> tuple[AuthorProfile, list[Diagnostic]]:
    problems = []

    def warn(message: str, hint: str, code: str = "authors") -> None:
        problems.append(Diagnostic(path=source, line=line, code=code, severity=Severity.WARNING,
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
    elif photo and photo.startswith("/") and is_site_file is not None and not is_site_file(photo):
        warn(f"photo {photo} is not a file in content/ or static/; left out (the pages would show a broken image)",
             "put the file in content/ at that path, or fix the path", code="author-photo-missing")
        photo = None
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
    spelling; other names stay as written (an unknown author keeps a plain page). When
    several profiles fold to that name, the one spelled as the article spells it wins, else
    the first in the file. An article without authors whose byline holds a profile's name,
    word for word after folding (``بقلم: احمد على`` holds ``أحمد علي``; see :func:`_names_in`),
    gets that author (every one found, in byline order).
    """
    if not profiles:
        return articles
    by_words: dict[tuple[str, ...], list[str]] = {}
    for name in profiles:
        by_words.setdefault(_words(name), []).append(name)
    by_words.pop((), None)  # a name of no word (punctuation) is matched by no byline
    out = []
    for article in articles:
        if article.authors:
            authors = tuple(dict.fromkeys(_spelled(by_words.get(_words(a)), a) or a for a in article.authors))
        elif article.byline:
            authors = _names_in(article.byline, by_words)
        else:
            authors = ()
        out.append(replace(article, authors=authors) if authors != article.authors else article)
    return out


def _spelled(names: list[str] | None, written: str) -> str | None:
    """Of ``names`` (profiles folding to one name, file order) the one ``written`` spells
    exactly, else the first; ``None`` when there are none."""
    if not names:
        return None
    written = clean_inline(written)
    return next((name for name in names if name in written), names[0])


def _names_in(byline: str, by_words: dict[tuple[str, ...], list[str]]) -> tuple[str, ...]:
    """Profile names found in ``byline``, in order of first occurrence. ``by_words`` maps a
    name's folded words to the profiles so spelled (see :func:`_spelled`).

    Read left to right over the folded words: at each word the longest name that starts
    there is taken and the reading goes on after it, else the next word; so a name is
    never found inside a longer one (``كتب: محمد علي حسن`` names ``محمد علي حسن``, not
    also ``محمد علي``). The first word may carry the conjunction و (``علي ومنى حسن`` names
    منى حسن). Time: words × distinct name lengths, each a dict look-up."""
    words = _words(byline)
    lengths = sorted({len(name_words) for name_words in by_words}, reverse=True)
    found: list[str] = []
    start = 0
    while start < len(words):
        for n in lengths:
            run = words[start:start + n]
            if len(run) < n:
                continue
            names = by_words.get(run)
            if names is None and run[0].startswith("و"):
                names = by_words.get((run[0][1:], *run[1:]))
            if names:
                found.append(_spelled(names, byline))
                start += n
                break
        else:
            start += 1
    return tuple(dict.fromkeys(found))


def unused_profiles(profiles: dict[str, AuthorProfile], articles: list[Article], path: Path) -> list[Diagnostic]:
    """An ``authors-unused`` warning for every profile no loaded article names (a typo in
    the file or in front matter, most often)."""
    used = {name for article in articles for name in article.authors}
    return [Diagnostic(path=str(path), code="authors-unused", severity=Severity.WARNING,
                       message=f"{name}: no article is signed by this name",
                       hint="check the spelling here and in the articles' author: lines")
            for name in profiles if name not in used]
