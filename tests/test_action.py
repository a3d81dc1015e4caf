"""The GitHub Action (action.yml): its shell steps run here as the runner would run them, on
two versions of a small library fixture (tests/fixtures/libs): the release is tinyxp 2.0, the
pull request either tinyxp 1.0 (behaviour changes, no promise broken) or a build whose
``reshape(copy=True)`` returns a view (a broken promise). Steps that use other actions
(setup-python, upload-artifact) and the install step are left out: this environment already has
copyview.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
LIBS = ROOT / "tests" / "fixtures" / "libs"
VENV_BIN = ROOT / ".venv" / "bin"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def action() -> dict:
    return yaml.load((ROOT / "action.yml").read_text(), Loader=yaml.SafeLoader)


def run_action(workdir: Path, inputs: dict[str, str]) -> tuple[int, str, dict[str, dict]]:
    """Run the composite action's shell steps; its exit status, job summary and outputs."""
    spec = action()
    values = {name: str(i.get("default", "")) for name, i in spec["inputs"].items()}
    values.update(inputs)
    outputs: dict[str, dict[str, str]] = {}
    summary = workdir / "summary.md"
    summary.touch()

    def evaluate(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            path = match.group(1).split(".")
            if path[0] == "inputs":
                return values[path[1]]
            if path[0] == "steps":
                return outputs.get(path[1], {}).get(path[3], "")
            if path == ["github", "action_path"]:
                return str(ROOT)
            raise AssertionError(f"unexpected expression {match.group(0)}")

        return EXPRESSION.sub(one, text)

    for step in spec["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install copyview":
            continue
        condition = step.get("if", "")
        if "broken ==" in condition and outputs.get("compare", {}).get("broken") != "true":
            continue
        output_file = workdir / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env = {
            **os.environ,
            **{k: evaluate(str(v)) for k, v in step.get("env", {}).items()},
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary),
            "COPYVIEW_CACHE": str(workdir / "envs"),
        }
        done = subprocess.run(
            ["bash", "-e", "-c", evaluate(step["run"])],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if "id" in step:
            outputs[step["id"]] = dict(
                line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
            )
        if done.returncode != 0:
            return done.returncode, summary.read_text(), outputs
    return 0, summary.read_text(), outputs


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    pytest.importorskip("uv", reason="uv makes the environments (the test extra installs it)")
    for name in ("tinyxp-1.0", "tinyxp-2.0", "tinyxp-bad"):  # building writes beside the source
        shutil.copytree(LIBS / name, tmp_path / name)
    return tmp_path


OPTIONS = "--ci --select xp-reshape* --max-examples 0 --quiet"


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) >= {"backend", "path", "release", "options"}
    assert all("description" in i for i in spec["inputs"].values())


def test_changed_behaviour_is_summarised_without_failing(workdir: Path) -> None:
    status, summary, outputs = run_action(
        workdir,
        {
            "backend": "tinyxp",
            "path": str(workdir / "tinyxp-1.0"),
            "release": str(workdir / "tinyxp-2.0"),
            "options": OPTIONS,
        },
    )
    assert status == 0, summary
    assert outputs["compare"]["broken"] == "false"
    assert "### copyview: tinyxp 2.0 → 1.0" in summary
    assert re.search(r"\| `xp-reshape-flat\[[^]]+\]` \| class \| view \| copy \|", summary)
    assert "<details><summary>repro:" in summary and "tinyxp" in summary


def test_a_broken_promise_fails_the_job_with_repros(workdir: Path) -> None:
    status, summary, outputs = run_action(
        workdir,
        {
            "backend": "tinyxp",
            "path": str(workdir / "tinyxp-bad"),
            "release": str(workdir / "tinyxp-2.0"),
            "options": OPTIONS,
        },
    )
    assert outputs["compare"]["broken"] == "true"
    assert status == 1
    assert re.search(
        r"\| `xp-reshape-flat-copy-true\[[^]]+\]` \| array-api \| pass \| fail \|", summary
    )
    assert (workdir / "copyview-results" / "tinyxp@tinyxp-bad.json").is_file()
