"""Property-based fuzzing of the content loader (issue 4: the build never crashes).

Whatever bytes or front matter a content file holds, ``load_article`` ends in one
of two ways: a :class:`~sitegen.loaders.article.Loaded` record, or a
:class:`~sitegen.errors.SitegenError` whose diagnostics each name the file and a
code. Any other exception is a crash the build would turn into a traceback.
Both formats are fed (``.md`` front matter + Markdown, ``.txt`` raw dump).
"""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.config import parse_config
from sitegen.errors import SitegenError
from sitegen.loaders.article import Loaded, load_article
from sitegen.loaders.fields import KNOWN_KEYS

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CONFIG, _ = parse_config({"timezone": "Africa/Cairo", "max_file_bytes": 20_000}, "site.yaml")
SMALL_LIMIT, _ = parse_config({"max_file_bytes": 64}, "site.yaml")

#: C0 controls, DEL, C1 controls, bidi and zero-width marks, BOM, a lone surrogate stand-in
#: is impossible in UTF-8, so the odd code points are those YAML or the decoder may meet.
_CONTROLS = "".join(map(chr, range(0, 32))) + "\x7f\x85\x9b\u200b\u200e\u200f\u202b\u202e\u2066\u2069\ufeff\u00a0"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى٠١٢٣٤٥٦٧٨٩ًٌٍَُِّْـ،؛؟"
_LATIN = "abcXYZ019 .-_/\\:'\"<>&;#%=?!()[]{}|*@`~+,"
_YAMLISH = ":-?[]{},#&*!|>'\"%@` \t\n" + "yesnoTrueFALSEnull~.inf.nan0x1e3" + "ٱ"

mixed_text = st.text(alphabet=st.sampled_from(_ARABIC + _LATIN + _CONTROLS), max_size=60)
keys = st.one_of(st.sampled_from(sorted(KNOWN_KEYS)), st.text(alphabet=_LATIN + _ARABIC, min_size=1, max_size=12))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**50, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True), mixed_text,
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.sampled_from([None, timezone.utc])),
    st.sampled_from(["14:30", "no", "on", "off", "yes", "2024-02-30", "2024-04-26 00:30", "tomorrow",
                     "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-23:59", "../../etc/passwd",
                     "C:\\Windows", "javascript:alert(1)", "<script>alert(1)</script>", "", " "]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=8)
bodies = st.text(alphabet=st.sampled_from(_ARABIC + _LATIN + _CONTROLS + "\n\n#*`>-"), max_size=300)


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="sitegen-fuzz-") as name:
        yield Path(name)


def _check(path: Path, config=CONFIG) -> None:
    """``load_article`` on ``path`` gives a Loaded record or a SitegenError with placed diagnostics."""
    try:
        loaded = load_article(path, str(path), config)
    except SitegenError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            assert diagnostic.path == str(path)
            assert re.fullmatch(r"[a-z][a-z0-9-]*", diagnostic.code), diagnostic
            assert diagnostic.message
            assert diagnostic.line is None or diagnostic.line >= 1
            assert "\n" not in diagnostic.format(), diagnostic.format()  # one line per problem
        return
    assert isinstance(loaded, Loaded)
    article = loaded.article
    # A record that reaches the build must not be able to escape its folder or break XML.
    assert article.slug and article.slug not in (".", "..")
    assert not any(c in article.slug for c in "/\\\x00"), article.slug
    if article.url is not None:
        assert article.url.startswith("/") and ".." not in article.url.split("/"), article.url
        assert "\\" not in article.url and "\x00" not in article.url
    for text in (article.display_title, article.subtitle, article.summary, article.section, *article.tags,
                 *article.authors):
        if text is not None:
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text), repr(text)
    for warning in loaded.warnings:
        assert warning.path == str(path) and warning.code


def _write(workdir: Path, suffix: str, data: bytes) -> Path:
    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt"]))
def test_random_bytes(workdir, data, suffix):
    _check(_write(workdir, suffix, data))


@SETTINGS
@given(prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"---\n", b"---\r\n"]),
       text=st.text(max_size=400), codec=st.sampled_from(["utf-8", "utf-16-le", "cp1256", "latin-1"]),
       suffix=st.sampled_from([".md", ".txt"]))
def test_random_text_in_various_encodings(workdir, prefix, text, codec, suffix):
    data = prefix + text.encode(codec, errors="replace")
    _check(_write(workdir, suffix, data))


@SETTINGS
@given(front=st.dictionaries(keys, values, max_size=8), body=bodies, suffix=st.sampled_from([".md", ".txt"]))
def test_random_front_matter(workdir, front, body, suffix):
    try:
        block = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        block = repr(front)  # not representable: feed Python's repr instead, still YAML-ish text
    data = f"---\n{block}---\n\n{body}\n".encode("utf-8", errors="surrogatepass")
    _check(_write(workdir, suffix, data))


#: Front matter lines known to trip YAML libraries: explicit tags on bad scalars, integers
#: over Python's 4,300-digit limit, deep nesting, recursive aliases, unhashable keys, dates
#: that overflow when converted to UTC.
NASTY_YAML = [
    "date: !!timestamp 2024-13-45", "date: !!timestamp abc", "title: !!int abc", "title: !!float x",
    "title: 1" + "0" * 5000, "tags: " + "[" * 300 + "]" * 300, "a: &a [*a]\ntags: *a", "? [a]\n: b",
    "title: !!binary aGk=", "title: !!python/object:os.system x", "title: !!set {a, b}",
    "date: 0001-01-01T00:00:00+14:00", "date: 9999-12-31T23:59:59-23:59", "date: 0001-01-01 00:00",
    "title: \"\\0\\x1b\\u202e\"", "slug: {a: 1}", "url: [..]", "draft: maybe", "dir: sideways",
    "title: عاجل: خبر", "\ttitle: x", "title: 'unclosed", "- a\n- b", "just text", "title: |\n  a\n b",
]
yamlish = st.one_of(
    st.text(alphabet=st.sampled_from(_YAMLISH + _ARABIC[:10] + "abc"), max_size=200),
    st.lists(st.sampled_from(NASTY_YAML), min_size=1, max_size=3).map("\n".join),
)


@SETTINGS
@given(block=yamlish, body=bodies,
       suffix=st.sampled_from([".md", ".txt"]), closer=st.sampled_from(["---", "...", "--- ", ""]))
def test_random_yamlish_front_matter(workdir, block, body, suffix, closer):
    data = f"---\n{block}\n{closer}\n{body}\n".encode("utf-8")
    _check(_write(workdir, suffix, data))


@SETTINGS
@given(pairs=st.lists(st.tuples(keys, mixed_text), max_size=8), body=bodies, suffix=st.sampled_from([".md", ".txt"]))
def test_random_plain_values(workdir, pairs, body, suffix):
    """``key: VALUE`` lines written raw (unquoted), as an editor would type them."""
    lines = "\n".join(f"{key}: {value}" for key, value in pairs)
    data = f"---\n{lines}\n---\n{body}\n".encode("utf-8")
    _check(_write(workdir, suffix, data))


@SETTINGS
@given(data=st.binary(min_size=0, max_size=200))
def test_size_limit_is_a_diagnostic(workdir, data):
    _check(_write(workdir, ".md", data), SMALL_LIMIT)
