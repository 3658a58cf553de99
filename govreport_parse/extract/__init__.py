"""Fact extraction: one module per kind, run in an explicit priority order.

Every module matches on the same-length matching view of the text
(:func:`.view.matching_view`), so spans index the text of record. Where
candidates of different kinds overlap, the earlier kind in :data:`PRIORITY`
wins: a year inside a document number is not a date, the digits of a phone
number are not a quantity, a date inside a cited title is part of the title.

>>> r = extract_facts("办结同意率100%。", year=2018)
>>> [(f.kind, f.text) for f in r.facts]
[('percentage', '100%')]
>>> t = "《通知》(张政字〔2018〕24 号)，自3月8日起，电话:0533-2869836，共142件"
>>> for f in extract_facts(t, year=2018, labels=False).facts:
...     print(f.kind, f.text)
citation 《通知》
doc_number 张政字〔2018〕24 号
date 3月8日
contact 0533-2869836
quantity 142件
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Citation, Diagnostic, DocNumber, Fact, Percentage, Quantity
from . import citation, contact, date, docnumber, percentage, quantity
from .base import Context, InvalidFactError
from .view import matching_view

__all__ = ["PRIORITY", "Context", "ExtractResult", "InvalidFactError", "extract_facts", "matching_view"]

Finder = Callable[[str, str, Context], Sequence[Fact]]

PRIORITY: tuple[tuple[str, Finder], ...] = (
    ("doc_number", docnumber.find),
    ("citation", citation.find),
    ("contact", contact.find),
    ("date", date.find),
    ("percentage", percentage.find),
    ("quantity", quantity.find),
)
"""Fact modules, highest priority first: an overlap keeps the earlier kind."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractResult:
    """Facts sorted by ``start`` (``start``/``end``/``text`` set; placement fields not yet)."""

    facts: tuple[Fact, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def _keep_free(candidates: Sequence[Fact], taken: list[tuple[int, int]]) -> list[Fact]:
    """Candidates (sorted by start) that overlap nothing in ``taken`` (sorted, disjoint)."""
    out: list[Fact] = []
    j = 0
    n = len(taken)
    last_end = -1
    for f in sorted(candidates, key=lambda f: f.start):
        if f.start < last_end:
            continue  # overlaps an earlier candidate of the same kind
        while j < n and taken[j][1] <= f.start:
            j += 1
        if j < n and taken[j][0] < f.end:
            continue
        out.append(f)
        last_end = f.end
    return out


def _merge(taken: list[tuple[int, int]], new: Sequence[Fact]) -> list[tuple[int, int]]:
    """Both sorted: timsort merges the two runs in linear time, in C."""
    return sorted(taken + [(f.start, f.end) for f in new])


def extract_facts(text: str, *, year: int | None = None, labels: bool = True) -> ExtractResult:
    """Every fact in ``text``; ``year`` completes partial dates; ``labels`` runs jieba for labels.

    >>> r = extract_facts("格式》(国办公开办函〔202130)")
    >>> r.facts[0].normalized, r.diagnostics[0].code
    ('国办公开办函〔2021〕30号', 'doc_number_repaired')
    """
    view = matching_view(text)
    ctx = Context(year=year, labels=labels)
    diagnostics: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    kept: dict[str, list[Fact]] = {}
    for kind, finder in PRIORITY:
        try:
            found = finder(text, view, ctx)
        except TimeoutError:
            diagnostics.append(
                Diagnostic(
                    code="extract_timeout",
                    severity="warning",
                    message=f"{kind} extraction took too long and was skipped for this document",
                )
            )
            continue
        free = _keep_free(found, taken)
        kept[kind] = free
        taken = _merge(taken, free)
    docs = [f for f in kept.get("doc_number", ()) if isinstance(f, DocNumber)]
    cites = [f for f in kept.get("citation", ()) if isinstance(f, Citation)]
    kept["citation"] = list(citation.link(cites, docs, view))
    if labels:
        shares = [f for f in kept.get("percentage", ()) if isinstance(f, Percentage)]
        counts = [f for f in kept.get("quantity", ()) if isinstance(f, Quantity)]
        kept["percentage"] = list(percentage.link(shares, counts, view))
    diagnostics.extend(docnumber.diagnostic(d) for d in docs if d.repaired)
    diagnostics.extend(quantity.run_diagnostics(text, view))
    facts: list[Any] = [f for fs in kept.values() for f in fs]
    facts.sort(key=lambda f: f.start)
    diagnostics.sort(key=lambda d: (d.start if d.start is not None else -1))
    return ExtractResult(facts=tuple(facts), diagnostics=tuple(diagnostics))
