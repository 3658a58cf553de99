"""Data-driven cases of the statistics stage (``tests/cases/standard/*.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govreport_parse.extract import extract_facts
from govreport_parse.standard.checks import prose_checks
from govreport_parse.standard.headline import FAMILIES, find_headlines, read_headlines
from govreport_parse.standard.tables import request_row
from govreport_parse.standard.values import parse_cell, split_digits

CASES = Path(__file__).parent / "cases" / "standard"


def _cases(name: str) -> list[dict[str, Any]]:
    data = json.loads((CASES / name).read_text(encoding="utf-8"))
    return list(data["cases"])


@pytest.mark.parametrize("case", _cases("values.json"), ids=lambda c: repr(c["raw"]))
def test_cell_values(case: dict[str, Any]) -> None:
    got = parse_cell(case["raw"])
    if case.get("expect") == "label":
        assert got is None
        return
    assert got is not None
    assert got.value == case["value"]
    assert type(got.value) is type(case["value"])
    assert got.empty == case.get("empty", False)
    assert got.unit == case.get("unit")


@pytest.mark.parametrize("case", _cases("splits.json"), ids=lambda c: "".join(c["runs"]))
def test_digit_run_splits(case: dict[str, Any]) -> None:
    got = split_digits(case["runs"], tuple(case["groups"]), sums=case.get("sums", True))
    assert [list(x) for x in got] == case["expect"]


@pytest.mark.parametrize("case", _cases("labels.json"), ids=lambda c: c["label"][:16])
def test_row_labels(case: dict[str, Any]) -> None:
    assert request_row(case["label"]) == case["row"]


@pytest.mark.parametrize("case", _cases("headlines.json"), ids=lambda c: c["text"][:16])
def test_headline_prose(case: dict[str, Any]) -> None:
    facts = extract_facts(case["text"]).facts
    read = read_headlines(case["text"], facts)
    found = list(read.metrics)
    assert {m.name: m.value for m in found} == case["expect"]
    assert find_headlines(case["text"]) == found  # reading the facts itself gives the same
    spans = {(f.start, f.end) for f in facts if f.kind == "quantity"}
    for m in found:
        assert m.start is not None and m.end is not None
        assert m.raw is not None and m.raw in case["text"][m.start : m.end]
        assert m.source == "text"
        if m.value != 0 or m.raw[:1].isdigit():  # a count is one of the facts extract read
            assert (m.start, m.end) in spans
    qualifiers = {m.name: m.qualifier for m in found}
    for name, want in case.get("qualifiers", {}).items():
        assert qualifiers[name] == want, name
    if "qualifiers" not in case:
        assert all(q == "exact" for q in qualifiers.values())
    codes = [d.code for d in read.diagnostics]
    assert codes == ([case["diagnostic"]] if "diagnostic" in case else [])


def test_headline_case_table_covers_every_family_kind() -> None:
    cases = _cases("headlines.json")
    assert len(cases) >= 120
    kinds = " ".join(c.get("kind", "") for c in cases)
    for kind in ("positive", "zero", "approximate", "cumulative", "combined", "lookalike"):
        assert kinds.count(kind) >= 4 if kind != "combined" else kinds.count(kind) >= 3, kind
    names = {f.name for f in FAMILIES}
    assert len(names) == len(FAMILIES)  # every family has its own name


@pytest.mark.parametrize("case", _cases("prose_checks.json"), ids=lambda c: c["text"][:16])
def test_prose_checks(case: dict[str, Any]) -> None:
    facts = extract_facts(case["text"]).facts
    checks = prose_checks(case["text"], facts)
    assert [[c.rule, c.status, c.message] for c in checks] == case["expect"]
    spans = {(f.start, f.end) for f in facts if f.kind in ("quantity", "percentage")}
    for c in checks:
        assert len(c.refs) >= 2  # both sides are linked
        for ref in c.refs:  # each operand is one of the facts extract read
            assert (ref.start, ref.end) in spans


def test_no_number_pattern_left_in_the_prose_readers() -> None:
    """One reader of numbers: the prose figures and checks of ``standard/`` come from the facts."""
    root = Path(__file__).resolve().parent.parent / "govreport_parse" / "standard"
    for name in ("headline.py", "checks.py"):
        source = (root / name).read_text(encoding="utf-8")
        for digit_class in ("\\d", "0-9", "[0-9", "零一二三四五六七八九"):
            assert digit_class not in source, (name, digit_class)
