"""The shape of the suite: each stage imports only the stages before it, and only adapters
import an array library.

Read from the source (``ast``), so a lazy import inside a function counts as much as one at
the top of a module.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "conformance"

#: The stages in data-flow order; a module may import its own stage and earlier ones.
STAGES = ("vocabulary", "model", "adapters", "observe", "judge", "results", "run", "top")
#: Modules at the top of the package, above every stage.
TOP = {"cli", "pytest_plugin", "__main__", "__init__"}

#: What a module outside the adapters may import besides the standard library and the suite.
ALLOWED_OUTSIDE_ADAPTERS = {
    "numpy",
    "hypothesis",
    "pytest",
    "_pytest",
    "jsonschema",
    "reference_impl",
}
#: What the site may import besides: its build tools (never an array library); jinja2 and
#: markupsafe are mkdocs' template engine, which the site's navigation hooks into.
SITE_EXTRA = {
    "mkdocs",
    "material",
    "yaml",
    "nbformat",
    "nbconvert",
    "jupytext",
    "pygments",
    "jinja2",
    "markupsafe",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == "vocabulary.py":
        return "vocabulary"
    if len(parts) == 1:
        return "top"
    return parts[0]


def _imports(path: Path) -> list[str]:
    """Every module name ``path`` imports, absolute, in any scope."""
    tree = ast.parse(path.read_text(), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _suite_stage(module: str) -> str | None:
    """The stage of a ``conformance.*`` module name (``None`` for other modules)."""
    parts = module.split(".")
    if parts[0] != "conformance":
        return None
    if len(parts) == 1:  # the package itself holds only ``__version__``
        return "vocabulary"
    if parts[1] == "vocabulary":
        return "vocabulary"
    return parts[1] if parts[1] in (*STAGES, "site") else "top"


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _stage(p) != "site"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_a_stage_imports_only_earlier_stages(path: Path) -> None:
    own = STAGES.index(_stage(path))
    for module in _imports(path):
        stage = _suite_stage(module)
        if stage is None or stage == "site":
            continue
        assert STAGES.index(stage) <= own, f"{module} is a later stage than {_stage(path)}"


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if _stage(p) != "adapters"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_adapters_import_a_library(path: Path) -> None:
    allowed = ALLOWED_OUTSIDE_ADAPTERS | (SITE_EXTRA if _stage(path) == "site" else set())
    for module in _imports(path):
        top = module.split(".")[0]
        if top == "conformance" or top in sys.stdlib_module_names:
            continue
        assert top in allowed, f"{path.name} imports {module}: only adapters import libraries"


def test_the_site_reads_results_only() -> None:
    """The site imports nothing of the suite but the vocabulary (it reads results files)."""
    for path in (PACKAGE / "site").rglob("*.py"):
        for module in _imports(path):
            if module.startswith("conformance.") and not module.startswith("conformance.site"):
                assert module == "conformance.vocabulary", f"{path.name} imports {module}"


def test_the_checks_can_fail() -> None:
    """A later-stage import and a library import are caught (the checks are not vacuous)."""
    assert _suite_stage("conformance.run.engine") == "run"
    assert STAGES.index("run") > STAGES.index("model")
    assert "torch" not in ALLOWED_OUTSIDE_ADAPTERS and "torch" not in sys.stdlib_module_names
