"""Web-page chrome: what to drop and where the report body is (data + small selectors).

Government pages wrap the report in navigation, breadcrumbs (当前位置), share
bars (分享到), font-size switches (【字体：大 中 小】), print/close links and
footers. They are removed as elements, before the text is built, so they never
reach the text. The body is then the best content container (``TRS_Editor``,
``#zoom``, ``.article``, ``#content``...) when one holds most of the page's
Chinese text, else the whole ``<body>``.

>>> import lxml.html
>>> root = lxml.html.fromstring(
...     '<html><body><div class="crumb">首页 > 信息公开</div>'
...     '<div id="zoom"><p>一、总体情况</p></div><div class="share">分享到：微信</div></body></html>')
>>> strip_chrome(root)
2
>>> [e.get("id") for e in [content_root(root)]]
['zoom']
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["BLOCK_TAGS", "DROP_TAGS", "cjk_count", "content_root", "is_hidden", "strip_chrome"]

# elements never part of a report's text
DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "iframe",
        "frame",
        "frameset",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "svg",
        "canvas",
        "object",
        "embed",
        "audio",
        "video",
        "map",
        "head",
        "meta",
        "link",
    ]
)
# HTML5 landmarks that hold chrome unless they sit inside an <article>
LANDMARK_TAGS = frozenset({"header", "footer"})

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "html",
    ]
)

# class/id words (split at - _ and spaces) that name chrome
CHROME_TOKENS = frozenset(
    [
        "nav",
        "navbar",
        "navi",
        "menu",
        "menus",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "bread",
        "share",
        "sharebar",
        "bdshare",
        "jiathis",
        "social",
        "footer",
        "foot",
        "header",
        "topbar",
        "toolbar",
        "sidebar",
        "copyright",
        "dqwz",
        "weizhi",
        "print",
        "printbar",
        "close",
        "skip",
        "login",
        "search",
        "banner",
        "related",
        "relate",
        "friendlink",
        "links",
        "qrcode",
        "ewm",
        "fontsize",
        "zihao",
        "font",
    ]
)
_TOKEN_SPLIT = re.compile(r"[\s\-_]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# id/class values that name the report body on common CMSs (TRS, Hanweb, UCAP...)
CONTENT_IDS = frozenset(
    [
        "zoom",
        "fontzoom",
        "content",
        "article",
        "ucap-content",
        "zwnr",
        "printcontent",
        "info_content",
        "detail",
        "maincontent",
    ]
)
CONTENT_CLASSES = frozenset(
    [
        "trs_editor",
        "trs_ueditor",
        "article",
        "article-content",
        "article_content",
        "content",
        "pages_content",
        "detail",
        "detail-content",
        "xxgk_content",
        "view",
        "wzy_content",
        "zw",
        "main-content",
        "con",
    ]
)

# short blocks whose whole text is chrome wording
CHROME_TEXT = re.compile(
    r"^[\s【\[(（]*(?:当前位置|您现在的位置|您的位置|首页\s*[>›»＞]|分享到|打印本页|【?打印】?|关闭窗口|"
    r"【?关闭】?|字体[:：]|字号[:：]|【\s*字体|返回顶部|收藏本页|扫一扫|上一篇|下一篇|浏览次数|访问量[:：]|"
    r"来源[:：].{0,40}发布时间|发布时间[:：].{0,30}$)"
)
_SHORT = 60
_GUARD_CJK = 200  # a block with this much Chinese text is content, whatever its class says

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``.

    >>> cjk_count("2021年政府信息")
    5
    """
    return len(_CJK_RE.findall(text))


def _tokens(el: Any) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    words = _TOKEN_SPLIT.split(_CAMEL.sub(" ", raw))
    return {w.lower() for w in words if w}


def is_hidden(el: Any) -> bool:
    """``style="display:none"``, ``hidden`` or ``aria-hidden="true"``."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def subtree_counts(root: Any) -> dict[Any, tuple[int, bool]]:
    """Every element's (CJK ideographs in its text, whether it holds a ``<table>``), computed
    bottom-up in one pass: asking each nested container for its own text would cost
    depth x text (a page of 2,000 nested ``<div class="nav">``).

    >>> from lxml import html
    >>> root = html.fromstring("<div><p>政府<b>信息</b></p><table><tr><td>公开</td></tr></table></div>")
    >>> counts = subtree_counts(root)
    >>> counts[root], counts[root[0]]
    ((6, True), (4, False))
    """
    out: dict[Any, tuple[int, bool]] = {}
    for el in reversed(list(root.iter())):
        own = el.text if isinstance(el.tag, str) else None
        count = cjk_count(own) if own else 0
        table = isinstance(el.tag, str) and el.tag.lower() == "table"
        for child in el:
            sub, sub_table = out.get(child, (0, False))
            count += sub + (cjk_count(child.tail) if child.tail else 0)
            table = table or sub_table
        out[el] = (count, table)
    return out


def _short_texts(root: Any, limit: int) -> dict[Any, str]:
    """Stripped text of every element whose text is at most ``limit`` characters (bottom-up, linear)."""
    cap = 4 * limit
    raw: dict[Any, str | None] = {}
    for el in reversed(list(root.iter())):
        parts = [el.text or ""] if isinstance(el.tag, str) else []
        size = len(parts[0]) if parts else 0
        for child in el:
            sub = raw.get(child, "")
            if sub is None:
                size = cap + 1
                break
            parts.append(sub)
            parts.append(child.tail or "")
            size += len(sub) + len(child.tail or "")
            if size > cap:
                break
        raw[el] = "".join(parts) if size <= cap else None
    out: dict[Any, str] = {}
    for el, text in raw.items():
        if text is not None:
            text = text.strip()
            if len(text) <= limit:
                out[el] = text
    return out


def strip_chrome(root: Any) -> int:
    """Remove chrome elements from ``root`` in place; return how many were removed."""
    doomed: list[Any] = []
    short = _short_texts(root, _SHORT)
    counts = subtree_counts(root)
    in_article: set[Any] = set()  # elements inside an <article> (one pass, not a walk up per element)
    for el in root.iter("article"):
        in_article.update(el.iterdescendants())
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = tag.lower()
        if tag in DROP_TAGS or is_hidden(el) or (tag in LANDMARK_TAGS and el not in in_article):
            doomed.append(el)
        elif tag in ("body", "html"):
            continue
        elif _tokens(el) & CHROME_TOKENS and not _is_content(el, tag):
            cjk, has_table = counts.get(el, (0, False))
            if not has_table and cjk < _GUARD_CJK:
                doomed.append(el)
        elif tag not in ("table", "tbody", "tr", "td", "th"):
            text = short.get(el)
            if text is not None and CHROME_TEXT.match(text):
                doomed.append(el)
    removed = 0
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        if tail:  # keep the text that follows the removed element
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
        removed += 1
    return removed


def _is_content(el: Any, tag: str) -> bool:
    """A known content container (by tag, id or class)."""
    return (
        tag in ("article", "main")
        or (el.get("id") or "").lower() in CONTENT_IDS
        or bool({c.lower() for c in (el.get("class") or "").split()} & CONTENT_CLASSES)
    )


def content_root(root: Any) -> Any:
    """The report body: the content container with the most Chinese text, else ``<body>``."""
    body = root.find(".//body")
    if body is None:
        body = root
    counts = subtree_counts(body)
    total = counts[body][0]
    best: Any = None
    best_count = 0
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if not _is_content(el, tag):
            continue
        count = counts[el][0]
        if count > best_count:
            best, best_count = el, count
    if best is not None and total and best_count >= 0.5 * total:
        return best
    return body
