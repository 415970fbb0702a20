"""site.yaml → Config: INTERFACE.md defaults, base_url paths, errors that name the file."""

from __future__ import annotations

import dataclasses

import pytest

from sitegen.config import load_config, parse_config
from sitegen.errors import SitegenError


def write_config(tmp_path, text: str, name="site.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def config_error(path):
    with pytest.raises(SitegenError) as info:
        load_config(path)
    (diag,) = info.value.diagnostics
    return diag


def base_url_error(tmp_path, base_url: str):
    """The one error of a config whose line 2 is ``base_url: "BASE_URL"``, checked to name that
    file, line and key."""
    path = write_config(tmp_path, f'title: صحيفة\nbase_url: "{base_url}"\n')
    diag = config_error(path)
    assert (diag.path, diag.line, diag.code, diag.field) == (str(path), 2, "config", "base_url")
    return diag


# --- defaults ---------------------------------------------------------------------------


def test_defaults_without_a_config_file(tmp_path):
    config, warnings = load_config(tmp_path / "site.yaml")
    assert warnings == []
    assert config.base_url == "http://127.0.0.1:8000/"
    assert config.base_path == "/"
    assert config.locale == "ar_EG"
    assert config.timezone.key == "Africa/Cairo"
    assert config.paginate == 20
    assert config.permalink == "/{year}/{month}/{day}/{slug}/"
    assert (config.lang, config.dir) == ("ar-EG", "rtl")


def test_empty_config_file_gives_the_same_defaults(tmp_path):
    from_empty, _ = load_config(write_config(tmp_path, ""))
    from_missing, _ = load_config(tmp_path / "missing.yaml")
    assert dataclasses.replace(from_empty, source="") == dataclasses.replace(from_missing, source="")


@pytest.mark.parametrize("locale, digits", [("ar_EG", "arab"), ("ar_SA", "arab"), ("ar_MA", "latn"),
                                            ("ar", "latn"), ("ar_TN", "latn"), ("en", "latn")])
def test_digits_default_from_locale(locale, digits):
    config, _ = parse_config({"locale": locale}, "site.yaml")
    assert config.digits == digits


def test_explicit_digits_win_over_locale():
    config, _ = parse_config({"locale": "ar_EG", "digits": "latn"}, "site.yaml")
    assert config.digits == "latn"


def test_locale_whose_cldr_digits_are_neither_latn_nor_arab_still_loads():
    # CLDR's default numbering for Persian is "arabext"; a site that does not set
    # `digits` must not get an error about a key it never wrote.
    config, _ = parse_config({"locale": "fa", "timezone": "Asia/Tehran"}, "site.yaml")
    assert config.digits in ("latn", "arab")
    assert config.dir == "rtl"


@pytest.mark.parametrize("locale, lang, direction", [
    ("ar_EG", "ar-EG", "rtl"), ("ar-LB", "ar-LB", "rtl"), ("ar", "ar", "rtl"),
    ("fr", "fr", "ltr"), ("en", "en", "ltr"), ("he", "he", "rtl"),
])
def test_lang_and_dir_from_locale(locale, lang, direction):
    config, _ = parse_config({"locale": locale}, "site.yaml")
    assert (config.lang, config.dir) == (lang, direction)


@pytest.mark.parametrize("locale, lang, og_locale", [
    ("ar_EG.UTF-8", "ar-EG", "ar_EG"), ("sr_Latn_RS", "sr-Latn-RS", "sr_RS"), ("ar", "ar", "ar"),
])
def test_lang_is_a_bcp47_tag_without_posix_codeset(locale, lang, og_locale):
    # Newcomer check: the locale was copied into lang as written (`ar-EG.UTF-8`), not a BCP 47 tag.
    config, _ = parse_config({"locale": locale}, "site.yaml")
    assert (config.lang, config.og_locale) == (lang, og_locale)


def test_locale_with_a_modifier_is_a_config_error_naming_the_line_and_the_hijri_switch(tmp_path):
    # Newcomer check: `locale: "ar_SA@calendar=islamic"` built with exit 0, wrote
    # lang="ar-SA@calendar=islamic" everywhere and still showed Gregorian dates.
    path = write_config(tmp_path, 'title: صحيفة\nlocale: "ar_SA@calendar=islamic"\n')
    diag = config_error(path)
    assert (diag.path, diag.line, diag.code, diag.field) == (str(path), 2, "config", "locale")
    assert "@calendar=islamic cannot be honoured" in diag.message
    assert diag.hint.startswith("write locale: ar_SA, and hijri: true")


def test_bom_in_config_file(tmp_path):
    config, _ = load_config(write_config(tmp_path, "\ufefftitle: صحيفة الحي\nlocale: ar_MA\n"))
    assert config.title == "صحيفة الحي"
    assert config.locale == "ar_MA"


@pytest.mark.parametrize("encoding, said", [
    ("utf-16", "file: not UTF-8 text (it is saved as UTF-16)"),
    ("cp1256", "file: not UTF-8 text (byte 0xd5 at offset 7: Windows-1256 or another code page?)"),
])
def test_config_saved_as_utf16_or_cp1256_is_an_error_with_a_hint_not_a_codec_message(tmp_path, encoding, said):
    # Attack: "error config: file: cannot read: 'utf-8' codec can't decode byte 0xff …", no hint.
    path = tmp_path / "site.yaml"
    path.write_bytes("title: صحيفة الحي\n".encode(encoding))
    diag = config_error(path)
    assert (diag.path, diag.code, diag.message, diag.hint) == (str(path), "config", said, "save site.yaml as UTF-8")
    assert diag.format() == f"{path}: error config: {said} — save site.yaml as UTF-8"


def test_yaml11_values_in_config_stay_strings(tmp_path):
    config, _ = load_config(write_config(tmp_path, "title: no\ndescription: 14:30\n"))
    assert config.title == "no"
    assert config.description == "14:30"


# --- base_url -------------------------------------------------------------------------


@pytest.mark.parametrize("base_url, normalised, base_path", [
    ("https://host.example/news/", "https://host.example/news/", "/news/"),
    ("https://host.example/news", "https://host.example/news/", "/news/"),
    ("https://host.example", "https://host.example/", "/"),
    ("http://host.example:8080/a/b/", "http://host.example:8080/a/b/", "/a/b/"),
])
def test_base_url_path(base_url, normalised, base_path):
    config, _ = parse_config({"base_url": base_url}, "site.yaml")
    assert config.base_url == normalised
    assert config.base_path == base_path


def test_base_url_override_wins():
    config, _ = parse_config({"base_url": "https://a.example/"}, "site.yaml", base_url_override="https://b.example/x")
    assert (config.base_url, config.base_path) == ("https://b.example/x/", "/x/")


@pytest.mark.parametrize("base_url", ["host.example/news/", "/news/", "ftp://host.example/", "https:///path/"])
def test_base_url_must_be_absolute_http(tmp_path, base_url):
    path = write_config(tmp_path, f"base_url: {base_url}\n")
    diag = config_error(path)
    assert (diag.path, diag.code) == (str(path), "config")
    assert "base_url" in diag.message


@pytest.mark.parametrize("base_url, problem", [
    ("https://ex ample.org/", "it contains a space"),
    ("https://news..example.org/", "an empty label"),
    ("https://example.org./", "an empty label"),
    ("https://exa!mple.org/", "'!' is not allowed"),
    ("https://ex%20ample.org/", "'%' is not allowed"),
    ("https://-news.example.org/", "starts or ends with a hyphen"),
    ("https://exa mple.مصر/", "it contains a space"),
])
def test_base_url_with_an_invalid_host_is_a_config_error_naming_the_line(tmp_path, base_url, problem):
    # Newcomer check: `base_url: https://ex ample.org/` built with exit 0 and every canonical link,
    # feed link and sitemap <loc> read `https://ex ample.org/…`.
    diag = base_url_error(tmp_path, base_url)
    assert "is not a valid host name" in diag.message and problem in diag.message


@pytest.mark.parametrize("base_url, normalised", [
    ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"), ("http://[::1]:8000/", "http://[::1]:8000/"),
    ("http://localhost/", "http://localhost/"), ("https://my_host.example/", "https://my_host.example/"),
    ("https://مثال.مصر/أخبار/", "https://xn--mgbh0fb.xn--wgbh1c/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/"),
])
def test_base_url_valid_hosts_still_load(base_url, normalised):
    config, warnings = parse_config({"base_url": base_url}, "site.yaml")
    assert (config.base_url, warnings) == (normalised, [])


def test_base_url_query_and_fragment_dropped_with_a_warning_naming_the_line(tmp_path):
    # Newcomer check: `https://example.org/a?b=1#c` silently became `https://example.org/a/`.
    config, warnings = load_config(write_config(tmp_path, "title: صحيفة\nbase_url: https://example.org/a?b=1#c\n"))
    assert config.base_url == "https://example.org/a/"
    (warning,) = warnings
    assert (warning.line, warning.code, warning.severity.value) == (2, "config-base-url", "warning")
    assert "'?b=1#c' is dropped" in warning.message and warning.hint == "write base_url: https://example.org/a/"


@pytest.mark.parametrize("option, said", [
    ("ftp://x", "'ftp://x' is not an absolute http(s) URL"),
    ("https://ex ample.org/", "'ex ample.org' is not a valid host name (it contains a space)"),
    # newcomer check: `--base-url ''` was taken for no option and site.yaml's URL was used
    ("", "'' is not an absolute http(s) URL"),
])
def test_bad_base_url_option_is_blamed_on_the_option_not_site_yaml(tmp_path, option, said):
    # Newcomer check: `build --base-url ftp://x` printed `site.yaml:2: error config: base_url: …`.
    path = write_config(tmp_path, "title: صحيفة\nbase_url: https://example.org/\n")
    with pytest.raises(SitegenError) as info:
        load_config(path, base_url_override=option)
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.line, diag.code) == ("--base-url", None, "config")
    assert diag.format().startswith("--base-url: error config: ") and said in diag.message
    assert "site.yaml" not in diag.format()


def test_base_url_option_query_warning_names_the_option(tmp_path):
    path = write_config(tmp_path, "title: صحيفة\nbase_url: https://example.org/\n")
    config, warnings = load_config(path, base_url_override="https://example.org/a?b=1")
    (warning,) = warnings
    assert (config.base_url, warning.path, warning.line, warning.code) == (
        "https://example.org/a/", "--base-url", None, "config-base-url")
    assert warning.hint == "give --base-url https://example.org/a/"


# --- errors name the file ---------------------------------------------------------------


@pytest.mark.parametrize("text, key", [
    ("locale: xx_QQ\n", "locale"),
    ("locale: ''\n", "locale"),
    ("timezone: Mars/Olympus\n", "timezone"),
    ("timezone: ../../etc/passwd\n", "timezone"),
    ("paginate: ten\n", "paginate"),
    ("paginate: true\n", "paginate"),
    ("paginate: 0\n", "paginate"),
    ("title: [a, b]\n", "title"),
    ("digits: thai\n", "digits"),
    ("permalink: /{year}/{nope}/{slug}/\n", "permalink"),
    ("permalink: /{year}/{month}/\n", "permalink"),
    ("duplicate_urls: sometimes\n", "duplicate_urls"),
])
def test_bad_value_error_names_file_and_key(tmp_path, text, key):
    path = write_config(tmp_path, "title: صحيفة\n" + text if not text.startswith("title") else text,
                        name="my-site.yaml")
    diag = config_error(path)
    assert diag.is_error
    assert diag.path == str(path)
    assert diag.code == "config"
    assert diag.message.startswith(f"{key}:")
    line = 1 if text.startswith("title") else 2  # the line of the key at fault
    assert diag.format().startswith(f"{path}:{line}: error config: {key}:")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = write_config(tmp_path, "title: صحيفة\nlocale: ar\n\ttimezone: Asia/Riyadh\n")
    diag = config_error(path)
    assert (diag.path, diag.code, diag.line) == (str(path), "yaml-syntax", 3)


def test_config_that_is_not_a_mapping(tmp_path):
    path = write_config(tmp_path, "- title\n- locale\n")
    diag = config_error(path)
    assert (diag.path, diag.code) == (str(path), "config")


def test_required_config_missing(tmp_path):
    with pytest.raises(SitegenError) as info:
        load_config(tmp_path / "nope.yaml", required=True)
    assert info.value.diagnostics[0].path == str(tmp_path / "nope.yaml")


def test_unknown_key_is_a_warning(tmp_path):
    path = write_config(tmp_path, "title: صحيفة\ncolour: أخضر\n")
    config, warnings = load_config(path)
    assert config.title == "صحيفة"
    assert len(warnings) == 1
    assert warnings[0].path == str(path) and "colour" in warnings[0].message and not warnings[0].is_error


def test_config_diagnostics_carry_the_line_of_their_key(tmp_path):
    # newcomer check: «site.yaml: error config: paginate: …» named no line
    path = write_config(tmp_path, "title: صحيفة\n\npaginat: 5\ntimezone: Mars/Olympus\n")
    assert config_error(path).line == 4
    path = write_config(tmp_path, "title: صحيفة\n# comment\npaginat: 5\n")
    _, warnings = load_config(path)
    assert [w.line for w in warnings] == [3]
    assert warnings[0].format().startswith(f"{path}:3: warning config-unknown-key: ")


def test_a_missing_config_file_error_has_no_line(tmp_path):
    with pytest.raises(SitegenError) as info:
        load_config(tmp_path / "absent.yaml", required=True)
    assert info.value.diagnostics[0].line is None


def test_a_config_path_that_is_a_folder_says_so(tmp_path):
    # newcomer check: a folder named site.yaml gave «cannot read: [Errno 21] Is a directory: 'site.yaml'»
    (tmp_path / "site.yaml").mkdir()
    with pytest.raises(SitegenError) as info:
        load_config(tmp_path / "site.yaml")
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.message == "file: is a folder, not a file"
    assert "create the file" in diagnostic.hint
    assert "Errno" not in diagnostic.format()


def test_a_config_option_naming_a_folder_is_told_to_name_the_settings_file(tmp_path):
    # newcomer check: `build --config content` said «the site's settings go in a YAML file named
    # content: move the folder away» — telling the publisher to move the content folder
    (tmp_path / "content").mkdir()
    with pytest.raises(SitegenError) as info:
        load_config(tmp_path / "content", required=True)
    diagnostic = info.value.diagnostics[0]
    assert diagnostic.message == "file: is a folder, not a file"
    assert diagnostic.hint == "give --config the site's YAML settings file (site.yaml), not a folder"


def test_a_misspelt_key_names_the_key_meant(tmp_path):
    # newcomer check: «paginat» was ignored with no hint of «paginate»
    path = write_config(tmp_path, "title: صحيفة\npaginat: 5\ncolour: أخضر\n")
    _, warnings = load_config(path)
    hints = {w.message: w.hint for w in warnings}
    assert "'paginate'" in hints["unknown key 'paginat' ignored"]
    assert "did you mean" not in hints["unknown key 'colour' ignored"]


def test_valid_values_are_typed(tmp_path):
    path = write_config(tmp_path, "title: صحيفة\nlocale: ar-MA\ntimezone: Africa/Casablanca\npaginate: 7\n"
                                  "digits: arab\nduplicate_urls: suffix\n")
    config, _ = load_config(path)
    assert config.locale == "ar_MA"
    assert config.timezone.key == "Africa/Casablanca"
    assert config.paginate == 7
    assert config.digits == "arab"
    assert config.duplicate_urls == "suffix"


# --- switches and type hints ------------------------------------------------------------


@pytest.mark.parametrize("word, value", [("true", True), ("No", False), ("yes", True), ("ON", True), ("off", False),
                                         ("False", False), ("On", True)])
def test_switches_take_true_false_yes_no_on_off(tmp_path, word, value):
    config, _ = load_config(write_config(tmp_path, f"hijri: {word}\ntrusted_html: {word}\nrelative_urls: {word}\n"))
    assert (config.hijri, config.trusted_html, config.relative_urls) == (value, value, value)


@pytest.mark.parametrize("text", ["hijri: 1\n", "hijri: maybe\n", "hijri: [on]\n"])
def test_a_switch_of_another_word_is_an_error_with_a_hint(tmp_path, text):
    diag = config_error(write_config(tmp_path, text))
    assert diag.message.startswith("hijri: expected bool, got ")
    assert diag.hint == "write hijri: true or hijri: false"


@pytest.mark.parametrize("text, message, hint", [
    ('paginate: "20"\n', "paginate: expected int, got str", "write a whole number, e.g. paginate: 20"),
    ("max_file_bytes: 1.5\n", "max_file_bytes: expected int, got float",
     "write a whole number, e.g. max_file_bytes: 5242880"),
    ("title: [صحيفة, الحي]\n", "title: expected str, got list", 'write one line of text, e.g. title: "…"'),
    ("embed_hosts: www.youtube.com\n", "embed_hosts: expected list, got str",
     "write a list, e.g. embed_hosts: [www.youtube.com]"),
    # each list key's hint shows what that key holds (sections once suggested [www.youtube.com])
    ('sections: "سياسة"\n', "sections: expected list, got str", "write a list, e.g. sections: [سياسة, اقتصاد]"),
    ("image_widths: 480\n", "image_widths: expected list, got int", "write a list, e.g. image_widths: [480, 960]"),
])
def test_type_errors_say_what_to_write(tmp_path, text, message, hint):
    path = write_config(tmp_path, text)
    diag = config_error(path)
    assert (diag.message, diag.hint) == (message, hint)
    assert diag.format() == f"{path}:1: error config: {message} — {hint}"


# --- newsroom keys (INTERFACE.md "Newsroom additions") -------------------------------------


def test_newsroom_keys_default_to_interface_values():
    config, _ = parse_config({}, "site.yaml")
    assert config.sections == () and config.masthead == () and config.favicon is None
    assert config.share == ("whatsapp", "telegram", "x", "facebook", "email", "copy")
    assert config.breaking_hours == 6 and config.image_widths == (480, 960, 1600)


def test_newsroom_keys_are_read_and_normalised():
    config, warnings = parse_config({
        "sections": ["سياسة", "اقتصاد", "سياسة"], "favicon": "/icon.png", "share": ["x", "whatsapp", "x"],
        "masthead": [{"role": "رئيس التحرير", "name": "هالة  منصور"}], "breaking_hours": 3,
        "image_widths": [1200, 320, 320]}, "site.yaml")
    assert warnings == []
    assert config.sections == ("سياسة", "اقتصاد")
    assert config.share == ("x", "whatsapp")
    assert [(m.role, m.name) for m in config.masthead] == [("رئيس التحرير", "هالة منصور")]
    assert config.breaking_hours == 3.0 and config.image_widths == (320, 1200)
    assert config.favicon == "/icon.png"


def test_huge_breaking_hours_is_a_config_error_naming_the_line(tmp_path):
    # /tmp/attack46/r2-breaking-hours-huge-traceback.sh: passed validation, then the build died
    # with OverflowError (timedelta) and exit 1.
    path = write_config(tmp_path, "title: t\nbase_url: https://example.com/\nbreaking_hours: 30000000000\n")
    diag = config_error(path)
    assert (diag.line, diag.code, diag.field) == (3, "config", "breaking_hours")
    assert diag.hint == "e.g. breaking_hours: 6"
    assert parse_config({"breaking_hours": 8760}, "site.yaml")[0].breaking_hours == 8760.0


@pytest.mark.parametrize("key, value, fragment", [
    ("share", ["whatsapp", "myspace"], "unknown share target 'myspace'"),
    ("masthead", [{"role": "رئيس التحرير"}], "is not a role and a name"),
    ("masthead", ["هالة منصور"], "is not a role and a name"),
    # /tmp/attack46/r3-masthead-list-role-python-repr.sh: a list role was printed as ['…', '…'] in the footer
    ("masthead", [{"role": ["رئيس التحرير", "مدير التحرير"], "name": "هالة"}], "each one line of text"),
    ("masthead", [{"role": "رئيس التحرير", "name": {"first": "هالة"}}], "each one line of text"),
    ("masthead", [{"role": True, "name": "هالة"}], "each one line of text"),
    ("breaking_hours", 0, "must be more than 0"),
    ("breaking_hours", "ست", "expected float"),
    # /tmp/attack46/r2-breaking-hours-huge-traceback.sh: these passed, then timedelta() overflowed in the build
    ("breaking_hours", 30000000000, "at most 8760 hours"),
    ("breaking_hours", 10 ** 400, "at most 8760 hours"),
    ("breaking_hours", float("inf"), "at most 8760 hours"),
    ("breaking_hours", float("nan"), "at most 8760 hours"),
    ("image_widths", [480, 0], "whole number of pixels"),
    ("image_widths", [480, 99999], "whole number of pixels"),
    ("image_widths", [], "whole number of pixels"),
    ("sections", [["سياسة"]], "each item must be a section name"),
])
def test_bad_newsroom_values_name_the_key(key, value, fragment):
    with pytest.raises(SitegenError) as info:
        parse_config({key: value}, "site.yaml")
    (diag,) = info.value.diagnostics
    assert diag.code == "config" and diag.message.startswith(f"{key}: ") and fragment in diag.message
    assert diag.hint


# --- favicon and logo -------------------------------------------------------------------


@pytest.mark.parametrize("key, value", [
    ("logo", "javascript:alert(1)"), ("logo", " JavaScript:alert(1)"), ("logo", "java\tscript:alert(1)"),
    ("logo", "data:image/png;base64,AAAA"), ("favicon", "javascript:alert(1)"), ("favicon", "https://cdn.example/i.png"),
])
def test_logo_or_favicon_with_a_javascript_or_other_scheme_is_a_config_error(tmp_path, key, value):
    # Attack: logo: "javascript:alert(1)" ended up percent-encoded in the JSON-LD as a local URL.
    path = write_config(tmp_path, f"title: صحيفة\n{key}: {value!r}\n".replace("'", '"').replace("\t", "\\t"))
    diag = config_error(path)
    assert (diag.code, diag.field, diag.line) == ("config", key, 2)
    assert diag.message.startswith(f"{key}: ") and "is not a site path" in diag.message


@pytest.mark.parametrize("key, value", [("logo", "https://cdn.example/logo.png"), ("logo", "/images/logo.png"),
                                        ("favicon", "/brand/icon.png"), ("logo", "C:/brand/logo.png")])
def test_logo_and_favicon_site_paths_and_https_logos_are_kept(key, value):
    config, _ = parse_config({key: value}, "site.yaml")
    assert getattr(config, key) == value


def test_favicon_or_logo_missing_from_static_warns_naming_site_yaml_and_the_key_line(new_site):
    # Attack: favicon: /nonexistent.png built silently and every page linked a missing icon.
    from helpers import article, build_site

    site = new_site({"a.md": article(), "images/logo.png": b"\x89PNG"},
                    config={"favicon": "/nonexistent.png", "logo": "/missing%20logo.png?v=2"},
                    static={"brand/icon.png": b"\x89PNG"})
    built = build_site(site)
    assert built.result.exit_code == 0
    missing = [d for d in built.diagnostics if d.code == "config-missing-file"]
    lines = site.config.read_text(encoding="utf-8").splitlines()
    assert [(d.path, d.field, lines[d.line - 1].split(":")[0], d.is_error) for d in missing] == [
        (str(site.config), "favicon", "favicon", False), (str(site.config), "logo", "logo", False)]
    assert missing[0].format() == (f"{site.config}:{missing[0].line}: warning config-missing-file: favicon: "
                                   "/nonexistent.png is not a file in static/ or content/; every page links it "
                                   "— put the file at static/nonexistent.png, or fix the path")
    assert "put the file at static/missing logo.png" in missing[1].hint
    found = build_site(new_site({"a.md": article(), "images/logo.png": b"\x89PNG"},
                                config={"favicon": "/brand/icon.png?v=2", "logo": "/images/logo.png"},
                                static={"brand/icon.png": b"\x89PNG"}))
    assert "config-missing-file" not in found.codes()


def test_a_favicon_that_is_not_png_or_svg_warns_with_the_reason_and_the_theme_icon_is_used(tmp_path):
    # /tmp/attack46/r8-favicon-ico-in-content-dropped.sh: favicon: /brand/icon.ico (in content/) was
    # not published, the warning said it "is not a file in static/ or content/", every page linked
    # a 404. INTERFACE.md: a favicon is PNG or SVG.
    config, warnings = load_config(write_config(tmp_path, "title: t\nfavicon: /brand/icon.ico\n"))
    (warning,) = warnings
    assert config.favicon is None
    assert (warning.code, warning.field, warning.line, warning.is_error) == ("config-favicon-type", "favicon", 2, False)
    assert warning.message == "favicon: /brand/icon.ico is not a PNG or SVG file; the theme's icon is used"
    for kept in ("/brand/ICON.PNG", "/brand/icon.svg?v=2", "/brand/icon%20a.png#x"):
        config, warnings = parse_config({"favicon": kept}, "site.yaml")
        assert (config.favicon, warnings) == (kept, [])


def test_a_repeated_config_key_warns_with_its_line_and_the_last_value_is_used(tmp_path):
    path = write_config(tmp_path, "title: صحيفة\npaginate: 5\n# تعليق\npaginate: 12\n")
    config, warnings = load_config(path)
    (repeat,) = [w for w in warnings if w.code == "repeated-key"]
    assert config.paginate == 12
    assert (repeat.path, repeat.line, repeat.field, repeat.is_error) == (str(path), 4, "paginate", False)
    assert "first on line 2" in repeat.message


@pytest.mark.parametrize("base_url", ["https://editor:secret@news.example/", "https://editor@news.example/",
                                      "http://:pw@news.example/"])
def test_base_url_with_a_user_name_or_password_is_a_config_error(tmp_path, base_url):
    # newcomer check: `https://user@host/` was accepted and every canonical link, feed and
    # sitemap printed the user name (and a password, had there been one)
    diag = base_url_error(tmp_path, base_url)
    assert "holds a user name or password" in diag.message


@pytest.mark.parametrize("base_url", ["https://example.com/../x/", "https://example.com/%2e%2e/x/", "https://example.com/./"])
def test_base_url_with_a_dot_segment_is_a_config_error(tmp_path, base_url):
    # newcomer check: `https://example.com/%2e%2e/x/` was decoded into a canonical URL
    # `https://example.com/../x/`; RFC 3986 §5.2.4 removes such segments, so every link climbed out
    diag = base_url_error(tmp_path, base_url)
    assert "has a . or .. segment" in diag.message


@pytest.mark.parametrize("base_url, written", [
    ("https://example.com//news/", "https://example.com/news/"),
    ("https://example.com/%2Fnews/", "https://example.com/news/"),  # decoded, the same "//"
    ("https://example.com//", "https://example.com/"),
    ("https://example.com/news//ar/", "https://example.com/news/ar/"),
])
def test_base_url_with_an_empty_segment_is_a_config_error_naming_the_line(tmp_path, base_url, written):
    # /tmp/attack47/r1-base-url-empty-segment-network-path.sh: `https://example.com//news/` made every
    # root-relative link `//news/…`, a network-path reference (RFC 3986 §4.2) to the host "news"
    diag = base_url_error(tmp_path, base_url)
    assert "has an empty segment (//)" in diag.message
    assert diag.hint == f"remove the empty segment: base_url: {written}"


def test_base_url_option_with_an_empty_segment_is_blamed_on_the_option(tmp_path):
    # /tmp/attack47/r1-base-url-empty-segment-network-path.sh, for --base-url
    path = write_config(tmp_path, "title: صحيفة\nbase_url: https://example.org/\n")
    with pytest.raises(SitegenError) as info:
        load_config(path, base_url_override="https://example.com//news/")
    (diag,) = info.value.diagnostics
    assert (diag.path, diag.line, diag.field) == ("--base-url", None, "--base-url")
    assert "another host" in diag.message
    assert diag.hint == "remove the empty segment: --base-url https://example.com/news/"


@pytest.mark.parametrize("pattern", ["https://evil.example/{slug}/", "/news/{slug}?page=1", "/c:/{slug}/"])
def test_a_permalink_with_a_scheme_host_or_query_is_a_config_error(tmp_path, pattern):
    # newcomer check: `permalink: "https://evil.com/{slug}/"` built folders named `https:`
    path = write_config(tmp_path, f'title: صحيفة\npermalink: "{pattern}"\n')
    diag = config_error(path)
    assert (diag.line, diag.code, diag.field) == (2, "config", "permalink")
    assert "a permalink is a path on the site" in diag.message
