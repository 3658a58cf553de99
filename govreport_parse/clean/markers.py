"""Embedded image markers (``[image: image1.png]``) and the OCR garbage after them.

A converter leaves a marker where a picture (often a seal or a signature) sat, followed by
the OCR reading of the picture up to the end of the line (``%FEAE@H``, ``SRERXA``, ``0``,
``oIS X A`` or nothing) and a line break. When the marker splits a sentence the break, any
blank lines and the indentation after it go too, so the sentence reads whole again. The
garbage is never CJK text: a marker followed by real text on its line loses the marker only.

>>> from .offsets import apply_edits
>>> t = "大力推进制度[image: image1.png]%FEAE@H\\n 改革。"
>>> apply_edits(t, fix_image_markers(t))
'大力推进制度改革。'
>>> t = "查询政务[image: image6.png]\\n\\n\\n信息等。"
>>> apply_edits(t, fix_image_markers(t))
'查询政务信息等。'
>>> t = "见下图[image: a.png]政府信息"
>>> apply_edits(t, fix_image_markers(t))
'见下图政府信息'
"""

from __future__ import annotations

from .lines import ends_open, starts_continuation
from .offsets import Edit
from .patterns import IMAGE_MARKER, SPACE

__all__ = ["fix_image_markers"]

_MAX_BLANK_LINES = 10


def fix_image_markers(text: str) -> list[Edit]:
    """Drop image markers with their OCR garbage, re-joining the sentence they split."""
    edits: list[Edit] = []
    for m in IMAGE_MARKER.finditer(text):
        start, end = m.start(), m.end()
        to_eol = m.group("garbage") is not None
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if not before.strip(SPACE):
            if to_eol:  # the marker is the whole line: drop the line
                start = line_start
                end = min(end + 1, len(text))
        elif to_eol and end < len(text):
            join_end = _next_text_start(text, end)
            if join_end is not None and ends_open(before) and starts_continuation(_line_at(text, join_end)):
                end = join_end
        edits.append(Edit(start=start, end=end, kind="image_marker"))
    return edits


def _line_at(text: str, pos: int) -> str:
    """The line that starts at ``pos`` (without copying the rest of the document)."""
    eol = text.find("\n", pos)
    return text[pos : eol if eol >= 0 else len(text)]


def _next_text_start(text: str, pos: int) -> int | None:
    """Offset of the first non-space character after the line break at ``pos`` (None if none)."""
    n = len(text)
    breaks = 0
    i = pos
    while i < n and breaks <= _MAX_BLANK_LINES:
        c = text[i]
        if c == "\n":
            breaks += 1
        elif c not in SPACE:
            return i if breaks else None
        i += 1
    return None
