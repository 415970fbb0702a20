"""``sitegen serve``: the preview server on an inline mini-site, in-process on a free port.

Covers what the serve command promises (INTERFACE.md): it serves only files inside the output
folder (traversal in every encoding and symlinks out of it are 404 and never leak a neighbour
file), Arabic percent-encoded URLs, the site's 404 page, UTF-8 content types, the reload script
only in served HTML, a rebuild + ``reload`` event after an edit, and a failed rebuild keeping the
previous site; the temporary folder removed on SIGTERM and SIGHUP too, the ``Host`` header
checked (DNS rebinding), and slow clients unable to stall it (issue 9).
"""

from __future__ import annotations

import http.client
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import REPO, article, article_pages, make_site
from sitegen.cli import make_parser
from sitegen.errors import SitegenError
from sitegen.ledger import LEDGER_NAME
from sitegen.output_folder import MARKER
from sitegen.pipeline import build_inputs_of
from sitegen.serve import (RELOAD_SCRIPT, PreviewHandler, Preview, host_allowed, inject_reload_script, is_loopback,
                           request_parts, serve, watched_paths)

SECRET = "SECRET-4b1d-do-not-serve"
TITLE = "افتتاح مكتبة عامة في وسط المدينة"
ARTICLES = {
    "a.md": article(TITLE, "2024-11-20T09:00:00+03:00", slug="مكتبة-عامة"),
    "b.md": article("حملة تشجير في شوارع الحي", "2024-11-21T09:00:00+03:00"),
}


def wait_until(condition, timeout: float = 10.0) -> bool:
    """Poll ``condition()`` every 50 ms for up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def fetch(preview: Preview, path: str) -> tuple[int, dict, bytes]:
    """GET ``path`` exactly as written (no client-side normalisation): ``(status, headers, body)``."""
    host, port = preview.httpd.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def replace_file(path, text: str) -> None:
    """Write ``path`` the way editors save: a temporary file renamed over it (one atomic change)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def serving_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("sitegen-serve") or "process_request" in t.name]


@pytest.fixture
def serve_site(tmp_path):
    """``serve_site()`` → ``(site, preview, log)``: a mini-site built and served on 127.0.0.1:0.

    A file holding :data:`SECRET` lies beside the output folder. Every preview is closed at the
    end and no server, watcher or request thread may outlive it.
    """
    previews = []

    def start(files: dict | None = None):
        site = make_site(tmp_path, files or ARTICLES, name=f"site{len(previews) + 1}")
        (site.root / "secret.txt").write_text(SECRET, encoding="utf-8")
        log: list[str] = []
        preview = Preview(site.options(), port=0, log=log.append)
        previews.append(preview)
        preview.start()
        assert preview.last_result.exit_code == 0, [d.format() for d in preview.last_result.report.diagnostics]
        return site, preview, log

    yield start
    for preview in previews:
        preview.close()
    assert wait_until(lambda: not serving_threads(), timeout=5), serving_threads()


def test_index_and_arabic_article_are_served_as_utf8_html(serve_site):
    site, preview, _ = serve_site()
    status, headers, body = fetch(preview, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert TITLE in body.decode("utf-8")
    page = next(p for p in article_pages(site.output) if "مكتبة-عامة" in p.as_posix())
    url = "/" + quote(page.parent.relative_to(site.output).as_posix()) + "/"
    assert "%D9%85" in url  # the Arabic slug travels percent-encoded
    with urllib.request.urlopen(preview.url.rstrip("/") + url, timeout=10) as response:
        assert response.status == 200
        assert TITLE in response.read().decode("utf-8")


def test_feeds_and_styles_have_utf8_content_types(serve_site):
    _, preview, _ = serve_site()
    assert fetch(preview, "/feed.xml")[1]["Content-Type"] == "application/xml; charset=utf-8"
    assert fetch(preview, "/css/site.css")[1]["Content-Type"] == "text/css; charset=utf-8"


def test_a_folder_without_its_slash_redirects_to_it(serve_site):
    _, preview, _ = serve_site()
    status, headers, _ = fetch(preview, "/2024?x=1")
    assert status == 301 and headers["Location"] == "/2024/"


def test_unknown_path_gets_the_site_404_page_with_status_404(serve_site):
    site, preview, _ = serve_site()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(preview.url + "no/such/page/", timeout=10)
    assert caught.value.code == 404
    body = caught.value.read()
    caught.value.close()
    assert body == inject_reload_script((site.output / "404.html").read_bytes())


TRAVERSALS = ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fetc/passwd",
              "/../../../../etc/passwd", "/%2E%2E/%2E%2E/secret.txt", "/.%2e/secret.txt", "/..\\secret.txt",
              "/%5c..%5csecret.txt", "/secret.txt%00.html", "/%ff%fe", "//secret.txt", "/./../secret.txt",
              "/link-out.txt", "/folder-out/secret.txt"]


def test_nothing_outside_the_output_folder_is_served(serve_site):
    site, preview, _ = serve_site()
    (site.output / "link-out.txt").symlink_to(site.root / "secret.txt")
    (site.output / "folder-out").symlink_to(site.root, target_is_directory=True)
    for path in TRAVERSALS:
        status, _, body = fetch(preview, path)
        assert status == 404, path
        assert SECRET.encode() not in body, path
        assert b"root:" not in body, path


def test_request_parts_refuses_dot_segments_in_every_spelling():
    assert request_parts("/2024/%D9%85%D9%83/?page=2#top") == ["2024", "مك"]
    for target in ("/../x", "/%2e%2e/x", "/..%2fx", "/a/%2E/b", "/a%5cb", "/a%00", "/%ff", "x"):
        assert request_parts(target) is None, target


def test_default_host_is_loopback(serve_site):
    _, preview, _ = serve_site()
    assert preview.httpd.server_address[0] == "127.0.0.1"
    assert preview.url.startswith("http://127.0.0.1:")
    args = make_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


def test_reload_script_is_in_served_html_only(serve_site):
    site, preview, _ = serve_site()
    served = fetch(preview, "/")[2]
    assert served.count(RELOAD_SCRIPT) == 1
    assert served.index(RELOAD_SCRIPT) < served.rindex(b"</body>")
    on_disk = (site.output / "index.html").read_bytes()
    assert b"EventSource" not in on_disk and b"__sitegen" not in on_disk
    assert b"EventSource" not in fetch(preview, "/css/site.css")[2]


def test_inject_reload_script_without_a_body_end_appends_it():
    assert inject_reload_script(b"<p>x") == b"<p>x" + RELOAD_SCRIPT
    assert inject_reload_script(b"<BODY>x</BODY></HTML>") == b"<BODY>x" + RELOAD_SCRIPT + b"</BODY></HTML>"


def read_until_reload(response, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = response.readline()
        if not line:
            return False
        if line.strip() == b"event: reload":
            return True
    return False


def test_an_edit_rebuilds_and_the_event_stream_says_reload(serve_site):
    site, preview, log = serve_site()
    with urllib.request.urlopen(preview.url + "__sitegen/events", timeout=10) as events:
        assert events.headers["Content-Type"].startswith("text/event-stream")
        new_title = "افتتاح المكتبة العامة يتأجل إلى الربيع"
        replace_file(site.content / "a.md", article(new_title, "2024-11-20T09:00:00+03:00", slug="مكتبة-عامة"))
        assert read_until_reload(events)
    assert wait_until(lambda: new_title in fetch(preview, "/")[2].decode("utf-8"))
    assert preview.generation >= 2
    assert any(line.startswith("changed: ") for line in log)


def test_a_failed_rebuild_keeps_the_previous_site(serve_site):
    site, preview, log = serve_site()
    before = fetch(preview, "/")[2]
    good_config = site.config.read_text(encoding="utf-8")

    replace_file(site.config, "title: [not closed\n")  # bad config: exit 2
    assert wait_until(lambda: preview.builds >= 2)
    assert preview.last_result.exit_code == 2
    assert "yaml-syntax" in [d.code for d in preview.last_result.report.diagnostics]
    assert fetch(preview, "/")[:1] == (200,) and fetch(preview, "/")[2] == before

    replace_file(site.config, good_config)
    assert wait_until(lambda: preview.generation == 2)
    builds = preview.builds
    replace_file(site.content / "c.md", ARTICLES["a.md"])  # the same URL as a.md: exit 2
    assert wait_until(lambda: preview.builds > builds)
    assert preview.last_result.exit_code == 2
    assert "url-collision" in [d.code for d in preview.last_result.report.diagnostics]
    assert preview.generation == 2
    assert TITLE in fetch(preview, "/")[2].decode("utf-8")
    assert any(line.startswith("build failed") for line in log)


def test_cli_serve_prints_its_url_and_stops_on_ctrl_c(tmp_path):
    site = make_site(tmp_path, ARTICLES)
    lines, stderr, _ = serve_until_ctrl_c(site)
    assert lines[0].startswith("Serving http://127.0.0.1:") and lines[0].rstrip().endswith("/ — Ctrl-C to stop"), lines
    assert "Traceback" not in stderr and "built 2 articles" in stderr, stderr


def test_serve_output_defaults_to_none_and_build_to_public():
    parser = make_parser()
    assert parser.parse_args(["serve"]).output is None
    assert parser.parse_args(["serve", "--output", "preview"]).output == "preview"
    assert parser.parse_args(["build"]).output == "public"
    assert parser.parse_args(["check"]).output == "public"


def serve_until_ctrl_c(site, *args, stop: int = signal.SIGINT) -> tuple[list[str], str, Path]:
    """Run ``build.py serve --port 0 ARGS`` in the site folder, fetch its front page, stop it with
    Ctrl-C (or the signal ``stop``): ``(stdout lines, stderr, served folder)``; the folder is
    checked while it serves."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", "0", *args], cwd=site.root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    watchdog = threading.Timer(60, proc.kill)  # a hung server must fail the test, not the suite
    watchdog.start()
    try:
        lines = [proc.stdout.readline(), proc.stdout.readline()]
        assert lines[1].startswith("Files: "), lines
        folder = (site.root / lines[1][len("Files: "):].split(" (")[0].strip()).resolve()
        assert (folder / "index.html").is_file()
        with urllib.request.urlopen(lines[0].split()[1], timeout=10) as response:
            assert TITLE in response.read().decode("utf-8")
        proc.send_signal(stop)
        assert proc.wait(timeout=10) == 0
        return lines, proc.stderr.read(), folder
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_serve_without_output_uses_a_temporary_folder_and_removes_it(tmp_path):
    site = make_site(tmp_path, ARTICLES)
    lines, stderr, folder = serve_until_ctrl_c(site)
    assert folder.name.startswith("sitegen-preview-")
    assert lines[1].rstrip().endswith("(temporary, removed on exit)")
    assert not folder.is_relative_to(site.root.resolve())
    assert not folder.exists()
    assert not (site.root / "public").exists()
    # the site is built in a folder of the same name inside the temporary one, beside its build
    # cache and staging folders: all of it is gone
    assert folder.parent.name == folder.name and not folder.parent.exists()
    assert "Traceback" not in stderr and "built 2 articles, " in stderr and " into " not in stderr, stderr


def test_serve_with_output_builds_there_and_keeps_it(tmp_path):
    site = make_site(tmp_path, ARTICLES)
    lines, stderr, folder = serve_until_ctrl_c(site, "--output", "preview")
    assert folder == (site.root / "preview").resolve()
    assert lines[1].rstrip() == "Files: preview"
    assert (folder / "index.html").is_file()  # an explicit folder stays after the server stops
    assert not (site.root / "public").exists()
    assert "built 2 articles, " in stderr and " into preview" in stderr, stderr


def test_a_rebuild_reuses_the_cache_like_build_does(serve_site):
    """serve rebuilds through the same incremental path as ``build`` (issue 10)."""
    site, preview, _ = serve_site()
    first = preview.last_result
    assert first.cached == 0 and first.pages_reused == 0
    again = preview.rebuild()
    assert again.exit_code == 0
    assert again.cached == len(ARTICLES) and again.pages_reused == again.files


# --- issue 9: stop signals, Host header (DNS rebinding), slow clients -----------------------


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_serve_stop_signals_remove_the_temporary_folder(tmp_path, stop):
    site = make_site(tmp_path, ARTICLES)
    lines, stderr, folder = serve_until_ctrl_c(site, stop=stop)
    assert folder.name.startswith("sitegen-preview-")
    assert not folder.exists()
    assert folder.parent.name == folder.name and not folder.parent.exists()  # cache and staging gone too
    assert "Traceback" not in stderr, stderr


def request_with_host(preview: Preview, host: str | None) -> int:
    """Status of ``GET /`` sent with the ``Host`` header ``host`` (none when ``None``)."""
    address, port = preview.httpd.server_address[:2]
    connection = http.client.HTTPConnection(address, port, timeout=10)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_serve_dns_rebinding_host_headers_get_400(serve_site):
    _, preview, _ = serve_site()
    port = preview.httpd.server_address[1]
    for good in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"LocalHost:{port}", "[::1]", f"[::1]:{port}"):
        assert request_with_host(preview, good) == 200, good
    for bad in ("evil.example", f"evil.example:{port}", f"localhost:{port + 1}", "127.0.0.1.evil.example",
                "localhost.evil.example", "10.0.0.1", "", None):
        assert request_with_host(preview, bad) == 400, bad
    status, _, body = fetch(preview, "/")  # http.client sends Host: 127.0.0.1:PORT itself
    assert status == 200 and TITLE.encode() in body


def test_host_allowed_reads_name_and_port():
    names = frozenset({"localhost", "127.0.0.1", "::1", "news.test"})
    assert host_allowed("news.test:8000", names, 8000)
    assert host_allowed("news.test.", names, 8000)
    assert not host_allowed("news.test:8001", names, 8000)
    assert not host_allowed("::1", names, 8000)  # IPv6 needs brackets in Host
    assert not host_allowed("[::1]x", names, 8000)
    assert not host_allowed("192.168.1.5:8000", names, 8000)
    assert host_allowed("192.168.1.5:8000", names, 8000, any_ip=True)  # bound to 0.0.0.0
    assert not host_allowed("evil.example:8000", names, 8000, any_ip=True)


def test_serve_allowed_hosts_extend_or_lift_the_host_check(tmp_path):
    site = make_site(tmp_path, ARTICLES)
    with Preview(site.options(), port=0, log=lambda line: None, allowed_hosts=("preview.test",)) as preview:
        preview.start()
        assert request_with_host(preview, "preview.test") == 200
        assert request_with_host(preview, "evil.example") == 400
    with Preview(site.options(), port=0, log=lambda line: None, allowed_hosts=None) as preview:
        preview.start()
        assert request_with_host(preview, "evil.example") == 200
    parser = make_parser()
    assert parser.parse_args(["serve", "--allow-host", "a.test", "--allow-host", "*"]).allow_host == ["a.test", "*"]


def test_serve_slow_clients_cannot_stall_it(serve_site, monkeypatch):
    monkeypatch.setattr(PreviewHandler, "timeout", 1.0)
    _, preview, _ = serve_site()
    address, port = preview.httpd.server_address[:2]
    silent = []
    try:
        for _ in range(200):  # more than the standard library's backlog of 5, each saying nothing
            sock = socket.create_connection((address, port), timeout=10)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            silent.append(sock)
        began = time.monotonic()
        status, _, body = fetch(preview, "/")
        assert status == 200 and TITLE.encode() in body
        assert time.monotonic() - began < 5, "a request waited behind silent clients"
        silent[0].settimeout(10)
        assert silent[0].recv(1024) == b""  # a silent client is dropped after the timeout
    finally:
        for sock in silent:
            sock.close()


def test_serve_accepts_a_burst_of_800_connections_without_syn_retries(serve_site):
    """800 connections at once are all accepted well under the 1 s a client waits before resending
    a refused SYN (RFC 6298 §2.1 initial RTO): the listen backlog holds them all (the standard
    library's backlog of 5 makes most of them wait a second or more)."""
    _, preview, _ = serve_site()
    address = preview.httpd.server_address[:2]
    selector = selectors.DefaultSelector()
    sockets = []
    try:
        began = time.monotonic()
        for _ in range(800):
            sock = socket.socket()
            sock.setblocking(False)
            sock.connect_ex(address)
            sockets.append(sock)
            selector.register(sock, selectors.EVENT_WRITE)
        pending = len(sockets)
        while pending and time.monotonic() - began < 10:
            for key, _ in selector.select(0.1):
                selector.unregister(key.fileobj)
                pending -= 1
        assert pending == 0
        assert time.monotonic() - began < 0.9
    finally:
        selector.close()
        for sock in sockets:
            sock.close()


def test_a_host_that_cannot_be_listened_on_says_to_check_the_host_not_the_port(tmp_path):
    """Newcomer check: ``serve --host nosuch.invalid`` warned that the preview was reachable from
    other machines, then failed with «try another --port»; the host was the problem."""
    site = make_site(tmp_path, ARTICLES)
    for host in ("nosuch.invalid", "192.0.2.1"):  # a name that does not resolve; an address not of this machine
        done = subprocess.run([sys.executable, "-m", "sitegen", "serve", "--host", host, "--port", "8799"], cwd=site.root,
                              capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 2, done.stderr
        assert "error serve-address" in done.stderr and "check --host" in done.stderr, done.stderr
        assert "try another --port" not in done.stderr and "reachable from other machines" not in done.stderr, done.stderr


# --- /tmp/attack47: a refused output folder is never served; every build input is watched ----


@pytest.mark.timeout(60)  # the fault: serve() never returned
@pytest.mark.parametrize("where", ["project", "own-files"])
def test_serve_refuses_to_start_on_a_folder_the_build_refuses(tmp_path, capsys, where):
    """/tmp/attack47/r5-serve-exposes-refused-output-folder.sh: ``serve --output .`` (or a folder
    of the user's own files) served every file in it, ``/.env`` included. Now serve stops with the
    build's ``output-dir`` error (exit 2) and nothing listens."""
    site = make_site(tmp_path, ARTICLES)
    output = site.root
    if where == "own-files":
        output = site.root / "mine"
        output.mkdir()
        (output / "notes.txt").write_text(SECRET, encoding="utf-8")
    (output / ".env").write_text(SECRET, encoding="utf-8")
    with Preview(site.options(output=output), port=0, log=lambda line: None) as preview:
        with pytest.raises(SitegenError) as refused:
            preview.start()
        assert refused.value.diagnostics[0].code == "output-dir"
        assert preview.files is None and not serving_threads()
    assert serve(site.options(output=output), port=0, quiet=True) == 2
    err = capsys.readouterr().err
    assert f"not serving {output}" in err, err
    assert not serving_threads()


@pytest.mark.timeout(60)
def test_serve_with_a_broken_config_still_refuses_the_project_folder(tmp_path, capsys):
    """The build stops at the config before it looks at the output folder: serve looks itself,
    says why (output-dir) and exits 2 rather than serving the project folder."""
    site = make_site(tmp_path, ARTICLES, raw_config="title: [not closed\n")
    (site.root / ".env").write_text(SECRET, encoding="utf-8")
    assert serve(site.options(output=site.root), port=0, quiet=True) == 2
    err = capsys.readouterr().err
    assert "error output-dir: refusing output folder" in err, err


def test_only_the_files_the_build_wrote_are_served(serve_site):
    """Files someone put in the output (a .env, a .git folder) and the marker itself are not
    the site: 404, never their bytes."""
    site, preview, _ = serve_site()
    (site.output / ".env").write_text(SECRET, encoding="utf-8")
    (site.output / ".git").mkdir()
    (site.output / ".git" / "config").write_text(SECRET, encoding="utf-8")
    (site.output / "notes.txt").write_text(SECRET, encoding="utf-8")
    for path in ("/.env", "/.git/config", "/notes.txt", "/.sitegen-output"):
        status, _, body = fetch(preview, path)
        assert status == 404, path
        assert SECRET.encode() not in body and b"sitegen-output 1" not in body, path
    assert fetch(preview, "/")[0] == 200 and fetch(preview, "/feed.xml")[0] == 200


def test_a_failed_rebuild_stops_serving_a_folder_no_longer_sitegens(serve_site):
    """A failed rebuild keeps the previous site only while the folder is still sitegen's: once
    its marker is gone and other files are there, nothing is served (503)."""
    site, preview, log = serve_site()
    (site.output / MARKER).unlink()
    (site.output / ".env").write_text(SECRET, encoding="utf-8")
    assert preview.rebuild().exit_code == 2
    assert preview.files is None
    for path in ("/", "/.env", "/index.html"):
        status, _, body = fetch(preview, path)
        assert status == 503 and SECRET.encode() not in body, path
    assert any("serving nothing" in line for line in log), log


def test_a_failed_rebuild_serves_no_file_a_hand_edited_marker_adds(serve_site):
    """/tmp/attack47b/r6-serve-hand-edited-marker.sh: after a failed rebuild the preview serves
    only what its last build wrote, not a name added to the marker by hand since."""
    site, preview, log = serve_site()
    marker = site.output / MARKER
    marker.write_text(marker.read_text(encoding="utf-8") + ".env\n", encoding="utf-8")
    (site.output / ".env").write_text(SECRET, encoding="utf-8")
    site.config.write_text("title: [not closed\n", encoding="utf-8")
    assert preview.rebuild().exit_code == 2
    status, _, body = fetch(preview, "/.env")
    assert status == 404 and SECRET.encode() not in body
    assert fetch(preview, "/")[0] == 200  # the previous site is still served
    assert ".env" not in preview.files and "index.html" in preview.files


def test_a_failed_first_build_into_an_empty_folder_serves_nothing_and_waits(tmp_path):
    """A broken config at start: the (new) output folder is sitegen's to fill, so the preview
    starts, serves nothing yet and builds again once the config is fixed."""
    site = make_site(tmp_path, ARTICLES)
    good = site.config.read_text(encoding="utf-8")
    site.config.write_text("title: [not closed\n", encoding="utf-8")
    log: list[str] = []
    with Preview(site.options(), port=0, log=log.append) as preview:
        preview.start()
        assert preview.last_result.exit_code == 2 and preview.files == frozenset()
        assert fetch(preview, "/")[0] == 404
        assert any("no site to serve yet" in line for line in log), log
        replace_file(site.config, good)
        assert wait_until(lambda: preview.generation == 1)
        assert TITLE in fetch(preview, "/")[2].decode("utf-8")


def test_an_edit_of_authors_yaml_rebuilds(tmp_path):
    """/tmp/attack47/r6-serve-ignores-authors-yaml.sh: authors.yaml is read by every build but
    was not watched; an edited role stayed off the preview."""
    files = {"a.md": article(TITLE, "2024-11-20T09:00:00+03:00", slug="مكتبة-عامة", author="أحمد علي")}
    site = make_site(tmp_path, files)
    authors = site.root / "authors.yaml"
    authors.write_text("أحمد علي:\n  role: مراسل قديم\n", encoding="utf-8")
    with Preview(site.options(), port=0, log=lambda line: None) as preview:
        preview.start()
        page = "/" + quote(next(p for p in article_pages(site.output)).parent.relative_to(site.output).as_posix()) + "/"
        assert "مراسل قديم" in fetch(preview, page)[2].decode("utf-8")
        replace_file(authors, "أحمد علي:\n  role: رئيس القسم الجديد\n")
        assert wait_until(lambda: preview.generation == 2)
        assert "رئيس القسم الجديد" in fetch(preview, page)[2].decode("utf-8")


def test_every_build_input_is_watched(tmp_path):
    """One list of the build's inputs (pipeline.build_inputs_of) is what serve watches: the
    config, authors.yaml and the URL ledger beside it (even before they exist), the content,
    templates/ and static/."""
    site = make_site(tmp_path, ARTICLES, templates={"base.html": "x"}, static={"a.css": "x"})
    options = site.options()
    folders, parents, targets = watched_paths(build_inputs_of(options))
    root = site.root.resolve()
    assert {root / "site.yaml", root / "authors.yaml", root / LEDGER_NAME} <= targets
    assert {root / "content", root / "templates", root / "static"} <= set(folders)
    assert root in parents and not any(p.is_relative_to(root / "content") for p in parents)
    other = site.options(ledger=tmp_path / "elsewhere" / "urls.txt")
    (tmp_path / "elsewhere").mkdir()
    assert (tmp_path / "elsewhere").resolve() in watched_paths(build_inputs_of(other)).parents


# --- /tmp/attack48/r5-serve-misses-new-static-folder.sh: an input folder made while serving ---

def test_a_missing_input_folder_is_watched_through_its_nearest_existing_ancestor(tmp_path):
    """static/ and templates/ not there yet, a content folder two levels below a missing one:
    each is a target, and the folder where it would appear is watched alone."""
    site = make_site(tmp_path, ARTICLES)
    root = site.root.resolve()
    far = tmp_path / "later" / "deeper" / "content"
    plan = watched_paths(build_inputs_of(site.options(content=far)))
    assert {root / "static", root / "templates", far.resolve()} <= plan.targets
    assert root / "static" not in plan.folders and far.resolve() not in plan.folders
    assert root in plan.parents and tmp_path.resolve() in plan.parents
    (tmp_path / "later").mkdir()  # one step closer: the plan follows it
    plan = watched_paths(build_inputs_of(site.options(content=far)))
    assert (tmp_path / "later").resolve() in plan.parents and tmp_path.resolve() not in plan.parents


def test_a_static_folder_made_while_serving_is_watched_like_one_there_at_start(serve_site):
    """static/ made after serve started: its file is served after a rebuild, a file added
    later too; deleted, its files leave the preview; made again, it is watched again."""
    site, preview, log = serve_site()
    static = site.root / "static"
    assert not static.exists() and fetch(preview, "/ads.txt")[0] == 404
    static.mkdir()
    (static / "ads.txt").write_text("google.com, pub-0000000000000000, DIRECT\n", encoding="utf-8")
    assert wait_until(lambda: fetch(preview, "/ads.txt")[0] == 200), log
    assert fetch(preview, "/ads.txt")[2] == b"google.com, pub-0000000000000000, DIRECT\n"
    assert any(line.startswith("changed: ") for line in log)
    (static / "app-ads.txt").write_text("app\n", encoding="utf-8")  # watched inside now
    assert wait_until(lambda: fetch(preview, "/app-ads.txt")[:3:2] == (200, b"app\n")), log
    shutil.rmtree(static)
    assert wait_until(lambda: fetch(preview, "/ads.txt")[0] == 404), log
    static.mkdir()
    (static / "ads.txt").write_text("made again\n", encoding="utf-8")
    assert wait_until(lambda: fetch(preview, "/ads.txt")[:3:2] == (200, b"made again\n")), log


def test_a_templates_folder_made_while_serving_overrides_the_theme(serve_site):
    site, preview, log = serve_site()
    assert b"Disallow: /drafts/" not in fetch(preview, "/robots.txt")[2]
    (site.root / "templates").mkdir()
    replace_file(site.root / "templates" / "robots.txt", "User-agent: *\nDisallow: /drafts/\n")
    assert wait_until(lambda: b"Disallow: /drafts/" in fetch(preview, "/robots.txt")[2]), log
