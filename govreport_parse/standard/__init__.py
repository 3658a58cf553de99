"""Statistics: layout detection, the standard tables as canonical metrics, headline
figures from prose, and the report's own arithmetic checked.

>>> analyze("一、总体情况", tables=(), facts=(), sections=(), year=2018).layout
'narrative'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Check, Diagnostic, Fact, Layout, Metric, Section, Table

__all__ = ["StandardResult", "analyze"]


@dataclass(frozen=True, slots=True, kw_only=True)
class StandardResult:
    """Layout, metrics and checks of one report."""

    layout: Layout
    metrics: tuple[Metric, ...] = ()
    checks: tuple[Check, ...] = ()
    tables: tuple[Table, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def analyze(
    text: str,
    *,
    tables: Sequence[Table],
    facts: Sequence[Fact],
    sections: Sequence[Section],
    year: int | None,
) -> StandardResult:
    """Layout, metrics and checks (minimal first version: layout only).

    ``tables`` are the real table objects the loader found; the returned
    ``tables`` are any extra ones rebuilt from text forms.
    """
    if "本年制发件数" in text or "逾期不补正" in text:
        return StandardResult(layout="standard_2021")
    if "本年新制作数量" in text or "对外公开总数量" in text:
        return StandardResult(layout="standard_2019")
    return StandardResult(layout="narrative")
