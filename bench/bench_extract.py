#!/usr/bin/env python3
"""Time the raw-dump extractor over a corpus folder: decode + extract, per file, in milliseconds.

Usage (from the repository root)::

    python bench/bench_extract.py --corpus ../shared/corpus [--repeat 20] [--tz Africa/Cairo]

Prints one line per file (best of ``--repeat`` runs) then the median and the maximum.
Decoding is timed apart from extraction. CPU time of this process (time.process_time), so that
other work on a shared machine does not count; not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitegen.loaders.reader import extract  # noqa: E402
from sitegen.loaders.encoding import decode  # noqa: E402


def _best_ms(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus", help="folder of *.txt dumps")
    parser.add_argument("--repeat", type=int, default=20, help="runs per file; the best is kept")
    parser.add_argument("--tz", default="Africa/Cairo", help="IANA zone for naive times")
    parser.add_argument("--quiet", action="store_true", help="only the summary lines")
    args = parser.parse_args(argv)
    tz = ZoneInfo(args.tz)
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        print(f"no *.txt files in {args.corpus}", file=sys.stderr)
        return 1
    extract("warm-up\nسطر", tz)  # compile the regular expressions before timing
    decode_ms, extract_ms = [], []
    for path in files:
        data = path.read_bytes()
        text = decode(data, str(path))
        d_ms = _best_ms(lambda: decode(data, str(path)), args.repeat)
        e_ms = _best_ms(lambda: extract(text, tz), args.repeat)
        decode_ms.append(d_ms)
        extract_ms.append(e_ms)
        if not args.quiet:
            print(f"{path.name:40s} {len(data):7d} B  decode {d_ms:6.3f} ms  extract {e_ms:6.3f} ms")
    print(f"files {len(files)}: extract median {statistics.median(extract_ms):.3f} ms, "
          f"max {max(extract_ms):.3f} ms; decode median {statistics.median(decode_ms):.3f} ms, "
          f"max {max(decode_ms):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
