"""The generated fixtures: every format of one report gives the same sections, facts, tables.

``fixtures/generated/NAME.{txt,docx,html,pdf}`` are written by ``scripts/make_fixtures.py``
from ``fixtures/src/NAME.source``. The text twin is the reference: the DOCX and HTML readers
must reproduce its text exactly; the PDF reader (when present) must give the same
sections, facts, metrics and table cells. Sections and facts are compared across
formats, not against hard-coded expectations, so they follow the extractors as they change.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import zipfile
from functools import cache
from types import ModuleType

import pytest

import govreport_parse as gp
from govreport_parse.config import ParseConfig
from govreport_parse.load import load_path
from govreport_parse.model import RawDocument, Report

from .conftest import FIXTURES, ROOT

GENERATED = FIXTURES / "generated"
NAMES = ("narrative-2017", "standard-2021")
HAVE_PDF = (ROOT / "govreport_parse" / "load" / "pdf.py").exists()
FORMATS = (
    "docx",
    "html",
    pytest.param("pdf", marks=pytest.mark.skipif(not HAVE_PDF, reason="no PDF reader yet")),
)
NO_PDF = ("docx", "html")


@cache
def report(name: str, fmt: str) -> Report:
    return gp.parse(GENERATED / f"{name}.{fmt}")


@cache
def raw(name: str, fmt: str) -> RawDocument:
    return load_path(GENERATED / f"{name}.{fmt}", ParseConfig())


def twin_text(name: str) -> str:
    return (GENERATED / f"{name}.txt").read_text(encoding="utf-8")


def grids(name: str) -> list[list[list[str | None]]]:
    data: list[list[list[str | None]]] = json.loads((GENERATED / f"{name}.tables.json").read_text("utf-8"))
    return data


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the fixtures themselves


@pytest.mark.parametrize("name", NAMES)
def test_generated_twin_is_up_to_date_with_its_source(name: str) -> None:
    gen = _generator()
    text, tables = gen.render_text(gen.parse_source(FIXTURES / "src" / f"{name}.source"))
    assert text == twin_text(name), "run scripts/make_fixtures.py"
    assert tables == grids(name), "run scripts/make_fixtures.py"


def test_standard_tables_follow_the_template_and_add_up() -> None:
    table2, table3, table4 = grids("standard-2021")
    assert [row[0] for row in table2 if row[0] and row[0].startswith("第二十条")] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert table2[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert table3[1][3:] == ["自然人", "法人或其他组织", None, None, None, None, "总计"]
    assert table3[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    data = table3[3:]
    assert len(data) == 25 and all(len(r) == 10 for r in data)
    values = [[int(v) for v in row[3:]] for row in data]  # type: ignore[arg-type]
    for row in values:
        assert row[6] == sum(row[:6])  # 总计 = the six applicant columns
    received, carried_in, results, total, carried_out = (
        values[0],
        values[1],
        values[2:23],
        values[23],
        values[24],
    )
    for col in range(7):
        assert received[col] + carried_in[col] == total[col] + carried_out[col]  # 一 + 二 = （七）+ 四
        assert total[col] == sum(r[col] for r in results)
    assert data[2][0] == "三、本年度办理结果" and all(r[0] is None for r in data[3:24])
    figures = [int(v) for v in table4[3]]  # type: ignore[arg-type]
    assert len(figures) == 15
    for k in (0, 5, 10):
        assert figures[k + 4] == sum(figures[k : k + 4])


def test_docx_headings_are_numbered_by_word_not_typed() -> None:
    with zipfile.ZipFile(GENERATED / "standard-2021.docx") as zf:
        document = zf.read("word/document.xml").decode("utf-8")
        numbering = zf.read("word/numbering.xml").decode("utf-8")
    assert 'w:val="chineseCounting"' in numbering and "（%2）" in numbering
    assert document.count("<w:numPr>") >= 11
    assert ">总体情况<" in document and "一、总体情况" not in document
    assert "三、收到和处理政府信息公开申请情况" in document  # typed and automatic: must not double
    assert "<w:gridSpan" in document and "<w:vMerge" in document
    assert "三、三、" not in raw("standard-2021", "docx").text


def test_html_fixture_encodings() -> None:
    assert raw("standard-2021", "html").source.encoding == "gb18030"
    assert raw("narrative-2017", "html").source.encoding == "utf-8"
    page = (GENERATED / "standard-2021.html").read_bytes()
    assert b"charset=gbk" in page and "分享到".encode("gbk") in page and b"rowspan=" in page


# --------------------------------------------------------------------------- same text, sections, facts


@pytest.mark.parametrize("fmt", NO_PDF)
@pytest.mark.parametrize("name", NAMES)
def test_docx_and_html_text_equals_the_text_twin(name: str, fmt: str) -> None:
    assert raw(name, fmt).text == twin_text(name).rstrip("\n")


def _sections(r: Report) -> list[tuple[str, str, int, str]]:
    return [(s.id, s.number, s.level, s.title) for s in r.all_sections()]


def _facts(r: Report) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in r.facts]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_same_sections_facts_and_metrics_as_the_text_twin(name: str, fmt: str) -> None:
    base, other = report(name, "txt"), report(name, fmt)
    assert base.sections, "the text twin has sections"
    assert _sections(other) == _sections(base)
    assert _facts(other) == _facts(base)
    assert (other.title, other.issuer, other.year, other.layout) == (
        base.title,
        base.issuer,
        base.year,
        base.layout,
    )
    assert {m.name: m.value for m in other.metrics} == {m.name: m.value for m in base.metrics}
    assert [(c.rule, c.status) for c in other.checks] == [(c.rule, c.status) for c in base.checks]
    assert other.source.format == fmt


@pytest.mark.parametrize("fmt", NO_PDF)
@pytest.mark.parametrize("name", NAMES)
def test_facts_point_at_the_same_places(name: str, fmt: str) -> None:
    base, other = report(name, "txt"), report(name, fmt)
    assert [(f.start, f.end, f.section) for f in other.facts] == [
        (f.start, f.end, f.section) for f in base.facts
    ]
    assert all(f.page is None for f in other.facts)


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("fmt", NO_PDF)
@pytest.mark.parametrize("name", NAMES)
def test_raw_tables_are_the_source_grids(name: str, fmt: str) -> None:
    document = raw(name, fmt)
    got = [[[c.text if c is not None else None for c in row] for row in t.rows] for t in document.tables]
    assert got == grids(name)
    for t in document.tables:
        for row in t.rows:
            for cell in row:
                if cell is not None:
                    assert document.text[cell.start : cell.end] == cell.text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_report_tables_have_the_source_cells(name: str, fmt: str) -> None:
    expected = grids(name)
    tables = report(name, fmt).tables
    assert [[list(row) for row in t.rows] for t in tables[: len(expected)]] == expected


# --------------------------------------------------------------------------- page furniture


@pytest.mark.skipif(not HAVE_PDF, reason="no PDF reader yet")
@pytest.mark.parametrize("name", NAMES)
def test_pdf_page_furniture_is_gone_and_every_fact_has_a_page(name: str) -> None:
    r = report(name, "pdf")
    assert r.source.pages and r.source.pages >= 2
    assert all(f.page is not None and 1 <= f.page <= r.source.pages for f in r.facts)
    assert not re.search(r"^- \d+ -$", r.text, re.M)
    assert r.text.count(r.title or "?") == twin_text(name).count(r.title or "!")


def test_pdf_fixture_draws_fake_bold_headings() -> None:
    """The fixture really has the artifact: heading glyphs drawn twice, a fraction of a point apart
    (pdfminer keeps both copies; PDFium merges them)."""
    import pdfplumber

    with pdfplumber.open(GENERATED / "standard-2021.pdf") as pdf:
        chars = [(c["text"], c["x0"], c["top"]) for c in pdf.pages[0].chars]
    doubled = {
        a
        for i, (a, xa, ya) in enumerate(chars)
        for b, xb, yb in chars[i + 1 : i + 12]
        if a == b and 0 < abs(xa - xb) < 0.5 and abs(ya - yb) < 0.01
    }
    assert set("一、总体情况") <= doubled
    assert not set("本报告根据") & doubled
