"""Headline figures from prose: how many requests, items disclosed, fees, reviews, lawsuits.

Patterns are data (:data:`PATTERNS`): each names the metric, a regular
expression whose group ``n`` is the figure (or none, for statements of none
such as ``没有收取任何…费用``, which are the value 0), and a multiplier. The
first match in the text wins; approximate figures (``5500 余条``) are not
headline figures and do not match.

>>> found = find_headlines("截至12月31日，共有接收到依申请公开142件，办结同意率100%。")
>>> [(m.name, m.value, m.raw) for m in found]
[('requests_received', 142, '142')]
>>> [(m.name, m.value) for m in find_headlines("2018年度没有收取任何依申请公开信息的费用。")]
[('fees_collected_cny', 0)]
>>> find_headlines("主动公开各类政府信息 5500 余条")
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Metric

__all__ = ["PATTERNS", "HeadlinePattern", "find_headlines"]


@dataclass(frozen=True, slots=True)
class HeadlinePattern:
    """``name`` is the metric; without a group ``n`` the match states zero."""

    name: str
    pattern: str
    unit: str
    scale: int = 1


_NO = r"[^，,。；;：:\d\n]"
_CLAUSE = r"[^。；;\n]"
_PHRASE = r"[^。；;，,\n]"
# between 行政复议/行政诉讼 and the count: only words that keep it the number of cases
_COUNT_GAP = r"(?:案件数?|案|申请|数)?\s*(?:共计?|合计|为|达)?\s*"

PATTERNS: tuple[HeadlinePattern, ...] = (
    # requests received
    HeadlinePattern(
        "requests_received",
        rf"(?:接收到?|收到|受理|接到|新收)(?:了)?(?:(?!复议|诉讼|建议|提案){_NO}){{0,16}}?(?:申请|依申请公开){_NO}{{0,8}}?"
        r"(?<![\d.])(?P<n>\d+)\s*(?:件|个|条|份)",
        "件",
    ),
    HeadlinePattern("requests_received", r"受理依申请公开信息总数\s*[条件]\s*(?P<n>\d+)", "件"),
    HeadlinePattern(
        "requests_received", rf"未(?:收到|受理|接到|接收到?)(?:(?!复议|诉讼){_PHRASE}){{0,20}}?申请", "件"
    ),
    # carried over from the previous year
    HeadlinePattern(
        "requests_carried_over", rf"上一?年度?结转(?:{_NO}){{0,10}}?(?<![\d.])(?P<n>\d+)\s*件", "件"
    ),
    # proactive disclosure
    HeadlinePattern(
        "active_disclosed",
        rf"(?:主动公开|主动发布|公开发布|共公布|主动公布){_NO}{{0,12}}?信息(?:数|总数)?(?:达到?|共计?|为)?"
        r"\s*(?P<n>\d+)\s*条",
        "条",
    ),
    HeadlinePattern("active_disclosed", r"主动公开信息数\s*条\s*(?P<n>\d+)", "条"),
    # fees
    HeadlinePattern(
        "fees_collected_cny",
        rf"收取{_NO}{{0,20}}?(?:信息处理费|费用|费)(?:共计|合计|总计|共)?\s*(?P<n>\d+(?:\.\d+)?)\s*元",
        "元",
    ),
    HeadlinePattern(
        "fees_collected_cny",
        rf"收取{_NO}{{0,20}}?(?:信息处理费|费用|费)(?:共计|合计|总计|共)?\s*(?P<n>\d+(?:\.\d+)?)\s*万元",
        "元",
        10000,
    ),
    HeadlinePattern(
        "fees_collected_cny", rf"(?:没有|未|无|不){_PHRASE}{{0,16}}?收取{_PHRASE}{{0,20}}?费", "元"
    ),
    HeadlinePattern("fees_collected_cny", r"无(?:政府信息公开的?)?收费(?:和|及)?减免", "元"),
    # administrative review
    HeadlinePattern(
        "admin_review_cases",
        rf"(?<!未经)行政复议{_COUNT_GAP}(?<![\d.])(?P<n>\d+)\s*(?:件|起|次)(?!以)",
        "件",
    ),
    HeadlinePattern("admin_review_cases", r"行政复议数\s*件\s*(?P<n>\d+)", "件"),
    HeadlinePattern(
        "admin_review_cases", rf"(?:未|没有)(?:发生|收到|出现|有|接到|被申请){_PHRASE}{{0,30}}?行政复议", "件"
    ),
    # administrative litigation
    HeadlinePattern(
        "admin_litigation_cases",
        rf"行政诉讼{_COUNT_GAP}(?<![\d.])(?P<n>\d+)\s*(?:件|起|次)(?!以)",
        "件",
    ),
    HeadlinePattern("admin_litigation_cases", r"行政诉讼数\s*件\s*(?P<n>\d+)", "件"),
    HeadlinePattern(
        "admin_litigation_cases",
        rf"(?:未|没有)(?:发生|收到|出现|有|接到|被提起|被起诉){_PHRASE}{{0,40}}?行政诉讼",
        "件",
    ),
)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern)


def find_headlines(text: str) -> list[Metric]:
    """The first prose statement of each headline figure, as ``source="text"`` metrics.

    ``start``/``end`` cover the figure (or the whole statement of none); ``label``
    quotes the statement.

    >>> m = find_headlines("区政府办代表区政府受理政府信息公开申请 17 件，均已答复。")[0]
    >>> m.value, m.label
    (17, '受理政府信息公开申请 17 件')
    """
    best: dict[str, tuple[int, Metric]] = {}
    for p in PATTERNS:
        m = _compiled(p.pattern).search(text)
        if m is None:
            continue
        if "n" in m.groupdict() and m.group("n") is not None:
            raw = m.group("n")
            if len(raw) > 24:  # no headline count has this many digits (int() refuses > 4,300)
                continue
            num = float(raw) if "." in raw else int(raw)
            value: int | float = num * p.scale if p.scale != 1 else num
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            start, end = m.start("n"), m.end("n")
        else:
            raw, value, start, end = m.group(), 0, m.start(), m.end()
        metric = Metric(
            name=p.name,
            value=value,
            raw=raw,
            unit=p.unit,
            source="text",
            start=start,
            end=end,
            label=m.group(),
        )
        if p.name not in best or m.start() < best[p.name][0]:
            best[p.name] = (m.start(), metric)
    return [best[k][1] for k in sorted(best, key=lambda k: best[k][0])]
