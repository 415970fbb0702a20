#!/usr/bin/env python3
"""Build the site in this folder: ``python build.py [build|check|extract|new] …`` (see README.md)."""

import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main())
