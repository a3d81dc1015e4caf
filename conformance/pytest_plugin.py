"""pytest plugin: ``pytest --copyview-backend=numpy`` runs the suite's cases as pytest items.

Every case becomes one item named ``copyview[BACKEND]::CASE-ID``, plus one Hypothesis property
``copyview[BACKEND]::property`` over random inputs and chains, whose failures Hypothesis
shrinks. So ``-k``, ``-x``, ``-n`` (pytest-xdist: the case list is the same in every worker,
being seeded) and ``--junitxml`` work as usual. Cases use the same engine, oracle, profiles
and known deviations as ``copyview run``, but run in-process (``copyview run`` isolates
crashes and hangs). A failing item prints the backend, the operation, the input layout, what
was expected and by which profile, what each witness saw, and a repro snippet. Without
``--copyview-backend`` the plugin does nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conformance.options import whole_number
from conformance.vocabulary import FAILING, Profile

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("copyview", "copy/view conformance suite")
    group.addoption(
        "--copyview-backend",
        action="append",
        default=[],
        metavar="BACKEND",
        help="run the copyview suite against BACKEND (repeatable)",
    )
    group.addoption(
        "--copyview-profile",
        action="append",
        default=[],
        metavar="PROFILE",
        help="measure only this profile (default: all)",
    )
    group.addoption(
        "--copyview-max-examples",
        type=whole_number(0, "generated cases"),
        default=20,
        metavar="N",
        help="generated cases on top of the curated ones (default: 20)",
    )
    group.addoption(
        "--copyview-seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of the generated cases (default: 0)",
    )
    group.addoption(
        "--copyview-ci",
        action="store_true",
        help="derandomize the generated cases (the seed is then unused)",
    )


class CopyviewFailure(Exception):
    """A promised profile failed; the message is the whole explanation."""


class CopyviewItem(pytest.Item):
    """One case on one backend."""

    def __init__(
        self,
        *,
        adapter: Any,
        case: Any,
        profiles: tuple[Profile, ...],
        deviations: tuple[Any, ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.adapter, self.case = adapter, case
        self.profiles, self.deviations = profiles, deviations

    def runtest(self) -> None:
        from conformance.judge.verdicts import counts_against, failing_profiles
        from conformance.run.engine import oracle_adapter, run_case
        from conformance.run.shrink import minimal_failing

        oracle = oracle_adapter()
        record = run_case(self.adapter, oracle, self.case, self.profiles, self.deviations)
        if counts_against(record["verdicts"]):
            minimal = None
            if self.case.generated:
                minimal = minimal_failing(
                    self.adapter,
                    oracle,
                    self.case,
                    failing_profiles(record["verdicts"]),
                    self.profiles,
                    self.deviations,
                )
            raise CopyviewFailure(explain(self.adapter, record, minimal))

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, CopyviewFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"copyview {self.adapter.name} {self.case.id}"


class CopyviewPropertyItem(pytest.Item):
    """Random cases on one backend as one Hypothesis property: a failure is shrunk by
    Hypothesis itself and reported as its minimal example."""

    def __init__(
        self,
        *,
        adapter: Any,
        profiles: tuple[Profile, ...],
        deviations: tuple[Any, ...],
        max_examples: int,
        seed: int,
        ci: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.adapter, self.profiles, self.deviations = adapter, profiles, deviations
        self.max_examples, self.seed, self.ci = max_examples, seed, ci

    def runtest(self) -> None:
        from hypothesis import HealthCheck, given, seed, settings

        from conformance.judge.verdicts import counts_against
        from conformance.run.engine import oracle_adapter, run_case
        from conformance.run.generate import cases

        oracle = oracle_adapter()

        @settings(
            max_examples=self.max_examples,
            database=None,
            deadline=None,
            derandomize=self.ci,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases(oracle))
        def conforms(case: Any) -> None:
            record = run_case(self.adapter, oracle, case, self.profiles, self.deviations)
            if counts_against(record["verdicts"]):
                raise CopyviewFailure(explain(self.adapter, record))

        (conforms if self.ci else seed(self.seed)(conforms))()

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, CopyviewFailure):
            return f"minimal failing case (shrunk by Hypothesis):\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"copyview {self.adapter.name} property"


def explain(adapter: Any, record: dict[str, Any], minimal: Any = None) -> str:
    """A failing case, explained: who, what, expected by whom, what each witness saw, repro."""
    observed, expected = record["observed"], record["expected"]
    inp = record["input"]
    lines = [
        f"backend: {adapter.name} {adapter.version} "
        f"(promises {', '.join(adapter.promised_profiles)})",
        f"operation: {record['operation']}  [{record['expression']}]",
        f"input: {inp['id']} dtype={inp['dtype']} shape={tuple(inp['shape'])} "
        f"strides={inp['strides']}",
    ]
    for profile, verdict in record["verdicts"].items():
        if verdict["verdict"] in FAILING:
            lines.append(f"{profile} profile: {verdict['message']}")
    lines.append(f"expected (reference_impl): {expected}")
    lines.append(
        f"observed: class={observed['class']} error={observed['error']} "
        f"witnesses={observed['witnesses']} claims={observed['claims']}"
    )
    if minimal is not None and minimal.id != record["id"]:
        from conformance.results.repro import snippet

        lines.append(f"shrunk to: {minimal.id}")
        lines += ["repro (minimal):", snippet(adapter, minimal)]
    else:
        lines += ["repro:", record["repro"]]
    return "\n".join(lines)


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselect, so they see our items
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    backends = config.getoption("copyview_backend")
    if not backends:
        return
    from conformance.adapters import BackendError, load
    from conformance.judge import deviations as deviation_files
    from conformance.model.cases import curated_cases
    from conformance.run.engine import oracle_adapter
    from conformance.run.generate import generated_cases
    from conformance.vocabulary import PROFILES, Profile

    profiles = tuple(Profile(p) for p in config.getoption("copyview_profile") or PROFILES)
    cases = curated_cases() + generated_cases(
        oracle_adapter(),
        config.getoption("copyview_max_examples"),
        config.getoption("copyview_seed"),
        ci=config.getoption("copyview_ci"),
    )
    for spec in backends:
        try:
            adapter = load(spec)
        except BackendError as exc:
            raise pytest.UsageError(str(exc)) from None
        try:
            deviations = deviation_files.load(adapter.name)
        except deviation_files.DeviationFileError as exc:
            raise pytest.UsageError(str(exc)) from None
        items.append(
            CopyviewPropertyItem.from_parent(
                session,
                name=f"copyview[{adapter.name}]::property",
                adapter=adapter,
                profiles=profiles,
                deviations=deviations,
                max_examples=max(config.getoption("copyview_max_examples"), 1),
                seed=config.getoption("copyview_seed"),
                ci=config.getoption("copyview_ci"),
            )
        )
        for case in cases:
            items.append(
                CopyviewItem.from_parent(
                    session,
                    name=f"copyview[{adapter.name}]::{case.id}",
                    adapter=adapter,
                    case=case,
                    profiles=profiles,
                    deviations=deviations,
                )
            )
