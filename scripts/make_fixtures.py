#!/usr/bin/env python3
"""Generate the format fixtures (TXT, DOCX, HTML, PDF) from the project's own source texts.

Sources live in ``fixtures/src/*.source`` (not a report suffix, so batch runs over ``fixtures/``
skip them) in a small markup:

- ``= title``                     the report title (first line)
- ``# 一、…`` ``## （一）…`` ``### 1.…``  headings of three levels, number typed in the source
- ``[table]`` … ``[/table]``      a table, one row a line, cells split by ``|``;
  ``<`` marks a slot covered by the cell to its left (column span), ``^`` a slot
  covered by the cell above (row span)
- any other line                  a paragraph

For each source ``NAME`` this writes to ``fixtures/generated/``:

- ``NAME.txt``          the plain-text twin (tables one row a line, slots separated by tabs)
- ``NAME.tables.json``  every table as a dense grid (``null`` for covered slots)
- ``NAME.docx``         headings numbered automatically from numbering.xml (one heading also
                        types its number, which the reader must not double), merged cells as
                        ``gridSpan``/``vMerge``, a running header and a page-number footer
- ``NAME.html``         a government-style page with navigation, breadcrumbs, a share bar, a
                        font-size switch, print/close links and a footer around the report;
                        tables with ``rowspan``/``colspan``; ``standard-2021`` is GBK-encoded
- ``NAME.pdf``          A4 pages with a running header, ``- N -`` page numbers, level-1
                        headings in "fake bold" (every glyph drawn twice, 0.25 pt apart) and
                        ruled tables with merged cells; the CJK font is embedded as a subset

The PDF needs a CJK font with Latin digits and CJK punctuation: WenQuanYi Micro Hei from the
Debian package ``fonts-wqy-microhei`` (``apt-get install -y fonts-wqy-microhei``; its first face is
extracted from the .ttc, which fpdf2 cannot read), or pass ``--font FILE.ttf``.
Run from the project root: ``.venv/bin/python scripts/make_fixtures.py``.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import html
import io
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreport_parse.load.tables import CellSpec, TextBuilder, expand_grid  # noqa: E402

SRC = ROOT / "fixtures" / "src"
OUT = ROOT / "fixtures" / "generated"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # fonts-wqy-microhei
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # fonts-wqy-zenhei
)
GBK_FIXTURES = {"standard-2021"}
FIXED_TIME = datetime.datetime(2022, 1, 25, 9, 0, 0, tzinfo=datetime.timezone.utc)
TYPED_AND_AUTOMATIC = {"standard-2021": "三、收到和处理政府信息公开申请情况"}
_NUMBER = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)(.*)$")


# --------------------------------------------------------------------------- source model


@dataclass
class Table:
    """A source table: anchors ``(row, col, rowspan, colspan, text)`` in a ``rows`` × ``cols`` grid."""

    rows: int
    cols: int
    anchors: list[tuple[int, int, int, int, str]] = field(default_factory=list)

    def specs(self) -> list[list[CellSpec]]:
        out: list[list[CellSpec]] = [[] for _ in range(self.rows)]
        for r, c, rs, cs, text in self.anchors:
            out[r].append(CellSpec(text, rowspan=rs, colspan=cs, col=c))
        return out

    def grid(self) -> list[list[str | None]]:
        return [[c.text if c else None for c in row] for row in expand_grid(self.specs())]


@dataclass
class Source:
    name: str
    title: str
    blocks: list[tuple[str, object]]  # (kind, str | Table); kind: p, h1, h2, h3, table


def parse_table(lines: list[str]) -> Table:
    cells = [[c.strip() for c in line.split("|")] for line in lines]
    width = len(cells[0])
    if any(len(row) != width for row in cells):
        raise ValueError(f"table rows have different widths: {[len(r) for r in cells]}")
    table = Table(rows=len(cells), cols=width)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            cs = 1
            while c + cs < width and row[c + cs] == "<":
                cs += 1
            rs = 1
            while r + rs < len(cells) and cells[r + rs][c] == "^":
                rs += 1
            table.anchors.append((r, c, rs, cs, text))
    return table


def parse_source(path: Path) -> Source:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = ""
    blocks: list[tuple[str, object]] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line:
            continue
        if line.startswith("= "):
            title = line[2:]
        elif line == "[table]":
            j = lines.index("[/table]", i)
            blocks.append(("table", parse_table(lines[i:j])))
            i = j + 1
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append((f"h{level}", line[level:].strip()))
        else:
            blocks.append(("p", line))
    return Source(name=path.stem, title=title, blocks=blocks)


# --------------------------------------------------------------------------- TXT + JSON


def render_text(src: Source) -> tuple[str, list[list[list[str | None]]]]:
    """The plain-text twin and the dense grids of every table."""
    out = TextBuilder()
    out.paragraph(src.title)
    grids = []
    for _kind, payload in src.blocks:
        if isinstance(payload, Table):
            out.table(expand_grid(payload.specs()))
            grids.append(payload.grid())
        else:
            out.paragraph(str(payload))
    return out.text() + "\n", grids


def write_text(src: Source) -> None:
    text, grids = render_text(src)
    (OUT / f"{src.name}.txt").write_text(text, encoding="utf-8")
    (OUT / f"{src.name}.tables.json").write_text(
        json.dumps(grids, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


# --------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUM_ID = "90"
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def _numbering_xml() -> tuple[str, str]:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS)
    )
    abstract = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{NUM_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    num = f'<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'
    return abstract, num


def _add_numbering(document: object) -> None:
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    abstract, num = (parse_xml(x) for x in _numbering_xml())
    first_num = root.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(num)


def _number_paragraph(paragraph: object, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>')
    )


def _page_field(paragraph: object) -> None:
    from docx.oxml import parse_xml

    paragraph.add_run("- ")  # type: ignore[attr-defined]
    paragraph._p.append(  # type: ignore[attr-defined]
        parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>')
    )
    paragraph.add_run(" -")  # type: ignore[attr-defined]


def write_docx(src: Source) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    _add_numbering(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = src.title
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(src.title).bold = True
    typed = TYPED_AND_AUTOMATIC.get(src.name)
    for kind, payload in src.blocks:
        if isinstance(payload, Table):
            _docx_table(document, payload)
        elif kind.startswith("h"):
            text = str(payload)
            m = _NUMBER.match(text)
            body = text if (text == typed or not m) else m.group(2)
            p = document.add_paragraph()
            run = p.add_run(body)
            run.bold = kind == "h1"
            _number_paragraph(p, int(kind[1]) - 1)
        else:
            document.add_paragraph(str(payload))
    document.core_properties.author = "govreport-parse fixtures"
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    buf = io.BytesIO()
    document.save(buf)
    (OUT / f"{src.name}.docx").write_bytes(_repack(buf.getvalue()))


def _repack(data: bytes) -> bytes:
    """The same ZIP with fixed member timestamps, so regenerating gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, zin.read(info))
    return out.getvalue()


def _docx_table(document: object, table: Table) -> None:
    t = document.add_table(rows=table.rows, cols=table.cols)  # type: ignore[attr-defined]
    t.style = "Table Grid"
    for r, c, rs, cs, _ in table.anchors:
        if rs > 1 or cs > 1:
            t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
    for r, c, _, _, text in table.anchors:
        t.cell(r, c).text = text


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_年度报告_青山县人民政府</title>
<style>body {{ font-family: SimSun; }} .share a {{ margin: 0 4px; }}</style>
<script>var _hmt = _hmt || []; document.write("欢迎访问青山县人民政府门户网站");</script>
</head>
<body>
<div class="top-bar">青山县人民政府 主办 <a href="#">无障碍</a> <a href="#">长者模式</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt;
<a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>
<div class="article-wrap">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：{date}&nbsp;&nbsp;来源：青山县人民政府办公室
&nbsp;&nbsp;浏览次数：1024</div>
<div class="font-size">【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom"><div class="TRS_Editor">
{body}
</div></div>
<div class="share-bar">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div id="footer">主办：青山县人民政府办公室 地址：青山县人民路88号 联系电话：0576-83020000<br>
版权所有 青山县人民政府 网站标识码 3310000000 浙ICP备00000000号</div>
</body>
</html>
"""


def _html_paragraph(kind: str, text: str) -> str:
    body = html.escape(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
    if kind == "h1":
        return f'<p style="text-indent:2em"><strong>{body}</strong></p>'
    if kind in ("h2", "h3"):
        return f'<p style="text-indent:2em">&nbsp;&nbsp;<b>{body}</b></p>'
    return f'<p style="text-indent:2em">&nbsp;&nbsp;&nbsp;&nbsp;{body}</p>'


def _html_table(table: Table) -> str:
    by_row: dict[int, list[tuple[int, int, int, str]]] = {}
    for r, c, rs, cs, text in table.anchors:
        by_row.setdefault(r, []).append((c, rs, cs, text))
    rows = []
    for r in range(table.rows):
        cells = []
        for _, rs, cs, text in sorted(by_row.get(r, [])):
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            body = html.escape(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
            if text.replace(".", "").isdigit():
                body = f"&nbsp;{body}&nbsp;"
            cells.append(f"<td{attrs}>{body}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def write_html(src: Source) -> None:
    parts = []
    for kind, payload in src.blocks:
        parts.append(
            _html_table(payload) if isinstance(payload, Table) else _html_paragraph(kind, str(payload))
        )
    date = next(
        (str(p) for k, p in reversed(src.blocks) if k == "p" and re.match(r"^\d{4}年\d+月\d+日$", str(p))), ""
    )
    iso = "-".join(f"{int(x):02d}" for x in re.findall(r"\d+", date)) if date else ""
    charset = "gbk" if src.name in GBK_FIXTURES else "utf-8"
    page = PAGE.format(charset=charset, title=html.escape(src.title), date=iso, body="\n".join(parts))
    (OUT / f"{src.name}.html").write_bytes(page.encode(charset))


# --------------------------------------------------------------------------- PDF

MARGIN = 18.0
BODY_PT = 12
TABLE_PT = 8
TABLE_LINE = 3.6
FAKE_BOLD_OFFSET = 0.25 / 72 * 25.4  # 0.25 pt in mm


def _font(tmp: Path) -> Path:
    """A CJK .ttf: fpdf2 cannot read .ttc collections, so the first face is extracted."""
    from fontTools.ttLib import TTCollection

    for path in FONT_CANDIDATES:
        if path.exists():
            out = tmp / (path.stem + ".ttf")
            TTCollection(str(path)).fonts[0].save(str(out))
            return out
    raise SystemExit("no CJK font found: apt-get install -y fonts-wqy-microhei, or pass --font FILE.ttf")


def write_pdf(src: Source, font: Path) -> None:
    from fpdf import FPDF

    class Report(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("cjk", size=9)
            self.set_y(10)
            self.cell(0, 5, src.title, align="C")
            self.line(MARGIN, 16, self.w - MARGIN, 16)
            self.set_y(22)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("cjk", size=10)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Report(format="A4")
    pdf.set_creator("govreport-parse fixtures")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_margins(MARGIN, 22, MARGIN)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("cjk", fname=str(font))
    pdf.add_page()
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 10, src.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for kind, payload in src.blocks:
        if isinstance(payload, Table):
            _pdf_table(pdf, payload)
        elif kind == "h1":
            _fake_bold_line(pdf, str(payload))
        else:
            pdf.set_font("cjk", size=BODY_PT)
            pdf.multi_cell(0, 7, "\u3000\u3000" + str(payload), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT / f"{src.name}.pdf"))


def _fake_bold_line(pdf: object, text: str) -> None:
    """A heading drawn twice with a tiny offset, the way some word processors fake bold."""
    pdf.set_font("cjk", size=BODY_PT + 2)  # type: ignore[attr-defined]
    if pdf.will_page_break(9):  # type: ignore[attr-defined]
        pdf.add_page()  # type: ignore[attr-defined]
    x, y = pdf.l_margin + 8.5, pdf.get_y() + 1  # type: ignore[attr-defined]
    for dx in (0.0, FAKE_BOLD_OFFSET):
        pdf.set_xy(x + dx, y)  # type: ignore[attr-defined]
        pdf.cell(0, 7, text)  # type: ignore[attr-defined]
    pdf.set_xy(pdf.l_margin, y + 8)  # type: ignore[attr-defined]


def _pdf_widths(table: Table, total: float) -> list[float]:
    if table.cols == 10:  # the application table: three label columns, seven numbers
        label = [14.0, 22.0, total - 36.0 - 7 * 13.0]
        return label + [13.0] * 7
    if table.cols == 4:
        return [total * 0.31] + [total * 0.23] * 3
    return [total / table.cols] * table.cols


def _pdf_table(pdf: object, table: Table) -> None:
    pdf.set_font("cjk", size=TABLE_PT)  # type: ignore[attr-defined]
    widths = _pdf_widths(table, pdf.w - 2 * MARGIN)  # type: ignore[attr-defined]
    xs = [MARGIN + sum(widths[:i]) for i in range(table.cols + 1)]
    lines = {}
    heights = [TABLE_LINE + 2.0] * table.rows
    for r, c, rs, cs, text in table.anchors:
        w = xs[c + cs] - xs[c] - 2.0
        n = len(pdf.multi_cell(w, TABLE_LINE, text, dry_run=True, output="LINES"))  # type: ignore[attr-defined]
        lines[(r, c)] = n
        need = n * TABLE_LINE + 2.0
        if rs == 1:
            heights[r] = max(heights[r], need)
    for r, c, rs, _, _ in table.anchors:
        need = lines[(r, c)] * TABLE_LINE + 2.0
        have = sum(heights[r : r + rs])
        if have < need:
            heights[r + rs - 1] += need - have
    total_h = sum(heights)
    if pdf.will_page_break(total_h):  # type: ignore[attr-defined]
        pdf.add_page()  # type: ignore[attr-defined]
    top = pdf.get_y() + 2  # type: ignore[attr-defined]
    ys = [top + sum(heights[:i]) for i in range(table.rows + 1)]
    for r, c, rs, cs, text in table.anchors:
        x, y = xs[c], ys[r]
        w, h = xs[c + cs] - x, ys[r + rs] - y
        pdf.rect(x, y, w, h)  # type: ignore[attr-defined]
        text_h = lines[(r, c)] * TABLE_LINE
        pdf.set_xy(x + 1.0, y + (h - text_h) / 2)  # type: ignore[attr-defined]
        pdf.multi_cell(w - 2.0, TABLE_LINE, text, align="C")  # type: ignore[attr-defined]
    pdf.set_xy(MARGIN, ys[-1] + 3)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--font", type=Path, help="a CJK .ttf/.otf font for the PDFs")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs")
    args = parser.parse_args(argv)
    # fontTools stamps the embedded font subset with this time: fixed, for identical PDFs on every run
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(FIXED_TIME.timestamp())))
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fixture-font-"))
    font = None if args.no_pdf else (args.font or _font(tmp))
    for path in sorted(SRC.glob("*.source")):
        src = parse_source(path)
        write_text(src)
        write_docx(copy.deepcopy(src))
        write_html(src)
        if font is not None:
            write_pdf(src, font)
        print(f"{src.name}: " + ", ".join(sorted(p.name for p in OUT.glob(f"{src.name}.*"))))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
