"""sitegen.gcpause: the collector paused from the freeze to the end of a build, on while pages render."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sitegen import gcpause
from sitegen.pipeline import BuildOptions, build


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()  # what resumed() froze


def test_pause_turns_the_collector_off_until_the_session_ends():
    with gcpause.session():
        assert gc.isenabled()  # left alone until the build pauses it
        gcpause.pause()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumed_turns_it_on_for_the_block_only():
    with gcpause.session():
        gcpause.pause()
        with gcpause.resumed():
            assert gc.isenabled()
        assert not gc.isenabled()


def test_resumed_freezes_what_was_made_while_paused():
    # Regression: the young generation held everything made while paused, and the first
    # collection after resuming walked it all (~0.1 s on a one-edit rebuild at 10,000 articles).
    with gcpause.session():
        gcpause.pause()
        made = [[index] for index in range(1000)]
        before = gc.get_freeze_count()
        with gcpause.resumed():
            assert gc.get_freeze_count() >= before + len(made)
            assert gc.get_count()[0] < len(made)


def test_settle_imports_moves_what_lives_on_to_the_oldest_generation_unfrozen():
    # Issue 10: what the command line's imports made sat in the young generation, and the first
    # collection after them walked all of it (~20,000 objects, 6-30 ms of a one-edit rebuild).
    gc.disable()
    made = [[index] for index in range(5000)]
    assert gc.get_count()[0] >= len(made)
    gcpause.settle_imports()
    assert gc.get_count()[0] < 100 and gc.get_freeze_count() == 0
    assert all(gc.is_tracked(item) for item in made[:3])


def test_settle_imports_leaves_a_callers_frozen_objects_frozen():
    gc.disable()
    kept = [[index] for index in range(100)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    made = [[index] for index in range(1000)]
    gcpause.settle_imports()
    assert gc.get_freeze_count() == frozen and gc.get_count()[0] >= len(made)
    assert kept


def test_the_command_lines_imports_leave_the_young_generation_empty():
    # Issue 10: with the collector on, the first allocations after ``import sitegen.cli`` made it
    # walk everything imported (/tmp/gcwatch2.py: a 6-30 ms collection of generation 0).
    import subprocess
    import sys

    from helpers import REPO

    code = ("import gc\n"
            "walked = []\n"
            "gc.callbacks.append(lambda phase, info: phase == 'start' and walked.append(gc.get_count()[0]))\n"
            "import sitegen.cli\n"
            "made = [[index] for index in range(5000)]\n"
            "print(max(walked), gc.get_freeze_count(), gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    young, frozen, enabled = done.stdout.split()
    assert int(young) < 1000 and frozen == "0" and enabled == "True"


def test_the_session_puts_it_back_after_an_error():
    with pytest.raises(ValueError):
        with gcpause.session():
            gcpause.pause()
            raise ValueError("a stage failed")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    with gcpause.session():
        gcpause.pause()
        with gcpause.resumed():
            assert not gc.isenabled()  # the caller's choice, not the session's
    assert not gc.isenabled()


def test_outside_a_session_nothing_is_touched():
    gcpause.pause()
    assert gc.isenabled()
    gc.disable()
    with gcpause.resumed():
        assert not gc.isenabled()


def test_an_inner_session_leaves_the_state_to_the_outer_one():
    with gcpause.session():
        with gcpause.session():
            gcpause.pause()
        assert not gc.isenabled()  # the inner end did not turn it back on
        with gcpause.resumed():
            assert gc.isenabled()
    assert gc.isenabled()


def test_a_build_leaves_the_collector_on_and_nothing_frozen(tmp_path: Path):
    # Regression: the pause of a build must not outlive it (serve builds again and again in one process).
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: خبر\ndate: 2024-11-21\n---\nنص الخبر.\n", encoding="utf-8")
    result = build(BuildOptions(project=tmp_path, content=content, output=tmp_path / "public",
                                config=tmp_path / "site.yaml", jobs=1))
    assert result.files > 0 and (tmp_path / "public" / "index.html").is_file()
    assert gc.isenabled() and gc.get_freeze_count() == 0
