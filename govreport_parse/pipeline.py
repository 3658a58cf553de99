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
from .decide import decide
from .errors import EmptyDocumentError, NotAReportError, ParseTimeoutError
from .extract import extract_facts
from .issuer import REGION_TABLE, identify
from .model import Diagnostic, Fact, OcrText, RawDocument, RawTable, Report, Section, Span, Table
from .segment import find_metadata, segment
from .standard import analyze
from .traditional import ScriptView, restore_original, simplified_view

__all__ = ["parse", "parse_raw", "parse_text", "time_budget"]

ConfigArg = ParseConfig | Mapping[str, Any] | None


def parse(
    path: str | os.PathLike[str],
    *,
    config: ConfigArg = None,
    name: str | None = None,
    require_report: bool = True,
) -> Report:
    """Parse one file into a :class:`~govreport_parse.model.Report`.

    The format (PDF, DOCX, DOC/WPS, HTML or text in UTF-8/GB18030/UTF-16) is
    decided from the content; the suffix only breaks ties, so a ``.jsp``,
    ``.aspx`` or suffixless download parses like any other.

    Settings:
        config: a :class:`~govreport_parse.config.ParseConfig` or a dict of its
            fields, e.g. ``{"limits": {"max_pages": 5000}}`` (see ``docs/limits.md``).
        name: the name recorded in ``report.source.name`` and in errors
            (default: the path as given).
        require_report: when true (the default) a document that is not a
            政府信息公开工作年度报告 raises :class:`~govreport_parse.errors.NotAReportError`
            with the evidence; ``False`` parses it anyway (``report.evidence``
            still says what it looks like).

    Raises (all subclasses of :class:`~govreport_parse.errors.GovReportError`):
        UnreadableFileError: missing file, a folder, no permission.
        UnsupportedFormatError: an image, an archive, an executable.
        EmptyDocumentError: nothing to parse.
        EncodingError, CorruptFileError, EncryptedFileError, NoTextLayerError,
        DependencyMissingError: the file cannot be read as a document.
        NotAReportError: readable, but not a report (see ``require_report``).
        LimitExceededError, ParseTimeoutError: a safety limit was reached.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "2396")  # saved without a suffix
    >>> with open(path, "w", encoding="gb18030") as fh:
    ...     _ = fh.write("某县人民政府2019年政府信息公开工作年度报告\\n一、总体情况\\n主动公开信息12条。")
    >>> r = parse(path)
    >>> r.year, r.source.encoding, r.evidence.kind
    (2019, 'gb18030', 'annual_report')
    """
    cfg = resolve_config(config)
    started = time.monotonic()
    raw = load.load_path(path, cfg, name=name)
    return parse_raw(raw, cfg, deadline=started + time_budget(raw, cfg), require_report=require_report)


def time_budget(raw: RawDocument, config: ParseConfig) -> float:
    """Seconds a document may take: ``max_seconds``, plus ``max_ocr_page_seconds`` per page
    read by OCR."""
    return config.limits.max_seconds + len(raw.source.ocr_pages) * config.limits.max_ocr_page_seconds


def parse_text(
    text: str, *, name: str = "<text>", config: ConfigArg = None, require_report: bool = True
) -> Report:
    """Parse text that was already extracted from a report.

    Settings and errors as for :func:`parse`; ``name`` names the text in the
    record and in errors.

    >>> try:
    ...     parse_text("随便一段中文文本，不是年报。")
    ... except NotAReportError as err:
    ...     print(err.message.split(";")[0])
    not a report: other (score 0, bar 3): no evidence of a report
    >>> parse_text("随便一段中文文本，不是年报。", require_report=False).evidence.is_report
    False
    """
    cfg = resolve_config(config)
    return parse_raw(load.from_text(text, name, cfg), cfg, require_report=require_report)


def parse_raw(
    raw: RawDocument, config: ParseConfig, *, deadline: float | None = None, require_report: bool = True
) -> Report:
    """Run every stage after loading on a :class:`RawDocument`."""
    if deadline is None:
        deadline = time.monotonic() + config.limits.max_seconds
    name = raw.source.name
    # a traditional-character text is read through a simplified view of the same length
    script = simplified_view(raw.text)
    cleaned = clean_text(script.text, raw.marks, config.clean)
    read = cleaned.text
    text = restore_original(read, cleaned.offsets, raw.text, script.text) if script.converted else read
    _require_chinese(text, name)
    _tick(deadline, name, config)
    meta = find_metadata(read, name)
    evidence = decide(read, title=meta.title)
    if require_report and not evidence.is_report:
        raise NotAReportError(evidence.rejection(), path=name)
    seg = segment(read)
    _tick(deadline, name, config)
    tables = tuple(_place_table(t, cleaned.offsets) for t in raw.tables)
    found = extract_facts(read, year=meta.year, labels=config.extract_labels)
    _tick(deadline, name, config)
    facts = _place_facts(found.facts, cleaned.offsets, raw.page_starts, seg.sections)
    if script.converted:  # a fact quotes the original text
        facts = tuple(dataclasses.replace(f, text=text[f.start : f.end]) for f in facts)
    stats = analyze(read, tables=tables, facts=facts, sections=seg.sections, year=meta.year)
    _tick(deadline, name, config)
    who = identify(meta.issuer, title=meta.title, path=name, text=read)
    return Report(
        source=raw.source,
        text=text,
        title=meta.title,
        issuer=meta.issuer,
        year=meta.year,
        layout=stats.layout,
        sections=_attach(seg.sections, text, cleaned.offsets, raw.page_starts),
        facts=facts,
        metrics=stats.metrics,
        checks=stats.checks,
        tables=tables + stats.tables,
        artifacts=cleaned.artifacts,
        diagnostics=raw.diagnostics
        + _script_diagnostics(script)
        + seg.diagnostics
        + found.diagnostics
        + stats.diagnostics,
        evidence=evidence,
        layout_evidence=stats.layout_evidence,
        issuer_canonical=who.canonical,
        issuer_level=who.level,
        region_code=who.region_code,
        region_table=REGION_TABLE if who.region_code else None,
        issuer_rule=who.rule,
        ocr=_place_ocr(raw.ocr, cleaned.offsets, text),
    )


def _script_diagnostics(script: ScriptView) -> tuple[Diagnostic, ...]:
    """Say that a traditional-character text was read through its simplified view."""
    if script.converted:
        return (
            Diagnostic(
                code="clean.traditional_characters",
                severity="info",
                message="traditional characters: read through OpenCC t2s (same offsets; text as published)",
            ),
        )
    if script.note:
        return (Diagnostic(code="clean.traditional_characters", severity="warning", message=script.note),)
    return ()


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


def _attach(
    sections: Sequence[Section], text: str, offsets: OffsetMap, page_starts: Sequence[int]
) -> tuple[Section, ...]:
    """Sections that know their page and the report's text (``Section.text``, ``Section.page``)."""
    return tuple(
        dataclasses.replace(
            s,
            page=_page_of(offsets.to_source(s.start, s.start)[0], page_starts),
            doc_text=text,
            children=_attach(s.children, text, offsets, page_starts),
        )
        for s in sections
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


def _place_ocr(boxes: Sequence[OcrText], offsets: OffsetMap, text: str) -> tuple[OcrText, ...]:
    """OCR text boxes with their span of the clean text: where their source span maps, or found
    again next to it when cleaning moved characters (a table cell's line break); -1 where nothing of
    a box is left (a page number the cleaner removed)."""
    placed = []
    for b in boxes:
        start = end = -1
        want = "".join(b.text.split())
        if b.source_start >= 0 and want:
            at = offsets.to_clean(b.source_start)
            span = _find_squashed(text, want, max(0, at - 8), min(len(text), at + len(b.text) + 16))
            if span is not None:
                start, end = span
        placed.append(dataclasses.replace(b, start=start, end=end))
    return tuple(placed)


def _find_squashed(text: str, want: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of ``text[lo:hi]`` that holds ``want`` with any whitespace between its characters.

    >>> _find_squashed("其\\n他 合计", "其他", 0, 8)
    (0, 3)
    """
    for start in range(lo, hi):
        if text[start] != want[0]:
            continue
        k, pos = 0, start
        while pos < len(text) and k < len(want):
            if text[pos] == want[k]:
                k += 1
            elif not text[pos].isspace():
                break
            pos += 1
        if k == len(want):
            return start, pos
    return None


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
