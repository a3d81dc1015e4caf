"""The "use copyview in your CI" workflow: documented verbatim, well formed, and its commands run.

The workflow's shell steps are run here as GitHub Actions would run them (bash, in a fresh
directory, with the workflow's environment), except the step that installs packages: this
environment already has copyview and numpy.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / "docs" / "examples" / "copyview.yml"
VENV_BIN = ROOT / ".venv" / "bin"


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    return yaml.load(WORKFLOW.read_text(), Loader=yaml.SafeLoader)


def steps() -> list[dict]:
    return workflow()["jobs"]["copyview"]["steps"]


def test_ci_guide_shows_the_example_workflow_verbatim():
    guide = (ROOT / "docs" / "ci.md").read_text()
    assert f"```yaml\n{WORKFLOW.read_text()}```" in guide


def test_workflow_keeps_results_and_publishes_pages():
    flow = workflow()
    assert set(flow[True]) == {"push", "pull_request"}
    uses = [s.get("uses", "").split("@")[0] for s in steps()]
    assert "actions/upload-artifact" in uses and "actions/upload-pages-artifact" in uses
    artifact = next(s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "results/" in artifact["with"]["path"]
    run_step = next(s for s in steps() if s.get("id") == "run")
    assert run_step["continue-on-error"] is True and "--ci" in run_step["run"]
    assert steps()[-1]["if"] == "steps.run.outcome == 'failure'"
    publish = flow["jobs"]["publish"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_workflow_shell_steps_run_locally(tmp_path):
    env = {
        **os.environ,
        **{k: str(v) for k, v in workflow()["env"].items()},
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
    }
    # A slice of the suite keeps this test short; the workflow passes these options through.
    env["COPYVIEW_OPTIONS"] = "--select reshape* --max-examples 0 --quiet"
    ran = []
    for step in steps():
        command = step.get("run")
        if command is None or "pip install" in command:
            continue
        if step.get("if") == "steps.run.outcome == 'failure'":
            continue  # only runs after a failed suite run
        done = subprocess.run(
            ["bash", "-e", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"{step.get('name')}: {done.stderr[-2000:]}"
        ran.append(step["name"])
    assert ran == ["Run copyview", "Build the site and badges"]
    results = json.loads((tmp_path / "results" / "numpy.json").read_text())
    assert results["backend"]["name"] == "numpy" and results["cases"]
    site = tmp_path / "copyview-site"
    assert (site / "matrix.html").is_file() and (site / "libraries" / "numpy.html").is_file()
    badge = json.loads((site / "badges" / "numpy-numpy.json").read_text())
    assert badge["label"] == "copy/view (numpy profile)"
