"""Page-number lines: ``-1-``, ``- 3 -``, ``— 2 —``, ``第 2 页 共 5 页``, ``第2页/共5页``, ``2 / 5``.

When the lines around a page number may be one sentence cut in two, the blank lines around
it go too and the halves end up on adjacent lines, where ``line_wrap`` decides on the join
(with the same rules as for any other line). A line holding a lone small number may as well
be a table cell: ``line_wrap`` drops it only between the two halves of a sentence.

>>> from .offsets import apply_edits
>>> t = "推进政务公开工作，进一步完善相关制度，做好政府\\n\\n- 3 -\\n\\n信息公开工作。"
>>> apply_edits(t, fix_page_numbers(t))
'推进政务公开工作，进一步完善相关制度，做好政府\\n信息公开工作。'
>>> t = "全年共办理申请128件。\\n第 2 页 共 5 页\\n二、主动公开政府信息情况"
>>> apply_edits(t, fix_page_numbers(t))
'全年共办理申请128件。\\n二、主动公开政府信息情况'
>>> t = "受理申请总数\\n12\\n其中：当面申请"
>>> fix_page_numbers(t)
[]
"""

from __future__ import annotations

from .lines import ends_open, iter_lines, starts_continuation
from .offsets import Edit
from .patterns import PAGE_NUMBER_LINE, SPACE

__all__ = ["fix_page_numbers"]


def _is_page_line(line: str) -> bool:
    m = PAGE_NUMBER_LINE.fullmatch(line)
    if m is None:
        return False
    num, den = m.group("num"), m.group("den")
    return num is None or 0 < int(num) <= int(den)


def fix_page_numbers(text: str) -> list[Edit]:
    """Drop page-number lines; when the text around them may be one sentence, drop the blank
    lines around them too so that ``line_wrap`` sees the two halves on adjacent lines."""
    if not text:
        return []
    lines = list(iter_lines(text))
    kinds: list[str] = []  # "blank", "page" or "text"
    for s, e in lines:
        line = text[s:e]
        if not line.strip(SPACE):
            kinds.append("blank")
        elif e - s <= 120 and _is_page_line(line):
            kinds.append("page")
        else:
            kinds.append("text")
    edits: list[Edit] = []
    i, n = 0, len(lines)
    while i < n:
        if kinds[i] != "page":
            i += 1
            continue
        # the group of page and blank lines between two text lines
        j = i
        while j < n and kinds[j] in ("page", "blank"):
            j += 1
        prev = i - 1
        while prev >= 0 and kinds[prev] == "blank":
            prev -= 1
        first = text[lines[prev][0] : lines[prev][1]] if prev >= 0 else ""
        second = text[lines[j][0] : lines[j][1]] if j < n else ""
        if prev >= 0 and j < n and ends_open(first) and starts_continuation(second):
            edits.append(Edit(start=lines[prev][1] + 1, end=lines[j][0], kind="page_number"))
        else:
            for k in range(i, j):
                if kinds[k] == "page":
                    edits.append(_drop_line(text, lines, kinds, k))
        i = j
    return _merge(edits)


def _merge(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for ed in edits:
        if out and ed.start < out[-1].end:
            prev = out[-1]
            out[-1] = Edit(start=prev.start, end=max(prev.end, ed.end), kind=prev.kind)
        else:
            out.append(ed)
    return out


def _drop_line(text: str, lines: list[tuple[int, int]], kinds: list[str], k: int) -> Edit:
    """Remove line ``k`` with its line break; with the blank lines after it too when a blank
    line (or the start of the text) stands before it, so the paragraph break stays single."""
    s, e = lines[k]
    end = min(e + 1, len(text))
    if k == 0 or kinds[k - 1] == "blank":
        m = k + 1
        while m < len(lines) and kinds[m] == "blank" and lines[m][1] < len(text):
            end = lines[m][1] + 1
            m += 1
    elif e == len(text) and s > 0:
        s -= 1  # the last line: take the break before it instead
    return Edit(start=s, end=end, kind="page_number")
