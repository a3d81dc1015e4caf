"""Versioned backend names and where their isolated environments live.

A backend name may carry a version (``numpy==1.26.4``) or a local source
(``tinyxp@/path/to/src``); such a backend runs in its own uv-made environment,
cached under ``$COPYVIEW_CACHE`` (or ``~/.cache/copyview/envs``) by a hash of
the requirement and the interpreter, so a later run reuses it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EnvSpec:
    """A backend pinned to a release (``version``) or a local source (``path``)."""

    library: str
    version: str | None = None
    path: Path | None = None

    @property
    def label(self) -> str:
        """The name results are stored under, e.g. ``numpy==1.26.4``."""
        if self.version is not None:
            return f"{self.library}=={self.version}"
        return f"{self.library}@{self.path.name if self.path else 'local'}"

    @property
    def requirement(self) -> str:
        """What uv is asked to install."""
        if self.path is not None:
            return str(self.path)
        return self.label


def parse_spec(name: str) -> EnvSpec | None:
    """Parse ``lib==X`` or ``lib@PATH``; ``None`` for a plain backend name."""
    if "==" in name:
        library, _, version = name.partition("==")
        if not library or not version:
            raise ValueError(f"bad backend spec {name!r}: expected NAME==VERSION")
        return EnvSpec(library.strip(), version=version.strip())
    if "@" in name:
        library, _, path = name.partition("@")
        if not library or not path:
            raise ValueError(f"bad backend spec {name!r}: expected NAME@PATH")
        return EnvSpec(library.strip(), path=Path(path).expanduser().resolve())
    return None


def cache_root() -> Path:
    """The directory holding cached environments."""
    configured = os.environ.get("COPYVIEW_CACHE")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "copyview" / "envs"


def env_dir(spec: EnvSpec, python: str | None = None) -> Path:
    """Where the environment for ``spec`` under ``python`` is (or will be) cached."""
    key = f"{spec.requirement}\0{python or sys.executable}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_root() / f"{spec.label.replace('@', '-at-')}-{digest}"


def find_uv() -> list[str]:
    """The command that runs uv: the executable beside this Python, else ``python -m uv``."""
    beside = Path(sys.executable).with_name("uv")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("uv")
    if found:
        return [found]
    return [sys.executable, "-m", "uv"]


def env_python(directory: Path) -> Path:
    """The interpreter inside an environment directory."""
    return directory / "bin" / "python"


#: What copyview needs besides NumPy (which the pinned library may pin itself).
SUITE_REQUIREMENTS = ("hypothesis>=6.100",)


def copyview_source() -> Path | None:
    """The source checkout this copyview runs from (``None`` when installed from a wheel)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "conformance").is_dir() else None


def ensure_env(spec: EnvSpec, python: str | None = None) -> Path:
    """Create (or reuse) the cached environment for ``spec``; return its interpreter.

    The environment holds the library at the requested version, what the suite needs, and this
    copyview as an editable install of its source checkout (without its dependencies, so the
    pinned NumPy stays): its workers run this copyview's code, and its oracle. Raises
    ``RuntimeError`` with uv's last line when something cannot be installed.
    """
    directory = env_dir(spec, python)
    interpreter = env_python(directory)
    if (directory / ".complete").exists() and interpreter.exists():
        return interpreter
    source = copyview_source()
    if source is None:
        raise RuntimeError(
            f"{spec.label}: versioned backends need copyview installed from its source checkout"
        )
    uv = find_uv()
    install = [*uv, "pip", "install", "--quiet", "--python", str(interpreter)]
    steps = [
        [*uv, "venv", "--quiet", "--python", python or sys.executable, str(directory)],
        [*install, spec.requirement, *SUITE_REQUIREMENTS],
        [*install, "--no-deps", "-e", str(source)],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            shutil.rmtree(directory, ignore_errors=True)
            raise RuntimeError(f"{spec.label}: {lines[-1].strip() if lines else 'uv failed'}")
    (directory / ".complete").write_text(spec.requirement)
    return interpreter
