"""Labels: what a number counts, read with jieba part-of-speech tags.

The label of a number is the nearest noun to its left inside its clause
(stopping at punctuation and at an earlier number), using jieba's
part-of-speech tagger with the domain dictionary shipped in
``govreport_parse/data/domain_dict.txt`` (政务公开, 依申请公开, 访问量 …).
jieba is imported and its dictionaries loaded once, on first use, in a
tokenizer of our own (the user's global ``jieba`` is left untouched); each
clause is tagged once per process (an LRU cache).

>>> s = "截至2018年12月31日，访问量达到735921次"
>>> label_before(s, s.index("735921"))
'访问量'
>>> label_before("共有接收到依申请公开142件", 10)
'依申请公开'
>>> label_before("。", 1) is None
True
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from .patterns import CLAUSE_DELIMITERS, QUANTITY_UNITS
from .posviterbi import pos_tokenizer

__all__ = ["label_after", "label_before", "label_for", "tag"]

WINDOW = 24
"""At most this many characters on either side of a number are tagged."""

MAX_PHRASE = 12
"""A noun phrase after a number stops growing at this many characters."""

_NOUN_TAGS = ("n", "vn", "an", "j")
_LOCK = threading.Lock()
_TAGGER: list[Any] = []


def _tagger() -> Any:
    """The part-of-speech tokenizer with the domain dictionary, built once."""
    if _TAGGER:
        return _TAGGER[0]
    with _LOCK:
        if not _TAGGER:
            import logging
            from importlib import resources

            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            data = resources.files("govreport_parse") / "data" / "domain_dict.txt"
            with data.open("rb") as fh:
                tok.load_userdict(fh)
            tagger = pos_tokenizer(tok)  # jieba's POSTokenizer with a faster, identical HMM decoder
            _TAGGER.append(tagger)
    return _TAGGER[0]


@functools.lru_cache(maxsize=8192)
def tag(segment: str) -> tuple[tuple[str, str], ...]:
    """``(word, part-of-speech)`` pairs of ``segment``, cached per segment.

    >>> tag("群众来电")
    (('群众', 'n'), ('来电', 'n'))
    """
    return tuple((p.word, p.flag) for p in _tagger().cut(segment))


def _is_noun(flag: str) -> bool:
    return flag.startswith(_NOUN_TAGS) and not flag.startswith("nr")


def label_for(view: str, start: int, end: int) -> str | None:
    """The label of the number at ``view[start:end]``: the noun phrase right after its
    classifier (三百多个子栏目 → 子栏目, 70个新媒体 → 新媒体) when one follows directly, else
    the subject to its left (主动公开政府信息123条 → 主动公开政府信息, 访问量达到735921次 → 访问量).

    >>> v = "由53个政府部门承办，访问量达到735921次。"
    >>> label_for(v, 1, 4), label_for(v, 16, 23)
    ('政府部门', '访问量')
    """
    return label_after(view, end) or label_before(view, start)


def label_after(view: str, end: int) -> str | None:
    """The noun phrase that starts right at ``end`` (inside the clause), or ``None``.

    >>> label_after("93000户居民家庭", 6), label_after("142件，办结", 4), label_after("70个新媒体", 3)
    ('居民家庭', None, '新媒体')
    """
    if end < len(view) and view[end] == "《":
        close = view.find("》", end, end + 40)
        return view[end + 1 : close] if close > end + 2 else None
    if end >= len(view) or not "\u4e00" <= view[end] <= "\u9fff":
        return None
    i = end
    hi = min(len(view), end + WINDOW)
    while i < hi:
        c = view[i]
        if c in CLAUSE_DELIMITERS or "0" <= c <= "9":
            break
        i += 1
    return _noun_phrase(view[end:i])


PREDICATES = frozenset(
    [
        "达",
        "达到",
        "作为",
        "为",
        "是",
        "共",
        "共计",
        "累计",
        "合计",
        "总计",
        "计",
        "有",
        "约",
        "了",
        "已",
        "均",
        "都",
        "分别",
        "分别为",
        "超",
        "逾",
        "近",
        "其中",
        "数为",
        "量为",
        "总量",
        "公开",
        "发布",
        "收到",
        "受理",
        "办理",
        "办结",
        "接待",
        "接听",
        "开展",
        "组织",
        "举办",
        "召开",
        "开设",
        "设立",
        "梳理",
        "罗列",
        "刊出",
        "印发",
        "发放",
        "制作",
        "获取",
        "处理",
        "回复",
        "编制",
        "更新",
        "推送",
        "上传",
        "录入",
        "转办",
        "报送",
        "审核",
        "新增",
        "增加",
        "减少",
        "完成",
        "提供",
        "涉及",
        "包括",
        "含",
        "占",
        "全年",
        "全区",
        "全县",
        "全市",
        "今年",
        "本年",
        "本年度",
        "目前",
        "截至",
        "截止",
        "年度",
        "同比",
        "累计达",
        "公布",
        "印刷",
        "发行",
        "印刷发行",
        "编辑",
        "出版",
        "收取",
        "清理",
        "整改",
        "注销",
        "新开设",
        "缩至",
        "缩短至",
        "提出",
        "整合",
        "精选",
        "策采",
    ]
)
"""Words between a subject and its number that are not part of the label (信息数为, 共受理)."""

NOMINAL_VERBS = frozenset(
    [
        "申请",
        "答复",
        "咨询",
        "来电",
        "来信",
        "投诉",
        "举报",
        "复议",
        "诉讼",
        "竞价",
        "公示",
        "简报",
        "培训",
        "检查",
        "抽查",
        "留言",
        "建议",
        "提案",
    ]
)
"""Verbs that name what is counted when they stand right before a number (受理申请121510件)."""

GENERIC = frozenset(["信息", "数", "数量", "总数", "件数", "量", "情况", "内容", "工作", "事项", "方面"])
"""Heads too general to say what is counted on their own (信息, 总数): a label ending in one
grows further left (机构职能类信息, 主动公开政府信息)."""

AGENTS = frozenset(
    ["单位", "部门", "乡镇", "机关", "街道", "区县", "管委会", "本机关", "县直", "区直", "市直", "镇街"]
)
"""Who published or handled something: a label grows no further left than these."""

_MOD_TAGS = ("ad", "d")
_MAX_LABEL = 14


def _generic(head: str) -> bool:
    """True when ``head`` says nothing specific (信息, 信息数, 总数).

    >>> _generic("信息数"), _generic("总数"), _generic("申请数"), _generic("访问量")
    (True, True, False, False)
    """
    if head in GENERIC:
        return True
    for tail in ("总数", "数量", "数", "量"):
        if head.endswith(tail) and len(head) > len(tail):
            head = head[: -len(tail)]
            break
    return head in GENERIC


def _in_category(toks: list[tuple[str, str]]) -> bool:
    """True when the tokens collected so far end in a category name (…类信息)."""
    return any(w == "类" for w, _ in toks)


def _nounish(word: str, flag: str) -> bool:
    return (flag.startswith(_NOUN_TAGS) or flag in ("nz", "ng", "l", "b", "s", "nr")) and not flag.startswith(
        ("ns", "nt")
    )


@functools.lru_cache(maxsize=8192)
def _noun_phrase(segment: str) -> str | None:
    words: list[str] = []
    for k, (word, flag) in enumerate(tag(segment)):
        if k == 0 and word in ("有关", "相关", "各类", "各项"):
            continue  # 1份有关政府信息公开申请: a determiner, not the noun
        if flag.startswith("a") and not words and len(word) == 1:
            words.append(word)  # 新媒体, 短视频: a one-character adjective opens the phrase
            continue
        if not words and flag.startswith("v") and len(word) == 2 and word not in PREDICATES:
            nxt = tag(segment)[k + 1 :][:1]
            if nxt and nxt[0][0] in AGENTS and word in OPENING_VERBS:
                words.append(word)  # 预算部门: a verb opening a compound noun
                continue
        if not (_is_noun(flag) or flag in ("ng", "nz") or (words and word in NOMINAL_VERBS)):
            break
        words.append(word)
        if word in TIME_NOUNS or word.endswith(tuple(AGENTS)) or sum(map(len, words)) >= MAX_PHRASE:
            break  # 64家单位政府信息公开年度报告: the count is of 单位
    phrase = "".join(words)
    if phrase in BARE_GENERIC:
        return None
    if words and len(words[-1]) == 1 and words[-1] in "新短大小":
        return None
    return phrase if len(phrase) > 1 else None


def label_before(view: str, start: int) -> str | None:
    """The subject left of ``start`` in its clause, or ``None``: the nouns right before the
    number (past 达, 为, 共 …), grown to the left while the head is generic (信息, 数).

    >>> label_before("新增公开发布信息数达9721条", 10)
    '发布信息数'
    >>> label_before("机构职能类信息205条", 7), label_before("共受理申请121510件", 5)
    ('机构职能类信息', '申请')
    """
    start = min(max(start, 0), len(view))
    lo = max(0, start - WINDOW)
    i = start
    while i > lo:
        c = view[i - 1]
        if (c in CLAUSE_DELIMITERS and c != "、") or "0" <= c <= "9":
            break
        i -= 1
    if i == start and start > 0 and view[start - 1] == "》":
        return _title_before(view, start - 1)
    segment = view[i:start]
    after_number = False
    if i > 0 and "0" <= view[i - 1] <= "9":
        # 许可证76条、安全生产许可证121条: the previous number's unit is not part of this label
        unit = next((u for u in QUANTITY_UNITS if segment.lstrip("余多").startswith(u)), "")
        if unit:
            after_number = True
            segment = segment.lstrip("余多")[len(unit) :].lstrip("、 ")
        else:
            segment = segment.lstrip(" 年月日号")  # 2013年主动公开政府信息: a date, not a count
    if after_number or _after_count(view, i):
        item = _list_item(segment.strip())
        if item is not None:
            return item
    return _label_of(segment.strip(), after_number)


_LIST_ITEM_MAX = 10

COPULAS = frozenset(["的", "为", "达", "达到", "共", "共计", "计", "有", "是", "约", "合计", "总计", "累计"])
"""Words that may end an enumeration item before its number (计划解决的74件)."""


def _after_count(view: str, i: int) -> bool:
    """True when the clause starting at ``i`` follows a clause that ended with a number
    (…42件，占51.85%；不予公开5件): an item of an enumeration.

    >>> v = "占51.85%；不予公开5件，其他处理2件，截至12月31日，访问量"
    >>> _after_count(v, 8), _after_count(v, v.index("其他")), _after_count(v, v.index("访问"))
    (True, True, False)
    """
    if i < 2:
        return False
    if view[i - 1] in "：:":
        return view[max(0, i - 3) : i - 1] == "其中"
    if view[i - 1] not in "，,；;、":
        return False
    j = i - 2
    if view[j] == "%":
        return j > 0 and view[j - 1].isdigit()
    k = j
    while k >= max(0, j - 2) and "\u4e00" <= view[k] <= "\u9fff":
        k -= 1
    return k < j and k >= 0 and view[k].isdigit() and view[k + 1] not in "年月日号时分秒"


def _list_item(segment: str) -> str | None:
    """An enumeration item's name: the clause without leading predicates (共, 涉及) and a
    trailing 的 (计划解决的74件), when it is short and has no number.

    >>> _list_item("不予公开"), _list_item("涉及自然人"), _list_item("共办结"), _list_item("计划解决的")
    ('不予公开', '自然人', None, '计划解决')
    """
    toks = list(tag(segment))
    while toks and (toks[0][0] in PREDICATES or toks[0][1] == "p"):
        toks.pop(0)
    while toks and (toks[-1][0] in COPULAS or toks[-1][1] == "x"):
        toks.pop()
    if toks and toks[0][1].startswith("v") and any(_nounish(w, f) for w, f in toks[1:]):
        return None  # 复印档案资料: a verb and its object, labelled by the object
    if any(f == "v" and _nounish(*toks[n + 1]) for n, (_, f) in enumerate(toks[:-1])):
        return None  # 现场解答群众咨询: a verb and its object inside the clause
    item = "".join(w for w, _ in toks)
    if (
        not 2 <= len(item) <= _LIST_ITEM_MAX
        or any(c.isdigit() or c in "零一二两三四五六七八九十百千万亿" for c in item)
        or item[0] in "每和及"
    ):
        return None
    if all(w in PREDICATES for w, _ in toks):
        return None
    return item


def _title_before(view: str, close: int) -> str | None:
    """The title in 《》 that ends at ``close`` (编辑出版《张店通讯》100期 → 张店通讯)."""
    open_at = view.rfind("《", max(0, close - 40), close)
    if open_at < 0:
        return None
    title = view[open_at + 1 : close]
    return title if len(title) >= 2 and "》" not in title else None


COMPOUND_VERBS = frozenset(
    [
        "抽检",
        "扶贫",
        "救灾",
        "就业",
        "采购",
        "监管",
        "审批",
        "转发",
        "补偿",
        "安置",
        "征收",
        "告知",
        "办理",
        "督办",
        "执法",
        "监测",
        "预测",
        "预报",
        "设置",
        "购置",
        "评价",
    ]
)
"""Verbs that sit inside compound nouns between two nouns (政府采购项目信息, 征地转发批文)."""

OPENING_VERBS = frozenset(["预算", "审批", "执法", "监管", "承办", "采购", "服务"])
"""Words tagged as verbs that open a compound noun before an agent (20多家预算部门)."""

TIME_NOUNS = frozenset(["季度", "年度", "月份", "周年"])
"""A count of these (四个季度) is of the period itself, whatever follows."""

BARE_GENERIC = frozenset(["信息", "信息数", "信息量", "数", "总数", "数量"])
"""Labels that name nothing a researcher could filter on: such a label is left out (null)."""

MANNERS = frozenset(["形式", "方式", "渠道", "途径", "载体"])
"""How something was published (以文字、图解等形式): never part of what is counted."""


@functools.lru_cache(maxsize=8192)
def _label_of(segment: str, after_number: bool = False) -> str | None:
    if not segment:
        return None
    toks = list(tag(segment))
    k = len(toks) - 1
    while k >= 0 and (toks[k][0] in PREDICATES or (toks[k][1] in ("x", "m", "ul", "uj", "d", "p") and k > 0)):
        k -= 1
    if k < 0:
        return None
    word, flag = toks[k]
    if flag == "vn" and word not in NOMINAL_VERBS and k > 0 and toks[k - 1][1] == "v":
        return None  # 取得突破12项: the object of a verb of achieving says nothing countable
    if not (_nounish(word, flag) or (flag.startswith("v") and word in NOMINAL_VERBS)):
        return None  # 取得突破12项: no noun names what is counted; no label is invented
    lo = k
    j = k - 1
    length = len(word)
    while j >= 0 and length < _MAX_LABEL:
        w, f = toks[j]
        head = "".join(t[0] for t in toks[lo : k + 1])
        generic = _generic(head)
        if w in AGENTS or w in MANNERS or (w[:1] == "各" and len(w) > 1):
            break  # 各乡镇主动公开政府信息, 多形式政策解读: who or how is not what is counted
        if f == "a" and len(w) == 2:
            if j > 0 and _nounish(*toks[j - 1]):
                lo, length, j = j, length + len(w), j - 1
                continue  # 公共服务清单事项: tagged as an adjective between nouns
            lo = j  # 重大建设项目, 过期信息: an adjective closes the phrase
            break
        if j + 1 < len(toks) and toks[j + 1][0] == "类" and f[:1] in ("v", "a", "n"):
            lo, length, j = j, length + len(w), j - 1
            continue  # 解读类信息: whatever names the category before 类
        if w in ("其他", "其它") and generic:
            lo = j  # 其他信息
            break
        if w == "类" or (f.startswith("v") and w in NOMINAL_VERBS):
            pass
        elif (
            f.startswith("v")
            and j > 0
            and _nounish(*toks[j - 1])
            and w not in PREDICATES
            and (_in_category(toks[lo : k + 1]) or w in COMPOUND_VERBS)
        ):
            pass  # 民政扶贫救灾: a verb inside a compound noun
        elif (
            w in ("、", "和", "及")
            and any(t[0] == "类" for t in toks[lo : k + 1])
            and j > 0
            and _nounish(*toks[j - 1])
        ) or _nounish(w, f):
            pass
        elif generic and (f.startswith("v") or f in _MOD_TAGS) and len(w) >= 2:
            # 主动公开政府信息: a verb (and its adverb) that makes a generic noun specific
            lo = j
            if j > 0 and toks[j - 1][1] in _MOD_TAGS and toks[j - 1][0] in ("主动", "依", "依法"):
                lo = j - 1
            break
        else:
            break
        lo = j
        length += len(w)
        j -= 1
    if (
        lo > 0
        and len(toks[lo][0]) == 1
        and len(toks[lo - 1][0]) == 1
        and toks[lo - 1][1][:1] not in ("x", "m", "p", "c", "u")
    ):
        lo -= 1  # 微/博关注量: a word the tagger split in two is kept whole
    label = "".join(t[0] for t in toks[lo : k + 1])
    if label in BARE_GENERIC:
        return None  # 共发布信息84条: 信息 alone names nothing a researcher could filter on
    if len(label) < 2 or label[0] in "、和及每":
        return None
    return label
