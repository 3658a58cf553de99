"""The seed report: every fact the issue names, end to end and through extract_facts."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import govreport_parse as gp
from govreport_parse.extract import extract_facts
from govreport_parse.model import Citation, Contact, DateFact, DocNumber, Fact, Percentage, Quantity

from .conftest import SEED


@pytest.fixture(scope="module")
def report() -> gp.Report:
    return gp.parse(SEED)


@pytest.fixture(scope="module", params=["parse", "extract_facts"])
def facts(request: pytest.FixtureRequest, report: gp.Report) -> tuple[Fact, ...]:
    if request.param == "parse":
        return report.facts
    text = SEED.read_text(encoding="utf-8")
    return extract_facts(text, year=2018).facts


def _of(facts: tuple[Fact, ...], cls: type[Any]) -> list[Any]:
    return [f for f in facts if isinstance(f, cls)]


def test_four_document_numbers_normalized_and_linked(facts: tuple[Fact, ...]) -> None:
    docs = _of(facts, DocNumber)
    assert [d.normalized for d in docs] == [
        "张政办字〔2018〕62号",
        "张政办字〔2018〕75号",
        "张政字〔2018〕24号",
        "张政办发〔2018〕21号",
    ]
    assert docs[2].text in ("张政字〔2018〕24 号", "张政字〔2018〕24号")  # the cleaner may drop the space
    assert [(d.agency, d.year, d.serial, d.form, d.repaired) for d in docs][3] == (
        "张政办发",
        2018,
        21,
        "standard",
        False,
    )
    linked = {c.doc_number: c.title for c in _of(facts, Citation) if c.doc_number}
    assert set(linked) == {d.normalized for d in docs}
    title = "张店区人民政府办公室关于印发张店区当前政务公开工作主要任务分解表的通知"
    assert linked["张政办字〔2018〕62号"] == title
    assert linked["张政字〔2018〕24号"] == "张店区人民政府关于公布区级政务服务事项中介服务项目清单的通知"


def test_space_before_hao_is_kept_in_the_text_of_record() -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = [f for f in extract_facts(text, year=2018).facts if isinstance(f, DocNumber)][2]
    assert (doc.text, doc.normalized) == ("张政字〔2018〕24 号", "张政字〔2018〕24号")


def test_no_date_from_the_year_inside_a_document_number(facts: tuple[Fact, ...]) -> None:
    for d in _of(facts, DocNumber):
        assert not [x for x in _of(facts, DateFact) if d.start <= x.start < d.end]


def test_six_percentages_in_order(facts: tuple[Fact, ...]) -> None:
    pcts = [p for p in _of(facts, Percentage) if p.kind == "percentage"]
    assert [p.value for p in pcts] == [4, 100, 92.2, 7.8, 100, 99.4]
    assert pcts[0].qualifier == "at_least"


def test_dates(facts: tuple[Fact, ...]) -> None:
    dates = _of(facts, DateFact)
    by_iso = {d.iso: d for d in dates if d.iso}
    assert {"2018-01-01", "2018-12-31", "2018-03-08"} <= set(by_iso)
    assert by_iso["2018-03-08"].year_inferred is True
    assert by_iso["2018-01-01"].year_inferred is False
    start = next(d for d in dates if d.iso == "2018-01-01")
    assert start.role == "period_start"
    end = next(d for d in dates if d.text == "12月31日")
    assert (end.iso, end.role, end.year_inferred) == ("2018-12-31", "period_end", True)
    july = next(d for d in dates if d.text == "2018年7月底")
    got = (july.precision, july.part, july.year, july.month, july.iso)
    assert got == ("month_part", "月底", 2018, 7, None)
    dec = next(d for d in dates if d.text == "2017年12月")
    assert (dec.precision, dec.year, dec.month) == ("month", 2017, 12)


def test_quantities(facts: tuple[Fact, ...]) -> None:
    qs = {q.text: q for q in _of(facts, Quantity)}
    assert qs["1000万份"].value == 10_000_000
    assert (qs["1000万份"].unit, qs["1000万份"].qualifier) == ("份", "exact")
    assert (qs["三百多个"].value, qs["三百多个"].qualifier) == (300, "more_than")
    assert (qs["480余个"].value, qs["480余个"].qualifier) == (480, "approx")
    assert (qs["5000余条"].value, qs["5000余条"].qualifier) == (5000, "approx")
    assert qs["6020卷次"].unit == "卷次"
    assert qs["700余人次"].unit == "人次"
    assert "统一部" not in "".join(qs)  # 统一部署 is no quantity


def test_labels(facts: tuple[Fact, ...]) -> None:
    qs = _of(facts, Quantity)
    assert {q.label for q in qs if q.value == 735921} == {"访问量"}
    assert next(q for q in qs if q.text == "480余个").label == "群众来电"
    assert next(q for q in qs if q.text == "142件").label == "依申请公开"
    assert next(p for p in _of(facts, Percentage) if p.value == 99.4).label == "基本满意率"


def test_contacts(facts: tuple[Fact, ...]) -> None:
    contacts = {(c.type, c.value) for c in _of(facts, Contact)}
    assert contacts == {
        ("url", "www.zhangdian.gov.cn"),
        ("address", "张店区新村西路226号区政务中心"),
        ("postcode", "255020"),
        ("phone", "0533-2869836"),
    }
    phone = next(c for c in _of(facts, Contact) if c.type == "phone")
    assert not [q for q in _of(facts, Quantity) if phone.start <= q.start < phone.end]


def test_citation_alias(facts: tuple[Fact, ...]) -> None:
    law = _of(facts, Citation)[0]
    assert (law.title, law.alias, law.doc_number) == ("中华人民共和国政府信息公开条例", "条例", None)


def test_facts_sorted_disjoint_and_placed(report: gp.Report) -> None:
    facts = report.facts
    assert [f.start for f in facts] == sorted(f.start for f in facts)
    for a, b in itertools.pairwise(facts):
        assert a.end <= b.start
    raw = SEED.read_text(encoding="utf-8")
    for f in facts:
        assert report.text[f.start : f.end] == f.text
        assert as_cleaned(raw, f.source_start, f.source_end, report) == f.text


def as_cleaned(raw: str, start: int, end: int, report: gp.Report) -> str:
    """``raw[start:end]`` with the cleaner's changes inside that range applied."""
    out = []
    pos = start
    for a in sorted(report.artifacts, key=lambda a: a.source_start):
        if start <= a.source_start and a.source_end <= end and a.source_start >= pos:
            out.append(raw[pos : a.source_start])
            out.append(a.replacement)
            pos = a.source_end
    out.append(raw[pos:end])
    return "".join(out)


def test_labels_off_skips_jieba() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert all(getattr(f, "label", None) is None for f in extract_facts(text, year=2018, labels=False).facts)
    off = gp.parse(SEED, config={"extract_labels": False})
    assert all(getattr(f, "label", None) is None for f in off.facts)


def test_jieba_loads_only_for_labels() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from govreport_parse.extract import extract_facts\n"
        f"text = open({str(SEED)!r}, encoding='utf-8').read()\n"
        "extract_facts(text, year=2018, labels=False)\n"
        "before = 'jieba' in sys.modules\n"
        "facts = extract_facts(text, year=2018, labels=True).facts\n"
        "print(before, 'jieba' in sys.modules, any(getattr(f, 'label', None) for f in facts))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]
