"""The 2014–2018 statistics table (政府信息公开情况统计表) and the older local tables.

Reports for 2008–2018 append a table of 指标名称 / 计量单位 / 本年度 / 历年累计: the
national 2014 form (主动公开政府信息数, 收到申请数, 行政复议数量, 举报投诉数量,
依申请公开信息收取的费用, 机构建设和保障经费, 会议和培训…) and the older local forms
(主动公开信息数, 受理依申请公开信息总数, 同意公开答复数, 否决公开答复数, 行政申诉数…).
:data:`ROWS` is that vocabulary as data: each row has one canonical key, the
labels real tables print, and the row it is a part of (其中 rows).

Rows are found in order on the compact view, from the table's header (指标名称,
计量单位, or a 统计表 caption followed by a row label); the text between one label and the
next holds the unit and the cells. A run that lost its separators (``294981916``:
本年度 2949, 历年累计 81916) is split every way that keeps 本年度 ≤ 历年累计 and no
leading zeros; the table's own structure chooses (a 其中 row is never larger than
its row, in both columns; the parts add up when they can), then an exact prose
figure of the same metric; a run still ambiguous is left empty with a
diagnostic, never guessed.

Metric names: ``statistics_2014.<row>.this_year`` and
``statistics_2014.<row>.cumulative``.

>>> t = "指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967 "
>>> t += "其中：1、政府网站公开数 条 2543 78967 2、政府公报公开数 条 0 0 行政复议数 件 0 0 行政诉讼数 件 0 0"
>>> r = read_statistics_2014(t)
>>> [(m.name, m.value) for m in r.metrics][:2]
[('statistics_2014.active_disclosed.this_year', 2543), ('statistics_2014.active_disclosed.cumulative', 78967)]
>>> sorted(r.labels)[:2]
['主动公开文件数', '政府公报公开数']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Check, Diagnostic, Metric, Span
from .labels import Compact, compact

__all__ = ["ROWS", "Row2014", "Stats2014", "read_statistics_2014", "split_pair"]


@dataclass(frozen=True, slots=True)
class Row2014:
    """One row: canonical ``key``, printed ``labels``, ``parent`` row of a 其中 row.

    ``part`` says whether the row adds up with its siblings to ``parent``
    (网站 + 公报 = 主动公开) or is only a subset of it (其中主动公开规范性文件数).
    """

    key: str
    labels: tuple[str, ...]
    unit: str
    parent: str | None = None
    part: bool = True


ROWS: tuple[Row2014, ...] = (
    # 一、主动公开情况
    Row2014("active_disclosed", ("主动公开政府信息数", "主动公开信息数", "主动公开文件数"), "条"),
    Row2014(
        "active_via_website",
        ("政府网站公开数", "网站公开数", "政府网站公开", "网站公开"),
        "条",
        "active_disclosed",
    ),
    Row2014("active_via_gazette", ("政府公报公开数", "政府公报公开"), "条", "active_disclosed"),
    Row2014("active_normative_documents", ("主动公开规范性文件数",), "条", "active_disclosed", False),
    Row2014("normative_documents_issued", ("制发规范性文件总数",), "件"),
    # 二、回应解读情况
    Row2014("responses_to_concerns", ("回应公众关注热点或重大舆情数",), "次"),
    # 三、依申请公开情况
    Row2014(
        "requests_received",
        ("受理依申请公开信息总数", "受理政府信息依申请公开总数", "依申请公开信息总数", "收到申请数"),
        "件",
    ),
    Row2014("requests_in_person", ("当面申请数",), "件", "requests_received"),
    Row2014("requests_by_fax", ("传真申请数",), "件", "requests_received"),
    Row2014("requests_by_email", ("电子邮件申请数",), "件", "requests_received"),
    Row2014("requests_online", ("网络申请数", "网上申请数"), "件", "requests_received"),
    Row2014("requests_by_letter_or_fax", ("信函、传真申请数",), "件", "requests_received"),
    Row2014("requests_by_letter", ("信函申请数",), "件", "requests_received"),
    Row2014("requests_other_form", ("其它形式申请数", "其他形式申请数"), "件", "requests_received"),
    Row2014("replies_total", ("对申请的答复总数", "对申请的答复数", "申请办理结果数"), "件"),
    Row2014("replies_disclosed", ("同意公开答复数", "同意公开数"), "件", "replies_total"),
    Row2014("replies_partially_disclosed", ("同意部分公开答复数", "同意部分公开数"), "件", "replies_total"),
    Row2014(
        "replies_refused",
        ("否决公开答复总数", "否决公开答复数", "不予公开答复数", "不同意公开答复数", "不同意公开数"),
        "件",
        "replies_total",
    ),
    Row2014("replies_other", ("其他类型答复数", "其他答复数"), "件", "replies_total"),
    # 四–六、复议、诉讼、申诉、举报
    Row2014("admin_review", ("行政复议数量", "行政复议数"), "件"),
    Row2014("admin_litigation", ("行政诉讼数量", "行政诉讼数"), "件"),
    Row2014("appeals_and_complaints", ("行政申诉、举报数",), "件"),
    Row2014("appeals", ("行政申诉数",), "件"),
    Row2014("litigation_and_complaints_received", ("接受行政诉讼、举报数",), "件"),
    Row2014("complaints", ("举报投诉数量", "举报投诉数"), "件"),
    # 七、收费
    Row2014("fees_collected_cny", ("依申请公开信息收取的费用", "收取的费用"), "元"),
    Row2014("fee_reductions_cny", ("政府信息公开收费减免金额", "收费减免金额"), "元"),
    # 八、九、机构、经费、会议和培训
    Row2014("dedicated_bodies", ("政府信息公开工作专门机构数",), "个"),
    Row2014("reading_points", ("设置政府信息公开查阅点数",), "个"),
    Row2014("staff_full_time", ("从事政府信息公开工作人员数",), "人"),
    Row2014("budget_10k_cny", ("政府信息公开专项经费",), "万元"),
    Row2014("meetings", ("召开政府信息公开工作会议或专题会议数",), "次"),
    Row2014("trainings", ("举办各类培训班数",), "次"),
    Row2014("trainees", ("接受培训人员数",), "人次"),
)

_BY_KEY = {r.key: r for r in ROWS}
_LABELS = sorted(((label, r.key) for r in ROWS for label in r.labels), key=lambda p: -len(p[0]))
_LABEL_RE = re.compile("|".join(re.escape(label) for label, _ in _LABELS))
_KEY_OF = dict(_LABELS)
#: units a row's cells start with (longest first)
_UNITS = ("人次", "万元", "条", "件", "元", "个", "次", "人", "期", "项")
#: the numbering of the next row, glued to this row's last run (``…2949819162、政府公报``)
_NEXT_NUMBER = re.compile(r"(?:其中[:：])?[0-9][、.]$")
_HEADER = ("指标名称", "计量单位", "统计表")
_PIPES = "|｜"
_CUMULATIVE_HEADER = ("历年累计", "累计")
_MIN_ROWS = 4
_MAX_COMBINATIONS = 4096
#: headline metric (prose) -> table row, for splitting an ambiguous run
PROSE_ROWS = {
    "active_disclosed": "active_disclosed",
    "requests_received": "requests_received",
    "admin_review_cases": "admin_review",
    "admin_litigation_cases": "admin_litigation",
    "fees_collected_cny": "fees_collected_cny",
}


@dataclass(frozen=True, slots=True)
class _Cell:
    raw: str
    start: int
    end: int


@dataclass(slots=True)
class _Row:
    spec: Row2014
    label: str
    start: int
    end: int
    unit: str | None
    cells: list[_Cell]
    cstart: int = 0
    candidates: list[tuple[int | float, int | float | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Stats2014:
    """What was read: metrics, row-sum checks, diagnostics, and the labels found."""

    metrics: tuple[Metric, ...] = ()
    checks: tuple[Check, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    labels: frozenset[str] = frozenset()
    rows_read: int = 0


def split_pair(run: str) -> list[tuple[int, int]]:
    """Every (本年度, 历年累计) split of a digit run: no leading zeros, 本年度 ≤ 历年累计.

    >>> split_pair("2121")
    [(2, 121), (21, 21)]
    >>> split_pair("00"), split_pair("728")
    ([(0, 0)], [(7, 28)])
    """
    out = []
    for i in range(1, len(run)):
        a, b = run[:i], run[i:]
        if (len(a) > 1 and a[0] == "0") or (len(b) > 1 and b[0] == "0"):
            continue
        if int(a) <= int(b):
            out.append((int(a), int(b)))
    return out


def _number(raw: str) -> int | float | None:
    if raw.isdigit():
        return int(raw)
    head, dot, tail = raw.partition(".")
    if dot and head.isdigit() and tail.isdigit():
        return float(raw)
    return None


def _table_start(view: Compact) -> int:
    """Where the table begins: its header (指标名称, 计量单位, or the last 统计表 before a row label)."""
    best = -1
    for h in _HEADER:
        i = view.text.rfind(h)
        while i >= 0:
            m = _LABEL_RE.search(view.text, i, i + 120)
            if m is not None:
                return i
            i = view.text.rfind(h, 0, i)
    return best


def _locate(text: str, view: Compact, begin: int) -> list[_Row]:
    hits = [m for m in _LABEL_RE.finditer(view.text, begin)]
    rows: list[_Row] = []
    seen: set[str] = set()
    for i, m in enumerate(hits):
        key = _KEY_OF[m.group()]
        stop = hits[i + 1].start() if i + 1 < len(hits) else min(len(view.text), m.end() + 40)
        seg = view.text[m.end() : stop]
        lead = len(seg) - len(seg.lstrip(_PIPES))  # a pipe row: 网站公开|条|418|1509
        unit = next((u for u in _UNITS if seg.startswith(u, lead)), None)
        body_start = m.end() + lead + (len(unit) if unit else 0)
        nxt = _NEXT_NUMBER.search(view.text, body_start, stop) if i + 1 < len(hits) else None
        body_end = nxt.start() if nxt else stop
        if key in seen or unit is None:
            continue
        s, _ = view.to_source(body_start, body_start + 1) if body_start < len(view.text) else (len(text), 0)
        e = view.to_source(body_end - 1, body_end)[1] if body_end > body_start else s
        cells: list[_Cell] = []
        for tok in re.finditer(r"\S+", text[s:e]):
            raw = tok.group()
            if raw.strip(_PIPES) == "":
                continue
            if _number(raw) is None:
                break
            cells.append(_Cell(raw, s + tok.start(), s + tok.end()))
        if not cells:
            continue
        seen.add(key)
        ls, le = view.to_source(m.start(), m.end())
        rows.append(_Row(_BY_KEY[key], m.group(), ls, le, unit, cells, m.start()))
    return rows


def _candidates(row: _Row, two_columns: bool) -> list[tuple[int | float, int | float | None]]:
    values = [_number(c.raw) for c in row.cells]
    if len(values) >= 2:
        a, b = values[0], values[1]
        return [(a, b)] if a is not None else []
    v = values[0]
    raw = row.cells[0].raw
    if v is None:
        return []
    if not two_columns or not raw.isdigit() or len(raw) == 1:
        return [(v, None)]
    return [(a, b) for a, b in split_pair(raw)]


def _group_ok(
    parent: tuple[int | float, int | float | None], kids: Sequence[tuple[int | float, int | float | None]]
) -> bool:
    for y, c in kids:
        if y > parent[0] or (c is not None and parent[1] is not None and c > parent[1]):
            return False
    return True


def _sums(
    parent: tuple[int | float, int | float | None], kids: Sequence[tuple[int | float, int | float | None]]
) -> bool:
    if sum(k[0] for k in kids) != parent[0]:
        return False
    cums = [k[1] for k in kids]
    return (
        parent[1] is None
        or any(c is None for c in cums)
        or sum(c for c in cums if c is not None) == parent[1]
    )


def _resolve(rows: list[_Row], prose: Mapping[str, int | float]) -> list[str]:
    """Narrow every row to one candidate where the structure (then the prose) allows."""
    by_key = {r.spec.key: r for r in rows}
    for name, key in PROSE_ROWS.items():
        r = by_key.get(key)
        if r is not None and len(r.candidates) > 1 and name in prose:
            fit = [c for c in r.candidates if c[0] == prose[name]]
            if len(fit) == 1:
                r.candidates = fit
                r.label += " (run split by the prose figure)"
    parents = [r for r in rows if any(k.spec.parent == r.spec.key for k in rows)]
    for p in parents:
        kids = [k for k in rows if k.spec.parent == p.spec.key]
        adds = [k for k in kids if k.spec.part]
        group = [p, *kids]
        total = 1
        for r in group:
            total *= max(1, len(r.candidates))
        if total > _MAX_COMBINATIONS or total == 1 or any(not r.candidates for r in group):
            continue
        combos = [
            combo
            for combo in itertools.product(*(r.candidates for r in group))
            if _group_ok(combo[0], combo[1:])
        ]
        summed = [c for c in combos if _sums(c[0], [c[1 + kids.index(k)] for k in adds])]
        if summed and len(adds) >= 2:
            combos = summed
        for i, r in enumerate(group):
            options = sorted({c[i] for c in combos}, key=str)
            if options:
                r.candidates = [o for o in r.candidates if o in options]
    return [r.spec.key for r in rows if len(r.candidates) != 1]


def read_statistics_2014(
    text: str, view: Compact | None = None, prose: Mapping[str, int | float] | None = None
) -> Stats2014:
    """The 2014-style statistics table of ``text`` (empty when it has none).

    ``prose`` maps headline metric names to exact prose figures; they choose
    between splits of a run the table's structure leaves open.

    >>> t = "指标名称计量单位2015年度历年累计主动公开文件数条294981916其中：1、政府网站公开数条"
    >>> t += "2949819162、政府公报公开数条00受理依申请公开信息总数条01行政复议数件00"
    >>> r = read_statistics_2014(t, prose={"active_disclosed": 2949})
    >>> {m.name: m.value for m in r.metrics}["statistics_2014.active_via_website.cumulative"]
    81916
    """
    view = view or compact(text)
    begin = _table_start(view)
    if begin < 0:
        return Stats2014()
    rows = _locate(text, view, begin)
    if len(rows) < _MIN_ROWS:
        return Stats2014(labels=frozenset(r.label for r in rows), rows_read=0)
    head = view.text[begin : rows[0].cstart]
    two = any(h in head for h in _CUMULATIVE_HEADER) or any(len(r.cells) >= 2 for r in rows)
    for r in rows:
        r.candidates = _candidates(r, two)
    ambiguous = _resolve(rows, prose or {})
    metrics: list[Metric] = []
    diagnostics: list[Diagnostic] = []
    for r in rows:
        if r.spec.key in ambiguous:
            options = ", ".join(f"{a}|{b}" for a, b in r.candidates) or "none"
            diagnostics.append(
                Diagnostic(
                    code="standard.statistics_2014_ambiguous",
                    severity="warning",
                    message=f"{r.label}: the run {r.cells[0].raw} splits as {options}; left empty",
                    start=r.cells[0].start,
                    end=r.cells[0].end,
                )
            )
            continue
        year, cum = r.candidates[0]
        glued = len(r.cells) == 1 and cum is not None
        first = r.cells[0]
        second = r.cells[1] if len(r.cells) >= 2 else None
        for col, value in (("this_year", year), ("cumulative", cum)):
            if value is None:
                continue
            cell = first if col == "this_year" or glued or second is None else second
            metrics.append(
                Metric(
                    name=f"statistics_2014.{r.spec.key}.{col}",
                    value=value,
                    raw=cell.raw,
                    unit=r.unit,
                    source="text",
                    start=cell.start,
                    end=cell.end,
                    label=f"{r.label} {'本年度' if col == 'this_year' else '历年累计'}",
                    derived=glued,
                )
            )
    return Stats2014(
        metrics=tuple(metrics),
        checks=tuple(_row_checks(metrics, rows)),
        diagnostics=tuple(diagnostics),
        labels=frozenset(r.label.split(" (")[0] for r in rows),
        rows_read=len(rows),
    )


def _row_checks(metrics: Sequence[Metric], rows: Sequence[_Row]) -> list[Check]:
    """``statistics_2014.parts.<row>.<col>``: the 其中 rows that add up, against their row."""
    by = {m.name: m for m in metrics}
    out: list[Check] = []
    keys = {r.spec.key for r in rows}
    for parent in [r.spec.key for r in rows]:
        kids = [r.key for r in ROWS if r.parent == parent and r.part and r.key in keys]
        if len(kids) < 2:
            continue
        for col in ("this_year", "cumulative"):
            p = by.get(f"statistics_2014.{parent}.{col}")
            parts = [by.get(f"statistics_2014.{k}.{col}") for k in kids]
            if p is None or p.value is None or any(m is None or m.value is None for m in parts):
                continue
            got = sum(m.value for m in parts if m is not None and m.value is not None)
            ok = abs(got - p.value) < 1e-9
            refs = tuple(
                Span(start=m.start, end=m.end)
                for m in (p, *parts)
                if m is not None and m.start is not None and m.end is not None
            )
            shown = " + ".join(str(m.value) for m in parts if m is not None)
            out.append(
                Check(
                    rule=f"statistics_2014.parts.{parent}.{col}",
                    status="pass" if ok else "fail",
                    expected=p.value,
                    actual=got,
                    message=f"{p.label}: {shown} {'=' if ok else '≠'} {p.value}",
                    refs=refs,
                )
            )
    return out
