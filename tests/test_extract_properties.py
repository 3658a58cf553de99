"""Invariants of fact extraction: spans, the matching view, round trips, and junk input.

- every fact of every fixture and corpus document slices to its text in the
  clean text, and its source span holds the same words in the text as read;
- facts are sorted and disjoint, on any input (hypothesis);
- ``parse`` raises only :class:`InvalidFactError`, ``is_valid`` never raises;
- numbers and document numbers round-trip through their formats;
- a robustness sweep feeds junk to every module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport_parse as gp
from govreport_parse import load
from govreport_parse.config import resolve_config
from govreport_parse.extract import (
    PRIORITY,
    Context,
    InvalidFactError,
    citation,
    contact,
    date,
    docnumber,
    extract_facts,
    matching_view,
    numbers,
    percentage,
    quantity,
)
from govreport_parse.extract.view import is_ascii_digits
from govreport_parse.model import Quantity

from .conftest import CORPUS, FIXTURES, need_shared
from .test_extract_seed import as_cleaned

MODULES: dict[str, Any] = {
    "numbers": numbers,
    "quantity": quantity,
    "percentage": percentage,
    "date": date,
    "doc_number": docnumber,
    "citation": citation,
    "contact": contact,
}

ALPHABET = (
    "0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿零〇○"
    "年月日号件个次余多近约%％．.,，、。；：:（）()〔〕[]【】﹝﹞《》\n 　\u200b"
    "第令公告政办发字张区电话邮编地址网址wgov.cn@-至到自起止截底初旬季度上半分之点以左右超过不低于號國"
)
texts = st.text(alphabet=ALPHABET, max_size=160)


def _check_spans(text: str, facts: tuple[Any, ...]) -> None:
    prev_end = 0
    for f in facts:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.start >= prev_end, "facts overlap or are out of order"
        prev_end = f.end


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_slice_to_text_sorted_and_disjoint(text: str) -> None:
    result = extract_facts(text, year=2018, labels=False)
    _check_spans(text, result.facts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_matching_view_keeps_every_offset(text: str) -> None:
    view = matching_view(text)
    assert len(view) == len(text)
    assert matching_view(view) == view  # folding twice changes nothing


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=40)))
def test_parse_raises_only_its_error_and_is_valid_never_raises(s: str) -> None:
    for name, module in MODULES.items():
        try:
            module.parse(s)
        except InvalidFactError:
            ok = False
        else:
            ok = True
        assert module.is_valid(s) is ok, name


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_numbers_round_trip(n: int) -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    assert numbers.parse(str(n)) == n
    assert numbers.parse(f"{n:,}") == n
    assert numbers.parse(full) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_agree_with_cn2an(n: int) -> None:
    import cn2an

    assert numbers.parse(cn2an.an2cn(n)) == n


@settings(max_examples=300, deadline=None)
@given(
    agency=st.text(alphabet="国省市区县政府办发函字厅局委卫财教川渝豫晋沪", min_size=1, max_size=7),
    year=st.integers(min_value=1950, max_value=2099),
    serial=st.integers(min_value=1, max_value=99_999),
    brackets=st.sampled_from(["〔〕", "[]", "【】", "（）", "()", "﹝﹞", "［］", "(〕"]),
    space=st.sampled_from(["", " ", "\u200b", "  "]),
    zeros=st.sampled_from(["", "0", "00"]),
)
def test_document_numbers_round_trip(
    agency: str, year: int, serial: int, brackets: str, space: str, zeros: str
) -> None:
    o, c = brackets
    raw = f"发文字号：{agency}{space}{o}{space}{year}{space}{c}{zeros}{serial}{space}号"
    d = docnumber.parse(raw)
    assert (d.agency, d.year, d.serial, d.form) == (agency, year, serial, "standard")
    assert d.normalized == docnumber.format(agency, year, serial)
    assert raw[d.start : d.end] == d.text
    found = docnumber.find_all(f"见《通知》({raw[5:]})。")
    assert [x.normalized for x in found] == [d.normalized]


def _documents() -> list[Path]:
    paths = sorted(FIXTURES.glob("*.txt"))
    paths += sorted(
        p for p in (FIXTURES / "generated").glob("*") if p.suffix in (".txt", ".pdf", ".docx", ".html")
    )
    if CORPUS.exists():
        paths += sorted((CORPUS / "text").glob("*")) + sorted((CORPUS / "pdf").glob("*.pdf"))
    return paths


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_every_fact_of_every_document_is_traceable(path: Path) -> None:
    need_shared(path)
    report = gp.parse(path)
    raw = load.load_path(path, resolve_config(None)).text
    _check_spans(report.text, report.facts)
    for f in report.facts:
        assert as_cleaned(raw, f.source_start, f.source_end, report) == f.text, f.to_dict()


# ------------------------------------------------------------------ robustness sweep

JUNK = [
    "", "\x00", "①②", "〇", "３²", "《", "》《", "〔2018〕", "令第号", "%", "百分之", "12345", "年初年底",
    "百分之百分之百分之", "百分之百分", "百分之百百",
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_every_module(junk: str) -> None:
    view = matching_view(junk)
    ctx = Context(year=2018, labels=True)
    for _kind, finder in PRIORITY:
        _check_spans(junk, tuple(finder(junk, view, ctx)))
    for module in MODULES.values():
        module.is_valid(junk)
    _check_spans(junk, extract_facts(junk, year=None).facts)
    assert not any(is_ascii_digits(c) for c in "²①３")


@pytest.mark.slow
@pytest.mark.parametrize(
    "make",
    [
        lambda: "1" * 1_000_000,
        lambda: "，".join(str(i) for i in range(100_000)),
        lambda: "《" * 200_000 + "》" * 200_000,
        lambda: "一二三" * 100_000,
        lambda: "百分之百分之" * 50_000,
        lambda: "百分之百" * 50_000,
    ],
    ids=["1MB-digit-line", "100k-numbers", "deep-brackets", "numeral-run", "hundred-percent-chain",
         "hundred-percent-run"],
)
def test_large_junk_finishes(make: Callable[[], str]) -> None:
    text = make()
    result = extract_facts(text, year=2018, labels=False)
    _check_spans(text, result.facts)
    assert not [d for d in result.diagnostics if d.code == "extract_timeout"]
    if text.startswith("0，1，"):
        assert [f.value for f in result.facts if isinstance(f, Quantity)] == list(range(100_000))
    for module in MODULES.values():
        assert module.is_valid(text[:100_000]) in (True, False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="《》ab\n", max_size=60))
def test_citations_are_balanced_disjoint_and_on_one_line(text: str) -> None:
    found = citation.find_all(text)
    _check_spans(text, tuple(found))
    for c in found:
        depth = 0
        for i, ch in enumerate(c.text):
            depth += {"《": 1, "》": -1}.get(ch, 0)
            assert depth > 0 or i == len(c.text) - 1, c.text
        assert depth == 0 and "\n" not in c.text and c.title


@pytest.mark.parametrize("unit", ["百分之百分之", "百分之百", "百分之百分"])
def test_hundred_percent_junk_stays_linear(unit: str) -> None:
    """``百分之百`` chains: 8 times the text takes about 8 times as long (quadratic is 64)."""
    import time

    def best(n: int) -> float:
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            percentage.find_all(unit * n)
            runs.append(time.perf_counter() - t0)
        return min(runs)

    small, large = best(500), best(4_000)
    assert large < 0.05 or large / max(small, 1e-4) < 24, (small, large)
