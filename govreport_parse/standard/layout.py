"""Which template a report follows, from the labels present (never from the year).

§5.1 of the reference: the 2021 markers win when only they are present, the
2019 markers when only they are; a report with the table-3 row labels but no
marker of either version (or markers of both in equal number) is
``unknown``; a report without any of them is ``narrative``.

>>> detect_layout("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数")
'standard_2021'
>>> detect_layout("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")
'standard_2019'
>>> detect_layout("一、本年新收政府信息公开申请数量 …")
'unknown'
>>> detect_layout("一、概述 全年共受理申请12件")
'narrative'
"""

from __future__ import annotations

from ..model import Layout
from .labels import compact
from .template import V2019_MARKERS, V2021_MARKERS

__all__ = ["detect_layout"]

_STANDARD_HINTS = (
    "本年新收政府信息公开申请数量",
    "第二十条第(一)项",
    "上年结转政府信息公开申请数量",
    "结果维持结果纠正",
)


def detect_layout(text: str, view: str | None = None) -> Layout:
    """The layout of a report whose text (and table cells) is ``text``.

    ``view`` is the compact view of ``text`` (:func:`.labels.compact`) when the
    caller has it already.
    """
    view = compact(text).text if view is None else view
    n2021 = sum(1 for m in V2021_MARKERS if m in view)
    n2019 = sum(1 for m in V2019_MARKERS if m in view)
    if n2021 > n2019:
        return "standard_2021"
    if n2019 > n2021:
        return "standard_2019"
    if n2019 or any(h in view for h in _STANDARD_HINTS):
        return "unknown"
    return "narrative"
