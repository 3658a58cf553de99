"""Regex building blocks and word lists the fixers share: data, kept apart from logic.

Every pattern is compiled once at import (the ``regex`` module, no other
side effect) and uses bounded quantifiers only, so a 1 MB line of
near-misses costs linear time.

>>> bool(HEADING_START.match("（三）拓宽公开渠道"))
True
>>> bool(HEADING_START.match("信息等。3月份"))
False
>>> bool(PAGE_NUMBER_LINE.fullmatch("第 2 页 共 5 页"))
True
"""

from __future__ import annotations

import regex

from ..lexicon import DATE_LINE, HEADING_START, SPACE, SPACE_CLASS
from ..lexicon import ZERO_WIDTH as ZERO_WIDTH_CHARS

__all__ = [
    "BREADCRUMB_LINE",
    "CHROME_META_LABEL",
    "CHROME_SEPARATORS",
    "CHROME_STRONG_TOKENS",
    "CHROME_WEAK_TOKENS",
    "CLOSING",
    "CONTROL",
    "CRAWLER_KEY_LINE",
    "CRAWLER_SEPARATOR",
    "CRAWLER_TITLE_KEY",
    "DATE_LINE",
    "DOUBLED_RUN",
    "FINAL_PUNCT",
    "FOOTER_ANYWHERE",
    "FOOTER_EDGE_LINE",
    "FOOTER_LINE",
    "HEADING_START",
    "HEAD_CHROME_PREFIX",
    "IMAGE_MARKER",
    "INDENT",
    "LETTER_SPACED",
    "LINE_BREAK",
    "LONE_NUMBER_LINE",
    "MARKUP_START",
    "META_LINE_START",
    "NUMBER_UNIT_SPACE",
    "PAGE_NUMBER_LINE",
    "PREV_NEXT_LINE",
    "SPACE",
    "TABLEISH",
    "TITLE_END",
    "TRAILING_CHROME",
    "TRAILING_SPACE",
    "ZERO_WIDTH",
]

# --- characters ---------------------------------------------------------------------------------

# SPACE (horizontal white space a layout adds) is the lexicon's.
_SP = SPACE_CLASS

#: Line breaks other than ``\n``: CRLF, lone CR, NEL, LINE/PARAGRAPH SEPARATOR.
LINE_BREAK = regex.compile(r"\r\n|[\r\x85\u2028\u2029]")

#: Zero-width characters and the BOM (anywhere in the text).
ZERO_WIDTH = regex.compile(f"[{ZERO_WIDTH_CHARS}]{{1,1000}}")

#: C0 controls except tab and LF (CR is handled before), and DEL. Form feed and vertical
#: tab are page/line breaks and become ``\n``; the rest is removed.
CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Sentence-final punctuation: a line ending in one of these ends its sentence.
FINAL_PUNCT = frozenset("。！？；：…!?;:")

#: Closing quotes and brackets: look at the character before them.
CLOSING = frozenset("”’」』》〉）)]】")

# --- image markers ------------------------------------------------------------------------------

#: ``[image: image1.png]`` and the OCR garbage after it up to the end of the line: anything
#: but CJK ideographs and full-width punctuation/forms (those are text of record).
IMAGE_MARKER = regex.compile(
    r"\[(?i:image):[^\[\]\n]{0,200}\]"
    r"(?P<garbage>[^\n\p{Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f]{0,80}(?=\n|\Z))?"
)

# --- lines --------------------------------------------------------------------------------------

# HEADING_START (the start of a heading or an enumerated item: 一、 （一） (一) 1. 1、 （1） ①
# 第一部分 一是 ##) is the lexicon's.

#: Markdown headings, tables and quotes: never part of a wrapped sentence.
MARKUP_START = regex.compile(rf"{_SP}{{0,8}}(?:#{{1,6}}|\||>|```)")

#: Words a title or a signature line ends with: such a line is never glued to what follows.
TITLE_END = regex.compile(
    r"(?:报告|年报|目录|前言|附件|附表\d{0,3}|统计表|办公室|人民政府|委员会|管委会|办事处)[》”）)]?$"
)

# DATE_LINE (a date standing alone on its line, a signature date) is the lexicon's.

#: A table-ish line: cells separated by bars, tabs or wide gaps, three bare numbers in a row,
#: a line ending in a bare number set apart by a space (the last cell of a flattened row), or
#: a bare number alone (a cell or a page number: never part of a sentence).
TABLEISH = regex.compile(
    rf"[|｜\t]|\S{_SP}{{3}}|^{_SP}{{0,8}}[-+]?\d[\d.,%]{{0,12}}{_SP}{{0,8}}$"
    rf"|(?:^|{_SP})[-+]?\d[\d.,%]{{0,12}}(?:{_SP}{{1,2}}[-+]?\d[\d.,%]{{0,12}}){{2,}}(?:{_SP}|$)"
    rf"|{_SP}[-+]?\d[\d.,%]{{0,12}}$"
)
#: Cheap pre-check for :data:`TABLEISH`: a line without these characters is not a table row.
TABLEISH_HINT = regex.compile(r"[|｜\t\d]|[ \u3000\u00a0]{3}")

#: Indentation: the white space a line starts with (possessive: a long run costs linear time).
INDENT = regex.compile(rf"(?m)^{_SP}++(?=\S)")
#: Trailing white space: the whole run before a line break or the end of the text.
TRAILING_SPACE = regex.compile(rf"(?<!{_SP}){_SP}++(?=\n|\Z)")

# --- page numbers -------------------------------------------------------------------------------

_DASH = "[-—–－―‐‑﹣·•]"
#: A whole line that is a page number: ``-1-``, ``- 3 -``, ``— 2 —``, ``第 2 页 共 5 页``,
#: ``第2页/共5页``, ``2 / 5``, ``Page 2 of 5``.
PAGE_NUMBER_LINE = regex.compile(
    rf"{_SP}{{0,40}}(?:"
    rf"{_DASH}{{1,3}}{_SP}{{0,3}}\d{{1,4}}{_SP}{{0,3}}{_DASH}{{1,3}}"
    rf"|第{_SP}{{0,3}}\d{{1,4}}{_SP}{{0,3}}页(?:{_SP}{{0,3}}[/／，,、]?{_SP}{{0,3}}共{_SP}{{0,3}}\d{{1,4}}{_SP}{{0,3}}页)?"
    rf"|共{_SP}{{0,3}}\d{{1,4}}{_SP}{{0,3}}页{_SP}{{0,3}}[/／，,、]?{_SP}{{0,3}}第{_SP}{{0,3}}\d{{1,4}}{_SP}{{0,3}}页"
    rf"|(?P<num>\d{{1,4}}){_SP}{{0,3}}[/／]{_SP}{{0,3}}(?P<den>\d{{1,4}})"
    rf"|[Pp]age{_SP}{{1,3}}\d{{1,4}}(?:{_SP}{{1,3}}of{_SP}{{1,3}}\d{{1,4}})?"
    rf"){_SP}{{0,40}}"
)

#: A line holding one small number only: a page number when the text around it is one sentence.
LONE_NUMBER_LINE = regex.compile(rf"{_SP}{{0,40}}\d{{1,3}}{_SP}{{0,40}}")

# --- web chrome ---------------------------------------------------------------------------------

#: Tokens that make a line chrome when the line holds nothing else.
CHROME_STRONG_TOKENS = frozenset(
    {
        "打印本页", "打印此页", "打印本文", "打印", "关闭窗口", "关闭本页", "关闭", "返回顶部",
        "收藏本页", "加入收藏", "分享到", "分享至", "分享", "扫一扫在手机打开当前页",
        "扫一扫在手机上查看当前页面", "手机扫一扫", "用手机扫描二维码", "字体", "字号",
        "全真版", "文字版", "附件下载", "文件下载", "相关链接", "相关附件", "保存本页",
        "上一篇", "下一篇", "【打印】", "【关闭】", "我要打印", "打印文章", "打印正文", "关闭页面",
        "关闭文章", "返回列表", "返回首页", "返回上一页", "我要纠错", "网站纠错", "收藏文章",
    }
)  # fmt: skip

#: Tokens that are chrome only next to a strong token (``大 中 小`` of a font switch, share targets).
CHROME_WEAK_TOKENS = frozenset(
    {
        "大", "中", "小", "默认", "标准", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间",
        "QQ好友", "QQ", "朋友圈", "豆瓣", "人人网", "收藏", "返回", "保存", "-->", "字体大小",
        "纠错", "视力保护色", "护眼模式",
    }
)  # fmt: skip

#: What separates chrome tokens on a line.
CHROME_SEPARATORS = regex.compile(r"[\s【】\[\]［］|｜/、,，·•:：>＞»()（）\-—]{1,50}")

#: What a location label says before 位置 (``当前位置``, ``您现在的位置``).
_LOCATION = "(?:当前|您的|您现在的|您当前的|现在的|当前所在|所在)?位置"

#: Breadcrumb and location lines: ``当前位置：…``, ``首页 > 政务公开 > 年度报告``.
BREADCRUMB_LINE = regex.compile(
    rf"{_SP}{{0,8}}(?:{_LOCATION}{_SP}{{0,2}}[：:]"
    rf"|首页{_SP}{{0,3}}(?:[>»＞›/|]|&gt;|->))"
)

#: A location line glued to the start of the body (web copies on one line): the breadcrumb up
#: to the last chrome word within 300 characters (no 。 in between).
HEAD_CHROME_PREFIX = regex.compile(
    rf"{_SP}{{0,8}}{_LOCATION}{_SP}{{0,2}}[：:][^\n。]{{0,300}}"
    r"(?:相关链接[：:]?|文件下载|附件下载|文字版|全真版|QQ空间|新浪微博|腾讯微博|微博|微信|打印本页|关闭窗口"
    r"|【打印】|【关闭】|字号[：:]?[ \t\u3000]{0,2}大[ \t\u3000]{0,2}中[ \t\u3000]{0,2}小)"
    rf"(?:{_SP}{{0,3}}-->)?{_SP}{{0,8}}"
)

#: Previous/next-article links.
PREV_NEXT_LINE = regex.compile(rf"{_SP}{{0,8}}(?:上一篇|下一篇|上一条|下一条)")

#: Site footers by their first word.
FOOTER_LINE = regex.compile(rf"{_SP}{{0,8}}(?:版权所有|网站标识码|网站地图|Copyright|©)")

#: Footer words a report may also start a line with: chrome only outside the body lines.
FOOTER_EDGE_LINE = regex.compile(rf"{_SP}{{0,8}}(?:主办单位|承办单位|技术支持|联系我们)")

#: Footer words that are unambiguous wherever they stand on a short line.
FOOTER_ANYWHERE = regex.compile(
    r"ICP[备证]\s{0,2}\d{5,}|ICP[备证]\d{0,3}[号]?|公网安备\s{0,2}\d{6,}|网站标识码\s{0,2}[：:]?\s{0,2}[0-9A-Za-z]{6,}"
)

#: Metadata labels that make a line chrome on their own (source, date, view counts).
_META_LABELS = (
    "信息来源|来源|发布时间|发布日期|更新时间|浏览次数|访问次数|浏览量|访问量|点击数|点击量|阅读次数|阅读量"
)

#: Labels of the metadata line a web page puts above the text.
CHROME_META_LABEL = regex.compile(
    rf"(?:{_META_LABELS}|发文日期|发布机构|作者|点击率|字号|字体|时间|日期){_SP}{{0,2}}[：:]"
)

#: A metadata line standing alone (one label is enough at the head or foot of a page).
META_LINE_START = regex.compile(rf"{_SP}{{0,8}}(?:{_META_LABELS}){_SP}{{0,2}}[：:]")

#: Chrome words left at the very end of a web copy (``… 行政诉讼数 件 0 0 附件下载``).
TRAILING_CHROME = regex.compile(
    rf"(?<=\S){_SP}{{1,8}}(?:附件下载|相关附件|【打印本页】|打印本页|【关闭窗口】|关闭窗口|【打印】|【关闭】)"
    rf"(?:{_SP}{{1,8}}(?:打印本页|关闭窗口|【打印】|【关闭】)){{0,4}}\s{{0,20}}\Z"
)

#: A crawler's metadata block above ``==== 正文 ====``.
CRAWLER_SEPARATOR = regex.compile(r"(?m)^={3,80}[ \t]{0,8}正文[ \t]{0,8}={3,80}[ \t]{0,8}$")
CRAWLER_KEY_LINE = regex.compile(r"[\p{Han}A-Za-z]{1,10}[ \t]{0,2}[:：]")
CRAWLER_TITLE_KEY = regex.compile(r"(?:标题|题目|title)[ \t]{0,2}[:：][ \t]{0,4}")

# --- letters ------------------------------------------------------------------------------------

#: Letter-spaced CJK: three or more single ideographs, each one space apart (``政 府 信 息``).
LETTER_SPACED = regex.compile(r"(?<!\p{Han})\p{Han}(?:[ \u3000]{1,2}\p{Han}(?!\p{Han})){2,500}")

#: A number set apart from the unit or date word after it (``2018 年``, ``提示 84 次``); the
#: space before the number goes only with the one after it (``类别 2012年，`` keeps its space).
NUMBER_UNIT_SPACE = regex.compile(
    r"(?P<pre>(?<=\p{Han})[ \u3000])?"
    r"(?<![\d.][ \u3000]?)(?P<num>\d{1,9}(?:\.\d{1,6})?)"
    r"(?P<post>[ \u3000])"
    r"(?=[年月日号次件个条项户家份名余多万亿元%％倍天届期批篇场])"
)

#: Fake bold: characters printed twice (``一一、、政政府府``), three or more pairs in a row.
DOUBLED_RUN = regex.compile(r"(?:(\S)\1){3,2000}")
