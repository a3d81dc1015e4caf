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
        return f"{self.library}@local"

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


def ensure_env(spec: EnvSpec, python: str | None = None) -> Path:
    """Create (or reuse) the cached environment for ``spec``; return its interpreter.

    Raises ``RuntimeError`` with uv's last line when the requirement cannot be installed.
    """
    directory = env_dir(spec, python)
    interpreter = env_python(directory)
    if (directory / ".complete").exists() and interpreter.exists():
        return interpreter
    uv = find_uv()
    steps = [
        [*uv, "venv", "--quiet", "--python", python or sys.executable, str(directory)],
        [*uv, "pip", "install", "--quiet", "--python", str(interpreter), spec.requirement],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            shutil.rmtree(directory, ignore_errors=True)
            raise RuntimeError(f"{spec.label}: {lines[-1] if lines else 'uv failed'}")
    (directory / ".complete").write_text(spec.requirement)
    return interpreter
