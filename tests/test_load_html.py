"""HTML reader: charsets, chrome stripping, entities, rowspan/colspan grids, hostile input."""

from __future__ import annotations

import codecs
import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_parse import parse_text
from govreport_parse.config import ParseConfig
from govreport_parse.errors import CorruptFileError, EmptyDocumentError, GovReportError
from govreport_parse.load import from_bytes
from govreport_parse.load.html import detect_encoding
from govreport_parse.model import RawDocument
from govreport_parse.pipeline import parse_raw

CFG = ParseConfig()
BODY = "<p>一、总体情况</p><p>本年度共收到申请128件。</p>"


def read(data: bytes, name: str = "page.html") -> RawDocument:
    return from_bytes(data, name, CFG)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def grid(raw: RawDocument, i: int = 0) -> list[list[str | None]]:
    return [[c.text if c is not None else None for c in row] for row in raw.tables[i].rows]


# --------------------------------------------------------------------------- charset


@pytest.mark.parametrize(
    ("head", "codec", "expected"),
    [
        ('<meta charset="gbk">', "gbk", "gb18030"),
        ('<meta charset="GB2312" />', "gb2312", "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312", "gb18030"),
        ('<meta http-equiv="content-type" content="text/html;charset=utf-8">', "utf-8", "utf-8"),
        ('<meta charset="GB18030">', "gb18030", "gb18030"),
        ("", "utf-8", "utf-8"),
        ("", "gb18030", "gb18030"),  # undeclared GBK: UTF-8 fails, GB18030 reads it
    ],
)
def test_declared_and_guessed_charsets(head: str, codec: str, expected: str) -> None:
    raw = read(page(BODY, head).encode(codec))
    assert raw.text == "一、总体情况\n本年度共收到申请128件。"
    assert raw.source.encoding == expected
    assert raw.diagnostics == ()


def test_bom_wins_over_a_wrong_declaration() -> None:
    data = codecs.BOM_UTF8 + page(BODY, '<meta charset="gbk">').encode("utf-8")
    raw = read(data)
    assert raw.source.encoding == "utf-8-sig" and raw.text.startswith("一、总体情况")


def test_xml_declaration_charset() -> None:
    data = ('<?xml version="1.0" encoding="gbk"?>' + page(BODY)).encode("gbk")
    assert detect_encoding(data) == (None, "gb18030")
    assert read(data).text.startswith("一、总体情况")


def test_wrong_declaration_falls_back_and_bad_bytes_are_reported() -> None:
    raw = read(page(BODY, '<meta charset="utf-8">').encode("gbk"))
    assert raw.source.encoding == "gb18030" and "总体情况" in raw.text
    broken = page(BODY, '<meta charset="utf-8">').encode("utf-8").replace("申请".encode(), b"\xff\xfe\x80")
    raw = read(broken)
    assert [d.code for d in raw.diagnostics] == ["encoding_replaced"]
    assert "\ufffd" in raw.text


# --------------------------------------------------------------------------- chrome and body


CHROME_PAGE = page(
    """
<div id="header"><div class="logo">青山县人民政府</div></div>
<nav><a>首页</a><a>政务公开</a></nav>
<div class="menu-list"><ul><li>机构概况</li><li>政策文件</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 信息公开 &gt; 年度报告</div>
<h1 class="art-title">青山县人民政府2021年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2022-01-25　来源：县政府办</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
<div id="zoom"><div class="TRS_Editor">
<p style="text-indent:2em">&nbsp;&nbsp;一、总体情况</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;本年度主动公开政府信息5218条，占&ldquo;全部信息&rdquo;的92.2%。</p>
<p style="display:none">隐藏的段落不应出现</p>
<script>document.write("脚本文字不应出现")</script>
<p>二、主动公开政府信息情况</p>
</div></div>
<div class="print"><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div id="footer">版权所有：青山县人民政府　联系电话：0576-83020000</div>
""",
    "<title>年度报告_青山县</title><style>.x{color:red}</style>",
)


def test_chrome_is_not_emitted() -> None:
    raw = read(CHROME_PAGE.encode("utf-8"))
    assert raw.text.split("\n") == [
        "青山县人民政府2021年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度主动公开政府信息5218条，占“全部信息”的92.2%。",
        "二、主动公开政府信息情况",
    ]
    assert raw.marks == ()


def test_footer_phone_never_becomes_a_fact() -> None:
    report = parse_raw(read(CHROME_PAGE.encode("utf-8")), CFG)
    assert "0576-83020000" not in report.text
    assert all("83020000" not in f.text for f in report.facts)


def test_whole_body_when_no_content_container() -> None:
    raw = read(
        page("<div>一、总体情况</div><div>正文<br>第二行</div><div class='footer'>版权所有</div>").encode()
    )
    assert raw.text == "一、总体情况\n正文\n第二行"


def test_class_word_guard_keeps_real_content() -> None:
    long_body = "本年度" + "政府信息公开工作稳步推进" * 30
    raw = read(page(f'<div class="main-header">{long_body}</div>').encode())
    assert raw.text == long_body


def test_content_container_with_a_chrome_word_is_kept() -> None:
    body = '<div class="position">当前位置：首页</div><div id="printContent"><p>一、总体情况</p></div>'
    body += '<div class="position-relative"><p>短段落也要保留</p></div>'
    raw = read(page(body).encode())
    assert raw.text == "一、总体情况\n短段落也要保留"


def test_whitespace_between_chinese_across_source_lines() -> None:
    raw = read(page("<p>本年度，我县\n    坚持公开。Total\n  2021 件</p>").encode())
    assert raw.text == "本年度，我县坚持公开。Total 2021 件"


# --------------------------------------------------------------------------- tables


def test_rowspan_and_colspan_expand_without_td_index() -> None:
    table = """
<table border="1">
<tr><td rowspan="2" colspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总计</td></tr>
<tr><td colspan="2">一、本年新收</td><td>&nbsp;93&nbsp;</td><td>104</td></tr>
<tr><td rowspan="2">三、办理结果</td><td>（一）予以公开</td><td>40</td><td>46</td></tr>
<tr><td>（二）部分公开</td><td>&nbsp;</td><td>9</td></tr>
</table>"""
    raw = read(page("<p>表前</p>" + table + "<p>表后</p>").encode())
    assert grid(raw) == [
        ["（本列数据的勾稽关系）", None, "申请人情况", None],
        [None, None, "自然人", "总计"],
        ["一、本年新收", None, "93", "104"],
        ["三、办理结果", "（一）予以公开", "40", "46"],
        [None, "（二）部分公开", "", "9"],
    ]
    lines = raw.text.split("\n")
    assert lines[0] == "表前" and lines[-1] == "表后"
    assert lines[5] == "\t（二）部分公开\t\t9"
    for row in raw.tables[0].rows:
        for cell in row:
            if cell is not None:
                assert raw.text[cell.start : cell.end] == cell.text
    report = parse_raw(raw, CFG, require_report=False)  # a table fragment, not a whole report
    assert report.tables[0].rows[4] == (None, "（二）部分公开", None, "9")


def test_thead_tbody_caption_and_th() -> None:
    table = (
        "<table><caption>表二 主动公开</caption>"
        "<thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead><tbody><tr><td>规章</td><td>0</td></tr></tbody><tfoot><tr><td>合计</td><td>0</td></tr></tfoot></table>"
    )
    raw = read(page(table).encode())
    assert raw.text.split("\n")[0] == "表二 主动公开"
    assert grid(raw) == [["信息内容", "本年制发件数"], ["规章", "0"], ["合计", "0"]]


def test_odd_spans_are_clamped() -> None:
    table = (
        '<table><tr><td rowspan="0">甲</td><td colspan="x">乙</td><td colspan="99999">丙</td></tr>'
        '<tr><td rowspan="50">丁</td></tr></table>'
    )
    raw = read(page(table).encode())
    g = grid(raw)
    assert len(g) == 2 and g[0][:3] == ["甲", "乙", "丙"] and g[1][0] is None and g[1][1] == "丁"
    assert len(g[0]) <= 1002


def test_layout_tables_are_read_as_blocks() -> None:
    inner = "<table><tr><td>规章</td><td>0</td></tr></table>"
    outer = f"<table><tr><td><p>一、总体情况</p><p>正文。</p>{inner}</td></tr></table>"
    raw = read(page(outer).encode())
    assert raw.text.split("\n") == ["一、总体情况", "正文。", "规章\t0"]
    assert len(raw.tables) == 1


# --------------------------------------------------------------------------- hostile input


def test_deep_nesting_does_not_crash() -> None:
    shallow = "<div>" * 1500 + "深层内容" + "</div>" * 1500
    assert read(page(shallow).encode()).text == "深层内容"
    deep = "<div>" * 50_000 + "太深" + "</div>" * 50_000
    with pytest.raises(CorruptFileError, match="nested more than"):
        read(page(deep).encode())


def test_page_without_text() -> None:
    with pytest.raises(EmptyDocumentError):
        read(page("<script>var a = '一二三';</script><div class='nav'>首页</div>").encode())


def test_same_facts_as_the_plain_text() -> None:
    raw = read(CHROME_PAGE.encode("utf-8"))
    from_html = parse_raw(raw, CFG)
    from_text = parse_text(raw.text, name="same.txt")
    assert [(f.kind, f.text) for f in from_html.facts] == [(f.kind, f.text) for f in from_text.facts]
    assert from_html.source.format == "html" and from_html.source.pages is None


# --------------------------------------------------------------------------- properties

_ALPHABET = "一二三政府信息公开年报告，。、（）“”%0123456789 ab<>&\u3000\xa0\n"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=30), min_size=1, max_size=8))
def test_paragraph_text_survives_in_order(paragraphs: list[str]) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    wanted = [c for p in paragraphs for c in p if not c.isspace()]
    if not wanted:
        return
    text = read(page(body).encode()).text
    got = iter(c for c in text if not c.isspace())
    assert all(c in got for c in wanted)  # a subsequence: nothing lost, nothing reordered
    assert "\n\n" not in text and text == text.strip()


@st.composite
def html_tables(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        cells = []
        for _ in range(draw(st.integers(1, 4))):
            rs, cs = draw(st.integers(0, 3)), draw(st.integers(1, 3))
            text = draw(st.sampled_from(["", "&nbsp;", "12", "自然人", "（一）予以公开", "a<br>b"]))
            cells.append(f'<td rowspan="{rs}" colspan="{cs}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


@settings(max_examples=80, deadline=None)
@given(html_tables())
def test_table_cells_index_their_text(table: str) -> None:
    raw = read(page("<p>表前</p>" + table + "<p>表后</p>").encode())
    for t in raw.tables:
        widths = {len(row) for row in t.rows}
        assert len(widths) == 1
        for row in t.rows:
            for cell in row:
                if cell is not None:
                    assert raw.text[cell.start : cell.end] == cell.text
                    assert "\xa0" not in cell.text and "\n" not in cell.text


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=3000))
def test_junk_after_an_html_start_gives_a_typed_error_or_a_document(junk: bytes) -> None:
    try:
        raw = read(b"<html><body>" + junk)
    except GovReportError:
        return
    assert raw.text.strip()


WORD_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>某某</o:Author>
</o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0} --></style></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoListParagraph><![if !supportLists]><span>一、<span style="font:7.0pt"
>&nbsp;&nbsp; </span></span><![endif]><span>总体情况<o:p></o:p></span></p>
<table class=MsoTableGrid border=1><tr><td rowspan=2><p class=MsoNormal align=center>
<span>三、本年度<br>办理结果<o:p></o:p></span></p></td>
<td><p class=MsoNormal>（一）予以公开<o:p></o:p></p></td>
<td><p class=MsoNormal><span lang=EN-US>40<o:p></o:p></span></p></td></tr>
<tr><td><p class=MsoNormal>（二）部分公开<o:p>&nbsp;</o:p></p></td>
<td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td></tr></table>
</div></body></html>"""


def test_word_exported_html() -> None:
    raw = read(WORD_EXPORT.encode("gbk"), "word.htm")
    assert raw.text == "一、 总体情况\n三、本年度办理结果\t（一）予以公开\t40\n\t（二）部分公开"
    assert [(m.kind, raw.text[m.start : m.end]) for m in raw.marks] == [("cjk_space", " ")]
    assert raw.marks[0].start == 2
    assert grid(raw) == [["三、本年度办理结果", "（一）予以公开", "40"], [None, "（二）部分公开", ""]]
    report = parse_raw(raw, CFG, require_report=False)  # a fragment of a report, not a whole one
    assert report.text.startswith("一、总体情况\n")
    assert [(a.kind, a.original) for a in report.artifacts if a.kind == "cjk_space"][:1] == [
        ("cjk_space", " ")
    ]
