"""Segmentation: the heading grammar, the section tree and the report's metadata.

The grammar is data in :mod:`.patterns`; :mod:`.candidates` finds numbered
tokens and their titles, :mod:`.tree` keeps those whose numbering fits and
nests them (levels from the order styles appear), :mod:`.meta` reads title,
issuer and year. ``docs/segmentation.md`` describes every rule.

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
    """Find the headings and inline items of a clean ``text`` and build the tree.

    Numbering problems (gaps, repeats, out-of-order numbers) come back as
    diagnostics; statistics-table row labels, dates and meeting names are not
    headings.

    >>> r = segment("一、概述\\n一是建制度。二是抓落实。\\n一、二季度共受理5件。\\n三、问题")
    >>> [(s.id, s.kind, s.title) for top in r.sections for s in top.walk()]
    [('1', 'heading', '概述'), ('1.1', 'item', '建制度'), ('1.2', 'item', '抓落实'), ('3', 'heading', '问题')]
    >>> [d.code for d in r.diagnostics]
    ['heading_gap']
    """
    from .tree import build_tree

    return build_tree(text)
