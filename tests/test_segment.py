"""The section tree: data-driven heading cases, the seed tree, invariants, robustness."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport_parse
from govreport_parse.model import Section
from govreport_parse.segment import segment

from .conftest import CORPUS, SEED, need_shared

CASES = json.loads((Path(__file__).parent / "cases" / "headings.json").read_text(encoding="utf-8"))


def _flat(sections: tuple[Section, ...]) -> list[Section]:
    return [s for top in sections for s in top.walk()]


def _check_invariants(text: str, sections: tuple[Section, ...]) -> None:
    """Nesting, ordering and offsets that must hold for any input."""
    flat = _flat(sections)
    starts = [s.start for s in flat]
    assert starts == sorted(starts), "sections are not in text order"
    assert len({s.id for s in flat}) == len(flat), "ids are not unique"

    def visit(nodes: tuple[Section, ...], lo: int, hi: int, level: int, prefix: str) -> None:
        prev_end = lo
        for s in nodes:
            assert s.level == level
            assert s.id.startswith(prefix)
            assert lo <= s.start < s.end <= hi, (s.id, s.start, s.end, lo, hi)
            assert s.start >= prev_end, f"{s.id} overlaps its previous sibling"
            assert s.start <= s.title_start < s.title_end <= s.end
            assert text[s.title_start : s.title_end] == s.title
            assert s.title == s.title.strip()
            prev_end = s.end
            visit(s.children, s.start, s.end, level + 1, s.id + ".")

    visit(sections, 0, len(text), 1, "")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_heading_cases(case: dict) -> None:
    text = case["text"]
    result = segment(text)
    flat = _flat(result.sections)
    headings = [[s.level, s.number, s.title] for s in flat if s.kind == "heading"]
    assert headings == case["headings"]
    if "items" in case:
        items = [[s.id, s.number, s.title] for s in flat if s.kind == "item"]
        assert items == case["items"]
    if "diagnostics" in case:
        assert sorted({d.code for d in result.diagnostics}) == sorted(set(case["diagnostics"]))
    _check_invariants(text, result.sections)


def test_cases_cover_lookalikes() -> None:
    assert sum(1 for c in CASES if not c["headings"]) >= 20


# --------------------------------------------------------------------------- the seed

SEED_TOP = [
    "政府信息公开工作基本情况",
    "主动公开政府信息情况",
    "依申请公开政府信息情况",
    "政府信息公开的收费及减免情况",
    "申请行政复议、提起行政诉讼情况",
    "办理人大代表建议、政协委员提案情况",
    "存在的主要问题及改进措施",
]


@pytest.fixture(scope="module")
def seed_report() -> govreport_parse.Report:
    return govreport_parse.parse(SEED)


def test_seed_tree(seed_report: govreport_parse.Report) -> None:
    r = seed_report
    top = r.sections
    assert [(s.id, s.number, s.title, s.level, s.style) for s in top] == [
        (str(i), n, t, 1, "cn_dun")
        for i, (n, t) in enumerate(zip("一二三四五六七", SEED_TOP, strict=True), 1)
    ]
    one = top[0]
    assert [(s.id, s.number, s.title, s.style) for s in one.children] == [
        ("1.1", "一", "加强领导，统筹安排部署各项工作", "cn_paren"),
        ("1.2", "二", "深化公开内容,推进服务改革", "cn_paren"),
        ("1.3", "三", "拓宽公开渠道，打造阳光政府", "cn_paren"),
    ]
    items = one.children[2].children
    assert [(s.id, s.number, s.kind, s.style, s.level) for s in items] == [
        (f"1.3.{i}", n, "item", "yishi", 3) for i, n in enumerate("一二三四五六", 1)
    ]
    assert [s.title for s in items] == [
        "年初，印发了《关于做好2018年“政风行风热线”上线工作的通知》对活动的开展进行",
        "认真办好《张店通讯》，编辑出版《张店通讯》100期，印刷发行1000万份",
        "及时更新政府门户网站以及“两微一端”信息",
        "区档案馆充分发挥政府信息公开阵地作用，规范设置政府信息公开查阅室",
        "规范编辑出版《张店区人民政府公报》，按照上级文件要求",
        "充分发挥新媒体的作用，积极开展新媒体在政务公开工作中的应用",
    ]
    seven = top[6]
    assert [(s.id, s.number, s.title) for s in seven.children] == [
        ("7.1", "一", "继续加强我区政府信息和政务公开工作的领导，完善相关制度"),
        ("7.2", "二", "继续贯彻实施《条例》，深化和丰富政府信息和政务公开的内容"),
        ("7.3", "三", "创新载体建设，拓宽公开渠道"),
        ("7.4", "四", "注重队伍建设，强化能力提升"),
    ]
    assert all(not s.children for s in top[1:6])
    assert r.diagnostics == () or all(not d.code.startswith("heading") for d in r.diagnostics)
    _check_invariants(r.text, r.sections)


def test_seed_offsets(seed_report: govreport_parse.Report) -> None:
    r = seed_report
    top = r.sections
    for a, b in itertools.pairwise(top):
        assert a.end == b.start
    assert top[-1].end == len(r.text)
    assert r.text[top[0].start : top[0].title_end] == "一、政府信息公开工作基本情况"
    one_three = top[0].children[2]
    assert r.text[one_three.start : one_three.start + 3] == "（三）"
    assert one_three.end == top[1].start
    first_item = one_three.children[0]
    assert r.text[first_item.start : first_item.start + 2] == "一是"
    assert first_item.end == one_three.children[1].start
    assert one_three.children[-1].end == one_three.end


def test_seed_flattened_onto_one_line_gives_the_same_tree(seed_report: govreport_parse.Report) -> None:
    one_line = seed_report.text.replace("\n", "")
    result = segment(one_line)
    assert [(s.id, s.number, s.title) for s in _flat(result.sections)] == [
        (s.id, s.number, s.title) for s in _flat(seed_report.sections)
    ]
    _check_invariants(one_line, result.sections)


def test_seed_meetings_are_not_headings(seed_report: govreport_parse.Report) -> None:
    r = seed_report
    for phrase in ("十二届二次会议", "十七届人二次会议"):
        pos = r.text.index(phrase)
        assert all(not (s.start <= pos < s.title_end) for s in _flat(r.sections))


# --------------------------------------------------------------------------- the corpus


def _gold_text_documents() -> list[Path]:
    text_dir = CORPUS / "text"
    return sorted(text_dir.glob("*")) if text_dir.is_dir() else []


@pytest.mark.parametrize("path", _gold_text_documents(), ids=lambda p: p.name)
def test_corpus_flattened_onto_one_line_still_equals_gold(path: Path) -> None:
    need_shared(CORPUS / "gold")
    gold = json.loads((CORPUS / "gold" / (path.name.split(".")[0] + ".json")).read_text(encoding="utf-8"))
    one_line = govreport_parse.parse(path).text.replace("\n", "")
    got = [(s.number, s.title) for s in segment(one_line).sections if s.kind == "heading"]
    assert got == [(s["number"], s["title"]) for s in gold["sections"]]


@pytest.mark.parametrize("path", _gold_text_documents(), ids=lambda p: p.name)
def test_corpus_top_level_sections_equal_gold(path: Path) -> None:
    need_shared(CORPUS / "gold")
    gold = json.loads((CORPUS / "gold" / (path.name.split(".")[0] + ".json")).read_text(encoding="utf-8"))
    report = govreport_parse.parse(path)
    got = [(s.number, s.title) for s in report.sections if s.kind == "heading"]
    assert got == [(s["number"], s["title"]) for s in gold["sections"]]
    _check_invariants(report.text, report.sections)


def test_corpus_present_or_skipped() -> None:
    need_shared(CORPUS / "text")
    assert _gold_text_documents()


# --------------------------------------------------------------------------- properties

_CN = "一二三四五六七八九十"
_STYLES = [
    lambda n: f"{_CN[n - 1]}、",
    lambda n: f"（{_CN[n - 1]}）",
    lambda n: f"({_CN[n - 1]})",
    lambda n: f"{n}.",
    lambda n: f"{n}、",
    lambda n: f"（{n}）",
    lambda n: chr(0x2460 + n - 1),
    lambda n: f"第{_CN[n - 1]}部分 ",
    lambda n: f"{_CN[n - 1]}是",
]
_WORDS = st.text(alphabet="政府信息公开工作情况加强领导制度落实年度报告一二三是", min_size=1, max_size=12)
_PUNCT = st.sampled_from(["", "。", "，", "：", "；", " ", "2018年，"])
_heading_line = st.builds(
    lambda style, n, title, tail: _STYLES[style](n) + title + tail,
    st.integers(0, len(_STYLES) - 1),
    st.integers(1, 10),
    _WORDS,
    st.tuples(_PUNCT, _WORDS).map("".join),
)
_body_line = st.builds(
    lambda words, p: "".join(w + q for w, q in zip(words, p, strict=False)),
    st.lists(_WORDS, min_size=1, max_size=4),
    st.lists(_PUNCT, min_size=4, max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_heading_line, _body_line), max_size=30),
    st.sampled_from(["\n", "", "。", "\n\n  "]),
)
def test_tree_invariants_hold_for_any_mix(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    _check_invariants(text, segment(text).sections)


_NOISE = "一二三四五六七八九十（）()、.．1234567890①②是第部分章节。；：，\n #|政府情况"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_NOISE, max_size=200))
def test_tree_invariants_hold_for_noise(text: str) -> None:
    _check_invariants(text, segment(text).sections)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "政府信息公开工作。" * 115_000,  # a 1 MB line
        "1234567890。" * 100_000,
        "".join(f"{i % 30 + 1}. 标题{i}\n正文。\n" for i in range(10_000)),  # 10,000 headings
        "一、概述\n" + "".join(f"（{_CN[i % 10]}）小节{i}\n一是做法。二是做法。\n" for i in range(10_000)),
        "某县报告\n" + "一、\n（一）\n1.\n（1）\n①\n" * 10_000,
        "一、概述\n" + "一是二是三是" * 20_000,
        "（" * 100_000,
    ],
    ids=[
        "empty", "newlines", "1MB-line", "digits", "10k-headings", "10k-restarts", "numbers-only",
        "yishi-chain", "open-brackets",
    ],
)
def test_robust_and_fast(text: str) -> None:
    t0 = time.perf_counter()
    result = segment(text)
    assert time.perf_counter() - t0 < 10
    _check_invariants(text, result.sections)


def test_ten_thousand_headings_all_found() -> None:
    text = "".join(f"{i % 30 + 1}. 标题{i}\n正文。\n" for i in range(10_000))
    flat = _flat(segment(text).sections)
    assert len(flat) == 10_000
    assert len({s.id for s in flat}) == 10_000
