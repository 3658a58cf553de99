"""The lexicon: one numeral set, heading starts, the date line, one fold table, character classes.

Case tables hold the forms reports print and lookalikes that must not match; the
cross-stage tests check that every stage reads the same numeral the same way
(the zeros 零, 〇 and ○ alike), and a source scan checks no other module spells
a numeral set of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport_parse import lexicon as L
from govreport_parse.extract import numbers
from govreport_parse.extract.view import fold as extract_fold
from govreport_parse.extract.view import matching_view as extract_view
from govreport_parse.load.pdf_layout import looks_like_heading
from govreport_parse.segment import patterns as SP
from govreport_parse.segment.meta import parse_year
from govreport_parse.standard.labels import fold as labels_fold

PACKAGE = Path(L.__file__).resolve().parent

# --------------------------------------------------------------------------- numerals

_CN_TO_INT = [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99),
    ("一百", 100), ("一百零五", 105), ("一百〇五", 105), ("一百○五", 105), ("一百一十", 110),
    ("零", 0), ("〇", 0), ("○", 0),
    # lookalikes: digit runs, bare multipliers, other characters
    ("二二", None), ("百", None), ("十百", None), ("一千", None), ("两万", None), ("x", None),
    ("", None), ("1", None), ("壹", None),
]  # fmt: skip


@pytest.mark.parametrize(("numeral", "value"), _CN_TO_INT)
def test_cn_to_int(numeral: str, value: int | None) -> None:
    assert L.cn_to_int(numeral) == value


def test_one_numeral_set() -> None:
    assert set(L.CN_ZEROS) == {"零", "〇", "○"}
    assert all(L.CN_DIGIT_VALUES[z] == 0 for z in L.CN_ZEROS)
    assert set(L.CN_PLAIN_DIGITS) | {"两"} == set(L.CN_DIGITS)
    assert set(L.CN_ORDINAL) <= set(L.CN_NUMERAL_CHARS)
    assert set(L.CN_ZEROS) <= set(L.CN_ORDINAL) and set(L.CN_ZEROS) <= set(L.YEAR_ZEROS)


@pytest.mark.parametrize("zero", list(L.CN_ZEROS))
def test_every_stage_reads_each_zero_alike(zero: str) -> None:
    chapter = f"第一百{zero}五章 附则"
    assert L.NUMBERED_LINE.match(chapter) and L.HEADING_START.match(chapter)
    assert looks_like_heading(chapter)
    token = SP.HEADING_TOKEN.match(chapter)
    assert token is not None and token.group("ch_n") == f"一百{zero}五"
    assert numbers.parse(f"一百{zero}五") == 105
    assert parse_year(f"二{zero}一八") == 2018
    assert L.DATE_LINE.fullmatch(f"二{zero}一八年五月")
    assert re.fullmatch(L.YEAR, f"二{zero}{zero}九")


# --------------------------------------------------------------------------- heading starts

_NUMBERED = [
    "第一部分 总体情况", "第二章", "第三节 附则", "第 4 条", "第十篇", "一、总体情况", "十二．其他",
    "三.公开", "（一）主动公开", "(二) 依申请", "（ 1 ）事项", "1.概述", "2、收费", "12．附表",
    "① 网站", "⑴ 其他", "⒈ 其他", "　　二、主动公开",
]  # fmt: skip
_NOT_NUMBERED = [
    "2023 年，我区", "1.5万件", "2.3%", "（2018）", "一是加强", "一等奖", "十二届", "3月份",
    "国务院", "第一批", "—1—", "", "# 标题",
]  # fmt: skip


@pytest.mark.parametrize("line", _NUMBERED)
def test_numbered_line(line: str) -> None:
    assert L.NUMBERED_LINE.match(line)
    assert L.HEADING_START.match(line)  # every numbered line is a heading start


@pytest.mark.parametrize("line", _NOT_NUMBERED)
def test_not_numbered_line(line: str) -> None:
    assert not L.NUMBERED_LINE.match(line)


@pytest.mark.parametrize("line", ["一是加强领导", "其一，", "其二、", "## 一、概述", "- 事项", "* 事项"])
def test_heading_start_inline_and_markdown(line: str) -> None:
    assert L.HEADING_START.match(line)
    assert not L.NUMBERED_LINE.match(line)


@pytest.mark.parametrize("line", ["信息等。3月份", "统一部署", "-1-", "#标签", "其他情况", "2.5万元"])
def test_heading_start_lookalikes(line: str) -> None:
    assert not L.HEADING_START.match(line)


# --------------------------------------------------------------------------- the date line

_DATE_LINES = [
    "2013年3月7日", "（2026年1月23日）", "(2019年12月)", "二〇一三年一月", "二○一八年十二月三十一日",
    "  2019 年 1 月 10 日  ", "二0一八年五月", "\u30002020年6月1日",
]  # fmt: skip
_NOT_DATE_LINES = [
    "2018年度报告", "2019年1月10日印发", "2019年，", "1850年1月1日", "2019年", "截至2019年12月31日",
    "2019-01-10", "第2019年1月",
]  # fmt: skip


@pytest.mark.parametrize("line", _DATE_LINES)
def test_date_line(line: str) -> None:
    assert L.DATE_LINE.fullmatch(line)
    assert SP.DATE_LINE is L.DATE_LINE  # the segmenter reads the lexicon's


@pytest.mark.parametrize("line", _NOT_DATE_LINES)
def test_not_date_line(line: str) -> None:
    assert not L.DATE_LINE.fullmatch(line)


# --------------------------------------------------------------------------- folding


def test_one_fold() -> None:
    # the extractor's view and the standard tables' compact view fold with the one table
    assert extract_fold is L.fold and labels_fold is L.fold and extract_view is L.matching_view
    assert all(len(k) == 1 and len(v) == 1 for k, v in L.FOLD_TABLE.items())


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("１２３％", "123%"),
        ("（１）", "(1)"),
        ("ＡＢｃ＠ｘ．ｃｎ", "ABc@x.cn"),
        ("﹝2018﹞〖通知〗", "〔2018〕【通知】"),
        ("國辦發號", "国办发号"),
        ("a\u200bb\u3000c\xa0d\te", "a b c d e"),
        # lookalikes: kept as written
        ("，：；！", "，：；！"),
        ("“引号”‘单’", "“引号”‘单’"),
        ("、。《》〔〕", "、。《》〔〕"),
        ("政府信息公开", "政府信息公开"),
    ],
)
def test_fold_cases(text: str, folded: str) -> None:
    assert L.fold(text) == folded
    assert L.matching_view(text) == folded


@given(st.text(max_size=60))
def test_fold_keeps_length_and_is_idempotent(text: str) -> None:
    once = L.fold(text)
    assert len(once) == len(text)
    assert L.fold(once) == once
    assert L.matching_view(text) == once


# --------------------------------------------------------------------------- character classes


@pytest.mark.parametrize(
    ("ch", "cjk", "punct"),
    [("政", True, False), ("〇", True, True), ("，", True, True), ("“", True, True), ("１", True, False),
     ("a", False, False), ("1", False, False), (" ", False, False), ("\u3000", True, True)],
)  # fmt: skip
def test_character_classes(ch: str, cjk: bool, punct: bool) -> None:
    assert L.is_cjk(ch) is cjk
    assert L.is_cjk_punct(ch) is punct


def test_space_class_matches_space() -> None:
    assert re.fullmatch(f"{L.SPACE_CLASS}+", L.SPACE)
    assert not re.search(L.SPACE_CLASS, "\n")


# --------------------------------------------------------------------------- one owner

# A run of five or more of the digits 一..九 next to a zero or a multiplier: a numeral set.
_NUMERAL_SET = re.compile(r"[零〇○][一二三四五六七八九]{5,}|[一二三四五六七八九]{5,}[十百零〇○]")
# Where a numeral set may still be spelled out: the lexicon, and the DOCX numbering writer
# (digits by position, to print a list label, not to read one).
_ALLOWED = {"lexicon.py", "load/docx_numbering.py"}


def test_no_module_spells_its_own_numeral_set() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in _ALLOWED:
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _NUMERAL_SET.search(line) and not line.lstrip().startswith((">>>", "...", "#")):
                offenders.append(f"{rel}:{no}: {line.strip()}")
    assert not offenders, "numeral sets outside the lexicon:\n" + "\n".join(offenders)
