"""Loaders: one per format, each returning the same :class:`RawDocument`.

The format comes from the content first (magic bytes), the suffix second.
Each loader module (pdf, docx, html, doc) exposes
``load(data: bytes, path: str, config: ParseConfig, sha256: str) -> RawDocument``
(``sha256`` of ``data``, computed once here) and is imported only when a file of
its format arrives; plain text is decoded here (:func:`.txt.decode_text`).

>>> sniff_format(b"%PDF-1.7 ...", "x.bin")
'pdf'
>>> sniff_format("<html><body>一</body></html>".encode(), "x.txt")
'html'
>>> sniff_format("一、总体情况".encode(), "report.txt")
'txt'
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from ..config import ParseConfig
from ..errors import EmptyDocumentError, LimitExceededError, UnreadableFileError, UnsupportedFormatError
from ..model import RawDocument, SourceInfo
from .txt import decode_text

__all__ = ["from_bytes", "from_text", "load_path", "sniff_format"]

_SUFFIX = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".md": "txt",
    ".text": "txt",
}

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x1f\x8b": "a gzip archive",
    b"MZ": "a Windows executable",
    b"\x7fELF": "an ELF executable",
}


def sniff_format(data: bytes, path: str) -> str:
    """Decide the format from the bytes, falling back to the suffix."""
    head = data[:2048]
    stripped = head.lstrip()
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        suffix = Path(path).suffix.lower()
        return "docx" if suffix != ".zip" else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedFormatError(
                f"this is {what}, not a report (PDF, DOCX, DOC, HTML or text)", path=path
            )
    low = stripped[:512].lower()
    suffix = Path(path).suffix.lower()
    looks_html = low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or b"<body" in low
    if looks_html and _SUFFIX.get(suffix) in ("pdf", "docx"):
        raise UnsupportedFormatError(
            f"named {suffix} but the content is not a {_SUFFIX[suffix].upper()} file: it is an HTML page "
            "(often a saved error or login page); download the file again",
            path=path,
        )
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    if low.startswith(b"\xef\xbb\xbf") and (b"<html" in low or b"<!doctype" in low):
        return "html"
    fmt = _SUFFIX.get(suffix, "txt")
    if fmt in ("pdf", "docx", "doc"):
        # named as a container but the bytes are not one: say what they are
        kind = "HTML" if b"<" in stripped[:1] else "text or unknown bytes"
        raise UnsupportedFormatError(
            f"named {suffix} but the content is not a {fmt.upper()} file (it starts like {kind}); "
            "the download may have failed or saved an error page",
            path=path,
        )
    return fmt


def load_path(path: str | os.PathLike[str], config: ParseConfig, *, name: str | None = None) -> RawDocument:
    """Read ``path`` and return its :class:`RawDocument` (typed error on any failure)."""
    p = os.fspath(path)
    shown = name or p
    try:
        size = os.path.getsize(p)
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=shown) from None
    limit = config.limits.max_input_bytes
    if size > limit:
        raise LimitExceededError(
            f"file is {size:,} bytes, above the max_input_bytes limit of {limit:,}; "
            "raise it with config={'limits': {'max_input_bytes': N}}",
            path=shown,
            limit="max_input_bytes",
            value=size,
            maximum=limit,
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read file: {exc.strerror or exc}", path=shown) from None
    return from_bytes(data, shown, config)


def from_bytes(data: bytes, name: str, config: ParseConfig) -> RawDocument:
    """Parse bytes whose file name is ``name`` (used for the format and in errors)."""
    if not data:
        raise EmptyDocumentError("file is empty (0 bytes); nothing to parse", path=name)
    limit = config.limits.max_input_bytes
    if len(data) > limit:
        raise LimitExceededError(
            f"input is {len(data):,} bytes, above the max_input_bytes limit of {limit:,}; "
            "raise it with config={'limits': {'max_input_bytes': N}}",
            path=name,
            limit="max_input_bytes",
            value=len(data),
            maximum=limit,
        )
    fmt = sniff_format(data, name)
    if fmt == "zip":
        raise UnsupportedFormatError(
            "a .zip archive is a collection, not a report; use `govreport-parse batch` on it", path=name
        )
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        text, encoding = decode_text(data, name)
        _check_chars(text, name, config)
        info = SourceInfo(name=name, sha256=sha, format="txt", encoding=encoding, size=len(data))
        return RawDocument(text=text, source=info)
    module = importlib.import_module(f"{__name__}.{fmt}")
    raw: RawDocument = module.load(data, name, config, sha)
    _check_chars(raw.text, name, config)
    if not raw.text.strip():
        raise EmptyDocumentError(f"the {fmt.upper()} file contains no text", path=name)
    return raw


def from_text(text: str, name: str, config: ParseConfig) -> RawDocument:
    """Wrap already-extracted text."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text needs a str, not {type(text).__name__}")
    if not text.strip():
        raise EmptyDocumentError("text is empty or only whitespace; nothing to parse", path=name)
    _check_chars(text, name, config)
    data = text.encode("utf-8", "surrogatepass")
    info = SourceInfo(
        name=name, sha256=hashlib.sha256(data).hexdigest(), format="txt", encoding=None, size=len(data)
    )
    return RawDocument(text=text, source=info)


def _check_chars(text: str, name: str, config: ParseConfig) -> None:
    limit = config.limits.max_chars
    if len(text) > limit:
        raise LimitExceededError(
            f"text has {len(text):,} characters, above the max_chars limit of {limit:,}; "
            "raise it with config={'limits': {'max_chars': N}}",
            path=name,
            limit="max_chars",
            value=len(text),
            maximum=limit,
        )
