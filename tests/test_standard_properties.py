"""Invariants of the statistics stage, with hypothesis."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport_parse import parse_text
from govreport_parse.model import Percentage, Quantity
from govreport_parse.standard import analyze
from govreport_parse.standard.values import parse_cell, split_digits

counts = st.integers(min_value=0, max_value=400)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(counts, min_size=6, max_size=6))
def test_a_glued_row_always_admits_its_true_split(six: list[int]) -> None:
    row = (*six, sum(six))
    candidates = split_digits(["".join(map(str, row))], (7,))
    assert row in candidates
    for cand in candidates:  # every candidate keeps the row-sum rule
        assert cand[6] == sum(cand[:6])


@FAST
@given(
    st.lists(counts, min_size=6, max_size=6),
    st.lists(st.sampled_from(["", " ", "\n", "  "]), min_size=7, max_size=7),
)
def test_reading_never_invents_a_wrong_unique_row(six: list[int], seps: list[str]) -> None:
    row = (*six, sum(six))
    body = "".join(f"{sep}{v}" for sep, v in zip(seps, row, strict=True))
    text = f"一、本年新收政府信息公开申请数量{body}\n"
    result = analyze(text, tables=(), facts=(), sections=(), year=None)
    cells = [m for m in result.metrics if m.name.startswith("requests.received_this_year.")]
    printed = [m for m in cells if not m.derived]
    if printed:  # read: it must be the truth
        assert tuple(m.value for m in printed) == row
        for m in printed:
            assert m.start is not None and text[m.start : m.end] == m.raw
    else:  # not read: it must say why
        assert any(d.code.startswith("standard.") for d in result.diagnostics)


@FAST
@given(st.text(max_size=40))
def test_cell_grammar_never_raises(raw: str) -> None:
    got = parse_cell(raw)
    if got is not None and not got.empty:
        assert isinstance(got.value, int | float)


JUNK = ["", "\x00", "①②", "〇", "３²", "|||", "一、本年新收政府信息公开申请数量", "（七）总计" * 50]


@FAST
@given(
    st.lists(
        st.sampled_from([*JUNK, "0", "12", " ", "\n", "共计", "件", "占总数的", "%", "行政复议"]), max_size=40
    )
)
def test_analyze_survives_junk_and_keeps_spans(parts: list[str]) -> None:
    text = "".join(parts)
    result = analyze(text, tables=(), facts=(), sections=(), year=None)
    for m in result.metrics:
        if m.start is not None:
            assert m.raw is not None and m.raw in text[m.start : m.end]
    for c in result.checks:
        for ref in c.refs:
            assert 0 <= ref.start <= ref.end <= len(text)


def test_a_long_line_stays_fast() -> None:
    line = "一、本年新收政府信息公开申请数量" + "共受理申请3件，占总数的5%，" * 20000
    began = time.perf_counter()
    analyze(line, tables=(), facts=(), sections=(), year=None)
    assert time.perf_counter() - began < 15


cell_text = st.one_of(counts.map(str), st.sampled_from(["", "/", "-", "——", "无"]))


@FAST
@given(st.lists(st.lists(cell_text, min_size=7, max_size=7), min_size=2, max_size=2))
def test_table_cells_become_metrics_as_printed(grid: list[list[str]]) -> None:
    from govreport_parse.model import Span, Table

    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
    text = ""
    rows, spans = [], []
    for label, cells in zip(labels, grid, strict=True):
        row_spans = []
        for cell in [label, *cells]:
            row_spans.append(Span(start=len(text), end=len(text) + len(cell)))
            text += cell + "\t"
        text += "\n"
        rows.append((label, *(c or None for c in cells)))
        spans.append(tuple(row_spans))
    table = Table(rows=tuple(rows), spans=tuple(spans))
    result = analyze(text, tables=(table,), facts=(), sections=(), year=None)
    got = {m.name: m for m in result.metrics if m.source == "table" and not m.derived}
    columns = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_org",
        "legal_service_org",
        "other_org",
        "total",
    ]
    for key, cells in zip(["received_this_year", "carried_over_from_last_year"], grid, strict=True):
        if not any(cells):  # a row of blank cells is no row at all
            assert not any(name.startswith(f"requests.{key}.") for name in got)
            continue
        for col, cell in zip(columns, cells, strict=True):
            m = got[f"requests.{key}.{col}"]
            assert m.value == (int(cell) if cell.isdigit() else None)
            assert m.raw == cell
            assert m.start is not None and text[m.start : m.end] == cell


# --- one reader: prose checks over the report's own facts ---------------------------------------

_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _fixture_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(_FIXTURES.glob("*.txt")) + sorted((_FIXTURES / "generated").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for part in text.replace("\n", "。").split("。"):
            if any(ch.isdigit() or ch in "一二三四五六七八九十" for ch in part) and 4 <= len(part) <= 200:
                out.append(part + "。")
    return out


#: sentences whose figures are qualified, or written in Chinese numerals, next to exact ones
_QUALIFIED = [
    "收到申请不足10件，办结5件，共计15件。",
    "收到申请十件，办结五件，共计十五件。",
    "受理申请约20件，其中自然人申请12件，其他申请8件。",
    "主动公开信息超过300条，其中网站公开200条，其他渠道100条。",
    "办理建议30余件，答复10件，共计40件。",
    "收到申请3至5件，办结2件，共计7件。",
    "解决的118件，占总数的约92.2%；不能解决的10件。",
]
_SENTENCES = _fixture_sentences() + _QUALIFIED


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SENTENCES), min_size=2, max_size=8))
def test_prose_check_operands_are_facts_and_qualified_never_pass(sentences: list[str]) -> None:
    report = parse_text("".join(sentences))
    numbers = {(f.start, f.end): f for f in report.facts if isinstance(f, Quantity | Percentage)}
    for check in report.checks:
        if not check.rule.startswith("prose."):
            continue
        operands = [numbers.get((r.start, r.end)) for r in check.refs]
        assert all(f is not None for f in operands), (check, report.text)
        loose = [
            f
            for f in operands
            if f is not None and (f.qualifier != "exact" or getattr(f, "value_max", None) is not None)
        ]
        if loose:
            assert check.status == "skipped", check
            assert "qualified" in check.message
