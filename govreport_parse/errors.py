"""Typed errors: one root, one subclass per cause.

Every error carries the file it concerns (``path``, may be ``None`` for
in-memory text) and a message that says what was wrong and what to do.

>>> err = EmptyDocumentError("file is empty (0 bytes)", path="a.txt")
>>> str(err)
'a.txt: file is empty (0 bytes)'
>>> isinstance(err, GovReportError)
True
"""

from __future__ import annotations

__all__ = [
    "CorruptFileError",
    "DependencyMissingError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "GovReportError",
    "LimitExceededError",
    "NoTextLayerError",
    "NotAReportError",
    "ParseTimeoutError",
    "RecordError",
    "UnreadableFileError",
    "UnsupportedFormatError",
]


class GovReportError(Exception):
    """Root of every error this library raises on purpose.

    ``path`` names the file (or the ``name=`` given to :func:`parse_text`).
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

    def __reduce__(self) -> tuple[object, ...]:  # picklable across worker processes
        return (_rebuild, (type(self), self.message, self.path, self._extra()))

    def _extra(self) -> dict[str, object]:
        return {}


def _rebuild(
    cls: type[GovReportError], message: str, path: str | None, extra: dict[str, object]
) -> GovReportError:
    err = cls.__new__(cls)
    GovReportError.__init__(err, message, path=path)
    for key, value in extra.items():
        setattr(err, key, value)
    return err


class UnreadableFileError(GovReportError):
    """The file cannot be read at all: it does not exist, is a folder, or permission is denied."""


class UnsupportedFormatError(GovReportError):
    """The bytes are not a format this library reads (e.g. a PNG, an executable)."""


class EmptyDocumentError(GovReportError):
    """The file is empty, only whitespace, or yields no text at all."""


class EncodingError(GovReportError):
    """Text bytes that decode in none of UTF-8, GB18030 or UTF-16."""


class CorruptFileError(GovReportError):
    """A container (PDF, DOCX zip, HTML) that is truncated or damaged."""


class EncryptedFileError(GovReportError):
    """A password-protected file; the message says how to unlock it."""


class NoTextLayerError(GovReportError):
    """A scanned PDF with no text layer; it needs OCR first."""


class NotAReportError(GovReportError):
    """Readable text that cannot be a Chinese report (e.g. no Chinese characters at all)."""


class DependencyMissingError(GovReportError):
    """An optional external tool (e.g. LibreOffice for .doc) is not installed."""


class LimitExceededError(GovReportError):
    """A configured safety limit was exceeded.

    ``limit`` is the name of the :class:`~govreport_parse.config.Limits` field,
    ``value`` what the input had, ``maximum`` the limit in force.

    >>> e = LimitExceededError("too big", path="x.pdf", limit="max_pages", value=3000, maximum=2000)
    >>> e.limit
    'max_pages'
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        limit: str = "",
        value: float | None = None,
        maximum: float | None = None,
    ) -> None:
        super().__init__(message, path=path)
        self.limit = limit
        self.value = value
        self.maximum = maximum

    def _extra(self) -> dict[str, object]:
        return {"limit": self.limit, "value": self.value, "maximum": self.maximum}


class ParseTimeoutError(LimitExceededError):
    """A document took longer than ``Limits.max_seconds``."""


class RecordError(GovReportError):
    """A dataset record that does not rebuild a :class:`~govreport_parse.model.Report`:
    a field of the wrong type, a missing or unknown field, or another ``schema_version``.

    ``field`` is the path of the field at fault (``facts[3].value``, ``metrics.total.raw``).

    >>> e = RecordError("expected int, got str ('3')", field="facts[3].value")
    >>> str(e), e.field
    ("facts[3].value: expected int, got str ('3')", 'facts[3].value')
    """

    def __init__(self, message: str, *, path: str | None = None, field: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message, path=path)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{self.path}: {text}" if self.path else text

    def _extra(self) -> dict[str, object]:
        return {"field": self.field}
