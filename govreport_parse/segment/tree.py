"""Choosing headings among the candidates and nesting them into a tree.

Levels come from a stack of numbering styles in the order the document uses
them: the first style seen is level 1, a new style opens the next level, and
a style already on the stack closes every deeper level. A candidate is kept
when its ordinal continues the sequence of its level; gaps, repeats,
restarts and out-of-order numbers become diagnostics.

>>> r = build_tree("一、概述\\n（一）领导\\n一是建制度。二是抓落实。\\n二、公开")
>>> for s in (s for top in r.sections for s in top.walk()):
...     print(s.id, s.level, s.kind, s.title)
1 1 heading 概述
1.1 2 heading 领导
1.1.1 3 item 建制度
1.1.2 3 item 抓落实
2 1 heading 公开
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Diagnostic, Section
from . import patterns as P
from .candidates import TRAILING as _TRAILING
from .candidates import Candidate, find_candidates

if TYPE_CHECKING:
    from . import SegmentResult

__all__ = ["build_tree"]


@dataclass(slots=True)
class _Node:
    cand: Candidate
    level: int
    parent: _Node | None
    end: int = 0
    id: str = ""
    children: list[_Node] = field(default_factory=list)


@dataclass(slots=True)
class _Level:
    style: str
    last: int
    node: _Node


class _Lookahead:
    """Does a candidate of ``style`` numbered ``ordinal`` occur after ``pos``?"""

    def __init__(self, cands: list[Candidate]) -> None:
        self.positions: dict[tuple[str, int], list[int]] = defaultdict(list)
        for c in cands:
            self.positions[(c.style, c.ordinal)].append(c.start)

    def later(self, style: str, ordinal: int, pos: int, before: int) -> bool:
        starts = self.positions.get((style, ordinal), [])
        i = bisect_left(starts, pos + 1)
        return i < len(starts) and starts[i] < before


def _diag(code: str, c: Candidate, message: str, severity: str = "warning") -> Diagnostic:
    return Diagnostic(
        code=code,
        severity="info" if severity == "info" else "warning",
        message=f"{message}: {c.number} {c.title[:30]!r}",
        start=c.start,
        end=c.title_end,
    )


def _choose_headings(cands: list[Candidate], text_len: int) -> tuple[list[_Node], list[Diagnostic]]:
    """Walk the heading candidates in order and keep those whose numbering fits."""
    look = _Lookahead(cands)
    stack: list[_Level] = []
    kept: list[_Node] = []
    diags: list[Diagnostic] = []
    last_title_end = -1
    for c in cands:
        if c.context == "loose":
            if c.start == last_title_end:
                c = replace(c, context="boundary")  # glued to the previous heading's title
            elif c.style not in P.LOOSE_STYLES:
                continue  # glued to running text
        depth = next((i for i, lv in enumerate(stack) if lv.style == c.style), None)
        if depth is None:
            ok, diag = _accept_new_style(c, look, text_len)
            if diag:
                diags.append(diag)
            if not ok:
                continue
            level = len(stack) + 1
        else:
            ok, diag = _accept_known_style(c, stack[depth], depth + 1, look, text_len)
            if diag:
                diags.append(diag)
            if not ok:
                continue
            level = depth + 1
            del stack[depth:]
        parent = stack[-1].node if stack else None
        node = _Node(cand=c, level=level, parent=parent)
        stack.append(_Level(style=c.style, last=c.ordinal, node=node))
        kept.append(node)
        last_title_end = c.title_end
    return kept, diags


def _accept_new_style(c: Candidate, look: _Lookahead, text_len: int) -> tuple[bool, Diagnostic | None]:
    if c.ordinal == 1:
        # glued to running text (统一、规范), only a bracketed number opens a level
        return c.context != "loose" or c.style in P.PAREN_STYLES, None
    # a style's first heading numbered 2 or more: only a line-start heading
    # whose successor follows (the first one may have been lost) is kept
    if c.context == "line" and look.later(c.style, c.ordinal + 1, c.start, text_len):
        return True, _diag("heading_gap", c, f"numbering starts at {c.ordinal}, not 1")
    if c.context == "line":
        return False, _diag("heading_unconfirmed", c, "heading without its predecessors ignored", "info")
    return False, None


def _accept_known_style(
    c: Candidate, lv: _Level, level: int, look: _Lookahead, text_len: int
) -> tuple[bool, Diagnostic | None]:
    last = lv.last
    if c.ordinal == last + 1:
        return True, None
    at_line = c.context == "line"
    if c.ordinal == 1:
        if level > 1 and c.context != "loose":
            return True, _diag("heading_restart", c, "numbering restarts under the same parent", "info")
        if at_line:
            return True, _diag("heading_restart", c, "top-level numbering restarts", "warning")
        return False, None
    if c.ordinal == last:
        if at_line:
            return True, _diag("heading_repeat", c, f"number {c.number} repeated")
        return False, None
    if c.ordinal > last + 1:
        if at_line and (c.ordinal - last <= 2 or look.later(c.style, c.ordinal + 1, c.start, text_len)):
            return True, _diag("heading_gap", c, f"numbering jumps from {last} to {c.ordinal}")
        return False, None
    if at_line:
        return False, _diag("heading_order", c, f"number {c.number} after {last} ignored (out of order)")
    return False, None


def _set_ends(nodes: list[_Node], text_len: int) -> None:
    """A heading ends where the next heading of the same or a higher level starts."""
    open_: list[_Node] = []
    for node in nodes:
        while open_ and open_[-1].level >= node.level:
            open_.pop().end = node.cand.start
        open_.append(node)
    for node in open_:
        node.end = text_len


def _attach_items(items: list[Candidate], headings: list[_Node]) -> tuple[list[_Node], list[Diagnostic]]:
    """Inline items (一是…) go under the innermost heading that contains them.

    A run starts at 一是; each next item must continue it within the same
    heading. Items before the first heading are ignored.
    """
    out: list[_Node] = []
    diags: list[Diagnostic] = []
    hi = 0
    open_: list[_Node] = []
    runs: dict[int, int] = {}  # id(parent) -> last ordinal
    for c in items:
        while hi < len(headings) and headings[hi].cand.start <= c.start:
            while open_ and open_[-1].end <= headings[hi].cand.start:
                open_.pop()
            open_.append(headings[hi])
            hi += 1
        while open_ and open_[-1].end <= c.start:
            open_.pop()
        parent = open_[-1] if open_ else None
        if parent is None:
            continue
        last = runs.get(id(parent), 0)
        if c.ordinal == 1 or c.ordinal == last + 1:
            runs[id(parent)] = c.ordinal
            node = _Node(cand=c, level=parent.level + 1, parent=parent)
            out.append(node)
        elif c.context == "line" or last:
            after = last or "nothing"
            diags.append(_diag("item_gap", c, f"item {c.number}是 does not follow {after}", "info"))
    return out, diags


def _assign_ids(roots: list[_Node]) -> None:
    """``id`` is the path of ordinals; headings claim ids before items, and a
    repeated id gets a ``-2``, ``-3`` suffix."""

    def visit(children: list[_Node], prefix: str) -> None:
        used: set[str] = set()
        repeats: dict[str, int] = {}
        ordered = sorted(children, key=lambda n: n.cand.kind != "heading")
        for n in ordered:
            base = ident = f"{prefix}{n.cand.ordinal}"
            while ident in used:
                repeats[base] = repeats.get(base, 1) + 1
                ident = f"{base}-{repeats[base]}"
            used.add(ident)
            n.id = ident
        for n in children:
            visit(n.children, n.id + ".")

    visit(roots, "")


def _freeze(node: _Node) -> Section:
    c = node.cand
    return Section(
        id=node.id,
        number=c.number,
        ordinal=c.ordinal,
        level=node.level,
        title=c.title,
        start=c.start,
        end=node.end,
        style=c.style,
        kind=c.kind,
        title_start=c.title_start,
        title_end=c.title_end,
        children=tuple(_freeze(ch) for ch in node.children),
    )


def build_tree(text: str) -> SegmentResult:
    """The section tree of ``text`` with diagnostics about its numbering."""
    from . import SegmentResult

    cands = find_candidates(text)
    heading_cands = [c for c in cands if c.kind == "heading"]
    item_cands = [c for c in cands if c.kind == "item"]
    headings, diags = _choose_headings(heading_cands, len(text))
    _set_ends(headings, len(text))
    items, item_diags = _attach_items(item_cands, headings)
    # items end at the next item of their parent, or with their parent
    for node in items:
        assert node.parent is not None
        node.parent.children.append(node)
    roots: list[_Node] = []
    for node in headings:
        if node.parent is None:
            roots.append(node)
        else:
            node.parent.children.append(node)
    _sort_children(roots)
    _trim_titles(text, roots)
    _finish_children(roots, len(text))
    _assign_ids(roots)
    diags.extend(item_diags)
    diags.sort(key=lambda d: d.start or 0)
    return SegmentResult(sections=tuple(_freeze(n) for n in roots), diagnostics=tuple(diags))


def _walk(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def _trim_titles(text: str, roots: list[_Node]) -> None:
    """A title never runs into the next section (``一是制度，二是人员`` → ``制度``)."""
    flat = _walk(roots)
    for node, nxt in itertools.pairwise(flat):
        c = node.cand
        if c.title_end <= nxt.cand.start:
            continue
        end = nxt.cand.start
        while end > c.title_start and text[end - 1] in _TRAILING:
            end -= 1
        if end <= c.title_start:
            # nothing left of the title: an item is dropped; a heading keeps
            # what stands before the next number
            if c.kind == "item" and node.parent is not None:
                node.parent.children.remove(node)
                continue
            end = nxt.cand.start
        node.cand = replace(c, title_end=end, title=text[c.title_start : end])


def _sort_children(nodes: list[_Node]) -> None:
    nodes.sort(key=lambda n: n.cand.start)
    for n in nodes:
        _sort_children(n.children)


def _finish_children(nodes: list[_Node], parent_end: int) -> None:
    """End each item at its next sibling (children are in text order)."""
    for i, n in enumerate(nodes):
        if n.cand.kind == "item":
            nxt = nodes[i + 1].cand.start if i + 1 < len(nodes) else parent_end
            n.end = min(nxt, parent_end)
        _finish_children(n.children, n.end)
