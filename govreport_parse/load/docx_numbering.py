"""Word automatic numbering (``numbering.xml``) rendered as text.

A paragraph with ``w:numPr`` (directly or through its style) shows a number
that is not in its runs: level ``ilvl`` of list ``numId``, formatted by the
level's ``numFmt`` and ``lvlText`` (``%1、``, ``（%1）``, ``%1.%2``). Counters run
per list and level; a number at one level restarts the deeper ones. As in Word,
the ``w:num`` entries of one abstract definition continue one list, unless an
entry overrides a level (``w:lvlOverride``, e.g. ``startOverride``): that entry
is a list of its own.

>>> format_number(11, "chineseCounting"), format_number(20, "chineseCountingThousand")
('十一', '二十')
>>> format_number(3, "decimalEnclosedCircle"), format_number(2, "ideographTraditional")
('③', '乙')
>>> format_number(105, "chineseCountingThousand"), format_number(4, "upperRoman")
('一百零五', 'IV')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Numbering", "W", "format_number", "style_num_ids_of"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _chinese(n: int, digits: str = _DIGITS, units: str = "十百千万") -> str:
    """Chinese counting numerals up to 99999 (十一, 二十, 一百零五)."""
    if n == 0:
        return digits[0]
    if n >= 100_000:
        return str(n)
    parts: list[str] = []
    places = [(10000, units[3]), (1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    zero = False
    started = False
    for value, unit in places:
        d = n // value % 10
        if d:
            if zero and started:
                parts.append("零" if digits is _DIGITS else digits[0])
            parts.append(digits[d] + unit)
            zero = False
            started = True
        elif started:
            zero = True
    text = "".join(parts)
    if 10 <= n < 20 and digits is _DIGITS:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "koreanCounting": _chinese,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL_DIGITS, "拾佰仟万"),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟萬"),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "ordinal": lambda n: f"{n}.",
    "cardinalText": str,
    "ordinalText": str,
}


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``numFmt`` (unknown formats fall back to decimal).

    >>> format_number(12, "decimal"), format_number(10, "japaneseCounting")
    ('12', '十')
    >>> format_number(0, "chineseCounting")
    '〇'
    """
    fn = _FORMATS.get(fmt, str)
    return fn(n) if n >= 0 else str(n)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None  # restart after this (0-based) level; None = after any shallower
    legal: bool = False


_PLACEHOLDER = re.compile(r"%([1-9])")
MAX_START = 32767
"""Word's largest list start value; larger (or negative) ``w:start`` values are clamped."""
MAX_LEVEL_TEXT = 255
"""Characters of ``w:lvlText`` used (Word writes at most a few; 100,000 placeholders are cut)."""
_TRAILING_PUNCT = tuple("、.．)）:：,，]】")


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    if child is None:
        return default
    v = child.get(W + "val")
    return default if v is None else str(v)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _start(value: str | None) -> int:
    """A list start value within ``0..MAX_START``.

    >>> _start("1e30"), _start("1000000000000000000000000000000"), _start("-5"), _start("3")
    (1, 32767, 0, 3)
    """
    return max(0, min(_int(value, 1), MAX_START))


def _parse_level(lvl: Any) -> Level:
    restart = _val(lvl, "lvlRestart")
    return Level(
        start=_start(_val(lvl, "start")),
        fmt=_val(lvl, "numFmt", "decimal") or "decimal",
        text=(_val(lvl, "lvlText", "") or "")[:MAX_LEVEL_TEXT],
        suffix=_val(lvl, "suff", "tab") or "tab",
        restart=None if restart is None else _int(restart, 0) - 1,
        legal=lvl.find(W + "isLgl") is not None,
    )


def style_num_ids_of(styles: Any) -> dict[str, str | None]:
    """Style id -> the ``numId`` the style applies (``None`` when none), for the first style
    of each id in the ``w:styles`` root ``styles``; numbering styles (``w:type="numbering"``)
    are what ``w:numStyleLink`` points at.

    >>> from lxml import etree
    >>> xml = (f'<w:styles xmlns:w="{W[1:-1]}"><w:style w:styleId="L">'
    ...        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>')
    >>> style_num_ids_of(etree.fromstring(xml))
    {'L': '3'}
    """
    out: dict[str, str | None] = {}
    if styles is None:
        return out
    for st in styles.iterfind(W + "style"):
        sid = st.get(W + "styleId")
        if sid is None or sid in out:
            continue
        num_id = st.find(f"{W}pPr/{W}numPr/{W}numId")
        out[sid] = None if num_id is None else str(num_id.get(W + "val"))
    return out


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one document."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> Level
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> startOverride
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # list instance -> ilvl -> value
    instance: dict[str, str] = field(default_factory=dict)  # numId -> list instance

    @classmethod
    def from_xml(
        cls, root: Any, styles: Any = None, style_num_ids: dict[str, str | None] | None = None
    ) -> Numbering:
        """Read ``w:numbering`` (an lxml element, or ``None`` for a document without lists).

        ``styles`` (the ``w:styles`` root), or ``style_num_ids`` already read from it by
        :func:`style_num_ids_of`, resolves abstract definitions that only point at a
        numbering style (``w:numStyleLink``) to the definition that style uses.
        """
        numbering = cls()
        if root is None:
            return numbering
        if style_num_ids is None:
            style_num_ids = style_num_ids_of(styles)
        abstract: dict[str, dict[int, Level]] = {}
        links: dict[str, str] = {}  # abstractNumId -> numbering style id
        for an in root.iterfind(W + "abstractNum"):
            aid = str(an.get(W + "abstractNumId"))
            abstract[aid] = {
                _int(lvl.get(W + "ilvl"), 0): _parse_level(lvl) for lvl in an.iterfind(W + "lvl")
            }
            link = _val(an, "numStyleLink")
            if link is not None:
                links[aid] = link
        abstract_of = {
            str(num.get(W + "numId")): str(_val(num, "abstractNumId")) for num in root.iterfind(W + "num")
        }
        for aid, style_id in links.items():
            target = abstract_of.get(str(style_num_ids.get(style_id)))
            if target is not None and target != aid and not abstract[aid]:
                abstract[aid] = abstract.get(target, {})
                links[aid] = target
        for num in root.iterfind(W + "num"):
            num_id = str(num.get(W + "numId"))
            aid = abstract_of[num_id]
            levels = dict(abstract.get(aid, {}))
            starts: dict[int, int] = {}
            for override in num.iterfind(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _start(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _parse_level(lvl)
            numbering.levels[num_id] = levels
            numbering.starts[num_id] = starts
            # Word continues one list across the w:num entries of an abstract definition (also
            # through a numbering style); an entry with level overrides starts a list of its own
            overridden = num.find(W + "lvlOverride") is not None
            numbering.instance[num_id] = f"n{num_id}" if overridden else f"a{links.get(aid, aid)}"
        return numbering

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``(num_id, ilvl)`` and return the rendered label.

        Returns ``""`` for bullets, ``none`` formats and unknown lists.
        """
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        level = levels[ilvl]
        counters = self.counters.setdefault(self.instance.get(num_id, num_id), {})
        start = self.starts.get(num_id, {}).get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart >= ilvl:
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, level)
            value = counters.get(k, self.starts.get(num_id, {}).get(k, lv.start))
            fmt = "decimal" if level.legal and k != ilvl else lv.fmt
            return format_number(value, fmt)

        label = _PLACEHOLDER.sub(fill, level.text)
        if not label:
            return ""
        if level.suffix == "space" or (level.suffix == "tab" and not label.endswith(_TRAILING_PUNCT)):
            label += " "
        return label
