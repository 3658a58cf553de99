"""Report metadata: title, issuer and reporting year.

>>> m = find_metadata("张店区人民政府2018年政府信息公开工作年度报告\\n正文", "x.txt")
>>> (m.title, m.issuer, m.year)
('张店区人民政府2018年政府信息公开工作年度报告', '张店区人民政府', 2018)
>>> m = find_metadata("淮安市人民政府\\n2024 年政府信息公开工作年度报告\\n正文", "x.pdf")
>>> (m.title, m.issuer, m.year)
('淮安市人民政府2024 年政府信息公开工作年度报告', '淮安市人民政府', 2024)
>>> find_metadata("正文没有标题。", "pingtan-2012.web.txt").year
2012
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import regex

from ..lexicon import YEAR_ZEROS, cn_to_int
from . import patterns as P

__all__ = ["Metadata", "find_metadata", "parse_year"]

#: How much of the text the title is looked for in.
_HEAD_CHARS = 4000
#: How much of the text the statistics period is looked for in (it is in the preface).
_PERIOD_CHARS = 20000
#: How many trailing lines may hold a signature.
_TAIL_LINES = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """What the report says about itself (``None`` where it does not say).

    ``title`` is the title as printed, its lines joined when a layout split it
    (``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``); ``title_start`` /
    ``title_end`` cover it in the text, line break included. ``year_source``
    says where the year came from: ``title``, ``period`` (the statistics
    period), ``text`` (a sentence naming the report), ``name`` (the file name).
    """

    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    title_start: int | None = None
    title_end: int | None = None
    year_source: str | None = None


def parse_year(text: str) -> int | None:
    """A year printed in digits or Chinese numerals, ``None`` if out of range.

    >>> [parse_year(y) for y in ("2018", "二〇一八", "二○一九", "二0二0", "1850")]
    [2018, 2018, 2019, 2020, None]
    """
    text = text.strip()
    if text.isdigit() and text.isascii():
        value = int(text)
    else:
        digits = []
        for ch in text:
            if ch in YEAR_ZEROS:
                digits.append("0")
            else:
                d = cn_to_int(ch)
                if d is None or d > 9:
                    return None
                digits.append(str(d))
        value = int("".join(digits)) if digits else 0
    return value if value in P.YEAR_RANGE else None


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    while pos < min(len(text), limit):
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        out.append((pos, end))
        pos = end + 1
    return out


def _find_title(text: str) -> tuple[regex.Match[str], tuple[int, int] | None] | None:
    """The title match and, for a split title, the span of its issuer line."""
    lines = _lines(text, _HEAD_CHARS)
    for i, (ls, le) in enumerate(lines):
        m = P.TITLE.search(text, ls, min(le, ls + 400))
        if not m:
            continue
        if not m.group("issuer") and i > 0:
            ps, pe = lines[i - 1]
            if pe > ps and P.ISSUER_LINE.fullmatch(text, ps, pe) and not text[m.end("title") : le].strip():
                return m, (ps, pe)
        return m, None
    return None


def _complete_issuer(name: str, text: str) -> str:
    """``平潭综合实验区`` names a place; the organ is ``平潭综合实验区管委会``."""
    if name.endswith(P.ORGAN_SUFFIXES):
        return name
    for suffix in P.ORGAN_SUFFIXES:  # in order of preference, not of position
        if name + suffix in text:
            return name + suffix
    return name


def _named(name: str | None) -> str | None:
    """``name`` unless it is a generic word naming no organ (``政府``, ``本机关``)."""
    if name is None or P.GENERIC_ISSUER.fullmatch(name):
        return None
    return name


def _signature_issuer(text: str) -> str | None:
    """An organ's name alone on a line next to a date, near the end."""
    tail = [ln.strip(" \t\u3000") for ln in text.rstrip().splitlines()[-_TAIL_LINES:]]
    tail = [ln for ln in tail if ln]
    for i in range(len(tail) - 1, -1, -1):
        m = P.ISSUER_LINE.fullmatch(tail[i])
        if not m or P.GENERIC_ISSUER.fullmatch(m.group("name")):
            continue
        near = tail[i + 1 : i + 2] + tail[max(0, i - 1) : i]
        if any(P.DATE_LINE.fullmatch(ln) for ln in near):
            return str(m.group("name"))
    return None


def _year(text: str, name: str, title: regex.Match[str] | None) -> tuple[int | None, str | None]:
    if title:
        for group in ("year", "year2"):
            y = title.group(group)
            if y and parse_year(y):
                return parse_year(y), "title"
    m = P.STAT_PERIOD.search(text[:_PERIOD_CHARS])
    if m and parse_year(m.group("year")):
        return parse_year(m.group("year")), "period"
    m = P.YEAR_REPORT.search(text[:_HEAD_CHARS])
    if m and parse_year(m.group("year")):
        return parse_year(m.group("year")), "text"
    for m in P.FILE_YEAR.finditer(os.path.basename(name)):
        y = parse_year(m.group("year"))
        if y:
            return y, "name"
    return None, None


def find_metadata(text: str, name: str) -> Metadata:
    """Title, issuer and reporting year of a clean report text.

    The title is the first line (in the first few thousand characters) that
    reads like ``<issuer><year>年…政府信息公开工作年度报告``; crawler labels
    (``标题: ``) and markdown marks before it are skipped. The issuer is the
    title's organ, completed from the text when the title names a place only,
    else the publisher label or the signature. The year is the reporting year:
    from the title, else the statistics period, else a sentence naming the
    report, else the file name ``name``; never today's date.
    """
    found = _find_title(text)
    match = found[0] if found else None
    title = issuer = None
    t_start = t_end = None
    if found and match:
        issuer_line = found[1]
        t_start, t_end = match.start("title"), match.end("title")
        title = match.group("title")
        raw_issuer = (match.group("issuer") or "").strip()
        mid = (match.group("mid") or "").strip()
        if not raw_issuer and mid.endswith(P.ORGAN_SUFFIXES):
            raw_issuer = mid  # 2019年度张店区人民政府政府信息公开工作年度报告
        if issuer_line:
            m = P.ISSUER_LINE.fullmatch(text, *issuer_line)
            assert m is not None
            raw_issuer = m.group("name")
            t_start = m.start("name")
            title = raw_issuer + title
        issuer = _named(_complete_issuer(raw_issuer, text)) if raw_issuer else None
    if issuer is None:
        m = P.PUBLISHER_LABEL.search(text[:_HEAD_CHARS])
        issuer = _named(m.group("name") if m else _signature_issuer(text))
    year, source = _year(text, name, match)
    return Metadata(title=title, issuer=issuer, year=year, title_start=t_start, title_end=t_end,
                    year_source=source)
