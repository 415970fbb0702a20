"""sitegen.quick_exit: the process ends with its status and what a normal exit shows."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # stdout buffered
    return subprocess.run([sys.executable, str(script), str(tmp_path)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=60)


def test_status_buffered_output_and_exit_callbacks_survive(tmp_path):
    proc = run_python("""
        import atexit, sys
        from pathlib import Path
        from sitegen.quick_exit import exit_without_teardown
        atexit.register(lambda: Path(sys.argv[1], "callback").write_text("ran"))
        print("مقال" * 10000)  # a pipe: block-buffered, not yet written
        sys.stderr.write("تحذير")
        exit_without_teardown(3)
        """, tmp_path)
    assert proc.returncode == 3
    assert proc.stdout == "مقال" * 10000 + "\n"
    assert proc.stderr == "تحذير"
    assert (tmp_path / "callback").read_text() == "ran"


def test_objects_are_not_freed_one_by_one(tmp_path):
    # What the module is for: a finaliser (a __del__) of an object still referenced at the end
    # runs in the interpreter's teardown, and not when the process ends this way.
    code = """
        import sys
        from pathlib import Path
        from sitegen.quick_exit import exit_without_teardown

        class Record:
            def __del__(self, mark=Path(sys.argv[1], "freed")):  # module globals may be gone by then
                mark.write_text("freed")

        kept = Record()
        {end}
        """
    run_python(code.format(end="sys.exit(0)"), tmp_path)
    assert (tmp_path / "freed").exists()  # the normal exit frees it: the check can see a teardown
    (tmp_path / "freed").unlink()
    proc = run_python(code.format(end="exit_without_teardown(0)"), tmp_path)
    assert proc.returncode == 0
    assert not (tmp_path / "freed").exists()


def test_a_running_thread_is_waited_for(tmp_path):
    proc = run_python("""
        import sys, threading, time
        from pathlib import Path
        from sitegen.quick_exit import exit_without_teardown

        def late_writer():
            time.sleep(0.3)
            Path(sys.argv[1], "thread").write_text("done")

        threading.Thread(target=late_writer).start()
        exit_without_teardown(4)
        """, tmp_path)
    assert proc.returncode == 4
    assert (tmp_path / "thread").read_text() == "done"


def test_stdout_that_cannot_be_flushed_gives_python_s_own_status(tmp_path):
    # stdout closed under the buffer (as a reader that left a pipe leaves it): Python's own exit
    # says 120; a failing status stays the build's.
    code = """
        import os, sys
        from sitegen.quick_exit import exit_without_teardown
        print("x" * 100)
        os.close(1)
        exit_without_teardown({status})
        """
    assert run_python(code.format(status=0), tmp_path).returncode == 120
    assert run_python(code.format(status=2), tmp_path).returncode == 2
