"""Tests for versioned backend specs and their cache locations."""

from pathlib import Path

import pytest

from conformance.run import environments as env


def test_plain_name_is_not_a_spec() -> None:
    assert env.parse_spec("numpy") is None


def test_version_spec() -> None:
    spec = env.parse_spec("numpy==1.26.4")
    assert spec == env.EnvSpec("numpy", version="1.26.4")
    assert spec is not None and spec.label == "numpy==1.26.4"


def test_path_spec(tmp_path: Path) -> None:
    spec = env.parse_spec(f"tinyxp@{tmp_path}")
    assert spec is not None and spec.path == tmp_path.resolve()
    assert spec.requirement == str(tmp_path.resolve())


@pytest.mark.parametrize("bad", ["==1.0", "numpy==", "@/x", "tinyxp@"])
def test_bad_specs_raise(bad: str) -> None:
    with pytest.raises(ValueError):
        env.parse_spec(bad)


def test_cache_dir_honours_env_and_differs_by_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYVIEW_CACHE", str(tmp_path))
    a = env.env_dir(env.EnvSpec("numpy", version="1.26.4"))
    b = env.env_dir(env.EnvSpec("numpy", version="2.0.2"))
    assert a.parent == tmp_path and b.parent == tmp_path and a != b
    assert a == env.env_dir(env.EnvSpec("numpy", version="1.26.4"))


def test_find_uv_returns_a_command() -> None:
    assert env.find_uv()


def test_uninstallable_spec_raises_one_line_error_and_leaves_no_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYVIEW_CACHE", str(tmp_path / "cache"))
    spec = env.EnvSpec("tinyxp", path=tmp_path / "missing")
    with pytest.raises(RuntimeError, match=r"^tinyxp@missing: "):
        env.ensure_env(spec)
    assert not env.env_dir(spec).exists()


def test_completed_env_is_reused_without_uv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYVIEW_CACHE", str(tmp_path))
    spec = env.EnvSpec("numpy", version="1.26.4")
    directory = env.env_dir(spec)
    env.env_python(directory).parent.mkdir(parents=True)
    env.env_python(directory).touch()
    (directory / ".complete").touch()
    monkeypatch.setattr(env, "find_uv", lambda: pytest.fail("uv was called"))
    assert env.ensure_env(spec) == env.env_python(directory)
