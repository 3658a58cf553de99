"""PDF reader: pdfium for text and ruling lines, pdfplumber's table steps for grids.

The text is what the page shows, in reading order: glyphs sorted into lines
by position, lines top to bottom, tables at their place (one row a line,
cells separated by a tab), pages joined; ``page_starts[i]`` is where page
``i + 1`` begins. Layout artifacts stay in the text and are *marked*
(:class:`~govreport_parse.model.Mark`) for the cleaner to remove and record:

========================  ====================================================
``page_number``           ``- 1 -``, ``第 2 页 共 5 页`` alone at a page's top or bottom
``running_header``        a top line repeated on other pages
``running_footer``        a bottom line repeated on other pages
``line_wrap``             the break after a line that runs to the right margin
                          when the next line continues the paragraph
``cjk_space``             a gap the layout opened between two CJK characters
``fake_bold``             a glyph drawn twice at (almost) the same place
``table_header_repeat``   a table's header row repeated on its next page
========================  ====================================================

A table that ends one page and goes on at the top of the next, with the same
columns, is one :class:`~govreport_parse.model.RawTable`.

>>> from govreport_parse.config import ParseConfig
>>> try:
...     load(b"%PDF-1.4 broken", "x.pdf", ParseConfig(), "0" * 64)
... except CorruptFileError as exc:
...     print(exc.message.split(";")[0])
the PDF is damaged or truncated (pdfium: Data format error)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import sub
from statistics import median
from typing import Any

from ..config import ParseConfig
from ..errors import CorruptFileError, EncryptedFileError, LimitExceededError, NoTextLayerError
from ..model import Diagnostic, RawCell, RawDocument, RawTable, SourceInfo
from . import pdf_ocr
from .ocr import OcrPage
from .pdf_glyphs import Glyph, PageContent, SpacedGlyph, read_page
from .pdf_layout import (
    TextBuilder,
    furniture_key,
    group_lines,
    is_cjk,
    is_cjk_punct,
    is_page_number,
    looks_like_heading,
)
from .pdf_tables import PlacedTable, TableGrid, assign_glyphs, find_tables, write_table

__all__ = ["load"]

#: share of the page height at the top and bottom where headers and footers live
BAND = 0.12
#: fewer glyphs than this on a page that shows an image: the page is a scan
SCAN_GLYPHS = 10
#: above this share of private-use or replacement characters, a text layer is garbage
UNMAPPED_SHARE = 0.3
#: a line ending this many character widths short of the right margin still "runs to" it
WRAP_SLACK = 1.5
#: pdfium error codes (FPDF_GetLastError)
_ERR_PASSWORD = 4
_ERR_SECURITY = 5
#: what to do when a page needs OCR and it did not run
_OCR_ADVICE = (
    "OCR it: install the OCR extra, `pip install 'govreport-parse[ocr]'`, and parse again "
    "(with the setting ocr='auto', the default), or run `ocrmypdf --language chi_sim in.pdf out.pdf` "
    "and parse the result"
)
_EMPTY_PAGE = PageContent(glyphs=(), edges=(), width=595.0, height=842.0, images=0)


def load(data: bytes, path: str, config: ParseConfig, sha256: str) -> RawDocument:
    """Read a PDF's bytes into a :class:`RawDocument` (typed error if it cannot be read)."""
    check_streams(data, path, config.limits.max_unpacked_bytes)
    pages, broken, meta, ocred = _read_pages(data, path, config)
    diagnostics = broken + _check_text_layer(pages, path, ocred=bool(ocred)) + _slanted_notes(pages)
    raw = _assemble(pages, path, sha256, len(data), diagnostics, config.pdf_tables, meta)
    return pdf_ocr.attach(raw, ocred)


# --------------------------------------------------------------------------- reading

_STREAM = re.compile(rb"stream\r?\n")
_IN_CHUNK = 1 << 16
_OUT_CHUNK = 1 << 20


def check_streams(data: bytes, path: str, limit: int) -> None:
    r"""Refuse a PDF with a zlib (Flate) stream that inflates past ``limit`` bytes, before
    pdfium sees it: each stream is inflated here in 1 MB pieces that are counted and
    dropped, so a flate bomb costs CPU for its compressed size and no memory.

    >>> import zlib
    >>> bomb = b"%PDF-1.4\n1 0 obj<</Filter/FlateDecode>>stream\n" + zlib.compress(bytes(3 << 20))
    >>> try:
    ...     check_streams(bomb, "b.pdf", 2 << 20)
    ... except LimitExceededError as exc:
    ...     print(exc.limit)
    max_unpacked_bytes
    >>> check_streams(bomb, "b.pdf", 4 << 20)
    """
    import zlib

    view = memoryview(data)
    for m in _STREAM.finditer(data):
        pos = m.end()
        head = data[pos : pos + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] << 8 | head[1]) % 31:
            continue  # not a zlib stream (DCT image, plain text, "endstream")
        inflater = zlib.decompressobj()
        size = 0
        try:
            while not inflater.eof and pos < len(data):
                piece: bytes | memoryview = view[pos : pos + _IN_CHUNK]
                pos += _IN_CHUNK
                while piece and not inflater.eof:
                    size += len(inflater.decompress(piece, _OUT_CHUNK))
                    if size > limit:
                        raise LimitExceededError(
                            f"a stream of the PDF inflates to more than the max_unpacked_bytes limit of "
                            f"{limit:,} bytes (a flate bomb, or a huge image); it was refused before "
                            "rendering; raise it with config={'limits': {'max_unpacked_bytes': N}}",
                            path=path,
                            limit="max_unpacked_bytes",
                            value=size,
                            maximum=limit,
                        )
                    piece = inflater.unconsumed_tail
        except zlib.error:
            continue  # damaged: pdfium decides what to make of it


def _read_pages(
    data: bytes, path: str, config: ParseConfig
) -> tuple[list[PageContent], tuple[Diagnostic, ...], dict[str, str], list[OcrPage]]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc, path) from None
    try:
        n = len(doc)
        limit = config.limits.max_pages
        if n > limit:
            raise LimitExceededError(
                f"the PDF has {n:,} pages, above the max_pages limit of {limit:,}; "
                "raise it with config={'limits': {'max_pages': N}} or `--limit max_pages=N`",
                path=path,
                limit="max_pages",
                value=n,
                maximum=limit,
            )
        if n == 0:
            raise CorruptFileError("the PDF has no pages (damaged or truncated); re-download it", path=path)
        meta = _metadata(doc)
        pages: list[PageContent] = []
        broken: list[int] = []
        ocred: list[OcrPage] = []
        for i in range(n):
            try:
                page = doc[i]
            except pdfium.PdfiumError:
                broken.append(i + 1)
                pages.append(_EMPTY_PAGE)
                continue
            try:
                content = read_page(page, want_edges=config.pdf_tables)
                content, done = pdf_ocr.read_with_ocr(
                    page, content, i + 1, config.ocr, path, page_seconds=config.limits.max_ocr_page_seconds
                )
                pages.append(content)
                if done is not None:
                    ocred.append(done)
            except pdfium.PdfiumError:
                broken.append(i + 1)
                pages.append(_EMPTY_PAGE)
            finally:
                page.close()
    finally:
        doc.close()
    if len(broken) == n:
        raise CorruptFileError(
            "no page of the PDF can be read; the file is damaged; "
            "re-download it or repair it, e.g. `qpdf in.pdf out.pdf`",
            path=path,
        )
    return (
        pages,
        tuple(
            Diagnostic(
                code="pdf_page_unreadable",
                severity="warning",
                message=f"page {k} of the PDF cannot be read (damaged); its text is missing",
            )
            for k in broken
        ),
        meta,
        ocred,
    )


def _metadata(doc: Any) -> dict[str, str]:
    """The document information's ``Producer`` and ``Creator``, stripped; empty ones left out
    (a damaged information dictionary gives none)."""
    import pypdfium2 as pdfium

    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):
        return {}
    return {
        k: v.strip().replace("\x00", "")[:200]
        for k, v in info.items()
        if k in ("Producer", "Creator") and v.strip()
    }


def _open_error(exc: Any, path: str) -> Exception:
    code = getattr(exc, "err_code", None)
    if code in (_ERR_PASSWORD, _ERR_SECURITY):
        return EncryptedFileError(
            "the PDF is password-protected; decrypt it first, e.g. "
            "`qpdf --decrypt --password=... in.pdf out.pdf`, then parse the decrypted copy",
            path=path,
        )
    found = re.search(r"PDFium: ([^)]+)", str(exc))
    reason = found.group(1).strip() if found else "unreadable"
    return CorruptFileError(
        f"the PDF is damaged or truncated (pdfium: {reason}); "
        "re-download it or repair it, e.g. `qpdf in.pdf out.pdf`",
        path=path,
    )


def _check_text_layer(
    pages: Sequence[PageContent], path: str, *, ocred: bool = False
) -> tuple[Diagnostic, ...]:
    """A scan (images, no text) or an undecodable text layer (fonts without a
    Unicode map: pdfium gives private-use or replacement characters) needs OCR;
    ``ocred`` says OCR already ran on the pages that needed it.

    >>> from govreport_parse.load.pdf_glyphs import Glyph
    >>> page = PageContent(glyphs=(Glyph("\ue01a", 0, 9, 0, 9),) * 40, edges=(), width=1, height=1, images=0)
    >>> try:
    ...     _check_text_layer([page], "x.pdf")
    ... except NoTextLayerError as exc:
    ...     print(exc.message.split(" (")[0])
    the PDF's text cannot be decoded
    """
    scanned = [i + 1 for i, p in enumerate(pages) if p.images and len(p.glyphs) < SCAN_GLYPHS]
    with_text = sum(1 for p in pages if len(p.glyphs) >= SCAN_GLYPHS)
    if scanned and not with_text:
        if ocred:
            raise NoTextLayerError(
                f"the PDF has no text layer ({len(scanned)} of {len(pages)} pages are images only: a scan) "
                "and OCR found no text on them; the images may be blank or too faint to read",
                path=path,
            )
        raise NoTextLayerError(
            f"the PDF has no text layer ({len(scanned)} of {len(pages)} pages are images only: a scan); "
            f"{_OCR_ADVICE}",
            path=path,
        )
    notes: list[Diagnostic] = []
    total = sum(len(p.glyphs) for p in pages)
    garbled = [sum(1 for g in p.glyphs if _unmapped(g.char)) for p in pages]
    if total and sum(garbled) > UNMAPPED_SHARE * total:
        raise NoTextLayerError(
            f"the PDF's text cannot be decoded ({sum(garbled) / total:.0%} of its characters have no "
            "Unicode meaning: its fonts lack a character map); "
            f"{_OCR_ADVICE.replace('ocrmypdf', 'ocrmypdf --force-ocr')}",
            path=path,
        )
    bad = [
        i + 1
        for i, (p, n) in enumerate(zip(pages, garbled, strict=True))
        if n > UNMAPPED_SHARE * len(p.glyphs)
    ]
    if bad:
        notes.append(
            Diagnostic(
                code="pdf_pages_undecodable",
                severity="warning",
                message=f"pages {_page_list(bad)} use fonts without a character map; their text is "
                "garbled (OCR them: install the `ocr` extra, or `ocrmypdf --force-ocr`)",
            )
        )
    if scanned:
        notes.append(
            Diagnostic(
                code="pdf_pages_without_text",
                severity="warning",
                message=f"pages {_page_list(scanned)} are images without a text layer; their text is missing "
                "(OCR them: install the `ocr` extra, or `ocrmypdf`)",
            )
        )
    return tuple(notes)


def _slanted_notes(pages: Sequence[PageContent]) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(
            code="pdf_slanted_text_skipped",
            severity="info",
            message=f"page {i + 1}: text set at a slant (a watermark?) left out: "
            f"{p.diagonal[:40]}{'...' if len(p.diagonal) > 40 else ''}",
        )
        for i, p in enumerate(pages)
        if p.diagonal
    )


def _unmapped(ch: str) -> bool:
    o = ord(ch[0])
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD


def _page_list(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:20])) + (" ..." if len(pages) > 20 else "")


# --------------------------------------------------------------------------- layout


@dataclass(slots=True)
class _Line:
    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float
    height: float
    head: str
    page: int
    furniture: str = ""
    start: int = -1
    newline: int = -1

    @classmethod
    def of(cls, glyphs: list[Glyph], page: int) -> _Line:
        _, _, x1s, tops, bottoms = zip(*glyphs, strict=True)  # one pass in C, not five generators
        return cls(
            glyphs=glyphs,
            x0=glyphs[0].x0,
            x1=max(x1s),
            top=min(tops),
            bottom=max(bottoms),
            height=sorted(map(sub, bottoms, tops))[len(glyphs) // 2],
            head="".join(g.char for g in glyphs[:12]),
            page=page,
        )


@dataclass(slots=True)
class _Table:
    grid: TableGrid
    cells: list[list[Glyph]]
    top: float
    page: int


_Block = _Line | _Table


def _page_blocks(content: PageContent, page: int, tables: bool, notes: list[Diagnostic]) -> list[_Block]:
    glyphs: Sequence[Glyph] = content.glyphs
    found: list[_Block] = []
    if tables and content.edges:
        try:
            grids = find_tables(content.edges)
        except (ArithmeticError, AssertionError, LookupError, ValueError) as exc:
            # odd ruling (degenerate or huge edge sets) must not cost the page its text
            grids = []
            notes.append(
                Diagnostic(
                    code="pdf_table_unreadable",
                    severity="warning",
                    message=f"page {page}: its ruling lines could not be read as a table "
                    f"({type(exc).__name__}: {exc}); its text is kept without a table",
                )
            )
        for grid in grids:
            cells, glyphs = assign_glyphs(grid, glyphs)
            found.append(_Table(grid=grid, cells=cells, top=grid.ys[0], page=page))
    found.extend(_Line.of(line, page) for line in group_lines(glyphs))
    found.sort(key=lambda b: b.top)
    return found


def _mark_furniture(pages: list[list[_Block]], heights: list[float], body_height: float) -> None:
    """Flag page numbers and running headers/footers among each page's outer lines."""
    candidates: list[tuple[_Line, str]] = []
    numbers: list[tuple[_Line, str]] = []
    for blocks, height in zip(pages, heights, strict=True):
        lines = [b for b in blocks if isinstance(b, _Line)]
        outer = {id(x): x for x in lines[:2] + lines[-2:]}.values()
        for line in outer:
            if line.bottom <= BAND * height:
                band = "top"
            elif line.top >= (1 - BAND) * height:
                band = "bottom"
            else:
                continue
            text = "".join(g.char for g in line.glyphs)
            if is_page_number(text) and _plausible_page(text, len(pages)):
                numbers.append((line, text))
            else:
                candidates.append((line, band + furniture_key(text)))
    _mark_page_numbers(numbers)
    if len(pages) < 2:
        return
    seen: dict[str, set[int]] = {}
    for line, key in candidates:
        seen.setdefault(key, set()).add(line.page)
    need = max(2, -(-len(pages) // 3))  # a third of the pages: odd/even headers alternate
    taken: set[tuple[int, str]] = set()
    ordered = sorted(candidates, key=lambda c: (c[0].page, c[0].top if c[1].startswith("top") else -c[0].top))
    for line, key in ordered:
        if (line.page, key) in taken:
            continue  # the same words again under the running header: the document's own title
        if len(seen[key]) >= need and not (line.page == 1 and line.height > 1.1 * body_height):
            line.furniture = "running_header" if key.startswith("top") else "running_footer"
            taken.add((line.page, key))


def _mark_page_numbers(numbers: list[tuple[_Line, str]]) -> None:
    """Mark the page numbers among lone numbers at a page's top or bottom. A decorated one
    (``- 3 -``, ``第 3 页``) always is; a bare one (``3``) only when it counts with the pages:
    its page's own number, or the offset from the page index that another page's number
    shares. A bare ``1`` at the top of page 2 is a table cell wrapped off its row.

    >>> def line(page: int) -> _Line:
    ...     return _Line(glyphs=[], x0=0, x1=1, top=0, bottom=1, height=1, head="", page=page)
    >>> found = [(line(2), "1"), (line(3), "- 3 -")]
    >>> _mark_page_numbers(found); [x.furniture for x, _ in found]
    ['', 'page_number']
    >>> found = [(line(2), "1"), (line(3), "2"), (line(4), "7")]
    >>> _mark_page_numbers(found); [x.furniture for x, _ in found]
    ['page_number', 'page_number', '']
    """
    offsets: dict[int, int] = {}
    bare: list[tuple[_Line, int]] = []
    for line, text in numbers:
        value = int(re.search(r"\d+", text).group())  # type: ignore[union-attr]
        if re.fullmatch(r"\s*\d+\s*", text):
            bare.append((line, value - line.page))
            offsets[value - line.page] = offsets.get(value - line.page, 0) + 1
        else:
            line.furniture = "page_number"
    for line, offset in bare:
        if offset == 0 or offsets[offset] >= 2:
            line.furniture = "page_number"


def _plausible_page(text: str, pages: int) -> bool:
    """A page number is not far above the page count (a lone ``2024`` is a year).

    >>> _plausible_page("- 3 -", 5), _plausible_page("2024", 5)
    (True, False)
    """
    found = re.search(r"\d+", text)
    return found is not None and int(found.group()) <= pages + 20


def _assemble(
    contents: Sequence[PageContent],
    path: str,
    sha256: str,
    size: int,
    diagnostics: tuple[Diagnostic, ...],
    tables: bool,
    meta: dict[str, str] | None = None,
) -> RawDocument:
    notes: list[Diagnostic] = []
    pages = [_page_blocks(c, i + 1, tables, notes) for i, c in enumerate(contents)]
    body = [b for blocks in pages for b in blocks if isinstance(b, _Line)]
    body_height = median([b.height for b in body]) if body else 0.0
    _mark_furniture(pages, [c.height for c in contents], body_height)

    builder = TextBuilder()
    page_starts: list[int] = []
    flow: list[_Line | None] = []  # body lines in order; None where a table breaks the flow
    placed: list[PlacedTable] = []
    ends: list[tuple[_Block | None, _Block | None]] = []  # first and last content block per page
    for blocks in pages:
        page_starts.append(builder.pos)
        content = [b for b in blocks if not (isinstance(b, _Line) and b.furniture)]
        ends.append((content[0], content[-1]) if content else (None, None))
        for block in blocks:
            if isinstance(block, _Table):
                placed.append(write_table(builder, block.grid, block.cells, block.page))
                flow.append(None)
                continue
            block.start = builder.pos
            builder.write_glyphs(block.glyphs, body=True)
            block.newline = builder.pos
            builder.write("\n")
            if block.furniture:
                builder.mark(block.furniture, block.start, builder.pos)
            else:
                flow.append(block)
    _mark_wraps(builder, flow)
    raw_tables = _join_tables(builder, placed, pages, ends)
    text = builder.text()
    meta = meta or {}
    info = SourceInfo(
        name=path,
        sha256=sha256,
        format="pdf",
        pages=len(contents),
        size=size,
        producer=meta.get("Producer"),
        creator=meta.get("Creator"),
    )
    marks = tuple(sorted(builder.marks, key=lambda m: (m.start, m.end)))
    return RawDocument(
        text=text,
        source=info,
        page_starts=tuple(page_starts),
        tables=raw_tables,
        marks=marks,
        diagnostics=diagnostics + tuple(notes),
    )


def _common_edge(values: list[float], tol: float, *, largest: bool) -> float | None:
    """The outermost position that at least two lines share (within ``tol``):
    the text block's margin, unmoved by one stray overlong or outdented line.

    >>> _common_edge([500.0, 380.0, 503.9, 504.0, 530.0], 6.0, largest=True)
    504.0
    >>> _common_edge([72.0, 96.0], 6.0, largest=False) is None
    True
    """
    ordered = sorted(values, reverse=largest)
    for a, b in pairwise(ordered):
        if abs(a - b) <= tol:
            return a
    return None


def _mark_wraps(builder: TextBuilder, flow: list[_Line | None]) -> None:
    """Mark the break after a line that runs to the right margin and whose next
    line continues the paragraph (not indented, same size, not a heading). A space the PDF
    typed at the break (``1.门户网站 ⏎在…``) is what the join leaves, except next to
    full-width punctuation."""
    lines = [x for x in flow if x is not None and len(x.glyphs) >= 6]
    if len(lines) < 2:
        return
    widths = [g.x1 - g.x0 for x in lines[:200] for g in x.glyphs if is_cjk(g.char)]
    em = median(widths) if widths else median([x.height for x in lines]) * 0.7
    right = _common_edge([x.x1 for x in lines], 0.5 * em, largest=True)
    left = _common_edge([x.x0 for x in lines], 0.5 * em, largest=False)
    if right is None or left is None:
        return  # no two lines share a margin: nothing to judge wraps by
    for a, b in pairwise(flow):
        if a is None or b is None:
            continue
        if a.x1 < right - WRAP_SLACK * em or b.x0 > left + 0.5 * em:
            continue
        if abs(a.height - b.height) > 0.25 * max(a.height, b.height) or looks_like_heading(b.head):
            continue
        if a.page == b.page and not (-0.5 * a.height <= b.top - a.bottom <= 1.2 * a.height):
            continue
        first, last = b.glyphs[0], a.glyphs[-1].char[-1]
        typed = type(first) is SpacedGlyph and not (is_cjk_punct(last) or is_cjk_punct(first.char[0]))
        builder.mark("line_wrap", a.newline, a.newline + 1, " " if typed else "")


def _join_tables(
    builder: TextBuilder,
    placed: list[PlacedTable],
    pages: list[list[_Block]],
    ends: list[tuple[_Block | None, _Block | None]],
) -> tuple[RawTable, ...]:
    """Tables as RawTables; a table going on at the top of the next page is joined."""
    last_on_page = {i + 1: isinstance(e[1], _Table) for i, e in enumerate(ends)}
    first_on_page = {i + 1: isinstance(e[0], _Table) for i, e in enumerate(ends)}
    groups: list[list[PlacedTable]] = []
    for t in placed:
        if groups:
            prev = groups[-1][-1]
            if (
                t.page == prev.page + 1
                and last_on_page.get(prev.page)
                and first_on_page.get(t.page)
                and t is _first_table(placed, t.page)
                and _same_columns(prev.xs, t.xs)
            ):
                _drop_repeated_header(builder, groups[-1][0], t)
                _join_broken_row(prev, t)
                groups[-1].append(t)
                continue
        groups.append([t])
    return tuple(_to_raw(g) for g in groups)


def _first_table(placed: list[PlacedTable], page: int) -> PlacedTable | None:
    return next((t for t in placed if t.page == page), None)


def _same_columns(a: list[float], b: list[float], tol: float = 3.0) -> bool:
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    hits = sum(1 for x in small if any(abs(x - y) <= tol for y in large))
    return hits >= 0.8 * len(small)


def _drop_repeated_header(builder: TextBuilder, head: PlacedTable, tail: PlacedTable) -> None:
    if not head.rows or not tail.rows or len(tail.rows) < 2:
        return
    first = [c.text for _, c in head.rows[0]]
    if [c.text for _, c in tail.rows[0]] == first and any(first):
        start, end = tail.row_spans[0]
        builder.mark("table_header_repeat", start, end)
        del tail.rows[0]
        del tail.row_spans[0]


def _join_broken_row(head: PlacedTable, tail: PlacedTable) -> None:
    """A row the page break cut in two (Word and Writer let a row break across pages): the
    tail's first row holds only the rest of the head's last row's label text (``4.保`` ⏎
    ``护第三方合法权益``), every other cell empty. Its text goes onto the cells it continues.

    >>> from govreport_parse.model import RawCell
    >>> head = PlacedTable(page=1, xs=[0, 50, 80, 100])
    >>> head.rows = [[(0.0, RawCell(text="4.保")), (50.0, RawCell(text="2")), (80.0, RawCell(text="2"))]]
    >>> tail = PlacedTable(page=2, xs=[0, 50, 80, 100])
    >>> rest = RawCell(text="护第三方合法权益")
    >>> tail.rows = [[(0.0, rest), (50.0, RawCell(text="")), (80.0, RawCell(text=""))]]
    >>> tail.row_spans = [(10, 20)]
    >>> _join_broken_row(head, tail); [c.text for _, c in head.rows[0]], tail.rows
    (['4.保护第三方合法权益', '2', '2'], [])
    """
    if not head.rows or not tail.rows:
        return
    last, first = head.rows[-1], tail.rows[0]
    texts = [(x, c) for x, c in first if c.text.strip()]
    if not texts or len(texts) == len(first):
        return
    if any(_numeric(c.text) for _, c in texts):
        return  # a row of its own with figures
    targets = []
    for x, cell in texts:
        above = next(((i, c) for i, (px, c) in enumerate(last) if abs(px - x) <= 3.0), None)
        if above is None or not above[1].text.strip() or _numeric(above[1].text):
            return  # nothing to continue above it: a new row (a label on its own)
        targets.append((above[0], cell))
    if not any(_numeric(c.text) for _, c in last):
        return  # the row above holds no figures: the tail's row may be a header or a group label
    for i, cell in targets:
        x, above_cell = last[i]
        last[i] = (x, RawCell(text=above_cell.text + cell.text.strip(), start=above_cell.start, end=cell.end))
    del tail.rows[0]
    if tail.row_spans:
        del tail.row_spans[0]


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+]?\d[\d,.]*\s*%?\s*", text))


def _to_raw(parts: list[PlacedTable]) -> RawTable:
    columns: list[float] = []
    for x in sorted(x for t in parts for x in t.xs[:-1]):
        if not columns or x - columns[-1] > 3.0:
            columns.append(x)
    rows: list[tuple[RawCell | None, ...]] = []
    for t in parts:
        for row in t.rows:
            slots: list[RawCell | None] = [None] * len(columns)
            for x, cell in row:
                k = bisect_right(columns, x + 3.0) - 1  # the boundary within 3 pt at or before x
                if k >= 0 and slots[k] is None:
                    slots[k] = cell
            rows.append(tuple(slots))
    return RawTable(rows=tuple(rows), page=parts[0].page, start=parts[0].start, end=parts[-1].end)
