"""The reports' vocabulary in one place: character classes, numerals, heading
starts, date lines and full-width folding.

Loaders, cleaners, the segmenter, the extractor and the standard-table reader
import what they share from here, so the same text is read the same way at
every stage (one numeral set with 〇, ○ and 零; one table of folds). Stage
grammars built on top (the segmenter's heading tokenizer, the extractor's
quantity and date patterns) stay in their own ``patterns`` modules and take
their pieces from this one. Importing compiles a handful of patterns and does
nothing else.

>>> cn_to_int("二十三"), cn_to_int("一百零五"), cn_to_int("〇"), cn_to_int("x")
(23, 105, 0, None)
>>> bool(HEADING_START.match("（三）拓宽公开渠道")), bool(HEADING_START.match("信息等。3月份"))
(True, False)
>>> bool(NUMBERED_LINE.match("第二章 总则")), bool(NUMBERED_LINE.match("2023 年，我区"))
(True, False)
>>> [bool(DATE_LINE.fullmatch(s)) for s in ("2013年3月7日", "（二〇一三年一月）", "2018年度报告")]
[True, True, False]
>>> fold("９２．２％ ﹝2018﹞ 國辦發，")
'92.2% 〔2018〕 国办发，'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

import regex

__all__ = [
    "CN_DIGITS",
    "CN_DIGIT_VALUES",
    "CN_MULTIPLIERS",
    "CN_NUMERAL",
    "CN_NUMERAL_CHARS",
    "CN_ONE_TO_NINE",
    "CN_ORDINAL",
    "CN_PLAIN_DIGITS",
    "CN_SMALL_ORDINAL",
    "CN_ZEROS",
    "DATE_LINE",
    "FOLD_TABLE",
    "HEADING_START",
    "KEPT_PUNCTUATION",
    "NUMBERED_LINE",
    "NUMBERING",
    "SPACE",
    "SPACE_CLASS",
    "YEAR",
    "YEAR_ZEROS",
    "ZERO_WIDTH",
    "cn_to_int",
    "fold",
    "is_cjk",
    "is_cjk_punct",
    "matching_view",
]

# --------------------------------------------------------------------------- character classes

#: Horizontal white space a layout adds: space, tab, ideographic space, no-break space.
SPACE = " \t\u3000\u00a0"
#: :data:`SPACE` as a regex character class.
SPACE_CLASS = "[ \\t\\u3000\\u00a0]"
#: Zero-width characters and the BOM.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def is_cjk(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: no space belongs between two of them.

    >>> is_cjk("政"), is_cjk("，"), is_cjk("a"), is_cjk("1")
    (True, True, False, False)
    """
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x3400 <= o <= 0x4DBF
        or 0x2E80 <= o <= 0x2FDF
        or 0xF900 <= o <= 0xFAFF
        or o in (0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7)
        or 0x20000 <= o <= 0x2FFFF
    )


def is_cjk_punct(ch: str) -> bool:
    """Full-width punctuation: it carries its own spacing, so no space belongs next to it.

    >>> is_cjk_punct("，"), is_cjk_punct("）"), is_cjk_punct("“"), is_cjk_punct("政"), is_cjk_punct("１")
    (True, True, True, False, False)
    """
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or o in (0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7)
    )


# --------------------------------------------------------------------------- numerals

#: Every Chinese digit character and its value (〇 and ○ are both written for zero).
CN_DIGIT_VALUES: Mapping[str, int] = MappingProxyType(
    {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
     "六": 6, "七": 7, "八": 8, "九": 9}
)  # fmt: skip
#: The multiplier characters and their values.
CN_MULTIPLIERS: Mapping[str, int] = MappingProxyType(
    {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
)
#: The zeros: 零, 〇 (U+3007) and ○ (U+25CB, the circle typed for it).
CN_ZEROS = "零〇○"
#: Every digit character, as one string (for character classes).
CN_DIGITS = "".join(CN_DIGIT_VALUES)
#: The digits one to nine.
CN_ONE_TO_NINE = "一二三四五六七八九"
#: The digits as written digit by digit in years, dates and decimals (二〇一八, 三点五): no 两.
CN_PLAIN_DIGITS = CN_ZEROS + CN_ONE_TO_NINE
#: Every character of a Chinese numeral.
CN_NUMERAL_CHARS = CN_DIGITS + "".join(CN_MULTIPLIERS)
#: A run of Chinese numeral characters (bounded; read it with the extractor's number reader).
CN_NUMERAL = rf"[{CN_NUMERAL_CHARS}]{{1,16}}"
#: The characters of a heading number up to 99 (一、 … 九十九、, （十二）).
CN_SMALL_ORDINAL = CN_ONE_TO_NINE + "十"
#: The characters of any ordinal (第一百零五部分, 第二〇章).
CN_ORDINAL = CN_SMALL_ORDINAL + "百" + CN_ZEROS
#: What stands for 0 in a year printed in Chinese digits, OCR lookalikes included (二0一八, 二O一八).
YEAR_ZEROS = CN_ZEROS + "0OＯ"
#: A year as printed in a title or a date: ``2018`` or ``二〇一八`` / ``二○一八`` / ``二0一八``.
YEAR = rf"(?:(?:19|20)\d\d|[一二][{YEAR_ZEROS}{CN_ONE_TO_NINE}]{{3}})"


def cn_to_int(numeral: str) -> int | None:
    """The value of a small Chinese numeral (an ordinal: 一, 十二, 一百零五), else ``None``.

    Digits alone read as one digit (``〇`` is 0); 十 and 百 multiply; anything
    else (a run of digits, 千, a letter) is not an ordinal.

    >>> [cn_to_int(s) for s in ("一", "十", "十二", "二十", "二十三", "一百零五", "○", "二二", "")]
    [1, 10, 12, 20, 23, 105, 0, None, None]
    """
    if not numeral:
        return None
    total = 0
    digit: int | None = None
    for ch in numeral:
        if ch in CN_DIGIT_VALUES:
            if digit is not None and digit != 0:
                return None
            digit = CN_DIGIT_VALUES[ch]
        elif ch == "十":
            total += (digit if digit else 1) * 10
            digit = None
        elif ch == "百":
            if not digit:
                return None
            total += digit * 100
            digit = None
        else:
            return None
    return total + (digit or 0)


# --------------------------------------------------------------------------- heading starts

_SP = SPACE_CLASS

#: The numbering a heading or list item opens with, as one regex alternation:
#: 第一部分/章/节/篇/条, 一、 一． 一., （一） (一), （1）, 1. 1． 1、, ① ⑴ ⒈.
NUMBERING = (
    rf"第{_SP}{{0,2}}(?:[{CN_ORDINAL}]{{1,4}}|\d{{1,3}}){_SP}{{0,2}}[部章节篇条]分?"
    rf"|[{CN_ORDINAL}]{{1,4}}{_SP}{{0,2}}[、.．]"
    rf"|[（(]{_SP}{{0,2}}[{CN_ORDINAL}]{{1,4}}{_SP}{{0,2}}[）)]"
    rf"|[（(]{_SP}{{0,2}}\d{{1,3}}{_SP}{{0,2}}[）)]"
    rf"|\d{{1,3}}{_SP}{{0,2}}[.．、](?!\d)"
    r"|[①-⑳⑴-⒇⒈-⒛]"
)

#: A line that opens with a heading number (after optional indentation): what a
#: PDF line or a DOCX paragraph typed with its own number looks like.
NUMBERED_LINE = regex.compile(rf"{_SP}{{0,8}}(?:{NUMBERING})")

#: The start of a heading or an enumerated item in plain text: :data:`NUMBERING`,
#: inline items (一是, 其一，), markdown heading and list marks.
HEADING_START = regex.compile(
    rf"{_SP}{{0,8}}(?:{NUMBERING}"
    rf"|[{CN_ORDINAL}]{{1,3}}是"
    rf"|其[{CN_ORDINAL}]{{1,2}}[，,、：:]"
    r"|#{1,6}\s"
    r"|[-*+]\s"
    r")"
)

# --------------------------------------------------------------------------- date lines

_DAY = rf"[\d{CN_SMALL_ORDINAL}]{{1,3}}"

#: A date standing alone on its line (a signature): ``2013年3月7日``, ``(2026年1月23日)``,
#: ``二〇一三年一月``. Use it with ``fullmatch`` on one line.
DATE_LINE = regex.compile(
    rf"{_SP}{{0,8}}[(（]?{_SP}{{0,2}}{YEAR}{_SP}{{0,2}}年{_SP}{{0,2}}{_DAY}{_SP}{{0,2}}月"
    rf"(?:{_SP}{{0,2}}{_DAY}{_SP}{{0,2}}日)?{_SP}{{0,2}}[)）]?{_SP}{{0,8}}"
)

# --------------------------------------------------------------------------- full-width folding

#: Full-width sentence punctuation that stays as written (the patterns read it as the
#: text's own punctuation): ``，：；！``. Curly quotes stay too.
KEPT_PUNCTUATION = "，：；！"

_TRADITIONAL = "號國辦開發會廳務蘇東廣財衛農區縣鎮總關於條規劃環護廠廳際報資檢審計屬黨組織紀員體領導庫"
_SIMPLIFIED = "号国办开发会厅务苏东广财卫农区县镇总关于条规划环护厂厅际报资检审计属党组织纪员体领导库"


def _fold_table() -> dict[str, str]:
    table = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in KEPT_PUNCTUATION}
    table.update({"﹝": "〔", "﹞": "〕", "〖": "【", "〗": "】"})
    table.update(dict.fromkeys(ZERO_WIDTH + "\u3000\xa0\t", " "))
    # traditional characters seen in document numbers and citations
    table.update(zip(_TRADITIONAL, _SIMPLIFIED, strict=True))
    return table


#: The one table of folds, each one character for one character: full-width ASCII
#: (but :data:`KEPT_PUNCTUATION`) to ASCII, bracket variants to one form, zero-width
#: characters and wide or no-break spaces to a space, a few traditional characters
#: of document numbers to simplified.
FOLD_TABLE: Mapping[str, str] = MappingProxyType(_fold_table())
_TRANSLATE = str.maketrans(dict(FOLD_TABLE))
# str.translate with a dict walks every character in Python-level lookups (~0.7 ms on a
# 13 KB report); a character class finds the few characters to fold instead.
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(c) for c in FOLD_TABLE) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return FOLD_TABLE[m.group()]


def matching_view(text: str) -> str:
    """``text`` folded by :data:`FOLD_TABLE`, same length, fast on long text.

    >>> matching_view("张政字〔2018〕24 號")
    '张政字〔2018〕24 号'
    """
    return _NEEDS_FOLD.sub(_fold_match, text)


def fold(text: str) -> str:
    """``text`` folded by :data:`FOLD_TABLE` (same result as :func:`matching_view`, for short strings).

    >>> fold("（七）总计１２")
    '(七)总计12'
    """
    return text.translate(_TRANSLATE)
