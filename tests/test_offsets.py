"""The offset map: composed edits map every clean character back to the source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_parse.clean.offsets import Edit, OffsetMap, apply_edits


@st.composite
def text_and_edits(draw: st.DrawFn, text: str | None = None) -> tuple[str, list[Edit]]:
    """A text and sorted, non-overlapping edits on it; replacements use only ``#`` so that a
    written character can be told from a copied one."""
    if text is None:
        text = draw(st.text(alphabet="政府信息ab12 \n", max_size=40))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=12)))
    edits: list[Edit] = []
    for start, end in zip(cuts[0::2], cuts[1::2], strict=False):
        edits.append(Edit(start=start, end=end, replacement=draw(st.sampled_from(["", "#", "##"]))))
    # keep them non-overlapping, with no second edit at the offset of a pure insertion
    out: list[Edit] = []
    for e in edits:
        if out and (e.start < out[-1].end or out[-1].start == out[-1].end == e.start):
            continue
        out.append(e)
    return text, out


def test_identity() -> None:
    m = OffsetMap.identity(3)
    assert len(m) == 3
    assert [m.to_source(i, i + 1) for i in range(3)] == [(0, 1), (1, 2), (2, 3)]
    assert m.to_source(3, 3) == (3, 3)
    assert m.to_clean(2) == 2


def test_replacement_maps_to_the_replaced_span() -> None:
    text, m = OffsetMap.identity(6).apply("ab\r\ncd", [Edit(start=2, end=4, replacement="\n")])
    assert text == "ab\ncd"
    assert m.to_source(2, 3) == (2, 4)
    assert m.to_source(0, 5) == (0, 6)
    assert m.to_clean(4) == 3


def test_deletion_maps_around_the_gap() -> None:
    text, m = OffsetMap.identity(5).apply("a[x]b", [Edit(start=1, end=4)])
    assert text == "ab"
    assert m.to_source(1, 2) == (4, 5)
    assert m.to_source(0, 2) == (0, 5)
    assert m.to_clean(2) == 1  # inside the deleted span: the next surviving character


def test_out_of_range_spans_are_clamped() -> None:
    m = OffsetMap.identity(4)
    assert m.to_source(-3, 2) == (0, 2)
    assert m.to_source(2, 99) == (2, 4)
    assert m.to_source(9, 9) == (4, 4)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_composed_map_points_at_the_source(data: st.DataObject) -> None:
    source, first = data.draw(text_and_edits())
    m = OffsetMap.identity(len(source))
    text, m = m.apply(source, first)
    assert text == apply_edits(source, first)
    _, second = data.draw(text_and_edits(text))
    text2, m2 = m.apply(text, second)
    assert text2 == apply_edits(text, second)
    assert len(m2) == len(text2)
    starts = list(m2.starts)
    ends = list(m2.ends)
    assert starts == sorted(starts) and ends == sorted(ends)
    for i, ch in enumerate(text2):
        s, e = m2.to_source(i, i + 1)
        assert 0 <= s <= e <= len(source)
        if ch != "#":  # a copied character maps to itself
            assert e == s + 1 and source[s] == ch
    # every source offset maps forward to a clean offset in range, monotonically
    forward = [m2.to_clean(j) for j in range(len(source) + 1)]
    assert forward == sorted(forward)
    assert all(0 <= c <= len(text2) for c in forward)
    # a whole-text span maps to the whole covered source
    if text2:
        s, e = m2.to_source(0, len(text2))
        assert s == m2.starts[0] and e == m2.ends[-1]


@given(st.text(max_size=50))
def test_no_edits_is_the_same_map(text: str) -> None:
    m = OffsetMap.identity(len(text))
    out, m2 = m.apply(text, [])
    assert out == text and m2 is m
