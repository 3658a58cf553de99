"""Text files: UTF-8 (with or without BOM), UTF-16 (BOM), GB18030/GBK.

The encoding used is recorded in ``SourceInfo.encoding``. Binary data (NUL
bytes, control characters, undecodable bytes) raises a typed error.

>>> decode_text(b"\\xef\\xbb\\xbf\\xe4\\xb8\\x80", "a.txt")
('一', 'utf-8-sig')
>>> decode_text("政府".encode("gbk"), "a.txt")
('政府', 'gb18030')
"""

from __future__ import annotations

import codecs

from ..errors import EmptyDocumentError, EncodingError, UnsupportedFormatError

__all__ = ["decode_text"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, LF, VT, FF, CR and ESC/SUB that editors leave: a text report has none.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII/CJK text has NULs at every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes; return ``(text, encoding)`` or raise a typed error naming ``path``."""
    if not data:
        raise EmptyDocumentError("file is empty (0 bytes); nothing to parse", path=path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {enc} byte-order mark but is not valid {enc} at byte {exc.start}",
                    path=path,
                ) from None
            return _check_text(text, path), enc
    guessed = _looks_utf16(data)
    if guessed:
        try:
            return _check_text(data.decode(guessed), path), guessed
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise UnsupportedFormatError(
            "contains NUL bytes: this is binary data, not a text report "
            "(if it is a PDF, DOCX or DOC, give it the right file extension)",
            path=path,
        )
    sample = data[:65536]
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    if controls > max(8, len(sample) // 200):
        raise UnsupportedFormatError(
            f"binary data ({controls} control bytes in the first {len(sample)}): not a text report",
            path=path,
        )
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return _check_text(data.decode("gb18030"), path), "gb18030"
        except UnicodeDecodeError:
            raise EncodingError(
                f"not valid UTF-8 (byte {utf8_error.start}) nor GB18030/GBK; "
                "convert the file to UTF-8 and try again",
                path=path,
            ) from None


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise EmptyDocumentError("file contains only whitespace; nothing to parse", path=path)
    return text
