"""Issuer identity: canonical name, level and GB/T 2260 region code, with lookalikes that must
stay unknown, and every report of ../shared checked end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport_parse as gp
from govreport_parse.issuer import REGION_TABLE, divisions, identify

from .conftest import CORPUS, SHARED, need_shared

PINGTAN = ("福建省福州市平潭县", "county", "350128")
HONGZE = ("江苏省淮安市洪泽区", "county", "320813")

# (printed name, expected (canonical, level, code) or None for unknown, rule)
CASES: list[tuple[str, tuple[str, str, str] | None, str]] = [
    # one body under its spellings and renamings
    ("平潭县人民政府", PINGTAN, "chain"),
    ("平潭综合实验区管委会", PINGTAN, "zone"),
    ("平潭综合实验区管理委员会", PINGTAN, "zone"),
    ("平潭综合实验区", PINGTAN, "zone"),
    ("洪泽区人民政府", HONGZE, "chain"),
    ("淮安市洪泽区人民政府", HONGZE, "chain"),
    ("江苏省淮安市洪泽区人民政府", HONGZE, "chain"),
    ("淮安市人民政府", ("江苏省淮安市", "city", "320800"), "chain"),
    ("福建省人民政府", ("福建省", "province", "350000"), "chain"),
    ("北京市人民政府", ("北京市", "province", "110000"), "chain"),
    ("北京市朝阳区人民政府", ("北京市朝阳区", "county", "110105"), "chain"),
    ("上海市浦东新区人民政府", ("上海市浦东新区", "county", "310115"), "chain"),
    # townships and departments carry their county's code
    ("桦甸市人民政府新华街道办事处", ("吉林省吉林市桦甸市新华街道", "township/street", "220282"), "chain"),
    ("平潭县流水镇人民政府", ("福建省福州市平潭县流水镇", "township/street", "350128"), "chain"),
    ("平潭县教育局", ("福建省福州市平潭县教育局", "department", "350128"), "chain"),
    ("平潭县人民政府教育局", ("福建省福州市平潭县教育局", "department", "350128"), "chain"),
    ("淮安市发展和改革委员会", ("江苏省淮安市发展和改革委员会", "department", "320800"), "chain"),
    ("淮安市人民政府办公室", ("江苏省淮安市人民政府办公室", "department", "320800"), "chain"),
    # an OCR misreading of one glyph, when exactly one table name results
    ("沐阳县人民政府", ("江苏省宿迁市沭阳县", "county", "321322"), "ocr_confusable"),
    ("沭阳县人民政府", ("江苏省宿迁市沭阳县", "county", "321322"), "chain"),
    # lookalikes: unknown stays unknown, never guessed
    ("新华区人民政府", None, "unknown"),  # four 新华区 in the table
    ("某县人民政府", None, "unknown"),
    ("平潭", None, "unknown"),  # a short name alone is no issuer
    ("平潭经济开发区管委会", None, "unknown"),  # a development zone governs no county
    ("淮安市经济技术开发区管委会", None, "unknown"),
    ("本机关", None, "unknown"),
    ("海淀区人民政府驻京办", None, "unknown"),
]


@pytest.mark.parametrize(("name", "want", "rule"), CASES, ids=[c[0] for c in CASES])
def test_identify_cases(name: str, want: tuple[str, str, str] | None, rule: str) -> None:
    got = identify(name)
    assert got.rule == rule
    assert (got.canonical, got.level, got.region_code) == (want or (None, None, None))


@pytest.mark.parametrize(
    ("text", "code", "rule"),
    [
        ("按照石家庄市政府的统一部署，我区……", "130105", "body"),
        ("沧州市新华区人民政府", "130902", "body"),
        ("河南省平顶山市新华区", "410402", "body"),
        ("石家庄市和平顶山市的同志来我区交流", None, "unknown"),  # two cities named: unknown
        ("我区认真贯彻落实条例", None, "unknown"),  # no city named
    ],
)
def test_the_text_chooses_between_divisions_of_one_name(text: str, code: str | None, rule: str) -> None:
    got = identify("新华区人民政府", text=text)
    assert (got.region_code, got.rule) == (code, rule)


def test_the_text_does_not_override_a_name_that_reads() -> None:
    got = identify("淮安市洪泽区人民政府", text="石家庄市新华区")
    assert (got.region_code, got.rule) == ("320813", "chain")


@pytest.mark.parametrize(
    ("issuer", "path", "want"),
    [
        ("谢塘镇人民政府", "reports/上虞区/a.pdf", "浙江省绍兴市上虞区谢塘镇"),
        ("谢塘镇人民政府", "浙江省/绍兴市/上虞区/谢塘镇/a.pdf", "浙江省绍兴市上虞区谢塘镇"),
        ("建新镇", "x/2019/a.pdf", None),  # no county anywhere: unknown, not the first 建新镇
        ("谢塘镇人民政府", None, None),
    ],
)
def test_bare_township_from_the_path(issuer: str, path: str | None, want: str | None) -> None:
    got = identify(issuer, path=path)
    assert got.canonical == want
    assert got.level == ("township/street" if want else None)


def test_title_and_path_when_the_name_gives_nothing() -> None:
    assert identify(None, title="平潭综合实验区2015年度政府信息公开工作年度报告").region_code == "350128"
    assert identify(None, title="平潭综合实验区2015年度政府信息公开工作年度报告").rule == "title"
    got = identify("本单位", path="reports/江苏省/淮安市/洪泽区/2024.pdf")
    assert (got.region_code, got.rule) == ("320813", "path")
    assert identify(None, path="reports/2024/x.pdf").region_code is None


def test_every_code_is_six_digits_and_pingtan_is_there() -> None:
    table = divisions()
    assert len(table) > 3000
    assert all(len(c) == 6 and c.isdigit() for c in table)
    assert table["350128"].name == "平潭县"


def _shared_reports() -> list[tuple[Path, Path]]:
    out = []
    for corpus in (CORPUS, SHARED / "corpus-pingtan"):
        for gold in sorted((corpus / "gold").glob("*.json")) if corpus.exists() else []:
            hits = sorted((corpus / "text").glob(gold.stem + ".*"))
            hits += sorted((corpus / "pdf").glob(gold.stem + ".pdf"))
            if hits:
                out.append((hits[0], gold))
    return out


# expected identity per shared report (the gold files' `level` says `district` for a 区,
# which is county level in GB/T 2260)
EXPECTED = {
    "huadian-xinhua-street-2012": ("吉林省吉林市桦甸市新华街道", "township/street", "220282"),
    "huaian-city-2024": ("江苏省淮安市", "city", "320800"),
    "huaian-hongze-2023": HONGZE,
    "huaian-hongze-2024": HONGZE,
    "shuyang-county-2025": ("江苏省宿迁市沭阳县", "county", "321322"),
}


def test_every_shared_report() -> None:
    need_shared(CORPUS)
    reports = _shared_reports()
    assert len(reports) >= 17
    pingtan = set()
    for path, gold_path in reports:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = gp.parse(path)
        want = PINGTAN if gold_path.stem.startswith("pingtan") else EXPECTED[gold_path.stem]
        assert (report.issuer_canonical, report.issuer_level, report.region_code) == want, path.name
        assert report.region_table == REGION_TABLE
        assert gold["level"] in (report.issuer_level, "district")
        if gold_path.stem.startswith("pingtan"):
            pingtan.add((report.issuer_canonical, report.year))
    assert len({c for c, _ in pingtan}) == 1
    assert {y for _, y in pingtan} >= {2011, 2012, 2013, 2014, 2015, 2016, 2017, 2019, 2023, 2025}


def test_record_round_trips_the_identity() -> None:
    report = gp.parse_text("平潭综合实验区2016年度政府信息公开工作年度报告\n一、概述\n办结率100%。")
    record = report.to_dict()
    assert record["region_code"] == "350128" and record["issuer_rule"] == "zone"
    assert gp.Report.from_dict(record) == report
    unknown = gp.parse_text("某区人民政府2018年政府信息公开工作年度报告\n一、概述\n办结率100%。")
    assert (unknown.issuer_canonical, unknown.region_code, unknown.region_table) == (None, None, None)
