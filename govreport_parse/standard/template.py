"""The 2019 and 2021 statistics tables as data: rows, columns, labels, canonical names.

Source: the 2019 and 2021 templates (国办公开办函〔2019〕60号, 〔2021〕30号; see docs/metrics.md). Nothing
here is logic; the readers in :mod:`.tables` and :mod:`.textforms` walk these
specs in order.

``keys`` are literal label cores matched on the compact view (whitespace
removed, full-width ASCII folded, see :mod:`.labels`); cores of six characters
or more also match with one or two character errors (OCR and agency typos such
as ``只计这一情况`` or ``三类内容事务``). ``pattern`` is an extra regular
expression for labels whose core is too short to be distinctive.

>>> [r.key for r in REQUEST_ROWS][:3]
['received_this_year', 'carried_over_from_last_year', 'disclosed']
>>> len(REQUEST_COLUMNS), len(REVIEW_ROWS) * len(REVIEW_COLUMNS)
(7, 15)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTIVE_COLUMNS",
    "ACTIVE_ROWS",
    "ACTIVE_UNITS",
    "HEADLINE_NAMES",
    "REQUEST_COLUMNS",
    "REQUEST_GROUPS",
    "REQUEST_ROWS",
    "RESULT_ROWS",
    "REVIEW_COLUMNS",
    "REVIEW_ROWS",
    "V2019_MARKERS",
    "V2021_MARKERS",
    "ColumnSpec",
    "RowSpec",
]


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One data row of a template table."""

    key: str
    label_2019: str | None
    label_2021: str | None
    keys: tuple[str, ...] = ()
    pattern: str | None = None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One value column; ``rows`` limits it to some rows (table 二 only)."""

    key: str
    label_2019: str | None
    label_2021: str | None
    rows: tuple[str, ...] = ()


# --------------------------------------------------------------------------- version markers (§5.1)

V2021_MARKERS = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "逾期不补正",
    "逾期未按收费通知",
)
V2019_MARKERS = (
    "本年新制作数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "上一年项目数量",
)

# ------------------------------------------------------------------ 表三 收到和处理政府信息公开申请情况

REQUEST_COLUMNS = (
    ColumnSpec("natural_person", "自然人", "自然人"),
    ColumnSpec("commercial_enterprise", "商业企业", "商业企业"),
    ColumnSpec("research_institution", "科研机构", "科研机构"),
    ColumnSpec("public_interest_org", "社会公益组织", "社会公益组织"),
    ColumnSpec("legal_service_org", "法律服务机构", "法律服务机构"),
    ColumnSpec("other_org", "其他", "其他"),
    ColumnSpec("total", "总计", "总计"),
)

_W = "（三）不予公开"
_U = "（四）无法提供"
_N = "（五）不予处理"
_O = "（六）其他处理"

REQUEST_ROWS = (
    RowSpec(
        "received_this_year",
        "一、本年新收政府信息公开申请数量",
        "一、本年新收政府信息公开申请数量",
        ("本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "本年新收申请"),
    ),
    RowSpec(
        "carried_over_from_last_year",
        "二、上年结转政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        ("上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转申请"),
    ),
    RowSpec("disclosed", "（一）予以公开", "（一）予以公开", ("予以公开",)),
    RowSpec(
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("部分公开",),
    ),
    RowSpec(
        "withheld_state_secret", "1.属于国家秘密", "1.属于国家秘密", ("属于国家秘密", "国家秘密"), group=_W
    ),
    RowSpec(
        "withheld_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "2.其他法律行政法规禁止公开",
        ("其他法律行政法规禁止公开", "法律行政法规禁止", "其他法律行政"),
        group=_W,
    ),
    RowSpec(
        "withheld_security_stability",
        "3.危及“三安全一稳定”",
        "3.危及“三安全一稳定”",
        ("危及三安全一稳定", "三安全一稳定", "危及"),
        group=_W,
    ),
    RowSpec(
        "withheld_third_party_rights",
        "4.保护第三方合法权益",
        "4.保护第三方合法权益",
        ("保护第三方合法权益", "第三方合法权益"),
        group=_W,
    ),
    RowSpec(
        "withheld_internal_affairs",
        "5.属于三类内部事务信息",
        "5.属于三类内部事务信息",
        ("属于三类内部事务信息", "三类内部事务", "内部事务"),
        group=_W,
    ),
    RowSpec(
        "withheld_process_information",
        "6.属于四类过程性信息",
        "6.属于四类过程性信息",
        ("属于四类过程性信息", "四类过程性", "过程性信息"),
        group=_W,
    ),
    RowSpec(
        "withheld_enforcement_case_file",
        "7.属于行政执法案卷",
        "7.属于行政执法案卷",
        ("属于行政执法案卷", "行政执法案卷"),
        group=_W,
    ),
    RowSpec(
        "withheld_administrative_query",
        "8.属于行政查询事项",
        "8.属于行政查询事项",
        ("属于行政查询事项", "行政查询事项"),
        group=_W,
    ),
    RowSpec(
        "unavailable_not_held",
        "1.本机关不掌握相关政府信息",
        "1.本机关不掌握相关政府信息",
        ("本机关不掌握相关政府信息", "不掌握相关政府信息", "本机关不掌握"),
        group=_U,
    ),
    RowSpec(
        "unavailable_requires_creation",
        "2.没有现成信息需要另行制作",
        "2.没有现成信息需要另行制作",
        ("没有现成信息需要另行制作", "没有现成信息", "需要另行制作"),
        group=_U,
    ),
    RowSpec(
        "unavailable_unclear_after_correction",
        "3.补正后申请内容仍不明确",
        "3.补正后申请内容仍不明确",
        ("补正后申请内容仍不明确", "申请内容仍不明确", "补正后申请"),
        group=_U,
    ),
    RowSpec(
        "not_processed_petition_complaint",
        "1.信访举报投诉类申请",
        "1.信访举报投诉类申请",
        ("信访举报投诉类申请", "信访举报投诉"),
        group=_N,
    ),
    RowSpec("not_processed_duplicate", "2.重复申请", "2.重复申请", ("重复申请",), group=_N),
    RowSpec(
        "not_processed_publication",
        "3.要求提供公开出版物",
        "3.要求提供公开出版物",
        ("要求提供公开出版物", "公开出版物"),
        group=_N,
    ),
    RowSpec(
        "not_processed_excessive",
        "4.无正当理由大量反复申请",
        "4.无正当理由大量反复申请",
        ("无正当理由大量反复申请", "大量反复申请"),
        group=_N,
    ),
    RowSpec(
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "5.要求行政机关确认或重新出具已获取信息",
        ("要求行政机关确认或重新出具已获取信息", "重新出具已获取信息", "要求行政机关确认"),
        group=_N,
    ),
    # 2019: a data row; 2021: a group header (its value is derived from the three rows below).
    RowSpec("other_handling", "（六）其他处理", None, pattern=r"\(六\)其他(?:处理)?"),
    RowSpec(
        "other_no_correction",
        None,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("申请人无正当理由逾期不补正", "逾期不补正"),
        group=_O,
    ),
    RowSpec(
        "other_fee_unpaid",
        None,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("申请人逾期未按收费通知要求缴纳费用", "逾期未按收费通知", "未按收费通知要求"),
        group=_O,
    ),
    RowSpec("other_misc", None, "3.其他", pattern=r"3[.、．]?其他(?!法律|处理|结果)", group=_O),
    RowSpec("results_total", "（七）总计", "（七）总计", pattern=r"\(七\)总计"),
    RowSpec(
        "carried_over_to_next_year",
        "四、结转下年度继续办理",
        "四、结转下年度继续办理",
        ("结转下年度继续办理", "结转下年度继续"),
    ),
)

# Rows that count toward （七）总计 (the result rows); other_handling is either
# printed (2019) or derived from its sub-rows (2021), never both.
RESULT_ROWS = tuple(r.key for r in REQUEST_ROWS[2:24])

REQUEST_GROUPS = {
    "withheld_total": tuple(r.key for r in REQUEST_ROWS if r.group == _W),
    "unavailable_total": tuple(r.key for r in REQUEST_ROWS if r.group == _U),
    "not_processed_total": tuple(r.key for r in REQUEST_ROWS if r.group == _N),
    "other_handling": tuple(r.key for r in REQUEST_ROWS if r.group == _O),
}

# --------------------------------------------------------------------------- 表四 行政复议、行政诉讼

REVIEW_ROWS = (
    RowSpec("administrative_review", "行政复议", "行政复议"),
    RowSpec("litigation_direct", "未经复议直接起诉", "未经复议直接起诉"),
    RowSpec("litigation_after_review", "复议后起诉", "复议后起诉"),
)
REVIEW_COLUMNS = (
    ColumnSpec("upheld", "结果维持", "结果维持"),
    ColumnSpec("corrected", "结果纠正", "结果纠正"),
    ColumnSpec("other_result", "其他结果", "其他结果"),
    ColumnSpec("pending", "尚未审结", "尚未审结"),
    ColumnSpec("total", "总计", "总计"),
)

# --------------------------------------------------------------------------- 表二 主动公开政府信息情况

ACTIVE_ROWS = (
    RowSpec("regulations", "规章", "规章", ("规章",)),
    RowSpec("normative_documents", "规范性文件", "行政规范性文件", ("行政规范性文件", "规范性文件")),
    RowSpec("licensing", "行政许可", "行政许可", ("行政许可",)),
    RowSpec("other_external_services", "其他对外管理服务事项", None, ("其他对外管理服务事项",)),
    RowSpec("penalty", "行政处罚", "行政处罚", ("行政处罚",)),
    RowSpec("coercion", "行政强制", "行政强制", ("行政强制",)),
    RowSpec("admin_fees", "行政事业性收费", "行政事业性收费", ("行政事业性收费",)),
    RowSpec("central_procurement", "政府集中采购", None, ("政府集中采购",)),
)

_DOCS = ("regulations", "normative_documents")
_ITEMS = ("licensing", "other_external_services", "penalty", "coercion")

ACTIVE_COLUMNS = (
    ColumnSpec("made_this_year", "本年新制作数量", None, _DOCS),
    ColumnSpec("published_this_year", "本年新公开数量", None, _DOCS),
    ColumnSpec("published_total", "对外公开总数量", None, _DOCS),
    ColumnSpec("issued_this_year", None, "本年制发件数", _DOCS),
    ColumnSpec("repealed_this_year", None, "本年废止件数", _DOCS),
    ColumnSpec("in_force", None, "现行有效件数", _DOCS),
    ColumnSpec("prev_year_items", "上一年项目数量", None, (*_ITEMS, "admin_fees")),
    ColumnSpec("items_change", "本年增/减", None, (*_ITEMS, "admin_fees")),
    ColumnSpec("decisions", "处理决定数量", "本年处理决定数量", _ITEMS),
    ColumnSpec("amount_10k_cny", None, "本年收费金额（单位：万元）", ("admin_fees",)),
    ColumnSpec("project_count", "采购项目数量", None, ("central_procurement",)),
    ColumnSpec("total_amount", "采购总金额", None, ("central_procurement",)),
)

ACTIVE_UNITS = {"amount_10k_cny": "万元", "project_count": "个"}

# --------------------------------------------------------------------------- headline figures

HEADLINE_NAMES = (
    "requests_received",
    "requests_carried_over",
    "active_disclosed",
    "fees_collected_cny",
    "admin_review_cases",
    "admin_litigation_cases",
)
