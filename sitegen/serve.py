"""Live-reload preview (``sitegen serve``): build, serve the output folder, rebuild on change.

Without ``--output`` the preview is built into a temporary folder (``sitegen-preview-*``, removed
when the server stops), so ``public/`` never holds a site whose links point at the preview address.
The standard library's HTTP server, on 127.0.0.1 unless told otherwise, serves only the regular
files a sitegen build wrote into the output folder (those its marker lists: no file someone else
put there, no ``.git``, not the marker), resolved on every request (each build swaps a whole new
folder in). A folder that is not a sitegen output (``--output .``, a folder of one's own files)
is never served: when the first build refuses it, ``serve`` stops with that error.
watchfiles watches every input of the build (:func:`sitegen.pipeline.build_inputs_of`: the
content, ``templates/`` and ``static/``, the config, ``authors.yaml``, the URL ledger), also
those made, deleted or made again while it runs (:func:`watched_paths`); a change rebuilds with
the same options. A failed rebuild (exit 2) keeps the previous site while the folder
is still sitegen's; a successful one sends ``reload`` on the Server-Sent Events stream
:data:`EVENTS_PATH`, which a script injected into served HTML (never into the files on disk)
listens to.

The server answers only requests whose ``Host`` header names the address it is bound to
(127.0.0.1, localhost, ::1, the ``--host`` value, each with or without the port), so a web page
cannot read the preview through DNS rebinding; others get 400. Each request has its own thread,
a silent client is dropped after :data:`CLIENT_TIMEOUT_SECONDS`, and up to
:data:`LISTEN_BACKLOG` connections wait to be accepted. SIGTERM and SIGHUP stop it like Ctrl-C,
removing the temporary folder.
"""

from __future__ import annotations

import errno
import io
import ipaddress
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import replace
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, NamedTuple
from urllib.parse import quote, unquote

import watchfiles

from sitegen.errors import SitegenError
from sitegen.output_folder import MARKER, check_marker, check_output_dir, verify_marker
from sitegen.output_lock import lock_path
from sitegen.pipeline import EXIT_NOTHING_WRITTEN, BuildInputs, BuildOptions, BuildResult, build, build_inputs_of

EVENTS_PATH = "/__sitegen/events"
KEEPALIVE_SECONDS = 15.0
#: Seconds a client may stay silent (or stop reading) before its connection is dropped.
CLIENT_TIMEOUT_SECONDS = 20
#: Connections the kernel queues for ``accept`` (``listen()`` backlog; the standard library's is 5).
LISTEN_BACKLOG = 1024
#: Host names every preview answers to (also bracketed, ``[::1]``), besides its ``--host``.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
#: Inserted before ``</body>`` of every HTML page the server sends; no library, no external host.
RELOAD_SCRIPT = (b'<script>new EventSource("/__sitegen/events")'
                 b'.addEventListener("reload",function(){location.reload()})</script>')
CONTENT_TYPES = {".html": "text/html", ".xml": "application/xml", ".css": "text/css", ".js": "text/javascript",
                 ".json": "application/json", ".txt": "text/plain", ".svg": "image/svg+xml"}


def request_parts(target: str) -> list[str] | None:
    """The percent-decoded (UTF-8) path segments of a request target; query and fragment dropped.

    ``None`` for a target that could step outside the served folder or names no file: a ``.``
    or ``..`` segment (also encoded: ``%2e%2e``, ``..%2f``), a backslash, NUL or invalid UTF-8.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded.startswith("/") or "\x00" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    return None if any(p in (".", "..") for p in parts) else parts


def resolve_file(root: Path, parts: list[str], listed: frozenset[str] | None = None) -> tuple[Path, bool] | None:
    """``(file, is_folder)``: the regular file that ``parts`` names under ``root`` (a folder gives
    its ``index.html``) with symlinks resolved, or ``None`` when there is none, it lies outside
    the resolved ``root`` or (with ``listed``) its relative POSIX path is not in ``listed``.
    Never raises."""
    try:
        base = root.resolve()
        target = base.joinpath(*parts)
        is_folder = target.is_dir()
        final = (target / "index.html" if is_folder else target).resolve(strict=True)
        if (final.is_relative_to(base) and final.is_file()
                and (listed is None or final.relative_to(base).as_posix() in listed)):
            return final, is_folder
    except (OSError, ValueError, RuntimeError):  # missing, name too long, symlink loop
        pass
    return None


def site_files(options: BuildOptions, built: bool) -> frozenset[str]:
    """The files of ``options.output`` a preview may serve: those its :data:`MARKER` lists (what
    a sitegen build wrote there: never a file someone added, such as a ``.git`` folder, nor the
    marker itself); empty for a missing or empty folder. ``built``: a build of this preview has
    just written the folder, so the list is read as it stands; otherwise the folder must prove
    it is sitegen's (:func:`~sitegen.output_folder.verify_marker`: every listed file there).

    Raises :class:`SitegenError` (``output-dir``) for a folder no build may write in
    (:func:`~sitegen.output_folder.check_output_dir`: the project, home or content folder …)
    or one that holds files without a marker proving it is a sitegen output."""
    output = options.output
    check_output_dir(output, options.content, options.project, marker=False)
    if not built:
        return frozenset(verify_marker(output)) - {MARKER}
    check_marker(output)
    try:
        lines = (output / MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    return frozenset(lines[1:]) - {MARKER}


def inject_reload_script(html: bytes) -> bytes:
    """``html`` with :data:`RELOAD_SCRIPT` before its last ``</body>`` (appended when there is none)."""
    at = html.lower().rfind(b"</body")
    return html + RELOAD_SCRIPT if at < 0 else html[:at] + RELOAD_SCRIPT + html[at:]


def host_allowed(header: str | None, allowed: frozenset[str], port: int, any_ip: bool = False) -> bool:
    """Whether a request's ``Host`` header (RFC 9110 §7.2: ``name[:port]``, an IPv6 address in
    brackets) names one of the lower-case host names ``allowed``, with no port or ``port``.
    With ``any_ip`` (a server bound to every address) any IP literal is accepted too: an
    address typed by a user cannot be a DNS-rebinding name. A missing header is refused."""
    if not header:
        return False
    value = header.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        if rest and not rest.startswith(":"):
            return False
        given_port = rest[1:] if rest else None
    else:
        name, colon, given_port = value.rpartition(":") if ":" in value else (value, "", None)
        if name.count(":"):  # an IPv6 address without brackets is not a valid Host
            return False
    if given_port is not None and given_port != str(port):
        return False
    name = name.rstrip(".")
    if name in allowed:
        return True
    if any_ip:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` resolves to is a loopback one (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host or None, None, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE)
        return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)
    except (OSError, ValueError):
        return False


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the files of ``directory`` (the output folder) and the reload event stream."""

    server: "_HTTPServer"
    timeout = CLIENT_TIMEOUT_SECONDS  # a silent client holds only its own thread, and not for long

    def log_message(self, format, *args) -> None:  # noqa: A002 - the terminal is for build reports
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def guess_type(self, path) -> str:
        known = CONTENT_TYPES.get(Path(path).suffix.lower())
        return f"{known}; charset=utf-8" if known else super().guess_type(path)

    def parse_request(self) -> bool:
        """The standard parsing, then the ``Host`` check (400 ``Host not allowed``)."""
        if not super().parse_request():
            return False
        server = self.server
        if server.allowed_hosts is not None and not host_allowed(
                self.headers.get("Host"), server.allowed_hosts, server.server_address[1], server.any_ip):
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "Host not allowed",
                            "this preview answers only requests for the address it listens on")
            return False
        return True

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            self._stream_events()
        else:
            super().do_GET()

    def send_head(self):
        """Send the status and headers; returns the body as an open binary file (``None`` if sent).
        Only the files the build wrote (:attr:`Preview.files`) are served; 503 while there is no
        site (a folder sitegen did not build is never served)."""
        listed = self.server.preview.files
        if listed is None:
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "No site to serve",
                            "the output folder is not one sitegen built: see the errors in the terminal")
            return None
        root = Path(self.directory)
        parts = request_parts(self.path)
        found = resolve_file(root, parts, listed) if parts is not None else None
        if found is None:
            return self._send_file(resolve_file(root, ["404.html"], listed), HTTPStatus.NOT_FOUND)
        if found[1] and not self.path.split("?", 1)[0].endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", "/" + "".join(quote(p, safe="") + "/" for p in parts))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send_file(found, HTTPStatus.OK)

    def _send_file(self, found: tuple[Path, bool] | None, status: HTTPStatus):
        try:  # an open file stays readable even when a rebuild swaps the output folder meanwhile
            body = open(found[0], "rb") if found else None  # noqa: SIM115 - do_GET closes it
        except OSError:
            body = None
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        content_type = self.guess_type(found[0])
        size = os.fstat(body.fileno()).st_size
        if content_type.startswith("text/html"):
            with body:
                data = inject_reload_script(body.read())
            body, size = io.BytesIO(data), len(data)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        return body

    def _stream_events(self) -> None:
        preview = self.server.preview
        seen = preview.generation  # read before the headers are sent: any later rebuild is announced
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not preview.closed:
                current = preview.wait_for_reload(seen, KEEPALIVE_SECONDS)
                if preview.closed:
                    break
                if current != seen:
                    seen = current
                    self.wfile.write(f"event: reload\ndata: {current}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
        except OSError:  # the page went away (reloaded, tab closed): nothing to report
            pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG
    preview: "Preview"
    #: Lower-case host names a ``Host`` header may name; ``None`` accepts any.
    allowed_hosts: frozenset[str] | None = LOOPBACK_NAMES
    any_ip = False

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # dropped connections are routine here
            super().handle_error(request, client_address)


def _is_wildcard(host: str) -> bool:
    """Whether ``host`` binds every address (``0.0.0.0``, ``::``, empty)."""
    try:
        return not host or ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class _SourceFilter(watchfiles.DefaultFilter):
    """Accepts the build's inputs and the folders on the way to them (``targets``, resolved:
    a watched folder's appearance or removal, seen in the folder above it) and sources under
    the input ``folders``; never the output nor the writer's staging folders beside it."""

    def __init__(self, targets: frozenset[Path], folders: list[Path], output: Path):
        super().__init__()
        self.targets, self.folders, self.output = targets, folders, output
        self.stage_prefix = f".{output.name}.sitegen-"  # the writer's staging folders

    def __call__(self, change, path: str) -> bool:
        p = Path(path)
        if p.is_relative_to(self.output) or any(part.startswith(self.stage_prefix) for part in p.parts):
            return False
        if any(t.is_relative_to(p) for t in self.targets):
            return True
        return super().__call__(change, path) and any(p.is_relative_to(f) for f in self.folders)


class WatchPlan(NamedTuple):
    """What ``serve`` watches for a build's inputs (see :func:`watched_paths`)."""

    #: The input folders that exist, watched recursively (one inside another counted once).
    folders: list[Path]
    #: Folders watched alone: where input files and input folders are (or would appear).
    parents: list[Path]
    #: The resolved path of every input folder and file, whether it exists or not.
    targets: frozenset[Path]


def nearest_folder(path: Path) -> Path:
    """``path`` when it is a folder, else its nearest ancestor that is one (``/`` at worst)."""
    while not path.is_dir() and path.parent != path:
        path = path.parent
    return path


def watched_paths(inputs: BuildInputs) -> WatchPlan:
    """The :class:`WatchPlan` for the build's ``inputs`` as the disk stands now: the input folders
    that exist, watched recursively; the folder holding each input file and each input folder
    (when that is missing, its nearest existing ancestor), watched alone unless it lies in a
    recursive one, so an editor that replaces a file, a file made later and an input folder
    made, deleted or made again (``static/`` created while serving) are seen. The plan changes
    when such a folder comes or goes, and :class:`Preview` then watches the new plan."""
    inputs_folders = {p.absolute().resolve() for p in inputs.folders}
    files = {p.absolute().parent.resolve() / p.name for p in inputs.files}
    folders: list[Path] = []
    for folder in sorted((p for p in inputs_folders if p.is_dir()), key=lambda p: len(p.parts)):
        if not any(folder.is_relative_to(f) for f in folders):
            folders.append(folder)
    holders = {nearest_folder(p.parent) for p in inputs_folders | files}
    parents = sorted(h for h in holders if not any(h.is_relative_to(d) for d in folders))
    return WatchPlan(folders, parents, frozenset(inputs_folders | files))


class _WatchStarted:
    """The stop event handed to watchfiles: set when any of ``stops`` is; its first poll, made
    once the watcher is registered, sets ``started``."""

    def __init__(self, *stops: threading.Event):
        self.stops, self.started = stops, threading.Event()

    def is_set(self) -> bool:
        self.started.set()
        return any(stop.is_set() for stop in self.stops)


class Preview:
    """One ``serve`` session: the bound HTTP server, the watchers and the rebuild state.

    The constructor binds (raises :class:`OSError` when the address is taken or unknown,
    :class:`OverflowError` for a port outside 0–65535; port 0 picks a free one). :meth:`start`
    builds once and starts the threads; :meth:`close` (or leaving a ``with`` block) stops them.
    ``report(result)`` is called after every build, ``log(line)`` for progress lines (default:
    stderr). ``generation`` counts successful builds, ``builds`` all builds; ``files`` are the
    output's files served after the last build (:func:`site_files`; ``None`` while the folder is
    not sitegen's: every request gets 503). Requests must name
    the bound host (:data:`LOOPBACK_NAMES` or ``host``) or one of ``allowed_hosts`` in their
    ``Host`` header; ``allowed_hosts=None`` accepts any (behind a proxy that checks it).
    """

    def __init__(self, options: BuildOptions, host: str = "127.0.0.1", port: int = 8000,
                 report: Callable[[BuildResult], None] | None = None, log: Callable[[str], None] | None = None,
                 allowed_hosts: tuple[str, ...] | None = ()):
        self.options = options
        self.report = report or (lambda result: None)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.generation = self.builds = 0
        self.last_result: BuildResult | None = None
        #: The output's files that may be served (:func:`site_files`); ``None``: none, the
        #: folder is not a sitegen output (:attr:`refused` says why).
        self.files: frozenset[str] | None = None
        self.refused: SitegenError | None = None
        self.closed = False
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._threads_lock = threading.Lock()
        #: The :class:`WatchPlan` being watched and the event that stops its watchers.
        self._plan: WatchPlan | None = None
        self._plan_stop: threading.Event | None = None
        self._watch_lock = threading.Lock()
        handler = partial(PreviewHandler, directory=str(options.output.absolute()))
        self.httpd = (_HTTPServer6 if ":" in host else _HTTPServer)((host, port), handler)
        self.httpd.preview = self
        if allowed_hosts is None:
            self.httpd.allowed_hosts = None
        else:
            names = {h.lower().strip("[]").rstrip(".") for h in (host, *allowed_hosts)}
            self.httpd.allowed_hosts = LOOPBACK_NAMES | names
            self.httpd.any_ip = _is_wildcard(host)
        if options.base_url is None:  # links and feeds point at the preview, not the production host
            self.options = replace(options, base_url=self.url)
        # Headlines typed during a preview were never public: only real builds record URLs.
        self.options = replace(self.options, record_urls=False)

    @property
    def url(self) -> str:
        """``http://HOST:PORT/`` of the bound socket (the real port when 0 was asked)."""
        host, port = self.httpd.server_address[:2]
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def rebuild(self) -> BuildResult:
        """Build with the session's options; a success (exit 0 or 1) tells open pages to reload.
        After every build :attr:`files` is what :func:`site_files` finds in the output folder:
        a failed build keeps serving the previous site only while the folder is still sitegen's,
        and only the files the last successful build wrote that are still there."""
        with self._build_lock:
            result = build(self.options)
            self.builds += 1
            self.last_result = result
            self.report(result)
            built = result.exit_code != EXIT_NOTHING_WRITTEN
            before = self.files
            try:
                self.files, self.refused = site_files(self.options, built), None
            except SitegenError as exc:
                self.files, self.refused = None, exc
            if not built and self.files is not None:
                # Nothing was written: what may be served is what the last build of this preview
                # wrote and is still there, never a name the marker holds since (a marker edited
                # by hand to list .env: /tmp/attack47b/r6-serve-hand-edited-marker.sh).
                self.files = self.files & before if before is not None else frozenset()
            if not built:
                if self.files is None and self.builds == 1:
                    return result  # start() stops with the refusal: there is nothing to keep serving
                if self.refused is not None:
                    for diagnostic in self.refused.diagnostics:
                        if diagnostic not in result.report.diagnostics:
                            self.log(diagnostic.format())
                self.log("build failed: " + ("serving nothing from a folder sitegen did not build"
                                             if self.files is None else
                                             "still serving the previous site" if self.files else
                                             "no site to serve yet")
                         + "; fix the errors above and save again")
                return result
            with self._changed:
                self.generation += 1
                self._changed.notify_all()
        return result

    def wait_for_reload(self, seen: int, timeout: float) -> int:
        """Block up to ``timeout`` seconds until ``generation`` differs from ``seen`` or the
        session closes; returns the current ``generation``."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != seen or self.closed, timeout)
            return self.generation

    def start(self) -> None:
        """Build once, then serve and watch in background threads; returns once the watchers
        are registered (a change made after that is seen). Every input of the build
        (:func:`~sitegen.pipeline.build_inputs_of`) is watched as :func:`watched_paths` plans:
        its folders that exist recursively, its files (the config, ``authors.yaml``, the URL
        ledger) and missing folders through the folders above them; when an input folder
        comes or goes the watchers follow the new plan. Raises :class:`SitegenError`
        (``output-dir``), starting nothing, when the output folder is not one sitegen built
        (see :func:`site_files`): nothing of it is served."""
        self.rebuild()
        if self.files is None:
            raise self.refused
        self._spawn("http", self.httpd.serve_forever)
        self._follow_inputs()

    def _follow_inputs(self) -> None:
        """Watch the build's inputs as :func:`watched_paths` plans them now, unless that plan is
        already watched: the previous plan's watchers stop, and this returns once the new ones
        are registered (so a rebuild that follows sees every file a later event would name)."""
        with self._watch_lock:
            plan = watched_paths(build_inputs_of(self.options))
            if self._stop.is_set() or plan == self._plan:
                return
            if self._plan_stop is not None:
                self._plan_stop.set()
            self._plan, self._plan_stop = plan, threading.Event()
            watch_filter = _SourceFilter(plan.targets, plan.folders, self.options.output.absolute().resolve())
            for paths, recursive in ((plan.folders, True), (plan.parents, False)):
                if paths:
                    stop = _WatchStarted(self._stop, self._plan_stop)
                    self._spawn("watch", self._watch, paths, recursive, watch_filter, stop)
                    stop.started.wait(timeout=10)

    def _spawn(self, name: str, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, name=f"sitegen-serve-{name}", daemon=True)
        thread.start()
        with self._threads_lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _watch(self, paths: list[Path], recursive: bool, watch_filter: _SourceFilter, stop: _WatchStarted) -> None:
        try:
            for changes in watchfiles.watch(*paths, watch_filter=watch_filter, recursive=recursive,
                                            stop_event=stop, raise_interrupt=False):
                names = sorted({os.path.relpath(path) for _, path in changes})
                self.log(f"changed: {names[0]}" + (f" (+{len(names) - 1} more)" if len(names) > 1 else "")
                         + "; rebuilding")
                try:
                    self._follow_inputs()  # static/ made, templates/ deleted: watch what is there now
                    self.rebuild()
                except Exception as exc:  # noqa: BLE001 - a sitegen bug must not end the preview
                    self.log(f"rebuild crashed: {type(exc).__name__}: {exc} (a sitegen bug; please report it)")
        except Exception as exc:  # noqa: BLE001 - e.g. the inotify watch limit
            stop.started.set()
            self.log(f"watching {', '.join(map(str, paths))} failed: {exc}; no more rebuilds")

    def close(self) -> None:
        """Stop watching and serving; open event streams end. Safe to call twice."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()
        self._stop.set()
        with self._watch_lock, self._threads_lock:  # no watcher is started after this
            threads, self._threads = self._threads, []
        if any(t.name == "sitegen-serve-http" for t in threads):
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in threads:
            thread.join(timeout=10)

    def __enter__(self) -> "Preview":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: Name prefix of the temporary output folder of a preview built without ``--output``.
PREVIEW_PREFIX = "sitegen-preview-"


#: Signals that stop a preview like Ctrl-C: a process manager's or ``docker stop``'s SIGTERM, a
#: closed terminal's SIGHUP (where the platform has them).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def listen_hint(exc: BaseException) -> str:
    """What to do when the preview cannot listen: the ``--host`` for a name that does not
    resolve (``socket.gaierror``) or an address this machine does not have (``EADDRNOTAVAIL``),
    a port above 1023 for a privileged one (``EACCES``), else another ``--port``."""
    if isinstance(exc, socket.gaierror):
        return "check --host: give this machine's name or address (127.0.0.1 to preview alone)"
    if getattr(exc, "errno", None) == errno.EADDRNOTAVAIL:
        return "check --host: it is not an address of this machine (127.0.0.1 to preview alone)"
    if getattr(exc, "errno", None) == errno.EACCES:
        return "ports below 1024 need privileges: try --port 8000"
    return "try another --port"


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000,
          report: Callable[[BuildResult], None] | None = None, quiet: bool = False,
          temporary_output: bool = False, allowed_hosts: tuple[str, ...] | None = ()) -> int:
    """Run ``sitegen serve`` until Ctrl-C, SIGTERM or SIGHUP. Returns the exit status: 0 when
    stopped, 2 when the address cannot be bound or the first build leaves an output folder that
    is not sitegen's (``--output .``, a folder of one's own files: see :func:`site_files`),
    which is then never served. Prints the URL and the served folder on stdout,
    progress and problems on stderr. With ``temporary_output`` the site is built into a new
    temporary folder (:data:`PREVIEW_PREFIX`) instead of ``options.output``, removed when the
    server stops. ``allowed_hosts``: further ``Host`` names to answer (``None``: any; see
    :class:`Preview`)."""
    preview_root = None
    if temporary_output:  # the site in a folder of the same name, its build cache beside it
        preview_root = Path(tempfile.mkdtemp(prefix=PREVIEW_PREFIX))
        options = replace(options, output=preview_root / preview_root.name)
    stopped = threading.Event()
    previous = _stop_on_signals(stopped)
    try:
        try:
            preview = Preview(options, host, port, report, (lambda line: None) if quiet else None, allowed_hosts)
        except (OSError, OverflowError) as exc:
            message = getattr(exc, "strerror", None) or str(exc)
            print(f"{host}:{port}: error serve-address: cannot listen: {message} — {listen_hint(exc)}", file=sys.stderr)
            return EXIT_NOTHING_WRITTEN
        if not is_loopback(host):
            print(f"{host}: warning serve-host: the preview is reachable from other machines on the network",
                  file=sys.stderr)
        with preview:
            try:
                if not stopped.is_set():
                    preview.start()
            except SitegenError as exc:  # the output folder is not sitegen's: serve nothing
                reported = preview.last_result.report.diagnostics if preview.last_result else ()
                for diagnostic in exc.diagnostics:
                    if diagnostic not in reported:
                        print(diagnostic.format(), file=sys.stderr)
                print(f"serve: not serving {options.output}: it is not a folder sitegen built — give --output "
                      "a new or empty folder, or leave it out for a temporary one", file=sys.stderr)
                return EXIT_NOTHING_WRITTEN
            except KeyboardInterrupt:
                return 0
            try:
                if not stopped.is_set():
                    print(f"Serving {preview.url} — Ctrl-C to stop", flush=True)
                    print(f"Files: {options.output}" + (" (temporary, removed on exit)" if temporary_output else ""),
                          flush=True)
                while not stopped.wait(1.0):  # a timed wait, so Ctrl-C is delivered promptly
                    pass
            except KeyboardInterrupt:
                pass
        return 0
    finally:
        try:
            if preview_root is not None:
                shutil.rmtree(preview_root, ignore_errors=True)
                lock_path(options.output).unlink(missing_ok=True)  # no other build uses this private folder
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def _stop_on_signals(stopped: threading.Event) -> dict:
    """Make :data:`STOP_SIGNALS` set ``stopped`` (the main thread only can handle signals; elsewhere
    nothing changes). Returns the handlers replaced, to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for number in STOP_SIGNALS:
        previous[number] = signal.signal(number, lambda signum, frame: stopped.set())
    return previous
