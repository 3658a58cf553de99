"""Review pages: one self-contained HTML page per report and an index for a dataset.

Everything shown is generated from the typed :class:`~govreport_parse.model.Report`
(a dataset record, ``Report.to_dict()``, is rebuilt with ``Report.from_dict``
first), so a page and the data can never disagree. Pages need no network:
inline CSS, a few lines of plain JavaScript, fonts from the system.

>>> import tempfile, pathlib
>>> from govreport_parse import parse_text
>>> report = parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。", name="a.txt")
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_page(report, out / page_name(report)).name == page_name(report)
True
>>> write_index(out, [report.to_dict()], []).name
'index.html'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model import Failure, Report
from ._util import write_atomic
from .index import page_name, render_index
from .page import render_page

__all__ = ["INDEX_NAME", "page_name", "render_index", "render_page", "write_index", "write_page"]

INDEX_NAME = "index.html"


def write_page(report: Report | Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write the review page of a Report (a dataset record is rebuilt with
    ``Report.from_dict``) to ``path``; returns the path.

    The file is written atomically (a temporary file, then a rename).
    """
    return write_atomic(path, render_page(report))


def write_index(
    outdir: str | os.PathLike[str],
    reports: Iterable[Report | Mapping[str, Any]],
    failures: Iterable[Failure | Mapping[str, Any]] = (),
) -> Path:
    """Write ``outdir/index.html`` for a dataset; returns its path.

    ``reports`` are Reports (or their dataset records) whose pages are named by
    :func:`page_name` in the same folder; ``failures`` are Failures (or their
    ``failures.jsonl`` records).
    """
    return write_atomic(Path(outdir) / INDEX_NAME, render_index(reports, failures))
