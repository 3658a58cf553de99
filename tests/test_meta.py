"""Report metadata: title, issuer and reporting year."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport_parse
from govreport_parse.segment import find_metadata
from govreport_parse.segment.meta import parse_year

from .conftest import CORPUS, SEED, need_shared

CASES = json.loads((Path(__file__).parent / "cases" / "headings_metadata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_metadata_cases(case: dict) -> None:
    m = find_metadata(case["text"], case["file"])
    assert (m.title, m.issuer, m.year) == (case["title"], case["issuer"], case["year"])
    if "year_source" in case:
        assert m.year_source == case["year_source"]
    if m.title is not None:
        assert m.title_start is not None and m.title_end is not None
        span = case["text"][m.title_start : m.title_end]
        assert span.replace("\n", "") == m.title


@pytest.mark.parametrize(
    ("printed", "year"),
    [
        ("2018", 2018), ("二〇一八", 2018), ("二○一八", 2018), ("二零二一", 2021),
        ("1850", None), ("二〇", None),
    ],
)
def test_parse_year(printed: str, year: int | None) -> None:
    assert parse_year(printed) == year


def test_seed_metadata() -> None:
    r = govreport_parse.parse(SEED)
    assert r.title == "张店区人民政府2018年政府信息公开工作年度报告"
    assert (r.issuer, r.year) == ("张店区人民政府", 2018)


#: Where the text does not support the gold issuer, and why.
ISSUER_AS_PRINTED = {
    # the title prints 洪泽区人民政府; the gold qualifies it as 淮安市洪泽区人民政府
    "huaian-hongze-2023": "洪泽区人民政府",
}


def _corpus_documents() -> list[Path]:
    if not (CORPUS / "gold").is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.parent.name in ("text", "pdf"))


@pytest.mark.parametrize("path", _corpus_documents(), ids=lambda p: p.name)
def test_corpus_metadata_matches_gold(path: Path) -> None:
    need_shared(CORPUS / "gold")
    name = path.name.split(".")[0]
    gold = json.loads((CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    r = govreport_parse.parse(path)
    assert r.year == gold["year"]
    expected = ISSUER_AS_PRINTED.get(name, gold.get("issuer_as_written", gold["issuer"]))
    assert r.issuer == expected


_ALPHABET = "某县人民政府管委会2018年度政府信息公开工作年度报告（）二〇一九标题: #\n 统计期限自1月1日起至。，"


_FRAGMENTS = st.sampled_from([
    "某县人民政府", "平潭综合实验区", "管委会", "2018", "二〇一九", " ", "\n", "年", "年度", "# ", "标题: ",
    "政府信息公开工作年度报告", "（2019年度）", "统计期限自", "1月1日", "。", "，", "正文", "2013年3月7日",
])
_TEXTS = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=300),
    st.lists(_FRAGMENTS, max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["x.txt", "a-2016.txt", "2030/b.pdf"]))
def test_metadata_is_consistent_for_any_text(text: str, name: str) -> None:
    m = find_metadata(text, name)
    assert m.year is None or 1990 <= m.year < 2100
    if m.title is None:
        assert m.title_start is None and m.title_end is None
    else:
        assert m.title_start is not None and m.title_end is not None
        assert text[m.title_start : m.title_end].replace("\n", "") == m.title
    assert m.issuer is None or (m.issuer.strip() == m.issuer and m.issuer)
