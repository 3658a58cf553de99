"""DOCX reader: numbering, merged cells, body order, what is left out, and typed errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_parse.config import ParseConfig
from govreport_parse.errors import (
    CorruptFileError,
    GovReportError,
    LimitExceededError,
    UnsupportedFormatError,
)
from govreport_parse.load import from_bytes
from govreport_parse.load.docx_numbering import format_number
from govreport_parse.load.tables import CellSpec, TextBuilder, expand_grid

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CFG = ParseConfig()


# --------------------------------------------------------------------------- builders


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "nothing", extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/>{extra}</w:lvl>'
    )


def make_docx(body_xml: str, abstract: str = "", nums: str = "", styles: str = "") -> bytes:
    """A real DOCX (python-docx's template) whose body, numbering and styles are replaced/extended."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉文字不应出现"
    section.footer.paragraphs[0].text = "- 1 -"
    body = document.element.body
    sect_pr = body.find(f"{{{W_NS}}}sectPr")
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    fragment = parse_xml(
        f'<w:body xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"{body_xml}</w:body>"
    )
    for child in list(fragment):
        sect_pr.addprevious(child)
    if abstract or nums:
        root = document.part.numbering_part.element
        first_num = root.find(f"{{{W_NS}}}num")
        for an in parse_xml(f'<w:x xmlns:w="{W_NS}">{abstract}</w:x>'):
            if first_num is not None:
                first_num.addprevious(an)
            else:
                root.append(an)
        for num in parse_xml(f'<w:x xmlns:w="{W_NS}">{nums}</w:x>'):
            root.append(num)
    if styles:
        sroot = document.styles.element
        for st_el in parse_xml(f'<w:x xmlns:w="{W_NS}">{styles}</w:x>'):
            sroot.append(st_el)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def p(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def read(data: bytes, name: str = "t.docx", config: ParseConfig = CFG):  # type: ignore[no-untyped-def]
    return from_bytes(data, name, config)


CHINESE_LIST = (
    _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + _lvl(3, "decimal", "（%4）")
)
ABSTRACT = f'<w:abstractNum w:abstractNumId="7">{CHINESE_LIST}</w:abstractNum>'
NUM = '<w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num>'


# --------------------------------------------------------------------------- numbering


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (101, "chineseCountingThousand", "一百零一"),
        (110, "chineseCountingThousand", "一百一十"),
        (12, "japaneseCounting", "十二"),
        (3, "ideographTraditional", "丙"),
        (11, "ideographTraditional", "甲"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "㉑"),
        (2, "decimalEnclosedParen", "⑵"),
        (7, "decimal", "7"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (14, "upperRoman", "XIV"),
        (3, "lowerLetter", "c"),
        (27, "upperLetter", "AA"),
        (5, "chineseLegalSimplified", "伍"),
        (2021, "ideographDigital", "二〇二一"),
        (4, "someFutureFormat", "4"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_multilevel_numbering_restarts_deeper_levels() -> None:
    body = "".join(
        [
            p("总体情况", (5, 0)),
            p("主动公开", (5, 1)),
            p("依申请公开", (5, 1)),
            p("收到申请", (5, 2)),
            p("主动公开情况", (5, 0)),
            p("重点领域", (5, 1)),
            p("财政", (5, 2)),
            p("细项", (5, 3)),
        ]
    )
    raw = read(make_docx(body, ABSTRACT, NUM))
    assert raw.text.split("\n") == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "1.收到申请",
        "二、主动公开情况",
        "（一）重点领域",
        "1.财政",
        "（1）细项",
    ]


def test_typed_number_is_not_doubled_but_still_counts() -> None:
    body = (
        p("一、总体情况", (5, 0))
        + p("主动公开情况", (5, 0))
        + p("（一）重点", (5, 1))
        + p("1.5万件已公开", (5, 2))
    )
    raw = read(make_docx(body, ABSTRACT, NUM))
    # "1.5万" is a number, not a typed list marker: the automatic "1." is kept
    assert raw.text.split("\n") == ["一、总体情况", "二、主动公开情况", "（一）重点", "1.1.5万件已公开"]


def test_multi_placeholder_start_override_and_bullets() -> None:
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + _lvl(0, "decimal", "%1.")
        + _lvl(1, "decimal", "%1.%2", suff="space")
        + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="2">'
        + _lvl(0, "bullet", "\uf0b7")
        + "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    )
    body = (
        p("总则", (1, 0))
        + p("目的", (1, 1))
        + p("范围", (1, 1))
        + p("从三开始", (2, 0))
        + p("项目符号", (3, 0))
        + p("没有编号", (0, 0))
    )
    raw = read(make_docx(body, abstract, nums))
    assert raw.text.split("\n") == ["1.总则", "1.1 目的", "1.2 范围", "3.从三开始", "项目符号", "没有编号"]


def test_num_entries_of_one_definition_continue_one_list() -> None:
    nums = NUM + '<w:num w:numId="6"><w:abstractNumId w:val="7"/></w:num>'
    nums += '<w:num w:numId="8"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0">'
    nums += '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    body = p("概述", (5, 0)) + p("主动公开", (6, 0)) + p("依申请公开", (5, 0)) + p("新清单", (8, 0))
    raw = read(make_docx(body, ABSTRACT, nums))
    assert raw.text.split("\n") == ["一、概述", "二、主动公开", "三、依申请公开", "一、新清单"]


def test_numbering_through_a_numbering_style_link() -> None:
    abstract = (
        f'<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="GovList"/>{CHINESE_LIST}</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="GovList"/></w:abstractNum>'
    )
    nums = (
        '<w:num w:numId="11"><w:abstractNumId w:val="3"/></w:num>'
        '<w:num w:numId="12"><w:abstractNumId w:val="4"/></w:num>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="GovList"><w:name w:val="Gov List"/>'
        '<w:pPr><w:numPr><w:numId w:val="11"/></w:numPr></w:pPr></w:style>'
    )
    body = p("概述", (12, 0)) + p("主动公开", (12, 1)) + p("依申请公开", (12, 0))
    raw = read(make_docx(body, abstract, nums, styles))
    assert raw.text.split("\n") == ["一、概述", "（一）主动公开", "二、依申请公开"]


def test_numbering_through_paragraph_style() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="GovH1"><w:name w:val="Gov Heading 1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="GovH1b"><w:name w:val="Gov Heading 1b"/>'
        '<w:basedOn w:val="GovH1"/></w:style>'
    )
    body = p("概述", style="GovH1") + p("正文") + p("主动公开", style="GovH1b")
    raw = read(make_docx(body, ABSTRACT, NUM, styles))
    assert raw.text.split("\n") == ["一、概述", "正文", "二、主动公开"]


# --------------------------------------------------------------------------- tables


def tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    pr = ""
    if span > 1 or vmerge is not None:
        pr = "<w:tcPr>"
        if span > 1:
            pr += f'<w:gridSpan w:val="{span}"/>'
        if vmerge == "restart":
            pr += '<w:vMerge w:val="restart"/>'
        elif vmerge == "continue":
            pr += "<w:vMerge/>"
        pr += "</w:tcPr>"
    return f"<w:tc>{pr}{p(text) if text else '<w:p/>'}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"


def grid_of(raw) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
    return [[c.text if c is not None else None for c in row] for row in raw.tables[0].rows]


def test_merged_cells_expand_into_a_grid() -> None:
    table = tbl(
        tc("（本列数据的勾稽关系）", 2, "restart") + tc("申请人情况", 2),
        tc("", 2, "continue") + tc("自然人") + tc("总计"),
        tc("一、本年新收", 2) + tc("93") + tc("104"),
        tc("三、办理结果", vmerge="restart") + tc("（一）予以公开") + tc("40") + tc("46"),
        tc("", vmerge="continue") + tc("（二）部分公开") + tc("8") + tc("9"),
    )
    raw = read(make_docx(p("表格前") + table + p("表格后")))
    assert grid_of(raw) == [
        ["（本列数据的勾稽关系）", None, "申请人情况", None],
        [None, None, "自然人", "总计"],
        ["一、本年新收", None, "93", "104"],
        ["三、办理结果", "（一）予以公开", "40", "46"],
        [None, "（二）部分公开", "8", "9"],
    ]
    text = raw.text
    lines = text.split("\n")
    assert lines[0] == "表格前" and lines[-1] == "表格后"
    assert lines[1] == "（本列数据的勾稽关系）\t\t申请人情况"
    assert lines[5] == "\t（二）部分公开\t8\t9"
    for row in raw.tables[0].rows:
        for cell in row:
            if cell is not None:
                assert text[cell.start : cell.end] == cell.text
    t = raw.tables[0]
    assert text[t.start : t.end].startswith("（本列") and text[t.start : t.end].endswith("9")


def test_grid_before_and_multi_paragraph_cells() -> None:
    row1 = tc("本年新").replace("</w:tc>", p("制作数量") + "</w:tc>") + tc("Total")
    row2 = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("5")
    raw = read(make_docx(tbl(row1, row2)))
    assert grid_of(raw) == [["本年新制作数量", "Total"], [None, "5"]]


def test_body_order_and_left_out_content() -> None:
    body = (
        p("第一段")
        + "<w:sdt><w:sdtContent>"
        + p("内容控件中的段落")
        + "</w:sdtContent></w:sdt>"
        + "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入的</w:t></w:r></w:ins>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r></w:p>"
        + "<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>"
        + '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        "<w:txbxContent>" + p("文本框") + "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>" + p("文本框") + "</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>锚定段落</w:t></w:r></w:p>"
    )
    raw = read(make_docx(body))
    assert raw.text.split("\n") == [
        "第一段",
        "内容控件中的段落",
        "保留插入的",
        "甲\t乙",
        "丙",
        "锚定段落",
        "文本框",
    ]
    assert "页眉" not in raw.text and "- 1 -" not in raw.text
    assert raw.source.format == "docx" and raw.source.pages is None and raw.page_starts == ()


# --------------------------------------------------------------------------- errors


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_damaged_zip_is_corrupt() -> None:
    with pytest.raises(CorruptFileError, match="ZIP container is damaged"):
        read(b"PK\x03\x04" + b"\x00garbage" * 20)
    good = make_docx(p("正文"))
    with pytest.raises(CorruptFileError):
        read(good[: len(good) // 2])


def test_zip_without_document_xml() -> None:
    with pytest.raises(CorruptFileError, match=r"no word/document\.xml"):
        read(_zip({"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<x/>"}))
    with pytest.raises(CorruptFileError, match="Excel"):
        read(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "book.docx")


def test_zip_bomb_is_refused_before_unpacking() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/big.bin": b"\x00" * 5_000_000})
    assert len(bomb) < 20_000
    cfg = ParseConfig(limits=ParseConfig().limits.__class__(max_unpacked_bytes=1_000_000))
    with pytest.raises(LimitExceededError) as info:
        read(bomb, "bomb.docx", cfg)
    assert info.value.limit == "max_unpacked_bytes" and info.value.value and info.value.value > 5_000_000


def test_entity_declarations_are_refused() -> None:
    good = make_docx(p("正文"))
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = members["word/document.xml"]
    laughs = b'<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    head, rest = doc.split(b"?>", 1)
    members["word/document.xml"] = head + b"?>" + laughs + rest
    with pytest.raises(CorruptFileError, match="DTD or XML entities"):
        read(_zip(members))


def test_malformed_parts_are_corrupt() -> None:
    with pytest.raises(CorruptFileError, match=r"word/document\.xml is not well-formed XML"):
        read(_zip({"word/document.xml": b"<w:document/>"}))
    with pytest.raises(CorruptFileError, match="has no w:body"):
        read(_zip({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'.encode()}))


def test_strict_open_xml_is_named() -> None:
    strict = b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'
    with pytest.raises(UnsupportedFormatError, match="Strict Open XML"):
        read(_zip({"word/document.xml": strict}))


def test_main_part_found_through_relationships() -> None:
    good = make_docx(p("正文在别处"))
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/main.xml"] = members.pop("word/document.xml")
    members["word/_rels/main.xml.rels"] = members.pop("word/_rels/document.xml.rels")
    members["_rels/.rels"] = members["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    assert read(_zip(members)).text == "正文在别处"


# --------------------------------------------------------------------------- grid invariants


@st.composite
def span_tables(draw: st.DrawFn) -> list[list[CellSpec]]:
    n_rows = draw(st.integers(1, 6))
    return [
        [
            CellSpec(
                draw(st.text("一二三45", max_size=3)),
                rowspan=draw(st.integers(1, 4)),
                colspan=draw(st.integers(1, 4)),
            )
            for _ in range(draw(st.integers(0, 5)))
        ]
        for _ in range(n_rows)
    ]


@settings(max_examples=150, deadline=None)
@given(span_tables())
def test_grid_is_rectangular_and_each_cell_anchors_once(rows: list[list[CellSpec]]) -> None:
    grid = expand_grid(rows)
    assert len(grid) == len(rows)
    assert len({len(r) for r in grid}) <= 1
    anchored = [c for r in grid for c in r if c is not None]
    assert sorted(map(id, anchored)) == sorted(id(c) for r in rows for c in r)
    tb = TextBuilder()
    tb.paragraph("前")
    table = tb.table(grid)
    text = tb.text()
    for row in table.rows:
        for cell in row:
            if cell is not None:
                assert text[cell.start : cell.end] == cell.text.strip()
    assert "\n\n" not in text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 2), min_size=1, max_size=30), st.integers(1, 5))
def test_counters_follow_a_reference_model(levels: list[int], start: int) -> None:
    from lxml import etree

    from govreport_parse.load.docx_numbering import Numbering

    xml = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">'
        + _lvl(0, "decimal", "%1.", start=start)
        + _lvl(1, "decimal", "%1.%2.", start=start)
        + _lvl(2, "decimal", "%1.%2.%3.", start=start)
        + '</w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    numbering = Numbering.from_xml(etree.fromstring(xml))
    counters: dict[int, int] = {}
    for ilvl in levels:
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        expected = "".join(f"{counters.get(k, start)}." for k in range(ilvl + 1))
        assert numbering.next_label("4", ilvl) == expected
    assert numbering.next_label("99", 0) == ""


FIXTURE_DOCX = Path(__file__).resolve().parent.parent / "fixtures" / "generated" / "narrative-2017.docx"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_bytes_give_a_typed_error_or_a_document(flips: list[tuple[int, int]]) -> None:
    data = bytearray(FIXTURE_DOCX.read_bytes())
    for pos, value in flips:
        data[pos % len(data)] = value
    try:
        raw = read(bytes(data), "damaged.docx")
    except GovReportError:
        return
    assert isinstance(raw.text, str)
