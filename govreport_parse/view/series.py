"""Issuers over time in the review index: per-issuer series of the headline figures, each
year linked to its report's page and to a compare page against the issuer's previous year.

Reports are grouped by ``issuer_canonical`` (docs/panel.md); one issuer-year with several
reports shows the one with the most headline figures (then the smaller sha256), as the
panel does. A compare page (``compare-<a>-<b>.html``, twelve hex digits of each sha256) is
:func:`govreport_parse.compare.comparison_html` of the two reports.

>>> from govreport_parse.model import Metric, Report, SourceInfo
>>> def rep(sha, year, n):
...     return Report(source=SourceInfo(name=f"{year}.txt", sha256=sha * 64, format="txt"), text="",
...                   year=year, issuer_canonical="福建省福州市平潭县",
...                   metrics=(Metric(name="requests_received", value=n),))
>>> pairs = issuer_pairs([rep("b", 2023, 81), rep("a", 2025, 154)])
>>> [(a.year, b.year) for a, b in pairs], compare_page_name(*pairs[0])
([(2023, 2025)], 'compare-bbbbbbbbbbbb-aaaaaaaaaaaa.html')
>>> "compare-bbbbbbbbbbbb-aaaaaaaaaaaa.html" in render_series([rep("b", 2023, 81), rep("a", 2025, 154)])
True
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Sequence
from pathlib import Path

from ..model import Report
from ._util import attr, esc, fmt_number, write_atomic
from .index import page_name
from .page import HEADLINE_METRICS

__all__ = ["compare_page_name", "issuer_pairs", "render_series", "write_compare_pages"]


def _chosen(reports: Sequence[Report]) -> dict[str, dict[int, Report]]:
    """issuer_canonical -> year -> the report shown for that issuer-year."""
    out: dict[str, dict[int, Report]] = {}
    for r in sorted(reports, key=lambda r: r.source.sha256):
        if not r.issuer_canonical or r.year is None:
            continue
        years = out.setdefault(r.issuer_canonical, {})
        have = years.get(r.year)
        score = sum(1 for n in HEADLINE_METRICS if r.metric(n, None) is not None)
        if have is None or score > sum(1 for n in HEADLINE_METRICS if have.metric(n, None) is not None):
            years[r.year] = r
    return out


def issuer_pairs(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """Each issuer's consecutive reported years (previous, next), by issuer then year."""
    pairs: list[tuple[Report, Report]] = []
    for _, years in sorted(_chosen(reports).items()):
        ordered = [years[y] for y in sorted(years)]
        pairs.extend(itertools.pairwise(ordered))
    return pairs


def compare_page_name(a: Report, b: Report) -> str:
    """The file name of the compare page from ``a`` to ``b``."""
    return f"compare-{a.source.sha256[:12].lower()}-{b.source.sha256[:12].lower()}.html"


def render_series(reports: Sequence[Report]) -> str:
    """The index section: one table per issuer with two or more years, headline figures by year."""
    chosen = {k: v for k, v in _chosen(reports).items() if len(v) > 1}
    if not chosen:
        return '<p class="muted">No issuer has two reported years in this dataset.</p>'
    parts = []
    for issuer, years in sorted(chosen.items()):
        ordered = [years[y] for y in sorted(years)]
        head = "".join(
            f'<th class="num"><a{attr("href", page_name(r))}>{esc(r.year)}</a></th>' for r in ordered
        )
        links = "<td></td>" + "".join(
            f'<td class="num"><a{attr("href", compare_page_name(a, b))}'
            f'{attr("title", f"what changed from {a.year} to {b.year}")}>Δ {esc(a.year)}</a></td>'
            for a, b in itertools.pairwise(ordered)
        )
        rows = "".join(
            f"<tr><th>{esc(name)}</th>"
            + "".join(f'<td class="num">{fmt_number(_value(r, name))}</td>' for r in ordered)
            + "</tr>"
            for name in HEADLINE_METRICS
        )
        code = ordered[-1].region_code or ""
        parts.append(
            f'<table class="pivot series"{attr("aria-label", issuer)}><caption>{esc(issuer)}'
            f' <span class="muted">{esc(code)}</span></caption>'
            f"<thead><tr><th>metric \\ year</th>{head}</tr></thead>"
            f"<tbody>{rows}<tr><th>compare</th>{links}</tr></tbody></table>"
        )
    return "".join(parts)


def _value(report: Report, name: str) -> float | None:
    m = report.metric(name, None)
    return None if m is None or m.value is None else float(m.value)


def write_compare_pages(
    outdir: str | os.PathLike[str], reports_jsonl: str | os.PathLike[str], reports: Sequence[Report],
    *, limit: int | None = None,
) -> list[Path]:
    """Write a compare page for each issuer's consecutive years into ``outdir``.

    ``reports`` may be light (no text); the two full records of each pair are read again
    from ``reports_jsonl`` by their offsets, so memory holds two reports at a time.
    """
    from ..compare import compare, comparison_html

    pairs = issuer_pairs(reports)
    if not pairs:
        return []
    wanted = {r.source.sha256 for pair in pairs for r in pair}
    offsets: dict[str, int] = {}
    with open(os.fspath(reports_jsonl), "rb") as fh:
        pos = 0
        for line in fh:
            if limit is not None and pos + len(line) > limit:
                break
            if line.endswith(b"\n") and line.strip():
                sha = json.loads(line).get("source", {}).get("sha256")
                if sha in wanted and sha not in offsets:
                    offsets[sha] = pos
            pos += len(line)

        def load(sha: str) -> Report:
            fh.seek(offsets[sha])
            return Report.from_dict(json.loads(fh.readline()))

        written = []
        for a, b in pairs:
            if a.source.sha256 not in offsets or b.source.sha256 not in offsets:
                continue
            full_a, full_b = load(a.source.sha256), load(b.source.sha256)
            page = comparison_html(compare(full_a, full_b), full_b.text)
            written.append(write_atomic(Path(outdir) / compare_page_name(a, b), page))
    return written
