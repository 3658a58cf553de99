"""Line breaks a PDF producer puts inside a construct are joined; lookalikes stay apart.

Producers break lines wherever the page ends: inside a document number (Chromium before an
unbreakable ``〔2021〕30号``, LibreOffice even inside ``〔2017〕``), a date, a number and its unit, a
《title》. The text cleaner's wrap joins (``clean/wrap.py`` with ``clean/lines.py``) put them back;
table rows, two figures in a row, a heading after a closed sentence stay apart.
"""

from __future__ import annotations

import pytest

from govreport_parse.clean.offsets import apply_edits
from govreport_parse.clean.wrap import fix_line_wrap

LEAD = (
    "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
)
BODY = "本年度区政府认真贯彻落实上级部门的工作部署，扎实推进政务公开工作"

JOINED = [
    pytest.param(LEAD + "(国办公开办函\n〔2021〕30号)规定，编制本报告。", id="docnumber-before-bracket"),
    pytest.param(LEAD + "（国办公开办函〔\n2021〕30号）规定，编制本报告。", id="docnumber-after-bracket"),
    pytest.param(
        "为认真贯彻落实《福建省人民政府办公厅关于做好2017年政府信息公开年报编制有关事项的通知》（闽政办网传〔201\n"
        "7〕24号）要求，区管委会办公室编制完成。",
        id="docnumber-inside-year",
    ),
    pytest.param(
        BODY + "，印发了《关于做好2017年政务公开工作的通知》（岚综管办便函〔2017〕39\n号）。",
        id="docnumber-before-unit",
    ),
    pytest.param(
        "本报告所列数据的统计期限自2021年1月1日起至2021年\n12月31日止，本报告电子版可在区政府门户网站下载。",
        id="date",
    ),
    pytest.param(
        "本年度共收到政府信息公开申请128件，其中当面申请12件，网上申请116\n件，全部按时答复，未发生行政复议案件。",
        id="number-unit",
    ),
    pytest.param(
        BODY + "，认真贯彻落实《中华人民共和国政府信息公开\n条例》和上级部门的工作部署。", id="title"
    ),
]


@pytest.mark.parametrize("text", JOINED)
def test_break_inside_a_construct_is_joined(text: str) -> None:
    assert apply_edits(text, fix_line_wrap(text)) == text.replace("\n", "")


APART = [
    pytest.param(
        "1.本机关不掌握相关政府信息 15 2 0 0 1 0 18\n2.没有现成信息需要另行制作 6 0 0 0 0 1 7",
        id="table-rows",
    ),
    pytest.param(BODY + "，主动公开信息共计2021\n2022年将继续努力。", id="two-numbers"),
    pytest.param(BODY + "（详见附表）\n二、主动公开政府信息情况", id="heading-after-aside"),
    pytest.param(BODY + "（共计12件）\n2022年1月20日", id="date-line"),
    pytest.param(BODY + "，详见附件（2021\n2022年度计划）。", id="numbers-in-a-closed-aside"),
]


@pytest.mark.parametrize("text", APART)
def test_lookalike_stays_apart(text: str) -> None:
    assert "\n" in apply_edits(text, fix_line_wrap(text))
