"""What the run does when things go wrong (docs/reference/failures.md), through the real CLI.

Each test uses its own faulty backend (``tests/isolation_backends/``) or bad input, and checks
the exit status, the one line said, and what is kept.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from isolation_backends.chatty import LAST_WORDS

from conformance import cli
from conformance.run.runner import STDERR_TAIL_BYTES

TESTS = Path(__file__).parents[1]  # tests/
FAST = ("--max-examples", "0", "--quiet")
CLI = (sys.executable, "-m", "conformance.cli")


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(TESTS), **extra}


def copyview(*args: str, timeout: float = 240, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(**extra),
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The run's only line on stderr (asserting there is just one, and no traceback)."""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "soon"])
def test_a_timeout_that_is_not_a_positive_finite_number_is_refused(value: str) -> None:
    done = copyview("run", "numpy", "--timeout", value, *FAST)
    assert done.returncode == 2
    assert "--timeout" in one_line(done) and not done.stdout


@pytest.mark.parametrize("spec", ["", ":", ".", "numpy:", "a b"])
def test_a_backend_name_that_names_nothing_is_refused_in_one_line(spec: str) -> None:
    done = copyview("run", spec, *FAST)
    assert done.returncode == 2
    assert "is not a backend name" in one_line(done)


def test_a_module_that_fails_to_import_is_reported_in_one_line() -> None:
    done = copyview("run", "isolation_backends.unimportable", *FAST)
    assert done.returncode == 2
    line = one_line(done)
    assert line.startswith("copyview: error: library not installed/importable:"), line
    assert "libcopyview_missing.so" in line


def test_a_backend_named_twice_is_refused() -> None:
    done = copyview("run", "numpy", "reference_impl", "numpy", *FAST)
    assert done.returncode == 2
    assert "named twice" in one_line(done)


def test_a_huge_max_examples_is_capped_and_said(capsys: pytest.CaptureFixture[str]) -> None:
    args = cli._parser().parse_args(["run", "numpy", "--max-examples", str(10**12)])
    cli.check_options(args)
    assert args.max_examples == cli.MAX_EXAMPLES_CAP
    assert f"capped at {cli.MAX_EXAMPLES_CAP}" in capsys.readouterr().err


def test_a_missing_deviations_directory_is_refused(tmp_path: Path) -> None:
    done = copyview("run", "numpy", "--deviations", str(tmp_path / "nope"), *FAST)
    assert done.returncode == 2
    assert "no such directory" in one_line(done)


def test_a_deviations_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "numpy.txt").write_bytes(b"T[*] caf\xe9 latin-1\n")
    done = copyview("run", "numpy", "--deviations", str(tmp_path), "--select", "T[*", *FAST)
    assert done.returncode == 2
    line = one_line(done)
    assert "numpy.txt" in line and "not UTF-8" in line


def test_a_deviation_naming_one_generated_case_is_refused(tmp_path: Path) -> None:
    (tmp_path / "numpy.txt").write_text("T+T[gen-4a488b7b78] a seed-dependent entry\n")
    done = copyview("run", "numpy", "--deviations", str(tmp_path), "--select", "T[*", *FAST)
    assert done.returncode == 2
    assert "generated case" in one_line(done)


@pytest.mark.parametrize("target", ["/dev/null", "file/below", "results-as-dir"])
def test_a_results_target_that_cannot_hold_results_is_refused_before_any_case(
    tmp_path: Path, target: str
) -> None:
    (tmp_path / "file").write_text("not a directory")
    (tmp_path / "results-as-dir" / "numpy.json").mkdir(parents=True)
    json_dir = target if target.startswith("/") else str(tmp_path / target)
    done = copyview("run", "numpy", "--json", json_dir, "--select", "T[*", *FAST)
    assert done.returncode == 2
    assert "--json" in one_line(done) and not done.stdout  # nothing ran


def test_a_results_file_that_cannot_be_written_goes_to_a_fallback_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out, safe = tmp_path / "out", tmp_path / "safe"
    safe.mkdir()
    real = cli.write_atomic

    def full_disk(path: Path, doc: dict) -> None:
        if path.parent == out:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, doc)

    monkeypatch.setattr(cli, "write_atomic", full_disk)
    monkeypatch.setattr("tempfile.tempdir", str(safe))
    args = ["run", "numpy", "reference_impl", "--json", str(out), "--select", "T[*", *FAST]
    assert cli.main(args) == 2
    captured = capsys.readouterr()
    written = sorted(safe.glob("copyview-results-*/*.json"))
    assert [p.name for p in written] == ["numpy.json", "reference_impl.json"]
    for path in written:
        assert f"results written to {path} instead" in captured.err
        assert json.loads(path.read_text())["cases"]
    table = [line.split()[0] for line in captured.out.splitlines() if line]
    assert table.count("numpy") == 3 and table.count("reference_impl") == 3  # summary printed


def test_a_worker_that_cannot_restart_leaves_the_rest_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "imported-once"
    done = copyview(
        "run",
        "isolation_backends.once:once",
        "--select",
        "*[contiguous-3d-float64]",
        "--json",
        str(tmp_path),
        *FAST,
        COPYVIEW_TEST_ONCE_MARKER=str(marker),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    doc = json.loads((tmp_path / "once.json").read_text())
    classes = [c["observed"]["class"] for c in doc["cases"]]
    crash = classes.index("crashed")
    assert crash > 0 and set(classes[:crash]) - {"not-run"}  # finished cases kept
    assert classes[crash + 1 :] and set(classes[crash + 1 :]) == {"not-run"}
    rest = doc["cases"][crash + 1]
    assert {v["verdict"] for v in rest["verdicts"].values()} == {"not-run"}
    assert "did not restart" in rest["observed"]["error_message"]
    assert "still held" in rest["observed"]["error_message"]
    assert "import numpy" in rest["repro"]  # the header (and its repro) survives
    assert doc["summary"]["consistency"]["not-run"] == len(classes) - crash - 1
    pytest.importorskip("jsonschema")
    from conformance.results.document import validate

    validate(doc)


def test_a_worker_flooding_stderr_costs_a_bounded_tail(tmp_path: Path) -> None:
    # A wrapper, so the peak memory measured is that of this run's processes alone.
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(done.returncode)\n"
    )
    args = ["moveaxis[contiguous-3d-float64]", "--json", str(tmp_path), *FAST]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            measure,
            *CLI,
            "run",
            "isolation_backends.chatty:chatty",
            "--select",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env=env(),
    )
    assert done.returncode == 1, done.stdout + done.stderr
    peak_kib = int(done.stdout.strip().splitlines()[-1])
    assert peak_kib < 200 * 1024, peak_kib  # 300 MB went through; far less was held
    (case,) = json.loads((tmp_path / "chatty.json").read_text())["cases"]
    message = case["observed"]["error_message"]
    assert case["observed"]["class"] == "crashed" and LAST_WORDS in message
    assert len(message) < STDERR_TAIL_BYTES + 100


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find workers")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_kills_every_worker_and_keeps_earlier_results(
    tmp_path: Path, sig: signal.Signals
) -> None:
    earlier = tmp_path / "hanging.json"
    earlier.write_text('{"earlier": true}')
    args = ["--select", "expand-dims[contiguous-2d-float64]", "--json", str(tmp_path), *FAST]
    process = subprocess.Popen(
        [*CLI, "run", "isolation_backends.faulty:hanging", "--timeout", "300", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    try:
        deadline = time.monotonic() + 60
        while not (workers := _children(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workers, "the worker never started"
        time.sleep(3)  # let it load and reach the hanging case
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + sig
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "interrupted by" in lines[0] and "Traceback" not in err, err
    for pid in workers:
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), f"worker {pid} outlived the run"
    assert earlier.read_text() == '{"earlier": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["hanging.json"]  # no half-written file


def test_with_select_deviations_of_cases_left_out_are_not_unmatched(tmp_path: Path) -> None:
    (tmp_path / "numpy.txt").write_text(
        "flip[*] outside the selection: not reported\n"
        "no-such-operation[*] matches nothing at all: reported\n"
    )
    done = copyview(
        "run",
        "numpy",
        "--select",
        "T[contiguous-2d-float64]",
        "--deviations",
        str(tmp_path),
        "--json",
        str(tmp_path),
        *FAST,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    doc = json.loads((tmp_path / "numpy.json").read_text())
    assert doc["deviations"]["unmatched"] == ["no-such-operation[*]"]
    assert "'flip[*]'" not in done.stderr


def test_progress_and_the_summary_table_keep_the_backends_order_with_cases_and_time() -> None:
    done = copyview(
        "run",
        "reference_impl",
        "numpy",
        "--select",
        "T[*-2d-float64]",
        "--progress",
        "--max-examples",
        "0",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reference_impl: " in done.stderr and "numpy: " in done.stderr  # not a terminal
    lines = [line.split() for line in done.stdout.splitlines() if line.strip()]
    header = next(line for line in lines if line[0] == "backend")
    assert header[:5] == ["backend", "profile", "promised", "cases", "time"]
    rows = [line for line in lines if line[0] in ("numpy", "reference_impl")]
    assert [r[0] for r in rows] == ["reference_impl"] * 3 + ["numpy"] * 3
    assert all(int(r[3]) > 0 and float(r[4]) >= 0 for r in rows)
