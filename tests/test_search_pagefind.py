"""sitegen.search_pagefind: the Pagefind binary looked for as the ``pagefind`` package does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import REPO
from sitegen import search_pagefind


def test_finding_the_pagefind_binary_imports_neither_pagefind_service_nor_asyncio():
    code = ("import sys; from sitegen.search_pagefind import pagefind_executable; found = pagefind_executable(); "
            "before = set(sys.modules); from pagefind.service import get_executable; "
            "print(found == get_executable(), found is not None, sorted({'pagefind.service', 'asyncio'} & before))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert proc.stdout.split() == ["True", "True", "[]"], proc.stderr


@pytest.mark.parametrize("wheels", [(), ("pagefind_bin",), ("pagefind_bin_extended", "pagefind_bin")])
def test_pagefind_binary_is_looked_for_in_the_pagefind_packages_order(monkeypatch, tmp_path, wheels):
    from pagefind.service import get_executable

    for name in wheels:
        monkeypatch.setitem(sys.modules, name, None)  # not installed: importing it raises ImportError
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "pagefind").write_bytes(b"#!/bin/sh\n")
    (on_path / "pagefind").chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert search_pagefind.pagefind_executable() == get_executable()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(on_path / "pagefind"))
    assert search_pagefind.pagefind_executable() == get_executable() == on_path / "pagefind"
