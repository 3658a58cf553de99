"""Is it a report?  A scored decision from evidence, with its reasons.

A 政府信息公开工作年度报告 shows itself in five independent ways: its **title**
(``…政府信息公开工作年度报告``, ``…政务公开工作年度报告``, ``…信息公开年报``), the
**regulation** it reports under (《中华人民共和国政府信息公开条例》), its own
**section set** (主动公开, 依申请公开 / 收到和处理申请, 收费及减免, 行政复议, 行政诉讼,
存在的主要问题, 改进措施, 其他需要报告的事项), the **template labels** of its
statistics tables (本年新收政府信息公开申请数量, 予以公开, 不予处理, 结果维持, …) and its
**statistics window** and reader notes (统计期限自…1月1日起至12月31日止, 本报告电子版…).
Each piece found adds to a score; :data:`THRESHOLD` is the bar.

Other documents of the same government sites are named, and counted against:
a 政府工作报告, a 预算 or 决算, a letter (…落实情况的函, 复函), a notice
(关于…的通知), a disclosure guide (公开指南), a work plan (工作要点), and a saved
list page (many dated report titles, 上一页/下一页).  A title quoted in 《》 is a
citation, not the document's own title.

>>> d = decide("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
>>> d.is_report, d.kind, d.reasons[0]
(True, 'annual_report', "title '某区人民政府2018年政府信息公开工作年度报告' (+4)")
>>> d = decide("随便一段中文文本，不是年报。")
>>> d.is_report, d.kind, d.score
(False, 'other', 0.0)
>>> decide("2024年某市政府工作报告\\n各位代表：现在，我代表市人民政府向大会报告工作。").kind
'government_work_report'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

__all__ = ["KIND_NAMES", "REJECTION_PREFIX", "THRESHOLD", "Decision", "DocumentKind", "decide"]

REJECTION_PREFIX = "not a report:"
"""How the message of a NotAReportError raised by this decision starts (a batch records
such documents as ``rejected``, not as failures; a text in no Chinese at all stays a failure)."""

DocumentKind = Literal[
    "annual_report",
    "government_work_report",
    "budget",
    "final_accounts",
    "letter",
    "notice",
    "guide",
    "work_plan",
    "list_page",
    "other",
]

KIND_NAMES: dict[str, str] = {
    "annual_report": "政府信息公开工作年度报告 (an annual disclosure report)",
    "government_work_report": "政府工作报告 (a government work report)",
    "budget": "预算 (a budget document)",
    "final_accounts": "决算 (a final-accounts document)",
    "letter": "函 (a letter, e.g. …落实情况的函)",
    "notice": "通知/公告 (a notice)",
    "guide": "政府信息公开指南 (a disclosure guide)",
    "work_plan": "工作要点/计划 (a work plan)",
    "list_page": "a list page of a website (many linked titles)",
    "other": "not recognised as a report",
}
"""Each document kind and how it is described in messages."""

THRESHOLD = 3.0
"""A score at or above this is a report."""

TITLE_WEIGHT = 4.0
OTHER_KIND_WEIGHT = -6.0
LIST_PAGE_WEIGHT = -6.0
REGULATION_WEIGHT = 1.5
SECTION_WEIGHT = 0.5
SECTION_MAX = 3.0
LABELS_WEIGHT = 2.0
WINDOW_WEIGHT = 1.0
NOTES_WEIGHT = 0.5

_SPACE = regex.compile(r"[\s\u3000#*>|]+")
_QUOTED = regex.compile(r"《[^《》\n]{0,80}》|“[^“”\n]{0,80}”")
_META = regex.compile(r"^(?:标题|题名|名称|title)[:：]", regex.IGNORECASE)

_ANNUAL = regex.compile(
    r"(?:政府|政务)?(?:信息)?公开(?:工作)?(?:年度)?(?:报告|年报)"
    r"|信息公开年报|政务公开年报"
)
_ANNUAL_STRICT = regex.compile(
    r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度报告|年报)|(?:政府)?信息公开工作报告"
)
"""A report's own title; something (the issuer or the year) must stand before it: a bare
``政府信息公开年报`` is the name of a website column."""
# Other kinds: (kind, pattern over a title line); the first line that matches one decides.
_OTHER_TITLES: tuple[tuple[DocumentKind, regex.Pattern[str]], ...] = (
    ("letter", regex.compile(r"落实情况的函|的复函|的函$|^.{0,30}?关于.{2,60}的函")),
    (
        "notice",
        regex.compile(r"^.{0,30}?关于.{2,80}?的(?:通知|公告|通告|通报|批复|意见|决定|请示)|(?:通知|公告|通告|通报|公示)$"),
    ),
    ("government_work_report", regex.compile(r"政府工作报告")),
    ("final_accounts", regex.compile(r"决算")),
    ("budget", regex.compile(r"预算")),
    ("guide", regex.compile(r"公开指南")),
    ("work_plan", regex.compile(r"工作要点$|工作计划$|实施方案$")),
)

_REGULATION = regex.compile(r"《(?:中华人民共和国)?政府信息公开条例》|政府信息公开条例")

# The report's own section families (every era): one point per family present.
_FAMILIES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("主动公开", regex.compile(r"主动公开")),
    ("依申请公开", regex.compile(r"依申请公开|收到和处理政府信息公开申请|政府信息公开申请")),
    ("收费及减免", regex.compile(r"收费(?:及|和|与)?减免|收取的费用|收费情况")),
    ("行政复议", regex.compile(r"行政复议")),
    ("行政诉讼", regex.compile(r"行政诉讼")),
    ("存在的问题", regex.compile(r"存在的(?:主要)?问题|主要问题|不足")),
    ("改进", regex.compile(r"改进(?:措施|情况|方向)")),
    ("其他需要报告的事项", regex.compile(r"其他需要报告的事项")),
)

# Labels of the 2008/2019/2021 statistics tables (any era).
_LABELS = regex.compile(
    r"本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|结转下年度继续办理|本年度办理结果"
    r"|予以公开|部分公开|不予公开|无法提供|不予处理|结果维持|结果纠正|尚未审结|其他结果"
    r"|本年制发件数|本年废止件数|现行有效件数|处理决定数量|本年新制作数量|本年新公开数量"
    r"|主动公开政府信息数|受理政府信息公开申请|依申请公开信息收取的费用|政府信息公开情况统计表"
)
_WINDOW = regex.compile(
    r"统计(?:期限|时限|时间|期间|周期|区间)|1月1日(?:起)?(?:至|到|—|-)[^。\n]{0,12}12月31日"
)
_NOTES = regex.compile(r"(?:本报告|年报)(?:的)?电子版|如对本报告|本报告由|本年度报告")

# List pages: dated titles (one per line) and pagination words.
_DATED_LINE = regex.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_LISTED = regex.compile(r"报告|年报|通知|公告|公示|函$|意见$|办法$")
_TITLE_THEN_DATE = regex.compile(
    r"(?:报告|年报|通知|公告|公示|函|意见|办法|方案)\s*[\]）)】]?\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
)
_YEAR_TITLE = regex.compile(
    r"((?:19|20)\d{2})\s*年(?:度)?(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度报告|年报)"
)
_PAGER = regex.compile(r"上一页|下一页|首页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页|跳转")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

TITLE_LINES = 15
TITLE_WINDOW = 60
"""Characters of a title line looked at (a longer line is a title joined with its body)."""
TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a text is a report, its kind, the score and the reasons behind it.

    ``reasons`` are short, human-readable pieces of evidence with their weight,
    strongest kind first.

    >>> d = decide("一、主动公开政府信息情况\\n二、依申请公开情况\\n三、行政复议、行政诉讼情况\\n"
    ...            "根据《中华人民共和国政府信息公开条例》要求……存在的主要问题及改进措施")
    >>> d.is_report, d.score
    (True, 4.5)
    >>> d.explain().startswith("annual_report (score 4.5")
    True
    """

    kind: DocumentKind
    score: float
    reasons: tuple[str, ...]

    @property
    def is_report(self) -> bool:
        """An annual report with a score at or above the bar."""
        return self.kind == "annual_report" and self.score >= THRESHOLD

    def rejection(self) -> str:
        """The message of the :class:`~govreport_parse.errors.NotAReportError` for this decision."""
        return f"{REJECTION_PREFIX} {self.explain()}; pass require_report=False to parse it anyway"

    def explain(self) -> str:
        """One line: the kind, the score against the bar and the reasons."""
        why = "; ".join(self.reasons) or "no evidence of a report"
        return f"{self.kind} (score {self.score:g}, bar {THRESHOLD:g}): {why}"

    def to_dict(self) -> dict[str, object]:
        """The decision as it stands in the dataset record."""
        return {"kind": self.kind, "score": self.score, "reasons": list(self.reasons)}


def _title_lines(text: str, extra: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for raw in [*extra, *text[:6000].splitlines()]:
        line = _META.sub("", raw.strip())
        line = _SPACE.sub("", line)[:TITLE_CHARS]
        if line:
            lines.append(line)
        if len(lines) >= TITLE_LINES + len(extra):
            break
    return lines


_SENTENCE = regex.compile(r"[，。,；;！？!?]")


def _titlelike(window: str, at: int) -> bool:
    """A match at ``at`` is in a title, not in a sentence: no sentence punctuation before it."""
    return _SENTENCE.search(window, 0, at) is None


def _list_page(text: str) -> tuple[bool, str]:
    """A saved list page: several short dated lines naming documents, or a pager."""
    lines = [ln.strip() for ln in text[:30000].splitlines() if ln.strip()]
    dated = [ln for ln in lines if len(ln) <= 120 and _DATED_LINE.search(ln)]
    titled = [ln for ln in dated if _ANNUAL.search(ln) or _LISTED.search(ln)]
    if len(titled) < 3:  # titles and dates on lines of their own
        short = [ln for ln in lines if len(ln) <= 60 and _LISTED.search(_DATED_LINE.sub("", ln))]
        bare_dates = [ln for ln in dated if len(_DATED_LINE.sub("", ln).strip()) <= 6]
        if len(short) >= 3 and len(bare_dates) >= 3:
            titled = short
    years = {y for ln in titled for y in _YEAR.findall(_DATED_LINE.sub("", ln))}
    pager = _PAGER.findall(text[:30000])
    long_lines = sum(1 for ln in lines if len(ln) > 120)
    # lines joined by a page's markup or by unwrapping: dated titles side by side, titles of many years
    head = text[:30000]
    adjacent = len(_TITLE_THEN_DATE.findall(head))
    report_years = {m.group(1) for m in _YEAR_TITLE.finditer(head)}
    if adjacent >= 3 and (adjacent >= 5 or pager or len(report_years) >= 3):
        return True, f"{adjacent} titles followed by a date"
    if len(report_years) >= 3:
        return True, f"report titles of {len(report_years)} years ({', '.join(sorted(report_years))})"
    if len(titled) >= 4 and len(titled) * 2 >= len(lines) - long_lines:
        return True, f"{len(titled)} dated title lines"
    if len(titled) >= 3 and (len(pager) >= 2 or len(years) >= 3) and long_lines <= 2:
        return True, f"{len(titled)} dated title lines ({len(years)} years), {len(pager)} pager words"
    return False, ""


def decide(text: str, *, title: str | None = None) -> Decision:
    """Score ``text`` (clean text of a document) as a report; ``title`` is an extra title candidate.

    >>> decide("关于做好2019年政府信息公开工作年度报告编制发布工作的通知\\n各区县：").kind
    'notice'
    >>> decide("根据《关于做好政府信息公开工作年度报告的通知》，现将有关事项说明如下。").is_report
    False
    """
    reasons: list[tuple[float, str]] = []
    kind: DocumentKind = "other"
    lines = _title_lines(text, [title] if title else [])
    for line in lines:
        own = _QUOTED.sub("", line)
        # a long line is a title joined with its body (unwrapped): look at its start only
        window = own if len(own) <= TITLE_WINDOW else own[:TITLE_WINDOW] + "…"
        # the head noun of a Chinese title comes last: "…年度报告的通知" is a notice,
        # "…落实情况的函" a letter; so the kind named last in the title decides
        named: list[tuple[int, DocumentKind]] = [
            (m.end(), k)
            for k, p in _OTHER_TITLES
            if (m := p.search(window)) is not None and _titlelike(window, m.start())
        ]
        annual = _ANNUAL_STRICT.search(window)
        if annual is not None and annual.start() > 0 and _titlelike(window, annual.start()):
            named.append((annual.end(), "annual_report"))
        if not named:
            continue
        if len({k for _, k in named}) >= 2 and "的" not in window:
            continue  # several document names side by side: a menu or a list of links, not a title
        kind = max(named)[1]
        if kind == "annual_report":
            reasons.append((TITLE_WEIGHT, f"title {line!r}"))
        else:
            reasons.append((OTHER_KIND_WEIGHT, f"title {line!r} names {KIND_NAMES[kind]}"))
        break
    body = text[:200000]
    listed, why = _list_page(body)
    if listed:
        kind = "list_page"
        reasons.append((LIST_PAGE_WEIGHT, f"a list page: {why}"))
    if _REGULATION.search(body):
        reasons.append((REGULATION_WEIGHT, "cites 《政府信息公开条例》"))
    families = [name for name, pattern in _FAMILIES if pattern.search(body)]
    if families:
        weight = min(SECTION_MAX, SECTION_WEIGHT * len(families))
        reasons.append((weight, f"{len(families)} report section topics ({'、'.join(families)})"))
    labels = sorted(set(_LABELS.findall(body)), key=lambda s: body.find(s))
    if len(labels) >= 3:
        reasons.append((LABELS_WEIGHT, f"{len(labels)} statistics-table labels ({'、'.join(labels[:4])}…)"))
    window = _WINDOW.search(body)
    if window:
        reasons.append((WINDOW_WEIGHT, f"statistics window ({window.group()})"))
    notes = _NOTES.search(body)
    if notes:
        reasons.append((NOTES_WEIGHT, f"reader note ({notes.group()})"))
    score = round(float(sum(w for w, _ in reasons)), 2)
    is_report = score >= THRESHOLD and kind in ("annual_report", "other")
    if is_report:
        kind = "annual_report"
    reasons.sort(key=lambda r: -abs(r[0]))
    return Decision(
        kind=kind,
        score=score,
        reasons=tuple(f"{text_} ({w:+g})" for w, text_ in reasons),
    )
