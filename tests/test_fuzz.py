"""Fuzz and property tests over every reader and every stage.

Whatever the input (arbitrary text, realistic report-like text, mutated bytes of the real
fixtures in every format), only ``GovReportError`` subclasses may escape, and every parsed
report satisfies the record invariants: fact spans slice to their text, source offsets lie
inside the source, sections nest inside the text, metric/check/table spans lie inside the
text, the artifacts replay the source into the clean text, and the record is strict JSON.

The number of examples per test comes from ``GOVREPORT_FUZZ_EXAMPLES`` (default 30, so
``make test`` stays fast); ``make fuzz`` runs 20,000. With ``CI`` set the runs are
derandomized, so CI is reproducible.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport_parse as gp
from govreport_parse import load
from govreport_parse.clean import replay
from govreport_parse.config import resolve_config
from govreport_parse.model import RawDocument, Report, Section
from govreport_parse.pipeline import parse_raw

from .conftest import FIXTURES, SEED

EXAMPLES = int(os.environ.get("GOVREPORT_FUZZ_EXAMPLES", "30"))
CI = bool(os.environ.get("CI"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=CI,
    database=None if CI else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
# binary containers parse slower than text: fewer examples in the quick run, all in `make fuzz`
FUZZ_SLOW = settings(FUZZ, max_examples=max(EXAMPLES // 2, 10) if EXAMPLES <= 100 else EXAMPLES)

CONFIG = resolve_config({"limits": {"max_seconds": 60}})
GENERATED = FIXTURES / "generated"


# --- the invariants ------------------------------------------------------------------------


def _flat(sections: tuple[Section, ...]) -> list[Section]:
    return [s for top in sections for s in top.walk()]


def _check_sections(text: str, sections: tuple[Section, ...]) -> None:
    def visit(nodes: tuple[Section, ...], lo: int, hi: int) -> None:
        prev_end = lo
        for s in nodes:
            assert lo <= s.start < s.end <= hi, (s.id, s.start, s.end, lo, hi)
            assert s.start >= prev_end, f"section {s.id} overlaps its previous sibling"
            assert s.start <= s.title_start <= s.title_end <= s.end, s.id
            assert text[s.title_start : s.title_end] == s.title, s.id
            prev_end = s.end
            visit(s.children, s.start, s.end)

    visit(sections, 0, len(text))
    ids = [s.id for s in _flat(sections)]
    assert len(set(ids)) == len(ids), "section ids are not unique"


def _no_constant(name: str) -> Any:
    raise AssertionError(f"the record holds {name}, which is not JSON")


def check_report(report: Report, raw: RawDocument) -> None:
    """Every record invariant of one parsed report against the document it came from."""
    text = report.text
    n = len(text)
    source_len = len(raw.text)
    pages = len(raw.page_starts)
    for f in report.facts:
        assert 0 <= f.start <= f.end <= n, f
        assert text[f.start : f.end] == f.text, f
        assert 0 <= f.source_start <= f.source_end <= source_len, f
        if f.page is not None:
            assert 1 <= f.page <= max(pages, 1), f
    _check_sections(text, report.sections)
    section_ids = {s.id for s in _flat(report.sections)}
    for f in report.facts:
        assert f.section is None or f.section in section_ids, f
    for m in report.metrics:
        if m.start is not None or m.end is not None:
            assert m.start is not None and m.end is not None, m
            assert 0 <= m.start <= m.end <= n, m
    for c in report.checks:
        for ref in c.refs:
            assert 0 <= ref.start <= ref.end <= n, c
    for t in report.tables:
        if t.start is not None and t.end is not None:
            assert 0 <= t.start <= t.end <= n, (t.start, t.end, n)
        for row in t.spans:
            for span in row:
                if span is not None:
                    assert 0 <= span.start <= span.end <= n, span
    for a in report.artifacts:
        assert 0 <= a.source_start <= a.source_end <= source_len, a
    for d in report.diagnostics:
        if d.start is not None and d.end is not None:
            assert 0 <= d.start <= d.end, d
    assert replay(raw.text, report.artifacts) == text, "the artifacts do not replay the source"
    record = report.to_json()
    back = json.loads(record, parse_constant=_no_constant)
    assert back == json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert json.dumps(back, ensure_ascii=False) == record


def parse_bytes(data: bytes, name: str) -> None:
    """Load and parse ``data`` as the file ``name``; check the record if it parses."""
    try:
        raw = load.from_bytes(data, name, CONFIG)
        report = parse_raw(raw, CONFIG)
    except gp.GovReportError as exc:
        assert str(exc), "an error without a message"
        if exc.path is not None:
            assert name in str(exc), f"the message does not name the file: {exc}"
        return
    check_report(report, raw)


def parse_str(text: str) -> None:
    """Parse ``text`` as already-extracted text; check the record if it parses."""
    try:
        raw = load.from_text(text, "fuzz.txt", CONFIG)
        report = parse_raw(raw, CONFIG)
    except gp.GovReportError:
        return
    check_report(report, raw)
    # the public entry point agrees with the stage-by-stage one
    assert gp.parse_text(text, name="fuzz.txt", config=CONFIG).to_dict() == report.to_dict()


# --- text strategies ---------------------------------------------------------------------

REPORT_WORDS = [
    "政府信息公开",
    "年度报告",
    "人民政府",
    "办公室",
    "依申请公开",
    "主动公开",
    "行政复议",
    "行政诉讼",
    "受理",
    "办理",
    "答复",
    "同意公开",
    "件",
    "条",
    "次",
    "人次",
    "万元",
    "个",
    "年",
    "月",
    "日",
    "第",
    "页",
    "共",
    "同比增长",
    "下降",
    "占",
    "百分之",
    "一是",
    "二是",
    "三是",
    "其中",
    "政办发",
    "国发",
    "号",
    "电话",
    "邮编",
    "网址",
    "http://www.gov.cn",
    "0533-1234567",
    "[image: a.png]",
    "- 1 -",
    "第 2 页 共 5 页",
    "\n一、",
    "\n（一）",
    "\n1.",
    "\n（1）",
    "\n①",
    "\n二、",
    "\n三、",
]
REPORT_CHARS = (
    "政府信息公开工作年度报告区县市局委办申请受理答复件条次万元"
    "0123456789０１２３４５６７８９.．,，、。；：:"
    "〔〕《》()（）[]【】%％一二三四五六七八九十百千万亿零两"
    " \u3000\n\t-—－~～"
)

report_piece = st.one_of(
    st.sampled_from(REPORT_WORDS),
    st.text(alphabet=REPORT_CHARS, min_size=1, max_size=12),
    st.integers(0, 10**9).map(str),
    st.integers(1990, 2030).map(lambda y: f"{y}年"),
    st.tuples(
        st.sampled_from(["政办发", "国办发", "鲁政发", "某"]), st.integers(1990, 2030), st.integers(0, 999)
    ).map(lambda t: f"{t[0]}〔{t[1]}〕{t[2]}号"),
    st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.2f}%"),
)
report_text = st.lists(report_piece, min_size=1, max_size=120).map("".join)
HEADER = "某区人民政府2018年政府信息公开工作年度报告\n"


# --- the tests -----------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    parse_str(text)


@FUZZ
@given(report_text)
def test_report_like_text(text: str) -> None:
    parse_str(HEADER + text)


@FUZZ
@given(report_text)
def test_report_like_text_without_header(text: str) -> None:
    parse_str(text)


@FUZZ
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".pdf", ".docx", ".doc", ".bin"]))
def test_arbitrary_bytes_every_suffix(data: bytes, suffix: str) -> None:
    parse_bytes(data, "fuzz" + suffix)


@FUZZ
@given(
    st.one_of(st.binary(max_size=400), report_text.map(lambda t: (HEADER + t).encode())),
    st.sampled_from([".txt", ".html", ".pdf", ".docx"]),
)
def test_bytes_through_parse_of_a_file(data: bytes, suffix: str) -> None:
    """The public ``gp.parse(path)`` on a real file: only ``GovReportError`` escapes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            report = gp.parse(path, config=CONFIG)
        except gp.GovReportError as exc:
            assert str(path) in str(exc), f"the message does not name the file: {exc}"
            return
    check_report(report, load.from_bytes(data, str(path), CONFIG))


@FUZZ
@given(report_text, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5"]))
def test_report_like_text_in_every_encoding(text: str, encoding: str) -> None:
    parse_bytes((HEADER + text).encode(encoding, "replace"), "encoded.txt")


@FUZZ
@given(report_text)
def test_report_like_text_as_html(text: str) -> None:
    body = "".join(f"<p>{line}</p>" for line in (HEADER + text).split("\n"))
    parse_bytes(f"<html><body>{body}</body></html>".encode(), "page.html")


@FUZZ
@given(st.text(alphabet=REPORT_CHARS + "<>/=\"' pdivtablrbody", max_size=400))
def test_tag_soup(text: str) -> None:
    parse_bytes(("<html><body>" + text).encode(), "soup.html")


def test_to_json_round_trip_on_the_seed() -> None:
    data = SEED.read_bytes()
    raw = load.from_bytes(data, SEED.name, CONFIG)
    report = parse_raw(raw, CONFIG)
    assert report.facts and report.sections
    check_report(report, raw)


# --- mutated bytes of the real fixtures ------------------------------------------------------


def _fixture_bytes() -> dict[str, bytes]:
    files = {SEED.name: SEED.read_bytes()}
    for path in sorted(GENERATED.glob("*")):
        if path.suffix in (".pdf", ".docx", ".html", ".txt"):
            files[path.name] = path.read_bytes()
    return files


FIXTURE_BYTES = _fixture_bytes()


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after a few flips, inserts, deletes, overwrites of a run, and maybe a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            break
        op = draw(st.sampled_from(["flip", "set", "insert", "delete", "run", "truncate"]))
        pos = draw(st.integers(0, len(out) - 1))
        if op == "flip":
            out[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "set":
            out[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            out[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del out[pos : pos + draw(st.integers(1, 64))]
        elif op == "run":
            out[pos : pos + draw(st.integers(1, 256))] = bytes([draw(st.integers(0, 255))]) * draw(
                st.integers(1, 256)
            )
        else:
            del out[pos:]
    return bytes(out)


def _mutation_test(name: str, settings_: settings) -> Callable[[], None]:
    data = FIXTURE_BYTES[name]

    @settings_
    @given(mutated(data))
    def run(mutant: bytes) -> None:
        parse_bytes(mutant, name)

    return run


@pytest.mark.parametrize(
    "name", [n for n in FIXTURE_BYTES if n.endswith(".txt") and n in (SEED.name, "standard-2021.txt")]
)
def test_mutated_text_fixture(name: str) -> None:
    _mutation_test(name, FUZZ)()


@pytest.mark.parametrize(
    "name", sorted(n for n in FIXTURE_BYTES if Path(n).suffix in (".pdf", ".docx", ".html"))
)
def test_mutated_container_fixture(name: str) -> None:
    _mutation_test(name, FUZZ_SLOW)()


def _docx_parts(name: str) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(FIXTURE_BYTES[name])) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _rezip(parts: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return buf.getvalue()


DOCX_PARTS = _docx_parts("standard-2021.docx")


@FUZZ_SLOW
@given(st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]), st.data())
def test_mutated_docx_part_inside_a_valid_zip(part: str, data: st.DataObject) -> None:
    """Byte mutations of one XML part, re-zipped, so the XML readers (not the ZIP CRC) see them."""
    if part not in DOCX_PARTS:
        part = "word/document.xml"
    parts = dict(DOCX_PARTS)
    parts[part] = data.draw(mutated(parts[part]))
    parse_bytes(_rezip(parts), "mutated-part.docx")


@FUZZ
@given(st.sampled_from(sorted(FIXTURE_BYTES)), st.sampled_from([".txt", ".html", ".pdf", ".docx"]))
def test_fixture_under_the_wrong_suffix(name: str, suffix: str) -> None:
    parse_bytes(FIXTURE_BYTES[name], Path(name).stem + suffix)


def test_fixtures_parse_and_hold_the_invariants() -> None:
    """The unmutated fixtures parse in every format (the mutation tests start from good input)."""
    for name, data in FIXTURE_BYTES.items():
        raw = load.from_bytes(data, name, CONFIG)
        report = parse_raw(raw, CONFIG)
        assert report.facts, name
        check_report(report, raw)


# --- regressions ---------------------------------------------------------------------------


def _docx(body: str) -> bytes:
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>'
        )
    return buf.getvalue()


def test_regression_docx_gridspan_100000_is_clamped() -> None:
    """A ``gridSpan`` of 100,000 in a 3 KB DOCX became a grid of five million empty slots
    (and a ``max_chars`` error); spans are clamped like HTML ``colspan`` now."""
    intro = "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in ("某区人民政府2018年政府信息公开工作年度报告", "一、总体情况", "全年受理申请12件。")
    )
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p><w:r><w:t>受理</w:t></w:r></w:p></w:tc>'
    row = (
        f'<w:tr><w:trPr><w:gridBefore w:val="99999"/></w:trPr>{cell}'
        "<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>"
    )
    data = _docx(intro + f"<w:tbl>{row * 50}</w:tbl>")
    raw = load.from_bytes(data, "wide.docx", CONFIG)
    assert len(raw.text) < 200_000
    width = max(len(r) for t in raw.tables for r in t.rows)
    assert width <= 2_100
    check_report(parse_raw(raw, CONFIG), raw)


def test_regression_docx_many_wide_cells_stay_within_the_grid_bound() -> None:
    """Thousands of cells of ``gridSpan`` 1000 placed each one at its explicit grid column
    past ``MAX_GRID_SLOTS``: a 10 KB DOCX took 1.3 GB and 27 s. Explicit columns are
    honoured only while the grid stays bounded now."""
    from govreport_parse.load.tables import MAX_COLSPAN, MAX_GRID_SLOTS

    intro = "<w:p><w:r><w:t>某区人民政府2018年政府信息公开工作年度报告。受理申请12件。</w:t></w:r></w:p>"
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>受</w:t></w:r></w:p></w:tc>'
    data = _docx(intro + f"<w:tbl><w:tr>{cell * 4000}</w:tr><w:tr>{cell}</w:tr></w:tbl>")
    raw = load.from_bytes(data, "many.docx", CONFIG)
    (table,) = raw.tables
    width = max(len(r) for r in table.rows)
    # past the bound each further cell takes one slot: at most the bound plus one per cell
    assert width <= MAX_GRID_SLOTS // len(table.rows) + MAX_COLSPAN + 4_001  # not 4,000,000
