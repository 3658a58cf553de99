"""The typed data model: frozen, slotted, keyword-only dataclasses.

Offsets: ``start``/``end`` index :attr:`Report.text` (the cleaned text, Python
``str`` offsets); ``source_start``/``source_end`` index the text as read from
the file (:attr:`RawDocument.text`, before cleaning).

Serialized facts are a tagged union on ``kind``. New fields get defaults.

Records go both ways: ``to_dict`` writes the JSON-ready record and
``from_dict`` rebuilds the same objects from it, generically from each
dataclass's fields and type hints (a field added later round-trips with no
more code). A malformed record raises :class:`~govreport_parse.errors.RecordError`
naming the field path.

>>> q = Quantity(text="142件", start=10, end=14, value=142, unit="件")
>>> q.kind, q.to_dict()["value"]
('quantity', 142)
>>> Fact.from_dict(q.to_dict()) == q
True
"""

from __future__ import annotations

import difflib
import functools
import html
import json
import types
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin, overload

from ._version import __version__
from .decide import Decision  # the record's ``evidence``; decide imports nothing of the model
from .errors import RecordError

__all__ = [
    "FACT_TYPES",
    "SCHEMA_VERSION",
    "Artifact",
    "Check",
    "Citation",
    "Contact",
    "DateFact",
    "Diagnostic",
    "DocNumber",
    "Fact",
    "FactKind",
    "Failure",
    "LayoutEvidence",
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
Layout = Literal["narrative", "standard_2019", "standard_2021", "unknown", "statistics_2014"]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "at_most", "less_than", "nearly"]
#: The tag of the fact union: every value is a key of :data:`FACT_TYPES`.
FactKind = Literal["quantity", "percentage", "percentage_point", "date", "doc_number", "citation", "contact"]
DatePrecision = Literal["day", "month", "year", "month_part", "season", "year_part"]
DateRole = Literal["point", "period_start", "period_end", "as_of"]
DocNumberForm = Literal["standard", "decree", "announcement"]
ContactType = Literal["phone", "postcode", "url", "email", "address"]
#: The level of a report's issuing body (:mod:`govreport_parse.issuer` reads it).
IssuerLevel = Literal["province", "city", "county", "township/street", "department", "other"]

_R = TypeVar("_R", bound="_Record")
_T = TypeVar("_T")


def _plain(value: Any) -> Any:
    """Convert model values to JSON-ready Python values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_MISSING: Any = object()


class _Record:
    """Mixin: ``to_dict`` over dataclass fields, in declaration order, and
    ``from_dict`` back, driven by the fields' type hints."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record: every field, nested records as dicts, tuples as lists."""
        assert is_dataclass(self)
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls: type[_R], record: Any, *, where: str = "") -> _R:
        """Rebuild the object ``to_dict`` wrote; ``where`` prefixes field paths in errors.

        >>> Span.from_dict({"start": 1, "end": 3})
        Span(start=1, end=3)
        >>> Span.from_dict({"start": "1", "end": 3})
        Traceback (most recent call last):
        ...
        govreport_parse.errors.RecordError: start: expected int, got str ('1')
        """
        return _build(cls, record, where)


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass, computed once per class."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


class _Mismatch(Exception):
    """The fast reader's signal that a record needs the slow reader, which names the field."""


def _build(cls: type[_T], record: Any, where: str, **preset: Any) -> _T:
    """``cls(**record)`` with each value checked and converted after its type hint.

    A compiled plan per class reads a well-formed record; on the first mismatch the
    record is read again field by field to raise the :class:`RecordError` naming it.
    """
    try:
        return _class_plan(cls)(record, preset)  # type: ignore[no-any-return]
    except _Mismatch:
        return _build_checked(cls, record, where, **preset)


def _build_checked(cls: type[_T], record: Any, where: str, **preset: Any) -> _T:
    """The slow reader: the same checks as the plans, with the field path of the first failure."""
    if cls is Fact and isinstance(record, dict):
        cls = _fact_class(record, where)  # type: ignore[assignment]
    if not isinstance(record, dict):
        raise RecordError(f"expected an object for {cls.__name__}, got {type(record).__name__}", field=where)
    hints = _hints(cls)
    shape: type = cls
    if not is_dataclass(shape):
        raise TypeError(f"{cls.__name__} is not a dataclass")
    declared = fields(shape)
    known = {f.name for f in declared}
    for key in record:
        if key not in known:
            raise RecordError(f"unknown field of {cls.__name__}", field=_join(where, str(key)))
    values: dict[str, Any] = dict(preset)
    for f in declared:
        if f.name in values:
            continue
        path = _join(where, f.name)
        if f.name in record:
            values[f.name] = _convert(record[f.name], hints[f.name], path)
        elif f.default is MISSING and f.default_factory is MISSING:
            raise RecordError(f"missing field of {cls.__name__}", field=path)
    return cls(**values)


def _fact_class(record: dict[str, Any], where: str) -> type[Fact]:
    """The fact class a record's ``kind`` tags (the union's dispatch, :data:`FACT_TYPES`)."""
    if "kind" not in record:
        raise RecordError("missing field of Fact", field=_join(where, "kind"))
    kind = record["kind"]
    try:
        return FACT_TYPES[kind]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(k) for k in FACT_TYPES)
        raise RecordError(
            f"unknown fact kind {kind!r} (one of {allowed})", field=_join(where, "kind")
        ) from None


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} ({text if len(text) <= 40 else text[:37] + '...'})"


def _convert(value: Any, hint: Any, path: str) -> Any:
    """``value`` as the type ``hint`` says, or a :class:`RecordError` naming ``path``."""
    if hint is Any:
        return value
    origin = get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        args = get_args(hint)
        if value is None:
            if type(None) in args:
                return None
            raise RecordError(f"expected {_name(hint)}, got None", field=path)
        errors: list[RecordError] = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _convert(value, arg, path)
            except RecordError as err:
                errors.append(err)
        if len(errors) == 1:
            raise errors[0]
        raise RecordError(f"expected {_name(hint)}, got {_describe(value)}", field=path)
    if origin is Literal:
        if value in get_args(hint) and isinstance(value, str | int | bool):
            return value
        allowed = ", ".join(repr(a) for a in get_args(hint))
        raise RecordError(f"expected one of {allowed}, got {_describe(value)}", field=path)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise RecordError(f"expected a list, got {_describe(value)}", field=path)
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(v, args[0], f"{path}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise RecordError(f"expected {len(args)} items, got {len(value)}", field=path)
        return tuple(_convert(v, a, f"{path}[{i}]") for i, (v, a) in enumerate(zip(args, value, strict=True)))
    if origin is dict:
        if not isinstance(value, dict):
            raise RecordError(f"expected an object, got {_describe(value)}", field=path)
        kt, vt = get_args(hint)
        return {_convert(k, kt, path): _convert(v, vt, _join(path, str(k))) for k, v in value.items()}
    if isinstance(hint, type) and is_dataclass(hint):
        return _build(hint, value, path)
    if hint is type(None):
        if value is None:
            return None
        raise RecordError(f"expected None, got {_describe(value)}", field=path)
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(hint, type) and isinstance(value, hint):
        return value
    raise RecordError(f"expected {_name(hint)}, got {_describe(value)}", field=path)


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _plan(hint: Any) -> Callable[[Any], Any]:
    """A reader for values of type ``hint``; raises :class:`_Mismatch` (no message) when one does not fit."""
    if hint is Any:
        return _identity
    origin = get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        members = get_args(hint)
        nullable = type(None) in members
        plans = tuple(_plan(a) for a in members if a is not type(None))

        def union(value: Any) -> Any:
            if value is None:
                if nullable:
                    return None
                raise _Mismatch
            for plan in plans:
                try:
                    return plan(value)
                except _Mismatch:
                    pass
            raise _Mismatch

        return union
    if origin is Literal:
        allowed = frozenset(get_args(hint))

        def literal(value: Any) -> Any:
            if isinstance(value, str | int | bool) and value in allowed:
                return value
            raise _Mismatch

        return literal
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _plan(args[0])

            def items(value: Any) -> Any:
                if not isinstance(value, list | tuple):
                    raise _Mismatch
                return tuple(item(v) for v in value)

            return items
        each = tuple(_plan(a) for a in args)

        def fixed(value: Any) -> Any:
            if not isinstance(value, list | tuple) or len(value) != len(each):
                raise _Mismatch
            return tuple(p(v) for p, v in zip(each, value, strict=True))

        return fixed
    if origin is dict:
        key_plan, value_plan = (_plan(a) for a in get_args(hint))

        def mapping(value: Any) -> Any:
            if not isinstance(value, dict):
                raise _Mismatch
            return {key_plan(k): value_plan(v) for k, v in value.items()}

        return mapping
    if isinstance(hint, type) and is_dataclass(hint):
        # looked up at call time: a class may nest itself (Section.children)
        return lambda value: _class_plan(hint)(value, {})
    if hint is type(None):

        def none(value: Any) -> Any:
            if value is None:
                return None
            raise _Mismatch

        return none
    if hint is float:

        def number(value: Any) -> Any:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
            raise _Mismatch

        return number
    if hint is int:

        def integer(value: Any) -> Any:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise _Mismatch

        return integer
    if isinstance(hint, type):

        def instance(value: Any) -> Any:
            if isinstance(value, hint):
                return value
            raise _Mismatch

        return instance
    raise TypeError(f"no reader for the type hint {hint!r}")


_ClassPlan = Callable[[Any, dict[str, Any]], Any]
_CLASS_PLANS: dict[type, _ClassPlan] = {}


def _class_plan(cls: type) -> _ClassPlan:
    """The reader for records of the dataclass ``cls``, compiled once per class."""
    plan = _CLASS_PLANS.get(cls)
    if plan is None:
        plan = _CLASS_PLANS[cls] = _compile_class_plan(cls)
    return plan


def _compile_class_plan(cls: type) -> _ClassPlan:
    """A reader for records of the dataclass ``cls`` (facts dispatch on ``kind``)."""
    if cls is Fact:

        def fact(record: Any, preset: dict[str, Any]) -> Any:
            if not isinstance(record, dict):
                raise _Mismatch
            kind = record.get("kind")
            if not isinstance(kind, str) or kind not in FACT_TYPES:
                raise _Mismatch
            return _class_plan(FACT_TYPES[kind])(record, preset)

        return fact
    if not is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass")
    hints = _hints(cls)
    spec = tuple(
        (f.name, _plan(hints[f.name]), f.default is MISSING and f.default_factory is MISSING)
        for f in fields(cls)
    )
    known = frozenset(name for name, _, _ in spec)

    def build(record: Any, preset: dict[str, Any]) -> Any:
        if not isinstance(record, dict):
            raise _Mismatch
        for key in record:
            if key not in known:
                raise _Mismatch
        values = dict(preset)
        for name, plan, required in spec:
            if name in values:
                continue
            if name in record:
                values[name] = plan(record[name])
            elif required:
                raise _Mismatch
        return cls(**values)

    return build


def _name(hint: Any) -> str:
    return hint.__name__ if isinstance(hint, type) else str(hint).replace("typing.", "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Span(_Record):
    """A half-open range ``[start, end)`` of the clean text."""

    start: int
    end: int


# --------------------------------------------------------------------------- input side


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceInfo(_Record):
    """Where a report came from. ``pages`` is ``None`` for formats without pages; ``producer``
    and ``creator`` name the software that made a PDF (e.g. ``Skia/PDF m120``, ``LibreOffice 7.4``)."""

    name: str
    sha256: str
    format: Literal["txt", "pdf", "docx", "html", "doc"]
    encoding: str | None = None
    pages: int | None = None
    size: int = 0
    #: the PDF's ``Producer`` and ``Creator`` (document information), ``None`` when absent or not a PDF
    producer: str | None = None
    creator: str | None = None
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
    page: int | None = None
    doc_text: str = field(default="", repr=False, compare=False)

    @property
    def text(self) -> str:
        """The section's text (heading and body) from the report's clean text.

        >>> import govreport_parse as gp
        >>> r = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
        >>> r.sections[0].text
        '一、概述\\n办结率100%。'
        """
        return self.doc_text[self.start : self.end]

    def to_dict(self) -> dict[str, Any]:
        """The section as it stands in the record (its text is in the report's ``text``)."""
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name != "doc_text"}
        return out

    def __repr__(self) -> str:
        kids = f", {len(self.children)} children" if self.children else ""
        page = f" page {self.page}" if self.page is not None else ""
        return f"<Section {self.id} {self.title!r} {self.start}..{self.end}{page}{kids}>"

    def walk(self) -> tuple[Section, ...]:
        """This section and all descendants, depth first."""
        out: list[Section] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(_Record):
    """Fields every fact has. ``section`` is the id of the innermost section."""

    kind: FactKind
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

    kind: Literal["quantity"] = "quantity"
    value: int | float
    value_max: int | float | None = None
    unit: str | None = None
    qualifier: Qualifier = "exact"
    label: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Percentage(Fact):
    """``92.2%`` is ``value=92.2``; 个百分点 has ``kind="percentage_point"``."""

    kind: Literal["percentage", "percentage_point"] = "percentage"
    value: float
    qualifier: Qualifier = "exact"
    label: str | None = None
    base: str | None = None
    """Of what the share is taken, as the sentence says it
    (占全区主动公开政府信息总数的71% → 全区主动公开政府信息总数)."""
    count_start: int | None = None
    """``start`` of the quantity the share was computed from (信息303条，占71.3% → the fact ``303条``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DateFact(Fact):
    """A date, possibly partial; ``year_inferred`` when the year came from the report.

    ``end_iso`` closes a period (自…起至…止); ``part`` names the month or year part
    (上旬, 月底, 上半年, 第一季度...).
    """

    kind: Literal["date"] = "date"
    iso: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: DatePrecision = "day"
    year_inferred: bool = False
    part: str | None = None
    role: DateRole = "point"


@dataclass(frozen=True, slots=True, kw_only=True)
class DocNumber(Fact):
    """A document number (发文字号) in GB/T 9704 form; decree numbers have ``year=None``."""

    kind: Literal["doc_number"] = "doc_number"
    normalized: str
    agency: str
    year: int | None = None
    serial: int | None = None
    form: DocNumberForm = "standard"
    repaired: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation(Fact):
    """A cited title in 《》 with the document number that follows it, and its alias."""

    kind: Literal["citation"] = "citation"
    title: str
    doc_number: str | None = None
    alias: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact(Fact):
    """A phone number, postcode, URL, e-mail or address."""

    kind: Literal["contact"] = "contact"
    type: ContactType
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
    qualifier: Qualifier = "exact"

    def to_dict(self) -> dict[str, Any]:
        """The record without ``name`` (the report's ``metrics`` object is keyed by it)."""
        d = _Record.to_dict(self)
        del d["name"]
        return d

    @classmethod
    def from_dict(cls, record: Any, *, where: str = "", name: str | None = None) -> Metric:
        """Rebuild a metric; ``name`` is the key it stood under when the record has none.

        >>> m = Metric(name="applications.new", value=3)
        >>> Metric.from_dict(m.to_dict(), name="applications.new") == m
        True
        """
        if name is None:
            return _build(cls, record, where)
        return _build(cls, record, where, name=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class LayoutEvidence(_Record):
    """Why a report got its layout: the template ``labels`` that decided it, and how sure.

    ``confidence`` is 1.0 when the labels of one template are many and those of
    the others absent, lower when few or mixed; ``found`` counts the distinct
    labels of each template present (``(("standard_2021", 6), ("standard_2019", 0), ...)``).
    """

    labels: tuple[str, ...] = ()
    confidence: float = 0.0
    found: tuple[tuple[str, int], ...] = ()


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

    def to_pandas(self, *, header: bool = False) -> Any:
        """The cells as a pandas DataFrame (text, ``None`` for empty); ``header=True`` takes
        the first row as the column names.

        >>> t = Table(rows=(("项目", "数量"), ("主动公开", "12")))
        >>> t.to_pandas(header=True).to_dict("records")
        [{'项目': '主动公开', '数量': '12'}]
        """
        import pandas as pd

        rows = [list(r) for r in self.rows]
        if header and rows:
            names = [c if c is not None else f"col{i}" for i, c in enumerate(rows[0])]
            return pd.DataFrame(rows[1:], columns=names)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        width = max((len(r) for r in self.rows), default=0)
        where = f" page {self.page}" if self.page is not None else ""
        caption = f" {self.caption!r}" if self.caption else ""
        return f"<Table {len(self.rows)}x{width}{where}{caption}>"


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One parsed report. ``to_dict()`` is the dataset record (`docs/data-model.md`)."""

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
    evidence: Decision | None = None
    layout_evidence: LayoutEvidence | None = None
    #: one name for one body across spellings and renamings (``福建省福州市平潭县``), see docs/panel.md
    issuer_canonical: str | None = None
    issuer_level: IssuerLevel | None = None
    #: the GB/T 2260 six-digit code of the area the issuer governs (a township's: its county's)
    region_code: str | None = None
    #: the division table ``region_code`` was read in, with the date its data is as of
    region_table: str | None = None
    #: the rule that decided the identity: chain, body, zone, ocr_confusable, title, path, unknown
    issuer_rule: str = "unknown"

    @overload
    def metric(self, name: str) -> Metric: ...
    @overload
    def metric(self, name: str, default: _T) -> Metric | _T: ...
    def metric(self, name: str, default: Any = _MISSING) -> Any:
        """The metric called ``name``; a ``KeyError`` naming the close names when there is none
        (or ``default`` when one is given, like ``dict.pop``).

        >>> import govreport_parse as gp
        >>> r = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
        >>> try:
        ...     r.metric("requests_recieved")
        ... except KeyError as err:
        ...     print(err.args[0][:70])
        no metric 'requests_recieved' in this report; close names: requests_re
        >>> r.metric("requests_recieved", None) is None
        True
        """
        for m in self.metrics:
            if m.name == name:
                return m
        if default is not _MISSING:
            return default
        from .standard.template import HEADLINE_NAMES

        known = sorted({m.name for m in self.metrics} | set(HEADLINE_NAMES))
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f"close names: {', '.join(close)}" if close else "see report.metrics for the names present"
        raise KeyError(f"no metric {name!r} in this report; {hint}")

    def __repr__(self) -> str:
        failed = sum(1 for c in self.checks if c.status == "fail")
        who = " ".join(str(x) for x in (self.issuer or self.title or self.source.name, self.year) if x)
        return (
            f"<Report {who} {self.layout}: {len(self.all_sections())} sections, {len(self.facts)} facts, "
            f"{len(self.metrics)} metrics, {failed} failed checks>"
        )

    def _repr_html_(self) -> str:
        """A compact card for notebooks: title, source, counts, top-level sections, failing checks."""
        esc = html.escape
        failed = [c for c in self.checks if c.status == "fail"]
        rows = [
            ("issuer", self.issuer or "-"),
            ("year", str(self.year or "-")),
            ("layout", self.layout),
            ("source", f"{self.source.name} ({self.source.format})"),
            ("counts", f"{len(self.all_sections())} sections, {len(self.facts)} facts, "
                       f"{len(self.metrics)} metrics, {len(self.checks)} checks ({len(failed)} failed)"),
        ]
        if self.evidence is not None:
            rows.append(("evidence", f"{self.evidence.kind}, score {self.evidence.score:g}"))
        cell = "<tr><th style='text-align:left'>{}</th><td>{}</td></tr>"
        body = "".join(cell.format(esc(k), esc(v)) for k, v in rows)
        sections = "".join(f"<li>{esc(s.number)} {esc(s.title)}</li>" for s in self.sections)
        checks = "".join(f"<li>{esc(c.rule)}: {esc(c.message)}</li>" for c in failed[:10])
        return (
            f"<div class='govreport'><strong>{esc(self.title or '(no title found)')}</strong>"
            f"<table>{body}</table>"
            + (f"<details><summary>sections</summary><ul>{sections}</ul></details>" if sections else "")
            + (f"<details open><summary>failed checks</summary><ul>{checks}</ul></details>" if checks else "")
            + "</div>"
        )

    def all_sections(self) -> tuple[Section, ...]:
        """Every section and item, depth first."""
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The dataset record of docs/data-model.md (JSON-ready)."""
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
            "evidence": self.evidence.to_dict() if self.evidence is not None else None,
            "layout_evidence": self.layout_evidence.to_dict() if self.layout_evidence else None,
            "issuer_canonical": self.issuer_canonical,
            "issuer_level": self.issuer_level,
            "region_code": self.region_code,
            "region_table": self.region_table,
            "issuer_rule": self.issuer_rule,
        }

    @classmethod
    def from_dict(cls, record: Any) -> Report:
        """Rebuild the report :meth:`to_dict` wrote: ``Report.from_dict(r.to_dict()) == r``.

        Generic over the fields and their type hints; facts dispatch on ``kind``
        (:data:`FACT_TYPES`), metrics come back from the object keyed by name.
        Raises :class:`~govreport_parse.errors.RecordError` naming the field
        path (``facts[3].value``) for a wrong type, a missing or unknown field,
        or a ``schema_version`` other than :data:`SCHEMA_VERSION`.

        >>> r = Report(source=SourceInfo(name="a.txt", sha256="0" * 64, format="txt"), text="x")
        >>> Report.from_dict(r.to_dict()) == r
        True
        >>> Report.from_dict({**r.to_dict(), "schema_version": "0.9"})
        Traceback (most recent call last):
        ...
        govreport_parse.errors.RecordError: schema_version: record of schema 0.9, this parser reads 1.0
        """
        if not isinstance(record, dict):
            raise RecordError(f"expected an object for Report, got {type(record).__name__}", field="")
        if "schema_version" not in record:
            raise RecordError("missing field of Report", field="schema_version")
        version = record["schema_version"]
        if version != SCHEMA_VERSION:
            raise RecordError(
                f"record of schema {version}, this parser reads {SCHEMA_VERSION}", field="schema_version"
            )
        metrics = record.get("metrics", {})
        if not isinstance(metrics, dict):
            raise RecordError(
                f"expected an object keyed by metric name, got {_describe(metrics)}", field="metrics"
            )
        rebuilt = tuple(
            Metric.from_dict(value, where=f"metrics.{key}", name=str(key)) for key, value in metrics.items()
        )
        return _build(cls, {k: v for k, v in record.items() if k != "metrics"}, "", metrics=rebuilt)

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


#: The fact union: each ``kind`` tag and the class a record of that kind rebuilds as.
FACT_TYPES: dict[FactKind, type[Fact]] = {
    "quantity": Quantity,
    "percentage": Percentage,
    "percentage_point": Percentage,
    "date": DateFact,
    "doc_number": DocNumber,
    "citation": Citation,
    "contact": Contact,
}
