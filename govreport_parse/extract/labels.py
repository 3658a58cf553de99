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

from .patterns import CLAUSE_DELIMITERS
from .posviterbi import pos_tokenizer

__all__ = ["label_after", "label_before", "label_for", "tag"]

WINDOW = 24
"""At most this many characters on either side of a number are tagged."""

MAX_PHRASE = 8
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
    return (flag.startswith(_NOUN_TAGS) or flag in ("nz", "ng", "l", "b", "s")) and not flag.startswith(
        ("nr", "ns", "nt")
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
            if nxt and nxt[0][0] in AGENTS:
                words.append(word)  # 预算部门: a verb opening a compound noun
                continue
        if not (_is_noun(flag) or flag in ("ng", "nz")):
            break
        words.append(word)
        if sum(map(len, words)) >= MAX_PHRASE:
            break
    phrase = "".join(words)
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
    return _label_of(view[i:start].strip())


MANNERS = frozenset(["形式", "方式", "渠道", "途径", "载体"])
"""How something was published (以文字、图解等形式): never part of what is counted."""

_CATEGORY_MAX = 8


def _category_clause(toks: list[tuple[str, str]], k: int) -> str | None:
    """A short clause with no noun that names an outcome category by itself (；不予公开5件，
    其他处理2件, 结果维持72件): its words after the leading 其中/共/累计, else ``None``.

    >>> _category_clause(list(tag("不予公开")), 1), _category_clause(list(tag("全年共发布")), 2)
    ('不予公开', None)
    """
    words = [w for w, f in toks[: k + 1] if f != "x"]
    while words and (words[0] in PREDICATES or words[0] in ("其中", "另", "另有")):
        words.pop(0)
    label = "".join(words)
    if not 2 <= len(label) <= _CATEGORY_MAX or label in PREDICATES:
        return None
    return label


@functools.lru_cache(maxsize=8192)
def _label_of(segment: str) -> str | None:
    if not segment:
        return None
    toks = list(tag(segment))
    k = len(toks) - 1
    while k >= 0 and (toks[k][0] in PREDICATES or (toks[k][1] in ("x", "m", "ul", "uj", "d", "p") and k > 0)):
        k -= 1
    if k < 0:
        return None
    word, flag = toks[k]
    if not (_nounish(word, flag) or (flag.startswith("v") and word in NOMINAL_VERBS)):
        return _category_clause(toks, k)
    lo = k
    j = k - 1
    length = len(word)
    while j >= 0 and length < _MAX_LABEL:
        w, f = toks[j]
        head = "".join(t[0] for t in toks[lo : k + 1])
        generic = _generic(head)
        if w in AGENTS or w in MANNERS or (w[:1] == "各" and len(w) > 1):
            break  # 各乡镇主动公开政府信息, 多形式政策解读: who or how is not what is counted
        if f == "a" and len(w) == 2 and not generic:
            lo = j  # 重大建设项目: an adjective closes the phrase
            break
        if w == "类" or (f.startswith("v") and w in NOMINAL_VERBS):
            pass
        elif (
            f.startswith("v")
            and j > 0
            and _nounish(*toks[j - 1])
            and w not in PREDICATES
            and _in_category(toks[lo : k + 1])
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
    if len(label) < 2 or label[0] in "、和及":
        return None
    return label
