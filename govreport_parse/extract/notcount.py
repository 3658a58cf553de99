"""Numbers that look like counts but are not, kept as data.

A number with a unit in running text is usually a count, but a report is full
of numbers that only look like one: a postcode (``邮 编：350400``), a phone or
hotline number (``“12345”市民服务热线``), a time of day (``10:52``), an index
number (``索引号 2015-34352``), an attachment number (``附件1``), one of the
template's ordinal category names (``三类内部事务信息``), a fixed expression or
slogan (``一个窗口``, ``“三个一”``, ``价比三家``), or a cell of a statistics
table (a number on a tab- or ``|``-separated line, or a bare number glued
between table labels, ``行政许可2629第二十条``).

Every filter is one :class:`Rule` in :data:`RULES` (a pattern that must end
right before the number and/or one that must start right after it, on the
matching view), plus the lexicon :data:`FIXED_EXPRESSIONS` and the table tests
of :func:`in_table_line` and :func:`glued_bare`. :func:`reason` names the
first filter that applies, or returns ``None`` for a count.

>>> def why(s: str, num: str, unit: str = "") -> str | None:
...     i = s.index(num + unit)
...     return reason(s, s, i, i + len(num), i + len(num + unit), has_unit=bool(unit))
>>> why("邮 编：350400电话", "350400"), why("郵編:529300", "529300")
('postcode', 'postcode')
>>> why("时间为10:52", "10"), why("索引号 2015-34352", "2015-34352"), why("附件1：统计表", "1")
('time_of_day', 'index_number', 'attachment')
>>> why("属于三类内部事务信息", "三", "类"), why("设立一个窗口", "一", "个"), why("推行“六个一”", "六", "个")
('template_category', 'fixed_expression', 'quoted_slogan')
>>> why("共设窗口26个，", "26", "个") is None, why("公开三类信息", "三", "类") is None
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .patterns import LazyPattern

__all__ = [
    "FIXED_EXPRESSIONS",
    "RULES",
    "TEMPLATE_CATEGORIES",
    "UNIT_WORD_STARTS",
    "Rule",
    "glued_bare",
    "in_table_line",
    "reason",
    "unit_begins_word",
]


@dataclass(frozen=True, slots=True)
class Rule:
    """One not-a-count filter: ``before`` must match ending right before the number,
    ``after`` must match starting right after the number (both when both are given).

    ``bare_only`` limits the rule to numbers without a unit (``附件1`` is an attachment,
    ``热线电话120个`` stays a count of calls).
    """

    name: str
    before: str | None = None
    after: str | None = None
    bare_only: bool = False
    about: str = ""
    number: str | None = None
    """When set, the rule applies only to this exact number text (一 in 一项重要工作)."""
    hint: str = ""
    """Characters one of which must occur in the window the rule reads (before the number when it
    has a ``before`` pattern, else just after it) for the rule to be tried: for speed only."""


_SP = r"[ ]{0,2}"
_COLON = r"[ ]{0,2}[:：]?[ ]{0,2}"


def _spaced(word: str) -> str:
    """``邮编`` → a pattern that also matches ``邮 编`` (one or two spaces between characters)."""
    return _SP.join(regex.escape(c) for c in word)


def _words(*words: str) -> str:
    return "(?:" + "|".join(_spaced(w) for w in sorted(words, key=len, reverse=True)) + ")"


RULES: tuple[Rule, ...] = (
    Rule(
        "postcode",
        hint="邮郵",
        before=_words("邮编", "邮政编码", "郵編", "郵政編碼", "邮政编号") + _COLON + "$",
        about="邮编：350400, 邮 编：350400, 郵編:529300",
    ),
    Rule(
        "phone",
        hint="电传热手联咨話",
        before=_words("电话", "传真", "热线", "手机", "联系电话", "咨询电话", "电话号码", "联系方式")
        + _COLON
        + r"(?:\(?\d{3,4}\)?[-—]?)?$",
        bare_only=True,
        about="电 话：0591-23162606, 传真：23162606 (a bare number after a phone label)",
    ),
    Rule(
        "hotline",
        hint="线線台务話话",
        after=r"^[”\"’」]?[ ]{0,2}\p{Han}{0,8}?(?:热线|专线|服务平台|服务电话|政务服务|便民服务|市民服务)",
        bare_only=True,
        about="“12345”市民服务热线, 12345热线 (热线电话120个 keeps its unit and stays a count)",
    ),
    Rule(
        "time_of_day",
        after=r"^[:：][0-5]\d(?!\d)",
        hint=":：",
        bare_only=True,
        about="10:52 (the hour)",
    ),
    Rule(
        "time_of_day",
        before=r"(?<!\d)(?:[01]?\d|2[0-4])[:：]$",
        hint=":：",
        bare_only=True,
        about="10:52 (the minutes)",
    ),
    Rule(
        "index_number",
        hint="索编序登证档流",
        before=_words("索引号", "索取号", "编号", "编码", "序号", "登记号", "证号", "档号", "流水号")
        + _COLON
        + r"[A-Za-z0-9/_-]{0,30}$",
        about="索引号 2015-34352, 编号：A01-2018-0012",
    ),
    Rule(
        "attachment",
        hint="附",
        before=_words("附件", "附表", "附图", "附录") + r"[ ]{0,2}$",
        about="附件1, 附表 2",
    ),
    Rule(
        "indefinite",
        before=r"(?:的|是|为)$",
        after=r"^[个项条种件][ ]{0,2}(?:重要|主要|基本|重大|关键|有效|具体|新的)",
        number="一",
        about="是…建设的一项重要工作: 一项 is an article here (共完成一项重要工作 stays a count)",
    ),
    Rule(
        "round_the_clock",
        after=r"^小时[ ]{0,2}(?:值班|服务|在线|热线|不打烊|不间断|响应|受理|全天候)",
        number="24",
        about="24小时值班制度 (round the clock; 值班24小时 and 24小时内办结 stay quantities)",
    ),
    Rule(
        "article",
        hint="第",
        before=r"第[ ]{0,2}$",
        about="第三条, 第37期 (an ordinal)",
    ),
)
"""The not-a-count rules, tried in order; each has cases and lookalikes in ``tests/cases/extract/``."""

TEMPLATE_CATEGORIES: tuple[str, ...] = ("内部事务信息", "过程性信息")
"""The template's ordinal category names (属于三类内部事务信息, 属于四类过程性信息): ``三类``
there names a category of the 2019 rules, not three kinds of anything."""

FIXED_EXPRESSIONS: tuple[str, ...] = (
    "一个窗口",
    "一个窗口受理",
    "一条龙",
    "一站式",
    "三个一",
    "五个一律",
    "价比三家",
    "货比三家",
    "一次办好",
    "最多跑一次",
    "一次性告知",
    "一件事",
    "一张网",
    "一门式",
    "四个意识",
    "四个自信",
    "四个全面",
    "两个维护",
    "两个确立",
    "两个责任",
    "三个代表",
    "一把手",
    "一次办",
    "两个一律",
    "一张蓝图",
    "一盘棋",
    "一个平台",
    "一个号码",
    "一张表",
    "一本账",
    "一张清单",
    "一单制",
    "一次告知",
)
"""Fixed expressions and slogans whose numerals count nothing (一个窗口, 一条龙, 价比三家)."""

UNIT_WORD_STARTS: dict[str, tuple[str, ...]] = {
    "部": ("部分", "部署", "部门"),
    "个": ("个人", "个体", "个性", "个别"),
    "人": ("人员", "人民", "人大", "人社", "人口", "人才", "人事"),
    "条": ("条例", "条件", "条款"),
    "项": ("项目",),
    "场": ("场所", "场景"),
    "名": ("名单", "名称", "名录"),
    "家": ("家庭",),
    "期": ("期间", "期限"),
    "次": ("次数",),
    "批": ("批复", "批准", "批示"),
    "处": ("处理", "处罚", "处室"),
    "类": ("类型", "类别"),
    "门": ("门户",),
    "本": ("本级", "本年", "本单位"),
    "台": ("台账",),
    "种": ("种类",),
    "页": ("页面",),
    "位": ("位置",),
    "所": ("所有", "所属"),
    "周": ("周年", "周边", "周期"),
    "层": ("层级", "层面"),
    "座": ("座谈",),
    "轮": ("轮岗", "轮流"),
}
"""A classifier followed by these characters begins a word (五部分, 两个人员), so it is not a unit."""

_RULES = tuple(
    (
        r,
        LazyPattern(r.before, regex.V1) if r.before else None,
        LazyPattern(r.after, regex.V1) if r.after else None,
    )
    for r in RULES
)
_BEFORE_HINTS = frozenset("".join(r.hint for r in RULES if r.before))
_AFTER_HINTS = frozenset("".join(r.hint for r in RULES if not r.before))
_HINT_AFTER = 12
_RULE_NUMBERS = frozenset(r.number for r in RULES if r.number is not None)
_FIXED = LazyPattern("|".join(regex.escape(w) for w in sorted(FIXED_EXPRESSIONS, key=len, reverse=True)))
_QUOTE_OPEN = '“"‘「'
_QUOTE_CLOSE = '”"’」'
_UNIT_CHARS = frozenset("条件个次人元项份户家")
_PROSE_AFTER = frozenset('，,。；;！!？?、）)”"’」\n')
_LOOK = 40
_ROW = 400
"""At most this many characters either side of a number are read as its table row."""


def unit_begins_word(view: str, unit_start: int, unit: str) -> bool:
    """True when the one-character ``unit`` at ``unit_start`` begins a word (五部分, 个人).

    >>> v = "由五部分组成"
    >>> unit_begins_word(v, 2, "部"), unit_begins_word("五部门", 1, "部"), unit_begins_word("5部", 1, "部")
    (True, True, False)
    """
    return any(view.startswith(w, unit_start) for w in UNIT_WORD_STARTS.get(unit, ()))


def in_table_line(text: str, start: int) -> bool:
    """True when the line holding ``start`` is a table row: a ``|`` row or cells split by tabs.

    >>> t = "规章\\t1\\t0\\t11\\n共受理申请12件"
    >>> in_table_line(t, 3), in_table_line(t, t.index("12"))
    (True, False)
    """
    lo = max(0, start - _ROW)
    hi = min(len(text), start + _ROW)
    nl = text.rfind("\n", lo, start)
    lo = nl + 1 if nl >= 0 else lo
    nl = text.find("\n", start, hi)
    line = text[lo : nl if nl >= 0 else hi]
    if line.count("\t") >= 2:
        return True
    s = line.strip()
    return (lo == 0 or text[lo - 1] == "\n") and s.startswith("|") and s.count("|") >= 3


def glued_bare(view: str, start: int, end: int) -> bool:
    """True when a bare number (no unit) is not followed by the end of a clause: a table cell
    or a flattened run (``行政许可2629第二十条``, ``条 425 1516 其中``), not ``订阅量27575，``.

    >>> glued_bare("行政许可2629第二十条", 4, 8), glued_bare("条 425 1516", 2, 5)
    (True, True)
    >>> glued_bare("公开数条294981916", 4, 13)
    True
    >>> glued_bare("订阅量27575，", 3, 8), glued_bare("举报数 件 0 0", 8, 9), glued_bare("共 12，", 2, 4)
    (False, True, False)
    """
    if start > 0 and view[start - 1] == " ":
        prev = view[max(0, start - 8) : start].rstrip(" ")
        if prev[-1:].isdigit() or "\t" in prev[-1:] or view[start - 1 : start] == "\t":
            return True  # 条 425 1516: the second cell of a space-separated row
    if start >= 2 and view[start - 1] in _UNIT_CHARS and "\u4e00" <= view[start - 2] <= "\u9fff":
        return True  # 公开数条294981916: the value after the table's unit column
    if end >= len(view):
        return False
    return view[end] not in _PROSE_AFTER


def _quoted_slogan(view: str, start: int, end: int) -> bool:
    """A Chinese-numeral quantity that makes up most of a short quotation (“三个一”, “五个一律”)."""
    lo = max(0, start - 4)
    open_at = max(view.rfind(q, lo, start) for q in _QUOTE_OPEN)
    if open_at < 0:
        return False
    close_at = min((i for i in (view.find(q, end, end + 5) for q in _QUOTE_CLOSE) if i >= 0), default=-1)
    if close_at < 0:
        return False
    inner = view[open_at + 1 : close_at]
    return 0 < len(inner) <= 6 and not any(c.isdigit() for c in inner)


def reason(text: str, view: str, start: int, end: int, unit_end: int, *, has_unit: bool) -> str | None:
    """The name of the first not-a-count filter that applies to the number ``view[start:end]``
    (its unit ending at ``unit_end``), or ``None`` when it may be a count.

    >>> reason("共受理申请12件", "共受理申请12件", 5, 7, 8, has_unit=True) is None
    True
    """
    lo = max(0, start - _LOOK)
    near_before = frozenset(view[lo:start])
    near_after = frozenset(view[end : end + _HINT_AFTER])
    if (
        near_before.isdisjoint(_BEFORE_HINTS)
        and near_after.isdisjoint(_AFTER_HINTS)
        and view[start:end] not in _RULE_NUMBERS
    ):
        return _rest(text, view, start, end, unit_end, has_unit)
    before = view[lo:start]
    after = view[end : end + _LOOK]
    for rule, bp, ap in _RULES:
        if (rule.bare_only and has_unit) or (rule.number is not None and view[start:end] != rule.number):
            continue
        if rule.hint and (near_before if rule.before else near_after).isdisjoint(rule.hint):
            continue
        if bp is not None and bp.search(before) is None:
            continue
        if ap is not None and ap.match(after) is None:
            continue
        return rule.name
    return _rest(text, view, start, end, unit_end, has_unit)


def _rest(text: str, view: str, start: int, end: int, unit_end: int, has_unit: bool) -> str | None:
    """The filters that are not :data:`RULES`: categories, fixed expressions, slogans, tables."""
    if has_unit and view.startswith("类", unit_end - 1) and view.startswith(TEMPLATE_CATEGORIES, unit_end):
        return "template_category"
    if not view[start].isdigit():  # every fixed expression is written with Chinese numerals
        for m in _FIXED.finditer(view, max(0, start - 6), min(len(view), unit_end + 6)):
            if m.start() <= start and unit_end <= m.end():
                return "fixed_expression"
    if has_unit and not view[start].isdigit() and _quoted_slogan(view, start, unit_end):
        return "quoted_slogan"
    if not has_unit and start > 0 and text[start - 1] == "\t":
        return "table_cell"  # 行政许可\t447228: a label and its cell
    if in_table_line(text, start):
        return "table_cell"
    if not has_unit and glued_bare(view, start, end):
        return "table_cell"
    return None
