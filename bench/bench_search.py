#!/usr/bin/env python3
"""Search cost: what the Pagefind stage adds to a clean build, how big the index is, and how
many bytes one search fetches.

    python bench/bench_search.py --n 1000 [--runs 3] [--shared ../shared] [--query WORD ...]

Generates N articles with the shared corpus generator, then, alternating run by run, times a
clean ``python build.py build --clean`` with search and one without (``PAGEFIND_BINARY_PATH`` pointed
at a missing file: the stage is skipped). Prints median wall seconds of both and the
difference as a share of the build without search, and the same for CPU seconds of all the
build's processes (steadier than wall time on a shared machine); then the search stage alone, in this
process on the loaded site, split into Python CPU (records and terms; compressing the
written texts) and Pagefind's CPU (its process); the index size (``search/pagefind/`` and
``search/text/``) in total and per 1,000 articles;
then opens the search page in headless Chromium (/usr/bin/chromium) for each query, served
by a local static server, and sums the bytes of the files it fetched: the engine
(``pagefind.js``, its wasm and entry file: code, the same for any site) apart from the index
proper (Pagefind's meta file, the index chunks holding the query's words, the fragments of
the results shown and their written texts). Then edits ``--edits`` articles (default 1%),
rebuilds incrementally (main bundle kept, a delta bundle of the edits, their old pages
stale) and measures the same queries again. Bytes as stored: the index files are gzip
already; the engine's .js and .wasm would shrink further with HTTP compression, which this
server does not do.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def clean_build(site: Path, output: Path, search: bool) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the build's processes: sitegen, its workers, Pagefind) of
    one ``build --clean`` (no build cache reused: every run is as cold as the first)."""
    env = dict(os.environ)
    if not search:
        env["PAGEFIND_BINARY_PATH"] = str(site / "no-pagefind")
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--clean", "--content", "content",
                    "--output", str(output), "--quiet"], cwd=site, env=env, check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def index_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def stage_alone(site: Path) -> dict[str, float]:
    """The search stage run alone on the loaded site: wall seconds, Python CPU seconds of the
    records and of the text files, Pagefind's CPU seconds (its process, from rusage)."""
    sys.path.insert(0, str(ROOT))
    from datetime import datetime, timezone

    from sitegen.collect import collect
    from sitegen.config import load_config
    from sitegen.errors import Report
    from sitegen.loading import load_all
    from sitegen.render import Formatter
    from sitegen.search import TEXT_DIR, write_index
    from sitegen.search_entries import article_entry, write_texts
    from sitegen.sources import content_files

    config, _ = load_config(site / "site.yaml", None, True)
    articles = load_all(content_files(site / "content"), config, Report(), jobs=2).articles
    model = collect(articles, config, datetime.now(timezone.utc), False, False)
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-stage-") as tmp:
        stage = Path(tmp)
        began = time.process_time()
        entries = [article_entry(article, model, Formatter(config)) for article in model.articles]
        records = time.process_time() - began
        (stage / TEXT_DIR).mkdir(parents=True)
        began = time.process_time()
        write_texts(entries, stage / TEXT_DIR, None)
        texts = time.process_time() - began
        shutil.rmtree(stage / "search")
        (stage / TEXT_DIR).mkdir(parents=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        assert not write_index(model, stage)
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pagefind = after.ru_utime - children.ru_utime + after.ru_stime - children.ru_stime
    return {"wall": wall, "records": records, "texts": texts, "pagefind": pagefind}


#: What one query fetches, by kind: the engine, then the index proper (both bundles' files:
#: a delta bundle's meta, chunks and fragments count with the main bundle's; "live" is
#: sitegen-live.json, which names the delta and the stale pages).
KINDS = ("engine", "live", "meta", "chunks", "fragments", "texts")


def _kind(url: str) -> str | None:
    path = url.split("?")[0]
    if "/search/text/" in path:
        return "texts"
    if "/search/pagefind/" not in path:
        return None  # the search page itself and the site's own script and styles
    if path.endswith("/sitegen-live.json"):
        return "live"
    if "/fragment/" in path:
        return "fragments"
    if "/index/" in path:
        return "chunks"
    return "meta" if path.endswith(".pf_meta") else "engine"


def fetched_bytes(output: Path, queries: list[str]) -> list[tuple[str, int, dict[str, int]]]:
    """``(query, results shown, {kind: bytes})`` per query (:data:`KINDS`), each in a fresh
    browser context."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS, StaticServer

    rows = []
    with StaticServer(output) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on("requestfinished", lambda request: sizes.__setitem__(
                request.url, request.sizes()["responseBodySize"]) if "/search/" in request.url else None)
            page.goto(f"{server.url}search/?q={quote(query)}")
            page.wait_for_selector("#search[data-state=done]", timeout=60000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".search-result").count()
            parts = {kind: sum(n for url, n in sizes.items() if _kind(url) == kind) for kind in KINDS}
            rows.append((query, results, parts))
            context.close()
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--query", action="append", help="queries to measure (default: a rare and a common word)")
    parser.add_argument("--edits", type=int, help="articles edited for the delta case (default: 1%% of --n)")
    args = parser.parse_args()
    shared = Path(args.shared)
    queries = args.query or ["مصر", "المصرى", "الزمالك"]
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-search-") as tmp:
        site = Path(tmp)
        subprocess.run([sys.executable, str(shared / "bench" / "gen_corpus.py"), "--n", str(args.n), "--seed", "1",
                        "--seed-text", str(shared / "corpus" / "seed.txt"), "--out", str(site / "content")],
                       check=True, stdout=subprocess.DEVNULL)
        (site / "site.yaml").write_text("title: bench\nbase_url: http://127.0.0.1/\npaginate: 20\n", encoding="utf-8")
        with_search, without = [], []
        for _ in range(args.runs):
            without.append(clean_build(site, site / "public", search=False))
            with_search.append(clean_build(site, site / "public", search=True))
        plain, full = (statistics.median(wall for wall, _ in runs) for runs in (without, with_search))
        plain_cpu, full_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (without, with_search))
        bundle = site / "public" / "search" / "pagefind"
        size, texts = index_bytes(bundle), index_bytes(site / "public" / "search" / "text")
        fragments = sum(1 for _ in (bundle / "fragment").iterdir())
        print(f"{args.n} articles, {args.runs} runs each (median wall seconds; 2 shared cores, noisy)")
        print(f"  build without search {plain:.2f} s, with search {full:.2f} s: "
              f"search adds {full - plain:.2f} s = {100 * (full - plain) / plain:.1f}%")
        print(f"  CPU (all processes) without search {plain_cpu:.2f} s, with search {full_cpu:.2f} s: "
              f"search adds {full_cpu - plain_cpu:.2f} s = {100 * (full_cpu - plain_cpu) / plain_cpu:.1f}%")
        stage = stage_alone(site)
        print(f"  stage alone: {stage['wall']:.2f} s wall; CPU: records {stage['records']:.2f} s, "
              f"texts {stage['texts']:.2f} s (Python), Pagefind {stage['pagefind']:.2f} s")
        print(f"  index {size / 1e6:.2f} MB ({fragments} fragments) + texts {texts / 1e6:.2f} MB "
              f"= {(size + texts) / args.n * 1000 / 1e6:.2f} MB per 1,000 articles")
        print_fetched(site / "public", queries)
        # The delta case: --edits articles edited (a sentence with the queries' words appended)
        # and rebuilt incrementally: the main bundle kept, the edits in a delta bundle.
        edits = args.edits if args.edits is not None else max(1, args.n // 100)
        files = sorted((site / "content").glob("*.md"))
        for file in files[::max(1, len(files) // edits)][:edits]:
            with open(file, "a", encoding="utf-8") as handle:
                handle.write("\n\nتحديث: " + " ".join(queries) + ".\n")
        subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", "content", "--output",
                        str(site / "public"), "--quiet"], cwd=site, check=True, stderr=subprocess.DEVNULL)
        live = json.loads((bundle / "sitegen-live.json").read_text(encoding="ascii"))
        delta = bundle / (live["delta"] or "no-delta")
        print(f"  after {edits} edits, incremental: delta bundle {index_bytes(delta) / 1e6 if delta.is_dir() else 0:.2f} MB "
              f"({sum(1 for _ in (delta / 'fragment').iterdir()) if delta.is_dir() else 0} pages), "
              f"{len(live['stale'])} stale pages, sitegen-live.json {(bundle / 'sitegen-live.json').stat().st_size} bytes")
        print_fetched(site / "public", queries)
    return 0


def print_fetched(output: Path, queries: list[str]) -> None:
    for query, results, parts in fetched_bytes(output, queries):
        index = sum(parts[kind] for kind in KINDS[1:])
        detail = ", ".join(f"{kind} {parts[kind] / 1e3:.1f}" for kind in KINDS[1:])
        print(f"  query {query!r}: {results} results shown; fetched index {index / 1e3:.0f} KB ({detail}), "
              f"engine {parts['engine'] / 1e3:.0f} KB")


if __name__ == "__main__":
    sys.exit(main())
