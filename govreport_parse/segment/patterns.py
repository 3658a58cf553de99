"""The heading grammar as data: numbering styles, boundaries, rejections, limits.

Logic lives in :mod:`.candidates` (finding headings), :mod:`.tree` (choosing
and nesting them) and :mod:`.meta` (title, issuer, year). Everything a
reader may want to tune is here.

>>> STYLE_NAMES[:3]
('part', 'chapter', 'section')
>>> bool(TABLE_LABEL_PREFIXES) and "本年度办理结果" in TABLE_LABEL_PREFIXES
True
"""

from __future__ import annotations

import re

import regex

from ..lexicon import CN_DIGITS, CN_ORDINAL, CN_SMALL_ORDINAL, DATE_LINE, YEAR

__all__ = [
    "BOUNDARY_CHARS",
    "CHAPTER_UNITS",
    "DATE_LINE",
    "ENDING_WORDS",
    "FILE_YEAR",
    "GENERIC_ISSUER",
    "HEADING_TOKEN",
    "ISSUER_LINE",
    "ITEM_BOUNDARY_CHARS",
    "ITEM_TITLE_MAX",
    "LINE_PREFIX",
    "LOOSE_STYLES",
    "MAX_ORDINAL",
    "ORGAN_SUFFIXES",
    "PAREN_STYLES",
    "PUBLISHER_LABEL",
    "STAT_PERIOD",
    "STYLE_NAMES",
    "TABLE_LABEL_EXACT",
    "TABLE_LABEL_PREFIXES",
    "TABLE_ROW_TAIL",
    "TITLE",
    "TITLE_BREAK",
    "TITLE_EMBEDDED_HEADING",
    "TITLE_MAX",
    "TITLE_MAX_MIDLINE",
    "TITLE_NUMBER_RUN",
    "TITLE_REJECT",
    "TITLE_STOP_CHARS",
    "TITLE_YEAR_BODY",
    "TOC_LEADER",
    "YEAR",
    "YEAR_RANGE",
    "YEAR_REPORT",
]

# --------------------------------------------------------------------------- numerals
# The numeral sets, YEAR and DATE_LINE are the lexicon's (govreport_parse.lexicon).

_CN = CN_SMALL_ORDINAL
_NOT_BEFORE_CN = CN_DIGITS + "十百第"

# --------------------------------------------------------------------------- styles

#: Every numbering style, in no particular order (levels come from the document).
STYLE_NAMES = (
    "part",  # 第一部分
    "chapter",  # 第一章
    "section",  # 第一节
    "cn_dun",  # 一、 (also 一． and 一.)
    "cn_paren",  # （一） and (一)
    "ar_dot",  # 1. and 1．
    "ar_dun",  # 1、
    "ar_paren",  # （1） and (1)
    "circled",  # ① … ⑳
    "yishi",  # 一是 … 十是 (inline items)
)

CHAPTER_UNITS = {"部分": "part", "章": "chapter", "节": "section"}

#: Largest ordinal taken as a heading number, per style.
MAX_ORDINAL = {"part": 20, "chapter": 30, "section": 30, "cn_dun": 30, "cn_paren": 30,
               "ar_dot": 40, "ar_dun": 40, "ar_paren": 40, "circled": 20, "yishi": 20}

#: Styles whose bracket delimits the number on both sides, so they may stand
#: glued to the preceding text (``…信息公开（1）加强…``).
PAREN_STYLES = frozenset({"cn_paren", "ar_paren"})

#: Styles accepted in "loose" context (glued to an ordinary character) when the
#: ordinal continues an open sequence exactly (single-line reports:
#: ``…432.52元三、收到和处理…``).
LOOSE_STYLES = frozenset({"cn_dun", "cn_paren", "ar_paren"})

#: One alternation for every numbering token; the named group tells the style.
#: (Standard ``re``: it scans a megabyte of text several times faster here.)
HEADING_TOKEN = re.compile(
    rf"""
    (?=[第{_CN}（(0-9\u2460-\u2473])  # every token starts with one of these: skip other text fast
    (?:(?P<chapter>第(?P<ch_n>[{CN_ORDINAL}]{{1,4}})(?P<ch_unit>部分|章|节))
  | (?<![{_NOT_BEFORE_CN}])(?P<cn_dun>(?P<cd_n>[{_CN}]{{1,3}})[ \t]?[、．.])
  | (?<!第)(?P<cn_paren>[（(][ \t]?(?P<cp_n>[{_CN}]{{1,3}})[ \t]?[）)])
  | (?<!第)(?P<ar_paren>[（(][ \t]?(?P<ap_n>\d{{1,2}})[ \t]?[）)])
  | (?<![\d.．A-Za-z/:\-])(?P<ar_dot>(?P<ad_n>\d{{1,2}})[.．](?![\d.．A-Za-z/]))
  | (?<![\d.．A-Za-z/:\-])(?P<ar_dun>(?P<an_n>\d{{1,2}})、(?!\d))
  | (?P<circled>[\u2460-\u2473])
  | (?<![{_NOT_BEFORE_CN}统唯同单专逐万])(?P<yishi>(?P<ys_n>[{_CN}]{{1,3}})是))
    """,
    re.VERBOSE,
)

#: What may stand between the start of a line and a heading: indentation,
#: markdown heading marks (``## 一、总体情况``), list and quote marks, bold.
LINE_PREFIX = regex.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]*|>[ \t]*|[-*+][ \t]+)?(?:\*\*)?[ \t\u3000]*\Z")

#: A heading found mid-line must follow one of these (after optional spaces).
BOUNDARY_CHARS = frozenset("。！？；：!?;:」』）)】]")

#: Inline items (一是…) may also follow a comma.
ITEM_BOUNDARY_CHARS = BOUNDARY_CHARS | frozenset("，,")

# --------------------------------------------------------------------------- titles

#: A heading title ends at the first of these (or at the end of the line).
TITLE_STOP_CHARS = frozenset("。！？；：!?;:\n")

#: Longest title kept as found; a longer one is glued to its body and is cut.
TITLE_MAX = 40

#: Longest title of a heading found mid-line (always glued to its body).
TITLE_MAX_MIDLINE = 24

#: A number run that is no count (no unit after it) inside a title: a
#: flattened table row (``予以公开7000007``, ``予以公开7000007三、…``).
TITLE_NUMBER_RUN = regex.compile(r"[ \t]*\d{3,}[ \t\d]*(?![\d.．年月日号%％万亿元件条个项次人家户份期])")

#: Longest item (一是…) title; longer ones are cut at the last comma before it.
ITEM_TITLE_MAX = 40

#: Words that end a glued top-level title (``四、…行政诉讼情况行政复议…``).
ENDING_WORDS = regex.compile(r"情况|事项")

#: The top-level section titles of the report templates (2008–2018 and 2019/2021 formats, and
#: their common variants). A heading that starts with one and runs on into a sentence with no
#: punctuation between (``一、概述推进政府信息公开工作是…``, ``主要问题和改进措施虽然，我区…``:
#: the space or line break the source had lost in a PDF) ends where the template title ends,
#: unless the title goes on as a longer one (``…情况统计表``).
TEMPLATE_TITLE = regex.compile(
    r"""(?:概述|总体情况|基本情况
      | 主动公开政府信息(?:的)?情况 | 依申请公开政府信息(?:的)?情况 | 政府信息依申请公开(?:工作)?情况
      | 收到和处理政府信息公开申请情况 | 政府信息公开(?:的)?收费及减免情况
      | 政府信息公开行政复议、行政诉讼情况 | 因政府信息公开申请行政复议、提起行政诉讼的情况
      | (?:政府信息公开工作)?存在的主要问题及改进(?:情况|措施) | 主要问题和改进措施
      | 其他需要报告的事项
    )(?![统表的和及与、，,])""",
    regex.VERBOSE,
)

#: A year opening the body right after a glued title (``一、总体情况2019年，…``).
TITLE_YEAR_BODY = regex.compile(r"(?:19|20)\d\d[ \t]?年度?[，,]")

#: A numbered sub-heading glued inside a title (``…信息公开（1）加强…``).
TITLE_EMBEDDED_HEADING = regex.compile(
    rf"[（(](?:\d{{1,2}}|[{_CN}]{{1,3}})[）)]|(?<!\d)\d{{1,2}}[.．、](?!\d)|(?<![{_CN}第])[{_CN}]{{1,3}}、(?![{_CN}])"
)

#: Where a long glued title may be cut when nothing better is found.
TITLE_BREAK = frozenset("，,、")

#: A "title" starting like this is a number in running text, a date or a
#: meeting, not a heading (``一、二季度``, ``1、2月份``, ``（一）项``).
TITLE_REJECT = regex.compile(
    rf"""(?:
        (?:[{CN_DIGITS}十]+|\d+)(?:[、，,．.]|季度?|批|类|级|等|个|项|次|届|号|日|月|期|轮|名|家|人|万|千|百|亿|元|%|％|倍|条|款|是)
      | 项(?!目)|款(?!项)
      | [%％)）、，,。]
      | [（(](?:\d{{1,2}}|[{_CN}]{{1,3}})[）)]
      | [\u2460-\u2473]
      | 第[{_CN}]{{1,4}}(?:部分|章|节)
    )""",
    regex.VERBOSE,
)

#: A number run right after a "title": a flattened statistics-table row
#: (``一、本年新收政府信息公开申请数量230 000023``, ``网站公开 条 739 4359``).
TABLE_ROW_TAIL = regex.compile(
    r"[ \t]*(?:[条件个项次人元户家][ \t]*)?"
    r"(?:(?:-?\d+(?:\.\d+)?[ \t]+){2}|\d{5}(?![\d.]{0,30}[ \t]*[年月日号%％万亿元件条个项次人]))"
)

#: A table-of-contents line: leader dots and a page number end it
#: (``一、总体情况……………1``).
TOC_LEADER = regex.compile(r"(?:…|[.．·•\-－—_]{3})[.．…·•\-－—_]*[ \t]*\d{1,3}[ \t]*\Z")

# --------------------------------------------------------------------------- the standard tables

#: Row labels of the standard statistics tables (2019 and 2021 templates):
#: a numbered line whose title (spaces removed) starts with one of these is a
#: table row, not a heading.
TABLE_LABEL_PREFIXES = (
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "本年度办理结果",
    "结转下年度继续办理",
    "部分公开（区分处理的",
    "部分公开(区分处理的",
    "属于国家秘密",
    "其他法律行政法规禁止公开",
    "危及“三安全一稳定”",
    "危及\"三安全一稳定\"",
    "保护第三方合法权益",
    "属于三类内部事务信息",
    "属于三类内容事务信息",
    "属于四类过程性信息",
    "属于行政执法案卷",
    "属于行政查询事项",
    "本机关不掌握相关政府信息",
    "没有现成信息需要另行制作",
    "补正后申请内容仍不明确",
    "信访举报投诉类申请",
    "要求提供公开出版物",
    "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息",
    "申请人无正当理由逾期不补正",
    "申请人逾期未按收费通知要求缴纳费用",
)

#: Short row labels: rejected only when they are the whole title.
TABLE_LABEL_EXACT = frozenset(
    {"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "其他", "总计", "重复申请"}
)

# --------------------------------------------------------------------------- metadata

#: Endings of an organ's name (an issuer), longest first.
ORGAN_SUFFIXES = (
    "管理委员会", "人民政府", "办事处", "管委会", "委员会", "办公厅", "办公室", "政府", "街道",
    "局", "厅", "委", "署", "院", "中心", "镇", "乡", "部", "处", "所", "站",
)

_ORGANS = "|".join(ORGAN_SUFFIXES)
_NAME_CHAR = r"[^\s\d。，,：:；;《》“”\"()（）、!！?？\[\]【】|#]"

#: The report title: ``[issuer] YEAR年[度] … 政府信息公开工作年度报告 [（YEAR年度）]``,
#: or ``issuer … 年度报告（YEAR年度）``. It starts a line, follows whitespace
#: or a label colon (``标题: …``) and ends the line or is followed by a space.
TITLE = regex.compile(
    rf"""(?<![^\s:：#>])
    (?P<title>
      (?P<issuer>{_NAME_CHAR}{{2,40}}?)?[ \t]*
      (?:
        (?P<year>{YEAR})[ \t]*年度?[ \t]*(?P<mid>{_NAME_CHAR}{{0,16}}?)
        (?:政府信息|政务信息|政务|信息)公开(?:工作)?(?:年度)?(?:工作)?(?:年度报告|年报|报告)
        (?:[（(][ \t]*{YEAR}[ \t]*年度?[ \t]*[）)])?
      | (?:政府信息|政务信息|政务|信息)公开(?:工作)?(?:年度报告|年报)
        (?:[（(][ \t]*(?P<year2>{YEAR})[ \t]*年度?[ \t]*[）)])?
      )
    )(?=[ \t\u3000\n]|$)""",
    regex.VERBOSE,
)

#: A line that is only an organ's name (a split title's first line, a signature).
ISSUER_LINE = regex.compile(rf"[ \t\u3000#]*(?P<name>{_NAME_CHAR}{{2,30}}?(?:{_ORGANS}))[ \t\u3000]*")

#: A generic word that names no organ (``政府``, ``人民政府``, ``本机关``,
#: ``县政府``, and ``政务`` / ``政府信息`` cut from the title's own topic):
#: never an issuer, even where the title, a label or a signature puts one.
GENERIC_ISSUER = regex.compile(
    rf"(?:本|我|该)?(?:级|省|市|县|区|镇|乡|街道)?(?:{_ORGANS}|机关|单位|部门|政务信息|政府信息|政务|信息)"
)

#: Crawler chrome that names the publisher.
PUBLISHER_LABEL = regex.compile(
    rf"^(?:发布机构|发文机关|来源)[ \t]*[:：][ \t]*(?P<name>{_NAME_CHAR}{{2,30}})", regex.M
)

#: The statistics period: ``统计期限自2018年1月1日起至12月31日止``.
STAT_PERIOD = regex.compile(
    rf"统计(?:期限|时限|时段|区间|范围|时间)?[^。\n]{{0,12}}?[ \t]*(?P<year>{YEAR})[ \t]*年"
    rf"[ \t]*(?:1|一|01)[ \t]*月[ \t]*(?:1|一|01)[ \t]*日"
)

#: A sentence naming the report with its year: ``公布2012年度我街道信息公开工作年度报告``.
YEAR_REPORT = regex.compile(
    rf"(?P<year>{YEAR})[ \t]*年度?[^。\n]{{0,15}}?(?:信息公开|政务公开)[^。\n]{{0,6}}?报告"
)

#: A year in a file name (last resort).
FILE_YEAR = regex.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)")

#: Years accepted as reporting years.
YEAR_RANGE = range(1990, 2100)
