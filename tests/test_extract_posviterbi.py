"""The part-of-speech HMM decoder of ``extract.posviterbi`` gives jieba's own result."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_parse.extract import labels
from govreport_parse.extract.posviterbi import pos_tokenizer, viterbi

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "zhangdian-2018.txt"
# the seed's ideographs, rare and unknown ones (no HMM emission), digits, letters, punctuation
_CHARS = sorted({c for c in SEED.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"}) + list(
    "囧槑㐀龘鬱a1，。 "
)


def _model() -> tuple[object, ...]:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    return char_state_tab_P, start_P, trans_P, emit_P


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(_CHARS), min_size=1, max_size=14))
def test_viterbi_equals_jieba(s: str) -> None:
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    assert viterbi(s, *_model()) == jieba_viterbi(s, *_model())  # type: ignore[arg-type]


def test_viterbi_on_the_seed_unknown_runs() -> None:
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    for s in ("张政办字", "张政字", "所辖的", "中的", "微博", "微信", "张店", "的案", "所提", "𠀀"):
        assert viterbi(s, *_model()) == jieba_viterbi(s, *_model())  # type: ignore[arg-type]


@functools.cache
def _taggers() -> tuple[Any, Any]:
    """jieba's default POS tokenizer and ours over the same dictionary (built once)."""
    import jieba
    import jieba.posseg

    return jieba.posseg.dt, pos_tokenizer(jieba.dt)


@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from(_CHARS), min_size=1, max_size=24))
def test_tagger_equals_jieba_posseg(s: str) -> None:
    reference, ours = _taggers()
    assert [tuple(p) for p in ours.cut(s)] == [tuple(p) for p in reference.cut(s)]


def test_tagger_leaves_jieba_posseg_alone() -> None:
    import jieba.posseg
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    labels._tagger()
    assert jieba.posseg.viterbi is jieba_viterbi
    assert type(pos_tokenizer(labels._tagger().tokenizer)) is not jieba.posseg.POSTokenizer
