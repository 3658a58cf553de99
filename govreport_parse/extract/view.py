"""The matching view: a same-length copy of the text that extractors match on.

The folds are the lexicon's one table (:data:`govreport_parse.lexicon.FOLD_TABLE`):
full-width digits, letters and ASCII punctuation (but the sentence punctuation
``，：；！``) fold to ASCII, bracket variants fold to one form, zero-width
characters, the ideographic and the no-break space become a plain space,
and a few traditional characters that occur in document numbers (號 國 辦 …)
fold to their simplified forms. Every replacement is one
character for one character, so an offset in the view is the same offset in
the text of record, which is never changed.

>>> v = matching_view("１２３％ ﹝2018﹞ 國辦發 a\\u200bb")
>>> v
'123% 〔2018〕 国办发 a b'
>>> len(v) == len("１２３％ ﹝2018﹞ 國辦發 a\\u200bb")
True
>>> is_ascii_digits("2018"), is_ascii_digits("²"), is_ascii_digits("①"), is_ascii_digits("")
(True, False, False, False)
"""

from __future__ import annotations

from ..lexicon import fold, matching_view

__all__ = ["fold", "is_ascii_digits", "matching_view"]

_ASCII_DIGITS = frozenset("0123456789")

def is_ascii_digits(s: str) -> bool:
    """True when ``s`` is non-empty and only ASCII ``0-9`` (``str.isdigit`` accepts ``²`` and ``①``).

    >>> is_ascii_digits("0533")
    True
    """
    return bool(s) and all(c in _ASCII_DIGITS for c in s)
