"""The cell value grammar, and splitting digit runs that lost their separators.

A cell is a number (``12``, ``-8``, ``+1036``, ``4068.208``, ``1,234``,
``251000元``), or empty: blank, ``/``, ``-``, ``——``, ``无``, ``&nbsp;``.
Empty cells have ``value=None`` and keep their ``raw`` text; they are not zero.

>>> parse_cell("  12 ")
CellValue(value=12, unit=None, empty=False)
>>> parse_cell("——")
CellValue(value=None, unit=None, empty=True)
>>> parse_cell("94432.52元").value, parse_cell("-8").value
(94432.52, -8)
>>> parse_cell("数据1") is None
True

A flattened row ``640020470`` holds seven numbers whose last is the sum of
the first six; :func:`split_digits` lists every split that respects that:

>>> split_digits(["640020470"], (7,))
[(64, 0, 0, 2, 0, 4, 70)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import CELL_NUMBER

__all__ = ["EMPTY_MARKS", "CellValue", "is_value", "parse_cell", "split_digits", "split_spans"]

EMPTY_MARKS = frozenset({"", "/", "／", "-", "－", "—", "——", "--", "---", "–", "无", "&nbsp;", "\\", "×"})
_NUMBER = CELL_NUMBER  # the cell grammar is the lexicon's
_MAX_DIGITS = 24
_MAX_SPLITS = 64


@dataclass(frozen=True, slots=True)
class CellValue:
    """A parsed cell: ``value`` is ``None`` when the cell is empty."""

    value: int | float | None
    unit: str | None = None
    empty: bool = False


MAX_DIGITS = 18
"""Digits a cell value may have; a longer run (5,000 nines) is no value, and ``int()`` of
more than 4,300 digits raises."""


@lru_cache(maxsize=4096)  # a table repeats its cells ("0", "/", labels), and analysis reads each often
def parse_cell(raw: str | None) -> CellValue | None:
    """The value of one cell, or ``None`` when the cell is not a value (a label).

    >>> parse_cell(None)
    CellValue(value=None, unit=None, empty=True)
    >>> parse_cell("1,234").value
    1234
    """
    text = "" if raw is None else raw.replace("\u00a0", " ").strip()
    if text in EMPTY_MARKS or not text.replace(" ", ""):
        return CellValue(None, None, True)
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    num = m.group("num").replace(",", "").replace("－", "-")
    if sum(c.isdigit() for c in num) > MAX_DIGITS:
        return None  # no count or sum in a report has this many digits: a label, not a value
    value: int | float = float(num) if "." in num else int(num)
    return CellValue(value, m.group("unit"), False)


def is_value(raw: str | None) -> bool:
    """Whether a cell holds a value or an empty mark (not a label).

    >>> is_value("0"), is_value("/"), is_value("总计")
    (True, True, False)
    """
    return parse_cell(raw) is not None


def _valid(piece: str) -> bool:
    return piece == "0" or (piece[0] != "0" and len(piece) <= 9)


def split_spans(
    runs: Sequence[str], groups: Sequence[int], *, sums: bool = True
) -> list[tuple[tuple[int, int], ...]]:
    """Every way to cut ``runs`` (digit strings) into ``sum(groups)`` numbers.

    Numbers never cross a run boundary and never start with ``0`` (except
    ``0`` itself). With ``sums`` the last number of each group equals the sum
    of the others in the group. Returns spans into ``"".join(runs)``; at most
    64 splits (more means the row is hopelessly ambiguous).

    >>> split_spans(["230", "000023"], (7,))
    [((0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 9))]
    """
    text = "".join(runs)
    if not text or len(text) > _MAX_DIGITS or not text.isascii() or not text.isdigit():
        return []
    bounds: set[int] = set()
    pos = 0
    for r in runs:
        pos += len(r)
        bounds.add(pos)
    out: list[tuple[tuple[int, int], ...]] = []
    plan = tuple(groups)

    def ok_piece(s: int, e: int) -> bool:
        # pieces may not cross a run end
        return not any(s < b < e for b in bounds) and _valid(text[s:e])

    def walk(pos: int, gi: int, k: int, acc: int, spans: list[tuple[int, int]]) -> None:
        if len(out) >= _MAX_SPLITS:
            return
        if gi == len(plan):
            if pos == len(text):
                out.append(tuple(spans))
            return
        size = plan[gi]
        if sums and k == size - 1:
            want = str(acc)
            e = pos + len(want)
            if text.startswith(want, pos) and ok_piece(pos, e):
                walk(e, gi + 1, 0, 0, [*spans, (pos, e)])
            return
        remaining = sum(plan[gi:]) - k
        for e in range(pos + 1, len(text) - remaining + 2):
            if not ok_piece(pos, e):
                break  # a longer piece would cross a run end or keep a leading zero
            value = int(text[pos:e])
            if sums and k + 1 < size:
                # room left for the other pieces, the group's sum and the later groups
                need = (size - k - 2) + len(str(acc + value)) + sum(plan[gi + 1 :])
                if len(text) - e < need:
                    break
            if k + 1 == size:
                walk(e, gi + 1, 0, 0, [*spans, (pos, e)])
            else:
                walk(e, gi, k + 1, acc + value, [*spans, (pos, e)])

    walk(0, 0, 0, 0, [])
    return out


def split_digits(runs: Sequence[str], groups: Sequence[int], *, sums: bool = True) -> list[tuple[int, ...]]:
    """The candidate numbers of :func:`split_spans`.

    >>> split_digits(["23", "0", "00", "0", "023"], (7,))
    [(23, 0, 0, 0, 0, 0, 23)]
    >>> len(split_digits(["898989"], (3,), sums=False)) > 1
    True
    """
    text = "".join(runs)
    return [tuple(int(text[s:e]) for s, e in spans) for spans in split_spans(runs, groups, sums=sums)]
