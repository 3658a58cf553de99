"""The spine: load -> clean -> segment -> extract -> analyze -> assemble.

>>> r = parse_text("张店区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n同意率100%。", name="z.txt")
>>> pct = [f for f in r.facts if f.kind == "percentage"][0]
>>> r.year, r.sections[0].title, pct.text, pct.value, pct.section
(2018, '概述', '100%', 100.0, '1')
"""

from __future__ import annotations

import dataclasses
import os
import time
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import regex

from . import load
from .clean import OffsetMap, clean_text
from .config import ParseConfig, resolve_config
from .errors import EmptyDocumentError, NotAReportError, ParseTimeoutError
from .extract import extract_facts
from .model import Fact, OcrText, RawDocument, RawTable, Report, Section, Span, Table
from .segment import find_metadata, segment
from .standard import analyze

__all__ = ["parse", "parse_raw", "parse_text", "time_budget"]

ConfigArg = ParseConfig | Mapping[str, Any] | None


def parse(path: str | os.PathLike[str], *, config: ConfigArg = None, name: str | None = None) -> Report:
    """Parse one file (PDF, DOCX, DOC, HTML or text; format from the content and suffix)."""
    cfg = resolve_config(config)
    started = time.monotonic()
    raw = load.load_path(path, cfg, name=name)
    return parse_raw(raw, cfg, deadline=started + time_budget(raw, cfg))


def time_budget(raw: RawDocument, config: ParseConfig) -> float:
    """Seconds a document may take: ``max_seconds``, plus ``max_ocr_page_seconds`` per page
    read by OCR."""
    return config.limits.max_seconds + len(raw.source.ocr_pages) * config.limits.max_ocr_page_seconds


def parse_text(text: str, *, name: str = "<text>", config: ConfigArg = None) -> Report:
    """Parse text that was already extracted from a report."""
    cfg = resolve_config(config)
    return parse_raw(load.from_text(text, name, cfg), cfg)


def parse_raw(raw: RawDocument, config: ParseConfig, *, deadline: float | None = None) -> Report:
    """Run every stage after loading on a :class:`RawDocument`."""
    if deadline is None:
        deadline = time.monotonic() + config.limits.max_seconds
    name = raw.source.name
    cleaned = clean_text(raw.text, raw.marks, config.clean)
    text = cleaned.text
    _require_chinese(text, name)
    _tick(deadline, name, config)
    meta = find_metadata(text, name)
    seg = segment(text)
    _tick(deadline, name, config)
    tables = tuple(_place_table(t, cleaned.offsets) for t in raw.tables)
    found = extract_facts(text, year=meta.year, labels=config.extract_labels)
    _tick(deadline, name, config)
    facts = _place_facts(found.facts, cleaned.offsets, raw.page_starts, seg.sections)
    stats = analyze(text, tables=tables, facts=facts, sections=seg.sections, year=meta.year)
    _tick(deadline, name, config)
    return Report(
        source=raw.source,
        text=text,
        title=meta.title,
        issuer=meta.issuer,
        year=meta.year,
        layout=stats.layout,
        sections=seg.sections,
        facts=facts,
        metrics=stats.metrics,
        checks=stats.checks,
        tables=tables + stats.tables,
        artifacts=cleaned.artifacts,
        diagnostics=raw.diagnostics + seg.diagnostics + found.diagnostics + stats.diagnostics,
        ocr=_place_ocr(raw.ocr, cleaned.offsets),
    )


_HAN = regex.compile(r"\p{Han}+")


def _require_chinese(text: str, name: str) -> None:
    """A report is Chinese: refuse text with no (or almost no) Han characters."""
    sample = text[:50000]
    han = sum(map(len, _HAN.findall(sample)))
    visible = len("".join(sample.split()))  # str.split() splits on exactly str.isspace
    if visible == 0:
        raise EmptyDocumentError("no text left after cleaning; nothing to parse", path=name)
    if han == 0 or (visible >= 200 and han / visible < 0.02):
        raise NotAReportError(
            f"contains {han} Chinese characters in {visible} visible ones: not a Chinese "
            "government report (wrong file, or text in another script or encoding)",
            path=name,
        )


def _tick(deadline: float, name: str, config: ParseConfig) -> None:
    if time.monotonic() > deadline:
        limit = config.limits.max_seconds
        raise ParseTimeoutError(
            f"parsing took longer than the max_seconds limit of {limit:g} s; "
            "raise it with config={'limits': {'max_seconds': N}}",
            path=name,
            limit="max_seconds",
            maximum=limit,
        )


def _section_index(sections: Sequence[Section]) -> tuple[list[int], list[Section]]:
    """Sections flattened in document order (parents before children)."""
    flat: list[Section] = []
    for s in sections:
        flat.extend(s.walk())
    flat.sort(key=lambda s: (s.start, s.level))
    return [s.start for s in flat], flat


def _innermost(pos: int, starts: list[int], flat: list[Section]) -> str | None:
    i = bisect_right(starts, pos) - 1
    while i >= 0:
        s = flat[i]
        if s.start <= pos < s.end:
            return s.id
        i -= 1
    return None


def _page_of(source_offset: int, page_starts: Sequence[int]) -> int | None:
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, source_offset))


def _place_facts(
    facts: Sequence[Fact], offsets: OffsetMap, page_starts: Sequence[int], sections: Sequence[Section]
) -> tuple[Fact, ...]:
    starts, flat = _section_index(sections)
    placed = []
    for f in facts:
        s, e = offsets.to_source(f.start, f.end)
        placed.append(
            dataclasses.replace(
                f,
                source_start=s,
                source_end=e,
                page=_page_of(s, page_starts),
                section=_innermost(f.start, starts, flat),
            )
        )
    return tuple(placed)


def _place_ocr(boxes: Sequence[OcrText], offsets: OffsetMap) -> tuple[OcrText, ...]:
    """OCR text boxes with their span of the clean text (-1 where nothing of a box is left)."""
    placed = []
    for b in boxes:
        start = end = -1
        if b.source_start >= 0:
            start, end = offsets.to_clean(b.source_start), offsets.to_clean(b.source_end)
            if end <= start:
                start = end = -1
        placed.append(dataclasses.replace(b, start=start, end=end))
    return tuple(placed)


def _place_table(table: RawTable, offsets: OffsetMap) -> Table:
    rows: list[tuple[str | None, ...]] = []
    spans: list[tuple[Span | None, ...]] = []
    for row in table.rows:
        rows.append(tuple((c.text.strip() or None) if c is not None else None for c in row))
        spans.append(
            tuple(
                Span(start=offsets.to_clean(c.start), end=offsets.to_clean(c.end))
                if c is not None and c.start >= 0
                else None
                for c in row
            )
        )
    start = offsets.to_clean(table.start) if table.start >= 0 else None
    end = offsets.to_clean(table.end) if table.end >= 0 else None
    return Table(rows=tuple(rows), page=table.page, start=start, end=end, spans=tuple(spans))
