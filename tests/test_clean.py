"""The cleaning fixers: data-driven cases, the seed, the real corpus, properties and speed."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govreport_parse.clean import FIXERS, CleanResult, clean_text, replay
from govreport_parse.clean.fixers import FIXER_NAMES
from govreport_parse.config import CleanConfig, resolve_config

from .conftest import CORPUS, SEED, need_shared

CASES = Path(__file__).parent / "cases" / "clean"
FIXER_BY_NAME = dict(FIXERS)


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        fixers = [(name, FIXER_BY_NAME[name]) for name in data["fixers"]]
        for case in data["cases"]:
            params.append(pytest.param(fixers, case, id=f"{path.stem}: {case['name']}"))
    return params


def check_invariants(source: str, result: CleanResult) -> None:
    """What every cleaning must satisfy, whatever the text."""
    clean = result.text
    assert replay(source, result.artifacts) == clean
    assert len(result.offsets) == len(clean)
    for i, ch in enumerate(clean):
        s, e = result.offsets.to_source(i, i + 1)
        assert 0 <= s <= e <= len(source)
        if ch != "\n":  # fixers write only line breaks; every other character is a copy
            assert (s, e) == (s, s + 1) and source[s] == ch, (i, ch, s, e)
        else:
            assert source[s:e] in ("\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")
    for a in result.artifacts:
        assert 0 <= a.source_start <= a.source_end <= len(source)
        assert a.original == source[a.source_start : a.source_end]
        assert 0 <= a.at <= len(clean)


@pytest.mark.parametrize(("fixers", "case"), _load_cases())
def test_case(fixers: list[Any], case: dict[str, Any]) -> None:
    result = clean_text(case["input"], fixers=fixers)
    assert result.text == case["output"]
    assert sorted({a.kind for a in result.artifacts}) == sorted(case["kinds"])
    check_invariants(case["input"], result)
    if not case["kinds"]:
        assert result.artifacts == ()


def test_every_fixer_has_cases() -> None:
    covered = set()
    for path in CASES.glob("*.json"):
        covered |= set(json.loads(path.read_text(encoding="utf-8"))["fixers"])
    assert covered == FIXER_NAMES


# --- the seed -------------------------------------------------------------------------------------

SEED_HEADINGS = (
    "一、政府信息公开工作基本情况",
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、政府信息公开的收费及减免情况",
    "五、申请行政复议、提起行政诉讼情况",
    "六、办理人大代表建议、政协委员提案情况",
    "七、存在的主要问题及改进措施",
)


@pytest.fixture(scope="module")
def seed() -> tuple[str, CleanResult]:
    source = SEED.read_text(encoding="utf-8")
    return source, clean_text(source)


def test_seed_image_markers(seed: tuple[str, CleanResult]) -> None:
    _, result = seed
    markers = [a for a in result.artifacts if a.kind == "image_marker"]
    assert len(markers) == 5
    assert [a.original.split("]")[0] for a in markers] == [
        "[image: image1.png",
        "[image: image2.png",
        "[image: image6.png",
        "[image: image7.png",
        "[image: image10.png",
    ]
    phrases = ("大力推进制度改革", "分管同志抓落实", "查询政务信息等", "满意或基本满意率99.4%", "公布区政府")
    for phrase in phrases:
        assert phrase in result.text
    assert "[image" not in result.text
    assert not any(garbage in result.text for garbage in ("FEAE", "SRERXA", "oIS X A"))


def test_seed_headings_keep_their_lines(seed: tuple[str, CleanResult]) -> None:
    _, result = seed
    lines = result.text.split("\n")
    assert lines[0] == "张店区人民政府2018年政府信息公开工作年度报告"
    for heading in SEED_HEADINGS:
        assert heading in lines
    for sub in ("（一）加强领导", "（二）深化公开内容", "（三）拓宽公开渠道", "三是创新载体建设"):
        assert any(line.startswith(sub) for line in lines), sub


def test_seed_invariants_and_idempotence(seed: tuple[str, CleanResult]) -> None:
    source, result = seed
    check_invariants(source, result)
    assert clean_text(result.text).artifacts == ()
    # punctuation of record is untouched: same count of every full-width mark
    for mark in "，。、；：（）《》“”":
        assert result.text.count(mark) == source.count(mark), mark


@pytest.mark.parametrize("width", [30, 38, 40, 50])
def test_seed_hard_wrapped_like_a_web_copy(seed: tuple[str, CleanResult], width: int) -> None:
    """Wrap every paragraph of the clean seed at ``width`` characters, as web copies do, and
    clean again: no two paragraphs may be glued, and most wraps must be undone (a wrap right
    after 。 or ： or between two digits is left, by design)."""
    _, result = seed
    paragraphs = result.text.split("\n")
    wrapped = "\n".join("\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in paragraphs)
    wraps = wrapped.count("\n") - result.text.count("\n")
    lines = clean_text(wrapped).text.split("\n")
    glued = [line for line in lines if line and not any(line in p for p in paragraphs)]
    assert glued == []
    left = len(lines) - len(paragraphs)
    assert wraps > 50 and left <= 0.15 * wraps, (wraps, left)


def test_disable_a_fixer(seed: tuple[str, CleanResult]) -> None:
    source, _ = seed
    config = resolve_config({"clean": {"disabled": ["image_marker", "indentation"]}})
    result = clean_text(source, config=config.clean)
    kinds = {a.kind for a in result.artifacts}
    assert "image_marker" not in kinds and "indentation" not in kinds
    assert "[image: image1.png]" in result.text
    check_invariants(source, result)
    assert clean_text(source, config=CleanConfig(disabled=tuple(FIXER_NAMES))).text == source


def test_unknown_fixer_name_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"unknown fixer 'line_warp'.*line_wrap"):
        clean_text("正文。", config=CleanConfig(disabled=("line_warp",)))


def test_docs_examples_run() -> None:
    import doctest

    docs = Path(__file__).resolve().parent.parent / "docs" / "cleaning.md"
    result = doctest.testfile(str(docs), module_relative=False, verbose=False)
    assert result.attempted >= 5 and result.failed == 0


# --- the real corpus ------------------------------------------------------------------------------


def test_corpus_texts_clean() -> None:
    folder = need_shared(CORPUS / "text")
    paths = sorted(folder.glob("*"))
    assert paths
    for path in paths:
        source = path.read_text(encoding="utf-8")
        result = clean_text(source)
        check_invariants(source, result)
        assert clean_text(result.text).artifacts == (), path.name


def test_corpus_web_chrome_removed() -> None:
    folder = need_shared(CORPUS / "text")
    for name, title in (
        ("pingtan-2012.web.txt", "平潭综合实验区2012年政府信息公开工作年度报告"),
        ("pingtan-2019.web.txt", "平潭综合实验区2019年度政府信息公开工作年度报告"),
    ):
        path = folder / name
        if not path.exists():
            pytest.skip(f"{path} is not available")
        source = path.read_text(encoding="utf-8")
        text = clean_text(source).text
        assert text.split("\n")[0] == title  # the crawler's 标题 line keeps its value only
        for gone in ("原文链接:", "本地目录:", "links.tsv", "==== 正文 ====", "发布机构:", "栏目:"):
            assert gone not in text, (name, gone)
        assert "（www.pingtan.gov.cn）" in text  # the body's own mention of the website stays
    text = clean_text((folder / "pingtan-2012.web.txt").read_text(encoding="utf-8")).text
    assert "当前位置" not in text and "QQ空间" not in text and "附件下载" not in text
    assert text.split("\n")[1].startswith("平潭综合实验区管委会办公室 二〇一三年一月 本报告主要根据")
    assert "行政申诉、举报数 件 0 0" in text
    assert "主动公开信息数 条 739 4359" in text  # the flattened table keeps its separators


def test_corpus_ocr_page_breaks_rejoined() -> None:
    path = need_shared(CORPUS / "text" / "shuyang-county-2025.ocr.md")
    result = clean_text(path.read_text(encoding="utf-8"))
    assert "努力让政务信息“看得懂、用得上、易监督”" in result.text
    assert Counter(a.kind for a in result.artifacts)["line_wrap"] == 3
    assert "## 一、总体情况\n" in result.text
    assert "| 3 | 0 | 0 | 0 | 3 |" in result.text


# --- properties -----------------------------------------------------------------------------------

_PIECES = [
    "政", "府", "信", "息", "公", "开", "年", "度", "报", "告", "件", "次", "一", "二", "、", "，", "。",
    "：", "（", "）", "“", "”", "0", "1", "2", "9", " ", " ", "\u3000", "\n", "\n", "\r\n", "\r", "\t",
    "\u200b", "\ufeff", "\x00", "\x0c", "a", "X", "%", "@", "-", "/",
    "[image: image1.png]", "[image: image2.png]%FEAE@H\n ", "[image]",
    "打印本页", "关闭窗口", "分享到：微信 微博 QQ空间", "【字体：大 中 小】", "首页 > 政务公开 > 年报",
    "当前位置：", "来源：", "发布时间：", "网站", "上一篇：", "版权所有", "ICP备12345678号",
    "\n-1-\n", "\n- 3 -\n", "\n第 2 页 共 5 页\n", "\n2 / 5\n", "\n7\n", "\n\n\n\n",
    "一、", "（三）", "1.", "一是", "政政府府信信息息", "一一对应", "2018 年", "政 府 信 息",
    "==== 正文 ====", "标题: ", "栏目: ", "《", "》", "报告", "人民政府", "\n2019年3月20日",
    "主办单位：", "[Image: a.png]0", "· 2 ·", "～", "?", "!",
]  # fmt: skip

texts = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("制度[image: image1.png]%FEAE@H\n 改革")
@example("\r\n\r\n\r\n\r\n政")
@example("标题: 甲\n栏目: 乙\n==== 正文 ====\n丙")
def test_property_invariants(source: str) -> None:
    result = clean_text(source)
    check_invariants(source, result)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_property_idempotent(source: str) -> None:
    once = clean_text(source).text
    assert clean_text(once).text == once


@settings(max_examples=200, deadline=None)
@given(texts, st.sets(st.sampled_from(sorted(FIXER_NAMES))))
def test_property_any_fixers_disabled(source: str, disabled: set[str]) -> None:
    result = clean_text(source, config=CleanConfig(disabled=tuple(sorted(disabled))))
    check_invariants(source, result)
    assert not {a.kind for a in result.artifacts} & disabled


# --- speed: near misses of every pattern on a 1 MB line terminate -----------------------------------

_NEAR_MISSES = {
    "crlf": "政\u2027\u2030",  # look like separators, are not
    "zero_width": "\u200a\u200e\u2061政",  # hair space, LRM, function application
    "control_char": "\t政 ",
    "image_marker": "[image:[image]![image]",  # never closed
    "crawler_header": "标题: 栏目: ==== 正 ",
    "web_chrome": "当前位置：首页 > 打印本页 ",
    "page_number": "- 3 -第2页共",
    "indentation": " \u3000",  # a line of spaces only
    "trailing_space": " 政\u3000",
    "cjk_space": "政 府 信息 2018 x ",
    "blank_lines": "\n\n\n政",  # two blank lines only
    "line_wrap": "政府，",
    "fake_bold": "政政府",
}


@pytest.mark.parametrize("name", sorted(FIXER_NAMES))
def test_one_megabyte_near_miss(name: str) -> None:
    unit = _NEAR_MISSES[name]
    line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    fixer = FIXER_BY_NAME[name]
    edits = fixer(line)
    assert all(0 <= e.start <= e.end <= len(line) for e in edits)
    assert all(a.end <= b.start for a, b in pairwise(edits))


def test_chrome_words_before_a_chrome_line_at_the_end_go_in_one_pass() -> None:
    """Found by the idempotence property: 打印本页 ending the last body line, then a 打印本页 line."""
    from govreport_parse.clean import clean_text
    from govreport_parse.config import CleanConfig

    once = clean_text("标题: 打印本页\x0c打印本页", (), CleanConfig()).text
    assert once == "标题:"
    assert clean_text(once, (), CleanConfig()).text == once
    kept = clean_text("打印本页的使用说明。\n正文。", (), CleanConfig()).text
    assert "打印本页的使用说明" in kept  # a sentence about printing is not chrome
