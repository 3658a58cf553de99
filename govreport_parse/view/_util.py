"""Small helpers shared by the review page and the index: escaping and the typed report."""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model import Failure, Report

__all__ = ["as_failure", "as_report", "attr", "css_token", "esc", "fmt_number", "safe_text", "write_atomic"]

# C0 controls (except tab and newline), CR, DEL and lone surrogates cannot stand in an HTML
# document as they are: each becomes one visible stand-in character, so offsets stay 1:1.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _stand_in(match: re.Match[str]) -> str:
    c = match.group()
    code = ord(c)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␌ ␍ ...
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def safe_text(text: str) -> str:
    """``text`` with characters HTML cannot carry replaced one for one by visible stand-ins.

    >>> safe_text("a\\x0cb\\x00")
    'a␌b␀'
    """
    return _UNSAFE.sub(_stand_in, text)


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute.

    >>> esc('<b title="x">&')
    '&lt;b title=&quot;x&quot;&gt;&amp;'
    """
    return html.escape(safe_text("" if value is None else str(value)), quote=True)


def attr(name: str, value: object) -> str:
    """One ``name="value"`` attribute with the value escaped (leading space included).

    >>> attr("title", 'a "b"')
    ' title="a &quot;b&quot;"'
    """
    return f' {name}="{esc(value)}"'


_TOKEN = re.compile(r"[^a-z0-9_-]+")


def css_token(value: object) -> str:
    """A value reduced to a safe class-name token (lower case, ``[a-z0-9_-]``).

    >>> css_token("Percentage Point")
    'percentage-point'
    """
    return _TOKEN.sub("-", str(value).lower()).strip("-") or "other"


def fmt_number(value: object) -> str:
    """A number for people: thousands separators, no trailing ``.0``.

    >>> fmt_number(12345.0), fmt_number(92.25), fmt_number(None)
    ('12,345', '92.25', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:g}"
    return str(value)


def as_report(report: Report | Mapping[str, Any]) -> Report:
    """A :class:`~govreport_parse.model.Report` as it is, or one rebuilt from its dataset record
    (:meth:`Report.from_dict <govreport_parse.model.Report.from_dict>`: a malformed record
    raises :class:`~govreport_parse.errors.RecordError` naming the field).

    >>> from govreport_parse.model import SourceInfo
    >>> r = Report(source=SourceInfo(name="a.txt", sha256="", format="txt"), text="x")
    >>> as_report(r) is r, as_report(r.to_dict()) == r
    (True, True)
    """
    if isinstance(report, Report):
        return report
    if isinstance(report, Mapping):
        return Report.from_dict(dict(report))
    raise TypeError(f"expected a Report or a dataset record dict, got {type(report).__name__}")


def as_failure(failure: Failure | Mapping[str, Any]) -> Failure:
    """A :class:`~govreport_parse.model.Failure` as it is, or rebuilt from its ``failures.jsonl`` record.

    >>> as_failure({"path": "a.pdf", "sha256": None, "error_type": "CorruptFileError", "message": "x"}).path
    'a.pdf'
    """
    if isinstance(failure, Failure):
        return failure
    if isinstance(failure, Mapping):
        return Failure.from_dict(dict(failure))
    raise TypeError(f"expected a Failure or its record dict, got {type(failure).__name__}")


def write_atomic(path: str | os.PathLike[str], content: str) -> Path:
    """Write UTF-8 ``content`` to ``path`` through a temporary file, so readers never see half a page."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a page is meant to be read by others
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
