"""Is it a report? A case table of real-looking documents, reports of every era and the other
document kinds of government sites, each asserted; precision and recall are printed.

Reports come from ``tests/cases/decide.json`` (hand-written, one per era and layout), the seed
fixture and the real reports of ``../shared`` in three variations each (as saved; without their
title and page header; only their first 1,500 characters).  Non-reports are the other kinds of
documents the same sites publish (政府工作报告, 预算, 决算, 函, 通知, 指南, 工作要点, list pages),
and lookalikes built from real reports (a real report's body under a notice's title).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import govreport_parse as gp
from govreport_parse.decide import REJECTION_PREFIX, THRESHOLD, decide

from .conftest import FIXTURES, ROOT, SEED, SHARED

CASES = json.loads((ROOT / "tests" / "cases" / "decide.json").read_text(encoding="utf-8"))
REAL = sorted([*SHARED.glob("corpus/text/*"), *SHARED.glob("corpus-pingtan/text/*")])


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    text: str


def _untitled(text: str) -> str:
    """A real report without its title: the page header dropped, every mention of the title removed."""
    first = next(ln for ln in text.splitlines() if ln.strip())
    title = re.sub(r"^(标题[:：]|#)\s*", "", first.strip())
    body = text.split("==== 正文 ====", 1)[-1]
    squeezed = re.sub(r"\s+", "", title)
    return body.replace(title, "").replace(squeezed, "")


def _cases() -> list[Case]:
    out = [Case(c["name"], c["kind"], c["text"]) for c in CASES]
    seed = SEED.read_text(encoding="utf-8")
    out.append(Case("seed report", "annual_report", seed))
    out.append(Case("seed report without its title", "annual_report", _untitled(seed)))
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        out.append(Case(f"{path.name} as saved", "annual_report", text))
        out.append(Case(f"{path.name} without its title", "annual_report", _untitled(text)))
        out.append(Case(f"{path.name} first 1500 characters", "annual_report", text[:1500]))
    # lookalikes: a real report's body under the title of another kind of document
    for path in REAL[:4]:
        body = _untitled(path.read_text(encoding="utf-8"))[:3000]
        out.append(
            Case(f"{path.name} under a notice", "notice", "关于报送政府信息公开工作年度报告的通知\n" + body)
        )
        out.append(
            Case(f"{path.name} body under a letter title", "letter", "关于政务公开工作落实情况的函\n" + body)
        )
    return out


ALL = _cases()


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_each_document_is_decided(case: Case) -> None:
    d = decide(case.text)
    assert d.kind == case.kind, d.explain()
    assert d.is_report is (case.kind == "annual_report"), d.explain()
    assert d.reasons or not d.is_report  # a report always has its evidence


def test_the_table_is_large_and_precision_and_recall_are_printed(capsys: pytest.CaptureFixture[str]) -> None:
    built_in = [c for c in ALL if not any(c.name.startswith(p.name) for p in REAL)]
    assert len(built_in) >= 45
    if REAL:
        assert len(ALL) >= 60
    tp = fp = fn = 0
    for case in ALL:
        said = decide(case.text).is_report
        truth = case.kind == "annual_report"
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    with capsys.disabled():
        print(f"\nis-it-a-report: {len(ALL)} documents, precision {precision:.3f}, recall {recall:.3f}")
    assert precision == 1.0 and recall == 1.0


def test_kinds_in_the_table_cover_every_other_kind() -> None:
    kinds = {c.kind for c in ALL}
    assert kinds >= {"annual_report", "government_work_report", "budget", "final_accounts", "letter",
                     "notice", "guide", "work_plan", "list_page", "other"}


def test_score_is_the_sum_of_the_reasons() -> None:
    for case in ALL:
        d = decide(case.text)
        weights = [float(m) for m in re.findall(r"\(([+-][\d.]+)\)$", "\n".join(d.reasons), flags=re.M)]
        assert len(weights) == len(d.reasons)
        assert abs(sum(weights) - d.score) < 1e-6
        assert d.is_report is (d.score >= THRESHOLD and d.kind == "annual_report")


def test_parse_refuses_a_non_report_with_its_reasons_unless_asked() -> None:
    text = next(c["text"] for c in CASES if c["kind"] == "government_work_report")
    with pytest.raises(gp.NotAReportError) as err:
        gp.parse_text(text, name="gwr.txt")
    assert err.value.message.startswith(REJECTION_PREFIX)
    assert "政府工作报告" in err.value.message and "require_report=False" in err.value.message
    report = gp.parse_text(text, name="gwr.txt", require_report=False)
    assert report.evidence is not None and report.evidence.kind == "government_work_report"
    assert report.to_dict()["evidence"]["kind"] == "government_work_report"


def test_a_parsed_report_carries_its_evidence_in_the_record() -> None:
    record = gp.parse(FIXTURES / "zhangdian-2018.txt").to_dict()
    assert record["evidence"]["kind"] == "annual_report"
    assert record["evidence"]["score"] >= THRESHOLD
    assert any(r.startswith("title ") for r in record["evidence"]["reasons"])


def test_a_quoted_title_is_a_citation_not_the_title() -> None:
    assert not decide("依据《某区2019年政府信息公开工作年度报告》，现将有关情况说明如下。").is_report
    assert decide("某区2019年政府信息公开工作年度报告\n依据条例编制。").is_report


def test_a_bare_column_name_is_not_a_title() -> None:
    assert not decide("政府信息公开年报\n暂无内容").is_report
    assert decide("某县政府信息公开年报\n暂无内容").is_report


@pytest.mark.parametrize("path", REAL[:3], ids=[p.name for p in REAL[:3]])
def test_real_reports_parse_with_their_evidence(path: Path) -> None:
    report = gp.parse(path)
    assert report.evidence is not None and report.evidence.is_report
