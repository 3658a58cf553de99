"""Citations: a title in 《》, the document number after it, and its alias.

``title`` is the text between the outer 《 and 》 (nested 《》 kept);
``doc_number`` is the normalized number that follows the title (in brackets or
directly); ``alias`` comes from ``（以下简称《条例》）``. The 《条例》 inside such an
alias clause is not a citation of its own. Laws and publications without a
number are citations with ``doc_number=None``.

>>> cs = find_all("据《中华人民共和国政府信息公开条例》（以下简称《条例》），发《关于转发《办法》的通知》")
>>> [(c.title, c.alias) for c in cs]
[('中华人民共和国政府信息公开条例', '条例'), ('关于转发《办法》的通知', None)]

Deliberately not citations: an unclosed 《, a title across a line break, one
longer than 200 characters, an empty 《》.

>>> find_all("《未闭合，《》，《跨\\n行》")
[]
>>> parse("《张店通讯》").title
'张店通讯'
>>> parse("张店通讯")
Traceback (most recent call last):
    ...
govreport_parse.extract.citation.InvalidCitationError: not a citation: '张店通讯'
>>> is_valid("《条例》"), is_valid("《》")
(True, False)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..model import Citation, DocNumber
from .base import Context, InvalidFactError
from .patterns import ALIAS_AFTER, CITATION_MAX, CITATION_TO_DOC_NUMBER, LazyPattern
from .view import matching_view

__all__ = ["InvalidCitationError", "find", "find_all", "is_valid", "link", "parse"]


class InvalidCitationError(InvalidFactError):
    """The string is not a title in 《》."""


_MARKS = LazyPattern(r"[《》\n]")


def _spans(view: str) -> list[tuple[int, int]]:
    """Outermost balanced 《…》 spans, each at most CITATION_MAX long and on one line.

    One pass with a stack of open brackets; a bracket that never closes (or
    closes too far away) gives way to the complete spans inside it.

    >>> _spans("《a《b》》《《c》")
    [(0, 6), (7, 10)]
    """
    out: list[tuple[int, int]] = []
    stack: list[tuple[int, list[tuple[int, int]]]] = []  # (open index, complete spans inside it)

    def give_up(level: int) -> None:
        """Drop the openers from ``level`` up; their inner spans move down a level."""
        inner: list[tuple[int, int]] = []
        while len(stack) > level:
            inner = stack.pop()[1] + inner
        (stack[-1][1] if stack else out).extend(inner)

    if "《" not in view:
        return out
    for m in _MARKS.finditer(view):
        j = m.start()
        c = view[j]
        if c == "《":
            stack.append((j, []))
        elif c == "》" and stack:
            start, inner = stack.pop()
            if j - start > 1 and j + 1 - start <= CITATION_MAX + 2:
                (stack[-1][1] if stack else out).append((start, j + 1))
            else:
                (stack[-1][1] if stack else out).extend(inner)
        elif c == "\n" and stack:
            give_up(0)
        if stack and j - stack[0][0] > CITATION_MAX + 1:
            bottom = stack.pop(0)
            out.extend(bottom[1])
    give_up(0)
    out.sort()
    return out


def find(text: str, view: str, ctx: Context) -> list[Citation]:
    """Every citation in ``text`` (matched on ``view``), without document numbers (see :func:`link`).

    >>> t = "《条例》（以下简称“条例”）"
    >>> [(c.text, c.alias) for c in find(t, matching_view(t), Context())]
    [('《条例》', '条例')]
    """
    out: list[Citation] = []
    skip: set[int] = set()
    for s, e in _spans(view):
        if s in skip:
            continue
        alias = None
        m = ALIAS_AFTER.match(view, e)
        if m is not None:
            alias = text[m.start("alias") : m.end("alias")]
            if m.group("open"):
                skip.add(m.start("open"))
        out.append(Citation(text=text[s:e], start=s, end=e, title=text[s + 1 : e - 1], alias=alias))
    return out


def link(citations: Sequence[Citation], doc_numbers: Sequence[DocNumber], view: str) -> list[Citation]:
    """Give each citation the document number that directly follows it.

    >>> t = "《通知》(张政办字〔2018〕62号)"
    >>> from . import docnumber
    >>> [c.doc_number for c in link(find_all(t), docnumber.find_all(t), matching_view(t))]
    ['张政办字〔2018〕62号']
    """
    by_start = {d.start: d for d in doc_numbers}
    out: list[Citation] = []
    for c in citations:
        gap = CITATION_TO_DOC_NUMBER.match(view, c.end)
        d = by_start.get(gap.end()) if gap is not None else None
        out.append(dataclasses.replace(c, doc_number=d.normalized) if d is not None else c)
    return out


def find_all(text: str) -> list[Citation]:
    """:func:`find` on a plain string (the view is made here)."""
    return find(text, matching_view(text), Context())


def parse(s: str) -> Citation:
    """The citation that is the whole of ``s``, else raise :class:`InvalidCitationError`."""
    found = find_all(s) if s.startswith("《") else []
    if len(found) != 1 or found[0].end != len(s):
        raise InvalidCitationError(f"not a citation: {s!r}")
    return found[0]


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True
