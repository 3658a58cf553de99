"""Lay highlights over the clean text: ranges become properly nested elements.

A :class:`Range` wraps ``text[start:end]`` in an element (a fact's ``<mark>``, a
link target, a heading line); a :class:`Point` inserts an element between two
characters (a removed artifact, a section anchor, a page marker). Every range
is emitted exactly once. Ranges that cross are made to nest: a *soft* range
(a heading line or a link target) grows to cover every fact it cuts, and what
still crosses after that is clipped to the range that is open around it (the
element then carries ``data-clipped``).

>>> ranges = [Range(0, 2, '<b>', '</b>'), Range(1, 3, '<i>', '</i>')]
>>> render_text("abcd", ranges, [Point(4, '<br>')])
'<b>a<i data-clipped="1">b</i></b>cd<br>'
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ._util import esc

__all__ = ["Point", "Range", "grow_soft", "nest", "render_text"]


@dataclass(frozen=True, slots=True)
class Range:
    """``text[start:end]`` wrapped in ``open_tag`` … ``close_tag``.

    ``rank`` orders ranges with the same span, outermost first; ``soft`` ranges
    may grow so that no fact is cut (see :func:`grow_soft`).
    """

    start: int
    end: int
    open_tag: str
    close_tag: str
    rank: int = 0
    soft: bool = False
    clipped: bool = False


@dataclass(frozen=True, slots=True)
class Point:
    """``html`` inserted before ``text[at]`` (after ranges that end at ``at``)."""

    at: int
    html: str
    rank: int = 0


def _clamp(r: Range, size: int) -> Range:
    start = min(max(r.start, 0), size)
    end = min(max(r.end, start), size)
    return r if (start, end) == (r.start, r.end) else replace(r, start=start, end=end)


def grow_soft(ranges: Sequence[Range]) -> list[Range]:
    """Widen every soft range over the hard ranges that cross its edges.

    >>> [(r.start, r.end) for r in grow_soft([Range(0, 5, "", "", soft=True), Range(4, 8, "", "")])]
    [(0, 8), (4, 8)]
    """
    hard = sorted((r.start, r.end) for r in ranges if not r.soft and r.end > r.start)
    starts = [hs for hs, _ in hard]
    longest = max((he - hs for hs, he in hard), default=0)
    out: list[Range] = []
    for r in ranges:
        if not r.soft:
            out.append(r)
            continue
        start, end = r.start, r.end
        changed = True
        while changed:
            changed = False
            # only hard ranges that begin within `longest` before `start` can reach into it
            for k in range(bisect_left(starts, start - longest), bisect_left(starts, end)):
                hs, he = hard[k]
                if hs < start < he:
                    start, changed = hs, True
                if hs < end < he:
                    end, changed = he, True
        out.append(r if (start, end) == (r.start, r.end) else replace(r, start=start, end=end))
    return out


def nest(ranges: Sequence[Range], size: int) -> list[Range]:
    """Ranges clamped to ``[0, size]``, ordered outermost first, clipped so that none cross.

    >>> [(r.start, r.end, r.clipped) for r in nest([Range(2, 9, "", ""), Range(0, 4, "", "")], 6)]
    [(0, 4, False), (2, 4, True)]
    """
    ordered = sorted((_clamp(r, size) for r in grow_soft(ranges)), key=lambda r: (r.start, -r.end, r.rank))
    stack: list[Range] = []
    out: list[Range] = []
    for r in ordered:
        while stack and stack[-1].end <= r.start:
            stack.pop()
        if stack and r.end > stack[-1].end:
            r = replace(r, end=stack[-1].end, clipped=True)
        stack.append(r)
        out.append(r)
    return out


def render_text(text: str, ranges: Sequence[Range], points: Sequence[Point] = ()) -> str:
    """``text`` escaped, with every range wrapped and every point inserted.

    At one offset, ranges that end there close first (innermost first), then
    points and empty ranges follow in order, then ranges that start there open
    (outermost first).

    >>> render_text("a<b", [Range(1, 2, "<em>", "</em>")], [Point(1, "|")])
    'a|<em>&lt;</em>b'
    """
    size = len(text)
    nested = nest(ranges, size)
    # (position, phase, order, html): phase 0 closes, 1 points/empty ranges, 2 opens
    events: list[tuple[int, int, int, str]] = []
    for i, r in enumerate(nested):
        open_tag = r.open_tag
        if r.clipped and open_tag.endswith(">"):
            open_tag = open_tag[:-1] + ' data-clipped="1">'
        if r.start == r.end:
            events.append((r.start, 1, i, open_tag + r.close_tag))
        else:
            events.append((r.start, 2, i, open_tag))
            events.append((r.end, 0, -i, r.close_tag))
    base = len(nested)
    for j, p in enumerate(sorted(points, key=lambda p: (p.at, p.rank))):
        at = min(max(p.at, 0), size)
        events.append((at, 1, base + j, p.html))
    # empty ranges and points share phase 1; keep points after empty ranges at the same spot
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    parts: list[str] = []
    pos = 0
    for at, _phase, _order, html_part in events:
        if at > pos:
            parts.append(esc(text[pos:at]))
            pos = at
        parts.append(html_part)
    parts.append(esc(text[pos:]))
    return "".join(parts)
