"""The command line as INTERFACE.md promises it: commands, exit statuses 0/1/2, error lines."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import (
    ERROR_LINE, REPO, article, article_pages, fingerprint, make_site, run_cli, snapshot, staging_leftovers,
)
from sitegen import rendering
from sitegen.cli import counted, main
from sitegen.config import parse_config
from sitegen.loaders.article import load_article

GOOD = {"a.md": article("افتتاح ملعب الحي بعد التجديد", "2024-11-20T09:00:00+03:00", tags=["رياضة"]),
        "b.md": article("حملة تشجير في شوارع المدينة", "2024-11-21T09:00:00+03:00")}
BAD_DATE = "---\ntitle: خبر بتاريخ مستحيل\ndate: 2024-02-30\n---\nنص.\n"
WARNING_LINE = r"^.+?(?::\d+)?: warning [a-z][a-z0-9-]*: .+$"
SUMMARY_LINE = r"^(built|checked) \d+ articles?, \d+ pages?"


def assert_clean_stderr(stderr: str) -> None:
    """No traceback; every line is an error, a warning or the summary."""
    assert "Traceback" not in stderr, stderr
    for line in stderr.splitlines():
        assert re.match(ERROR_LINE, line) or re.match(WARNING_LINE, line) or re.match(SUMMARY_LINE, line), line


def error_lines(stderr: str) -> list[re.Match]:
    return [m for m in (re.match(ERROR_LINE, line) for line in stderr.splitlines()) if m]


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path, GOOD)


# --- build ------------------------------------------------------------------------


def test_no_arguments_builds_into_public(site):
    proc = run_cli([], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    assert_clean_stderr(proc.stderr)
    assert (site.root / "public/index.html").is_file()
    assert len(article_pages(site.root / "public")) == 2


def test_options_content_output_config_base_url(site):
    (site.root / "content").rename(site.root / "articles")
    (site.root / "site.yaml").rename(site.root / "conf.yaml")
    proc = run_cli(["build", "--content", "articles", "--output", "out", "--config", "conf.yaml",
                    "--base-url", "https://host.example/news/", "--quiet"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    index = (site.root / "out/index.html").read_text(encoding="utf-8")
    assert 'href="/news/' in index and not re.search(r'href="/(?!news/)', index)
    assert not (site.root / "public").exists()


@pytest.mark.parametrize("command, option", [("build", "--output"), ("serve", "--output"), ("check", "--content"),
                                             ("build", "--content"), ("build", "--config")])
def test_an_empty_output_content_or_config_path_is_refused_not_read_as_the_default(site, monkeypatch, capsys,
                                                                                   command, option):
    monkeypatch.chdir(site.root)
    with pytest.raises(SystemExit) as exited:
        main([command, f"{option}="])
    assert exited.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said == (f"sitegen {command}: error: argument {option}: empty path: give a folder or file name, "
                    "or leave the option out for its default")
    assert not (site.root / "public").exists()


def test_exit_1_when_a_file_is_skipped(site):
    (site.content / "broken.md").write_text(BAD_DATE, encoding="utf-8")
    proc = run_cli(["build"], cwd=site.root)
    assert proc.returncode == 1
    assert_clean_stderr(proc.stderr)
    errors = error_lines(proc.stderr)
    assert [(m["path"], m["code"]) for m in errors] == [("content/broken.md", "bad-value")]
    assert len(article_pages(site.root / "public")) == 2


def test_error_line_carries_the_file_line(site):
    (site.content / "tabs.md").write_text("---\ntitle: خبر\n\tdate: 2024-11-21\n---\nنص.\n", encoding="utf-8")
    proc = run_cli(["build"], cwd=site.root)
    assert proc.returncode == 1
    (m,) = error_lines(proc.stderr)
    assert (m["path"], m["line"], m["code"]) == ("content/tabs.md", "3", "yaml-syntax")


def test_exit_2_on_bad_config_leaves_previous_output(site):
    assert run_cli(["build"], cwd=site.root).returncode == 0
    before = snapshot(site.root / "public")
    (site.content / "c.md").write_text(article("خبر جديد لن يبنى", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    site.config.write_text("title: موقع\nlocale: xx_QQ\n", encoding="utf-8")
    proc = run_cli(["build"], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    assert [(m["path"], m["code"]) for m in error_lines(proc.stderr)] == [("site.yaml", "config")]
    assert snapshot(site.root / "public") == before
    assert staging_leftovers(site.root / "public") == []


def test_exit_2_on_url_collision_leaves_previous_output(site):
    assert run_cli(["build"], cwd=site.root).returncode == 0
    before = snapshot(site.root / "public")
    (site.content / "copy.md").write_text(GOOD["a.md"], encoding="utf-8")
    proc = run_cli(["build"], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    text = proc.stderr
    assert "url-collision" in text and "content/a.md" in text and "content/copy.md" in text
    assert snapshot(site.root / "public") == before


def test_exit_2_for_a_missing_config_given_explicitly(site):
    proc = run_cli(["build", "--config", "nope.yaml"], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    assert [m["path"] for m in error_lines(proc.stderr)] == ["nope.yaml"]
    assert not (site.root / "public").exists()


def test_unwritable_output_location_is_an_error_line_not_a_traceback(site):
    (site.root / "notes.txt").write_text("ملاحظات", encoding="utf-8")
    proc = run_cli(["build", "--output", "notes.txt/public"], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    assert error_lines(proc.stderr)
    assert (site.root / "notes.txt").read_text(encoding="utf-8") == "ملاحظات"


def test_summary_line_says_article_or_articles(tmp_path):
    one = make_site(tmp_path, {"a.md": GOOD["a.md"], "broken.md": BAD_DATE})
    proc = run_cli(["build"], cwd=one.root)
    assert proc.returncode == 1
    assert re.search(r"^built 1 article, \d+ pages into public in \d+\.\d s; 1 file skipped$", proc.stderr, re.M), proc.stderr
    (one.content / "broken2.md").write_text(BAD_DATE, encoding="utf-8")
    proc = run_cli(["check"], cwd=one.root)
    assert re.search(r"^checked 1 article, \d+ pages in \d+\.\d s; 2 files skipped$", proc.stderr, re.M), proc.stderr
    proc = run_cli(["build"], cwd=one.root)  # one article from the cache: «1 article», not «1 articles»
    assert re.search(r"^built 1 article, \d+ pages into public in \d+\.\d s \(1 article, \d+ pages from cache\); 2 files skipped$",
                     proc.stderr, re.M), proc.stderr
    assert (counted(1, "page"), counted(0, "article"), counted(12, "file")) == ("1 page", "0 articles", "12 files")
    assert counted(14380, "page") == "14,380 pages"


def test_ctrl_c_during_a_build_is_one_line_and_exit_130(site, monkeypatch, capsys):
    args = ["build", "--content", str(site.content), "--output", str(site.output), "--config", str(site.config)]
    assert main(args) == 0
    before = snapshot(site.output)
    (site.content / "c.md").write_text(article("خبر جديد يقطعه المستخدم", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    capsys.readouterr()
    rendered = []

    def render_then_interrupt(env, built_site, file, used=None):
        rendered.append(file.path)
        if len(rendered) == 3:
            raise KeyboardInterrupt
        return b"<p>partial</p>"

    monkeypatch.setattr(rendering, "render_file", render_then_interrupt)
    assert main(args) == 130
    captured = capsys.readouterr()
    assert captured.err == "interrupted: the previous output is untouched\n"
    assert captured.out == ""
    assert len(rendered) == 3
    assert snapshot(site.output) == before
    assert staging_leftovers(site.output) == []


@pytest.mark.parametrize("where", ["saving the snapshot", "closing the manifest save", "printing the report"])
def test_ctrl_c_once_the_new_site_is_in_place_says_the_site_is_built(site, monkeypatch, capsys, where):
    # /tmp/attack40/f2_int_wait.py: Ctrl-C while the build saved its cache after the swap said
    # "the previous output is untouched" though the new site was live; so did one outside the
    # build's saving steps, closing a forked process or printing the report
    # (/tmp/attack45/r4-untouched-but-published.sh).
    from sitegen import apart, cli, pipeline

    args = ["build", "--content", str(site.content), "--output", str(site.output), "--config", str(site.config)]
    assert main(args) == 0
    (site.content / "c.md").write_text(article("خبر جديد يصل قبل المقاطعة", "2024-11-22T09:00:00+03:00"), encoding="utf-8")
    capsys.readouterr()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        if where == "saving the snapshot":
            patched.setattr(pipeline, "record_unchanged", interrupted)
        elif where == "printing the report":
            patched.setattr(cli, "print_report", interrupted)
        else:
            real_close = apart.Apart.close
            patched.setattr(apart.Apart, "close", lambda self: (real_close(self), interrupted())
                            if self._work.__name__ == "save_manifest" else real_close(self))
        assert main(args) == 130
    assert capsys.readouterr().err == ("interrupted once the new site was in place: the site is built; "
                                       "the next build does again what this one had left to save\n")
    assert any("خبر جديد يصل قبل المقاطعة" in page.read_text(encoding="utf-8") for page in article_pages(site.output))
    assert main(args) == 0 and staging_leftovers(site.output) == []


#: A ``sitecustomize`` that presses Ctrl-C while sitegen's modules are imported (the first ~0.3 s
#: of a run), at the same point every time: when ``sitegen.pipeline`` is looked for.
CTRL_C_WHILE_IMPORTING = """
import sys


class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "MODULE":
            raise KeyboardInterrupt
        return None


sys.meta_path.insert(0, CtrlC())
"""


@pytest.mark.parametrize("module", ["sitegen.gcpause", "sitegen.pipeline", "sitegen.quick_exit"])
@pytest.mark.parametrize("entry", [["build.py"], ["-m", "sitegen"],
                                   ["-c", "from sitegen.cli import run; run()"]],
                         ids=["build.py", "python -m sitegen", "sitegen command"])
def test_ctrl_c_while_the_modules_load_is_one_line_and_exit_130_not_a_traceback(site, tmp_path, entry, module):
    # Newcomer check: Ctrl-C in the first ~0.3 s of a build printed a whole KeyboardInterrupt
    # traceback; in the very first modules (sitegen.quick_exit, imported before the others) it
    # still did (/tmp/attack45b/r3-ctrl-c-at-startup-traceback.sh), and in sitegen.gcpause, imported
    # before the try that says it (/tmp/attack52/r3).
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CTRL_C_WHILE_IMPORTING.replace("MODULE", module), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{REPO}"}
    command = [sys.executable, *([str(REPO / "build.py")] if entry == ["build.py"] else entry), "build"]
    proc = subprocess.run(command, cwd=site.root, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, "interrupted: the previous output is untouched\n", "")
    assert not site.output.exists()


# --- check ------------------------------------------------------------------------


def test_check_writes_nothing(site):
    before = fingerprint(site.root)
    proc = run_cli(["check"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    assert_clean_stderr(proc.stderr)
    assert fingerprint(site.root) == before
    assert sorted(p.name for p in site.root.iterdir()) == ["content", "site.yaml"]


def test_check_reports_bad_files_with_exit_1(site):
    (site.content / "broken.md").write_text(BAD_DATE, encoding="utf-8")
    before = fingerprint(site.root)
    proc = run_cli(["check"], cwd=site.root)
    assert proc.returncode == 1
    assert [m["path"] for m in error_lines(proc.stderr)] == ["content/broken.md"]
    assert fingerprint(site.root) == before


# --- new --------------------------------------------------------------------------


def test_new_writes_a_draft_markdown_file(site):
    title = 'عاجل: "افتتاح" الملعب الجديد'
    proc = run_cli(["new", title], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    created = sorted(set(site.content.iterdir()) - {site.content / name for name in GOOD})
    assert len(created) == 1
    path = created[0]
    assert path.suffix == ".md"
    assert re.match(r"^\d{4}-\d{2}-\d{2}-", path.name)
    assert "عاجل-افتتاح-الملعب-الجديد" in path.name
    assert str(path.relative_to(site.root)) in proc.stdout
    config, _ = parse_config({"timezone": "Asia/Riyadh"}, "site.yaml")
    loaded = load_article(path, str(path), config)
    assert loaded.article.title == title
    assert loaded.article.draft is True
    assert loaded.article.date is not None
    assert [d for d in loaded.warnings if d.code != "no-title"] == []
    build = run_cli(["build"], cwd=site.root)
    assert build.returncode == 0
    assert len(article_pages(site.root / "public")) == 2     # a draft is not published


def test_new_refuses_to_overwrite(site):
    assert run_cli(["new", "خبر مكرر العنوان"], cwd=site.root).returncode == 0
    (path,) = [p for p in site.content.iterdir() if "خبر-مكرر-العنوان" in p.name]
    path.write_text(path.read_text(encoding="utf-8") + "نص كتبه المحرر.\n", encoding="utf-8")
    before = path.read_bytes()
    proc = run_cli(["new", "خبر مكرر العنوان"], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    (m,) = error_lines(proc.stderr)
    assert (m["path"], m["code"]) == (str(path.relative_to(site.root)), "exists")
    assert m["message"].endswith(" — pick another title, or edit the existing file")
    assert path.read_bytes() == before


def test_new_makes_a_title_with_a_line_break_one_line(site):
    # newcomer check: a title pasted with a line break was written as a two-line title
    proc = run_cli(["new", "افتتاح\nمكتبة\t الحي "], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    written = Path(site.root, proc.stdout.strip())
    assert written.name.endswith("-افتتاح-مكتبة-الحي.md")
    assert written.read_text(encoding="utf-8").split("\n")[1] == 'title: "افتتاح مكتبة الحي"'


@pytest.mark.parametrize("title", ["", "   ", "\t"])
def test_new_with_an_empty_title_writes_nothing(site, title):
    before = fingerprint(site.root)
    proc = run_cli(["new", title], cwd=site.root)
    assert proc.returncode == 2
    assert_clean_stderr(proc.stderr)
    (m,) = error_lines(proc.stderr)
    assert (m["path"], m["code"]) == ("content", "new-title")
    assert m["message"].startswith("the title is empty; nothing written — give the article a title")
    assert fingerprint(site.root) == before
    assert proc.stdout == ""


# --- extract on Markdown ------------------------------------------------------------


def test_extract_markdown_record(site):
    proc = run_cli(["extract", "--json", "content/a.md"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    (record,) = json.loads(proc.stdout)
    assert record["title"] == "افتتاح ملعب الحي بعد التجديد"
    assert record["format"] == "markdown"
    assert record["date"] == "2024-11-20T09:00:00+03:00"
    assert record["tags"] == ["رياضة"]
    assert record["source"] == "content/a.md"
    assert unquote(record["url"]) == "https://news.example.org/2024/11/20/افتتاح-ملعب-الحي-بعد-التجديد/"


def test_explain_on_markdown_starts_with_the_file_header(site):
    proc = run_cli(["extract", "--explain", "content/a.md", "content/b.md"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [line for line in lines if line.startswith("==")] == ["== content/a.md", "== content/b.md"]
    assert lines[0] == "== content/a.md"
    assert lines[1] == "   1 front-matter   | ---"
    assert lines[lines.index("== content/b.md") - 1].endswith("| ")  # a.md's last (blank) line comes first


def test_options_without_a_command_mean_build(site):
    (site.content / "draft.md").write_text(article("مسودة خبر عن السوق", "2024-11-19T09:00:00+03:00", draft=True),
                                           encoding="utf-8")
    proc = run_cli(["--drafts", "--quiet"], cwd=site.root)
    assert proc.returncode == 0, proc.stderr
    assert len(article_pages(site.root / "public")) == 3


def test_build_py_without_the_dependencies_uses_the_project_venv_or_says_how_to_install():
    # `-S` hides every site-packages folder, as for a newcomer whose venv is not activated.
    base_python = Path(sys.base_prefix) / "bin" / "python3"
    proc = subprocess.run([str(base_python), "-S", "build.py", "extract", "--json", "content/seed.txt"],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120)
    if (REPO / ".venv" / "bin" / "python").exists():
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)[0]["site_name"] == "السوق العربية المشتركة"
    else:
        assert proc.returncode == 1
        assert "error missing-dependency" in proc.stderr and "README.md" in proc.stderr


def _build_without(library: str, site) -> subprocess.CompletedProcess:
    """``build.py build`` in ``site`` with ``library`` (a top-level module name) not importable."""
    blocker = ("import importlib.abc, runpy, sys\n"
               "class Block(importlib.abc.MetaPathFinder):\n"
               "    def find_spec(self, name, path, target=None):\n"
               f"        if name.split('.')[0] == {library!r}:\n"
               "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
               "sys.meta_path.insert(0, Block())\n"
               "sys.path.insert(0, sys.argv[1])  # this checkout's sitegen, not an installed copy\n"
               "sys.argv = [sys.argv[1] + '/build.py', 'build', '--quiet']\n"
               "runpy.run_path(sys.argv[0], run_name='__main__')\n")
    return subprocess.run([sys.executable, "-c", blocker, str(REPO)], cwd=site.root,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_build_py_names_a_missing_slugify_before_building_anything(site):
    # A fresh helper's review (2026-12-05): with python-slugify imported only where a slug is
    # made, an environment missing it failed every article as an internal error and replaced
    # the site with an empty one, instead of naming the missing dependency at start.
    proc = _build_without("slugify", site)
    assert proc.returncode != 0 and "missing-dependency" in proc.stderr and "slugify" in proc.stderr, proc.stderr
    assert not (site.root / "public").exists()


@pytest.mark.parametrize("collecting", [True, False])
def test_the_command_line_s_modules_are_imported_with_the_garbage_collector_paused(collecting):
    # Issue 10: its collections during the import walked what lives to the end anyway (~8 ms of
    # ~155 ms); it is as the importer had it afterwards, for the build to decide.
    probe = ("import gc, importlib.abc, sys\n"
             "seen = []\n"
             "class Look(importlib.abc.MetaPathFinder):\n"
             "    def find_spec(self, name, path, target=None):\n"
             "        if name == 'sitegen.pipeline':\n"
             "            seen.append(gc.isenabled())\n"
             "sys.meta_path.insert(0, Look())\n"
             f"sys.path.insert(0, {str(REPO)!r})\n"
             + ("" if collecting else "gc.disable()\n") +
             "import sitegen.cli\n"
             "print(seen, gc.isenabled())\n")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert shown.stdout.split() == ["[False]", str(collecting)]


@pytest.mark.parametrize("library", ["jinja2", "markdown", "markupsafe", "hijridate"])
def test_build_py_names_a_missing_library_of_the_late_stages_before_building_anything(site, library):
    # Issue 10: the renderer's and the loaders' modules are imported only once a build has found
    # its site changed (sitegen.late_imports); a library only they import is still named at start.
    proc = _build_without(library, site)
    assert proc.returncode != 0 and "missing-dependency" in proc.stderr and library in proc.stderr, proc.stderr
    assert not (site.root / "public").exists()


class _Terminal:
    """A stand-in for stderr that says it is a terminal and keeps what is written."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("quiet", [[], ["--quiet"], ["-q"]])
def test_progress_bars_on_a_terminal_and_silence_with_quiet(site, monkeypatch, quiet):
    terminal = _Terminal()
    monkeypatch.chdir(site.root)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["build", *quiet]) == 0
    if quiet:
        assert terminal.text == ""
        return
    assert "loading" in terminal.text and "rendering" in terminal.text  # tqdm's bars
    summary = re.split(r"[\r\n]", terminal.text.rstrip("\n"))[-1]  # after the bars were cleared
    assert re.fullmatch(r"built 2 articles, \d+ pages into public in \d+\.\d s", summary), summary


def test_jobs_must_be_a_positive_number(site):
    proc = run_cli(["build", "--jobs", "0"], cwd=site.root)
    assert proc.returncode == 2 and "--jobs" in proc.stderr
    assert not (site.root / "public").exists()


def test_ctrl_c_during_extract_does_not_speak_of_an_output(site, monkeypatch, capsys):
    # /tmp/attack47 fault 4: Ctrl-C during `extract` said "the previous output is untouched",
    # though extract writes no output at all.
    from sitegen import cli
    from sitegen.loaders import article as article_loader

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(article_loader, "load_article", interrupted)
    capsys.readouterr()
    assert main(["extract", "--config", str(site.config), str(site.content / "a.md")]) == 130
    captured = capsys.readouterr()
    assert captured.err == "interrupted: extract writes no files; nothing was changed\n"
    assert captured.out == ""
    assert cli.interrupted_message(["build"]) == cli.interrupted_message([]) == cli.INTERRUPTED


def test_extract_record_writes_an_offset_with_seconds_in_utc():
    # /tmp/attack46/r4-lmt-offset-seconds-invalid-dates.sh: ISO 8601 offsets are hh:mm; Asia/Riyadh's
    # local mean time before 1947 (+03:06:52) is written as the same instant in UTC.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sitegen.cli import record
    from sitegen.model import Article

    riyadh = ZoneInfo("Asia/Riyadh")
    article = Article(source="a.md", format="markdown", title="خبر", display_title="خبر", slug="a",
                      body_html="<p>نص</p>", blocks=(), date=datetime(1945, 5, 8, 12, tzinfo=riyadh),
                      updated=datetime(2024, 11, 21, 12, tzinfo=riyadh))
    written = record(article, "https://news.example/")
    assert (written["date"], written["updated"]) == ("1945-05-08T08:53:08+00:00", "2024-11-21T12:00:00+03:00")
