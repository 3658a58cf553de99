"""Dates: full, partial and relative, with their precision and role.

- full dates (2018年1月1日, 二〇一三年一月二十日, 二○一八年…, 2013-02-25) have
  ``precision="day"`` and an ``iso``;
- 2017年12月 is ``month``; 2018年7月底 and 上旬/中旬/下旬 are ``month_part``
  (``part`` = 月底, 上旬 …); 2018年 is ``year``; 上半年, 年初, 年底 are
  ``year_part``; 第一季度 is ``season``;
- a date without a year (12月31日, 3月8日, 3月份, 年初) takes the year of the
  start of its period (自2018年1月1日起至12月31日止) or else the report's year
  (``Context.year``), with ``year_inferred=True``; never today's year. With
  neither, ``year`` and ``iso`` stay ``None``;
- ``role``: ``period_start`` after 自/从/由 or before a ``period_end``,
  ``period_end`` after 至/到 when a date stands just before, ``as_of`` after
  截至/截止, else ``point``.

>>> ds = find_all("自2018年1月1日起至12月31日止", year=2018)
>>> [(d.text, d.iso, d.role, d.year_inferred) for d in ds]
[('2018年1月1日', '2018-01-01', 'period_start', False), ('12月31日', '2018-12-31', 'period_end', True)]
>>> for d in find_all("至2018年7月底全部办复，年初印发，第一季度"):
...     print(d.text, d.precision, d.part, d.month)
2018年7月底 month_part 月底 7
年初 year_part 年初 None
第一季度 season 第一季度 None
>>> [(d.year, d.month, d.day) for d in find_all("二○一三年一月二十日")]
[(2013, 1, 20)]

Deliberately not dates: impossible days (2月30日), a month without 月
(3.8), 每年底, 四个季度, a bare year without 年 (2018 alone), times of day.

>>> find_all("2月30日，每年底，四个季度，2018，3.8")
[]
>>> parse("3月8日", year=2018).iso
'2018-03-08'
>>> parse("13月1日")
Traceback (most recent call last):
    ...
govreport_parse.extract.date.InvalidDateError: not a date: '13月1日'
>>> is_valid("2018年12月31日"), is_valid("〇"), is_valid("")
(True, False, False)
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime

import regex

from ..model import DateFact, DatePrecision, DateRole
from . import numbers
from .base import Context, InvalidFactError
from .patterns import (
    AS_OF_BEFORE,
    DATE_BRANCHES,
    MONTH_PARTS,
    PERIOD_END_BEFORE,
    PERIOD_START_BEFORE,
    YEAR_PARTS,
    LazyPattern,
    timeout_for,
)
from .view import matching_view

__all__ = ["InvalidDateError", "find", "find_all", "format", "is_valid", "parse"]

_BRANCHES = tuple(LazyPattern(b) for b in DATE_BRANCHES)
_SEASONS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class InvalidDateError(InvalidFactError):
    """The string is not a date."""


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    value = numbers.parse(s)
    return int(value) if isinstance(value, int) else None


def _role(view: str, start: int, prev: DateFact | None) -> DateRole:
    before = view[max(0, start - 6) : start].rstrip(" ")
    if before.endswith(AS_OF_BEFORE):
        return "as_of"
    if before.endswith(PERIOD_START_BEFORE):
        return "period_start"
    if prev is not None and 0 < start - prev.end <= 6:
        between = view[prev.end : start].replace(" ", "")
        if between in PERIOD_END_BEFORE:
            return "period_end"  # 2018年1月1日起至12月31日: only a connective between the two
    return "point"


def _build(view: str, text: str, m: regex.Match[str], ctx: Context, prev: DateFact | None) -> DateFact | None:
    g = m.groupdict()
    try:
        year, month, day = _num(g.get("y")), _num(g.get("m")), _num(g.get("d"))
    except numbers.InvalidNumberError:
        return None
    mpart, ypart = g.get("mpart"), g.get("ypart")
    role = _role(view, m.start(), prev)
    inferred = False
    if year is None:
        from_period = role == "period_end" and prev is not None and prev.year is not None
        year = prev.year if from_period and prev is not None else ctx.year
        inferred = year is not None
    if year is not None and not 1900 <= year <= 2099:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year if year is not None else 2000, month)[1]
        if not 1 <= day <= last:
            return None
    part: str | None = None
    precision: DatePrecision
    if day is not None:
        precision = "day"
    elif month is not None:
        precision = "month_part" if mpart and mpart != "份" else "month"
        part = MONTH_PARTS.get(mpart) if precision == "month_part" else None
    elif ypart:
        part = YEAR_PARTS.get(ypart, ypart)
        precision = "season" if "季度" in ypart else "year_part"
    else:
        precision = "year"
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year is not None and month and day else None
    return DateFact(
        text=text[m.start() : m.end()],
        start=m.start(),
        end=m.end(),
        iso=iso,
        year=year,
        month=month,
        day=day,
        precision=precision,
        year_inferred=inferred,
        part=part,
        role=role,
    )


def find(text: str, view: str, ctx: Context) -> list[DateFact]:
    """Every date in ``text`` (matched on ``view``), in order.

    >>> t = "截至2018年12月31日"
    >>> [(d.iso, d.role) for d in find(t, matching_view(t), Context())]
    [('2018-12-31', 'as_of')]
    """
    matches = [m for r in _BRANCHES for m in r.finditer(view, timeout=timeout_for(view))]
    matches.sort(key=lambda m: (m.start(), -m.end()))
    out: list[DateFact] = []
    prev: DateFact | None = None
    last_end = 0
    for m in matches:
        if m.start() < last_end:
            continue
        d = _build(view, text, m, ctx, prev)
        last_end = m.end()  # an invalid 2月30日 also hides the 2月 inside it
        if d is not None:
            if d.role == "period_end" and prev is not None and prev.role == "point":
                out[-1] = prev = dataclasses.replace(prev, role="period_start")  # 2018年1月1日至…
            out.append(d)
            prev = d
    return out


def find_all(text: str, *, year: int | None = None) -> list[DateFact]:
    """:func:`find` on a plain string; ``year`` is the report's year.

    >>> [d.iso for d in find_all("３月８日", year=2018)]
    ['2018-03-08']
    """
    return find(text, matching_view(text), Context(year=year))


def parse(s: str, *, year: int | None = None) -> DateFact:
    """The date that is the whole of ``s``, else raise :class:`InvalidDateError`."""
    view = matching_view(s)
    d = None
    for r in _BRANCHES:
        m = r.fullmatch(view, timeout=timeout_for(view))
        if m is not None:
            d = _build(view, s, m, Context(year=year), None)
            if d is not None:
                break
    if d is None:
        raise InvalidDateError(f"not a date: {s!r}")
    return d


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True


def format(d: DateFact) -> str:
    """A date fact as ISO 8601 to its precision (``2018-07`` for a month).

    >>> format(parse("2018年7月底")), format(parse("2018年")), format(parse("12月31日"))
    ('2018-07', '2018', '--12-31')
    """
    if d.year is None:
        if d.month and d.day:
            return f"--{d.month:02d}-{d.day:02d}"
        return f"--{d.month:02d}" if d.month else ""
    if d.month is None:
        return f"{d.year:04d}"
    if d.day is None:
        return f"{d.year:04d}-{d.month:02d}"
    return datetime.date(d.year, d.month, d.day).isoformat()
