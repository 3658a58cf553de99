"""Review pages and the dataset index, checked as HTML structure (no browser).

The browser-level checks (clicks, scrolling, screenshots) are in test_view_browser.py.
"""

from __future__ import annotations

import copy
import stat
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport_parse as gp
from govreport_parse.cli import main as cli_main
from govreport_parse.view import page_name, render_index, render_page, write_index, write_page
from govreport_parse.view.page import target_id

from .conftest import CORPUS, SEED, need_shared

# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def seed_record() -> dict[str, Any]:
    return gp.parse(SEED).to_dict()


_SOURCE = {"name": "x.txt", "sha256": "", "format": "txt"}


def _record(text: str, **fields: Any) -> dict[str, Any]:
    """A whole dataset record around ``text`` and ``fields`` (the view rebuilds a Report from it)."""
    return {"schema_version": gp.SCHEMA_VERSION, "source": dict(_SOURCE), "text": text, **fields}


def _art(kind: str, original: str, at: int, replacement: str = "") -> dict[str, Any]:
    """An artifact record: ``original`` cut where the clean text has offset ``at``."""
    return {"kind": kind, "original": original, "source_start": at, "source_end": at + len(original),
            "replacement": replacement, "at": at}  # fmt: skip


def _doc(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def _text_of(doc: Any) -> str:
    """The report text as the page shows it, without artifacts and page markers."""
    return _shown(doc.get_element_by_id("text"))


def _shown(element: Any) -> str:
    """The clean text inside ``element``: removed artifacts and page markers left out."""
    body = copy.deepcopy(element)
    for el in body.xpath('.//del[contains(@class, "artifact")] | .//span[contains(@class, "page-marker")]'):
        el.drop_tree()
    return str(body.text_content())


def _text_before(doc: Any, element_id: str) -> str:
    """The shown report text before the element ``element_id`` (artifacts and markers left out)."""
    body = copy.deepcopy(doc.get_element_by_id("text"))
    sentinel = "\u2063\u2063"  # invisible separators, absent from report text
    for el in body.xpath(".//*[@id=$i]", i=element_id):
        el.text = sentinel
        el.set("id", "sentinel")
        el.tag = "b"
    for el in body.xpath('.//del[contains(@class, "artifact")] | .//span[contains(@class, "page-marker")]'):
        el.drop_tree()
    return str(body.text_content()).split(sentinel)[0]


def _marks(doc: Any) -> list[Any]:
    return doc.xpath('//mark[contains(concat(" ", @class, " "), " fact ")]')


def _assert_links_resolve(doc: Any) -> None:
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "element ids must be unique"
    idset = set(ids)
    for href in doc.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in idset, f"link {href} points at nothing"


def _record_with_checks(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with a failing check between its first and last fact and two metrics."""
    rec = copy.deepcopy(record)
    first, last = rec["facts"][0], rec["facts"][-1]
    rec["checks"] = [
        {
            "rule": "prose_share",
            "status": "fail",
            "expected": 92.2,
            "actual": 90.0,
            "message": "118 of 128 is 92.2%, the text says otherwise",
            "refs": [
                {"start": first["start"], "end": first["end"]},
                {"start": last["start"], "end": last["end"]},
            ],
        },
        {"rule": "table_total", "status": "pass", "expected": 5, "actual": 5, "message": "", "refs": []},
    ]
    rec["metrics"] = {
        "requests_received": {
            "value": 142,
            "raw": "142",
            "unit": "件",
            "source": "text",
            "start": last["start"],
            "end": last["end"],
            "derived": False,
            "page": None,
            "label": "依申请公开",
        },
        "active_disclosed": {
            "value": 10,
            "unit": "条",
            "source": "text",
            "start": None,
            "end": None,
            "derived": True,
        },
    }
    return rec


# --------------------------------------------------------------------------- the seed's page


def test_seed_page_has_one_highlight_per_fact_in_order(seed_record: dict[str, Any]) -> None:
    doc = _doc(render_page(seed_record))
    marks = _marks(doc)
    facts = seed_record["facts"]
    assert facts, "the seed must yield facts"
    assert len(marks) == len(facts)
    by_id = {m.get("id"): m for m in marks}
    for i, fact in enumerate(facts):
        mark = by_id[f"f-{i}"]
        assert mark.get("data-kind") == fact["kind"]
        assert mark.get("tabindex") == "0"
        assert f"fact-{fact['kind']}" in mark.get("class").split()
        assert _shown(mark) == fact["text"]
        assert f"«{fact['text']}»" in mark.get("title")
        assert mark.get("title") == mark.get("data-tip")


def test_seed_page_shows_the_text_exactly(seed_record: dict[str, Any]) -> None:
    doc = _doc(render_page(seed_record))
    assert _text_of(doc) == seed_record["text"]


def test_seed_page_shows_the_five_image_markers_in_place(seed_record: dict[str, Any]) -> None:
    doc = _doc(render_page(seed_record))
    dels = doc.xpath('//div[@id="text"]//del[contains(@class, "artifact")]')
    images = [a for a in seed_record["artifacts"] if a["kind"] == "image_marker"]
    assert len(images) == 5
    assert len(dels) == len(seed_record["artifacts"])
    shown = [d.text_content() for d in dels if d.get("data-kind") == "image_marker"]
    assert shown == [a["original"] for a in images]
    assert all(s.startswith("[image: image") for s in shown)
    # each artifact stands where it was cut: the shown text before it is text[:at]
    for art in seed_record["artifacts"]:
        assert (
            _text_before(doc, f"a-{seed_record['artifacts'].index(art)}") == seed_record["text"][: art["at"]]
        )
    assert doc.get_element_by_id("show-artifacts").get("type") == "checkbox"


def test_seed_page_outline_links_every_section(seed_record: dict[str, Any]) -> None:
    doc = _doc(render_page(seed_record))
    report = gp.parse(SEED)
    hrefs = doc.xpath('//nav[contains(@class, "outline")]//a/@href')
    assert hrefs == [f"#sec-{s.id}" for s in report.all_sections() if s.kind == "heading"]
    # items (一是…) are not in the outline but keep their anchors in the text
    for s in report.all_sections():
        assert doc.get_element_by_id(f"sec-{s.id}") is not None
    _assert_links_resolve(doc)


def test_seed_page_header_and_self_containment(seed_record: dict[str, Any]) -> None:
    page = render_page(seed_record)
    doc = _doc(page)
    header = doc.xpath("//header")[0].text_content()
    for value in (
        seed_record["title"],
        seed_record["issuer"],
        str(seed_record["year"]),
        seed_record["layout"],
    ):
        assert value in header
    # no network: no external scripts, styles, images or fonts
    assert not doc.xpath("//script[@src] | //link | //img | //iframe")
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") or "zhangdian" in page
    assert "@import" not in page and "url(" not in page
    assert '"Noto Sans CJK SC"' in page
    assert doc.xpath('//a[@class="skip"]/@href') == ["#text"]


def test_page_accepts_a_report_or_its_record(seed_record: dict[str, Any]) -> None:
    assert render_page(gp.parse(SEED)) == render_page(seed_record)


# --------------------------------------------------------------------------- checks and metrics


def test_failing_check_links_to_both_sides(seed_record: dict[str, Any]) -> None:
    rec = _record_with_checks(seed_record)
    doc = _doc(render_page(rec))
    _assert_links_resolve(doc)
    failing = doc.get_element_by_id("failing-checks")
    items = failing.xpath(".//li")
    assert len(items) == 1 and "prose_share" in items[0].text_content()
    links = items[0].xpath('.//a[contains(@class, "check-ref")]/@href')
    refs = rec["checks"][0]["refs"]
    assert links == [f"#{target_id(r['start'], r['end'])}" for r in refs]
    for ref in refs:
        target = doc.get_element_by_id(target_id(ref["start"], ref["end"]))
        assert _shown(target) == rec["text"][ref["start"] : ref["end"]]
        # the target wraps the fact's highlight
        assert target.xpath(".//mark[contains(@class, 'fact')]")
    # the passing check is not at the top
    assert "table_total" not in failing.text_content()
    assert len(_marks(doc)) == len(rec["facts"])
    assert _text_of(doc) == rec["text"]


def test_many_failing_checks_are_all_listed(seed_record: dict[str, Any]) -> None:
    rec = copy.deepcopy(seed_record)
    facts = rec["facts"]
    rec["checks"] = [
        {"rule": f"rule_{i}", "status": "fail", "refs": [{"start": f["start"], "end": f["end"]}]}
        for i, f in enumerate(facts[:20])
    ]
    doc = _doc(render_page(rec))
    box = doc.get_element_by_id("failing-checks")
    assert len(box.xpath('.//li[contains(@class, "check-fail")]')) == len(rec["checks"]) == 20
    assert "20 failing checks" in box.xpath(".//h2")[0].text_content()
    assert box.xpath(".//details/summary")[0].text_content() == "12 more failing checks"
    _assert_links_resolve(doc)


def test_no_failing_checks_says_so(seed_record: dict[str, Any]) -> None:
    rec = copy.deepcopy(seed_record)
    rec["checks"] = [{"rule": "r", "status": "pass", "message": "", "refs": []}]
    doc = _doc(render_page(rec))
    assert not doc.xpath('//*[@id="failing-checks"]')
    assert "No failing checks" in doc.xpath('//section[contains(@class, "checks")]')[0].text_content()


def test_metric_values_link_to_where_they_were_read(seed_record: dict[str, Any]) -> None:
    rec = _record_with_checks(seed_record)
    doc = _doc(render_page(rec))
    link = doc.xpath('//a[@data-metric="requests_received"]')[0]
    m = rec["metrics"]["requests_received"]
    assert link.get("href") == f"#{target_id(m['start'], m['end'])}"
    assert link.text_content() == "142"
    target = doc.get_element_by_id(link.get("href")[1:])
    assert _shown(target) == rec["text"][m["start"] : m["end"]]
    # a derived metric without a place has no link, but is listed
    assert not doc.xpath('//a[@data-metric="active_disclosed"]')
    row = doc.get_element_by_id("metric-active_disclosed")
    assert "derived" in row.text_content() and "10" in row.text_content()
    # headline metrics come first
    names = [r.get("id") for r in doc.xpath('//table[contains(@class, "metrics")]//tbody/tr')]
    assert names == ["metric-requests_received", "metric-active_disclosed"]


def test_table_cells_link_to_where_they_stand() -> None:
    text = "收到申请。\n项目 数量\n新收 95\n结转 0\n"
    at = text.index("95")
    table = {
        "rows": [["项目", "数量"], ["新收", "95"], ["结转", None]],
        "spans": [[None, None], [None, {"start": at, "end": at + 2}], [None, None]],
        "page": 3,
        "caption": None,
        "start": 6,
        "end": len(text),
    }
    doc = _doc(render_page(_record(text, tables=[table])))
    cells = doc.xpath('//details[@id="table-0"]//td')
    assert [c.text_content() for c in cells] == ["项目", "数量", "新收", "95", "结转", ""]
    links = doc.xpath('//details[@id="table-0"]//a/@href')
    assert links == [f"#{target_id(at, at + 2)}"]
    assert doc.get_element_by_id(target_id(at, at + 2)).text_content() == "95"
    assert "page 3" in doc.xpath('//details[@id="table-0"]/summary')[0].text_content()
    _assert_links_resolve(doc)
    assert _text_of(doc) == text


def test_empty_metrics_and_checks_render() -> None:
    page = render_page(_record("无"))
    doc = _doc(page)
    assert "No metrics in this record" in page
    assert not _marks(doc)
    assert _text_of(doc) == "无"


CORPUS_FILES = [
    "pdf/huaian-hongze-2023.pdf",
    "pdf/huaian-hongze-2024.pdf",
    "pdf/huaian-city-2024.pdf",
    "text/shuyang-county-2025.ocr.md",
    "text/pingtan-2019.web.txt",
    "text/pingtan-2012.web.txt",
    "text/huadian-xinhua-street-2012.web.txt",
]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_real_reports_render_every_fact_artifact_and_link(name: str) -> None:
    path = need_shared(CORPUS / name)
    record = gp.parse(path).to_dict()
    doc = _doc(render_page(record))
    assert len(_marks(doc)) == len(record["facts"])
    assert len(doc.xpath('//del[contains(@class, "artifact")]')) == len(record["artifacts"])
    assert _text_of(doc) == record["text"]
    _assert_links_resolve(doc)
    # no fact had to be clipped: the record's facts do not overlap
    assert not doc.xpath("//mark[@data-clipped]"), "facts in a record must not overlap (SPEC §3)"
    for name_, metric in record["metrics"].items():
        if metric.get("start") is not None:
            assert doc.xpath("//a[@data-metric=$n]/@href", n=name_) == [
                f"#{target_id(metric['start'], metric['end'])}"
            ]
    if record["source"]["format"] == "pdf":
        for i, fact in enumerate(record["facts"]):
            assert f"page {fact['page']}" in doc.get_element_by_id(f"f-{i}").get("title")


# --------------------------------------------------------------------------- robustness


def _fact(start: int, end: int, text: str, kind: str = "quantity") -> dict[str, Any]:
    return {"kind": kind, "text": text[start:end], "start": start, "end": end, "value": 1, "page": 2}


OVERLAPS = [
    # (name, spans, expected nesting: list of (outer index, inner index))
    ("disjoint", [(0, 2), (3, 5)], []),
    ("nested", [(0, 6), (2, 4)], [(0, 1)]),
    ("same span", [(1, 4), (1, 4)], [(0, 1)]),
    ("crossing", [(0, 4), (2, 6)], [(0, 1)]),
    ("touching", [(0, 3), (3, 6)], []),
    ("empty", [(2, 2), (0, 5)], [(1, 0)]),
    ("out of range", [(-3, 2), (5, 99)], []),
    ("reversed", [(4, 1)], []),
]


@pytest.mark.parametrize(("name", "spans", "nesting"), OVERLAPS, ids=[c[0] for c in OVERLAPS])
def test_overlapping_facts_still_give_one_highlight_each(
    name: str, spans: list[tuple[int, int]], nesting: list[tuple[int, int]]
) -> None:
    text = "共收到申请142件办结"
    facts = [_fact(s, e, text) for s, e in spans]
    doc = _doc(render_page(_record(text, facts=facts)))
    marks = _marks(doc)
    assert len(marks) == len(facts)
    assert _text_of(doc) == text
    for outer, inner in nesting:
        assert doc.get_element_by_id(f"f-{inner}").xpath(f'ancestor::mark[@id="f-{outer}"]')
    if name == "crossing":
        assert doc.get_element_by_id("f-1").get("data-clipped") == "1"
        assert doc.get_element_by_id("f-0").get("data-clipped") is None


def test_untrusted_text_is_escaped() -> None:
    text = '<script>alert(1)</script>" onmouseover="x" <b>申请&amp;142件'
    start = text.index("142")
    facts = [
        {"kind": "quantity", "text": "142件", "start": start, "end": start + 4, "value": 142,
         "unit": '"><img src=x>', "label": "<i>l</i>"}
    ]  # fmt: skip
    arts = [_art("<x>", "<script>bad()</script>", 0)]
    rec = _record(
        text,
        facts=facts,
        artifacts=arts,
        title="<title>t</title>",
        sections=[
            {"id": '1"><script>', "number": "一", "ordinal": 1, "level": 1, "title": "<s>", "start": 0,
             "end": 5, "children": []}
        ],
        checks=[{"rule": "<r>", "status": "fail", "message": "<m>", "refs": [{"start": 0, "end": 3}]}],
        metrics={'<n">': {"value": 1, "raw": "<v>", "start": 0, "end": 3, "source": "text"}},
        diagnostics=[{"code": "<c>", "severity": "warning", "message": "<d>"}],
    )  # fmt: skip
    doc = _doc(render_page(rec))
    assert len(doc.xpath("//script")) == 1  # the page's own
    assert not doc.xpath("//img | //b | //i | //s | //x")
    assert _text_of(doc) == text
    mark = _marks(doc)[0]
    assert mark.get("data-kind") == "quantity"
    assert 'unit: "><img src=x>' in mark.get("title")
    assert "label: <i>l</i>" in mark.get("title")
    assert doc.xpath("//del")[0].text_content() == "<script>bad()</script>"
    _assert_links_resolve(doc)


def test_whitespace_artifacts_show_as_symbols_and_keep_the_original() -> None:
    text = "依申请公开142件"
    arts = [
        _art("line_wrap", "\n", 3),
        _art("cjk_space", " \u3000", 5),
        _art("page_number", "-1-\n", 6),
    ]
    doc = _doc(render_page(_record(text, artifacts=arts)))
    dels = doc.xpath('//del[contains(@class, "artifact")]')
    assert [d.text_content() for d in dels] == ["↵", "␣␣", "-1-\n"]
    assert [d.get("data-original") for d in dels] == [a["original"] for a in arts]
    assert ["ws" in d.get("class").split() for d in dels] == [True, True, False]
    toggles = doc.xpath('//input[contains(@class, "artifact-kind")]/@data-kind')
    assert toggles == ["cjk_space", "line_wrap", "page_number"]
    assert _text_of(doc) == text


def test_control_characters_become_visible_stand_ins() -> None:
    text = "第1页\x0c第2页\x00\r完\ud800"
    doc = _doc(render_page(_record(text, facts=[_fact(0, 3, text)])))
    shown = _text_of(doc)
    assert shown == "第1页␌第2页␀␍完\ufffd"
    assert len(shown) == len(text)


def test_page_markers_for_pdf_facts() -> None:
    text = "第一页有5件。第二页有6件，还有7件。"
    facts = [
        {**_fact(4, 6, text), "page": 1},
        {**_fact(11, 13, text), "page": 2},
        {**_fact(16, 18, text), "page": 2},
    ]
    source = {**_SOURCE, "name": "x.pdf", "format": "pdf", "pages": 2}
    doc = _doc(render_page(_record(text, facts=facts, source=source)))
    markers = doc.xpath('//span[contains(@class, "page-marker")]')
    assert [m.text_content() for m in markers] == ["p.1", "p.2"]
    assert "page 2" in doc.get_element_by_id("f-2").get("title")
    assert _text_of(doc) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.sampled_from(list("申请142件%。\n <&\"'")), max_size=40),
    spans=st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45)), max_size=8),
    ats=st.lists(st.integers(-2, 45), max_size=4),
    refs=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3),
)
def test_any_record_renders_one_mark_per_fact_and_keeps_the_text(
    text: str, spans: list[tuple[int, int]], ats: list[int], refs: list[tuple[int, int]]
) -> None:
    facts = [
        {"kind": "quantity", "text": text[s:e] if 0 <= s <= e else "", "start": s, "end": e, "value": 1}
        for s, e in spans
    ]
    arts = [_art("k", "[x]", a) for a in ats]
    checks = [{"rule": "r", "status": "fail", "refs": [{"start": s, "end": e} for s, e in refs]}]
    metrics = {f"m{i}": {"value": 1, "start": s, "end": e} for i, (s, e) in enumerate(refs)}
    doc = _doc(
        render_page(_record(text, facts=facts, artifacts=arts, checks=checks, metrics=metrics))
    )
    assert len(_marks(doc)) == len(facts)
    assert len(doc.xpath('//del[contains(@class, "artifact")]')) == len(arts)
    assert _text_of(doc) == text
    _assert_links_resolve(doc)


# --------------------------------------------------------------------------- files, names, CLI


def test_page_name_is_shared_by_reports_and_records(seed_record: dict[str, Any]) -> None:
    report = gp.parse(SEED)
    assert page_name(report) == page_name(seed_record) == seed_record["source"]["sha256"][:12] + ".html"
    assert page_name(_record("", source={**_SOURCE, "name": "a/b/报告 <1>.pdf"})) == "报告-1-.pdf.html"
    assert page_name(_record("", source={**_SOURCE, "name": ""})) == "report.html"


def test_write_page_and_index(tmp_path: Path, seed_record: dict[str, Any]) -> None:
    rec = _record_with_checks(seed_record)
    page = write_page(rec, tmp_path / "sub" / page_name(rec))
    assert page.read_text(encoding="utf-8") == render_page(rec)
    assert stat.S_IMODE(page.stat().st_mode) == 0o644
    index = write_index(tmp_path / "sub", [rec], [])
    assert index == tmp_path / "sub" / "index.html"
    doc = _doc(index.read_text(encoding="utf-8"))
    for href in doc.xpath("//a/@href"):
        if not href.startswith("#"):
            assert (index.parent / href).exists()
    assert not list(tmp_path.glob("sub/.*.tmp"))


def test_cli_view_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    assert cli_main(["view", str(SEED), "-o", str(out)]) == 0
    doc = _doc(out.read_text(encoding="utf-8"))
    assert len(_marks(doc)) == len(gp.parse(SEED).facts)
    assert "wrote" in capsys.readouterr().out


# --------------------------------------------------------------------------- the index


def _rec(name: str, year: int | None, layout: str, received: float | None, sha: str) -> dict[str, Any]:
    metrics = {} if received is None else {"requests_received": {"value": received, "unit": "件"}}
    return {
        "schema_version": gp.SCHEMA_VERSION,
        "text": "",
        "source": {"name": name, "sha256": sha, "format": "pdf"},
        "title": f"{name}{year}年政府信息公开工作年度报告",
        "issuer": f"{name}人民政府",
        "year": year,
        "layout": layout,
        "facts": [],
        "metrics": metrics,
        "checks": [{"rule": "r", "status": "fail", "refs": []}] if received == 95 else [],
    }


INDEX_RECORDS = [
    _rec("洪泽区", 2023, "standard_2021", 40, "a" * 64),
    _rec("洪泽区", 2024, "standard_2021", 95, "b" * 64),
    _rec("张店区", 2018, "narrative", 142, "c" * 64),
    _rec("平潭", 2012, "narrative", None, ""),
]


def test_index_lists_documents_by_layout_and_year_and_links_pages() -> None:
    failures = [
        {"path": "bad.pdf", "sha256": "d" * 64, "error_type": "EncryptedFileError", "message": "<needs pw>"}
    ]
    doc = _doc(render_index(INDEX_RECORDS, failures))
    links = doc.xpath('//table[contains(@class, "docs")]//a/@href')
    assert sorted(links) == sorted(page_name(r) for r in INDEX_RECORDS)
    rows = doc.xpath('//table[contains(@class, "docs")]/tbody/tr')
    order = [(r.xpath("td")[0].text_content(), r.xpath("td")[1].text_content()) for r in rows]
    assert order == [
        ("standard_2021", "2023"),
        ("standard_2021", "2024"),
        ("narrative", "2012"),
        ("narrative", "2018"),
    ]
    pivot = doc.xpath('//table[contains(@class, "pivot")]')[0].text_content()
    assert "standard_2021" in pivot and "narrative" in pivot
    fail_text = doc.xpath('//table[contains(@class, "failures")]')[0].text_content()
    assert "EncryptedFileError" in fail_text and "<needs pw>" in fail_text
    _assert_links_resolve(doc)


def test_index_charts_headline_metrics_as_svg_bars() -> None:
    doc = _doc(render_index(INDEX_RECORDS, []))
    chart = doc.get_element_by_id("chart-requests_received")
    bars = chart.xpath('.//*[local-name()="rect" and @class="bar"]')
    assert len(bars) == 3  # the record without the metric has no bar
    heights = [float(b.get("height")) for b in bars]
    # ordered by year: 2018 (142), 2023 (40), 2024 (95); heights follow the values
    assert heights[0] > heights[2] > heights[1] > 0
    hrefs = chart.xpath('.//*[local-name()="a"]/@href')
    assert hrefs == [page_name(INDEX_RECORDS[i]) for i in (2, 0, 1)]
    labels = [t.text_content() for t in chart.xpath('.//*[local-name()="text"]')]
    assert "件" in labels and "0" in labels  # axis label and the zero tick
    assert not doc.xpath('//*[@id="chart-active_disclosed"]')


ODD_RECORDS = [
    # (a change to a whole record, the field the typed error names)
    ({"metrics": None}, "metrics"),
    ({"checks": None}, "checks"),
    ({"source": None}, "source"),
    ({"metrics": {"requests_received": None}}, "metrics.requests_received"),
    ({"year": "2019"}, "year"),
    ({"layout": None}, "layout"),
    ({"metrics": {"requests_received": {"value": True}}}, "metrics.requests_received.value"),
    ({"facts": None}, "facts"),
]


@pytest.mark.parametrize(("change", "field"), ODD_RECORDS, ids=[c[1] for c in ODD_RECORDS])
def test_index_refuses_odd_records_naming_the_field(change: dict[str, Any], field: str) -> None:
    odd = {**_rec("洪泽区", 2023, "standard_2021", 40, "a" * 64), **change}
    with pytest.raises(gp.RecordError) as info:
        render_index([odd], [])
    assert info.value.field == field
    with pytest.raises(gp.RecordError) as info:
        render_index([], [{"message": None}])
    assert info.value.field == "path"


def test_index_draws_odd_values() -> None:
    odd = [
        {**_rec("洪泽区", 2023, "standard_2021", None, "xyz"), "year": None, "layout": "unknown"},
        {**_rec("张店区", 2018, "narrative", None, "c" * 64),
         "metrics": {"requests_received": {"value": float("nan")}}},
    ]  # fmt: skip
    doc = _doc(render_index(odd, []))
    assert len(doc.xpath('//table[contains(@class, "docs")]/tbody/tr')) == 2
    bars = doc.xpath('//*[local-name()="rect" and @class="bar"]')
    assert [float(b.get("height")) for b in bars] == [0.0]  # NaN is drawn flat


def test_index_without_metrics_or_records() -> None:
    page = render_index([], [])
    assert "No report in this dataset has a headline metric yet" in page
    assert "Every input parsed" in page
    assert not _doc(page).xpath('//*[local-name()="svg"]')
