"""Text files: UTF-8 (with or without BOM), UTF-16/32 (BOM, or UTF-16 recognised by its NUL
pattern), GB18030/GBK, and files that mix UTF-8 and GBK line by line.

The encoding used is recorded in ``SourceInfo.encoding`` (``"utf-8+gb18030"`` for a mixed
file). Binary data (many NUL or control bytes) raises a typed error; a few stray NUL bytes in
otherwise valid text are left for the cleaner to remove.

>>> decode_text(b"\\xef\\xbb\\xbf\\xe4\\xb8\\x80", "a.txt")
('一', 'utf-8-sig')
>>> decode_text("政府".encode("gbk"), "a.txt")
('政府', 'gb18030')
>>> decode_text("一、概述\\n".encode() + "二、主动公开政府信息情况".encode("gbk"), "a.txt")
('一、概述\\n二、主动公开政府信息情况', 'utf-8+gb18030')
>>> decode_text(b"\\x00\\x01\\x02\\x03" * 100, "a.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
govreport_parse.errors.UnsupportedFormatError: a.txt: binary data (100 NUL bytes in the first 400): ...
"""

from __future__ import annotations

import codecs
import contextlib
import re

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
_CONTROL_BYTES = bytes(sorted(_CONTROL))
_SAMPLE = 65536


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: NULs at one parity only, and the decoded text reads as text."""
    sample = data[:8000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 100:
        return None
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nul >= even_nul else ("utf-16-be", "utf-16-le")
    for enc in order:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text) and _common_share(text) > 0.5:
            return text, enc
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
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _check_text(utf16[0], path), utf16[1]
    _refuse_binary(data[:_SAMPLE], path)
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as utf8_error:
        candidates: list[tuple[str, str]] = []
        with contextlib.suppress(UnicodeDecodeError):
            candidates.append((data.decode("gb18030"), "gb18030"))
        mixed = _decode_mixed(data)
        if mixed is not None:
            candidates.append((mixed, "utf-8+gb18030"))
        if not candidates:
            raise EncodingError(
                f"not valid UTF-8 (byte {utf8_error.start}) nor GB18030/GBK; "
                "convert the file to UTF-8 and try again",
                path=path,
            ) from None
        text, enc = max(candidates, key=lambda c: _common_share(c[0]))
        return _check_text(text, path), enc


def _refuse_binary(sample: bytes, path: str) -> None:
    nul = sample.count(0)
    if nul > max(4, len(sample) // 100):
        raise UnsupportedFormatError(
            f"binary data ({nul} NUL bytes in the first {len(sample)}): not a text report; "
            "if it is a PDF, DOCX or DOC, give it the right file extension",
            path=path,
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 200):
        raise UnsupportedFormatError(
            f"binary data ({controls} control bytes in the first {len(sample)}): not a text report",
            path=path,
        )


def _gb_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the bytes UTF-8 rejected as GB18030 (2 or 4 bytes)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    for width in (2, 4):
        chunk = exc.object[exc.start : exc.start + width]
        try:
            return chunk.decode("gb18030"), exc.start + width
        except UnicodeDecodeError:
            continue
    raise exc


def _decode_mixed(data: bytes) -> str | None:
    """Files pasted together from UTF-8 and GBK sources: each run of non-ASCII bytes is
    decoded as UTF-8 if it is valid UTF-8, else as GB18030, else byte by byte."""
    global _REGISTERED
    if not _REGISTERED:
        codecs.register_error("govreport_gb_fallback", _gb_fallback)
        _REGISTERED = True
    parts: list[str] = []
    pos = 0
    for m in _NON_ASCII.finditer(data):
        parts.append(data[pos : m.start()].decode("ascii"))
        run = m.group()
        for enc, errors in (("utf-8", "strict"), ("gb18030", "strict"), ("utf-8", "govreport_gb_fallback")):
            try:
                parts.append(run.decode(enc, errors))
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
        pos = m.end()
    parts.append(data[pos:].decode("ascii"))
    return "".join(parts)


_NON_ASCII = re.compile(rb"[\x80-\xff]+")
_REGISTERED = False


def _plausible(text: str) -> bool:
    """Decoded text with (almost) no control characters."""
    sample = text[:20000]
    bad = sum(1 for c in sample if c < " " and c not in "\t\n\r\x0b\x0c")
    return bad <= len(sample) // 200


def _common_share(text: str) -> float:
    """Share of characters that are ASCII, CJK punctuation or the 3,755 most common hanzi
    (GB2312 level 1): high for real text, low for mojibake."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = 0
    for c in sample:
        if c < "\x80" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef":
            good += 1
        elif "\u4e00" <= c <= "\u9fff":
            with contextlib.suppress(UnicodeEncodeError):
                good += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
    return good / len(sample)


def _check_text(text: str, path: str) -> str:
    if not text.strip():
        raise EmptyDocumentError("file contains only whitespace; nothing to parse", path=path)
    return text
