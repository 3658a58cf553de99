"""The report's own arithmetic, checked (never fixed).

Table checks (rule names): ``requests.balance.<col>`` (新收 + 上年结转 = 办理结果总计 +
结转下年度), ``requests.row_total.<row>`` (总计 = the six applicant columns),
``requests.results_total.<col>`` (（七）总计 = the result rows),
``review_litigation.total.<row>`` (总计 = 维持 + 纠正 + 其他 + 尚未审结),
``statistics_2014.parts.<row>`` (the 其中 rows of the 2014 table = their row).

Prose checks read the :class:`~govreport_parse.model.Quantity` and
:class:`~govreport_parse.model.Percentage` facts that ``extract`` produced (one
reader of numbers: no number pattern here), so ``十五件`` takes part like ``15件``
and every operand of a check is a fact of the report, with the same span.
``prose.sum`` (``128件，…1件，共计129件``), ``prose.parts`` (a list of figures
whose sum is a figure stated before it: ``集体提案5件，委员提案154件`` of
``立案159件``; after ``其中`` a list that names a catch-all ``其他`` item must add
up, or the check fails), ``prose.share`` (``118件，占总数的92.2%``: the base is the
earlier figure that fits every share of the sentence), and ``headline.<name>``
(the prose figure against the table's).

A qualified figure (``不足10件``, ``超过``, ``约``, ``余``, a range) is not exact:
a check it takes part in is ``skipped``, and its message says which figure is
qualified; it never makes an exact check pass.

>>> [c.message for c in prose_checks("建议128件，转办1件，共计129件。")]
['128 + 1 = 129']
>>> [(c.status, c.message) for c in prose_checks("收到申请不足10件，办结5件，共计15件。")]
[('skipped', '10 + 5 ? 15: not checked, 10件 is qualified (less_than), not an exact figure')]
>>> [c.message for c in prose_checks("收到申请十件，办结五件，共计十五件。")]
['10 + 5 = 15']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Check, Fact, Metric, Percentage, Quantity, Span
from .assemble import result_rows
from .template import REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_ROWS

__all__ = ["ProseQuantity", "headline_checks", "prose_checks", "prose_quantities", "table_checks"]

#: units a prose check adds up (a count or an amount of money); 万元/亿元 scale to 元
_UNITS = frozenset({"人次", "件", "条", "个", "起", "次", "份", "项", "篇", "家", "名", "人", "元"})
_SCALED = {"万元": ("元", 10_000), "亿元": ("元", 100_000_000)}
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|总共|共)\s*$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_SHARE_GAP = re.compile(r"[^，。；%]{0,3}[，,]?\s*(?:占|约占)[^，。；]{0,6}")
_BACK = 600


@dataclass(frozen=True, slots=True)
class ProseQuantity:
    """A quantity fact as the checks use it: ``value`` scaled to ``unit`` (万元 → 元)."""

    fact: Quantity
    value: float
    unit: str
    before: str

    @property
    def start(self) -> int:
        return self.fact.start

    @property
    def end(self) -> int:
        return self.fact.end

    @property
    def exact(self) -> bool:
        """Neither qualified (不足, 超过, 约, 余…) nor a range."""
        return self.fact.qualifier == "exact" and self.fact.value_max is None

    @property
    def span(self) -> Span:
        return Span(start=self.fact.start, end=self.fact.end)


def _fmt(v: float | int | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _facts_of(text: str, facts: Sequence[Fact] | None) -> Sequence[Fact]:
    if facts is not None:
        return facts
    from ..extract import extract_facts  # the one reader of numbers

    return extract_facts(text).facts


def prose_quantities(text: str, facts: Sequence[Fact]) -> list[ProseQuantity]:
    """The count and money quantity facts, in text order.

    >>> from govreport_parse.extract import extract_facts
    >>> t = "费用1.5万元，约20件"
    >>> [(q.value, q.unit, q.exact) for q in prose_quantities(t, extract_facts(t).facts)]
    [(15000.0, '元', True), (20.0, '件', False)]
    """
    out = []
    for f in facts:
        if not isinstance(f, Quantity) or f.unit is None:
            continue
        unit, scale = _SCALED.get(f.unit, (f.unit, 1))
        if unit not in _UNITS:
            continue
        before = text[max(0, f.start - 6) : f.start]
        out.append(ProseQuantity(f, float(f.value) * scale, unit, before))
    out.sort(key=lambda q: q.start)
    return out


def _percentages(facts: Sequence[Fact]) -> list[Percentage]:
    return sorted(
        (f for f in facts if isinstance(f, Percentage) and f.kind == "percentage"), key=lambda f: f.start
    )


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _qualified_note(items: Sequence[ProseQuantity]) -> str:
    loose = [q for q in items if not q.exact]
    what = ", ".join(
        f"{q.fact.text} is qualified ({q.fact.qualifier if q.fact.value_max is None else 'range'})"
        for q in loose
    )
    return f"not checked, {what}, not an exact figure"


def _equality(
    rule: str, parts: Sequence[ProseQuantity], total: ProseQuantity, unit: str, refs: tuple[Span, ...]
) -> Check:
    """``sum(parts) == total``; ``skipped`` when any operand is qualified."""
    got = sum(p.value for p in parts)
    lhs = " + ".join(_fmt(p.value) for p in parts)
    if not all(q.exact for q in (*parts, total)):
        return Check(
            rule=rule,
            status="skipped",
            expected=total.value,
            actual=got,
            message=f"{lhs} ? {_fmt(total.value)}: {_qualified_note([*parts, total])}",
            refs=refs,
        )
    ok = abs(got - total.value) < 1e-9
    msg = lhs + (" = " if ok else " ≠ ") + _fmt(total.value)
    if rule == "prose.sum" and not ok:
        msg += f" (stated total {_fmt(total.value)}{unit})"
    return Check(
        rule=rule, status="pass" if ok else "fail", expected=total.value, actual=got, message=msg, refs=refs
    )


def prose_checks(text: str, facts: Sequence[Fact] | None = None) -> list[Check]:
    """Sums, parts and shares stated in the prose, checked over the quantity facts.

    ``facts`` are the report's facts (``None``: read them from ``text`` now).

    >>> t = "代表建议128件，转办1件。解决的118件，占总数的92.2%；不能解决的10件，占总数的7.8%。"
    >>> [(c.rule, c.status, c.message) for c in prose_checks(t)][1:]
    [('prose.share', 'pass', '118 / 128 = 92.2%'), ('prose.share', 'pass', '10 / 128 = 7.8%')]
    """
    facts = _facts_of(text, facts)
    qs = prose_quantities(text, facts)
    pcts = _percentages(facts)
    checks: list[Check] = []
    starts = [q.start for q in qs]
    pct_starts = [p.start for p in pcts]
    for s, e in _sentences(text):
        in_sent = qs[bisect_left(starts, s) : bisect_left(starts, e)]
        sent_pcts = pcts[bisect_left(pct_starts, s) : bisect_left(pct_starts, e)]
        if len(in_sent) < 2 and not sent_pcts:
            continue
        near = qs[bisect_left(starts, s - _BACK) : bisect_left(starts, e)]
        checks.extend(_sum_checks(text, near, in_sent, s))
        checks.extend(_share_checks(text, near, in_sent, sent_pcts))
    return checks


def _sum_checks(
    text: str, qs: Sequence[ProseQuantity], in_sent: Sequence[ProseQuantity], s: int
) -> list[Check]:
    out: list[Check] = []
    used_total = False
    by_unit: dict[str, list[ProseQuantity]] = {}
    for q in in_sent:
        by_unit.setdefault(q.unit, []).append(q)
    for unit, items in by_unit.items():
        # explicit totals: 共计 N after at least two figures of the same unit
        item_starts = [p.start for p in items]
        for i, q in enumerate(items):
            if i < 2 or not _TOTAL_WORD.search(q.before):
                continue
            lo = max(s, q.start - _BACK)
            clause = max(text.rfind(";", lo, q.start), text.rfind("；", lo, q.start), lo - 1)
            parts = items[bisect_left(item_starts, clause + 1) : i]
            if len(parts) >= 2:
                out.append(_equality("prose.sum", parts, q, unit, tuple(p.span for p in [*parts, q])))
                used_total = True
        if used_total or len(items) < 2:
            continue
        out.extend(_parts_check(text, qs, items, unit, s))
    return out


def _parts_check(
    text: str, qs: Sequence[ProseQuantity], items: Sequence[ProseQuantity], unit: str, s: int
) -> list[Check]:
    """A list whose sum is an earlier figure (or a 其中 list that must be complete)."""
    # 其中: the total is the same-unit figure just before 其中
    k = text.find("其中", s, items[-1].start)
    parts = list(items)
    if k >= 0 and any(q.start > k for q in items):
        after = [q for q in parts if q.start > k]
        stop = re.search(r"[；;)）。]", text[k : after[-1].end]) if after else None
        if stop:
            after = [q for q in after if q.start < k + stop.start()]
        before = [q for q in qs if q.unit == unit and k - 12 <= q.end <= k]
        if len(after) >= 2 and before:
            total = before[-1]
            got = sum(q.value for q in after)
            ok = abs(got - total.value) < 1e-9
            catch_all = any(re.search(r"其他|其余|其它", text[max(k, q.start - 16) : q.start]) for q in after)
            if ok or catch_all:
                return [_equality("prose.parts", after, total, unit, (total.span, *(q.span for q in after)))]
            return []
    if not all(p.exact for p in parts):
        return []  # an equal earlier figure found by a qualified sum would be a coincidence
    got = sum(q.value for q in parts)
    for q in reversed(
        [q for q in qs if q.unit == unit and q.exact and parts[0].start - _BACK <= q.start < parts[0].start]
    ):
        if abs(q.value - got) < 1e-9:
            return [_equality("prose.parts", parts, q, unit, (q.span, *(p.span for p in parts)))]
    return []


def _decimals(p: Percentage) -> int:
    number = p.text.rstrip("%％ ")
    return len(number.split(".")[1]) if "." in number else 0


def _fits(part: float, base: float, p: Percentage) -> bool:
    return base > 0 and abs(part / base * 100 - p.value) <= 0.5 * 10 ** -_decimals(p) + 1e-9


def _share_checks(
    text: str, qs: Sequence[ProseQuantity], in_sent: Sequence[ProseQuantity], pcts: Sequence[Percentage]
) -> list[Check]:
    shares: list[tuple[ProseQuantity, Percentage]] = []
    for q in in_sent:
        p = next((p for p in pcts if p.start >= q.end), None)
        if p is None or any(r.start < p.start for r in in_sent if r.start > q.start):
            continue
        gap = text[q.end : p.start]
        if len(gap) <= 16 and _SHARE_GAP.fullmatch(gap) and not any(ch.isdigit() for ch in gap):
            shares.append((q, p))
    if not shares:
        return []
    unit = shares[0][0].unit
    pool = [
        q
        for q in qs
        if q.unit == unit and q.exact and shares[0][0].start - _BACK <= q.start < shares[0][0].start
    ]
    pool.reverse()  # nearest first
    base = next((b for b in pool if all(_fits(q.value, b.value, p) for q, p in shares)), None)
    out = []
    for q, p in shares:
        b = base or next((b for b in pool if _fits(q.value, b.value, p)), None)
        if b is None:
            continue
        refs = (q.span, b.span, Span(start=p.start, end=p.end))
        got = round(q.value / b.value * 100, 4)
        text_p = p.text.rstrip("%％ ")
        if not q.exact or p.qualifier != "exact":
            loose = f"{p.text} is qualified ({p.qualifier})" if p.qualifier != "exact" else ""
            note = _qualified_note([q]) if not q.exact else f"not checked, {loose}, not an exact figure"
            out.append(
                Check(
                    rule="prose.share",
                    status="skipped",
                    expected=p.value,
                    actual=got,
                    message=f"{_fmt(q.value)} / {_fmt(b.value)} ? {text_p}%: {note}",
                    refs=refs,
                )
            )
            continue
        out.append(
            Check(
                rule="prose.share",
                status="pass",
                expected=p.value,
                actual=got,
                message=f"{_fmt(q.value)} / {_fmt(b.value)} = {text_p}%",
                refs=refs,
            )
        )
    return out


# --------------------------------------------------------------------------- tables


def _span(m: Metric | None) -> Span | None:
    if m is None or m.start is None or m.end is None:
        return None
    return Span(start=m.start, end=m.end)


def _equation(rule: str, left: Sequence[Metric], right: Sequence[Metric], message: str) -> Check | None:
    if any(m.value is None for m in (*left, *right)):
        return None
    lv = sum(m.value for m in left if m.value is not None)
    rv = sum(m.value for m in right if m.value is not None)
    ok = abs(lv - rv) < 1e-9
    refs = tuple(s for s in (_span(m) for m in (*left, *right)) if s is not None)
    lhs = " + ".join(_fmt(m.value) for m in left)
    rhs = " + ".join(_fmt(m.value) for m in right)
    return Check(
        rule=rule,
        status="pass" if ok else "fail",
        expected=lv,
        actual=rv,
        message=f"{message}: {lhs} {'=' if ok else '≠'} {rhs}",
        refs=refs,
    )


def table_checks(metrics: Mapping[str, Metric]) -> list[Check]:
    """The identities of tables 三 and 四 over the printed cells.

    >>> from govreport_parse.model import Metric
    >>> row = [("upheld", 10), ("corrected", 1), ("other_result", 0), ("pending", 0), ("total", 0)]
    >>> cells = {f"review_litigation.administrative_review.{k}": Metric(name="", value=v) for k, v in row}
    >>> [(c.status, c.message.split(": ")[-1]) for c in table_checks(cells)]
    [('fail', '0 ≠ 10 + 1 + 0 + 0')]
    """
    out: list[Check | None] = []

    def get(name: str) -> Metric | None:
        m = metrics.get(name)
        return m if m is not None and not m.derived else None

    present = [
        r.key
        for r in REQUEST_ROWS
        if get(f"requests.{r.key}.total") or get(f"requests.{r.key}.natural_person")
    ]
    expected_parts = result_rows(present)
    # The results identity needs every result row; a row that could not be read skips it.
    parts = list(expected_parts) if all(k in present for k in expected_parts) else []
    for col in REQUEST_COLUMNS:
        c = col.key
        a, b = get(f"requests.received_this_year.{c}"), get(f"requests.carried_over_from_last_year.{c}")
        t, d = get(f"requests.results_total.{c}"), get(f"requests.carried_over_to_next_year.{c}")
        if a and b and t and d:
            out.append(
                _equation(
                    f"requests.balance.{c}",
                    [a, b],
                    [t, d],
                    f"{col.label_2019}: 新收 + 上年结转 = 办理结果总计 + 结转下年度",
                )
            )
        rows = [get(f"requests.{k}.{c}") for k in parts]
        if t and parts and all(rows):
            out.append(
                _equation(
                    f"requests.results_total.{c}",
                    [t],
                    [m for m in rows if m],
                    f"{col.label_2019}: （七）总计 = 办理结果各项之和",
                )
            )
    for key in [
        *present,
        *sorted({".".join(n.split(".")[1:3]) for n in metrics if n.startswith("requests.extra.")}),
    ]:
        if key.startswith("extra") and f"requests.{key}.total" not in metrics:
            continue
        total = get(f"requests.{key}.total")
        cols = [get(f"requests.{key}.{c.key}") for c in REQUEST_COLUMNS[:6]]
        if total and all(cols):
            out.append(
                _equation(
                    f"requests.row_total.{key}",
                    [total],
                    [m for m in cols if m],
                    f"{key}: 总计 = 自然人 + 法人或其他组织各列",
                )
            )
    for row in REVIEW_ROWS:
        total = get(f"review_litigation.{row.key}.total")
        cols = [get(f"review_litigation.{row.key}.{c.key}") for c in REVIEW_COLUMNS[:4]]
        if total and all(cols):
            out.append(
                _equation(
                    f"review_litigation.total.{row.key}",
                    [total],
                    [m for m in cols if m],
                    f"{row.label_2019}: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                )
            )
    return [c for c in out if c is not None]


def headline_checks(
    table: Mapping[str, Metric], prose: Mapping[str, Metric], carried: Metric | None
) -> list[Check]:
    """The prose figure against the table's; the table's value is kept either way.

    >>> from govreport_parse.model import Metric
    >>> t = {"requests_received": Metric(name="requests_received", value=95, label="新收 / 总计")}
    >>> p = {"requests_received": Metric(name="requests_received", value=17, label="受理申请17件")}
    >>> [(c.status, c.expected, c.actual) for c in headline_checks(t, p, None)]
    [('fail', 95, 17)]
    """
    out = []
    for name, t in table.items():
        p = prose.get(name)
        if p is None or t.value is None or p.value is None or p.qualifier != "exact":
            continue  # a qualified prose figure (5500余条) is not compared as if exact
        refs = tuple(s for s in (_span(t), _span(p)) if s is not None)
        if p.value == t.value:
            out.append(
                Check(
                    rule=f"headline.{name}",
                    status="pass",
                    expected=t.value,
                    actual=p.value,
                    message=f"prose “{p.label}” = table {_fmt(t.value)}",
                    refs=refs,
                )
            )
            continue
        if (
            name == "requests_received"
            and carried is not None
            and carried.value is not None
            and p.value == t.value + carried.value
        ):
            out.append(
                Check(
                    rule=f"headline.{name}",
                    status="pass",
                    expected=t.value + carried.value,
                    actual=p.value,
                    refs=(*refs, *(s for s in [_span(carried)] if s)),
                    message=f"prose “{p.label}” = table 新收 {_fmt(t.value)} "
                    f"+ 上年结转 {_fmt(carried.value)}",
                )
            )
            continue
        out.append(
            Check(
                rule=f"headline.{name}",
                status="fail",
                expected=t.value,
                actual=p.value,
                refs=refs,
                message=f"prose “{p.label}” says {_fmt(p.value)}, table says {_fmt(t.value)} "
                f"({t.label}); the table's value is kept",
            )
        )
    return out
