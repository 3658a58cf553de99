"""Character-level fixers: line breaks, zero-width characters, control characters.

>>> fix_crlf("一\\r\\n二\\r三")
[Edit(start=1, end=3, replacement='\\n', kind=None), Edit(start=4, end=5, replacement='\\n', kind=None)]
>>> [(e.start, e.end) for e in fix_zero_width("\\ufeff政\\u200b府")]
[(0, 1), (2, 3)]
>>> [(e.start, e.replacement) for e in fix_control_chars("a\\x00b\\x0cc")]
[(1, ''), (3, '\\n')]
"""

from __future__ import annotations

from .offsets import Edit
from .patterns import CONTROL, LINE_BREAK, ZERO_WIDTH

__all__ = ["fix_control_chars", "fix_crlf", "fix_zero_width"]

_BREAKING_CONTROLS = frozenset("\x0b\x0c")


def fix_crlf(text: str) -> list[Edit]:
    """``\\r\\n``, lone ``\\r``, NEL and the Unicode line/paragraph separators become ``\\n``.

    >>> fix_crlf("a\\u2028b")[0].replacement
    '\\n'
    """
    return [Edit(start=m.start(), end=m.end(), replacement="\n") for m in LINE_BREAK.finditer(text)]


def fix_zero_width(text: str) -> list[Edit]:
    """Remove zero-width spaces/joiners, word joiners and BOMs, wherever they stand.

    >>> fix_zero_width("政\\u200d府")[0].start
    1
    """
    return [Edit(start=m.start(), end=m.end()) for m in ZERO_WIDTH.finditer(text)]


def fix_control_chars(text: str) -> list[Edit]:
    """Remove NUL and other C0 controls (not tab or LF); form feed and vertical tab become ``\\n``.

    >>> fix_control_chars("\\x00")[0].replacement
    ''
    """
    return [
        Edit(start=m.start(), end=m.end(), replacement="\n" if m.group() in _BREAKING_CONTROLS else "")
        for m in CONTROL.finditer(text)
    ]
