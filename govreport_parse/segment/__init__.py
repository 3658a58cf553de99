"""Segmentation: the heading grammar and the section tree.

>>> r = segment("一、总体情况\\n正文。\\n二、主动公开\\n正文。")
>>> [(s.id, s.number, s.title) for s in r.sections]
[('1', '一', '总体情况'), ('2', '二', '主动公开')]
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Diagnostic, Section
from .meta import Metadata, find_metadata

__all__ = ["Metadata", "SegmentResult", "find_metadata", "segment"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentResult:
    """The section tree of a clean text and what was odd about its numbering."""

    sections: tuple[Section, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def segment(text: str) -> SegmentResult:
    """Find the headings of ``text`` and build the section tree."""
    from .tree import build_tree

    return build_tree(text)
