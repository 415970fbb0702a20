"""What the theme's browser tests measure: axe-core, the Nu HTML Checker, overflow, fonts, bytes.

The tools come from the npm registry (axe-core, vnu-jar) and Debian (Java), installed by
``.ci/browser-tools`` into ``$SITEGEN_BROWSER_TOOLS`` (default ``~/.cache/sitegen/browser-tools``).
:class:`GzipServer` serves a built site like a static host does (gzip for text), so the bytes a
reader downloads can be measured.
"""

from __future__ import annotations

import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browser import ThreadedServer

TOOLS = Path(os.environ.get("SITEGEN_BROWSER_TOOLS") or Path.home() / ".cache/sitegen/browser-tools")
AXE = TOOLS / "node_modules/axe-core/axe.min.js"
VNU = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
INSTALL_HINT = "run `bash .ci/browser-tools` (installs Chromium, Java, axe-core and vnu-jar)"
#: Types a static host sends gzip-compressed (fonts and images are compressed already).
COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml",
              "application/json", "application/xml", "text/xml"}


def missing_tools() -> list[str]:
    """Names of the browser-test tools that are not installed (empty when all are)."""
    missing = [str(p) for p in (AXE, VNU, Path("/usr/bin/chromium")) if not p.is_file()]
    return missing + ([] if shutil.which("java") else ["java"])


class _Handler(http.server.BaseHTTPRequestHandler):
    root: Path

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        path = unquote(urlsplit(self.path).path)
        file = (self.root / path.lstrip("/")).resolve()
        if file.is_dir():
            file = file / "index.html"
        status = 200
        if not file.is_file() or not file.is_relative_to(self.root):
            file, status = self.root / "404.html", 404
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class GzipServer(ThreadedServer):
    """Serves ``folder`` on ``http://127.0.0.1:PORT/`` like a static host (``index.html`` for
    folders, ``404.html`` with status 404, gzip for text types): ``with GzipServer(p) as s: s.url``."""

    def __init__(self, folder: Path):
        super().__init__(type("Handler", (_Handler,), {"root": folder.resolve()}))


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the loaded ``page`` (every rule axe runs by default, WCAG 2.x
    A/AA and best practices), each as ``{id, impact, targets}``."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result]


def nu_errors(folders: list[Path]) -> list[str]:
    """Errors of the Nu HTML Checker (vnu.jar) on every ``.html`` file under ``folders``, as
    ``file:line: message`` (warnings and info messages are left out)."""
    files = sorted(str(f) for folder in folders for f in folder.rglob("*.html"))
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [f"{unquote(m.get('url', ''))}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


#: JavaScript: how far the page is wider than the window (0 = no sideways scrolling), and the
#: widest element that sticks out past either edge, for the failure message.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const extra = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
  let culprit = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 1 || r.left < -1)) {
      if (!culprit || r.width > culprit.w) culprit = {w: r.width, tag: el.tagName, cls: el.className, text: (el.textContent || '').slice(0, 60)};
    }
  }
  return {extra, culprit};
}"""

#: JavaScript: the web font faces the page actually loaded (after ``document.fonts.ready``).
LOADED_FONTS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/"/g, '') + ' ' + f.weight);
}"""

#: JavaScript: bytes transferred for the document, its stylesheets and fonts (Resource Timing).
FIRST_RENDER_BYTES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const parts = performance.getEntriesByType('resource')
    .filter(r => /\\.(css|woff2?)(\\?|$)/.test(r.name))
    .map(r => [r.name.split('/').pop(), r.transferSize]);
  return {html: nav.transferSize, parts};
}"""
