"""Report metadata: title, issuer and reporting year.

>>> m = find_metadata("张店区人民政府2018年政府信息公开工作年度报告\\n正文", "x.txt")
>>> (m.title, m.issuer, m.year)
('张店区人民政府2018年政府信息公开工作年度报告', '张店区人民政府', 2018)
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["Metadata", "find_metadata"]

_TITLE = regex.compile(r"^[ \t\u3000]*(?P<title>(?P<issuer>[^\n。，]{2,40}?)(?:(?P<y>(?:19|20)\d\d)年度?)[^\n。]{0,20}?政[府务]信息公开(?:工作)?年度?报告)", regex.M)


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """What the report says about itself (``None`` where it does not say)."""

    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    title_start: int | None = None
    title_end: int | None = None


def find_metadata(text: str, name: str) -> Metadata:
    """Title, issuer and year from the title line (minimal first version)."""
    m = _TITLE.search(text[:3000])
    if m:
        return Metadata(
            title=m.group("title"),
            issuer=m.group("issuer"),
            year=int(m.group("y")),
            title_start=m.start("title"),
            title_end=m.end("title"),
        )
    return Metadata()
