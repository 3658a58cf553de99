"""Document numbers (发文字号), normalized to the GB/T 9704 form.

Three forms, each with ``agency``, ``year`` and ``serial``:

- ``standard``: agency code, year in brackets, serial, 号: ``张政字〔2018〕24号``.
  Any bracket pair (〔〕 [] 【】 （） () ﹝﹞ ［］, even mismatched), spaces
  anywhere, zero-width characters, 第 before the serial, leading zeros,
  full-width digits and 號 are read; ``normalized`` is
  ``{agency}〔{year}〕{serial}号`` without spaces or leading zeros;
- ``decree``: ``国务院令第711号``, ``省政府令 第160号``, ``国令第 711 号``
  (``year`` is ``None``; ``normalized`` is ``{agency}第{serial}号``);
- ``announcement``: ``国家税务总局公告2015年第41号``
  (``normalized`` is ``{agency}{year}年第{serial}号``).

Damaged numbers are repaired and flagged ``repaired=True`` (the extractor adds
a ``doc_number_repaired`` diagnostic): a missing 〕 (``国办公开办函〔202130`` →
``国办公开办函〔2021〕30号``) or a missing 号 where punctuation follows.

>>> for d in find_all("(张政字〔2018〕24 号)、(國辦發[2019]3號)"):
...     print(d.text, d.normalized, d.agency, d.year, d.serial)
张政字〔2018〕24 号 张政字〔2018〕24号 张政字 2018 24
國辦發[2019]3號 国办发〔2019〕3号 国办发 2019 3
>>> for d in find_all("根据《条例》（国令第 711 号），依据国家税务总局公告2015年第41号"):
...     print(d.normalized, d.form, d.year)
国令第711号 decree None
国家税务总局公告2015年第41号 announcement 2015
>>> d = find_all("格式》(国办公开办函〔202130，")[0]
>>> d.normalized, d.repaired
('国办公开办函〔2021〕30号', True)

Deliberately not document numbers: a bare year in brackets (``（2018）``), a
year with no agency before it (``〔2018〕5号``), an agency placeholder
(``其他〔2022〕86号``), a serial given before 号 is missing and Chinese text
follows (``报告(2018)12月``).

>>> find_all("年度报告（2018）；〔2018〕5号；其他〔2022〕86号；报告(2018)12月")
[]
>>> normalize("发文字号：\\u200b渝府办发〔 2022 〕096 号")
'渝府办发〔2022〕96号'
>>> parse("晋政发〔2014〕号16")
Traceback (most recent call last):
    ...
govreport_parse.extract.docnumber.InvalidDocNumberError: not a document number: '晋政发〔2014〕号16'
>>> is_valid("省政府令 第160号"), is_valid("发文字号："), is_valid("（2018）")
(True, False, False)
"""

from __future__ import annotations

import dataclasses

import regex

from ..model import Diagnostic, DocNumber, DocNumberForm
from .base import Context, InvalidFactError
from .patterns import (
    AGENCY_MAX,
    AGENCY_PREFIX_STOP,
    DOC_LABEL,
    DOC_NUMBER_BARE_ANNOUNCEMENT_TAIL,
    DOC_NUMBER_TAIL,
    JUNK_AGENCIES,
    LazyPattern,
    timeout_for,
)
from .view import matching_view

__all__ = [
    "InvalidDocNumberError",
    "diagnostic",
    "find",
    "find_all",
    "format",
    "is_valid",
    "normalize",
    "parse",
]

_RE = LazyPattern(DOC_NUMBER_TAIL, regex.X)
_BARE = LazyPattern(DOC_NUMBER_BARE_ANNOUNCEMENT_TAIL)
_LABEL = LazyPattern(DOC_LABEL)
_HAN = LazyPattern(r"\p{Han}")
_MAX_AGENCY = {"standard": 14, "decree": 20, "announcement": 20}


class InvalidDocNumberError(InvalidFactError):
    """The string is not a document number."""


def format(agency: str, year: int | None, serial: int, form: str = "standard") -> str:
    """The GB/T 9704 form.

    >>> format("张政字", 2018, 24), format("国务院令", None, 711, "decree")
    ('张政字〔2018〕24号', '国务院令第711号')
    """
    if form == "decree":
        return f"{agency}{year}年第{serial}号" if year is not None else f"{agency}第{serial}号"
    if form == "announcement":
        return f"{agency}{year}年第{serial}号"
    return f"{agency}〔{year}〕{serial}号"


def _agency_start(view: str, pos: int, *, spaces: bool) -> tuple[int, int]:
    """``(run_start, run_end)`` of the Han characters ending at ``pos`` (after up to 3 spaces)."""
    end = pos
    if spaces:
        k = 0
        while k < 3 and end > 0 and view[end - 1] == " ":
            end -= 1
            k += 1
    start = end
    while start > 0 and end - start < AGENCY_MAX and _HAN.match(view, start - 1):
        start -= 1
    return start, end


def _build(view: str, text: str, m: regex.Match[str], *, bare: bool = False) -> tuple[DocNumber, int] | None:
    """The document number of the tail match ``m`` and where its untrimmed agency run began."""
    groups = m.groupdict()
    key = groups.get("key")
    form: DocNumberForm
    if bare:
        form = "announcement"
        run_start, run_end = _agency_start(view, m.start(), spaces=False)
    elif key is None:
        form = "standard"
        run_start, run_end = _agency_start(view, m.start(), spaces=True)
    else:
        form = "decree" if key == "令" else "announcement"
        run_start, run_end = _agency_start(view, m.start(), spaces=False)
        run_end = m.end("key")
    a_start = run_start
    cut = AGENCY_PREFIX_STOP.match(view, run_start, run_end)
    if cut is not None:
        a_start = min(cut.end(), run_end - (len(key) if key else 0))
    agency = view[a_start:run_end]
    if key is not None and agency == key and form == "decree":
        return None  # 令第5号 with no issuer
    if not agency or agency in JUNK_AGENCIES or len(agency) > _MAX_AGENCY[form]:
        return None
    hao = groups.get("hao")
    repaired = False
    if form == "standard" and (groups.get("close") is None or hao is None):
        end = m.end("serial")
        after = view[end] if end < len(view) else ""
        if hao is None and (_HAN.match(after) or len(agency) > 8):
            return None  # 报告(2018)12月: not a document number
        repaired = True
    end = m.end("hao") if hao else m.end("serial")
    year = int(m.group("year")) if groups.get("year") else None
    serial = int(m.group("serial"))
    doc = DocNumber(
        text=text[a_start:end],
        start=a_start,
        end=end,
        normalized=format(agency, year, serial, form),
        agency=agency,
        year=year,
        serial=serial,
        form=form,
        repaired=repaired,
    )
    return doc, run_start


def find(text: str, view: str, ctx: Context) -> list[DocNumber]:
    """Every document number in ``text`` (matched on ``view``), in order.

    >>> t = "《通知》(张政办发〔2018〕21 号)"
    >>> [d.normalized for d in find(t, matching_view(t), Context())]
    ['张政办发〔2018〕21号']
    """
    out: list[DocNumber] = []
    last_end = 0
    for m in _RE.finditer(view, timeout=timeout_for(view)):
        built = _build(view, text, m)
        if built is not None and built[0].start >= last_end:
            out.append(built[0])
            last_end = built[0].end
    return out


def find_all(text: str) -> list[DocNumber]:
    """:func:`find` on a plain string (the view is made here)."""
    return find(text, matching_view(text), Context())


def parse(s: str) -> DocNumber:
    """The document number that is the whole of ``s`` (a ``发文字号：`` label and
    surrounding spaces or zero-width characters allowed), else raise.

    >>> parse("国家税务总局2019年第9号").form
    'announcement'
    """
    view = matching_view(s)
    label = _LABEL.match(view)
    offset = label.end() if label else 0
    body = view[offset:]
    lead = len(body) - len(body.lstrip(" "))
    core = body.strip(" ")
    text_core = s[offset + lead : offset + lead + len(core)]
    for pattern, bare in ((_RE, False), (_BARE, True)):
        for m in pattern.finditer(core, timeout=timeout_for(core)):
            built = _build(core, text_core, m, bare=bare)
            if built is not None and built[1] == 0 and built[0].end == len(core):
                d = built[0]
                shift = offset + lead
                return dataclasses.replace(d, start=d.start + shift, end=d.end + shift)
    raise InvalidDocNumberError(f"not a document number: {s!r}")


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True


def normalize(s: str) -> str:
    """The GB/T 9704 form of the document number ``s``; raises like :func:`parse`."""
    return parse(s).normalized


def diagnostic(d: DocNumber) -> Diagnostic:
    """The diagnostic that reports a repaired document number.

    >>> diagnostic(parse("国办公开办函〔202130")).code
    'doc_number_repaired'
    """
    return Diagnostic(
        code="doc_number_repaired",
        severity="warning",
        message=f"document number {d.text!r} is damaged (a missing bracket or 号); read as {d.normalized}",
        start=d.start,
        end=d.end,
    )
