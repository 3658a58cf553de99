"""Hard line wraps inside a sentence, and fake-bold doubled glyphs.

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

from .lines import is_han, iter_lines, joinable
from .offsets import Edit
from .patterns import DOUBLED_RUN, SPACE

__all__ = ["fix_fake_bold", "fix_line_wrap"]

#: How much of a joined line the decisions look at (its start and its end).
_HEAD = 80
_TAIL = 400


def fix_line_wrap(text: str) -> list[Edit]:
    """Join lines a hard wrap split; decisions see the line as joined so far (idempotent)."""
    lines = list(iter_lines(text))
    n = len(lines)
    edits: list[Edit] = []
    head = ""  # start of the logical line built so far
    tail = ""  # its end
    length = 0
    k = 0
    while k < n - 1:
        s, e = lines[k]
        line = text[s:e]
        if not head:
            head, tail, length = line[:_HEAD], line[-_TAIL:], e - s
        nxt = k + 1
        across = False
        if lines[nxt][0] == lines[nxt][1] and nxt + 1 < n and lines[nxt + 1][1] > lines[nxt + 1][0]:
            nxt += 1
            across = True
        b_s, b_e = lines[nxt]
        second = text[b_s:b_e]
        # a long joined line is seen as its head and its tail: every length rule is met by then
        first = head if length <= _HEAD else head + tail
        if second.strip(SPACE) and joinable(first, second, across_blank=across):
            a_end = e - (len(line) - len(line.rstrip(SPACE)))
            b_start = b_s + len(second) - len(second.lstrip(SPACE))
            edits.append(Edit(start=a_end, end=b_start, kind="line_wrap"))
            tail = (tail.rstrip(SPACE) + second.lstrip(SPACE))[-_TAIL:]
            length += len(second)
            if len(head) < _HEAD:
                head = (head + second.lstrip(SPACE))[:_HEAD]
            k = nxt
        else:
            head = ""
            k += 1
    return edits


def fix_fake_bold(text: str) -> list[Edit]:
    """De-duplicate fake-bold text: three or more characters in a row each printed twice.

    The run must hold an ideograph and two different characters, and be either long (five
    pairs), or hold doubled punctuation or digits (``、、``), or be the whole line; so real
    reduplication (``人人``, ``一一对应``, ``干干净净``) stays.

    >>> from .offsets import apply_edits
    >>> t = "一一、、政政府府信信息息公公开开"
    >>> apply_edits(t, fix_fake_bold(t))
    '一、政府信息公开'
    >>> fix_fake_bold("要做到一一对应，人人参与，天天更新。")
    []
    """
    edits: list[Edit] = []
    for m in DOUBLED_RUN.finditer(text):
        run = m.group()
        chars = run[::2]
        pairs = len(chars)
        if len(set(chars)) < 2 or not any(is_han(c) for c in chars):
            continue
        if pairs < 5 and all(is_han(c) for c in chars) and not _whole_line(text, m.start(), m.end()):
            continue
        base = m.start()
        for i in range(pairs):
            edits.append(Edit(start=base + 2 * i + 1, end=base + 2 * i + 2, kind="fake_bold"))
    return edits


def _whole_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip(SPACE) and not text[end:line_end].strip(SPACE)
