"""Numerals: Arabic, full-width, Chinese and mixed, with ranges and qualifiers.

:func:`parse` reads one number and returns an ``int`` when the value is whole,
else a ``float``. Arabic numbers take ASCII-comma thousands separators and
decimals; full-width digits are folded first; a scale word multiplies
(1000万, 3.5亿, 3万4000). Chinese numerals with 十/百/千/万/亿 go to cn2an;
runs of digit characters only (二〇一八, 二○一八) are read digit by digit.

>>> parse("1,234")
1234
>>> parse("92.2")
92.2
>>> parse("１０００万")
10000000
>>> parse("3.5亿"), parse("1.2万"), parse("3万4000")
(350000000, 12000, 34000)
>>> parse("三百"), parse("一百二十八"), parse("两"), parse("十二"), parse("〇")
(300, 128, 2, 12, 0)
>>> parse("二○一八"), parse("二〇一八")
(2018, 2018)

:func:`parse_amount` also reads ranges and qualifiers (``value_max`` is set for
ranges; cn2an reads 两三 as 23, so adjacent Chinese digits are handled here):

>>> parse_amount("两三")
Amount(value=2, value_max=3, qualifier='exact')
>>> parse_amount("3至5")
Amount(value=3, value_max=5, qualifier='exact')
>>> parse_amount("三百多")
Amount(value=300, value_max=None, qualifier='more_than')
>>> parse_amount("近5000余")
Amount(value=5000, value_max=None, qualifier='approx')
>>> parse_amount("1.2万余").value
12000

Failures raise :class:`InvalidNumberError` (a ``ValueError``):

>>> parse("３²")
Traceback (most recent call last):
    ...
govreport_parse.extract.numbers.InvalidNumberError: not a number: '３²'
>>> parse("两三")
Traceback (most recent call last):
    ...
govreport_parse.extract.numbers.InvalidNumberError: a range, not one number: '两三' (use parse_amount)
>>> is_valid("①"), is_valid(""), is_valid("百")
(False, False, False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ..lexicon import CN_DIGIT_VALUES, CN_MULTIPLIERS, CN_NUMERAL, CN_ZEROS, fold
from .base import InvalidFactError
from .patterns import (
    ARABIC,
    INFIX_QUALIFIERS,
    PREFIX_QUALIFIERS,
    RANGE_SEPARATORS,
    SCALE,
    SUFFIX_QUALIFIERS,
    LazyPattern,
)

if TYPE_CHECKING:
    from ..model import Qualifier

__all__ = [
    "Amount",
    "InvalidNumberError",
    "combine_qualifiers",
    "is_valid",
    "parse",
    "parse_amount",
    "parse_range",
]

Number = int | float

MAX_DIGITS = 18
"""Longest run of digits read as one number (longer runs are not counts)."""


class InvalidNumberError(InvalidFactError):
    """The string is not a number this module reads."""


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with an optional range end and a qualifier (``exact`` when none)."""

    value: Number
    value_max: Number | None = None
    qualifier: Qualifier = "exact"


_SCALES = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}
_MIXED = LazyPattern(rf"(?P<num>{ARABIC})(?:(?P<scale>{SCALE})(?P<tail>\d{{1,4}})?)?")
_CN_ONLY = LazyPattern(CN_NUMERAL)
_ZEROS = frozenset(CN_ZEROS)


def _whole(d: Decimal) -> Number:
    return int(d) if d == d.to_integral_value() else float(d)


def _arabic(s: str) -> Number | None:
    m = _MIXED.fullmatch(s)
    if m is None:
        return None
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None
    scale = m.group("scale")
    if scale:
        value *= _SCALES[scale]
        tail = m.group("tail")
        if tail:
            if scale != "万" or value != value.to_integral_value():
                return None
            value += int(tail)
    return _whole(value)


@functools.lru_cache(maxsize=4096)
def _chinese(s: str) -> Number | None:
    if not _CN_ONLY.fullmatch(s):
        return None
    if not any(c in CN_DIGIT_VALUES or c == "十" for c in s):
        return None  # 百, 千万: a scale word alone is no number
    if all(c in CN_DIGIT_VALUES for c in s):
        if len(s) == 1:
            return CN_DIGIT_VALUES[s]
        return int("".join(str(CN_DIGIT_VALUES[c]) for c in s))  # 二〇一八: digit by digit
    import cn2an  # lazy: cn2an imports take ~0.2 s

    try:
        value = cn2an.cn2an(s.replace("○", "〇"), "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return _whole(Decimal(str(value)))


def _adjacent_range(s: str) -> tuple[int, int] | None:
    """两三, 三四, 七八十: two adjacent ascending digits, optionally times 十/百/千/万."""
    if len(s) not in (2, 3) or s[0] not in CN_DIGIT_VALUES or s[1] not in CN_DIGIT_VALUES:
        return None
    a, b = CN_DIGIT_VALUES[s[0]], CN_DIGIT_VALUES[s[1]]
    if a == 0 or b != a + 1:
        return None
    if len(s) == 3:
        if s[2] not in CN_MULTIPLIERS:
            return None
        k = CN_MULTIPLIERS[s[2]]
        return a * k, b * k
    return a, b


@functools.lru_cache(maxsize=8192)
def parse(s: str) -> Number:
    """One number from the whole string ``s`` (see the module docstring).

    >>> parse("０.５")
    0.5
    """
    if s.isascii() and s.isdigit() and len(s) <= MAX_DIGITS:  # fast path; ² and ① are not ASCII
        return int(s)
    t = fold(s).strip()
    if _adjacent_range(t) is not None:
        raise InvalidNumberError(f"a range, not one number: {s!r} (use parse_amount)")
    value = _arabic(t)
    if value is None:
        value = _chinese(t)
    if value is None:
        raise InvalidNumberError(f"not a number: {s!r}")
    return value


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises.

    >>> is_valid("1,000"), is_valid("1,00")
    (True, False)
    """
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True


def combine_qualifiers(found: list[Qualifier]) -> Qualifier:
    """One qualifier from those written around a number; disagreeing ones mean ``approx``.

    >>> combine_qualifiers([]), combine_qualifiers(["nearly"]), combine_qualifiers(["nearly", "approx"])
    ('exact', 'nearly', 'approx')
    """
    kinds = set(found)
    if not kinds:
        return "exact"
    if len(kinds) == 1:
        return found[0]
    return "approx"


_RANGE = LazyPattern(rf"(?P<a>.{{1,24}}?){RANGE_SEPARATORS}(?P<b>.{{1,24}})")
_PREFIX = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)
_SUFFIX = sorted(SUFFIX_QUALIFIERS, key=len, reverse=True)


@functools.lru_cache(maxsize=8192)
def parse_amount(s: str) -> Amount:
    """A number with qualifiers (近 约 超过 不低于 … / 余 多 / 左右 以上 …) and ranges.

    >>> parse_amount("不低于4")
    Amount(value=4, value_max=None, qualifier='at_least')
    >>> parse_amount("三四")
    Amount(value=3, value_max=4, qualifier='exact')
    """
    t = fold(s).strip()
    quals: list[Qualifier] = []
    for p in _PREFIX:
        if t.startswith(p):
            quals.append(PREFIX_QUALIFIERS[p])
            t = t[len(p) :]
            break
    for q in _SUFFIX:
        if t.endswith(q):
            quals.append(SUFFIX_QUALIFIERS[q])
            t = t[: -len(q)]
            break
    if t and t[-1] in INFIX_QUALIFIERS:
        quals.append(INFIX_QUALIFIERS[t[-1]])
        t = t[:-1]
    qualifier = combine_qualifiers(quals)
    try:
        lo, hi = parse_range(t)
    except InvalidNumberError:
        raise InvalidNumberError(f"not a number: {s!r}") from None
    return Amount(lo, hi, qualifier)


@functools.lru_cache(maxsize=8192)
def parse_range(s: str) -> tuple[Number, Number | None]:
    """A number or a range without qualifiers: ``(value, value_max)``.

    >>> parse_range("3至5"), parse_range("两三"), parse_range("128")
    ((3, 5), (2, 3), (128, None))
    """
    if s.isascii() and s.isdigit() and len(s) <= MAX_DIGITS:
        return int(s), None
    pair = _adjacent_range(s)
    if pair is not None:
        return pair
    if not s:
        raise InvalidNumberError("not a number: ''")
    try:
        return parse(s), None
    except InvalidNumberError:
        m = _RANGE.fullmatch(s)
        if m is None:
            raise
        lo, hi = parse(m.group("a")), parse(m.group("b"))
        if hi < lo:
            raise InvalidNumberError(f"a range whose end is below its start: {s!r}") from None
        return lo, hi
