"""Glyphs into lines, and the layout artifacts a PDF leaves in its text.

Pure Python on :class:`~govreport_parse.load.pdf_glyphs.Glyph` records (no
pdfium here), so every rule is testable with hand-made glyphs:

- :func:`group_lines` sorts glyphs into lines by vertical position, then by x;
- :class:`TextBuilder` writes lines and records :class:`Mark` spans over the
  text it builds: fake-bold duplicate glyphs (``fake_bold``), spaces the layout
  put between two CJK characters or next to full-width punctuation
  (``cjk_space``); between a Latin letter or digit and an ideograph only a gap as narrow as
  the word processors' automatic Asian–Latin spacing with no space character in the PDF's text
  is marked, a typed space (``2023 年``) stays; in running text any space the PDF types stays
  (``1.门户网站 在…``: a heading set off from its sentence);
- :func:`is_page_number`, :func:`furniture_key` and :func:`looks_like_heading`
  are the patterns used for running headers, page footers and line wraps.

>>> from govreport_parse.load.pdf_glyphs import Glyph
>>> row = [Glyph("政", 0, 10, 0, 12), Glyph("政", 0.4, 10.4, 0, 12), Glyph("府", 10, 20, 0, 12)]
>>> b = TextBuilder()
>>> _ = b.write_glyphs(row)
>>> b.text(), [(m.kind, m.start, m.end) for m in b.marks]
('政政府', [('fake_bold', 1, 2)])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from ..lexicon import NUMBERED_LINE, is_cjk, is_cjk_punct
from ..model import Mark
from .pdf_glyphs import Glyph, SpacedGlyph

__all__ = [
    "TextBuilder",
    "furniture_key",
    "group_lines",
    "is_cjk",
    "is_cjk_punct",
    "is_page_number",
    "looks_like_heading",
]

#: a horizontal gap wider than this share of the smaller neighbour's height is a space
SPACE_GAP = 0.15
#: a gap between a Latin letter or digit and an ideograph narrower than this share of the smaller
#: neighbour's height, with no space character typed there, is the automatic Asian-Latin spacing
#: of Word, WPS and LibreOffice (0.18-0.27 of the glyph box), not a space of the text
AUTOSPACE_GAP = 0.4
#: in running text, a gap between two ideographs at least this share of the glyph height, and
#: 0.15 wider than the line's usual gap, is a space of the text even where the PDF types no space
#: character (LibreOffice draws some spaces as gaps): 0.22-0.3 seen, justified gaps spread evenly
TYPED_SPACE_GAP = 0.21
#: a glyph repeated this close (share of its width) is a fake-bold double strike
BOLD_OVERLAP = 0.3

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·•]*\d{1,4}[-—–－~·•]*"
    r"|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?"
    r"|\d{1,4}/\d{1,4}"
    r"|(?:page)?\d{1,4}(?:of\d{1,4})?)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _wide_gap(line: Sequence[Glyph]) -> float:
    """The share of the glyph height from which a gap between two ideographs of this line is a
    space of the text: the line's usual gap plus 0.15, at least :data:`TYPED_SPACE_GAP`.

    >>> round(_wide_gap([Glyph(c, 10 * i, 10 * i + 10, 0, 10) for i, c in enumerate("政府信")]), 2)
    0.21
    >>> _wide_gap([Glyph("政", 0, 10, 0, 10)])
    inf
    """
    if len(line) < 3:
        return float("inf")
    gaps = sorted(b.x0 - a.x1 for a, b in pairwise(line))
    height = sorted(g.bottom - g.top for g in line)[len(line) // 2] or 1.0
    return max(TYPED_SPACE_GAP, gaps[len(gaps) // 2] / height + 0.15)


def _autospaced(a: str, b: str) -> bool:
    """An ideograph next to an ASCII letter or digit: where word processors add their own
    Asian-Latin spacing.

    >>> _autospaced("4", "层"), _autospaced("年", "2"), _autospaced("4", "5"), _autospaced("，", "5")
    (True, True, False, False)
    """
    return (a.isascii() and a.isalnum() and _ideograph(b)) or (b.isascii() and b.isalnum() and _ideograph(a))


def _ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


def is_page_number(line: str) -> bool:
    """``- 1 -``, ``—2—``, ``第 3 页 共 5 页``, ``4/5``: a page number alone on its line.

    >>> [is_page_number(s) for s in ("- 1 -", "第 3 页 共 5 页", "12", "2023 年", "一、概述")]
    [True, True, True, False, False]
    """
    return bool(_PAGE_NUMBER.match(_SPACES.sub("", line)))


def furniture_key(line: str) -> str:
    """A header or footer line with its numbers blanked, to find it repeated on other pages.

    >>> furniture_key("洪泽区 2023 年报告  第 2 页") == furniture_key("洪泽区 2023 年报告 第 3 页")
    True
    """
    return _DIGITS.sub("#", _SPACES.sub("", line))


def looks_like_heading(line: str) -> bool:
    """A line that opens with a heading number (一、 （一） 1. （1） ① 第一章).

    >>> looks_like_heading("二、主动公开政府信息情况"), looks_like_heading("2023 年，我区")
    (True, False)
    """
    return bool(NUMBERED_LINE.match(line.lstrip()))


def group_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs into lines, top to bottom, each line left to right.

    A glyph joins the line whose band (top..bottom of its first glyph) holds
    its vertical middle.

    >>> g = [Glyph("b", 10, 20, 30, 42), Glyph("a", 0, 10, 0, 12), Glyph("c", 0, 10, 30.5, 42)]
    >>> ["".join(x.char for x in line) for line in group_lines(g)]
    ['a', 'cb']
    """
    ordered = sorted(glyphs, key=_mid_y)
    lines: list[list[Glyph]] = []
    band_top = band_bottom = 0.0
    current: list[Glyph] = []
    for g in ordered:
        mid = (g.top + g.bottom) / 2
        if current and band_top <= mid <= band_bottom:
            current.append(g)
            continue
        if current:
            lines.append(current)
        current = [g]
        band_top, band_bottom = g.top, g.bottom
    if current:
        lines.append(current)
    for line in lines:
        line.sort(key=_x0)
    return lines


def _mid_y(g: Glyph) -> float:
    return g.top + g.bottom


def _x0(g: Glyph) -> float:
    return g.x0


class TextBuilder:
    """Accumulates text and the artifact marks over it (offsets are absolute).

    >>> b = TextBuilder()
    >>> b.write("甲\\n")
    >>> _ = b.write_glyphs([Glyph("第", 0, 10, 0, 12), Glyph("2", 16, 21, 0, 12), Glyph("号", 27, 37, 0, 12)])
    >>> _ = b.write_glyphs([Glyph("号", 0, 10, 20, 32), Glyph("，", 14, 24, 20, 32)], prev=None)
    >>> b.text(), [(m.kind, m.start) for m in b.marks]
    ('甲\\n第 2 号号 ，', [('cjk_space', 8)])
    >>> row = [Glyph("第", 0, 10, 40, 52), Glyph("2", 13, 18, 40, 52), Glyph("号", 21, 31, 40, 52)]
    >>> _ = b.write_glyphs(row)
    >>> b.text()[-5:], [(m.kind, m.start) for m in b.marks][1:]  # Asian-Latin autospacing
    ('第 2 号', [('cjk_space', 11), ('cjk_space', 13)])
    """

    __slots__ = ("_parts", "marks", "pos")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0
        self.marks: list[Mark] = []

    def write(self, s: str) -> None:
        self._parts.append(s)
        self.pos += len(s)

    def mark(self, kind: str, start: int, end: int, replacement: str = "") -> None:
        self.marks.append(Mark(kind=kind, start=start, end=end, replacement=replacement))

    def text(self) -> str:
        return "".join(self._parts)

    def write_glyphs(
        self, line: Sequence[Glyph], *, prev: Glyph | None = None, body: bool = False
    ) -> Glyph | None:
        """Write one line's glyphs (sorted by x); returns the last kept glyph.

        ``prev`` continues a line already started (a cell's next line), so a
        fake-bold duplicate across the join is still caught. ``body``: a line of running
        text, where a space the PDF itself types (a
        :class:`~govreport_parse.load.pdf_glyphs.SpacedGlyph` follows it) stays, even between
        two ideographs or after full-width punctuation: it sets a heading off from its first
        sentence (``1.门户网站 在…``), as in the text the PDF was made from.

        >>> from .pdf_glyphs import SpacedGlyph
        >>> b = TextBuilder()
        >>> row = [Glyph(c, 10 * i, 10 * i + 10, 0, 12) for i, c in enumerate("门户网站")]
        >>> row += [SpacedGlyph("在", 43, 53, 0, 12), Glyph("此", 53, 63, 0, 12)]
        >>> _ = b.write_glyphs(row, body=True)
        >>> b.text(), b.marks
        ('门户网站 在此', [])
        """
        wide = _wide_gap(line) if body else float("inf")
        parts = self._parts
        marks = self.marks
        pos = self.pos
        if prev is not None:
            p_char, p_x0, p_x1, p_top, p_bottom = prev
        for g in line:
            char, x0, _x1, top, bottom = g
            if prev is not None:
                if (
                    char == p_char
                    and abs(x0 - p_x0) < BOLD_OVERLAP * max(p_x1 - p_x0, 1.0)
                    and abs(top - p_top) < BOLD_OVERLAP * max(p_bottom - p_top, 1.0)
                ):
                    marks.append(Mark(kind="fake_bold", start=pos, end=pos + len(char)))
                    parts.append(char)
                    pos += len(char)
                    continue
                if x0 - p_x1 > SPACE_GAP * min(bottom - top, p_bottom - p_top):
                    height = min(bottom - top, p_bottom - p_top)
                    if abs(top + bottom - p_top - p_bottom) < 2 * height:
                        a, b = p_char[-1], char[0]
                        typed = type(g) is SpacedGlyph
                        if body and not typed and x0 - p_x1 >= wide * height:
                            typed = _ideograph(a) and _ideograph(b)
                        if not (body and typed) and (
                            (is_cjk(a) and is_cjk(b))
                            or is_cjk_punct(a)
                            or is_cjk_punct(b)
                            or (x0 - p_x1 < AUTOSPACE_GAP * height and not typed and _autospaced(a, b))
                        ):
                            marks.append(Mark(kind="cjk_space", start=pos, end=pos + 1))
                        parts.append(" ")
                        pos += 1
            parts.append(char)
            pos += len(char)
            prev = g
            p_char, p_x0, p_x1, p_top, p_bottom = g
        self.pos = pos
        return prev

    def checkpoint(self) -> tuple[int, int, int]:
        """Where the builder is now: pass it to :meth:`unmarked_since`."""
        return (self.pos, len(self._parts), len(self.marks))

    def unmarked_since(self, point: tuple[int, int, int]) -> str:
        """The text written since ``point`` without the spans marked since then."""
        start, part, first_mark = point
        text = "".join(self._parts[part:])
        out: list[str] = []
        last = 0
        for m in self.marks[first_mark:]:  # written in order, never overlapping
            s, e = m.start - start, m.end - start
            if s < last:
                continue
            out.append(text[last:s])
            out.append(m.replacement)
            last = e
        out.append(text[last:])
        return "".join(out)
