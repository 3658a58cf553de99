"""OCR of page images: rapidocr-onnxruntime (PP-OCR, Chinese) on the CPU, offline.

A page with no usable text layer (a scan, or fonts without a Unicode map) is
rendered with pypdfium2 at a resolution chosen from its size, deskewed, read
by the OCR engine, and returned as the same
:class:`~govreport_parse.load.pdf_glyphs.PageContent` a born-digital page
gives: one glyph per recognised character (each text box's width shared out
among its characters) and the ruling lines found in the image (morphological
line detection with OpenCV) as edges. Lines, tables, cleaning and everything
after are then built by the same code as for a text PDF.

The engine is an optional extra (``pip install 'govreport-parse[ocr]'``); it is
loaded on first use, never at import time. Without it,
:func:`require_engine` raises :class:`DependencyMissingError` naming the extra.

Only geometry is tested here; the engine itself runs in the test suite on
real scans (``tests/test_ocr.py``).

>>> choose_dpi(595.0, 842.0), choose_dpi(842.0, 1191.0), choose_dpi(200.0, 300.0)
(200, 141, 300)
>>> [g.char for g in box_glyphs("第3条", 0.0, 0.0, 40.0, 10.0)]
['第', '3', '条']
>>> [round(g.x1, 1) for g in box_glyphs("第3条", 0.0, 0.0, 40.0, 10.0)]
[16.0, 24.0, 40.0]
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import DependencyMissingError
from .pdf_glyphs import Edge, Glyph, PageContent

__all__ = [
    "EXTRA",
    "OcrBox",
    "OcrPage",
    "available",
    "box_glyphs",
    "choose_dpi",
    "engine_version",
    "find_skew",
    "native_dpi",
    "ocr_image",
    "ocr_pdf_page",
    "require_engine",
    "ruling_edges",
]

#: the pip extra that brings the engine
EXTRA = "ocr"
#: the long side of a page image in pixels (A4 at 200 dpi); the resolution follows from the page size
TARGET_PIXELS = 2339
MIN_DPI = 100
MAX_DPI = 300
#: the least resolution a scan is read at (a scan made at less is enlarged to it)
READ_DPI = 200
#: below this box confidence the characters are listed in the diagnostics
LOW_CONFIDENCE = 0.80
#: a box holding digits below this confidence is listed: a misread digit changes a figure
DIGIT_CONFIDENCE = 0.95
#: how far the engine grows a detected text region before reading it
UNCLIP_RATIO = 2.0
#: an empty table cell is read again when it holds at least this many pixels of ink: darker
#: than ``INK_LEVEL`` and than the cell's paper by ``INK_CONTRAST``
MIN_INK_PIXELS = 6
INK_LEVEL = 200
INK_CONTRAST = 60
#: pixels kept clear of a cell's ruling lines when it is cropped
CELL_INSET = 4
#: a re-read cell's text is kept from this confidence on (a lone small ``0`` reads at 0.35-0.9;
#: it is listed for checking below :data:`DIGIT_CONFIDENCE`, and the table checks guard it)
REREAD_CONFIDENCE = 0.3
#: a re-read cell that is not a figure is kept only from this confidence on (specks read as words)
REREAD_TEXT_CONFIDENCE = 0.9
#: what a lone figure alone in a table cell is misread as: a small ``0`` as a full stop or a circle
CELL_LOOKALIKES = {"。": "0", "o": "0", "O": "0", "○": "0", "〇": "0", "°": "0", "l": "1", "I": "1", "|": "1"}
#: skew angles tried (degrees, both ways) when levelling a page image
MAX_SKEW = 4.0
#: a ruling line is at least this share of the page width (horizontal) or height (vertical)
RULE_SHARE = 1 / 40


@dataclass(frozen=True, slots=True)
class OcrBox:
    """One text box the engine read: its text, confidence and place (PDF points, top-left origin)."""

    page: int
    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class OcrPage:
    """A page read by OCR: its content for the layout code and what the engine saw."""

    number: int
    content: PageContent
    boxes: tuple[OcrBox, ...]
    dpi: int
    skew: float
    seconds: float


def available() -> bool:
    """Whether the OCR engine (the ``ocr`` extra) is installed."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def engine_version() -> str:
    """The engine's name and version, for the record's source block."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"rapidocr-onnxruntime {version('rapidocr-onnxruntime')}"
    except PackageNotFoundError:
        return "rapidocr-onnxruntime"


def require_engine(path: str | None = None) -> Any:
    """The engine, loaded once per process; a typed error naming the extra without it."""
    if not available():
        raise DependencyMissingError(
            "this page needs OCR and the OCR engine is not installed; "
            f"install it with `pip install 'govreport-parse[{EXTRA}]'` (rapidocr-onnxruntime, offline, CPU)",
            path=path,
        )
    return _engine()


@functools.cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    # wider detection boxes (the default unclip ratio is 1.6): a lone digit in a table cell is
    # cropped with room around it, and is then not misread (a boxed 9 read as 6 at 1.6)
    return RapidOCR(det_unclip_ratio=UNCLIP_RATIO)


def choose_dpi(width_pt: float, height_pt: float) -> int:
    """The rendering resolution that makes the page's long side about :data:`TARGET_PIXELS`."""
    long_side = max(width_pt, height_pt, 1.0) / 72.0  # inches
    return max(MIN_DPI, min(MAX_DPI, round(TARGET_PIXELS / long_side)))


def ocr_pdf_page(page: Any, number: int, *, dpi: int | None = None) -> OcrPage:
    """Render one ``pypdfium2.PdfPage`` (as displayed) and read it. One page image at a time."""
    width, height = page.get_size()
    if not dpi:
        native = native_dpi(page, width, height)
        # a scan below READ_DPI is enlarged: small figures of a 150-dpi scan read better at 200
        dpi = max(native, READ_DPI) if native else choose_dpi(width, height)
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    try:
        gray = bitmap.to_numpy().copy()
    finally:
        bitmap.close()
    if gray.ndim == 3:
        gray = gray[:, :, 0]
    return ocr_image(gray, number, width, height)


def native_dpi(page: Any, width_pt: float, height_pt: float) -> int | None:
    """The resolution of a page-sized image on the page (a scan), clamped to
    :data:`MIN_DPI`..:data:`MAX_DPI`: rendering a scan at its own resolution reads digits
    better than resampling it. ``None`` when no image covers most of the page."""
    import pypdfium2.raw as pdfium_c

    best: int | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        shown_w, shown_h = right - left, top - bottom
        if shown_w * shown_h < 0.6 * width_pt * height_pt or shown_w <= 0:
            continue
        try:
            px_w, _ = obj.get_px_size()
        except Exception:
            continue
        dpi = max(MIN_DPI, min(MAX_DPI, round(px_w / (shown_w / 72.0))))
        best = max(best or 0, dpi)
    return best


def ocr_image(gray: Any, number: int, width_pt: float, height_pt: float) -> OcrPage:
    """Read a greyscale page image (numpy ``uint8``, rows × columns) showing a page of the given size."""
    import cv2

    started = time.perf_counter()
    engine = require_engine()
    rows, cols = gray.shape[:2]
    scale = width_pt / cols  # points per pixel
    skew = find_skew(gray)
    if skew:
        centre = (cols / 2, rows / 2)
        matrix = cv2.getRotationMatrix2D(centre, skew, 1.0)
        gray = cv2.warpAffine(gray, matrix, (cols, rows), flags=cv2.INTER_LINEAR, borderValue=255)
    result, _ = engine(gray)
    boxes: list[OcrBox] = []
    glyphs: list[Glyph] = []
    for quad, text, confidence in result or ():
        xs = [p[0] * scale for p in quad]
        ys = [p[1] * scale for p in quad]
        box = OcrBox(
            page=number,
            text=str(text),
            confidence=round(float(confidence), 4),
            x0=min(xs),
            top=min(ys),
            x1=max(xs),
            bottom=max(ys),
        )
        boxes.append(box)
        glyphs.extend(box_glyphs(box.text, box.x0, box.top, box.x1, box.bottom))
    edges = ruling_edges(gray, scale)
    grids = _grids(edges)
    boxes.extend(_reread_empty_cells(engine, gray, scale, grids, boxes, number))
    boxes = _cell_lookalikes(grids, boxes)
    boxes = _recheck_rows(engine, gray, scale, grids, boxes)
    glyphs = [g for b in boxes for g in box_glyphs(b.text, b.x0, b.top, b.x1, b.bottom)]
    content = PageContent(
        glyphs=tuple(glyphs), edges=tuple(edges), width=width_pt, height=height_pt, images=1
    )
    dpi = round(72.0 / scale)
    return OcrPage(
        number=number,
        content=content,
        boxes=tuple(boxes),
        dpi=dpi,
        skew=skew,
        seconds=time.perf_counter() - started,
    )


def _grids(edges: Sequence[Edge]) -> list[Any]:
    from .pdf_tables import find_tables

    try:
        return find_tables(edges)
    except (ArithmeticError, AssertionError, LookupError, ValueError):
        return []


def _crop(gray: Any, box: tuple[float, float, float, float], scale: float, pad: int = 6) -> Any:
    """A padded three-channel crop of a box (points) for the recogniser."""
    import cv2
    import numpy as np

    rows, cols = gray.shape[:2]
    x0, top, x1, bottom = box
    y0, y1 = max(0, int(top / scale) - pad), min(rows, int(bottom / scale) + 1 + pad)
    c0, c1 = max(0, int(x0 / scale) - pad), min(cols, int(x1 / scale) + 1 + pad)
    return cv2.cvtColor(np.ascontiguousarray(gray[y0:y1, c0:c1]), cv2.COLOR_GRAY2BGR)


def _cell_lookalikes(grids: Sequence[Any], boxes: list[OcrBox]) -> list[OcrBox]:
    """A box alone in a table cell holding only a character that looks like a figure (``。`` for
    a small ``0``) is that figure; its confidence is capped so that it is listed for checking."""
    out = list(boxes)
    for i, b in enumerate(boxes):
        figure = CELL_LOOKALIKES.get(b.text.strip())
        if figure is None:
            continue
        mx, my = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
        if any(c.x0 <= mx <= c.x1 and c.top <= my <= c.bottom for g in grids for c in g.cells):
            out[i] = dataclasses.replace(b, text=figure, confidence=min(b.confidence, 0.5))
    return out


def _recheck_rows(
    engine: Any, gray: Any, scale: float, grids: Sequence[Any], boxes: list[OcrBox]
) -> list[OcrBox]:
    """Table rows of figures whose last figure is not the sum of the others (a row total
    that does not add up) have their figures read again one by one, each cropped with room
    around it: the engine's batched reading misreads lone digits (a 9 as a 6) that it reads
    right alone. A re-read is kept when it makes the row add up."""
    suspects: list[list[int]] = []
    for grid in grids:
        by_row: dict[int, list[tuple[int, int]]] = {}
        for cell in grid.cells:
            if cell.row_end != cell.row + 1:
                continue
            inside = [
                i
                for i, b in enumerate(boxes)
                if cell.x0 <= (b.x0 + b.x1) / 2 <= cell.x1
                and cell.top <= (b.top + b.bottom) / 2 <= cell.bottom
            ]
            if len(inside) == 1 and boxes[inside[0]].text.strip().isdigit():
                by_row.setdefault(cell.row, []).append((cell.col, inside[0]))
        for cells in by_row.values():
            cells.sort()
            figures = [int(boxes[i].text.strip()) for _, i in cells]
            if len(figures) >= 3 and sum(figures[:-1]) != figures[-1] and figures[-1] != 0:
                suspects.append([i for _, i in cells])
    if not suspects:
        return boxes
    flat = [i for row in suspects for i in row]
    read, _ = engine.text_rec(
        [_crop(gray, (boxes[i].x0, boxes[i].top, boxes[i].x1, boxes[i].bottom), scale) for i in flat]
    )
    again = {i: (str(t).strip(), float(c)) for i, (t, c) in zip(flat, read, strict=True)}
    out = list(boxes)
    for row in suspects:
        new = [again[i][0] if again[i][0].isdigit() else boxes[i].text.strip() for i in row]
        values = [int(x) for x in new]
        if sum(values[:-1]) == values[-1]:
            for i, text in zip(row, new, strict=True):
                if text != boxes[i].text.strip():
                    out[i] = dataclasses.replace(boxes[i], text=text, confidence=round(again[i][1], 4))
    return out


def _reread_empty_cells(
    engine: Any, gray: Any, scale: float, grids: Sequence[Any], boxes: Sequence[OcrBox], number: int
) -> list[OcrBox]:
    """Read again, one by one, the table cells that show ink but got no text box: the
    detector misses small light figures (a lone ``0``) in large cells. Each cell is cropped
    inside its ruling lines and given to the recogniser alone."""
    import cv2
    import numpy as np

    rows, cols = gray.shape[:2]
    crops: list[Any] = []
    places: list[tuple[float, float, float, float]] = []
    for grid in grids:
        for cell in grid.cells:
            if any(
                cell.x0 <= (b.x0 + b.x1) / 2 <= cell.x1 and cell.top <= (b.top + b.bottom) / 2 <= cell.bottom
                for b in boxes
            ):
                continue
            inset = CELL_INSET * scale  # points
            x0 = max(0, int((cell.x0 + inset) / scale))
            x1 = min(cols, int((cell.x1 - inset) / scale))
            y0 = max(0, int((cell.top + inset) / scale))
            y1 = min(rows, int((cell.bottom - inset) / scale))
            if x1 - x0 < 6 or y1 - y0 < 6:
                continue
            crop = gray[y0:y1, x0:x1]
            # ink: clearly darker than the cell's paper (a light, blurred scan has grey figures)
            found = _ink_box(crop)
            if found is None:
                continue
            iy0, ix0, iy1, ix1 = found
            pad = 6
            ty0, tx0 = max(0, y0 + iy0 - pad), max(0, x0 + ix0 - pad)
            ty1, tx1 = min(rows, y0 + iy1 + 1 + pad), min(cols, x0 + ix1 + 1 + pad)
            crops.append(cv2.cvtColor(np.ascontiguousarray(gray[ty0:ty1, tx0:tx1]), cv2.COLOR_GRAY2BGR))
            places.append((tx0 * scale, ty0 * scale, tx1 * scale, ty1 * scale))
    if not crops:
        return []
    read, _ = engine.text_rec(crops)
    out: list[OcrBox] = []
    for (x0f, top, x1f, bottom), (text, confidence) in zip(places, read, strict=True):
        text = str(text).strip()
        numeric = bool(text) and all(ch.isdigit() or ch in ".,%-" for ch in text)
        if text and float(confidence) >= (REREAD_CONFIDENCE if numeric else REREAD_TEXT_CONFIDENCE):
            out.append(
                OcrBox(
                    page=number,
                    text=text,
                    confidence=round(float(confidence), 4),
                    x0=x0f,
                    top=top,
                    x1=x1f,
                    bottom=bottom,
                )
            )
    return out


def _ink_box(crop: Any) -> tuple[int, int, int, int] | None:
    """The box ``(top, left, bottom, right)`` of the ink inside a cell crop, or ``None``: pixels
    clearly darker than the cell's paper, in blobs that do not touch the crop's edge (those are
    what is left of the ruling lines on a slightly turned page)."""
    import cv2
    import numpy as np

    paper = float(np.median(crop))
    mask = (crop < min(INK_LEVEL, paper - INK_CONTRAST)).astype(np.uint8)
    if int(mask.sum()) < MIN_INK_PIXELS:
        return None
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    h, w = mask.shape
    boxes = []
    for k in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # a line remnant along the cell's edge
        boxes.append((y, x, y + bh - 1, x + bw - 1, area))
    if sum(b[4] for b in boxes) < MIN_INK_PIXELS:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def box_glyphs(text: str, x0: float, top: float, x1: float, bottom: float) -> list[Glyph]:
    """One glyph per character of a text box, the box's width shared out by character width
    (full-width characters count 1, others ½); spaces take their share and give no glyph."""
    weights = [1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text]
    total = sum(weights) or 1.0
    unit = (x1 - x0) / total
    out: list[Glyph] = []
    x = x0
    for ch, w in zip(text, weights, strict=True):
        right = x + w * unit
        if not ch.isspace():
            out.append(Glyph(ch, x, right, top, bottom))
        x = right
    return out


def find_skew(gray: Any, *, step: float = 0.25) -> float:
    """The angle (degrees) that levels the text lines of a page image: the rotation of a
    small binarised copy whose row profile is sharpest (text lines and blank gaps).
    0.0 for a level page or one with too little ink to judge."""
    import cv2
    import numpy as np

    rows, cols = gray.shape[:2]
    factor = 600.0 / max(rows, cols)
    small = cv2.resize(
        gray, (max(1, round(cols * factor)), max(1, round(rows * factor))), interpolation=cv2.INTER_AREA
    )
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if int(np.count_nonzero(ink)) < 0.002 * ink.size:
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    angles = [round(-MAX_SKEW + k * step, 4) for k in range(int(2 * MAX_SKEW / step) + 1)]
    scores = {a: sharpness(a) for a in angles}
    best = max(angles, key=lambda a: (scores[a], -abs(a)))
    if abs(best) < step or scores[best] < 1.02 * scores.get(0.0, 0.0):
        return 0.0
    return best


def ruling_edges(gray: Any, scale: float) -> list[Edge]:
    """The ruling lines of a page image as edges in points (``scale`` points per pixel):
    long thin runs of ink kept by a morphological opening with a line-shaped kernel."""
    import cv2

    rows, cols = gray.shape[:2]
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    edges: list[Edge] = []
    for orientation, length in (("h", max(8, int(cols * RULE_SHARE))), ("v", max(8, int(rows * RULE_SHARE)))):
        shape = (length, 1) if orientation == "h" else (1, length)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        # close small gaps along the line (broken scan lines, JPEG noise)
        lines = cv2.dilate(
            lines, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1) if orientation == "h" else (1, 5))
        )
        contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if orientation == "h" and w >= length and h <= max(12, w // 10):
                mid = (y + h / 2) * scale
                edges.append(Edge("h", x * scale, (x + w) * scale, mid, mid))
            elif orientation == "v" and h >= length and w <= max(12, h // 10):
                mid = (x + w / 2) * scale
                edges.append(Edge("v", mid, mid, y * scale, (y + h) * scale))
    return edges


def confidence_notes(boxes: Sequence[OcrBox]) -> list[tuple[int, str]]:
    """``(page, text)`` of the boxes to check by eye: low confidence, or digits below
    :data:`DIGIT_CONFIDENCE`.

    >>> confidence_notes([OcrBox(page=2, text="859", confidence=0.9, x0=0, top=0, x1=1, bottom=1),
    ...                   OcrBox(page=2, text="工作", confidence=0.99, x0=0, top=0, x1=1, bottom=1)])
    [(2, '859')]
    """
    out: list[tuple[int, str]] = []
    for b in boxes:
        digits = any(ch.isdigit() for ch in b.text)
        if b.confidence < LOW_CONFIDENCE or (digits and b.confidence < DIGIT_CONFIDENCE):
            out.append((b.page, b.text))
    return out


def mean_confidence(boxes: Sequence[OcrBox]) -> float | None:
    """Character-weighted mean confidence of the boxes (``None`` without any).

    >>> mean_confidence([OcrBox(page=1, text="ab", confidence=1.0, x0=0, top=0, x1=1, bottom=1),
    ...                  OcrBox(page=1, text="c", confidence=0.7, x0=0, top=0, x1=1, bottom=1)])
    0.9
    """
    chars = sum(len(b.text) for b in boxes)
    if not chars:
        return None
    return round(sum(b.confidence * len(b.text) for b in boxes) / chars, 4)
