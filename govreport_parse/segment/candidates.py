"""Finding heading and item candidates: every numbered token with its title.

A candidate is only a possibility; :mod:`.tree` decides which candidates
become sections (ordinal continuity, levels). Here we drop what can never be
a heading: dates and counts in running text, statistics-table row labels,
tokens with no title.

>>> [(c.style, c.number, c.title, c.context) for c in find_candidates("一、总体情况\\n正文。一是加强领导。")]
[('cn_dun', '一', '总体情况', 'line'), ('yishi', '一', '加强领导', 'boundary')]
>>> find_candidates("一、本年新收政府信息公开申请数量 230")
[]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from ..lexicon import cn_to_int
from . import patterns as P

__all__ = [
    "TRAILING",
    "Candidate",
    "Context",
    "cn_to_int",
    "find_candidates",
    "item_title_span",
    "title_span",
]

Context = Literal["line", "boundary", "loose"]

_SPACES = " \t\u3000"
_STOP = re.compile("[" + re.escape("".join(sorted(P.TITLE_STOP_CHARS))) + "]")
_ITEM_STOP = re.compile(r"[。；;！？!?\n]")
_SPACE = re.compile(r"[ \t\u3000]")
_BRACKET = re.compile(r"[（()）]")
TRAILING = frozenset("。，、；：:;,.！？!? \t\u3000—-")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A numbered token that may start a section (``kind="heading"``) or an item."""

    style: str
    number: str
    ordinal: int
    start: int
    title_start: int
    title_end: int
    title: str
    context: Context
    kind: Literal["heading", "item"] = "heading"


def _ordinal(style: str, number: str) -> int | None:
    if style == "circled":
        return ord(number) - 0x2460 + 1
    if number.isdigit():
        return int(number)
    return cn_to_int(number)


def title_span(text: str, start: int, line_end: int, max_len: int = P.TITLE_MAX) -> tuple[int, int]:
    """Where the title after a heading number lies: ``(title_start, title_end)``.

    The title runs to the first 。！？；： or the end of the line; spaces end
    it too (flattened web copies), as does an unclosed bracket, a glued
    sub-heading number, a year opening the body (``2019年，``) and a trailing
    number run (a flattened table row). A title longer than ``max_len`` is
    glued to its body and is cut at 情况/事项, a digit or a bracket, else at
    the last comma, else at the limit.

    >>> t = "总体情况2019年，我区认真贯彻落实。"
    >>> s, e = title_span(t, 0, len(t)); t[s:e]
    '总体情况'
    >>> t = "加强领导，统筹安排部署各项工作。区政府高度重视"
    >>> s, e = title_span(t, 0, len(t)); t[s:e]
    '加强领导，统筹安排部署各项工作'
    >>> t = "主要问题和改进措施虽然，我区政府信息公开工作取得了一定成效"
    >>> s, e = title_span(t, 0, len(t)); t[s:e]
    '主要问题和改进措施'
    """
    ts = start
    while ts < line_end and text[ts] in _SPACES:
        ts += 1
    # one character past the longest title is enough to know it is glued
    # (mid-line titles are shorter, but may end in 情况/事项 up to that length)
    limit = min(line_end, ts + P.TITLE_MAX + 1)
    m = _STOP.search(text, ts, limit)
    end = m.start() if m else limit
    m = _SPACE.search(text, ts + 2, end)
    if m:
        end = m.start()
    opened: list[int] = []
    for b in _BRACKET.finditer(text, ts, end):
        if b.group() in "（(":
            opened.append(b.start())
        elif opened:
            opened.pop()
    if opened:
        end = opened[0]
    m = P.TITLE_EMBEDDED_HEADING.search(text, ts + 2, end) if end - ts > 2 else None
    if m:
        end = m.start()
    m = P.TITLE_YEAR_BODY.search(text, ts + 2, end) if end - ts > 2 else None
    if m:
        end = m.start()
    m = P.TITLE_NUMBER_RUN.search(text, ts + 2, end) if end - ts > 2 else None
    if m:
        end = m.start()
    m = P.TEMPLATE_TITLE.match(text, ts, end) if end - ts > 2 else None
    if m and m.end() < end:
        end = m.end()  # a template title run on into its first sentence
    if max_len < P.TITLE_MAX:  # mid-line: the title is glued to its body
        m = P.ENDING_WORDS.search(text, ts + 2, end)
        if m:
            end = m.end()
            max_len = P.TITLE_MAX  # a title ending in 情况/事项 is complete
    if end - ts > max_len:
        end = _cut_glued(text, ts, end, max_len)
    while end > ts and text[end - 1] in TRAILING:
        end -= 1
    return ts, end


def _cut_glued(text: str, ts: int, end: int, max_len: int) -> int:
    window_end = min(ts + max_len, end)
    cuts: list[int] = []
    m = P.ENDING_WORDS.search(text, ts + 2, window_end)
    if m:
        cuts.append(m.end())
    for i in range(ts + 2, window_end):
        ch = text[i]
        if ch.isdigit() or ch in "（(":
            cuts.append(i)
            break
    if cuts:
        return min(cuts)
    for i in range(window_end - 1, ts + 3, -1):
        if text[i] in P.TITLE_BREAK:
            return i
    return window_end


def item_title_span(text: str, start: int, line_end: int) -> tuple[int, int]:
    """The title of an inline item (一是…): up to the first 。；！？ or the end of
    the line; longer than :data:`~.patterns.ITEM_TITLE_MAX`, cut at the last
    comma before that limit (else at the limit).

    >>> t = "继续加强领导，完善制度；二是…"
    >>> s, e = item_title_span(t, 0, len(t)); t[s:e]
    '继续加强领导，完善制度'
    """
    ts = start
    while ts < line_end and text[ts] in _SPACES:
        ts += 1
    limit = min(line_end, ts + P.ITEM_TITLE_MAX + 1)
    m = _ITEM_STOP.search(text, ts, limit)
    end = m.start() if m else limit
    if end - ts > P.ITEM_TITLE_MAX:
        window_end = ts + P.ITEM_TITLE_MAX
        cut = window_end
        for i in range(window_end - 1, ts + 3, -1):
            if text[i] in "，,":
                cut = i
                break
        end = cut
    while end > ts and text[end - 1] in TRAILING:
        end -= 1
    return ts, end


_WHITESPACE = re.compile(r"\s+")


def _is_table_label(text: str, ts: int, title: str) -> bool:
    window = _WHITESPACE.sub("", text[ts : ts + 80])
    if window.startswith(P.TABLE_LABEL_PREFIXES):
        return True
    return _WHITESPACE.sub("", title) in P.TABLE_LABEL_EXACT


class _Lines:
    """Line starts and ends of a text, by bisection (a 1 MB line stays cheap)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def start_of(self, pos: int) -> int:
        i = bisect_right(self.newlines, pos - 1)
        return self.newlines[i - 1] + 1 if i else 0

    def end_of(self, pos: int) -> int:
        i = bisect_right(self.newlines, pos - 1)
        return self.newlines[i] if i < len(self.newlines) else len(self.text)


def _context(text: str, lines: _Lines, pos: int, boundary: frozenset[str]) -> Context:
    ls = lines.start_of(pos)
    if pos - ls <= 24 and P.LINE_PREFIX.match(text, ls, pos):
        return "line"
    j = pos - 1
    while j >= ls and pos - j <= 12 and text[j] in _SPACES:
        j -= 1
    if j < pos - 1 or text[j] in boundary:
        return "boundary"
    return "loose"


def _skipped_line(text: str, line_start: int, line_end: int) -> bool:
    """Lines that hold no headings: markdown table rows (``| （七）总计 | 710 |``;
    a lone ``|`` before a heading is OCR junk, ``|六、其他需要报告的事项``) and
    table-of-contents lines (``一、总体情况……1``)."""
    head = text[line_start : line_start + 8].lstrip(" \t\u3000")
    if head.startswith("|"):
        first = text.index("|", line_start)
        if text.find("|", first + 1, line_end) >= 0:
            return True
    return line_end - line_start <= 120 and P.TOC_LEADER.search(text, line_start, line_end) is not None


def _style_and_number(m: re.Match[str]) -> tuple[str, str, int, int]:
    """Style, printed number, token start and token end of a HEADING_TOKEN match."""
    if m.group("chapter"):
        return P.CHAPTER_UNITS[m.group("ch_unit")], m.group("ch_n"), m.start(), m.end()
    for style, group in (("cn_dun", "cd_n"), ("cn_paren", "cp_n"), ("ar_paren", "ap_n"),
                         ("ar_dot", "ad_n"), ("ar_dun", "an_n"), ("yishi", "ys_n")):
        if m.group(style):
            return style, m.group(group), m.start(style), m.end(style)
    return "circled", m.group("circled"), m.start(), m.end()


def find_candidates(text: str) -> list[Candidate]:
    """Every plausible heading or item token of ``text``, in text order."""
    lines = _Lines(text)
    found: list[Candidate] = []
    skipped_lines: dict[int, bool] = {}
    for m in P.HEADING_TOKEN.finditer(text):
        style, number, start, tok_end = _style_and_number(m)
        ordinal = _ordinal(style, number)
        if ordinal is None or not 1 <= ordinal <= P.MAX_ORDINAL[style]:
            continue
        line_end = lines.end_of(start)
        line_start = lines.start_of(start)
        skip = skipped_lines.get(line_start)
        if skip is None:
            skip = skipped_lines[line_start] = _skipped_line(text, line_start, line_end)
        if skip:
            continue
        if style == "yishi":
            context = _context(text, lines, start, P.ITEM_BOUNDARY_CHARS)
            if context == "loose":
                continue
            ts, te = item_title_span(text, tok_end, line_end)
            if te <= ts or P.HEADING_TOKEN.match(text, ts):
                continue  # no title, or the next number follows at once (一是二是…)
            found.append(Candidate(style=style, number=number, ordinal=ordinal, start=start,
                                   title_start=ts, title_end=te, title=text[ts:te],
                                   context=context, kind="item"))
            continue
        title_from = tok_end
        if style in CHAPTER_STYLES:
            while title_from < line_end and text[title_from] in "、：:．. \t\u3000":
                title_from += 1
        probe = title_from
        while probe < line_end and text[probe] in _SPACES:
            probe += 1
        if probe < line_end and P.TITLE_REJECT.match(text, probe):
            continue  # a count, a date, or another number right away (一、二季度, ①②③)
        context = _context(text, lines, start, P.BOUNDARY_CHARS)
        max_len = P.TITLE_MAX if context == "line" else P.TITLE_MAX_MIDLINE
        ts, te = title_span(text, title_from, line_end, max_len)
        if te <= ts and context == "line":
            ts, te = _title_on_next_line(text, lines, line_end)
        if te <= ts:
            continue
        if P.TITLE_REJECT.match(text, ts) or _is_table_label(text, ts, text[ts:te]):
            continue
        if P.TABLE_ROW_TAIL.match(text, te):
            continue
        found.append(Candidate(style=style, number=number, ordinal=ordinal, start=start,
                               title_start=ts, title_end=te, title=text[ts:te], context=context))
    return found


CHAPTER_STYLES = frozenset(P.CHAPTER_UNITS.values())


def _title_on_next_line(text: str, lines: _Lines, line_end: int) -> tuple[int, int]:
    """A number alone on its line (PDF layout): the title is the next short line."""
    if line_end >= len(text):
        return 0, 0
    nxt = line_end + 1
    nxt_end = lines.end_of(nxt)
    if nxt_end - nxt > 2 * P.TITLE_MAX:
        return 0, 0
    body = text[nxt:nxt_end].strip(_SPACES)
    if not body or len(body) > P.TITLE_MAX or P.HEADING_TOKEN.match(body):
        return 0, 0
    return title_span(text, nxt, nxt_end)
