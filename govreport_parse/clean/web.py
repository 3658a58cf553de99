"""Web page chrome: a crawler's metadata block, and whole lines of navigation, sharing,
font switches, breadcrumbs, page metadata and site footers.

Only whole lines go (a breadcrumb glued to the start of a one-line body loses the
breadcrumb only), and only lines made of chrome: a report sentence that mentions 网站 or
打印 stays.

>>> from .offsets import apply_edits
>>> t = ("首页 > 政务公开 > 年度报告\\n【字体：大 中 小】【打印】【关闭】\\n"
...      "一、概述\\n本站网站访问量达735921次。\\n扫一扫在手机打开当前页")
>>> apply_edits(t, fix_web_chrome(t))
'一、概述\\n本站网站访问量达735921次。'
"""

from __future__ import annotations

from .lines import is_han, iter_lines
from .offsets import Edit
from .patterns import (
    BREADCRUMB_LINE,
    CHROME_META_LABEL,
    CHROME_SEPARATORS,
    CHROME_STRONG_TOKENS,
    CHROME_WEAK_TOKENS,
    CRAWLER_KEY_LINE,
    CRAWLER_SEPARATOR,
    CRAWLER_TITLE_KEY,
    FOOTER_ANYWHERE,
    FOOTER_EDGE_LINE,
    FOOTER_LINE,
    HEAD_CHROME_PREFIX,
    HEADING_START,
    META_LINE_START,
    PREV_NEXT_LINE,
    SPACE,
    TRAILING_CHROME,
)

__all__ = ["fix_crawler_header", "fix_web_chrome", "is_chrome_line"]

#: A body line holds a sentence (a 。) or is a heading. Page metadata (来源：… 发布时间：…)
#: is looked for only before the first body line and after the last one. (Not a length rule:
#: the other fixers change lengths, and a second cleaning must find what the first found.)
_MAX_TOKEN_LINE = 120
_MAX_NAV_LINE = 200
_MAX_FOOTER_LINE = 160
_HEADER_SCAN = 4000


def fix_crawler_header(text: str) -> list[Edit]:
    """The ``key: value`` block a crawler writes above ``==== 正文 ====``; the title is kept.

    >>> from .offsets import apply_edits
    >>> t = "标题: 某区2019年年度报告\\n发布时间: 2020-01-20\\n栏目: 年报\\n===== 正文 =====\\n正文。"
    >>> apply_edits(t, fix_crawler_header(t))
    '某区2019年年度报告\\n正文。'
    """
    sep = CRAWLER_SEPARATOR.search(text, 0, _HEADER_SCAN)
    if sep is None:
        return []
    head = text[: sep.start()]
    keyed = [s for s, e in iter_lines(head) if CRAWLER_KEY_LINE.match(head, s, e)]
    if len(keyed) < 2:
        return []
    end = sep.end() + 1 if sep.end() < len(text) else sep.end()
    title = None
    for s, e in iter_lines(head):
        m = CRAWLER_TITLE_KEY.match(head, s, e)
        if m and head[m.end() : e].strip(SPACE):
            title = (s, m.end(), e)
            break
    if title is None:
        return [Edit(start=0, end=end, kind="crawler_header")]
    s, value_start, e = title
    edits = []
    if value_start > 0:
        edits.append(Edit(start=0, end=value_start, kind="crawler_header"))
    edits.append(Edit(start=e + 1 if e < sep.start() else e, end=end, kind="crawler_header"))
    return [x for x in edits if x.end > x.start]


def is_chrome_line(line: str, *, at_edge: bool = True) -> bool:
    """Whether a whole line is web page chrome (``at_edge``: near the start or end of the text).

    >>> is_chrome_line("分享到：微信 微博 QQ空间"), is_chrome_line("大 中 小")
    (True, False)
    >>> is_chrome_line("张店区人民政府门户网站改版正式上线运行。")
    False
    """
    s = line.strip(SPACE)
    if not s:
        return False
    n = len(s)
    if n <= _MAX_TOKEN_LINE and _only_chrome_tokens(s):
        return True
    if n <= _MAX_NAV_LINE and (BREADCRUMB_LINE.match(s) or FOOTER_ANYWHERE.search(s)):
        return True
    if n <= _MAX_FOOTER_LINE and (PREV_NEXT_LINE.match(s) or FOOTER_LINE.match(s)):
        return True
    if at_edge and n <= _MAX_NAV_LINE:
        if (META_LINE_START.match(s) and n <= _MAX_TOKEN_LINE) or (
            FOOTER_EDGE_LINE.match(s) and n <= _MAX_FOOTER_LINE
        ):
            return True
        labels = CHROME_META_LABEL.findall(s)
        if len(set(labels)) >= 2 and s.startswith(labels[0].lstrip(SPACE)[:2]):
            return True
    return False


def _only_chrome_tokens(s: str) -> bool:
    tokens = [t for t in CHROME_SEPARATORS.split(s) if t]
    if not tokens:
        return False
    strong = False
    for t in tokens:
        if t in CHROME_STRONG_TOKENS:
            strong = True
        elif t not in CHROME_WEAK_TOKENS:
            return False
    return strong


def fix_web_chrome(text: str) -> list[Edit]:
    """Remove whole chrome lines, a breadcrumb glued to the body, and chrome words at the end."""
    lines = list(iter_lines(text))
    chrome = [e - s <= _MAX_NAV_LINE and is_chrome_line(text[s:e], at_edge=False) for s, e in lines]
    body = [k for k, (s, e) in enumerate(lines) if not chrome[k] and _is_body(text, s, e)]
    first_body, last_body = (body[0], body[-1]) if body else (len(lines), -1)
    edits: list[Edit] = []
    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        at_edge = k < first_body or k > last_body
        if chrome[k] or (at_edge and e - s <= _MAX_NAV_LINE and is_chrome_line(line, at_edge=True)):
            if e < len(text):
                edits.append(Edit(start=s, end=e + 1, kind="web_chrome"))
            elif s > 0:
                edits.append(Edit(start=s - 1, end=e, kind="web_chrome"))
            else:
                edits.append(Edit(start=s, end=e, kind="web_chrome"))
            continue
        if k <= first_body and e - s > _MAX_NAV_LINE:
            m = HEAD_CHROME_PREFIX.match(text, s, e)
            if m:
                edits.append(Edit(start=s, end=m.end(), kind="web_chrome"))
    tail = TRAILING_CHROME.search(text, max(0, len(text) - 200))
    if tail:  # chrome words ending the last body line (and chrome lines after them: merged below)
        edits.append(Edit(start=tail.start(), end=tail.end(), kind="web_chrome"))
    return _merge(edits, text)


def _is_body(text: str, s: int, e: int) -> bool:
    line = text[s:e]
    if "。" in line:
        return True
    line = line.strip(SPACE)
    return bool(HEADING_START.match(line[:40])) and sum(map(is_han, line[:40])) >= 2


def _merge(edits: list[Edit], text: str) -> list[Edit]:
    """Sorted and non-overlapping (a last-line edit may reach back into the line before); a
    block of chrome lines at the end takes the line break before it, not leaving one dangling."""
    out: list[Edit] = []
    for ed in sorted(edits, key=lambda x: x.start):
        if out and ed.start <= out[-1].end:
            prev = out[-1]
            out[-1] = Edit(start=prev.start, end=max(prev.end, ed.end), kind=prev.kind)
        else:
            out.append(ed)
    if out and out[-1].end == len(text) and out[-1].start > 0 and text[out[-1].start - 1] == "\n":
        last = out[-1]
        if len(out) < 2 or out[-2].end < last.start - 1:
            out[-1] = Edit(start=last.start - 1, end=last.end, kind=last.kind)
    return out
