"""Labelled cases for every fact module, from ``tests/cases/extract/*.json``.

Each file names a module and lists cases: ``text`` (run through
:func:`extract_facts`, so the priority order applies), optional ``year`` and
``labels``, ``expect`` (``pass``: the facts of that kind, in order, have at
least the given fields; ``fail``: no fact of that kind at all). The numbers
file is read by :func:`numbers.parse_amount` on whole strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govreport_parse.extract import extract_facts, numbers

CASES = Path(__file__).resolve().parent / "cases" / "extract"
KINDS = {
    "quantity": ("quantity",),
    "percentage": ("percentage", "percentage_point"),
    "date": ("date",),
    "doc_number": ("doc_number",),
    "citation": ("citation",),
    "contact": ("contact",),
}


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            params.append(pytest.param(data["module"], case, id=f"{path.stem}-{i}-{case['text'][:16]!r}"))
    return params


@pytest.mark.parametrize(("module", "case"), _load())
def test_case(module: str, case: dict[str, Any]) -> None:
    text = case["text"]
    if module == "numbers":
        if case["expect"] == "fail":
            with pytest.raises(numbers.InvalidNumberError):
                numbers.parse_amount(text)
            assert not numbers.is_valid(text)
            return
        amount = numbers.parse_amount(text)
        assert amount.value == case["value"]
        assert type(amount.value) is type(case["value"])
        assert amount.value_max == case.get("value_max")
        assert amount.qualifier == case.get("qualifier", "exact")
        return
    result = extract_facts(text, year=case.get("year"), labels=case.get("labels", False))
    facts = [f for f in result.facts if f.kind in KINDS[module]]
    for f in result.facts:
        assert text[f.start : f.end] == f.text
    if case["expect"] == "fail":
        assert facts == [], [f.to_dict() for f in facts]
        return
    expected = case["facts"]
    assert len(facts) == len(expected), [f.to_dict() for f in facts]
    for fact, want in zip(facts, expected, strict=True):
        got = fact.to_dict()
        for key, value in want.items():
            assert got[key] == value, (key, got)


def test_every_case_file_has_lookalikes_that_must_yield_nothing() -> None:
    for path in sorted(CASES.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] == "fail" for c in cases), path.name
        assert any(c["expect"] == "pass" for c in cases), path.name


def test_cn2an_reads_adjacent_digits_as_one_number() -> None:
    """Why 两三 and 三四 are hand-coded: cn2an reads them digit by digit."""
    import cn2an

    assert cn2an.cn2an("两三", "normal") == 23
    assert cn2an.cn2an("三四", "normal") == 34
    assert numbers.parse_amount("两三") == numbers.Amount(2, 3, "exact")
    assert numbers.parse_amount("三四个"[:2]) == numbers.Amount(3, 4, "exact")
    with pytest.raises(ValueError):
        cn2an.cn2an("二○一八", "normal")  # the ○ (U+25CB) zero; handled here
    assert numbers.parse("二○一八") == 2018
