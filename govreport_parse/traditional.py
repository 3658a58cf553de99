"""Traditional-character reports read through a simplified view of the same length.

Some reports are published in traditional characters (開平市農業農村局 2020). The
grammar of every stage is written in simplified characters, so such a text is
read through :func:`simplified_view`: OpenCC's ``t2s`` conversion (the ``opencc``
package, extra ``traditional``), kept **character for character** so that every
offset into the view is an offset into the original text. Where OpenCC's phrase
conversion would change the length, each character is converted on its own.

The cleaner reads the simplified view too (its line rules are written in
simplified characters); :func:`restore_original` then puts the published
characters back into the clean text, so ``Report.text`` is the text as
published and every span of the record points into it.

A text is converted only when it is traditional (:func:`looks_traditional`:
characters found only in traditional writing, such as 開 報 關 與 為 這 機 條), so
simplified reports are not touched and OpenCC is not even imported for them.

>>> looks_traditional("开平市农业农村局2020年政府信息公开工作年度报告")
False
>>> looks_traditional("開平市農業農村局2020年政府信息公開工作年度報告")
True
>>> simplified_view("開平市農業農村局2020年政府信息公開工作年度報告").text  # doctest: +SKIP
'开平市农业农村局2020年政府信息公开工作年度报告'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["ScriptView", "looks_traditional", "restore_original", "simplified_view"]

#: characters of common report words that exist only in traditional writing
_TRADITIONAL_ONLY = frozenset(
    "開關報與為這個們來時間國會區縣機構務處書條資訊請應當實現發佈於對進過還設規範"
    "價費經濟貿農業環聯網統計廳辦鄉鎮權義習總體門戶頁確認單號"
)
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")
_MIN_HITS = 5
_MIN_SHARE = 0.01  # of all characters


@dataclass(frozen=True, slots=True)
class ScriptView:
    """``text`` to read (same length as the original); ``converted`` when it differs."""

    text: str
    converted: bool = False
    note: str = ""


def looks_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (a share of traditional-only ones)."""
    hits = len(_TRADITIONAL_RE.findall(text))
    return hits >= _MIN_HITS and hits >= _MIN_SHARE * len(text)


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified_view(text: str) -> ScriptView:
    """The simplified reading of a traditional ``text``, same length; ``text`` itself otherwise.

    When OpenCC is not installed the text is returned unconverted with a ``note``.
    """
    if not looks_traditional(text):
        return ScriptView(text)
    try:
        convert = _converter().convert
    except ImportError:
        return ScriptView(text, note="traditional characters, but opencc is missing (extra 'traditional')")
    whole = convert(text)
    if len(whole) == len(text):
        return ScriptView(whole, converted=True)
    chars = []
    for ch in text:  # a phrase changed length: convert one character at a time
        one = convert(ch)
        chars.append(one if len(one) == 1 else ch)
    return ScriptView("".join(chars), converted=True)


class _Offsets(Protocol):
    starts: Any
    ends: Any


def restore_original(clean: str, offsets: _Offsets, raw: str, raw_view: str) -> str:
    """The clean text with the published characters back where cleaning kept a converted one.

    ``clean`` was cleaned from ``raw_view`` (the simplified view of ``raw``);
    ``offsets.starts[i]``/``ends[i]`` is the source span of clean character ``i``.

    >>> class M:
    ...     starts, ends = [0, 1, 2], [1, 2, 3]
    >>> restore_original("报告书", M(), "報告書", "报告书")
    '報告書'
    """
    out = list(clean)
    starts, ends = offsets.starts, offsets.ends
    for i, ch in enumerate(out):
        s, e = starts[i], ends[i]
        if e - s == 1 and raw_view[s] == ch and raw[s] != ch:
            out[i] = raw[s]
    return "".join(out)
