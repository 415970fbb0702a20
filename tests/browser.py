"""Browser-test infrastructure: Debian's Chromium driven by Playwright, and a static file server.

Playwright's own browser download cannot work on our machines, so tests launch the system
``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it) by path with
the flags below. The ``browser`` fixture in conftest.py gives one browser per session.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class ThreadedServer:
    """Serves with ``handler`` on ``http://127.0.0.1:PORT/`` (a free port) in a thread:
    ``with ThreadedServer(handler) as server: server.url``."""

    def __init__(self, handler):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


class StaticServer(ThreadedServer):
    """Serves ``folder`` on ``http://127.0.0.1:PORT/`` (a free port) in a thread, like a
    static host: ``with StaticServer(path) as server: server.url``."""

    def __init__(self, folder: Path):
        super().__init__(functools.partial(_QuietHandler, directory=str(folder)))
