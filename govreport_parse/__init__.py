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

import importlib
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
    RecordError,
    UnreadableFileError,
    UnsupportedFormatError,
)

if TYPE_CHECKING:
    from .batch import parse_many
    from .export.flat import to_pandas
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

_MODEL_NAMES = (
    "SCHEMA_VERSION",
    "Artifact",
    "Check",
    "Citation",
    "Contact",
    "DateFact",
    "Diagnostic",
    "DocNumber",
    "Fact",
    "Failure",
    "Metric",
    "Percentage",
    "Quantity",
    "Report",
    "Section",
    "SourceInfo",
    "Span",
    "Table",
)
# Where each lazily imported public name lives: the pipeline, its patterns and the data model
# load on first use, so `import govreport_parse` stays cheap.
_LAZY: dict[str, str] = {
    **dict.fromkeys(_MODEL_NAMES, ".model"),
    "parse": ".pipeline",
    "parse_text": ".pipeline",
    "parse_many": ".batch",
    "to_pandas": ".export.flat",
}

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
    "RecordError",
    "Report",
    "Section",
    "SourceInfo",
    "Span",
    "Table",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "__version__",
    "parse",
    "parse_many",
    "parse_text",
    "to_pandas",
]


def __getattr__(name: str) -> Any:
    """Lazy public names: the data model, the pipeline, the batch runner and the pandas export
    are imported on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport_parse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names only (no ``Any``, ``importlib`` or submodules)."""
    return sorted(__all__)
