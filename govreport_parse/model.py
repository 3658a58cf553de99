"""The typed data model: frozen, slotted, keyword-only dataclasses.

Offsets: ``start``/``end`` index :attr:`Report.text` (the cleaned text, Python
``str`` offsets); ``source_start``/``source_end`` index the text as read from
the file (:attr:`RawDocument.text`, before cleaning).

Serialized facts are a tagged union on ``kind``. New fields get defaults.

>>> q = Quantity(text="142件", start=10, end=14, value=142, unit="件")
>>> q.kind, q.to_dict()["value"]
('quantity', 142)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any, Literal

from ._version import __version__

__all__ = [
    "SCHEMA_VERSION",
    "Artifact",
    "Check",
    "Citation",
    "Contact",
    "DateFact",
    "Diagnostic",
    "DocNumber",
    "Fact",
    "Failure",
    "Metric",
    "OcrText",
    "Percentage",
    "Quantity",
    "RawCell",
    "RawDocument",
    "RawTable",
    "Report",
    "Section",
    "SourceInfo",
    "Span",
    "Table",
]

SCHEMA_VERSION = "1.0"

Severity = Literal["info", "warning", "error"]
Layout = Literal["narrative", "standard_2019", "standard_2021", "unknown"]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than", "nearly"]


def _plain(value: Any) -> Any:
    """Convert model values to JSON-ready Python values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin: ``to_dict`` over dataclass fields, in declaration order."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span(_Record):
    """A half-open range ``[start, end)`` of the clean text."""

    start: int
    end: int


# --------------------------------------------------------------------------- input side


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo(_Record):
    """Where a report came from. ``pages`` is ``None`` for formats without pages."""

    name: str
    sha256: str
    format: Literal["txt", "pdf", "docx", "html", "doc"]
    encoding: str | None = None
    pages: int | None = None
    size: int = 0
    #: pages (1-based) whose text was read by OCR, the engine, and its mean confidence
    ocr_pages: tuple[int, ...] = ()
    ocr_engine: str | None = None
    ocr_confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RawCell(_Record):
    """One cell of a table as read. ``start``/``end`` index ``RawDocument.text`` (-1 if unknown)."""

    text: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class RawTable(_Record):
    """A table as a dense grid (merged cells expanded; a merged cell repeats in
    every grid slot it covers, with ``None`` marking the non-anchor slots)."""

    rows: tuple[tuple[RawCell | None, ...], ...]
    page: int | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark(_Record):
    """A loader's note that ``[start, end)`` of the raw text is an artifact
    (a running header, a page footer, a fake-bold duplicate glyph...).
    The cleaner removes marked spans first and records each as an artifact."""

    kind: str
    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """What every loader returns: the rest of the pipeline never asks the format.

    ``page_starts[i]`` is the offset in ``text`` where page ``i + 1`` begins.
    """

    text: str
    source: SourceInfo
    page_starts: tuple[int, ...] = ()
    tables: tuple[RawTable, ...] = ()
    marks: tuple[Mark, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    ocr: tuple[OcrText, ...] = ()


# --------------------------------------------------------------------------- output side


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrText(_Record):
    """One text box read by OCR: its page, the engine's confidence and where its characters are.

    ``start``/``end`` index the clean text, ``source_start``/``source_end`` the text as read
    (-1 where the box's characters could not be placed, e.g. a box the cleaner removed).

    >>> OcrText(page=2, text="859", confidence=0.93, start=120, end=123).to_dict()["confidence"]
    0.93
    """

    page: int
    text: str
    confidence: float
    start: int = -1
    end: int = -1
    source_start: int = -1
    source_end: int = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact(_Record):
    """One change the cleaner made. ``original`` is ``source_text[source_start:source_end]``
    as read; ``at`` is where the replacement stands in the clean text.

    ``step``/``step_start``/``step_end`` locate the edit in the input of the
    fixer that made it, so the ordered list replays exactly
    (see :func:`govreport_parse.clean.replay`).
    """

    kind: str
    original: str
    source_start: int
    source_end: int
    replacement: str
    at: int = 0
    step: int = 0
    step_start: int = 0
    step_end: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic(_Record):
    """A problem found in a document that still parsed."""

    code: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(_Record):
    """A numbered section or an inline item (``kind="item"`` for 一是…).

    ``id`` is the path of ordinals (``"1.3"``); ``start``/``end`` cover the
    heading and the body up to the next section of the same or a higher level.
    ``title_start``/``title_end`` locate ``title`` in the clean text.
    """

    id: str
    number: str
    ordinal: int
    level: int
    title: str
    start: int
    end: int
    style: str = ""
    kind: Literal["heading", "item"] = "heading"
    title_start: int = 0
    title_end: int = 0
    children: tuple[Section, ...] = ()

    def walk(self) -> tuple[Section, ...]:
        """This section and all descendants, depth first."""
        out: list[Section] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(_Record):
    """Fields every fact has. ``section`` is the id of the innermost section."""

    kind: str = ""
    text: str
    start: int
    end: int
    source_start: int = -1
    source_end: int = -1
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Fact):
    """A count or amount: ``value`` after 万/亿 and Chinese numerals.

    ``value_max`` is set for ranges (3至5件); ``label`` is what is counted.
    """

    kind: str = "quantity"
    value: int | float
    value_max: int | float | None = None
    unit: str | None = None
    qualifier: Qualifier = "exact"
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Percentage(Fact):
    """``92.2%`` is ``value=92.2``; 个百分点 has ``kind="percentage_point"``."""

    kind: str = "percentage"
    value: float
    qualifier: Qualifier = "exact"
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DateFact(Fact):
    """A date, possibly partial; ``year_inferred`` when the year came from the report.

    ``end_iso`` closes a period (自…起至…止); ``part`` names the month or year part
    (上旬, 月底, 上半年, 第一季度...).
    """

    kind: str = "date"
    iso: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: Literal["day", "month", "year", "month_part", "season", "year_part"] = "day"
    year_inferred: bool = False
    part: str | None = None
    role: Literal["point", "period_start", "period_end", "as_of"] = "point"


@dataclass(frozen=True, slots=True, kw_only=True)
class DocNumber(Fact):
    """A document number (发文字号) in GB/T 9704 form; decree numbers have ``year=None``."""

    kind: str = "doc_number"
    normalized: str
    agency: str
    year: int | None = None
    serial: int | None = None
    form: Literal["standard", "decree", "announcement"] = "standard"
    repaired: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation(Fact):
    """A cited title in 《》 with the document number that follows it, and its alias."""

    kind: str = "citation"
    title: str
    doc_number: str | None = None
    alias: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact(Fact):
    """A phone number, postcode, URL, e-mail or address."""

    kind: str = "contact"
    type: Literal["phone", "postcode", "url", "email", "address"]
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric(_Record):
    """One canonical figure. ``source`` is ``table`` or ``text``; ``derived`` when computed.

    ``start``/``end`` locate the figure in the clean text (``None`` when it was
    derived or its place is unknown).
    """

    name: str
    value: int | float | None
    raw: str | None = None
    unit: str | None = None
    source: Literal["table", "text"] = "table"
    start: int | None = None
    end: int | None = None
    derived: bool = False
    page: int | None = None
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _Record.to_dict(self)
        del d["name"]
        return d


@dataclass(frozen=True, slots=True, kw_only=True)
class Check(_Record):
    """An arithmetic check. ``refs`` are the clean-text spans of both sides."""

    rule: str
    status: Literal["pass", "fail", "skipped"]
    expected: float | None = None
    actual: float | None = None
    message: str = ""
    refs: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Table(_Record):
    """A table as read, cells as text (``None`` for empty). ``start``/``end`` in the clean text.

    ``spans`` parallels ``rows``: where each cell's text stands in the clean
    text (``None`` when unknown), so a metric read from a cell can point at it.
    """

    rows: tuple[tuple[str | None, ...], ...]
    page: int | None = None
    caption: str | None = None
    start: int | None = None
    end: int | None = None
    spans: tuple[tuple[Span | None, ...], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One parsed report. ``to_dict()`` is the dataset record (SPEC §3)."""

    source: SourceInfo
    text: str
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    layout: Layout = "unknown"
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    metrics: tuple[Metric, ...] = ()
    checks: tuple[Check, ...] = ()
    tables: tuple[Table, ...] = ()
    artifacts: tuple[Artifact, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    ocr: tuple[OcrText, ...] = ()
    schema_version: str = SCHEMA_VERSION
    parser_version: str = __version__

    def metric(self, name: str) -> Metric | None:
        """The metric called ``name``, or ``None``."""
        for m in self.metrics:
            if m.name == name:
                return m
        return None

    def all_sections(self) -> tuple[Section, ...]:
        """Every section and item, depth first."""
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The dataset record of SPEC §3 (JSON-ready)."""
        return {
            "schema_version": self.schema_version,
            "parser_version": self.parser_version,
            "source": self.source.to_dict(),
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "layout": self.layout,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
            "facts": [f.to_dict() for f in self.facts],
            "metrics": {m.name: m.to_dict() for m in self.metrics},
            "checks": [c.to_dict() for c in self.checks],
            "tables": [t.to_dict() for t in self.tables],
            "artifacts": [a.to_dict() for a in self.artifacts],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "ocr": [o.to_dict() for o in self.ocr],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The dataset record as JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_frame(self, table: str = "facts") -> Any:
        """One flat table of this report as a pandas DataFrame (``reports``,
        ``sections``, ``facts``, ``metrics`` or ``checks``)."""
        from .export.flat import to_pandas

        return to_pandas([self.to_dict()], table=table)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure(_Record):
    """A document that could not be parsed, as ``parse_many`` yields it."""

    path: str
    sha256: str | None
    error_type: str
    message: str
    seconds: float = 0.0


FACT_TYPES: dict[str, type[Fact]] = {
    "quantity": Quantity,
    "percentage": Percentage,
    "percentage_point": Percentage,
    "date": DateFact,
    "doc_number": DocNumber,
    "citation": Citation,
    "contact": Contact,
}
