"""Two versions of sitegen side by side, build by build: the paired difference of a change.

usage: python bench/bench_pair.py BASE [--case clean|edit] [--size N] [--rounds R]
                                      [--search] [--work DIR] [--shared DIR]

``BASE`` is a git revision of this repository (``HEAD~3``, a commit); its files are exported
into ``WORK/base-<commit>`` (``git archive``: the repository itself is not touched) and built
against the working tree's code on two copies of one generated corpus
(``../shared/bench/gen_corpus.py --seed 1``, as ``bench_scale.py``). Each round builds both,
the one going first alternating, and the script prints each version's medians and the median
and mean of the per-round differences (this tree minus base) of wall seconds, the whole process
tree's CPU seconds (``wait4``) and its peak resident MiB (the sum over the tree, sampled).

* ``clean`` — ``build --clean`` into an emptied output, without a build cache.
* ``edit``  — one article's body edited, then a build; each copy is built, and edited and built
  twice, before the rounds (the steady state ``bench_scale.py`` calls ``steady``).

Why paired: on the 2-core machine of bench/RESULTS.md the same build's wall time moved by 30%
within an hour (2026-12-06), more than most changes are worth; the difference of two builds
run back to back moves far less. The search index is left out unless ``--search`` (Pagefind's
own process dominates the noise of a clean build). Figures go into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_scale import EDIT_FILE, NO_SEARCH, ROOT, prepare, run

CASES = ("clean", "edit")


def export(revision: str, work: Path) -> Path:
    """The files of ``revision`` in a folder of their own under ``work`` (made once per commit),
    their bytecode compiled as an installed package's is."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{revision}^{{commit}}"],
                            check=True, capture_output=True, text=True).stdout.strip()
    folder = work / f"base-{commit[:12]}"
    if not (folder / "sitegen").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def command(code: Path, search: bool, *args: str) -> list[str]:
    """``sitegen`` of the tree at ``code``, run from a site folder."""
    program = [sys.executable, str(code / "build.py")] if search else [sys.executable, "-c", NO_SEARCH, str(code)]
    return [*program, "build", "--quiet", "--content", "content", "--config", "site.yaml", *args]


def site_copy(corpus: Path, target: Path) -> Path:
    """A copy of the generated site at ``target`` (made once)."""
    if not (target / "content").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(corpus, target, ignore=shutil.ignore_patterns("public", ".sitegen-cache", "url-ledger.json"))
    return target


def edit(content: Path, number: int) -> None:
    """Append a paragraph to one article's body: ``bench_scale.py``'s article, or the first one
    of a corpus too small to hold it."""
    path = content / EDIT_FILE
    if not path.is_file():
        path = min(content.glob("*.md"))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\n\nتحديث رقم {number}.\n")


def one_build(case: str, code: Path, site: Path, search: bool, number: int) -> dict:
    if case == "clean":
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / ".sitegen-cache", ignore_errors=True)
        return run(command(code, search, "--clean", "--output", "public"), site)
    edit(site / "content", number)
    return run(command(code, search, "--output", "public"), site)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--case", choices=CASES, default="clean")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--search", action="store_true")
    parser.add_argument("--work", default="/tmp/sitegen-pair")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    work = Path(args.work)
    versions = {"base": export(args.base, work), "this": ROOT}
    for code in versions.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "sitegen")], check=True,
                       stdout=subprocess.DEVNULL)
    corpus = prepare(args.size, work, Path(args.shared), with_hugo=False) / "site"
    sites = {name: site_copy(corpus, work / f"n{args.size}-{name}") for name in versions}
    if args.case == "edit":  # the steady state: a whole build, then two edits, untimed
        for name, code in versions.items():
            subprocess.run(command(code, args.search, "--output", "public"), cwd=sites[name], check=True)
            for number in (-2, -1):
                one_build("edit", code, sites[name], args.search, number)
    print(f"# {args.case}, {args.size:,} articles, {args.rounds} rounds, search {'on' if args.search else 'off'}; "
          f"base {versions['base'].name}")
    results: dict[str, list[dict]] = {name: [] for name in versions}
    for number in range(args.rounds):
        order = list(versions) if number % 2 == 0 else list(versions)[::-1]
        for name in order:
            results[name].append(one_build(args.case, versions[name], sites[name], args.search, number))
        print(f"round {number + 1}: " + "  ".join(f"{name} {results[name][-1]['wall']:.2f} s" for name in versions),
              flush=True)
    for key, unit in (("wall", "s"), ("cpu", "s"), ("peak", "MiB")):
        base, this = ([r[key] for r in results[name]] for name in versions)
        differences = [b - a for a, b in zip(base, this)]
        print(f"{key:<5} base {statistics.median(base):9.3f} {unit:<3}  this {statistics.median(this):9.3f} {unit:<3}  "
              f"paired this - base: median {statistics.median(differences):+.3f}, "
              f"mean {statistics.mean(differences):+.3f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
