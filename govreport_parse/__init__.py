"""govreport-parse: Chinese government information-disclosure annual reports
(政府信息公开工作年度报告) to typed, traceable research data.

>>> import govreport_parse as gp
>>> report = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\\n一、概述\\n办结率100%。")
>>> report.year, report.to_dict()["schema_version"]
(2018, '1.0')

Importing this package loads no heavy dependency: jieba, pdfplumber,
python-docx, pyarrow and dask load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import CleanConfig, Limits, ParseConfig
from .errors import (
    CorruptFileError,
    DependencyMissingError,
    EmptyDocumentError,
    EncodingError,
    EncryptedFileError,
    GovReportError,
    LimitExceededError,
    NotAReportError,
    NoTextLayerError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from .model import (
    SCHEMA_VERSION,
    Artifact,
    Check,
    Citation,
    Contact,
    DateFact,
    Diagnostic,
    DocNumber,
    Fact,
    Failure,
    Metric,
    Percentage,
    Quantity,
    Report,
    Section,
    SourceInfo,
    Span,
    Table,
)
from .pipeline import parse, parse_text

if TYPE_CHECKING:
    from .batch import parse_many
    from .export.flat import to_pandas

__all__ = [
    "SCHEMA_VERSION",
    "Artifact",
    "Check",
    "Citation",
    "CleanConfig",
    "Contact",
    "CorruptFileError",
    "DateFact",
    "DependencyMissingError",
    "Diagnostic",
    "DocNumber",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "Fact",
    "Failure",
    "GovReportError",
    "LimitExceededError",
    "Limits",
    "Metric",
    "NoTextLayerError",
    "NotAReportError",
    "ParseConfig",
    "ParseTimeoutError",
    "Percentage",
    "Quantity",
    "Report",
    "Section",
    "SourceInfo",
    "Span",
    "Table",
    "UnsupportedFormatError",
    "__version__",
    "parse",
    "parse_many",
    "parse_text",
    "to_pandas",
]


def __getattr__(name: str) -> Any:
    """Lazy attributes: the batch runner and the pandas export load on first use."""
    if name == "parse_many":
        from .batch import parse_many

        return parse_many
    if name == "to_pandas":
        from .export.flat import to_pandas

        return to_pandas
    raise AttributeError(f"module 'govreport_parse' has no attribute {name!r}")
