#!/usr/bin/env python3
"""SIGKILL ``python build.py build`` at random moments on a 1,000-article site.

The full-size version of ``tests/test_interrupt.py`` (which uses 300 articles to stay
quick): after every kill the output folder must be exactly the old site or exactly
the complete new one, and the next normal build must succeed and leave no
``.public.sitegen-*`` folder. Prints one line per kill; exits 1 on a violation.

    .venv/bin/python bench/kill_during_build.py [--articles 1000] [--kills 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_interrupt import run_kill_trials  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-kill-") as folder:
        try:
            records = run_kill_trials(Path(folder) / "site", args.articles, args.kills, args.seed, log=print)
        except AssertionError as exc:
            print(f"FAILED: {exc}")
            return 1
    during = sum(r["running"] for r in records)
    states = {s: sum(r["state"] == s for r in records) for s in ("old", "new")}
    print(f"ok: {len(records)} kills ({during} during a build): old site {states['old']}, new site {states['new']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
