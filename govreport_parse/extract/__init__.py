"""Fact extraction: one module per kind, run in an explicit priority order.

>>> r = extract_facts("办结同意率100%。", year=2018)
>>> [(f.kind, f.text) for f in r.facts]
[('percentage', '100%')]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..model import Diagnostic, Fact, Percentage

__all__ = ["ExtractResult", "extract_facts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractResult:
    """Facts sorted by ``start`` (``start``/``end``/``text`` set; placement fields not yet)."""

    facts: tuple[Fact, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


_PCT = regex.compile(r"\d+(?:\.\d+)?[%％]")


def extract_facts(text: str, *, year: int | None = None, labels: bool = True) -> ExtractResult:
    """Every fact in ``text`` (minimal first version: percentages only)."""
    facts = [
        Percentage(text=m.group(), start=m.start(), end=m.end(), value=float(m.group()[:-1]))
        for m in _PCT.finditer(text)
    ]
    return ExtractResult(facts=tuple(facts))
