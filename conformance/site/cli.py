"""``copyview site``: build the site from results, or diff two runs of one library.

    copyview site [RESULTS ...] [-o DIR] [--config MKDOCS_YML | --standalone] [--no-strict]
    copyview site --diff OLD NEW        (also ``copyview diff OLD NEW``)
    copyview badge [RESULTS ...] [-o DIR]

Exit status: 0 done; 1 the diff found broken cases; 2 bad input (a malformed or
wrong-version results file, an unusable output directory) or a failed build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance.site.badges import write_badges
from conformance.site.diff import breaks_promise, diff_runs, format_diff, markdown_diff
from conformance.site.results import ResultsError, expand_paths, load_many, load_results


def _positive(text: str) -> int:
    # conformance.options has the suite's version; the site reads results only (test_stages).
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copyview site",
        description="Build the copyview site (matrix, library and operation pages, myths, "
        "badges) from results JSON, or compare two runs of one library.",
    )
    parser.add_argument(
        "results",
        nargs="*",
        default=["results"],
        help="results files or directories of them (default: results)",
    )
    parser.add_argument("-o", "--output", default="site", help="output directory (default: site)")
    parser.add_argument(
        "--config",
        help="an mkdocs.yml using the copyview hook (default: "
        "./mkdocs.yml if it is copyview's, else the generated pages alone)",
    )
    parser.add_argument(
        "--standalone",
        action="store_true",
        help="build the generated pages alone, even where ./mkdocs.yml exists",
    )
    parser.add_argument("--no-strict", action="store_true", help="do not fail on mkdocs warnings")
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes reading results and rendering pages (default: the number of cores)",
    )
    parser.add_argument(
        "--show",
        action="append",
        default=[],
        metavar="NAME==VERSION",
        help="show this version of a library on the matrix and its pages instead of the newest "
        "(repeatable)",
    )
    parser.add_argument(
        "--diff",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="print what changed between two results files of one library",
    )
    return parser


def _error(message: str, command: str = "site") -> int:
    print(f"copyview {command}: error: {message}", file=sys.stderr)
    return 2


def diff_main(argv: list[str]) -> int:
    """``copyview diff OLD NEW`` (also ``copyview site --diff OLD NEW``)."""
    parser = argparse.ArgumentParser(
        prog="copyview diff",
        description="Print the cases added, removed, fixed and broken between two results "
        "files of one library. Exit 1 when a case that passed now fails a promised profile.",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier results file")
    parser.add_argument("new", metavar="NEW", help="the later results file")
    parser.add_argument(
        "--markdown",
        metavar="FILE",
        help="also append the diff as Markdown (tables and repros) to FILE, e.g. "
        "$GITHUB_STEP_SUMMARY",
    )
    args = parser.parse_args(argv)
    try:
        old, new = (load_results(path) for path in (args.old, args.new))
    except ResultsError as exc:
        return _error(str(exc), "diff")
    if old.backend != new.backend:
        return _error(
            f"{args.old} is a run of {old.backend!r} and {args.new} of "
            f"{new.backend!r}; a diff compares two runs of one backend",
            "diff",
        )
    diff = diff_runs(old, new)
    print(format_diff(diff))
    if args.markdown:
        try:
            with open(args.markdown, "a", encoding="utf-8") as summary:
                summary.write(markdown_diff(diff))
        except OSError as exc:
            return _error(f"--markdown {args.markdown}: {exc.strerror or exc}", "diff")
    return 1 if breaks_promise(diff) else 0


def badge_main(argv: list[str]) -> int:
    """``copyview badge [RESULTS ...] [-o DIR]``: the badges alone, without the site."""
    parser = argparse.ArgumentParser(
        prog="copyview badge",
        description="Write an SVG badge and a shields.io endpoint JSON "
        "per backend and profile from results JSON.",
    )
    parser.add_argument(
        "results",
        nargs="*",
        default=["results"],
        help="results files or directories of them (default: results)",
    )
    parser.add_argument("-o", "--output", default="badges", help="directory (default: badges)")
    args = parser.parse_args(argv)
    output = Path(args.output).resolve()
    try:
        files = expand_paths(args.results)
        for path in files:
            if path.resolve().parent == output:
                # Endpoint JSON beside results files would be read back as results later.
                return _error(
                    f"-o {args.output}: holds the results file {path}; write badges elsewhere",
                    "badge",
                )
        if not files:
            return _error(f"no results files in {' '.join(args.results)}", "badge")
        written = write_badges(load_many(files), output)
    except ResultsError as exc:
        return _error(str(exc), "badge")
    print(f"copyview badge: {len(written)} files in {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``copyview site``; ``argv`` excludes the program and sub-command."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.diff:
        return diff_main(args.diff)
    try:
        from mkdocs.exceptions import MkDocsException

        from conformance.site.build import BuildError, build_site, default_config
    except ImportError as exc:
        return _error(f"{exc.name or 'mkdocs'} is not installed: pip install 'copyview[site]'")
    config = args.config or (None if args.standalone else default_config())
    shown = {}
    for choice in args.show:
        name, sep, version = choice.partition("==")
        if not (sep and name and version):
            return _error(f"--show {choice!r}: give NAME==VERSION, e.g. numpy==2.0.2")
        shown[name] = version
    try:
        report = build_site(
            args.results,
            args.output,
            config,
            strict=not args.no_strict,
            shown=shown,
            jobs=args.jobs,
        )
    except (ResultsError, BuildError) as exc:
        return _error(str(exc))
    except MkDocsException as exc:
        return _error(f"the site build failed: {str(exc).strip().splitlines()[-1]}")
    print(
        f"copyview site: {report.pages} pages from {report.results_files} results file(s), "
        f"{report.libraries} librar{'y' if report.libraries == 1 else 'ies'}, in "
        f"{report.seconds:.1f} s -> {report.out_dir}"
    )
    print(f"open {Path(report.out_dir).resolve() / 'index.html'} in a browser")
    return 0
