"""Headline figures from prose, by phrase family: requests, items disclosed, fees, reviews, lawsuits.

The numbers are the :class:`~govreport_parse.model.Quantity` facts ``extract``
read (one reader: ``十五件`` and ``15件`` alike, qualifiers kept); this module
only decides what a quantity counts, from the words around it. Families are
data (:data:`FAMILIES`, tried in order; the first that fits a quantity names
it): a count family names the metric, the words that must end right before
the quantity (``before``, within its clause) and/or start right after it
(``after``), and the units it accepts; a zero family is a statement of none
(``未收到…申请``, ``暂不收费``), the value 0. Adding a family is a data change;
every family has cases in ``tests/cases/standard/headlines.json``.

- **qualified** figures (``5500余条``, ``超过``, ``约``) are kept with their
  ``qualifier``; an exact statement of the same metric wins over them;
- **cumulative** figures (``历年累计``, ``截至目前``, ``累计`` outside a year,
  ``截至`` a date other than 31 December) go to ``<metric>_cumulative``, never
  to the annual figure;
- **combined** figures (``行政复议案、行政诉讼案和有关的案4起``) go to
  ``admin_review_litigation_combined`` with a ``standard.combined_figure``
  diagnostic, never to one of them.

The earliest statement of each metric wins.

>>> [(m.name, m.value) for m in find_headlines("截至12月31日，共有接收到依申请公开142件，办结同意率100%。")]
[('requests_received', 142)]
>>> [(m.name, m.value) for m in find_headlines("2018年度没有收取任何依申请公开信息的费用。")]
[('fees_collected_cny', 0)]
>>> [(m.name, m.value, m.qualifier) for m in find_headlines("主动公开各类政府信息5500余条")]
[('active_disclosed', 5500, 'approx')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..model import DateFact, Diagnostic, Fact, Metric, Qualifier
from .checks import ProseQuantity, prose_quantities

__all__ = ["FAMILIES", "Family", "Headlines", "find_headlines", "read_headlines"]

#: one clause character (no clause break)
_W = r"[^，,。；;：:！？!?\n]"
_CASES = r"(?:案件数?|案|申请|数|数量)?\s*(?:共计?|合计|总计|为|达)?\s*"
_NEG = r"(?:未|没有|无|尚未|均未|均无|并未|从未|暂未)"
_COUNT = ("件", "个", "起", "次", "份", "宗", "例")


@dataclass(frozen=True, slots=True)
class Family:
    """One phrase family of one metric.

    ``kind="count"``: a quantity in ``units`` whose clause ends with ``before``
    (a pattern anchored at the quantity; empty = anything) and whose following
    text starts with ``after``. ``kind="zero"``: ``pattern`` states there were
    none (value 0). ``metric`` may be ``admin_review_litigation_combined``.
    """

    metric: str
    name: str
    kind: Literal["count", "zero"] = "count"
    before: str = ""
    after: str = ""
    units: tuple[str, ...] = _COUNT
    pattern: str = ""

    @property
    def needs(self) -> str:
        """A word the text around a match always holds (a cheap test before the pattern)."""
        return _NEEDS[self.metric]


_REQ_GUARD = r"(?:(?!复议|诉讼|建议|提案|投诉|信访|审批|许可)" + _W + ")"
_NOUN_REQ = r"(?:政府信息公开|信息公开|依申请公开|公开政府信息)"

FAMILIES: tuple[Family, ...] = (
    # ------------------------------------------- several in one figure (first: never one of them)
    Family(
        "admin_review_litigation_combined",
        "review_and_litigation_together",
        before=rf"行政复议{_W}{{0,8}}?[、和及与]{_W}{{0,4}}?行政诉讼{_W}{{0,12}}?",
    ),
    # ---------------------------------------------------------------- requests received
    Family(
        "requests_received",
        "verb_noun_count",
        before=rf"(?:接收到?|收到|受理|接到|新收|办理|共有)了?{_REQ_GUARD}{{0,20}}?{_NOUN_REQ}{_W}{{0,8}}?申请"
        r"(?:总数|件数|数量|数)?\s*(?:共计|合计|总计|共|为|达)?",
        units=("件", "条", "个", "份", "宗"),
    ),
    Family(
        "requests_received",
        "verb_yishenqing_count",
        before=rf"(?:接收到?|收到|受理|接到|办理)了?{_REQ_GUARD}{{0,12}}?依申请公开(?:信息|事项)?(?:申请)?"
        r"\s*(?:共计|共|为|达)?",
        units=("件", "条", "个", "份"),
    ),
    Family(
        "requests_received",
        "noun_number_is",
        before=rf"{_NOUN_REQ}申请(?:件数|数量|总数|数)\s*(?:为|是|达|共计?)",
        units=("件", "条", "个", "份"),
    ),
    Family(
        "requests_received",
        "count_before_noun",
        before=r"(?:收到|受理|接到|接收|办理)了?\s*",
        after=rf"(?:有关|涉及)?{_REQ_GUARD}{{0,10}}?{_NOUN_REQ}(?:的)?申请",
        units=("件", "条", "个", "份"),
    ),
    Family(
        "requests_received",
        "those_who_applied",
        before=r"(?:申请公开政府信息|提出政府信息公开申请|申请政府信息公开)的(?:有|共有|共)",
        units=("件", "条", "个", "份", "人次"),
    ),
    Family(
        "requests_received",
        "none_received",
        kind="zero",
        pattern=rf"{_NEG}(?:收到|受理|接到|接收到?|发生)(?:(?!复议|诉讼|建议|提案|投诉){_W}){{0,20}}?申请(?!人)",
    ),
    Family(
        "requests_received",
        "no_case_happened",
        kind="zero",
        pattern=rf"没有{_REQ_GUARD}{{0,20}}?{_NOUN_REQ}{_W}{{0,6}}?申请{_W}{{0,6}}?的情况发生",
    ),
    # ---------------------------------------------------------------- carried over
    Family(
        "requests_carried_over",
        "carried_from_last_year",
        before=rf"上一?年度?结转(?:的)?(?:政府信息公开)?(?:申请)?{_W}{{0,6}}?",
    ),
    # ---------------------------------------------------------------- proactive disclosure
    Family(
        "active_disclosed",
        "verb_information_count",
        before=r"(?:(?:主动公开|主动发布|公开发布|主动公布)了?\s*(?:各类|各项|有关)?\s*(?:政府|政务)?"
        r"|(?:共公布|公布|发布)了?\s*(?:各类|各项|有关)?\s*(?:政府|政务))"
        r"信息(?:数|总数|数量)?\s*(?:共计?|合计|总计|达到?|为)?",
        units=("条", "件"),
    ),
    Family(
        "active_disclosed",
        "via_website_without_zhudong",
        before=rf"通过{_W}{{0,12}}?(?:网站|门户网站|平台)公开\s*(?:各类|各项)?\s*(?:政府|政务)?信息\s*(?:共计?|达到?)?",
        units=("条", "件"),
    ),
    Family(
        "active_disclosed",
        "count_before_information",
        before=r"(?:主动公开|主动发布)了?\s*",
        after=r"(?:各类|各项)?(?:政府|政务)信息(?!中)",
        units=("条", "件"),
    ),
    # ---------------------------------------------------------------- fees
    Family(
        "fees_collected_cny",
        "collected_fee_amount",
        before=rf"收取{_W}{{0,20}}?(?:信息处理费|检索费|复制费|复印费|邮寄费|费用|费)\s*(?:共计|合计|总计|共|为)?",
        units=("元",),
    ),
    Family(
        "fees_collected_cny",
        "disclosure_fee_amount",
        before=rf"(?:依申请公开|政府信息公开|信息公开){_W}{{0,6}}?收费(?:总额|金额)?\s*(?:共计|合计|为|共)?",
        units=("元",),
    ),
    Family(
        "fees_collected_cny",
        "no_fee_collected",
        kind="zero",
        pattern=rf"(?:{_NEG}|不){_W}{{0,16}}?收取{_W}{{0,20}}?费用?",
    ),
    Family(
        "fees_collected_cny",
        "not_charging",
        kind="zero",
        pattern=rf"(?:依申请|信息|申请){_W}{{0,16}}?(?:暂不|不予?|未|没有|无)收费",
    ),
    Family(
        "fees_collected_cny",
        "no_fees_or_reductions",
        kind="zero",
        pattern=r"(?:无|没有)(?:政府信息公开的?|依申请公开的?)?收费(?:和|及|与|或)?减免",
    ),
    # ---------------------------------------------------------------- administrative review
    Family("admin_review_cases", "review_count", before=rf"(?<!未经)行政复议{_CASES}"),
    Family(
        "admin_review_cases",
        "review_without_xingzheng",
        before=r"(?<!行政|未经)复议(?:案件|申请|案)\s*(?:共计?|为)?",
    ),
    Family(
        "admin_review_cases",
        "count_before_review",
        before=r"(?:收到|发生|受理|接到|办理|被申请|被提起)了?\s*",
        after=rf"(?:有关|涉及)?{_W}{{0,12}}?(?<!未经)行政复议(?!后|被纠错|纠错)",
    ),
    Family(
        "admin_review_cases",
        "no_review",
        kind="zero",
        pattern=rf"{_NEG}{_W}{{0,30}}?(?<!未经)行政复议(?!后|被纠错|纠错|败诉|被撤销)",
    ),
    Family(
        "admin_review_cases",
        "no_review_without_xingzheng",
        kind="zero",
        pattern=rf"{_NEG}{_W}{{0,30}}?(?<!行政|未经)复议(?!后|被纠错|纠错|败诉|被撤销)",
    ),
    # ---------------------------------------------------------------- administrative litigation
    Family("admin_litigation_cases", "litigation_count", before=rf"行政诉讼{_CASES}"),
    Family(
        "admin_litigation_cases",
        "sued_without_xingzheng",
        before=r"(?:被起诉|被提起诉讼|诉讼案件)\s*(?:共计?|为)?",
    ),
    Family(
        "admin_litigation_cases",
        "count_before_litigation",
        before=r"(?:收到|发生|受理|被提起|应诉)了?\s*",
        after=rf"(?:有关|涉及)?{_W}{{0,12}}?行政诉讼(?!败诉|被纠错)",
    ),
    Family(
        "admin_litigation_cases",
        "no_litigation",
        kind="zero",
        pattern=rf"{_NEG}{_W}{{0,40}}?行政诉讼(?!败诉|被纠错)",
    ),
    Family(
        "admin_litigation_cases",
        "no_litigation_without_xingzheng",
        kind="zero",
        pattern=rf"{_NEG}{_W}{{0,40}}?(?<!行政)诉讼(?!败诉|被纠错|有关|费|案件的应诉)",
    ),
)

#: per metric, a word every statement of it holds
_NEEDS = {
    "requests_received": "申请",
    "requests_carried_over": "结转",
    "active_disclosed": "信息",
    "fees_collected_cny": "费",
    "admin_review_cases": "复议",
    "admin_litigation_cases": "诉",
    "admin_review_litigation_combined": "诉讼",
}

#: words that make a figure cumulative wherever they stand in its sentence
_CUMULATIVE = r"历年累计|累计至今|至今累计|到目前为止|截至目前|截止目前|到目前|迄今|自\S{0,12}以来"
#: 累计 alone is cumulative unless the sentence names the year (全年累计, 2015年…累计)
_ANNUAL = r"全年|本年|今年|年内|当年|年度"
_CLAUSE_BACK = 60
_SENTENCE_BACK = 300
#: the words of a qualified figure that stand between a family's words and the number
_QUALIFIER_WORDS = r"(?:大约|约|将近|接近|近|超过|逾|不足|不到|少于|多于)?"


@dataclass(frozen=True, slots=True)
class Headlines:
    """Headline metrics and the diagnostics of combined figures."""

    metrics: tuple[Metric, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


@lru_cache(maxsize=128)
def _compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern)


def _facts_of(text: str, facts: Sequence[Fact] | None) -> Sequence[Fact]:
    if facts is not None:
        return facts
    from ..extract import extract_facts

    return extract_facts(text, labels=False).facts


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - _SENTENCE_BACK)
    return max(lo, max(text.rfind(ch, lo, pos) for ch in "。；;\n!?！？") + 1)


def _clause(text: str, q: ProseQuantity, prev_end: int) -> str:
    lo = max(prev_end, q.start - _CLAUSE_BACK)
    lo = max(lo, max(text.rfind(ch, lo, q.start) for ch in "，,。；;：:\n!?！？") + 1)
    return text[lo : q.start]


def _is_cumulative(text: str, q: ProseQuantity, dates: Sequence[DateFact]) -> bool:
    s = _sentence_start(text, q.start)
    sentence = text[s : q.start]
    if _compiled(_CUMULATIVE).search(sentence):
        return True
    for d in dates:
        if s <= d.start < q.start and text[max(s, d.start - 3) : d.start].endswith(("截至", "截止")):
            # 截至 a date: the reporting period when it is its last day, else cumulative
            return not (d.month == 12 and d.day == 31) and d.month is not None
    if "累计" in sentence:
        annual = _compiled(_ANNUAL).search(sentence) is not None
        year_named = any(s <= d.start < q.start and d.precision == "year" for d in dates)
        return not (annual or year_named)
    return False


def _qualifier(q: ProseQuantity) -> Qualifier:
    return "approx" if q.fact.value_max is not None and q.fact.qualifier == "exact" else q.fact.qualifier


def _value(q: ProseQuantity) -> int | float:
    v = q.value
    return int(v) if float(v).is_integer() else v


def read_headlines(text: str, facts: Sequence[Fact] | None = None) -> Headlines:
    """Every headline metric stated in the prose of ``text``.

    ``facts`` are the report's facts (``None``: read them now).

    >>> h = read_headlines("2018年度发生针对有关政府信息公开事务的行政复议案、行政诉讼案和有关的案4起")
    >>> [(m.name, m.value) for m in h.metrics], [d.code for d in h.diagnostics]
    ([('admin_review_litigation_combined', 4)], ['standard.combined_figure'])
    """
    facts = _facts_of(text, facts)
    qs = prose_quantities(text, facts)
    dates = [f for f in facts if isinstance(f, DateFact)]
    found: dict[str, tuple[int, bool, Metric]] = {}  # name -> (statement start, exact, metric)
    diagnostics: list[Diagnostic] = []

    def offer(name: str, at: int, exact: bool, metric: Metric) -> None:
        old = found.get(name)
        if old is None or (exact and not old[1]) or (exact == old[1] and at < old[0]):
            found[name] = (at, exact, metric)

    prev_end = 0
    for q in qs:
        clause = _clause(text, q, prev_end)
        prev_end = q.end
        after = text[q.end : q.end + 30]
        around = clause + after
        for fam in FAMILIES:
            if fam.kind != "count" or q.unit not in fam.units or fam.needs not in around:
                continue
            m = (
                _compiled(f"(?:{fam.before})\\s*{_QUALIFIER_WORDS}\\s*$").search(clause)
                if fam.before
                else None
            )
            if fam.before and m is None:
                continue
            if fam.after and _compiled(fam.after).match(after) is None:
                continue
            name = fam.metric
            if name != "admin_review_litigation_combined" and _is_cumulative(text, q, dates):
                name += "_cumulative"
            qualifier = _qualifier(q)
            start = q.start - (len(clause) - m.start()) if m is not None else q.start
            metric = Metric(
                name=name,
                value=_value(q),
                raw=q.fact.text,
                unit=q.unit,
                source="text",
                start=q.start,
                end=q.end,
                label=text[start : q.end],
                qualifier=qualifier,
            )
            offer(name, start, qualifier == "exact", metric)
            if fam.metric == "admin_review_litigation_combined" and name not in {
                d.message.split(":")[0] for d in diagnostics
            }:
                diagnostics.append(
                    Diagnostic(
                        code="standard.combined_figure",
                        severity="info",
                        message=f"{name}: “{text[start : q.end]}” counts reviews and lawsuits together; "
                        "neither admin_review_cases nor admin_litigation_cases is taken from it",
                        start=start,
                        end=q.end,
                    )
                )
            break
    for fam in FAMILIES:
        if fam.kind != "zero" or fam.needs not in text:
            continue
        m = _compiled(fam.pattern).search(text)
        if m is None:
            continue
        metric = Metric(
            name=fam.metric,
            value=0,
            raw=m.group(),
            unit="元" if fam.metric == "fees_collected_cny" else "件",
            source="text",
            start=m.start(),
            end=m.end(),
            label=m.group(),
        )
        offer(fam.metric, m.start(), True, metric)
    ordered = sorted(found.values(), key=lambda t: t[0])
    return Headlines(tuple(t[2] for t in ordered), tuple(diagnostics))


def find_headlines(text: str, facts: Sequence[Fact] | None = None) -> list[Metric]:
    """The headline metrics of :func:`read_headlines`.

    >>> m = find_headlines("区政府办代表区政府受理政府信息公开申请 17 件，均已答复。")[0]
    >>> m.value, m.label
    (17, '受理政府信息公开申请 17 件')
    """
    return list(read_headlines(text, facts).metrics)
