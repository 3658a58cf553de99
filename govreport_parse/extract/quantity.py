"""Quantities: a number, its unit and qualifier, and what it counts.

``value`` is the number after 万/亿 and Chinese numerals; ``value_max`` closes
a range; ``unit`` comes from :data:`.patterns.UNITS` (``万元`` and ``亿元`` stay
units, so ``3.5万元`` is 3.5 万元); ``qualifier`` comes from the words around
it (近 约 超过 不低于 … before, 余 多 between, 左右 以上 以内 after); ``label``
is the nearest noun to the left in the clause (:mod:`.labels`).

The span (``text``) is the number with its unit and any 余/多 between them;
qualifier words before the number or after the unit are read but are not
part of the span.

>>> [(q.text, q.value, q.unit, q.qualifier) for q in find_all("接听群众来电480余个，印发1000万份")]
[('480余个', 480, '个', 'approx'), ('1000万份', 10000000, '份', 'exact')]
>>> [(q.text, q.value, q.qualifier) for q in find_all("设计了三百多个子栏目，发布信息近5000余条")]
[('三百多个', 300, 'more_than'), ('5000余条', 5000, 'approx')]
>>> [(q.value, q.value_max, q.unit) for q in find_all("受理3至5件，办理两三个")]
[(3, 5, '件'), (2, 3, '个')]

Deliberately not quantities: ordinals (第一, 第37期), a Chinese numeral
without a unit (一是, 十九大), a bare number followed by 年 月 日 号 (dates,
house numbers), by 、 or . or inside （） (list items), or with leading zeros.

>>> find_all("一是加强领导；第37期；党的十九大；1、完善制度；统一部署；做法1.加强；（2）推进；编码000023")
[]
>>> parse("142件")
Quantity(kind='quantity', text='142件', start=0, end=4, source_start=-1, source_end=-1, page=None, \
section=None, value=142, value_max=None, unit='件', qualifier='exact', label=None)
>>> parse("件")
Traceback (most recent call last):
    ...
govreport_parse.extract.quantity.InvalidQuantityError: not a quantity: '件'
>>> is_valid("三百多个"), is_valid("第三个"), is_valid("")
(True, False, False)
"""

from __future__ import annotations

import regex

from ..model import Diagnostic, Qualifier, Quantity
from . import labels as _labels
from . import notcount, numbers
from .base import Context, InvalidFactError
from .patterns import (
    BRACKETED_YEARS,
    INFIX_QUALIFIERS,
    NOT_A_COUNT_AFTER,
    PREFIX_QUALIFIERS,
    QUANTITY,
    QUANTITY_UNITS,
    SESSION_AFTER,
    SUFFIX_QUALIFIERS,
    WORD_BEFORE_LONE_NUMERAL,
    YEAR_BRACKETS_CLOSE,
    YEAR_BRACKETS_OPEN,
    LazyPattern,
    prefix_qualifier,
    timeout_for,
)
from .view import matching_view

__all__ = ["MAX_DIGITS", "InvalidQuantityError", "find", "find_all", "is_valid", "parse", "run_diagnostics"]

_RE = LazyPattern(QUANTITY, regex.X)
_OPEN = frozenset("(（")
_CLOSE = frozenset(")）")


class InvalidQuantityError(InvalidFactError):
    """The string is not a quantity."""


def _bracketed_year(view: str, start: int, end: int) -> bool:
    """True when ``view[start:end]`` is a year (1949–2099) alone inside brackets.

    >>> _bracketed_year("根据〔2018〕号", 3, 7), _bracketed_year("见[ 2019 ]", 3, 7)
    (True, True)
    >>> _bracketed_year("见[12]", 2, 4), _bracketed_year("见〔2100〕", 2, 6)
    (False, False)
    """
    num = view[start:end]
    if len(num) != 4 or not (num.isascii() and num.isdigit()) or int(num) not in BRACKETED_YEARS:
        return False
    before = view[max(0, start - 3) : start].rstrip(" ")  # up to two spaces inside the bracket
    after = view[end : end + 3].lstrip(" ")
    return before[-1:] in YEAR_BRACKETS_OPEN and after[:1] in YEAR_BRACKETS_CLOSE


def _build(view: str, text: str, m: regex.Match[str], ctx: Context) -> Quantity | None:
    num, cn, infix, unit, post = m.group("num", "cn", "infix", "unit", "post")
    start = m.start("num")
    end = m.end("unit") if unit else (m.end("infix") if infix else m.end("num"))
    before = view[start - 1] if start > 0 else ""
    if before == "第":
        return None  # an ordinal
    if cn is not None and (unit is None or (len(cn) == 1 and before in WORD_BEFORE_LONE_NUMERAL)):
        return None  # 一是, 十九大, 统一部署: Chinese numerals count only with a unit, outside words
    if unit == "次" and "届" in view[max(0, start - 3) : start] and view.startswith(SESSION_AFTER, end):
        return None  # 十二届二次会议: the second session, not two meetings
    if unit is None and infix is None:
        after = view[end] if end < len(view) else ""
        if after in NOT_A_COUNT_AFTER or after == "、":
            return None  # 2018年, 226号, 1、 1.: dates, house numbers, list items
        if before in _OPEN and after in _CLOSE:
            return None  # （1）: a list item
        if _bracketed_year(view, start, end):
            return None  # 〔2018〕, [2019]: the year of a document number
        if len(num) > 1 and num[0] == "0" and num[1] != ".":
            return None  # 000023, 0533: a code or a flattened table run, not a count
    if unit is not None and len(unit) == 1 and notcount.unit_begins_word(view, m.start("unit"), unit):
        return None  # 五部分, 两个人员: the classifier begins a word, it is not a unit
    if _digit_run(num):
        return None  # 640020470: a flattened table run, reported by run_diagnostics
    if notcount.reason(text, view, start, m.end("num"), end, has_unit=unit is not None) is not None:
        return None  # a postcode, phone, time, index number, slogan or table cell
    quals: list[Qualifier] = []
    pre = prefix_qualifier(view, start)
    if pre:
        quals.append(PREFIX_QUALIFIERS[pre])
    if infix:
        quals.append(INFIX_QUALIFIERS[infix])
    if post:
        quals.append(SUFFIX_QUALIFIERS[post])
    try:
        value, value_max = numbers.parse_range(num)
    except numbers.InvalidNumberError:
        return None
    qualifier = numbers.combine_qualifiers(quals)
    label = _labels.label_for(view, start - len(pre or ""), end) if ctx.labels else None
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
        label=label,
    )


MAX_DIGITS = 9
"""An integer part longer than this (without thousands separators) is a glued run of table
cells (``10203120001200000``), never one count."""

_RUN = LazyPattern(r"(?<![\d.,])\d{7,}(?:\.\d+)?(?![\d])")


def _digit_run(num: str) -> bool:
    """True when ``num`` has more than :data:`MAX_DIGITS` integer digits and no separators.

    >>> _digit_run("10203120001200000"), _digit_run("1,234,567,890"), _digit_run("735921")
    (True, False, False)
    """
    head = num.split(".", 1)[0]
    return head.isdigit() and len(head) > MAX_DIGITS


def run_diagnostics(text: str, view: str) -> list[Diagnostic]:
    """One ``number_run`` diagnostic for each run of seven or more digits that is not read as a
    quantity because it is glued between table labels (a flattened statistics table).

    >>> d = run_diagnostics("主动公开信息数条20263542其中", "主动公开信息数条20263542其中")
    >>> [(x.code, x.start, x.end) for x in d]
    [('number_run', 8, 16)]
    >>> run_diagnostics("访问量达到7359210次。", "访问量达到7359210次。")
    []
    """
    out: list[Diagnostic] = []
    for m in _RUN.finditer(view, timeout=timeout_for(view)):
        s, e = m.span()
        after = view[e : e + 4]
        has_unit = any(after.startswith(u) for u in QUANTITY_UNITS) or after[:1] in ("余", "多")
        if (has_unit and not _digit_run(m.group())) or not (
            _digit_run(m.group()) or notcount.glued_bare(view, s, e) or notcount.in_table_line(text, s)
        ):
            continue
        out.append(
            Diagnostic(
                code="number_run",
                severity="info",
                message=f"{e - s} digits glued together ({text[s:e]}) are table cells, not one quantity",
                start=s,
                end=e,
            )
        )
    return out


def find(text: str, view: str, ctx: Context) -> list[Quantity]:
    """Every quantity in ``text`` (matched on ``view``), in order.

    >>> t = "访问量达到735921次"
    >>> [(q.value, q.unit, q.label) for q in find(t, matching_view(t), Context(year=2018))]
    [(735921, '次', '访问量')]
    """
    out: list[Quantity] = []
    for m in _RE.finditer(view, timeout=timeout_for(view)):
        if m.group("unit") == "个百分点":  # a percentage_point, not 3个
            continue
        q = _build(view, text, m, ctx)
        if q is not None:
            out.append(q)
    return out


def find_all(text: str, *, year: int | None = None, labels: bool = False) -> list[Quantity]:
    """:func:`find` on a plain string (the view is made here).

    >>> [q.value for q in find_all("共１２８件")]
    [128]
    """
    return find(text, matching_view(text), Context(year=year, labels=labels))


def parse(s: str) -> Quantity:
    """The quantity that is the whole of ``s`` (qualifier words included), else raise."""
    view = matching_view(s)
    pos = next((len(p) for p in PREFIX_QUALIFIERS if view.startswith(p) and len(view) > len(p)), 0)
    m = _RE.fullmatch(view, pos, timeout=timeout_for(view))
    q = _build(view, s, m, Context(labels=False)) if m is not None and m.group("unit") != "个百分点" else None
    if q is None:
        raise InvalidQuantityError(f"not a quantity: {s!r}")
    return q


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True
