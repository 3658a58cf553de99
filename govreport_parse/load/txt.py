"""Text files: UTF-8 (with or without BOM), UTF-16/32 (BOM, or UTF-16 recognised by its NUL
pattern), GB18030/GBK, and files that mix UTF-8 and GBK line by line.

The encoding used is recorded in ``SourceInfo.encoding`` (``"utf-8+gb18030"`` for a mixed
file). Binary data (many NUL or control bytes) raises a typed error; a few stray NUL bytes in
otherwise valid text are left for the cleaner to remove.

>>> decode_text(b"\\xef\\xbb\\xbf\\xe4\\xb8\\x80", "a.txt")
('一', 'utf-8-sig')
>>> decode_text("政府".encode("gbk"), "a.txt")
('政府', 'gb18030')
>>> decode_text("一、概述\\n".encode() + "二、主动公开".encode("gbk"), "a.txt")
('一、概述\\n二、主动公开', 'utf-8+gb18030')
>>> decode_text(b"\\x00\\x01\\x02\\x03" * 100, "a.txt")
Traceback (most recent call last):
...
govreport_parse.errors.UnsupportedFormatError: a.txt: binary data (100 NUL bytes in the first 400): not a text report; if it is a PDF, DOCX or DOC, give it the right file extension
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

# C0 controls a text report never has (tab, LF, VT, FF, CR, SUB and ESC are tolerated).
_CONTROL = frozenset(b for b in range(32) if b not in (0, 9, 10, 11, 12, 13, 26, 27))
_SAMPLE = 65536


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has NULs at every other byte."""
    sample = data[:4000]
    half = len(sample) / 2
    if half < 2:
        return None
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
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
                    f"starts with a {enc} byte-order mark but is not valid {enc} at byte {exc.start}; "
                    "re-save the file as UTF-8",
                    path=path,
                ) from None
            return _check_text(text, path), enc
    guessed = _looks_utf16(data)
    if guessed:
        try:
            text = data.decode(guessed)
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return _check_text(text, path), guessed
    _refuse_binary(data[:_SAMPLE], path)
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            whole = data.decode("gb18030")
        except UnicodeDecodeError:
            whole = None
        mixed = _decode_lines(data)
        if mixed is not None and (whole is None or _cjk_share(mixed[0]) > _cjk_share(whole)):
            return _check_text(mixed[0], path), mixed[1]
        if whole is not None:
            return _check_text(whole, path), "gb18030"
        raise EncodingError(
            f"not valid UTF-8 (byte {utf8_error.start}) nor GB18030/GBK; "
            "convert the file to UTF-8 and try again",
            path=path,
        ) from None


def _refuse_binary(sample: bytes, path: str) -> None:
    nul = sample.count(0)
    if nul > max(4, len(sample) // 100):
        raise UnsupportedFormatError(
            f"binary data ({nul} NUL bytes in the first {len(sample)}): not a text report; "
            "if it is a PDF, DOCX or DOC, give it the right file extension",
            path=path,
        )
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(8, len(sample) // 200):
        raise UnsupportedFormatError(
            f"binary data ({controls} control bytes in the first {len(sample)}): not a text report",
            path=path,
        )


def _decode_lines(data: bytes) -> tuple[str, str] | None:
    """Decode line by line, UTF-8 first then GB18030: files pasted together from two sources."""
    out: list[str] = []
    used: set[str] = set()
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
            if any(b >= 0x80 for b in line):
                used.add("utf-8")
        except UnicodeDecodeError:
            try:
                out.append(line.decode("gb18030"))
                used.add("gb18030")
            except UnicodeDecodeError:
                return None
    if used == {"utf-8", "gb18030"}:
        return "".join(out), "utf-8+gb18030"
    return None


def _plausible(text: str) -> bool:
    """Decoded text with (almost) no control characters."""
    sample = text[:20000]
    bad = sum(1 for c in sample if c < " " and c not in "\t\n\r\x0b\x0c")
    return bad <= len(sample) // 200


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if "\u4e00" <= c <= "\u9fff") / len(sample)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise EmptyDocumentError("file contains only whitespace; nothing to parse", path=path)
    return text
