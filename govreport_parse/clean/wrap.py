"""Hard line wraps inside a sentence (and lone page numbers between its halves).

A line that leaves its sentence open is glued to the next line when that line goes on
with it (see :func:`~govreport_parse.clean.lines.joinable`): never a short line, a title,
a heading, a date, a table row or markup. Across one blank line only a long line ending in
an ideograph is glued (the page or column breaks of OCR copies).

>>> from .offsets import apply_edits
>>> t = "根据《中华人民共和国政府信息公开条例》要求，现公布本区\\n2018年度报告。\\n一、概述"
>>> apply_edits(t, fix_line_wrap(t))
'根据《中华人民共和国政府信息公开条例》要求，现公布本区2018年度报告。\\n一、概述'
>>> t = "一、政府信息公开工作基本情况\\n2018年，张店区坚持深入贯彻党的十九大精神。"
>>> fix_line_wrap(t)
[]
"""

from __future__ import annotations

from .lines import iter_lines, joinable
from .offsets import Edit
from .patterns import LONE_NUMBER_LINE, SPACE

__all__ = ["fix_line_wrap"]

#: How much of a joined line the decisions look at: its start, and the end of its last line.
_HEAD = 80
_TAIL = 200
#: Blank lines allowed on either side of a lone page number.
_MAX_BLANKS_AROUND_PAGE = 2


def fix_line_wrap(text: str) -> list[Edit]:
    """Join lines a hard wrap split; decisions see the line as joined so far (idempotent).

    A line holding a lone small number between the two halves of a sentence is a page
    number: it goes with the break (kind ``lone_page_number``).

    >>> from .offsets import apply_edits
    >>> t = "进一步完善相关制度，做好政府信息和政务公开\\n\\n3\\n\\n工作的领导。"
    >>> apply_edits(t, fix_line_wrap(t))
    '进一步完善相关制度，做好政府信息和政务公开工作的领导。'
    """
    lines = list(iter_lines(text))
    n = len(lines)
    edits: list[Edit] = []
    head = ""  # start of the logical line built so far
    tail = ""  # the end of its last physical line
    length = 0
    k = 0
    while k < n - 1:
        s, e = lines[k]
        line = text[s:e]
        if not head:
            head, tail, length = line[:_HEAD], line[-_TAIL:], e - s
        nxt, across, lone = _next_line(text, lines, k)
        joined = False
        if nxt is not None:
            b_s, b_e = lines[nxt]
            second = text[b_s:b_e]
            # a long joined line is seen as its head and its tail: every length rule is met by then
            first = head if length <= _HEAD else head + tail
            if joinable(first, second, across_blank=across, last_line=tail):
                a_end = e - (len(line) - len(line.rstrip(SPACE)))
                b_start = b_s + len(second) - len(second.lstrip(SPACE))
                kind = "lone_page_number" if lone else "line_wrap"
                edits.append(Edit(start=a_end, end=b_start, kind=kind))
                tail = second.lstrip(SPACE)[-_TAIL:]
                length += len(second)
                if len(head) < _HEAD:
                    head = (head + second.lstrip(SPACE))[:_HEAD]
                k = nxt
                joined = True
        if not joined:
            head = ""
            k += 1
    return edits


def _blank(text: str, span: tuple[int, int]) -> bool:
    return not text[span[0] : span[1]].strip(SPACE)


def _next_line(text: str, lines: list[tuple[int, int]], k: int) -> tuple[int | None, bool, bool]:
    """The line that may go on with line ``k``: ``(index, across a blank line, past a lone
    page number)``; the index is None when there is none."""
    n = len(lines)
    j = k + 1
    blanks = 0
    while j < n and blanks < _MAX_BLANKS_AROUND_PAGE and _blank(text, lines[j]):
        j += 1
        blanks += 1
    if j >= n or _blank(text, lines[j]):
        return None, False, False
    if LONE_NUMBER_LINE.fullmatch(text, *lines[j]):
        m = j + 1
        while m < n and m - j - 1 < _MAX_BLANKS_AROUND_PAGE and _blank(text, lines[m]):
            m += 1
        if m < n and not _blank(text, lines[m]) and not LONE_NUMBER_LINE.fullmatch(text, *lines[m]):
            return m, False, True
        return None, False, False
    if blanks == 0:
        return j, False, False
    if blanks == 1:
        return j, True, False
    return None, False, False
