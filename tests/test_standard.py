"""The statistics stage: the seed, the real corpus, every table form, and the checks."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.model import Report, Span, Table
from govreport_parse.standard import analyze
from govreport_parse.standard.labels import compact

from .conftest import CORPUS, ROOT, SEED, need_shared


def _scorer() -> ModuleType:
    """The evaluation scorer's gold-key mappings: one definition for the scorer and these tests."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("evaluation.metrics")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


TABLE_KEYS: dict[str, str] = _scorer().TABLE_KEYS
KEY_COUNTS: dict[str, str] = _scorer().KEY_COUNTS
expected_layout = _scorer().expected_layout
old_table_key = _scorer().old_table_key
PINGTAN = CORPUS.parent / "corpus-pingtan"
PINGTAN_DOCS = [
    "pingtan-2011",
    "pingtan-2012-county",
    "pingtan-2013-county",
    "pingtan-2013",
    "pingtan-2014",
    "pingtan-2015",
    "pingtan-2016",
    "pingtan-2017",
    "pingtan-2023",
    "pingtan-2025",
]
GOLD_DOCS = [
    "huadian-xinhua-street-2012.web.txt",
    "pingtan-2012.web.txt",
    "pingtan-2019.web.txt",
    "shuyang-county-2025.ocr.md",
    "huaian-city-2024.pdf",
    "huaian-hongze-2023.pdf",
    "huaian-hongze-2024.pdf",
]
PDF_READY = importlib.util.find_spec("govreport_parse.load.pdf") is not None

_CACHE: dict[str, Report] = {}


def _corpus_report(name: str) -> tuple[Report, dict[str, Any]]:
    if name in PINGTAN_DOCS:
        path = need_shared(PINGTAN / "text" / f"{name}.web.txt")
        gold = json.loads((PINGTAN / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        if name not in _CACHE:
            _CACHE[name] = gp.parse(path)
        return _CACHE[name], gold
    folder = "pdf" if name.endswith(".pdf") else "text"
    path = need_shared(CORPUS / folder / name)
    if folder == "pdf" and not PDF_READY:
        pytest.skip("govreport_parse/load/pdf.py is not there yet: PDFs cannot be read")
    stem = name.split(".")[0]
    gold = json.loads((CORPUS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    if name not in _CACHE:
        _CACHE[name] = gp.parse(path)
    return _CACHE[name], gold


def _values(report: Report) -> dict[str, Any]:
    return {m.name: m.value for m in report.metrics}


def _analyze(text: str, tables: tuple[Table, ...] = ()) -> Any:
    return analyze(text, tables=tables, facts=(), sections=(), year=None)


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed() -> Report:
    return gp.parse(SEED)


def test_seed_headline_figures(seed: Report) -> None:
    values = _values(seed)
    assert seed.layout == "narrative"
    assert values["requests_received"] == 142
    assert values["active_disclosed"] == 9721
    assert values["fees_collected_cny"] == 0
    fee = seed.metric("fees_collected_cny")
    assert fee is not None and fee.start is not None
    assert "没有收取任何" in seed.text[fee.start : fee.end]
    received = seed.metric("requests_received")
    assert received is not None and received.start is not None
    assert seed.text[received.start : received.end] == "142件"  # the span of the quantity fact
    spans = {(f.start, f.end) for f in seed.facts if f.kind == "quantity"}
    assert (received.start, received.end) in spans


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("prose.sum", "128 + 1 = 129"),
        ("prose.parts", "118 + 10 = 128"),
        ("prose.share", "118 / 128 = 92.2%"),
        ("prose.share", "10 / 128 = 7.8%"),
        ("prose.parts", "5 + 154 = 159"),
        ("prose.parts", "73 + 74 + 12 = 159"),
    ],
)
def test_seed_prose_checks_pass(seed: Report, rule: str, message: str) -> None:
    found = [c for c in seed.checks if c.rule == rule and c.message == message]
    assert len(found) == 1, [c.message for c in seed.checks]
    check = found[0]
    assert check.status == "pass"
    # the operands are the report's own quantity/percentage facts, spans and all
    fact_spans = {(f.start, f.end): f.text for f in seed.facts if f.kind in ("quantity", "percentage")}
    assert all((r.start, r.end) in fact_spans for r in check.refs)
    quoted = [seed.text[r.start : r.end].rstrip("件条个%％") for r in check.refs]
    for number in message.replace("%", "").replace("=", "+").replace("/", "+").split("+"):
        assert number.strip() in quoted


def test_seed_has_no_failing_check(seed: Report) -> None:
    assert [c.message for c in seed.checks if c.status == "fail"] == []


# --------------------------------------------------------------------------- the real corpus


@pytest.mark.parametrize("name", GOLD_DOCS + PINGTAN_DOCS)
def test_corpus_gold_figures(name: str) -> None:
    report, gold = _corpus_report(name)
    values = _values(report)
    assert report.layout == expected_layout(gold)
    for key, want in (gold.get("table_applications") or {}).items():
        assert values.get(TABLE_KEYS[key]) == want, key
    for key, want in gold["key_counts"].items():
        assert values.get(KEY_COUNTS[key]) == (0 if want is None else want), key
    for label, _unit, want in gold.get("old_statistics_table") or []:
        assert values.get(old_table_key(label)) == (0 if want is None else want), label


@pytest.mark.parametrize("name", GOLD_DOCS + PINGTAN_DOCS)
def test_corpus_layout_names_its_evidence(name: str) -> None:
    report, gold = _corpus_report(name)
    evidence = report.layout_evidence
    assert evidence is not None
    if report.layout != "narrative":  # a template layout is decided by two labels or more
        assert len(evidence.labels) >= 2
        assert all(label in compact(report.text).text for label in evidence.labels)
        assert evidence.confidence > 0.5
    if expected_layout(gold) == "narrative":
        assert report.layout == "narrative"


@pytest.mark.parametrize("name", GOLD_DOCS + PINGTAN_DOCS)
def test_corpus_metric_spans_hold_their_raw_text(name: str) -> None:
    report, _ = _corpus_report(name)
    for m in report.metrics:
        if m.start is None:
            assert m.derived or m.end is None
            continue
        assert m.end is not None and m.raw is not None
        assert m.raw in report.text[m.start : m.end], m.name
    for c in report.checks:
        for ref in c.refs:
            assert 0 <= ref.start < ref.end <= len(report.text)


def test_pingtan_digit_runs_give_table_3() -> None:
    report, _ = _corpus_report("pingtan-2019.web.txt")
    values = _values(report)
    assert values["requests.received_this_year.natural_person"] == 23
    assert values["requests.received_this_year.commercial_enterprise"] == 0
    assert values["requests.other_handling.total"] == 0  # 2019: a printed row
    assert values["requests.results_total.total"] == 23
    m = report.metric("requests.received_this_year.total")
    assert m is not None and m.source == "text" and m.start is not None
    assert report.text[m.start - 8 : m.end].endswith("230 000023")
    assert all(c.status == "pass" for c in report.checks if c.rule.startswith("requests."))
    assert sum(c.rule.startswith("requests.balance.") for c in report.checks) == 7
    # table 二 rows glued without a sum rule are ambiguous: left empty, said so
    assert "active_disclosure.licensing.decisions" not in values
    assert values["active_disclosure.regulations.made_this_year"] == 0
    codes = [(d.code, d.message) for d in report.diagnostics if d.code == "standard.ambiguous_split"]
    assert any("licensing" in msg for _, msg in codes)


def test_shuyang_markdown_with_fake_headers() -> None:
    report, _ = _corpus_report("shuyang-county-2025.ocr.md")
    values = _values(report)
    assert values["requests.received_this_year.natural_person"] == 705
    assert values["requests.other_misc.total"] == 143
    assert values["requests.other_handling.total"] == 159
    assert report.metric("requests.other_handling.total").derived  # type: ignore[union-attr]
    assert values["review_litigation.litigation_after_review.total"] == 10
    assert values["active_disclosure.admin_fees.amount_10k_cny"] == 4068.208
    assert values["active_disclosure.licensing.decisions"] == 517645
    head = [c for c in report.checks if c.rule == "headline.requests_received"]
    assert head and head[0].status == "pass" and "749" in head[0].message  # 749 = 713 new + 36 carried over


def test_hongze_2024_prose_contradicts_table() -> None:
    report, _ = _corpus_report("huaian-hongze-2024.pdf")
    received = report.metric("requests_received")
    assert received is not None and received.value == 95 and received.source == "table"
    failing = [c for c in report.checks if c.rule == "headline.requests_received"]
    assert len(failing) == 1 and failing[0].status == "fail"
    assert "17" in failing[0].message and "95" in failing[0].message
    # a prose ref is the span of a quantity fact
    quoted = {report.text[r.start : r.end].rstrip("件 ") for r in failing[0].refs}
    assert {"17", "95"} <= quoted


def test_hongze_2023_inconsistent_table_4_is_reported_not_fixed() -> None:
    report, _ = _corpus_report("huaian-hongze-2023.pdf")
    values = _values(report)
    assert values["review_litigation.administrative_review.upheld"] == 10
    assert values["review_litigation.administrative_review.total"] == 0
    failing = {c.rule: c for c in report.checks if c.status == "fail"}
    assert "review_litigation.total.administrative_review" in failing
    check = failing["review_litigation.total.administrative_review"]
    assert (check.expected, check.actual) == (0, 11)
    assert len(check.refs) == 5


def test_huaian_city_2021_table_with_vertical_labels() -> None:
    report, _ = _corpus_report("huaian-city-2024.pdf")
    values = _values(report)
    assert values["requests.other_no_correction.total"] == 71
    assert values["requests.other_handling.total"] == 187
    assert values["admin_litigation_cases"] == 46
    assert all(c.status == "pass" for c in report.checks if c.rule.startswith("requests."))


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        (
            "2022年度报告 第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量",
            "standard_2019",
        ),
        ("2019年度报告 信息内容 本年制发件数 本年废止件数 现行有效件数", "standard_2021"),
        # one template label alone is a quotation, not a table (it was standard_2021 before 0.2.0)
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "narrative"),
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0 "
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0",
            "standard_2021",
        ),
        ("2018年，公开政府集中采购项目类信息7条。", "narrative"),
        ("一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5", "unknown"),
        ("一、概述 全年主动公开政府信息120条。", "narrative"),
        ("", "narrative"),
    ],
)
def test_layout_from_labels_never_the_year(text: str, layout: str) -> None:
    assert _analyze(text).layout == layout


# --------------------------------------------------------------------------- text forms

ROWS_2019 = [
    ("一、本年新收政府信息公开申请数量", (10, 1, 0, 0, 0, 0, 11)),
    ("二、上年结转政府信息公开申请数量", (0, 0, 0, 0, 0, 0, 0)),
    ("三、本年度办理结果（一）予以公开", (6, 1, 0, 0, 0, 0, 7)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (1, 0, 0, 0, 0, 0, 1)),
    ("（三）不予公开 1.属于国家秘密", (0, 0, 0, 0, 0, 0, 0)),
    ("2.其他法律行政法规禁止公开", (0, 0, 0, 0, 0, 0, 0)),
    ("3.危及“三安全一稳定”", (0, 0, 0, 0, 0, 0, 0)),
    ("4.保护第三方合法权益", (0, 0, 0, 0, 0, 0, 0)),
    ("5.属于三类内部事务信息", (0, 0, 0, 0, 0, 0, 0)),
    ("6.属于四类过程性信息", (0, 0, 0, 0, 0, 0, 0)),
    ("7.属于行政执法案卷", (0, 0, 0, 0, 0, 0, 0)),
    ("8.属于行政查询事项", (0, 0, 0, 0, 0, 0, 0)),
    ("（四）无法提供 1.本机关不掌握相关政府信息", (2, 0, 0, 0, 0, 0, 2)),
    ("2.没有现成信息需要另行制作", (0, 0, 0, 0, 0, 0, 0)),
    ("3.补正后申请内容仍不明确", (0, 0, 0, 0, 0, 0, 0)),
    ("（五）不予处理 1.信访举报投诉类申请", (0, 0, 0, 0, 0, 0, 0)),
    ("2.重复申请", (1, 0, 0, 0, 0, 0, 1)),
    ("3.要求提供公开出版物", (0, 0, 0, 0, 0, 0, 0)),
    ("4.无正当理由大量反复申请", (0, 0, 0, 0, 0, 0, 0)),
    ("5.要求行政机关确认或重新出具已获取信息", (0, 0, 0, 0, 0, 0, 0)),
    ("（六）其他处理", (0, 0, 0, 0, 0, 0, 0)),
    ("（七）总计", (10, 1, 0, 0, 0, 0, 11)),
    ("四、结转下年度继续办理", (0, 0, 0, 0, 0, 0, 0)),
]
HEADER = (
    "三、收到和处理政府信息公开申请情况\n"
    "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
)
TAIL = "\n四、政府信息公开行政复议、行政诉讼情况\n"


def _render(sep: str, line_end: str, glue: bool = False) -> str:
    rows = []
    for label, values in ROWS_2019:
        cells = "".join(str(v) for v in values) if glue else sep.join(str(v) for v in values)
        rows.append(f"{label}{sep}{cells}")
    return HEADER + line_end.join(rows) + TAIL


def _pipes() -> str:
    rows = [f"| {label} | {' | '.join(str(v) for v in values)} | | |" for label, values in ROWS_2019]
    return (
        HEADER
        + "| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|\n"
        + "\n".join(rows)
        + TAIL
    )


@pytest.mark.parametrize(
    "text",
    [
        _render(" ", "\n"),
        _render("\n", "\n"),  # one cell a line
        _pipes(),
        _render("", "", glue=True),  # digit runs; row 一 alone splits two ways
    ],
    ids=["spaces", "one-cell-a-line", "pipes", "digit-runs"],
)
def test_text_forms_read_table_3(text: str) -> None:
    result = _analyze(text)
    values = {m.name: m.value for m in result.metrics}
    assert values["requests.received_this_year.natural_person"] == 10
    assert values["requests.received_this_year.commercial_enterprise"] == 1
    assert values["requests.received_this_year.research_institution"] == 0
    assert values["requests.unavailable_total.total"] == 2
    assert values["requests_received"] == 11
    assert [c.message for c in result.checks if c.status == "fail"] == []
    for m in result.metrics:
        if m.start is not None:
            assert m.raw in text[m.start : m.end]


def test_ambiguous_run_without_identities_stays_empty() -> None:
    text = "一、本年新收政府信息公开申请数量101000011\n"
    result = _analyze(text)
    assert not any(m.name.startswith("requests.received_this_year") for m in result.metrics)
    diags = [d for d in result.diagnostics if d.code == "standard.ambiguous_split"]
    assert diags and diags[0].start is not None
    assert "received_this_year" in diags[0].message


def test_empty_marks_are_not_zero() -> None:
    text = "一、本年新收政府信息公开申请数量 | 3 | / | - | —— | 无 |  | 3 |\n"
    values = {m.name: m for m in _analyze(text).metrics}
    assert values["requests.received_this_year.natural_person"].value == 3
    for col, raw in [
        ("commercial_enterprise", "/"),
        ("research_institution", "-"),
        ("public_interest_org", "——"),
        ("legal_service_org", "无"),
        ("other_org", ""),
    ]:
        m = values[f"requests.received_this_year.{col}"]
        assert m.value is None and m.raw == raw
    assert "requests.received_this_year.legal_person_subtotal" not in values


def test_vertical_labels_one_character_a_line() -> None:
    vertical = "\n".join("三、本年度办理结果")
    text = (
        "一、本年新收政府信息公开申请数量\n4\n0\n0\n0\n0\n0\n4\n"
        f"{vertical}\n（一）予以公开\n4\n0\n0\n0\n0\n0\n4\n"
    )
    values = {m.name: m.value for m in _analyze(text).metrics}
    assert values["requests.received_this_year.total"] == 4
    assert values["requests.disclosed.natural_person"] == 4


def test_pipe_rows_with_trailing_blanks_2021_table_2() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 | 0 | 0 | 2 |\n| 行政规范性文件 | 3 | 0 | 8 |\n第二十条第（五）项\n"
        "| 信息内容 | 本年处理决定数量 | | |\n| 行政许可 | 9487 | | |\n第二十条第（八）项\n"
        "| 信息内容 | 本年收费金额（单位：万元） | | |\n| 行政事业性收费 | 7730.28 | | |\n"
    )
    result = _analyze(text)
    values = {m.name: m for m in result.metrics}
    assert result.layout == "standard_2021"
    assert values["active_disclosure.normative_documents.in_force"].value == 8
    assert values["active_disclosure.licensing.decisions"].value == 9487
    fees = values["active_disclosure.admin_fees.amount_10k_cny"]
    assert fees.value == 7730.28 and fees.unit == "万元"
    assert "active_disclosure.licensing.prev_year_items" not in values


def test_table_4_flattened_to_fifteen_digits() -> None:
    text = (
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        "110021000132016 五、存在的主要问题及改进情况"
    )
    values = {m.name: m.value for m in _analyze(text).metrics}
    assert values["review_litigation.administrative_review.total"] == 2
    assert values["review_litigation.litigation_after_review.total"] == 6
    assert values["admin_review_cases"] == 2
    assert values["admin_litigation_cases"] == 7


# --------------------------------------------------------------------------- Table objects


def _table(rows: list[list[str | None]], text: str, page: int = 1) -> Table:
    """A Table whose cell spans point at the first occurrence of each cell after the previous one."""
    spans = []
    pos = 0
    for row in rows:
        line: list[Span | None] = []
        for cell in row:
            if cell is None:
                line.append(None)
                continue
            i = text.index(cell, pos)
            line.append(Span(start=i, end=i + len(cell)))
            pos = i + len(cell)
        spans.append(tuple(line))
    return Table(rows=tuple(tuple(r) for r in rows), spans=tuple(spans), page=page)


def _grid(rows: list[tuple[str, tuple[int, ...]]]) -> list[list[str | None]]:
    return [[label, None, None, *(str(v) for v in values)] for label, values in rows]


def test_table_objects_split_across_pages_with_extra_row() -> None:
    rows = _grid(ROWS_2019)
    rows.insert(22, ["其中：依申请公开转主动公开", None, None, "1", "0", "0", "0", "0", "0", "1"])
    text = "\n".join(" ".join(c for c in r if c) for r in rows)
    first = _table(rows[:14], text, page=3)
    second = _table(rows[14:], text, page=4)
    result = _analyze(text, (first, second))
    values = {m.name: m for m in result.metrics}
    m = values["requests.received_this_year.total"]
    assert m.value == 11 and m.source == "table" and m.page == 3
    assert text[m.start : m.end] == "11"  # type: ignore[index]
    assert values["requests.not_processed_duplicate.total"].page == 4
    assert values["requests.extra.1.total"].value == 1
    assert "依申请公开转主动公开" in (values["requests.extra.1.total"].label or "")
    assert not any(m.source == "text" for m in result.metrics if m.name.startswith("requests."))
    assert [c.message for c in result.checks if c.status == "fail"] == []


def test_table_objects_blank_cells_and_merged_labels() -> None:
    rows: list[list[str | None]] = [
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            None,
            None,
            "申请人情况",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
        ["一、本年新收政府信息公开申请数量", None, None, "5", "1", None, None, None, None, None],
        ["二、上年结转政府信息公开申请数量", None, None, "0", "0", None, None, None, None, "0"],
    ]
    text = "\n".join(" ".join(c for c in r if c) for r in rows)
    values = {m.name: m for m in _analyze(text, (_table(rows, text),)).metrics}
    assert values["requests.received_this_year.natural_person"].value == 5
    assert values["requests.received_this_year.research_institution"].value is None
    assert values["requests.received_this_year.total"].value is None  # blank, not zero, not invented
    assert "requests_received" not in values


def test_failing_table_check_quotes_both_sides() -> None:
    rows = _grid(
        [
            ("一、本年新收政府信息公开申请数量", (5, 0, 0, 0, 0, 0, 5)),
            ("二、上年结转政府信息公开申请数量", (0, 0, 0, 0, 0, 0, 0)),
            ("（七）总计", (4, 0, 0, 0, 0, 0, 4)),
            ("四、结转下年度继续办理", (0, 0, 0, 0, 0, 0, 0)),
        ]
    )
    text = "\n".join(" ".join(c for c in r if c) for r in rows)
    result = _analyze(text, (_table(rows, text),))
    check = next(c for c in result.checks if c.rule == "requests.balance.total")
    assert check.status == "fail" and (check.expected, check.actual) == (5, 4)
    assert "5 + 0 ≠ 4 + 0" in check.message
    assert len(check.refs) == 4
    values = {m.name: m.value for m in result.metrics}
    assert values["requests.received_this_year.total"] == 5  # never "fixed"


def test_cli_outline_shows_metrics_and_failing_checks(capsys: pytest.CaptureFixture[str]) -> None:
    from govreport_parse.cli import main

    path = need_shared(CORPUS / "text" / "pingtan-2019.web.txt")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "requests_received" in out and "table cells" in out
    assert "FAIL prose.parts" in out  # 2599 items stated, the categories add up to 2533


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>"


HTML_TABLE = "\n".join(
    [
        '<html><head><meta charset="utf-8"><title>某区2022年政府信息公开工作年度报告</title></head><body>',
        "<p>一、总体情况</p><p>全年受理政府信息公开申请12件。</p><p>三、收到和处理政府信息公开申请情况</p>",
        '<table border="1">',
        _tr(
            '<td colspan="3" rowspan="3">（本列数据的勾稽关系为：'
            "第一项加第二项之和，等于第三项加第四项之和）</td>",
            '<td colspan="7">申请人情况</td>',
        ),
        _tr(
            '<td rowspan="2">自然人</td>', '<td colspan="5">法人或其他组织</td>', '<td rowspan="2">总计</td>'
        ),
        _tr("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
        _tr('<td colspan="3">一、本年新收政府信息公开申请数量</td>', "10", "1", "0", "0", "0", "0", "11"),
        _tr('<td colspan="3">二、上年结转政府信息公开申请数量</td>', "1", "0", "0", "0", "0", "0", "1"),
        _tr(
            '<td rowspan="3">三、本年度办理结果</td>',
            '<td colspan="2">（一）予以公开</td>',
            "11",
            "1",
            "0",
            "0",
            "0",
            "0",
            "12",
        ),
        _tr('<td colspan="2">（七）总计</td>', "11", "1", "0", "0", "0", "0", "12"),
        _tr('<td colspan="2">其中：网上申请</td>', "3", "0", "0", "0", "0", "0", "3"),
        _tr('<td colspan="3">四、结转下年度继续办理</td>', "0", "0", "0", "0", "0", "0", "&nbsp;"),
        "</table><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>",
    ]
)


def test_html_table_with_merged_cells(tmp_path: Path) -> None:
    if importlib.util.find_spec("govreport_parse.load.html") is None:
        pytest.skip("govreport_parse/load/html.py is not there yet")
    path = tmp_path / "report.html"
    path.write_text(HTML_TABLE, encoding="utf-8")
    report = gp.parse(path)
    values = {m.name: m for m in report.metrics}
    received = values["requests.received_this_year.total"]
    assert received.value == 11 and received.source == "table"
    assert received.start is not None and report.text[received.start : received.end] == "11"
    blank = values["requests.carried_over_to_next_year.total"]
    assert blank.value is None  # &nbsp; is empty, not zero
    assert values["requests.extra.1.total"].value == 3
    rules = {c.rule: c.status for c in report.checks}
    assert rules["requests.balance.natural_person"] == "pass"
    assert rules["requests.row_total.extra.1"] == "pass"
    assert "requests.balance.total" not in rules  # a blank cell skips the check
    assert "requests.results_total.natural_person" not in rules  # result rows missing: not checked
    assert rules["headline.requests_received"] == "pass"  # 12 = 11 new + 1 carried over


def test_docx_table_with_merged_cells(tmp_path: Path) -> None:
    if importlib.util.find_spec("govreport_parse.load.docx") is None:
        pytest.skip("govreport_parse/load/docx.py is not there yet")
    import docx

    document = docx.Document()
    document.add_paragraph("某区2022年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=4, cols=10)
    table.cell(0, 0).merge(
        table.cell(1, 2)
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    for i, head in enumerate(
        ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    ):
        table.cell(1, 3 + i).text = head
    rows = [
        ("一、本年新收政府信息公开申请数量", ["4", "1", "0", "0", "0", "0", "5"]),
        ("二、上年结转政府信息公开申请数量", ["0", "0", "0", "0", "0", "/", "0"]),
    ]
    for r, (label, cells) in enumerate(rows, start=2):
        table.cell(r, 0).merge(table.cell(r, 2)).text = label
        for i, value in enumerate(cells):
            table.cell(r, 3 + i).text = value
    path = tmp_path / "report.docx"
    document.save(str(path))
    report = gp.parse(path)
    values = {m.name: m for m in report.metrics}
    assert values["requests_received"].value == 5 and values["requests_received"].source == "table"
    slash = values["requests.carried_over_from_last_year.other_org"]
    assert slash.value is None and slash.raw == "/"
    assert values["requests.received_this_year.legal_person_subtotal"].value == 1
    assert values["requests.received_this_year.legal_person_subtotal"].derived
    assert {c.rule: c.status for c in report.checks}["requests.row_total.received_this_year"] == "pass"


@pytest.mark.parametrize("name", ["huaian-city-2024.pdf", "huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"])
def test_pdf_text_alone_gives_table_3(name: str) -> None:
    """Without the table objects, the PDF's text form still gives the gold totals."""
    report, gold = _corpus_report(name)
    values = {m.name: m.value for m in _analyze(report.text).metrics}
    for key, want in gold["table_applications"].items():
        assert values.get(TABLE_KEYS[key]) == want, key


def test_blank_total_gives_a_derived_headline_figure() -> None:
    text = "一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 |  |\n"
    values = {m.name: m for m in _analyze(text).metrics}
    assert values["requests.received_this_year.total"].value is None  # the cell stays blank
    head = values["requests_received"]
    assert head.value == 4 and head.derived and head.start is None


def test_tables_read_from_text_are_rebuilt_with_spans() -> None:
    report, _ = _corpus_report("pingtan-2019.web.txt")
    rebuilt = [t for t in report.tables if (t.caption or "").startswith("三、")]
    assert len(rebuilt) == 1
    table = rebuilt[0]
    assert table.rows[0] == ("一、本年新收政府信息公开申请数量", "23", "0", "0", "0", "0", "0", "23")
    for row, spans in zip(table.rows, table.spans, strict=True):
        for cell, span in zip(row, spans, strict=True):
            assert span is not None and cell is not None
            assert cell in report.text[span.start : span.end]
