"""Traditional-character reports: read through a simplified view, offsets into the published text."""

from __future__ import annotations

import pytest

from govreport_parse import parse_text
from govreport_parse.traditional import looks_traditional, simplified_view

pytest.importorskip("opencc")

KAIPING = """開平市農業農村局2020年政府信息公開工作年度報告
本報告根據《中華人民共和國政府信息公開條例》編制。
一、總體情況
2020年，本局主動公開政府信息120條，共收到政府信息公開申請3件，未收取任何費用。
二、主動公開政府信息情況
本年度未發生政府信息公開行政復議、行政訴訟案件。
開平市農業農村局
2021年1月20日
"""


def test_traditional_report_is_read_with_offsets_into_the_published_text() -> None:
    r = parse_text(KAIPING)
    assert r.text.startswith("開平市農業農村局")  # the record keeps the text as published
    assert r.title == "开平市农业农村局2020年政府信息公开工作年度报告"  # read through the simplified view
    assert r.year == 2020 and r.issuer == "开平市农业农村局"
    assert [s.title for s in r.sections] == ["总体情况", "主动公开政府信息情况"]
    values = {m.name: m.value for m in r.metrics}
    assert values["active_disclosed"] == 120 and values["requests_received"] == 3
    assert values["fees_collected_cny"] == 0 and values["admin_review_cases"] == 0
    m = r.metric("active_disclosed")
    assert m is not None and m.start is not None and r.text[m.start : m.end] == "120條"
    for f in r.facts:
        assert f.text == r.text[f.start : f.end]
    assert "clean.traditional_characters" in {d.code for d in r.diagnostics}


@pytest.mark.parametrize(
    "text",
    [
        "开平市农业农村局2020年政府信息公开工作年度报告",
        "全年主动公开政府信息于网站120条",  # 于 alone is simplified too
        "",
    ],
)
def test_simplified_text_is_not_converted(text: str) -> None:
    assert not looks_traditional(text)
    assert simplified_view(text).text == text and not simplified_view(text).converted


def test_the_view_keeps_the_length() -> None:
    view = simplified_view(KAIPING * 3)
    assert view.converted and len(view.text) == len(KAIPING * 3)
