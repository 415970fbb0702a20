"""Test helpers: inline mini-sites, a fixed build clock, HTML parsing and a link checker.

A mini-site is a handful of small invented Arabic Markdown files written into
``tmp_path`` (STYLE.md habit 8, "inline mini-sites as fixtures"); nothing here
copies shared corpus or case texts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import yaml

REPO = Path(__file__).resolve().parents[1]

#: The injected build clock of every test build (after every dated test article).
BUILD_TIME = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)

#: The config every mini-site starts from (keys may be overridden per test).
BASE_CONFIG = {
    "title": "موقع التجربة",
    "base_url": "https://news.example.org/",
    "locale": "ar",
    "timezone": "Asia/Riyadh",
}

#: ``PATH[:LINE]: error CODE: message`` (INTERFACE.md).
ERROR_LINE = r"^(?P<path>.+?)(?::(?P<line>\d+))?: error (?P<code>[a-z][a-z0-9-]*): (?P<message>.+)$"


# --- mini-sites ----------------------------------------------------------------------


@dataclass(frozen=True)
class MiniSite:
    root: Path
    content: Path
    output: Path
    config: Path

    def options(self, **overrides):
        from sitegen.pipeline import BuildOptions

        values = dict(project=self.root, content=self.content, output=self.output, config=self.config,
                      build_time=BUILD_TIME)
        values.update(overrides)
        return BuildOptions(**values)


def write_files(base: Path, files: dict) -> None:
    """Write ``{relative name: str or bytes}`` under ``base`` byte for byte (no newline translation)."""
    for name, data in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def make_site(tmp_path: Path, files: dict, config: dict | None = None, *, raw_config: str | None = None,
              templates: dict | None = None, static: dict | None = None, name: str = "site") -> MiniSite:
    """A site folder under ``tmp_path/name`` with ``content/``, ``site.yaml`` and optional templates.

    ``config`` overrides keys of :data:`BASE_CONFIG` (a value of ``None`` drops the key);
    ``raw_config`` is written verbatim instead.
    """
    root = tmp_path / name
    content = root / "content"
    content.mkdir(parents=True)
    write_files(content, files)
    config_path = root / "site.yaml"
    if raw_config is not None:
        config_path.write_bytes(raw_config.encode("utf-8"))
    else:
        values = {**BASE_CONFIG, **(config or {})}
        values = {k: v for k, v in values.items() if v is not None}
        config_path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if templates:
        write_files(root / "templates", templates)
    if static:
        write_files(root / "static", static)
    return MiniSite(root=root, content=content, output=root / "public", config=config_path)


def _yaml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid YAML flow values


def article(title: str | None = "خبر تجريبي عن افتتاح مكتبة عامة", date: str | None = "2024-11-21T10:00:00+03:00",
            body: str = "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة.", **fields) -> str:
    """A Markdown article with a front matter block (values quoted as JSON, which YAML reads)."""
    lines = ["---"]
    for key, value in (("title", title), ("date", date), *fields.items()):
        if value is not None:
            lines.append(f"{key}: {_yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body + "\n"


@dataclass
class Built:
    result: object
    output: Path
    site: MiniSite

    @property
    def diagnostics(self) -> list:
        return list(self.result.report.diagnostics)

    def codes(self) -> list[str]:
        return [d.code for d in self.result.report.diagnostics]


def build_site(site: MiniSite, **overrides) -> Built:
    """Run :func:`sitegen.pipeline.build` in-process with the fixed clock."""
    from sitegen.pipeline import build

    options = site.options(**overrides)
    return Built(build(options), Path(options.output), site)


def article_pages(output: Path) -> list[Path]:
    """Every ``YYYY/MM/DD/SLUG/index.html`` under ``output``."""
    return sorted(p for p in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """``{relative path: bytes}`` of every file under ``folder`` (symlinks not followed)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def search_pages(output: Path) -> dict[str, dict]:
    """What a reader's search can find in ``output``: ``{record url: Pagefind fragment}`` of
    every page of the main bundle (all its parts) that :data:`sitegen.search.LIVE_FILE` does not list as stale
    and of every page of the delta bundle it names (read from the bundles' own fragment files:
    the url, the indexed terms, the title). Fails on a url found twice."""
    from sitegen.search import BUNDLE_DIR, LIVE_FILE

    bundle = output / BUNDLE_DIR
    live = json.loads((bundle / LIVE_FILE).read_text(encoding="ascii"))
    pages = {}
    stale = set(live["stale"])
    folders = [(bundle, stale)] + [(bundle / part, stale) for part in live["parts"]]
    folders += [(bundle / live["delta"], set())] if live["delta"] else []
    for folder, stale in folders:
        for file in sorted((folder / "fragment").glob("*.pf_fragment")):
            if file.stem in stale:
                continue
            data = gzip.decompress(file.read_bytes())
            assert data.startswith(b"pagefind_dcd"), file
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            assert fragment["url"] not in pages, fragment["url"]
            pages[fragment["url"]] = fragment
    return pages


def site_files(output: Path) -> dict[str, bytes]:
    """:func:`snapshot` of ``output`` without the search bundles (``search/pagefind/``) and
    their lines in the output marker: what must equal a clean build byte for byte beside
    :func:`search_pages`."""
    from sitegen.search import BUNDLE_DIR
    from sitegen.output_folder import MARKER

    files = {path: data for path, data in snapshot(output).items() if not path.startswith(BUNDLE_DIR + "/")}
    if MARKER in files:
        files[MARKER] = b"".join(line for line in files[MARKER].splitlines(keepends=True)
                                 if not line.startswith((BUNDLE_DIR + "/").encode()))
    return files


def fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    """``{relative path: (sha256, mtime_ns, mode)}`` of every file under ``folder``."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            out[p.relative_to(folder).as_posix()] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_mode)
    return out


def staging_leftovers(output: Path) -> list[str]:
    """Names beside ``output`` that look like sitegen staging folders (``.public.sitegen-*``;
    the output's lock file, which stays on purpose, is not one)."""
    from sitegen.output_lock import lock_path

    return sorted(p.name for p in output.parent.iterdir()
                  if p.name.startswith(f".{output.name}.sitegen-") and p != lock_path(output))


# --- HTML ------------------------------------------------------------------------------


def parse_html(source) -> "Page":
    """Parse a file path or HTML text with html5lib (the HTML5 parsing algorithm)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return Page(text, html5lib.parse(text, namespaceHTMLElements=False))


def text_of(element) -> str:
    """The element's text content with whitespace runs collapsed (like ``innerText`` for tests)."""
    return " ".join("".join(element.itertext()).split())


class Page:
    def __init__(self, raw: str, root):
        self.raw = raw
        self.root = root

    def all(self, tag: str, **attrs) -> list:
        """Elements named ``tag`` (``"*"`` for any) whose attributes equal ``attrs``;
        ``class_`` matches one class among several."""
        wanted_class = attrs.pop("class_", None)
        found = []
        for el in self.root.iter(None if tag == "*" else tag):
            if not isinstance(el.tag, str):
                continue
            if any(el.get(k) != v for k, v in attrs.items()):
                continue
            if wanted_class is not None and wanted_class not in (el.get("class") or "").split():
                continue
            found.append(el)
        return found

    def one(self, tag: str, **attrs):
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def html_element(self):
        return self.root if self.root.tag == "html" else self.root.find("html")

    def within(self, element) -> "Page":
        return Page(self.raw, element)

    def texts(self, tag: str, **attrs) -> list[str]:
        return [text_of(el) for el in self.all(tag, **attrs)]

    def ids(self) -> set[str]:
        return {el.get("id") for el in self.root.iter() if isinstance(el.tag, str) and el.get("id")}


# --- links ----------------------------------------------------------------------------

_LINK_ATTRS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"),
               ("source", "src"), ("video", "src"), ("audio", "src"))
_META_URL_PROPS = {"og:url", "og:image", "twitter:image"}


def page_links(page: Page) -> list[str]:
    """Every URL a page points at: ``href``/``src`` attributes and ``og:url``/``og:image`` metadata."""
    links = []
    for tag, attr in _LINK_ATTRS:
        links += [el.get(attr) for el in page.all(tag) if el.get(attr) is not None]
    for el in page.all("meta"):
        if (el.get("property") or el.get("name")) in _META_URL_PROPS and el.get("content"):
            links.append(el.get("content"))
    return links


def resolve_link(output: Path, base_url: str, page_file: Path, link: str) -> tuple[Path | None, str | None]:
    """``(file, None)`` for an internal link that resolves, ``(None, reason)`` when it does not,
    ``(None, None)`` for a link that is not internal (another host, mailto:, a same-page fragment)."""
    base = urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    if not link or link.startswith("#"):
        return None, None
    page_path = base_path + page_file.relative_to(output).as_posix()
    absolute = urlsplit(urljoin(f"{base.scheme}://{base.netloc}{page_path}", link.strip()))
    if absolute.scheme not in ("http", "https") or absolute.netloc != base.netloc:
        return None, None
    path = absolute.path
    if not path.startswith(base_path):
        return None, f"outside the base path {base_path}"
    relative = unquote(path[len(base_path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    target = output / relative
    if target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(output.resolve())
    except ValueError:
        return None, "escapes the output folder"
    if not target.is_file():
        return None, f"no file {target.relative_to(output).as_posix() if target.is_relative_to(output) else target}"
    return target, None


def broken_links(output: Path, base_url: str) -> list[str]:
    """Every internal ``href``/``src`` on every HTML page of ``output`` that does not resolve to a
    file (percent-decoded, ``…/`` → ``…/index.html``, base path stripped), plus same-page
    ``#fragment`` links without a matching ``id``."""
    problems = []
    for page_file in sorted(output.rglob("*.html")):
        page = parse_html(page_file)
        ids = page.ids()
        for link in page_links(page):
            if link.startswith("#") and len(link) > 1:
                if unquote(link[1:]) not in ids:
                    problems.append(f"{page_file.relative_to(output)}: {link} → no such id on the page")
                continue
            _, reason = resolve_link(output, base_url, page_file, link)
            if reason:
                problems.append(f"{page_file.relative_to(output)}: {link} → {reason}")
    return problems


def internal_links(output: Path, base_url: str) -> list[tuple[Path, str]]:
    """``(page, link)`` for every link of every HTML page that points inside the site's host."""
    base = urlsplit(base_url)
    found = []
    for page_file in sorted(output.rglob("*.html")):
        for link in page_links(parse_html(page_file)):
            if link.startswith("#"):
                continue
            absolute = urlsplit(urljoin(f"{base.scheme}://{base.netloc}/", link))
            if absolute.scheme in ("http", "https") and absolute.netloc == base.netloc:
                found.append((page_file, link))
    return found


# --- command line ---------------------------------------------------------------------


def run_cli(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python build.py ARGS`` in ``cwd`` (the repository's build.py, the test's interpreter)."""
    environment = dict(os.environ)
    environment.pop("SOURCE_DATE_EPOCH", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def settle(folder: Path) -> None:
    """Date ``folder`` and every real folder under it a minute back: a change made from now on
    gives a folder another modification time whatever the file system's clock resolution."""
    past = time.time() - 60
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())]:
        os.utime(path, (past, past), follow_symlinks=False)


def process_gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (reaped, or a zombie waiting to be; Linux ``/proc``)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat_file:
            return stat_file.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True
