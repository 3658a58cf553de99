"""Layout fixers: indentation, trailing spaces, letter-spaced CJK, runs of blank lines.

Full-width punctuation and digits are text of record and are never folded here.

>>> from .offsets import apply_edits
>>> t = "\\u3000\\u3000政 府 信 息 公 开  \\n    2018 年"
>>> for fix in (fix_indentation, fix_trailing_space, fix_cjk_space):
...     t = apply_edits(t, fix(t))
>>> t
'政府信息公开\\n2018年'
"""

from __future__ import annotations

import re

import regex

from .offsets import Edit
from .patterns import INDENT, LETTER_SPACED, NUMBER_UNIT_SPACE, TRAILING_SPACE

__all__ = ["fix_blank_lines", "fix_cjk_space", "fix_indentation", "fix_trailing_space"]

_GAP = regex.compile(r"[ \u3000]{1,2}")
#: Cheap first test (stdlib ``re``, a fifth of the cost) for :data:`LETTER_SPACED`: three
#: ideographs one or two spaces apart, with a class that holds every ``\p{Han}`` code point
#: of the ``regex`` module (U+2E80..U+2FFF radicals, 々〇〡..〩〸..〻, CJK blocks and extensions).
_HAN_OR_MORE = (
    "[\u2e80-\u2fff\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u9fff\uf900-\ufaff"
    "\U00016fe2-\U00016ff6\U00020000-\U0003ffff]"
)
_MAYBE_LETTER_SPACED = re.compile(
    _HAN_OR_MORE + r"[ \u3000]{1,2}" + _HAN_OR_MORE + r"[ \u3000]{1,2}" + _HAN_OR_MORE
)
_BLANK_RUN = regex.compile(r"\n{4,}+")
_LEADING_BLANK = regex.compile(r"\A\n{1,}+")


def fix_indentation(text: str) -> list[Edit]:
    """Spaces, tabs and ideographic spaces at the start of a line.

    >>> [(e.start, e.end) for e in fix_indentation("a\\n\\u3000\\u3000b")]
    [(2, 4)]
    """
    return [Edit(start=m.start(), end=m.end()) for m in INDENT.finditer(text)]


def fix_trailing_space(text: str) -> list[Edit]:
    """Spaces at the end of a line (and the spaces of a line holding nothing else).

    >>> [(e.start, e.end) for e in fix_trailing_space("a  \\nb")]
    [(1, 3)]
    """
    return [Edit(start=m.start(), end=m.end()) for m in TRAILING_SPACE.finditer(text)]


def fix_cjk_space(text: str) -> list[Edit]:
    """Spaces a layout put between CJK characters, or between a number and its unit.

    Letter spacing is three or more single ideographs one space apart (``政 府 信 息``); two
    (``数 条``) are left alone since flattened tables separate their cells that way. A number
    loses the spaces around it only when a unit or date word follows (``2018 年``, ``提示 84
    次``), not between two numbers (``条 739 4359``).

    >>> [(e.start, e.end) for e in fix_cjk_space("政 府 信 息")]
    [(1, 2), (3, 4), (5, 6)]
    >>> fix_cjk_space("数 条 739 4359")
    []
    """
    edits: list[Edit] = []
    letters = LETTER_SPACED.finditer(text) if _MAYBE_LETTER_SPACED.search(text) else ()
    for m in letters:
        base = m.start()
        for g in _GAP.finditer(m.group()):
            edits.append(Edit(start=base + g.start(), end=base + g.end(), kind="cjk_space"))
    for m in NUMBER_UNIT_SPACE.finditer(text):
        for name in ("pre", "post"):
            if m.group(name) is not None:
                edits.append(Edit(start=m.start(name), end=m.end(name), kind="number_space"))
    edits.sort(key=lambda e: e.start)
    out: list[Edit] = []
    for e in edits:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def fix_blank_lines(text: str) -> list[Edit]:
    """Three or more blank lines in a row become one; blank lines at the very start go.

    >>> [(e.start, e.end) for e in fix_blank_lines("\\na\\n\\n\\n\\nb")]
    [(0, 1), (4, 6)]
    """
    edits = [Edit(start=m.start(), end=m.end()) for m in _LEADING_BLANK.finditer(text)]
    edits.extend(Edit(start=m.start() + 2, end=m.end()) for m in _BLANK_RUN.finditer(text) if m.start() > 0)
    return edits
