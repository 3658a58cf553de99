"""Contacts: phone numbers, postcodes, web addresses, e-mail and postal addresses.

``type`` is ``phone``, ``postcode``, ``url``, ``email`` or ``address``;
``value`` is the normalized form (a phone as ``0533-2869836``, an e-mail in
lower case, a URL without trailing punctuation). Phones: an area code with a
hyphen or in brackets (``0533-2869836``, ``(0533)2869836``), mobiles
(``13912345678``), 7-8 digits after 电话/传真/热线, and 123xx hotlines
(``12345``) near 热线/电话/服务/平台. Postcodes and addresses need their label
(邮编, 地址 …); the span is the value without the label.

>>> t = "（网址：www.zhangdian.gov.cn）（地址：张店区新村西路226号区政务中心;邮编:255020;电话:0533-2869836）"
>>> [(c.type, c.value) for c in find_all(t)]
[('url', 'www.zhangdian.gov.cn'), ('address', '张店区新村西路226号区政务中心'), ('postcode', '255020'), \
('phone', '0533-2869836')]
>>> [(c.type, c.value) for c in find_all("拨打12345热线，邮箱 ZDGK@163.com，https://www.gov.cn/zhengce/。")]
[('phone', '12345'), ('email', 'zdgk@163.com'), ('url', 'https://www.gov.cn/zhengce/')]

Deliberately not contacts: a six-digit number without 邮编 (a count), a
seven-digit number without a phone label, 12345 with no hotline word near it,
a file name like ``image1.png``.

>>> find_all("共255020条，共2869836次，编号12345，image1.png")
[]
>>> parse("0533-2869836").value
'0533-2869836'
>>> parse("2869836")
Traceback (most recent call last):
    ...
govreport_parse.extract.contact.InvalidContactError: not a contact: '2869836'
>>> is_valid("13912345678"), is_valid("①②")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Contact, ContactType
from .base import Context, InvalidFactError
from .patterns import (
    ADDRESS,
    BARE_DOMAIN,
    CONTACT_PREFILTER,
    EMAIL,
    HOTLINE,
    HOTLINE_CONTEXT,
    PHONE,
    POSTCODE,
    TRAILING_URL_PUNCT,
    URL,
    LazyPattern,
    timeout_for,
)
from .view import matching_view

__all__ = ["InvalidContactError", "find", "find_all", "is_valid", "normalize_phone", "parse"]

# Order matters: an e-mail's domain is not a separate URL; a URL's digits are not a phone.
_KINDS: tuple[tuple[ContactType, regex.Pattern[str]], ...] = (
    ("email", LazyPattern(EMAIL)),
    ("url", LazyPattern(URL)),
    ("url", LazyPattern(BARE_DOMAIN)),
    ("postcode", LazyPattern(POSTCODE)),
    ("phone", LazyPattern(PHONE)),
    ("phone", LazyPattern(HOTLINE)),
    ("address", LazyPattern(ADDRESS)),
)
_HOTLINE = _KINDS[5][1]


class InvalidContactError(InvalidFactError):
    """The string is not a contact."""


def normalize_phone(s: str) -> str:
    """``(0533) 2869836`` → ``0533-2869836``; other phones keep only digits and hyphens.

    >>> normalize_phone("（0533）2869836"), normalize_phone("0533 — 2869836")
    ('0533-2869836', '0533-2869836')
    """
    v = matching_view(s).replace("—", "-").replace(" ", "")
    if v.startswith("("):
        v = v[1:].replace(")", "-", 1)
    return v


def _candidates(view: str) -> Iterator[tuple[ContactType, int, int]]:
    for kind, pattern in _KINDS:
        if not any(w in view for w in CONTACT_PREFILTER[kind]):
            continue
        for m in pattern.finditer(view, timeout=timeout_for(view)):
            s, e = m.span("v") if "v" in pattern.groupindex else m.span()
            if kind == "url":
                while e > s and view[e - 1] in TRAILING_URL_PUNCT:
                    e -= 1
            elif kind == "address":
                while e > s and view[e - 1] == " ":
                    e -= 1
            elif pattern is _HOTLINE:
                around = view[max(0, s - 8) : e + 4]
                if not any(w in around for w in HOTLINE_CONTEXT):
                    continue
            if e > s:
                yield kind, s, e


def find(text: str, view: str, ctx: Context) -> list[Contact]:
    """Every contact in ``text`` (matched on ``view``), in order; earlier kinds win overlaps.

    >>> t = "电话：12345"
    >>> [c.value for c in find(t, matching_view(t), Context())]
    ['12345']
    """
    taken: list[tuple[int, int]] = []
    out: list[Contact] = []
    for kind, s, e in _candidates(view):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        raw = text[s:e]
        if kind == "phone":
            value = normalize_phone(raw)
        elif kind == "email":
            value = matching_view(raw).lower()
        elif kind == "address":
            value = raw
        else:
            value = matching_view(raw)
        out.append(Contact(text=raw, start=s, end=e, type=kind, value=value))
    out.sort(key=lambda c: c.start)
    return out


def find_all(text: str) -> list[Contact]:
    """:func:`find` on a plain string (the view is made here)."""
    return find(text, matching_view(text), Context())


def parse(s: str) -> Contact:
    """The phone, e-mail or URL that is the whole of ``s`` (postcodes and
    addresses need their label, so give ``邮编:255020``), else raise."""
    found = find_all(s)
    if len(found) == 1 and found[0].end == len(s.rstrip()):
        c = found[0]
        if c.start == 0 or c.type in ("postcode", "address"):
            return c
    raise InvalidContactError(f"not a contact: {s!r}")


def is_valid(s: str) -> bool:
    """True when :func:`parse` reads ``s``; never raises."""
    try:
        parse(s)
    except (InvalidFactError, TypeError, AttributeError):
        return False
    return True
