"""Which PDF pages are OCR'd, and how OCR output is recorded in the raw document.

A page is OCR'd (with ``ParseConfig.ocr == "auto"``, the default) when it
shows images and has no usable text layer: fewer than a handful of glyphs, no
CJK glyph at all, or mostly glyphs without a Unicode meaning. A page that has
a text layer *and* a large image with no text over it (a statistics table
pasted as a picture) has just that image's area OCR'd and added to its text.
``"force"`` OCRs every page (the text layer is dropped); ``"off"`` never OCRs.
Only the pages that need it are rendered, one page image at a time.

Every OCR'd character is recorded: :class:`~govreport_parse.model.OcrText`
gives each text box's page, confidence and span of the text.

>>> from govreport_parse.load.pdf_glyphs import Glyph
>>> scan = PageContent(glyphs=(), edges=(), width=595, height=842, images=1)
>>> text = PageContent(glyphs=(Glyph("政", 0, 9, 0, 9),) * 40, edges=(), width=595, height=842, images=1)
>>> needs_ocr(scan), needs_ocr(text)
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from .. import timebudget
from ..model import Diagnostic, OcrText, RawDocument
from . import ocr
from .pdf_glyphs import PageContent

__all__ = ["OcrMode", "attach", "needs_ocr", "read_with_ocr", "unmapped"]

OcrMode = Literal["auto", "off", "force"]

#: fewer glyphs than this on a page that shows an image: the page is a scan
SCAN_GLYPHS = 10
#: above this share of private-use or replacement characters, a text layer is garbage
UNMAPPED_SHARE = 0.3
#: an image covering at least this share of the page, with (almost) no glyph over it, is OCR'd
IMAGE_SHARE = 0.08
#: at most this many glyphs over an image and it still counts as "no text over it"
GLYPHS_OVER_IMAGE = 3


def unmapped(ch: str) -> bool:
    """A character with no Unicode meaning (private use, replacement): a font without a map."""
    o = ord(ch[0])
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD


def needs_ocr(content: PageContent) -> bool:
    """Whether a whole page needs OCR: it shows images and its text layer is missing or garbage."""
    if not content.images:
        return False
    glyphs = content.glyphs
    if len(glyphs) < SCAN_GLYPHS:
        return True
    bad = sum(1 for g in glyphs if unmapped(g.char))
    if bad > UNMAPPED_SHARE * len(glyphs):
        return True
    return len(glyphs) < 50 and not any("\u4e00" <= g.char <= "\u9fff" for g in glyphs)


def read_with_ocr(
    page: Any, content: PageContent, number: int, mode: OcrMode, path: str, *, page_seconds: float = 60.0
) -> tuple[PageContent, ocr.OcrPage | None]:
    """The page's content, OCR'd where it needs it (see the module docstring); each OCR'd
    page extends the document's time budget by ``page_seconds``."""
    if mode == "off" or not ocr.available():
        return content, None
    if mode == "force" or needs_ocr(content):
        ocr.require_engine(path)
        timebudget.extend(page_seconds)
        return _whole_page(page, number)
    regions = _bare_images(page, content)
    if not regions:
        return content, None
    timebudget.extend(page_seconds)
    done = _whole_page(page, number)[1]
    keep = tuple(b for b in done.boxes if _inside(b.x0, b.top, b.x1, b.bottom, regions))
    glyphs = tuple(g for g in done.content.glyphs if _inside(g.x0, g.top, g.x1, g.bottom, regions))
    edges = tuple(e for e in done.content.edges if _inside(e.x0, e.top, e.x1, e.bottom, regions))
    merged = PageContent(
        glyphs=content.glyphs + glyphs,
        edges=content.edges + edges,
        width=content.width,
        height=content.height,
        images=content.images,
        diagonal=content.diagonal,
    )
    return merged, ocr.OcrPage(
        number=number, content=merged, boxes=keep, dpi=done.dpi, skew=done.skew, seconds=done.seconds
    )


def _whole_page(page: Any, number: int) -> tuple[PageContent, ocr.OcrPage]:
    done = ocr.ocr_pdf_page(page, number)
    return done.content, done


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points


def _bare_images(page: Any, content: PageContent) -> list[Box]:
    """Large images on a text page with (almost) no glyph over them."""
    if not content.images or not content.glyphs:
        return []
    import pypdfium2.raw as pdfium_c

    height = content.height
    area = content.width * content.height
    regions: list[Box] = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        box = (left, height - top, right, height - bottom)
        if (box[2] - box[0]) * (box[3] - box[1]) < IMAGE_SHARE * area:
            continue
        over = sum(1 for g in content.glyphs if _inside(g.x0, g.top, g.x1, g.bottom, [box]))
        if over <= GLYPHS_OVER_IMAGE:
            regions.append(box)
    return regions


def _inside(x0: float, top: float, x1: float, bottom: float, regions: Sequence[Box]) -> bool:
    mx, my = (x0 + x1) / 2, (top + bottom) / 2
    return any(r[0] <= mx <= r[2] and r[1] <= my <= r[3] for r in regions)


def attach(raw: RawDocument, pages: Sequence[ocr.OcrPage]) -> RawDocument:
    """Record the OCR'd pages on the raw document: source block, text boxes, diagnostics."""
    if not pages:
        return raw
    import dataclasses

    boxes = [b for p in pages for b in p.boxes]
    records = tuple(_locate(raw.text, raw.page_starts, boxes))
    source = dataclasses.replace(
        raw.source,
        ocr_pages=tuple(p.number for p in pages),
        ocr_confidence=ocr.mean_confidence(boxes),
        ocr_engine=ocr.engine_version(),
    )
    return dataclasses.replace(
        raw, source=source, ocr=records, diagnostics=raw.diagnostics + tuple(_notes(pages, boxes))
    )


def _locate(text: str, page_starts: Sequence[int], boxes: Sequence[ocr.OcrBox]) -> list[OcrText]:
    """Each box's span in the raw text: searched in its page's text, in reading order."""
    out: list[OcrText] = []
    cursor: dict[int, int] = {}
    for b in sorted(boxes, key=lambda b: (b.page, b.top, b.x0)):
        page_start = page_starts[b.page - 1] if b.page - 1 < len(page_starts) else 0
        page_end = page_starts[b.page] if b.page < len(page_starts) else len(text)
        chars = [ch for ch in b.text if not ch.isspace()]
        start = end = -1
        if chars:
            pattern = re.compile(r"\s*".join(map(re.escape, chars)))
            found = pattern.search(text, cursor.get(b.page, page_start), page_end) or pattern.search(
                text, page_start, page_end
            )
            if found:
                start, end = found.start(), found.end()
                cursor[b.page] = end
        out.append(
            OcrText(page=b.page, text=b.text, confidence=b.confidence, source_start=start, source_end=end)
        )
    return out


def _notes(pages: Sequence[ocr.OcrPage], boxes: Sequence[ocr.OcrBox]) -> list[Diagnostic]:
    numbers = [p.number for p in pages]
    mean = ocr.mean_confidence(boxes)
    notes = [
        Diagnostic(
            code="ocr_pages",
            severity="info",
            message=f"{len(numbers)} page(s) read by OCR ({ocr.engine_version()}): pages "
            f"{_pages(numbers)}; {len(boxes)} text boxes, mean confidence "
            f"{'n/a' if mean is None else f'{mean:.3f}'}; "
            f"{sum(p.seconds for p in pages):.1f} s",
        )
    ]
    skewed = [f"{p.number} ({p.skew:+.2f}°)" for p in pages if p.skew]
    if skewed:
        notes.append(
            Diagnostic(
                code="ocr_deskewed",
                severity="info",
                message=f"page image(s) levelled before OCR: {', '.join(skewed[:20])}",
            )
        )
    doubtful = ocr.confidence_notes(boxes)
    if doubtful:
        shown = "; ".join(f"p{page} {text[:30]!r}" for page, text in doubtful[:30])
        notes.append(
            Diagnostic(
                code="ocr_low_confidence",
                severity="warning",
                message=f"{len(doubtful)} OCR text box(es) to check by eye (low confidence, or digits "
                f"below {ocr.DIGIT_CONFIDENCE}): {shown}{' ...' if len(doubtful) > 30 else ''}",
            )
        )
    return notes


def _pages(numbers: Sequence[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")
