"""Regex building blocks, units and qualifiers, kept as data.

Every pattern here runs on the matching view (:mod:`.view`): digits are ASCII,
``％（）［］`` are ASCII, 〖〗 are 【】 and ﹝﹞ are 〔〕. Quantifiers are bounded
so no pattern can backtrack catastrophically.

>>> bool(regex.fullmatch(ARABIC, "1,234.5"))
True
>>> UNITS[:2]
('个工作日', '个百分点')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import regex

from ..lexicon import (
    CN_DIGIT_VALUES,
    CN_DIGITS,
    CN_NUMERAL,
    CN_NUMERAL_CHARS,
    CN_ONE_TO_NINE,
    CN_PLAIN_DIGITS,
)

if TYPE_CHECKING:
    from ..model import ContactType, Qualifier

__all__ = [
    "ARABIC",
    "CJK",
    "CN_DIGIT_VALUES",
    "CN_NUMERAL",
    "HUNDRED_GOES_ON",
    "INFIX_QUALIFIERS",
    "PREFIX_QUALIFIERS",
    "SUFFIX_QUALIFIERS",
    "TIMEOUT",
    "UNITS",
    "LazyPattern",
    "alternation",
    "timeout_for",
]

TIMEOUT = 5.0
"""Seconds any single ``finditer`` may take on a short text (the ``regex`` module's ``timeout=``),
plus :data:`TIMEOUT_PER_CHAR` for every character: a guard, since every quantifier is bounded."""

TIMEOUT_PER_CHAR = 2e-5


def timeout_for(view: str) -> float:
    """The ``timeout=`` for matching over ``view`` (5 s, plus 2 s per 100,000 characters).

    >>> timeout_for("x" * 100_000)
    7.0
    """
    return TIMEOUT + len(view) * TIMEOUT_PER_CHAR


class LazyPattern:
    """A regex compiled on first use, so importing the package compiles nothing.

    >>> p = LazyPattern(r"\\d+")
    >>> p.findall("a1b22")
    ['1', '22']
    """

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, escaped.

    >>> alternation(["人", "人次"])
    '人次|人'
    """
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


CJK = r"\p{Han}"
"""One Chinese character (any CJK ideograph)."""

# ---------------------------------------------------------------------- numerals

ARABIC = r"(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,18})(?:\.\d{1,8})?"
"""An Arabic number: optional thousands separators (ASCII comma), optional decimals."""

# CN_DIGIT_VALUES, CN_MULTIPLIERS and CN_NUMERAL (a run of Chinese numeral characters,
# validated by :func:`numbers.parse`) are the lexicon's, imported above.

SCALE = r"(?:千万|百万|万亿|万|亿)"
"""A scale word after an Arabic number (1000万, 3.5亿)."""

# ---------------------------------------------------------------------- units and qualifiers

UNITS: tuple[str, ...] = tuple(
    sorted(
        {
            "个工作日",
            "工作日",
            "个百分点",
            "人次",
            "卷次",
            "件次",
            "户次",
            "万元",
            "亿元",
            "个",
            "件",
            "条",
            "次",
            "期",
            "份",
            "户",
            "家",
            "卷",
            "盒",
            "页",
            "起",
            "项",
            "人",
            "元",
            "篇",
            "场",
            "册",
            "本",
            "批",
            "名",
            "位",
            "封",
            "天",
            "小时",
            "部",
            "台",
            "处",
            "类",
            "宗",
            "种",
            "张",
            "门",
            "所",
            "笔",
            "只",
            "轮",
            "批次",
            "套",
            "层",
            "分钟",
            "座",
            "辆",
            "个月",
            "周",
        },
        key=lambda u: (-len(u), u),
    )
)
"""Units a quantity may carry, longest first (``人次`` before ``人``). ``个百分点``
is listed so that ``3个百分点`` is never read as the quantity ``3个``."""

QUANTITY_UNITS: tuple[str, ...] = tuple(u for u in UNITS if u != "个百分点")

PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "大约": "approx",
    "约为": "approx",
    "约占": "approx",
    "约": "approx",
    "超过": "more_than",
    "多于": "more_than",
    "逾": "more_than",
    "超": "more_than",
    "不低于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "最多": "at_most",
    "不足": "less_than",
    "不到": "less_than",
    "低于": "less_than",
    "少于": "less_than",
}
"""Words before a number and the qualifier they give."""

INFIX_QUALIFIERS: dict[str, Qualifier] = {"余": "approx", "多": "more_than"}
"""Words between a number and its unit (480余个, 三百多个)."""

SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "左右": "approx",
    "上下": "approx",
    "以上": "at_least",
    "以内": "at_most",
    "以下": "at_most",
}
"""Words after the unit (5件左右, 90%以上)."""

RANGE_SEPARATORS = r"(?:至|到|-|~|—|－|～)"
"""Between the two ends of a range (3至5件, 3-5件)."""

_PREFIX_ENDINGS = frozenset(p[-1] for p in PREFIX_QUALIFIERS)
_PREFIXES_LONGEST_FIRST = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)


def prefix_qualifier(view: str, start: int) -> str | None:
    """The qualifier word that ends at ``start`` (近 in 近5000余条), or ``None``.

    >>> prefix_qualifier("不低于4%", 3), prefix_qualifier("共4件", 1)
    ('不低于', None)
    """
    if start == 0 or view[start - 1] not in _PREFIX_ENDINGS:
        return None
    for p in _PREFIXES_LONGEST_FIRST:
        if view.startswith(p, start - len(p)) and start >= len(p):
            return p
    return None


SUFFIX_QUALIFIER = alternation(SUFFIX_QUALIFIERS)

# ---------------------------------------------------------------------- clause boundaries

CLAUSE_DELIMITERS = frozenset("，,。；;：:！!？?\n、（()）“”\"《》【】")
"""Characters that end a clause for labelling purposes."""

# ---------------------------------------------------------------------- quantities and percentages

_CN_RUN = rf"(?<![{CN_NUMERAL_CHARS}])" + CN_NUMERAL
_AR_NUM = rf"(?<![\d.,A-Za-z]){ARABIC}(?:{SCALE}(?!元)(?:\d{{1,4}})?)?(?![\d])"

QUANTITY = rf"""
(?P<num>
    (?P<ar>{_AR_NUM}(?:{RANGE_SEPARATORS}{ARABIC}(?:{SCALE})?(?![\d]))?)
  | (?P<cn>{_CN_RUN}(?:{RANGE_SEPARATORS}{CN_NUMERAL})?)(?=[余多]?[ ]{{0,2}}(?:{alternation(UNITS)}))
)
(?P<infix>[余多])?
[ ]{{0,2}}
(?P<unit>{alternation(UNITS)})?
(?P<post>{SUFFIX_QUALIFIER})?
"""
"""A number with its unit and the qualifiers after it (checked further in :mod:`.quantity`;
a qualifier before the number is looked up with :func:`prefix_qualifier`, which is much
faster than an optional group at the start of the pattern)."""

HUNDRED_GOES_ON = rf"[{CN_DIGITS}十点]|百(?!分之)|分之"
"""After 百分之百, what makes the 百 part of something longer: a numeral (百分之百零五 is
not read), or the 百 opening another 百分之 (``百分之百分之九十``). A following 分 alone
(百分之百分配) or another 百分之 (百分之百百分之百) leaves 百分之百 whole."""

PERCENTAGE = rf"""
(?:
    (?P<num>(?<![\d.,A-Za-z]){ARABIC})[ ]{{0,1}}%
  | 百分之(?P<cn>{ARABIC}
               |百(?!{HUNDRED_GOES_ON})
               |(?!百)[{CN_DIGITS}十百]{{1,6}}(?:点[{CN_PLAIN_DIGITS}]{{1,6}})?)
  | (?P<pp>(?<![\d.,A-Za-z]){ARABIC}
         |(?<![{CN_DIGITS}十])[{CN_DIGITS}十]{{1,4}}(?:点[{CN_PLAIN_DIGITS}]{{1,6}})?
    )[ ]{{0,1}}个百分点
)
(?P<post>{SUFFIX_QUALIFIER})?
"""
"""``92.2%``, ``百分之九十五``, ``百分之百``, ``3个百分点`` (``percentage_point``).

A lone 百 after 百分之 is 100 (``百分之百``, its 分 in ``百分之百分配`` left out), but not
when it opens another 百分之 (``百分之百分之九十`` is junk up to the last 百分之)."""

PERCENTAGE_ANCHOR = r"%|百分之|个百分点"
"""Every percentage contains one of these; the pattern runs only in windows around them."""

WORD_BEFORE_LONE_NUMERAL = frozenset("统唯同逐单专每某任另届万第微")
"""A single Chinese numeral after one of these is part of a word
(统一部署, 唯一, 十二届二次会议, 两微一端)."""

SESSION_AFTER = ("会议", "全会", "常委会", "会上")
"""After 届, 次 followed by one of these names a session (十二届二次会议 is the second
session of the twelfth congress), not a count (召开三次会议 stays three meetings)."""

NOT_A_COUNT_AFTER = frozenset("年月日号时分秒岁届%‰.．")
"""A bare Arabic number followed by one of these is not a quantity (dates, house numbers, list items)."""

YEAR_BRACKETS_OPEN = frozenset("〔[【(")
YEAR_BRACKETS_CLOSE = frozenset("〕]】)")
"""Brackets (on the view: ``（）［］`` are ASCII, ﹝﹞ are 〔〕) that may hold a bare year:
``〔2018〕`` is the year of a document number, not a count of 2018."""

BRACKETED_YEARS = range(1949, 2100)
"""A bare 4-digit number in this range alone inside brackets is a year, never a quantity."""

# ---------------------------------------------------------------------- dates

_S = r"[ ]{0,2}"
_YEAR = rf"(?P<y>(?<!\d)(?:19|20)\d{{2}}(?!\d)|(?<![{CN_PLAIN_DIGITS}])[一二][{CN_PLAIN_DIGITS}]{{3}})"
_MONTH = (
    r"(?P<m>(?<!\d)(?:1[0-2]|0?[1-9])(?!\d)"
    rf"|(?<![{CN_PLAIN_DIGITS}十])(?:十[一二]?|[{CN_ONE_TO_NINE}]))"
)
_MONTH_AR = r"(?P<m>(?<![\d.])(?:1[0-2]|0?[1-9])(?!\d))"
_DAY = (
    r"(?P<d>(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d)"
    rf"|(?:三十一?|二十[{CN_ONE_TO_NINE}]?|十[{CN_ONE_TO_NINE}]?|[{CN_ONE_TO_NINE}])(?![{CN_PLAIN_DIGITS}十]))"
)
MONTH_PARTS: dict[str, str] = {
    "上旬": "上旬",
    "中旬": "中旬",
    "下旬": "下旬",
    "初": "月初",
    "底": "月底",
    "末": "月末",
}
"""Words after 月 and the ``part`` they name (precision ``month_part``)."""

YEAR_PARTS: dict[str, str] = {
    "上半年": "上半年",
    "下半年": "下半年",
    "初": "年初",
    "底": "年底",
    "末": "年末",
}
"""Words after 年 and the ``part`` they name (precision ``year_part``)."""

_MPART = rf"(?P<mpart>{alternation(MONTH_PARTS)}|份)?"
_YPART = rf"(?P<ypart>{alternation(YEAR_PARTS)}|第?[一二三四1-4]季度)?"

DATE_BRANCHES: tuple[str, ...] = (
    rf"{_YEAR}{_S}年{_S}{_MONTH}{_S}月{_S}{_DAY}{_S}[日号]",
    rf"{_YEAR}{_S}年{_S}{_MONTH}{_S}月{_MPART}",
    rf"{_YEAR}{_S}年{_YPART}",
    rf"{_MONTH}{_S}月{_S}{_DAY}{_S}[日号]",
    rf"{_MONTH_AR}{_S}月{_MPART}",
    rf"(?<![{CN_PLAIN_DIGITS}十])(?P<m>十[一二]?|[{CN_ONE_TO_NINE}])月(?P<mpart>{alternation(MONTH_PARTS)}|份)",
    r"(?P<ypart>上半年|下半年|第[一二三四1-4]季度|(?<!\p{Han})[一二三四]季度"
    rf"|(?<![\d{CN_PLAIN_DIGITS}每])年初|(?<![\d{CN_PLAIN_DIGITS}每])年底)",
    r"(?P<y>(?<![\d.])(?:19|20)\d{2})(?P<sep>[-./])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)",
)
"""Full, partial and relative dates, one pattern per form (run separately: the
``regex`` module is slow on their union; overlaps keep the leftmost longest).
Checked and completed in :mod:`.date`."""

PERIOD_START_BEFORE = ("自", "从", "由")
PERIOD_END_BEFORE = ("起至", "起到", "至", "到", "-", "—", "~", "～")
AS_OF_BEFORE = ("截至到", "截止到", "截至", "截止")

# ---------------------------------------------------------------------- document numbers (发文字号)

DOC_OPEN = r"[〔\[【(]"
"""Opening brackets of the year (the view folds （ ［ ﹝ 〖 to these)."""
DOC_CLOSE = r"[〕\]】)]"

_SP = r"[ ]{0,3}"
_DOC_YEAR = r"(?P<year>(?:19|20)\d{2})"
_SERIAL = r"(?P<serial>0{0,4}\d{1,6})(?!\d)"

DOC_NUMBER_TAIL = rf"""
    (?P<open>{DOC_OPEN}){_SP}{_DOC_YEAR}
    (?:
        {_SP}(?P<close>{DOC_CLOSE}){_SP}(?:第{_SP})?{_SERIAL}(?:{_SP}(?P<hao>号))?
      | (?P<serial>\d{{1,4}})(?!\d)(?:{_SP}(?P<hao>号))?
    )
  | (?P<key>令){_SP}(?:{_DOC_YEAR}{_SP}年{_SP})?第{_SP}{_SERIAL}{_SP}(?P<hao>号)
  | (?P<key>公告){_SP}{_DOC_YEAR}{_SP}年{_SP}第{_SP}{_SERIAL}{_SP}(?P<hao>号)
"""
"""What follows the agency code of a document number: the standard form
(张政字 + ``〔2018〕24号``), a decree (国务院 + ``令第711号``) or an announcement
(国家税务总局 + ``公告2015年第41号``), with the damaged forms the parser
repairs (a missing 〕 or 号). The agency is read backwards from the match
(a forward prefix of up to 20 Han characters would rescan every character 20 times)."""

DOC_NUMBER_BARE_ANNOUNCEMENT_TAIL = rf"{_DOC_YEAR}{_SP}年{_SP}第{_SP}{_SERIAL}{_SP}(?P<hao>号)"
"""国家税务总局 + ``2019年第9号``: an announcement without the word 公告 (read only by ``parse``)."""

AGENCY_MAX = 20
"""Most Han characters read backwards as an agency code (before stop words are cut)."""

DOC_LABEL = r"^[ ]{0,8}(?:发文字号|文号|发文号|字号)[ ]{0,3}[:：]?[ ]{0,8}"
"""A label before a document number in a metadata field."""

AGENCY_PREFIX_STOP = LazyPattern(
    r".*(?:根据|依据|按照|依照|参照|对照|贯彻|落实|执行|印发了?|转发了?|下发了?|出台了?|制定了?|发布了?|通过|关于"
    r"|以及|并且|的|了|和(?!国)|及|与|或|是|在|以|按|据|依|即|见|号|详见|文件)",
    regex.V0,
)
"""Words of the sentence before an agency code; everything up to the last one is
cut (used with ``.match(view, start, end)``, so no ``^``)."""

JUNK_AGENCIES = frozenset({"其他", "其它", "无", "暂无", "空"})
"""Agency strings that are placeholders, not issuers."""

# ---------------------------------------------------------------------- citations

CITATION_MAX = 200
"""Longest title read between 《 and 》 (a longer one is a stray bracket)."""

ALIAS_AFTER = LazyPattern(
    r"[ ]{0,2}(?:\([^()\n]{1,30}\)[ ]{0,2})?"
    r"\((?:[^()\n]{0,40}?[,，、;；])?[ ]{0,2}(?:以下简称|以下称|下称|简称)[:：为]?[ ]{0,2}"
    r"(?:(?P<open>《)(?P<alias>[^《》\n]{1,30})》|[“\"‘](?P<alias>[^”\"’\n]{1,30})[”\"’]|(?P<alias>\p{Han}{1,20}))"
    r"[ ]{0,2}\)"
)
"""``（以下简称《条例》）`` after a title, also after a bracketed document number
(``《条例》（国令第711号）（以下简称《条例》）``), on the view, where （） are ASCII."""

CITATION_TO_DOC_NUMBER = LazyPattern(r"[ ]{0,2}[(\[【〔]?[ ]{0,2}")
"""What may stand between 》 and the document number that belongs to the title."""

# ---------------------------------------------------------------------- contacts

URL = r"(?<![A-Za-z0-9@/._-])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+=%]{2,300}"
BARE_DOMAIN = (
    r"(?<![A-Za-z0-9@/._-])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}"
    r"\.(?:gov\.cn|com\.cn|org\.cn|net\.cn|edu\.cn)(?:/[A-Za-z0-9\-._~/?#=&%]{0,200})?(?![A-Za-z0-9])"
)
EMAIL = (
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}"
    r"(?:\.[A-Za-z0-9-]{1,63}){1,5}(?![A-Za-z0-9])"
)
PHONE = (
    r"(?P<v>(?<![\d-])(?:\(0\d{2,3}\)[ ]?|0\d{2,3}[ ]?[-—][ ]?)\d{7,8}(?:[-—]\d{1,5})?(?!\d)"
    r"|(?<!\d)1[3-9]\d{9}(?!\d)(?!\.\d))"
    r"|(?:电话|传真|热线)[:： ]{0,2}(?P<v>\d{7,8})(?!\d)"
)
HOTLINE = r"(?<!\d)(?P<v>123\d{2})(?!\d)"
HOTLINE_CONTEXT = ("热线", "电话", "服务", "平台")
"""A five-digit 123xx number is a hotline only with one of these within a few characters."""
POSTCODE = r"(?:邮编|邮政编码)[:： ]{0,2}(?P<v>\d{6})(?!\d)"
ADDRESS = r"(?:地址[:： ]{0,2}|地点[:：][ ]{0,2})(?P<v>[^\n;；,，。、()“”:： ][^\n;；,，。()“”]{3,59})"
CONTACT_PREFILTER: dict[ContactType, tuple[str, ...]] = {
    "email": ("@",),
    "url": ("www.", "http", ".cn"),
    "postcode": ("邮编", "邮政编码"),
    "phone": tuple("0123456789"),
    "address": ("地址", "地点"),
}
"""A contact kind is looked for only when one of these strings occurs in the text."""
TRAILING_URL_PUNCT = ".,;:!?)]}'\""
