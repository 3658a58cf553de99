"""Percentages: ``92.2%``, ``92.2％``, ``百分之九十五``; ``3个百分点`` is a ``percentage_point``.

``value`` is the number before the sign (92.2 for 92.2%), always a ``float``;
``qualifier`` comes from the words around it (不低于4% is ``at_least``);
``label`` is the nearest noun to the left (办结同意率100% → 同意率). The span
is the number and its sign; qualifier words around it are read but are not
part of the span.

>>> [(p.text, p.value, p.qualifier) for p in find_all("分值比重不低于4%，占总数的92.2％")]
[('4%', 4.0, 'at_least'), ('92.2％', 92.2, 'exact')]
>>> [(p.kind, p.text, p.value) for p in find_all("百分之九十五，提高3.5个百分点")]
[('percentage', '百分之九十五', 95.0), ('percentage_point', '3.5个百分点', 3.5)]
>>> [(p.text, p.value) for p in find_all("答复率达百分之百，百分之一百")]
[('百分之百', 100.0), ('百分之一百', 100.0)]

Deliberately not percentages: 八成 and 过半 (no number of percent), ‰, a
number glued to a preceding letter or digit run (``H5%``).

>>> find_all("占比超八成，H5%")
[]
>>> parse("99.4%").value
99.4
>>> parse("百分之")
Traceback (most recent call last):
    ...
govreport_parse.extract.percentage.InvalidPercentageError: not a percentage: '百分之'
>>> is_valid("100%"), is_valid("100"), is_valid("\\x00")
(True, False, False)
"""

from __future__ import annotations

import bisect
import dataclasses

import regex

from ..model import Percentage, Quantity
from . import labels as _labels
from . import numbers
from .base import Context, InvalidFactError
from .patterns import (
    HUNDRED_GOES_ON,
    PERCENTAGE,
    PERCENTAGE_ANCHOR,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    LazyPattern,
    prefix_qualifier,
    timeout_for,
)
from .view import matching_view

__all__ = ["InvalidPercentageError", "find", "find_all", "is_valid", "link", "parse"]

_RE = LazyPattern(PERCENTAGE, regex.X)
_ANCHOR = LazyPattern(PERCENTAGE_ANCHOR)
_HUNDRED_GOES_ON = LazyPattern(HUNDRED_GOES_ON)
_BEFORE = 40  # longest number before an anchor: 18 digits, separators, decimals
_AFTER = 8  # a number after 百分之 and a qualifier after the sign


class InvalidPercentageError(InvalidFactError):
    """The string is not a percentage."""


def _value(s: str) -> float:
    if s == "百":
        return 100.0  # 百分之百
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = "".join(str(numbers.parse(c)) for c in frac)
        return float(f"{numbers.parse(whole)}.{digits}")
    return float(numbers.parse(s))


def _build(view: str, text: str, m: regex.Match[str], ctx: Context) -> Percentage | None:
    post = m.group("post")
    start = m.start()
    pre = prefix_qualifier(view, start)
    end = m.start("post") if post else m.end()
    raw = m.group("num") or m.group("cn") or m.group("pp")
    if m.group("cn") == "百" and _HUNDRED_GOES_ON.match(view, m.end("cn")):
        return None  # the pattern's own look-ahead stops at the search window's end
    try:
        value = _value(raw)
    except numbers.InvalidNumberError:
        return None
    quals = ([PREFIX_QUALIFIERS[pre]] if pre else []) + ([SUFFIX_QUALIFIERS[post]] if post else [])
    share = _subject_and_base(view, start - len(pre or "")) if ctx.labels else {"label": None, "base": None}
    return Percentage(
        kind="percentage_point" if m.group("pp") else "percentage",
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        qualifier=numbers.combine_qualifiers(quals),
        label=share["label"],
        base=share["base"],
    )


_BASE_TAILS = ("的比例为", "的比重为", "的比例", "的比重", "比例为", "的", "为", "达", "比")


def _subject_and_base(view: str, start: int) -> dict[str, str | None]:
    """``label`` (what the share is of) and ``base`` (of what total) for a percentage at ``start``.

    >>> _subject_and_base("区直单位公开信息占全区信息总数的70%", 16)
    {'label': '公开信息', 'base': '全区信息总数'}
    >>> _subject_and_base("办结同意率100%", 5), _subject_and_base("，占71%", 2)
    ({'label': '同意率', 'base': None}, {'label': None, 'base': None})
    """
    lo = max(0, start - _labels.WINDOW)
    i = start
    while i > lo and view[i - 1] not in _CLAUSE_END:
        i -= 1
    clause = view[i:start]
    at = clause.rfind("占")
    if at < 0:
        return {"label": _labels.label_before(view, start), "base": None}
    base = clause[at + 1 :].strip()
    for tail in _BASE_TAILS:
        if base.endswith(tail):
            base = base[: -len(tail)]
            break
    base = base.lstrip("比到")
    return {"label": _labels.label_before(view, i + at), "base": base if len(base) >= 2 else None}


_CLAUSE_END = frozenset("，,。；;：:！!？?\n（()）“”《》【】")


def link(percentages: list[Percentage], quantities: list[Quantity], view: str) -> list[Percentage]:
    """Shares linked to the count they were computed from: ``信息303条，占71.3%`` gives the
    percentage the quantity's label (when its own clause names none) and ``count_start``.

    >>> from .quantity import find as qfind
    >>> t = "各乡镇主动公开政府信息122条，占28.7%。"
    >>> v = matching_view(t)
    >>> p = link(find(t, v, Context()), qfind(t, v, Context()), v)[0]
    >>> p.label, p.count_start
    ('主动公开政府信息', 11)
    """
    if not percentages or not quantities:
        return percentages
    ends = [q.end for q in quantities]
    out: list[Percentage] = []
    for p in percentages:
        k = bisect.bisect_right(ends, p.start) - 1
        if k >= 0 and p.kind == "percentage":
            q = quantities[k]
            between = view[q.end : p.start]
            if len(between) <= _LINK_GAP and "占" in between and not any(c in "。；;\n" for c in between):
                p = dataclasses.replace(p, count_start=q.start, label=p.label or q.label)
        out.append(p)
    return out


_LINK_GAP = 24
"""At most this many characters between a count and the share computed from it."""


def find(text: str, view: str, ctx: Context) -> list[Percentage]:
    """Every percentage in ``text`` (matched on ``view``), in order.

    >>> t = "办结同意率100%"
    >>> [(p.value, p.label) for p in find(t, matching_view(t), Context())]
    [(100.0, '同意率')]
    """
    out: list[Percentage] = []
    last_end = 0
    timeout = timeout_for(view)
    for a in _ANCHOR.finditer(view):
        lo = max(last_end, a.start() - _BEFORE)
        hi = min(len(view), a.end() + _AFTER)
        for m in _RE.finditer(view, lo, hi, timeout=timeout):
            if m.start() < last_end:
                continue
            p = _build(view, text, m, ctx)
            if p is not None:
                out.append(p)
                last_end = m.end()
    return out


def find_all(text: str, *, labels: bool = False) -> list[Percentage]:
    """:func:`find` on a plain string (the view is made here).

    >>> [p.value for p in find_all("１００％")]
    [100.0]
    """
    return find(text, matching_view(text), Context(labels=labels))


def parse(s: str) -> Percentage:
    """The percentage that is the whole of ``s``, else raise :class:`InvalidPercentageError`."""
    view = matching_view(s)
    pos = next((len(p) for p in PREFIX_QUALIFIERS if view.startswith(p) and len(view) > len(p)), 0)
    m = _RE.fullmatch(view, pos, timeout=timeout_for(view))
    p = _build(view, s, m, Context(labels=False)) if m is not None else None
    if p is None:
        raise InvalidPercentageError(f"not a percentage: {s!r}")
    return p


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True
