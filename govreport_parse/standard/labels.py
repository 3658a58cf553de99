"""Tolerant label matching on a compact view of the text.

The compact view drops whitespace and folds full-width ASCII (``（１）`` →
``(1)``) with the lexicon's one table (:func:`govreport_parse.lexicon.fold`),
so ``三 、本 年 度`` and ``4.无正当理由大量反复 申请`` match their template labels;
``index`` maps every compact position back to the text.
Label cores of six or more characters also match with errors (one error up to
nine characters, two beyond), using the ``regex`` module's fuzzy matching.

>>> c = compact("（二）部分公开（区分处理的，只计这一情况）")
>>> c.text[:9]
'(二)部分公开(区'
>>> m = find_label(compact("5.属于三类内容事务信息 0 0"), ("属于三类内部事务信息",), None)
>>> m is not None and m.errors
1
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicon import fold

__all__ = ["Compact", "LabelMatch", "compact", "find_label", "fold"]



@dataclass(frozen=True, slots=True)
class Compact:
    """``text`` without whitespace and folded; ``index[i]`` is its offset in the source."""

    text: str
    index: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source ``[start, end)`` of compact ``[start, end)`` (``end`` exclusive)."""
        if start >= len(self.index):
            n = self.index[-1] + 1 if self.index else 0
            return n, n
        return self.index[start], self.index[end - 1] + 1 if end > start else self.index[start]


def compact(text: str, offset: int = 0) -> Compact:
    """The compact view of ``text``; ``offset`` is added to the source positions.

    >>> compact("三\\n、\\n本", 10).index
    (10, 12, 14)
    """
    folded = fold(text)
    index: list[int] = []
    for run in _NON_SPACE.finditer(folded):  # ``re``'s \s is exactly str.isspace
        index.extend(range(run.start() + offset, run.end() + offset))
    return Compact("".join(folded.split()), tuple(index))


_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """Where a label matched, in compact positions."""

    start: int
    end: int
    errors: int = 0


# A numbering prefix that belongs to the label, not to the value before it.
_PREFIX = r"(?:[一二三四五六七八九]、|\([一二三四五六七八九]\)|[1-9][.、．])?"


_FUZZY_WINDOW = 20000  # fuzzy matching only inside a table-sized window


def _budget(core: str) -> int:
    if len(core) < 6:
        return 0
    return 1 if len(core) <= 9 else 2


@lru_cache(maxsize=512)
def _compiled(core: str, fuzzy: bool) -> Any:
    import regex

    body = regex.escape(core)
    if fuzzy:
        body = f"(?:{body}){{e<={_budget(core)}}}"
    return regex.compile(f"{_PREFIX}(?P<core>{body})", regex.BESTMATCH if fuzzy else 0)


@lru_cache(maxsize=128)
def _compiled_pattern(pattern: str) -> Any:
    import regex

    return regex.compile(pattern)


def find_label(
    view: Compact,
    keys: Sequence[str],
    pattern: str | None,
    start: int = 0,
    end: int | None = None,
) -> LabelMatch | None:
    """The earliest match of any of ``keys`` (exact first, then fuzzy) or ``pattern``.

    >>> v = compact("0000000 2.没有现成信息需要另行制作00")
    >>> m = find_label(v, ("没有现成信息需要另行制作",), None)
    >>> v.text[m.start:m.end]
    '2.没有现成信息需要另行制作'
    """
    stop = len(view.text) if end is None else end
    best: LabelMatch | None = None
    for key in keys:
        m = _compiled(key, False).search(view.text, start, stop)
        if m and (best is None or m.start() < best.start):
            best = LabelMatch(m.start(), m.end())
    if pattern:
        m = _compiled_pattern(pattern).search(view.text, start, stop)
        if m and (best is None or m.start() < best.start):
            best = LabelMatch(m.start(), m.end())
    if best is not None or stop - start > _FUZZY_WINDOW:
        return best
    for key in keys:
        if not _budget(key):
            continue
        m = _compiled(key, True).search(view.text, start, stop)
        if m is None:
            continue
        s, e = m.start("core"), m.end("core")
        # Trim characters the fuzzy match borrowed from the values around it.
        while s < e and not _is_label_char(view.text[s]):
            s += 1
        while e > s and not _is_label_char(view.text[e - 1]):
            e -= 1
        if e - s < len(key) - _budget(key):
            continue
        s = m.start() if m.start() < m.start("core") else s
        found = LabelMatch(s, e, errors=sum(m.fuzzy_counts))
        if best is None or found.start < best.start:
            best = found
    return best


def _is_label_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
