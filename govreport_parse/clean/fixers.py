"""The fixers, in the order they run. Each is ``str -> list[Edit]``, pure.

(Placeholder registry: the full set lives in the modules of this package.)
"""

from __future__ import annotations

import regex

from .offsets import Edit

__all__ = ["FIXERS"]

_IMAGE = regex.compile(r"\[image:[^\]\n]{0,200}\][^\n]{0,40}\n?[ \t\u3000]*")
_CRLF = regex.compile(r"\r\n?")


def fix_crlf(text: str) -> list[Edit]:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return [Edit(start=m.start(), end=m.end(), replacement="\n") for m in _CRLF.finditer(text) if m.group() != "\n"]


def fix_image_markers(text: str) -> list[Edit]:
    """Drop ``[image: x.png]`` with the OCR garbage after it."""
    return [Edit(start=m.start(), end=m.end(), kind="image_marker") for m in _IMAGE.finditer(text)]


FIXERS = (
    ("crlf", fix_crlf),
    ("image_marker", fix_image_markers),
)
