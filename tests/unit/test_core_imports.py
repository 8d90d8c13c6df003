"""domain/, db/, export/ and directory/ never import textual (checked at run time and in source)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import workwell_tui

PACKAGE_DIR = Path(workwell_tui.__file__).parent
CORE = ("domain", "db", "export", "directory")
# Alembic's env.py runs only inside a migration (it reads alembic.context at import time).
NOT_IMPORTABLE_ALONE = {"workwell_tui.db.migrations.env"}


def core_modules() -> list[tuple[str, Path]]:
    """Every module file under the core packages, found by walking the package folders."""
    found: list[tuple[str, Path]] = []
    for name in CORE:
        folder = PACKAGE_DIR / name
        if not folder.is_dir():
            continue
        if (folder / "__init__.py").exists():
            found.append((f"workwell_tui.{name}", folder / "__init__.py"))
        for info in pkgutil.walk_packages([str(folder)], prefix=f"workwell_tui.{name}."):
            relative = info.name.split(".")[2:]
            path = folder.joinpath(*relative)
            path = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
            found.append((info.name, path))
    # Modules in folders that walk_packages cannot enter (no __init__.py) still count.
    for name in CORE:
        for path in sorted((PACKAGE_DIR / name).rglob("*.py")):
            parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
            module = ".".join(("workwell_tui", *parts)).removesuffix(".__init__")
            if module not in {m for m, _ in found}:
                found.append((module, path))
    return sorted(found)


MODULES = core_modules()
IMPORTABLE = [name for name, _ in MODULES if name not in NOT_IMPORTABLE_ALONE]


def test_walk_finds_the_core() -> None:
    names = {name for name, _ in MODULES}
    for expected in (
        "workwell_tui.domain.caseload",
        "workwell_tui.domain.referral",
        "workwell_tui.db.store",
        "workwell_tui.db.schema",
        "workwell_tui.db.migrations.versions.0001_initial",
    ):
        assert expected in names


CHECK = (
    "import importlib, sys\n"
    "importlib.import_module(sys.argv[1])\n"
    "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
    "print(' '.join(loaded))\n"
)


@pytest.fixture(scope="module")
def import_results() -> Iterator[dict[str, tuple[int, str, str]]]:
    """Import each module in its own fresh interpreter, all at once to keep the suite quick."""
    running = {
        name: subprocess.Popen(
            [sys.executable, "-c", CHECK, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in IMPORTABLE
    }
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        results[name] = (process.returncode, out.strip(), err)
    yield results


@pytest.mark.parametrize("module", IMPORTABLE)
def test_import_leaves_textual_out(
    module: str, import_results: dict[str, tuple[int, str, str]]
) -> None:
    code, loaded, err = import_results[module]
    assert code == 0, err
    assert loaded == "", f"{module} pulled in {loaded}"


def test_the_check_can_see_textual() -> None:
    """The subprocess check really does notice textual when something imports it."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "textual.app"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "textual.app" in result.stdout.split()


def textual_imports(source: str) -> list[int]:
    """Line numbers of `import textual…` / `from textual… import …` anywhere in `source`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            if any(a.name == "textual" or a.name.startswith("textual.") for a in node.names):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and (node.module == "textual" or node.module.startswith("textual."))
        ):
            lines.append(node.lineno)
    return sorted(lines)


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_source_has_no_textual_import(module: str, path: Path) -> None:
    assert path.is_file(), path
    assert textual_imports(path.read_text(encoding="utf-8")) == [], module


def test_static_check_finds_nested_imports() -> None:
    source = "def f():\n    from textual.app import App\n\nimport os, textual\n"
    assert textual_imports(source) == [2, 4]
    assert textual_imports("import textualize\nfrom .textual import x\n") == []
