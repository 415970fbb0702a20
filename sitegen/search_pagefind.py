"""The Pagefind binary: where it is (:func:`pagefind_executable`), what tells one binary from
another (:func:`pagefind_signature`), and its service protocol (:class:`PagefindService`).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path


def pagefind_executable() -> Path | None:
    """The Pagefind binary the ``pagefind`` package would run, looked for in its order
    (``pagefind.service.get_executable``, Pagefind 1.x): ``PAGEFIND_BINARY_PATH``, the
    ``pagefind_bin_extended`` and ``pagefind_bin`` wheels, then ``pagefind_extended`` or
    ``pagefind`` on ``PATH``; ``None`` when there is none or it is not a file. The wheels' small
    modules are imported, not ``pagefind.service``, which imports asyncio to run the binary as a
    service (~37 ms a build) that sitegen never starts (it runs the binary itself)."""
    executable = _find_pagefind()
    return executable if executable is not None and executable.is_file() else None


#: The modules of the wheels that carry a Pagefind binary, in the order ``pagefind`` tries them.
PAGEFIND_WHEELS = ("pagefind_bin_extended", "pagefind_bin")


def _find_pagefind() -> Path | None:
    written = os.environ.get("PAGEFIND_BINARY_PATH")
    if written is not None:
        return Path(written)
    for name in PAGEFIND_WHEELS:
        try:
            wheel = importlib.import_module(name)
            return Path(wheel.get_executable())
        except ImportError:
            continue
        except OSError:  # the wheel is there but its binary is not (it raises FileNotFoundError)
            return None
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found is not None else None


def pagefind_signature(executable: Path) -> str:
    """A hex digest of the Pagefind binary's path, size and modification time: a bundle made
    by another binary is not kept."""
    info = executable.stat()
    text = f"{executable}\0{info.st_size}\0{info.st_mtime_ns}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:24]


class PagefindService:
    """``pagefind --service``: requests and answers are base64 JSON, each followed by ``,``
    (the protocol of Pagefind's own Node and Python wrappers, pagefind/src/service).

    The ``pagefind`` package's asyncio wrapper reads each answer after a fixed 0.1 s pause:
    100 s for 1,000 articles (measured), so records go through this synchronous client.
    ``call`` and ``call_many`` raise ``RuntimeError`` for an error answer or a service that stopped.
    """

    def __init__(self, executable: Path):
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buffer = bytearray()
        self.message_id = 0

    def __enter__(self) -> "PagefindService":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.process.stdin.close()  # at end of input the service exits by itself
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def call(self, payload: dict) -> dict:
        """Send one request and return its answer's payload."""
        return self.call_many([payload])[-1]

    def call_many(self, payloads) -> list[dict]:
        """Send every request, then read the answers in order (the service reads its input on a
        thread of its own, so writing ahead never blocks it; one round trip per request cost
        seconds on a busy machine)."""
        return self.receive(self.send_many(payloads))

    def send_many(self, payloads) -> range:
        """Send every request without waiting; returns their message ids, for :meth:`receive`."""
        first = self.message_id + 1
        for payload in payloads:
            self.message_id += 1
            request = {"message_id": self.message_id, "payload": payload}
            self.process.stdin.write(base64.b64encode(json.dumps(request, ensure_ascii=False).encode("utf-8")) + b",")
        self.process.stdin.flush()
        return range(first, self.message_id + 1)

    def receive(self, message_ids: range) -> list[dict]:
        """The answers to the requests ``message_ids`` (sent by :meth:`send_many`), in order."""
        answers = []
        for message_id in message_ids:
            answer = json.loads(base64.b64decode(self._read_message()))
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error" or answer.get("message_id") != message_id:
                raise RuntimeError(f"Pagefind answered {payload.get('message') or payload.get('type')!r}")
            answers.append(payload)
        return answers

    def _read_message(self) -> bytes:
        scanned = 0  # a long answer (GetFiles: the whole bundle) comes in many chunks: each is searched once
        while (end := self.buffer.find(b",", scanned)) < 0:
            scanned = len(self.buffer)
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise RuntimeError("the Pagefind service stopped")
            self.buffer += chunk
        message = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return message
