"""What a PDF page holds, read through pdfium: glyphs with boxes and ruling lines.

Everything here talks to ``pypdfium2``; the layout and table code works on the
plain records it returns. Coordinates are PDF points with the origin at the
*top-left* of the page (``top`` grows downwards), like pdfplumber's.

>>> g = Glyph(char="政", x0=10.0, x1=20.0, top=5.0, bottom=16.0)
>>> g.width, g.height, round(g.mid_y, 1)
(10.0, 11.0, 10.5)
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = ["Edge", "Glyph", "PageContent", "SpacedGlyph", "read_page"]

#: a filled path thinner than this (points) is a drawn rule, not a shaded box
THIN = 2.5
#: an edge shorter than this is noise (ticks, dots, underline fragments)
MIN_EDGE = 3.0
#: a loose glyph box larger than this (points) comes from broken font metrics
LOOSE_MAX = 48.0
#: |sin 2θ| above this (about 5°) is a slant, not level or upright text
SLANT = 0.17
#: characters never kept as glyphs (besides whitespace and controls)
_SKIP = frozenset("\u3000\u00a0\ufffe\uffff\ufeff\u200b")
#: space characters that, typed in the PDF's text, separate what they stand between
_TYPED_SPACES = frozenset(" \u3000\u00a0")
#: fill colours that mean "background" (white boxes behind table cells)
_WHITE = 250


class Glyph(NamedTuple):
    """One drawn character. ``top``/``bottom`` come from the font's ascent and
    descent (pdfium's loose box), so glyphs of one line share them.
    (A named tuple: pages have thousands, and tuples are built fastest.)"""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2


class SpacedGlyph(Glyph):
    """A glyph the PDF's text puts a typed space character before (``2023 年``, ``1.门户网站 在``);
    pdfium's generated spaces (its guesses from gaps) do not count. The layout code keeps such a
    space where it would take a gap of the same width for the producer's own spacing.

    >>> g = SpacedGlyph("在", 0.0, 10.0, 0.0, 12.0)
    >>> isinstance(g, Glyph), g.char
    (True, '在')
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """A horizontal (``"h"``) or vertical (``"v"``) ruling line."""

    orientation: str
    x0: float
    x1: float
    top: float
    bottom: float

    def as_plumber(self) -> dict[str, Any]:
        """The edge as the plain record ``pdfplumber.table`` works on."""
        return {
            "object_type": "line",
            "orientation": self.orientation,
            "x0": self.x0,
            "x1": self.x1,
            "top": self.top,
            "bottom": self.bottom,
            "doctop": self.top,
            "width": self.x1 - self.x0,
            "height": self.bottom - self.top,
        }


@dataclass(frozen=True, slots=True)
class PageContent:
    """A page's glyphs (content order), ruling lines, size and image count."""

    glyphs: tuple[Glyph, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float
    images: int
    diagonal: str = ""  # glyphs set at a slant (watermarks), left out of the text


def read_page(page: Any, *, want_edges: bool = True) -> PageContent:
    """Read one ``pypdfium2.PdfPage``: glyphs, ruling lines and images."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # as displayed, i.e. after /Rotate
    rotation = page.get_rotation() % 360
    if rotation in (90, 270):
        width, height = height, width  # the page's own (unrotated) size
    textpage = page.get_textpage()
    try:
        glyphs, diagonal = _glyphs(textpage, height, pdfium_c)
    finally:
        textpage.close()
    edges, images = _objects(page.raw, height, pdfium_c, want_edges)
    if rotation in (90, 180, 270):
        turned = _rotated(glyphs, edges, images, width, height, rotation)
        return dataclasses.replace(turned, diagonal=diagonal)
    return PageContent(
        glyphs=tuple(glyphs), edges=tuple(edges), width=width, height=height, images=images, diagonal=diagonal
    )


def _rotated(
    glyphs: list[Glyph], edges: list[Edge], images: int, width: float, height: float, rotation: int
) -> PageContent:
    """Boxes from the page's own coordinates into the displayed page's (``/Rotate``,
    clockwise): a landscape table on a rotated page reads as it is seen.

    >>> page = _rotated([Glyph("字", 100, 110, 50, 62)], [], 0, 595.0, 842.0, 90)
    >>> page.glyphs[0], (page.width, page.height)
    (Glyph(char='字', x0=780.0, x1=792.0, top=100, bottom=110), (842.0, 595.0))
    """

    def box(x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
        if rotation == 90:
            return (height - bottom, height - top, x0, x1)
        if rotation == 180:
            return (width - x1, width - x0, height - bottom, height - top)
        return (top, bottom, width - x1, width - x0)  # 270

    turned = [type(g)(g.char, *box(g.x0, g.x1, g.top, g.bottom)) for g in glyphs]  # keeps SpacedGlyph
    moved = []
    for e in edges:
        x0, x1, top, bottom = box(e.x0, e.x1, e.top, e.bottom)
        orientation = e.orientation if rotation == 180 else ("v" if e.orientation == "h" else "h")
        moved.append(Edge(orientation, x0, x1, top, bottom))
    shown_w, shown_h = (width, height) if rotation == 180 else (height, width)
    return PageContent(glyphs=tuple(turned), edges=tuple(moved), width=shown_w, height=shown_h, images=images)


def _glyphs(textpage: Any, page_height: float, pdfium_c: Any) -> tuple[list[Glyph], str]:
    """The page's glyphs in content order, and the text of glyphs set at a slant.

    A slanted run (a diagonal watermark such as 内部资料) would otherwise be
    scattered into the lines it crosses. Angles are asked of pdfium only where
    two glyphs in a row step diagonally, so straight text costs nothing extra.
    """
    raw = textpage.raw
    count = textpage.count_chars()
    if count <= 0:
        return [], ""
    text = textpage.get_text_range(0, count)
    aligned = len(text) == count
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_angle = pdfium_c.FPDFText_GetCharAngle
    out: list[Glyph] = []
    append = out.append
    slanted: list[str] = []
    in_run = False
    last = -1  # pdfium index of out[-1]
    is_generated = getattr(pdfium_c, "FPDFText_IsGenerated", None)
    spaced = False  # a typed space character came since the last glyph
    for i in range(count):
        ch = text[i] if aligned else chr(get_unicode(raw, i) or 0xFFFD)
        if ch <= " " or ch in _SKIP:
            # spaces and line breaks: the layout code decides those from the gaps, told which
            # spaces the PDF itself holds (pdfium generates others from gaps and at line ends)
            # (a space typed at the end of a line goes with the next line's first glyph, for
            # the line-wrap join to keep)
            if ch in _TYPED_SPACES and is_generated is not None and is_generated(raw, i) == 0:
                spaced = True
            continue
        if not loose_box(raw, i, ref):
            continue
        left, right = rect.left, rect.right
        top, bottom = page_height - rect.top, page_height - rect.bottom
        if right < left:
            left, right = right, left
        if bottom < top:
            top, bottom = bottom, top
        w, h = right - left, bottom - top
        if in_run or (out and _diagonal_step(out[-1], left, top, w, h)):
            in_run = _slanted(get_angle(raw, i))
            if in_run:
                if out and last >= 0 and _slanted(get_angle(raw, last)):
                    slanted.append(out.pop().char)  # the run's first glyph
                    last = -1
                slanted.append(ch)
                continue
        if w > LOOSE_MAX or h > LOOSE_MAX or (ch >= "\u2e80" and (h > 2.2 * w or w > 2.2 * h)):
            box = _tight_box(pdfium_c, raw, i, page_height)
            if box is not None:
                left, right, top, bottom = box
        append(SpacedGlyph(ch, left, right, top, bottom) if spaced else Glyph(ch, left, right, top, bottom))
        spaced = False
        last = i
    return out, "".join(slanted)


def _diagonal_step(prev: Glyph, x0: float, top: float, w: float, h: float) -> bool:
    """The next glyph moved both across and down (or up) by about a glyph: a slant, or a
    sub/superscript (which the angle then clears)."""
    dx, dy = abs(x0 - prev.x0), abs(top - prev.top)
    return 0.2 * w < dx < 2.5 * w and 0.2 * h < dy < 2.5 * h


def _slanted(angle: float) -> bool:
    """Neither level nor upright (pdfium gives radians, -1 when it cannot tell)."""
    return angle >= 0 and abs(math.sin(2 * angle)) > SLANT


def _tight_box(
    pdfium_c: Any, raw: Any, i: int, page_height: float
) -> tuple[float, float, float, float] | None:
    """A glyph's ink box widened to an em square, for fonts whose ascent and
    descent are nonsense (pdfium's loose box then spans half the page)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
        return None
    x0, x1 = min(left.value, right.value), max(left.value, right.value)
    y0, y1 = sorted((page_height - top.value, page_height - bottom.value))
    half = max(x1 - x0, y1 - y0) * 0.55
    mid = (y0 + y1) / 2
    return (x0, x1, mid - half, mid + half)


def _objects(page: Any, page_height: float, pdfium_c: Any, want_edges: bool) -> tuple[list[Edge], int]:
    """Ruling lines from the page's path objects, and how many images it shows."""
    count_objects = pdfium_c.FPDFPage_CountObjects
    get_object = pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    path_type, image_type, form_type = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
        pdfium_c.FPDF_PAGEOBJ_FORM,
    )
    edges: list[Edge] = []
    images = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    n = count_objects(page)
    for i in range(n):
        obj = get_object(page, i)
        kind = get_type(obj)
        if kind == image_type:
            images += 1
            continue
        if kind == form_type:
            images += _form_images(obj, pdfium_c)
            continue
        if kind != path_type or not want_edges:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, x1 = left.value, right.value
        y_top, y_bottom = page_height - top.value, page_height - bottom.value
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        thin_h = y_bottom - y_top <= THIN
        thin_v = x1 - x0 <= THIN
        if stroke.value:
            if thin_h or thin_v:
                _thin_edge(edges, x0, x1, y_top, y_bottom)
            else:
                edges.extend(_segment_edges(obj, page_height, pdfium_c))
        elif fill_mode.value and (thin_h or thin_v):
            pdfium_c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha)
            if alpha.value and min(red.value, green.value, blue.value) < _WHITE:
                _thin_edge(edges, x0, x1, y_top, y_bottom)
    return edges, images


def _form_images(form: Any, pdfium_c: Any) -> int:
    n = pdfium_c.FPDFFormObj_CountObjects(form)
    found = 0
    for i in range(max(n, 0)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            found += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            found += _form_images(obj, pdfium_c)
    return found


def _thin_edge(edges: list[Edge], x0: float, x1: float, top: float, bottom: float) -> None:
    """A line-shaped box becomes one edge along its centre line."""
    if x1 - x0 >= bottom - top:
        if x1 - x0 >= MIN_EDGE:
            mid = (top + bottom) / 2
            edges.append(Edge("h", x0, x1, mid, mid))
    elif bottom - top >= MIN_EDGE:
        mid = (x0 + x1) / 2
        edges.append(Edge("v", mid, mid, top, bottom))


def _segment_edges(obj: Any, page_height: float, pdfium_c: Any) -> list[Edge]:
    """Axis-parallel straight segments of a path (a stroked box or a whole grid)."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[Edge] = []
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    n = pdfium_c.FPDFPath_CountSegments(obj)
    for i in range(min(n, 5000)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = (a * x.value + c * y.value + e, page_height - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or prev is None:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            _straight(out, prev, point)
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _straight(out, point, start)
            prev = start
    return out


def _straight(out: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    (px, py), (qx, qy) = p, q
    if abs(py - qy) <= 1.0 and abs(px - qx) >= MIN_EDGE:
        mid = (py + qy) / 2
        out.append(Edge("h", min(px, qx), max(px, qx), mid, mid))
    elif abs(px - qx) <= 1.0 and abs(py - qy) >= MIN_EDGE:
        mid = (px + qx) / 2
        out.append(Edge("v", mid, mid, min(py, qy), max(py, qy)))
