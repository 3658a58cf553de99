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
    classifier (三百多个子栏目 → 子栏目) when one follows directly, else the nearest noun
    to its left (访问量达到735921次 → 访问量).

    >>> v = "由53个政府部门承办，访问量达到735921次。"
    >>> label_for(v, 1, 4), label_for(v, 16, 23)
    ('政府部门', '访问量')
    """
    return label_after(view, end) or label_before(view, start)


def label_after(view: str, end: int) -> str | None:
    """The noun phrase that starts right at ``end`` (inside the clause), or ``None``.

    >>> label_after("93000户居民家庭", 6), label_after("142件，办结", 4)
    ('居民家庭', None)
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


@functools.lru_cache(maxsize=8192)
def _noun_phrase(segment: str) -> str | None:
    words: list[str] = []
    for word, flag in tag(segment):
        if not (_is_noun(flag) or flag == "ng"):
            break
        words.append(word)
        if sum(map(len, words)) >= MAX_PHRASE:
            break
    phrase = "".join(words)
    return phrase if len(phrase) > 1 else None


def label_before(view: str, start: int) -> str | None:
    """The nearest noun left of ``start`` in its clause, or ``None``.

    >>> label_before("新增公开发布信息数达9721条", 10)
    '信息数'
    """
    start = min(max(start, 0), len(view))
    lo = max(0, start - WINDOW)
    i = start
    while i > lo:
        c = view[i - 1]
        if c in CLAUSE_DELIMITERS or "0" <= c <= "9":
            break
        i -= 1
    return _label_of(view[i:start].strip())


@functools.lru_cache(maxsize=8192)
def _label_of(segment: str) -> str | None:
    if not segment:
        return None
    for word, flag in reversed(tag(segment)):
        if flag == "x" and word.strip():
            return None
        if _is_noun(flag) and len(word) > 1:
            return word
    return None
