"""sitegen.output_folder: which output folders a build refuses, the marker that proves a folder
is a sitegen output, and the safe relative paths inside it.

Refusals as a build meets them (content, project or home as the output, a folder sitegen did
not make) are tested end to end in ``tests/test_writer.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.output_folder import (MARKER, MARKER_HEADER, check_marker, check_output_dir, is_real_folder,
                                   is_safe_relative, path_refusal, verify_marker)


@pytest.mark.parametrize("folder", ["/", "home"])
def test_root_and_home_refused_by_the_check(tmp_path, folder):
    out = Path("/") if folder == "/" else Path.home()
    with pytest.raises(SitegenError) as info:
        check_output_dir(out, tmp_path / "content", tmp_path)
    (diag,) = info.value.diagnostics
    assert diag.code == "output-dir" and diag.path == str(out)


def test_safe_relative_paths_are_told_apart_by_one_pattern_as_by_their_parts():
    # Issue 10: is_safe_relative runs ~44,000 times in an edit's build at 10,000 articles (one
    # regex search now); a name may end with a newline, which a ``$`` in the pattern refused.
    assert is_safe_relative("a/b\n") and is_safe_relative("\n") and is_safe_relative("a/.b/..c/index.html")
    for unsafe in ("", "/a", "a/", "a//b", "./a", "a/./b", "a/..", "../a", "a\\b", "a\x00b", "a/.\n/..\n/.."):
        assert not is_safe_relative(unsafe), unsafe


def test_safe_relative_paths_by_substrings_agree_with_the_parts_of_every_short_path():
    # Issue 10: the check is five substring searches (a regular expression took ~5 µs a
    # 100-character path, ~0.2 s an edit's build); every path of up to 6 characters from the
    # characters that matter is judged as its parts judge it.
    import itertools

    def by_parts(relative: str) -> bool:
        return all(part not in ("", ".", "..") for part in relative.split("/")) and "\x00" not in relative \
            and "\\" not in relative

    judged = 0
    for length in range(7):
        for letters in itertools.product("a./\\\x00\n", repeat=length):
            relative = "".join(letters)
            assert is_safe_relative(relative) == by_parts(relative), repr(relative)
            judged += 1
    assert judged == sum(6 ** n for n in range(7))


def test_the_quick_marker_check_reads_the_first_two_lines_only_and_the_full_one_every_line(tmp_path):
    # Issue 10: the quick check before a build's work matched every listed path against the
    # unsafe-path pattern (~35,000 lines at 10,000 articles), then read the whole marker again
    # for a set of them nobody used; the full check under the lock still refuses an unsafe,
    # missing or undecodable listed path before anything is written.
    output = tmp_path / "public"
    output.mkdir()
    (output / "index.html").write_text("صفحة", encoding="utf-8")
    (output / MARKER).write_bytes(f"{MARKER_HEADER}\nindex.html\n../outside.html\n".encode() + b"\xff\xfe\n")
    assert check_marker(output) is None
    with pytest.raises(SitegenError) as refused:
        verify_marker(output)
    assert "it cannot be read as UTF-8 text" in refused.value.diagnostics[0].message
    (output / MARKER).write_text(f"{MARKER_HEADER}\nindex.html\n../outside.html\n", encoding="utf-8")
    with pytest.raises(SitegenError) as refused:
        verify_marker(output)
    assert "it lists an unsafe path '../outside.html'" in refused.value.diagnostics[0].message
    for text, problem in (("index.html\n", "its first line is not"), (f"{MARKER_HEADER}\n", "it lists no files"),
                          (f"{MARKER_HEADER}\r\nindex.html\r\n", None), ("x" * 70_000 + "\n", "its first line is not")):
        (output / MARKER).write_text(text, encoding="utf-8")
        if problem is None:
            assert check_marker(output) is None
        else:
            with pytest.raises(SitegenError) as refused:
                check_marker(output)
            assert problem in refused.value.diagnostics[0].message
    (output / MARKER).unlink()
    with pytest.raises(SitegenError) as refused:
        check_marker(output)
    assert "holds files sitegen did not write" in refused.value.diagnostics[0].message
    assert check_marker(tmp_path / "new") is None


def test_a_read_only_output_folder_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    # newcomer check (as a user, not root): a `chmod 555 public/` output was replaced whole by the
    # new site, the old one could neither be kept as the spare tree nor deleted and was left as
    # `.public.sitegen-new-…` beside it, and the build said the previous output was untouched.
    # Root may write anywhere, so the permission check is stood in for.
    import sitegen.output_folder as output_folder
    project, output = tmp_path, tmp_path / "public"
    (project / "content").mkdir()
    output.mkdir()
    real_access = output_folder.os.access
    monkeypatch.setattr(output_folder.os, "access",
                        lambda path, mode: False if Path(path) == output else real_access(path, mode))
    with pytest.raises(SitegenError) as info:
        check_output_dir(output, project / "content", project, marker=False)
    (diag,) = info.value.diagnostics
    assert (diag.code, diag.path) == ("output-dir", str(output))
    assert "read-only" in diag.message and f"chmod u+w {output}" in diag.hint
    monkeypatch.setattr(output_folder.os, "access", real_access)
    check_output_dir(output, project / "content", project, marker=False)  # writable: accepted


def test_is_real_folder_is_a_folder_itself_never_a_link_to_one(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "folder")
    found = {name: is_real_folder(tmp_path / name) for name in ("folder", "file", "link", "missing")}
    assert found == {"folder": True, "file": False, "link": False, "missing": False}


def test_path_refusal_measures_names_and_the_whole_path_in_utf8_bytes():
    """/tmp/attack47/r2-long-image-name-stops-build.sh and r8-long-alias-path-stops-build.sh: the one
    rule every output path goes through (255 bytes a name, under 4096 the whole path under
    its folder), in UTF-8 bytes: an Arabic letter is two."""
    assert path_refusal("a/" + "x" * 255) is None
    assert "256 bytes long" in path_refusal("a/" + "x" * 256 + "/index.html")
    assert "256 bytes long" in path_refusal("ب" * 128)  # 128 letters, 256 bytes
    deep = "/".join(["y" * 200] * 20)  # 4019 bytes, every name fits
    assert path_refusal(deep) is None and path_refusal(deep, root_bytes=76) is None
    assert "4096 bytes long" in path_refusal(deep, root_bytes=77)  # PATH_MAX holds the closing NUL
