"""The 2014–2018 statistics table (``statistics_2014``): rows, splits of glued runs, layout evidence."""

from __future__ import annotations

import pytest

from govreport_parse import parse_text
from govreport_parse.standard import analyze
from govreport_parse.standard.layout import decide_layout
from govreport_parse.standard.stats2014 import ROWS, read_statistics_2014, split_pair

SPACED = (
    "附件：政府信息公开情况统计表 指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967 "
    "其中：1、政府网站公开数 条 2543 78967 2、政府公报公开数 条 0 0 受理依申请公开信息总数 条 1 1 "
    "其中：1、当面申请数 条 0 0 2、网上申请数 条 0 0 3、信函、传真申请数 条 1 1 对申请的答复总数 条 1 1 "
    "政府信息公开收费减免金额 元 0 0 行政复议数 件 0 0 行政诉讼数 件 0 0"
)
GLUED = (
    "指标名称计量单位2012年度历年累计主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07"
    "受理依申请公开信息总数条2121其中：1.当面申请数条18182.传真申请数条003.电子邮件申请数条33"
    "对申请的答复数条2121其中：1.同意公开答复数条17172.同意部分公开答复数条223.否决公开答复数条22"
    "行政复议数条00行政诉讼数条00行政申诉数条00"
)
NATIONAL = (
    "政府信息公开情况统计表 指标名称 计量单位 统计数 主动公开政府信息数 条 1200 "
    "其中：主动公开规范性文件数 条 15 制发规范性文件总数 件 20 回应公众关注热点或重大舆情数 次 3 "
    "收到申请数 件 12 同意公开数 件 8 同意部分公开数 件 2 不同意公开数 件 2 行政复议数量 件 1 "
    "行政诉讼数量 件 0 举报投诉数量 件 0 依申请公开信息收取的费用 万元 0 "
    "召开政府信息公开工作会议或专题会议数 次 2 举办各类培训班数 次 1 接受培训人员数 人次 60"
)


def _values(text: str, prose: dict[str, int] | None = None) -> dict[str, int | float | None]:
    return {m.name: m.value for m in read_statistics_2014(text, prose=prose).metrics}


def test_spaced_table_rows_and_columns() -> None:
    v = _values(SPACED)
    assert v["statistics_2014.active_disclosed.this_year"] == 2543
    assert v["statistics_2014.active_disclosed.cumulative"] == 78967
    assert v["statistics_2014.requests_by_letter_or_fax.this_year"] == 1
    assert v["statistics_2014.fee_reductions_cny.this_year"] == 0
    assert "statistics_2014.fees_collected_cny.this_year" not in v  # a reduction is not a fee


def test_glued_runs_split_by_structure_and_prose() -> None:
    v = _values(GLUED, {"active_disclosed": 2026})
    assert v["statistics_2014.active_disclosed.this_year"] == 2026  # the prose chose among 4 splits
    assert v["statistics_2014.active_via_website.this_year"] == 1795  # a part never exceeds its row
    assert v["statistics_2014.requests_received.this_year"] == 21  # 2|121 fails the 其中 rows
    assert v["statistics_2014.requests_in_person.this_year"] == 18
    assert v["statistics_2014.replies_disclosed.cumulative"] == 17
    assert v["statistics_2014.replies_refused.this_year"] == 2


def test_glued_run_without_a_deciding_figure_is_left_empty_and_said() -> None:
    r = read_statistics_2014(GLUED)
    names = {m.name for m in r.metrics}
    assert "statistics_2014.active_disclosed.this_year" not in names
    assert any(d.code == "standard.statistics_2014_ambiguous" for d in r.diagnostics)


def test_row_sum_checks_report_the_source_arithmetic() -> None:
    r = read_statistics_2014(GLUED, prose={"active_disclosed": 2026})
    by = {c.rule: c.status for c in r.checks}
    assert by["statistics_2014.parts.requests_received.this_year"] == "pass"  # 18 + 0 + 3
    assert by["statistics_2014.parts.active_disclosed.this_year"] == "fail"  # 1795 + 0 ≠ 2026 in the source


def test_national_2014_form() -> None:
    v = _values(NATIONAL)
    assert v["statistics_2014.active_disclosed.this_year"] == 1200
    assert v["statistics_2014.active_normative_documents.this_year"] == 15
    assert v["statistics_2014.requests_received.this_year"] == 12
    assert v["statistics_2014.replies_refused.this_year"] == 2
    assert v["statistics_2014.fees_collected_cny.this_year"] == 0
    assert v["statistics_2014.trainees.this_year"] == 60


@pytest.mark.parametrize(
    ("run", "splits"),
    [("2121", [(2, 121), (21, 21)]), ("00", [(0, 0)]), ("01", [(0, 1)]), ("728", [(7, 28)]), ("10", [])],
)
def test_split_pair(run: str, splits: list[tuple[int, int]]) -> None:
    assert split_pair(run) == splits


def test_every_row_key_and_label_is_unique() -> None:
    keys = [r.key for r in ROWS]
    labels = [label for r in ROWS for label in r.labels]
    assert len(keys) == len(set(keys)) and len(labels) == len(set(labels))
    assert all(r.parent is None or r.parent in keys for r in ROWS)


# --- layout by the set of labels, with evidence ------------------------------------------------

NARRATIVE_QUOTES = [
    "2018年，主动公开政府集中采购项目类信息7条，行政许可类信息15条。",
    "今年我县行政复议数和行政诉讼数均为零，主动公开信息数为62条。",
    "对照《政府信息公开情况统计表》，认真填报主动公开文件数等指标。",
    "按照本年新收政府信息公开申请数量的口径统计。",
    "全年受理申请12件，其中同意公开答复数8件。",
]


@pytest.mark.parametrize("text", NARRATIVE_QUOTES)
def test_a_narrative_report_quoting_a_template_phrase_stays_narrative(text: str) -> None:
    report = parse_text("一、概述\n" + text + "\n二、主动公开情况\n全年主动公开政府信息120条。")
    assert report.layout in ("narrative", "unknown")
    assert report.layout != "unknown" or "本年新收" in text  # a table-三 label alone is not a template
    assert report.layout_evidence is not None


def test_statistics_2014_layout_names_its_labels() -> None:
    result = analyze(
        "一、概述\n全年主动公开政府信息2543条。\n" + SPACED, tables=(), facts=(), sections=(), year=None
    )
    assert result.layout == "statistics_2014"
    assert result.layout_evidence is not None
    assert "主动公开文件数" in result.layout_evidence.labels
    assert result.layout_evidence.confidence >= 0.8
    names = {m.name: m.value for m in result.metrics}
    assert names["active_disclosed"] == 2543 and names["admin_review_cases"] == 0


def test_decide_layout_confidence_drops_with_mixed_labels() -> None:
    clean = decide_layout("本年制发件数本年废止件数现行有效件数本年收费金额")
    mixed = decide_layout("本年制发件数本年废止件数现行有效件数本年新制作数量")
    assert clean.layout == mixed.layout == "standard_2021"
    assert clean.evidence.confidence > mixed.evidence.confidence


@pytest.mark.parametrize("sep", ["\t", "\n", " | "])
def test_table_cells_one_per_line_or_tab_or_pipe(sep: str) -> None:
    rows = [
        ("指标名称", "计量单位", "本年度", "历年累计"),
        ("主动公开信息数", "条", "425", "1516"),
        ("其中：1.网站公开", "条", "418", "1509"),
        ("2.政府公报公开", "条", "7", "7"),
        ("受理依申请公开信息总数", "条", "0", "0"),
        ("行政复议数", "件", "0", "0"),
        ("行政诉讼数", "件", "0", "0"),
    ]
    text = "附件：统计表\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    r = read_statistics_2014(text)
    v = {m.name: m.value for m in r.metrics}
    assert v["statistics_2014.active_via_website.this_year"] == 418
    assert v["statistics_2014.active_via_gazette.cumulative"] == 7
    assert all(c.status == "pass" for c in r.checks)
    for m in r.metrics:
        assert m.start is not None and text[m.start : m.end] == m.raw
