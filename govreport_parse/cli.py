"""Command line: a thin shell over the library.

``govreport-parse FILE`` prints a readable outline; ``--json`` prints the record;
``batch`` turns many files into a dataset; ``view`` writes a review page.
Exit codes: 0 all parsed, 1 some failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from .config import ParseConfig, resolve_config
from .errors import GovReportError, OutputError
from .model import Report, Section

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _limit_args(parser: argparse.ArgumentParser) -> None:
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
        description="Parse a 政府信息公开工作年度报告 (PDF, DOCX, DOC, HTML or text).",
        epilog=(
            "Subcommands: `govreport-parse batch INPUT... -o OUTDIR`, "
            "`govreport-parse view FILE -o page.html`."
        ),
    )
    p.add_argument("file", help="the report to parse")
    p.add_argument("--json", action="store_true", help="print the dataset record as JSON")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON")
    _limit_args(p)
    return p


def _batch_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse batch", description="Parse many reports into a dataset."
    )
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders, globs, .zip or .tar.gz archives"
    )
    p.add_argument("-o", "--out", required=True, help="output folder")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    p.add_argument("--resume", action="store_true", help="skip inputs already in the output (by sha256)")
    p.add_argument("--format", default="jsonl,csv,parquet", help="comma list of jsonl,csv,parquet")
    p.add_argument("--executor", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --executor dask)")
    p.add_argument("--view", action="store_true", help="also write an HTML page per report and index.html")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    _limit_args(p)
    return p


def _view_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="govreport-parse view", description="Write a self-contained review page."
    )
    p.add_argument("file", help="the report to show")
    p.add_argument("-o", "--out", required=True, help="the HTML file to write")
    _limit_args(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] == "batch":
            return _run_batch(_batch_parser().parse_args(args_list[1:]))
        if args_list and args_list[0] == "view":
            return _run_view(_view_parser().parse_args(args_list[1:]))
        return _run_file(_file_parser().parse_args(args_list))
    except SystemExit as exc:  # argparse usage errors
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    except ValueError as exc:
        print(f"govreport-parse: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:  # the batch output folder cannot be written
        print(f"govreport-parse: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _run_file(args: argparse.Namespace) -> int:
    from .pipeline import parse

    config = _config_from(args)
    try:
        report = parse(args.file, config=config)
    except GovReportError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        sys.stdout.write(report.to_json(indent=args.indent) + "\n")
    else:
        print_outline(report, sys.stdout)
    return EXIT_OK


def _run_view(args: argparse.Namespace) -> int:
    from .pipeline import parse
    from .view import write_page

    try:
        report = parse(args.file, config=_config_from(args))
    except GovReportError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    write_page(report, args.out)
    print(f"wrote {args.out}")
    return EXIT_OK


def _run_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    bad = [f for f in formats if f not in ("jsonl", "csv", "parquet")]
    if bad:
        raise ValueError(f"unknown --format {', '.join(bad)}; use jsonl, csv, parquet")
    if args.executor == "dask" and not args.scheduler:
        raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
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
        progress=None if not args.quiet else False,
    )
    print(summary.format())
    return EXIT_FAILED if summary.failed else EXIT_OK


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
