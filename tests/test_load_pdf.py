"""The PDF reader: layout rules on hand-made glyphs, synthetic PDFs made with
fpdf2 (error cases need no font; layout cases need a CJK TrueType font and
skip without one), and the real reports of ../shared/corpus/pdf through the
whole pipeline, checked against their gold files."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport_parse
from govreport_parse.clean import clean_text
from govreport_parse.config import ParseConfig
from govreport_parse.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    GovReportError,
    LimitExceededError,
    NoTextLayerError,
)
from govreport_parse.load import from_bytes
from govreport_parse.load.pdf_glyphs import Edge, Glyph, SpacedGlyph
from govreport_parse.load.pdf_layout import TextBuilder, group_lines, is_page_number
from govreport_parse.load.pdf_tables import assign_glyphs, close_open_ends, find_tables
from govreport_parse.model import RawDocument

from .conftest import CORPUS, need_shared

PDFS = ("huaian-city-2024", "huaian-hongze-2023", "huaian-hongze-2024")
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
FOOTER = re.compile(r"^\s*[-—–]\s*\d+\s*[-—–]\s*$", re.M)


def cfg(**limits: int) -> ParseConfig:
    return ParseConfig() if not limits else govreport_parse.config.resolve_config({"limits": limits})


def unmarked(raw: RawDocument) -> str:
    """The raw text with the loader's marked spans removed (no other fixer)."""
    return clean_text(raw.text, raw.marks, fixers=()).text


# --------------------------------------------------------------------------- layout rules


PAGE_NUMBERS = [
    ("- 1 -", True),
    ("-12-", True),
    ("— 3 —", True),
    ("第 2 页", True),
    ("第 3 页 共 5 页", True),
    ("4/5", True),
    ("7", True),
    ("Page 2 of 9", True),
    # look-alikes that are text, not page numbers
    ("2023 年", False),
    ("一、总体情况", False),
    ("12345", False),
    ("- 1 - 2", False),
    ("共 5 页", False),
    ("1. 属于国家秘密", False),
    ("0517-87222589", False),
]


@pytest.mark.parametrize(("line", "expected"), PAGE_NUMBERS)
def test_page_number_lines(line: str, expected: bool) -> None:
    assert is_page_number(line) is expected


def g(ch: str, x: float, top: float = 0.0, w: float = 10.0, h: float = 12.0) -> Glyph:
    return Glyph(ch, x, x + w, top, top + h)


def test_fake_bold_duplicates_are_marked_not_removed() -> None:
    b = TextBuilder()
    row = [g("一", 0), g("一", 0.3), g("、", 10), g("、", 10.3), g("政", 20), g("政", 20.4), g("府", 30)]
    b.write_glyphs(row)
    assert b.text() == "一一、、政政府"
    assert [(m.kind, m.start) for m in b.marks] == [("fake_bold", 1), ("fake_bold", 3), ("fake_bold", 5)]


def test_repeated_character_side_by_side_is_not_fake_bold() -> None:
    b = TextBuilder()
    b.write_glyphs([g("人", 0), g("人", 10)])  # 人人: two glyphs, a full width apart
    assert b.text() == "人人" and b.marks == []


def test_gap_between_cjk_or_at_punctuation_is_marked_but_kept_between_digit_and_cjk() -> None:
    b = TextBuilder()
    # 号 ， 2023 年 a b; the gap before 年 is a typed space (half an em and more: 0.6 of the box)
    b.write_glyphs([g("号", 0), g("，", 14), g("2", 28, w=5), g("0", 33, w=5), g("年", 46), g("a", 64, w=5)])
    text = b.text()
    assert text == "号 ， 20 年 a"
    # the spaces around the full-width comma go; the one between 20 and 年 stays
    assert [(m.kind, m.start) for m in b.marks] == [("cjk_space", 1), ("cjk_space", 3)]
    assert clean_text(text, b.marks, fixers=()).text == "号，20 年 a"


@pytest.mark.parametrize(
    ("gap", "typed", "kept"),
    [
        (2.2, False, False),  # Word/WPS/LibreOffice Asian-Latin autospacing: 0.18-0.27 of the box
        (3.2, False, False),
        (4.6, False, False),
        (2.6, True, True),  # the same gap with a space character in the PDF's text: typed
        (5.0, False, True),  # wider than any autospacing
        (9.0, False, True),
    ],
)
def test_asian_latin_autospacing_is_marked_a_typed_space_is_kept(gap: float, typed: bool, kept: bool) -> None:
    b = TextBuilder()
    after = SpacedGlyph if typed else Glyph
    b.write_glyphs(
        [g("第", 0), after("3", 10 + gap, 15 + gap, 0, 12), after("号", 15 + 2 * gap, 25 + 2 * gap, 0, 12)]
    )
    assert b.text() == "第 3 号"
    cleaned = clean_text(b.text(), b.marks, fixers=()).text
    assert cleaned == ("第 3 号" if kept else "第3号")


@pytest.mark.parametrize(
    ("text", "body", "want"),
    [
        ("门户网站|在首页", True, "门户网站 在首页"),  # a typed space sets the heading off: kept
        ("门户网站|在首页", False, "门户网站在首页"),  # inside a table cell: layout
        ("门户网站/在首页", True, "门户网站在首页"),  # a narrow gap without a space character: layout
        ("门户网站^在首页", True, "门户网站 在首页"),  # a wide one (Writer draws spaces as gaps)
        ("门户网站^在首页", False, "门户网站在首页"),
        ("政府信息|公开", True, "政府信息 公开"),
        ("一、|概述", True, "一、 概述"),  # typed after full-width punctuation: as in the source text
        ("一、^概述", True, "一、概述"),  # a gap at full-width punctuation: its own spacing
        ("一、|概述", False, "一、概述"),
    ],
)
def test_typed_space_between_ideographs_in_running_text(text: str, body: bool, want: str) -> None:
    glyphs = []
    x = 0.0
    mark = ""
    for ch in text:
        if ch in "|/^":
            x += 1.5 if ch == "/" else 3.0
            mark = ch
            continue
        glyphs.append((SpacedGlyph if mark == "|" else Glyph)(ch, x, x + 10, 0.0, 12.0))
        mark = ""
        x += 10
    b = TextBuilder()
    b.write_glyphs(glyphs, body=body)
    assert clean_text(b.text(), b.marks, fixers=()).text == want


def test_evenly_spread_line_keeps_no_space() -> None:
    """A justified line spreads every gap alike: none of them is a space of the text."""
    b = TextBuilder()
    b.write_glyphs([g(ch, 13.5 * i) for i, ch in enumerate("政府信息公开工作")], body=True)
    assert clean_text(b.text(), b.marks, fixers=()).text == "政府信息公开工作"


def test_group_lines_orders_top_down_and_left_right() -> None:
    glyphs = [g("乙", 10, 20), g("甲", 0, 20.5), g("丙", 0, 0), g("丁", 10, 0.3)]
    lines = group_lines(glyphs)
    assert ["".join(x.char for x in line) for line in lines] == ["丙丁", "甲乙"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("政府信息公开，。2023ab"),
            st.floats(min_value=-2.0, max_value=8.0),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_marks_are_in_bounds_ordered_and_leave_no_space_between_cjk(
    spec: list[tuple[str, float, bool]],
) -> None:
    """Whatever the gaps and double strikes, marks stay inside the text, never
    overlap, and removing them leaves no space between two CJK characters and
    no doubled glyph where a double strike was."""
    glyphs: list[Glyph] = []
    x = 0.0
    for ch, gap, double in spec:
        x += max(gap, 0.0)
        glyphs.append(g(ch, x))
        if double:
            glyphs.append(g(ch, x + 0.3))
        x += 10.0
    b = TextBuilder()
    b.write_glyphs(glyphs)
    text = b.text()
    last = 0
    for m in b.marks:
        assert last <= m.start < m.end <= len(text)
        last = m.end
    clean = clean_text(text, b.marks, fixers=()).text
    assert len(clean.replace(" ", "")) == len(spec)
    assert not re.search(r"(?<=[\u4e00-\u9fff，。]) (?=[\u4e00-\u9fff，。])", clean)


def grid_edges(xs: list[float], ys: list[float]) -> list[Edge]:
    return [Edge("h", xs[0], xs[-1], y, y) for y in ys] + [Edge("v", x, x, ys[0], ys[-1]) for x in xs]


def test_table_grid_with_a_merged_cell_and_glyph_assignment() -> None:
    # 3 columns x 3 rows; the first column's lower two rows are one merged cell
    edges = grid_edges([0, 30, 60, 90], [0, 20])
    edges += [Edge("h", 0, 90, 60, 60), Edge("h", 30, 90, 40, 40)]
    edges += [Edge("v", x, x, 20, 60) for x in (0, 30, 60, 90)]
    (grid,) = find_tables(edges)
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    merged = [c for c in grid.cells if c.row_end - c.row == 2]
    assert len(merged) == 1 and merged[0].col == 0
    cells, outside = assign_glyphs(grid, [g("三", 10, 25, 8, 8), g("本", 10, 45, 8, 8), g("外", 200, 5)])
    assert [x.char for x in outside] == ["外"]
    assert ["".join(x.char for x in c) for c in cells if c] == ["三本"]


def test_table_cut_at_a_page_end_gets_its_closing_rule() -> None:
    edges = [Edge("h", 0, 90, 0, 0), Edge("h", 0, 90, 20, 20)] + [Edge("v", x, x, 0, 40) for x in (0, 45, 90)]
    assert [(e.orientation, e.top) for e in close_open_ends(edges)] == [("h", 40.0)]
    (grid,) = find_tables(edges)
    assert grid.n_rows == 2
    # rules that already close the table add nothing
    assert close_open_ends(grid_edges([0, 45, 90], [0, 40])) == []


def test_no_table_from_too_few_lines() -> None:
    assert find_tables([Edge("h", 0, 100, 0, 0), Edge("h", 0, 100, 20, 20)]) == []


# --------------------------------------------------------------------------- synthetic PDFs: errors


def _fpdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_compression(False)
    return pdf


def latin_pdf(pages: int = 2, **kw: object) -> bytes:
    pdf = _fpdf()
    if kw.get("encrypt"):
        pdf.set_encryption(owner_password="owner", user_password="secret")
    for p in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        for k in range(10):
            pdf.text(72, 100 + k * 20, f"Report line {k} on page {p + 1}")
    return bytes(pdf.output())


def test_encrypted_pdf_says_how_to_decrypt() -> None:
    with pytest.raises(EncryptedFileError) as err:
        from_bytes(latin_pdf(encrypt=True), "locked.pdf", cfg())
    assert "qpdf --decrypt" in str(err.value) and "locked.pdf" in str(err.value)


@pytest.mark.parametrize("keep", [0.95, 0.5, 0.1])
def test_truncated_pdf_is_corrupt(keep: float) -> None:
    data = latin_pdf()
    with pytest.raises(CorruptFileError) as err:
        from_bytes(data[: int(len(data) * keep)], "cut.pdf", cfg())
    assert "re-download" in str(err.value)


def test_garbage_after_pdf_magic_is_corrupt() -> None:
    with pytest.raises(CorruptFileError):
        from_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8, "junk.pdf", cfg())


def test_image_only_pdf_needs_ocr() -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 160), "white").save(png, "PNG")
    pdf = _fpdf()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(png.getvalue()), x=0, y=0, w=595)
    data = bytes(pdf.output())
    # without OCR (setting off, or the extra not installed) the error says how to get it
    with pytest.raises(NoTextLayerError) as err:
        from_bytes(data, "scan.pdf", govreport_parse.config.resolve_config({"ocr": "off"}))
    assert "ocrmypdf" in str(err.value) and "govreport-parse[ocr]" in str(err.value)
    # with OCR, blank page images are read and give nothing: said as such
    if importlib.util.find_spec("rapidocr_onnxruntime") is not None:
        with pytest.raises(NoTextLayerError) as err:
            from_bytes(data, "scan.pdf", cfg())
        assert "OCR found no text" in str(err.value)


def test_blank_pdf_is_empty_not_a_scan() -> None:
    pdf = _fpdf()
    pdf.add_page()
    with pytest.raises(EmptyDocumentError):
        from_bytes(bytes(pdf.output()), "blank.pdf", cfg())


def test_page_limit_names_the_limit() -> None:
    with pytest.raises(LimitExceededError) as err:
        from_bytes(latin_pdf(pages=3), "long.pdf", cfg(max_pages=2))
    assert err.value.limit == "max_pages" and err.value.value == 3
    assert "max_pages" in str(err.value)
    assert from_bytes(latin_pdf(pages=2), "ok.pdf", cfg(max_pages=2)).source.pages == 2


def test_latin_pdf_text_and_pages() -> None:
    raw = from_bytes(latin_pdf(pages=2), "two.pdf", cfg())
    assert raw.source.format == "pdf" and raw.source.pages == 2
    assert raw.text.startswith("Report line 0 on page 1\n")
    assert raw.text[raw.page_starts[1] :].startswith("Report line 0 on page 2")


@pytest.mark.parametrize("data", [b"%PDF-", b"%PDF-1.4\n%%EOF", b"%PDF-1.4\ntrailer<</Root 1 0 R>>\n%%EOF"])
def test_tiny_broken_pdfs_raise_typed_errors(data: bytes) -> None:
    with pytest.raises(GovReportError):
        from_bytes(data, "tiny.pdf", cfg())


# --------------------------------------------------------------------------- synthetic PDFs: layout


def cjk_font() -> str:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    pytest.skip("no CJK TrueType font installed (apt-get install fonts-wqy-microhei)")


EM = 12.0
LEFT, CHARS = 72.0, 36  # a full line: 36 ideographs from x=72 to x=504
PARAGRAPH = (
    "本报告由洪泽区人民政府办公室根据政府信息公开条例要求编制此报告报告中所列数据统计期限自一月一日起"
    "至十二月三十一日止如对本报告有疑问请与区政府办公室联系本年度共受理政府信息公开申请件均在法定期限答复"
)


def layout_pdf() -> bytes:
    """Three pages: a running header, ``- n -`` footers, a fake-bold heading,
    a wrapped paragraph, and a ruled table that goes on to the next page with
    its header row repeated and a vertical label."""
    pdf = _fpdf()
    pdf.add_font("cjk", fname=cjk_font())

    def text(x: float, y: float, s: str, size: float = EM) -> None:
        pdf.set_font("cjk", size=size)
        pdf.text(x, y, s)

    def furniture(page: int) -> None:
        text(200, 40, "洪泽区政府信息公开工作年度报告", 9)
        text(285, 810, f"- {page} -", 10)

    def table(top: float, rows: list[tuple[str, str, str]], label: str | None) -> None:
        xs, h = [72.0, 120.0, 330.0, 504.0], 22.0
        for i in range(len(rows) + 1):
            x0 = xs[1] if label and 1 < i < len(rows) else xs[0]  # the label column spans the data rows
            pdf.line(x0, top + i * h, xs[-1], top + i * h)
        for x in xs:
            pdf.line(x, top, x, top + len(rows) * h)
        for i, (a, b, c) in enumerate(rows):
            y = top + i * h + 15
            if a:
                text(xs[0] + 4, y, a)
            text(xs[1] + 4, y, b)
            text(xs[2] + 4, y, c)
        if label:
            for k, ch in enumerate(label):
                text(xs[0] + 18, top + h + 15 + k * 14, ch)

    pdf.add_page()
    furniture(1)
    text(200, 90, "政府信息公开年度报告", 16)
    for dx in (0.0, 0.35):  # a heading struck twice: fake bold
        text(LEFT + 2 * EM + dx, 130, "一、总体情况")
    first = PARAGRAPH[: CHARS - 2]
    rest = PARAGRAPH[CHARS - 2 :]
    lines = [first] + [rest[i : i + CHARS] for i in range(0, len(rest), CHARS)]
    y = 160.0
    for i, line in enumerate(lines):
        text(LEFT + (2 * EM if i == 0 else 0), y, line)
        y += 20
    text(LEFT + 2 * EM, y, "二、主动公开政府信息情况")
    text(LEFT + 2 * EM, y + 20, "2023 年主动公开信息 1136 条。")
    head = ("", "项目", "数量")
    table(500, [head, ("三、", "新收申请", "95"), ("", "予以公开", "50")], None)
    pdf.add_page()
    furniture(2)
    table(72, [head, ("", "部分公开", "9"), ("", "不予公开", "3"), ("", "无法提供", "32")], "办理结果")
    text(LEFT + 2 * EM, 200, "三、其他需要报告的事项")
    pdf.add_page()
    furniture(3)
    text(LEFT + 2 * EM, 100, "四、结束语")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def layout_raw() -> RawDocument:
    return from_bytes(layout_pdf(), "layout.pdf", cfg())


def test_synthetic_marks_furniture_and_keeps_headings(layout_raw: RawDocument) -> None:
    kinds = {m.kind for m in layout_raw.marks}
    assert {"page_number", "running_header", "line_wrap", "table_header_repeat"} <= kinds
    clean = unmarked(layout_raw)
    lines = clean.split("\n")
    # the double strike reads once (pdfium itself drops a glyph repeated over
    # itself; what it lets through is marked ``fake_bold``, see the unit test)
    assert "一、总体情况" in lines and "一一" not in layout_raw.text
    assert "二、主动公开政府信息情况" in lines
    assert "三、其他需要报告的事项" in lines and "四、结束语" in lines
    assert not FOOTER.search(clean)
    assert "洪泽区政府信息公开工作年度报告" not in clean
    assert PARAGRAPH in lines  # the wrapped paragraph is one line again
    assert "2023 年主动公开信息 1136 条。" in lines


def test_synthetic_pages_and_footers(layout_raw: RawDocument) -> None:
    assert layout_raw.source.pages == 3 and len(layout_raw.page_starts) == 3
    for i, start in enumerate(layout_raw.page_starts):
        end = layout_raw.page_starts[i + 1] if i + 1 < 3 else len(layout_raw.text)
        assert f"- {i + 1} -" in layout_raw.text[start:end]


def test_synthetic_table_joined_across_pages(layout_raw: RawDocument) -> None:
    assert len(layout_raw.tables) == 1
    (table,) = layout_raw.tables
    assert table.page == 1
    rows = [[c.text if c else None for c in row] for row in table.rows]
    labels = [[t for t in r if t] for r in rows]
    # the repeated header row of page 2 is dropped (and marked)
    assert labels == [
        ["项目", "数量"],
        ["三、", "新收申请", "95"],
        ["予以公开", "50"],
        ["办理结果", "部分公开", "9"],
        ["不予公开", "3"],
        ["无法提供", "32"],
    ]
    assert any(m.kind == "table_header_repeat" for m in layout_raw.marks)


def test_synthetic_cell_offsets_point_at_the_cell(layout_raw: RawDocument) -> None:
    check_cell_offsets(layout_raw)


def check_cell_offsets(raw: RawDocument) -> None:
    """Every cell's start/end locates its characters: in the raw text, and in
    the text with the marks removed."""
    cleaned = clean_text(raw.text, raw.marks, fixers=())
    for table in raw.tables:
        assert 0 <= table.start <= table.end <= len(raw.text)
        for row in table.rows:
            for cell in row:
                if cell is None:
                    continue
                assert table.start <= cell.start <= cell.end <= table.end
                s, e = cleaned.offsets.to_clean(cell.start), cleaned.offsets.to_clean(cell.end)
                assert cleaned.text[s:e] == cell.text


# --------------------------------------------------------------------------- real PDFs


def real_path(name: str) -> Path:
    return need_shared(CORPUS / "pdf" / f"{name}.pdf")


def gold(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def reports() -> Iterator[dict[str, govreport_parse.Report]]:
    need_shared(CORPUS / "pdf")
    yield {n: govreport_parse.parse(CORPUS / "pdf" / f"{n}.pdf") for n in PDFS}


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_text_is_clean(name: str, reports: dict[str, govreport_parse.Report]) -> None:
    real_path(name)
    report = reports[name]
    assert report.source.format == "pdf" and report.source.pages == 5 + (name == "huaian-city-2024")
    assert not FOOTER.search(report.text), "a page footer survived"
    assert "\f" not in report.text
    assert not re.search(r"(?<=[\u4e00-\u9fff，。、]) (?=[\u4e00-\u9fff，。、])", report.text)
    assert not re.search(r" [，。、：；）]|[，。、：；（] ", report.text)
    assert "中华人民共和国政府信息公开条例" in report.text  # wrapped in the source
    assert any(a.kind == "page_number" for a in report.artifacts)


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_headings_are_lines(name: str, reports: dict[str, govreport_parse.Report]) -> None:
    real_path(name)
    lines = set(reports[name].text.split("\n"))
    for s in gold(name)["sections"]:
        assert f"{s['number']}、{s['title']}" in lines


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_every_fact_has_a_page(name: str, reports: dict[str, govreport_parse.Report]) -> None:
    real_path(name)
    report = reports[name]
    pages = report.source.pages or 0
    assert all(f.page is not None and 1 <= f.page <= pages for f in report.facts)


def test_real_pdf_fact_pages_are_right(reports: dict[str, govreport_parse.Report]) -> None:
    path = real_path("huaian-city-2024")
    raw = govreport_parse.load.load_path(path, cfg())
    # the fee sentence is on the last page, the 100% pass rate on page 3
    assert raw.page_starts[5] <= raw.text.index("处理费 3940 元") < len(raw.text)
    assert raw.page_starts[2] <= raw.text.index("100%") < raw.page_starts[3]
    for f in reports["huaian-city-2024"].facts:
        if f.text == "100%":
            assert f.page == 3


GOLD_ROWS = {
    "新收申请": ("一、本年新收",),
    "予以公开": ("（一）予以公开",),
    "部分公开": ("（二）部分公开",),
    "结转下年度继续办理": ("四、结转下年度",),
}
GOLD_GROUPS = {"不予公开": "（三）", "无法提供": "（四）", "不予处理": "（五）", "其他处理": "（六）"}


def table_three_totals(table: govreport_parse.Table) -> dict[str, int]:
    """The 总计 column of table 3 by gold key; a group is the sum of its sub-rows."""
    out: dict[str, int] = {}
    group: str | None = None
    for row in table.rows:
        cells = [c for c in row if c]
        if not cells or not re.fullmatch(r"\d+", cells[-1]):
            continue
        total = int(cells[-1])
        labels = [c for c in row[:3] if c and not re.fullmatch(r"\d+", c)]
        for label in labels:
            marker = re.match(r"（[一二三四五六七]）", label)
            if marker:
                group = next((k for k, v in GOLD_GROUPS.items() if v == marker.group()), None)
            elif label.startswith(("一、", "二、", "四、")):
                group = None
        for key, prefixes in GOLD_ROWS.items():
            if any(lab.startswith(prefixes) for lab in labels):
                out[key] = total
        if group and any(re.match(r"\d+[.、．]", lab) for lab in labels):
            out[group] = out.get(group, 0) + total
        if group and any(lab.startswith("（六）") for lab in labels) and len(labels) == 1:
            out[group] = out.get(group, 0) + total
    return out


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_table_three_matches_gold(name: str, reports: dict[str, govreport_parse.Report]) -> None:
    real_path(name)
    report = reports[name]
    candidates = [
        t for t in report.tables if any(c and c.startswith("一、本年新收") for r in t.rows for c in r)
    ]
    assert len(candidates) == 1, "table 3 should be one table, joined across its page break"
    table = candidates[0]
    assert table.page is not None
    expected = gold(name)["table_applications"]
    assert table_three_totals(table) == expected
    # the numbers point at their place in the clean text
    for row, spans in zip(table.rows, table.spans, strict=True):
        for cell, span in zip(row, spans, strict=True):
            if cell and span is not None and cell.isdigit():
                assert report.text[span.start : span.end] == cell


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_vertical_label_reads_whole(name: str, reports: dict[str, govreport_parse.Report]) -> None:
    real_path(name)
    cells = {c for t in reports[name].tables for r in t.rows for c in r if c}
    assert any("本年度办理结果" in c for c in cells)
    assert "商业企业" in cells and "法律服务机构" in cells


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_cell_offsets(name: str) -> None:
    raw = govreport_parse.load.load_path(real_path(name), cfg())
    assert raw.tables
    check_cell_offsets(raw)
    assert raw.page_starts[0] == 0 and list(raw.page_starts) == sorted(raw.page_starts)


def test_real_pdf_without_tables_config() -> None:
    raw = govreport_parse.load.load_path(real_path("huaian-hongze-2024"), ParseConfig(pdf_tables=False))
    assert raw.tables == ()
    assert "一、本年新收政府信息公开申请数量" in unmarked(raw)


@pytest.mark.parametrize("name", PDFS)
def test_indexed_cell_finder_matches_pdfplumber(name: str) -> None:
    """The indexed ``intersections_to_cells`` gives pdfplumber's cells, in its order."""
    import pypdfium2 as pdfium
    from pdfplumber import table as pt

    from govreport_parse.load.pdf_glyphs import read_page
    from govreport_parse.load.pdf_tables import intersections_to_cells

    doc = pdfium.PdfDocument(str(real_path(name)))
    try:
        checked = 0
        for i in range(len(doc)):
            edges = read_page(doc[i]).edges
            if not edges:
                continue
            records = [e.as_plumber() for e in (*edges, *close_open_ends(edges))]
            points = pt.edges_to_intersections(pt.merge_edges(records, 3, 3, 3, 3), 3, 3)
            assert intersections_to_cells(points) == pt.intersections_to_cells(points)
            checked += 1
        assert checked >= 3
    finally:
        doc.close()


def test_rotated_page_reads_as_displayed() -> None:
    """Content drawn turned on a page with ``/Rotate 90`` (a landscape table
    page) reads upright, and its ruled table is found."""
    import pypdfium2 as pdfium

    pdf = _fpdf()
    pdf.add_font("cjk", fname=cjk_font())
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    with pdf.rotation(90, x=297.5, y=421):
        pdf.text(150, 250, "四、政府信息公开行政复议情况")
        xs, ys = [150.0, 250.0, 350.0], [270.0, 292.0, 314.0]
        for y in ys:
            pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
        for (a, b), y in zip([("结果维持", "总计"), ("72", "351")], ys, strict=False):
            pdf.text(xs[0] + 4, y + 15, a)
            pdf.text(xs[1] + 4, y + 15, b)
    doc = pdfium.PdfDocument(bytes(pdf.output()))
    doc[0].set_rotation(90)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    raw = from_bytes(out.getvalue(), "turned.pdf", cfg())
    assert raw.text.startswith("四、政府信息公开行政复议情况\n")
    (table,) = raw.tables
    rows = [[c.text if c else None for c in row] for row in table.rows]
    assert rows == [["结果维持", "总计"], ["72", "351"]]


KNOWN_MARKS = {
    "page_number",
    "running_header",
    "running_footer",
    "line_wrap",
    "cjk_space",
    "fake_bold",
    "table_header_repeat",
}


def check_raw_invariants(raw: RawDocument) -> None:
    """Marks are known, inside the text, sorted and disjoint; pages start in order."""
    last = 0
    for m in raw.marks:
        assert m.kind in KNOWN_MARKS
        assert last <= m.start < m.end <= len(raw.text)
        assert raw.text[m.start : m.end].strip() or m.kind in ("line_wrap", "cjk_space")
        last = m.end
    assert raw.page_starts[0] == 0
    assert all(a <= b for a, b in zip(raw.page_starts, raw.page_starts[1:], strict=False))
    assert raw.page_starts[-1] <= len(raw.text)
    assert raw.source.pages == len(raw.page_starts)


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_raw_invariants(name: str) -> None:
    check_raw_invariants(govreport_parse.load.load_path(real_path(name), cfg()))


def test_synthetic_raw_invariants(layout_raw: RawDocument) -> None:
    check_raw_invariants(layout_raw)


def test_a_drawing_of_many_lines_is_not_a_table_and_keeps_the_text() -> None:
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(72, 60, "A chart drawn with many lines")
    for row in range(100):  # a hatched area: short dashes both ways, too many to be a table
        for k in range(44):
            pdf.line(72 + k * 10, 80 + row * 6, 76 + k * 10, 80 + row * 6)
            pdf.line(75 + row * 4.4, 82 + k * 14, 75 + row * 4.4, 86 + k * 14)
    raw = from_bytes(bytes(pdf.output()), "chart.pdf", cfg())
    assert raw.text.startswith("A chart drawn with many lines")
    assert raw.tables == ()
    assert [d.code for d in raw.diagnostics] == ["pdf_table_unreadable"]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_damaged_bytes_give_a_document_or_a_typed_error(data: st.DataObject) -> None:
    """Bytes of a valid PDF with a stretch overwritten: never a third-party exception."""
    base = bytearray(latin_pdf(pages=2))
    start = data.draw(st.integers(min_value=9, max_value=len(base) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    base[start : start + len(junk)] = junk
    try:
        raw = from_bytes(bytes(base), "damaged.pdf", cfg())
    except GovReportError:
        return
    check_raw_invariants(raw)


@pytest.mark.parametrize("offset", [0.35, 1.5, 2.5, 3.3])
def test_double_struck_heading_reads_once(offset: float) -> None:
    """Each glyph drawn twice, ``offset`` pt apart: what pdfium does not drop
    itself is marked ``fake_bold``, so the clean heading reads once."""
    pdf = _fpdf()
    pdf.add_font("cjk", fname=cjk_font())
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    heading = "一、总体情况"
    for k, ch in enumerate(heading):
        for dx in (0.0, offset):
            pdf.text(96 + k * 12 + dx, 130, ch)
    pdf.text(72, 160, "正文内容正文内容。")
    raw = from_bytes(bytes(pdf.output()), "bold.pdf", cfg())
    first = raw.text.split("\n")[0]
    bold = [m for m in raw.marks if m.kind == "fake_bold"]
    assert len(first) - len(heading) == len(bold)
    assert unmarked(raw).split("\n")[:2] == [heading, "正文内容正文内容。"]


def test_alternating_running_headers_and_page_of_footers() -> None:
    pdf = _fpdf()
    for p in range(1, 7):
        pdf.add_page()
        pdf.set_font("helvetica", size=9)
        pdf.text(200, 40, "City Government Annual Report" if p % 2 else f"Information Disclosure {2020 + p}")
        pdf.text(260, 815, f"Page {p} of 6")
        pdf.set_font("helvetica", size=12)
        for k in range(8):
            pdf.text(72, 120 + 22 * k, f"Body line {k} of page {p}.")
    raw = from_bytes(bytes(pdf.output()), "alt.pdf", cfg())
    clean = unmarked(raw)
    assert "Annual Report" not in clean and "Information Disclosure" not in clean
    assert "Page" not in clean
    assert clean.count("Body line") == 48
    kinds = [m.kind for m in raw.marks]
    assert kinds.count("running_header") == 6 and kinds.count("page_number") == 6


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=500), st.floats(min_value=0, max_value=800)),
        min_size=1,
        max_size=60,
    )
)
def test_group_lines_keeps_every_glyph_once_in_order(points: list[tuple[float, float]]) -> None:
    glyphs = [g(chr(0x4E00 + i), x, y) for i, (x, y) in enumerate(points)]
    lines = group_lines(glyphs)
    flat = [x for line in lines for x in line]
    assert sorted(flat) == sorted(glyphs)
    for line in lines:
        assert [x.x0 for x in line] == sorted(x.x0 for x in line)
    firsts = [min(x.top + x.bottom for x in line) for line in lines]
    assert firsts == sorted(firsts)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=8, max_value=80), min_size=1, max_size=8),
    st.lists(st.integers(min_value=8, max_value=60), min_size=1, max_size=12),
)
def test_ruled_grid_is_found_whole_and_glyphs_land_in_their_cells(
    widths: list[int], heights: list[int]
) -> None:
    xs = [50.0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [60.0]
    for h in heights:
        ys.append(ys[-1] + h)
    if len(widths) * len(heights) < 2:
        return  # a single cell is a box, not a table
    (grid,) = find_tables(grid_edges(xs, ys))
    assert (grid.n_cols, grid.n_rows) == (len(widths), len(heights))
    assert len(grid.cells) == len(widths) * len(heights)
    centres = [
        g(chr(0x4E00 + r * 16 + c), (xs[c] + xs[c + 1]) / 2 - 1, (ys[r] + ys[r + 1]) / 2 - 1, 2, 2)
        for r in range(len(heights))
        for c in range(len(widths))
    ]
    cells, outside = assign_glyphs(grid, centres)
    assert outside == []
    for cell, found in zip(grid.cells, cells, strict=True):
        assert [x.char for x in found] == [chr(0x4E00 + cell.row * 16 + cell.col)]


def test_ocr_layer_over_a_scan_is_read() -> None:
    """What ``ocrmypdf`` makes of a scan: the page image with invisible text over it."""
    from fpdf.enums import TextMode
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 160), "white").save(png, "PNG")
    pdf = _fpdf()
    pdf.add_page()
    pdf.image(io.BytesIO(png.getvalue()), x=0, y=0, w=595)
    pdf.set_font("helvetica", size=12)
    pdf.text_mode = TextMode.INVISIBLE
    for k in range(5):
        pdf.text(72, 100 + k * 20, f"Recognised line {k}")
    raw = from_bytes(bytes(pdf.output()), "ocred.pdf", cfg())
    assert raw.text.splitlines() == [f"Recognised line {k}" for k in range(5)]
    assert raw.diagnostics == ()


def test_an_unreadable_page_costs_only_its_own_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium failing on one page (as it does on some damaged files) leaves the
    other pages and a warning naming the page; failing on all is a corrupt file."""
    import pypdfium2 as pdfium

    from govreport_parse.load import pdf as pdf_loader

    real = pdf_loader.read_page
    calls = {"n": 0}

    def flaky(page: Any, *, want_edges: bool = True) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(page, want_edges=want_edges)

    monkeypatch.setattr(pdf_loader, "read_page", flaky)
    raw = from_bytes(latin_pdf(pages=3), "flaky.pdf", cfg())
    assert raw.source.pages == 3 and len(raw.page_starts) == 3
    assert "page 1" in raw.text and "page 3" in raw.text and "page 2" not in raw.text
    assert [(d.code, "page 2" in d.message) for d in raw.diagnostics] == [("pdf_page_unreadable", True)]

    def broken(page: Any, *, want_edges: bool = True) -> Any:
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdf_loader, "read_page", broken)
    with pytest.raises(CorruptFileError):
        from_bytes(latin_pdf(pages=2), "broken.pdf", cfg())


def test_undecodable_pages_are_reported_and_an_undecodable_document_needs_ocr() -> None:
    """Fonts without a Unicode map make pdfium return private-use characters."""
    from govreport_parse.load.pdf import _check_text_layer
    from govreport_parse.load.pdf_glyphs import PageContent

    def page(text: str) -> PageContent:
        glyphs = tuple(g(ch, 10.0 * k) for k, ch in enumerate(text))
        return PageContent(glyphs=glyphs, edges=(), width=595, height=842, images=0)

    good = page("政府信息公开工作年度报告" * 5)
    garbled = page("\ue01a\ue02b\ue11c\ufffd" * 10)
    notes = _check_text_layer([good, garbled, good, good], "mixed.pdf")
    assert [(d.code, "pages 2" in d.message) for d in notes] == [("pdf_pages_undecodable", True)]
    with pytest.raises(NoTextLayerError) as err:
        _check_text_layer([garbled, garbled, good], "garbled.pdf")
    assert "ocrmypdf --force-ocr" in str(err.value)
    # a few private-use symbols (bullets from a symbol font) are not a garbled page
    assert _check_text_layer([page("\ue000" + "政府信息公开" * 3)], "ok.pdf") == ()


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_has_no_loader_warnings(name: str) -> None:
    raw = govreport_parse.load.load_path(real_path(name), cfg())
    assert raw.diagnostics == ()


def test_diagonal_watermark_is_left_out_of_the_lines_it_crosses() -> None:
    pdf = _fpdf()
    pdf.add_font("cjk", fname=cjk_font())
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    body = [
        "一、总体情况",
        "本年度共受理政府信息公开申请二十一件。",
        "二、主动公开政府信息情况",
        "主动公开信息一千一百三十六条。",
    ]
    for k, line in enumerate(body):
        pdf.text(96, 200 + 22 * k, line)
    pdf.set_font("cjk", size=40)
    with pdf.rotation(35, x=300, y=260):
        pdf.text(150, 260, "内部资料注意保存")
    raw = from_bytes(bytes(pdf.output()), "watermark.pdf", cfg())
    assert raw.text.splitlines() == body
    (note,) = raw.diagnostics
    assert note.code == "pdf_slanted_text_skipped" and "内部资料注意保存" in note.message


def test_upright_and_level_text_is_never_taken_for_a_slant() -> None:
    """Sub/superscript steps trigger the angle check; level text passes it."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for k in range(6):
        pdf.text(72 + k * 9, 100 + (k % 2) * 6, f"{k}")
    raw = from_bytes(bytes(pdf.output()), "steps.pdf", cfg())
    assert raw.diagnostics == ()
    assert raw.text == "0 1 2 3 4 5\n"


def test_a_lone_year_at_the_top_is_not_a_page_number() -> None:
    pdf = _fpdf()
    for p in range(1, 3):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        if p == 1:
            pdf.text(280, 60, "2024")
        for k in range(5):
            pdf.text(72, 200 + 22 * k, f"Body line {k}.")
        pdf.text(290, 815, f"- {p} -")
    raw = from_bytes(bytes(pdf.output()), "cover.pdf", cfg())
    assert unmarked(raw).startswith("2024\nBody line 0.")
    assert [m.kind for m in raw.marks if m.kind == "page_number"] == ["page_number"] * 2
    assert raw.text.startswith("2024\n")
