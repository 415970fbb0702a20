#!/usr/bin/env python3
"""Build the site in this folder: ``python build.py [build|check|extract|new|serve] …`` (see README.md)."""

import os
import sys
from pathlib import Path

try:
    from sitegen.cli import run
except ModuleNotFoundError as missing:
    # Run from an interpreter without the dependencies (the venv not activated): use the
    # project's own .venv made by README's first command, else say how to install.
    venv = Path(__file__).resolve().parent / ".venv"
    venv_python = venv / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(str(venv_python), [str(venv_python), __file__, *sys.argv[1:]])
    sys.exit(f"build.py: error missing-dependency: {missing} — run the first command in README.md "
             "(or `pip install .`) to install sitegen and its dependencies")

if __name__ == "__main__":
    run()
