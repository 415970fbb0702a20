"""Killing a build at any moment leaves the old site or the new one, whole (issue 4).

A site of small generated Markdown articles is built once, then rebuilt from changed
content in a subprocess (``python build.py build``) that is SIGKILLed after a random
delay (seeded, spread over the measured duration of one build). After every kill the
output folder must be exactly the previous tree or exactly the complete new one
(relative paths + sha256), and a normal build must then succeed and leave no
``.public.sitegen-*`` folder beside the output.

The test uses 300 articles so the suite stays quick; ``bench/kill_during_build.py``
runs the same trials on 1,000 articles (``--articles``, ``--kills``, ``--seed``).
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitegen.output_lock import lock_path

REPO = Path(__file__).resolve().parents[1]
#: Build clock of every build here (after every generated article), for identical rebuilds.
SOURCE_DATE_EPOCH = str(int(datetime(2025, 1, 1, 12, tzinfo=timezone.utc).timestamp()))
SECTIONS = ("سياسة", "اقتصاد", "رياضة", "ثقافة")
OUTPUT = "public"


def write_articles(content: Path, count: int, version: int) -> None:
    """``count`` tiny Markdown articles (plus ``version`` extra ones) whose titles carry
    ``version``, so two versions give different trees (pages, feeds, pagination). File names and
    bodies carry it too: the versions are different articles, not one article retitled (which
    would add redirect pages to a tree each time the other version was built in between)."""
    content.mkdir(parents=True, exist_ok=True)
    start = datetime(2024, 1, 1, 8, 0)
    for index in range(count + version):
        moment = start + timedelta(hours=5 * index)
        (content / f"v{version}-{index:05d}.md").write_text(
            "---\n"
            f"title: خبر قصير رقم {index} الإصدار {version}\n"
            f"date: {moment:%Y-%m-%dT%H:%M}\n"
            f"section: {SECTIONS[index % len(SECTIONS)]}\n"
            f"tags: [وسم{index % 8}]\n"
            f"author: كاتب {index % 5}\n"
            "---\n\n"
            f"نص قصير للخبر رقم {index} في الإصدار {version}.\n",
            encoding="utf-8",
        )


def make_site(root: Path, count: int) -> Path:
    """A site folder with ``content-0/`` and ``content-1/`` (two versions) and ``site.yaml``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: موقع الاختبار\nbase_url: https://news.example.org/\n"
                                    "timezone: Africa/Cairo\npaginate: 20\n", encoding="utf-8")
    for version in (0, 1):
        write_articles(root / f"content-{version}", count, version)
    return root


def manifest(folder: Path) -> dict[str, str] | None:
    """``{relative POSIX path: sha256}`` of every file under ``folder``; ``None`` if it is missing."""
    if not folder.is_dir():
        return None
    out = {}
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath, name)
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def leftovers(root: Path) -> list[str]:
    """Staging folders beside the output (the output's lock file stays on purpose)."""
    return sorted(p.name for p in root.iterdir()
                  if p.name.startswith(f".{OUTPUT}.sitegen-") and p != lock_path(root / OUTPUT))


def start_build(root: Path, version: int) -> subprocess.Popen:
    """``python build.py build --content content-VERSION`` in ``root`` (the repository's build.py)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "build", "--content", f"content-{version}", "--output", OUTPUT,
         "--quiet"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def full_build(root: Path, version: int) -> float:
    """Build ``version`` to the end; returns its wall time in seconds."""
    began = time.monotonic()
    process = start_build(root, version)
    _, stderr = process.communicate(timeout=600)
    elapsed = time.monotonic() - began
    assert process.returncode == 0, stderr.decode("utf-8", "replace")
    return elapsed


def run_kill_trials(root: Path, articles: int, kills: int, seed: int, log=lambda message: None) -> list[dict]:
    """Build both versions once (timing them), then ``kills`` times: start a build of the other
    version, SIGKILL it after a random delay, check the output is one whole tree, rebuild.

    Delays are stratified: trial ``k`` draws from the ``k``-th of ``kills`` equal slices of
    ``[0, 1.15 × build time]``, so kills are spread over start-up, loading, rendering,
    writing and the swap. The build time is that of the latest complete rebuild (the same
    work as a killed one: build, swap, delete the old tree), so it follows the machine's
    load. Returns one record per kill; raises AssertionError on a violation.
    """
    make_site(root, articles)
    output = root / OUTPUT
    trees = {}
    for version in (0, 1):
        duration = full_build(root, version)  # version 1 replaces version 0: a full rebuild
        trees[version] = manifest(output)
        assert not leftovers(root)
    assert trees[0] != trees[1] and len(trees[1]) > articles
    log(f"{articles} articles: a rebuild takes {duration:.2f} s, {len(trees[1])} files")
    rng = random.Random(seed)
    current, records = 1, []
    for trial in range(kills):
        target = 1 - current
        delay = duration * 1.15 * (trial + rng.random()) / kills
        process = start_build(root, target)
        time.sleep(delay)
        running = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after = manifest(output)
        state = "old" if after == trees[current] else "new" if after == trees[target] else "BROKEN"
        extra = sorted(p.name for p in root.iterdir()
                       # the URL ledger beside site.yaml (INTERFACE.md); its temporary file only if
                       # the kill fell inside the ledger's write; the build cache (issue 10)
                       if p.name not in (OUTPUT, "site.yaml", "content-0", "content-1", "url-ledger.json",
                                         ".url-ledger.json.tmp", ".sitegen-cache")
                       and not p.name.startswith(f".{OUTPUT}.sitegen-"))
        record = {"delay": round(delay, 3), "running": running, "state": state, "leftovers": leftovers(root)}
        log(f"kill {trial + 1}/{kills} after {delay:.2f} s: {'during' if running else 'after'} the build, "
            f"output is the {state} site, {len(record['leftovers'])} staging folder(s) left")
        records.append(record)
        assert state != "BROKEN", (
            f"kill after {delay:.2f} s left an output that is neither tree: "
            f"{_difference(after, trees[current], trees[target])}")
        assert not extra, f"the killed build left {extra} beside the output"
        duration = full_build(root, target)
        assert manifest(output) == trees[target], "the build after a kill did not give the complete new site"
        assert not leftovers(root), f"staging folders left after a normal build: {leftovers(root)}"
        current = target
    return records


def _difference(after, old, new) -> str:
    if after is None:
        return "the output folder is missing"
    closest = min((old, new), key=lambda tree: len(set(after.items()) ^ set(tree.items())))
    missing = sorted(set(closest) - set(after))[:3]
    changed = sorted(p for p in after if p in closest and after[p] != closest[p])[:3]
    surplus = sorted(set(after) - set(closest))[:3]
    return f"missing {missing}, changed {changed}, extra {surplus}"


def test_kill_during_build_leaves_old_or_new_site_whole(tmp_path):
    records = run_kill_trials(tmp_path / "site", articles=300, kills=6, seed=20241121)
    assert sum(record["running"] for record in records) >= 3, records  # the kills did land mid-build
