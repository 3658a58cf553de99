"""The dataset record both ways: ``Report.from_dict(r.to_dict()) == r``, and malformed records.

Round trip over every fixture and every corpus document (skipped when
../shared is absent), over the JSON text (what a dataset file holds), and over
hypothesis-generated reports; malformed records raise :class:`RecordError`
naming the field path.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_parse import parse
from govreport_parse.errors import GovReportError, RecordError
from govreport_parse.model import (
    FACT_TYPES,
    SCHEMA_VERSION,
    Artifact,
    Check,
    Citation,
    Contact,
    DateFact,
    Diagnostic,
    DocNumber,
    Fact,
    Metric,
    Percentage,
    Quantity,
    Report,
    Section,
    SourceInfo,
    Span,
    Table,
)

from .conftest import CORPUS, FIXTURES, SEED, SHARED

_FIXTURE_FILES = [
    *sorted(p for p in (FIXTURES / "generated").iterdir() if p.suffix in {".txt", ".pdf", ".docx", ".html"}),
    SEED,
]


def _corpus_files() -> list[Path]:
    out: list[Path] = []
    for root in (CORPUS, SHARED / "corpus-pingtan"):
        for sub in ("text", "pdf"):
            folder = root / sub
            if folder.is_dir():
                out.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    return out


def _assert_round_trip(report: Report) -> None:
    assert Report.from_dict(report.to_dict()) == report
    # what a dataset file holds: the JSON text
    assert Report.from_dict(json.loads(report.to_json())) == report


@pytest.mark.parametrize("path", _FIXTURE_FILES, ids=lambda p: p.name)
def test_round_trip_fixtures(path: Path) -> None:
    report = parse(path)
    assert report.facts or report.sections
    _assert_round_trip(report)
    # the rebuilt facts are the typed classes of the union, not dicts
    rebuilt = Report.from_dict(report.to_dict())
    assert all(type(f) is FACT_TYPES[f.kind] for f in rebuilt.facts)


@pytest.mark.parametrize("path", _corpus_files() or [None], ids=lambda p: p.name if p else "absent")
def test_round_trip_corpus(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared corpora are not available on this machine")
    try:
        report = parse(path)
    except GovReportError as err:  # a corpus file the parser rejects has no record to round-trip
        pytest.skip(f"{path.name}: {err}")
    _assert_round_trip(report)


# --------------------------------------------------------------------------- hypothesis

_ints = st.integers(min_value=-(2**40), max_value=2**40)
_floats = st.floats(allow_nan=False)  # NaN != NaN: no record equality to test
_texts = st.text(max_size=12)
_opt_int = st.none() | _ints
_opt_text = st.none() | _texts
_number = _ints | _floats

_span = st.builds(Span, start=_ints, end=_ints)
_common: dict[str, Any] = {
    "text": _texts,
    "start": _ints,
    "end": _ints,
    "source_start": _ints,
    "source_end": _ints,
    "page": _opt_int,
    "section": _opt_text,
}
_facts = st.one_of(
    st.builds(Quantity, **_common, value=_number, value_max=st.none() | _number, unit=_opt_text,
              label=_opt_text),
    st.builds(Percentage, **_common, kind=st.sampled_from(["percentage", "percentage_point"]),
              value=_floats, label=_opt_text),
    st.builds(DateFact, **_common, iso=_opt_text, year=_opt_int, month=_opt_int, day=_opt_int,
              part=_opt_text),
    st.builds(DocNumber, **_common, normalized=_texts, agency=_texts, year=_opt_int, serial=_opt_int),
    st.builds(Citation, **_common, title=_texts, doc_number=_opt_text, alias=_opt_text),
    st.builds(Contact, **_common, value=_texts),
)  # fmt: skip


def _sections(depth: int) -> st.SearchStrategy[Section]:
    children = st.just(()) if depth == 0 else st.lists(_sections(depth - 1), max_size=2).map(tuple)
    return st.builds(
        Section, id=_texts, number=_texts, ordinal=_ints, level=_ints, title=_texts, start=_ints,
        end=_ints, style=_texts, title_start=_ints, title_end=_ints, children=children,
    )  # fmt: skip


_metrics = st.dictionaries(
    _texts,
    st.builds(Metric, name=st.just(""), value=st.none() | _number, raw=_opt_text, unit=_opt_text,
              start=_opt_int, end=_opt_int, page=_opt_int, label=_opt_text),
    max_size=4,
).map(lambda d: tuple(dataclasses.replace(m, name=k) for k, m in d.items()))  # fmt: skip


_cells = st.none() | _texts
_tables = st.builds(
    Table,
    rows=st.lists(st.lists(_cells, max_size=3).map(tuple), max_size=3).map(tuple),
    page=_opt_int, caption=_opt_text, start=_opt_int, end=_opt_int,
    spans=st.lists(st.lists(st.none() | _span, max_size=3).map(tuple), max_size=2).map(tuple),
)  # fmt: skip

_reports = st.builds(
    Report,
    source=st.builds(SourceInfo, name=_texts, sha256=_texts, encoding=_opt_text, pages=_opt_int, size=_ints),
    text=st.text(max_size=40),
    title=_opt_text,
    issuer=_opt_text,
    year=_opt_int,
    sections=st.lists(_sections(2), max_size=3).map(tuple),
    facts=st.lists(_facts, max_size=6).map(tuple),
    metrics=_metrics,
    checks=st.lists(
        st.builds(Check, rule=_texts, expected=st.none() | _floats, actual=st.none() | _floats,
                  message=_texts, refs=st.lists(_span, max_size=2).map(tuple)),
        max_size=3,
    ).map(tuple),
    tables=st.lists(_tables, max_size=2).map(tuple),
    artifacts=st.lists(
        st.builds(Artifact, kind=_texts, original=_texts, source_start=_ints, source_end=_ints,
                  replacement=_texts, at=_ints, step=_ints, step_start=_ints, step_end=_ints),
        max_size=3,
    ).map(tuple),
    diagnostics=st.lists(
        st.builds(Diagnostic, code=_texts, message=_texts, start=_opt_int, end=_opt_int), max_size=2
    ).map(tuple),
    parser_version=_texts,
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports)
def test_round_trip_generated(report: Report) -> None:
    _assert_round_trip(report)


@given(_facts)
def test_fact_union_dispatches_on_kind(fact: Fact) -> None:
    rebuilt = Fact.from_dict(fact.to_dict())
    assert rebuilt == fact and type(rebuilt) is type(fact)


# --------------------------------------------------------------------------- malformed records


def _record() -> dict[str, Any]:
    return parse(FIXTURES / "generated" / "standard-2021.txt").to_dict()


_BASE = _record() if (FIXTURES / "generated" / "standard-2021.txt").exists() else {}


def _first_metric() -> str:
    return next(iter(_BASE["metrics"]))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def go(record: dict[str, Any]) -> None:
        *head, last = _steps(path)
        node: Any = record
        for step in head:
            node = node[step]
        node[last] = value

    return go


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def go(record: dict[str, Any]) -> None:
        *head, last = _steps(path)
        node: Any = record
        for step in head:
            node = node[step]
        del node[last]

    return go


def _steps(path: str) -> list[str | int]:
    out: list[str | int] = []
    for part in path.split("."):
        name, _, rest = part.partition("[")
        if name:
            out.append(name)
        for index in filter(None, rest.replace("]", "").split("[")):
            out.append(int(index))
    return out


def _first(kind: str) -> int:
    return next(i for i, f in enumerate(_BASE["facts"]) if f["kind"] == kind)


_Q = _first("quantity") if _BASE else 0
_D = _first("date") if _BASE else 0

# (case id, mutation, the field the error must name, a fragment of the message)
_MALFORMED: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("other schema_version", _set("schema_version", "0.9"), "schema_version", "schema 0.9"),
    ("newer schema_version", _set("schema_version", "2.0"), "schema_version", "reads 1.0"),
    ("no schema_version", _delete("schema_version"), "schema_version", "missing"),
    ("text not a string", _set("text", 5), "text", "expected str, got int"),
    ("year as text", _set("year", "2021"), "year", "got str"),
    ("year as bool", _set("year", True), "year", "got bool"),
    ("layout outside its Literal", _set("layout", "standard_2014x"), "layout", "expected one of"),
    ("source missing", _delete("source"), "source", "missing field of Report"),
    ("source.format unknown", _set("source.format", "xls"), "source.format", "'xls'"),
    ("source.sha256 missing", _delete("source.sha256"), "source.sha256", "missing field of SourceInfo"),
    ("quantity value as text", _set(f"facts[{_Q}].value", "3"), f"facts[{_Q}].value", "got str"),
    ("quantity start missing", _delete(f"facts[{_Q}].start"), f"facts[{_Q}].start",
     "missing field of Quantity"),
    ("quantity qualifier unknown", _set(f"facts[{_Q}].qualifier", "roughly"), f"facts[{_Q}].qualifier",
     "expected one of"),
    ("quantity unknown field", _set(f"facts[{_Q}].colour", "red"), f"facts[{_Q}].colour",
     "unknown field of Quantity"),
    ("date precision unknown", _set(f"facts[{_D}].precision", "week"), f"facts[{_D}].precision", "'week'"),
    ("a date field on a quantity", _set(f"facts[{_Q}].iso", "2021-01-01"), f"facts[{_Q}].iso",
     "unknown field"),
    ("fact kind unknown", _set("facts[0].kind", "money"), "facts[0].kind", "unknown fact kind 'money'"),
    ("fact kind missing", _delete("facts[0].kind"), "facts[0].kind", "missing"),
    ("fact not an object", _set("facts[1]", [1, 2]), "facts[1]", "expected an object"),
    ("facts not a list", _set("facts", {"a": 1}), "facts", "expected a list"),
    ("section level as float", _set("sections[0].level", 1.5), "sections[0].level", "got float"),
    ("child section title None", _set("sections[0].children[0].title", None),
     "sections[0].children[0].title", "got None"),
    ("check status unknown", _set("checks[0].status", "ok"), "checks[0].status", "expected one of"),
    ("check ref start as text", _set("checks[0].refs[0].start", "998"), "checks[0].refs[0].start", "got str"),
    ("table cell as number", _set("tables[0].rows[0][0]", 7), "tables[0].rows[0][0]", "got int"),
    ("artifact original missing", _delete("artifacts[0].original"), "artifacts[0].original", "missing"),
    ("metrics as a list", _set("metrics", []), "metrics", "keyed by metric name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "field", "fragment"), [c[1:] for c in _MALFORMED], ids=[c[0] for c in _MALFORMED]
)
def test_malformed_record_names_the_field(
    mutate: Callable[[dict[str, Any]], None], field: str, fragment: str
) -> None:
    record = copy.deepcopy(_BASE)
    mutate(record)
    with pytest.raises(RecordError) as info:
        Report.from_dict(record)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")
    assert fragment in str(info.value)
    assert isinstance(info.value, GovReportError)


def test_malformed_metric_names_its_key() -> None:
    name = _first_metric()
    record = copy.deepcopy(_BASE)
    record["metrics"][name]["value"] = "12"
    with pytest.raises(RecordError) as info:
        Report.from_dict(record)
    assert info.value.field == f"metrics.{name}.value"


def test_not_an_object() -> None:
    with pytest.raises(RecordError):
        Report.from_dict([_BASE])  # type: ignore[arg-type]


def test_the_base_record_is_valid_and_the_version_is_current() -> None:
    # the malformed cases above differ from a record that rebuilds by their one change
    assert _BASE["schema_version"] == SCHEMA_VERSION
    assert Report.from_dict(copy.deepcopy(_BASE)).to_dict() == _BASE


def test_lookalikes_that_are_valid() -> None:
    # int where a float is declared, a missing field that has a default: both rebuild
    record = copy.deepcopy(_BASE)
    record["checks"][0]["expected"] = 3
    del record["facts"][0]["page"]
    del record["artifacts"][0]["at"]
    report = Report.from_dict(record)
    assert report.checks[0].expected == 3
    assert report.facts[0].page is None


def test_record_error_pickles_with_its_field() -> None:
    err = RecordError("expected int, got str ('3')", field="facts[0].value", path="a.jsonl")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is RecordError and back.field == "facts[0].value" and str(back) == str(err)


_json_values = st.one_of(
    st.none(), st.booleans(), _ints, _floats, _texts, st.lists(_ints, max_size=2), st.just({"start": 1})
)


@settings(max_examples=300, deadline=None)
@given(_facts, st.data())
def test_the_fast_reader_and_the_checked_reader_agree(fact: Fact, data: st.DataObject) -> None:
    # from_dict reads with a compiled plan and falls back to a field-by-field reader that names the
    # field: both must accept and refuse the same records
    from govreport_parse.model import _build_checked, _class_plan, _Mismatch

    record = fact.to_dict()
    key = data.draw(st.sampled_from([*record, "unknown"]))
    if data.draw(st.booleans()):
        record.pop(key, None)
    else:
        record[key] = data.draw(_json_values)
    try:
        fast: Any = _class_plan(Fact)(record, {})
    except _Mismatch:
        fast = _Mismatch
    try:
        checked: Any = _build_checked(Fact, record, "")
    except RecordError:
        checked = _Mismatch
    assert fast == checked
