"""Section tree (minimal first version: top-level 一、 headings only)."""

from __future__ import annotations

import regex

from ..model import Section

_CN = "一二三四五六七八九十"
_HEAD = regex.compile(r"^[ \t\u3000]*(?P<num>[一二三四五六七八九十]{1,3})、(?P<title>[^\n]*)", regex.M)


def build_tree(text: str):  # type: ignore[no-untyped-def]
    from . import SegmentResult

    found = list(_HEAD.finditer(text))
    sections = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        n = _CN.index(m.group("num")[0]) + 1
        sections.append(
            Section(
                id=str(n), number=m.group("num"), ordinal=n, level=1, title=m.group("title").strip(),
                start=m.start("num"), end=end, style="cn_dun",
                title_start=m.start("title"), title_end=m.end("title"),
            )
        )
    return SegmentResult(sections=tuple(sections))
