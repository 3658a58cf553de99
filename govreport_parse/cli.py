"""Command line: a thin shell over the library.

``govreport-parse FILE`` prints a readable outline; ``--json`` prints the record;
``batch`` turns many files into a dataset; ``view`` writes a review page; ``compare``
says what changed from one report to another.

Exit codes (the same for every command; :data:`EXIT_CODES`):

====  ==================================================================
0     success: every input parsed (also: the reader of stdout closed it)
1     data problem: at least one input could not be parsed
2     usage error: bad arguments, an input that does not exist, ``-o`` naming
      an existing file where a folder is needed
3     no report found: the input is not a report, or a batch took no report
130   interrupted (Ctrl-C); a batch commits what finished and prints the
      ``--resume`` command that continues it
====  ==================================================================

>>> EXIT_CODES[3]
'no report found'
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from ._version import __version__
from .config import ParseConfig, resolve_config
from .errors import GovReportError, NotAReportError, OutputError, UnreadableFileError
from .model import Report, Section

__all__ = ["EXIT_CODES", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NO_REPORT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_FAILED: "some input could not be parsed",
    EXIT_USAGE: "usage error",
    EXIT_NO_REPORT: "no report found",
    EXIT_INTERRUPTED: "interrupted",
}
"""The exit codes of every command and what each means."""

_EPILOG_CODES = "exit codes: " + ", ".join(f"{k} {v}" for k, v in EXIT_CODES.items())


class _Usage(Exception):
    """A usage error found after argument parsing (exit 2)."""


def _common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"govreport-parse {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors (no progress, notes)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="say more: evidence for decisions, every document"
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="raise or lower a safety limit, e.g. --limit max_pages=5000 (see docs/limits.md)",
    )


def _config_from(args: argparse.Namespace) -> ParseConfig:
    limits: dict[str, Any] = {}
    for item in args.limit:
        key, _, value = item.partition("=")
        if not value:
            raise ValueError(f"--limit expects NAME=VALUE, got {item!r}")
        limits[key.strip()] = float(value) if "." in value else int(value)
    return resolve_config({"limits": limits} if limits else None)


def _file_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse",
        description="Parse a 政府信息公开工作年度报告 (PDF, DOCX, DOC, HTML or text, by content).",
        epilog=(
            "Subcommands: `govreport-parse batch INPUT... -o OUTDIR`, "
            "`govreport-parse view FILE -o page.html`.  " + _EPILOG_CODES
        ),
    )
    p.add_argument("file", help="the report to parse")
    p.add_argument("--json", action="store_true", help="print the dataset record as JSON")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON")
    p.add_argument(
        "--not-a-report-ok",
        dest="require_report",
        action="store_false",
        help="parse the document even when it does not look like a report",
    )
    _common_args(p)
    return p


def _batch_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse batch",
        description="Parse many reports into a dataset.  Files in folders and archives are taken by content.",
        epilog=_EPILOG_CODES,
    )
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders, globs, .zip or .tar.gz archives"
    )
    p.add_argument("-o", "--out", required=True, help="output folder")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    p.add_argument("--resume", action="store_true", help="skip inputs already in the output (by sha256)")
    p.add_argument("--format", default="jsonl,csv,parquet", help="comma list of jsonl,csv,parquet,duckdb")
    p.add_argument("--executor", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --executor dask)")
    p.add_argument("--view", action="store_true", help="also write an HTML page per report and index.html")
    p.add_argument(
        "--include", action="append", default=[], metavar="GLOB",
        help="take only files of folders/archives matching GLOB (name or path; repeatable)",
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="leave out files of folders/archives matching GLOB (repeatable)",
    )
    p.add_argument(
        "--parts", default=None, metavar="URL",
        help="with --executor dask: folder or fsspec URL every worker can write, for the records "
        "(default OUT/parts)",
    )
    p.add_argument(
        "--publish", default=None, metavar="URL",
        help="at the end, copy the dataset files to this folder or fsspec URL (s3://bucket/dataset)",
    )
    _common_args(p)
    return p


def _view_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse view", description="Write a self-contained review page.", epilog=_EPILOG_CODES
    )
    p.add_argument("file", help="the report to show")
    p.add_argument("-o", "--out", required=True, help="the HTML file to write")
    _common_args(p)
    return p


def _compare_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse compare",
        description="What changed from report A to report B: metric deltas with both sources, "
        "sections added and removed, text reuse with the passages.",
        epilog=_EPILOG_CODES,
    )
    p.add_argument("a", help="the earlier report")
    p.add_argument("b", help="the later report")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--html", metavar="FILE", default=None, help="also write a self-contained HTML page")
    _common_args(p)
    return p


def _run_compare(args: argparse.Namespace) -> int:
    from .compare import compare, comparison_html
    from .pipeline import parse

    for path in (args.a, args.b):
        _check_input(path)
    if args.html and os.path.isdir(args.html):
        raise _Usage(f"--html {args.html!r} is a folder; give the HTML file to write")
    config = _config_from(args)
    try:
        a = parse(args.a, config=config)
        b = parse(args.b, config=config)
    except GovReportError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return _error_code(exc)
    result = compare(a, b)
    if args.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        print(result.format())
    if args.html:
        with open(args.html, "w", encoding="utf-8") as fh:
            fh.write(comparison_html(result, b.text))
        if not args.quiet:
            print(f"wrote {args.html}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see :data:`EXIT_CODES`)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            if args_list and args_list[0] == "batch":
                return _run_batch(_batch_parser().parse_args(args_list[1:]), args_list)
            if args_list and args_list[0] == "view":
                return _run_view(_view_parser().parse_args(args_list[1:]))
            if args_list and args_list[0] == "compare":
                return _run_compare(_compare_parser().parse_args(args_list[1:]))
            return _run_file(_file_parser().parse_args(args_list))
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
        except (ValueError, _Usage) as exc:
            print(f"govreport-parse: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OutputError as exc:  # the batch output folder cannot be written
            print(f"govreport-parse: {type(exc).__name__}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            print("\ngovreport-parse: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader of stdout stopped (`… | head`): stop quietly; point stdout at
        # /dev/null so the interpreter's final flush does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _error_code(exc: GovReportError) -> int:
    if isinstance(exc, NotAReportError):
        return EXIT_NO_REPORT
    return EXIT_FAILED


def _check_input(path: str) -> None:
    if not os.path.lexists(path):
        raise _Usage(f"input {path!r} does not exist")


def _run_file(args: argparse.Namespace) -> int:
    from .pipeline import parse

    config = _config_from(args)
    _check_input(args.file)
    try:
        report = parse(args.file, config=config, require_report=args.require_report)
    except GovReportError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if isinstance(exc, NotAReportError) and not args.quiet:
            print("hint: --not-a-report-ok parses it anyway", file=sys.stderr)
        return _error_code(exc)
    if args.verbose and report.evidence is not None:
        print(f"evidence: {report.evidence.explain()}", file=sys.stderr)
    if args.json:
        sys.stdout.write(report.to_json(indent=args.indent) + "\n")
    else:
        print_outline(report, sys.stdout)
    return EXIT_OK


def _run_view(args: argparse.Namespace) -> int:
    from .pipeline import parse
    from .view import write_page

    _check_input(args.file)
    if os.path.isdir(args.out):
        raise _Usage(f"-o {args.out!r} is a folder; give the HTML file to write")
    try:
        report = parse(args.file, config=_config_from(args))
    except GovReportError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return _error_code(exc)
    if args.verbose and report.evidence is not None:
        print(f"evidence: {report.evidence.explain()}", file=sys.stderr)
    write_page(report, args.out)
    if not args.quiet:
        print(f"wrote {args.out}")
    return EXIT_OK


def resume_command(argv: Sequence[str]) -> str:
    """The command that continues an interrupted batch: the same arguments plus ``--resume``.

    >>> resume_command(["batch", "下载/", "-o", "out dir"])
    "govreport-parse batch '下载/' -o 'out dir' --resume"
    """
    args = list(argv)
    if "--resume" not in args:
        args.append("--resume")
    return shlex.join(["govreport-parse", *args])


def _run_batch(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from .batch import run_batch
    from .batch.run import BatchInterrupted

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in ("jsonl", "csv", "parquet", "duckdb")]
    if bad:
        raise ValueError(f"unknown --format {', '.join(bad)}; use jsonl, csv, parquet, duckdb")
    if args.executor == "dask" and not args.scheduler:
        raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise _Usage(f"-o {args.out!r} is an existing file; the output of a batch is a folder")
    try:
        summary = run_batch(
            args.inputs,
            args.out,
            workers=args.workers,
            resume=args.resume,
            formats=formats,
            executor=args.executor,
            scheduler=args.scheduler,
            config=_config_from(args),
            view=args.view,
            progress=False if args.quiet else None,
            verbose=args.verbose,
            include=args.include,
            exclude=args.exclude,
            parts=args.parts,
            publish=args.publish,
        )
    except BatchInterrupted as stop:
        print(stop.summary.format(), file=sys.stderr)
        print(f"interrupted; to continue: {resume_command(argv)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except UnreadableFileError as exc:
        raise _Usage(str(exc)) from None
    print(summary.format())
    if summary.failed:
        return EXIT_FAILED
    if summary.records == 0:
        why = ", ".join(f"{v} {k}" for k, v in sorted(summary.not_taken.items()))
        print(
            f"warning: no report found in {' '.join(args.inputs)}"
            + (f" ({summary.rejected} documents are not reports" if summary.rejected else " (")
            + (f"; files not taken: {why})" if why else ")"),
            file=sys.stderr,
        )
        return EXIT_NO_REPORT
    return EXIT_OK


# --------------------------------------------------------------------------- outline


def print_outline(report: Report, out: TextIO) -> None:
    """The human-readable outline of one report."""
    w = out.write
    src = report.source
    w(f"{report.title or '(no title found)'}\n")
    w(f"  issuer: {report.issuer or '-'}   year: {report.year or '-'}   layout: {report.layout}\n")
    pages = f", {src.pages} pages" if src.pages else ""
    enc = f", {src.encoding}" if src.encoding else ""
    w(f"  source: {src.name} ({src.format}{enc}{pages}), sha256 {src.sha256[:12]}\n")
    per_section: Counter[str | None] = Counter(f.section for f in report.facts)
    kinds = Counter(f.kind for f in report.facts)
    w(f"\nSections ({len(report.all_sections())}), facts per section:\n")

    def show(s: Section, depth: int) -> None:
        n = per_section.get(s.id, 0)
        marker = "·" if s.kind == "item" else s.number
        title = s.title if len(s.title) <= 40 else s.title[:39] + "…"
        w(f"  {'  ' * depth}{s.id:<8} {marker} {title}  [{n} facts]\n")
        for c in s.children:
            show(c, depth + 1)

    for s in report.sections:
        show(s, 0)
    w(f"\nFacts: {len(report.facts)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})\n")
    if report.metrics:
        w(f"\nMetrics ({len(report.metrics)}):\n")
        for m in report.metrics:
            if "." in m.name:
                continue
            unit = f" {m.unit}" if m.unit else ""
            w(f"  {m.name:<28} {m.value}{unit}  ({m.source}{', derived' if m.derived else ''})\n")
        n_cells = sum(1 for m in report.metrics if "." in m.name)
        if n_cells:
            w(f"  + {n_cells} table cells (see --json)\n")
    failing = [c for c in report.checks if c.status == "fail"]
    w(f"\nChecks: {len(report.checks)} ({len(failing)} failing)\n")
    for c in failing:
        w(f"  FAIL {c.rule}: {c.message}\n")
    art = Counter(a.kind for a in report.artifacts)
    w(f"\nArtifacts removed: {len(report.artifacts)}")
    w(f" ({', '.join(f'{k} {v}' for k, v in sorted(art.items()))})\n" if art else "\n")
    if report.diagnostics:
        w(f"\nDiagnostics ({len(report.diagnostics)}):\n")
        for d in report.diagnostics:
            w(f"  {d.severity}: {d.code}: {d.message}\n")
