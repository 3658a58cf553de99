"""One row's cells: tokens read from text or a table, resolved to template columns.

A :class:`Token` is one cell as read (``raw`` with its place in the clean
text). :func:`resolve` turns the tokens of a row into candidate readings of
the expected number of columns: one candidate when the cells are clean, several
when a flattened digit run can be split more than one way.

>>> toks = [Token("230", 0, 3), Token("000023", 4, 10)]
>>> [tuple(c.value for c in cand) for cand in resolve(toks, (7,), sums=True)]
[(23, 0, 0, 0, 0, 0, 23)]
>>> [(c.start, c.end) for c in resolve(toks, (7,), sums=True)[0]][-1]
(8, 10)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .values import parse_cell, split_spans

__all__ = ["Cell", "Token", "resolve"]


@dataclass(frozen=True, slots=True)
class Token:
    """A cell as read: ``raw`` text and its clean-text span (``-1`` when unknown)."""

    raw: str
    start: int = -1
    end: int = -1
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """A resolved cell: ``value`` ``None`` means empty (``raw`` kept)."""

    raw: str
    value: int | float | None
    unit: str | None
    start: int | None
    end: int | None
    page: int | None = None


def _plain(token: Token) -> Cell | None:
    parsed = parse_cell(token.raw)
    if parsed is None:
        return None
    start = token.start if token.start >= 0 else None
    end = token.end if token.end >= 0 else None
    return Cell(token.raw.strip(), parsed.value, parsed.unit, start, end, token.page)


def _glued(raw: str) -> bool:
    s = raw.strip()
    return s.isascii() and s.isdigit() and len(s) > 1 and s[0] == "0"


def resolve(tokens: Sequence[Token], groups: Sequence[int], *, sums: bool) -> list[tuple[Cell, ...]]:
    """Candidate readings of a row that should hold ``sum(groups)`` cells.

    Trailing empty cells beyond the expected count are dropped (col-spans in
    flattened rows). Returns ``[]`` when the row cannot be read.

    >>> [c.value for c in resolve([Token("5"), Token(""), Token("")], (1,), sums=False)[0]]
    [5]
    """
    n = sum(groups)
    toks = list(tokens)
    while len(toks) > n and not toks[-1].raw.strip():
        toks.pop()
    if len(toks) == n and not any(_glued(t.raw) for t in toks):
        plain = [_plain(t) for t in toks]
        direct = [c for c in plain if c is not None]
        if len(direct) == len(plain):
            return [tuple(direct)]
    runs = [t.raw.strip() for t in toks]
    if not runs or not all(r.isascii() and r.isdigit() for r in runs):
        return []
    offsets: list[tuple[int, Token]] = []
    pos = 0
    for t, r in zip(toks, runs, strict=True):
        offsets.append((pos, t))
        pos += len(r)
    text = "".join(runs)
    out: list[tuple[Cell, ...]] = []
    for spans in split_spans(runs, groups, sums=sums):
        cells: list[Cell] = []
        for s, e in spans:
            base, tok = max((o for o in offsets if o[0] <= s), key=lambda o: o[0])
            lead = len(tok.raw) - len(tok.raw.lstrip())
            if tok.start >= 0:
                start: int | None = tok.start + lead + (s - base)
                end: int | None = tok.start + lead + (e - base)
            else:
                start = end = None
            cells.append(Cell(text[s:e], int(text[s:e]), None, start, end, tok.page))
        out.append(tuple(cells))
    return out
