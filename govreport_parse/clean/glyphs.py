"""Fake bold: glyphs a PDF printed twice to look bold (``一一、、政政府府信信息息``).

>>> from .offsets import apply_edits
>>> t = "（（一一））加加强强领领导导，统筹安排部署各项工作。"
>>> apply_edits(t, fix_fake_bold(t))
'（一）加强领导，统筹安排部署各项工作。'
"""

from __future__ import annotations

import re

from .lines import is_han
from .offsets import Edit
from .patterns import DOUBLED_RUN, SPACE

__all__ = ["fix_fake_bold"]

#: Fake bold is undone again on its own result at most this often (quadrupled glyphs).
_MAX_ROUNDS = 8

#: A cheap first test (stdlib ``re``): three doubled characters in a row, which every match
#: of :data:`DOUBLED_RUN` starts with. ``re``'s ``\s`` is ``str.isspace``, ``regex``'s is the
#: same less U+001C..U+001F, hence the class.
_MAYBE_DOUBLED = re.compile(r"(?:([\S\x1c-\x1f])\1){3}")


def fix_fake_bold(text: str) -> list[Edit]:
    """De-duplicate fake-bold text: three or more characters in a row each printed twice.

    The run must hold an ideograph and two different characters, and be either long (five
    pairs), or hold doubled punctuation or digits (``、、``), or be the whole line; so real
    reduplication (``人人``, ``一一对应``, ``干干净净``) stays.

    >>> from .offsets import apply_edits
    >>> t = "一一、、政政府府信信息息公公开开"
    >>> apply_edits(t, fix_fake_bold(t))
    '一、政府信息公开'
    >>> fix_fake_bold("要做到一一对应，人人参与，天天更新。")
    []
    """
    if _MAYBE_DOUBLED.search(text) is None:  # the usual case, at a third of DOUBLED_RUN's cost
        return []
    # repeat on the result until nothing is left to undo, so a second cleaning finds nothing;
    # only deletions, so every round maps back to offsets of ``text`` through ``kept``
    kept = list(range(len(text)))
    current = text
    deleted: list[int] = []
    for _ in range(_MAX_ROUNDS):
        gone = _doubled(current)
        if not gone:
            break
        deleted.extend(kept[i] for i in gone)
        drop = set(gone)
        kept = [k for i, k in enumerate(kept) if i not in drop]
        current = "".join(text[k] for k in kept)
    return [Edit(start=i, end=i + 1, kind="fake_bold") for i in sorted(deleted)]


def _doubled(text: str) -> list[int]:
    """Offsets of the second character of every pair in the fake-bold runs of ``text``."""
    gone: list[int] = []
    for m in DOUBLED_RUN.finditer(text):
        chars = m.group()[::2]
        pairs = len(chars)
        if len(set(chars)) < 2 or not any(is_han(c) for c in chars):
            continue
        if pairs < 5 and all(is_han(c) for c in chars) and not _whole_line(text, m.start(), m.end()):
            continue
        gone.extend(m.start() + 2 * i + 1 for i in range(pairs))
    return gone


def _whole_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip(SPACE) and not text[end:line_end].strip(SPACE)
