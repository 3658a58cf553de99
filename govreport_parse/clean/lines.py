"""Line helpers shared by the fixers: where lines are, and whether two lines are one sentence.

A line *ends open* when its sentence goes on (it does not end in 。！？；：…); a line
*continues* a sentence when it starts like running text, not like a heading, a table row, a
date or markup. :func:`joinable` puts both together with the guards against gluing a title
or a heading to its body.

>>> joinable("年度报告是根据《条例》要求，由张店区人民政府办公室编", "制。")
True
>>> joinable("一、政府信息公开工作基本情况", "2018年，张店区坚持深入贯彻党的十九大精神")
False
>>> joinable("张店区人民政府2018年政府信息公开工作年度报告", "年度报告是根据《条例》要求")
False
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .patterns import (
    CLOSING,
    DATE_LINE,
    FINAL_PUNCT,
    HEADING_START,
    MARKUP_START,
    SPACE,
    TABLEISH,
    TABLEISH_HINT,
    TITLE_END,
)

__all__ = [
    "MIN_WRAP_LEN",
    "ends_open",
    "is_han",
    "is_tableish",
    "is_title_like",
    "iter_lines",
    "joinable",
    "starts_continuation",
]

#: A line shorter than this (and not ending in ，、) is never glued to the next one.
MIN_WRAP_LEN = 16
#: Across a blank line, the first line must be at least this long and end in an ideograph.
MIN_WRAP_LEN_ACROSS_BLANK = 30
#: Lines up to this long are checked for title and signature endings (报告, 人民政府, a date).
MAX_TITLE_LEN = 36
#: A heading line is glued to its continuation only when it is this long (a wrapped paragraph).
MIN_WRAP_LEN_HEADING = 40

_HAN = regex.compile(r"\p{Han}")
_LAST = 200  # how much of the end of the first line the table-row check reads
_SOFT_END = frozenset("，、,")
_OPENING = frozenset("“‘《〈「『（(【[〔［〖")
_PUNCT_START = frozenset("，、。；：！？）》”’」』,.;〕］〗")
#: a document number's year cut by the break (``…闽政办网传〔201`` ⏎ ``7〕24号``): four digits in
#: 〔〕 across the two lines join even digit to digit
_YEAR_OPEN = regex.compile(r"〔(\d{1,3})$")
_YEAR_CLOSE = regex.compile(r"(\d{1,3})〕")


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line, ``end`` before its ``\\n``.

    >>> list(iter_lines("ab\\n\\nc"))
    [(0, 2), (3, 3), (4, 5)]
    """
    start = 0
    n = len(text)
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, n
            return
        yield start, end
        start = end + 1


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (``〇`` included).

    >>> is_han("政"), is_han("，"), is_han("1")
    (True, False, False)
    """
    return bool(_HAN.match(ch))


def ends_open(line: str) -> bool:
    """The sentence on ``line`` goes on: it does not end in final punctuation or a closing mark.

    >>> ends_open("大力推进制度"), ends_open("工作。"), ends_open("《条例》")
    (True, False, False)
    """
    s = line.rstrip(SPACE)
    return bool(s) and s[-1] not in FINAL_PUNCT and s[-1] not in CLOSING


def starts_continuation(line: str) -> bool:
    """``line`` reads as the rest of a sentence: text, not a heading, table row, date or markup.

    >>> starts_continuation(" 改革。明确"), starts_continuation("（二）深化公开内容")
    (True, False)
    """
    s = line.lstrip(SPACE)
    if not s:
        return False
    c = s[0]
    if not (is_han(c) or (c.isascii() and c.isalnum()) or c in _OPENING or c in _PUNCT_START):
        return False
    head = s[:80]
    return not (
        HEADING_START.match(head) or MARKUP_START.match(head) or DATE_LINE.fullmatch(s[:40]) or is_tableish(s)
    )


def is_tableish(line: str) -> bool:
    """A table row: cells apart by bars, tabs or wide gaps, bare numbers in a row, or a number alone.

    >>> is_tableish("主动公开信息数 条 739 4359"), is_tableish("共受理申请128件。")
    (True, False)
    """
    s = line.strip(SPACE)[:400]
    return bool(TABLEISH_HINT.search(s)) and bool(TABLEISH.search(s))


def is_title_like(line: str) -> bool:
    """A title, heading or signature line that must keep its own line.

    >>> is_title_like("张店区人民政府2018年政府信息公开工作年度报告"), is_title_like("（2026年1月23日）")
    (True, True)
    """
    s = line.strip(SPACE)
    return bool(TITLE_END.search(s[-12:]) or DATE_LINE.fullmatch(s[:40]))


def _closes_inside(line: str) -> bool:
    """A long line ending in a closing mark that closes something inside it, not a sentence:
    ``…（以下简称《条例》）`` may go on (``规定，…``); ``《…》`` or ``（…）`` alone may not.

    >>> _closes_inside("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）")
    True
    >>> _closes_inside("工作。”"), _closes_inside("《关于做好2018年政务公开工作的通知》")
    (False, False)
    """
    return (
        len(line) >= MIN_WRAP_LEN
        and line[-1] in CLOSING
        and line[-2] not in FINAL_PUNCT
        and line[0] not in _OPENING
    )


def _split_year(a: str, b: str) -> bool:
    """A document number's 〔year〕 cut in two by the break.

    >>> _split_year("闽政办网传〔201", "7〕24号"), _split_year("附件（2021", "2022年")
    (True, False)
    """
    head, tail = _YEAR_OPEN.search(a[-4:]), _YEAR_CLOSE.match(b, 0, 4)
    return bool(head and tail and len(head.group(1)) + len(tail.group(1)) == 4)


def joinable(first: str, second: str, *, across_blank: bool = False, last_line: str | None = None) -> bool:
    """Whether ``second`` goes on with the sentence ``first`` leaves open.

    ``across_blank`` asks the stricter question for two lines a blank line apart (a page or
    column break of an OCR copy): ``first`` must be long and end in an ideograph or ，、.
    ``last_line`` is the last physical line of ``first`` when ``first`` is several lines
    joined already (the table-row check reads it alone).

    >>> joinable("努力让政务信息“看" * 4, "得懂、用得上、易监督”。", across_blank=True)
    True
    >>> joinable("二是提升公开质量。全年公开政策文件4件", "三是提高解读效能。", across_blank=True)
    False
    """
    a = first.strip(SPACE)
    if not a or not (ends_open(a) or _closes_inside(a)) or not starts_continuation(second):
        return False
    b = second.lstrip(SPACE)
    if a[-1].isdigit() and b[0].isdigit() and not _split_year(a, b):
        return False  # two numbers: table cells or a figure, never guess
    if MARKUP_START.match(a[:20]) or is_tableish(a[-_LAST:] if last_line is None else last_line):
        return False
    if len(a) <= MAX_TITLE_LEN and is_title_like(a):
        return False
    if HEADING_START.match(a[:40]) and len(a) < MIN_WRAP_LEN_HEADING and "。" not in a:
        return False
    if across_blank:
        return len(a) >= MIN_WRAP_LEN_ACROSS_BLANK and (is_han(a[-1]) or a[-1] in _SOFT_END) and is_han(b[0])
    return len(a) >= MIN_WRAP_LEN or a[-1] in _SOFT_END
