"""``compare``: metric deltas with both sources, sections added/removed, text reuse, on real
Pingtan years checked by hand against the reports, plus self and unrelated pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport_parse as gp
from govreport_parse.cli import main
from govreport_parse.compare import Comparison, compare

from .conftest import CORPUS, SHARED, need_shared

PINGTAN = SHARED / "corpus-pingtan" / "text"


@pytest.fixture(scope="module")
def reports() -> dict[str, gp.Report]:
    need_shared(PINGTAN)
    need_shared(CORPUS)
    paths = {
        "2012": CORPUS / "text" / "pingtan-2012.web.txt",
        "2013": PINGTAN / "pingtan-2013.web.txt",
        "2023": PINGTAN / "pingtan-2023.web.txt",
        "2025": PINGTAN / "pingtan-2025.web.txt",
        "xinhua": CORPUS / "text" / "huadian-xinhua-street-2012.web.txt",
        "hongze": CORPUS / "pdf" / "huaian-hongze-2024.pdf",
    }
    return {k: gp.parse(p) for k, p in paths.items()}


def _delta(c: Comparison, name: str) -> tuple[float | None, float | None, float | None]:
    m = next(m for m in c.metrics if m.name == name)
    return m.a, m.b, m.delta


def test_pingtan_2023_to_2025(reports: dict[str, gp.Report]) -> None:
    c = compare(reports["2023"], reports["2025"])
    # hand-checked in both reports' tables 三 and 四 (gold: 81 → 154 received, 2 → 36 reviews)
    assert _delta(c, "requests_received") == (81.0, 154.0, 73.0)
    assert _delta(c, "requests.disclosed.total") == (22.0, 33.0, 11.0)
    assert _delta(c, "admin_review_cases") == (2.0, 36.0, 34.0)
    assert _delta(c, "admin_litigation_cases") == (7.0, 9.0, 2.0)
    received = next(m for m in c.metrics if m.name == "requests_received")
    assert received.a_label and received.b_label
    assert received.a_start is not None and received.b_start is not None
    # the headline figures come first
    assert c.metrics[0].name == "requests_received"
    # 2025 was rewritten: the title line and the 信息处理费 sentence are reused verbatim, the
    # preface only in part (below the near-verbatim threshold), the rest is new
    assert 0.02 <= c.reuse_share <= 0.15
    texts = [p.text for p in c.passages]
    assert any("无收取信息处理费" in t for t in texts)
    # the same five 方面 headings (2023's glued to their first sentence): nothing added or removed
    assert c.sections_added == () and c.sections_removed == ()


def test_pingtan_2012_to_2013(reports: dict[str, gp.Report]) -> None:
    c = compare(reports["2012"], reports["2013"])
    # the 2013 table: 72804 items disclosed (the 2012 table: 739)
    assert _delta(c, "active_disclosed") == (739.0, 72804.0, 72065.0)
    assert _delta(c, "statistics_2014.requests_received.this_year") == (0.0, 0.0, 0.0)
    # 2013 repeats 2012 nearly word for word: its 问题及改进 section and the website paragraph verbatim
    assert c.reuse_share >= 0.8
    assert any(p.similarity == 1.0 and "存在的主要问题" in p.text for p in c.passages)
    # 2012's 重点领域 part (推进…信息公开 headings) is gone in 2013
    assert "重点领域政府信息公开情况" in c.sections_removed
    assert c.sections_added == ()
    for p in c.passages:
        assert reports["2013"].text[p.b_start : p.b_end] == p.text
        assert 0 <= p.a_start < p.a_end <= len(reports["2012"].text)


def test_self_is_full_reuse_and_unrelated_near_zero(reports: dict[str, gp.Report]) -> None:
    for key in ("2013", "2025", "hongze"):
        same = compare(reports[key], reports[key])
        assert same.reuse_share == 1.0 and same.changed() == ()
        assert same.sections_added == () == same.sections_removed
    assert compare(reports["xinhua"], reports["2013"]).reuse_share < 0.02
    assert compare(reports["2023"], reports["hongze"]).reuse_share < 0.02


def test_near_verbatim_is_found_and_a_rewrite_is_not() -> None:
    base = "某区人民政府{y}年政府信息公开工作年度报告\n一、概述\n{y}年，{body}"
    same = "我区认真贯彻落实政府信息公开条例，不断完善公开工作机制，主动公开信息{n}条。"
    a = gp.parse_text(base.format(y=2017, body=same.format(n=120)))
    near = gp.parse_text(base.format(y=2018, body=same.format(n=95)))
    rewrite = "全区围绕优化营商环境，重点推进政策解读与回应关切，成效明显。"
    other = gp.parse_text(base.format(y=2018, body=rewrite))
    assert compare(a, near).reuse_share == 1.0  # years and counts fold: near-verbatim
    assert compare(a, other).reuse_share < 0.5  # only the title line is shared


def test_record_round_trips(reports: dict[str, gp.Report]) -> None:
    c = compare(reports["2023"], reports["2025"])
    assert Comparison.from_dict(json.loads(c.to_json())) == c


def test_cli_text_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_shared(PINGTAN)
    a, b = str(PINGTAN / "pingtan-2023.web.txt"), str(PINGTAN / "pingtan-2025.web.txt")
    assert main(["compare", a, b]) == 0
    out = capsys.readouterr().out
    assert "requests_received: 81 -> 154 (+73)" in out and "reuse:" in out
    page = tmp_path / "c.html"
    assert main(["compare", a, b, "--json", "--html", str(page)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["b_year"] == 2025 and record["reuse_share"] > 0
    assert "<mark" in page.read_text(encoding="utf-8")
    assert main(["compare", a, str(tmp_path / "missing.txt")]) == 2
