"""The flat table schemas, as data: every column, its type and meaning, in fixed order.

Types are logical names mapped to Arrow types for Parquet and to pandas dtypes
for :func:`govreport_parse.to_pandas`:

=========  ================  ====================
type       Parquet (Arrow)   pandas
=========  ================  ====================
string     string (UTF-8)    ``string``
int32      int32             ``Int32`` (nullable)
int64      int64             ``Int64`` (nullable)
float64    double            ``float64`` (NaN)
bool       bool              ``boolean`` (nullable)
=========  ================  ====================

Every table starts with ``sha256`` (the SHA-256 of the input file, the key of
a report across tables and runs) and ``source_name``.  Fields the record has
but the schema does not name (added by a later parser version) are kept in the
``extra`` column as a JSON object, so nothing is lost.

>>> [c.name for c in TABLES["metrics"]][:4]
['sha256', 'source_name', 'name', 'value']
>>> column_names("checks")[-1]
'extra'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..standard.template import HEADLINE_NAMES

__all__ = ["HEADLINE_METRICS", "TABLES", "Column", "ColumnType", "column_names"]

ColumnType = Literal["string", "int32", "int64", "float64", "bool"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a flat table."""

    name: str
    type: ColumnType
    doc: str


def _c(name: str, type_: ColumnType, doc: str) -> Column:
    return Column(name, type_, doc)


KEY = (
    _c("sha256", "string", "SHA-256 of the input bytes (hex); joins the tables"),
    _c("source_name", "string", "the input's name (path, or archive.zip/member)"),
)
EXTRA = _c("extra", "string", "JSON object of record fields this schema does not name, or null")

HEADLINE_METRICS = HEADLINE_NAMES
"""Headline metrics copied into the ``reports`` table as columns (`docs/data-model.md`)."""

REPORTS = (
    *KEY,
    _c("source_format", "string", "txt | pdf | docx | html | doc"),
    _c("source_encoding", "string", "text encoding detected (text files), else null"),
    _c("source_pages", "int32", "page count (PDF), else null"),
    _c("source_size", "int64", "input size in bytes"),
    _c("title", "string", "report title, or null"),
    _c("issuer", "string", "issuing body, or null"),
    _c("year", "int32", "reporting year, or null"),
    _c("layout", "string", "narrative | standard_2019 | standard_2021 | unknown"),
    _c("schema_version", "string", "record schema version"),
    _c("parser_version", "string", "govreport-parse version that made the record"),
    _c("text_chars", "int64", "length of the cleaned text in characters"),
    _c("n_sections", "int32", "sections and items, all levels"),
    _c("n_facts", "int32", "facts"),
    _c("n_metrics", "int32", "metrics (headline figures and table cells)"),
    _c("n_checks", "int32", "arithmetic checks"),
    _c("n_checks_failed", "int32", "checks with status fail"),
    _c("n_tables", "int32", "tables"),
    _c("n_artifacts", "int32", "cleaning changes (artifacts removed or repaired)"),
    _c("n_diagnostics", "int32", "diagnostics"),
    *(_c(name, "float64", f"metric {name} (value), or null") for name in HEADLINE_METRICS),
    _c("evidence_kind", "string", "what the document is taken for: annual_report (see docs/inputs.md)"),
    _c("evidence_score", "float64", "the is-it-a-report score (3 or more: a report)"),
)

SECTIONS = (
    *KEY,
    _c("id", "string", 'path of ordinals, e.g. "1.3"'),
    _c("parent_id", "string", "id of the enclosing section, null at top level"),
    _c("number", "string", "the heading marker as written (三, （一）, 1. ...)"),
    _c("ordinal", "int32", "position among siblings, from 1"),
    _c("level", "int32", "depth, 1 = top level"),
    _c("kind", "string", "heading | item"),
    _c("style", "string", "heading style name"),
    _c("title", "string", "heading text"),
    _c("start", "int64", "start offset in the clean text"),
    _c("end", "int64", "end offset in the clean text"),
    _c("title_start", "int64", "title start offset"),
    _c("title_end", "int64", "title end offset"),
    _c("page", "int32", "1-based page the section starts on (PDF), else null"),
    EXTRA,
)

FACTS = (
    *KEY,
    _c("index", "int32", "position of the fact in the record, from 0"),
    _c("kind", "string", "quantity | percentage | percentage_point | date | doc_number | citation | contact"),
    _c("text", "string", "the fact's words; equals text[start:end] of the record"),
    _c("start", "int64", "start offset in the clean text"),
    _c("end", "int64", "end offset in the clean text"),
    _c("source_start", "int64", "start offset in the text as read from the file"),
    _c("source_end", "int64", "end offset in the text as read from the file"),
    _c("page", "int32", "1-based page (PDF), else null"),
    _c("section", "string", "id of the innermost section, or null"),
    _c("value", "float64", "quantity / percentage value"),
    _c("value_max", "float64", "upper end of a range (quantity)"),
    _c("unit", "string", "unit of a quantity (件, 条, 人次 ...)"),
    _c("qualifier", "string", "exact | approx | more_than | at_least | at_most | less_than | nearly"),
    _c("label", "string", "what is counted (quantity, percentage)"),
    _c("base", "string", "of what total a share is taken, 占…的 (percentage)"),
    _c("count_start", "int64", "start of the quantity a share was computed from (percentage)"),
    _c("iso", "string", "ISO date (date), when complete"),
    _c("year", "int32", "year (date, doc_number)"),
    _c("month", "int32", "month (date)"),
    _c("day", "int32", "day (date)"),
    _c("precision", "string", "day | month | year | month_part | season | year_part (date)"),
    _c("year_inferred", "bool", "the year came from the report, not the phrase (date)"),
    _c("part", "string", "month or year part: 上旬, 上半年 ... (date)"),
    _c("role", "string", "point | period_start | period_end | as_of (date)"),
    _c("normalized", "string", "GB/T 9704 form (doc_number)"),
    _c("agency", "string", "agency code, e.g. 张政字 (doc_number)"),
    _c("serial", "int64", "serial number (doc_number)"),
    _c("form", "string", "standard | decree | announcement (doc_number)"),
    _c("repaired", "bool", "the number was repaired while normalizing (doc_number)"),
    _c("title", "string", "cited title inside 《》 (citation)"),
    _c("doc_number", "string", "normalized number following the title (citation)"),
    _c("alias", "string", "short name from 以下简称 (citation)"),
    _c("contact_type", "string", "phone | postcode | url | email | address (contact)"),
    _c("contact_value", "string", "the normalized contact (contact)"),
    EXTRA,
)

METRICS = (
    *KEY,
    _c("name", "string", "canonical metric name (docs/metrics.md)"),
    _c("value", "float64", "the figure, or null"),
    _c("raw", "string", "the figure as written"),
    _c("unit", "string", "unit, or null"),
    _c("source", "string", "table | text"),
    _c("start", "int64", "start offset in the clean text, or null"),
    _c("end", "int64", "end offset in the clean text, or null"),
    _c("derived", "bool", "computed rather than read"),
    _c("page", "int32", "1-based page (PDF), else null"),
    _c("label", "string", "the row/column label it was read under"),
    EXTRA,
)

CHECKS = (
    *KEY,
    _c("index", "int32", "position of the check in the record, from 0"),
    _c("rule", "string", "the identity or statement checked"),
    _c("status", "string", "pass | fail | skipped"),
    _c("expected", "float64", "expected value"),
    _c("actual", "float64", "actual value"),
    _c("message", "string", "human-readable explanation"),
    _c("refs", "string", "JSON list of [start, end] spans of both sides in the clean text"),
    EXTRA,
)

TABLES: dict[str, tuple[Column, ...]] = {
    "reports": REPORTS,
    "sections": SECTIONS,
    "facts": FACTS,
    "metrics": METRICS,
    "checks": CHECKS,
}
"""Table name -> columns in their fixed order."""

# Fact fields stored under another column name, per fact kind (the names clash otherwise).
FACT_RENAMES: dict[str, dict[str, str]] = {
    "contact": {"type": "contact_type", "value": "contact_value"},
}


def column_names(table: str) -> list[str]:
    """The column names of ``table`` in order; ``ValueError`` for an unknown table."""
    try:
        return [c.name for c in TABLES[table]]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}") from None
