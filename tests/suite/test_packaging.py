"""Adding a backend is one adapter module, its extra and its entry point: everything else that
lists backends (the ``all`` extra, the test requirements, the README) is checked against those.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
ENTRY_POINTS: dict[str, str] = PROJECT["entry-points"]["copyview.backends"]
EXTRAS: dict[str, list[str]] = PROJECT["optional-dependencies"]
#: Extras that are not a backend's.
TOOL_EXTRAS = {"site", "test", "all", "envs"}
#: Backends whose extra is left out of ``all``, with the reason.
NOT_IN_ALL = {"cupy": "needs an NVIDIA GPU"}
#: What copyview itself depends on: an adapter that imports only these needs no extra.
OWN = {"numpy", "hypothesis", "conformance", "reference_impl"}


def _extra_name(backend: str) -> str:
    return backend.replace("_", "-")


def _libraries(entry_point: str) -> set[str]:
    """The third-party modules the adapter module behind ``entry_point`` imports."""
    module = entry_point.partition(":")[0]
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value).split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in OWN}


@pytest.mark.parametrize("backend", sorted(ENTRY_POINTS))
def test_a_backend_that_needs_a_library_has_an_extra_of_its_name(backend: str) -> None:
    libraries = _libraries(ENTRY_POINTS[backend])
    if libraries:
        assert _extra_name(backend) in EXTRAS, f"{backend} imports {libraries} but has no extra"


def test_every_backend_extra_is_in_all_but_those_that_need_special_hardware() -> None:
    (spec,) = EXTRAS["all"]
    listed = set(re.fullmatch(r"copyview\[(.*)\]", spec).group(1).split(","))
    backends = set(EXTRAS) - TOOL_EXTRAS - {_extra_name(b) for b in NOT_IN_ALL}
    assert backends <= listed, f"missing from `all`: {sorted(backends - listed)}"
    assert "site" in listed


def test_test_requirements_install_every_extra_through_all() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "requirements-test.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "-e .[test,all]" in lines
    # The CPU wheel of torch is pinned before anything that asks for torch.
    assert lines[0].startswith("torch==")


def test_the_readme_names_every_backend() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [b for b in ENTRY_POINTS if f"`{b}`" not in readme]
    assert not missing, f"README.md does not list {missing}"


def test_the_checks_see_an_adapter_that_imports_a_library() -> None:
    assert _libraries(ENTRY_POINTS["torch"]) >= {"torch"}
    assert _libraries(ENTRY_POINTS["numpy"]) == set()
