"""The offset map: every clean character knows the source characters it came from.

Model: Hugging Face tokenizers' ``NormalizedString`` alignments and
pdfplumber's ``TextMap``. For each clean character ``i`` we keep
``starts[i]``/``ends[i]``, the source span it came from. A copied character
maps to ``[j, j + 1)``; a character a fixer wrote maps to the whole span it
replaced (a pure insertion maps to an empty span, or to the written span it
stands inside). Both arrays are
non-decreasing, so a source offset maps forward by bisection.

>>> m = OffsetMap.identity(6)
>>> text, m2 = m.apply("ab\\r\\ncd", [Edit(start=2, end=4, replacement="\\n")])
>>> text
'ab\\ncd'
>>> m2.to_source(2, 3)
(2, 4)
>>> m2.to_source(3, 5)
(4, 6)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Edit", "OffsetMap", "apply_edits"]

_IOTA: array[int] = array("q", range(4096))  # 0, 1, 2, ...: the identity map is sliced from it


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    """Replace ``[start, end)`` of a fixer's input with ``replacement``.

    ``kind`` overrides the fixer's name as the artifact kind when one fixer
    removes several kinds of thing.
    """

    start: int
    end: int
    replacement: str = ""
    kind: str | None = None


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``.

    >>> apply_edits("abcdef", [Edit(start=1, end=3, replacement="X"), Edit(start=5, end=6)])
    'aXde'
    """
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Clean offsets to source offsets (and back), composed across fixers."""

    __slots__ = ("ends", "source_len", "starts")

    def __init__(self, starts: array[int], ends: array[int], source_len: int) -> None:
        self.starts = starts
        self.ends = ends
        self.source_len = source_len

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        """The map of a text nobody changed yet."""
        global _IOTA
        if len(_IOTA) <= n:  # grown by doubling; slices of it are copies made in C
            _IOTA = array("q", range(max(n + 1, 2 * len(_IOTA))))
        return cls(_IOTA[:n], _IOTA[1 : n + 1], n)

    def __len__(self) -> int:
        return len(self.starts)

    def apply(self, text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
        """Apply sorted, non-overlapping ``edits`` to ``text`` (which this map
        describes) and return the new text with its composed map."""
        if not edits:
            return text, self
        starts, ends = self.starts, self.ends
        n = len(starts)
        new_starts: array[int] = array("q")
        new_ends: array[int] = array("q")
        pos = 0
        for e in edits:
            new_starts.extend(starts[pos : e.start])
            new_ends.extend(ends[pos : e.start])
            k = len(e.replacement)
            if k:
                src_s, src_e = self._span(e.start, e.end, n)
                new_starts.extend(array("q", [src_s]) * k)
                new_ends.extend(array("q", [src_e]) * k)
            pos = e.end
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return apply_edits(text, edits), OffsetMap(new_starts, new_ends, self.source_len)

    def _span(self, start: int, end: int, n: int) -> tuple[int, int]:
        if start < end:
            return self.starts[start], self.ends[end - 1]
        # an empty span between two characters: from where the next one starts, to where the
        # previous one ends if that is later (inside a written span), so both arrays stay sorted
        at = self.starts[start] if start < n else self.source_len
        return at, max(at, self.ends[start - 1]) if start > 0 else at

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the clean span ``[start, end)`` (clamped to the clean text).

        >>> OffsetMap.identity(3).to_source(1, 9)
        (1, 3)
        """
        n = len(self.starts)
        start = min(max(start, 0), n)
        return self._span(start, min(max(end, start), n), n)

    def to_clean(self, source_offset: int) -> int:
        """The first clean offset whose character comes from at or after ``source_offset``."""
        return bisect_left(self.starts, source_offset)
