#!/usr/bin/env python3
"""Whole-build benchmark: generate N synthetic articles and time `python build.py build` on them.

    python bench/bench_build.py --n 1000 [--runs 3] [--shared ../shared]

Uses the shared corpus generator (`../shared/bench/gen_corpus.py`, seeded from the real seed
text) and the shared whole-process timer (`timeit_cmd.py`: wall/cpu seconds and peak RSS in MiB).
Prints the timer's table and, per run, the article and page counts. Compare with the reference
figures in `../shared/bench/README.md` only as ratios measured side by side on one machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    shared = Path(args.shared)
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as tmp:
        site = Path(tmp)
        content = site / "content"
        subprocess.run([sys.executable, str(shared / "bench" / "gen_corpus.py"), "--n", str(args.n), "--seed", "1",
                        "--seed-text", str(shared / "corpus" / "seed.txt"), "--out", str(content)],
                       check=True, stdout=subprocess.DEVNULL)
        (site / "site.yaml").write_text("title: bench\nbase_url: https://bench.example/\npaginate: 20\n", encoding="utf-8")
        command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                   "--output", str(site / "public"), "--config", str(site / "site.yaml"), "--quiet"]
        check = subprocess.run(command, cwd=site, capture_output=True, text=True)
        if check.returncode != 0:
            print(check.stderr[-2000:])
            return 1
        files = sum(1 for p in (site / "public").rglob("*") if p.is_file())
        print(f"{args.n} articles -> {files} output files")
        return subprocess.call([sys.executable, str(shared / "bench" / "timeit_cmd.py"), "-n", str(args.runs),
                                "--", *command], cwd=site)


if __name__ == "__main__":
    sys.exit(main())
