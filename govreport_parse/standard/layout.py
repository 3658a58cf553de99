"""Which template a report follows, from the set of template labels present (never from the year).

The evidence is counted per template: the version markers of the 2021 and 2019
tables (§5.1 of the reference: ``本年制发件数``…, ``本年新制作数量``…), the table-三
row labels both share (``本年新收政府信息公开申请数量``…), and the rows of the 2014
statistics table that were read with their cells (:mod:`.stats2014`). One
phrase is never enough: a 2019/2021 layout needs two distinct labels of the
template (a narrative report that quotes ``政府集中采购`` stays narrative), a
``statistics_2014`` layout four rows read as a table.

- the 2021 markers win when they outnumber the 2019 ones, and the reverse;
- a report with template labels but no winner (table-三 labels only, or a tie)
  is ``unknown``;
- else four or more 2014 rows make ``statistics_2014``;
- a report without any of them is ``narrative``.

>>> decide_layout("第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数").layout
'standard_2021'
>>> detect_layout("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")
'standard_2019'
>>> detect_layout("一、本年新收政府信息公开申请数量 二、上年结转政府信息公开申请数量")
'unknown'
>>> detect_layout("一、概述 全年共受理申请12件")
'narrative'
>>> d = decide_layout("重大建设项目131条，政府集中采购项目类信息7条")
>>> d.layout, d.evidence.labels
('narrative', ('政府集中采购',))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Layout, LayoutEvidence
from .labels import compact
from .template import V2019_MARKERS, V2021_MARKERS

__all__ = ["LayoutDecision", "decide_layout", "detect_layout"]

#: table-三 labels both templates share
SHARED_LABELS = (
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "结转下年度继续办理",
    "第二十条第(一)项",
    "结果维持结果纠正",
)
_MIN_TEMPLATE = 2
_MIN_2014_ROWS = 4


@dataclass(frozen=True, slots=True)
class LayoutDecision:
    """The layout and its evidence."""

    layout: Layout
    evidence: LayoutEvidence


def _confidence(winner: int, others: int, need: int) -> float:
    """1.0 for a clear majority of many labels, lower for few or mixed ones."""
    if winner <= 0:
        return 0.0
    strength = min(1.0, winner / (need + 2))
    purity = winner / (winner + others)
    return round(strength * purity, 3)


def decide_layout(view: str, stats_2014_labels: Iterable[str] = ()) -> LayoutDecision:
    """The layout of a report whose compact view (text and table cells) is ``view``.

    ``stats_2014_labels`` are the labels of the 2014-table rows read with
    cells (:func:`.stats2014.read_statistics_2014`).
    """
    m2021 = tuple(m for m in V2021_MARKERS if m in view)
    m2019 = tuple(m for m in V2019_MARKERS if m in view)
    shared = tuple(h for h in SHARED_LABELS if h in view)
    old = tuple(sorted(set(stats_2014_labels)))
    found = (
        ("standard_2021", len(m2021)),
        ("standard_2019", len(m2019)),
        ("shared_2019_2021", len(shared)),
        ("statistics_2014", len(old)),
    )
    layout: Layout
    if len(m2021) > len(m2019) and len(m2021) + len(shared) >= _MIN_TEMPLATE:
        layout, labels = "standard_2021", m2021 + shared
        conf = _confidence(len(labels), len(m2019), _MIN_TEMPLATE * 2)
    elif len(m2019) > len(m2021) and len(m2019) + len(shared) >= _MIN_TEMPLATE:
        layout, labels = "standard_2019", m2019 + shared
        conf = _confidence(len(labels), len(m2021), _MIN_TEMPLATE * 2)
    elif shared or (m2019 and len(m2019) == len(m2021)):
        layout, labels = "unknown", m2021 + m2019 + shared
        conf = 0.0
    elif len(old) >= _MIN_2014_ROWS:
        layout, labels = "statistics_2014", old
        conf = _confidence(len(old), len(m2019) + len(m2021), _MIN_2014_ROWS * 2)
    else:
        layout, labels = "narrative", m2021 + m2019 + old
        lone = len(labels)
        conf = round(1.0 - 0.25 * lone, 3) if lone < 4 else 0.0
    return LayoutDecision(layout, LayoutEvidence(labels=labels, confidence=conf, found=found))


def detect_layout(text: str, view: str | None = None) -> Layout:
    """The layout of a report whose text (and table cells) is ``text``.

    ``view`` is the compact view of ``text`` (:func:`.labels.compact`) when the
    caller has it already. The 2014 table is not read here: see :func:`decide_layout`.
    """
    return decide_layout(compact(text).text if view is None else view).layout
