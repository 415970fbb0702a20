"""Imports point only downward through the layers of STYLE.md ("The shape of the house").

Each module's ``import``/``from … import`` statements (also those inside functions) are
read with :mod:`ast`; an import of a module in a higher layer is a violation. Modules of
the same layer may use each other.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sitegen"

#: STYLE.md layer table (0 = bottom). ``loaders`` covers every ``sitegen.loaders.*`` module.
LAYERS = {
    "sitegen": 0, "errors": 0, "model": 0, "arabic": 0, "yamlsafe": 0, "theme": 0, "i18n": 0, "hijri": 0, "prose": 0,
    "flatyaml": 0, "term_code": 0, "progress": 0, "quick_exit": 0, "digests": 0, "interrupts": 0, "html_tags": 0,
    "config": 1, "markup": 1, "body_limits": 1, "markdown_parser": 1, "writer": 1, "output_lock": 1, "parallel": 1, "images": 1, "cache": 1,
    "signatures": 1, "gcpause": 1, "apart": 1, "search_files": 1, "search_pagefind": 1, "output_folder": 1,
    "page_writer": 1, "foreign_files": 1, "fingerprints": 1,
    "urls": 2, "loaders": 2, "share": 2, "sources": 2, "search_terms": 2,
    "collect": 3, "ledger": 3, "authors": 3, "loading": 3,
    "plan": 4, "render": 4, "render_keys": 4, "feeds": 4, "seo": 4, "redirects": 4, "corrections": 4, "sitemaps": 4, "search": 4,
    "search_run": 4, "search_entries": 4, "search_bundle": 4, "template_errors": 4,
    "unchanged": 4, "page_reuse": 4, "plan_cache": 4, "url_history": 4, "rendering": 4, "writing": 4,
    "nothing_changed": 4, "index_check": 4,
    "pipeline": 5, "late_imports": 5,
    "cli": 6, "serve": 6, "__main__": 6,
}

#: Frozen records and diagnostics (and the digest their bodies are named by) depend on nothing
#: but the standard library and each other.
STDLIB_ONLY = {"errors", "model", "digests"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """Layer of ``sitegen`` or ``sitegen.x[.y]``; ``None`` for a module missing from the table."""
    parts = module.split(".")
    return LAYERS.get("sitegen" if len(parts) == 1 else parts[1])


def imported_modules(path: Path, name: str | None = None) -> list[tuple[int, str]]:
    """``(line, module)`` for every import in the file, relative imports resolved.

    ``name`` is the module's dotted name (derived from ``path`` when omitted).
    """
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from sitegen import urls`` / ``from sitegen.loaders import dump`` import submodules
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if module.startswith("sitegen") and (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists():
                    found.append((node.lineno, candidate))
    return found


def upward_imports(path: Path, name: str | None = None) -> list[str]:
    """Every import in ``path`` of a sitegen module in a higher layer than the file's own."""
    name = name or module_name(path)
    own = layer_of(name)
    violations = []
    for line, module in imported_modules(path, name):
        if not module.startswith("sitegen"):
            continue
        target = layer_of(module)
        if own is not None and target is not None and target > own:
            violations.append(f"{path.name}:{line}: {name} (layer {own}) imports {module} (layer {target})")
    return violations


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_modules():
    names = {module_name(p) for p in MODULES}
    assert {"sitegen.model", "sitegen.pipeline", "sitegen.cli", "sitegen.loaders.article"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_module_is_in_the_layer_table(path):
    assert layer_of(module_name(path)) is not None, (
        f"{module_name(path)} has no layer: add it to STYLE.md's table and to LAYERS here")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_point_downward(path):
    assert upward_imports(path) == []


@pytest.mark.parametrize("name", sorted(STDLIB_ONLY))
def test_records_and_diagnostics_use_only_the_standard_library(name):
    path = PACKAGE / f"{name}.py"
    outside = [f"{line}: {module}" for line, module in imported_modules(path)
               if module and module.split(".")[0] not in sys.stdlib_module_names and module != "__future__"
               and module.removeprefix("sitegen.") not in STDLIB_ONLY]
    assert outside == []


def test_no_import_cycles_between_sitegen_modules():
    graph: dict[str, set[str]] = {}
    names = {module_name(p) for p in MODULES}
    for path in MODULES:
        targets = {m for _, m in imported_modules(path) if m in names and m != module_name(path)}
        graph[module_name(path)] = {t for t in targets if t != "sitegen"}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]))
            elif not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])
    assert cycles == []


def test_the_checker_sees_upward_imports(tmp_path):
    """The reader finds imports inside functions, ``from sitegen import x`` and relative forms."""
    path = tmp_path / "model.py"
    path.write_text("import json\n\ndef f():\n    from sitegen import pipeline\n    import sitegen.cli\n"
                    "    from .render import make_environment\n    from . import errors\n", encoding="utf-8")
    found = upward_imports(path, name="sitegen.model")
    assert [v.split(" imports ")[1].split(" ")[0] for v in found] == ["sitegen.pipeline", "sitegen.cli", "sitegen.render"]
    assert found[0].startswith("model.py:4:")


# ---------------------------------------------------------------- what a build imports, when

#: Modules a build needs only once it has found its site changed, besides sitegen.late_imports'
#: own list: the renderer's, the loaders' and the planner's libraries and modules they import.
LATE_TOO = ("jinja2", "markdown", "markupsafe", "hijridate", "babel.dates", "email.utils", "sitegen.render",
            "sitegen.render_keys", "sitegen.plan", "sitegen.feeds", "sitegen.sitemaps", "sitegen.search_entries",
            "sitegen.markdown_parser", "sitegen.loaders.reader")


def _modules_after(code: str) -> list[str]:
    """The names in ``sys.modules`` after a fresh interpreter ran ``code`` (this checkout's sitegen
    first on the path), one a line on its stdout."""
    prelude = f"import sys\nsys.path.insert(0, {str(PACKAGE.parent)!r})\n"
    done = subprocess.run([sys.executable, "-c", prelude + code + "\nprint('\\n'.join(sorted(sys.modules)))"],
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.split()


def test_the_command_line_imports_none_of_what_only_a_changed_site_needs():
    # Issue 10: `sitegen build` imported the whole program (~0.2 s) before it looked whether
    # anything had changed; a build that finds nothing changed never needs most of it.
    from sitegen.late_imports import LATE

    imported = set(_modules_after("import sitegen.cli"))
    assert "sitegen.pipeline" in imported and "sitegen.nothing_changed" in imported
    assert sorted(imported & {*LATE, *LATE_TOO}) == []
    assert sorted(m for m in imported if m.startswith("sitegen.loaders.")) == []


def test_the_late_modules_are_what_the_build_imports_once_its_site_changed():
    # The imports at the point of use in the pipeline (after the nothing-changed check) find
    # every module imported already by sitegen.late_imports' steps (made while the inputs are
    # digested, if there is time).
    code = ("import ast, inspect\n"
            "import sitegen.cli\n"
            "from sitegen import late_imports, pipeline\n"
            "for step in late_imports.import_steps():\n"
            "    step()\n"
            "before = set(sys.modules)\n"
            "late = [node for node in ast.walk(ast.parse(inspect.getsource(pipeline._build_locked)))\n"
            "        if isinstance(node, (ast.Import, ast.ImportFrom))]\n"
            "assert len(late) >= 10, late\n"
            "exec(compile(ast.Module(late, []), 'late', 'exec'), {})\n"
            "print('new:', *sorted(set(sys.modules) - before))\n")
    found = _modules_after(code)
    assert found[:found.index("new:") + 1] == ["new:"]  # no module imported anew
    assert {"sitegen.render", "sitegen.loading", "sitegen.writing", "jinja2"} <= set(found)
